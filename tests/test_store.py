"""The submissions log: statuses, extensions, concurrency, crashes, schema and bad files."""

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from obligations.log.store import SCHEMA_VERSION, SubmissionLog

DUTY = "76-KH-DU/chi-bo-bao-cao-hang-nam"


def test_submit_marks_due_done_and_status_reports_on_time_late_missing_open(run_cli):
    assert run_cli("submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2024", "--on", "2024-11-20",
                   "--ref", "08-BC/CB")[0] == 0
    assert run_cli("submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--on", "2025-11-25")[0] == 0
    assert run_cli("submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2023", "--on", "2023-12-05")[0] == 0
    code, out, _ = run_cli("status", "--unit", "chibo-1", "--on", "2026-12-01", "--format", "json")
    assert code == 0
    rows = {(r["duty"], r["period"]): r for r in json.loads(out)["items"]}
    # No document states a lead time: the deadline is the plan's own "in November".
    # 2024: 30/11/2024 Saturday -> 29/11; delivered 20/11: on time.
    assert rows[(DUTY, "2024")]["result"] == "on_time" and rows[(DUTY, "2024")]["ref"] == "08-BC/CB"
    # 2025: 28/11 (30/11 Sunday); delivered Tuesday 25/11, "in November" as asked: on time.
    assert rows[(DUTY, "2025")]["result"] == "on_time" and rows[(DUTY, "2025")]["deadline"] == "2025-11-28"
    # 2023: 30/11/2023 Thursday; delivered Tuesday 5/12: 1/12, 4/12, 5/12 -> late by 3 working days.
    assert rows[(DUTY, "2023")]["result"] == "late" and rows[(DUTY, "2023")]["late_working_days"] == 3
    # 2026: 30/11/2026 Monday; nothing delivered by 1/12: missing.
    assert rows[(DUTY, "2026")]["result"] == "missing" and rows[(DUTY, "2026")]["deadline"] == "2026-11-30"
    _, out, _ = run_cli("status", "--unit", "chibo-1", "--on", "2026-11-10", "--year", "2026", "--format", "json")
    assert {r["period"]: r["result"] for r in json.loads(out)["items"] if r["duty"] == DUTY} == {"2026": "open"}
    code, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2025-11-27", "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == DUTY]
    assert item["status"] == "done" and item["submission"]["delivered_on"] == "2025-11-25"
    code, out, _ = run_cli("status", "--unit", "chibo-1", "--year", "2023", "--on", "2026-01-05", "--lang", "en")
    assert "late by 3 working days, delivered 2023-12-05" in out and "Total: 0 on time, 1 late" in out


def test_extension_moves_the_deadline_and_is_explained(run_cli):
    assert run_cli("extend", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam", "--period", "2026",
                   "--until", "2026-12-05", "--ref", "45-CV/BTGTU")[0] == 0
    code, out, _ = run_cli("explain", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam",
                           "--period", "2026", "--format", "json")
    doc = json.loads(out)
    # 5/12/2026 is a Saturday: the extension is placed on Friday 4/12 by the duty's roll policy.
    assert doc["deadline"] == "2026-12-04" and doc["own_deadline"] == "2026-11-30"
    assert doc["decided_by"][0]["kind"] == "extension" and "45-CV/BTGTU" in doc["decided_by"][0]["source"]
    # the cells' own "in November" (30/11/2026, Monday) is earlier than the extended 4/12: it stands.
    code, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2026-11-23", "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == DUTY and i["period"] == "2026"]
    assert item["deadline"] == "2026-11-30" and item["own_deadline"] == "2026-11-30"


