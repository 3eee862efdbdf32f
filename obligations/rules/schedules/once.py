"""A duty done once: by a named day, or within a stated span.

    trước ngày 20/4/2023                   { every = "once", date = 2023-04-20, inclusive = false }
    trước 16 giờ ngày 28/3/2025            { every = "once", date = 2025-03-28, time = "16:00", inclusive = true }
    trong tháng 4/2023                     { every = "once", start = 2023-04-01, date = 2023-04-30, inclusive = true }
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Iterator

import attrs

from obligations.base.errors import Said, said
from obligations.base.records import record
from obligations.rules.schedules.base import (Context, Description, Reporter, Window, check_inclusive, check_time,
                                              last_allowed, table)

KEYS = {"every", "date", "start", "inclusive", "time"}


@record
@attrs.frozen(repr=False)
class Once:
    date: dt.date
    start: dt.date | None = None
    inclusive: bool | None = None
    time: str | None = None

    kind: ClassVar[str] = "once"
    default_roll: ClassVar[str] = "previous"
    event_ids: ClassVar[tuple[str, ...]] = ()
    around: ClassVar[tuple[str, ...]] = ()

    @property
    def default_opens(self) -> str:
        # "trước ngày D" opens when the duty takes effect; a stated span opens at its start.
        return "period_start" if self.start is not None else "validity_start"

    def expand(self, ctx: Context, lo: dt.date, hi: dt.date) -> Iterator[Window]:
        named = self.date
        last = last_allowed(named, self.inclusive, ctx)
        opens = ctx.valid_from if ctx.opens == "validity_start" else (self.start or dt.date(last.year, 1, 1))
        if last < ctx.valid_from or opens > ctx.until:
            return
        label = str(last.year)
        # valid.until is the text's own end ("đến ngày ..."): nothing is due after it
        last = min(last, ctx.until)
        if lo <= last <= hi:
            yield Window(label, max(opens, ctx.valid_from), last, time=self.time, named=named)

    def fits(self, period: str) -> bool:
        return period.isdigit() and len(period) == 4

    def label_hint(self) -> Said:
        return said("period:hint-once", "YYYY, the year of the last allowed day, e.g. {example}", example="2025")

    def as_table(self) -> dict[str, object]:
        return table(self, self.kind)

    def describe(self) -> Description:
        params: dict[str, object] = {"date": self.date.isoformat(), "inclusive": self.inclusive}
        if self.start is not None:
            params["start"] = self.start.isoformat()
        if self.time:
            params["time"] = self.time
        return Description("once.span" if self.start else "once.day", tuple(params.items()))


def parse(raw: dict[str, Any], ctx: Reporter) -> Once:
    ctx.keys(raw, KEYS, {"every", "date"})
    date = ctx.date(raw["date"], "schedule.date")
    start = ctx.date(raw["start"], "schedule.start") if "start" in raw else None
    if start is not None and start > date:
        raise ctx.error(said("once:reversed", "the window ends ({date}) before it starts ({start})", date=date, start=start),
                        fix=said("once:reversed-fix", "swap start and date"))
    time = check_time(raw["time"], ctx) if "time" in raw else None
    return Once(date, start, check_inclusive(raw, ctx), time)
