"""Recurring periods (week, month, quarter, half-year, nine months, year) and a deadline
stated relative to each period.

    hằng tháng                                   { every = "month" }
    trước ngày 15 hằng tháng                     { every = "month", day = 15, inclusive = false }
    chậm nhất ngày 06 của tháng cuối quý         { every = "quarter", month = "last", day = 6, inclusive = true }
    trước ngày 10 của tháng đầu quý sau          { every = "quarter", of = "next", month = 1, day = 10, inclusive = false }
    vào tháng 11 hằng năm                        { every = "year", in_month = 11 }
    thứ Sáu hằng tuần                            { every = "week", weekday = "FR", inclusive = true }
    07 ngày làm việc kể từ ngày kết thúc kỳ      { every = "month", from = "end", offset = 7, unit = "working_days", inclusive = true }
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Iterator

import attrs

from obligations.base.dates import month_end
from obligations.base.errors import Said, joined, said
from obligations.base.records import record
from obligations.base.identifiers import shorten
from obligations.rules.schedules import periods
from obligations.rules.schedules.base import (WEEKDAYS, Context, Description, Reporter, Window, check_inclusive,
                                              check_offset, check_time, counted, last_allowed, shift, table)

KEYS = {"every", "only", "day", "month", "of", "in_month", "weekday", "offset", "unit", "from", "inclusive",
        "time", "covers"}
_DAYS_IN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)   # 29/2 does not happen every year


@record
@attrs.frozen(repr=False)
class Periodic:
    every: str
    only: tuple[int, ...] = ()
    day: int | str | None = None
    month: int | str | None = None
    of: str = "this"
    in_month: int | str | None = None
    weekday: str | None = None
    offset: int | None = None
    unit: str = "days"
    from_: str = "end"
    inclusive: bool | None = None
    time: str | None = None
    covers: str | None = None

    @property
    def kind(self) -> str:
        return self.every

    default_roll: ClassVar[str] = "previous"
    default_opens: ClassVar[str] = "period_start"
    event_ids: ClassVar[tuple[str, ...]] = ()
    around: ClassVar[tuple[str, ...]] = ()

    @property
    def form(self) -> str:
        """Which key states the deadline: day, in_month, weekday, offset, or end."""
        for name in ("day", "in_month", "weekday", "offset"):
            if getattr(self, name) is not None:
                return name
        return "end"

    # -- expansion --------------------------------------------------------------------

    def _reach(self) -> int:
        """How many days after its period's end a last allowed day can lie."""
        if self.of == "next":
            return 31 * (int(self.month or self.in_month or 1) + 1)
        if self.offset is not None:
            return self.offset * (2 if self.unit == "working_days" else 1) + 60
        return 0

    def _month(self, period: periods.Period, number: int | str | None) -> tuple[int, int]:
        return period.month(number or 1, after=self.of == "next")

    def expand(self, ctx: Context, lo: dt.date, hi: dt.date) -> Iterator[Window]:
        first = max(ctx.valid_from, lo - dt.timedelta(days=self._reach() + 1))
        # A period that starts while the duty is valid keeps its deadline even when that
        # falls after the duty's end (a report on the last quarter is due next January).
        for period in periods.meeting(self.every, self.only, first, hi + dt.timedelta(days=1)):
            if period.start > ctx.until:
                break
            # a period cut by valid.until (the text's own end, "đến ngày ...") ends there
            start, end = max(period.start, ctx.valid_from), min(period.end, ctx.until)
            named: dt.date | None = None
            span: tuple[dt.date, dt.date] | None = None
            opens = ctx.valid_from if ctx.opens == "validity_start" else start
            if self.day is not None:
                year, month = self._month(period, self.month)
                named = month_end(year, month) if self.day == "last" else dt.date(year, month, int(self.day))
            elif self.in_month is not None:
                year, month = self._month(period, self.in_month)
                if dt.date(year, month, 1) > ctx.until and self.of != "next":
                    continue          # the month named comes after the duty has ended: none that year
                opens = max(opens, dt.date(year, month, 1)) if ctx.opens != "validity_start" else opens
                last = month_end(year, month) if self.of == "next" else min(month_end(year, month), ctx.until)
            elif self.weekday is not None:
                named = period.start + dt.timedelta(days=WEEKDAYS.index(self.weekday))
            elif self.offset is not None:
                base = end if self.from_ == "end" else start
                named = shift(base, self.offset, self.unit, ctx.calendar)
                span = counted(base, named, self.unit)
            else:
                last = end
            if named is not None:
                last = last_allowed(named, self.inclusive, ctx)
            if not lo <= last <= hi or last < ctx.valid_from:
                continue
            yield Window(period.label, max(opens, ctx.valid_from), last, time=self.time,
                         covers=self._covers(period), named=named, counted=span)

    def _covers(self, period: periods.Period) -> tuple[dt.date, dt.date] | None:
        # Decree 09/2019/NĐ-CP Art. 12: from the 15th of the month before the period to the
        # 14th of its last month.
        if self.covers is None:
            return None
        year, month = period.month(0)
        return dt.date(year, month, 15), dt.date(period.end.year, period.end.month, 14)

    # -- labels and descriptions ----------------------------------------------------------

    def fits(self, period: str) -> bool:
        return periods.fits(self.every, self.only, period)

    def label_hint(self) -> Said:
        return periods.hint(self.every)

    def as_table(self) -> dict[str, object]:
        out = table(self, self.every)
        out.pop("kind", None)
        for key, default in (("of", "this"), ("unit", "days"), ("from", "end")):
            if out.get(key) == default and (key == "of" or self.offset is None):
                out.pop(key)
        return out

    def describe(self) -> Description:
        params: dict[str, object] = {"every": self.every, "only": list(self.only)}
        if self.form == "day":
            params.update(day=self.day, month=self.month or 1, of=self.of, inclusive=self.inclusive)
        elif self.form == "in_month":
            params.update(month=self.in_month, of=self.of)
        elif self.form == "weekday":
            params.update(weekday=self.weekday, inclusive=self.inclusive)
        elif self.form == "offset":
            params.update(offset=self.offset, unit=self.unit, **{"from": self.from_}, inclusive=self.inclusive)
        if self.time:
            params["time"] = self.time
        if self.covers:
            params["covers"] = self.covers
        return Description(f"periodic.{self.form}", tuple(params.items()))


