"""Peak activity around commemorations: a window of days before and after each one.

    cao điểm vào dịp 30/4, 19/5 ...     { every = "peaks", around = ["giai-phong-mien-nam"], days_before = 14, days_after = 0 }
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Iterator

import attrs

from obligations.base.errors import CalendarRangeError, Said, said
from obligations.base.records import record
from obligations.rules.schedules import periods
from obligations.rules.schedules.base import Anchor, Context, Description, Reporter, Window, check_offset, table

KEYS = {"every", "around", "days_before", "days_after"}


@record
@attrs.frozen(repr=False)
class Peaks:
    around: tuple[str, ...]
    days_before: int = 0
    days_after: int = 0

    kind: ClassVar[str] = "peaks"
    default_roll: ClassVar[str] = "none"       # an activity tied to a day is not moved
    default_opens: ClassVar[str] = "period_start"
    event_ids: ClassVar[tuple[str, ...]] = ()

    def expand(self, ctx: Context, lo: dt.date, hi: dt.date) -> Iterator[Window]:
        # a commemoration late in a year can have its window end in the next one
        back = lo.year - 1 - self.days_after // 365
        found: dict[dt.date, list[str]] = {}
        for year in range(max(back, ctx.valid_from.year), min(ctx.until, hi).year + 1):
            for cid in self.around:
                try:
                    events = ctx.calendar.commemoration_dates(cid, year)
                except CalendarRangeError:
                    if year >= lo.year:
                        raise
                    continue                  # looking back before the calendar's first year
                for event in events:
                    if ctx.valid_from <= event.date <= ctx.until:
                        found.setdefault(event.date, []).append(cid)
        # two commemorations on one day (3/2 was Tết in 2011) make one peak, one period
        for day, cids in sorted(found.items()):
            start = day - dt.timedelta(days=self.days_before)
            last = min(day + dt.timedelta(days=self.days_after), ctx.until)
            if lo <= last <= hi:
                yield Window(day.isoformat(), max(start, ctx.valid_from), last,
                             anchor=Anchor(tuple(dict.fromkeys(cids)), day))

    def fits(self, period: str) -> bool:
        return periods.fits_day(period)

    def label_hint(self) -> Said:
        return said("period:hint-peaks", "YYYY-MM-DD, the date of the commemoration, e.g. {example}",
                    example="2025-04-30")

    def as_table(self) -> dict[str, object]:
        return table(self, self.kind)

    def describe(self) -> Description:
        return Description("peaks", (("around", list(self.around)), ("days_before", self.days_before),
                                     ("days_after", self.days_after)))


def parse(raw: dict[str, Any], ctx: Reporter) -> Peaks:
    ctx.keys(raw, KEYS, {"every", "around"})
    around = raw["around"]
    if not isinstance(around, list) or not around or not all(isinstance(a, str) for a in around):
        raise ctx.error(said("peaks:around", "schedule.around must list commemoration ids"),
                        fix=said("peaks:around-fix", 'e.g. around = ["giai-phong-mien-nam", "quoc-khanh"]'))
    return Peaks(tuple(around), check_offset(raw.get("days_before", 0), ctx, "schedule.days_before"),
                 check_offset(raw.get("days_after", 0), ctx, "schedule.days_after"))