@pytest.mark.parametrize("argv,message", [
    (["submit", "--unit", "xa-Q", "--duty", DUTY, "--period", "2025"], "unknown unit 'xa-Q'"),
    (["submit", "--unit", "chibo-1", "--duty", "nope", "--period", "2025"], "unknown duty 'nope'"),
    (["submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2019"], "has no period '2019'"),
    (["submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--on", "2099-01-01"], "in the future"),
    (["submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--on", "2025-02-30"], "not a valid date"),
    (["extend", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--until", "2025-11-01", "--ref", "x"],
     "must be later than the deadline"),
    (["extend", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--until", "2025-12-20", "--ref", " "],
     "needs the reference"),
])
def test_bad_input_writes_nothing(run_cli, private_database, argv, message):
    code, out, err = run_cli(*argv, "--lang", "en")
    assert code == 2 and message in err and "Traceback" not in err
    assert not private_database.exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_sqlite_is_refused_untouched(run_cli, tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("ghi chép, không phải cơ sở dữ liệu\n", encoding="utf-8")
    before = _digest(bogus)
    code, _, err = run_cli("submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--on", "2025-11-20",
                           "--db", str(bogus), "--lang", "en")
    assert code == 2 and "not an SQLite database" in err and _digest(bogus) == before
    code, _, err = run_cli("due", "--unit", "chibo-1", "--db", str(bogus), "--lang", "en")
    assert code == 2 and "not an SQLite database" in err


def test_a_newer_schema_is_refused_untouched(run_cli, tmp_path):
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION + 1),))
    conn.close()
    before = _digest(newer)
    code, _, err = run_cli("submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--on", "2025-11-20",
                           "--db", str(newer))
    assert code == 2 and f"phiên bản lược đồ {SCHEMA_VERSION + 1}" in err and _digest(newer) == before


def test_migration_from_version_1_keeps_the_data(tmp_path):
    from obligations.log.store import MIGRATIONS

    old = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(old)
    conn.executescript(MIGRATIONS[1])
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO submission (unit, duty, period, delivered_on, recorded_at) "
                 "VALUES ('chibo-1', ?, '2024', '2024-11-20', 'x')", (DUTY,))
    conn.commit()
    conn.close()
    log = SubmissionLog(old)
    log.record_extension("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2026", dt.date(2026, 12, 4), "45-CV")
    assert log.schema_version() == SCHEMA_VERSION
    assert [s.period for s in log.submissions()] == ["2024"] and len(log.extensions()) == 1
    assert log.integrity_check() == "ok"


WRITER = """
import datetime as dt, sys
from obligations.log.store import SubmissionLog
log = SubmissionLog(sys.argv[1])
for i in range(int(sys.argv[3])):
    log.record_submission("chibo-1", "d", f"{sys.argv[2]}-{i}", dt.date(2025, 1, 1), ref=str(i))
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    SubmissionLog(path).record_submission("chibo-1", "d", "warm-up", dt.date(2025, 1, 1))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "150"]) for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    periods = {s.period for s in SubmissionLog(path).submissions()}
    assert len(periods) == 301 and {f"a-{i}" for i in range(150)} <= periods and {f"b-{i}" for i in range(150)} <= periods
    assert SubmissionLog(path).integrity_check() == "ok"


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_process_killed_mid_write_leaves_a_sound_database(tmp_path):
    path = tmp_path / "crash.sqlite3"
    SubmissionLog(path).record_submission("chibo-1", "d", "first", dt.date(2025, 1, 1))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "k", "100000"])
    deadline = time.time() + 30
    while time.time() < deadline and len(SubmissionLog(path).submissions()) < 50:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    log = SubmissionLog(path)
    assert log.integrity_check() == "ok"
    rows = log.submissions()
    assert len(rows) >= 50 and rows[0].period == "first"
    # every committed row is whole, and the log still takes writes
    assert all(r.ref is not None for r in rows[1:])
    log.record_submission("chibo-1", "d", "after", dt.date(2025, 1, 2))
    assert log.submissions()[-1].period == "after"


def test_python_api_for_the_log(tmp_path):
    import obligations
    from obligations.log.store import SubmissionLog

    ws = obligations.load()
    log = SubmissionLog(tmp_path / "api.sqlite3")
    ws.record_submission(log, "chibo-1", DUTY, "2025", dt.date(2025, 11, 20), today=dt.date(2026, 1, 1), ref="1-BC")
    report = ws.due("chibo-1", dt.date(2025, 11, 21), log=log)
    (item,) = [i for i in report.items if i.occurrence.duty.id == DUTY]
    assert item.status == "done" and item.submission.ref == "1-BC"


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    # the command line reads the environment and hands the path to the library
    from obligations.cli.environment import db_path as default_path

    monkeypatch.setenv("OBLIGATIONS_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("OBLIGATIONS_DB")
    assert default_path().name == "submissions.sqlite3" and "obligations" in str(default_path())
