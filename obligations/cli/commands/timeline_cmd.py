"""`timeline`: one year of a unit's report chains as an SVG picture."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.web.data import Service
from obligations.web.timeline import timeline_svg

from obligations.cli import environment
from obligations.cli.commands.export_cmd import write


def run(args: argparse.Namespace, out: TextIO) -> int:
    service = Service.load(environment.db_path(args.db), args.rules, args.org, args.calendars,
                           cache_dir=environment.cache_dir())
    svg = timeline_svg(service, args.unit, args.year, args.lang)
    write(svg, out, args.out)
    return 0
