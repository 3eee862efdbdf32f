"""A synthetic submissions log for the synthetic national hierarchy (benchmarks and tests).

For every unit, one delivery for each occurrence whose deadline falls in ``year``: on
time, late or missing in a fixed pseudo-random mix (fixed seed), and an extension for
1 % of those occurrences. Rows are written in bulk with one transaction per table;
units of one shape share the list of their occurrences (computed once).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from obligations.log.store import SubmissionLog
from obligations.report.bulk import special_units
from obligations.workspace import Workspace

SEED = 20251
RECORDED_AT = "2026-01-05T02:00:00+00:00"


def _due_in(ws: Workspace, unit: str, year: int) -> list[tuple[str, str, dt.date]]:
    found, _ = ws.occurrences(unit, year - 1, year + 1)
    return [(o.duty.id, o.period, o.deadline) for o in found if o.deadline.year == year]


def write_log(ws: Workspace, path: Path, year: int = 2025, seed: int = SEED,
              events: dict[str, list[tuple[str, dt.date]]] | None = None) -> int:
    """Write the log at ``path`` (a new file); return the number of rows written."""
    SubmissionLog(path).schema_version()          # nothing yet: the file is absent
    conn = SubmissionLog(path)._connect(create=True)   # creates and migrates the schema
    rng = random.Random(seed)
    hierarchy = ws.hierarchy
    special = special_units(ws.occurrence_source)
    shapes: dict[tuple[object, ...], list[tuple[str, str, dt.date]]] = {}
    submissions: list[tuple[str, str, str, str, str | None, str | None, str]] = []
    extensions: list[tuple[str, str, str, str, str, str | None, str]] = []
    units = ["tw", *hierarchy.below("tw", dt.date(year, 12, 31))]
    for unit in units:
        if unit in special:
            due = _due_in(ws, unit, year)
        else:
            u = hierarchy.unit(unit)
            shape = (u.level, u.parents, u.start, u.end, u.successor, u.policy, u.assumed)
            due = shapes.get(shape)
            if due is None:
                due = shapes[shape] = _due_in(ws, unit, year)
        for duty, period, deadline in due:
            draw = rng.random()
            if draw < 0.6:
                day = deadline - dt.timedelta(days=rng.randint(0, 6))
            elif draw < 0.85:
                day = deadline + dt.timedelta(days=rng.randint(1, 12))
            else:
                day = None                                 # missing
            if day is not None:
                submissions.append((unit, duty, period, day.isoformat(), None, None, RECORDED_AT))
            if rng.random() < 0.01:
                until = deadline + dt.timedelta(days=rng.randint(3, 20))
                extensions.append((unit, duty, period, until.isoformat(), f"GH-{len(extensions) + 1}/VP",
                                   None, RECORDED_AT))
    event_rows = [(unit, event, day.isoformat(), None, None, RECORDED_AT)
                  for unit, items in (events or {}).items() for event, day in items]
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO submission (unit, duty, period, delivered_on, ref, note, recorded_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", submissions)
        conn.executemany("INSERT INTO extension (unit, duty, period, until, ref, note, recorded_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", extensions)
        conn.executemany("INSERT INTO event (unit, event, happened_on, ref, note, recorded_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", event_rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return len(submissions) + len(extensions) + len(event_rows)
