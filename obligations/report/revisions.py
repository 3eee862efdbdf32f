"""The revisions of a unit's calendar events as knowledge grew: what a subscription needs so that a
moved event keeps its UID with a higher SEQUENCE and a removed one is sent as CANCELLED (RFC 5545
3.8.7.4, 3.8.1.11).

A feed is read, never written (web/feed.py): the revisions follow from the inputs alone. The days
on which knowledge changed are the days of issue of the loaded documents (and of the calendar
decisions) up to the day the feed is known on and after a baseline a year before the range (or
the day of knowledge); the unit's occurrences are evaluated as known on the baseline and on each of
those days, and each move, removal or return of an occurrence between two successive views counts
one revision."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.errors import CalendarRangeError
from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.report.facade import Facade as Workspace
from obligations.status.assess import Item

__all__ = ["BASELINE_DAYS", "Revisions", "change_days", "revisions"]

BASELINE_DAYS = 366


@record
@attrs.frozen(repr=False)
class Revisions:
    """``counts``: key -> revisions of its event; ``cancelled``: the occurrences known before and
    no longer, each as last known (its old deadline), in deadline order."""

    counts: dict[OccurrenceKey, int]
    cancelled: tuple[Item, ...]


def change_days(ws: Workspace, unit: str, known: dt.date, calendar: bool = True) -> list[dt.date]:
    """The days up to ``known`` on which a loaded document was issued and (``calendar``) from which
    a calendar decision of the unit's calendar is known (calendar/decisions.py)."""
    days = {d.issued for d in (*ws.all_rules.directives, *ws.all_rules.shadowed) if d.issued is not None}
    if calendar:
        days.update(d.known_from for d in ws.calendar_for(unit).data.decisions)
    return sorted(d for d in days if d <= known)


def revisions(ws: Workspace, unit: str, start: dt.date, end: dt.date, on: dt.date, known: dt.date, *,
              calendar: bool = True) -> Revisions:
    """The revisions of ``unit``'s events whose deadline is in [start, end], as known on ``known``
    (``calendar``: the calendar decisions too, as ``Workspace.known_on``)."""
    # what became known more than a year before the range begins (or before the day of knowledge,
    # when that is earlier) is old news: the baseline is the state of that day
    baseline = min(start, known) - dt.timedelta(days=BASELINE_DAYS)
    days = [d for d in change_days(ws, unit, known, calendar) if d > baseline]
    counts: dict[OccurrenceKey, int] = {}
    gone: dict[OccurrenceKey, Item] = {}
    if not days:
        return Revisions(counts, ())

    def view(day: dt.date) -> dict[OccurrenceKey, Item] | None:
        try:
            items = ws.known_on(day, calendar=calendar).items_between(unit, start, end, on)
        except CalendarRangeError:      # a year whose calendar was not known yet that day: no view
            return None
        return {i.occurrence.key: i for i in items}
    before = view(baseline)
    if before is None:
        before = {}
    for day in days:
        after = view(day)
        if after is None:
            continue
        for key in before.keys() | after.keys():
            a, b = before.get(key), after.get(key)
            if a is not None and b is not None:
                if a.deadline != b.deadline:
                    counts[key] = counts.get(key, 0) + 1
            elif a is not None:                 # removed: cancelled from now on
                counts[key] = counts.get(key, 0) + 1
                gone[key] = a
            elif key in gone:                   # back again (reinstated)
                counts[key] = counts.get(key, 0) + 1
                del gone[key]
        before = after
    cancelled = sorted((i for k, i in gone.items() if k not in before), key=lambda i: (i.deadline, str(i.occurrence.key)))
    return Revisions(counts, tuple(cancelled))
