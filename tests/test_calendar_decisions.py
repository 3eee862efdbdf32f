"""Calendar facts carry the decision that made them, and a question "as known on D" applies only
the decisions known by D (calendars/decisions.toml, docs/calendar.md). Expected days are written
by hand from the decisions' texts: the weekday of each day and the day each decision was issued."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.base.errors import CalendarRangeError
from obligations.calendar.data import load_calendar_data
from obligations.calendar.decisions import PackageDecisions
from obligations.calendar.holiday_source import HolidaySource
from obligations.calendar.working import VietnamCalendar

ROOT = Path(__file__).resolve().parent.parent
d = dt.date.fromisoformat


@pytest.fixture(scope="module")
def data():
    return load_calendar_data(ROOT / "calendars")


@pytest.fixture(scope="module")
def source():
    return HolidaySource()


def working(data, source, known: str | None, day: str) -> bool:
    view = data.as_known_on(d(known) if known else None)
    return VietnamCalendar(view, source=source).is_working_day(d(day))


# (the decision, the day before it is known, the day it is known, a weekday it makes a day off,
#  a Saturday it makes a working day)
SWAPS = [
    # Văn bản 12729/VPCP-KGVX of 25/12/2025: Friday 2/1/2026 off, Saturday 10/1/2026 worked
    ("12729/VPCP-KGVX", "2025-12-24", "2025-12-25", "2026-01-02", "2026-01-10"),
    # Văn bản 2450/VPCP-KGVX of 12/4/2024: Monday 29/4/2024 off, Saturday 4/5/2024 worked
    ("2450/VPCP-KGVX", "2024-04-11", "2024-04-12", "2024-04-29", "2024-05-04"),
    # Văn bản 6519/VPCP-KGVX of 11/7/2018: Monday 31/12/2018 off, Saturday 5/1/2019 worked
    ("6519/VPCP-KGVX", "2018-07-10", "2018-07-11", "2018-12-31", "2019-01-05"),
    # ... and Monday 29/4/2019 off, Saturday 4/5/2019 worked
    ("6519/VPCP-KGVX", "2018-07-10", "2018-07-11", "2019-04-29", "2019-05-04"),
    # Văn bản 8726/VPCP-KGVX of 26/11/2024: Friday 2/5/2025 off, Saturday 26/4/2025 worked
    ("8726/VPCP-KGVX", "2024-11-25", "2024-11-26", "2025-05-02", "2025-04-26"),
    # National Day 2026: no number or day of issue found; known from 12/8/2026 (an assumption):
    # Monday 31/8/2026 off, Saturday 22/8/2026 worked
    ("", "2026-08-11", "2026-08-12", "2026-08-31", "2026-08-22"),
]


@pytest.mark.parametrize("number, before, on, off, worked", SWAPS)
def test_a_swap_counts_from_the_day_its_decision_is_known(data, source, number, before, on, off, worked):
    assert d(off).weekday() < 5 and d(worked).weekday() == 5        # a weekday off, a Saturday worked
    assert working(data, source, before, off) and not working(data, source, before, worked)
    assert not working(data, source, on, off) and working(data, source, on, worked)
    assert not working(data, source, None, off) and working(data, source, None, worked)   # everything known
    cal = VietnamCalendar(data.as_known_on(d(on)), source=source)
    assert number in {e.decision.number for e in cal.events_on(d(off)) if e.decision}


def test_the_roll_of_2_1_2026_names_the_swap_and_the_labour_code(data, source):
    # a deadline on Friday 2/1/2026 rolled back: known on 20/12/2025 it stays (a working day);
    # known on 26/12/2025, 2/1 is the swapped day off, Thursday 1/1 is Tết Dương lịch (Labour Code
    # 2019 Art. 112), so Wednesday 31/12/2025
    assert VietnamCalendar(data.as_known_on(d("2025-12-20")), source=source).roll(d("2026-01-02")).result == d("2026-01-02")
    roll = VietnamCalendar(data.as_known_on(d("2025-12-26")), source=source).roll(d("2026-01-02"))
    assert roll.result == d("2025-12-31")
    assert [(m.date, [x.number for x in m.decisions]) for m in roll.skipped] == [
        (d("2026-01-02"), ["12729/VPCP-KGVX"]), (d("2026-01-01"), ["45/2019/QH14"])]
    assert roll.skipped[0].decisions[0].issued_on == d("2025-12-25")


def test_a_decision_without_a_day_of_issue_says_it_is_an_assumption(data):
    found = {x.id: x for x in data.decisions}
    summer = found["quoc-khanh-2026-hoan-doi"]
    assert summer.issued_on is None and summer.assumed and summer.known_from == d("2026-08-12")
    assert "not found" in summer.assumption
    assert not found["vpcp-12729-2025"].assumed


def test_an_amendment_adding_a_holiday_is_left_out_before_it_is_known(data, source):
    # Tuesday 24/11/2026, Ngày Văn hóa Việt Nam: Resolution 80-NQ/TW of 7/1/2026
    assert d("2026-11-24").weekday() == 1
    assert working(data, source, "2026-01-06", "2026-11-24")
    assert not working(data, source, "2026-01-07", "2026-11-24")


def test_a_year_whose_labour_code_is_not_known_yet_is_refused(data, source):
    # the Labour Code 2019 (45/2019/QH14, 20/11/2019) gives the holidays of 2021 on: as known on
    # 19/11/2019 there is no answer (the 2012 Code is not what the data gives for 2021)
    with pytest.raises(CalendarRangeError) as caught:
        working(data, source, "2019-11-19", "2021-01-01")
    assert "45/2019/QH14" in caught.value.message and caught.value.code == "calendar-range"
    assert not working(data, source, "2019-11-20", "2021-01-01")       # Friday 1/1/2021, New Year's Day


def test_every_fact_of_the_holidays_package_has_its_decision(data, source):
    decisions = PackageDecisions(data.decisions)
    for year in range(data.first_year, data.last_year + 1):
        facts = source.year(year)
        assert all(decisions.of(day, name) is not None for day, _, name, _ in facts.days), year
        assert all(decisions.of_makeup(day) is not None for day in facts.makeup), year
    assert all(c.decision for c in data.day_changes)
    for x in data.decisions:
        assert x.source and (x.issued_on is not None or x.assumption), x.id


KNOWN = st.dates(min_value=dt.date(2019, 11, 20), max_value=dt.date(2027, 1, 1))


@settings(max_examples=40, deadline=None)
@given(KNOWN, KNOWN)
def test_knowing_more_never_unknows_a_fact(data, first, second):
    """The facts known on D1 are among those known on D2 when D1 <= D2 (and the decisions)."""
    early, late = sorted((first, second))
    a, b = data.as_known_on(early), data.as_known_on(late)
    assert set(a.day_changes) <= set(b.day_changes)
    assert {x.id for x in data.decisions if x.known_by(early)} <= {x.id for x in data.decisions if x.known_by(late)}
    assert set(b.day_changes) <= set(data.as_known_on(None).day_changes)


@settings(max_examples=15, deadline=None)
@given(KNOWN, KNOWN, st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_a_day_off_known_early_stays_off(data, source, first, second, day):
    """The package's facts too: a day made off (or worked) by a known decision stays so later."""
    early, late = sorted((first, second))
    cal_early = VietnamCalendar(data.as_known_on(early), source=source)
    cal_late = VietnamCalendar(data.as_known_on(late), source=source)
    made = {(e.date, e.kind, e.decision) for e in cal_early.events_on(day) if e.decision is not None}
    assert made <= {(e.date, e.kind, e.decision) for e in cal_late.events_on(day) if e.decision is not None}


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "obligations", *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_as_known_on_on_the_command_line_applies_calendar_decisions(tmp_path):
    """The acceptance example: a report due "trước ngày 03/01/2026" (last day Friday 2/1/2026)."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "KT-LICH.toml").write_text("""[directive]
