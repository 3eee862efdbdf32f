"""From a reviewed draft to a clean `check` and a working `due` (issue 21, item 6): title_en
is optional (English outputs show the Vietnamese title), a number in `implements` with no
rule file of its own is a warning, and the bundled local calendars that name units absent
from the hierarchy in use are skipped with a note.

Expected values by hand: 15/12/2026 is a Tuesday; "trước ngày 15/12" makes Monday 14/12/2026
the last allowed day, a working day (no holiday), so it is the deadline. The period 2026
opens on 1/1, clipped to the plan's valid.from, 5/1/2026.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TITLE_VI = "Xã báo cáo kết quả hằng năm"

PLAN = '''[directive]
id = "1-KH-T"
number = "1-KH/T"
kind = "plan"
issuer = "Ban Thường vụ Tỉnh ủy T"
unit = "tinh-T"
title = "Kế hoạch thử"
issued = 2026-01-05
{head}
[[duty]]
id = "bao-cao-nam"
section = "II.1"
source = "Các xã báo cáo kết quả trước ngày 15/12 hằng năm."
kind = "report"
title_vi = "Xã báo cáo kết quả hằng năm"
{title_en}performers = ["children"]
recipient = "{recipient}"
schedule = {{ every = "year", month = 12, day = 15, inclusive = false }}
valid = {{ from = 2026-01-05 }}
'''

ORG = '''[[unit]]
id = "tinh-T"
name = "Tỉnh ủy T"
level = "province"

[[unit]]
id = "xa-T1"
name = "Đảng ủy xã T1"
level = "commune"
parent = "tinh-T"
'''


def write_draft(tmp_path: Path, *, head: str = "", title_en: str | None = None,
                recipient: str = "issuer") -> tuple[str, str]:
    """A rules directory holding the one plan, and the org file beside it."""
    rules = tmp_path / "rules"
    rules.mkdir()
    line = f'title_en = "{title_en}"\n' if title_en is not None else ""
    (rules / "1-KH-T.toml").write_text(PLAN.format(head=head, title_en=line, recipient=recipient),
                                       encoding="utf-8")
    org = tmp_path / "org.toml"
    org.write_text(ORG, encoding="utf-8")
    return str(rules), str(org)


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "obligations", *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


# -- title_en optional ---------------------------------------------------------------------


def test_the_reviewed_draft_checks_and_answers_in_a_separate_process(tmp_path):
    """The acceptance commands, as a person types them."""
    rules, org = write_draft(tmp_path)
    checked = run("check", "--rules", rules, "--org", org)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    due = run("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--org", org,
              "--lang", "en", "--format", "json")
    assert due.returncode == 0, due.stderr
    items = json.loads(due.stdout)["items"]
    assert [(i["deadline"], i["title"]) for i in items] == [("2026-12-14", TITLE_VI)]


def test_a_duty_without_title_en_is_read(tmp_path):
    from obligations.rules.loader import load_rule_file

    rules, _ = write_draft(tmp_path)
    duty = load_rule_file(Path(rules) / "1-KH-T.toml").duties[0]
    assert duty.title_vi == TITLE_VI and duty.title_en is None


def test_check_is_clean_without_title_en(run_cli, tmp_path):
    rules, org = write_draft(tmp_path)
    code, out, _ = run_cli("check", "--rules", rules, "--org", org)
    assert code == 0 and "title_en" not in out
    assert "OK: checked 1 directives, 1 duties, 0 examples, 2 units" in out


def test_due_in_english_shows_the_vietnamese_title(run_cli, tmp_path):
    rules, org = write_draft(tmp_path)
    code, out, err = run_cli("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--org", org,
                             "--lang", "en", "--format", "json")
    assert code == 0, err
    [item] = json.loads(out)["items"]
    assert item["title"] == TITLE_VI
    assert (item["window_start"], item["last_allowed"], item["deadline"]) == ("2026-01-05", "2026-12-14", "2026-12-14")
    assert item["status"] == "window_open" and item["days_left"] == 13
    code, out, _ = run_cli("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--org", org,
                           "--lang", "en")
    assert code == 0 and "2026-12-14 Mon" in out and f"{TITLE_VI} [2026] — 1-KH/T sec. II.1" in out


@pytest.mark.parametrize("argv", [
    ("explain", "--unit", "xa-T1", "--duty", "bao-cao-nam", "--period", "2026", "--on", "2026-12-01"),
    ("explain", "--unit", "xa-T1", "--duty", "bao-cao-nam", "--period", "2026", "--on", "2026-12-01",
     "--format", "json"),
    ("export", "--unit", "xa-T1", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "ics"),
    ("export", "--unit", "xa-T1", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv"),
    ("export", "--unit", "xa-T1", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"),
    ("status", "--unit", "xa-T1", "--year", "2026", "--format", "json"),
    ("timeline", "--unit", "xa-T1", "--year", "2026"),
], ids=lambda argv: "-".join(a for a in argv if a in ("explain", "export", "status", "timeline", "json", "ics", "csv")))
def test_every_english_output_falls_back_to_the_vietnamese_title(run_cli, tmp_path, argv):
    rules, org = write_draft(tmp_path)
    extra = ("--out", str(tmp_path / "t.svg")) if argv[0] == "timeline" else ()
    code, out, err = run_cli(*argv, "--rules", rules, "--org", org, "--lang", "en", *extra)
    assert code == 0, err
    text = (tmp_path / "t.svg").read_text(encoding="utf-8") if extra else out
    if argv[-1] == "ics":   # folded lines and escaped text: read it back
        import icalendar

        summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out).walk("VEVENT")]
        assert summaries == [f"[Deadline 14/12/2026] {TITLE_VI} (2026)"]
    else:
        assert TITLE_VI in text


def test_the_english_title_is_used_when_given(run_cli, tmp_path):
    rules, org = write_draft(tmp_path, title_en="Commune yearly report")
    code, out, _ = run_cli("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--org", org,
                           "--lang", "en", "--format", "json")
    assert code == 0 and [i["title"] for i in json.loads(out)["items"]] == ["Commune yearly report"]
    code, out, _ = run_cli("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--org", org,
                           "--format", "json")
    assert code == 0 and [i["title"] for i in json.loads(out)["items"]] == [TITLE_VI]


def test_the_office_page_in_english_falls_back(tmp_path):
    pytest.importorskip("fastapi")
    from starlette.testclient import TestClient

    from obligations.web.app import create_app
    from obligations.web.data import Service

    rules, org = write_draft(tmp_path)
    service = Service.load(tmp_path / "log.sqlite3", rules, org)
    client = TestClient(create_app(service, {}, open_reads=True), client=("127.0.0.1", 50000))
    page = client.get("/units/xa-T1", params={"lang": "en", "on": "2026-12-01"})
    assert page.status_code == 200 and TITLE_VI in page.text
    api = client.get("/api/units/xa-T1/due", params={"lang": "en", "on": "2026-12-01"})
    assert [i["title"] for i in api.json()["items"]] == [TITLE_VI]


# -- implements without a rule file --------------------------------------------------------


def test_an_implemented_number_without_its_file_is_a_warning(run_cli, tmp_path):
    rules, org = write_draft(tmp_path, head='implements = ["9-KH/TW"]', title_en="Commune yearly report")
    code, out, _ = run_cli("check", "--rules", rules, "--org", org)
    assert code == 0 and "problem" not in out
    assert ("rules/1-KH-T.toml:[directive] implements: warning: directive 1-KH/T implements '9-KH/TW', "
            "which has no rule file") in out
    code, out, err = run_cli("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--org", org,
                             "--format", "json")
    assert code == 0, err
    [item] = json.loads(out)["items"]
    assert item["deadline"] == "2026-12-14"
    assert item["implements"] == [{"number": "9-KH/TW", "known": False, "implements": []}]
    code, out, _ = run_cli("explain", "--unit", "xa-T1", "--duty", "bao-cao-nam", "--period", "2026",
                           "--rules", rules, "--org", org, "--lang", "en")
    assert code == 0 and "implements 9-KH/TW (no rule file)" in out


def test_the_warning_is_said_beside_real_problems(run_cli, tmp_path):
    rules, org = write_draft(tmp_path, head='implements = ["9-KH/TW"]', recipient="huyen-Q")
    code, out, _ = run_cli("check", "--rules", rules, "--org", org)
    assert code == 1 and "addressed to unknown unit 'huyen-Q'" in out and "1 problem(s) found" in out
    assert "warning: directive 1-KH/T implements '9-KH/TW'" in out


def test_a_metadata_only_file_silences_the_warning(run_cli, tmp_path):
    rules, org = write_draft(tmp_path, head='implements = ["9-KH/TW"]')
    (Path(rules) / "9-KH-TW.toml").write_text(
        '[directive]\nid = "9-KH-TW"\nnumber = "9-KH/TW"\nkind = "plan"\nissuer = "Ban Bí thư"\n'
        'unit = "tinh-T"\ntitle = "Kế hoạch cấp trên"\n', encoding="utf-8")
    code, out, _ = run_cli("check", "--rules", rules, "--org", org)
    assert code == 0 and "implements" not in out


# -- bundled local calendars and another hierarchy ------------------------------------------


def test_the_rules_directorys_own_hierarchy_skips_the_bundled_local_calendar(run_cli, tmp_path):
    rules, org = write_draft(tmp_path, head='implements = ["9-KH/TW"]', title_en="Commune yearly report")
    shutil.copy(org, Path(rules) / "hierarchy.toml")
    code, out, _ = run_cli("check", "--rules", rules)
    assert code == 0 and "problem" not in out
    assert ("calendars/local/tinh-kon-tum.toml:[scope]: note: 'tinh-kon-tum' is not a unit of the hierarchy: "
            "this bundled local calendar is skipped for it") in out
    code, out, err = run_cli("due", "--unit", "xa-T1", "--on", "2026-12-01", "--rules", rules, "--format", "json")
    assert code == 0, err
    assert [i["deadline"] for i in json.loads(out)["items"]] == ["2026-12-14"]


@pytest.mark.parametrize("calendars", [(), ("--calendars", str(ROOT / "calendars"))], ids=["default", "named"])
def test_an_org_file_skips_the_bundled_local_calendar_with_a_note(run_cli, tmp_path, calendars):
    rules, org = write_draft(tmp_path)
    code, out, _ = run_cli("check", "--rules", rules, "--org", org, *calendars)
    assert code == 0 and "note: 'tinh-kon-tum' is not a unit of the hierarchy" in out


def test_an_own_local_calendar_for_an_absent_unit_is_still_an_error(run_cli, tmp_path):
    rules, org = write_draft(tmp_path)
    calendars = tmp_path / "calendars"
    shutil.copytree(ROOT / "calendars", calendars)
    (calendars / "local" / "xa-T9.toml").write_text(
        (calendars / "local" / "tinh-kon-tum.toml").read_text(encoding="utf-8").replace(
            'units = ["tinh-kon-tum"]', 'units = ["xa-T9"]'), encoding="utf-8")
    (calendars / "local" / "tinh-kon-tum.toml").unlink()
    code, out, _ = run_cli("check", "--rules", rules, "--org", org, "--calendars", str(calendars))
    assert code == 1 and "[scope] units: 'xa-T9' is not a unit of the hierarchy" in out
