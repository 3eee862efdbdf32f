"""The timeline picture of one unit and year, for the page, the API and the `timeline` command."""

from __future__ import annotations

from obligations.render.timeline_svg import draw
from obligations.web.data import Service


def timeline_svg(service: Service, unit: str, year: int, lang: str = "vi") -> str:
    return draw(service.timeline(unit, year, lang), lang)
