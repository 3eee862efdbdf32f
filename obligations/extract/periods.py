"""The period a duty recurs over, and the years it is valid for.

"báo cáo 6 tháng", "báo cáo quý", "hằng tháng", "báo cáo năm" name the period a report
covers; a deadline without a year ("trước ngày 20 tháng 7") is read against the nearest
such words before it in the same clause. "(từ năm 2023-2025)", "từ năm 2023 trở đi" and
"trong năm 2023" after a recurrence bound the years the duty applies to.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from obligations.base.records import record

from .dates import EVERY
from .scan import fail_fast

I = re.IGNORECASE
_SIX = r"(?:06|6|sáu)"


@record
@attrs.frozen(repr=False)
class Period:
    """The period of a recurring duty: ``every`` in the spec's words, and which parts."""

    every: str                  # "month", "quarter", "half", "nine_months", "year", "week"
    words: str                  # the words that named it
    explicit: bool              # "hằng tháng" (it recurs) rather than "báo cáo tháng" (a report on one)
    only: tuple[int, ...] = ()  # halves or quarters named: "6 tháng đầu năm" -> (1,)


_PERIOD = re.compile(
    rf"(?P<h1>{_SIX}\s+tháng\s+đầu\s+năm)(?!\s+\d)"
    rf"|(?P<h2>{_SIX}\s+tháng\s+cuối\s+năm)(?!\s+\d)"
    rf"|(?<!trong\s)(?<!vòng\s)(?P<half>(?:định kỳ\s+|{EVERY}\s+)?{_SIX}\s+tháng)(?!\s+(?:đầu|cuối|\d))"
    rf"|(?<!trong\s)(?<!vòng\s)(?P<nine>(?:09|9|chín)\s+tháng)(?!\s+(?:đầu|cuối|\d))"
    rf"|(?P<q_every>{EVERY}\s+(?:quý|quí)|định kỳ\s+(?:theo\s+)?(?:quý|quí))"
    rf"|(?P<q>báo cáo\s+(?:quý|quí)|(?:quý|quí)\s+(?:sau|tiếp theo))(?!\s+(?:I|V|\d))"
    rf"|(?P<m_every>{EVERY}\s+tháng|định kỳ\s+(?:theo\s+)?tháng)"
    rf"|(?P<m>báo cáo\s+tháng)(?!\s+\d)"
    rf"|(?P<y_every>{EVERY}\s+năm|định kỳ\s+(?:theo\s+)?năm)(?!\s+\d)"
    rf"|(?P<y>báo cáo\s+(?:tổng kết\s+)?năm|tổng kết\s+năm|cả\s+năm)(?![\s\d]*\d{{4}})"
    rf"|(?P<w_every>{EVERY}\s+tuần|định kỳ\s+tuần)"
    rf"|(?P<w>báo cáo\s+tuần)", I)
_KIND = {"h1": ("half", True, (1,)), "h2": ("half", True, (2,)), "half": ("half", True, ()),
         "nine": ("nine_months", True, ()), "q_every": ("quarter", True, ()), "q": ("quarter", False, ()),
         "m_every": ("month", True, ()), "m": ("month", False, ()), "y_every": ("year", True, ()),
         "y": ("year", False, ()), "w_every": ("week", True, ()), "w": ("week", False, ())}
_PERIOD = fail_fast(_PERIOD, r"\dbchmqstđ")
# How far back a deadline looks for its period: a clause, not a page.
_WINDOW = 240
_JOINED = re.compile(r"\s*(?:,|và|hoặc|,\s*và)\s*(?:báo\s+cáo\s+)?", I)


class Periods:
    """The periods named in a clause, read once; each deadline asks for the nearest before it."""

    def __init__(self, text: str) -> None:
        self.found: list[tuple[int, int, Period]] = []
        for match in _PERIOD.finditer(text):
            every, explicit, only = _KIND[match.lastgroup or ""]
            self.found.append((match.start(), match.end(), Period(every, match.group(0), explicit, only)))
        self.ends = [end for _, end, _ in self.found]

    def before(self, lo: int, hi: int) -> Period | None:
        """The last period named within ``[lo, hi)`` and at most 240 characters before ``hi``."""
        found = self.before_at(lo, hi)
        return found[1] if found else None

    def before_at(self, lo: int, hi: int) -> tuple[int, Period] | None:
        """``before`` with where the period's words begin."""
        i = bisect.bisect_right(self.ends, hi) - 1
        if i >= 0 and self.found[i][0] >= max(lo, hi - _WINDOW):
            return self.found[i][0], self.found[i][2]
        return None

    def listed(self, at: int, text: str) -> list[Period]:
        """The periods named one after the other from ``at`` ("báo cáo quý, 6 tháng, 9 tháng và cả
        năm"): the first within 30 characters, each next one after a comma or "và"."""
        i = bisect.bisect_right(self.ends, at)
        if i >= len(self.found) or self.found[i][0] - at > 30:
            return []
        result = [self.found[i][2]]
        while i + 1 < len(self.found) and _JOINED.fullmatch(text, self.found[i][1], self.found[i + 1][0]):
            i += 1
            result.append(self.found[i][2])
        return result


    def starting(self, at: int) -> Period | None:
        """The period named right at ``at`` ("báo cáo định kỳ 06 tháng" after "đối với")."""
        i = bisect.bisect_right(self.ends, at)
        if i < len(self.found) and self.found[i][0] - at <= 30:
            return self.found[i][2]
        return None


