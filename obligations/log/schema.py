"""The schema of the submissions log: its version and the migrations that reach it, and
the longest values it keeps."""

from __future__ import annotations

SCHEMA_VERSION = 7

# The longest note, reference, reason and key (unit, duty, period, event) kept. A note is a
# sentence or two for the office ("gửi qua bưu điện, bản ký ngày 20/11"); a reference a
# document number ("08-BC/CB", "45-CV/BTGTU"); a key is checked against the rules before it
# comes here (a duty id is a directive id and a duty id of at most 100 characters each). A
# longer value is a mistake or an attack: stored, it would be echoed in every later answer.
LIMITS = {"note": 1000, "reason": 1000, "ref": 200, "key": 250, "by": 200}

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
    # A record replaced by a later one (a corrected delivery date, event date, extension)
    # stays as history: ``replaced_by`` is the id of the record that replaced it, ``reason``
    # (on the new record) says why. Rows written before version 5 are current records.
    5: """
        ALTER TABLE submission ADD COLUMN replaced_by INTEGER;
        ALTER TABLE submission ADD COLUMN reason TEXT;
        ALTER TABLE extension ADD COLUMN replaced_by INTEGER;
        ALTER TABLE extension ADD COLUMN reason TEXT;
        ALTER TABLE event ADD COLUMN replaced_by INTEGER;
        ALTER TABLE event ADD COLUMN reason TEXT;
    """,
    # A unit's acknowledgement of a change (``changes --ack``, log/acks.py): the occurrence,
    # the kind of change and both deadlines ('' where there is none), who and when.
    6: """
        CREATE TABLE change_ack (
            id INTEGER PRIMARY KEY,
            unit TEXT NOT NULL,
            duty TEXT NOT NULL,
            period TEXT NOT NULL,
            change TEXT NOT NULL,
            old_deadline TEXT NOT NULL,
            new_deadline TEXT NOT NULL,
            by_name TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX change_ack_unit ON change_ack (unit);
    """,
    # What `notify` sent (obligations/log/notices.py): one row per attempt at a notice on one
    # channel. A notice is sent at most once per (occurrence, kind, day, channel): the unique
    # index over the rows that went through ("sent") makes a second run of a day send nothing.
    7: """
        CREATE TABLE notification (
            id INTEGER PRIMARY KEY,
            occurrence TEXT NOT NULL,
            kind TEXT NOT NULL,
            day TEXT NOT NULL,
            channel TEXT NOT NULL,
            unit TEXT NOT NULL,
            event_id TEXT NOT NULL,
            deadline TEXT NOT NULL,
            status TEXT NOT NULL,
            tries INTEGER NOT NULL,
            detail TEXT,
            run_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX notification_sent ON notification (occurrence, kind, day, channel)
            WHERE status = 'sent';
        CREATE INDEX notification_occurrence ON notification (occurrence);
    """,
}

# The version that created each table of records: an older log is read without it.
TABLE_SINCE = {"submission": 1, "extension": 2, "event": 3}
