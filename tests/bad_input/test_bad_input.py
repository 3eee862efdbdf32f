"""The hostile-input corpus: every case of cases.toml run as a user would, in a subprocess.

Each case states a command line, the exit code and a word its message must contain; the
run must end within the timeout (no hang on pipes or devices), print no traceback, keep
its error to at most five lines, and leave every file named in `unchanged` byte for byte
as it was (nothing written to a file that is not ours).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from obligations.base import paths

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
# cases.toml, then one file per area (cases-<area>.toml): each area's cases are written apart
CASES = [case for file in sorted(HERE.glob("cases*.toml"))
         for case in tomllib.loads(file.read_text(encoding="utf-8"))["case"]]
TIMEOUT = 30
XFAIL_TIMEOUT = 3   # cases expected to fail until another branch lands may still hang: fail them fast


def _make(spec: str, tmp: Path) -> None:
    kind, _, target = spec.partition(":")
    path = Path(target.replace("{tmp}", str(tmp)))
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink_loop":
        os.symlink(path.with_name(path.name + "-2"), path)
        os.symlink(path, path.with_name(path.name + "-2"))
    elif kind == "file":
        path.write_text("ghi chép, không phải cơ sở dữ liệu\n", encoding="utf-8")
    elif kind == "dir":
        path.mkdir()
    elif kind == "foreign_sqlite":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
            conn.execute("INSERT INTO contacts VALUES ('a', '1')")
        conn.close()
    elif kind in ("log_bad_version", "log_bad_date"):
        from obligations.log.store import SubmissionLog

        log = SubmissionLog(path)
        log.record_submission("chibo-1", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", paths_date())
        with sqlite3.connect(path) as conn:
            if kind == "log_bad_version":
                conn.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
            else:
                conn.execute("UPDATE submission SET delivered_on = '2025-13-45'")
        conn.close()
    elif kind.startswith("sql="):     # "sql=FILE:{tmp}/x.db": the SQL script FILE of this folder run into a new file
        with sqlite3.connect(path) as conn:
            conn.executescript((HERE / kind[4:]).read_text(encoding="utf-8"))
        conn.close()
    elif kind == "big":
        path.write_text("# padding\n" * 500_000, encoding="utf-8")     # 5 MB
    elif kind == "bigkey":
        path.write_text((HERE / "rules" / "title-empty.toml").read_text(encoding="utf-8")
                        .replace('title_en = "   "', 'title_en = "a"') + "k" * 1_000_000 + " = 1\n",
                        encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    else:
        raise ValueError(spec)


def paths_date():
    import datetime as dt

    return dt.date(2025, 11, 20)


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=False, reason=case["xfail"])] if "xfail" in case else []
        yield pytest.param(case, id=case["name"], marks=marks)


def prepare(case: dict, tmp: Path) -> None:
    """The case's data in its folder ``tmp``: copies of the bundled data with its file, special files."""
    if "rules" in case or case.get("copy_rules"):
        shutil.copytree(paths.rules_dir(), tmp / "rules")
        if "rules" in case:
            shutil.copy(HERE / case["rules"], tmp / "rules" / case.get("rules_name", "zz-bad.toml"))
    if "org" in case:
        shutil.copy(HERE / case["org"], tmp / "org.toml")
    if "calendars" in case or case.get("copy_calendars"):
        shutil.copytree(paths.calendars_dir(), tmp / "cal")
        if "calendars" in case:
            target = tmp / "cal" / case.get("calendars_name", "vietnam.toml")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(HERE / case["calendars"], target)
    for spec in case.get("make", []):
        _make(spec, tmp)


@pytest.mark.parametrize("case", list(_params()))
def test_hostile_input(case, tmp_path):
    tmp = tmp_path
    prepare(case, tmp)
    unchanged = {p: _digest(Path(p.replace("{tmp}", str(tmp)))) for p in case.get("unchanged", [])}
    argv = [a.replace("{tmp}", str(tmp)).replace("{corpus}", str(HERE)) for a in case["argv"]]
    env = dict(os.environ, PYTHONPATH=str(ROOT), OBLIGATIONS_DB=str(tmp / "default.sqlite3"),
               **case.get("env", {}))
    env.pop("OBLIGATIONS_DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "obligations", *argv], capture_output=True, cwd=tmp,
                            env=env, timeout=XFAIL_TIMEOUT if "xfail" in case else TIMEOUT, stdin=subprocess.DEVNULL)
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == case["exit"], f"exit {result.returncode}\nstdout: {out[:2000]}\nstderr: {err[:2000]}"
    assert case["word"] in out + err, f"stdout: {out[:2000]}\nstderr: {err[:2000]}"
    assert "Traceback" not in out + err and "internal error" not in err and "lỗi nội bộ" not in err
    assert len(err.strip().splitlines()) <= 5 and len(err) < 4000, err[:4000]
    assert "\x1b" not in err
    # every refusal carries its fix: ObligationsError.render() ends each problem with "(fix)"
    # (argparse's usage errors end with "(see … --help)")
    for line in err.strip().splitlines() if result.returncode != 0 else []:
        assert line.rstrip().endswith(")"), f"a problem without its fix: {line}"
    for name, before in unchanged.items():
        assert _digest(Path(name.replace("{tmp}", str(tmp)))) == before, f"{name} was changed"
