"""A rule file's `schedule` table -> one typed schedule object.

The new form names the kind with `every`; the nine `type = ...` forms of the first rule
files stay readable as aliases and give the same occurrences (tests/test_schedule_legacy.py):

    once_before      date          -> once, date                  (inclusive from policy.before)
    once_in_month    year, month   -> once, start..month end      inclusive
    once_between     start, end    -> once, start..end            inclusive
    yearly_in_month  month         -> year, in_month
    yearly_before    month, day    -> year, month, day            (inclusive from policy.before)
    monthly / quarterly            -> month / quarter
    peaks                          -> peaks
    within_days      start, days   -> event on `start`, after, days, inclusive
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping, Union

from obligations.base.dates import month_end
from obligations.base.errors import said
from obligations.base.identifiers import shorten
from obligations.rules.schedules import event, once, periodic, peaks, periods, rrule
from obligations.rules.schedules.base import Reporter, check_offset
from obligations.rules.schedules.event import EventSchedule
from obligations.rules.schedules.once import Once
from obligations.rules.schedules.peaks import Peaks
from obligations.rules.schedules.periodic import Periodic
from obligations.rules.schedules.rrule import RRuleSchedule

AnySchedule = Union[Periodic, Once, EventSchedule, RRuleSchedule, Peaks]
KINDS = ("once", *periods.PERIOD_KINDS, "event", "rrule", "peaks")
LEGACY_TYPES = ("once_before", "once_in_month", "once_between", "yearly_in_month", "yearly_before", "monthly",
                "quarterly", "peaks", "within_days")
_LEGACY_FIELDS = {
    "once_before": ({"date"}, set()),
    "once_in_month": ({"year", "month"}, set()),
    "once_between": ({"start", "end"}, set()),
    "yearly_in_month": ({"month"}, set()),
    "yearly_before": ({"month", "day"}, set()),
    "monthly": (set(), set()),
    "quarterly": (set(), set()),
    "peaks": ({"around"}, {"days_before", "days_after"}),
    "within_days": ({"start", "days"}, set()),
}


def parse_schedule(raw: Any, ctx: Reporter, events: Mapping[str, tuple[dt.date, ...]] | None = None) -> AnySchedule:
    """``events``: the event ids declared in the rule file, with their known dates."""
    if not isinstance(raw, dict):
        raise ctx.error(said("schedule:not-table", "schedule must be a table, not {value}", value=shorten(raw)),
                        fix=said("schedule:not-table-fix", 'e.g. schedule = {{ every = "month" }}'))
    if "type" in raw:
        if "every" in raw:
            raise ctx.error(said("schedule:both", "schedule has both `every` and the old `type`"),
                            fix=said("schedule:both-fix", "keep `every` (docs/rules.md)"))
        return _legacy(raw, ctx)
    kind = raw.get("every")
    if kind not in KINDS:
        raise ctx.error(said("schedule:unknown-kind", "unknown schedule kind every = {value}", value=shorten(kind)),
                        fix=said("schema:use-one-of", "use one of: {choices}", choices=", ".join(KINDS)))
    if kind == "once":
        return once.parse(raw, ctx)
    if kind == "event":
        return event.parse(raw, ctx, events or {})
    if kind == "rrule":
        return rrule.parse(raw, ctx)
    if kind == "peaks":
        return peaks.parse(raw, ctx)
    return periodic.parse(raw, ctx)


def _legacy(raw: dict[str, Any], ctx: Reporter) -> AnySchedule:
    kind = raw["type"]
    if kind not in LEGACY_TYPES:
        raise ctx.error(said("schedule:unknown-type", "unknown schedule type {value}", value=shorten(kind)),
                        fix=said("schedule:unknown-type-fix", "use every = {kinds} (docs/rules.md); old types: {old}",
                                 kinds=" | ".join(KINDS), old=", ".join(LEGACY_TYPES)))
    required, optional = _LEGACY_FIELDS[kind]
    ctx.keys(raw, required | optional | {"type"}, required | {"type"})
    values: dict[str, Any] = {}
    for key in ("date", "start", "end"):
        if key in raw:
            values[key] = ctx.date(raw[key], f"schedule.{key}")
    for key in ("year", "month", "day", "days"):
        if key in raw:
            values[key] = ctx.int(raw[key], f"schedule.{key}")
    if "month" in values and not 1 <= values["month"] <= 12:
        raise ctx.error(said("schedule:month", "schedule.month {value} is not a month", value=values["month"]),
                        fix=said("schedule:month-fix", "use 1 to 12"))
    if kind == "once_before":
        return Once(values["date"])
    if kind == "once_in_month":
        if not 1900 <= values["year"] <= 2100:
            raise ctx.error(said("schedule:year", "schedule.year {value} is not plausible", value=values["year"]),
                            fix=said("schedule:year-fix", "a year such as 2025"))
        return Once(month_end(values["year"], values["month"]), dt.date(values["year"], values["month"], 1), True)
    if kind == "once_between":
        if values["end"] < values["start"]:
            raise ctx.error(said("schedule:window", "the window ends ({end}) before it starts ({start})",
                                 end=values["end"], start=values["start"]),
                            fix=said("schedule:window-fix", "swap start and end"))
        return Once(values["end"], values["start"], True)
    if kind == "yearly_in_month":
        return periodic.parse({"every": "year", "in_month": values["month"]}, ctx)
    if kind == "yearly_before":
        return periodic.parse({"every": "year", "month": values["month"], "day": values["day"]}, ctx)
    if kind in ("monthly", "quarterly"):
        return Periodic("month" if kind == "monthly" else "quarter")
    if kind == "peaks":
        return peaks.parse({"every": "peaks", **{k: v for k, v in raw.items() if k != "type"}}, ctx)
    days = check_offset(values["days"], ctx, "schedule.days")
    if days < 1:
        raise ctx.error(said("schedule:days", "schedule.days must be at least 1"))
    return EventSchedule(None, "after", days, "days", True, None, (values["start"],))
