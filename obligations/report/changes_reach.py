"""How far from a day whose working status differs ``changes`` must look (report/changes.py).

With the same documents only the calendar moves a deadline, and only when such a day lies on what
the deadline was counted over:
- a schedule's count of working days ("trong thời hạn 40 ngày làm việc kể từ ..."), from the day
  after the one it counts from to the day it reaches (``Window.counted``);
- a lead time (working days counted back from the deadline it feeds), once per link of a chain of
  reports that feed each other (``feeds``), each from the deadline above;
- a roll off a run of days off, and the day before a named day ("trước ngày D"), at each step.

The reach is the longest span, in calendar days, that these can cover with the loaded data: the
largest count of working days in the rules of either state (amendments included), the largest
official lead time (an internal one sets a target, never the deadline) times the longest chain of
``feeds``, and the longest run of days off, each measured on a calendar whose days off are those of
every unit at once (its spans are at least those of any unit's calendar). Nothing here is a width
chosen by the program: with no count, no lead time and no days off the reach is one day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from obligations.base.errors import InputError
from obligations.base.keys import OccurrenceKey
from obligations.calendar.data import DayChange
from obligations.calendar.working import VietnamCalendar
from obligations.report.facade import Facade as Workspace
from obligations.rules.model import Duty
from obligations.rules.schedules.base import working_count
from obligations.status.assess import Item

__all__ = ["calendar_reach", "calendar_window", "calendars_differ", "longest_feed_chain", "pair_across_edges"]

ONE_DAY = dt.timedelta(days=1)


def calendar_reach(old: Workspace, new: Workspace, root: str, start: dt.date, end: dt.date) -> int:
    """The calendar days within which a day whose working status differs between ``old`` and ``new``
    can move a deadline in [start, end] (see the module's text)."""
    count = max(_counts(old), _counts(new))
    lead = max(_lead(old), _lead(new))
    links = longest_feed_chain((*old.rules.duties, *new.rules.duties)) if lead else 0
    cals = [_all_days_off(ws, root) for ws in (old, new)]
    first = dt.date(max(c.data.first_year for c in cals), 1, 1)
    last = dt.date(min(c.data.last_year for c in cals), 12, 31)
    # measured over the years around the range, widened until they hold the reach either side of it
    low, high = max(first, dt.date(start.year, 1, 1)), min(last, dt.date(end.year, 12, 31))
    while True:
        reach = 0
        for cal in cals:
            days = [d.toordinal() for d in cal.working_days(low, high)]
            off = _span(days, 1, low, high) - 1             # the longest run of days off
            reach = max(reach, _span(days, count, low, high) + links * _span(days, lead, low, high)
                        + (links + 1) * (off + 1))
        want_low, want_high = max(first, start - dt.timedelta(days=reach)), min(last, end + dt.timedelta(days=reach))
        if low <= want_low and want_high <= high:
            return reach
        low, high = dt.date(min(low, want_low).year, 1, 1), dt.date(max(high, want_high).year, 12, 31)


def _span(days: list[int], count: int, low: dt.date, high: dt.date) -> int:
    """The most calendar days ``count`` working days can take (from the day counted from, left out, to
    the last day counted), ``days`` being the working days of [low, high] as ordinals; a count the
    days measured cannot hold takes them all."""
    if count <= 0:
        return 0
    edges = [low.toordinal() - 1, *days, high.toordinal() + 1]       # the range's ends bound a run
    if len(edges) <= count:
        return high.toordinal() - low.toordinal() + 2
    return max(edges[i + count] - edges[i] for i in range(len(edges) - count))


def _counts(ws: Workspace) -> int:
    """The largest count of working days of a schedule of ``ws``'s rules or of an amendment's."""
    found = 0
    for directive in ws.rules.directives:
        for duty in directive.duties:
            found = max(found, working_count(duty.schedule))
        for change in directive.changes:
            found = max(found, working_count(dict(change.fields).get("schedule")))
    return found


def _lead(ws: Workspace) -> int:
    return max((r.days for r in ws.hierarchy.lead_times if not r.internal), default=0)


def longest_feed_chain(duties: Iterable[Duty]) -> int:
    """The most links of a chain of duties that feed each other (``Duty.feeds``): a deadline is
    counted back over at most that many lead times. A cycle (refused elsewhere) counts every duty."""
    feeds = {d.id: d.feeds for d in duties}
    memo: dict[str, int] = {}
    visiting: set[str] = set()

    def depth(duty: str) -> int:
        if duty in memo:
            return memo[duty]
        if duty in visiting:
            raise _Cycle
        visiting.add(duty)
        found = max((1 + depth(f) for f in feeds.get(duty, ())), default=0)
        visiting.discard(duty)
        memo[duty] = found
        return found

    try:
        return max((depth(d) for d in feeds), default=0)
    except (_Cycle, RecursionError):
        return len(feeds)


class _Cycle(Exception):
    pass


def _all_days_off(ws: Workspace, root: str) -> VietnamCalendar:
    """A calendar of ``ws``'s state whose days off are the national ones and every unit's local ones
    (a unit's make-up working day left out): each unit's calendar has all its working days."""
    data = ws.calendar_data.as_known_on(ws.calendar_known_on)
    union = attrs.evolve(data, day_changes=tuple(attrs.evolve(c, scope=()) for c in data.day_changes
                                                 if not (c.scope and c.working)))
    return VietnamCalendar(union, source=ws.calendar_for(root).source)


def calendars_differ(old: Workspace, new: Workspace, root: str) -> bool:
    """Whether any day can differ between the two states' calendars of ``root``: their data, or the
    local days of decisions known in one state only. False is the usual day-to-day case (``due``
    asks for the changes not yet acknowledged at every run): then nothing can have moved, and the
    reach, which measures the calendars over years, is not needed."""
    return old.calendar_for(root).data != new.calendar_for(root).data or bool(_local_changes(old, new))


def _local_changes(old: Workspace, new: Workspace) -> set[DayChange]:
    """The local day changes (of decisions) known in one state only."""
    return set(old.calendar_data.as_known_on(old.calendar_known_on).day_changes) ^ \
        set(new.calendar_data.as_known_on(new.calendar_known_on).day_changes)


def calendar_window(old: Workspace, new: Workspace, root: str, start: dt.date, end: dt.date,
                     reach: int) -> tuple[dt.date, dt.date] | None:
    """With the same documents, only the calendar can move a deadline, and only within ``reach`` of
    a day whose working status differs between the two states (a count of working days, the lead
    times and rolls over it, ``calendar_reach``): those deadlines are compared, the others
    cannot have moved. None: no day differs (the days of the national calendar and of the root's,
    and the local days of the decisions known in one state only)."""
    a, b = old.calendar_for(root), new.calendar_for(root)
    margin = dt.timedelta(days=reach)
    first = max(start - margin, dt.date(max(a.data.first_year, b.data.first_year), 1, 1))
    last = min(end + margin, dt.date(min(a.data.last_year, b.data.last_year), 12, 31))
    days = set()
    if a.data != b.data:
        day = first
        while day <= last:
            if a.is_working_day(day) != b.is_working_day(day):
                days.add(day)
            day += dt.timedelta(days=1)
    days.update(c.date for c in _local_changes(old, new) if first <= c.date <= last)
    low, high = max(start, min(days, default=end) - margin), min(end, max(days, default=start) + margin)
    return (low, high) if days and low <= high else None


def pair_across_edges(old: Workspace, new: Workspace, before: dict[OccurrenceKey, Item],
                      after: dict[OccurrenceKey, Item], start: dt.date, end: dt.date, touched: set[str]) -> None:
    """A document moves a deadline as far as it says (a postponement names any day): an occurrence
    of a duty it touches (``touched``: duty and directive ids) found in the range in one state only
    is looked up whatever its deadline in the other, so that a move across an edge of the range is
    a move, not an addition or a removal. Adds what it finds to ``before``/``after``."""
    for mine, other, ws in ((after, before, old), (before, after, new)):
        for key in [k for k, i in mine.items() if k not in other and start <= i.deadline <= end
                    and (k.duty in touched or k.duty.split("/", 1)[0] in touched)]:
            try:
                occurrence = ws.find_occurrence(key.unit, key.duty, key.period, start)
            except InputError:          # not in that state (revoked, not yet issued, ended): no pair
                continue
            found = [i for i in ws.evaluate(key.unit, start, [occurrence]) if i.occurrence.key == key]
            if found and found[0].deadline != mine[key].deadline:
                other[key] = found[0]
