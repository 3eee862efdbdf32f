"""Dates as people read them: Vietnamese dd/mm/yyyy with the weekday; English as before.

The one place that writes a date for a human (tables, pages, messages in words). Machine
formats (JSON, iCalendar, CSV date columns) keep ISO 8601 and never come here.
"""

from __future__ import annotations

import datetime as dt

from obligations.base.dates import VIETNAM_TZ
from obligations.render.labels import Labels, pmsg

# the weekday's name, short in tables ("T2" / "Mon"), long where there is room ("Thứ Hai" / "Monday")
_names = Labels([
    pmsg("short.MO", "Mon"), pmsg("short.TU", "Tue"), pmsg("short.WE", "Wed"), pmsg("short.TH", "Thu"),
    pmsg("short.FR", "Fri"), pmsg("short.SA", "Sat"), pmsg("short.SU", "Sun"),
    pmsg("long.MO", "Monday"), pmsg("long.TU", "Tuesday"), pmsg("long.WE", "Wednesday"), pmsg("long.TH", "Thursday"),
    pmsg("long.FR", "Friday"), pmsg("long.SA", "Saturday"), pmsg("long.SU", "Sunday"),
])
# a period's words (Vietnamese only: English shows the label itself, see period_text); the
# templates are formatted here, so that they carry no plural
_periods = Labels([
    pmsg("label.year", "year {year}"), pmsg("label.month", "month {month}/{year}"),
    pmsg("label.quarter", "quarter {quarter}/{year}"), pmsg("label.h1", "first half of {year}"),
    pmsg("label.h2", "second half of {year}"), pmsg("label.9m", "nine months of {year}"),
    pmsg("label.week", "week {week}/{year}"),
])
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def day(d: dt.date, lang: str) -> str:
    """30/11/2026 (vi), 2026-11-30 (en)."""
    return d.isoformat() if _lang(lang) == "en" else f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def day_short(d: dt.date, lang: str) -> str:
    """T2 30/11/2026 (vi, in tables), Mon 2026-11-30 (en)."""
    name = _names(f"short.{_DAYS[d.weekday()]}", lang)
    return f"{d.isoformat()} {name}" if _lang(lang) == "en" else f"{name} {day(d, lang)}"


def day_long(d: dt.date, lang: str) -> str:
    """Thứ Hai, 30/11/2026 (vi, where there is room), Monday, 2026-11-30 (en)."""
    return f"{_names(f'long.{_DAYS[d.weekday()]}', lang)}, {day(d, lang)}"


def day_iso(text: object, lang: str) -> str:
    """A date a JSON document already holds as YYYY-MM-DD (the text renderers of explain and
    history write from it), written as ``day``; any other value as it is ("—", None -> "")."""
    if isinstance(text, str) and len(text) == 10:
        try:
            return day(dt.date.fromisoformat(text), lang)
        except ValueError:
            pass
    return "" if text is None else str(text)


_ROMAN = ("I", "II", "III", "IV")


def period_text(label: object, lang: str) -> str:
    """A period's label (obligations/rules/schedules/periods.py writes them: 2026, 2026-08,
    2026-Q3, 2026-H1, 2026-9M, 2026-W05; a day for one-off and event duties) as a Vietnamese
    clerk writes it: "năm 2026", "tháng 08/2026", "quý III/2026", "6 tháng đầu năm 2026",
    "9 tháng năm 2026", "tuần 05/2026", "02/09/2026". English keeps the label as it is (the
    form `--period` takes). Anything else is returned unchanged."""
    if not isinstance(label, str):
        return "" if label is None else str(label)
    if _lang(lang) == "en":
        return label
    year, _, rest = label.partition("-")
    if not (len(year) == 4 and year.isdigit()):
        return label
    if not rest:
        return _periods("label.year", lang, year=year)
    if len(rest) == 2 and rest.isdigit() and 1 <= int(rest) <= 12:
        return _periods("label.month", lang, month=rest, year=year)
    if len(rest) == 2 and rest[0] == "Q" and rest[1] in "1234":
        return _periods("label.quarter", lang, quarter=_ROMAN[int(rest[1]) - 1], year=year)
    if rest in ("H1", "H2"):
        return _periods(f"label.{rest.lower()}", lang, year=year)
    if rest == "9M":
        return _periods("label.9m", lang, year=year)
    if len(rest) == 3 and rest[0] == "W" and rest[1:].isdigit():
        return _periods("label.week", lang, week=rest[1:], year=year)
    return day_iso(label, lang)


def instant_iso(text: object, lang: str) -> str:
    """A recorded instant held as ISO 8601 with its offset (the log's ``recorded_at``): in
    Vietnamese, the day and the time in Vietnam ("08/12/2026 00:33"); in English as stored."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    if _lang(lang) == "en":
        return text
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(VIETNAM_TZ)
    return f"{day(moment.date(), lang)} {moment:%H:%M}"
