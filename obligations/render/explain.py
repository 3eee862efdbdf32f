"""An explanation's JSON document (render/explain_json.py) as numbered text."""

from __future__ import annotations

from obligations.render.history import history_text
from obligations.render.day_text import day_iso, instant_iso, period_text
from obligations.render.emphasis import plain
from obligations.render.labels import Labels, label, npmsg, pmsg
from obligations.render.messages import policy_word, roll_policy
from obligations.render.notify_mail import sent_text

_t = Labels([
    pmsg("head", "Derivation: {title} — {unit_name} ({unit}), period {period}"),
    pmsg("source_at", "   {directive} sec. {section} ({file}):"),
    pmsg("source", "1. Source"),
    pmsg("chain", "   Chain of directives: {chain}"),
    pmsg("implements", "{pad}implements {number}"),
    pmsg("no_file", " (no rule file)"),
    pmsg("rule", "2. Rule"),
    pmsg("window", "   Window {start} → last allowed day {last} (before={before}, opens={opens})"),
    pmsg("cal", "3. Working calendar (policy {policy})"),
    pmsg("anchor", "   Peak around {name} on {date}{nth}{lunar} ({source})"),
    pmsg("skip", "   {date}: {reason} — skipped"),
    pmsg("own", "   Own deadline: {date}"),
    pmsg("route", "4. Routing: issued by {issuer}; to {recipient}"),
    pmsg("above", "5. Constraints from above"),
    npmsg("edge", "   {child} → {parent}: own {own}, effective {eff}; lead time {n} working day ({source})",
                  "   {child} → {parent}: own {own}, effective {eff}; lead time {n} working days ({source})"),
    pmsg("schedule", "   schedule: {fields}; valid {start} → {until}"),
    pmsg("kind.deadline", "deadline"), pmsg("kind.window_start", "window_start"),
    pmsg("kind.extension", "extension"), pmsg("kind.lead", "lead"),
    pmsg("none", "   (none)"),
    pmsg("decided", "6. Effective deadline {date}, decided by:"),
    pmsg("started", "   Effective window opens {date}"),
    pmsg("conflicts", "7. Conflicts"),
    pmsg("log", "{n}. The submissions log"),
    pmsg("delivered", "   Delivered on {date}{ref}, recorded at {at}"),
    pmsg("not_delivered", "   No delivery recorded"),
    pmsg("extended", "   Extended until {date}{ref}, recorded at {at}"),
    pmsg("reason", "     reason for replacing the earlier record: {reason}"),
    pmsg("old_submission", "   Replaced record: delivered on {date}{ref}, recorded at {at}"),
    pmsg("old_extension", "   Replaced record: extended until {date}{ref}, recorded at {at}"),
])


def _log_text(d: dict[str, object], lang: str, number: int) -> list[str]:
    def ref(value: object) -> str:
        return f" ({value})" if value else ""
    out = [_t("log", lang, n=number)]
    sub = d.get("submission")
    if isinstance(sub, dict):
        out.append(_t("delivered", lang, date=day_iso(sub["delivered_on"], lang), ref=ref(sub["ref"]),
                      at=instant_iso(sub.get("recorded_at"), lang)))
        if sub.get("reason"):
            out.append(_t("reason", lang, reason=sub["reason"]))
    else:
        out.append(_t("not_delivered", lang))
    ext = d.get("extension")
    if isinstance(ext, dict):
        out.append(_t("extended", lang, date=day_iso(ext["until"], lang), ref=ref(ext["ref"]), at=instant_iso(ext["recorded_at"], lang)))
        if ext.get("reason"):
            out.append(_t("reason", lang, reason=ext["reason"]))
    for old in d.get("replaced") or []:  # type: ignore[attr-defined]
        out.append(_t("old_" + old["kind"], lang, date=day_iso(old["date"], lang), ref=ref(old["ref"]),
                      at=instant_iso(old["recorded_at"], lang)))
    return out


def _tree(nodes: object, lang: str, pad: str) -> list[str]:
    lines: list[str] = []
    for node in nodes if isinstance(nodes, list) else []:
        lines.append(_t("implements", lang, pad=pad, number=node["number"])
                     + ("" if node["known"] else _t("no_file", lang)))
        lines.extend(_tree(node["implements"], lang, pad + "  "))
    return lines


