"""From a deadline word and a date expression to a schedule of the spec.

"trước" excludes the day named; "chậm nhất", "không muộn hơn", "hạn chót", "đến (hết)",
"vào", "trong" include it; a time of day ("trước 16 giờ ngày ...") makes the day itself
allowed up to that time. A day and month without a year are read against the period the
clause names ("báo cáo 6 tháng ... trước ngày 20 tháng 7") or, for a one-off duty, the
document's own date. Whatever cannot be stated exactly is a TODO with its reason.
"""

from __future__ import annotations

import datetime as dt

from obligations.base.dates import month_end

from .dates import DateExpr
from .found import Table, Value, safe_date
from .periods import Period

# Markers whose day is allowed; "before" (trước) is the only exclusive one.
INCLUSIVE = {"latest": True, "nolater": True, "deadline": True, "incl_before": True, "until": True,
             "on": True, "end": True, "before": False, "least": True}
_FAR = 300   # a day/month more than this many days after the document's date is not read as its year
# A day/month without a year that has passed this year is read as next year's only when it
# is near: "trước ngày 10/1" in a letter of 20/12. Months ahead it is more often a yearly
# date whose period is in a heading the sentence does not repeat ("Báo cáo Quý I: ... ngày
# 18 tháng 3" in a letter of October): a once-date there would be wrong, so it is a TODO.
_NEXT_YEAR_NEAR = 92


class Unclear(Exception):
    """The phrase is a deadline, but it cannot be stated exactly: the reason."""


def _day(d: int | None, m: int = 1) -> int:
    if d is None or safe_date(2023, m, d) is None:     # 2023: not a leap year, so 29/2 is refused
        raise Unclear(f"impossible or not yearly day {d}/{m}")
    return d


def month_number(m: int | None) -> int:
    if m is None or not 1 <= m <= 12:
        raise Unclear(f"impossible month {m}")
    return m


def _with(table: dict[str, Value], inclusive: bool, time: str | None) -> dict[str, Value]:
    if time:
        table["time"] = time
        inclusive = True          # "trước 16 giờ ngày D": D itself, until 16:00
    table["inclusive"] = inclusive
    return table


def _window(first: dt.date, last: dt.date, marker: str, het: bool) -> dict[str, Value] | None:
    if marker == "on":
        return {"every": "once", "start": first, "date": last, "inclusive": True}
    if marker in ("latest", "nolater", "deadline", "incl_before", "end") or (marker == "until" and het):
        return {"every": "once", "date": last, "inclusive": True}
    if marker == "before":
        return {"every": "once", "date": first, "inclusive": False}
    if marker == "until":
        raise Unclear("“đến” a month or a quarter without “hết”: up to its start or its end?")
    return None


def _next_year(issued: dt.date | None, month: int, day: int) -> dt.date:
    if issued is None:
        raise Unclear("a day and month without a year, and the document's date is unknown (--issued)")
    for year in (issued.year, issued.year + 1):
        date = safe_date(year, month, day)
        if date and date >= issued:
            if (date - issued).days > _FAR:
                raise Unclear(f"{day}/{month} is almost a year after the document's date {issued:%d/%m/%Y}")
            if year > issued.year and (date - issued).days > _NEXT_YEAR_NEAR:
                raise Unclear(f"{day}/{month} without a year has passed in {issued.year} and is months after "
                              f"the document's date {issued:%d/%m/%Y}: next year once, or a yearly date "
                              "whose period is in a heading? state the year or the period")
            return date
    raise Unclear(f"impossible date {day}/{month}")


def _relative(period: Period, month: int, day: int, nxt: bool) -> dict[str, Value]:
    """A day/month against a half, nine months or a year reported on."""
    if period.every == "half":
        only = period.only
        if nxt and month <= 6 and only in ((), (2,)):
            return {"every": "half", "only": [2], "of": "next", "month": month, "day": day}
        if not nxt and month >= 7 and only in ((), (1,)):
            return {"every": "half", "only": [1], "of": "next", "month": month - 6, "day": day}
        if not nxt and month <= 6 and only in ((), (1,)):     # due within the half it covers
            return {"every": "half", "only": [1], "month": month, "day": day}
        raise Unclear(f"a half-year report due {day}/{month}: which half?")
    if period.every == "nine_months" and not nxt and month >= 10:
        return {"every": "nine_months", "of": "next", "month": month - 9, "day": day}
    if period.every == "quarter" and nxt and month <= 3:
        return {"every": "quarter", "only": [4], "of": "next", "month": month, "day": day}
    if period.every == "year":
        return ({"every": "year", "of": "next", "month": month, "day": day} if nxt
                else {"every": "year", "month": month, "day": day})
    raise Unclear(f"a day and month ({day}/{month}) for a duty {period.every}ly ({period.words!r})")


