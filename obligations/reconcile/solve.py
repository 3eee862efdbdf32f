"""Reconciling deadlines between levels as a simple temporal network.

Each occurrence is a time point ``t`` (the day it is delivered). Its own rule gives a
window ``start <= t <= deadline``. An edge "this feeds that" says the child is delivered
no later than the parent's effective deadline minus a lead time ``L`` in working days
(``t_child <= t_parent - L``, counted on the parent's calendar). ``L`` comes only from
data that states it, with its basis; without such data it is 0. An internal lead time
(an office's own practice) sets a *target* beside the deadline, never the deadline.

Deadlines flow down the feeds; window starts do not cross units (a commune collects its
cells' reports before it writes its own): only the same report required at one unit by
two directives must satisfy both windows.

Edges point upward, so the network is a directed acyclic graph and the tightest bound of
every point is found by propagating from the top down. The network is consistent exactly
when every point's start is not after its deadline (an extension granted by the level
above replaces a point's own deadline and is not tightened from above); otherwise the
clashing constraints are the two paths that set those bounds (a minimal conflict).
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Mapping

import attrs

from obligations.base.errors import InputError, said
from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.calendar.working import Move, VietnamCalendar
from obligations.occurrences.model import Occurrence


@record
@attrs.frozen(repr=False)
class RuleOrigin:
    """A bound set by a directive's sentence, for the occurrence at ``unit``."""

    unit: str
    directive: str            # the directive's number, e.g. "76-KH/ĐU"
    section: str
    text: str
    location: str             # file:line of the rule
    issuer: str = ""          # the unit that set the bound (whom to ask for an extension)


@record
@attrs.frozen(repr=False)
class LeadOrigin:
    """The link from a report to the report it feeds at the receiving unit, with the
    working days that unit needs to aggregate when data states them (else 0).

    An ``internal`` lead time is an office's own practice: it sets a target beside the
    deadline, never the deadline itself."""

    receiving_unit: str
    receiving_name: str
    days: int
    setting: str              # "unit" | "level" | "none" (no data: 0 days)
    level: str | None = None
    file: str = ""            # where it is set (file:line), or the hierarchy file
    basis: str = ""           # the sentence or decision that sets it
    internal: bool = False


@record
@attrs.frozen(repr=False)
class SameReportOrigin:
    """One report required at one unit by two directives: both bounds hold."""

    unit: str


@record
@attrs.frozen(repr=False)
class ExtensionOrigin:
    """A later deadline granted by the level above, recorded in the submissions log."""

    unit: str
    ref: str
    note: str


Origin = RuleOrigin | LeadOrigin | SameReportOrigin | ExtensionOrigin


@record
@attrs.frozen(repr=False)
class Constraint:
    """One fact that bounds a time point, with where it comes from."""

    kind: str                 # "deadline" | "window_start" | "lead" | "extension"
    node: OccurrenceKey       # the occurrence it belongs to
    date: dt.date | None      # the bound it sets (lead: the date it produces)
    origin: Origin
    lead: int = 0
    skipped: tuple[Move, ...] = ()   # lead: the days off passed over counting back


@record
@attrs.frozen(repr=False)
class Node:
    key: OccurrenceKey
    unit: str
    window_start: dt.date
    deadline: dt.date
    start_source: Constraint
    deadline_source: Constraint
    extended: bool = False    # the deadline was granted by the level above: not tightened from it


@record
@attrs.frozen(repr=False)
class Edge:
    child: OccurrenceKey
    parent: OccurrenceKey
    lead: int
    origin: LeadOrigin | SameReportOrigin


@record
@attrs.frozen(repr=False)
class Conflict:
    """No day satisfies every constraint on an occurrence: the levels' deadlines contradict each
    other (the item's status is then ``conflict``). ``constraints``: the ones that clash."""

    node: OccurrenceKey
    window_start: dt.date
    deadline: dt.date
    constraints: tuple[Constraint, ...]


@record
@attrs.frozen(repr=False)
class Reconciled:
    """An occurrence's effective window and deadline once the levels above are taken into account.

    ``own_deadline``: the unit's own; ``deadline``: the effective one (never later);
    ``decided_by``: the constraints that set it, decisive first (a level above, a lead time,
    an extension); ``conflict``: set when no day satisfies them all."""

    key: OccurrenceKey
    own_deadline: dt.date
    deadline: dt.date
    window_start: dt.date
    decided_by: tuple[Constraint, ...]     # the path that set the deadline, decisive first
    started_by: tuple[Constraint, ...]     # the path that set the window start
    conflict: Conflict | None = None
    target: dt.date | None = None          # an earlier internal target (never the deadline)
    target_by: tuple[Constraint, ...] = ()

    @property
    def tightened(self) -> bool:
        return self.deadline < self.own_deadline


def rule_origin(occ: Occurrence) -> RuleOrigin:
    source = occ.duty.source
    return RuleOrigin(occ.unit, source.directive, source.section, source.text, source.location, occ.issuer_unit)


