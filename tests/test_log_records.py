"""One record per occurrence (issue 22): a second, different record is refused naming the first,
unless it replaces it with a reason; the replaced record stays as history and is shown; notes
and references are bounded in the store; reading commands never create, migrate or write."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from obligations.base.errors import InputError
from obligations.log.store import MIGRATIONS, SCHEMA_VERSION, AlreadyRecorded, SubmissionLog

ROOT = Path(__file__).resolve().parent.parent
YEARLY = "76-KH-DU/chi-bo-bao-cao-hang-nam"
SHAPES = str(ROOT / "tests" / "fixtures" / "shapes")
DATA = ("--rules", SHAPES, "--org", str(Path(SHAPES) / "hierarchy.toml"))


def _rows(path: Path, table: str = "submission") -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


# -- the store ------------------------------------------------------------------------------

def test_a_second_delivery_is_refused_naming_the_first(tmp_path):
    log = SubmissionLog(tmp_path / "log.sqlite3")
    first = log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 20), ref="08-BC/CB")
    before = _rows(log.path)
    with pytest.raises(AlreadyRecorded) as err:
        log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 25))
    text = err.value.render()
    # the record already there: its delivery date, its reference, when it was recorded; and the fix
    assert "delivered on 2024-11-20" in text and "08-BC/CB" in text and first.recorded_at in text
    # the library's fix is neutral (no flag: it is also raised through the API); the command line says its flags
    assert "asking to replace it, with the reason" in text and "--" not in text and str(log.path) in text
    from obligations.render.error_words import cli_text

    assert err.value.code == "already-recorded" and '--replace --reason "why"' in cli_text(err.value)
    assert _rows(log.path) == before


def test_the_same_record_again_writes_nothing(tmp_path):
    log = SubmissionLog(tmp_path / "log.sqlite3")
    first = log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 20), ref="08-BC/CB")
    again = log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 20), ref="08-BC/CB")
    assert again == first and len(_rows(log.path)) == 1


def test_a_replacement_needs_a_reason_and_keeps_the_first_as_history(tmp_path):
    log = SubmissionLog(tmp_path / "log.sqlite3")
    log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 20), ref="08-BC/CB")
    with pytest.raises(InputError, match="needs the reason"):
        log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 25), replace=True)
    with pytest.raises(InputError, match="without asking to replace"):
        log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 25), reason="sửa ngày")
    with pytest.raises(InputError, match="no record of a delivery"):
        log.record_submission("chibo-1", YEARLY, "2023", dt.date(2023, 11, 25), replace=True, reason="x")
    assert len(_rows(log.path)) == 1
    new = log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 25), replace=True,
                                reason="sửa ngày nộp")
    (current,) = log.submissions("chibo-1")
    assert current.delivered_on == dt.date(2024, 11, 25) and current.reason == "sửa ngày nộp" and current == new
    (old,) = log.replaced("chibo-1")
    assert old.delivered_on == dt.date(2024, 11, 20) and old.ref == "08-BC/CB" and old.replaced_by == new.id
    # the delivery in force is the replacement, though the first was earlier
    assert log.delivered("chibo-1")[current.key].delivered_on == dt.date(2024, 11, 25)


def test_extensions_and_events_follow_the_same_rule(tmp_path):
    log = SubmissionLog(tmp_path / "log.sqlite3")
    log.record_extension("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2026", dt.date(2026, 12, 4), "45-CV/BTGTU")
    with pytest.raises(AlreadyRecorded, match="until 2026-12-04"):
        log.record_extension("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2026", dt.date(2026, 12, 11), "51-CV")
    log.record_extension("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2026", dt.date(2026, 12, 11), "51-CV",
                         replace=True, reason="gia hạn lần 2")
    assert [e.until for e in log.granted("xa-X").values()] == [dt.date(2026, 12, 11)]
    log.record_event("don-vi-A", "nhan-ke-hoach", dt.date(2025, 3, 3))
    with pytest.raises(AlreadyRecorded, match="on 2025-03-03"):
        log.record_event("don-vi-A", "nhan-ke-hoach", dt.date(2025, 3, 5))
    log.record_event("don-vi-A", "nhan-ke-hoach", dt.date(2025, 3, 5), replace=True, reason="nhận ngày 5/3")
    assert log.event_dates("don-vi-A") == {"nhan-ke-hoach": (dt.date(2025, 3, 5),)}
    assert {type(r).__name__ for r in log.replaced()} == {"Extension", "RecordedEvent"}


@pytest.mark.parametrize("field,limit", [("note", 1000), ("ref", 200), ("reason", 1000)])
def test_notes_references_and_reasons_are_bounded_without_echoing_them(tmp_path, field, limit):
    log = SubmissionLog(tmp_path / "log.sqlite3")
    log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 20))
    replace = {"replace": True} if field == "reason" else {}
    # the longest kept is kept whole
    kept = log.record_submission("chibo-1", YEARLY, "2024" if replace else "2025", dt.date(2024, 11, 21),
                                 **{field: "a" * limit}, **replace)
    assert getattr(kept, field) == "a" * limit
    before = _rows(log.path)
    with pytest.raises(InputError) as err:
        log.record_submission("chibo-1", YEARLY, "2024" if replace else "2023", dt.date(2023, 11, 21),
                              **{field: "n" * 60_000}, **replace)
    text = err.value.render()
    assert f"the {field} is 60,000 characters long" in text and f"{limit:,}" in text
    assert "n" * 200 not in text and len(text) < 400
    assert _rows(log.path) == before


def test_a_too_long_note_creates_no_log(tmp_path):
    path = tmp_path / "none.sqlite3"
    with pytest.raises(InputError):
        SubmissionLog(path).record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 20), note="x" * 1001)
    assert not path.exists()


# -- an older log -----------------------------------------------------------------------------

def _version_4_log(path: Path) -> None:
    """A log as version 4 wrote it, with two deliveries of one occurrence (accepted then)."""
    conn = sqlite3.connect(path)
    for version in range(1, 5):
        conn.executescript(MIGRATIONS[version])
    conn.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    for day, ref in (("2024-11-25", "second"), ("2024-11-20", "first")):
        conn.execute("INSERT INTO submission (unit, duty, period, delivered_on, ref, recorded_at) "
                     "VALUES ('chibo-1', ?, '2024', ?, ?, '2024-12-01T00:00:00+00:00')", (YEARLY, day, ref))
    conn.execute("INSERT INTO event (unit, event, happened_on, recorded_at) VALUES "
                 "('don-vi-A', 'nhan-ke-hoach', '2025-03-03', 'x')")
    conn.commit()
    conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_log_is_read_as_it_is_and_migrated_by_the_first_write(tmp_path):
    path = tmp_path / "v4.sqlite3"
    _version_4_log(path)
    before = _digest(path)
    log = SubmissionLog(path)
    # read without migrating: the earliest of the two deliveries counts, as it always has
    (sub,) = log.delivered("chibo-1").values()
    assert sub.delivered_on == dt.date(2024, 11, 20) and sub.ref == "first"
    assert log.event_dates("don-vi-A") == {"nhan-ke-hoach": (dt.date(2025, 3, 3),)}
    assert log.schema_version() == 4 and _digest(path) == before and log.replaced() == []
    # a new, different record names the one that counts, and is refused before the file is
    # opened for writing: the older log is not even migrated
    with pytest.raises(AlreadyRecorded, match="delivered on 2024-11-20.*and 1 more"):
        log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 22))
    assert log.schema_version() == 4 and _digest(path) == before
    # a replacement migrates the log, then replaces both
    log.record_submission("chibo-1", YEARLY, "2024", dt.date(2024, 11, 22), replace=True, reason="sửa")
    assert log.schema_version() == SCHEMA_VERSION      # every migration since 4 applied
    assert [s.delivered_on for s in log.submissions()] == [dt.date(2024, 11, 22)]
    assert sorted(r.ref for r in log.replaced()) == ["first", "second"]
    assert log.integrity_check() == "ok"


# -- the command line -------------------------------------------------------------------------

def test_submit_twice_then_replace_through_the_command_line(run_cli, tmp_path):
    db = str(tmp_path / "log.sqlite3")
    base = ("submit", "--unit", "chibo-1", "--duty", YEARLY, "--period", "2024", "--db", db)
    assert run_cli(*base, "--on", "2024-11-20", "--ref", "08-BC/CB")[0] == 0
    code, out, err = run_cli(*base, "--on", "2024-11-25", "--lang", "en")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "delivered on 2024-11-20" in err and "08-BC/CB" in err and "--replace --reason" in err
    code, _, err = run_cli(*base, "--on", "2024-11-25")          # the refusal in the default language
    assert code == 2 and "nộp ngày 20/11/2024" in err and "--replace --reason" in err
    code, _, err = run_cli(*base, "--on", "2024-11-25", "--replace", "--lang", "en")
    assert code == 2 and "needs the reason" in err
    assert run_cli(*base, "--on", "2024-11-25", "--replace", "--reason", "sửa ngày nộp")[0] == 0
    code, out, _ = run_cli("status", "--unit", "chibo-1", "--year", "2024", "--format", "json", "--db", db)
    (row,) = [r for r in json.loads(out)["items"] if r["duty"] == YEARLY]
    assert row["delivered_on"] == "2024-11-25" and row["reason"] == "sửa ngày nộp"
    assert [(r["date"], r["ref"]) for r in row["replaced"]] == [("2024-11-20", "08-BC/CB")]
    _, vi, _ = run_cli("status", "--unit", "chibo-1", "--year", "2024", "--db", db)
    _, en, _ = run_cli("status", "--unit", "chibo-1", "--year", "2024", "--db", db, "--lang", "en")
    assert "thay cho bản ghi trước: nộp 20/11/2024 (08-BC/CB)" in vi and "lý do thay: sửa ngày nộp" in vi
    assert "replaces the earlier record: delivered 2024-11-20 (08-BC/CB)" in en and "replaces" not in vi
    code, out, _ = run_cli("explain", "--unit", "chibo-1", "--duty", YEARLY, "--period", "2024", "--db", db,
                           "--format", "json")
    doc = json.loads(out)
    assert doc["submission"]["delivered_on"] == "2024-11-25" and doc["submission"]["reason"] == "sửa ngày nộp"
    assert [(r["kind"], r["date"]) for r in doc["replaced"]] == [("submission", "2024-11-20")]
    _, vi, _ = run_cli("explain", "--unit", "chibo-1", "--duty", YEARLY, "--period", "2024", "--db", db)
    _, en, _ = run_cli("explain", "--unit", "chibo-1", "--duty", YEARLY, "--period", "2024", "--db", db,
                       "--lang", "en")
    assert "Bản ghi đã bị thay: nộp ngày 20/11/2024 (08-BC/CB)" in vi and "Replaced record" not in vi
    assert "Replaced record: delivered on 2024-11-20 (08-BC/CB)" in en


def test_a_corrected_event_date_gives_one_deadline(run_cli, tmp_path):
    """"3/3, no: 5/3": refused, then replaced; `due` lists one deadline for the plan, 15 days
    after 5/3 (Art. 147: counted from the next day) = 20/3/2025, a Thursday."""
    db = str(tmp_path / "log.sqlite3")
    event = ("event", *DATA, "--unit", "don-vi-A", "--event", "nhan-ke-hoach", "--db", db)
    assert run_cli(*event, "--on", "2025-03-03")[0] == 0
    code, _, err = run_cli(*event, "--on", "2025-03-05", "--lang", "en")
    assert code == 2 and "on 2025-03-03" in err and "--replace" in err
    assert run_cli(*event, "--on", "2025-03-05", "--replace", "--reason", "nhận ngày 5/3")[0] == 0
    code, out, err = run_cli("due", *DATA, "--unit", "don-vi-A", "--on", "2025-03-10", "--format", "json",
                             "--db", db)
    assert code == 0, err
    s06 = [(i["period"], i["deadline"]) for i in json.loads(out)["items"] if i["duty"] == "SHAPES/s06"]
    assert s06 == [("2025-03-05", "2025-03-20")]
    _, out, _ = run_cli("status", *DATA, "--unit", "don-vi-A", "--on", "2025-07-01", "--db", db, "--format", "json")
    (ev,) = [e for e in json.loads(out)["events"] if e["event"] == "nhan-ke-hoach"]
    assert ev["on"] == "2025-03-05" and ev["reason"] == "nhận ngày 5/3" and ev["replaced"][0]["date"] == "2025-03-03"


READERS = [
    ("due", "--unit", "xa-X", "--on", "2026-11-23"),
    ("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "json"),
    ("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "csv"),
    ("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "ics"),
    ("due", "--under", "xa-X", "--on", "2026-11-23"),
    ("status", "--unit", "chibo-1", "--on", "2026-11-23"),
    ("status", "--unit", "chibo-1", "--on", "2026-11-23", "--format", "json"),
    ("explain", "--unit", "chibo-1", "--duty", YEARLY, "--period", "2025", "--on", "2026-11-23"),
    ("export", "--unit", "xa-X", "--from", "2026-01-01", "--to", "2026-12-31", "--on", "2026-11-23"),
    ("export", "--unit", "xa-X", "--from", "2026-01-01", "--to", "2026-12-31", "--on", "2026-11-23",
     "--format", "csv"),
    ("timeline", "--unit", "xa-X", "--year", "2026"),
]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_reading_commands_create_no_log(run_cli, tmp_path, argv):
    db = tmp_path / "new.sqlite3"
    code, out, err = run_cli(*argv, "--db", str(db))
    assert code == 0, err
    assert list(tmp_path.iterdir()) == []          # no log, no -wal, no -shm


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_reading_commands_leave_an_older_log_as_it_is(run_cli, tmp_path, argv):
    db = tmp_path / "v4.sqlite3"
    _version_4_log(db)
    before = _digest(db)
    code, out, err = run_cli(*argv, "--db", str(db))
    assert code == 0, err
    assert _digest(db) == before and SubmissionLog(db).schema_version() == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v4.sqlite3"]
