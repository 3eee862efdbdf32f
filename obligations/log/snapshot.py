"""The submissions log read once for a whole run: one connection, one read transaction.

Evaluating a hundred thousand units must not open a connection and run three queries per
unit. A ``LogSnapshot`` reads the extensions and events whole, and the deliveries of every
unit in one grouped query that leaves SQLite as one row per unit (the keys delivered, as
text, read from the index alone): turning millions of rows into Python objects would
cost seconds and hundreds of MiB. The details of a delivery (day, reference, note) are
read, through the index, only for the units whose report lists a delivered item.

It answers the questions ``SubmissionLog`` answers (``delivered``, ``granted``,
``events``, ``event_dates``) with the same results, so the one-unit path can run on it
unchanged. The read transaction stays open until ``close``: rows recorded meanwhile by
another process are not seen halfway through a run (WAL readers never block writers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from obligations.base.keys import OccurrenceKey
from obligations.log.safety import guard
from obligations.log.store import (Extension, RecordedEvent, Submission, SubmissionLog, dates_by_event,
                                   first_deliveries)

SEP_FIELD = "\x1f"   # between the duty and the period of a key
SEP_ROW = "\x1e"     # between the rows of one unit
SEP_UNIT = "\x1d"    # between the fields of one unit's record
SEP_UNITS = "\x1c"   # between the records of a batch
BATCH = 10_000       # units per batch

# A column as text: a value of another type (a blob need not even be UTF-8) becomes its
# hex digits, so that the row-per-unit reading always decodes; the not-text mark sends
# its unit to the store. (Not in the batches: it doubles their time. A batch that does
# not decode is read again, a row per unit.)
def _text(column: str) -> str:
    return f"CASE WHEN typeof({column}) = 'text' THEN {column} ELSE hex({column}) END"


# The keys of a batch of units as one row, from the index alone (unit, duty, period: it
# covers the query, so SQLite never visits the table). The grouping runs on a second core
# while the units above are evaluated: a row per unit would take the GIL back from them a
# hundred thousand times, a batch takes it back once. Each unit's record gives what the
# grouping cannot be trusted with: its number of rows (a separator inside a key shows as a
# count of separators that differs from it), whether a key or the unit is not text, and
# the length of the unit's name (which may hold any character). A batch whose records do
# not split into as many as it has units (a record separator inside a key), or that does
# not decode (a blob that is not UTF-8), is read again, a row per unit.
_BATCH = """
SELECT count(*), count(record), max(unit), group_concat(record, char(28)) FROM (
    SELECT unit, count(*) || char(29)
           || max(typeof(unit) != 'text' OR typeof(duty) != 'text' OR typeof(period) != 'text') || char(29)
           || length(unit) || char(29) || unit || char(29)
           || group_concat(duty || char(31) || period, char(30)) AS record
    FROM submission {after} GROUP BY unit ORDER BY unit LIMIT {batch})
"""

# A row per unit: what a batch that does not parse is read again with.
_GROUPED = f"""
SELECT unit, group_concat({_text("duty")} || char(31) || {_text("period")}, char(30)), count(*),
       max(typeof(duty) != 'text' OR typeof(period) != 'text')
FROM submission GROUP BY unit
"""

# Any row the store would refuse: a value that is not text, a day that is not a real,
# canonical ISO date (SQLite gives '2025-02-30' back unchanged without a modifier, and
# accepts year 0). One sequential scan of the table, after the grouping (the evaluation
# needs the keys, not the days); such a row makes ``finish`` read the table with the
# store's own checks, which name the bad row.
_BAD_ROWS = """
SELECT 1 FROM submission
WHERE typeof(unit) != 'text' OR typeof(duty) != 'text' OR typeof(period) != 'text'
   OR typeof(delivered_on) != 'text' OR date(delivered_on, '+0 days') IS NOT delivered_on
   OR delivered_on < '0001'
