"""Command line: parse arguments, call the library, format, map errors to exit codes.

Heavy modules (holidays, durable_rules, dateutil) are imported inside the commands so
that ``--help`` and argument errors answer at once.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
import os
import sys
from typing import Any, NoReturn

from obligations.base.errors import ObligationsError
from obligations.cli.parsing import Parser as _Parser, UsageError as _UsageError, bounded as _bounded, \
    lang_after_command as _lang_after_command, language as _language, text as _text
from obligations.base.vocabulary import HORIZON_MAX, WORKING_DAYS_MAX
from obligations.cli import changes_args, tool_args
from obligations.cli.help_text import hmsg

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help=hmsg("help:lang", "language of labels and names (default: vi)"))
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help=hmsg("help:format", "output format (default: table)"))


def _add_sheet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help=hmsg("help:out", "write to FILE instead of standard output"))
    parser.add_argument("--excel", action="store_true",
                        help=hmsg("help:excel", "with --format csv: as Excel reads it (UTF-8 with a byte-order mark, "
                                                "CRLF line ends)"))


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", metavar="DIR", action="append",
                        help=hmsg("help:rules", "directory of rule files (default: bundled); give it again to add a "
                                                "directory over the ones before (a province's own letters over the "
                                                "bundled set)"))
    parser.add_argument("--org", metavar="FILE",
                        help=hmsg("help:org", "hierarchy file (default: hierarchy.toml in the rules directory, else "
                                              "bundled)"))
    parser.add_argument("--calendars", metavar="DIR",
                        help=hmsg("help:calendars", "calendar data directory (default: bundled)"))


def _add_known(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-known-on", type=_text, metavar="DATE", dest="as_known_on",
                        help=hmsg("help:as-known-on", "answer with the documents issued by DATE only (default: the "
                                                      "same as --on)"))


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE",
                        help=hmsg("help:db", "submissions log (default: $OBLIGATIONS_DB, else the per-user data "
                                             "directory)"))


def _add_replace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--replace", action="store_true",
                        help=hmsg("help:replace", "replace the record already in the log (a correction); the old one "
                                                  "is kept as history"))
    parser.add_argument("--reason", metavar="TEXT",
                        help=hmsg("help:reason", "why the record is replaced (needed with --replace)"))


def _add_occurrence(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The arguments naming one occurrence in the submissions log."""
    parser.add_argument("--unit", type=_text, required=True, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    parser.add_argument("--duty", type=_text, required=True,
                        help=hmsg("help:duty-id", "duty id, e.g. 76-KH-DU/chi-bo-bao-cao-hang-nam"))
    parser.add_argument("--period", type=_text, required=True, help=hmsg("help:period", "e.g. 2025 or 2025-05"))
    parser.add_argument("--note", help=hmsg("help:note", "a note kept with the record"))
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help=hmsg("help:lang-messages", "language of messages (default: vi)"))
    _add_replace(parser)
    _add_data(parser)
    _add_db(parser)
    return parser


class _Unused:
    """Stands for the parser of a command that is not being run: its arguments cost nothing
    to declare (argparse spends ~1 ms per command building formatters and translations)."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        return lambda *args, **kwargs: self


class _OnlySub:
    def __init__(self, sub: Any, only: str | None, lang: str) -> None:
        self.sub, self.only, self.lang, self.found = sub, only, lang, False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if self.only is not None and name != self.only:
            return _Unused()
        self.found = True
        # the command's own --help opens with what the command does (its line in the list of commands)
        return self.sub.add_parser(name, **{"lang": self.lang, "description": kwargs.get("help"), **kwargs})


class _Version(argparse.Action):
    """``--version``: the version and which rules engine answers by default, so that an install
    without durable-rules (no C compiler: docs/api.md) is visible at once."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from obligations.base.version import VERSION
        from obligations.cli.help_words import version_line
        from obligations.status.engine import durable_available

        sys.stdout.write(version_line(VERSION, durable_available(), getattr(parser, "lang", "vi")) + "\n")
        parser.exit(EXIT_OK)


