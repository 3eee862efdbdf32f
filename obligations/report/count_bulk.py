"""The four-way count on the shared templates of report/overlay.py (``count_under``'s fast path).

``due_under`` lays each unit over the template of its shape and makes every listed item an
object: for a count of two years that is ~28 items a unit, each relabelled, given its first
delivery and judged, 2.9 million objects for the country (issue #25: 427 s, 3.4 GiB). A count
needs only each occurrence's category. A unit of a shape has its template's deadlines, windows
and conflicts, except where its own extensions move them; only its deliveries differ. So a
template is counted once with nothing delivered (``_Shape.base``), and a unit's count is that
count corrected at its delivered positions (on time or late by its first delivery day, the
working days late cached per calendar, deadline and day) and at the positions its own
extensions move (``Shared.changed``, as ``Shared.report_items`` lays them over). The delivery
days of every unit are read in one grouped query (``LogSnapshot.delivery_days``).

The occurrences behind a unit's count (the drill-down) are made into objects only when read
(``count_model.Drill``), by the one-unit path (whose listing the shared one equals), on the same
read view of the log, kept open while the report is; a template is freed after its last unit. Units that are not laid over a template in
``due_under`` (report/bulk.special_units, units whose recorded events move their duties) take
the one-unit path, as there. tests/test_count_bulk.py checks every count and drill-down against
the straightforward count (report/count.judged_under)."""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, MutableMapping

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.vocabulary import Status
from obligations.calendar.working import VietnamCalendar
from obligations.log.days import ALL_UNITS, delivery_days_soon
from obligations.log.snapshot import SEP_FIELD, SEP_ROW, LogSnapshot, done_key
from obligations.log.store import Extension, SubmissionLog
from obligations.reconcile.network import Network
from obligations.report.bulk import _lead_times_by_unit, _signature, named_units, special_units
from obligations.report.copies import Copies, same_results_above
from obligations.report.count_model import CATEGORY_OF, Counted, Drill, Tally
from obligations.report.deliveries import Delivery, classify
from obligations.report.due import LISTED, due
from obligations.report.facade import Facade as Workspace
from obligations.report.overlay import Shared, Template
from obligations.status.assess import Item, Payload
from obligations.status.rules import Engine

Evaluation = tuple[Network, Engine, MutableMapping[Payload, Status]]
# a template as one unit's count uses it: the template and its shape, the unit's index (done_key ->
# position) and, under a copy's template, its duty ids -> the template's (else None)
_View = tuple[Template, "_Shape", dict[str, int], dict[str, str] | None]
ON_TIME, LATE, WITHIN, OVERDUE, LATE_DAYS, CONFLICTS = range(6)     # a tally as a list of six numbers
_SPLIT_ROW = operator.methodcaller("rpartition", SEP_FIELD)          # a row of delivery_days: key, _, day


@attrs.frozen
class _Shape:
    """A template as the count sees it: by position, the effective deadline and whether it is in
    conflict; the positions counted when not delivered and when delivered (listed by ``due``, the
    deadline in the range, the window opened); the tally with nothing delivered; the calendar
    (of every unit of the shape: the same units above, none named by a local calendar)."""

    deadline: tuple[dt.date, ...]
    conflict: tuple[bool, ...]
    open_in: frozenset[int]
    done_in: frozenset[int]
    base: tuple[int, ...]
    calendar: VietnamCalendar
    # by position, day as written -> what a delivery that day changes in the tally: the slot it
    # leaves (or -1), the slot it enters (or -1), working days late (filled as days are met)
    effects: tuple[dict[str, tuple[int, int, int]], ...]


def in_range(deadline: dt.date, window_start: dt.date, start: dt.date, end: dt.date, on: dt.date) -> bool:
    """What the count takes of ``due``'s listing (report/count.judged_under)."""
    return start <= deadline <= end and window_start <= on


