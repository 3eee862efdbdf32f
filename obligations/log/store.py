"""The submissions log: what was delivered, when, and which extensions were granted.

SQLite from the standard library, in WAL mode so readers never block the writer; every
write is one ``BEGIN IMMEDIATE`` transaction, so two processes recording at the same
time both land (the second waits for the first), and a process killed mid-write leaves
the last committed state. The schema carries a version; older files are migrated
forward in a transaction by the first write, newer ones are refused untouched. Reading
never creates, migrates or writes the file: a log of an older version is read as it is.

One record per occurrence (a delivery, an extension) and per event of a unit: a second
one that differs is refused (``AlreadyRecorded``, naming the first) unless it is recorded
as a replacement with a reason; the record replaced stays in the file as history
(``replaced_by`` points to the record that replaced it). The same record sent again
writes nothing. Notes, references and reasons are bounded here, where every writer
passes (``LIMITS``).
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

from obligations.base.errors import InputError, Said, said
from obligations.base.files import os_reason
from obligations.base.keys import OccurrenceKey
from obligations.base.identifiers import shorten
from obligations.log.model import (KINDS, ON, WHAT, AlreadyRecorded, Extension, RecordedEvent, Submission, check_bounds,
                                   dates_by_event, first_deliveries, recorded_now, replacement_reason)
from obligations.log.safety import APPLICATION_ID, _rollback, folder_read_only, guard, inspect_file
from obligations.log.schema import LIMITS, MIGRATIONS, SCHEMA_VERSION, TABLE_SINCE

# the names the rest of the package and its users import from here
__all__ = ["AlreadyRecorded", "BUSY_TIMEOUT_MS", "Extension", "LIMITS", "MIGRATIONS", "RecordedEvent", "SCHEMA_VERSION",
           "Submission", "SubmissionLog", "check_bounds", "dates_by_event", "first_deliveries"]

BUSY_TIMEOUT_MS = 30_000


def _day(value: Any) -> Any:
    """A record's day as a date (said as the reader's language writes dates), else as it is."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# the fix of a row another program changed (the log's rows are only ever written by this program)
_CHANGED = said("log:changed-fix", "the file was changed by another program: correct or delete that row")


