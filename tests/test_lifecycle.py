"""Directives that change other directives (issue #16): versions of duties, answers as
known on a date, layered rules directories, check findings, deliveries judged by the
deadline in force when delivered."""

import datetime as dt
import json
from pathlib import Path

import pytest

from obligations.base.errors import ObligationsError
from obligations.rules.layers import load_rules

ROOT = Path(__file__).parent.parent
AMEND = ROOT / "tests" / "fixtures" / "amend"
KONTUM = "CV-BTVTU-KonTum/bao-cao-hang-nam"
BOTH = ("--rules", str(ROOT / "rules"), "--rules", str(AMEND))


def _deadline(run_cli, *extra):
    code, out, err = run_cli("due", *BOTH, "--unit", "xa-X", "--on", "2026-12-01", "--format", "json", *extra)
    assert code == 0, err
    hits = [i for i in json.loads(out)["items"] if i["duty"] == KONTUM and i["period"] == "2026"]
    return hits[0]["own_deadline"]


def test_the_amending_letter_moves_the_yearly_report(run_cli):
    assert _deadline(run_cli) == "2026-12-09"             # "trước ngày 10-12": Wednesday 9/12
    assert _deadline(run_cli, "--as-known-on", "2026-06-01") == "2026-12-14"   # the letter is of 15/7
    code, out, _ = run_cli("due", "--rules", str(ROOT / "rules"), "--unit", "xa-X", "--on", "2026-12-01",
                           "--format", "json")
    assert [i["own_deadline"] for i in json.loads(out)["items"] if i["duty"] == KONTUM] == ["2026-12-14"]


def test_an_earlier_period_keeps_the_old_deadline(run_cli):
    code, out, _ = run_cli("explain", *BOTH, "--unit", "xa-X", "--duty", KONTUM, "--period", "2025",
                           "--on", "2026-12-01", "--format", "json")
    doc = json.loads(out)
    assert doc["own_deadline"] == "2025-12-12"            # 14/12/2025 is a Sunday
    assert [v["in_force"] for v in doc["history"]["versions"]] == [True, False]


def test_explain_shows_both_versions_with_their_sources(run_cli):
    code, out, _ = run_cli("explain", *BOTH, "--unit", "xa-X", "--duty", KONTUM, "--period", "2026",
                           "--on", "2026-12-01", "--format", "json")
    history = json.loads(out)["history"]
    first, second = history["versions"]
    assert "trước ngày 15-12 hằng năm" in first["source"]["text"] and not first["in_force"]
    assert second["in_force"] and second["document"] == "Công văn minh họa 01-CV/TU"
    assert second["issued"] == second["effective"] == "2026-07-15"
    assert second["changes"]["schedule"] == {"every": "year", "month": 12, "day": 10, "inclusive": False}
    assert "trước ngày 10-12" in second["source"]["text"] and second["source"]["file"].startswith("amend/")
    code, out, _ = run_cli("explain", *BOTH, "--unit", "xa-X", "--duty", KONTUM, "--period", "2026",
                           "--on", "2026-12-01", "--as-known-on", "2026-06-01", "--lang", "en")
    assert "Not counted (issued after 2026-06-01)" in out and "governs this period: Công văn BTVTU" in out
    for lang, word in (("vi", "Các phiên bản"), ("en", "Versions of the duty")):
        _, out, _ = run_cli("explain", *BOTH, "--unit", "xa-X", "--duty", KONTUM, "--period", "2026",
                            "--on", "2026-12-01", "--lang", lang)
        assert word in out and "Công văn minh họa 01-CV/TU" in out


def test_explain_without_changes_has_no_history(run_cli):
    _, out, _ = run_cli("explain", "--unit", "xa-X", "--duty", KONTUM, "--period", "2026", "--on", "2026-12-01",
                        "--format", "json")
    assert json.loads(out)["history"] is None


def test_check_layers_directories_and_verifies_examples_as_written(run_cli):
    code, out, _ = run_cli("check", *BOTH)
    assert code == 0, out                    # the bundled example 2026 -> 14/12 is checked as written
    assert "9 directives" in out


# -- problems ---------------------------------------------------------------------------

HEAD = """[directive]
id = "{id}"
number = "{number}"
kind = "letter"
issuer = "Tỉnh ủy"
unit = "tinh-quang-ngai"
title = "Thử"
issued = {issued}
"""


