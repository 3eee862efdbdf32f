"""The records of the submissions log (deliveries, extensions, events), the rule that one
record counts per occurrence, and the checks every writer passes (bounds, replacements)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from obligations.base.errors import ErrorCode, InputError, Number, said
from obligations.base.identifiers import shorten
from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.log.schema import LIMITS


@record
@attrs.frozen(repr=False)
class Submission:
    """A delivery recorded in the submissions log: the occurrence (``unit``, ``duty``, ``period``),
    the day delivered and the document's ``ref``; ``replaced_by`` is set when a later record
    corrected it (kept as history)."""

    unit: str
    duty: str
    period: str
    delivered_on: dt.date
    ref: str | None
    note: str | None
    recorded_at: str
    reason: str | None = None           # why this record replaced an earlier one
    replaced_by: int | None = None      # the record that replaced this one (history), else None
    id: int | None = None               # the row in the log

    @property
    def key(self) -> OccurrenceKey:
        return OccurrenceKey(self.unit, self.duty, self.period)


@record
@attrs.frozen(repr=False)
class Extension:
    """A later deadline granted by the level above (gia hạn), with the granting document."""

    unit: str
    duty: str
    period: str
    until: dt.date
    ref: str
    note: str | None
    recorded_at: str
    reason: str | None = None           # why this record replaced an earlier one
    replaced_by: int | None = None      # the record that replaced this one (history), else None
    id: int | None = None               # the row in the log

    @property
    def key(self) -> OccurrenceKey:
        return OccurrenceKey(self.unit, self.duty, self.period)


@record
@attrs.frozen(repr=False)
class RecordedEvent:
    """An event that happened for a unit (the plan was received, the congress opens),
    from which event-driven duties are counted."""

    unit: str
    event: str
    happened_on: dt.date
    ref: str | None
    note: str | None
    recorded_at: str
    reason: str | None = None
    replaced_by: int | None = None
    id: int | None = None


class AlreadyRecorded(InputError):
    """A second record for an occurrence (or an event of a unit) that differs from the first,
    without a replacement: 409 Conflict on the web."""

    default_code: ErrorCode = "already-recorded"


def recorded_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def first_deliveries(items: Iterable[Submission]) -> dict[OccurrenceKey, Submission]:
    """The delivery that counts for each occurrence. A log holds one current record per
    occurrence; one written before version 5 may hold several, of which the earliest
    delivery counts (as it always has)."""
    first: dict[OccurrenceKey, Submission] = {}
    for item in items:
        if item.key not in first or item.delivered_on < first[item.key].delivered_on:
            first[item.key] = item
    return first


def dates_by_event(items: Iterable[RecordedEvent]) -> dict[str, tuple[dt.date, ...]]:
    """event id -> the distinct dates it happened, in date order."""
    found: dict[str, set[dt.date]] = {}
    for item in items:
        found.setdefault(item.event, set()).add(item.happened_on)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def check_bounds(**values: str | None) -> None:
    """Refuse a note, reference, reason or key longer than ``LIMITS`` (echoing ~60 characters of it)."""
    for name, value in values.items():
        limit = LIMITS["key" if name in ("unit", "duty", "period", "event") else name]
        if value is not None and len(value) > limit:
            raise InputError(said("log:too-long", "the {name} is {n} characters long, more than the {limit} kept: "
                                                  "{value}", name=FIELDS.get(name, name), n=Number(len(value)),
                                  limit=Number(limit), value=shorten(value)),
                             fix=said("log:too-long-fix", "give a {name} of at most {limit} characters (a long text "
                                                          "belongs in a document: give its reference); nothing was "
                                                          "written", name=FIELDS.get(name, name), limit=Number(limit)),
                             code="too-long", param=name)


def replacement_reason(replace: bool, reason: str | None) -> str | None:
    """The reason of a replacement, checked; None when this is not one."""
    if not replace:
        if reason is not None:
            raise InputError(said("log:reason-alone", "a reason is given without asking to replace a record"),
                             fix=said("log:reason-alone-fix", "ask to replace the record, or leave the reason out; "
                                                              "nothing was written"),
                             code="bad-input", param="replace")
        return None
    if reason is None or not reason.strip():
        raise InputError(said("log:no-reason", "replacing a record needs the reason"),
                         fix=said("log:no-reason-fix", 'give the reason, e.g. "sửa ngày nộp"; nothing was written'),
                         code="missing-value", param="reason")
    return reason


# What each kind of record is, for the queries and messages of ``_record``.
# the words of the log's refusals: the fields and kinds of record, said in the reader's language
FIELDS = {"note": said("log:field:note", "note"), "ref": said("log:field:ref", "ref"),
          "reason": said("log:field:reason", "reason"), "unit": said("log:field:unit", "unit"),
          "duty": said("log:field:duty", "duty"), "period": said("log:field:period", "period"),
          "event": said("log:field:event", "event")}
WHAT = {"a delivery": said("log:what:delivery", "a delivery"), "an extension": said("log:what:extension", "an extension"),
        "this event": said("log:what:event", "this event")}
ON = {"delivered on": said("log:on:delivered", "delivered on"), "until": said("log:on:until", "until"),
      "on": said("log:on:on", "on")}

KINDS = {
    "submission": ("unit, duty, period", "delivered_on", "a delivery", "delivered on"),
    "extension": ("unit, duty, period", "until", "an extension", "until"),
    "event": ("unit, event", "happened_on", "this event", "on"),
}
