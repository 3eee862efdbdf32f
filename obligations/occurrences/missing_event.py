"""The refusal of a duty counted from an event whose date is not recorded for the unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from obligations.base.errors import InputError, said
from obligations.rules.model import Duty


def missing_event(duty: Duty, unit_id: str, events: Mapping[str, tuple[dt.date, ...]] | None) -> InputError | None:
    """The error for an event-driven duty whose event has no date for the unit (``events``: the
    dates recorded for it, None when no submissions log was read)."""
    for event_id in duty.schedule.event_ids:
        if not (events or {}).get(event_id) and not getattr(duty.schedule, "declared", ()):
            no_log = "" if events is not None else said("event:no-log", " (no submissions log was read)")
            return InputError(said("event:not-recorded", "{duty} is counted from the event {event}, which has not "
                                                         "been recorded for {unit}{no_log}", duty=duty.id,
                                   event=repr(event_id), unit=unit_id, no_log=no_log),
                              fix=said("event:not-recorded-fix", "record the date of the event {event} for {unit}, "
                                                                 "then ask again with the same log", event=event_id,
                                       unit=unit_id),
                              code="event-not-recorded", param="event", data={"unit": unit_id, "event": event_id})
    return None
