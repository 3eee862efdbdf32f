"""One evaluation per shape of unit; each unit's own deliveries and extensions laid over it.

Units of one shape (same level, parents, validity and policy) have the same occurrences,
routing, calendar and reconciled deadlines, up to their id. A ``Template`` holds what
does not depend on the unit's own entries in the log: its occurrences, their results
reconciled with the extensions granted *above* the unit, and the status of each
occurrence both open and delivered. A unit then costs what its own log rows change:

- a delivery flips one occurrence to its delivered status;
- an extension of one of its occurrences re-solves the unit's part of the network (the
  occurrences that reach the extended one), on top of the results of the levels above;
- a listed item is only then made into objects for the unit (relabelled).

The results above a unit are taken as solved with every extension in the log (a result
depends only on the extensions at or above it), so the units above, evaluated first,
have solved them already. The result is the one-unit path's result exactly
(tests/test_overlay.py)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Collection, Mapping, MutableMapping
from typing import Any, cast

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.base.vocabulary import Status
from obligations.calendar.working import VietnamCalendar
from obligations.log.snapshot import LogSnapshot, done_key
from obligations.log.store import Extension
from obligations.occurrences.generate import Occurrences
from obligations.occurrences.model import Occurrence, Placement
from obligations.reconcile.network import Network
from obligations.reconcile.solve import (Conflict, Constraint, Edge, ExtensionOrigin, Origin, Reconciled, RuleOrigin,
                                         SameReportOrigin, reconcile)
from obligations.report.due import ASKED, HIDDEN, LISTED, fate, last_year, listing_order
from obligations.status.assess import Item, Payload, payload_of, statuses_of
from obligations.status.rules import Engine

NO_EXTENSIONS: dict[OccurrenceKey, Extension] = {}
# a position where a unit differs from its template: status, fate, result, days and working days left
Changed = tuple[Status, int, Reconciled, int, int]


@record
@attrs.frozen(repr=False)
class Template:
    unit: str
    occurrences: tuple[Occurrence, ...]
    results: tuple[Reconciled | None, ...]
    index: dict[str, int]                      # done_key -> position
    payloads: tuple[Payload, ...]              # open (not delivered)
    status_open: tuple[Status, ...]
    status_done: tuple[Status, ...]
    fate_open: tuple[int, ...]
    fate_done: tuple[int, ...]
    listed: frozenset[int]                     # positions listed when nothing is delivered
    hidden: int
    # the positions whose delivery changes the hidden overdue count (+1, -1) or the listing
    # (leaves, enters): a unit's deliveries are laid over by set operations
    done_hides: frozenset[int]
    done_unhides: frozenset[int]
    done_leaves: frozenset[int]
    done_enters: frozenset[int]
    placements: tuple[Placement, ...]
    local: dict[OccurrenceKey, Occurrence]     # the unit's occurrences in its part of the network
    below: dict[OccurrenceKey, frozenset[OccurrenceKey]]   # local key -> the local keys that reach it
    # the results of the unit's part of the network without its own extensions, and of the
    # first occurrences above it (of other units)
    above_results: dict[OccurrenceKey, Reconciled]


class Shared:
    """Templates for one run: one engine, one date, one window, one log."""

    def __init__(self, on: dt.date, occurrences: Occurrences, network: Network, engine: Engine,
                 known: MutableMapping[Payload, Status], horizon: int, lookback: int, due_soon: int | None,
                 log: LogSnapshot | None, *, since: int | None = None) -> None:
        """``since``: the first year of deadlines the caller looks at (the count: the year before its
        range's; a deadline rolls off a day off by days, not years): the years before are not placed."""
        self.on, self.occurrences, self.network, self.engine, self.known = on, occurrences, network, engine, known
        self.since = since
        self.due_soon, self.log = due_soon, log
        self.horizon_end = on + dt.timedelta(days=horizon)
        self.oldest = on - dt.timedelta(days=lookback)
        self.extensions: Mapping[OccurrenceKey, Extension] = log.granted() if log is not None else NO_EXTENSIONS

    # -- a template per shape -------------------------------------------------------------

    def template(self, unit_id: str) -> Template:
        """Everything of ``unit_id`` that its own log rows do not change."""
        on, network = self.on, self.network
        calendar = self.occurrences.calendars(unit_id)
        calendar.check_days(self.oldest, self.horizon_end, ASKED)
        first = self.occurrences.first_year or on.year
        first = first if self.since is None else max(first, self.since)
        found, problems = self.occurrences.of_unit(unit_id, first, last_year(self.horizon_end),
                                                   needed=(dt.date.min, self.horizon_end))
        networked = [o for o in found if o.duty.feeds]
        # Solved with every extension in the log: an occurrence's result depends only on the
        # extensions at or above it, so the results above the unit are those every unit of the
        # shape sees (the units above solved them already). Its own extensions are not the
        # shape's: when they reach its part of the network, that part is solved again without them.
        network.solve(networked, self.extensions)
        solved = network.results(self.extensions)
        local, outside = self._local_part(unit_id, networked)
        own = self.log.granted(unit_id) if self.log is not None else NO_EXTENSIONS
        if any(key in own for key in local):
            results = self._without_own(local, solved)
        else:
            results = {key: solved[key] for key in local}
        above_results = {key: solved[key] for key in outside}
        above_results.update(results)
        payloads, positions_done = [], []
        for occ in found:
            payloads.append(payload_of(on, occ, results.get(occ.key), False, calendar, self.due_soon))
        positions_done = [(True, *p[1:]) for p in payloads]
        status_open = statuses_of(self.engine, payloads, self.known)
        status_done = statuses_of(self.engine, positions_done, self.known)
        starts = [r.window_start if r else o.window_start for o, r in ((o, results.get(o.key)) for o in found)]
        deadlines = [p[1] for p in payloads]
        fate_open = tuple(fate(s, on + dt.timedelta(days=d), st, self.horizon_end, self.oldest)
                          for s, d, st in zip(starts, deadlines, status_open))
        fate_done = tuple(fate(s, on + dt.timedelta(days=d), st, self.horizon_end, self.oldest)
                          for s, d, st in zip(starts, deadlines, status_done))
        return Template(
            unit=unit_id, occurrences=tuple(found), results=tuple(results.get(o.key) for o in found),
            index={done_key(o.duty.id, o.period): n for n, o in enumerate(found)},
            payloads=tuple(payloads), status_open=tuple(status_open), status_done=tuple(status_done),
            fate_open=fate_open, fate_done=fate_done,
            listed=frozenset(n for n, f in enumerate(fate_open) if f == LISTED),
            hidden=sum(f == HIDDEN for f in fate_open),
            done_hides=_positions(fate_open, fate_done, lambda o, d: d == HIDDEN and o != HIDDEN),
            done_unhides=_positions(fate_open, fate_done, lambda o, d: o == HIDDEN and d != HIDDEN),
            done_leaves=_positions(fate_open, fate_done, lambda o, d: o == LISTED and d != LISTED),
            done_enters=_positions(fate_open, fate_done, lambda o, d: d == LISTED and o != LISTED),
            placements=tuple(problems), local=local,
            below=self._below(local),
            above_results=above_results)

    def _without_own(self, local: dict[OccurrenceKey, Occurrence], solved: Mapping[OccurrenceKey, Reconciled]
                     ) -> dict[OccurrenceKey, Reconciled]:
        """The unit's part of the network solved with no extension of its own, on the results above it."""
        network = self.network
        edges = [edge for key in local for edge in network.edges_from.get(key, ())]
        known = {edge.parent: solved[edge.parent] for edge in edges if edge.parent not in local}
        return reconcile([network.node(o) for o in local.values()], edges, network.calendars, known)

    def _below(self, local: dict[OccurrenceKey, Occurrence]) -> dict[OccurrenceKey, frozenset[OccurrenceKey]]:
        """For each local key, the local keys whose deadline it can move (itself included)."""
        edges_from = self.network.edges_from
        below: dict[OccurrenceKey, set[OccurrenceKey]] = {key: {key} for key in local}
        for key in local:
            pending, seen = [key], {key}
            while pending:
                for edge in edges_from.get(pending.pop(), ()):
                    if edge.parent in local and edge.parent not in seen:
                        seen.add(edge.parent)
                        below[edge.parent].add(key)
                        pending.append(edge.parent)
        return {key: frozenset(keys) for key, keys in below.items()}

    def _local_part(self, unit_id: str, networked: list[Occurrence]
                    ) -> tuple[dict[OccurrenceKey, Occurrence], set[OccurrenceKey]]:
        """The unit's occurrences reached from ``networked`` without leaving the unit (the same
        report under two directives), and the first keys of other units above them."""
        edges_from = self.network.edges_from
        local: dict[OccurrenceKey, Occurrence] = {o.key: o for o in networked}
        above: set[OccurrenceKey] = set()
        pending = list(local.values())
        while pending:
            occ = pending.pop()
            for edge in edges_from.get(occ.key, ()):
                parent = edge.parent
                if parent.unit != unit_id:
                    above.add(parent)
                elif parent not in local:
                    found = self.occurrences.one(unit_id, self.occurrences.rules.duty(parent.duty), parent.period)
                    if found is not None:
                        local[parent] = found
                        pending.append(found)
        return local, above

    # -- one unit -------------------------------------------------------------------------

    def report_items(self, t: Template, unit_id: str, without: frozenset[str] = frozenset()
                     ) -> tuple[list[Item], int, tuple[Placement, ...]]:
        """The listed items of ``unit_id`` (a unit of ``t``'s shape), its hidden overdue count
        and its placement problems; ``without`` the occurrences of those duties (the unit's
        recorded events give them other dates: report/events.py)."""
        log = self.log
        done: set[int] = set()
        own: Mapping[OccurrenceKey, Extension] = NO_EXTENSIONS
        if log is not None:
            found = set(map(t.index.get, log.done(unit_id)))
            found.discard(None)      # delivered items the template does not have
            done = cast(set[int], found)
            own = log.granted(unit_id)
        changed = self.changed(t, unit_id, own, done) if own else {}
        # delivered positions the unit's extensions did not touch: their change is the template's
        plain = done - changed.keys() if changed else done
        hidden = t.hidden + len(plain & t.done_hides) - len(plain & t.done_unhides)
        listed = set(t.listed)
        listed -= plain & t.done_leaves
        listed |= plain & t.done_enters
        for n, (_, new_fate, _, _, _) in changed.items():
            old_fate = t.fate_open[n]
            hidden += (new_fate == HIDDEN) - (old_fate == HIDDEN)
            if old_fate == LISTED and new_fate != LISTED:
                listed.discard(n)
            elif new_fate == LISTED:
                listed.add(n)
        if without:
            for n, occ in enumerate(t.occurrences):
                if occ.duty.id in without:
                    final = changed[n][1] if n in changed else (t.fate_done if n in done else t.fate_open)[n]
                    hidden -= final == HIDDEN
                    listed.discard(n)
        items = []
        old = t.unit
        for n in sorted(listed):     # found order, then the stable sort, as in ``due``
            occ = t.occurrences[n]
            if n in changed:
                status, _, result, days_left, wd_left = changed[n]
            else:
                status, result = (t.status_done if n in done else t.status_open)[n], None
                days_left, wd_left = t.payloads[n][1], t.payloads[n][2]
            if result is None:
                base = t.results[n]
                result = relabel_reconciled(base, old, unit_id) if base is not None and old != unit_id else base
            submission = (log.first_delivery(unit_id, occ.duty.id, occ.period)
                          if n in done and log is not None else None)
            mine = relabel_occurrence(occ, unit_id) if old != unit_id else occ
            items.append(Item(mine, status, days_left, wd_left, result, submission))
        items.sort(key=listing_order)
        placements = tuple(p if old == unit_id else attrs.evolve(p, unit=unit_id)
                           for p in t.placements if p.duty not in without)
        return items, hidden, placements

    def changed(self, t: Template, unit_id: str, own: Mapping[OccurrenceKey, Extension], done: Collection[int],
                calendar: VietnamCalendar | None = None) -> dict[int, Changed]:
        """Where ``unit_id``'s own extensions (``own``, not empty) make it differ from ``t``: by
        position, the status, fate, result, days and working days left (``done``: the positions
        the unit delivered). The shared listing (``report_items``) and the count (report/count_bulk.py)
        both lay these over the template. ``calendar``: the unit's, when the caller has it."""
        changed: dict[int, Changed] = {}
        calendar = calendar or self.occurrences.calendars(unit_id)
        positions, payloads, results = [], [], []
        for key, solved in self._solve_own(t, unit_id, own).items():
            n = t.index.get(done_key(key.duty, key.period))
            if n is not None:
                positions.append(n)
                results.append(solved)
                payloads.append(payload_of(self.on, t.occurrences[n], solved, n in done, calendar, self.due_soon))
        for n, p, fresh, status in zip(positions, payloads, results, statuses_of(self.engine, payloads, self.known)):
            changed[n] = (status, fate(fresh.window_start, fresh.deadline, status, self.horizon_end, self.oldest),
                          fresh, p[1], p[2])
        return changed

    def _solve_own(self, t: Template, unit_id: str, own: Mapping[OccurrenceKey, Extension]
                   ) -> dict[OccurrenceKey, Reconciled]:
        """The unit's occurrences whose deadline its own extensions can move, re-solved on top
        of the results of the rest of the network (which those extensions cannot change)."""
        old = t.unit
        network = self.network
        relabel = old != unit_id
        dirty: dict[OccurrenceKey, Occurrence] = {}     # by the template's keys
        for key in own:
            mine = OccurrenceKey(old, key.duty, key.period) if relabel else key
            if mine in t.local:
                for reached in t.below[mine]:
                    dirty[reached] = t.local[reached]
            else:
                # an extended occurrence that feeds nothing is a network of its own
                n = t.index.get(done_key(key.duty, key.period))
                if n is not None:
                    dirty[mine] = t.occurrences[n]
        nodes = []
        edges: list[Edge] = []
        known: dict[OccurrenceKey, Reconciled] = {}
        for key, occ in dirty.items():
            occ = relabel_occurrence(occ, unit_id) if relabel else occ
            extension = own.get(occ.key)
            nodes.append(network.node(occ, extension))
            for edge in network.edges_from.get(key, ()):
                parent = edge.parent
                edges.append(relabel_edge(edge, old, unit_id) if relabel else edge)
                if parent.unit != old:
                    known[parent] = t.above_results[parent]
                elif parent not in dirty:
                    above = t.above_results[parent]
                    known[parent.for_unit(unit_id)] = relabel_reconciled(above, old, unit_id) if relabel else above
        return reconcile(nodes, edges, network.calendars, known)


# -- relabelling: the same object for another unit of the same shape -------------------------

def _positions(fate_open: tuple[int, ...], fate_done: tuple[int, ...], changes: Callable[[int, int], bool]
               ) -> frozenset[int]:
    return frozenset(n for n, (o, d) in enumerate(zip(fate_open, fate_done)) if changes(o, d))


def relabel_occurrence(o: Occurrence, new: str) -> Occurrence:
    return Occurrence(o.duty, new, o.period, o.window_start, o.last_allowed, o.roll, o.issuer_unit,
                      o.recipient_unit, o.routing, o.anchor, o.time, o.covers, o.assumptions, o.counted)


def _unit_field(cls: type) -> tuple[Callable[[Any], list[Any]], int]:
    names = [f.name for f in attrs.fields(cls)]
    assert all(f.init and not f.kw_only for f in attrs.fields(cls)), cls
    get = operator.attrgetter(*names)
    values: Callable[[Any], list[Any]] = (lambda o: list(get(o))) if len(names) > 1 else (lambda o: [get(o)])
    return values, names.index("unit")


# per origin class: its fields in constructor order and where the unit is (constructors, not
# attrs.evolve, which is three times slower: this runs for every listed item of every unit)
_ORIGIN_FIELDS = {cls: _unit_field(cls) for cls in (RuleOrigin, ExtensionOrigin, SameReportOrigin)}


def _relabel_origin(origin: Origin, old: str, new: str) -> Origin:
    if not isinstance(origin, (RuleOrigin, ExtensionOrigin, SameReportOrigin)) or origin.unit != old:
        return origin
    values_of, at = _ORIGIN_FIELDS[type(origin)]
    values = values_of(origin)
    values[at] = new
    return type(origin)(*values)


def relabel_edge(edge: Edge, old: str, new: str) -> Edge:
    child = edge.child.for_unit(new) if edge.child.unit == old else edge.child
    parent = edge.parent.for_unit(new) if edge.parent.unit == old else edge.parent
    origin = edge.origin
    if isinstance(origin, SameReportOrigin) and origin.unit == old:
        origin = SameReportOrigin(new)
    return Edge(child, parent, edge.lead, origin)


def relabel_reconciled(r: Reconciled, old: str, new: str) -> Reconciled:
    # A result names the same few objects many times (the occurrence's key in each of its
    # constraints, one origin for its deadline and window start, a constraint in both the
    # path and the conflict): each is relabelled once, by identity, within this call.
    done: dict[int, Any] = {}

    def key_of(k: OccurrenceKey) -> OccurrenceKey:
        if k.unit != old:
            return k
        found = done.get(id(k))
        if found is None:
            found = done[id(k)] = OccurrenceKey(new, k.duty, k.period)
        return found

    def constraint(c: Constraint) -> Constraint:
        if c.node.unit != old:
            return c
        found = done.get(id(c))
        if found is None:
            origin = done.get(id(c.origin))
            if origin is None:
                origin = done[id(c.origin)] = _relabel_origin(c.origin, old, new)
            found = done[id(c)] = Constraint(c.kind, key_of(c.node), c.date, origin, c.lead, c.skipped)
        return found

    conflict = r.conflict
    if conflict is not None:
        conflict = Conflict(key_of(conflict.node), conflict.window_start, conflict.deadline,
                            tuple(constraint(c) for c in conflict.constraints))
    return Reconciled(key_of(r.key), r.own_deadline, r.deadline, r.window_start,
                      tuple(constraint(c) for c in r.decided_by),
                      tuple(constraint(c) for c in r.started_by), conflict, r.target,
                      tuple(constraint(c) for c in r.target_by))
