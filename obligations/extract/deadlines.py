"""Deadline phrases in one clause: a marker ("trước", "chậm nhất", "trong thời hạn", ...)
followed by a date, a time of day, a period or a count of days from an event.

Each marker is read once, left to right, and what follows it is tried with anchored,
bounded patterns: a clause is read in time proportional to its length. A strong marker
("trước ngày", "chậm nhất", "hạn chót", "trong thời hạn N ngày") whose words are not fully
understood gives a TODO with the phrase, never a guess.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from . import doc_forms, resolve
from .dates import DateExpr, date_at, ordinal_day, time_of_day as _time
from .deadline_words import (_BEFORE_THEN_DAYS, _AFTER, _AFTER_PERIOD, _AMOUNT, _BEFORE, _BEFORE_EVENT,
    _BEFORE_EVENT_DAYS, _DAYS, _EVENT, _EVENT_BACK, _EVENT_STOP, _EXTENDED, _FROM_NEAR, _LINKED, _HAPPENS, _IN_FORCE,
    _MARKER, _MAYBE, _MINIMUM, _MONTH_LIST, _PERIOD_END, _PERIOD_OF, _RIGHT, _SPAN_BEFORE, _SPAN_END, _SPAN_REACH,
    _STRONG, _TIME, _UNTIL, _VAGUE, _WEAK_TODO, _WEEKLY)
from .found import Found, Table, Value, safe_date, spec, todo
from .header import slug
from .periods import Period, Periods, covering, period_before

I = re.IGNORECASE


class _Reader:
    """One clause being read: the deadlines found so far and the spans they used."""

    def __init__(self, clause: str, issued: dt.date | None, verbatim: str | None = None) -> None:
        self.clause = clause
        self.verbatim = verbatim if verbatim is not None else clause     # same length, words as written
        self.issued = issued
        self.found: list[Found] = []
        self._periods: Periods | None = None          # read when a deadline first needs it
        self.used_until = 0                # markers before this position were part of an earlier phrase

    def add(self, tables: list[Table], start: int, end: int, reason: str, period: Period | None,
            confidence: float = 0.9, event_date: dt.date | None = None, weak: bool = False) -> None:
        phrase = self.verbatim[start:end].strip(" ,")
        for table in tables:
            # a weak reading is "trong năm N": its window's 1/1 is the year's, not a date given
            self.found.append(Found(table, phrase, reason, start, end, confidence=confidence, weak=weak,
                                    inferred_start=weak, period_words=period.words if period else "",
                                    event_date=event_date))
        self.used_until = max(self.used_until, end)

    def unclear(self, start: int, end: int, reason: str) -> None:
        impossible = reason.startswith("impossible")
        self.found.append(todo(self.verbatim[start:end].strip(" ,"), reason, start, end, flag=impossible))
        self.used_until = max(self.used_until, end)

    def period(self, at: int, end: int | None = None) -> Period | None:
        """The period named before the phrase, else right after it ("… đối với báo cáo 6 tháng").
        A period before it that was itself linked to the phrase before ("trước ngày 01 … đối với
        báo cáo tháng và trước ngày 03 … đối với báo cáo quý") is that phrase's, not this one's."""
        lo = self.found[-1].end if self.found else 0
        if self._periods is None:
            self._periods = Periods(self.clause)
        before = self._periods.before_at(lo, at) or self._periods.before_at(0, at)
        if end is not None and (before is None or (self.found and _LINKED.search(self.clause, max(0, before[0] - 16), before[0]))):
            link = _AFTER_PERIOD.match(self.clause, end)
            listed = self._periods.listed(link.end(), self.clause) if link else []
            if listed:
                finest = covering(listed)
                if finest is None:
                    raise resolve.Unclear("several reporting periods whose days no one schedule gives")
                return finest
        return before[1] if before else None

    def read(self) -> list[Found]:
        if not _MAYBE.search(self.clause):
            return []           # no digit and no strong deadline word: most clauses of a text
        for marker in _MARKER.finditer(self.clause):
            if marker.start() < self.used_until:
                continue
            kind = marker.lastgroup or ""
            if kind == "het":
                kind = "until"
            try:
                self._marker(marker, kind)
            except resolve.Unclear as exc:
                end = min(len(self.clause), marker.end() + 40)
                stop = re.search(r"[,;.()]", self.clause[marker.end():end])
                self.unclear(marker.start(), marker.end() + stop.start() if stop else end, str(exc))
        starts = [f.start for f in self.found]     # in text order: markers never overlap
        for weekly in _WEEKLY.finditer(self.clause) if "tuần" in self.clause else ():   # "thứ Sáu hằng tuần": no marker
            i = bisect.bisect_right(starts, weekly.start()) - 1
            if i < 0 or self.found[i].end <= weekly.start():
                expr = date_at(self.clause, weekly.start())
                if expr is not None:
                    table: dict[str, Value] = {"every": "week", "weekday": expr.weekday, "inclusive": True}
                    self.add([table], expr.start, expr.end, f"“{weekly.group(0)}”: every week, that day", None)
        self.found.sort(key=lambda f: f.start)
        return self.found

    def _marker(self, marker: re.Match[str], kind: str) -> None:
        pos, text = marker.end(), self.clause
        if kind == "range":
            self._range(marker)
            return
        if kind == "after_event":       # "ngay sau khi tổ chức hội nghị 01 ngày"
            return self._form(marker, doc_forms.after_event(text, pos), 0.8)
        if _VAGUE.match(text, pos):
            raise resolve.Unclear("“đầu/giữa” a month, quarter or year: no exact day")
        if kind == "on" and _HAPPENS.search(text, max(0, marker.start() - 12), marker.start()):
            return          # "sự kiện diễn ra trong tháng 9": when something happens, not a duty
        if kind == "until" and _FROM_NEAR.search(text, max(0, marker.start() - 30), marker.start()):
            raise resolve.Unclear("a window “từ … đến …” whose start is not read")
        if kind == "within" and _AMOUNT.match(text, pos):
            return          # "tối đa 320.000 đồng", "không quá 3 người": a cap or a count, not a deadline
        if kind == "within" and _EXTENDED.search(text, max(0, marker.start() - 50), marker.start()):
            return          # "trường hợp phức tạp thì có thể kéo dài nhưng không quá 15 ngày": an extension
        days = _DAYS.match(text, pos)
        if days:
            if _RIGHT.search(text, 0, marker.start()):
                return      # a right's condition: listed as not drafted
            if _MINIMUM.search(text, max(0, marker.start() - 24), marker.start()):
                return      # "không ít hơn 01 ngày làm việc": a minimum gap, not a deadline
            if _IN_FORCE.search(text, max(0, marker.start() - 60), marker.start()):
                return      # "có hiệu lực thi hành sau 10 ngày kể từ ngày ký": entry into force
            self._days(marker, kind, days.end(), int(days.group("n")), bool(days.group("work")))
            return
        ordinal = ordinal_day(text, pos)
        if ordinal and (_AFTER.match(text, ordinal[1]) or kind != "bare"):
            after = _AFTER.match(text, ordinal[1])
            if after:            # "chậm nhất là ngày thứ mười, kể từ ngày phát sinh": the tenth day after
                self._days(marker, kind, ordinal[1], ordinal[0], False)
                return
        time, expr = None, None
        clock = _TIME.match(text, pos)
        if clock:
            expr = date_at(text, clock.end())
            if expr is not None and expr.kind in ("day", "day_of", "week"):
                time = _time(clock)
                if time is None:
                    raise resolve.Unclear("impossible time of day")
            else:
                expr = None
        expr = expr or date_at(text, pos)
        if expr is None:
            self._not_read(marker, kind, pos, time)
            return
        het = bool(marker.group("het")) if kind == "until" else False
        if kind == "on" and expr.kind == "day" and time is None and self._on_until(marker, expr):
            return          # "trong ngày 02/02/2026 đến ngày 03/02/2026": a window of days
        self._date(marker, kind, expr, time, het)

    def _on_until(self, marker: re.Match[str], first: DateExpr) -> bool:
        until = _UNTIL.match(self.clause, first.end)
        last = date_at(self.clause, until.end()) if until else None
        if last is None or last.kind != "day" or last.year is None:
            return False
        (table,) = resolve.day_month(last, "until", None, self.issued, None)
        date = table["date"]
        assert isinstance(date, dt.date)
        begin = safe_date(first.year or date.year, resolve.month_number(first.month), first.day or 0)
        if begin is None or begin > date:
            raise resolve.Unclear("the window's first day is impossible or after its last")
        window: Table = {"every": "once", "start": begin, "date": date, "inclusive": True}
        self.add([window], marker.start(), last.end, f"“{self.clause[marker.start():last.end].strip()}”: "
                 f"{_say(window)}", None)
        return True

    def _date(self, marker: re.Match[str], kind: str, expr: DateExpr, time: str | None, het: bool) -> None:
        period = self.period(marker.start(), expr.end)
        if expr.kind == "month" and expr.year is None and _MONTH_LIST.match(self.clause, expr.end):
            if (listed := doc_forms.month_list(self.clause, expr.start) if kind == "on" else None) is None:
                raise resolve.Unclear("several months named: which one is each duty's?")
            return self._form(marker, listed, 0.8)      # "vào tháng 4 và tháng 8 năm 2026": each month
        start, end = marker.start(), expr.end
        words = self.clause[start:end].strip()
        if expr.kind == "day":
            tables = resolve.day_month(expr, kind, period, self.issued, time)
            self.add(tables, start, end, f"“{words}”: {_say(tables[0])}" + (
                "; “năm trước”: due in the year before the one it is for, so the period `due` names is the "
                "year the deadline falls in" if expr.rel == "prev" else ""), period)
        elif expr.kind == "day_of":
            tables = resolve.day_of(expr, kind, period, time)
            self.add(tables, start, end, f"“{words}”: {_say(tables[0])}", period)
        elif expr.kind == "week":
            table: dict[str, Value] = {"every": "week", "weekday": expr.weekday}
            if time:
                table["time"] = time
            table["inclusive"] = bool(time) or resolve.INCLUSIVE[kind]
            self.add([table], start, end, f"“{words}”: every week", period)
        else:
            if time:
                raise resolve.Unclear("a time of day on a month, quarter or year")
            if kind == "on" and expr.kind == "month" and re.match(r"\s*(?:,|và)\s*(?:duy trì\s+)?(?:hằng|hàng|mỗi)\s+"
                                                                  r"tháng", self.clause[end:end + 30], I):
                return      # "trong tháng 4/2023 và hằng tháng": the start of a monthly duty
            tables = resolve.window(expr, kind, het, period, self.issued)
            if tables:
                weak = expr.kind == "year" and kind == "on"
                self.add(tables, start, end, f"“{words}”: {_say(tables[0])}", period,
                         confidence=0.6 if weak or kind == "end" else 0.9, weak=weak)

    def _range(self, marker: re.Match[str]) -> None:
        text = self.clause
        if _SPAN_BEFORE.search(text, max(0, marker.start() - _SPAN_REACH), marker.start()):
            # "(kỳ báo cáo tính từ ngày 01 tháng 01 đến hết ngày 31 tháng 12)": the span a report covers
            until = _SPAN_END.match(text, marker.end())
            last = date_at(text, until.end()) if until else None
            self.used_until = max(self.used_until, last.end if last else marker.end())
            return
        first = date_at(text, marker.end())
        if first is None:           # "Từ ngày 05/02/2026 - 08/02/2026"
            return self._form(marker, doc_forms.dashed_window(text, marker.end()), 0.9)
        until = _UNTIL.match(text, first.end)
        if until and (to_event := doc_forms.up_to_event(text, first, until.end(), self.issued)):
            return self._form(marker, to_event, 0.7)        # "từ tháng 01 đến ngày bầu cử 15/3/2026"
        span_end = date_at(text, until.end()) if until else None
        if (span_end is not None and first.kind == span_end.kind == "day" and first.year is None
                and span_end.year is None and (first.day, first.month, span_end.day, span_end.month) == (1, 1, 31, 12)):
            # "theo từng năm từ ngày 01/01 đến hết ngày 31/12": a calendar year as a span, not a deadline
            self.used_until = max(self.used_until, span_end.end)
            return
        time, last = None, None
        clock = _TIME.match(text, until.end()) if until else None
        if clock:                 # "đến 16h30 ngày 15/3/2024"
            last = date_at(text, clock.end())
            time = _time(clock) if last is not None and last.kind == "day" else None
        if until and time is None:
            last = date_at(text, until.end())
        if last is not None and first.kind == "year" and last.kind == "year" and until is not None \
                and "hết" in until.group(0).lower() and first.year and last.year and first.year <= last.year:
            # "từ năm 2025 đến hết năm 2030": done within those years, by the end of the last
            table: Table = {"every": "once", "start": dt.date(first.year, 1, 1), "date": dt.date(last.year, 12, 31),
                            "inclusive": True}
            self.add([table], marker.start(), last.end, f"“{text[marker.start():last.end].strip()}”: {_say(table)}",
                     None, confidence=0.7)
            return
        if last is None or first.kind in ("year", "week"):
            return          # "từ ngày 01/01/2024": a start, not a deadline
        words = text[marker.start():last.end].strip()
        if first.kind == "day_of" and not first.of and last.kind == "day" and last.year is not None:
            begin = safe_date(last.year, resolve.month_number(last.month), first.day or 0)
            date = safe_date(last.year, resolve.month_number(last.month), last.day or 0)
            if begin is None or date is None or begin > date:
                raise resolve.Unclear("the window's first day is impossible or after its last")
            tables: list[Table] = [{"every": "once", "start": begin, "date": date, "inclusive": True}]
        elif first.kind == "day_of" and last.kind == "day_of" and last.of:
            tables = resolve.day_of(last, "until", self.period(marker.start()), None)
        elif first.kind == "day" and last.kind == "day":
            (table,) = resolve.day_month(last, "until", None, self.issued, None)
            stated = table.get("date")
            if not isinstance(stated, dt.date):
                raise resolve.Unclear("a window of days of every year")
            date = stated
            begin = safe_date(date.year, resolve.month_number(first.month), first.day or 0) \
                if first.year is None else safe_date(first.year, resolve.month_number(first.month), first.day or 0)
            if begin is None or begin > date:
                raise resolve.Unclear("the window's first day is impossible or after its last")
            tables = [{"every": "once", "start": begin, "date": date, **({"time": time} if time else {}),
                       "inclusive": True}]
        elif first.kind == "month" and last.kind == "month" and last.year is not None and first.year is None:
            (table,) = resolve.window(last, "on", False, None, self.issued)
            month = resolve.month_number(first.month)
            end_date = table["date"]
            assert isinstance(end_date, dt.date)
            if month > end_date.month:
                raise resolve.Unclear("a window of months across a year end")
            tables = [{"every": "once", "start": dt.date(end_date.year, month, 1), "date": end_date,
                       "inclusive": True}]
        elif first.kind in ("month", "quarter") and last.kind in ("month", "quarter", "year") and last.year is not None:
            # "từ tháng 3 đến hết quý II/2026", "từ Quý IV/2025 đến hết Quý II/2030": done by the end of the last
            (closing,) = resolve.window(last, "on", False, None, self.issued)
            end_date = closing["date"]
            assert isinstance(end_date, dt.date)
            opening_expr = first if first.year is not None else attrs.evolve(first, year=end_date.year)
            (opening,) = resolve.window(opening_expr, "on", False, None, self.issued)
            first_day = opening["start"]
            assert isinstance(first_day, dt.date)
            if first_day > end_date:
                raise resolve.Unclear("the window's first day is after its last")
            tables = [{"every": "once", "start": first_day, "date": end_date, "inclusive": True}]
        else:
            raise resolve.Unclear("a window “từ … đến …” of a kind not read")
        self.add(tables, marker.start(), last.end, f"“{words}”: {_say(tables[0])}", None)

    def _form(self, marker: re.Match[str], read: tuple[Table | list[Table], int] | None, confidence: float) -> None:
        if read is not None:
            tables = read[0] if isinstance(read[0], list) else [read[0]]
            self.add(tables, marker.start(), read[1], f"“{self.clause[marker.start():read[1]].strip()}”: "
                     f"{_say(tables[0])}", None, confidence=confidence)

    def _days(self, marker: re.Match[str], kind: str, at: int, count: int, work: bool) -> None:
        text = self.clause
        unit = "working_days" if work else "days"
        after = _AFTER.match(text, at)
        before = _BEFORE.match(text, at) if not after else None
        if not (after or before):
            self._days_from_before(marker, kind, at, count, unit)
            return
        if kind not in ("latest", "nolater", "within", "on", "deadline", "bare", "least"):
            raise resolve.Unclear(f"{count} days, counted from what?")
        direction = "after" if after else "before"
        pos = (after or before).end()           # type: ignore[union-attr]
        edge = _PERIOD_END.match(text, pos)
        if edge and direction == "after":
            every = _PERIOD_OF.get(edge.group("p").lower())
            if every is None:
                period = self.period(marker.start()) or period_before(text, edge.end(), edge.end() + 60)
                if period is None:
                    raise resolve.Unclear("days from the end of a reporting period that the clause does not name")
                every = period.every
            frm = "start" if edge.group("edge").lower() in ("đầu", "bắt đầu") else "end"
            table: dict[str, Value] = {"every": every, "from": frm, "offset": count, "unit": unit, "inclusive": True}
            self.add([table], marker.start(), edge.end(),
                     f"“{text[marker.start():edge.end()].strip()}”: {_say(table)}", None)
            return
        expr = date_at(text, pos)
        if expr is not None and expr.kind == "day" and expr.year is not None:
            (dated,) = resolve.day_month(expr, "on", None, self.issued, None)
            event_date = dated["date"]
            assert isinstance(event_date, dt.date)
            event, end = f"ngay-{event_date.isoformat()}", expr.end
        else:
            words = _EVENT.match(text, pos)
            if words is None:
                raise resolve.Unclear(f"{count} days from an event that is not named")
            phrase = _EVENT_STOP.split(words.group(0), maxsplit=1)[0].strip()
            phrase = re.sub(r"^ngày\s+", "", phrase, flags=I)
            if len(phrase) < 3:
                raise resolve.Unclear(f"{count} days from an event that is not named")
            event_date, event, end = None, slug(" ".join(phrase.split()[:6])).lower(), pos + len(words.group(0))
        table = {"every": "event", "event": event, "direction": direction, "offset": count, "unit": unit,
                 "inclusive": True}
        self.add([table], marker.start(), end, f"“{text[marker.start():end].strip()}”: {_say(table)}", None,
                 confidence=0.85, event_date=event_date)

    def _days_from_before(self, marker: re.Match[str], kind: str, at: int, count: int, unit: str) -> None:
        """The event is named before the count: "Sau khi nhận được quyết định …, trong thời hạn 10
        ngày làm việc"; "thông báo thời gian khai mạc đại hội trước 30 ngày làm việc"."""
        text = self.clause
        event: str | None = None
        if kind in ("latest", "nolater", "within", "deadline"):
            back = None
            for back in _EVENT_BACK.finditer(text, max(0, marker.start() - 240), marker.start()):
                pass
            if back is not None:
                event, direction = _EVENT_STOP.split(back.group("ev"), maxsplit=1)[0], "after"
        elif kind == "before":
            words = text[max(0, marker.start() - 60):marker.start()].split()
            if len(words) >= 2:
                event, direction = " ".join(words[-4:]), "before"
        if not event:
            raise resolve.Unclear(f"{count} days, counted from what?")
        table: dict[str, Value] = {"every": "event", "event": slug(" ".join(event.split()[:6])).lower(),
                                   "direction": direction, "offset": count, "unit": unit, "inclusive": True}
        self.add([table], marker.start(), at, f"“{text[marker.start():at].strip()}” from “{event.strip()}”: "
                 f"{_say(table)}", None, confidence=0.6)

    def _not_read(self, marker: re.Match[str], kind: str, pos: int, time: str | None) -> None:
        text = self.clause
        if not time and (closing := doc_forms.closing_day(text, kind, marker.start(), pos, self.issued)):
            return self._form(marker, closing, 0.8)     # "Thời gian chậm nhất gửi báo cáo về … ngày 23/3/2026"
        counted = _BEFORE_EVENT_DAYS.match(text, pos) if kind in ("before", "latest") and not time else None
        when = re.match(r"khi\s+", text[pos:pos + 5], I) if kind == "before" and not time else None
        if counted is None and when:        # "trước khi tổ chức họp tối thiểu 07 ngày làm việc"
            counted = _BEFORE_THEN_DAYS.match(text, pos + when.end())
        if counted and not re.match(r"(?:càng|đêm|mai|hôm)\b", counted.group("ev"), I):
            # "trước ngày bầu cử 40 ngày", "chậm nhất trước ngày bầu cử 10 ngày": N days before the event
            named = " ".join(counted.group("ev").split())
            unit = "working_days" if counted.group("work") else "days"
            table: dict[str, Value] = {"every": "event", "event": slug(" ".join(named.split()[:6])).lower(),
                                       "direction": "before", "offset": int(counted.group("n")), "unit": unit,
                                       "inclusive": True}
            self.add([table], marker.start(), counted.end(),
                     f"“{text[marker.start():counted.end()].strip()}”: {_say(table)}", None, confidence=0.85)
            return
        if kind == "before" and not time:
            event = _BEFORE_EVENT.match(text, pos)
            if event and not re.match(r"(?:càng|đêm|mai|hôm)\b", event.group("ev"), I):
                raise resolve.Unclear("a deadline before an event: name the event and its offset")
        if time:
            raise resolve.Unclear("a time of day without a day read")
        if kind in _STRONG or (kind in ("before", "until", "on") and _WEAK_TODO.match(text, pos)):
            raise resolve.Unclear("a deadline whose date is not read")


def _say(table: Table) -> str:
    return spec(table)


# "ngày 15 (mười lăm)": the number said again in words, as decrees do; blanked to spaces of
# the same length so that every span still points at the words as written.
_SAID_AGAIN = re.compile(r"(?<=\d)\s*\((?:\s*(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|linh|lẻ)"
                         r"\s*){1,5}\)", I)


def deadlines(clause: str, issued: dt.date | None = None) -> list[Found]:
    """Every deadline phrase of one clause, in the order of the text."""
    masked = doc_forms.hours_as_days(_SAID_AGAIN.sub(lambda m: " " * len(m.group(0)), clause) if "(" in clause else clause)
    return _Reader(masked, issued, clause).read()
