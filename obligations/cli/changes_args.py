"""The arguments of `changes` (obligations/cli/commands/changes_cmd.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from obligations.cli.help_text import hmsg

Adder = Callable[[argparse.ArgumentParser], None]


def add_changes(sub: Any, _text: Callable[[str], str], _add_data: Adder, _add_db: Adder, _add_sheet: Adder) -> None:
    """``sub``: the commands' subparsers; the other arguments: main.py's shared helpers."""
    chg = sub.add_parser("changes",
                         help=hmsg("help:cmd:changes", "what a new document or calendar decision changes: each "
                                                       "occurrence added, moved or removed with its cause, for a "
                                                       "unit and every unit below it"))
    chg.add_argument("--under", type=_text, metavar="UNIT",
                     help=hmsg("help:changes:under", "this unit and every unit below it (default: all)"))
    chg.add_argument("--from-known", type=_text, dest="from_known", metavar="DATE",
                     help=hmsg("help:changes:from-known", "the earlier day of knowledge: documents and calendar "
                                                          "decisions issued by then"))
    chg.add_argument("--to-known", type=_text, dest="to_known", metavar="DATE",
                     help=hmsg("help:changes:to-known", "the later day of knowledge (default: today in Vietnam)"))
    chg.add_argument("--rules-new", metavar="DIR", action="append", dest="rules_new",
                     help=hmsg("help:changes:rules-new", "compare --rules (the rules in force) with these rules (a "
                                                         "draft not yet in force)"))
    chg.add_argument("--from", type=_text, dest="from_", metavar="DATE",
                     help=hmsg("help:changes:from", "compare the deadlines from this day (default: --from-known, "
                                                    "else today)"))
    chg.add_argument("--to", type=_text, metavar="DATE",
                     help=hmsg("help:changes:to", "compare the deadlines up to this day (default: 31 December two "
                                                  "years after --to-known)"))
    chg.add_argument("--ack", action="store_true",
                     help=hmsg("help:changes:ack", "record that the changes listed are acknowledged (with --by)"))
    chg.add_argument("--by", metavar="NAME", help=hmsg("help:changes:by", "with --ack: who acknowledges them"))
    _add_data(chg)
    _add_db(chg)
    chg.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-short", "language (default: vi)"))
    chg.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table",
                     help=hmsg("help:format-sheets", "output format (default: table; xlsx: an Excel workbook, needs "
                                                     "obligations[sheets])"))
    _add_sheet(chg)
    chg.set_defaults(run="obligations.cli.commands.changes_cmd:run")
