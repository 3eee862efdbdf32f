"""`timeline`: one year of a unit's report chains as an SVG picture."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.web.data import Service
from obligations.web.timeline import timeline_svg

from .export_cmd import write


def run(args: argparse.Namespace, out: TextIO) -> int:
    service = Service.load(args.rules, args.org, args.calendars, args.db)
    svg = timeline_svg(service, args.unit, args.year, args.lang)
    write(svg, out, args.out)
    return 0