def _letter(directory: Path, name: str, body: str, issued: str = "2026-07-15", number: str | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.toml"
    path.write_text(HEAD.format(id=name, number=number or name, issued=issued) + body, encoding="utf-8")
    return directory


def _amend(target: str, day: int = 10, effective: str = "2026-07-15") -> str:
    return f"""
[[amend]]
duty = "{target}"
section = "1"
source = "thành trước ngày {day}-12"
effective = {effective}
schedule = {{ every = "year", month = 12, day = {day}, inclusive = false }}
"""


def test_check_reports_an_amendment_that_points_at_nothing(run_cli, tmp_path):
    extra = _letter(tmp_path / "x", "A", _amend("CV-BTVTU-KonTum/khong-co"))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "amend points at duty 'CV-BTVTU-KonTum/khong-co'" in out and "x/A.toml" in out
    code, _, err = run_cli("due", "--rules", str(ROOT / "rules"), "--rules", str(extra), "--unit", "xa-X")
    assert code == 2 and "chỉ tới nhiệm vụ" in err and "Traceback" not in err


def test_check_reports_two_amendments_without_an_order(run_cli, tmp_path):
    extra = _letter(tmp_path / "x", "A", _amend(KONTUM, 10))
    _letter(tmp_path / "x", "B", _amend(KONTUM, 8))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "nothing says which comes first" in out and "(schedule)" in out
    # a later date of issue orders them: the later document wins
    _letter(tmp_path / "x", "B", _amend(KONTUM, 8), issued="2026-08-01")
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 0, out
    assert _occurrences([ROOT / "rules", extra])["2026"] == dt.date(2026, 12, 7)   # "trước ngày 8-12", B


def test_check_reports_a_cycle_of_replacements(run_cli, tmp_path):
    replace = '\n[[replace]]\ndirective = "{t}"\nsection = "1"\nsource = "thay thế {t}"\neffective = 2026-07-15\n'
    extra = _letter(tmp_path / "x", "A", replace.format(t="B"))
    _letter(tmp_path / "x", "B", replace.format(t="A"))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "cycle" in out and ("A → B → A" in out or "B → A → B" in out)


def test_a_change_needs_a_date_of_issue(run_cli, tmp_path):
    directory = tmp_path / "x"
    _letter(directory, "A", _amend(KONTUM))
    path = directory / "A.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("issued = 2026-07-15\n", ""), encoding="utf-8")
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(directory))
    assert code == 1 and "needs the date of issue" in out


def test_an_amendment_must_change_something(run_cli, tmp_path):
    body = f'\n[[amend]]\nduty = "{KONTUM}"\nsection = "1"\nsource = "x"\neffective = 2026-07-15\n'
    extra = _letter(tmp_path / "x", "A", body)
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "changes nothing" in out


def test_a_directive_defined_again_in_a_later_directory(tmp_path):
    copy = (ROOT / "rules" / "CV-BTVTU-KonTum.toml").read_text(encoding="utf-8")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "CV-BTVTU-KonTum.toml").write_text(copy, encoding="utf-8")
    with pytest.raises(ObligationsError, match="already defined"):
        load_rules([ROOT / "rules", tmp_path / "x"])
    # standing in its place, explicitly: the later file wins, the earlier one is kept for earlier knowledge
    own = copy.replace('implements = ["97-HD/BTGTW"]', 'implements = ["97-HD/BTGTW"]\nissued = 2026-07-15')
    own = own.replace("day = 15, inclusive = false", "day = 5, inclusive = false")
    own += '\n[[replace]]\ndirective = "CV-BTVTU-KonTum"\nsection = "-"\nsource = "bản thay thế"\neffective = 2026-07-15\n'
    (tmp_path / "x" / "CV-BTVTU-KonTum.toml").write_text(own, encoding="utf-8")
    rules = load_rules([ROOT / "rules", tmp_path / "x"])
    assert rules.directive("CV-BTVTU-KonTum").file == "x/CV-BTVTU-KonTum.toml"
    from obligations.rules.versions import known_on

    assert known_on(rules, dt.date(2026, 6, 1)).directive("CV-BTVTU-KonTum").file == "rules/CV-BTVTU-KonTum.toml"


# -- revocation, postponement ------------------------------------------------------------

