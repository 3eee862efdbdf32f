"""The submissions log under faults: concurrent writers, a killed writer, a full disk and
a read-only file. Nothing acknowledged is lost, nothing is duplicated, the file stays sound,
and each fault is one message with exit 2 naming the file."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from obligations.base.errors import InputError
from obligations.log.store import SubmissionLog

ROOT = Path(__file__).parent.parent
DUTY = "76-KH-DU/chi-bo-bao-cao-hang-nam"
DAY = dt.date(2025, 11, 20)

WRITER = """
import datetime as dt, sys
from obligations.log.store import SubmissionLog
log = SubmissionLog(sys.argv[1])
name, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    log.record_submission("chibo-1", "d", f"{name}-{i}", dt.date(2025, 1, 1))
    print(f"{name}-{i}", flush=True)
"""


def _writer(path: Path, name: str, count: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count)],
                            stdout=subprocess.PIPE, text=True, env=env)


def test_three_writers_of_200_lose_and_duplicate_nothing(tmp_path):
    path = tmp_path / "log.sqlite3"
    SubmissionLog(path).record_submission("chibo-1", "d", "warm-up", DAY)
    writers = [_writer(path, f"w{n}", 200) for n in range(3)]
    for proc in writers:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0 and len(out.split()) == 200
    periods = [s.period for s in SubmissionLog(path).submissions()]
    expected = {f"w{n}-{i}" for n in range(3) for i in range(200)} | {"warm-up"}
    assert len(periods) == len(set(periods)) == 601 and set(periods) == expected
    assert SubmissionLog(path).integrity_check() == "ok"


def test_sigkill_during_writes_keeps_every_acknowledged_write(tmp_path):
    path = tmp_path / "log.sqlite3"
    proc = _writer(path, "k", 100_000)
    acked = []
    deadline = time.time() + 60
    while len(acked) < 150 and time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acked.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    acked += [line.strip() for line in proc.stdout.read().split()]   # printed before the kill
    log = SubmissionLog(path)
    assert log.integrity_check() == "ok"
    periods = [s.period for s in log.submissions()]
    assert len(acked) >= 150 and set(acked) <= set(periods) and len(periods) == len(set(periods))


def _can_mount() -> bool:
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        return False
    probe = Path("/tmp") / f"obligations-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", str(probe)], capture_output=True)
        return ok
    finally:
        probe.rmdir()


CAN_MOUNT = _can_mount()


@contextmanager
def _tmpfs(where: Path, size: str):
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(directory: Path) -> None:
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 1024)
    except OSError:
        pass
    finally:
        os.close(fd)


def _assert_full_disk_reported(log: SubmissionLog) -> list[str]:
    """Writes until the disk is full; the periods whose write returned (was acknowledged)."""
    acked: list[str] = []
    with pytest.raises(InputError) as err:
        for i in range(800):     # notes of the longest kept (1,000 characters) fill 128 KiB
            log.record_submission("chibo-1", "d", f"full-{i}", DAY, note="x" * 1000)
            acked.append(f"full-{i}")
    text = err.value.render()
    assert "disk is full" in text and str(log.path) in text and "rollback" not in text
    from obligations.cli.exits import EXIT_STATUS

    assert err.value.code == "log-file" and EXIT_STATUS[err.value.code] == 2     # the command line exits 2
    return acked


@pytest.mark.skipif(not CAN_MOUNT, reason="mounting a tmpfs needs root on Linux (the injected case still runs)")
def test_full_disk_on_a_small_tmpfs(tmp_path):
    with _tmpfs(tmp_path / "disk", "128k") as disk:
        log = SubmissionLog(disk / "log.sqlite3")
        log.record_submission("chibo-1", "d", "before", DAY)
        held = log._connect(create=True)    # keeps -wal and -shm in place, as a long-lived reader would
        try:
            _fill(disk)
            acked = _assert_full_disk_reported(log)
            os.remove(disk / "filler")
        finally:
            held.close()
        assert log.integrity_check() == "ok"
        # every acknowledged write is kept, once; the one that failed left nothing
        assert [s.period for s in log.submissions()] == ["before", *acked]


def test_full_disk_injected_as_sqlite_full(tmp_path, monkeypatch):
    """SQLITE_FULL without a small disk: the log may not grow past its current pages."""
    log = SubmissionLog(tmp_path / "log.sqlite3")
    log.record_submission("chibo-1", "d", "before", DAY)
    real = sqlite3.connect

    def capped(*args, **kwargs):
        conn = real(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", capped)
    acked = _assert_full_disk_reported(log)
    monkeypatch.setattr(sqlite3, "connect", real)
    assert log.integrity_check() == "ok"
    assert [s.period for s in log.submissions()] == ["before", *acked]


def test_read_only_log_is_exit_2_with_the_file(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "log.sqlite3"
    SubmissionLog(path).record_submission("chibo-1", DUTY, "2024", DAY)
    before = path.read_bytes()
    if os.geteuid() != 0:
        path.chmod(0o444)
        tmp_path.chmod(0o555)
    else:   # root writes through file modes: inject what a read-only file gives, SQLITE_READONLY
        real = sqlite3.connect

        def read_only(*args, **kwargs):
            conn = real(*args, **kwargs)
            conn.execute("PRAGMA query_only = 1")
            return conn

        monkeypatch.setattr(sqlite3, "connect", read_only)
    try:
        code, out, err = run_cli("submit", "--lang", "en", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025",
                                 "--on", "2025-11-20", "--db", str(path))
    finally:
        tmp_path.chmod(0o755)
    assert code == 2 and "read-only" in err and str(path) in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


@pytest.mark.skipif(not CAN_MOUNT, reason="mounting a tmpfs needs root on Linux")
def test_read_only_file_system(tmp_path, run_cli):
    with _tmpfs(tmp_path / "disk", "1m") as disk:
        path = disk / "log.sqlite3"
        SubmissionLog(path).record_submission("chibo-1", DUTY, "2024", DAY)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, out, err = run_cli("submit", "--lang", "en", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025",
                                 "--on", "2025-11-20", "--db", str(path))
        assert code == 2 and str(path) in err and "read-only" in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1
        code, out, err = run_cli("status", "--unit", "chibo-1", "--on", "2025-11-20", "--db", str(path),
                                 "--format", "json")
        assert code == 0 and '"delivered_on": "2025-11-20"' in out   # reading needs no -shm
