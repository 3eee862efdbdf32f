"""The grammar of Vietnamese deadline phrases, over one clause of normalised text.

    dates.py      date expressions: 31/12/2023, ngày 31 tháng 12 năm 2023, quý II/2026, 15.3
    periods.py    the period a duty recurs over ("báo cáo 6 tháng", "hằng tháng") and its years
    resolve.py    a deadline word and a date to a schedule of the spec (or a reason it cannot)
    deadlines.py  the deadline phrases of a clause, left to right
    grammar.py    all of it for one clause, with recurrences that name no day

What a phrase does not fully say is a TODO with the phrase and the reason, never a guess.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from .deadlines import deadlines
from .found import Found, todo
from .periods import Validities, daily, plain_periods

I = re.IGNORECASE
RE_HALF_YEAR = re.compile(r"(?:06|6|sáu) tháng (?:đầu|cuối) năm", I)
RE_PERIODIC = re.compile(r"định kỳ", I)
RE_PUBLISH = re.compile(r"(?<!\w)(đưa|phát hành|xuất bản|đăng tải|biên soạn)(?!\w)", I)
# what is published in: "đưa nội dung … vào Bản tin Thông tin nội bộ, sổ tay đảng viên năm 2023"
RE_MEDIUM = re.compile(r"(?:vào|lên|trên)\s+(?:các\s+)?(?:bản\s+tin|sổ\s+tay|trang|cổng|tài\s+liệu|"
                       r"chương\s+trình|chuyên\s+mục|báo|tạp\s+chí)", I)
RE_IN_YEAR = re.compile(r"(?:trong\s+)?năm\s+(\d{4})(?!\d)", I)
_ONE_OFF = ("once", "event")


class _Spans:
    """The spans already read in a clause, sorted: is a position inside one? (log time)"""

    def __init__(self, found: list[Found]) -> None:
        self.spans = sorted((f.start, f.end) for f in found)
        self.starts = [s for s, _ in self.spans]
        # the furthest end among spans starting at or before each index
        self.reach: list[int] = []
        for _, end in self.spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1      # spans that start before ``end``
        return i >= 0 and self.reach[i] > start


def _recurring(clause: str, found: list[Found], valid: Validities) -> list[Found]:
    """Recurrences that name no day ("hằng tháng"): the deadline is the period's last day."""
    dated = [f for f in found if f.schedule is not None and not f.weak]
    kinds = {str(f.schedule.get("every")) for f in dated if f.schedule is not None}
    spans = _Spans(found)
    result: list[Found] = []
    for every, start, end, words, held in plain_periods(clause):
        if spans.overlaps(start, end) or every in kinds:
            continue          # read as part of a deadline, or the period of a dated one
        if every == "year" and dated:
            continue          # "hằng năm" beside a dated deadline qualifies it
        kinds.add(every)
        if not held:
            result.append(todo(words, f"every {every}, but no day of the period is stated for what is to be "
                                      "delivered: write the deadline the text (or another text) gives", start, end))
            continue
        years = valid.at(end)
        reasons = [f"“{words}”: every {every}, the period's last day"] + [f"“{w}”: the years it applies to"
                                                                         for w in years.words]
        result.append(Found({"every": every}, words, "; ".join(reasons), start, end,
                            confidence=0.9 if years.until else 0.8, valid_from=years.start,
                            valid_until=years.until, inferred_from=years.inferred,
                            todo=() if years.until else ("valid.until",)))
    return result


def _with_validity(valid: Validities, item: Found) -> Found:
    if item.schedule is None or item.schedule.get("every") in _ONE_OFF:
        return item
    years = valid.at(item.end)
    if not years.words:
        return item
    return attrs.evolve(item, valid_from=years.start, valid_until=years.until, inferred_from=years.inferred,
                        reason=item.reason + "; " + "; ".join(f"“{w}”: the years it applies to" for w in years.words))


def _key(item: Found) -> tuple[object, ...]:
    if item.schedule is None:
        return ("TODO", item.phrase)
    return (tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in item.schedule.items()), item.event_date)


def _fallback(clause: str) -> list[Found]:
    """Nothing dated: say why, or read a publication "năm 2023" as within that year."""
    half = RE_HALF_YEAR.search(clause)
    if half:
        return [todo(half.group(0), "names the period reported on, not a deadline", half.start(), half.end())]
    periodic = RE_PERIODIC.search(clause)
    if periodic:
        return [todo(periodic.group(0), "“định kỳ” (periodically) without a period", periodic.start(),
                     periodic.end())]
    publish = RE_PUBLISH.search(clause)
    if publish and RE_MEDIUM.search(clause, publish.end(), publish.end() + 80):
        year = RE_IN_YEAR.search(clause, publish.end())
        if year:
            y = int(year.group(1))
            return [Found({"every": "once", "start": dt.date(y, 1, 1), "date": dt.date(y, 12, 31), "inclusive": True},
                          f"{publish.group(0)} … {year.group(0)}",
                          f"“{year.group(0).strip()}” with “{publish.group(0)}”: once within {y}",
                          year.start(), year.end(), confidence=0.6, last_allowed=dt.date(y, 12, 31),
                          inferred_start=True)]
    return []