# the periods whose last days each period's last days include (every quarter ends a month …)
_COVERS = {"month": {"quarter", "half", "nine_months", "year"}, "quarter": {"half", "nine_months", "year"},
           "half": {"year"}}


def covering(listed: list[Period]) -> Period | None:
    """One deadline for several periods ("đối với báo cáo quý, 6 tháng, 9 tháng và cả năm"): the
    listed period whose last days include every other's, so that its schedule gives all their days;
    None when there is none (a half and nine months)."""
    if len(listed) == 1:
        return listed[0]
    kinds = {p.every for p in listed}
    for period in listed:
        if kinds - {period.every} <= _COVERS.get(period.every, set()) and not period.only:
            return attrs.evolve(period, words=", ".join(p.words for p in listed))
    return None


def period_before(text: str, lo: int, hi: int) -> Period | None:
    return Periods(text[:hi]).before(lo, hi)


_PLAIN = re.compile(
    rf"(?P<month>{EVERY}\s+tháng|định kỳ\s+(?:theo\s+)?tháng)(?!\s+\d)"
    rf"|(?P<quarter>{EVERY}\s+(?:quý|quí)|định kỳ\s+(?:theo\s+)?(?:quý|quí))"
    rf"|(?P<half>(?:định kỳ|{EVERY})\s+{_SIX}\s+tháng(?!\s+(?:đầu|cuối))|{_SIX}\s+tháng\s+(?:một|1)\s+lần)"
    rf"|(?P<week>{EVERY}\s+tuần|định kỳ\s+tuần)(?!\s+\d)"
    rf"|(?P<year>{EVERY}\s+năm|định kỳ\s+(?:theo\s+)?năm)(?!\s+\d)", I)


_MAYBE = re.compile(r"hằng|hàng|mỗi|định kỳ|lần", I)
_DAILY = re.compile(rf"{EVERY}\s+ngày(?!\s+\d)", I)
_PLAIN, _MAYBE, _DAILY = fail_fast(_PLAIN, r"\dhmsđ"), fail_fast(_MAYBE, "hlmđ"), fail_fast(_DAILY, "hm")
# A recurrence is a duty's when a thing that is done governs it ("sinh hoạt chi bộ hằng
# tháng", "sơ kết hằng năm"); "khen thưởng hàng năm" or "được thực hiện hằng quý" in a
# definition name a kind of thing, not a duty with a deadline.
_DONE = re.compile(r"báo\s+cáo|sơ\s+kết|tổng\s+kết|tổ\s+chức|kiểm\s+tra|đánh\s+giá|rà\s+soát|sinh\s+hoạt|"
                   r"họp|hội\s+nghị|giao\s+ban|bản\s+tin|thông\s+tin|tài\s+liệu|cập\s+nhật|gửi|nộp|"
                   r"công\s+khai|thống\s+kê|tổng\s+hợp|xây\s+dựng|lập|triển\s+khai|duy\s+trì|đưa|lồng\s+ghép|"
                   r"tuyên\s+truyền|học\s+tập|giới\s+thiệu", I)
_DONE = fail_fast(_DONE, "bcdghklnrstxđ")
_DONE_WINDOW = 60
# What the recurrence describes rather than asks: "trợ cấp hằng tháng", "là một tiêu chí đánh giá,
# xếp loại thi đua hằng năm". Nearer to the recurring word than the last thing done, it wins.
_DESCRIBES = re.compile(r"trợ\s+cấp|phụ\s+cấp|tiền\s+lương|lương|thù\s+lao|bồi\s+dưỡng|định\s+mức|được\s+hưởng|"
                        r"kinh\s+phí|tiêu\s+chí|thi\s+đua|khen\s+thưởng|mức\s+(?:chi|hỗ\s+trợ)", I)
_DESCRIBES = fail_fast(_DESCRIBES, "bklmptđ")
# "ngay trong tháng 4/2023 và hằng tháng": a recurrence given its first month is a duty's
_STARTS = re.compile(r"(?:trong|từ)\s+tháng\s+\d{1,2}\s*[/.\-]\s*\d{4}\s*(?:,|và)\s*(?:duy\s+trì\s+)?$", I)


# What is held or published within each period (a session, a meeting, a bulletin, a review):
# the period itself is its window. A report, a submission, a plan "hằng năm" with no day named
# has a deadline the text does not state: a TODO, never the period's last day.
_HELD = re.compile(r"sinh\s+hoạt|họp|hội\s+nghị|giao\s+ban|bản\s+tin|thông\s+tin|tài\s+liệu|tuyên\s+truyền|"
                   r"học\s+tập|giới\s+thiệu|kiểm\s+điểm|đánh\s+giá|sơ\s+kết|tổng\s+kết|đưa|lồng\s+ghép|duy\s+trì", I)


