"""The options of `letter` (the draft reminder letter), kept apart so that cli/main.py stays small;
nothing heavy is imported here (the command line's start stays lean)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from obligations.cli.help_text import hmsg


def add_letter(sub: Any, text: Callable[[str], str], add_data: Callable[[argparse.ArgumentParser], None],
               add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `letter` to the command line's subparsers ``sub``; ``text`` checks a value is not empty."""
    let = sub.add_parser("letter",
                         help=hmsg("help:cmd:letter", "a draft reminder letter (công văn đôn đốc) from a level above "
                                                      "to late units: every overdue duty with its document, "
                                                      "section, sentence, deadline and working days late"))
    let.add_argument("--from", type=text, required=True, dest="sender", metavar="UNIT",
                     help=hmsg("help:letter:from", "the unit that writes (above the late units): id or name"))
    let.add_argument("--to", type=text, required=True, action="append", metavar="UNIT",
                     help=hmsg("help:letter:to", "a late unit (id or name); give it again for each unit"))
    let.add_argument("--on", type=text, metavar="DATE",
                     help=hmsg("help:letter:on", "the day the letter speaks of (default: today in Vietnam)"))
    let.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:letter:lang", "language of the letter (default: vi)"))
    let.add_argument("--format", choices=("text", "docx"), default="text",
                     help=hmsg("help:letter:format", "text (default) or docx (a Word document, needs "
                                                     "obligations[documents] and --out)"))
    let.add_argument("--out", metavar="FILE",
                     help=hmsg("help:letter:out", "write to FILE instead of standard output (needed for docx)"))
    add_data(let)
    add_db(let)
    let.set_defaults(run="obligations.cli.commands.letter_cmd:run")
