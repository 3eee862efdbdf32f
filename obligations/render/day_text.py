"""Dates as people read them: Vietnamese dd/mm/yyyy with the weekday; English as before.

The one place that writes a date for a human (tables, pages, messages in words). Machine
formats (JSON, iCalendar, CSV date columns) keep ISO 8601 and never come here.
"""

from __future__ import annotations

import datetime as dt

from obligations.base.dates import VIETNAM_TZ

_WEEKDAY_SHORT = {"vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
                  "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_WEEKDAY_LONG = {"vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"),
                 "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def day(d: dt.date, lang: str) -> str:
    """30/11/2026 (vi), 2026-11-30 (en)."""
    return d.isoformat() if _lang(lang) == "en" else f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def day_short(d: dt.date, lang: str) -> str:
    """T2 30/11/2026 (vi, in tables), Mon 2026-11-30 (en)."""
    name = _WEEKDAY_SHORT[_lang(lang)][d.weekday()]
    return f"{d.isoformat()} {name}" if _lang(lang) == "en" else f"{name} {day(d, lang)}"


def day_long(d: dt.date, lang: str) -> str:
    """Thứ Hai, 30/11/2026 (vi, where there is room), Monday, 2026-11-30 (en)."""
    return f"{_WEEKDAY_LONG[_lang(lang)][d.weekday()]}, {day(d, lang)}"


def day_iso(text: object, lang: str) -> str:
    """A date a JSON document already holds as YYYY-MM-DD (the text renderers of explain and
    history write from it), written as ``day``; any other value as it is ("—", None -> "")."""
    if isinstance(text, str) and len(text) == 10:
        try:
            return day(dt.date.fromisoformat(text), lang)
        except ValueError:
            pass
    return "" if text is None else str(text)


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
