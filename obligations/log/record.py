"""Recording deliveries, extensions and events: the occurrence must exist, the dates must make
sense. A second record of the same occurrence (or event of a unit) is refused by the store
unless ``replace`` with a ``reason`` (store.SubmissionLog.record_submission)."""

from __future__ import annotations

import datetime as dt

from obligations.base.errors import InputError, said
from obligations.base.identifiers import shorten, unknown_id
from obligations.log.store import Extension, RecordedEvent, Submission, SubmissionLog
from obligations.occurrences.generate import Occurrences


def record_submission(occurrences: Occurrences, log: SubmissionLog, unit_id: str, duty_id: str, period: str,
                      delivered_on: dt.date, today: dt.date, ref: str | None = None,
                      note: str | None = None, *, replace: bool = False, reason: str | None = None) -> Submission:
    """Check the occurrence exists and the date is not in the future, then record it."""
    if delivered_on > today:
        raise InputError(said("log:future", "the delivery date {day} is in the future (today is {today} in Vietnam)",
                              day=delivered_on, today=today),
                         fix=said("log:future-fix", "give the day it was actually delivered; nothing was written"),
                         code="bad-date", param="on")
    # a duty counted from an event has the dates the unit recorded for it
    occ = occurrences.find(unit_id, duty_id, period, today, events=log.event_dates(unit_id))
    return log.record_submission(unit_id, occ.duty.id, occ.period, delivered_on, ref, note,
                                 replace=replace, reason=reason)


def record_extension(occurrences: Occurrences, log: SubmissionLog, unit_id: str, duty_id: str, period: str,
                     until: dt.date, ref: str, note: str | None = None, *, replace: bool = False,
                     reason: str | None = None) -> Extension:
    """An extension granted by the level above, with the reference of the granting document."""
    if not ref or not ref.strip():
        raise InputError(said("log:no-ref", "an extension needs the reference of the document that grants it"),
                         fix=said("log:no-ref-fix", 'give the reference of the document ("số văn bản")'),
                         code="missing-value", param="ref")
    occ = occurrences.find(unit_id, duty_id, period, until, events=log.event_dates(unit_id))
    if until <= occ.deadline:
        raise InputError(said("log:not-later", "an extension must be later than the deadline {deadline}",
                              deadline=occ.deadline),
                         fix=said("log:not-later-fix", "give a later date until which it is extended; nothing was "
                                                       "written"),
                         code="bad-range", param="until", data={"deadline": occ.deadline.isoformat()})
    return log.record_extension(unit_id, occ.duty.id, occ.period, until, ref, note, replace=replace, reason=reason)


def record_event(occurrences: Occurrences, log: SubmissionLog, unit_id: str, event_id: str,
                 happened_on: dt.date, ref: str | None = None, note: str | None = None, *,
                 replace: bool = False, reason: str | None = None) -> RecordedEvent:
    """An event that happened (or is set to happen) for a unit; the event must be declared
    in a rule file. A date ahead is allowed: a congress is announced before it opens."""
    occurrences.hierarchy.unit(unit_id)
    declared = {e.id for d in occurrences.rules.directives for e in d.events}
    if event_id not in declared:
        if not declared:
            raise InputError(said("id:unknown", "unknown {kind} {value}", kind=said("id:kind:event", "event"),
                                  value=shorten(event_id)),
                             fix=said("event:none-declared", "no event is declared: declare one with [[event]] in a "
                                                             "rule file"),
                             code="unknown-event", param="event")
        message, fix = unknown_id("event", event_id, declared)
        raise InputError(message, fix=fix, code="unknown-event", param="event")
    occurrences.calendars(unit_id).check_year(happened_on.year)
    # one date per event of a unit: the same again writes nothing, another date is a
    # correction ("3/3, no: 5/3") to record as a replacement, never a second deadline
    return log.record_event(unit_id, event_id, happened_on, ref, note, replace=replace, reason=reason)
