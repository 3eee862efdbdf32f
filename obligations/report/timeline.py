"""A year of a unit's report chains as data: each duty of the unit with the duties it feeds
at the levels above, their own and effective windows, and the feeds between them.

The web page, the API and the `timeline` command draw the same data
(obligations.render.timeline_svg). Nothing here chooses a language: titles come in both,
and the reasons (constraints, feed origins, days off) are kept as the library's objects
for the drawing to word.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.calendar.working import Move
from obligations.log.store import SubmissionLog
from obligations.occurrences.generate import EventDates
from obligations.occurrences.model import Occurrence
from obligations.reconcile.solve import Constraint, Edge, Origin, Reconciled, SameReportOrigin
from obligations.workspace import Workspace


@record
@attrs.frozen(repr=False)
class Bar:
    key: str
    period: str
    own_start: dt.date
    own_deadline: dt.date
    start: dt.date            # effective window start
    deadline: dt.date         # effective deadline
    conflict: bool
    decided_by: tuple[Constraint, ...] = ()   # why the deadline is what it is, in order


@record
@attrs.frozen(repr=False)
class Row:
    unit: str
    unit_name: str
    level: str
    duty: str
    title_vi: str
    title_en: str | None      # optional in rule files: English pictures show title_vi
    bars: tuple[Bar, ...]


@record
@attrs.frozen(repr=False)
class Arrow:
    parent: str               # occurrence key whose effective deadline decided ...
    child: str                # ... this occurrence's effective deadline
    lead: int                 # working days
    origin: Origin            # where the feed and its lead time come from
    decided: bool = True      # this bound set the child's effective deadline (else: a feed only)
    same: bool = False        # the same report under two directives (not a report to the level above)


@record
@attrs.frozen(repr=False)
class Chain:
    title_vi: str             # the unit's duty that starts the chain
    title_en: str | None
    number: str               # the number of its directive
    rows: tuple[Row, ...]
    arrows: tuple[Arrow, ...]


@record
@attrs.frozen(repr=False)
class DayOff:
    day: dt.date
    why: Move
    weekend: bool


@record
@attrs.frozen(repr=False)
class Timeline:
    unit: str
    unit_name: str
    year: int
    chains: tuple[Chain, ...]
    days_off: tuple[DayOff, ...]


def timeline(ws: Workspace, unit: str, year: int, log: SubmissionLog | None,
             events: EventDates | None = None) -> Timeline:
    """Each duty of ``unit`` in ``year`` with the chain of duties it feeds above it.

    ``ws`` answers as known on the day wanted (``Workspace.known_on``); ``log`` gives the
    extensions granted, ``events`` the unit's recorded events (``log.event_dates(unit)``)."""
    ws.hierarchy.require_in_year(unit, year)
    cal = ws.calendar_for(unit)
    cal.check_year(year)
    extensions = log.granted() if log is not None else {}
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found_own, _ = ws.occurrences(unit, year - 1, year + 1, events=events, needed=(first, last))
    own = [o for o in found_own if o.window_start <= last and o.deadline >= first]
    found, _nodes, edges = ws.network(own, extensions)
    results = ws.reconcile(list(found.values()), extensions)
    ups: dict[OccurrenceKey, list[Edge]] = {}
    for e in edges:
        ups.setdefault(e.child, []).append(e)
    roots: dict[str, list[OccurrenceKey]] = {}
    for o in own:
        roots.setdefault(o.duty.id, []).append(o.key)
    chains = tuple(_chain(ws, keys, found, results, ups) for _duty, keys in sorted(roots.items()))
    days_off = []
    day = first
    while day <= last:
        if not cal.is_working_day(day):
            why = cal.why_not_working(day)
            days_off.append(DayOff(day, why, why.source == "weekend"))
        day += dt.timedelta(days=1)
    return Timeline(unit, ws.hierarchy.name(unit), year, chains, tuple(days_off))


def _chain(ws: Workspace, keys: list[OccurrenceKey], found: dict[OccurrenceKey, Occurrence],
           results: dict[OccurrenceKey, Reconciled], ups: dict[OccurrenceKey, list[Edge]]) -> Chain:
    order: list[tuple[str, str]] = []
    members: dict[tuple[str, str], list[OccurrenceKey]] = {}
    seen: set[OccurrenceKey] = set()
    queue = deque(keys)
    while queue:                          # breadth first: the unit, then each level above
        key = queue.popleft()
        if key in seen or key not in found:
            continue
        seen.add(key)
        occ = found[key]
        group = (occ.unit, occ.duty.id)
        if group not in members:
            order.append(group)
            members[group] = []
        members[group].append(key)
        queue.extend(e.parent for e in ups.get(key, []))
    rows, arrows = [], []
    for group in order:
        bars = []
        for key in members[group]:
            occ, res = found[key], results[key]
            bars.append(Bar(str(key), occ.period, occ.window_start, occ.deadline, res.window_start, res.deadline,
                            res.conflict is not None, tuple(res.decided_by)))
            last = res.decided_by[-1] if res.decided_by else None
            for edge in ups.get(key, []):
                # every feed is drawn; the one whose bound set the effective deadline stands out
                decided = (last is not None and last.kind == "lead" and len(res.decided_by) > 1
                           and res.decided_by[-2].node == edge.parent and last.origin == edge.origin)
                arrows.append(Arrow(str(edge.parent), str(key), edge.lead, edge.origin, decided,
                                    isinstance(edge.origin, SameReportOrigin)))
        unit, duty_id = group
        duty = found[members[group][0]].duty
        rows.append(Row(unit, ws.hierarchy.name(unit), ws.hierarchy.unit(unit).level, duty_id,
                        duty.title_vi, duty.title_en, tuple(bars)))
    root = found[keys[0]].duty
    return Chain(root.title_vi, root.title_en, ws.rules.directive(root.directive).number, tuple(rows),
                 tuple(arrows))