# -- parsing ------------------------------------------------------------------------------

def _kind(every: str) -> Said:
    """A kind of period in words (a quarter: "quý"), for the refusals below."""
    words = {"week": said("schedule:kind-week", "week"), "month": said("schedule:kind-month", "month"),
             "quarter": said("schedule:kind-quarter", "quarter"), "half": said("schedule:kind-half", "half-year"),
             "year": said("schedule:kind-year", "year")}
    return words.get(every) or said("schedule:kind-other", "{every}", every=repr(every))


def _month_number(raw: dict[str, Any], key: str, every: str, of: str, ctx: Reporter) -> int | str | None:
    if key not in raw:
        return None
    value = raw[key]
    size = periods.MONTH_KINDS[every][0]
    if of == "next":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
            raise ctx.error(said("schedule:not-month-after", "schedule.{key} {value} is not a month after the period",
                                 key=key, value=shorten(value)),
                            fix=said("schedule:not-month-after-fix", 'with of = "next", {key} counts the months after '
                                     "the period: 1 = the next month", key=key))
        return int(value)
    if value == "last":
        return "last"
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= size:
        which = (said("schedule:calendar-month", "use a calendar month, 1 to 12") if every == "year" else
                 said("schedule:month-or-last", 'use 1 to {size} or "last"', size=size))
        raise ctx.error(said("schedule:not-month-of", "schedule.{key} {value} is not a month of a {kind} period",
                             key=key, value=shorten(value), kind=_kind(every)), fix=which)
    return value


def _calendar_months(every: str, only: tuple[int, ...], number: int | str, of: str) -> set[int]:
    """The calendar months a day could fall in, over every period of the schedule."""
    return {periods.period_of(every, dt.date(2023, start, 1)).month(number, after=of == "next")[1]
            for start in periods.start_months(every, only)}


