"""The submissions log: what was delivered, when, and which extensions were granted.

SQLite from the standard library, in WAL mode so readers never block the writer; every
write is one ``BEGIN IMMEDIATE`` transaction, so two processes recording at the same
time both land (the second waits for the first), and a process killed mid-write leaves
the last committed state. The schema carries a version; older files are migrated
forward in a transaction, newer ones are refused untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from obligations.base.records import record

if TYPE_CHECKING:
    import sqlite3

from obligations.base.errors import InputError
from obligations.base.keys import OccurrenceKey
from obligations.base.identifiers import shorten
from obligations.log.safety import APPLICATION_ID, _rollback, folder_read_only, guard, inspect_file

SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 30_000

# Each entry upgrades the schema from version N-1 to N; never edit one that has shipped.
MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE submission (
            id INTEGER PRIMARY KEY,
            unit TEXT NOT NULL,
            duty TEXT NOT NULL,
            period TEXT NOT NULL,
            delivered_on TEXT NOT NULL,
            ref TEXT,
            note TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX submission_key ON submission (unit, duty, period);
    """,
    2: """
        CREATE TABLE extension (
            id INTEGER PRIMARY KEY,
            unit TEXT NOT NULL,
            duty TEXT NOT NULL,
            period TEXT NOT NULL,
            until TEXT NOT NULL,
            ref TEXT NOT NULL,
            note TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX extension_key ON extension (unit, duty, period);
    """,
    3: """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            unit TEXT NOT NULL,
            event TEXT NOT NULL,
            happened_on TEXT NOT NULL,
            ref TEXT,
            note TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX event_unit ON event (unit, event);
    """,
    4: """
        CREATE TABLE calendar_event (
            uid TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            modified TEXT NOT NULL
        );
    """,
}


@record
@attrs.frozen(repr=False)
class Submission:
    unit: str
    duty: str
    period: str
    delivered_on: dt.date
    ref: str | None
    note: str | None
    recorded_at: str

    @property
    def key(self) -> OccurrenceKey:
        return OccurrenceKey(self.unit, self.duty, self.period)


@record
@attrs.frozen(repr=False)
class Extension:
    """A later deadline granted by the level above (gia hạn), with the granting document."""

    unit: str
    duty: str
    period: str
    until: dt.date
    ref: str
    note: str | None
    recorded_at: str

    @property
    def key(self) -> OccurrenceKey:
        return OccurrenceKey(self.unit, self.duty, self.period)


@record
@attrs.frozen(repr=False)
class RecordedEvent:
    """An event that happened for a unit (the plan was received, the congress opens),
    from which event-driven duties are counted."""

    unit: str
    event: str
    happened_on: dt.date
    ref: str | None
    note: str | None
    recorded_at: str




def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def first_deliveries(items: Iterable[Submission]) -> dict[OccurrenceKey, Submission]:
    """The first delivery of each occurrence: a later one is a correction."""
    first: dict[OccurrenceKey, Submission] = {}
    for item in items:
        if item.key not in first or item.delivered_on < first[item.key].delivered_on:
            first[item.key] = item
    return first


def dates_by_event(items: Iterable[RecordedEvent]) -> dict[str, tuple[dt.date, ...]]:
    """event id -> the distinct dates it happened, in date order."""
    found: dict[str, set[dt.date]] = {}
    for item in items:
        found.setdefault(item.event, set()).add(item.happened_on)
    return {k: tuple(sorted(v)) for k, v in found.items()}


