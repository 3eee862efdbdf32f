"""One line per unit for ``due --under``: counts by status and the next deadline.

Conflicts come first: a deadline that cannot be met as the documents stand needs a decision
above before anything else (as ``due --unit`` lists them first); a summary without them would
show such a unit as merely "window open"."""

from __future__ import annotations

import datetime as dt

from obligations.render.day_text import day
from obligations.report.due import DueReport

_HEAD = {
    "vi": ("Đơn vị", "Xung đột", "Quá hạn", "Sắp đến hạn", "Đang trong hạn", "Sắp tới", "Hạn gần nhất"),
    "en": ("Unit", "Conflicts", "Overdue", "Due soon", "Window open", "Upcoming", "Next deadline"),
}
_COUNTED = ("conflict", "overdue", "due_soon", "window_open", "upcoming")


def summary_head(lang: str) -> str:
    return "  ".join(f"{h:<14}" for h in _HEAD["en" if lang == "en" else "vi"])


def summary_line(report: DueReport, on: dt.date, lang: str = "vi") -> str:
    counts = {s: sum(i.status == s for i in report.items) for s in _COUNTED}
    pending = [i.deadline for i in report.items if i.status in ("due_soon", "window_open") and i.deadline >= on]
    cells = [report.unit, *(str(counts[s]) for s in _COUNTED), day(min(pending), lang) if pending else "—"]
    return "  ".join(f"{c:<14}" for c in cells)
