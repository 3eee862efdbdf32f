"""``due`` as CSV for spreadsheets: one row per unit per listed item, written as it comes."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from obligations.render.csv_safe import cell
from obligations.render.messages import assumption_text
from obligations.report.due import DueReport

DUE_CSV_FIELDS = ("unit", "duty", "period", "window_start", "deadline", "status", "days_left",
                  "working_days_left", "delivered_on", "assumptions")


def write_due_csv(reports: Iterable[DueReport], out: TextIO, lang: str = "vi") -> None:
    """Cells that a spreadsheet would take for a formula are kept as text (render.csv_safe)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DUE_CSV_FIELDS)
    for report in reports:
        writer.writerows(
            [cell(v) for v in (report.unit, item.occurrence.duty.id, item.occurrence.period,
                                item.window_start.isoformat(), item.deadline.isoformat(), item.status,
                                item.days_left, item.working_days_left,
                                item.submission.delivered_on.isoformat() if item.submission else "",
                                " | ".join(assumption_text(a, lang) for a in item.occurrence.assumptions))]
            for item in report.items)
