"""`explain`: the whole derivation of one occurrence."""

from __future__ import annotations

import json
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.render.labels import Labels
from obligations.report.explain import explain
from obligations.workspace import Workspace

_t = Labels({
    "head": ("Giải trình hạn: {title} — {unit_name} ({unit}), kỳ {period}",
             "Derivation: {title} — {unit_name} ({unit}), period {period}"),
    "source": ("1. Nguồn", "1. Source"),
    "chain": ("   Chuỗi văn bản: {chain}", "   Chain of directives: {chain}"),
    "rule": ("2. Quy tắc", "2. Rule"),
    "window": ("   Cửa sổ {start} → ngày cuối được phép {last} (before={before}, opens={opens})",
               "   Window {start} → last allowed day {last} (before={before}, opens={opens})"),
    "cal": ("3. Lịch làm việc (quy tắc {policy})", "3. Working calendar (policy {policy})"),
    "skip": ("   {date}: {reason} — bỏ qua", "   {date}: {reason} — skipped"),
    "own": ("   Hạn riêng: {date}", "   Own deadline: {date}"),
    "route": ("4. Định tuyến: ban hành {issuer}; gửi {recipient}", "4. Routing: issued by {issuer}; to {recipient}"),
    "above": ("5. Ràng buộc từ cấp trên", "5. Constraints from above"),
    "edge": ("   {child} → {parent}: hạn riêng {own}, hạn hiệu lực {eff}; thời gian tổng hợp {lead} ngày làm việc ({source})",
             "   {child} → {parent}: own {own}, effective {eff}; lead time {lead} working days ({source})"),
    "none": ("   (không có)", "   (none)"),
    "decided": ("6. Hạn hiệu lực {date}, quyết định bởi:", "6. Effective deadline {date}, decided by:"),
    "started": ("   Cửa sổ hiệu lực mở từ {date}", "   Effective window opens {date}"),
    "conflicts": ("7. Xung đột", "7. Conflicts"),
})




def as_text(doc: dict, lang: str) -> str:
    out = [_t("head", lang, **doc), "", _t("source", lang)]
    for s in doc["sources"]:
        out.append(f"   {s['directive']} mục {s['section']} ({s['file']}):")
        out.append(f"   “{s['text']}”")
    out.append(_t("chain", lang, chain=" ← ".join(doc["chain"])))
    out.append(_t("rule", lang))
    out.append("   schedule: " + ", ".join(f"{k}={v}" for k, v in doc["schedule"].items())
               + f"; valid {doc['valid']['from']} → {doc['valid']['until'] or '…'}")
    out.append(_t("window", lang, start=doc["window_start"], last=doc["last_allowed"], **doc["policy"]))
    out.append(_t("cal", lang, policy=doc["calendar"]["policy"]))
    for m in doc["calendar"]["skipped"]:
        out.append(_t("skip", lang, **m))
    out.append(_t("own", lang, date=doc["own_deadline"]))
    out.append(_t("route", lang, issuer=doc["issuer"]["name"],
                  recipient=doc["recipient"]["name"] if doc["recipient"] else "—"))
    out.extend(f"   {note}" for note in doc["routing"])
    out.append(_t("above", lang))
    for e in doc["above"]:
        out.append(_t("edge", lang, child=e["fed_by"], parent=e["occurrence"], own=e["own_deadline"],
                      eff=e["effective_deadline"], lead=e["lead_working_days"], source=e["lead_source"]))
    if not doc["above"]:
        out.append(_t("none", lang))
    out.append(_t("decided", lang, date=doc["deadline"]))
    for c in doc["decided_by"]:
        extra = f" −{c['lead_working_days']}" if c["kind"] == "lead" else ""
        out.append(f"   [{c['kind']}{extra}] {c['date']} {c['source']}")
    out.append(_t("started", lang, date=doc["effective_window_start"]))
    out.append(_t("conflicts", lang))
    for c in doc["conflicts"]:
        out.append(f"   {c['message']}")
    if not doc["conflicts"]:
        out.append(_t("none", lang))
    return "\n".join(out)


def run(args, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = Workspace.load(args.rules, args.org, args.calendars)
    from obligations.log.store import SubmissionLog

    doc = explain(ws, args.unit, args.duty, args.period, on, args.lang, log=SubmissionLog(args.db))
    if args.format == "json":
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(as_text(doc, args.lang) + "\n")
    return 0
