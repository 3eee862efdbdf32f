"""`catalogue`: the reporting regimes that apply to a unit and every unit below it."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from obligations.cli import environment
from obligations.cli.options import check_excel, refuse_out


def run(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.cli.options import check_excel
    from obligations.render import regime_catalogue as render
    from obligations.report.catalogue import catalogue_under

    check_excel(args)
    ws = environment.workspace(args.rules, args.org, args.calendars, None)
    entries = catalogue_under(ws.rules, ws.hierarchy, args.under)
    if args.format in ("csv", "xlsx"):
        from obligations.cli.commands.export_cmd import write_sheet

        write_sheet(args, render.COLUMNS, render.sheet_rows(entries, ws.hierarchy, args.lang), args.under, out)
        return 0
    refuse_out(args)
    if args.format == "json":
        json.dump(render.to_json(entries, ws.hierarchy, args.under, args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(render.table(entries, ws.hierarchy, args.under, args.lang))
    return 0
