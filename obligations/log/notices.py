"""What `notify` (obligations/notify) sent, in the submissions log (table ``notification``,
migration 7); read here, in the log's layer, so that ``explain`` shows it.

Send, then record (at least once): a notice is recorded once its channel has accepted it (the
SMTP server queued the message, the webhook answered 2xx). A run killed between the two sends
that one message again on the next run: a reminder twice is better than none, and the copy
carries the same id (the e-mail's Message-ID, the webhook's event id and ``X-Obligations-Event-Id``)
for the receiver to drop. Recording first would lose the message instead. A failed attempt
is recorded too (``status = 'failed'``), for the delivery record; only ``sent`` rows stop a resend.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from contextlib import closing
from typing import TYPE_CHECKING, Literal

import attrs

from obligations.log.model import recorded_now
from obligations.log.safety import _rollback, guard

if TYPE_CHECKING:
    from obligations.log.store import SubmissionLog

Status = Literal["sent", "failed"]


@attrs.frozen
class SentKey:
    occurrence: str            # unit|duty|period
    kind: str
    day: dt.date
    channel: str               # mailto:address, or the webhook's url

    @property
    def event_id(self) -> str:
        """Stable over runs and resends: the receiver's de-duplication key."""
        text = f"{self.occurrence}\x1f{self.kind}\x1f{self.day.isoformat()}\x1f{self.channel}"
        return "obl-" + hashlib.sha256(text.encode()).hexdigest()[:32]


@attrs.frozen
class SentRecord:
    """One row of the delivery record."""

    key: SentKey
    unit: str                  # the unit told
    deadline: dt.date
    status: Status
    tries: int
    detail: str | None
    run_on: dt.date
    recorded_at: str


def sent_keys(log: SubmissionLog, occurrences: Iterable[str]) -> set[SentKey]:
    """The keys already sent for these occurrences (nothing when there is no log yet)."""
    wanted = set(occurrences)
    return {r.key for r in records(log) if r.status == "sent" and r.key.occurrence in wanted}


def records(log: SubmissionLog, occurrence: str | None = None) -> list[SentRecord]:
    """The delivery record, oldest first; of one occurrence when given."""
    conn = log._connect(create=False)       # reading never creates nor migrates the log
    if conn is None:
        return []
    with closing(conn), guard(log.path, "nothing was changed"):
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='notification'").fetchone():
            return []                         # a log older than migration 7
        sql = ("SELECT occurrence, kind, day, channel, unit, deadline, status, tries, detail, run_on, recorded_at "
               "FROM notification")
        rows = conn.execute(sql + (" WHERE occurrence = ? ORDER BY id" if occurrence else " ORDER BY id"),
                            (occurrence,) if occurrence else ()).fetchall()
    return [SentRecord(SentKey(r[0], r[1], dt.date.fromisoformat(r[2]), r[3]), r[4], dt.date.fromisoformat(r[5]),
                       r[6], r[7], r[8], dt.date.fromisoformat(r[9]), r[10]) for r in rows]


def last_deadlines(log: SubmissionLog) -> dict[str, dt.date]:
    """The deadline each occurrence had when last told about (for ``deadline_changed``)."""
    found: dict[str, dt.date] = {}
    for r in records(log):
        if r.status == "sent":
            found[r.key.occurrence] = r.deadline
    return found


def record(log: SubmissionLog, rows: Iterable[SentRecord]) -> None:
    """Write the rows in one transaction; a ``sent`` key already there is left as it is."""
    rows = list(rows)
    if not rows:
        return
    conn = log._open()
    with closing(conn), guard(log.path, "nothing was recorded"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            now = recorded_now()
            conn.executemany(
                "INSERT OR IGNORE INTO notification (occurrence, kind, day, channel, unit, event_id, deadline, "
                "status, tries, detail, run_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(r.key.occurrence, r.key.kind, r.key.day.isoformat(), r.key.channel, r.unit, r.key.event_id,
                  r.deadline.isoformat(), r.status, r.tries, (r.detail or "")[:1000] or None, r.run_on.isoformat(),
                  r.recorded_at or now) for r in rows])
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise


def sent_json(rows: Iterable[SentRecord]) -> list[dict[str, object]]:
    """The delivery record as JSON rows (explain's ``notifications``, docs/schemas/explain.json)."""
    return [{"kind": r.key.kind, "day": r.key.day.isoformat(), "channel": r.key.channel, "to": r.unit,
             "event_id": r.key.event_id, "deadline": r.deadline.isoformat(), "status": r.status, "tries": r.tries,
             "detail": r.detail, "run_on": r.run_on.isoformat(), "recorded_at": r.recorded_at} for r in rows]
