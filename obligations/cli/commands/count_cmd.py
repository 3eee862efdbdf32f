"""`status --under`: the four-way count of a unit and every unit below it (report/count.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.cli import environment
from obligations.cli.options import check_excel
from obligations.cli.report_out import Sheet, write_report


def run_count(args: argparse.Namespace, out: TextIO) -> int:
    check_excel(args)
    if args.year is not None:
        raise InputError(said("cli:year-under", "--year goes with --unit; --under counts the deadlines from --from to --to"),
                         fix=said("cli:year-under-fix", "write --from {year}-01-01 --to {year}-12-31 instead of --year "
                                                        "{year}", year=args.year),
                         code="bad-input", param="year")
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    start = parse_iso_date(args.from_, what="--from") if args.from_ is not None else dt.date(on.year, 1, 1)
    end = parse_iso_date(args.to, what="--to") if args.to is not None else dt.date(on.year, 12, 31)
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on),
                               calendar=args.as_known_on is not None)
    ws, args.under = ws.resolve_unit(args.under)     # an id, or a name; a real province joins whole
    report = ws.count_under(args.under, start, end, on, by=args.by, log=environment.existing_log(args.db))

    def sheet() -> Sheet:
        from obligations.render.count import COLUMNS, count_rows, word
        from obligations.render.sheets import Column

        # headed in the count's own words
        return [Column(key, kind, word) for key, kind in COLUMNS], count_rows(report)

    def text() -> str:
        from obligations.render.count import count_text

        return count_text(report, args.lang)

    return write_report(args, out, report, args.under, sheet, text)