def parse(raw: dict[str, Any], ctx: Reporter) -> Periodic:
    ctx.keys(raw, KEYS, {"every"})
    every = raw["every"]
    week = every == "week"
    if week:
        for key in ("only", "day", "month", "of", "in_month", "covers"):
            if key in raw:
                raise ctx.error(said("schedule:not-weekly", "schedule.{key} does not apply to weekly periods", key=key),
                                fix=said("schedule:not-weekly-fix", 'use weekday = "MO".."SU", or an offset from the '
                                         "week's start or end"))
    forms = [k for k in ("day", "in_month", "weekday", "offset") if k in raw]
    if len(forms) > 1:
        named = joined(["schedule." + k for k in forms], said("schedule:and", " and "))
        raise ctx.error(said("schedule:twice", "the deadline is stated twice ({forms})", forms=named),
                        fix=said("schedule:twice-fix", "keep the one the text states"))
    form = forms[0] if forms else "end"
    of = raw.get("of", "this")
    if of not in ("this", "next"):
        raise ctx.error(said("schedule:of", "schedule.of {value} is not known", value=shorten(of)),
                        fix=said("schedule:of-fix", 'use "this" or "next"'))
    if "of" in raw and form not in ("day", "in_month"):
        raise ctx.error(said("schedule:of-needs", "schedule.of needs a day or in_month"),
                        fix=said("schedule:of-needs-fix", 'e.g. of = "next", month = 1, day = 10'))
    if "month" in raw and form != "day":
        raise ctx.error(said("schedule:month-needs", "schedule.month needs a day"),
                        fix=said("schedule:month-needs-fix", 'add day = ..., or use in_month for "vào tháng M"'))
    if form != "weekday" and "weekday" in raw or (form == "weekday" and not week):
        raise ctx.error(said("schedule:weekday-needs", 'schedule.weekday needs every = "week"'),
                        fix=said("schedule:weekday-needs-fix", 'e.g. {{ every = "week", weekday = "FR" }}'))
    only: tuple[int, ...] = ()
    if "only" in raw:
        if every not in periods.PER_YEAR:
            raise ctx.error(said("schedule:only-kind", "schedule.only does not apply to {kind} periods",
                                 kind=_kind(every)),
                            fix=said("schedule:only-kind-fix", "only selects months, quarters or halves of a year"))
        values = raw["only"]
        top = periods.PER_YEAR[every]
        if (not isinstance(values, list) or not values
                or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= top for v in values)):
            raise ctx.error(said("schedule:only-list", "schedule.only must list numbers of {kind} periods of a year "
                                 "(1 to {top})", kind=_kind(every), top=top),
                            fix=said("schedule:only-list-fix", "e.g. only = [1]"))
        only = tuple(sorted(set(values)))
    fields: dict[str, Any] = {"every": every, "only": only, "of": of}
    if form == "day":
        day = raw["day"]
        if day != "last" and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31):
            raise ctx.error(said("schedule:day", "schedule.day {value} is not a day of a month", value=shorten(day)),
                            fix=said("schedule:day-fix", 'use 1 to 31 or "last"'))
        month = _month_number(raw, "month", every, of, ctx)
        size = periods.MONTH_KINDS[every][0]
        if month is None and of == "this" and size > 1:
            raise ctx.error(said("schedule:day-needs-month", "schedule.day needs the month of the {kind} period it "
                                 "falls in", kind=_kind(every)),
                            fix=said("schedule:day-needs-month-fix", 'add month = 1..{size} or "last" (for a year: '
                                     "the calendar month)", size=size))
        if isinstance(day, int):
            months = _calendar_months(every, only, month or 1, of)
            short = sorted(m for m in months if day > _DAYS_IN[m - 1])
            if short:
                raise ctx.error(said("schedule:not-every-year", "{day}/{month} does not happen every year", day=day,
                                     month=short[0]) if len(months) == 1 else
                                said("schedule:not-every-year-of", "{day}/{month} does not happen every year (one of "
                                     "the months this {kind} schedule names)", day=day, month=short[0],
                                     kind=_kind(every)),
                                fix=said("schedule:not-every-year-fix", "give a day that exists in that month every "
                                         'year, or day = "last"'))
        fields.update(day=day, month=month)
    elif form == "in_month":
        fields["in_month"] = _month_number(raw, "in_month", every, of, ctx)
    elif form == "weekday":
        if raw["weekday"] not in WEEKDAYS:
            raise ctx.error(said("schedule:weekday", "schedule.weekday {value} is not known", value=shorten(raw["weekday"])),
                            fix=said("schedule:use-one-of", "use one of: {names}", names=", ".join(WEEKDAYS)))
        fields["weekday"] = raw["weekday"]
    elif form == "offset":
        fields["offset"] = check_offset(raw["offset"], ctx)
        fields["unit"] = raw.get("unit", "days")
        fields["from_"] = raw.get("from", "end")
        if fields["unit"] not in ("days", "working_days"):
            raise ctx.error(said("schedule:unit", "schedule.unit {value} is not known", value=shorten(fields["unit"])),
                            fix=said("schedule:unit-fix", 'use "days" or "working_days"'))
        if fields["from_"] not in ("end", "start"):
            raise ctx.error(said("schedule:from", "schedule.from {value} is not known", value=shorten(fields["from_"])),
                            fix=said("schedule:from-fix", 'use "end" or "start"'))
    for key in ("unit", "from"):
        if key in raw and form != "offset":
            raise ctx.error(said("schedule:needs-offset", "schedule.{key} needs an offset", key=key),
                            fix=said("schedule:needs-offset-fix", 'e.g. offset = 7, unit = "working_days"'))
    fields["inclusive"] = check_inclusive(raw, ctx)
    if fields["inclusive"] is not None and form in ("end", "in_month"):
        raise ctx.error(said("schedule:inclusive-needs", "schedule.inclusive needs a named day: the end of a period or "
                             "month is always allowed"),
                        fix=said("schedule:inclusive-needs-fix", "remove inclusive, or state the day (day = ..., "
                                 "weekday = ..., offset = ...)"))
    if "time" in raw:
        fields["time"] = check_time(raw["time"], ctx)
    if "covers" in raw:
        if raw["covers"] != "nd09":
            raise ctx.error(said("schedule:covers", "schedule.covers {value} is not known", value=shorten(raw["covers"])),
                            fix=said("schedule:covers-fix", 'use "nd09" (Decree 09/2019/NĐ-CP Art. 12)'))
        if every not in ("month", "quarter", "half", "year"):
            raise ctx.error(said("schedule:covers-kind", "Decree 09/2019/NĐ-CP Art. 12 sets no data span for {kind} "
                                 "periods", kind=_kind(every)),
                            fix=said("schedule:covers-kind-fix", "remove covers"))
        fields["covers"] = "nd09"
    return Periodic(**fields)
