"""A unit's recorded events laid over its shape's template.

Duties counted from an event (``every = "event"``) have the dates the unit recorded, so
their occurrences are the unit's own: they are placed for the unit alone and evaluated as
the one-unit path evaluates them (reconciled under every extension in the log, delivered
by the log's keys), while the template gives everything else. Exact only where no duty
feeds a duty counted from an event (then the template's results cannot depend on the
unit's events): ``laid_over`` says whether that holds.
"""

from __future__ import annotations

from obligations.log.snapshot import done_key
from obligations.occurrences.generate import EventDates, Occurrences
from obligations.occurrences.model import Placement
from obligations.report.overlay import HIDDEN, LISTED, Shared, fate
from obligations.status.assess import Item, payload_of, statuses_of

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
    occurrences of the duties in ``counted``, with its recorded ``events``."""
    source = shared.occurrences
    duties = [d for d in source.relevant_duties(unit_id) if d.id in counted]
    first = source.first_year or shared.on.year
    found, problems = source.of_unit(unit_id, first, shared.horizon_end.year, duties=duties, events=events)
    granted, log = shared.extensions, shared.log
    results = shared.network.solve([o for o in found if o.duty.feeds or o.key in granted], granted)
    done = log.done(unit_id) if log is not None else set()
    delivered = [done_key(o.duty.id, o.period) in done for o in found]
    calendar = source.calendars(unit_id)
    payloads = [payload_of(shared.on, o, results.get(o.key), d, calendar, shared.due_soon)
                for o, d in zip(found, delivered)]
    items, hidden = [], 0
    for occ, was_delivered, payload, status in zip(found, delivered, payloads,
                                                   statuses_of(shared.engine, payloads, shared.known)):
        result = results.get(occ.key)
        start, deadline = (result.window_start, result.deadline) if result else (occ.window_start, occ.deadline)
        where = fate(start, deadline, status, shared.horizon_end, shared.oldest)
        hidden += where == HIDDEN
        if where == LISTED:
            submission = (log.first_delivery(unit_id, occ.duty.id, occ.period)
                          if was_delivered and log is not None else None)
            items.append(Item(occ, status, payload[1], payload[2], result, submission))
    return items, hidden, problems
