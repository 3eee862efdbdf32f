"""Reconciling deadlines between levels as a simple temporal network.

Each occurrence is a time point ``t`` (the day it is delivered). Its own rule gives a
window ``start <= t <= deadline``; an edge "this feeds that" with a lead time ``L`` says
the child must be delivered ``L`` working days before the parent's effective deadline
(``t_child <= t_parent - L``, counted on the parent's working calendar).

Edges point upward (a report feeds the report of the level above), so the network is a
directed acyclic graph and the tightest bound of every point is found by propagating
from the top down: the effective deadline is the minimum of the point's own deadline and
each parent's effective deadline minus the lead; the effective window start is the
latest of its own start and its parents' effective starts. The network is consistent
exactly when every point's start is not after its deadline (an extension granted by the
level above replaces a point's own deadline and is not tightened from above); otherwise the clashing
constraints are the two paths that set those bounds, and nothing else is needed to
show the clash (a minimal conflict).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Mapping

import attrs

from obligations.base.errors import InputError
from obligations.base.keys import OccurrenceKey
from obligations.calendar.working import VietnamCalendar
from obligations.occurrences.model import Occurrence


@attrs.frozen
class RuleOrigin:
    """A bound set by a directive's sentence, for the occurrence at ``unit``."""

    unit: str
    directive: str            # the directive's number, e.g. "76-KH/ĐU"
    section: str
    text: str
    location: str             # file:line of the rule


@attrs.frozen
class LeadOrigin:
    """Working days the receiving unit needs to aggregate, and where that number is set."""

    receiving_unit: str
    receiving_name: str
    days: int
    setting: str              # "unit" | "level" | "default"
    level: str | None = None
    file: str = ""            # the hierarchy file's name


@attrs.frozen
class SameReportOrigin:
    """One report required at one unit by two directives: both bounds hold."""

    unit: str


@attrs.frozen
class ExtensionOrigin:
    """A later deadline granted by the level above, recorded in the submissions log."""

    unit: str
    ref: str
    note: str


Origin = RuleOrigin | LeadOrigin | SameReportOrigin | ExtensionOrigin


@attrs.frozen
class Constraint:
    """One fact that bounds a time point, with where it comes from."""

    kind: str                 # "deadline" | "window_start" | "lead" | "extension"
    node: OccurrenceKey       # the occurrence it belongs to
    date: dt.date | None      # the bound it sets (lead: the date it produces)
    origin: Origin
    lead: int = 0


@attrs.frozen
class Node:
    key: OccurrenceKey
    unit: str
    window_start: dt.date
    deadline: dt.date
    start_source: Constraint
    deadline_source: Constraint
    extended: bool = False    # the deadline was granted by the level above: not tightened from it


@attrs.frozen
class Edge:
    child: OccurrenceKey
    parent: OccurrenceKey
    lead: int
    origin: LeadOrigin | SameReportOrigin


@attrs.frozen
class Conflict:
    node: OccurrenceKey
    window_start: dt.date
    deadline: dt.date
    constraints: tuple[Constraint, ...]


@attrs.frozen
class Reconciled:
    key: OccurrenceKey
    own_deadline: dt.date
    deadline: dt.date
    window_start: dt.date
    decided_by: tuple[Constraint, ...]     # the path that set the deadline, decisive first
    started_by: tuple[Constraint, ...]     # the path that set the window start
    conflict: Conflict | None = None

    @property
    def tightened(self) -> bool:
        return self.deadline < self.own_deadline


def rule_origin(occ: Occurrence) -> RuleOrigin:
    source = occ.duty.source
    return RuleOrigin(occ.unit, source.directive, source.section, source.text, source.location)


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
            raise InputError(f"duties feed each other in a cycle: {cycle}",
                             fix="a report can only feed a report of the level above")
        state[key] = 1
        for edge in parents.get(key, []):
            if edge.parent not in nodes:
                continue          # a known result: nothing to order above it
            visit(edge.parent, trail + [key])
        state[key] = 2
        order.append(key)

    for key in sorted(nodes):
        visit(key, [])
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
            raise InputError(f"edge {edge.child} -> {edge.parent} names an unknown occurrence")
        parents.setdefault(edge.child, []).append(edge)
    for key in parents:   # deterministic whatever the order the edges came in
        parents[key].sort(key=lambda e: (e.parent, e.lead))

    result: dict[OccurrenceKey, Reconciled] = dict(known)
    for key in _order(by_key, parents):
        if key in known:
            continue
        node = by_key[key]
        deadline, start = node.deadline, node.window_start
        decided: tuple[Constraint, ...] = (node.deadline_source,)
        started: tuple[Constraint, ...] = (node.start_source,)
        for edge in parents.get(key, []):
            above = result[edge.parent]
            if above.window_start > start:
                start, started = above.window_start, above.started_by
            if node.extended:
                continue
            cal = calendar_for(edge.parent.unit)
            # The parent's deadline is a working day of its calendar (or an unrolled
            # activity day): step back `lead` working days, then onto a working day.
            bound = cal.add_working_days(above.deadline, -edge.lead) if edge.lead else above.deadline
            bound = cal.roll(bound, "previous").result if edge.lead else bound
            if bound < deadline:
                lead = Constraint("lead", key, bound, edge.origin, edge.lead)
                deadline, decided = bound, (*above.decided_by, lead)
        conflict = None
        if start > deadline:
            conflict = Conflict(key, start, deadline, tuple(dict.fromkeys((*started, *decided))))
        result[key] = Reconciled(key, node.deadline, deadline, start, decided, started, conflict)
    return {key: value for key, value in result.items() if key in by_key}