def _shape(t: Template, calendar: VietnamCalendar, start: dt.date, end: dt.date, on: dt.date) -> _Shape:
    deadlines, conflicts, inside = [], [], []
    for occ, r in zip(t.occurrences, t.results):
        deadline = r.deadline if r is not None else occ.deadline
        deadlines.append(deadline)
        conflicts.append(r is not None and r.conflict is not None)
        inside.append(in_range(deadline, r.window_start if r is not None else occ.window_start, start, end, on))
    open_in = frozenset(n for n, f in enumerate(t.fate_open) if f == LISTED and inside[n])
    base = [0] * 6
    for n in open_in:
        base[_open_slot(deadlines[n], conflicts[n], on)] += 1
    return _Shape(tuple(deadlines), tuple(conflicts), open_in,
                  frozenset(n for n, f in enumerate(t.fate_done) if f == LISTED and inside[n]), tuple(base), calendar,
                  tuple({} for _ in deadlines))


def _open_slot(deadline: dt.date, conflict: bool, on: dt.date) -> int:
    # report/deliveries.classify: "missing" once the deadline has passed, else "open"
    return CONFLICTS if conflict else OVERDUE if deadline < on else WITHIN


def _tally(v: list[int] | tuple[int, ...]) -> Tally:
    return Tally(v[ON_TIME], v[LATE], v[WITHIN], v[OVERDUE], v[LATE_DAYS], v[CONFLICTS])


