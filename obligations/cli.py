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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m obligations",
        description="Dated duties of Vietnamese directives, placed on the Vietnamese calendar.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    cal = sub.add_parser("calendar", help="days off, make-up working days and commemorations of a year")
    cal.add_argument("--year", type=int, required=True, help="the year, e.g. 2025")
    cal.add_argument("--calendars", metavar="DIR", help="calendar data directory (default: bundled)")
    _add_common(cal)
    cal.set_defaults(run="obligations.commands.calendar_cmd:run")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
