"""The escape hatch: any regular pattern as an RFC 5545 recurrence rule; each date it
generates is a named day ("trước ngày 25/3 và 25/9 hằng năm").

    { every = "rrule", rrule = "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=25", inclusive = false }

The rule starts on the duty's `valid.from` (DTSTART); a window opens the day after the
previous date's last allowed day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Iterator

import attrs

from obligations.base.dates import FIRST_YEAR, LAST_YEAR
from obligations.base.errors import Said, said
from obligations.base.records import record
from obligations.rules.schedules import periods
from obligations.rules.schedules.base import (ONE_DAY, Context, Description, Reporter, Window, check_inclusive,
                                              check_time, last_allowed, table)

KEYS = {"every", "rrule", "inclusive", "time"}
_DAILY_OR_SLOWER = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _reason(english: str) -> Said:
    """dateutil's reason for refusing a rule, in words of the reader's language for the shapes it
    words (dateutil 2.9's ``_rrulestr``); any other stays English, marked as dateutil's."""
    found = re.fullmatch(r"unknown parameter '(.*)'", english, re.S)
    if found:
        return said("rrule:why-unknown", "{name} is not a part of an RRULE", name=repr(found.group(1)))
    found = re.fullmatch(r"invalid '(.*?)': (.*)", english, re.S)
    if found:
        return said("rrule:why-invalid", "{name} has a value it cannot take: {value}", name=found.group(1),
                    value=repr(found.group(2)))
    if english == "invalid until date":
        return said("rrule:why-until", "UNTIL is not a date (write it as YYYYMMDD)")
    if english.startswith("bysetpos must be between"):
        return said("rrule:why-setpos", "BYSETPOS must be between 1 and 366, or between -366 and -1")
    return said("rrule:why-other", "{reason} (dateutil's words, in English)", reason=english)


def _rule(text: str, start: dt.date) -> Any:
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

    return rrulestr(text, dtstart=_at(start))


@record
@attrs.frozen(repr=False)
class RRuleSchedule:
    rrule: str
    inclusive: bool | None = None
    time: str | None = None

    kind: ClassVar[str] = "rrule"
    default_roll: ClassVar[str] = "previous"
    default_opens: ClassVar[str] = "period_start"
    event_ids: ClassVar[tuple[str, ...]] = ()
    around: ClassVar[tuple[str, ...]] = ()

    def expand(self, ctx: Context, lo: dt.date, hi: dt.date) -> Iterator[Window]:
        rule = _rule(self.rrule, ctx.valid_from)
        upper = min(hi + ONE_DAY, ctx.until)
        if upper < lo:
            return
        seen = set()
        for when in rule.between(_at(lo), _at(upper) + dt.timedelta(hours=23, minutes=59), inc=True):
            named = when.date()
            if named in seen:
                continue
            seen.add(named)
            last = last_allowed(named, self.inclusive, ctx)
            if not lo <= last <= hi or last < ctx.valid_from:
                continue
            before = rule.before(_at(named), inc=False)
            opens = ctx.valid_from
            if before is not None and ctx.opens != "validity_start":
                opens = last_allowed(before.date(), self.inclusive, ctx) + ONE_DAY
            yield Window(named.isoformat(), max(opens, ctx.valid_from), last, time=self.time, named=named)

    def fits(self, period: str) -> bool:
        return periods.fits_day(period)

    def label_hint(self) -> Said:
        return said("period:hint-rrule", "YYYY-MM-DD, a date the rule generates, e.g. {example}", example="2025-09-25")

    def as_table(self) -> dict[str, object]:
        return table(self, self.kind)

    def describe(self) -> Description:
        params: dict[str, object] = {"rrule": self.rrule, "inclusive": self.inclusive}
        if self.time:
            params["time"] = self.time
        return Description("rrule", tuple(params.items()))


def parse(raw: dict[str, Any], ctx: Reporter) -> RRuleSchedule:
    ctx.keys(raw, KEYS, {"every", "rrule"})
    text = ctx.str(raw["rrule"], "schedule.rrule").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts = dict(p.partition("=")[::2] for p in text.upper().split(";") if p)
    fix = said("rrule:fix", 'e.g. rrule = "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=25" (RFC 5545; DTSTART is valid.from)')
    if "DTSTART" in text.upper():
        raise ctx.error(said("rrule:dtstart", "schedule.rrule must not carry DTSTART: the rule starts on valid.from"),
                        fix=fix)
    if parts.get("FREQ") not in _DAILY_OR_SLOWER:
        raise ctx.error(said("rrule:freq", "schedule.rrule needs FREQ = {names} (deadlines are days)",
                             names=", ".join(_DAILY_OR_SLOWER)), fix=fix)
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= 1000:
        # dateutil loops for ever on INTERVAL=0
        raise ctx.error(said("rrule:interval", "schedule.rrule INTERVAL={value} is not a whole number from 1 to 1000",
                             value=interval[:20]), fix=fix)
    until = parts.get("UNTIL", "")
    if until and not (until[:4].isdigit() and FIRST_YEAR <= int(until[:4]) <= LAST_YEAR):
        # the calendar places 1900-2100 only, as every other date of a rule file
        raise ctx.error(said("rrule:until", "schedule.rrule UNTIL={value} is outside the years {first}-{last}",
                             value=until[:20], first=FIRST_YEAR, last=LAST_YEAR),
                        fix=said("rrule:until-fix", "give the last day the text states as YYYYMMDD, or leave UNTIL out "
                                 "(no end)"))
    try:
        rule = _rule(text, dt.date(FIRST_YEAR, 1, 1))
    except (ValueError, TypeError) as exc:
        # dateutil's reason names the part it could not read (a word of RFC 5545, kept as it is)
        raise ctx.error(said("rrule:invalid", "schedule.rrule is not an RFC 5545 rule: {reason}",
                             reason=_reason(str(exc))), fix=fix) from None
    # bounded: a rule that never matches would otherwise be walked to the year 9999; a rule
    # whose COUNT or UNTIL ends it before any date would silently give nothing
    if not rule.between(_at(dt.date(FIRST_YEAR, 1, 1)), _at(dt.date(LAST_YEAR, 12, 31)), inc=True, count=1):
        raise ctx.error(said("rrule:never", "schedule.rrule never generates a date (an impossible day of a month, "
                             "COUNT=0, an UNTIL before the rule starts?)"), fix=fix)
    time = check_time(raw["time"], ctx) if "time" in raw else None
    return RRuleSchedule(text, check_inclusive(raw, ctx), time)
