"""Named periods (week, month, quarter, half-year, nine months, year): their spans,
their labels, and the periods that meet a range of dates.

Period starts are generated with dateutil.rrule (RFC 5545): a month-based period starts
on the first day of the months given by BYMONTH, a week on a Monday.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

import attrs

from obligations.base.dates import month_end
from obligations.base.errors import Said, said
from obligations.base.records import record

# kind -> (months in a period, the months a period of that kind starts in)
MONTH_KINDS: dict[str, tuple[int, tuple[int, ...]]] = {
    "month": (1, tuple(range(1, 13))),
    "quarter": (3, (1, 4, 7, 10)),
    "half": (6, (1, 7)),
    "nine_months": (9, (1,)),
    "year": (12, (1,)),
}
PERIOD_KINDS = ("week", *MONTH_KINDS)
# how many periods of each kind a year has (for `only`)
PER_YEAR = {"month": 12, "quarter": 4, "half": 2}

_LABELS = {
    "week": (r"(\d{4})-W(\d{2})", "YYYY-Www", "2025-W18"),
    "month": (r"(\d{4})-(\d{2})", "YYYY-MM", "2025-03"),
    "quarter": (r"(\d{4})-Q(\d)", "YYYY-Qn", "2025-Q2"),
    "half": (r"(\d{4})-H(\d)", "YYYY-Hn", "2025-H1"),
    "nine_months": (r"(\d{4})-9M()", "YYYY-9M", "2025-9M"),
    "year": (r"(\d{4})()", "YYYY", "2025"),
}
DAY_LABEL = (r"(\d{4})-(\d{2})-(\d{2})", "YYYY-MM-DD, the date of the event or rule, e.g. 2025-03-03")


@record
@attrs.frozen(repr=False)
class Period:
    label: str
    start: dt.date
    end: dt.date
    index: int          # which period of its year: month 1-12, quarter 1-4, half 1-2; else 1

    def month(self, number: int | str, after: bool = False) -> tuple[int, int]:
        """(year, month) of the ``number``-th month of the period (1 = its first, "last"),
        or with ``after`` of the ``number``-th month after it ends (1 = the next month)."""
        if after:
            base, count = self.end.year * 12 + self.end.month - 1, int(number)
        else:
            base = self.start.year * 12 + self.start.month - 2
            count = self.end.month - self.start.month + 1 + 12 * (self.end.year - self.start.year) \
                if number == "last" else int(number)
        total = base + count
        return total // 12, total % 12 + 1


def label(kind: str, start: dt.date) -> str:
    if kind == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "month":
        return f"{start.year}-{start.month:02d}"
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "half":
        return f"{start.year}-H{(start.month - 1) // 6 + 1}"
    if kind == "nine_months":
        return f"{start.year}-9M"
    return str(start.year)


def period_of(kind: str, start: dt.date) -> Period:
    if kind == "week":
        return Period(label(kind, start), start, start + dt.timedelta(days=6), 1)
    months = MONTH_KINDS[kind][0]
    last = start.month + months - 1
    index = (start.month - 1) // months + 1 if kind in PER_YEAR else 1
    return Period(label(kind, start), start, month_end(start.year, last), index)


def start_months(kind: str, only: tuple[int, ...]) -> tuple[int, ...]:
    months, starts = MONTH_KINDS[kind]
    return tuple(starts[i - 1] for i in only) if only else starts


def meeting(kind: str, only: tuple[int, ...], first: dt.date, last: dt.date) -> Iterator[Period]:
    """The periods of ``kind`` (restricted to ``only``) whose span meets [first, last]."""
    from dateutil.rrule import MO, MONTHLY, WEEKLY, rrule  # type: ignore[import-untyped]

    if last < first:
        return
    if kind == "week":
        monday = first - dt.timedelta(days=first.weekday())
        rule = rrule(WEEKLY, byweekday=MO, dtstart=dt.datetime(monday.year, monday.month, monday.day))
    else:
        begin = dt.datetime(first.year - 1, 1, 1)   # a period starting last year may reach `first`
        rule = rrule(MONTHLY, bymonth=start_months(kind, only), bymonthday=1, dtstart=begin)
    for when in rule:
        period = period_of(kind, when.date())
        if period.start > last:
            return
        if period.end >= first:
            yield period


def fits(kind: str, only: tuple[int, ...], text: str) -> bool:
    pattern = _LABELS[kind][0]
    match = re.fullmatch(pattern, text)
    if not match:
        return False
    number = int(match.group(2)) if match.group(2) else 1
    if kind == "week":
        try:
            dt.date.fromisocalendar(int(match.group(1)), number, 1)
        except ValueError:
            return False
        return True
    if kind in PER_YEAR:
        return 1 <= number <= PER_YEAR[kind] and (not only or number in only)
    return True


def hint(kind: str) -> Said:
    """How a period of ``kind`` is written, with an example ("YYYY-Qn, e.g. 2025-Q2")."""
    _, form, example = _LABELS[kind]
    if kind == "week":
        return said("period:hint-week", "{form} (ISO week), e.g. {example}", form=form, example=example)
    return said("period:hint", "{form}, e.g. {example}", form=form, example=example)


def fits_day(text: str) -> bool:
    try:
        return bool(re.fullmatch(DAY_LABEL[0], text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def span(kind: str, text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the period labelled ``text`` (a label that ``fits``)."""
    match = re.fullmatch(_LABELS[kind][0], text)
    if not match:
        raise ValueError(f"{text!r} is not a {kind} label")
    year = int(match.group(1))
    if kind == "week":
        monday = dt.date.fromisocalendar(year, int(match.group(2)), 1)
        return monday, monday + dt.timedelta(days=6)
    size = MONTH_KINDS[kind][0]
    first = (int(match.group(2)) - 1) * size + 1 if kind in PER_YEAR else 1
    return dt.date(year, first, 1), month_end(year, first + size - 1)