def build_parser(only: str | None = None, lang: str = "vi") -> argparse.ArgumentParser:
    """The whole parser, or (``only``) the top level and one command's parser; its ``--help`` in
    ``lang`` (cli/help_words.py)."""
    parser = _Parser(
        prog="python -m obligations", lang=lang,
        description=hmsg("help:program", "Dated duties of Vietnamese directives, placed on the Vietnamese calendar."))
    parser.add_argument("--version", action=_Version, nargs=0,
                        help=hmsg("help:version", "print the version and the rules engine that answers here (durable "
                                                  "or python), then exit"))
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help=hmsg("help:top-lang", "language of this help (default: vi); given before a command, the "
                                                   "command's language"))
    real = parser.add_subparsers(dest="command", metavar="COMMAND")
    real.required = True
    sub = _OnlySub(real, only, lang)

    cal = sub.add_parser("calendar",
                         help=hmsg("help:cmd:calendar", "days off, make-up working days and commemorations of a year"))
    cal.add_argument("--year", type=_bounded("--year", 1, 9999, "(then the calendar data's coverage applies)"), required=True,
                     help=hmsg("help:calendar:year", "the year, e.g. 2025"))
    cal.add_argument("--calendars", metavar="DIR",
                     help=hmsg("help:calendars", "calendar data directory (default: bundled)"))
    cal.add_argument("--unit", type=_text,
                     help=hmsg("help:calendar:unit", "include the local days of this unit and of every unit it has "
                                                     "been under"))
    cal.add_argument("--rules", metavar="DIR", action="append",
                     help=hmsg("help:calendar:rules", "rules directory, for its hierarchy.toml (with --unit)"))
    cal.add_argument("--org", metavar="FILE",
                     help=hmsg("help:calendar:org", "hierarchy file (with --unit; default: bundled)"))
    _add_common(cal)
    cal.set_defaults(run="obligations.cli.commands.calendar_cmd:run")

    due = sub.add_parser("due",
                         help=hmsg("help:cmd:due", "what a unit (or every unit under one) must do around a date"))
    who = due.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", type=_text, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    who.add_argument("--under", type=_text, metavar="UNIT",
                     help=hmsg("help:due:under", "this unit and every unit below it (a summary table, or --format "
                                                 "json)"))
    due.add_argument("--on", type=_text, metavar="DATE",
                     help=hmsg("help:due:on", "evaluation date YYYY-MM-DD or DD/MM/YYYY (default: today in Vietnam)"))
    due.add_argument("--horizon", type=_bounded("--horizon", 0, HORIZON_MAX, "days"), default=30, metavar="DAYS",
                     help=hmsg("help:due:horizon", "list windows opening within this many days (default: 30)"))
    due.add_argument("--lookback", type=_bounded("--lookback", 0, HORIZON_MAX, "days"), default=30, metavar="DAYS",
                     help=hmsg("help:due:lookback", "list overdue items whose deadline is at most this many days old "
                                                    "(default: 30)"))
    due.add_argument("--due-soon", type=_bounded("--due-soon", 0, WORKING_DAYS_MAX, "working days"), metavar="N",
                     help=hmsg("help:due:due-soon", "due_soon within N working days of the deadline (default: each "
                                                    "duty's policy, 5)"))
    due.add_argument("--engine", choices=("auto", "durable", "python"),
                     help=hmsg("help:engine", "rules engine backend (default: $OBLIGATIONS_ENGINE or auto)"))
    due.add_argument("--remind", type=_bounded("--remind", 0, WORKING_DAYS_MAX, "working days"), default=3, metavar="N",
                     help=hmsg("help:due:remind", "with --format ics: reminder N working days before the deadline "
                                                  "(default: 3)"))
    due.add_argument("--past-alarms", action="store_true",
                     help=hmsg("help:due:past-alarms", "with --format ics: keep reminders whose time has passed "
                                                       "(default: left out)"))
    _add_data(due)
    _add_known(due)
    _add_db(due)
    due.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-short", "language (default: vi)"))
    due.add_argument("--format", choices=("table", "json", "csv", "ics", "xlsx"), default="table",
                     help=hmsg("help:due:format", "output format (csv: one row per unit and item, for spreadsheets; "
                                                  "xlsx: an Excel workbook, needs obligations[sheets])"))
    _add_sheet(due)
    due.set_defaults(run="obligations.cli.commands.due_cmd:run")

    exp = sub.add_parser("explain",
                         help=hmsg("help:cmd:explain", "the whole derivation of one occurrence's deadline"))
    exp.add_argument("--unit", type=_text, required=True, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    exp.add_argument("--duty", type=_text, required=True,
                     help=hmsg("help:duty-id", "duty id, e.g. 76-KH-DU/chi-bo-bao-cao-hang-nam"))
    exp.add_argument("--period", type=_text,
                     help=hmsg("help:explain:period", "the period, e.g. 2025 or 2025-05 (default: the next one due)"))
    exp.add_argument("--on", type=_text, metavar="DATE",
                     help=hmsg("help:explain:on", "today, for choosing the default period (default: today in Vietnam)"))
    exp.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-short", "language (default: vi)"))
    exp.add_argument("--format", choices=("text", "json"), default="text",
                     help=hmsg("help:explain:format", "output format (default: text)"))
    _add_data(exp)
    _add_known(exp)
    _add_db(exp)
    exp.set_defaults(run="obligations.cli.commands.explain_cmd:run")

    sbm = _add_occurrence(sub.add_parser("submit",
                          help=hmsg("help:cmd:submit", "record that an occurrence was delivered")))
    sbm.add_argument("--on", type=_text, metavar="DATE",
                     help=hmsg("help:submit:on", "delivery date YYYY-MM-DD or DD/MM/YYYY (default: today in Vietnam)"))
    sbm.add_argument("--ref", help=hmsg("help:submit:ref", "số văn bản: the reference of the delivered document"))
    sbm.set_defaults(run="obligations.cli.commands.log_cmd:run_submit")

    ext = _add_occurrence(sub.add_parser("extend",
                          help=hmsg("help:cmd:extend", "record an extension (gia hạn) granted by the level above")))
    ext.add_argument("--until", type=_text, required=True, metavar="DATE",
                     help=hmsg("help:extend:until", "the new deadline YYYY-MM-DD or DD/MM/YYYY"))
    ext.add_argument("--ref", required=True,
                     help=hmsg("help:extend:ref", "số văn bản: the document that grants the extension"))
    ext.set_defaults(run="obligations.cli.commands.log_cmd:run_extend")

    evt = sub.add_parser("event",
                         help=hmsg("help:cmd:event", "record the day an event happened for a unit (duties are "
                                                     "counted from it)"))
    evt.add_argument("--unit", required=True, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    evt.add_argument("--event", required=True,
                     help=hmsg("help:event:event", "the event id declared in a rule file ([[event]])"))
    evt.add_argument("--on", required=True, metavar="DATE",
                     help=hmsg("help:event:on", "the day it happened (or is set to happen) YYYY-MM-DD or DD/MM/YYYY"))
    evt.add_argument("--ref", help=hmsg("help:event:ref", "số văn bản: the document that tells of it"))
    evt.add_argument("--note", help=hmsg("help:note", "a note kept with the record"))
    evt.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-messages", "language of messages (default: vi)"))
    _add_replace(evt)
    _add_data(evt)
    _add_db(evt)
    evt.set_defaults(run="obligations.cli.commands.event_cmd:run")

    sts = sub.add_parser("status", help=hmsg("help:cmd:status", "on time, late or missing, and what is still open"))
    sts_who = sts.add_mutually_exclusive_group(required=True)
    sts_who.add_argument("--unit", type=_text, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    sts_who.add_argument("--under", type=_text, metavar="UNIT",
                         help=hmsg("help:status:under", "the four-way count (on time, late, not yet due, overdue) of "
                                                        "this unit and every unit below it"))
    sts.add_argument("--year", type=_bounded("--year", 1, 9999, "(then the calendar data's coverage applies)"),
                     help=hmsg("help:status:year", "only occurrences whose deadline is in this year"))
    sts.add_argument("--from", type=_text, dest="from_", metavar="DATE",
                     help=hmsg("help:status:from", "with --under: deadlines from this day (default: 1 January of "
                                                   "--on's year)"))
    sts.add_argument("--to", type=_text, metavar="DATE",
                     help=hmsg("help:status:to", "with --under: deadlines up to this day (default: 31 December of "
                                                 "--on's year)"))
    sts.add_argument("--by", choices=("unit", "directive", "duty"), default="unit",
                     help=hmsg("help:status:by", "with --under: a row per unit (the count under it), directive or "
                                                 "duty (default: unit)"))
    sts.add_argument("--on", type=_text, metavar="DATE",
                     help=hmsg("help:status:on", "today (default: today in Vietnam)"))
    _add_data(sts)
    _add_known(sts)
    _add_db(sts)
    sts.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang", "language of labels and names (default: vi)"))
    sts.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table",
                     help=hmsg("help:format-sheets", "output format (default: table; xlsx: an Excel workbook, needs "
                                                     "obligations[sheets])"))
    _add_sheet(sts)
    sts.set_defaults(run="obligations.cli.commands.log_cmd:run_status")
    changes_args.add_changes(sub, _text, _add_data, _add_db, _add_sheet)     # cli/changes_args.py: what became known
    exo = sub.add_parser("export", help=hmsg("help:cmd:export", "a unit's occurrences as iCalendar, CSV or JSON"))
    exo.add_argument("--unit", type=_text, required=True, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    exo.add_argument("--from", type=_text, dest="from_", required=True, metavar="DATE",
                     help=hmsg("help:export:from", "the first day of the span"))
    exo.add_argument("--to", type=_text, required=True, metavar="DATE",
                     help=hmsg("help:export:to", "the last day of the span"))
    exo.add_argument("--format", choices=("ics", "csv", "json", "xlsx"), default="ics",
                     help=hmsg("help:export:format", "output format (default: ics; xlsx: an Excel workbook, needs "
                                                     "obligations[sheets])"))
    _add_sheet(exo)
    exo.add_argument("--remind", type=_bounded("--remind", 0, WORKING_DAYS_MAX, "working days"), default=3, metavar="N",
                     help=hmsg("help:export:remind", "reminder N working days before each deadline (default: 3)"))
    exo.add_argument("--past-alarms", action="store_true",
                     help=hmsg("help:export:past-alarms", "keep reminders whose time has passed (default: left out)"))
    exo.add_argument("--on", type=_text, metavar="DATE",
                     help=hmsg("help:export:on", "today, for statuses (default: today in Vietnam)"))
    exo.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-short", "language (default: vi)"))
    exo.add_argument("--engine", choices=("auto", "durable", "python"),
                     help=hmsg("help:engine", "rules engine backend (default: $OBLIGATIONS_ENGINE or auto)"))
    _add_data(exo)
    _add_known(exo)
    _add_db(exo)
    exo.set_defaults(run="obligations.cli.commands.export_cmd:run")

    tool_args.add_tools(sub, _add_data, _add_db, _add_sheet)   # extract … check: cli/tool_args.py
    if only is not None and not sub.found:
        return build_parser(lang=lang)   # an unknown command: the error lists every command
    return parser


def main(argv: list[str] | None = None) -> int:
    from obligations.base.identifiers import nfc

    # ids typed in decomposed Unicode (NFD, as some keyboards and macOS file names give them)
    argv = _lang_after_command([nfc(a) for a in (sys.argv[1:] if argv is None else argv)])
    lang = _language(argv)
    parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None, lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the help or the version
        return int(exc.code or 0)
    except _UsageError as exc:
        from obligations.render.refusal import usage_line
        from obligations.render.safe_text import escape_controls

        print(escape_controls(usage_line(exc.prog, exc.message, lang)), file=sys.stderr)
        return EXIT_USAGE
    module_name, func_name = args.run.split(":")
    try:
        import importlib

        module = importlib.import_module(module_name)
        from obligations.render.safe_text import for_terminal

        # tables and texts are escaped to a pipe as to a terminal (render/safe_text.py)
        human = getattr(args, "format", None) in (None, "table", "text")
        code: int = getattr(module, func_name)(args, for_terminal(sys.stdout, human=human))
        return code
    except ObligationsError as exc:
        from obligations.cli.exits import EXIT_STATUS

        from obligations.render.refusal import one_message

        print(one_message(exc, lang), file=sys.stderr)
        return EXIT_STATUS[exc.code]
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line, the traceback only on request
        if os.environ.get("OBLIGATIONS_DEBUG"):
            raise
        missing = exc.name.split(".")[0] if isinstance(exc, ModuleNotFoundError) and exc.name else None
        if missing is not None and missing != "obligations":
            # a dependency missing from this Python: the fix is an install, not a bug report
            from obligations.render.refusal import not_installed

            print(not_installed(missing, sys.executable, lang), file=sys.stderr)
            return EXIT_USAGE
        from obligations.base.identifiers import shorten

        print(f"obligations: internal error: {type(exc).__name__}: {shorten(str(exc), 300)[1:-1]} "
              "(set OBLIGATIONS_DEBUG=1 for details and please report it)", file=sys.stderr)
        return 70