def own_result(occ: Occurrence) -> Reconciled:
    """The result of an occurrence whose own window and deadline stand (it feeds nothing)."""
    key, origin = occ.key, rule_origin(occ)
    return Reconciled(key, occ.deadline, occ.deadline, occ.window_start,
                      (Constraint("deadline", key, occ.deadline, origin),),
                      (Constraint("window_start", key, occ.window_start, origin),))


def _order(nodes: Mapping[OccurrenceKey, Node], parents: Mapping[OccurrenceKey, list[Edge]]) -> list[OccurrenceKey]:
    """Parents before children; refuses a cycle of feeds."""
    state: dict[OccurrenceKey, int] = {}
    order: list[OccurrenceKey] = []

    def visit(key: OccurrenceKey, trail: list[OccurrenceKey]) -> None:
        mark = state.get(key)
        if mark == 2:
            return
        if mark == 1:
            cycle = " -> ".join(str(k) for k in trail[trail.index(key):] + [key])
            raise InputError(said("reconcile:cycle", "duties feed each other in a cycle: {cycle}", cycle=cycle),
                             fix=said("reconcile:cycle-fix", "a report can only feed a report of the level above"),
                             code="data-file")
        state[key] = 1
        for edge in parents.get(key, []):
            if edge.parent not in nodes:
                continue          # a known result: nothing to order above it
            visit(edge.parent, trail + [key])
        state[key] = 2
        order.append(key)

    try:
        for key in sorted(nodes):        # keys order by unit, duty, period
            visit(key, [])
    finally:
        # the recursive closure refers to itself: without this the network it holds waits
        # for the cycle collector instead of being freed at once (a national run builds thousands)
        del visit
    return order


def reconcile(nodes: Iterable[Node], edges: Iterable[Edge],
              calendar_for: Callable[[str], VietnamCalendar],
              known: Mapping[OccurrenceKey, Reconciled] | None = None) -> dict[OccurrenceKey, Reconciled]:
    """Effective deadline, window start, deciding constraints and conflict of every node.

    ``known`` holds results already computed for parents (with everything above them):
    an edge may point at such a result instead of at a node of this network."""
    by_key = {n.key: n for n in nodes}
    known = dict(known or {})
    parents: dict[OccurrenceKey, list[Edge]] = {}
    for edge in edges:
        if edge.child not in by_key or (edge.parent not in by_key and edge.parent not in known):
            raise InputError(said("reconcile:edge", "edge {child} -> {parent} names an unknown occurrence",
                                  child=str(edge.child), parent=str(edge.parent)), code="unknown-duty")
        parents.setdefault(edge.child, []).append(edge)
    for key in parents:   # deterministic whatever the order the edges came in
        parents[key].sort(key=lambda e: (e.parent, e.lead))

    result: dict[OccurrenceKey, Reconciled] = dict(known)
    for key in _order(by_key, parents):
        if key in known:
            continue
        result[key] = _solve_one(by_key[key], parents.get(key, []), result, calendar_for)
    return {key: value for key, value in result.items() if key in by_key}


def _lead_bound(cal: VietnamCalendar, deadline: dt.date, lead: int) -> tuple[dt.date, tuple[Move, ...]]:
    """``lead`` working days before ``deadline`` on a working day, and the days passed over."""
    if not lead:
        return deadline, ()
    bound = cal.roll(cal.add_working_days(deadline, -lead), "previous").result
    day, skipped = bound + dt.timedelta(days=1), []
    while day < deadline:
        if not cal.is_working_day(day):
            skipped.append(cal.why_not_working(day))
        day += dt.timedelta(days=1)
    return bound, tuple(skipped)


def _solve_one(node: Node, edges: list[Edge], result: Mapping[OccurrenceKey, Reconciled],
               calendar_for: Callable[[str], VietnamCalendar]) -> Reconciled:
    key = node.key
    deadline, start = node.deadline, node.window_start
    decided: tuple[Constraint, ...] = (node.deadline_source,)
    started: tuple[Constraint, ...] = (node.start_source,)
    target: dt.date | None = None
    target_by: tuple[Constraint, ...] = ()
    for edge in edges:
        above = result[edge.parent]
        # Only the same report at the same unit must fit both windows; a report delivered
        # to the level above may arrive before that level's own window opens.
        if isinstance(edge.origin, SameReportOrigin) and above.window_start > start:
            start, started = above.window_start, above.started_by
        if node.extended:
            continue
        bound, skipped = _lead_bound(calendar_for(edge.parent.unit), above.deadline, edge.lead)
        lead = Constraint("lead", key, bound, edge.origin, edge.lead, skipped)
        if isinstance(edge.origin, LeadOrigin) and edge.origin.internal:
            if target is None or bound < target:
                target, target_by = bound, (*above.decided_by, lead)
        elif bound < deadline:
            deadline, decided = bound, (*above.decided_by, lead)
    conflict = None
    if start > deadline:
        conflict = Conflict(key, start, deadline, tuple(dict.fromkeys((*started, *decided))))
    if target is not None and target >= deadline:
        target, target_by = None, ()
    return Reconciled(key, node.deadline, deadline, start, decided, started, conflict, target, target_by)
