"""Errors as data (issue 24): a stable code from one closed set, neutral fixes, the edges' words
and statuses from the code, and the table of docs/errors.md that lists exactly those codes."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import get_args

import pytest

from obligations.base.errors import CODES, ErrorCode, InputError, ObligationsError, Problems

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "obligations"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _error_classes() -> dict[str, type[ObligationsError]]:
    import obligations.log.model  # noqa: F401  (AlreadyRecorded)
    import obligations.web.data  # noqa: F401  (UnknownUnit)

    found: dict[str, type[ObligationsError]] = {}
    todo: list[type[ObligationsError]] = [ObligationsError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _calls() -> list[tuple[Path, ast.Call, str]]:
    """Every call in the package, with the name it calls (``f`` of ``f(...)`` or ``x.f(...)``)."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                out.append((path, node, name))
    return out


def _texts(node: ast.AST) -> list[str]:
    """The literal text of an expression: its string constants and the literal parts of f-strings."""
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


# -- one closed set, documented ----------------------------------------------------------------------

def _documented() -> dict[str, tuple[str, str]]:
    """docs/errors.md's table of codes: code -> (CLI exit, HTTP status)."""
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    table = text.split("## The codes", 1)[1]
    rows = re.findall(r"^\| `([a-z-]+)` \|[^|]*\| (\d+) \| (\d+) \|", table, flags=re.M)
    return {code: (exit_, http) for code, exit_, http in rows}


def test_the_docs_table_lists_exactly_the_codes_with_their_statuses():
    from obligations.cli.exits import EXIT_STATUS
    from obligations.web.errors import HTTP_STATUS

    documented = _documented()
    assert set(documented) == set(get_args(ErrorCode)) == set(CODES)
    assert len(documented) == len(re.findall(r"^\| `[a-z-]+` \|", (ROOT / "docs" / "errors.md").read_text(
        encoding="utf-8").split("## The codes", 1)[1], flags=re.M)), "a code listed twice"
    assert {c: (str(EXIT_STATUS[c]), str(HTTP_STATUS[c])) for c in CODES} == documented


def test_the_docs_page_is_linked():
    assert "docs/errors.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_codes_are_kebab_case_and_each_means_something():
    for code, meaning in CODES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code) and len(meaning) > 15, code


def test_statuses_by_hand():
    """The statuses an app relies on, written here by hand: an unknown unit is 404 on the web (the path
    names a resource that does not exist), a second different record 409 (a conflict with the state),
    a bad date 400; the command line says 2 for all input it cannot use, 70 for a fault of ours."""
    from obligations.cli.exits import EXIT_STATUS
    from obligations.web.errors import HTTP_STATUS

    assert (HTTP_STATUS["unknown-unit"], HTTP_STATUS["already-recorded"], HTTP_STATUS["bad-date"]) == (404, 409, 400)
    assert (EXIT_STATUS["unknown-unit"], EXIT_STATUS["bad-date"], EXIT_STATUS["engine"]) == (2, 2, 70)


# -- every raise site yields a code of the set --------------------------------------------------------

def test_every_library_error_is_given_a_code_by_meaning():
    """Each construction of an error in the library (outside the command line, whose own refusals
    may stay "bad-input") either names its code, a literal of the set, or is of a class whose
    default code says more than "bad-input" (DataFileError: data-file, UnitNotActive, …). Problems
    takes its problems' code."""
    classes = _error_classes()
    generic, bad = [], []
    for path, call, name in _calls():
        if name not in classes:
            continue
        code = next((k.value for k in call.keywords if k.arg == "code"), None)
        where = f"{path.relative_to(ROOT)}:{call.lineno} {name}"
        if code is not None:
            if not (isinstance(code, ast.Constant) and code.value in CODES):
                bad.append(f"{where}: code={ast.unparse(code)}")
        elif (classes[name].default_code == "bad-input" and name != "Problems"
              and PACKAGE / "cli" not in path.parents):
            generic.append(where)
    assert not bad, f"codes outside the closed set: {bad}"
    assert not generic, f"library errors left with the generic code (choose one by meaning): {generic}"


