"""`check`: validate rule files, the hierarchy and the calendar data; verify examples."""

from __future__ import annotations

import argparse

from typing import TextIO

from obligations.render.check import finding_line, note_line
from obligations.report.check import check_workspace


def run(args: argparse.Namespace, out: TextIO) -> int:
    report = check_workspace(args.rules, args.org, args.calendars)
    findings = [finding_line(f) for f in report.findings]
    notes = [note_line(n) for n in report.notes]
    for line in findings:
        out.write(line + "\n")
    for note, line in zip(report.notes, notes):
        if args.verbose or note.shown:
            out.write(line + "\n")
    if findings:
        out.write(f"{len(findings)} problem(s) found.\n")
        return 1
    out.write("OK: " + "; ".join(n for n in notes if n.startswith("checked")) + "\n")
    return 0
