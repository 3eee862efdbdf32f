"""`timeline`: a unit's report chains as an SVG picture (or its text list): by default the
months around today (two before today's month, four after), or a whole --year."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.cli import environment
from obligations.cli.commands.export_cmd import write
from obligations.render.timeline_svg import draw, text_list
from obligations.report.timeline import AFTER, BEFORE, around, timeline, year_span


def run(args: argparse.Namespace, out: TextIO) -> int:
    today = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    if args.year is not None and (args.before is not None or args.after is not None):
        raise InputError(said("cli:year-before", "--year draws the whole year: it cannot be combined with --before or "
                                                 "--after"),
                         fix=said("cli:year-before-fix", "give either --year YEAR or --before/--after MONTHS around --on"))
    if args.year is not None:
        span, asked = year_span(args.year), "year"
    else:
        span = around(today, BEFORE if args.before is None else args.before, AFTER if args.after is None else args.after)
        asked = "on"
    # as the web picture: the documents known on --on (today) unless --as-known-on says otherwise
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, today),
                               calendar=args.as_known_on is not None)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    log = environment.existing_log(args.db)
    data = timeline(ws, args.unit, span, today, log, log.event_dates(args.unit) if log is not None else None,
                    asked=asked)
    write(text_list(data, args.lang) if args.format == "text" else draw(data, args.lang), out, args.out)
    return 0
