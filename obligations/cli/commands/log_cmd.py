"""`submit`, `extend` and `status`: the submissions log, day to day."""

from __future__ import annotations

import datetime as dt
import json
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.render.labels import Labels
from obligations.workspace import Workspace
from obligations.log.store import SubmissionLog

_t = Labels({
    "submitted": ("Đã ghi: {unit} nộp {duty} kỳ {period} ngày {on}{ref}.",
                  "Recorded: {unit} delivered {duty} period {period} on {on}{ref}."),
    "extended": ("Đã ghi gia hạn: {unit} {duty} kỳ {period} đến {until} (theo {ref}).",
                 "Recorded extension: {unit} {duty} period {period} until {until} (granted by {ref})."),
    "title": ("Tình hình thực hiện của {name} ({unit}){year}, tính đến {on}",
              "Delivery status of {name} ({unit}){year}, as of {on}"),
    "on_time": ("đúng hạn", "on time"),
    "late": ("trễ {n} ngày làm việc", "late by {n} working days"),
    "missing": ("chưa nộp, quá hạn", "missing (overdue)"),
    "open": ("chưa đến hạn", "still open"),
    "delivered": ("nộp {on}", "delivered {on}"),
    "total": ("Tổng: {on_time} đúng hạn, {late} trễ, {missing} chưa nộp, {open} chưa đến hạn.",
              "Total: {on_time} on time, {late} late, {missing} missing, {open} still open."),
})




def run_submit(args, out: TextIO) -> int:
    today = today_in_vietnam()
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today
    ws = Workspace.load(args.rules, args.org, args.calendars)
    item = ws.record_submission(SubmissionLog(args.db), args.unit, args.duty, args.period, on, today,
                                ref=args.ref, note=args.note)
    ref = f" ({item.ref})" if item.ref else ""
    out.write(_t("submitted", args.lang, unit=item.unit, duty=item.duty, period=item.period,
                 on=item.delivered_on.isoformat(), ref=ref) + "\n")
    return 0


def run_extend(args, out: TextIO) -> int:
    until = parse_iso_date(args.until, what="--until")
    ws = Workspace.load(args.rules, args.org, args.calendars)
    item = ws.record_extension(SubmissionLog(args.db), args.unit, args.duty, args.period, until, args.ref,
                               note=args.note)
    out.write(_t("extended", args.lang, unit=item.unit, duty=item.duty, period=item.period,
                 until=item.until.isoformat(), ref=item.ref) + "\n")
    return 0


def classify(ws: Workspace, item, on: dt.date) -> tuple[str, int]:
    """on_time | late (with working days) | missing | open."""
    sub = item.submission
    if sub is not None:
        if sub.delivered_on <= item.deadline:
            return "on_time", 0
        cal = ws.calendar_for(item.occurrence.unit)
        one = dt.timedelta(days=1)
        return "late", cal.count_working_days(item.deadline + one, sub.delivered_on + one)
    return ("missing", 0) if item.deadline < on else ("open", 0)


def run_status(args, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = Workspace.load(args.rules, args.org, args.calendars)
    log = SubmissionLog(args.db)
    ws.hierarchy.unit(args.unit)
    if args.year is not None:
        ws.calendar_for(args.unit).check_year(args.year)
    first = args.year or min(d.valid_from.year for d in ws.rules.duties)
    last = args.year or on.year
    occurrences, _ = ws.occurrences(args.unit, first - 1, last + 1)
    items = [i for i in ws.evaluate(args.unit, on, occurrences, log=log)
             if first <= i.deadline.year <= last and (args.year or i.window_start <= on)]
    items.sort(key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
    rows = []
    for item in items:
        verdict, late = classify(ws, item, on)
        occ = item.occurrence
        rows.append({"duty": occ.duty.id, "period": occ.period, "deadline": item.deadline.isoformat(),
                     "title": occ.duty.title_en if args.lang == "en" else occ.duty.title_vi,
                     "result": verdict, "late_working_days": late,
                     "delivered_on": item.submission.delivered_on.isoformat() if item.submission else None,
                     "ref": item.submission.ref if item.submission else None})
    counts = {k: sum(r["result"] == k for r in rows) for k in ("on_time", "late", "missing", "open")}
    if args.format == "json":
        json.dump({"unit": args.unit, "on": on.isoformat(), "year": args.year, "items": rows, "totals": counts},
                  out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    year = f" {'năm' if args.lang == 'vi' else 'in'} {args.year}" if args.year else ""
    out.write(_t("title", args.lang, name=ws.hierarchy.name(args.unit), unit=args.unit, year=year,
                 on=on.isoformat()) + "\n\n")
    for r in rows:
        verdict = _t(r["result"], args.lang, n=r["late_working_days"])
        if r["delivered_on"]:
            verdict += ", " + _t("delivered", args.lang, on=r["delivered_on"]) + (f" ({r['ref']})" if r["ref"] else "")
        out.write(f"{r['deadline']}  {r['period']:<10}  {r['title']}: {verdict}\n")
    out.write("\n" + _t("total", args.lang, **counts) + "\n")
    return 0
