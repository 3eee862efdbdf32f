"""``due`` as CSV for spreadsheets: one row per unit per listed item, written as it comes."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from obligations.render.export import _cell
from obligations.report.due import DueReport

DUE_CSV_FIELDS = ("unit", "duty", "period", "window_start", "deadline", "status", "days_left",
                  "working_days_left", "delivered_on")


def write_due_csv(reports: Iterable[DueReport], out: TextIO) -> None:
    """Cells that a spreadsheet would take for a formula are kept as text (export._cell)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DUE_CSV_FIELDS)
    for report in reports:
        writer.writerows(
            [_cell(v) for v in (report.unit, item.occurrence.duty.id, item.occurrence.period,
                                item.window_start.isoformat(), item.deadline.isoformat(), item.status,
                                item.days_left, item.working_days_left,
                                item.submission.delivered_on.isoformat() if item.submission else "")]
            for item in report.items)