_REGIME = re.compile(r"định\s+kỳ", I)
_NAMED = re.compile(r"(?:kết\s+quả|hồ\s+sơ|biên\s+bản)\s+$", I)


def plain_periods(text: str) -> list[tuple[str, int, int, str, bool]]:
    """Recurrences with no day named, governed by a thing done: (every, start, end, words, held),
    ``held`` when the thing is held within each period rather than delivered by a day."""
    if not _MAYBE.search(text):
        return []
    result = []
    for match in _PLAIN.finditer(text):
        if text[match.end():match.end() + 2].strip().startswith(":"):
            continue        # "Báo cáo định kỳ hằng tháng: …": a label of what follows
        lo = max(0, match.start() - _DONE_WINDOW)
        done = None
        for done in _DONE.finditer(text, lo, match.start()):
            pass
        described = None
        for described in _DESCRIBES.finditer(text, lo, match.start()):
            pass
        if described is not None and (done is None or described.start() > done.start()):
            continue        # a payment, a criterion: listed as not drafted, with the reason
        if done is not None and _NAMED.search(text[max(0, done.start() - 10):done.start()]):
            continue        # "kết quả đánh giá … hằng năm", "hồ sơ đánh giá, xếp loại cán bộ hằng năm": the
            #                 result or the file of a yearly review, named, not asked
        if done is not None or _STARTS.search(text, max(0, match.start() - 30), match.start()):
            starts = _STARTS.search(text, max(0, match.start() - 30), match.start())
            held = starts is not None or done is None or bool(_HELD.fullmatch(done.group(0)))
            if held and _REGIME.search(text, max(0, match.start() - 20), match.end()):
                held = False    # "định kỳ: 06 tháng một lần", "định kỳ (hằng năm)": a regime whose day is set elsewhere
            result.append((match.lastgroup or "", match.start(), match.end(), match.group(0), held))
    return result


def daily(text: str) -> re.Match[str] | None:
    """"hằng ngày": the language has no daily kind."""
    return _DAILY.search(text)      # (no prefilter: its every match holds a word of _MAYBE, and it is the faster scan)


@record
@attrs.frozen(repr=False)
class Validity:
    start: dt.date | None = None
    until: dt.date | None = None
    words: tuple[str, ...] = ()
    inferred: bool = False      # the start is the first day of a year named, not a date given


_YEAR_RANGE = re.compile(r"(?:từ\s+năm|giai\s+đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})|từ\s+năm\s+(\d{4})\s+(?:đến|tới)\s+"
                         r"(?:hết\s+)?năm\s+(\d{4})", I)
_FROM_YEAR_ON = re.compile(r"từ\s+năm\s+(\d{4})\s+trở\s+đi", I)
_START_MONTH = re.compile(rf"(?:trong|từ)\s+tháng\s+(\d{{1,2}})\s*[/.\-]\s*(\d{{4}})\s*(?:,|và|đến)\s*"
                          rf"(?:duy trì\s+)?{EVERY}\s+tháng", I)
_IN_YEAR = re.compile(r"\s*,?\s*(?:trong\s+)?năm\s+(\d{4})(?!\d)", I)


class Validities:
    """The years a recurring duty applies to, from the words of its clause.

    What holds for the whole clause ("(từ năm 2023-2025)") is searched once; only
    "trong năm 2023" right after the recurrence depends on the duty, so a clause with
    many duties is still read in linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._read = False          # searched when a recurrence first asks: most clauses have none
        self.month: re.Match[str] | None = None
        self.span: re.Match[str] | None = None
        self.on: re.Match[str] | None = None

    def at(self, recurrence_end: int | None) -> Validity:
        if not self._read:
            self.month = _START_MONTH.search(self.text)
            self.span = _YEAR_RANGE.search(self.text)
            self.on = _FROM_YEAR_ON.search(self.text)
            self._read = True
        words: list[str] = []
        start = until = None
        inferred = False
        month = self.month
        if month and 1 <= int(month.group(1)) <= 12:
            start = dt.date(int(month.group(2)), int(month.group(1)), 1)
            words.append(month.group(0))
        span, on = self.span, self.on
        within = _IN_YEAR.match(self.text, recurrence_end) if recurrence_end is not None else None
        if span:
            first, last = int(span.group(1) or span.group(3)), int(span.group(2) or span.group(4))
            if start is None:
                start, inferred = dt.date(first, 1, 1), True
            until = dt.date(last, 12, 31)
            words.append(span.group(0))
        elif within:
            year = int(within.group(1))
            if start is None:
                start, inferred = dt.date(year, 1, 1), True
            until = dt.date(year, 12, 31)
            words.append(within.group(0).strip(" ,"))
        elif on:
            if start is None:
                start, inferred = dt.date(int(on.group(1)), 1, 1), True
            words.append(on.group(0))
        return Validity(start, until, tuple(words), inferred)
