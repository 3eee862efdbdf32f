-- A submissions log as schema version 4 wrote it (before one record per occurrence), with two
-- deliveries of one occurrence; made into a file by the `sql=` kind of test_bad_input.py.
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
CREATE TABLE calendar_event (
    uid TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    modified TEXT NOT NULL
);
INSERT INTO meta VALUES ('schema_version', '4');
PRAGMA application_id = 1329744967;
INSERT INTO submission (unit, duty, period, delivered_on, ref, note, recorded_at)
    VALUES ('chibo-1', '76-KH-DU/chi-bo-bao-cao-hang-nam', '2024', '2024-11-25', 'second', NULL, '2024-11-26T02:00:00+00:00');
INSERT INTO submission (unit, duty, period, delivered_on, ref, note, recorded_at)
    VALUES ('chibo-1', '76-KH-DU/chi-bo-bao-cao-hang-nam', '2024', '2024-11-20', 'first', NULL, '2024-11-21T02:00:00+00:00');