def _occurrences(directories, known_on=None, duty=KONTUM, years=(2024, 2028)):
    from obligations.workspace import Workspace

    ws = Workspace.load([str(d) for d in directories], as_known_on=known_on)
    found, _ = ws.occurrences("xa-X", *years)
    return {o.period: o.deadline for o in found if o.duty.id == duty}


def test_revoke_ends_the_duty_and_postpone_moves_one_occurrence(tmp_path):
    revoke = f'\n[[revoke]]\nduty = "{KONTUM}"\nsection = "2"\nsource = "bãi bỏ"\neffective = 2027-01-01\n'
    postpone = (f'\n[[postpone]]\nduty = "{KONTUM}"\nsection = "3"\nsource = "lùi đến ngày 25/12/2026"\n'
                'effective = 2026-11-01\nperiod = "2026"\nto = 2026-12-25\ninclusive = true\n')
    extra = _letter(tmp_path / "x", "A", revoke + postpone, issued="2026-11-01")
    found = _occurrences([ROOT / "rules", extra])
    assert found["2026"] == dt.date(2026, 12, 25) and "2027" not in found and found["2025"] == dt.date(2025, 12, 12)
    assert _occurrences([ROOT / "rules", extra], dt.date(2026, 10, 1))["2027"] == dt.date(2027, 12, 14)


def test_a_change_that_would_set_a_deadline_before_it_takes_effect_does_not_reach_back(tmp_path):
    # effective 12/12/2026, "trước ngày 10-12": the 2026 report keeps 14/12; 2027 gets 9/12
    extra = _letter(tmp_path / "x", "A", _amend(KONTUM, 10, "2026-12-12"))
    found = _occurrences([ROOT / "rules", extra])
    assert found["2026"] == dt.date(2026, 12, 14) and found["2027"] == dt.date(2027, 12, 9)


def _kontum_delivered_on_11_12(tmp_path, issued):
    """Kon Tum's 2026 yearly report delivered on 11/12/2026, judged on 28/12 after a letter
    of ``issued`` moved its day to the 10th for the whole of 2026."""
    from obligations.log.store import SubmissionLog
    from obligations.report.deliveries import deliveries
    from obligations.workspace import Workspace

    extra = _letter(tmp_path / "x", "A", _amend(KONTUM, 10, "2026-01-01"), issued=issued)
    ws = Workspace.load([str(ROOT / "rules"), str(extra)], as_known_on=dt.date(2026, 12, 28))
    log = SubmissionLog(tmp_path / "log.sqlite3")
    ws.record_submission(log, "xa-X", KONTUM, "2026", dt.date(2026, 12, 11), dt.date(2026, 12, 28))
    return [d for d in deliveries(ws, "xa-X", dt.date(2026, 12, 28), 2026, log)
            if d.item.occurrence.duty.id == KONTUM]


def test_a_delivery_is_judged_by_the_deadline_in_force_when_delivered(tmp_path):
    from obligations.render.status import status_rows, status_text

    # issued after the delivery, reaching back to the whole of 2026
    found = _kontum_delivered_on_11_12(tmp_path, "2026-12-20")
    assert found[0].result == "on_time" and found[0].deadline_at_delivery == dt.date(2026, 12, 14)
    assert found[0].item.deadline == dt.date(2026, 12, 9)
    row = status_rows(found, "en")[0]
    assert row["deadline_changed"] and row["deadline_at_delivery"] == "2026-12-14" and row["deadline"] == "2026-12-09"
    assert "judged by the deadline 2026-12-14" in status_text("X", "xa-X", dt.date(2026, 12, 28), 2026,
                                                              [row], "en")


def test_a_delivery_after_the_change_is_judged_by_the_new_deadline(tmp_path):
    found = _kontum_delivered_on_11_12(tmp_path, "2026-12-01")
    assert found[0].result == "late" and found[0].late_working_days == 2 and not found[0].deadline_changed


def test_the_load_cache_keys_on_every_rules_directory(tmp_path):
    from obligations.workspace import Workspace

    cache = tmp_path / "cache"
    for _ in range(2):   # the second round reads the cache
        alone = Workspace.load(str(ROOT / "rules"), cache_dir=cache)
        both = Workspace.load([str(ROOT / "rules"), str(AMEND)], cache_dir=cache)
        assert len(both.rules.directives) == len(alone.rules.directives) + 1
        assert both.rules.directive("CV-TU-QuangNgai-dieu-chinh").changes[0].effective == dt.date(2026, 7, 15)
    found, _ = both.occurrences("xa-X", 2026, 2026)
    assert [o.deadline for o in found if o.duty.id == KONTUM] == [dt.date(2026, 12, 9)]


