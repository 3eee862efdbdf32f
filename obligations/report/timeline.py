"""A span of a unit's report chains as data: each duty of the unit with the duties it feeds
at the levels above, their own and effective windows, and the feeds between them.

The span is a whole year (``year_span``) or, by default, the months around today
(``around``: from the first day of the month two months before today's to the last day of
the month four months after, so that today's month and the next deadlines are in view).

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
from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST
from obligations.calendar.working import Move
from obligations.log.model import Submission
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
    delivered: dt.date | None = None          # the day it was delivered, from the log

    def overdue(self, today: dt.date) -> bool:
        """Not delivered and the effective deadline is past."""
        return self.delivered is None and self.deadline < today


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
    first: dt.date            # the first day drawn
    last: dt.date             # the last day drawn
    today: dt.date            # the day the picture marks as today
    chains: tuple[Chain, ...]
    days_off: tuple[DayOff, ...]


BEFORE, AFTER = 2, 4          # months drawn before and after today's month, by default


def _month(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


def around(today: dt.date, before: int = BEFORE, after: int = AFTER) -> tuple[dt.date, dt.date]:
    """The whole months from ``before`` months before today's month to ``after`` months after
    it: 23/11/2026 with 2 and 4 gives 01/09/2026 to 31/03/2027."""
    y0, m0 = _month(today.year, today.month, -before)
    y1, m1 = _month(today.year, today.month, after + 1)
    return dt.date(y0, m0, 1), dt.date(y1, m1, 1) - dt.timedelta(days=1)


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def timeline(ws: Workspace, unit: str, span: tuple[dt.date, dt.date], today: dt.date,
             log: SubmissionLog | None, events: EventDates | None = None, *, asked: str = "year") -> Timeline:
    """Each duty of ``unit`` with a window or deadline in ``span`` (first and last day drawn),
    with the chain of duties it feeds above it.

    ``ws`` answers as known on the day wanted (``Workspace.known_on``); ``log`` gives the
    extensions granted and the deliveries, ``events`` the unit's recorded events
    (``log.event_dates(unit)``). ``asked`` names the parameter that chose the span ("year", "on"), for errors."""
    first, last = span
    years = range(first.year, last.year + 1)
    # the unit must exist on some day drawn: the first year it lives in, else the error of the first
    if not any(_lives(ws, unit, y) for y in years):
        ws.hierarchy.require_in_year(unit, first.year, asked=asked)
    cal = ws.calendar_for(unit)
    for y in years:
        cal.check_year(y)
    extensions = log.granted() if log is not None else {}
    delivered = log.delivered(unit) if log is not None else {}
    found_own, _ = ws.occurrences(unit, first.year - 1, last.year + 1, events=events, needed=(first, last))
    own = [o for o in found_own if o.window_start <= last and o.deadline >= first]
    found, _nodes, edges = ws.network(own, extensions)
    results = ws.reconcile(list(found.values()), extensions)
    ups: dict[OccurrenceKey, list[Edge]] = {}
    for e in edges:
        ups.setdefault(e.child, []).append(e)
    roots: dict[str, list[OccurrenceKey]] = {}
    for o in own:
        roots.setdefault(o.duty.id, []).append(o.key)
    chains = tuple(_chain(ws, keys, found, results, ups, delivered) for _duty, keys in sorted(roots.items()))
    days_off = []
    day = first
    while day <= last:
        if not cal.is_working_day(day):
            why = cal.why_not_working(day)
            days_off.append(DayOff(day, why, why.source == "weekend"))
        day += dt.timedelta(days=1)
    return Timeline(unit, ws.hierarchy.name(unit), first, last, today, chains, tuple(days_off))


def _lives(ws: Workspace, unit: str, year: int) -> bool:
    found = ws.hierarchy.unit(unit)     # an unknown unit raises its own error here
    return ((found.start == FAR_PAST or found.start.year <= year)
            and (found.end == FAR_FUTURE or year <= found.end.year))


def _chain(ws: Workspace, keys: list[OccurrenceKey], found: dict[OccurrenceKey, Occurrence],
           results: dict[OccurrenceKey, Reconciled], ups: dict[OccurrenceKey, list[Edge]],
           delivered: dict[OccurrenceKey, Submission]) -> Chain:
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
                            res.conflict is not None, tuple(res.decided_by),
                            delivered[key].delivered_on if key in delivered else None))
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