def explain_text(doc: dict[str, object], lang: str) -> str:
    """The JSON document of ``Explanation.to_dict`` as numbered text."""
    d: dict = dict(doc)  # type: ignore[type-arg]
    # a period named by its day (a peak's) is written as the reader writes days; JSON keeps the id
    out = [_t("head", lang, **dict(d, period=period_text(d["period"], lang))), "", _t("source", lang)]
    for s in d["sources"]:
        out.append(_t("source_at", lang, directive=s["directive"], section=s["section"], file=s["file"]))
        out.append(f"   “{plain(s['text'])}”")      # without the rule file's emphasis marks
    out.append(_t("chain", lang, chain=d["chain"][0]))
    out.extend(_tree(d["implements"], lang, "      "))
    out.append(_t("rule", lang))
    # the rule file's own notation (every=..., inclusive=True) only in English, for those who
    # write rules; Vietnamese text says the same in words on the next line
    out.append(_t("schedule", lang, fields=", ".join(f"{k}={v}" for k, v in d["schedule"].items()),
                  start=day_iso(d["valid"]["from"], lang), until=day_iso(d["valid"]["until"], lang) or "…"))
    out.append(f"   {d['rule']['text']}")
    policy = d["policy"]
    out.append(_t("window", lang, start=day_iso(d["window_start"], lang), last=day_iso(d["last_allowed"], lang),
                  before=policy_word("before", policy["before"], lang), opens=policy_word("opens", policy["opens"], lang)))
    for a in d["anchor"]:
        out.append(_t("anchor", lang, name=a["name"], date=day_iso(a["date"], lang),
                      nth=f" — {label('anniversary', lang, n=a['anniversary'])}" if a["anniversary"] else "",
                      lunar=f" ({a['lunar']})" if a["lunar"] else "", source=a["source"]))
    out.append(_t("cal", lang, policy=roll_policy(d["calendar"]["policy"], lang)))
    for m in d["calendar"]["skipped"]:
        out.append(_t("skip", lang, **dict(m, date=day_iso(m["date"], lang))))
    out.append(_t("own", lang, date=day_iso(d["own_deadline"], lang)
                  + (f" {d['deadline_time']}" if d["deadline_time"] else "")))
    out.append(_t("route", lang, issuer=d["issuer"]["name"],
                  recipient=d["recipient"]["name"] if d["recipient"] else "—"))
    out.extend(f"   {note}" for note in d["routing"])
    out.extend(f"   {a['text']}" for a in d["assumptions"])
    out.append(_t("above", lang))
    for a in d["above"]:
        out.append(_t("edge", lang, child=a["fed_by"], parent=a["occurrence"], own=day_iso(a["own_deadline"], lang),
                      eff=day_iso(a["effective_deadline"], lang) or "?", n=a["lead_working_days"],
                      source=a["lead_source"]))
    if not d["above"]:
        out.append(_t("none", lang))
    out.append(_t("decided", lang, date=day_iso(d["deadline"], lang)))
    for c in d["decided_by"]:
        extra = f" −{c['lead_working_days']}" if c["kind"] == "lead" else ""
        kind = _t(f"kind.{c['kind']}", lang) if f"kind.{c['kind']}" in _t else c["kind"]
        out.append(f"   [{kind}{extra}] {day_iso(c['date'], lang) or '?'} {c['source']}")
        out.extend(_t("skip", lang, **dict(m, date=day_iso(m["date"], lang))) for m in c.get("skipped", []))
    if d["target"]:
        out.append(f"   {d['target']['text']}")
    out.append(_t("started", lang, date=day_iso(d["effective_window_start"], lang)))
    out.append(_t("conflicts", lang))
    for c in d["conflicts"]:
        out.append(f"   {c['message']}")
        out.extend(f"   {line}" for line in c["advice"])
    if not d["conflicts"]:
        out.append(_t("none", lang))
    versions = history_text(d.get("history"), lang)      # section 8 when the duty has versions
    out.extend(versions)
    out.extend(_log_text(d, lang, 9 if versions else 8))
    if d.get("notifications"):      # what `notify` sent about it (docs/notify.md)
        out.append(sent_text(d["notifications"], lang))
    return "\n".join(out)
