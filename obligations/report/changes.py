"""What changed between two states of knowledge (``Workspace.changes``; the ``changes`` command).

The two states are two workspaces: the same inputs as known on two days (``Workspace.known_on``:
the documents, and the calendar decisions, issued by each day), or two rules directories (a draft
not yet in force). Each is evaluated as ``due --under`` evaluates a unit and every unit below it
(report/bulk.py, shared per shape), over the deadlines of the range asked about and a margin either
side, so that an occurrence moved across an edge of the range is seen as moved, not added or
removed. The occurrences compared are those whose old or new effective deadline is in [start, end]
(docs/usage.md, "changes").

Causes (report.changes_model.Cause), from the inputs, never guessed:
- a document that differs between the two states (new, withdrawn, or changed in the new rules
  directory) and defines the duty, or amends, replaces, revokes, reinstates or postpones it;
- a calendar decision: a day between the earlier and the later of the occurrence's days (own and
  effective deadlines, last allowed days) that is a working day in one state and not in the other;
- ``above``: the deadline is set by an occurrence it feeds (``Reconciled.decided_by``) whose
  deadline moved, named with its own causes;
- else ``unexplained`` (said, not hidden).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from obligations.base.errors import InputError, said
from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.calendar.working import VietnamCalendar
from obligations.log.store import SubmissionLog
from obligations.report.changes_model import Acknowledgement, Cause, Change, ChangeKind, DocumentAction
from obligations.report.changes_reach import calendar_reach, calendar_window, calendars_differ, pair_across_edges
from obligations.report.facade import Facade as Workspace
from obligations.rules.model import Directive
from obligations.status.assess import Item

__all__ = ["ChangesReport", "ack_key", "changes", "default_end", "diff_items", "with_acks"]


@record
@attrs.frozen(repr=False)
class ChangesReport:
    """What ``Workspace.changes`` answers: ``changes`` of ``root`` and every unit below it (on
    ``start``), each occurrence whose old or new effective deadline is in [start, end], in
    unit order (breadth first) then by deadline. ``old_known``/``new_known``: the days of
    knowledge compared (None: every loaded document of that state counts); ``old_rules``/
    ``new_rules``: the rules directories compared, when two were given."""

    root: str
    root_name: str
    start: dt.date
    end: dt.date
    old_known: dt.date | None
    new_known: dt.date | None
    changes: tuple[Change, ...]
    units: int
    names: dict[str, str] = attrs.field(factory=dict, eq=False)
    old_rules: str | None = None
    new_rules: str | None = None

    def to_dict(self, lang: str = "vi") -> dict[str, object]:
        """The document of ``changes --format json`` (docs/schemas/changes.json)."""
        from obligations.render.changes_json import changes_document    # words are rendering's job

        return changes_document(self, lang)


def default_end(day: dt.date) -> dt.date:
    """The last deadline compared when none is asked: 31 December of the second year after
    ``day`` (a report due in January two years on, a yearly cycle after the next)."""
    return dt.date(min(day.year + 2, dt.MAXYEAR), 12, 31)


def _reports(ws: Workspace, roots: Sequence[str], start: dt.date, end: dt.date, margin: int,
             below: bool) -> Iterator[tuple[str, dict[OccurrenceKey, Item]]]:
    """Each unit under ``roots`` (on ``start``, breadth first: ``due_under``'s order) with its
    occurrences whose effective deadline is within the range and its margins, by key."""
    first = dt.date(ws.calendar_for(roots[0]).data.first_year, 1, 1)
    last = dt.date(ws.calendar_for(roots[0]).data.last_year, 12, 31)
    lookback = max(0, min(margin, (start - first).days))
    horizon = max(0, min((end - start).days + margin, (last - start).days))
    for root in roots:
        for report in ws.due_under(root, start, horizon=horizon, lookback=lookback):
            yield report.unit, {item.occurrence.key: item for item in report.items}
            if not below:       # the root alone: the units below are never evaluated
                break


def _differing(old: Workspace, new: Workspace, roots: Sequence[str], start: dt.date, end: dt.date, margin: int,
               below: bool) -> tuple[dict[OccurrenceKey, Item], dict[OccurrenceKey, Item], list[str]]:
    """The two states evaluated side by side, unit by unit (the same units in the same order), keeping
    only the occurrences that differ: a national comparison holds one unit's items at a time."""
    before: dict[OccurrenceKey, Item] = {}
    after: dict[OccurrenceKey, Item] = {}
    units: list[str] = []
    olds, news = _reports(old, roots, start, end, margin, below), _reports(new, roots, start, end, margin, below)
    pairs: Iterable[tuple[str | None, dict[OccurrenceKey, Item], dict[OccurrenceKey, Item]]]
    if old.hierarchy is not new.hierarchy:        # two rules directories, two hierarchies: whole states
        a_all = {k: v for _, found in olds for k, v in found.items()}
        b_all: dict[OccurrenceKey, Item] = {}
        for unit, found in news:
            units.append(unit)
            b_all.update(found)
        pairs = [(None, a_all, b_all)]
    else:                                         # one hierarchy, one day: the same units in one order
        pairs = ((unit, a, b) for (unit, a), (_, b) in zip(olds, news))
    for one, a, b in pairs:
        if one is not None:
            units.append(one)
        for key in a.keys() | b.keys():
            x, y = a.get(key), b.get(key)
            if x is None or y is None or x.deadline != y.deadline:
                if x is not None:
                    before[key] = x
                if y is not None:
                    after[key] = y
    return before, after, units


def _roots(ws: Workspace, under: str | None, on: dt.date) -> list[str]:
    if under is not None:
        ws.hierarchy.require_on(under, on)
        return [under]
    tops = [u for u in sorted(ws.hierarchy.units)
            if ws.hierarchy.unit(u).exists_on(on) and ws.hierarchy.parent_of(u, on) is None]
    if not tops:
        raise InputError(said("changes:no-unit-on", "no unit of the hierarchy exists on {day}", day=on), code="bad-input",
                         param="under", fix=said("changes:no-unit-on-fix", "name the unit to compare under, or a start "
                                                                          "day when units exist"))
    return tops


def changes(old: Workspace, new: Workspace, under: str | None, start: dt.date, end: dt.date, *,
            old_rules: str | None = None, new_rules: str | None = None, below: bool = True) -> ChangesReport:
    """The occurrences of ``under`` (None: every top unit) and every unit below it on ``start``
    added, moved or removed from ``old`` to ``new``, for the effective deadlines in [start, end]."""
    if end < start:
        raise InputError(said("changes:end-before-start", "the end of the range ({end}) is before its start ({start})",
                              end=end, start=start), fix=said("changes:end-before-start-fix", "give the earlier date "
                                                              "first"), code="bad-range", param="to")
    roots = _roots(new, under, start)
    for root in roots:
        new.calendar_for(root).check_days(start, end, said("changes:compared", "the deadlines compared"))
    documents = _documents(old, new)
    # how far a day whose working status differs can move a deadline (report/changes_reach.py); with
    # the same documents and calendars nothing can have moved, and the reach is not measured
    if documents or calendars_differ(old, new, roots[0]):
        reach = calendar_reach(old, new, roots[0], start, end)
        window = (start, end) if documents else calendar_window(old, new, roots[0], start, end, reach)
    else:
        reach, window = 0, None
    if window is None:          # nothing differs: nothing can have changed (the usual day-to-day case)
        units = [u for r in roots for u in ([r, *new.hierarchy.below(r, start)] if below else [r])]
        found: tuple[Change, ...] = ()
    else:
        # documents: deadlines a reach outside the range too, so that a calendar move across an edge is a
        # move (a document's is paired below); the calendar's window already reaches that far
        margin = reach if documents else 0
        before, after, units = _differing(old, new, roots, *window, margin, below)
        if documents:        # a document's move across an edge, however far (report/changes_reach.py)
            pair_across_edges(old, new, before, after, start, end, _touched(documents))
        found = tuple(diff_items(old, new, before, after, *window, units, documents))
    root = roots[0] if len(roots) == 1 else "*"
    names = {u: new.hierarchy.name(u) for u in {c.key.unit for c in found} | set(roots)}
    return ChangesReport(root, new.hierarchy.name(root) if root != "*" else "*", start, end, old.as_known_on,
                         new.as_known_on, found, len(units), names, old_rules, new_rules)


def diff_items(old: Workspace, new: Workspace, before: dict[OccurrenceKey, Item], after: dict[OccurrenceKey, Item],
               start: dt.date, end: dt.date, units: Sequence[str], documents: Documents | None = None
               ) -> Iterator[Change]:
    """The changes, unit by unit in ``units`` order, then by deadline."""
    documents = _documents(old, new) if documents is None else documents
    order = {u: i for i, u in enumerate(units)}
    kinds: dict[OccurrenceKey, tuple[ChangeKind, Item | None, Item | None]] = {}
    for key in before.keys() | after.keys():
        a, b = before.get(key), after.get(key)
        if not any(i is not None and start <= i.deadline <= end for i in (a, b)):
            continue
        if a is None:
            kinds[key] = ("added", None, b)
        elif b is None:
            kinds[key] = ("removed", a, None)
        elif a.deadline != b.deadline:
            kinds[key] = ("moved", a, b)
    memo: dict[OccurrenceKey, tuple[Cause, ...]] = {}

    def causes_of(key: OccurrenceKey, depth: int = 0) -> tuple[Cause, ...]:
        if key not in memo:
            kind, a, b = kinds[key]
            memo[key] = _causes(old, new, kind, a, b, documents, kinds, causes_of, depth)
        return memo[key]

    ordered = sorted(kinds, key=lambda k: (order.get(k.unit, len(order)), _deadline(kinds[k]), k.duty, k.period))
    for key in ordered:
        kind, a, b = kinds[key]
        item = b or a
        assert item is not None
        duty = item.occurrence.duty
        ws = new if b is not None else old
        yield Change(key, kind, duty.title_vi, duty.title_en, ws.rules.directive(duty.directive).number,
                     a.deadline if a else None, b.deadline if b else None, a.own_deadline if a else None,
                     b.own_deadline if b else None,
                     _working_days(old, new, a, b) if a and b else None, causes_of(key))


def _deadline(found: tuple[ChangeKind, Item | None, Item | None]) -> dt.date:
    item = found[2] or found[1]
    assert item is not None
    return item.deadline


def _working_days(old: Workspace, new: Workspace, a: Item, b: Item) -> int:
    """Working days before the new deadline minus those before the old one, each by its own
    state's calendar, counted from the earlier of the two: Friday 2/1/2026 (a working day as known
    before the swap) -> Wednesday 31/12/2025 loses one (31/12 counts in both, 2/1 only before)."""
    first = min(a.deadline, b.deadline)
    unit = a.occurrence.unit
    after = new.calendar_for(unit).count_working_days(first, b.deadline + dt.timedelta(days=1))
    before = old.calendar_for(unit).count_working_days(first, a.deadline + dt.timedelta(days=1))
    return after - before


# -- causes ------------------------------------------------------------------------------------


_WHERE = re.compile(r"\b(?:location|file)=(?:'[^']*'|\"[^\"]*\")")
Documents = dict[str, tuple[Directive | None, Directive | None]]     # id -> (old, new), those that differ


def _documents(old: Workspace, new: Workspace) -> Documents:
    a = {d.id: d for d in old.rules.directives}
    b = {d.id: d for d in new.rules.directives}
    # two views of one rule set share their directive objects: compared by identity first
    return {i: (a.get(i), b.get(i)) for i in a.keys() | b.keys()
            if a.get(i) is not b.get(i) and _plain(a.get(i)) != _plain(b.get(i))}


def _touched(documents: Documents) -> set[str]:
    """The duties and directives the documents that differ define or change."""
    found: set[str] = set()
    for doc_id, (was, now) in documents.items():
        found.add(doc_id)
        found.update(c.target for d in (was, now) if d is not None for c in d.changes)
    return found


def _plain(d: Directive | None) -> str | None:
    """The directive without where it was read from (``file``, and every ``location``: file and
    line): the same document read from another rules directory is the same document."""
    return None if d is None else _WHERE.sub("", repr(d))


def _document_causes(duty_id: str, documents: Documents) -> list[Cause]:
    directive_id = duty_id.split("/", 1)[0]
    found: list[Cause] = []
    for doc_id in sorted(documents):
        was, now = documents[doc_id]
        doc = now or was
        assert doc is not None
        if doc_id == directive_id:
            duty = next((d for d in doc.duties if d.id == duty_id), None)
            action: DocumentAction = "defines" if now is not None else "withdrawn"
            found.append(Cause("document", doc.id, doc.number, doc.issued, action,
                               duty.source.section if duty else None, duty.source.text if duty else None))
        for change in doc.changes:
            if change.target in (duty_id, directive_id) or change.by == duty_id:
                found.append(Cause("document", doc.id, doc.number, doc.issued,
                                   change.kind if now is not None else "withdrawn",  # type: ignore[arg-type]
                                   change.source.section, change.source.text))
    return found


def _calendar_causes(old: Workspace, new: Workspace, unit: str,
                     spans: Iterable[tuple[dt.date, dt.date]]) -> list[Cause]:
    """The days of ``spans`` (a deadline and the last allowed day it was rolled from) that are a
    working day in one state and not in the other, each with the decision behind it."""
    a, b = old.calendar_for(unit), new.calendar_for(unit)
    if a.data == b.data:
        return []
    days: set[dt.date] = set()
    for x, y in spans:          # either order: a roll goes forward or back
        first, last = min(x, y), max(x, y)
        days.update(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [_decision(a, b, day, b.is_working_day(day)) for day in sorted(days)
            if a.is_working_day(day) != b.is_working_day(day)]


def _lead_spans(item: Item) -> list[tuple[dt.date, dt.date]]:
    """From the deadline above that decides ``item``'s to the day its lead times counted back to."""
    dates = [c.date for c in item.result.decided_by if c.date is not None]
    return [(min(dates), max(dates))] if dates else []


def _decision(a: VietnamCalendar, b: VietnamCalendar, day: dt.date, working: bool) -> Cause:
    """The calendar fact that made ``day`` change, with its decision (calendar/decisions.py): the
    new state's event of the day, else the old state's (a fact no longer known)."""
    events = [e for cal in (b, a) for e in cal.events_on(day) if e.decision is not None]
    if not events:
        return Cause("calendar", day=day, working=working)
    event = events[0]
    decision = event.decision
    assert decision is not None
    return Cause("calendar", day=day, working=working, name=event.name_vi, name_en=event.name_en,
                 decision=decision.number,
                 issuer=decision.issuer, issued=decision.issued_on, basis=event.basis, source=event.source,
                 made_by=decision)


def _causes(old: Workspace, new: Workspace, kind: ChangeKind, a: Item | None, b: Item | None, documents: Documents,
            kinds: dict[OccurrenceKey, tuple[ChangeKind, Item | None, Item | None]],
            causes_of: object, depth: int) -> tuple[Cause, ...]:
    item = b or a
    assert item is not None
    occ = item.occurrence
    found = _document_causes(occ.duty.id, documents)
    if a is not None and b is not None:
        own_moved = a.own_deadline != b.own_deadline
        if own_moved:        # the days its own deadline rolls over, or was counted over, in either state
            found += _calendar_causes(old, new, occ.unit, [
                span for i in (a, b) for span in ((i.own_deadline, i.occurrence.last_allowed), i.occurrence.counted)
                if span is not None])
        if not own_moved or a.deadline != b.deadline:
            found += _above(a, b, kinds, causes_of, depth)
            if not found:    # the days a lead time counted back over, from the deadline above
                found += _calendar_causes(old, new, occ.unit, _lead_spans(a) + _lead_spans(b))
    if not found:
        found.append(Cause("unexplained"))
    return tuple(_unique(found))


def _above(a: Item, b: Item, kinds: dict[OccurrenceKey, tuple[ChangeKind, Item | None, Item | None]],
           causes_of: object, depth: int) -> list[Cause]:
    """The occurrence above that sets the deadline (in either state) and moved: the nearest on the
    path that decides it (``Reconciled.decided_by``, decisive first: the top's deadline, then the
    lead times down to this one), named with its own causes (which name the levels further up)."""
    own = a.occurrence.key
    olds = {c.node: c.date for c in a.result.decided_by if c.kind == "deadline"}
    news = {c.node: c.date for c in b.result.decided_by if c.kind == "deadline"}
    path = [c.node for c in (*b.result.decided_by, *a.result.decided_by) if c.node != own]
    moved_on_path = [n for n in dict.fromkeys(path) if kinds.get(n) is not None]
    if moved_on_path:
        node = moved_on_path[-1] if moved_on_path[-1] in {c.node for c in b.result.decided_by} else moved_on_path[0]
        _, x, y = kinds[node]
        upper = causes_of(node, depth + 1) if depth < 8 and callable(causes_of) else ()
        return [Cause("above", key=node, old=x.deadline if x else None, new=y.deadline if y else None,
                      causes=tuple(upper))]
    found = []
    for node in sorted((olds.keys() | news.keys()) - {own}):
        if olds.get(node) != news.get(node):      # a level above outside the units compared
            found.append(Cause("above", key=node, old=olds.get(node), new=news.get(node)))
    return found


def _unique(causes: list[Cause]) -> list[Cause]:
    seen: list[Cause] = []
    for cause in causes:
        if cause not in seen:
            seen.append(cause)
    return seen


def with_acks(old: Workspace, new: Workspace, under: str | None, from_known: dt.date | None,
              to_known: dt.date | None, start: dt.date | None, end: dt.date | None,
              log: SubmissionLog | None = None, *, old_rules: str | None = None,
              new_rules: str | None = None, below: bool = True) -> ChangesReport:
    """``Workspace.changes``: the two views, the range's defaults, the acknowledgements in ``log``."""
    first = start or from_known or to_known
    if first is None:
        raise InputError(said("changes:no-day", "changes needs a day to compare from"), code="bad-input", param="from",
                         fix=said("changes:no-day-fix", "give the day of knowledge to compare from, or the first deadline "
                                                        "day to compare"))
    if from_known is not None and to_known is not None and to_known < from_known:
        raise InputError(said("changes:known-order", "the later day of knowledge ({later}) is before the earlier ({earlier})",
                              later=to_known, earlier=from_known), code="bad-range", param="to_known",
                         fix=said("changes:known-order-fix", "give the earlier day of knowledge first and the later second"))
    last = end or default_end(max(d for d in (to_known, from_known, first) if d is not None))
    a = old.known_on(from_known) if from_known is not None else old
    b = new.known_on(to_known) if to_known is not None else new
    report = changes(a, b, under, first, last, old_rules=old_rules, new_rules=new_rules, below=below)
    if log is None or not report.changes:
        return report
    from obligations.log.acks import read_acks

    acks = read_acks(log, {c.key.unit for c in report.changes})
    marked = tuple(attrs.evolve(c, acknowledged=Acknowledgement(*acks[ack_key(c)]) if ack_key(c) in acks else None)
                   for c in report.changes)
    return attrs.evolve(report, changes=marked)


def ack_key(c: Change) -> tuple[str, str, str, str, str, str]:
    """What an acknowledgement names: the occurrence, the kind of change and both deadlines (a
    later move of the same occurrence is a new change, to acknowledge again)."""
    return (c.key.unit, c.key.duty, c.key.period, c.kind, c.old.isoformat() if c.old else "",
            c.new.isoformat() if c.new else "")
