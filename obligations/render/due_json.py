"""The JSON document of a due report (``due --format json``, the API's ``/due``), in
Vietnamese or English words. Takes the report's parts, never the report nor the workspace:
``DueReport.to_dict`` calls it (see obligations.report.due), so this module must not import
the result types (that would be an import cycle)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from obligations.base.version import SCHEMA_VERSION
from obligations.occurrences.model import Placement
from obligations.reconcile.solve import Conflict, Constraint, LeadOrigin, Reconciled
from obligations.render.emphasis import sentence_fields
from obligations.render.messages import (assumption_text, not_active_text, conflict_advice, conflict_message, constraint_source,
                                         constraint_text, skipped_day, pick, placement_message, routing_note,
                                         target_text)
from obligations.report.context import Context
from obligations.report.not_active import NotActive
from obligations.status.assess import Item


def constraint_json(c: Constraint, lang: str = "vi") -> dict[str, object]:
    result: dict[str, object] = {
        "kind": c.kind, "unit": c.node.unit, "duty": c.node.duty, "period": c.node.period,
        "date": c.date.isoformat() if c.date else None, "source": constraint_source(c, lang), "text": constraint_text(c, lang)}
    if c.kind == "lead":
        result["lead_working_days"] = c.lead
        if isinstance(c.origin, LeadOrigin):
            result["basis"] = c.origin.basis or None
            result["internal"] = c.origin.internal
        # the days off passed over counting the lead time back, each with its reason and source
        result["skipped"] = [skipped_day(m, lang, cite=True) for m in c.skipped]
    return result


def conflict_json(conflict: Conflict, lang: str, name_of: Callable[[str], str] = str) -> dict[str, object]:
    return {"unit": conflict.node.unit, "occurrence": str(conflict.node),
            "window_start": conflict.window_start.isoformat(), "deadline": conflict.deadline.isoformat(),
            "message": conflict_message(conflict, lang),
            "advice": conflict_advice(conflict, lang, name_of),
            "constraints": [constraint_json(c, lang) for c in conflict.constraints]}


def target_json(result: Reconciled, lang: str, name_of: Callable[[str], str]) -> dict[str, object] | None:
    if result.target is None:
        return None
    return {"date": result.target.isoformat(), "text": target_text(result, lang, name_of),
            "decided_by": [constraint_json(c, lang) for c in result.target_by]}


def item_json(item: Item, context: Context, lang: str) -> dict[str, object]:
    occ = item.occurrence
    duty = occ.duty
    directive = context.directives[duty.directive]
    name = context.name
    result: dict[str, object] = {
        "id": str(occ.key),
        "duty": duty.id,
        "directive": directive.number,
        "title": pick(lang, duty.title_vi, duty.title_en),
        "kind": duty.kind,
        "period": occ.period,
        "window_start": item.window_start.isoformat(),
        "last_allowed": occ.last_allowed.isoformat(),
        "own_deadline": occ.deadline.isoformat(),
        "deadline": item.deadline.isoformat(),
        "deadline_time": occ.time,
        "status": item.status,
        "days_left": item.days_left,
        "working_days_left": item.working_days_left,
        "issuer": {"unit": occ.issuer_unit, "name": name(occ.issuer_unit)},
        "recipient": ({"unit": occ.recipient_unit, "name": name(occ.recipient_unit)}
                      if occ.recipient_unit else None),
        "body": duty.body,
        "sources": [{"directive": s.directive, "section": s.section, **sentence_fields(s.text), "file": s.location}
                    for s in (duty.source, *duty.see_also)],
        "chain": [directive.number, *directive.chain],
        "implements": list(directive.implements),
        "calendar": {
            "policy": occ.roll.policy,
            "moved": occ.roll.moved,
            "skipped": [skipped_day(m, lang) for m in occ.roll.skipped],
        },
        "routing": [routing_note(n, lang) for n in occ.routing],
        "assumptions": [{"kind": a.kind, "subject": a.subject, "why": a.why, "where": a.where,
                         "text": assumption_text(a, lang)} for a in occ.assumptions],
        "decided_by": [constraint_json(c, lang) for c in item.result.decided_by],
        "target": target_json(item.result, lang, name),
        "one_day_window": item.window_start == item.deadline,
        "conflicts": [conflict_json(item.result.conflict, lang, name)] if item.result.conflict else [],
        "submission": ({"delivered_on": item.submission.delivered_on.isoformat(), "ref": item.submission.ref,
                        "note": item.submission.note} if item.submission else None),
    }
    if occ.anchor:
        result["anchor"] = {"commemoration": "+".join(occ.anchor.commemorations), "date": occ.anchor.date.isoformat()}
    return result


def due_document(unit: str, on: dt.date, backend: str, items: Sequence[Item], hidden_overdue: int,
                 placements: Sequence[Placement], context: Context, lang: str,
                 not_active: NotActive | None = None) -> dict[str, object]:
    """The document of docs/schemas/due.json."""
    return {
        "schema_version": SCHEMA_VERSION,
        "unit": unit,
        "unit_name": context.name(unit),
        "on": on.isoformat(),
        "engine": backend,
        "items": [item_json(item, context, lang) for item in items],
        "hidden_overdue": hidden_overdue,
        "provisional_years": list(context.provisional_years),
        "placement_problems": [{"unit": p.unit, "duty": p.duty, "period": p.period, "message": placement_message(p, lang),
                                "file": p.location} for p in placements],
        "not_active": None if not_active is None else not_active_json(unit, on, not_active, context, lang),
    }


def not_active_json(unit: str, on: dt.date, why: NotActive, context: Context, lang: str) -> dict[str, object]:
    """Why nothing is listed: the unit's last day and its successor, or its first day."""
    return {"ended": why.ended.isoformat() if why.ended else None,
            "begins": why.begins.isoformat() if why.begins else None,
            "successor": why.successor, "successor_name": context.name(why.successor) if why.successor else None,
            "text": not_active_text(unit, on, why, context, lang)}
