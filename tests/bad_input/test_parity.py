"""One loader: whatever `due` refuses (exit 2), `check` reports (exit 1), with the same words.

For every case of every cases*.toml that concerns data files (a rules directory, a hierarchy
or calendar data, given with --rules, --org or --calendars), the case's data is made as the
corpus makes it (test_bad_input.prepare) and both commands are run on it: `due --unit U --on
2026-11-23` (U: the case's own unit, else xa-X) and `check`. Whenever `due` exits 2 for the
data, `check` must exit non-zero and print every problem `due` printed.

The commands are run in-process through ``obligations.cli.main.main``, the function that
``python -m obligations`` calls and whose value is its exit code (obligations/__main__.py):
the same code path, about six times faster than subprocesses (measured on a refused case:
3.2 s for `due` and `check` as two processes, 0.55 s in-process; the 82 data cases of the
corpus take about 35 s here). What a subprocess adds (no hang, no traceback, a short
message) the corpus itself asserts for each case; here an alarm fails a run that would hang.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from bad_input.test_bad_input import CASES, HERE, prepare

DATA_FLAGS = ("--rules", "--org", "--calendars")
ON = "2026-11-23"
LIMIT = 60   # seconds: a run that takes longer is taken for a hang


def _data_args(argv: list[str]) -> list[str]:
    """The --rules, --org and --calendars options of a command line, in their order."""
    return [part for i, flag in enumerate(argv[:-1]) if flag in DATA_FLAGS for part in (flag, argv[i + 1])]


def _unit(argv: list[str]) -> str:
    return argv[argv.index("--unit") + 1] if "--unit" in argv[:-1] else "xa-X"


DATA_CASES = [case for case in CASES if _data_args(case["argv"])]


class _Hung(BaseException):
    """Raised by the alarm: not an Exception, so that the command line cannot swallow it."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from obligations.cli.main import main

    def hung(signum: int, frame: object) -> None:
        raise _Hung(f"{argv[0]} ran for more than {LIMIT} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(LIMIT)
    try:
        code = main(list(argv))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _problems(err: str) -> list[str]:
    """The problems `due` printed, one a line, without the prefix and the "… and N more" line."""
    return [line.removeprefix("obligations: ") for line in err.splitlines()
            if line.startswith("obligations: ") and not line.startswith("obligations: … and ")]


def test_the_corpus_has_data_cases():
    # the parity below is only as good as the cases it runs: rules, hierarchy and calendar cases
    assert len(DATA_CASES) >= 70
    flags = {flag for case in DATA_CASES for flag in _data_args(case["argv"])[::2]}
    assert flags == set(DATA_FLAGS)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in DATA_CASES])
def test_check_fails_whenever_due_refuses(case, lang, tmp_path, capsys):
    """The same words in one language: both commands are asked in ``lang`` (`due` says its refusals
    in Vietnamese by default, `check` in English)."""
    prepare(case, tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{corpus}", str(HERE)) for a in case["argv"]]
    data = _data_args(argv)
    due_code, _, due_err = _run(capsys, "due", "--unit", _unit(argv), "--on", ON, *data, "--lang", lang)
    check_code, check_out, check_err = _run(capsys, "check", *data, "--lang", lang)
    assert due_code in (0, 2) and check_code in (0, 1, 2), (due_code, due_err, check_code, check_err)
    unknown_unit = "unknown unit" in due_err or "không có đơn vị" in due_err
    if due_code != 2 or unknown_unit:
        # `due` answered: the data loads (`check` may still find more, e.g. an example that differs)
        assert due_code == 0 or unknown_unit, due_err
        return
    assert check_code != 0, f"due refused the data, check said OK:\n{due_err}\n{check_out[-2000:]}"
    said = check_out + check_err
    missing = [p for p in _problems(due_err) if p not in said]
    assert not missing, f"due said, check did not:\n{missing}\ncheck said:\n{said[-3000:]}"


def test_a_repeated_directory_is_refused_by_both(tmp_path, capsys):
    """--rules rules --rules rules: refused with a message that says so (docs/rules.md
    section 9), not "already defined in the same file"."""
    rules = str(Path(__file__).parent.parent.parent / "rules")
    code, _, err = _run(capsys, "due", "--unit", "xa-X", "--on", ON, "--rules", rules, "--rules", rules)
    assert code == 2 and "được chỉ hai lần" in err and "already defined" not in err
    assert len(err.strip().splitlines()) == 1          # one message, not one per directive
    code, out, _ = _run(capsys, "check", "--rules", rules, "--rules", rules)
    assert code == 1 and "given twice" in out and "1 problem(s) found" in out