class SubmissionLog:
    """One SQLite file. Open it with ``SubmissionLog(path)``; it is created on first write."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # -- connection and schema -------------------------------------------------------

    def _error(self, message: str, fix: str) -> InputError:
        return InputError(message, file=str(self.path), fix=fix)

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        state = inspect_file(self.path)      # refuses what is not ours before any write
        if state == "absent":
            if not create:
                return None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._error(f"cannot create the folder of the log: {exc.strerror}",
                                  "give --db a path in a folder you can write to") from None
        import sqlite3  # only once a log file is really used

        with guard(self.path, "nothing was changed"):
            if not create and folder_read_only(self.path):
                # WAL needs its -shm file next to the log: on read-only media read the file as it is
                from urllib.parse import quote

                conn = sqlite3.connect("file:" + quote(str(self.path.resolve())) + "?immutable=1", uri=True,
                                       isolation_level=None)
                return conn
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            with guard(self.path, "nothing was changed"):
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                version = self._version(conn)
                if state == "empty" and version == 0 and conn.execute(
                        "SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise self._error("the file is an SQLite database of another program",
                                      "give --db another file; this one was left untouched")
                if version > SCHEMA_VERSION:
                    raise self._error(f"the database has schema version {version}, newer than this program's "
                                      f"{SCHEMA_VERSION}", "upgrade obligations; the file was left untouched")
                if version < SCHEMA_VERSION:
                    if not create and version == 0:
                        conn.close()
                        return None
                    self._migrate(conn, version)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection:
        """A connection for writing: the file is created (and migrated) if need be."""
        conn = self._connect(create=True)
        assert conn is not None        # create=True never answers "no log"
        return conn

    def _version(self, conn: sqlite3.Connection) -> int:
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            return 0
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            return 0
        try:
            return int(row[0])
        except (TypeError, ValueError):
            raise self._error(f"the schema version {shorten(row[0])} is not a number",
                              "the file is damaged: restore it from a backup or give --db another file") from None

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        # WAL: readers do not block the writer; set before the first transaction. Only
        # reached for a new file or one of ours (inspect_file has refused the others).
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._version(conn)  # another process may have migrated meanwhile
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(target),))
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def schema_version(self) -> int:
        conn = self._connect(create=False)
        if conn is None:
            return 0
        with closing(conn):
            return self._version(conn)

    def integrity_check(self) -> str:
        conn = self._connect(create=False)
        if conn is None:
            return "ok"
        with closing(conn), guard(self.path, "nothing was changed"):
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- writing ------------------------------------------------------------------------

    def _write(self, sql: str, values: tuple[object, ...]) -> None:
        conn = self._open()
        with closing(conn), guard(self.path, "nothing was recorded"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(sql, values)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise

    def record_submission(self, unit: str, duty: str, period: str, delivered_on: dt.date,
                          ref: str | None = None, note: str | None = None) -> Submission:
        item = Submission(unit, duty, period, delivered_on, ref, note, _now())
        self._write("INSERT INTO submission (unit, duty, period, delivered_on, ref, note, recorded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (unit, duty, period, delivered_on.isoformat(), ref, note, item.recorded_at))
        return item

    def record_extension(self, unit: str, duty: str, period: str, until: dt.date, ref: str,
                         note: str | None = None) -> Extension:
        item = Extension(unit, duty, period, until, ref, note, _now())
        self._write("INSERT INTO extension (unit, duty, period, until, ref, note, recorded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (unit, duty, period, until.isoformat(), ref, note, item.recorded_at))
        return item

    def calendar_versions(self, digests: dict[str, str], now: dt.datetime) -> dict[str, tuple[int, dt.datetime]]:
        """SEQUENCE and LAST-MODIFIED of exported calendar events, by UID: an event whose
        content digest differs from the one last exported gets the next sequence and ``now``.
        One transaction: two exports at once never give one version twice."""
        conn = self._open()
        found: dict[str, tuple[int, dt.datetime]] = {}
        with closing(conn), guard(self.path, "nothing was recorded"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for uid, digest in digests.items():
                    row = conn.execute("SELECT digest, sequence, modified FROM calendar_event WHERE uid = ?",
                                       (uid,)).fetchone()
                    if row is not None and not _version_row_ok(row):
                        raise self._error(f"row {uid!r} of table calendar_event holds a sequence or time that "
                                          "is not one", "the file was changed by another program: delete that row")
                    if row is None or row[0] != digest:
                        sequence = 0 if row is None else int(row[1]) + 1
                        conn.execute("INSERT INTO calendar_event (uid, digest, sequence, modified) VALUES (?, ?, ?, ?) "
                                     "ON CONFLICT(uid) DO UPDATE SET digest = excluded.digest, "
                                     "sequence = excluded.sequence, modified = excluded.modified",
                                     (uid, digest, sequence, now.isoformat()))
                        found[uid] = (sequence, now)
                    else:
                        found[uid] = (int(row[1]), dt.datetime.fromisoformat(row[2]))
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        return found

    def record_event(self, unit: str, event: str, happened_on: dt.date, ref: str | None = None,
                     note: str | None = None) -> RecordedEvent:
        item = RecordedEvent(unit, event, happened_on, ref, note, _now())
        self._write("INSERT INTO event (unit, event, happened_on, ref, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (unit, event, happened_on.isoformat(), ref, note, item.recorded_at))
        return item

    # -- reading ------------------------------------------------------------------------

    def events(self, unit: str | None = None) -> list[RecordedEvent]:
        """Events recorded for ``unit`` (every unit when None), in the order recorded."""
        rows = self._read("event", "happened_on", unit, key_columns="unit, event")
        return [RecordedEvent(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    def event_dates(self, unit: str) -> dict[str, tuple[dt.date, ...]]:
        """event id -> the distinct dates it happened for ``unit``, in date order."""
        return dates_by_event(self.events(unit))

    def _read(self, table: str, date_column: str, unit: str | None,
              key_columns: str = "unit, duty, period", conn: sqlite3.Connection | None = None
              ) -> list[tuple[Any, ...]]:
        """Rows of ``table`` (of ``unit``, or all), checked; on ``conn`` if given (it stays open)."""
        own = conn is None
        if conn is None:
            conn = self._connect(create=False)
            if conn is None:
                return []
        width = key_columns.count(",") + 1
        with closing(conn) if own else nullcontext(conn), guard(self.path, "nothing was changed"):
            # "unit = ?" alone, so that SQLite looks the unit up in the index instead of scanning
            where, values = ("WHERE unit = ?", (unit,)) if unit is not None else ("", ())
            rows = conn.execute(f"SELECT {key_columns}, {date_column}, ref, note, recorded_at, id FROM {table} "
                                f"{where} ORDER BY id", values).fetchall()
        result = []
        for r in rows:
            try:
                day = dt.date.fromisoformat(r[width])
            except (TypeError, ValueError):
                raise self._error(f"row {r[-1]} of table {table} has {date_column} {shorten(r[width])}, not a date",
                                  "the file was changed by another program: correct or delete that row") from None
            if not all(isinstance(v, str) for v in r[:width]):
                raise self._error(f"row {r[-1]} of table {table} holds a value that is not a text",
                                  "the file was changed by another program: correct or delete that row")
            result.append((*r[:width], day, *r[width + 1:-1]))
        return result

    def submissions(self, unit: str | None = None) -> list[Submission]:
        return [Submission(*row) for row in self._read("submission", "delivered_on", unit)]

    def extensions(self, unit: str | None = None) -> list[Extension]:
        return [Extension(*row) for row in self._read("extension", "until", unit)]

    def delivered(self, unit: str | None = None) -> dict[OccurrenceKey, Submission]:
        """The first delivery of each occurrence (a later one is a correction)."""
        return first_deliveries(self.submissions(unit))

    def granted(self, unit: str | None = None) -> dict[OccurrenceKey, Extension]:
        """The latest extension recorded for each occurrence."""
        return {item.key: item for item in self.extensions(unit)}


def _version_row_ok(row: tuple[Any, ...]) -> bool:
    try:
        int(row[1])
        dt.datetime.fromisoformat(row[2])
    except (TypeError, ValueError):
        return False
    return True