id = "KT-LICH"
number = "01-KH/ĐU (kiểm thử)"
kind = "plan"
issuer = "Ban Thường vụ Đảng ủy xã"
unit = "xa-X"
title = "Kế hoạch kiểm thử"
issued = 2025-12-01

[[duty]]
id = "bao-cao"
section = "1"
source = "Đảng ủy xã báo cáo trước ngày 03/01/2026."
kind = "report"
title_vi = "Báo cáo (kiểm thử)"
title_en = "Report (test)"
performers = ["self"]
recipient = "parent"
schedule = { every = "once", date = 2026-01-03, inclusive = false }
valid = { from = 2025-12-01 }
""", encoding="utf-8")

    def deadline(*known: str) -> str:
        done = run("due", "--rules", str(rules), "--unit", "xa-X", "--on", "2026-01-02", *known, "--format", "json")
        assert done.returncode == 0, done.stderr
        (item,) = [i for i in json.loads(done.stdout)["items"] if i["duty"] == "KT-LICH/bao-cao"]
        return str(item["deadline"])

    assert deadline("--as-known-on", "2025-12-20") == "2026-01-02"      # the swap not known yet
    assert deadline("--as-known-on", "2025-12-26") == "2025-12-31"      # 2/1 off (25/12/2025), 1/1 Tết
    assert deadline() == "2025-12-31"                                   # without the option: all known
    for lang, words in (("vi", "ban hành ngày 25/12/2025"), ("en", "issued 2025-12-25")):
        done = run("explain", "--rules", str(rules), "--unit", "xa-X", "--duty", "KT-LICH/bao-cao", "--period",
                   "2026", "--on", "2026-01-02", "--as-known-on", "2025-12-26", "--lang", lang)
        assert done.returncode == 0, done.stderr
        assert "12729/VPCP-KGVX" in done.stdout and words in done.stdout
    done = run("explain", "--rules", str(rules), "--unit", "xa-X", "--duty", "KT-LICH/bao-cao", "--period", "2026",
               "--on", "2026-01-02", "--as-known-on", "2025-12-26", "--format", "json")
    (skipped,) = [m for m in json.loads(done.stdout)["calendar"]["skipped"] if m["date"] == "2026-01-02"]
    assert [(x["number"], x["issued_on"], x["assumed"]) for x in skipped["decisions"]] == [
        ("12729/VPCP-KGVX", "2025-12-25", False)]


def test_what_a_calendar_learnt_between_two_days(data):
    # between 20/12/2025 and 26/12/2025 only 12729/VPCP-KGVX (25/12/2025) was issued
    assert [x.number for x in data.known_between(d("2025-12-20"), d("2025-12-26"))] == ["12729/VPCP-KGVX"]
    assert data.known_between(d("2025-12-26"), d("2025-12-31")) == ()


def test_a_local_day_counts_from_its_decision(source):
    """tests/fixtures/calendars_local/local/xa-X.toml: the commune's day off on Monday 3/3/2025,
    a decision whose day of issue is not known, taken as known from 1/2/2025 (its assumption)."""
    local = load_calendar_data(ROOT / "tests" / "fixtures" / "calendars_local")
    assert d("2025-03-03").weekday() == 0
    (change,) = [c for c in local.day_changes if c.scope == ("xa-X",)]
    assert change.decision.assumed and change.decision.known_from == d("2025-02-01")
    for known, works in (("2025-01-31", True), ("2025-02-01", False)):
        cal = VietnamCalendar(local.as_known_on(d(known)), scope=("xa-X",), source=source)
        assert cal.is_working_day(d("2025-03-03")) is works
    assert VietnamCalendar(local, scope=(), source=source).is_working_day(d("2025-03-03"))   # not national
