"""Delivery status as JSON or text, and the confirmations of `submit` and `extend`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from obligations.log.store import Extension, RecordedEvent, Submission
from obligations.render.labels import Labels
from obligations.render.messages import assumption_text, pick
from obligations.report.deliveries import Delivery

_t = Labels({
    "submitted": ("Đã ghi: {unit} nộp {duty} kỳ {period} ngày {on}{ref}.",
                  "Recorded: {unit} delivered {duty} period {period} on {on}{ref}."),
    "extended": ("Đã ghi gia hạn: {unit} {duty} kỳ {period} đến {until} (theo {ref}).",
                 "Recorded extension: {unit} {duty} period {period} until {until} (granted by {ref})."),
    "title": ("Tình hình thực hiện của {name} ({unit}){year}, tính đến {on}",
              "Delivery status of {name} ({unit}){year}, as of {on}"),
    "in_year": (" năm {year}", " in {year}"),
    "on_time": ("đúng hạn", "on time"),
    "late": ("trễ {n} ngày làm việc", "late by {n} working days"),
    "missing": ("chưa nộp, quá hạn", "missing (overdue)"),
    "open": ("chưa đến hạn", "still open"),
    "delivered": ("nộp {on}", "delivered {on}"),
    "events": ("Sự kiện đã ghi:", "Recorded events:"),
    "changed": ("xét theo hạn {then} có hiệu lực khi nộp; hạn nay là {now} (văn bản sau đã đổi hạn)",
                "judged by the deadline {then} in force when delivered; the deadline is now {now} "
                "(a later document changed it)"),
    "recorded": ("Đã ghi: sự kiện {event} của {unit} ngày {on}{ref}.",
                 "Recorded: event {event} for {unit} on {on}{ref}."),
    "duties": ("Nhiệm vụ tính từ sự kiện này: {duties}", "Duties counted from it: {duties}"),
    "total": ("Tổng: {on_time} đúng hạn, {late} trễ, {missing} chưa nộp, {open} chưa đến hạn.",
              "Total: {on_time} on time, {late} late, {missing} missing, {open} still open."),
})
RESULTS = ("on_time", "late", "missing", "open")


def submitted_text(item: Submission, lang: str) -> str:
    ref = f" ({item.ref})" if item.ref else ""
    return _t("submitted", lang, unit=item.unit, duty=item.duty, period=item.period,
              on=item.delivered_on.isoformat(), ref=ref)


def extended_text(item: Extension, lang: str) -> str:
    return _t("extended", lang, unit=item.unit, duty=item.duty, period=item.period,
              until=item.until.isoformat(), ref=item.ref)


def event_text(item: RecordedEvent, duties: Sequence[str], lang: str) -> str:
    ref = f" ({item.ref})" if item.ref else ""
    text = _t("recorded", lang, event=item.event, unit=item.unit, on=item.happened_on.isoformat(), ref=ref)
    if duties:
        text += "\n" + _t("duties", lang, duties=", ".join(duties))
    return text


def status_rows(found: list[Delivery], lang: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for d in found:
        item, occ = d.item, d.item.occurrence
        row: dict[str, object] = {
            "duty": occ.duty.id, "period": occ.period, "deadline": item.deadline.isoformat(),
            "title": pick(lang, occ.duty.title_vi, occ.duty.title_en), "result": d.result,
            "delivered_on": item.submission.delivered_on.isoformat() if item.submission else None,
            "ref": item.submission.ref if item.submission else None,
            "assumptions": [assumption_text(a, lang) for a in occ.assumptions]}
        if d.result == "late":      # only a late delivery has a number of days late
            row["late_working_days"] = d.late_working_days
        if d.deadline_at_delivery is not None:   # a later document moved the deadline
            row["deadline_changed"] = True
            row["deadline_at_delivery"] = d.deadline_at_delivery.isoformat()
            row["judged_by"] = "deadline_at_delivery"
        rows.append(row)
    return rows


def totals(rows: list[dict[str, object]]) -> dict[str, int]:
    return {k: sum(r["result"] == k for r in rows) for k in RESULTS}


def status_json(unit: str, on: dt.date, year: int | None, rows: list[dict[str, object]],
                events: Sequence[RecordedEvent] = ()) -> dict[str, object]:
    return {"unit": unit, "on": on.isoformat(), "year": year, "items": rows, "totals": totals(rows),
            "events": [{"event": e.event, "on": e.happened_on.isoformat(), "ref": e.ref, "note": e.note}
                       for e in events]}


def status_text(name: str, unit: str, on: dt.date, year: int | None, rows: list[dict[str, object]],
                lang: str, events: Sequence[RecordedEvent] = ()) -> str:
    out = [_t("title", lang, name=name, unit=unit, year=_t("in_year", lang, year=year) if year else "",
              on=on.isoformat()), ""]
    for r in rows:
        verdict = _t(str(r["result"]), lang, n=r.get("late_working_days", 0))
        if r["delivered_on"]:
            verdict += ", " + _t("delivered", lang, on=r["delivered_on"]) + (f" ({r['ref']})" if r["ref"] else "")
        if r.get("deadline_changed"):
            verdict += "; " + _t("changed", lang, then=r["deadline_at_delivery"], now=r["deadline"])
        out.append(f"{r['deadline']}  {r['period']:<10}  {r['title']}: {verdict}")
        out.extend(f"{'':<12}  ↳ {a}" for a in r["assumptions"])  # type: ignore[attr-defined]
    out.append("")
    out.append(_t("total", lang, **totals(rows)))
    if events:
        out.extend(["", _t("events", lang)])
        out.extend(f"{e.happened_on.isoformat()}  {e.event}" + (f" ({e.ref})" if e.ref else "") for e in events)
    return "\n".join(out)
