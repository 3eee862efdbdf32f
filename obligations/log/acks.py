"""Acknowledgements of changes in the submissions log (table ``change_ack``, schema version 6).

A unit acknowledges a change (``changes --ack --by NAME``, ``POST /api/v1/units/{unit}/changes/ack``):
the occurrence, the kind of change and both deadlines are kept with who and when, so that a
later move of the same occurrence is a new change to acknowledge. Writing one that is already
recorded writes nothing. Reading never creates or migrates the log (store.py)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing

from obligations.base.errors import InputError, said
from obligations.log.model import check_bounds, recorded_now
from obligations.log.safety import _rollback, guard
from obligations.log.store import SubmissionLog

__all__ = ["AckKey", "record_acks", "read_acks"]

# unit, duty, period, change ("added" | "moved" | "removed"), old and new deadline ISO ('' for none)
AckKey = tuple[str, str, str, str, str, str]
ACK_SINCE = 6


def read_acks(log: SubmissionLog, units: Iterable[str]) -> dict[AckKey, tuple[str, str]]:
    """Key -> (who, when) of the acknowledgements recorded for ``units`` (the first of each)."""
    conn = log._connect(create=False)
    if conn is None:
        return {}
    found: dict[AckKey, tuple[str, str]] = {}
    with closing(conn), guard(log.path, "nothing was changed"):
        if log._version(conn) < ACK_SINCE:
            return {}
        for unit in sorted(set(units)):
            for row in conn.execute("SELECT unit, duty, period, change, old_deadline, new_deadline, by_name, "
                                    "recorded_at FROM change_ack WHERE unit = ? ORDER BY id", (unit,)):
                key = tuple(str(x) for x in row[:6])
                found.setdefault(key, (str(row[6]), str(row[7])))     # type: ignore[arg-type]
    return found


def record_acks(log: SubmissionLog, keys: Iterable[AckKey], by: str, at: str | None = None) -> list[AckKey]:
    """Record that ``by`` acknowledged each change of ``keys`` (at ``at``, ISO instant; None: now);
    answers those newly recorded (one already recorded is not written again)."""
    if not by.strip():
        raise InputError(said("acks:no-by", "who acknowledges the changes is not said"),
                         fix=said("acks:no-by-fix", "name who acknowledges them (a person or an office)"),
                         code="bad-input", param="by")
    check_bounds(by=by)
    wanted = list(dict.fromkeys(keys))
    for key in wanted:
        check_bounds(unit=key[0], duty=key[1], period=key[2])
    if not wanted:
        return []
    known = read_acks(log, {k[0] for k in wanted})
    fresh = [k for k in wanted if k not in known]
    if not fresh:
        return []
    when = at or recorded_now()
    conn = log._open()
    with closing(conn), guard(log.path, "nothing was recorded"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT INTO change_ack (unit, duty, period, change, old_deadline, new_deadline, "
                             "by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [(*k, by, when) for k in fresh])
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
    return fresh
