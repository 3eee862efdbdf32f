"""`catalogue`: the reporting regimes that apply to a unit and every unit below it."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from obligations.base.errors import InputError
from obligations.cli import environment


def run(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.cli.options import check_excel
    from obligations.render import regime_catalogue as render
    from obligations.report.catalogue import catalogue_under

    check_excel(args)
    ws = environment.workspace(args.rules, args.org, args.calendars, None)
    entries = catalogue_under(ws.rules, ws.hierarchy, args.under)
    if args.format in ("csv", "xlsx"):
        from obligations.base import dates
        from obligations.cli.commands.export_cmd import csv_text, write
        from obligations.render import sheets

        rows = render.sheet_rows(entries, ws.hierarchy, args.lang)
        if args.format == "xlsx":
            write(sheets.workbook(render.COLUMNS, rows, args.lang, args.under, dates.utc_now()), out, args.out)
        else:
            write(csv_text(sheets.csv_table(render.COLUMNS, rows), args.excel), out, args.out)
        return 0
    if args.out:
        raise InputError("--out writes --format csv or xlsx; this goes to standard output",
                         fix="leave --out out, or add --format csv or --format xlsx")
    if args.format == "json":
        json.dump(render.to_json(entries, ws.hierarchy, args.under, args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(render.table(entries, ws.hierarchy, args.under, args.lang))
    return 0
