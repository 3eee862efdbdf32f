"""Deadline forms found in whole documents that the sentence grammar (deadlines.py) did not read:
each reads at a marker's end and gives a schedule table and where its words end, or None (then
the marker is read as before). deadlines.py adds what they give."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from obligations.base.dates import month_end

from . import resolve
from .dates import DateExpr, date_at
from .found import Found, Table, safe_date
from .header import slug

I = re.IGNORECASE
# "ngay sau khi tổ chức hội nghị 01 ngày": the event first, then how long after it, ending the phrase
_AFTER_THEN_DAYS = re.compile(r"(?P<ev>[^,;.()\n\d]{3,60}?)\s+(?P<n>\d{1,3})\s+ngày(?P<work>\s+làm\s+việc)?"
                              r"(?=\s*(?:[,;.)]|$))", I)
_HOURS = re.compile(r"(?<![\d/.])(?P<n>\d{2,3})\s+giờ(?=\s*,?\s*(?:kể|tính)\s+từ)", I)
_DASHED_DAYS = re.compile(r"(?:ngày\s+)?(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})\s*[-–]\s*(?:ngày\s+)?"
                          r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})(?!\d)", I)
_TIME_OF = re.compile(r"(?:thời\s+gian|thời\s+hạn)\s*$", I)
_LATER_DAY = re.compile(r"(?P<what>[^,;.()\d]{3,100}?\s)(?=ngày\s+\d{1,2}\s*(?:/|tháng))", I)


def after_event(clause: str, pos: int) -> tuple[Table, int] | None:
    """"ngay sau khi tổ chức hội nghị 01 ngày" (``pos`` after "sau khi"): N days after the event
    named between; None for "sau khi … 15 ngày kể từ …" (read from its own marker)."""
    counted = _AFTER_THEN_DAYS.match(clause, pos)
    if counted is None:
        return None
    table: Table = {"every": "event", "event": slug(" ".join(counted.group("ev").split()[:6])).lower(),
                    "direction": "after", "offset": int(counted.group("n")),
                    "unit": "working_days" if counted.group("work") else "days", "inclusive": True}
    return table, counted.end()


def hours_as_days(clause: str) -> str:
    """"trong vòng 24 giờ kể từ …" read as "1 ngày" (the same length, so that every span still points
    at the words as written): whole days of hours counted from an event; other hours stay hours."""
    def days(hours: re.Match[str]) -> str:
        n = int(hours.group("n"))
        said = f"{n // 24} ngày"
        return said.rjust(len(hours.group(0))) if n % 24 == 0 and len(said) <= len(hours.group(0)) else hours.group(0)
    return _HOURS.sub(days, clause) if "giờ" in clause else clause


def dashed_window(clause: str, pos: int) -> tuple[Table, int] | None:
    """"Từ ngày 05/02/2026 - 08/02/2026" (``pos`` after "Từ"): a window of days."""
    dashed = _DASHED_DAYS.match(clause, pos)
    if dashed is None:
        return None
    begin = safe_date(int(dashed.group("y1")), int(dashed.group("m1")), int(dashed.group("d1")))
    date = safe_date(int(dashed.group("y2")), int(dashed.group("m2")), int(dashed.group("d2")))
    if begin is None or date is None or begin > date:
        raise resolve.Unclear("the window's first day is impossible or after its last")
    return {"every": "once", "start": begin, "date": date, "inclusive": True}, dashed.end()


def closing_day(clause: str, kind: str, start: int, pos: int, issued: dt.date | None) -> tuple[Table, int] | None:
    """"Thời gian chậm nhất gửi báo cáo về Ban Thường trực … ngày 23/3/2026", "Hạn chót nộp báo
    cáo: ngày 20/12/2025" (``start`` at "chậm nhất" or "Hạn chót", ``pos`` after it): the day, with
    its year, that closes the phrase; "chậm nhất" (``kind`` "latest") only after "Thời gian", "Thời hạn"."""
    if kind not in ("latest", "deadline") or kind == "latest" and not _TIME_OF.search(clause, max(0, start - 16), start):
        return None
    later = _LATER_DAY.match(clause, pos)
    expr = date_at(clause, later.end("what")) if later else None
    if expr is None or expr.kind != "day" or expr.year is None:
        return None
    (table,) = resolve.day_month(expr, "latest", None, issued, None)
    return table, expr.end


# "tần suất 2 lần/tháng; thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026": a duty done every
# month of a span, each month's work due within that month. Only a stated frequency per month counts:
# "hằng tháng" alone is read as a monthly duty already (a TODO when no day is stated, as for a report)
_PER_MONTH = re.compile(r"\d{1,2}\s+lần\s*/\s*tháng", I)


def each_month(found: list[Found], sentence: str) -> list[Found]:
    """A window of whole months of one year ("từ tháng 3 đến tháng 10 năm 2026") for a duty done
    a number of times a month (``_PER_MONTH`` in the sentence, or the task table's row): one window
    per month, each due by the month's last day, instead of one window due at the span's end."""
    if not any(isinstance((f.schedule or {}).get("start"), dt.date) for f in found) or not _PER_MONTH.search(sentence):
        return found
    result: list[Found] = []
    for item in found:
        table = item.schedule or {}
        start, date = table.get("start"), table.get("date")
        if (table.get("every") != "once" or not isinstance(start, dt.date) or not isinstance(date, dt.date)
                or start.day != 1 or date != month_end(date.year, date.month) or start.year != date.year
                or start.month >= date.month or not item.phrase.lower().startswith("từ")):
            result.append(item)
            continue
        for month in range(start.month, date.month + 1):
            window: Table = {"every": "once", "start": dt.date(date.year, month, 1),
                             "date": month_end(date.year, month), "inclusive": True}
            result.append(attrs.evolve(item, schedule=window, confidence=0.7,
                                       reason=f"“{item.phrase}”, done every month: the work of {month}/{date.year} "
                                              f"due within that month"))
    return result


_MONTHS_OF_YEAR = re.compile(r"tháng\s+(?P<m>\d{1,2})(?P<more>(?:\s*(?:,|và)\s*tháng\s+\d{1,2})+)"
                             r"(?:\s*,?\s*năm\s+|\s*[/.\-]\s*)(?P<y>\d{4})(?!\d)", I)


_COMPLETED = re.compile(r"hoàn\s+thành|xong", I)


def month_list(clause: str, pos: int) -> tuple[list[Table], int] | None:
    """"vào tháng 4 và tháng 8 năm 2026" (``pos`` at the first "tháng"): done in each month named,
    one window per month; None when the months have no year, one is an alternative ("hoặc"), or the
    list is not closed by "và", or work is to be completed in them ("hoàn thành các nhiệm vụ trong
    tháng 11, tháng 12 năm 2025": which task in which month, the text does not say)."""
    listed = _MONTHS_OF_YEAR.match(clause, pos)
    if listed is None or not re.search(r"\svà\s", listed.group("more")) or _COMPLETED.search(clause, 0, pos):
        return None
    year = int(listed.group("y"))
    months = [int(listed.group("m"))] + [int(m) for m in re.findall(r"\d{1,2}", listed.group("more"))]
    if any(not 1 <= m <= 12 for m in months) or months != sorted(set(months)):
        raise resolve.Unclear("several months named, not in order: which one is each duty's?")
    return [{"every": "once", "start": dt.date(year, m, 1), "date": month_end(year, m), "inclusive": True}
            for m in months], listed.end()


# "đến ngày bầu cử 15/3/2026", "đến ngày bầu cử": a window closed by an event's day, printed or not
_EVENT_DAY = re.compile(r"ngày\s+(?P<ev>(?:bầu\s+cử|bỏ\s+phiếu|khai\s+mạc|bế\s+mạc)(?:\s+[^\s,;.()\n\d:]+){0,6}?)"
                        r"(?:\s*(?:\(|,)?\s*(?:(?:là|vào)\s+)?(?:ngày\s+)?(?P<day>(?=\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}))"
                        r"|(?=\s*(?:[,;.:)]|$|\s(?:gồm|để|và|nhằm|với))))", I)


def up_to_event(clause: str, first: DateExpr, pos: int, issued: dt.date | None) -> tuple[Table, int] | None:
    """"từ tháng 01 đến ngày bầu cử 15/3/2026" (``pos`` after "đến"): the event's day as printed
    closes the window; "Từ ngày 15/3/2026 đến ngày bầu cử": a window up to an event the text does
    not date (the event's day itself, offset 0 before it). None for any other "đến ngày …"."""
    named = _EVENT_DAY.match(clause, pos)
    if named is None or first.kind not in ("day", "month"):
        return None
    if named.group("day") is None:
        return {"every": "event", "event": slug(" ".join(named.group("ev").split())).lower(), "direction": "before",
                "offset": 0, "unit": "days", "inclusive": True}, named.end("ev")
    day = date_at(clause, named.end())
    if day is None or day.kind != "day" or day.year is None:
        return None
    date = safe_date(day.year, resolve.month_number(day.month), day.day or 0)
    begin = safe_date(first.year or day.year, resolve.month_number(first.month), first.day or 1)
    if date is None or begin is None or begin > date:
        raise resolve.Unclear("the window's first day is impossible or after its last")
    return {"every": "once", "start": begin, "date": date, "inclusive": True}, day.end
