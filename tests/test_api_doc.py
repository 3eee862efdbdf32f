"""docs/api.md's complete example is a real program of the documented API: copied out of the
page, it passes `mypy --strict`, and for every unit of the bundled data and of
tests/fixtures/rules_conflict it prints the effective deadlines `due --format json` gives
(and refuses where `due` refuses: a unit that had ended on the day asked). Its second
example, the log, runs and prints what the page says."""

import contextlib
import io
import json
import os
import re
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from obligations.cli.main import main as cli

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "api.md"
CONFLICT = "tests/fixtures/rules_conflict"


def blocks() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    complete = text.index("## A complete example")
    found = [(m.start(), m.group(1)) for m in re.finditer(r"```python\n(.*?)```", text, re.S)]
    example = next(code for start, code in found if start > complete)
    log = next(code for start, code in found if start > text.index("## The log"))
    return [example, log]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api-doc")
    example, log = blocks()
    (folder / "due_today.py").write_text(example, encoding="utf-8")
    (folder / "log_example.py").write_text(log, encoding="utf-8")
    return folder


def units(hierarchy: Path) -> list[str]:
    with hierarchy.open("rb") as f:
        return [u["id"] for u in tomllib.load(f)["unit"]]


def run_example(script: Path, *args: str) -> tuple[int, str]:
    """The example run as a program (its ``__main__``), in this process: the same code, faster."""
    out = io.StringIO()
    argv = sys.argv
    sys.argv = [str(script), *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            runpy.run_path(str(script), run_name="__main__")
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        sys.argv = argv
    return code, out.getvalue()


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli(list(args))
    return code, out.getvalue()


def test_the_example_passes_mypy_strict(scripts, tmp_path):
    # and a misspelt status is caught: the same example comparing with "overdu" must not pass
    example = (scripts / "due_today.py").read_text(encoding="utf-8")
    assert 'status == "overdue"' in example
    (tmp_path / "misspelt.py").write_text(example.replace('status == "overdue"', 'status == "overdu"'),
                                          encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
                        str(scripts / "due_today.py"), str(scripts / "log_example.py"), str(tmp_path / "misspelt.py")],
                       capture_output=True, text=True, timeout=600, env=dict(os.environ, MYPYPATH=str(ROOT)))
    errors = [line for line in p.stdout.splitlines() if ": error:" in line]
    assert all(line.startswith(str(tmp_path / "misspelt.py")) for line in errors), p.stdout + p.stderr
    assert len(errors) == 1 and "overdu" in errors[0], p.stdout + p.stderr


CASES = ([("", u, "2026-11-23") for u in units(ROOT / "rules" / "hierarchy.toml")]
         + [("", u, "2025-11-20") for u in units(ROOT / "rules" / "hierarchy.toml")]
         + [(CONFLICT, u, "2025-11-03") for u in units(ROOT / CONFLICT / "hierarchy.toml")])


def test_the_example_gives_the_deadlines_due_gives_for_every_unit(scripts, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("OBLIGATIONS_CACHE", "off")
    monkeypatch.setenv("OBLIGATIONS_DB", str(scripts / "no-log.sqlite3"))    # an empty log, never created
    differ, answered, refused = [], 0, 0
    for rules, unit, on in CASES:
        code, out = run_example(scripts / "due_today.py", unit, on, *([rules] if rules else []))
        mine = sorted(line.split("\t")[0] for line in out.splitlines() if line and not line.startswith("#"))
        cli_code, cli_out = run_cli("due", "--unit", unit, "--on", on, "--format", "json",
                                    *(["--rules", rules] if rules else []))
        theirs = sorted(i["deadline"] for i in json.loads(cli_out)["items"]) if cli_code == 0 else None
        if cli_code == 0:
            answered += 1
            if code != 0 or mine != theirs:
                differ.append(f"{unit} {on}: example {mine} (exit {code}), due {theirs}")
        else:
            refused += 1
            if code == 0:
                differ.append(f"{unit} {on}: due refused (exit {cli_code}), the example answered {mine}")
    assert not differ, "\n".join(differ)
    # the bundled data has 10 units on both days, 4 that ended on 2025-06-30; the fixture 3
    assert (answered, refused) == (23, 8)


def test_the_example_shows_own_and_effective_deadlines_apart(scripts, monkeypatch):
    # rules_conflict: xa-C's review "vào tháng 12/2025" (own 31/12/2025) feeds the province's,
    # due "trước ngày 15-11-2025": the effective deadline is 14/11/2025
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("OBLIGATIONS_CACHE", "off")
    p = subprocess.run([sys.executable, str(scripts / "due_today.py"), "xa-C", "2025-11-03", CONFLICT],
                       capture_output=True, text=True, timeout=120, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT), OBLIGATIONS_CACHE="off"))
    assert p.returncode == 0, p.stderr
    rows = [line.split("\t")[:4] for line in p.stdout.splitlines() if not line.startswith("#")]
    assert ["2025-11-14", "2025-12-31", "conflict", "C-1/so-ket"] in rows
    assert "# 0 older overdue items not listed; rules engine: " in p.stdout


def test_the_log_example_prints_what_the_page_says(scripts, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("OBLIGATIONS_CACHE", "off")
    code, out = run_example(scripts / "log_example.py")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("refused: a delivery is already recorded for chibo-1")
    # due Friday 28/11/2025 (30/11 a Sunday), delivered Tuesday 2/12: late by Monday 1/12 and 2/12
    assert "2025-11-28 late 2 76-KH-DU/chi-bo-bao-cao-hang-nam" in lines
    assert lines[-1] == "2025-11-28 2025-12-02"
