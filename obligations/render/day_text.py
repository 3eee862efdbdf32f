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
