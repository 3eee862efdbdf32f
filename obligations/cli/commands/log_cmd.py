"""`submit`, `extend` and `status`: the submissions log, day to day."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.cli import environment
from obligations.log.store import RecordedEvent
from obligations.render.status import extended_text, replaced_by_key, status_rows, status_text, submitted_text
from obligations.report.status_report import status_report


def run_submit(args: argparse.Namespace, out: TextIO) -> int:
    today = today_in_vietnam()
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today
    ws = environment.workspace(args.rules, args.org, args.calendars)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    item = ws.record_submission(environment.log(args.db), args.unit, args.duty, args.period, on, today,
                                ref=args.ref, note=args.note, replace=args.replace, reason=args.reason)
    out.write(submitted_text(item, args.lang) + "\n")
    return 0


def run_extend(args: argparse.Namespace, out: TextIO) -> int:
    until = parse_iso_date(args.until, what="--until")
    ws = environment.workspace(args.rules, args.org, args.calendars)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    item = ws.record_extension(environment.log(args.db), args.unit, args.duty, args.period, until, args.ref,
                               note=args.note, replace=args.replace, reason=args.reason)
    out.write(extended_text(item, args.lang) + "\n")
    return 0


def run_status(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.cli.options import check_excel
    from obligations.cli.report_out import Sheet, write_report

    if args.under is not None:          # the four-way count under a unit
        from obligations.cli.commands.count_cmd import run_count

        return run_count(args, out)
    for given, name in ((args.from_, "--from"), (args.to, "--to")):
        if given is not None:
            raise InputError(said("cli:goes-with-under", "{name} goes with --under (the count of the deadlines in a range)",
                                  name=name),
                             fix=said("cli:goes-with-under-fix", "write --under {unit} to count, or --year YEAR for "
                                                                 "the status of one unit", unit=args.unit),
                             code="bad-input", param=name.lstrip("-"))

    check_excel(args)
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on),
                               calendar=args.as_known_on is not None)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    report = status_report(ws, args.unit, on, args.year, environment.existing_log(args.db))
    rows = status_rows(report.deliveries, args.lang, replaced_by_key(report.replaced))
    events = list(report.events)
    old_events = [r for r in report.replaced if isinstance(r, RecordedEvent)]

    def sheet() -> Sheet:
        from obligations.render import sheets

        # the workbook gives the results in words; the CSV keeps their codes, as the JSON
        return sheets.STATUS_COLUMNS, sheets.status_rows(rows, args.lang) if args.format == "xlsx" else rows

    return write_report(args, out, report, args.unit, sheet, lambda: status_text(
        report.unit_name, args.unit, on, args.year, rows, args.lang, events, old_events))
