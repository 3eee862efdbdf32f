"""Messages a user can act on (issue 22): the character that differs from the nearest known
id, the end and successor of a unit that ended, dates as the user writes them, one strict
date syntax, control characters escaped in tables whatever standard output is, and the
conflicts `due --under` counts. Expected texts are written from the data by hand."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES
from obligations.base.dates import parse_iso_date
from obligations.base.errors import InputError, UnitNotActive
from obligations.base.identifiers import nearest_id, shorten, unknown_id

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "bad_input"
UNITS = ["chibo-1", "chibo-2", "tinh-kon-tum", "tinh-quang-ngai", "tw", "xa-X"]


# -- unknown ids ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed,near,words", [
    # "xа-X" with U+0430: prints as "xa-X", differs in its second character
    ("x\u0430-X", "xa-X", ["position 2 is U+0430 CYRILLIC SMALL LETTER A", "where xa-X has U+0061 LATIN SMALL LETTER A"]),
    # a Vietnamese keyboard's "xã"
    ("x\u00e3-X", "xa-X", ["U+00E3 LATIN SMALL LETTER A WITH TILDE"]),
    # the case of one letter
    ("xa-x", "xa-X", ["position 4 is U+0078 LATIN SMALL LETTER X", "U+0058 LATIN CAPITAL LETTER X"]),
    # a hyphen left out: the known id has it before the 9th character typed
    ("tinh-kontum", "tinh-kon-tum", ["U+002D HYPHEN-MINUS is missing before position 9"]),
    # the Cyrillic capital С (U+0421) for the Latin C of nothing here: "сhibo-1"
    ("\u0441hibo-1", "chibo-1", ["U+0441 CYRILLIC SMALL LETTER ES", "U+0063 LATIN SMALL LETTER C"]),
])
def test_an_unknown_id_names_the_nearest_and_the_character_that_differs(typed, near, words):
    assert nearest_id(typed, UNITS) == near
    message, fix = map(str, unknown_id("unit", typed, UNITS))      # the English (render/error_words.py says it in vi)
    assert message.startswith(f"unknown unit {typed!r}: ")
    for word in words:
        assert word in message
    assert fix == f"did you mean {near}? retype the id as {near}"


def test_an_id_like_none_lists_some_known_ones():
    message, fix = map(str, unknown_id("unit", "zzz", UNITS))
    assert message == "unknown unit 'zzz'" and fix == "use one of: " + ", ".join(sorted(UNITS))
    many = [f"u-{n:03d}" for n in range(40)]
    assert str(unknown_id("unit", "qqqqqq", many)[1]) == "use one of: " + ", ".join(many[:12]) + ", … (40 in all)"


def test_a_huge_id_is_not_echoed_whole():
    message = str(unknown_id("unit", "y" * 5000, UNITS)[0])
    assert len(message) < 200 and "y" * 100 not in message


def test_the_cli_names_the_code_point_for_units_duties_and_the_api_for_units(run_cli):
    code, out, err = run_cli("due", "--unit", "x\u0430-X", "--on", "2026-11-23", "--lang", "en")
    assert code == 2 and out == "" and "U+0430 CYRILLIC SMALL LETTER A" in err and "did you mean xa-X?" in err
    code, out, err = run_cli("explain", "--unit", "chibo-1", "--duty", "76-KH-DU/chi-b\u043e-bao-cao-hang-nam",
                             "--period", "2025", "--lang", "en")
    assert code == 2 and "U+043E CYRILLIC SMALL LETTER O" in err
    assert "did you mean 76-KH-DU/chi-bo-bao-cao-hang-nam?" in err


def test_the_api_names_the_code_point_with_a_404(tmp_path):
    pytest.importorskip("fastapi")
    from web_helpers import make_client

    client, _ = make_client(tmp_path / "log.sqlite3")
    with client:
        r = client.get("/api/units/x\u0430-X/due", params={"on": "2026-11-23"})
    assert r.status_code == 404
    assert "U+0430 CYRILLIC SMALL LETTER A" in r.json()["error"] and "xa-X" in r.json()["fix"]


# -- ended units ----------------------------------------------------------------------------------

def test_due_for_an_ended_unit_answers_nothing_and_says_when_it_ended_and_who_succeeded_it(run_cli):
    # rules/hierarchy.toml: tinh-kon-tum until = 2025-06-30, successor = "tinh-quang-ngai". `due` is
    # what an app asks of every unit of its list: it answers (exit 0), lists nothing and says why.
    code, out, err = run_cli("due", "--unit", "tinh-kon-tum", "--on", "2026-11-23", "--lang", "en")
    assert code == 0, err
    assert "tinh-kon-tum (Tỉnh ủy Kon Tum) ended on 2025-06-30, before 2026-11-23: nothing is due for it; its " \
           "duties passed to its successor tinh-quang-ngai (Tỉnh ủy Quảng Ngãi)." in out
    assert "Nothing due in this range" not in out          # not the words of an active unit with nothing due
    code, out, err = run_cli("due", "--unit", "tinh-kon-tum", "--on", "2026-11-23")
    assert code == 0 and "đã kết thúc hoạt động ngày 30/06/2025, trước ngày 23/11/2026" in out
    assert "đơn vị kế thừa Tỉnh ủy Quảng Ngãi (tinh-quang-ngai)" in out
    code, out, err = run_cli("due", "--unit", "tinh-kon-tum", "--on", "2026-11-23", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["items"] == [] and doc["not_active"]["ended"] == "2025-06-30"
    assert doc["not_active"]["successor"] == "tinh-quang-ngai" and doc["not_active"]["begins"] is None
    # a table or a calendar cannot say why it is empty: refused, with the end and the successor
    for fmt in ("csv", "ics"):
        code, out, err = run_cli("due", "--unit", "tinh-kon-tum", "--on", "2026-11-23", "--format", fmt, "--lang", "en")
        assert code == 2 and out == "", (fmt, out)
        assert "ended on 2025-06-30, before 2026-11-23: its successor is tinh-quang-ngai" in err
        assert "(--on 2025-06-30)" in err
    # its last day is still its own: the monthly bulletin of 2025-06 is listed
    code, out, err = run_cli("due", "--unit", "tinh-kon-tum", "--on", "2025-06-30", "--lang", "en")
    assert code == 0 and "[2025-06]" in out and "ended on" not in out


def test_due_for_a_unit_not_yet_begun_says_when_it_begins(run_cli, tmp_path):
    # the bundled rules with tinh-quang-ngai (as merged) existing from 2025-07-01 only
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parents[1] / "rules", rules)
    text = (rules / "hierarchy.toml").read_text(encoding="utf-8")
    (rules / "hierarchy.toml").write_text(text.replace('id = "tinh-quang-ngai"\n', 'id = "tinh-quang-ngai"\nfrom = 2025-07-01\n'),
                                          encoding="utf-8")
    code, out, err = run_cli("due", "--rules", str(rules), "--unit", "tinh-quang-ngai", "--on", "2025-06-01",
                             "--format", "json", "--lang", "en")
    doc = json.loads(out)
    assert code == 0 and doc["items"] == [] and doc["not_active"]["begins"] == "2025-07-01", (out, err)
    assert doc["not_active"]["ended"] is None and "exists from 2025-07-01, after 2025-06-01" in doc["not_active"]["text"]


@pytest.mark.parametrize("argv,words", [
    (["due", "--under", "tinh-kon-tum", "--on", "2026-11-23"], ["ended on 2025-06-30", "(--on 2025-06-30)"]),
    (["status", "--unit", "tinh-kon-tum", "--on", "2026-11-23"], ["ended on 2025-06-30"]),
    (["status", "--unit", "tinh-kon-tum", "--on", "2026-11-23", "--year", "2026"], ["before 2026:", "(--year 2025)"]),
    (["explain", "--unit", "tinh-kon-tum", "--duty", "CV-BTVTU-KonTum/bao-cao-hang-nam", "--on", "2026-11-23"],
     ["ended on 2025-06-30"]),
    (["export", "--unit", "tinh-kon-tum", "--from", "2026-01-01", "--to", "2026-12-31"], ["(--from 2025-06-30)"]),
    (["timeline", "--unit", "tinh-kon-tum", "--year", "2026"], ["its successor is tinh-quang-ngai"]),
])
def test_every_command_refuses_a_day_after_the_end(run_cli, argv, words):
    code, out, err = run_cli(*argv, "--lang", "en")
    assert code == 2 and out == "", (out, err)
    for word in words:
        assert word in err


def test_the_years_of_an_ended_units_life_are_still_answered(run_cli):
    """History is not refused: the deliveries of 2025 and an explained past period."""
    code, out, err = run_cli("status", "--unit", "tinh-kon-tum", "--on", "2026-11-23", "--year", "2025")
    assert code == 0, err
    code, out, err = run_cli("explain", "--unit", "tinh-kon-tum", "--duty", "CV-BTVTU-KonTum/ban-tin-chi-bo-hang-thang",
                             "--period", "2025-06", "--on", "2026-11-23", "--format", "json")
    assert code == 0, err


def test_the_library_answers_due_with_why_and_raises_a_typed_error_elsewhere():
    from obligations.workspace import load

    ws = load()
    report = ws.due("tinh-kon-tum", dt.date(2026, 11, 23))
    assert report.items == () and report.not_active is not None
    assert (report.not_active.ended, report.not_active.successor) == (dt.date(2025, 6, 30), "tinh-quang-ngai")
    with pytest.raises(UnitNotActive) as found:
        ws.explain("tinh-kon-tum", "CV-BTVTU-KonTum/bao-cao-hang-nam", None, dt.date(2026, 11, 23))
    assert isinstance(found.value, InputError) and found.value.fix is not None and "tinh-quang-ngai" in found.value.fix


# -- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed,fix", [
    ("20260101", "write it as 2026-01-01"),               # Python 3.11 fromisoformat takes it
    ("2026-1-5", "write it as 2026-01-05"),
    ("23.11.2026", "write it as 2026-11-23"),              # day first, but dots: not the documented DD/MM/YYYY
    ("23-11-2026", "write it as 2026-11-23"),
    ("23/11/26", "write it as YYYY-MM-DD"),                # a two-digit year: which century is a guess
    ("2026/11/23", "write it as 2026-11-23"),
    ("\uff12\uff13/11/2026", "write it as YYYY-MM-DD"),   # full-width digits in the day-first form
    ("2026-W01-4", "write it as YYYY-MM-DD"),              # an ISO week date, also taken by 3.11
    ("\uff12\uff10\uff12\uff16-01-01", "write it as YYYY-MM-DD"),   # full-width digits
    ("2026-01-01T00:00", "write it as YYYY-MM-DD"),
    (" 2026-01-01", "write it as 2026-01-01"),
])
def test_one_strict_date_syntax(typed, fix):
    with pytest.raises(InputError) as found:
        parse_iso_date(typed, what="--as-known-on")
    assert found.value.message.startswith("--as-known-on ") and "not a date in the form YYYY-MM-DD" in found.value.message
    assert fix in (found.value.fix or "")
    assert parse_iso_date("2026-01-01") == dt.date(2026, 1, 1)


@pytest.mark.parametrize("typed,day", [
    # issue 23: the Vietnamese form offices write, day first (hand-read: 30 November 2026)
    ("30/11/2026", dt.date(2026, 11, 30)),
    ("01/07/2025", dt.date(2025, 7, 1)),
    ("1/7/2025", dt.date(2025, 7, 1)),                   # one-digit day and month, as in "từ 1/7/2025"
    ("29/2/2028", dt.date(2028, 2, 29)),                 # 2028 is a leap year
])
def test_the_vietnamese_day_first_form_is_read(typed, day):
    assert parse_iso_date(typed, what="--on") == day


@pytest.mark.parametrize("typed,message", [
    ("29/2/2027", "is not a valid date"),                # 2027 is not a leap year
    ("31/11/2026", "is not a valid date"),
    ("13/13/2026", "is not a valid date"),               # no month 13: refused, never read month-first
    ("30/11/1800", "outside the years 1900-2100"),
])
def test_a_day_first_date_that_does_not_exist_is_refused(typed, message):
    with pytest.raises(InputError) as found:
        parse_iso_date(typed, what="--on")
    assert message in found.value.message and found.value.fix


def test_on_in_the_day_first_form_gives_the_same_items(run_cli):
    import json
    a = run_cli("due", "--unit", "xa-X", "--on", "23/11/2026", "--format", "json")
    b = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "json")
    assert a[0] == b[0] == 0
    assert json.loads(a[1]) == json.loads(b[1]) and json.loads(a[1])["on"] == "2026-11-23"


def test_every_typed_date_goes_through_it(run_cli, tmp_path):
    for argv in (["due", "--unit", "xa-X", "--on", "2026-11-23", "--as-known-on", "20260101"],
                 ["due", "--unit", "xa-X", "--on", "20261123"],
                 ["export", "--unit", "xa-X", "--from", "20260101", "--to", "2026-12-31"],
                 ["submit", "--unit", "chibo-1", "--duty", "76-KH-DU/chi-bo-bao-cao-hang-nam", "--period", "2025",
                  "--on", "20251120", "--db", str(tmp_path / "log.sqlite3")]):
        code, out, err = run_cli(*argv, "--lang", "en")
        assert code == 2 and "is not a date in the form YYYY-MM-DD" in err, argv
    assert not (tmp_path / "log.sqlite3").exists()


def test_the_api_refuses_a_loose_date(tmp_path):
    pytest.importorskip("fastapi")
    from web_helpers import make_client

    client, _ = make_client(tmp_path / "log.sqlite3")
    with client:
        r = client.get("/api/units/xa-X/due", params={"on": "2026-11-23", "as_known_on": "20260101"})
    assert r.status_code == 400 and "as_known_on '20260101'" in r.json()["error"]
    assert r.json()["fix"] == "write it as 2026-01-01"


def test_values_in_messages_are_shown_as_written():
    assert shorten(dt.date(2101, 1, 5)) == "2101-01-05"
    assert shorten([dt.date(2025, 1, 5), 3]) == "[2025-01-05, 3]"
    assert shorten(dt.time(9, 30)) == "09:30:00"


def test_a_date_where_a_day_of_the_month_belongs_is_shown_as_a_date(run_cli, tmp_path):
    import shutil

    from obligations.base import paths

    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    text = (CORPUS / "rules" / "equals-title.toml").read_text(encoding="utf-8")
    (rules / "zz.toml").write_text(text.replace('schedule = { type = "once_before", date = 2023-04-20 }',
                                                'schedule = { every = "month", day = 2025-01-05 }'), encoding="utf-8")
    code, out, err = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--rules", str(rules))
    assert code == 2 and "schedule.day 2025-01-05 không phải là một ngày trong tháng" in err and "datetime" not in err


# -- control characters ---------------------------------------------------------------------------

def _piped(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OBLIGATIONS_CACHE="off")
    return subprocess.run([sys.executable, "-m", "obligations", *argv], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def escape_rules(tmp_path_factory):
    import shutil

    from obligations.base import paths

    rules = tmp_path_factory.mktemp("esc") / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    # title_vi = "\u001b[2J\u001b[31mred": clears a terminal and turns it red
    shutil.copy(CORPUS / "rules" / "escape-in-title.toml", rules / "zz.toml")
    return rules


@pytest.mark.parametrize("argv", [
    ["due", "--unit", "chibo-1", "--on", "2023-04-10"],
    ["explain", "--unit", "chibo-1", "--duty", "BAD/x", "--period", "2023"],
    ["status", "--unit", "chibo-1", "--on", "2023-04-30", "--year", "2023"],
])
def test_tables_and_texts_to_a_pipe_carry_no_raw_escape(escape_rules, argv):
    result = _piped(*argv, "--rules", str(escape_rules))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\\u001b[2J\\u001b[31mred" in result.stdout


def test_json_to_a_pipe_is_escaped_by_json(escape_rules):
    import json

    result = _piped("explain", "--unit", "chibo-1", "--duty", "BAD/x", "--period", "2023", "--format", "json",
                    "--rules", str(escape_rules))
    assert result.returncode == 0 and "\x1b" not in result.stdout and "\\u001b[2J" in result.stdout
    assert json.loads(result.stdout)["title"] == "\x1b[2J\x1b[31mred"      # the data, intact for a program


# -- due --under ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,head", [("en", "Conflicts"), ("vi", "Xung đột")])
def test_due_under_counts_conflicts(run_cli, lang, head):
    # tests/fixtures/rules_conflict: on 2025-11-03 xa-C's own deadline (2025-12-31) cannot be
    # met before tinh-P's (2025-11-14) as documented there: one conflict, at xa-C only
    code, out, err = run_cli("due", "--under", "tinh-P", "--rules", str(FIXTURES / "rules_conflict"),
                             "--on", "2025-11-03", "--lang", lang)
    assert code == 0, err
    lines = out.splitlines()
    at = lines[0].index(head)                       # columns are aligned: the value starts under its head
    rows = {line.split()[0]: line[at:].split()[0] for line in lines[1:]}
    assert rows == {"tinh-P": "0", "xa-C": "1", "chibo-K": "0"}
