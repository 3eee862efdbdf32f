"""`due`: what a unit must do around a date, with deadlines, statuses and sources."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable
from typing import TextIO

from obligations.base import dates
from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.base.version import SCHEMA_VERSION
from obligations.cli import environment
from obligations.cli.options import check_excel, refuse_out
from obligations.log.store import SubmissionLog
from obligations.render.due import due_table
from obligations.report.due import DueReport
from obligations.status.engine import make_engine
from obligations.workspace import Workspace


class Progress:
    """A one-line progress bar on standard error, only when it is a terminal."""

    def __init__(self, stream: TextIO | None = None, minimum: int = 500) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.minimum, self.last = minimum, -1
        try:
            self.active = self.stream.isatty()
        except (AttributeError, ValueError):
            self.active = False

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total < self.minimum:
            return
        percent = done * 100 // total
        if percent != self.last or done == total:
            self.last = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r[{bar:<25}] {percent:3d}% {done:,}/{total:,}")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()


def run_under(args: argparse.Namespace, out: TextIO, ws: Workspace, on: dt.date, log: SubmissionLog | None) -> int:
    if args.format == "ics":
        raise InputError(said("cli:ics-one-unit", "--format ics takes one unit"),
                         fix=said("cli:ics-one-unit-fix", "use --unit, or export each unit"))
    from obligations.cli.collector import fewer_collections

    with fewer_collections():
        return _write_under(args, out, ws, on, log)


def _write_under(args: argparse.Namespace, out: TextIO, ws: Workspace, on: dt.date, log: SubmissionLog | None) -> int:
    reports = ws.due_under(args.under, on, horizon=args.horizon, lookback=args.lookback,
                           engine=make_engine(environment.engine_name(args.engine)), due_soon=args.due_soon,
                           log=log, progress=Progress())
    if args.format in ("csv", "xlsx"):
        sheet(args, reports, out, args.under)
        return 0
    refuse_out(args)
    if args.format == "json":
        # Streamed: a province's report is written unit by unit, never held whole.
        out.write(json.dumps({"schema_version": SCHEMA_VERSION, "under": args.under, "on": on.isoformat()},
                             ensure_ascii=False)[:-1]
                  + ', "units": [\n')
        for n, report in enumerate(reports):
            out.write((",\n" if n else "") + json.dumps(report.to_dict(args.lang), ensure_ascii=False))
        out.write("\n]}\n")
        return 0
    from obligations.render.summary import summary_head, summary_line

    out.write(summary_head(args.lang) + "\n")
    for report in reports:
        out.write(summary_line(report, on, args.lang) + "\n")
    return 0


def sheet(args: argparse.Namespace, reports: Iterable[DueReport], out: TextIO, title: str) -> None:
    """CSV (``--excel``: as Excel reads it) or an .xlsx workbook, to --out FILE or standard output."""
    from obligations.cli.commands.export_cmd import csv_text, write

    if args.format == "xlsx":
        from obligations.render import sheets

        write(sheets.workbook(sheets.DUE_COLUMNS, sheets.due_rows(reports, args.lang), args.lang, title,
                                  dates.utc_now()), out, args.out)
        return
    from obligations.render.due_csv import write_due_csv

    if not args.excel and not args.out:
        write_due_csv(reports, out, args.lang)      # streamed, unit by unit
        return
    buffer = io.StringIO()
    write_due_csv(reports, buffer, args.lang)
    write(csv_text(buffer.getvalue(), args.excel), out, args.out)


def run(args: argparse.Namespace, out: TextIO) -> int:
    check_excel(args)
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on),
                               calendar=args.as_known_on is not None)
    log = environment.existing_log(args.db)
    if args.under:
        ws, args.under = ws.resolve_unit(args.under)     # a real province joins whole
        return run_under(args, out, ws, on, log)
    ws, args.unit = ws.resolve_unit(args.unit)      # an id, or a name ("Xã Lâm Bình")
    report = ws.due(args.unit, on, horizon=args.horizon, lookback=args.lookback,
                    engine=make_engine(environment.engine_name(args.engine)), due_soon=args.due_soon, log=log)
    if report.not_active is not None and args.format in ("ics", "csv", "xlsx"):
        # an empty calendar or table cannot say why it is empty: refused (exit 2), never blank
        ws.hierarchy.require_on(args.unit, on)
    if args.format == "ics":
        from obligations.cli.commands.export_cmd import ics, write

        write(ics(ws, list(report.items), args.lang, args.remind, args.db, args.past_alarms), out, args.out)
    elif args.format in ("csv", "xlsx"):
        sheet(args, [report], out, args.unit)
    elif args.out:
        raise InputError(said("cli:out-due", "--out writes --format csv, xlsx or ics; this table goes to standard output"),
                         fix=said("cli:out-fix", "leave --out out, or add --format csv or --format xlsx"))
    elif args.format == "json":
        json.dump(report.to_dict(args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        if log is not None:     # an office that records: the changes it has not acknowledged come first
            from obligations.render.changes_json import pending_text

            since = on - dt.timedelta(days=30)
            found = ws.changes(args.unit, since, ws.as_known_on or on, log=log, below=False)
            out.write(pending_text(found, args.unit, args.lang))
        out.write(due_table(ws, report, args.lang) + "\n")
    return 0