# between a date and the count from an event that says it again: a bracket, "tức là", "hay"; a
# count back from an event then ", chậm nhất ngày …" (the day it comes to)
_RESTATES = re.compile(r"\s*\(\s*(?:(?:tức\s+là|nghĩa\s+là|hay|là)\s+)?|\s*,?\s*(?:tức\s+là|nghĩa\s+là|hay\s+là)\s+",
                       re.IGNORECASE)
_RESTATES_BACK = re.compile(r"\s*(?:\(\s*|,\s*|-\s*|–\s*)(?:(?:tức\s+là|nghĩa\s+là|hay|là)\s+)?", re.IGNORECASE)


def _restated(clause: str, found: list[Found]) -> list[Found]:
    """A stated day and a count from an event that restates it, in either order ("Chậm nhất ngày
    03/02/2026 (trước ngày bầu cử 40 ngày)", "trước ngày bầu cử 40 ngày, chậm nhất ngày 03/02/2026"):
    one duty, the day, with the count in its reason."""
    result: list[Found] = []
    for item in sorted(found, key=lambda f: f.start):
        before = result[-1] if result else None
        if before is None or item.schedule is None or before.schedule is None:
            result.append(item)
            continue
        gap = clause[before.end:item.start]
        if (item.schedule.get("every") == "event" and before.schedule.get("every") == "once"
                and _RESTATES.fullmatch(gap)):
            result[-1] = attrs.evolve(before, reason=f"{before.reason}; “{item.phrase}” restates it")
            continue
        if (before.schedule.get("every") == "event" and before.schedule.get("direction") == "before"
                and item.schedule.get("every") == "once" and _RESTATES_BACK.fullmatch(gap)):
            result[-1] = attrs.evolve(item, reason=f"{item.reason}; “{before.phrase}” before it says the same day")
            continue
        result.append(item)
    return result


_PLANNED = re.compile(r"dự\s+kiến\s*(?::\s*)?(?:(?:là|vào|trong)\s+)?$", re.IGNORECASE)
_LATEST = re.compile(r"(?:chậm|muộn)\s+nhất|hạn\s+chót|không\s+(?:muộn|chậm)\s+hơn", re.IGNORECASE)


def _counted_window(clause: str, found: list[Found]) -> list[Found]:
    """"trong 03 ngày làm việc (từ ngày 08 đến ngày 10/12/2025)": the window in brackets says which
    days the count is; one duty, the window, with the count in its reason (no TODO beside it)."""
    result: list[Found] = []
    for item in sorted(found, key=lambda f: f.start):
        before = result[-1] if result else None
        if (before is not None and before.schedule is None and item.schedule is not None
                and item.schedule.get("every") == "once" and "start" in item.schedule
                and re.fullmatch(r"\s*\(\s*", clause[before.end:item.start])
                and re.search(r"\d\s+ngày", before.phrase)):
            result[-1] = attrs.evolve(item, reason=f"{item.reason}; “{before.phrase}” before it counts the same days")
            continue
        result.append(item)
    return result


def _planned(clause: str, found: list[Found]) -> list[Found]:
    """"dự kiến vào ngày 05/12/2025 (chậm nhất ngày 10/12/2025)": the planned day is not the
    deadline when a latest day follows it; only the latest is kept."""
    result = []
    for i, item in enumerate(found):
        if (item.schedule is not None and _PLANNED.search(clause, max(0, item.start - 20), item.start)
                and any(_LATEST.match(later.phrase) for later in found[i + 1:])):
            continue
        result.append(item)
    return result


def schedules(clause: str, issued: dt.date | None = None) -> list[Found]:
    """Every schedule phrase of one clause (peaks are read by ``peaks.peaks``), in text order."""
    valid = Validities(clause)
    found = deadlines(clause, issued)
    found += _recurring(clause, found, valid)
    every_day = daily(clause)
    if every_day:
        found.append(todo(every_day.group(0), "a daily duty: the schedule language has no daily kind",
                          every_day.start(), every_day.end()))
    recurring_ends = {f.end for f in found if f.schedule is not None and not f.weak
                      and f.schedule.get("every") not in _ONE_OFF}
    # "hằng tháng trong năm 2023": the year right after a recurrence bounds it, it is no deadline
    found = [f for f in found if not (f.weak and any(0 <= f.start - end <= 3 for end in recurring_ends))]
    # "Chậm nhất ngày 03/02/2026 (trước ngày bầu cử 40 ngày)": the count from the event restates
    # the date just given; one duty, the date, with the restatement in its reason
    found = _restated(clause, found)
    if "kiến" in clause:
        found = _planned(clause, found)
    if "(" in clause:
        found = _counted_window(clause, found)
    if not found:
        found = _fallback(clause)
    seen: set[tuple[object, ...]] = set()
    result: list[Found] = []
    for item in sorted(found, key=lambda f: f.start):
        key = _key(item)
        if key in seen:
            continue
        seen.add(key)
        result.append(_with_validity(valid, item))
    return result
