"""`status --under`: the four-way count of a unit and every unit below it (report/count.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TextIO

from obligations.base import dates
from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError
from obligations.cli import environment


def run_count(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.cli.options import check_excel

    check_excel(args)
    if args.year is not None:
        raise InputError("--year goes with --unit; --under counts the deadlines from --from to --to",
                         fix=f"write --from {args.year}-01-01 --to {args.year}-12-31 instead of --year {args.year}",
                         code="bad-input", param="year")
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    start = parse_iso_date(args.from_, what="--from") if args.from_ is not None else dt.date(on.year, 1, 1)
    end = parse_iso_date(args.to, what="--to") if args.to is not None else dt.date(on.year, 12, 31)
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on))
    ws, args.under = ws.resolve_unit(args.under)     # an id, or a name; a real province joins whole
    report = ws.count_under(args.under, start, end, on, by=args.by, log=environment.existing_log(args.db))
    from obligations.render.count import count_text

    if args.format in ("csv", "xlsx"):
        from obligations.cli.commands.export_cmd import csv_text, write
        from obligations.render import sheets
        import attrs

        from obligations.render.count import COLUMNS, count_rows, word

        @attrs.frozen
        class CountColumn(sheets.Column):
            def header(self, lang: str) -> str:      # the count's own words (render/count.py)
                return word(f"col.{self.key}", lang)

        columns = tuple(CountColumn(key, kind) for key, kind in COLUMNS)  # type: ignore[arg-type]
        rows = count_rows(report)
        if args.format == "xlsx":
            write(sheets.workbook(columns, rows, args.lang, args.under, dates.utc_now()), out, args.out)
        else:
            write(csv_text(sheets.csv_table(columns, rows), args.excel), out, args.out)
        return 0
    if args.out:
        raise InputError("--out writes --format csv or xlsx; this table goes to standard output",
                         fix="leave --out out, or add --format csv or --format xlsx")
    if args.format == "json":
        json.dump(report.to_dict(args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(count_text(report, args.lang) + "\n")
    return 0