LIMIT 1
"""


ALL_UNITS = "\x00"  # in delivery_days's second answer: read every unit row by row
SINGLE_READS = 200   # units read one by one while the grouped query runs


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()      # not "²", which isdigit() accepts and int() refuses


def done_key(duty: str, period: str) -> str:
    """The text a delivered occurrence is known by in ``LogSnapshot.done``."""
    return duty + SEP_FIELD + period


class Granted(Mapping[OccurrenceKey, Extension]):
    """The latest extension of each occurrence, immutable, with a key for memo tables."""

    def __init__(self, items: dict[OccurrenceKey, Extension]) -> None:
        self._items = items
        self._memo_key: frozenset[tuple[OccurrenceKey, object, str]] | None = None

    def __getitem__(self, key: OccurrenceKey) -> Extension:
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: OccurrenceKey, default: Any = None) -> Any:
        return self._items.get(key, default)

    def __iter__(self) -> Iterator[OccurrenceKey]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def memo_key(self) -> frozenset[tuple[OccurrenceKey, object, str]]:
        if self._memo_key is None:
            self._memo_key = frozenset((k, e.until, e.ref) for k, e in self._items.items())
        return self._memo_key


EMPTY_GRANTED = Granted({})


class LogSnapshot:
    """A submissions log as of one moment; ``close()`` when done (or use ``with``)."""

    def __init__(self, log: SubmissionLog, *, keys: bool = True) -> None:
        """``keys=False``: the delivered keys are not grouped beside the caller (the count reads
        its own, ``delivery_days``): ``done`` and ``first_delivery`` read the unit's rows."""
        self.log = log
        self._grouping = keys
        self._conn: Any = log._connect(create=False)
        self._keys: dict[str, str] = {}
        self._first: tuple[str, dict[OccurrenceKey, Submission]] | None = None   # the last unit asked
        self._exact: set[str] = set()        # units read row by row (a flagged group)
        self._flagged = False
        self._single = 0
        self._worker: Any = None            # a threading.Thread while the grouped query and the day check run
        self._keys_ready: Any = None        # a threading.Event set once the grouped keys are read
        self._failure: BaseException | None = None        # while grouping
        self._late_failure: BaseException | None = None   # while checking the rows, after the grouping
        self._version: int | None = None
        granted: dict[OccurrenceKey, Extension] = {}
        self._granted_by_unit: dict[str, Granted] = {}
        self._events: list[RecordedEvent] = []
        self._events_by_unit: dict[str, list[RecordedEvent]] = {}
        self.granted_all = EMPTY_GRANTED
        if self._conn is None:
            return
        try:
            with guard(log.path, "nothing was changed"):
                self._conn.execute("BEGIN")     # one consistent view for the whole run
                self._version = log._version(self._conn)   # read once: a unit's rows are read per unit
                self._last = self._conn.execute("SELECT max(id) FROM submission").fetchone()[0]
            # The grouped query runs in SQLite's C code, which releases the GIL: on a second
            # core it overlaps with the evaluation of the units above, which need no grouping.
            if keys:
                import threading   # only for a log that is really read

                self._keys_ready = threading.Event()
                self._worker = threading.Thread(target=self._group_in_worker, args=(self._keys_ready,),
                                                name="obligations-log", daemon=True)
                self._worker.start()
            for row in log._read("extension", "until", None, conn=self._conn, version=self._version):
                item = Extension(*row)
                granted[item.key] = item
            for row in log._read("event", "happened_on", None, key_columns="unit, event", conn=self._conn,
                                 version=self._version):
                event = RecordedEvent(*row)
                self._events.append(event)
                self._events_by_unit.setdefault(event.unit, []).append(event)
        except BaseException:
            self.close()
            raise
        self.granted_all = Granted(granted)
        by_unit: dict[str, dict[OccurrenceKey, Extension]] = {}
        for key, item in granted.items():
            by_unit.setdefault(key.unit, {})[key] = item
        self._granted_by_unit = {unit: Granted(items) for unit, items in by_unit.items()}

    def _group_in_worker(self, ready: Any) -> None:
        try:
            conn = self.log._connect(create=False)
            if conn is None:
                return
            try:
                with guard(self.log.path, "nothing was changed"):
                    conn.execute("BEGIN")
                    if conn.execute("SELECT max(id) FROM submission").fetchone()[0] == self._last:
                        self._group(conn)
                        ready.set()            # the units can go on; the days are checked meanwhile
                        self._check_rows(conn)
                    else:
                        self._last = None      # rows came in between: group on the main connection
            finally:
                conn.close()
        except BaseException as exc:  # handed to the thread that asks: read after wait(), or after join()
            if ready.is_set():
                self._late_failure = exc
            else:
                self._failure = exc
        finally:
            ready.set()

    def _group(self, conn: Any) -> None:
        import sqlite3       # here: the one-unit path imports this module, not sqlite3

        after: object = None
        while True:
            query = _BATCH.format(after="" if after is None else "WHERE unit > ?1", batch=BATCH)
            try:
                count, counted, after, batch = conn.execute(query, () if after is None else (after,)).fetchone()
            except sqlite3.OperationalError:
                break       # a value that does not decode; any other failure recurs below
            if not count:
                return
            records = batch.split(SEP_UNITS) if isinstance(batch, str) else []
            if not count == counted == len(records) or not all(self._record(record) for record in records):
                break
        self._keys.clear()
        self._exact.clear()
        for unit, keys, rows, not_text in conn.execute(_GROUPED):
            if not isinstance(unit, str):
                self._flagged = True
            elif not self._take(unit, keys, rows, not_text):
                self._exact.add(unit)

    def _record(self, record: str) -> bool:
        """One unit's record of a batch; False when it does not parse."""
        fields = record.split(SEP_UNIT, 3)
        if len(fields) != 4 or not (_digits(fields[0]) and fields[1] in ("0", "1") and _digits(fields[2])):
            return False
        length, rest = int(fields[2]), fields[3]
        unit, mark, keys = rest[:length], rest[length:length + 1], rest[length + 1:]
        if mark != SEP_UNIT or not self._take(unit, keys, int(fields[0]), fields[1] == "1"):
            self._flagged = True
            self._exact.add(unit)      # read row by row, with the store's checks
        return True

    def _take(self, unit: str, keys: object, rows: int, not_text: object) -> bool:
        """Keep a unit's keys if they can be trusted."""
        if not isinstance(keys, str) or not_text or keys.count(SEP_FIELD) != rows or keys.count(SEP_ROW) != rows - 1:
            self._flagged = True
            return False
        self._keys[unit] = keys
        return True

    def _check_rows(self, conn: Any) -> None:
        if conn.execute(_BAD_ROWS).fetchone() is not None:
            self._flagged = True

    def _busy(self) -> bool:
        """True while the grouped query runs: the few units asked meanwhile are read one by one
        (through the index, in the same view of the log); past a few, waiting costs less."""
        if self._keys_ready is None or self._single >= SINGLE_READS or self._keys_ready.is_set():
            return False
        self._single += 1
        return True

    def finish(self) -> None:
        """Wait for the day check and check every row (a bad row raises here at the latest)."""
        self._grouped()
        worker, self._worker = self._worker, None
        if worker is None and (self._grouping or self._conn is None):
            return           # no log file: nothing was read
        if worker is not None:
            worker.join()
        late, self._late_failure = self._late_failure, None
        if late is not None:
            raise late
        with guard(self.log.path, "nothing was changed"):
            if self._last is None or worker is None:
                self._check_rows(self._conn)
            if self._flagged:
                # the store's own reading: raises on the first bad row, as it always has
                self.log._read("submission", "delivered_on", None, conn=self._conn, version=self._version)

    def _raise_failure(self) -> None:
        failure, self._failure = self._failure, None
        if failure is not None:
            raise failure

    def _grouped(self) -> None:
        """Wait for the grouped deliveries (once)."""
        ready, self._keys_ready = self._keys_ready, None
        if ready is None:
            return
        ready.wait()
        self._raise_failure()
        if self._last is None:
            with guard(self.log.path, "nothing was changed"):
                self._keys.clear()
                self._exact.clear()
                self._group(self._conn)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def __enter__(self) -> LogSnapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what SubmissionLog answers ---------------------------------------------------

    def delivered(self, unit: str | None = None) -> dict[OccurrenceKey, Submission]:
        """The first delivery of each occurrence (as ``SubmissionLog.delivered``)."""
        if self._conn is None:
            return {}
        return first_deliveries(Submission(*row) for row in
                                self.log._read("submission", "delivered_on", unit, conn=self._conn,
                                               version=self._version))

    def granted(self, unit: str | None = None) -> Granted:
        """The latest extension recorded for each occurrence (of ``unit``, or all)."""
        if unit is None:
            return self.granted_all
        return self._granted_by_unit.get(unit, EMPTY_GRANTED)

    def events(self, unit: str | None = None) -> list[RecordedEvent]:
        return list(self._events if unit is None else self._events_by_unit.get(unit, ()))

    def event_dates(self, unit: str) -> dict[str, tuple[dt.date, ...]]:
        return dates_by_event(self._events_by_unit.get(unit, ()))

    # -- for evaluation in bulk -----------------------------------------------------------

    def has_events(self, unit: str) -> bool:
        return unit in self._events_by_unit

    def done(self, unit: str) -> set[str]:
        """``done_key(duty, period)`` of every occurrence of ``unit`` delivered at least once."""
        if self._busy() or not self._grouping:
            return {done_key(k.duty, k.period) for k in self.delivered(unit)}
        self._grouped()
        if unit in self._exact:
            return {done_key(k.duty, k.period) for k in self.delivered(unit)}
        keys = self._keys.get(unit)
        return set(keys.split(SEP_ROW)) if keys else set()

    def first_delivery(self, unit: str, duty: str, period: str) -> Submission | None:
        """The first delivery of one occurrence, with its reference and note (as ``delivered``)."""
        if self._busy() or not self._grouping:
            return self.delivered(unit).get(OccurrenceKey(unit, duty, period))
        self._grouped()
        if unit in self._exact:
            return self.delivered(unit).get(OccurrenceKey(unit, duty, period))
        keys = self._keys.get(unit)
        if not keys or done_key(duty, period) not in keys.split(SEP_ROW):
            return None
        # only for listed items that were delivered: the unit's rows, through the index, once
        if self._first is None or self._first[0] != unit:
            self._first = (unit, self.delivered(unit))
        return self._first[1].get(OccurrenceKey(unit, duty, period))
