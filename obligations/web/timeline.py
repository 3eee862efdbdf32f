"""The timeline picture of one unit, for the page and the API: the months around a day
(by default two before its month and four after) or a whole year, with its text list."""

from __future__ import annotations

import datetime as dt

from obligations.render.timeline_svg import draw, list_html
from obligations.report.timeline import AFTER, BEFORE, Timeline, around, year_span
from obligations.web.data import Service


def timeline_data(service: Service, unit: str, year: int | None, as_known_on: dt.date, *,
                  today: dt.date | None = None, before: int | None = None, after: int | None = None,
                  calendar: bool = False) -> Timeline:
    """``year``: that whole year; None: the months around ``today`` (``before`` and ``after``
    months, 2 and 4 by default). ``today`` (the day marked) defaults to ``as_known_on``;
    ``calendar``: an ``as_known_on`` asked for also limits the calendar decisions."""
    today = as_known_on if today is None else today
    span = year_span(year) if year is not None else around(
        today, BEFORE if before is None else before, AFTER if after is None else after)
    return service.timeline(unit, span, today, as_known_on, asked="year" if year is not None else "on",
                            calendar=calendar)


def timeline_svg(service: Service, unit: str, year: int | None, lang: str, as_known_on: dt.date, *,
                 today: dt.date | None = None, before: int | None = None, after: int | None = None,
                 calendar: bool = False) -> str:
    return draw(timeline_data(service, unit, year, as_known_on, today=today, before=before, after=after,
                              calendar=calendar), lang)


def page_timeline(service: Service, unit: str, lang: str, day: dt.date) -> tuple[str, str]:
    """For the office page of ``day``: the picture centred on it (two months before, four
    after) and the same content as an HTML list to show beside it (the text alternative;
    dates in <time datetime>)."""
    data = timeline_data(service, unit, None, day, today=day)
    return draw(data, lang), list_html(data, lang)
