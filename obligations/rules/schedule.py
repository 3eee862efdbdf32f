"""Expanding a duty's schedule into dated windows, independent of any unit.

Recurrences are expanded with dateutil.rrule; the window and the last allowed day of each
instance follow the duty's named policies (see model.Policy and docs/rules.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

import attrs
from dateutil.rrule import MONTHLY, YEARLY, rrule

from obligations.calendar.working import VietnamCalendar
from obligations.base.dates import month_end
from obligations.base.vocabulary import FAR_FUTURE
from obligations.rules.model import Duty

ONE_DAY = dt.timedelta(days=1)


@attrs.frozen
class Window:
    """One instance of a duty: the days it may be done and the last allowed day."""

    period: str
    start: dt.date
    last_allowed: dt.date
    anchor: str | None = None


def _before(day: dt.date, duty: Duty) -> dt.date:
    """`trước ngày D`: exclusive by default (the last allowed day is D-1)."""
    return day - ONE_DAY if duty.policy.before == "exclusive" else day


def _clip(duty: Duty, start: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
    until = duty.valid_until or FAR_FUTURE
    if last < duty.valid_from or start > until:
        return None
    return max(start, duty.valid_from), min(last, until)


def _opens(duty: Duty, period_start: dt.date) -> dt.date:
    return duty.valid_from if duty.policy.opens == "validity_start" else period_start


def expand(duty: Duty, first_year: int, last_year: int, calendar: VietnamCalendar) -> Iterator[Window]:
    """Every window of ``duty`` whose last allowed day falls in [first_year, last_year]."""
    s = duty.schedule
    lo, hi = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    until = min(duty.valid_until or FAR_FUTURE, hi)

    def emit(period: str, start: dt.date, last: dt.date, anchor: str | None = None):
        clipped = _clip(duty, start, last)
        if clipped and lo <= clipped[1] <= hi:
            yield Window(period, clipped[0], clipped[1], anchor)

    if s.type == "once_before":
        last = _before(s.date, duty)
        yield from emit(str(last.year), _opens(duty, dt.date(last.year, 1, 1)), last)
    elif s.type == "once_in_month":
        start = dt.date(s.year, s.month, 1)
        yield from emit(str(s.year), _opens(duty, start), month_end(s.year, s.month))
    elif s.type == "once_between":
        yield from emit(str(s.end.year), s.start, s.end)
    elif s.type == "within_days":
        # Civil Code 2015 Art. 147: a period in days starts the day after the event.
        last = s.start + dt.timedelta(days=s.days)
        yield from emit(str(last.year), s.start + ONE_DAY, last)
    elif s.type in ("yearly_in_month", "yearly_before"):
        begin = max(duty.valid_from.year, first_year)
        if begin > until.year:
            return
        for when in rrule(YEARLY, dtstart=dt.datetime(begin, 1, 1), until=dt.datetime(until.year, 12, 31)):
            year = when.year
            if s.type == "yearly_in_month":
                start = dt.date(year, s.month, 1)
                yield from emit(str(year), _opens(duty, start), month_end(year, s.month))
            else:
                yield from emit(str(year), _opens(duty, dt.date(year, 1, 1)),
                                _before(dt.date(year, s.month, s.day), duty))
    elif s.type == "monthly":
        begin = max(duty.valid_from, dt.date(first_year, 1, 1)).replace(day=1)
        if begin > until:
            return
        for when in rrule(MONTHLY, dtstart=dt.datetime(begin.year, begin.month, 1),
                          until=dt.datetime(until.year, until.month, 1)):
            start = when.date()
            yield from emit(f"{start.year}-{start.month:02d}", _opens(duty, start),
                            month_end(start.year, start.month))
    elif s.type == "quarterly":
        begin = max(duty.valid_from, dt.date(first_year, 1, 1))
        begin = dt.date(begin.year, 3 * ((begin.month - 1) // 3) + 1, 1)
        if begin > until:
            return
        for when in rrule(MONTHLY, interval=3, dtstart=dt.datetime(begin.year, begin.month, 1),
                          until=dt.datetime(until.year, until.month, 1)):
            start = when.date()
            quarter = (start.month - 1) // 3 + 1
            yield from emit(f"{start.year}-Q{quarter}", _opens(duty, start),
                            month_end(start.year, start.month + 2))
    elif s.type == "peaks":
        for year in range(max(first_year, duty.valid_from.year), until.year + 1):
            for cid in s.around:
                for event in calendar.commemoration_dates(cid, year):
                    day = event.date
                    if not duty.valid_from <= day <= (duty.valid_until or FAR_FUTURE):
                        continue
                    anchor = f"{cid}@{day.isoformat()}"
                    yield from emit(day.isoformat(), day - dt.timedelta(days=s.days_before),
                                    day + dt.timedelta(days=s.days_after), anchor)
    else:  # pragma: no cover - the loader refuses unknown types
        raise ValueError(s.type)
