"""The whole derivation of one occurrence, as data (the `explain` command formats it)."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.render.due import conflict_json, constraint_json
from obligations.render.schedule_text import text as schedule_text
from obligations.workspace import Workspace


def explain(ws: Workspace, unit_id: str, duty_id: str, period: str | None, on: dt.date,
            lang: str = "vi", log=None) -> dict:
    occ = ws.find_occurrence(unit_id, duty_id, period, on,
                             events=log.event_dates(unit_id) if log is not None else None)
    extensions = log.granted() if log else {}
    found, nodes, edges = ws.network([occ], extensions)
    results = ws.reconcile([occ], extensions)
    result = results[occ.key]
    duty = occ.duty
    directive = ws.rules.directive(duty.directive)
    h = ws.hierarchy
    schedule = duty.schedule.as_table()
    described = duty.schedule.describe()
    return {
        "unit": unit_id,
        "unit_name": h.name(unit_id),
        "duty": duty.id,
        "title": duty.title_en if lang == "en" else duty.title_vi,
        "period": occ.period,
        "directive": directive.number,
        "chain": [directive.number, *ws.chain(directive)],
        "sources": [{"directive": s.directive, "section": s.section, "text": s.text, "file": s.location}
                    for s in (duty.source, *duty.see_also)],
        "schedule": schedule,
        "rule": {"code": described.code, "params": dict(described.params), "text": schedule_text(described, lang)},
        "valid": {"from": duty.valid_from.isoformat(),
                  "until": duty.valid_until.isoformat() if duty.valid_until else None},
        "policy": attrs.asdict(duty.policy),
        "window_start": occ.window_start.isoformat(),
        "last_allowed": occ.last_allowed.isoformat(),
        "calendar": {
            "policy": occ.roll.policy,
            "from": occ.roll.original.isoformat(),
            "to": occ.roll.result.isoformat(),
            "skipped": [{"date": m.date.isoformat(), "reason": m.reason_en if lang == "en" else m.reason_vi,
                         "source": m.source}
                        for m in occ.roll.skipped],
        },
        "own_deadline": occ.deadline.isoformat(),
        "deadline_time": occ.time,
        "covers": [d.isoformat() for d in occ.covers] if occ.covers else None,
        "issuer": {"unit": occ.issuer_unit, "name": h.name(occ.issuer_unit)},
        "recipient": {"unit": occ.recipient_unit, "name": h.name(occ.recipient_unit)} if occ.recipient_unit else None,
        "routing": [n.text(lang) for n in occ.routing],
        "above": [
            {"occurrence": e.parent, "unit": e.parent.split("|")[0], "duty": e.parent.split("|")[1],
             "own_deadline": found[e.parent].deadline.isoformat(),
             "effective_deadline": results[e.parent].deadline.isoformat() if e.parent in results else None,
             "fed_by": e.child, "lead_working_days": e.lead, "lead_source": e.source, "lead_text": e.text}
            for e in edges],
        "deadline": result.deadline.isoformat(),
        "effective_window_start": result.window_start.isoformat(),
        "decided_by": [constraint_json(c) for c in result.decided_by],
        "started_by": [constraint_json(c) for c in result.started_by],
        "conflicts": [conflict_json(result.conflict, lang)] if result.conflict else [],
        "submission": (lambda sub: {"delivered_on": sub.delivered_on.isoformat(), "ref": sub.ref, "note": sub.note}
                       if sub else None)((log.delivered(unit_id) if log else {}).get(occ.key)),
    }