def test_the_check_sees_a_site_without_a_code():
    """The walk above is real: an InputError raised without a code in library code is found."""
    tree = ast.parse('raise InputError("x", fix="y")\nraise InputError("x", code="bad-date")\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert [any(k.arg == "code" for k in c.keywords) for c in calls] == [False, True]


def test_the_default_codes():
    from obligations.base.errors import CalendarRangeError, DataFileError, EngineError, UnitNotActive
    from obligations.log.model import AlreadyRecorded
    from obligations.web.data import UnknownUnit

    assert [c("m").code for c in (ObligationsError, InputError, DataFileError, CalendarRangeError, UnitNotActive,
                                  EngineError, AlreadyRecorded, UnknownUnit)] == [
        "bad-input", "bad-input", "data-file", "calendar-range", "unit-not-active", "engine", "already-recorded",
        "unknown-unit"]
    assert Problems([DataFileError("a"), DataFileError("b")]).code == "data-file"
    assert Problems([DataFileError("a"), InputError("b", code="bad-date")]).code == "several-problems"


# -- neutral fixes -----------------------------------------------------------------------------------

def test_no_library_fix_names_a_command_line_flag():
    """The library's fixes reach the web API and applications: none names a flag ("give --ref …").
    A whole command to run (python -m obligations token --unit UNIT; soffice --convert-to) is a
    command, not a parameter of the call, and may keep its options. Seen: every ``fix=`` given to a
    call, and the fixes of the log's helpers (positional) and of its table of SQLite errors."""
    found = []
    for path, call, name in _calls():
        if PACKAGE / "cli" in path.parents or path.name == "error_words.py":
            continue
        fixes = [k.value for k in call.keywords if k.arg == "fix"]
        if name in ("_error", "guard") and len(call.args) >= 2:
            fixes.append(call.args[-1])
        for text in (t for f in fixes for t in _texts(f)):
            if FLAG.search(text) and "python -m obligations" not in text and "soffice" not in text:
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}: {text!r}")
    from obligations.log import safety

    found += [f"log/safety.py _MESSAGES: {fix!r}" for _, fix in safety._MESSAGES.values() if FLAG.search(str(fix))]
    assert not found, "\n".join(found)


def test_the_flag_check_sees_a_flag():
    assert FLAG.search('give --ref "số văn bản"') and FLAG.search("add --replace")
    assert not FLAG.search("give the reference — of the document") and not FLAG.search("x-y--z")


# -- the acceptance check and the edges' words ---------------------------------------------------------

@pytest.fixture(scope="module")
def ws():
    import obligations

    return obligations.load()


def test_an_unknown_unit_is_unknown_unit(ws):
    with pytest.raises(ObligationsError) as found:
        ws.due("khong-co-don-vi", dt.date(2026, 11, 23))
    assert found.value.code == "unknown-unit" and found.value.data == {"unit": "khong-co-don-vi"}


def test_a_unit_that_ended_names_the_parameter_and_each_edge_words_it(ws):
    """tinh-kon-tum ended on 2025-06-30 (merged into tinh-quang-ngai, rules/hierarchy.toml): asked from
    2025-07-01, the library's fix names no flag, the error carries param "from" and the last day; the
    command line says --from, the API the query parameter."""
    from obligations.render.error_words import api_fix, cli_fix

    with pytest.raises(ObligationsError) as found:
        ws.items_between("tinh-kon-tum", dt.date(2025, 7, 1), dt.date(2025, 7, 31), dt.date(2025, 7, 1))
    error = found.value
    assert (error.code, error.param, error.data["last"]) == ("unit-not-active", "from", "2025-06-30")
    assert "--" not in (error.fix or "")
    assert cli_fix(error) == f"{error.fix} (--from 2025-06-30)"
    assert api_fix(error) == f"{error.fix} (from=2025-06-30)"


def test_a_missing_reference_is_worded_by_each_edge():
    from obligations.render.error_words import api_fix, cli_fix, cli_text

    error = InputError("an extension needs the reference of the document that grants it",
                       fix='give the reference of the document ("số văn bản")', code="missing-value", param="ref")
    assert cli_fix(error) == 'give --ref "số văn bản"'
    assert cli_text(error) == 'an extension needs the reference of the document that grants it (give --ref "số văn bản")'
    assert api_fix(error).startswith('send "ref"')
    # a code the tables do not word keeps the library's fix
    plain = InputError("m", fix="f", code="bad-date", param="on")
    assert (cli_fix(plain), api_fix(plain)) == ("f", "f")


def test_the_page_speaks_the_pages_language_from_the_code():
    from obligations.render.error_words import page_said

    error = InputError("unknown unit 'xa-Q'", fix="use one of: …", code="unknown-unit", data={"unit": "xa-Q"})
    vi, en = page_said(error, "vi"), page_said(error, "en")
    assert vi is not None and en is not None
    assert "xa-Q" in vi[0] and "đơn vị" in vi[0] and "unknown" not in vi[0] + vi[1]
    assert "There is no unit" in en[0]
    assert page_said(InputError("m", code="bad-input"), "vi") is None   # no words: the status speaks


def test_the_web_body_has_the_code_and_the_file():
    from obligations.web.errors import error_body

    error = InputError("there is no record to replace", file="/srv/log.sqlite3",
                       fix="record it without asking to replace and without a reason; nothing was written",
                       code="no-record", param="replace")
    body = error_body(error)
    assert body == {"error": '/srv/log.sqlite3: there is no record to replace (send it without "replace" and '
                             '"reason"; nothing was written)',
                    "fix": 'send it without "replace" and "reason"; nothing was written',
                    "code": "no-record", "file": "/srv/log.sqlite3"}
