-- A submissions log of schema version 5 with one delivery, one extension and one event;
-- made into a file by the `sql=` kind of test_bad_input.py.
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
ALTER TABLE submission ADD COLUMN replaced_by INTEGER;
ALTER TABLE submission ADD COLUMN reason TEXT;
ALTER TABLE extension ADD COLUMN replaced_by INTEGER;
ALTER TABLE extension ADD COLUMN reason TEXT;
ALTER TABLE event ADD COLUMN replaced_by INTEGER;
ALTER TABLE event ADD COLUMN reason TEXT;
INSERT INTO meta VALUES ('schema_version', '5');
PRAGMA application_id = 1329744967;
INSERT INTO submission (unit, duty, period, delivered_on, ref, note, recorded_at)
    VALUES ('chibo-1', '76-KH-DU/chi-bo-bao-cao-hang-nam', '2024', '2024-11-20', '08-BC/CB', NULL, '2024-11-21T02:00:00+00:00');
INSERT INTO extension (unit, duty, period, until, ref, note, recorded_at)
    VALUES ('xa-X', '76-KH-DU/dang-uy-bao-cao-hang-nam', '2026', '2026-12-04', '45-CV/BTGTU', NULL, '2026-11-20T02:00:00+00:00');
INSERT INTO event (unit, event, happened_on, ref, note, recorded_at)
    VALUES ('don-vi-A', 'nhan-ke-hoach', '2025-03-03', '1-TB', NULL, '2025-03-03T02:00:00+00:00');