def judged(ws: Workspace, items: list[Item], start: dt.date, end: dt.date, on: dt.date,
           log: SubmissionLog | LogSnapshot | None, changes: bool) -> tuple[Counted, ...]:
    """``due``'s listed items as the count takes and judges them (report/count.judged_under)."""
    kept = sorted((i for i in items if in_range(i.deadline, i.window_start, start, end, on)),
                  key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
    return tuple(categorize(classify(ws, i, on, log, changes=changes)) for i in kept)  # type: ignore[arg-type]


def categorize(d: Delivery) -> Counted:
    conflict = d.item.reconciled is not None and d.item.reconciled.conflict is not None
    return Counted(d, None if conflict else CATEGORY_OF[d.result])


class _BadDay(Exception):
    """A delivery day that is not a date: the store's own reading names its row."""


class _Run:
    """One count: the delivery days of every unit, and the verdict on a delivery (on time, or
    late by so many working days) per calendar, deadline and day."""

    def __init__(self, start: dt.date, end: dt.date, on: dt.date, snapshot: LogSnapshot | None) -> None:
        self.start, self.end, self.on, self.snapshot = start, end, on, snapshot
        self.days: dict[str, str] = {}
        self.exact: set[str] = set()
        self.every_unit_exact = False
        # read beside the units of the one-unit path, which come first and need none of it
        self._days_soon = delivery_days_soon(snapshot) if snapshot is not None else None
        # (calendar scope, deadline, day as written) -> (slot, working days late)
        self.verdicts: dict[tuple[tuple[str, ...], dt.date, str], tuple[int, int]] = {}

    def delivered(self, unit: str, index: dict[str, int]) -> dict[int, str]:
        """Position -> first delivery day (ISO text) of the unit's delivered occurrences in ``index``."""
        if self._days_soon is not None:
            self.days, self.exact = self._days_soon()
            self.every_unit_exact, self._days_soon = ALL_UNITS in self.exact, None
        text = self.days.pop(unit, None)
        if text is not None and not self.every_unit_exact and unit not in self.exact:
            get = index.get
            rows = [(n, day) for key, _, day in map(_SPLIT_ROW, text.split(SEP_ROW)) if (n := get(key)) is not None]
            found = dict(rows)
            if len(found) != len(rows):
                # several current records of one occurrence (a log written before version 5): the
                # earliest counts. An ISO day orders as its text; one that is not is refused by finish
                found = {}
                for n, day in rows:
                    if n not in found or day < found[n]:
                        found[n] = day
            return found
        if self.snapshot is None or (text is None and not self.every_unit_exact and unit not in self.exact):
            return {}
        exact: dict[int, str] = {}
        for okey, sub in self.snapshot.delivered(unit).items():
            n = index.get(done_key(okey.duty, okey.period))
            if n is not None:
                exact[n] = sub.delivered_on.isoformat()
        return exact

    def verdict(self, calendar: VietnamCalendar, deadline: dt.date, day: str) -> tuple[int, int]:
        key = (calendar.scope, deadline, day)
        found = self.verdicts.get(key)
        if found is None:
            try:
                when = dt.date.fromisoformat(day)
            except ValueError:
                raise _BadDay(day) from None
            if when.isoformat() != day:
                raise _BadDay(day)
            one = dt.timedelta(days=1)
            found = self.verdicts[key] = ((ON_TIME, 0) if when <= deadline else
                                          (LATE, calendar.count_working_days(deadline + one, when + one)))
        return found

    def effect(self, shape: _Shape, n: int, day: str) -> tuple[int, int, int]:
        """What a delivery on ``day`` at position ``n`` changes in a tally of ``shape`` (no extension)."""
        leaves = _open_slot(shape.deadline[n], shape.conflict[n], self.on) if n in shape.open_in else -1
        enters, late = -1, 0
        if n in shape.done_in:
            if shape.conflict[n]:
                enters = CONFLICTS
            else:
                enters, late = self.verdict(shape.calendar, shape.deadline[n], day)
        found = shape.effects[n][day] = (leaves, enters, late)
        return found

    def add_done(self, v: list[int], calendar: VietnamCalendar, deadline: dt.date, conflict: bool, day: str) -> None:
        if conflict:
            v[CONFLICTS] += 1
        else:
            slot, late = self.verdict(calendar, deadline, day)
            v[slot] += 1
            v[LATE_DAYS] += late

    def unit(self, shared: Shared, view: _View, unit: str) -> Tally:
        """The count of ``unit``, a unit of the view's shape: the template's, corrected where it differs."""
        t, shape, index, back = view
        days = self.delivered(unit, index)
        own: Mapping[OccurrenceKey, Extension] | None = None
        if self.snapshot is not None:
            own = self.snapshot.granted(unit)
        if not days and not own:
            return _tally(shape.base)
        if own and back is not None:
            # the unit's extensions by the template's duty ids (a copy's: report/copies.py)
            own = {OccurrenceKey(k.unit, back.get(k.duty, k.duty), k.period): e for k, e in own.items()}
        v = list(shape.base)
        on, calendar = self.on, shape.calendar
        changed = shared.changed(t, unit, own, days.keys(), calendar) if own else {}
        open_in, deadlines, conflicts, effects = shape.open_in, shape.deadline, shape.conflict, shape.effects
        for n, day in days.items():
            if n in changed:
                continue
            found = effects[n].get(day)
            leaves, enters, late = found if found is not None else self.effect(shape, n, day)
            if leaves >= 0:
                v[leaves] -= 1
            if enters >= 0:
                v[enters] += 1
                v[LATE_DAYS] += late
        for n, (_, fate, fresh, _, _) in changed.items():
            if n in open_in:
                v[_open_slot(deadlines[n], conflicts[n], on)] -= 1
            if fate == LISTED and in_range(fresh.deadline, fresh.window_start, self.start, self.end, on):
                conflict = fresh.conflict is not None
                if n in days:
                    self.add_done(v, calendar, fresh.deadline, conflict, days[n])
                else:
                    v[_open_slot(fresh.deadline, conflict, on)] += 1
        return _tally(v)


def count_in_bulk(ws: Workspace, root: str, units: list[str], start: dt.date, end: dt.date, on: dt.date,
                  log: SubmissionLog | None, evaluation: Evaluation
                  ) -> Iterator[tuple[str, Tally, Drill]]:
    """Each unit of ``units`` (``root`` and every unit below it, breadth first) with its count and
    its drill-down (made when read). The log's read view stays open while a drill-down that needs
    it is alive."""
    from obligations.report.events import events_counted_from

    network, engine, known = evaluation
    occurrences = ws.occurrence_source
    horizon = max(0, (end - on).days)       # as report/count.judged_under
    lookback = max(0, (on - start).days)
    # the count reads its days itself (delivery_days): no grouping of the keys beside it
    snapshot = LogSnapshot(log, keys=False) if log is not None else None
    try:
        since = start.year - 1      # a deadline in the range rolled off a day off from the year before at most
        shared = Shared(on, occurrences, network, engine, known, horizon, lookback, None, snapshot, since=since)
        run = _Run(start, end, on, snapshot)
        special = special_units(occurrences)
        leads = _lead_times_by_unit(occurrences)
        from_events = events_counted_from(occurrences)
        eventful = set() if snapshot is None else {
            u for u in units if snapshot.has_events(u) and not from_events.isdisjoint(snapshot.event_dates(u))}
        # Units that issue copies of one another's directives, and the children of such units
        # (report/copies.py): one template for all of them, each unit by its own index into it.
        # ``owner``: the unit whose directives are renamed (the unit itself, or its parent).
        copies = Copies(occurrences, leads, named_units(occurrences))
        owner: dict[str, str] = {}
        signatures: dict[str, tuple[object, ...]] = {}
        for u in units:
            if u in eventful:
                continue
            if u in special:
                klass = copies.klass(u)
                if klass is not None:
                    owner[u], signatures[u] = u, ("copy", klass)
                continue
            signature = signatures[u] = _signature(occurrences, u, leads)
            links = occurrences.hierarchy.unit(u).parents
            klass = copies.klass(links[0].parent) if len(links) == 1 else None
            if klass is not None:
                owner[u] = links[0].parent
                signatures[u] = (signature[0], (attrs.evolve(links[0], parent=""),), *signature[2:], klass)
        templates: dict[tuple[object, ...], tuple[Template, _Shape, str | None]] = {}
        remaining = Counter(signatures.values())
        left_of = Counter((owner[u], signatures[u]) for u in owner)
        views: dict[tuple[str, tuple[object, ...]], _View] = {}   # while the units of an owner are counted
        changes = ws.changes_anything

        def view_of(unit: str, signature: tuple[object, ...]) -> _View:
            found = templates.get(signature)
            if found is None:
                template = shared.template(unit)
                found = templates[signature] = (template, _shape(template, occurrences.calendars(unit), start, end, on),
                                                owner.get(unit))
            remaining[signature] -= 1
            if not remaining[signature]:
                del templates[signature]      # its last unit: the template's objects are freed
            mine = owner.get(unit)
            template, shape, source = found
            if mine is None or source is None:
                return template, shape, template.index, None
            view = views.get((mine, signature))
            if view is None:
                view = views[mine, signature] = _copy_view(shared, copies, (template, shape), source, mine, unit,
                                                           start, end, on)
            left_of[mine, signature] -= 1
            if not left_of[mine, signature]:
                del views[mine, signature]
            return view

        def alone(unit: str) -> Callable[[], tuple[Counted, ...]]:
            """A unit's occurrences behind its count, by the one-unit path (the shared path's
            listing exactly: tests/test_overlay.py), when read: a national count keeps no template."""
            def make() -> tuple[Counted, ...]:
                report = due(unit, on, occurrences, network, engine, known, horizon=horizon, lookback=lookback,
                             log=snapshot, since=since, context=False)
                return judged(ws, list(report.items), start, end, on, snapshot, changes)
            return make

        for unit in units:
            if unit not in signatures:
                # as due_under: the one-unit path (a unit with events whose template they would
                # change takes it too, even where due_under lays them over: the same items)
                report = due(unit, on, occurrences, network, engine, known, horizon=horizon, lookback=lookback,
                             log=snapshot, since=since, context=False)
                yield unit, Tally.of(judged(ws, list(report.items), start, end, on, snapshot, changes)), Drill(alone(unit))
                continue
            view = view_of(unit, signatures[unit])
            try:
                tally = run.unit(shared, view, unit)
            except _BadDay:
                assert snapshot is not None
                snapshot.finish()             # raises, naming the row as the store does
                raise
            yield unit, tally, Drill(alone(unit))
        if snapshot is not None:
            snapshot.finish()
    except BaseException:
        if snapshot is not None:
            snapshot.close()
        raise




def _copy_view(shared: Shared, copies: Copies, pair: tuple[Template, _Shape], source: str, owner: str, unit: str,
               start: dt.date, end: dt.date, on: dt.date) -> _View:
    """The view for the units of ``owner`` (``unit`` the first of them: ``owner`` itself or one of
    its children) on a template made for ``source`` (a copy of ``owner``) or one of its children: its
    index renamed, when the results above are the same; otherwise a template of the unit's own."""
    t, shape = pair
    if source == owner:
        return t, shape, t.index, None
    renaming = copies.renaming(source, owner)
    if renaming is not None and same_results_above(t, source, owner, renaming, shared.network, shared.extensions):
        index = {done_key(renaming.get(o.duty.id, o.duty.id), o.period): n for n, o in enumerate(t.occurrences)}
        return t, shape, index, {mine: theirs for theirs, mine in renaming.items()}
    own = shared.template(unit)
    return own, _shape(own, shared.occurrences.calendars(unit), start, end, on), own.index, None
