"""Named policies, their overrides by a rule or a unit, and windows crossing a year end."""

import pytest

from conftest import FIXTURES, deadlines
from obligations.workspace import load


@pytest.fixture(scope="module")
def pws():
    return load(FIXTURES / "rules_policies")


def test_before_exclusive_is_the_default_and_inclusive_can_be_chosen(ws, pws):
    # default: trước ngày 20/4/2023 -> 19/4 (tested on the bundled data)
    assert deadlines(ws, "chibo-1", "76-KH-DU/chi-bo-bao-cao-trien-khai")["2023"][1] == "2023-04-19"
    # inclusive: up to 14/12/2025 (a Sunday) -> rolled back to Friday 12/12
    assert deadlines(pws, "low", "TEST-1/inclusive") == {"2025": ("2025-01-01", "2025-12-12")}


def test_periods_in_days_end_by_the_civil_code(pws):
    # 16/8/2025 + 15 days = 31/8/2025, a Sunday; 1/9 and 2/9 are National Day: next working day 3/9.
    occ, _ = pws.occurrences("low", 2025, 2025, duties=[pws.rules.duty("TEST-1/civil-code")])
    (one,) = occ
    assert one.last_allowed.isoformat() == "2025-08-31"
    assert one.deadline.isoformat() == "2025-09-03" and one.roll.policy == "next"
    assert [m.date.isoformat() for m in one.roll.skipped] == ["2025-08-31", "2025-09-01", "2025-09-02"]


def test_monthly_recurrence_crosses_the_year_end(pws):
    assert deadlines(pws, "low", "TEST-1/year-end-monthly") == {
        "2023-11": ("2023-11-15", "2023-11-30"),
        "2023-12": ("2023-12-01", "2023-12-29"),     # 30-31/12/2023 weekend
        "2024-01": ("2024-01-01", "2024-01-31"),     # window opens on a holiday; deadline Wednesday
        "2024-02": ("2024-02-01", "2024-02-07"),     # clipped to 10/2; 8-10/2/2024 are Tết days -> 7/2
    }


def test_peak_window_crosses_the_year_end(pws):
    got = deadlines(pws, "low", "TEST-1/tet-peak")
    # Tết 2024 = 10/2/2024: 45 days before is 27/12/2023; 3 days after is 13/2 (roll none).
    assert got["2024-02-10"] == ("2023-12-27", "2024-02-13")
    assert got["2023-01-22"] == ("2023-01-01", "2023-01-25")   # clipped to the start of validity


def test_unit_policy_and_rule_precedence(pws):
    # mid's own policy: roll next. 30/11/2025 is a Sunday -> Monday 1/12.
    assert deadlines(pws, "mid", "TEST-1/unit-policy")["2025"][1] == "2025-12-01"
    # the rule says previous explicitly: it wins over the unit -> Friday 28/11.
    assert deadlines(pws, "mid", "TEST-1/rule-beats-unit")["2025"][1] == "2025-11-28"
    duty = pws.occurrence_source.duty_for_unit(pws.rules.duty("TEST-1/unit-policy"), "mid")
    assert duty.policy.due_soon_days == 10


def test_due_soon_threshold_from_the_unit_policy(pws):
    import datetime as dt

    # 17/11/2025: 9 working days before Monday 1/12 ([17/11, 1/12) has 10 working days)
    report = pws.due("mid", dt.date(2025, 11, 17))
    statuses = {i.occurrence.duty.local_id: (i.status, i.working_days_left) for i in report.items}
    assert statuses["unit-policy"] == ("due_soon", 10)
    assert statuses["rule-beats-unit"] == ("due_soon", 9)


def test_quarterly_schedule(tmp_path):
    import shutil

    from obligations.base import paths

    rules = tmp_path / "r"
    rules.mkdir()
    shutil.copy(paths.hierarchy_file(), rules / "hierarchy.toml")
    (rules / "q.toml").write_text(
        '[directive]\nid = "Q"\nnumber = "1-BC/Q"\nkind = "plan"\nissuer = "x"\nunit = "xa-X"\ntitle = "t"\n'
        '[[duty]]\nid = "q"\nsection = "1"\nsource = "báo cáo hằng quý"\nkind = "report"\ntitle_vi = "a"\n'
        'title_en = "a"\nperformers = ["level:cell"]\nrecipient = "issuer"\nschedule = { type = "quarterly" }\n'
        'valid = { from = 2025-05-10, until = 2026-03-31 }\n', encoding="utf-8")
    ws = load(rules)
    # Q2 2025 starts at validity (10/5); 30/6/2025 Monday; 30/9/2025 Tuesday; 31/12/2025 Wednesday;
    # 31/3/2026 Tuesday.
    assert deadlines(ws, "chibo-1", "Q/q", 2025, 2026) == {
        "2025-Q2": ("2025-05-10", "2025-06-30"), "2025-Q3": ("2025-07-01", "2025-09-30"),
        "2025-Q4": ("2025-10-01", "2025-12-31"), "2026-Q1": ("2026-01-01", "2026-03-31")}