# -- postponements that check refuses (issue 22) --------------------------------------------

def _postpone(to: str, period: str = "2026", duty: str = KONTUM, effective: str = "2026-07-15",
              inclusive: str = "true") -> str:
    return (f'\n[[postpone]]\nduty = "{duty}"\nsection = "1"\nsource = "hoãn đến ngày {to}"\n'
            f'effective = {effective}\nperiod = "{period}"\nto = {to}\ninclusive = {inclusive}\n')


def test_two_layers_postponing_one_occurrence_to_different_days_are_a_tie(run_cli, tmp_path):
    # the same dates of effect and issue: nothing but the order of --rules would decide
    first = _letter(tmp_path / "a", "A", _postpone("2026-12-20"))
    second = _letter(tmp_path / "b", "B", _postpone("2026-12-22"))
    args = ("--rules", str(ROOT / "rules"), "--rules", str(first), "--rules", str(second))
    code, out, _ = run_cli("check", *args)
    assert code == 1 and "nothing says which comes first" in out and "b/B.toml" in out and "a/A.toml" in out
    code, _, err = run_cli("due", *args, "--unit", "xa-X", "--on", "2026-12-01")
    assert code == 2 and "không có gì cho biết cái nào trước" in err
    # in one directory too
    _letter(tmp_path / "a", "B", _postpone("2026-12-22"))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(first))
    assert code == 1 and "nothing says which comes first" in out


def test_postponements_that_agree_or_are_ordered_are_not_a_tie(run_cli, tmp_path):
    first = _letter(tmp_path / "a", "A", _postpone("2026-12-20"))
    same = _letter(tmp_path / "b", "B", _postpone("2026-12-20"))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(first), "--rules", str(same))
    assert code == 0, out                                 # both say 20/12: no order is needed
    # B issued later (1/8) moves it to 22/12: the later document wins
    later = _letter(tmp_path / "c", "B", _postpone("2026-12-22"), issued="2026-08-01")
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(first), "--rules", str(later))
    assert code == 0, out
    # 22/12/2026 is a Tuesday, a working day: the deadline is the day itself
    assert _occurrences([ROOT / "rules", first, later])["2026"] == dt.date(2026, 12, 22)


def test_a_postponement_before_its_period_begins_is_refused(run_cli, tmp_path):
    # the 2026 yearly report (period 1/1-31/12/2026) "postponed" to 20/12/2025: it would be
    # listed as due in 2025, before the year it reports on has begun
    extra = _letter(tmp_path / "x", "A", _postpone("2025-12-20"))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "before the period begins on 2026-01-01" in out and "x/A.toml" in out
    code, _, err = run_cli("due", "--rules", str(ROOT / "rules"), "--rules", str(extra), "--unit", "xa-X",
                           "--on", "2025-12-15")
    assert code == 2 and "trước khi kỳ bắt đầu" in err


def test_a_postponement_before_its_window_opens_is_refused(run_cli, tmp_path):
    # the cells' yearly report is done "vào tháng 11": its 2026 window is 1/11-30/11/2026;
    # a postponement to 20/10/2026 is inside the period but before the window opens
    duty = "76-KH-DU/chi-bo-bao-cao-hang-nam"
    extra = _letter(tmp_path / "x", "A", _postpone("2026-10-20", duty=duty))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "before its window opens on 2026-11-01" in out
    # "trước ngày 1/11" (not inclusive): the last allowed day is 31/10, still before the window
    extra = _letter(tmp_path / "y", "A", _postpone("2026-11-01", duty=duty, inclusive="false"))
    code, out, _ = run_cli("check", "--rules", str(ROOT / "rules"), "--rules", str(extra))
    assert code == 1 and "before its window opens on 2026-11-01" in out
    # to 1/11 inclusive: one day of window, accepted by the loader (the loader has no more to say)
    extra = _letter(tmp_path / "z", "A", _postpone("2026-11-01", duty=duty))
    code, _, err = run_cli("due", "--rules", str(ROOT / "rules"), "--rules", str(extra), "--unit", "chibo-1",
                           "--on", "2026-10-01")
    assert code == 0, err
