"""`timeline`: one year of a unit's report chains as an SVG picture."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.base.dates import today_in_vietnam
from obligations.cli import environment
from obligations.cli.commands.export_cmd import write
from obligations.render.timeline_svg import draw
from obligations.report.timeline import timeline


def run(args: argparse.Namespace, out: TextIO) -> int:
    # as the web picture: the documents known today unless --as-known-on says otherwise
    ws = environment.workspace(args.rules, args.org, args.calendars,
                               environment.known_on(args.as_known_on, today_in_vietnam()))
    log = environment.existing_log(args.db)
    data = timeline(ws, args.unit, args.year, log, log.event_dates(args.unit) if log is not None else None)
    write(draw(data, args.lang), out, args.out)
    return 0
