"""Vietnamese date expressions, read at a given place in a clause.

Numeric dates are day/month[/year] in Vietnamese order (never month/day), with "/", "-"
or "." between the parts and spaces allowed around them; written dates use "ngày",
"tháng", "năm", "quý" (Roman or Arabic numerals). A date may be relative to a yearly
period ("năm sau", "năm kế hoạch") or recur ("hằng năm"). Each reader matches at one
position only (``pattern.match(text, pos)``) with bounded repetitions, so reading a
clause costs time proportional to its length.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

from obligations.base.records import record

I = re.IGNORECASE
SEP = r"\s*[/.\-]\s*"
EVERY = r"(?:hằng|hàng|mỗi)"
# Relative years: "next" is the year after the period reported on; the others name the
# year the deadline falls in, which for a yearly duty is simply its calendar date.
_NEXT = r"sau|tiếp theo|kế tiếp|liền sau|liền kề|tới"
_THIS = r"kế hoạch|hiện hành|báo cáo|trước năm kế hoạch"
# "trước ngày 20 tháng 11 năm trước" (the budget of a year is given out in the year before it):
# the deadline falls every year on that day; "prev" tells the draft to say so.
_PREV = r"trước|liền\s+trước"
_REL = rf"\s*,?\s*(?:của\s+)?năm\s+(?:(?P<next>{_NEXT})|(?P<this>{_THIS})|(?P<prev>{_PREV}))(?!\w)"
_EVERY_YEAR = rf"\s*,?\s*(?:của\s+|vào\s+)?{EVERY}\s+năm(?!\s+\d)"

Kind = Literal["day", "month", "quarter", "half", "year", "day_of", "week"]


@record
@attrs.frozen(repr=False)
class DateExpr:
    """A date expression: which fields it names and how it recurs."""

    kind: Kind
    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    part: int | None = None           # the quarter (1-4) or half (1-2)
    rel: str | None = None            # "next": the year after the period; "prev": the year before; "this"
    every_year: bool = False          # "hằng năm" right after it
    of: str = ""                      # day_of: "month", "month+1", "quarter:last", "quarter:1", "quarter+1:1", "year+1:1",
                                      # "period+1:1" (the month after the reporting period's last)
    weekday: str = ""
    also: tuple[tuple[int, int], ...] = ()   # more day/month pairs: "25/3 và 25/9 hằng năm"


# not followed by more numbers ("2.1.3", "10/12/2025-15/12"), except a count of days that says the
# same day again ("Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử")
_DAY_MONTH_NUM = re.compile(
    rf"(?:ngày\s+)?(?<![\d/.\-])(?P<d>\d{{1,2}}){SEP}(?P<m>\d{{1,2}})(?:{SEP}(?P<y>\d{{4}}))?(?![\d]|{SEP}\d(?!\d{{0,2}}\s+ngày(?!\s*[/.\-]\s*\d)))", I)
_DAY_MONTH_WORDS = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\d)"
    rf"(?:(?:\s*,)?\s+năm\s+(?P<y>\d{{4}})(?!\d)|{SEP}(?P<y2>\d{{4}})(?!\d))?", I)
_REL_RE = re.compile(_REL, I)
_EVERY_YEAR_RE = re.compile(_EVERY_YEAR, I)
# "25/3 và 25/9", "15 tháng 6 và 15 tháng 12", "30 tháng 6 và ngày 31 tháng 12"
# "… và 15/12/2025", "… và ngày 15 tháng 12 năm 2025": a year closing the list is every day's
_MORE = re.compile(rf"\s*(?:,|và|;)\s*(?:ngày\s+)?(?P<d>\d{{1,2}})(?:{SEP}|\s+tháng\s+)(?P<m>\d{{1,2}})"
                   rf"(?:{SEP}(?P<y>\d{{4}})|(?:\s*,)?\s+năm\s+(?P<y2>\d{{4}}))?(?![\d]|{SEP}\d)", I)

_DAY_OF = [
    (re.compile(rf"\s*,?\s*(?:của\s+)?{EVERY}\s+tháng", I), "month"),
    # "ngày 03 của tháng tiếp theo sau tháng cuối cùng của kỳ báo cáo": the month after the period's
    # last month, whatever the period (the report's period decides: quarter, half, year …)
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:sau|tiếp theo|kế tiếp|liền kề|liền sau|đầu tiên)\s+sau\s+"
                r"(?:tháng\s+cuối(?:\s+cùng)?\s+(?:của\s+)?|khi\s+kết\s+thúc\s+|ngày\s+kết\s+thúc\s+)kỳ\s+báo\s+cáo(?!\w)", I),
     "period+1:1"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:sau|tiếp theo|kế tiếp|liền kề|liền sau)"
                r"(?:\s+sau\s+tháng\s+(?:của\s+)?kỳ\s+báo\s+cáo)?(?!\w)", I), "month+1"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:báo\s+cáo|đó|hiện\s+hành)(?!\w)", I), "month"),
    (re.compile(r"\s*(?:của\s+)?(?:quý|quí)\s+(?:sau|tiếp theo|kế tiếp|liền sau)(?!\w)", I), "quarter+1:1"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:đầu|đầu tiên|thứ nhất)\s+(?:của\s+)?năm(?:\s+dương\s+lịch)?"
                r"(?!\s+(?:sau|tiếp|kế|liền))", I), "year:1"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:đầu|đầu tiên|thứ nhất)\s+(?:của\s+)?(?:quý|quí)\s+"
                r"(?:sau|tiếp theo|kế tiếp|liền sau)(?!\w)", I), "quarter+1:1"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+cuối\s+(?:của\s+)?(?:quý|quí)(?!\s+(?:sau|tiếp))", I), "quarter:last"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:đầu|đầu tiên|thứ nhất)\s+(?:của\s+)?(?:quý|quí)(?!\s+(?:sau|tiếp))", I),
     "quarter:1"),
    (re.compile(r"\s*(?:của\s+)?tháng\s+(?:đầu|đầu tiên|thứ nhất)\s+(?:của\s+)?năm\s+"
                r"(?:sau|tiếp theo|kế tiếp|liền sau)(?!\w)", I), "year+1:1"),
]
_DAY_ONLY = re.compile(r"ngày\s+(?:(?:mồng|mùng)\s+)?(?P<d>\d{1,2})(?!\d)(?!\s*(?:[/.\-]\s*\d|tháng\s+\d))", I)
_MONTH_YEAR = re.compile(rf"tháng\s+(?P<m>\d{{1,2}})(?:{SEP}|(?:\s*,)?\s+năm\s+)(?P<y>\d{{4}})(?!\d)", I)
_MONTH_EVERY = re.compile(rf"tháng\s+(?P<m>\d{{1,2}})(?!\d){_EVERY_YEAR}", I)
_MONTH_ONLY = re.compile(rf"tháng\s+(?P<m>\d{{1,2}})(?![\d/.\-])(?!\s*,?\s*(?:năm|{EVERY}|của))", I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = re.compile(
    rf"(?:quý|quí)\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:(?:{SEP}|(?:\s*,)?\s+năm\s+)(?P<y>\d{{4}})(?!\d))?"
    rf"(?P<every>{_EVERY_YEAR})?", I)
_HALF = re.compile(
    rf"(?:06|6|sáu)\s+tháng\s+(?P<which>đầu|cuối)\s+năm(?:\s+(?P<y>\d{{4}})(?!\d))?(?P<every>{_EVERY_YEAR})?", I)
_YEAR = re.compile(r"(?:cả\s+)?năm\s+(?P<y>\d{4})(?![\d/])(?!\s*[-–]\s*\d)", I)
WEEKDAYS = {"hai": "MO", "2": "MO", "ba": "TU", "3": "TU", "tư": "WE", "4": "WE", "năm": "TH", "5": "TH",
            "sáu": "FR", "6": "FR", "bảy": "SA", "7": "SA"}
_WEEKDAY = re.compile(rf"(?:thứ\s+(?P<wd>hai|ba|tư|năm|sáu|bảy|[2-7])|(?P<sun>chủ\s+nhật))(?!\w)"
                      rf"(?:\s*,)?\s+(?:của\s+)?{EVERY}\s+tuần", I)


def _int(match: re.Match[str], *names: str) -> int | None:
    for name in names:
        value = match.group(name)
        if value:
            return int(value)
    return None


def _suffix(text: str, pos: int) -> tuple[str | None, bool, int]:
    """A relative year ("năm sau") or a recurrence ("hằng năm") right after a day/month."""
    rel = _REL_RE.match(text, pos)
    if rel:
        return ("next" if rel.group("next") else "prev" if rel.group("prev") else "this"), False, rel.end()
    every = _EVERY_YEAR_RE.match(text, pos)
    if every:
        return None, True, every.end()
    return None, False, pos


def _day_month(text: str, pos: int) -> DateExpr | None:
    match = _DAY_MONTH_WORDS.match(text, pos) or _DAY_MONTH_NUM.match(text, pos)
    if not match:
        return None
    day, month = int(match.group("d")), int(match.group("m"))
    year = _int(match, "y", *(("y2",) if "y2" in match.re.groupindex else ()))
    end = match.end()
    if year is not None:
        return DateExpr("day", pos, end, day, month, year)
    also: list[tuple[int, int]] = []
    probe = end
    while len(also) < 11:                      # a list of days of the year, "25/3 và 25/9"
        more = _MORE.match(text, probe)
        if not more:
            break
        also.append((int(more.group("d")), int(more.group("m"))))
        probe = more.end()
        if more.group("y") or more.group("y2"):     # "trước ngày 15/6 và 15/12/2026": both days of 2026
            return DateExpr("day", pos, probe, day, month, int(more.group("y") or more.group("y2")), also=tuple(also))
    if also:
        rel, every, after = _suffix(text, probe)
        if every:
            return DateExpr("day", pos, after, day, month, every_year=True, also=tuple(also))
    rel, every, after = _suffix(text, end)
    return DateExpr("day", pos, after, day, month, None, rel=rel, every_year=every)


_WEEKDAY_FIRST = re.compile(r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*(?=ngày\s+\d|\d)", I)
_NUMBER_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
                 "bảy": 7, "tám": 8, "chín": 9}
_ORDINAL = re.compile(r"ngày\s+thứ\s+(?P<n>\d{1,3}|(?:(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi)"
                      r"(?:\s+|(?=[,;.)]|$))){1,4})", I)


def number_words(words: str) -> int | None:
    """"ba mươi" 30, "mười lăm" 15, "hai mươi mốt" 21: the numbers a day count uses (1-99)."""
    total, tens = 0, False
    for word in words.lower().split():
        if word == "mười":
            total, tens = total + 10, True
        elif word == "mươi":
            total, tens = max(total, 1) * 10, True
        elif word in _NUMBER_WORDS and total % 10 == 0 and (tens or total == 0):
            total += _NUMBER_WORDS[word]
        else:
            return None
    return total or None


def ordinal_day(text: str, pos: int) -> tuple[int, int] | None:
    """"ngày thứ hai mươi" (the twentieth day): the number and where the words end."""
    match = _ORDINAL.match(text, pos)
    if not match:
        return None
    words = match.group("n").strip()
    number = int(words) if words.isdigit() else number_words(words)
    return (number, pos + len(match.group(0).rstrip())) if number else None


def date_at(text: str, pos: int) -> DateExpr | None:
    """The date expression that starts at ``pos`` (after a marker such as "trước"), if any."""
    named_day = _WEEKDAY_FIRST.match(text, pos)     # "thứ 2, ngày 26 tháng 3 năm 2012": the date decides
    if named_day:
        pos = named_day.end()
    ordinal = ordinal_day(text, pos)
    if ordinal:
        number, end = ordinal
        for pattern, of in _DAY_OF:
            tail = pattern.match(text, end)
            if tail:
                return DateExpr("day_of", pos, tail.end(), day=number, of=of)
    found = _day_month(text, pos)
    if found:
        return found
    match = _DAY_ONLY.match(text, pos)
    if match:
        for pattern, of in _DAY_OF:
            tail = pattern.match(text, match.end())
            if tail:
                return DateExpr("day_of", pos, tail.end(), day=int(match.group("d")), of=of)
        return DateExpr("day_of", pos, match.end(), day=int(match.group("d")))
    match = _MONTH_YEAR.match(text, pos)
    if match:
        return DateExpr("month", pos, match.end(), month=int(match.group("m")), year=int(match.group("y")))
    match = _MONTH_EVERY.match(text, pos)
    if match:
        return DateExpr("month", pos, match.end(), month=int(match.group("m")), every_year=True)
    match = _MONTH_ONLY.match(text, pos)
    if match:
        return DateExpr("month", pos, match.end(), month=int(match.group("m")))
    match = _QUARTER.match(text, pos)
    if match:
        q = match.group("q").upper()
        return DateExpr("quarter", pos, match.end(), part=_ROMAN.get(q) or int(q), year=_int(match, "y"),
                        every_year=bool(match.group("every")))
    match = _HALF.match(text, pos)
    if match:
        return DateExpr("half", pos, match.end(), part=1 if match.group("which").lower() == "đầu" else 2,
                        year=_int(match, "y"), every_year=bool(match.group("every")))
    match = _YEAR.match(text, pos)
    if match:
        return DateExpr("year", pos, match.end(), year=int(match.group("y")))
    match = _WEEKDAY.match(text, pos)
    if match:
        weekday = "SU" if match.group("sun") else WEEKDAYS[match.group("wd").lower()]
        return DateExpr("week", pos, match.end(), weekday=weekday)
    return None


def time_of_day(match: re.Match[str]) -> str | None:
    """"16h30", "2 giờ chiều" (a match with groups h, mi, pm) as "HH:MM", or None when impossible."""
    hour, minute = int(match.group("h")), int(match.group("mi") or 0)
    if (match.group("pm") or "").lower() in ("chiều", "tối") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
