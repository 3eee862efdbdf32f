"""The whole derivation of one occurrence, as data (obligations.render.explain words it)."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.calendar.lunar import to_lunar
from obligations.log.notices import SentRecord, records
from obligations.log.store import Extension, Submission, SubmissionLog
from obligations.occurrences.model import Occurrence
from obligations.reconcile.solve import Edge, Reconciled
from obligations.rules.model import Directive
from obligations.report.context import AnchorDay, Context, capture, mentioned_units
from obligations.report.history import History, history
from obligations.report.facade import Facade as Workspace   # the protocol: these reports sit below the class


@record
@attrs.frozen(repr=False)
class Explanation:
    """The whole derivation of one occurrence (``Workspace.explain``): the ``occurrence``, its
    ``directive`` and the ``chain`` of directives above it, every occurrence it feeds
    (``network``, ``edges``) with their ``results``, its own ``result`` (effective deadline
    and what decided it), the ``history`` of its duty and what the log records for it."""

    occurrence: Occurrence
    directive: Directive
    chain: tuple[str, ...]                        # this directive's number, then what it implements
    network: dict[OccurrenceKey, Occurrence]      # everything the occurrence feeds, transitively
    edges: tuple[Edge, ...]
    results: dict[OccurrenceKey, Reconciled]
    result: Reconciled
    submission: Submission | None
    anchor: tuple[AnchorDay, ...] = ()            # a peak: its commemoration(s) that year
    implements: list[dict[str, object]] = attrs.field(factory=list)   # the tree of directives implemented

    history: History | None = None                # the dated versions of the duty (rules/versions.py)
    extension: Extension | None = None            # the extension in force, from the log
    replaced: tuple[Submission | Extension, ...] = ()    # the log's records of it replaced by later ones
    # the names of the units it mentions, captured when built: the explanation renders alone
    context: Context = attrs.field(factory=Context, eq=False)
    notifications: tuple[SentRecord, ...] = ()    # what `notify` sent about it (docs/notify.md)

    def to_dict(self, lang: str = "vi") -> dict[str, object]:
        """The JSON document of ``explain --format json`` (docs/schemas/explain.json): ``lang``
        ("vi" or "en") chooses the words of its texts only."""
        # Words are rendering's job: the one upward import allowed, inside to_dict only, of a
        # writer that imports no result type (tests/test_architecture.py).
        from obligations.render.explain_json import explain_document

        return explain_document(
            self.occurrence, self.directive.number, self.chain, self.implements, self.network, self.edges,
            self.results, self.result, self.submission, self.anchor, self.history, self.extension, self.replaced,
            self.context, lang, self.notifications)


def anchor_days(ws: Workspace, occ: Occurrence) -> tuple[AnchorDay, ...]:
    if occ.anchor is None:
        return ()
    cal = ws.calendar_for(occ.unit)
    found = []
    for cid in occ.anchor.commemorations:
        for event in cal.commemoration_dates(cid, occ.anchor.date.year):
            if event.date == occ.anchor.date:
                found.append(AnchorDay(event, to_lunar(event.date) if event.kind == "lunar" else None))
    return tuple(found)


def explain(ws: Workspace, unit_id: str, duty_id: str, period: str | None, on: dt.date,
            log: SubmissionLog | None = None) -> Explanation:
    if period is None:       # "the next one due" of a unit that has ended is no one's
        ws.hierarchy.require_on(unit_id, on)
    occ = ws.find_occurrence(unit_id, duty_id, period, on,
                             events=log.event_dates(unit_id) if log is not None else None)
    extensions = log.granted() if log else {}
    found, _, edges = ws.network([occ], extensions)
    # every level above with its own effective deadline (``found`` holds ``occ`` too)
    results = ws.reconcile(found.values(), extensions)
    directive = ws.rules.directive(occ.duty.directive)
    submission = (log.delivered(unit_id) if log else {}).get(occ.key)
    replaced = tuple(r for r in (log.replaced(unit_id) if log else [])
                     if isinstance(r, (Submission, Extension)) and r.key == occ.key)
    units = [u for o in found.values() if o.key in results for u in mentioned_units(o, results[o.key])]
    context = capture(ws.rules, ws.hierarchy, [*mentioned_units(occ, results[occ.key]), *units], ())
    return Explanation(occ, directive, (directive.number, *ws.chain(directive)), found, tuple(edges),
                       results, results[occ.key], submission, anchor_days(ws, occ),
                       ws.rules.implements_tree(directive), history(ws, occ), extensions.get(occ.key), replaced,
                       context, notifications=tuple(records(log, str(occ.key))) if log is not None else ())
