"""Without durable-rules (an install with no C compiler: `pip install obligations` leaves the
extra `durable` out) the pure-Python evaluator answers, identically, and says so.

durable-rules is hidden by putting tests/fixtures/no_durable first on PYTHONPATH: its
`durable` package fails to import as a missing one does. `.ci/run` also runs the engine
tests that way."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from obligations.status.engine import durable_available

ROOT = Path(__file__).resolve().parent.parent
HIDE = ROOT / "tests" / "fixtures" / "no_durable"


def run(*args, hide):
    env = dict(os.environ, OBLIGATIONS_CACHE="off", OBLIGATIONS_DB=str(ROOT / "tests" / "no-such-log.sqlite3"))
    env.pop("OBLIGATIONS_ENGINE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(HIDE)] * hide + [str(ROOT)])
    return subprocess.run([sys.executable, "-m", "obligations", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_the_shim_hides_durable():
    p = subprocess.run([sys.executable, "-c", "from obligations.status.engine import durable_available as d; "
                        "print(d())"], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(HIDE), str(ROOT)])))
    assert p.stdout.strip() == "False", p.stderr


def test_version_says_which_engine_answers():
    hidden = run("--version", "--lang", "en", hide=True)
    assert hidden.returncode == 0
    assert "rules engine: python" in hidden.stdout and "obligations[durable]" in hidden.stdout
    if durable_available():
        assert "rules engine: durable" in run("--lang", "en", "--version", hide=False).stdout


def test_version_says_it_in_vietnamese_by_default():
    hidden = run("--version", hide=True)
    assert hidden.returncode == 0
    assert "bộ máy quy tắc: python (chưa cài durable-rules" in hidden.stdout, hidden.stdout
    assert "obligations[durable]" in hidden.stdout and "rules engine" not in hidden.stdout, hidden.stdout


@pytest.mark.parametrize("unit,on,rules", [("xa-X", "2026-11-23", None), ("chibo-1", "2025-11-20", None),
                                           ("xa-C", "2025-11-03", "tests/fixtures/rules_conflict")])
def test_due_answers_the_same_without_durable(unit, on, rules):
    args = ["due", "--unit", unit, "--on", on, "--format", "json", "--lookback", "3000"]
    args += ["--rules", rules] if rules else []
    hidden = run(*args, hide=True)
    assert hidden.returncode == 0, hidden.stderr
    doc = json.loads(hidden.stdout)
    assert doc["engine"] == "python"          # the output says which engine answered
    assert doc["items"], "nothing to compare"
    if not durable_available():
        pytest.skip("durable-rules is not installed here: nothing to compare the python engine with")
    shown = run(*args, hide=False)
    other = json.loads(shown.stdout)
    assert other["engine"] == "durable"
    doc.pop("engine"), other.pop("engine")
    assert doc == other
