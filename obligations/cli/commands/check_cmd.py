"""`check`: validate rule files, the hierarchy and the calendar data; verify examples."""

from __future__ import annotations

import argparse

from typing import TextIO

from obligations.render.check import finding_line, note_line, ok_line, problems_line
from obligations.report.check import check_workspace


def run(args: argparse.Namespace, out: TextIO) -> int:
    report = check_workspace(args.rules, args.org, args.calendars)
    findings = [finding_line(f, args.lang) for f in report.findings]
    notes = [note_line(n, args.lang) for n in report.notes]
    for line in findings:
        out.write(line + "\n")
    for note, line in zip(report.notes, notes):
        if args.verbose or note.shown:
            out.write(line + "\n")
    if findings:
        out.write(problems_line(len(findings), args.lang) + "\n")
        return 1
    summary = "; ".join(line for note, line in zip(report.notes, notes) if note.reason == "summary")
    out.write(ok_line(summary, args.lang) + "\n")
    return 0
