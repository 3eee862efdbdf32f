"""Every unit's delivery days in one grouped query, for the four-way count in bulk
(report/count_bulk.py), on a ``LogSnapshot``'s view of the log (apart from log/snapshot.py,
which answers the one-unit questions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from obligations.log.safety import guard
from obligations.log.snapshot import ALL_UNITS, SEP_FIELD, SEP_ROW, LogSnapshot

__all__ = ["ALL_UNITS", "delivery_days", "delivery_days_soon"]


def delivery_days(snapshot: LogSnapshot) -> tuple[dict[str, str], set[str]]:
    """Every unit's first deliveries, for counting in bulk (report/count_bulk.py): unit ->
    ``done_key(duty, period) + SEP_FIELD + day`` of each current record, joined by ``SEP_ROW``
    (one grouped query: a unit's rows as one text, not a million tuples), and the units whose
    text cannot be split (a separator inside a key), to read with ``delivered``. A value
    that is not text is left to ``finish``, which names its row."""
    if snapshot._conn is None or snapshot._version is None:
        return {}, set()
    return _grouped_days(snapshot, snapshot._conn)


def delivery_days_soon(snapshot: LogSnapshot) -> Callable[[], tuple[dict[str, str], set[str]]]:
    """``delivery_days`` read on a second connection, in a thread (SQLite's C code releases the
    GIL: on a second core it overlaps the caller's work on units that need no days); the answer
    when called. Rows recorded since this snapshot began: read on its own connection instead."""
    if snapshot._conn is None or snapshot._version is None:
        return lambda: ({}, set())
    import threading

    box: dict[str, tuple[dict[str, str], set[str]]] = {}

    def work() -> None:
        try:
            conn = snapshot.log._connect(create=False)
            if conn is None:
                return
            try:
                with guard(snapshot.log.path, "nothing was changed"):
                    conn.execute("BEGIN")
                    if conn.execute("SELECT max(id) FROM submission").fetchone()[0] == snapshot._last:
                        box["found"] = _grouped_days(snapshot, conn)
            finally:
                conn.close()
        except BaseException:     # read again on the snapshot's connection, which says what fails
            box.clear()

    thread = threading.Thread(target=work, name="obligations-days", daemon=True)
    thread.start()

    def answer() -> tuple[dict[str, str], set[str]]:
        thread.join()
        return box["found"] if "found" in box else delivery_days(snapshot)
    return answer


def _grouped_days(snapshot: LogSnapshot, conn: Any) -> tuple[dict[str, str], set[str]]:
    assert snapshot._version is not None
    current = "WHERE replaced_by IS NULL" if snapshot._version >= 5 else ""
    query = ("SELECT unit, count(*), max(typeof(duty) != 'text' OR typeof(period) != 'text' "
             "OR typeof(delivered_on) != 'text'), group_concat(duty || char(31) || period || char(31) "
             f"|| delivered_on, char(30)) FROM submission {current} GROUP BY unit")
    import sqlite3

    found: dict[str, str] = {}
    exact: set[str] = set()
    with guard(snapshot.log.path, "nothing was changed"):
        try:
            for unit, rows, not_text, text in conn.execute(query):
                if not isinstance(unit, str):
                    continue           # no unit of a hierarchy: ``finish`` refuses the row
                if (not_text or not isinstance(text, str) or text.count(SEP_FIELD) != 2 * rows
                        or text.count(SEP_ROW) != rows - 1):
                    exact.add(unit)
                else:
                    found[unit] = text
        except sqlite3.OperationalError:      # a value that does not decode: every unit row by row
            return {}, {ALL_UNITS}
    return found, exact
