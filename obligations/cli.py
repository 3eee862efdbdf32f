"""Command line: parse arguments, call the library, format, map errors to exit codes.

Heavy modules (holidays, durable_rules, dateutil) are imported inside the commands so
that ``--help`` and argument errors answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys

from .errors import ObligationsError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="language of labels and names (default: vi)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", metavar="DIR", help="directory of rule files (default: bundled)")
    parser.add_argument("--org", metavar="FILE",
                        help="hierarchy file (default: hierarchy.toml in the rules directory, else bundled)")
    parser.add_argument("--calendars", metavar="DIR", help="calendar data directory (default: bundled)")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE",
                        help="submissions log (default: $OBLIGATIONS_DB, else the per-user data directory)")


def _add_occurrence(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The arguments naming one occurrence in the submissions log."""
    parser.add_argument("--unit", required=True)
    parser.add_argument("--duty", required=True)
    parser.add_argument("--period", required=True, help="e.g. 2025 or 2025-05")
    parser.add_argument("--note")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    _add_data(parser)
    _add_db(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m obligations",
        description="Dated duties of Vietnamese directives, placed on the Vietnamese calendar.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    cal = sub.add_parser("calendar", help="days off, make-up working days and commemorations of a year")
    cal.add_argument("--year", type=int, required=True, help="the year, e.g. 2025")
    cal.add_argument("--calendars", metavar="DIR", help="calendar data directory (default: bundled)")
    cal.add_argument("--unit", help="include the local days of this unit and of every unit it has been under")
    cal.add_argument("--rules", metavar="DIR", help="rules directory, for its hierarchy.toml (with --unit)")
    cal.add_argument("--org", metavar="FILE", help="hierarchy file (with --unit; default: bundled)")
    _add_common(cal)
    cal.set_defaults(run="obligations.commands.calendar_cmd:run")

    due = sub.add_parser("due", help="what a unit (or every unit under one) must do around a date")
    who = due.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", help="unit id, e.g. xa-X")
    who.add_argument("--under", metavar="UNIT",
                     help="this unit and every unit below it (a summary table, or --format json)")
    due.add_argument("--on", help="evaluation date YYYY-MM-DD (default: today in Vietnam)")
    due.add_argument("--horizon", type=int, default=30, metavar="DAYS",
                     help="list windows opening within this many days (default: 30)")
    due.add_argument("--lookback", type=int, default=30, metavar="DAYS",
                     help="list overdue items whose deadline is at most this many days old (default: 30)")
    due.add_argument("--due-soon", type=int, metavar="N",
                     help="due_soon within N working days of the deadline (default: each duty's policy, 5)")
    due.add_argument("--engine", choices=("auto", "durable", "python"),
                     help="rules engine backend (default: $OBLIGATIONS_ENGINE or auto)")
    due.add_argument("--remind", type=int, default=3, metavar="N",
                     help="with --format ics: reminder N working days before the deadline (default: 3)")
    _add_data(due)
    _add_db(due)
    due.add_argument("--lang", choices=("vi", "en"), default="vi", help="language (default: vi)")
    due.add_argument("--format", choices=("table", "json", "ics"), default="table", help="output format")
    due.set_defaults(run="obligations.commands.due_cmd:run")

    exp = sub.add_parser("explain", help="the whole derivation of one occurrence's deadline")
    exp.add_argument("--unit", required=True, help="unit id, e.g. xa-X")
    exp.add_argument("--duty", required=True, help="duty id, e.g. 76-KH-DU/chi-bo-bao-cao-hang-nam")
    exp.add_argument("--period", help="the period, e.g. 2025 or 2025-05 (default: the next one due)")
    exp.add_argument("--on", help="today, for choosing the default period (default: today in Vietnam)")
    exp.add_argument("--lang", choices=("vi", "en"), default="vi")
    exp.add_argument("--format", choices=("text", "json"), default="text")
    _add_data(exp)
    _add_db(exp)
    exp.set_defaults(run="obligations.commands.explain_cmd:run")

    sbm = _add_occurrence(sub.add_parser("submit", help="record that an occurrence was delivered"))
    sbm.add_argument("--on", help="delivery date YYYY-MM-DD (default: today in Vietnam)")
    sbm.add_argument("--ref", help="số văn bản: the reference of the delivered document")
    sbm.set_defaults(run="obligations.commands.log_cmd:run_submit")

    ext = _add_occurrence(sub.add_parser("extend", help="record an extension (gia hạn) granted by the level above"))
    ext.add_argument("--until", required=True, help="the new deadline YYYY-MM-DD")
    ext.add_argument("--ref", required=True, help="số văn bản: the document that grants the extension")
    ext.set_defaults(run="obligations.commands.log_cmd:run_extend")

    sts = sub.add_parser("status", help="on time, late or missing, and what is still open")
    sts.add_argument("--unit", required=True)
    sts.add_argument("--year", type=int, help="only occurrences whose deadline is in this year")
    sts.add_argument("--on", help="today (default: today in Vietnam)")
    _add_data(sts)
    _add_db(sts)
    _add_common(sts)
    sts.set_defaults(run="obligations.commands.log_cmd:run_status")

    exo = sub.add_parser("export", help="a unit's occurrences as iCalendar, CSV or JSON")
    exo.add_argument("--unit", required=True)
    exo.add_argument("--from", dest="from_", required=True, metavar="DATE")
    exo.add_argument("--to", required=True, metavar="DATE")
    exo.add_argument("--format", choices=("ics", "csv", "json"), default="ics")
    exo.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    exo.add_argument("--remind", type=int, default=3, metavar="N",
                     help="reminder N working days before each deadline (default: 3)")
    exo.add_argument("--on", help="today, for statuses (default: today in Vietnam)")
    exo.add_argument("--lang", choices=("vi", "en"), default="vi")
    exo.add_argument("--engine", choices=("auto", "durable", "python"))
    _add_data(exo)
    _add_db(exo)
    exo.set_defaults(run="obligations.commands.export_cmd:run")

    ext = sub.add_parser("extract", help="a draft rule file from a directive's plain text")
    ext.add_argument("file", metavar="FILE.txt", help="the directive as plain text (UTF-8)")
    ext.add_argument("--out", metavar="FILE", help="write the draft to FILE instead of standard output")
    ext.add_argument("--format", choices=("toml", "json"), default="toml")
    ext.add_argument("--calendars", metavar="DIR", help="calendar data for commemoration names (default: bundled)")
    ext.add_argument("--issued", metavar="DATE", help="the directive's date YYYY-MM-DD, for dates without a year "
                                                      "(default: read from the header)")
    ext.set_defaults(run="obligations.commands.extract_cmd:run")

    chk = sub.add_parser("check", help="validate rule files, hierarchy and calendar data")
    chk.add_argument("--verbose", "-v", action="store_true", help="also print notes")
    _add_data(chk)
    chk.set_defaults(run="obligations.commands.check_cmd:run")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the error
        return int(exc.code or 0)
    module_name, func_name = args.run.split(":")
    try:
        import importlib

        module = importlib.import_module(module_name)
        return getattr(module, func_name)(args, sys.stdout)
    except ObligationsError as exc:
        print(f"obligations: {exc.render()}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line, the traceback only on request
        if os.environ.get("OBLIGATIONS_DEBUG"):
            raise
        print(f"obligations: internal error: {type(exc).__name__}: {exc} "
              "(set OBLIGATIONS_DEBUG=1 for details and please report it)", file=sys.stderr)
        return 70