class SubmissionLog:
    """One SQLite file. Open it with ``SubmissionLog(path)``; it is created on first write."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # -- connection and schema -------------------------------------------------------

    def _error(self, message: Said, fix: Said) -> InputError:
        return InputError(message, file=str(self.path), fix=fix, code="log-file", param="db")

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """A connection; for reading (``create`` False) None when there is no log yet. Only a
        connection for writing creates the file or migrates an older schema."""
        state = inspect_file(self.path)      # refuses what is not ours before any write
        if state == "absent":
            if not create:
                return None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._error(said("log:no-folder", "cannot create the folder of the log: {why}", why=os_reason(exc)),
                                  said("log:no-folder-fix", "give a log file in a folder you can write to")) from None
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
                # one read transaction: read apart, the version (none yet) and the tables (just
                # committed by another creator) made a new log look like another program's
                conn.execute("BEGIN")
                try:
                    version = self._version(conn)
                    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                finally:
                    conn.execute("COMMIT")
                if state == "empty" and version == 0 and tables:
                    raise self._error(said("log:foreign", "the file is an SQLite database of another program"),
                                      said("log:foreign-fix", "give another log file; this one was left untouched"))
                if version > SCHEMA_VERSION:
                    raise self._error(said("log:newer", "the database has schema version {version}, newer than this "
                                           "program's {ours}", version=version, ours=SCHEMA_VERSION),
                                      said("log:newer-fix", "upgrade obligations; the file was left untouched"))
                if version == 0 and not create:
                    conn.close()
                    return None
                if version < SCHEMA_VERSION and create:
                    self._migrate(conn)
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
            raise self._error(said("log:version-nan", "the schema version {value} is not a number", value=shorten(row[0])),
                              said("log:damaged-fix", "the file is damaged: restore it from a backup or give another "
                                   "log file")) from None

    def _migrate(self, conn: sqlite3.Connection) -> None:
        # WAL: readers do not block the writer; set before the first transaction. Only
        # reached for a new file or one of ours (inspect_file has refused the others).
        self._wal(conn)
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

    @staticmethod
    def _wal(conn: sqlite3.Connection) -> None:
        """``PRAGMA journal_mode = WAL``, waiting as a write would. Switching a new file to WAL
        needs it to itself, and SQLite answers SQLITE_BUSY at once, without its busy handler,
        while another process creating the same file holds it: three creators at once, one
        of them failed after 0.00 s. Retried here for up to the busy timeout."""
        import sqlite3

        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.001
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
                if code not in (5, 6) or time.monotonic() >= deadline:    # SQLITE_BUSY, SQLITE_LOCKED
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

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

    def _record(self, table: str, keys: tuple[str, ...], day: dt.date, ref: str | None, note: str | None,
                replace: bool, reason: str | None) -> tuple[Any, ...]:
        """Write one record in one transaction: refused (AlreadyRecorded) when a current record
        of the same key differs and this is no replacement; the same record again writes
        nothing. Answers the row, as ``_read`` gives it."""
        key_columns, date_column, what, _ = KINDS[table]
        # Refused before the file is opened for writing, so that a refusal neither creates the
        # log nor migrates an older one; checked again inside the transaction (another
        # process may have written meanwhile).
        width = key_columns.count(",") + 1
        current = [r for r in self._read(table, date_column, keys[0], key_columns) if tuple(r[:width]) == keys]
        same = [r for r in current if (r[width], r[width + 1], r[width + 2]) == (day, ref, note)]
        if replace and not current:
            raise InputError(said("log:no-record", "there is no record of {what} for {keys} to replace", what=WHAT.get(what, what),
                                  keys=" ".join(keys)), file=str(self.path),
                             fix=said("log:no-record-fix", "record it without asking to replace and without a reason; "
                                                           "nothing was written"),
                             code="no-record", param="replace")
        if same and not replace:
            return tuple(same[0])          # the same again: nothing to write
        if current and not replace:
            raise self._already(table, keys, [(r[width].isoformat(), *r[width + 1:width + 5], r[-1])
                                              for r in current])
        conn = self._open()
        with closing(conn), guard(self.path, "nothing was recorded"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                where = " AND ".join(f"{c} = ?" for c in key_columns.split(", "))
                current = conn.execute(f"SELECT {date_column}, ref, note, recorded_at, reason, id FROM {table} "
                                       f"WHERE {where} AND replaced_by IS NULL ORDER BY id", keys).fetchall()
                same = [r for r in current if (r[0], r[1], r[2]) == (day.isoformat(), ref, note)]
                if same and not replace:
                    conn.execute("ROLLBACK")
                    r = same[0]
                    return (*keys, day, ref, note, r[3], r[4], None, r[5])
                if current and not replace:
                    raise self._already(table, keys, current)
                if replace and not current:
                    raise InputError(said("log:no-record", "there is no record of {what} for {keys} to replace", what=WHAT.get(what, what),
                                  keys=" ".join(keys)),
                                     file=str(self.path),
                                     fix=said("log:no-record-fix", "record it without asking to replace and without "
                                                                   "a reason; nothing was written"),
                                     code="no-record", param="replace")
                now = recorded_now()
                cursor = conn.execute(
                    f"INSERT INTO {table} ({key_columns}, {date_column}, ref, note, recorded_at, reason) "
                    f"VALUES ({', '.join('?' * (len(keys) + 5))})", (*keys, day.isoformat(), ref, note, now, reason))
                new_id = cursor.lastrowid
                if current:
                    conn.executemany(f"UPDATE {table} SET replaced_by = ? WHERE id = ?",
                                     [(new_id, r[5]) for r in current])
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        return (*keys, day, ref, note, now, reason, None, new_id)

    def _already(self, table: str, keys: tuple[str, ...], current: list[tuple[Any, ...]]) -> AlreadyRecorded:
        _, _, what, on = KINDS[table]
        # the record that counts: the earliest delivery, the latest extension or event date
        r = min(current, key=lambda row: (row[0], row[5])) if table == "submission" else current[-1]
        ref = said("log:ref", ", ref {ref}", ref=shorten(r[1])) if r[1] else ""
        more = said("log:more", " (and {n} more)", n=len(current) - 1) if len(current) > 1 else ""
        return AlreadyRecorded(
            said("log:already", "{what} is already recorded for {keys}: {on} {day}{ref}, recorded at {at}{more}; "
                                "nothing was written", what=WHAT.get(what, what), keys=" ".join(keys),
                 on=ON.get(on, on), day=_day(r[0]), ref=ref, at=str(r[3]), more=more),
            file=str(self.path),
            fix=said("log:already-fix", "if the new one corrects it, record it again asking to replace it, with the "
                                        "reason; the record replaced is kept as history"), param="replace")

    def record_submission(self, unit: str, duty: str, period: str, delivered_on: dt.date,
                          ref: str | None = None, note: str | None = None, *, replace: bool = False,
                          reason: str | None = None) -> Submission:
        """Record a delivery. A different second record of the occurrence raises AlreadyRecorded
        unless ``replace`` (with a ``reason``); the same one again writes nothing."""
        check_bounds(unit=unit, duty=duty, period=period, ref=ref, note=note, reason=reason)
        row = self._record("submission", (unit, duty, period), delivered_on, ref, note, replace,
                                 replacement_reason(replace, reason))
        return Submission(*row)

    def record_extension(self, unit: str, duty: str, period: str, until: dt.date, ref: str,
                         note: str | None = None, *, replace: bool = False,
                         reason: str | None = None) -> Extension:
        """Record an extension; a second one (a further grant, a correction) is a replacement."""
        check_bounds(unit=unit, duty=duty, period=period, ref=ref, note=note, reason=reason)
        row = self._record("extension", (unit, duty, period), until, ref, note, replace,
                                 replacement_reason(replace, reason))
        return Extension(*row)

    def record_event(self, unit: str, event: str, happened_on: dt.date, ref: str | None = None,
                     note: str | None = None, *, replace: bool = False, reason: str | None = None) -> RecordedEvent:
        """Record the day an event happened for a unit; another day is a replacement."""
        check_bounds(unit=unit, event=event, ref=ref, note=note, reason=reason)
        row = self._record("event", (unit, event), happened_on, ref, note, replace,
                                 replacement_reason(replace, reason))
        return RecordedEvent(*row)

    def exported_versions(self) -> dict[str, tuple[str, int, dt.datetime]]:
        """UID -> (digest, SEQUENCE, LAST-MODIFIED) of calendar events as exports before
        version 5 stored them (exports no longer write: they are read-only)."""
        conn = self._connect(create=False)
        if conn is None:
            return {}
        found: dict[str, tuple[str, int, dt.datetime]] = {}
        with closing(conn), guard(self.path, "nothing was changed"):
            if self._version(conn) < 4:
                return {}
            for row in conn.execute("SELECT uid, digest, sequence, modified FROM calendar_event"):
                if _version_row_ok(row[1:]):
                    found[str(row[0])] = (str(row[1]), int(row[2]), dt.datetime.fromisoformat(row[3]))
        return found

    # -- reading ------------------------------------------------------------------------

    def events(self, unit: str | None = None) -> list[RecordedEvent]:
        """Events recorded for ``unit`` (every unit when None), in the order recorded."""
        rows = self._read("event", "happened_on", unit, key_columns="unit, event")
        return [RecordedEvent(*r) for r in rows]

    def event_dates(self, unit: str) -> dict[str, tuple[dt.date, ...]]:
        """event id -> the distinct dates it happened for ``unit``, in date order."""
        return dates_by_event(self.events(unit))

    def _read(self, table: str, date_column: str, unit: str | None,
              key_columns: str = "unit, duty, period", conn: sqlite3.Connection | None = None,
              *, current: bool = True, version: int | None = None) -> list[tuple[Any, ...]]:
        """Rows of ``table`` (of ``unit``, or all), checked; on ``conn`` if given (it stays open).
        ``current``: only the records in force (not those replaced). A log of an older
        version is read as it is: a table it does not have yet has no rows. ``version``: the
        schema version when the caller has read it (a snapshot reads it once, not per unit)."""
        own = conn is None
        if conn is None:
            conn = self._connect(create=False)
            if conn is None:
                return []
        width = key_columns.count(",") + 1
        with closing(conn) if own else nullcontext(conn), guard(self.path, "nothing was changed"):
            if version is None:
                version = self._version(conn)
            if version < TABLE_SINCE[table]:
                return []
            history = "replaced_by, reason" if version >= 5 else "NULL, NULL"
            # "unit = ?" first, so that SQLite looks the unit up in the index instead of scanning
            conditions, values = (["unit = ?"], (unit,)) if unit is not None else ([], ())
            if current and version >= 5:
                conditions.append("replaced_by IS NULL")
            where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
            rows = conn.execute(f"SELECT {key_columns}, {date_column}, ref, note, recorded_at, {history}, id "
                                f"FROM {table} {where} ORDER BY id", values).fetchall()
        result = []
        for r in rows:
            try:
                day = dt.date.fromisoformat(r[width])
            except (TypeError, ValueError):
                raise self._error(said("log:row-date", "row {row} of table {table} has {column} {value}, not a date",
                                       row=r[-1], table=table, column=date_column, value=shorten(r[width])),
                                  _CHANGED) from None
            if not all(isinstance(v, str) for v in r[:width]):
                raise self._error(said("log:row-text", "row {row} of table {table} holds a value that is not a text",
                                       row=r[-1], table=table), _CHANGED)
            if not isinstance(r[-3], (int, type(None))):
                raise self._error(said("log:row-replaced", "row {row} of table {table} has replaced_by {value}, not a "
                                       "row number", row=r[-1], table=table, value=shorten(r[-3])), _CHANGED)
            # (keys..., day, ref, note, recorded_at, reason, replaced_by, id)
            result.append((*r[:width], day, r[width + 1], r[width + 2], r[width + 3], r[-2], r[-3], r[-1]))
        return result

    def submissions(self, unit: str | None = None) -> list[Submission]:
        """The deliveries in force (one per occurrence; an older log may hold several)."""
        return [Submission(*row) for row in self._read("submission", "delivered_on", unit)]

    def extensions(self, unit: str | None = None) -> list[Extension]:
        return [Extension(*row) for row in self._read("extension", "until", unit)]

    def replaced(self, unit: str | None = None) -> list[Submission | Extension | RecordedEvent]:
        """The records replaced by later ones (history), in the order recorded, each with
        ``replaced_by``; the records that replaced them carry the ``reason``."""
        found: list[Submission | Extension | RecordedEvent] = []
        found += [Submission(*r) for r in self._read("submission", "delivered_on", unit, current=False) if r[-2]]
        found += [Extension(*r) for r in self._read("extension", "until", unit, current=False) if r[-2]]
        found += [RecordedEvent(*r) for r in self._read("event", "happened_on", unit, key_columns="unit, event",
                                                        current=False) if r[-2]]
        return found

    def delivered(self, unit: str | None = None) -> dict[OccurrenceKey, Submission]:
        """The delivery in force of each occurrence."""
        return first_deliveries(self.submissions(unit))

    def granted(self, unit: str | None = None) -> dict[OccurrenceKey, Extension]:
        """The extension in force of each occurrence (the latest recorded, in an older log)."""
        return {item.key: item for item in self.extensions(unit)}


def _version_row_ok(row: tuple[Any, ...]) -> bool:
    try:
        int(row[1])
        dt.datetime.fromisoformat(row[2])
    except (TypeError, ValueError):
        return False
    return True
