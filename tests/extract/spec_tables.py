"""Comparing schedules: old ``type = ...`` forms and spec ``every = ...`` tables, by meaning.

``canonical`` turns an old-form schedule (a ``model.Schedule`` or a table) or a spec table
into a spec table, by the mapping of the spec's example table. ``same`` says whether two
spec tables give the same deadlines: the last allowed day (and time) of every period of
2020-2031 when that can be computed without a calendar, else the same table with the
event's name ignored (names of events are chosen by whoever writes the rule).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

YEARS = range(2020, 2032)
# Recurrences are compared on the deadlines they give inside these years, away from the
# ends of YEARS: "before 1 January each year" and "before 1 January of the year after the
# one reported on" are the same series, labelled one year apart.
MIDDLE = (dt.date(2022, 1, 1), dt.date(2029, 12, 31))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def canonical(schedule: Any, event_date: dt.date | None = None) -> dict[str, Any]:
    if hasattr(schedule, "as_table"):                        # a loaded schedule of the schedule language
        schedule = schedule.as_table()
        if schedule.get("every") == "event" and getattr(schedule, "declared", None):
            event_date = event_date or schedule.declared[0]
    elif not isinstance(schedule, dict):                     # the first form's model.Schedule (old form)
        schedule = {k: getattr(schedule, k) for k in ("type", "date", "start", "end", "year", "month", "day",
                                                       "days", "around", "days_before", "days_after")}
    if "every" in schedule:
        table = dict(schedule)
        for key in ("date", "start"):      # a loaded schedule's table gives dates as ISO text
            if isinstance(table.get(key), str):
                table[key] = dt.date.fromisoformat(table[key])
        if table.get("of") == "this":
            del table["of"]
        if event_date is not None and table.get("every") == "event":
            table["event_date"] = event_date
        return table
    kind = schedule["type"]
    if kind == "once_before":
        return {"every": "once", "date": schedule["date"], "inclusive": False}
    if kind == "once_in_month":
        y, m = schedule["year"], schedule["month"]
        return {"every": "once", "start": dt.date(y, m, 1), "date": _month_end(y, m), "inclusive": True}
    if kind == "once_between":
        return {"every": "once", "start": schedule["start"], "date": schedule["end"], "inclusive": True}
    if kind == "yearly_in_month":
        return {"every": "year", "in_month": schedule["month"]}
    if kind == "yearly_before":
        return {"every": "year", "month": schedule["month"], "day": schedule["day"], "inclusive": False}
    if kind == "monthly":
        return {"every": "month"}
    if kind == "quarterly":
        return {"every": "quarter"}
    if kind == "peaks":
        return {"every": "peaks", "around": list(schedule["around"]), "days_before": schedule["days_before"],
                "days_after": schedule["days_after"]}
    if kind == "within_days":
        return {"every": "event", "event": "*", "direction": "after", "offset": schedule["days"], "unit": "days",
                "inclusive": True, "event_date": schedule["start"]}
    raise ValueError(f"unknown old schedule type {kind!r}")


_SPAN = {"month": (1, 12), "quarter": (3, 4), "half": (6, 2), "nine_months": (9, 1), "year": (12, 1)}


def _last_day(table: dict[str, Any], day: dt.date) -> tuple[dt.date, str | None]:
    if table.get("inclusive", True) is False and not table.get("time"):
        day -= dt.timedelta(days=1)
    return day, table.get("time")


def deadlines(table: dict[str, Any], years: range = YEARS) -> frozenset[tuple[dt.date, str | None]] | None:
    """The last allowed day (and time) of each period of ``years`` (2020-2031), or None if not
    computable here."""
    every = table.get("every")
    if every == "once":
        return frozenset([_last_day(table, table["date"])])
    if every == "event":
        if table.get("event_date") is None or table.get("unit") != "days":
            return None
        sign = 1 if table.get("direction") == "after" else -1
        return frozenset([_last_day(table, table["event_date"] + dt.timedelta(days=sign * table["offset"]))])
    if every == "rrule":
        parts = dict(p.split("=") for p in table["rrule"].split(";"))
        if parts.get("FREQ") != "YEARLY" or set(parts) - {"FREQ", "BYMONTH", "BYMONTHDAY"}:
            return None
        return frozenset(_last_day(table, dt.date(y, int(m), int(parts["BYMONTHDAY"])))
                         for y in years for m in parts["BYMONTH"].split(","))
    if every not in _SPAN or table.get("unit") == "working_days" or "covers" in table:
        return None
    length, count = _SPAN[every]
    result = set()
    for year in years:
        for index in range(count):
            if table.get("only") and index + 1 not in table["only"]:
                continue
            first = 1 + index * length                      # the period's first month
            if "offset" in table:
                edge = (dt.date(year, first, 1) if table.get("from") == "start"
                        else _month_end(year, first + length - 1))
                result.add(_last_day(table, edge + dt.timedelta(days=table["offset"])))
                continue
            if "in_month" in table:
                m = length if table["in_month"] == "last" else table["in_month"]
                result.add(_last_day(table, _month_end(year, first + m - 1) if every != "year"
                                     else _month_end(year, m)))
                continue
            month = table.get("month")
            base = first + length if table.get("of") == "next" else first
            if month is None:
                target = first + length - 1 if table.get("of") != "next" else base
                if "day" not in table:
                    result.add(_last_day(table, _month_end(year + (target - 1) // 12, (target - 1) % 12 + 1)))
                    continue
            else:
                m = length if month == "last" else month
                target = (m if every == "year" and table.get("of") != "next" else base + m - 1)
            y, mm = year + (target - 1) // 12, (target - 1) % 12 + 1
            day = table.get("day", "last")
            date = _month_end(y, mm) if day == "last" else dt.date(y, mm, day)
            result.add(_last_day(table, date))
    return frozenset(result)


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two spec tables (after ``canonical``) give the same deadlines?"""
    if a.get("every") == "peaks" or b.get("every") == "peaks":
        return a.get("every") == b.get("every") and set(a.get("around", ())) == set(b.get("around", ()))
    da, db = deadlines(a), deadlines(b)
    if da is not None and db is not None:
        if a.get("every") == "once" or b.get("every") == "once" or a.get("every") == "event" or b.get("every") == "event":
            return da == db
        lo, hi = MIDDLE
        return {d for d in da if lo <= d[0] <= hi} == {d for d in db if lo <= d[0] <= hi}
    strip = ("event", "event_date")
    return ({k: v for k, v in a.items() if k not in strip} == {k: v for k, v in b.items() if k not in strip}
            and a.get("event_date") == b.get("event_date"))
