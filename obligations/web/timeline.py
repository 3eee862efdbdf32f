"""The timeline picture of one unit and year, for the page and the API."""

from __future__ import annotations

import datetime as dt

from obligations.render.timeline_svg import draw
from obligations.web.data import Service


def timeline_svg(service: Service, unit: str, year: int, lang: str, as_known_on: dt.date) -> str:
    return draw(service.timeline(unit, year, as_known_on), lang)
