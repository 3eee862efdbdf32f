"""Expanding a duty's schedule into dated windows, independent of any unit.

The schedule objects (obligations/rules/schedules/) do the work; this module gives them
the duty's validity and resolved policies (see model.Policy and docs/rules.md), and the
dates of the events recorded for the unit being expanded.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator, Mapping

from obligations.rules.model import Duty
from obligations.rules.schedules.base import Context, Window, WorkingCalendar

__all__ = ["Window", "context", "expand"]


def context(duty: Duty, calendar: WorkingCalendar,
            events: Mapping[str, tuple[dt.date, ...]] | None = None) -> Context:
    return Context(duty.valid_from, duty.valid_until, duty.policy.before, duty.policy.opens, calendar,
                   dict(events or {}))


def expand(duty: Duty, first_year: int, last_year: int, calendar: WorkingCalendar,
           events: Mapping[str, tuple[dt.date, ...]] | None = None) -> Iterator[Window]:
    """Every window of ``duty`` whose last allowed day falls in [first_year, last_year].

    ``events`` maps an event id to the dates it happened for the unit (from the
    submissions log); an event-driven duty whose event is neither recorded nor dated in
    its rule file has no window."""
    yield from duty.schedule.expand(context(duty, calendar, events), dt.date(first_year, 1, 1),
                                    dt.date(last_year, 12, 31))
