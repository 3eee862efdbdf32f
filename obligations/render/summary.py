"""One line per unit for ``due --under``: counts by status and the next deadline.

Conflicts come first: a deadline that cannot be met as the documents stand needs a decision
above before anything else (as ``due --unit`` lists them first); a summary without them would
show such a unit as merely "window open"."""

from __future__ import annotations

import datetime as dt

from obligations.render.day_text import day
from obligations.render.labels import Labels, pmsg
from obligations.report.due import DueReport

_head = Labels([
    pmsg("head.unit", "Unit"), pmsg("head.conflict", "Conflicts"), pmsg("head.overdue", "Overdue"),
    pmsg("head.due_soon", "Due soon"), pmsg("head.window_open", "Window open"), pmsg("head.upcoming", "Upcoming"),
    pmsg("head.next", "Next deadline"),
])
_COUNTED = ("conflict", "overdue", "due_soon", "window_open", "upcoming")


def summary_head(lang: str) -> str:
    keys = ("unit", *_COUNTED, "next")
    return "  ".join(f"{_head(f'head.{k}', lang):<14}" for k in keys)


def summary_line(report: DueReport, on: dt.date, lang: str = "vi") -> str:
    counts = {s: sum(i.status == s for i in report.items) for s in _COUNTED}
    pending = [i.deadline for i in report.items if i.status in ("due_soon", "window_open") and i.deadline >= on]
    cells = [report.unit, *(str(counts[s]) for s in _COUNTED), day(min(pending), lang) if pending else "—"]
    return "  ".join(f"{c:<14}" for c in cells)
