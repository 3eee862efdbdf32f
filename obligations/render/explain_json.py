"""The JSON document of an explanation (``explain --format json``, the API's ``/explain``), the
same document in either language's words. Takes the explanation's parts, never the
``Explanation`` nor the workspace: ``Explanation.to_dict`` calls it, so this module must not
import report.explain (that would be an import cycle)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.log.notices import SentRecord, sent_json
from obligations.log.store import Extension, Submission
from obligations.base.version import SCHEMA_VERSION
from obligations.occurrences.model import Occurrence
from obligations.reconcile.solve import Edge, Reconciled
from obligations.render.emphasis import sentence_fields
from obligations.render.due_json import conflict_json, constraint_json, target_json
from obligations.render.history import history_json
from obligations.render.messages import (assumption_text, event_name, skipped_day, origin_source, origin_text, pick,
                                         routing_note)
from obligations.render.schedule_text import text as schedule_text
from obligations.report.context import AnchorDay, Context
from obligations.report.history import History


def explain_document(occ: Occurrence, number: str, chain: Sequence[str], implements: Sequence[Mapping[str, object]],
                     network: Mapping[OccurrenceKey, Occurrence], edges: Sequence[Edge],
                     results: Mapping[OccurrenceKey, Reconciled], result: Reconciled, sub: Submission | None,
                     anchor: Sequence[AnchorDay], history: History | None, extension: Extension | None,
                     replaced: Sequence[Submission | Extension], context: Context, lang: str,
                     notifications: Sequence[SentRecord] = ()) -> dict[str, object]:
    """The document of docs/schemas/explain.json (Explanation.to_dict passes its fields)."""
    duty = occ.duty
    described = duty.schedule.describe()
    name = context.name
    return {
        "schema_version": SCHEMA_VERSION,
        "unit": occ.unit,
        "unit_name": name(occ.unit),
        "duty": duty.id,
        "title": pick(lang, duty.title_vi, duty.title_en),
        "period": occ.period,
        "directive": number,
        "chain": list(chain),
        "implements": list(implements),
        "sources": [{"directive": s.directive, "section": s.section, **sentence_fields(s.text), "file": s.location}
                    for s in (duty.source, *duty.see_also)],
        "schedule": duty.schedule.as_table(),
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
            "skipped": [skipped_day(m, lang, cite=True) for m in occ.roll.skipped],
        },
        "anchor": [{"commemoration": a.event.commemoration_id, "name": event_name(a.event, lang),
                    "date": a.event.date.isoformat(), "anniversary": a.event.anniversary,
                    "anniversary_class": a.event.anniversary_class, "lunar": str(a.lunar) if a.lunar else None,
                    "source": a.event.source, "basis": a.event.basis} for a in anchor],
        "own_deadline": occ.deadline.isoformat(),
        "deadline_time": occ.time,
        "covers": [d.isoformat() for d in occ.covers] if occ.covers else None,
        "issuer": {"unit": occ.issuer_unit, "name": name(occ.issuer_unit)},
        "recipient": ({"unit": occ.recipient_unit, "name": name(occ.recipient_unit)}
                      if occ.recipient_unit else None),
        "routing": [routing_note(n, lang) for n in occ.routing],
        "assumptions": [{"kind": a.kind, "subject": a.subject, "why": a.why, "where": a.where,
                         "text": assumption_text(a, lang)} for a in occ.assumptions],
        "above": [
            {"occurrence": str(edge.parent), "unit": edge.parent.unit, "duty": edge.parent.duty,
             "own_deadline": network[edge.parent].deadline.isoformat(),
             "effective_deadline": results[edge.parent].deadline.isoformat() if edge.parent in results else None,
             "fed_by": str(edge.child), "lead_working_days": edge.lead,
             "lead_source": origin_source(edge.origin, lang), "lead_text": origin_text(edge.origin, lang)}
            for edge in edges],
        "deadline": result.deadline.isoformat(),
        "effective_window_start": result.window_start.isoformat(),
        "decided_by": [constraint_json(c, lang) for c in result.decided_by],
        "started_by": [constraint_json(c, lang) for c in result.started_by],
        "target": target_json(result, lang, name),
        "conflicts": [conflict_json(result.conflict, lang, name)] if result.conflict else [],
        "submission": ({"delivered_on": sub.delivered_on.isoformat(), "ref": sub.ref, "note": sub.note,
                        "recorded_at": sub.recorded_at, "reason": sub.reason} if sub else None),
        "extension": ({"until": extension.until.isoformat(), "ref": extension.ref, "note": extension.note,
                       "recorded_at": extension.recorded_at, "reason": extension.reason}
                      if extension else None),
        "replaced": [_record_json(r) for r in replaced],
        "notifications": sent_json(notifications),
        "history": history_json(history, lang),
    }


def _record_json(r: Submission | Extension) -> dict[str, object]:
    """A record replaced by a later one (history)."""
    if isinstance(r, Submission):
        return {"kind": "submission", "date": r.delivered_on.isoformat(), "ref": r.ref, "note": r.note,
                "recorded_at": r.recorded_at}
    return {"kind": "extension", "date": r.until.isoformat(), "ref": r.ref, "note": r.note,
            "recorded_at": r.recorded_at}
