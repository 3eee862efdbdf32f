"""The tail the commands that answer with a report share (``changes``, ``status --under``, ``status``):
``--format csv|xlsx`` as a sheet (to --out or standard output), ``json`` as the report's document,
else its text; a table or a document goes to standard output only. The renderers are given as
callables so that each is imported only when its format is asked for (the CLI's start stays lean)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from obligations.cli.options import refuse_out

if TYPE_CHECKING:
    from obligations.render.sheets import Column

Sheet = tuple[Sequence["Column"], list[dict[str, object]]]


class Report(Protocol):
    def to_dict(self, lang: str = ...) -> dict[str, object]: ...


def write_report(args: argparse.Namespace, out: TextIO, report: Report, title: str, sheet: Callable[[], Sheet],
                 text: Callable[[], str]) -> int:
    """``report`` in ``args.format``: ``sheet()`` gives the columns and rows of CSV and xlsx (titled
    ``title``), ``text()`` the table in words. Returns the exit code (0)."""
    if args.format in ("csv", "xlsx"):
        from obligations.cli.commands.export_cmd import write_sheet

        columns, rows = sheet()
        write_sheet(args, columns, rows, title, out)
        return 0
    refuse_out(args)
    if args.format == "json":
        json.dump(report.to_dict(args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(text() + "\n")
    return 0
