"""The whole derivation of one occurrence, as data (the `explain` command formats it)."""

from __future__ import annotations

import datetime as dt

import attrs

from .errors import InputError
from .model import Occurrence
from .present import conflict_json, constraint_json
from .service import Workspace, own_result


def find_occurrence(ws: Workspace, unit_id: str, duty_id: str, period: str | None,
                    on: dt.date) -> Occurrence:
    try:
        duty = ws.rules.duty(duty_id)
    except KeyError:
        known = ", ".join(d.id for d in ws.rules.duties)
        raise InputError(f"unknown or ambiguous duty {duty_id!r}", fix=f"use one of: {known}") from None
    ws.hierarchy.unit(unit_id)
    first = duty.valid_from.year
    last = (duty.valid_until or dt.date(on.year + 1, 12, 31)).year
    cal = ws.calendar_for(unit_id)
    occurrences, _ = ws.occurrences(unit_id, max(first, cal.data.first_year),
                                    min(last, cal.data.last_year), duties=[duty])
    if not occurrences:
        raise InputError(f"{unit_id} does not perform {duty.id} on any date",
                         fix="check the unit (is it a performer of this duty?) or the duty id")
    if period is not None:
        for occ in occurrences:
            if occ.period == period:
                return occ
        raise InputError(f"{duty.id} has no period {period!r} for {unit_id}",
                         fix="use one of: " + ", ".join(o.period for o in occurrences))
    upcoming = [o for o in occurrences if o.deadline >= on]
    return upcoming[0] if upcoming else occurrences[-1]


def explain(ws: Workspace, unit_id: str, duty_id: str, period: str | None, on: dt.date,
            lang: str = "vi") -> dict:
    occ = find_occurrence(ws, unit_id, duty_id, period, on)
    found, nodes, edges = ws.network([occ])
    results = ws.reconcile([occ]) if occ.duty.feeds else {occ.key: own_result(occ, ws.node(occ))}
    result = results[occ.key]
    duty = occ.duty
    directive = ws.rules.directive(duty.directive)
    h = ws.hierarchy
    schedule = {k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v)
                for k, v in attrs.asdict(duty.schedule, recurse=False).items() if v not in (None, (), 0)}
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
        "valid": {"from": duty.valid_from.isoformat(),
                  "until": duty.valid_until.isoformat() if duty.valid_until else None},
        "policy": attrs.asdict(duty.policy),
        "window_start": occ.window_start.isoformat(),
        "last_allowed": occ.last_allowed.isoformat(),
        "calendar": {
            "policy": occ.roll.policy,
            "from": occ.roll.original.isoformat(),
            "to": occ.roll.result.isoformat(),
            "skipped": [{"date": m.date.isoformat(), "reason": m.reason_en if lang == "en" else m.reason_vi}
                        for m in occ.roll.skipped],
        },
        "own_deadline": occ.deadline.isoformat(),
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
    }