def day_month(expr: DateExpr, marker: str, period: Period | None, issued: dt.date | None,
              time: str | None) -> list[Table]:
    inclusive = INCLUSIVE[marker]
    month = month_number(expr.month)
    if expr.year is not None:       # one day, or a list of days closed by their year
        dates = [safe_date(expr.year, m, d) for d, m in [(expr.day or 0, month), *expr.also]]
        if None in dates:
            raise Unclear(f"impossible date {expr.day}/{month}/{expr.year}")
        return [_with({"every": "once", "date": date}, inclusive, time) for date in dates if date]
    day = _day(expr.day, month)
    if expr.also and period is not None and period.every in ("half", "quarter"):
        ends = [6, 12] if period.every == "half" else [3, 6, 9, 12]
        if sorted([month] + [m for _, m in expr.also]) == ends and {d for d, _ in expr.also} == {day}:
            return [_with({"every": period.every, "month": "last", "day": day}, inclusive, time)]
    if expr.also:
        pairs = [(day, month)] + [(_day(d, month_number(m)), m) for d, m in expr.also]
        if len({d for d, _ in pairs}) == 1:
            months = ",".join(str(m) for _, m in sorted(pairs, key=lambda p: p[1]))
            return [_with({"every": "rrule", "rrule": f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={day}"},
                          inclusive, time)]
        return [_with({"every": "year", "month": m, "day": d}, inclusive, time) for d, m in pairs]
    if expr.rel == "prev":      # due in the year before the year it is for: every year on that day
        return [_with({"every": "year", "month": month, "day": day}, inclusive, time)]
    nxt = expr.rel == "next"
    relative = period is not None and (period.every in ("half", "nine_months") or (period.every == "quarter" and nxt))
    if period is not None and relative:
        return [_with(_relative(period, month, day, nxt), inclusive, time)]
    if expr.every_year or expr.rel is not None or (period is not None and period.every == "year"):
        table: dict[str, Value] = {"every": "year"}
        if nxt:
            table["of"] = "next"
        table.update(month=month, day=day)
        return [_with(table, inclusive, time)]
    if period is not None:
        raise Unclear(f"a day and month ({day}/{month}) for a duty {period.every}ly ({period.words!r})")
    return [_with({"every": "once", "date": _next_year(issued, month, day)}, inclusive, time)]


_DAY_OF: dict[str, dict[str, Value]] = {
    "month": {"every": "month"},
    "month+1": {"every": "month", "of": "next", "month": 1},
    "quarter+1:1": {"every": "quarter", "of": "next", "month": 1},
    "quarter:last": {"every": "quarter", "month": "last"},
    "quarter:1": {"every": "quarter", "month": 1},
    "year+1:1": {"every": "year", "of": "next", "month": 1},
    "year:1": {"every": "year", "month": 1},
}


def day_of(expr: DateExpr, marker: str, period: Period | None, time: str | None) -> list[Table]:
    day = _day(expr.day)
    if expr.of == "period+1:1":
        if period is None or period.every == "week":
            raise Unclear(f"day {day} of the month after which reporting period?")
        table: dict[str, Value] = {"every": period.every, "of": "next", "month": 1}
    elif expr.of:
        table = dict(_DAY_OF[expr.of])
    elif period is not None and period.every == "month" and period.explicit:
        table = {"every": "month"}
    else:
        raise Unclear(f"day {day} of which month?")
    table["day"] = day
    return [_with(table, INCLUSIVE[marker], time)]


def window(expr: DateExpr, marker: str, het: bool, period: Period | None, issued: dt.date | None) -> list[Table]:
    yearly = expr.every_year or (period is not None and period.every == "year" and period.explicit)
    if expr.kind == "month":
        month = month_number(expr.month)
        if expr.year is None and yearly:
            if marker == "before":
                raise Unclear("“trước tháng M hằng năm”: its first day, or a condition?")
            if marker == "end":
                return [{"every": "year", "month": month, "day": "last", "inclusive": True}]
            return [{"every": "year", "in_month": month}]
        year = expr.year if expr.year is not None else _year_of(issued, month_end_of=(month, month))
        first, last = dt.date(year, month, 1), month_end(year, month)
    elif expr.kind == "quarter":
        part = expr.part or 0
        if expr.year is None and yearly:
            if marker in ("on", "latest", "nolater", "deadline", "end"):
                return [{"every": "quarter", "only": [part]}]
            raise Unclear("a quarter of every year with “trước”")
        year = expr.year if expr.year is not None else _year_of(issued, month_end_of=(3 * part - 2, 3 * part))
        first, last = dt.date(year, 3 * part - 2, 1), month_end(year, 3 * part)
    elif expr.kind == "half":
        part = expr.part or 0
        if expr.year is None:
            if yearly and marker in ("on", "latest", "nolater", "deadline", "end"):
                return [{"every": "half", "only": [part]}]
            raise Unclear("“6 tháng đầu/cuối năm” names the period reported on, not a deadline")
        first, last = dt.date(expr.year, 6 * part - 5, 1), month_end(expr.year, 6 * part)
    else:  # a year
        year = expr.year or 0
        if marker == "until" and not het:
            return []       # "đến năm 2030": a target, not a deadline
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = _window(first, last, marker, het)
    return [table] if table else []


def _year_of(issued: dt.date | None, month_end_of: tuple[int, int]) -> int:
    """The year of a month or quarter named without one: the first that has not ended."""
    if issued is None:
        raise Unclear("a month or quarter without a year, and the document's date is unknown (--issued)")
    first, last = month_end_of
    year = issued.year if month_end(issued.year, last) >= issued else issued.year + 1
    if (dt.date(year, first, 1) - issued).days > _FAR:
        raise Unclear("the month named is almost a year after the document's date")
    return year
