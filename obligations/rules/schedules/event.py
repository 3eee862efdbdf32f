"""A duty counted from an event that happens per case: receiving a document, a decision,
a congress. The dates come from the rule file (`[[event]]` with a date) or are recorded
per unit with the `event` command; recorded dates take the place of a declared one.

    trong thời hạn 15 ngày kể từ ngày nhận được Kế hoạch
        { every = "event", event = "nhan-ke-hoach", direction = "after", offset = 15, unit = "days", inclusive = true }
    chậm nhất 20 ngày trước ngày khai mạc Đại hội
        { every = "event", event = "khai-mac-dai-hoi", direction = "before", offset = 20, unit = "days", inclusive = true }

Civil Code 2015 Art. 147: a period counted in days starts on the day after the event, so
15 days after 3/3 is 18/3; Art. 148: a period that ends on a day off ends on the next
working day (the default roll of `after`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Iterator, Mapping

import attrs

from obligations.base.errors import Said, said
from obligations.base.records import record
from obligations.base.identifiers import shorten
from obligations.rules.schedules import periods
from obligations.rules.schedules.base import (ONE_DAY, Context, Description, Reporter, Window, check_inclusive,
                                              check_offset, check_time, counted, last_allowed, shift, table)

KEYS = {"every", "event", "direction", "offset", "unit", "inclusive", "time"}


@record
@attrs.frozen(repr=False)
class EventSchedule:
    event: str | None              # None: the old `within_days` form, whose date is in `declared`
    direction: str
    offset: int
    unit: str = "days"
    inclusive: bool | None = None
    time: str | None = None
    declared: tuple[dt.date, ...] = ()

    kind: ClassVar[str] = "event"
    default_opens: ClassVar[str] = "validity_start"
    around: ClassVar[tuple[str, ...]] = ()

    @property
    def default_roll(self) -> str:
        return "next" if self.direction == "after" else "previous"

    @property
    def event_ids(self) -> tuple[str, ...]:
        return (self.event,) if self.event else ()

    def dates(self, events: Mapping[str, tuple[dt.date, ...]]) -> tuple[dt.date, ...]:
        recorded = events.get(self.event, ()) if self.event else ()
        return tuple(sorted(set(recorded or self.declared)))

    def expand(self, ctx: Context, lo: dt.date, hi: dt.date) -> Iterator[Window]:
        sign = 1 if self.direction == "after" else -1
        for day in self.dates(ctx.events):
            if day > ctx.until:
                continue
            named = shift(day, sign * self.offset, self.unit, ctx.calendar)
            last = last_allowed(named, self.inclusive, ctx)
            start = day + ONE_DAY if self.direction == "after" else ctx.valid_from
            if lo <= last <= hi and last >= ctx.valid_from:
                yield Window(day.isoformat(), max(start, ctx.valid_from), last, time=self.time, named=named,
                             counted=counted(day, named, self.unit))

    def fits(self, period: str) -> bool:
        return periods.fits_day(period)

    def label_hint(self) -> Said:
        return said("period:hint-event", "YYYY-MM-DD, the date of the event, e.g. {example}", example="2025-03-03")

    def as_table(self) -> dict[str, object]:
        out = table(self, self.kind)
        if self.event is None:
            out["date"] = out.pop("declared", [None])[0]     # type: ignore[index]
        return out

    def describe(self) -> Description:
        params: dict[str, object] = {"event": self.event or (self.declared[0].isoformat() if self.declared else None),
                                     "offset": self.offset, "unit": self.unit, "inclusive": self.inclusive}
        if self.time:
            params["time"] = self.time
        return Description(f"event.{self.direction}", tuple(params.items()))


def parse(raw: dict[str, Any], ctx: Reporter, declared: Mapping[str, tuple[dt.date, ...]]) -> EventSchedule:
    ctx.keys(raw, KEYS, {"every", "event", "direction", "offset"})
    event = ctx.str(raw["event"], "schedule.event")
    direction = raw["direction"]
    if direction not in ("after", "before"):
        raise ctx.error(said("event:direction", "schedule.direction {value} is not known", value=shorten(direction)),
                        fix=said("event:direction-fix", 'use "after" ("kể từ ngày ...") or "before" ("trước ngày ...")'))
    unit = raw.get("unit", "days")
    if unit not in ("days", "working_days"):
        raise ctx.error(said("schedule:unit", "schedule.unit {value} is not known", value=shorten(unit)),
                        fix=said("schedule:unit-fix", 'use "days" or "working_days"'))
    time = check_time(raw["time"], ctx) if "time" in raw else None
    offset = check_offset(raw["offset"], ctx)
    if direction == "after" and offset < 1:
        # Civil Code 2015 Art. 147: a period counted from an event starts the next day, so
        # it has at least one day; "on the day of the event" is direction "before", offset 0.
        raise ctx.error(said("event:offset", "schedule.offset after an event must be at least 1"),
                        fix=said("event:offset-fix", 'for the day of the event itself use direction = "before", offset = 0'))
    if event not in declared:
        known = ", ".join(sorted(declared)) or said("event:none", "none declared")
        raise ctx.error(said("event:unknown", "unknown event {event} (declared in this file: {known})",
                             event=repr(event), known=known),
                        fix=said("event:unknown-fix", 'declare it: [[event]] id = "{event}", source = "<the sentence>" '
                                 "(with date = ... when the text gives the date)", event=event))
    return EventSchedule(event, direction, offset, unit, check_inclusive(raw, ctx), time, declared[event])
