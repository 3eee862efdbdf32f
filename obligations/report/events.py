"""A unit's recorded events laid over its shape's template.

Duties counted from an event (``every = "event"``) have the dates the unit recorded, so
their occurrences are the unit's own: they are placed for the unit alone and evaluated by
the one-unit path's own functions (``report.due.evaluate`` and ``listed``), while the
template gives everything else. Exact only where no duty
feeds a duty counted from an event (then the template's results cannot depend on the
unit's events): ``laid_over`` says whether that holds.
"""

from __future__ import annotations

import datetime as dt

from obligations.occurrences.generate import EventDates, Occurrences
from obligations.occurrences.model import Placement
from obligations.report.due import evaluate, last_year, listed
from obligations.report.overlay import Shared
from obligations.status.assess import Item

__all__ = ["counted_from_events", "event_items", "events_counted_from", "laid_over"]


def events_counted_from(occurrences: Occurrences) -> set[str]:
    """The events (by id) some duty, or a version of one, counts its periods from."""
    return {event for base in occurrences.rules.duties for version in occurrences.lifecycle.of(base)
            if version.duty is not None for event in version.duty.schedule.event_ids}


def counted_from_events(occurrences: Occurrences) -> frozenset[str]:
    """The duties (by id) some version of which counts its periods from an event."""
    return frozenset(base.id for base in occurrences.rules.duties
                     if any(v.duty is not None and v.duty.schedule.event_ids for v in occurrences.lifecycle.of(base)))


def laid_over(occurrences: Occurrences, counted: frozenset[str]) -> bool:
    """True when no duty feeds one counted from an event: a unit's events then change only
    the occurrences of those duties, which nothing else of the unit depends on."""
    return not any(fed in counted for base in occurrences.rules.duties for v in occurrences.lifecycle.of(base)
                   if v.duty is not None for fed in v.duty.feeds)


def event_items(shared: Shared, unit_id: str, events: EventDates, counted: frozenset[str]
                ) -> tuple[list[Item], int, list[Placement]]:
    """The listed items, hidden overdue count and placement problems of ``unit_id``'s
    occurrences of the duties in ``counted``, with its recorded ``events``, evaluated as
    the one-unit path evaluates them."""
    source = shared.occurrences
    duties = [d for d in source.relevant_duties(unit_id) if d.id in counted]
    first = source.first_year or shared.on.year
    found, problems = source.of_unit(unit_id, first, last_year(shared.horizon_end), duties=duties, events=events,
                                     needed=(dt.date.min, shared.horizon_end))
    items = evaluate(unit_id, shared.on, found, shared.network, source.calendars, shared.engine, shared.due_soon,
                     shared.log, shared.known)
    shown, hidden = listed(items, shared.horizon_end, shared.oldest)
    return shown, hidden, problems
