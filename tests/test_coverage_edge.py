"""The edge of the calendar data (docs/calendar.md, "Coverage"): the last covered day is
answered, the first uncovered day is refused naming the data given, and an answer with
data cut short is either the answer with the full data or a refusal, never a shorter one.

Expected dates are worked out by hand from the weekday and the holidays (reasoning beside
each); the cut data is the bundled data with `last_year` (or `first_year`) changed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from obligations.base import paths
from obligations.base.errors import CalendarRangeError, UnitNotActive
from obligations.calendar.data import load_calendar_data
from obligations.calendar.holiday_source import HolidaySource
from obligations.loading import read_inputs
from obligations.status.engine import make_engine
from obligations.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
COVERAGE = ROOT / "tests" / "bad_input" / "coverage"
ENGINE = make_engine("python")
HOLIDAYS = HolidaySource()
CHIBO_YEARLY = "76-KH-DU/chi-bo-bao-cao-hang-nam"
COMMUNE_YEARLY = "76-KH-DU/dang-uy-bao-cao-hang-nam"
KONTUM_YEARLY = "CV-BTVTU-KonTum/bao-cao-hang-nam"


@lru_cache(maxsize=None)
def _inputs(rules: str | None = None):
    return read_inputs(rules)


@lru_cache(maxsize=None)
def workspace(first: int | None = None, last: int | None = None, rules: str | None = None) -> Workspace:
    """The bundled inputs with the calendar data's coverage cut to [first, last]."""
    ruleset, hierarchy, data = _inputs(rules)
    data = attrs.evolve(data, first_year=first or data.first_year, last_year=last or data.last_year,
                        file=f"cut-{first}-{last}/vietnam.toml")
    return Workspace(ruleset, hierarchy, data, holidays=HOLIDAYS)


def _items(report):
    return [(i.occurrence.duty.id, i.occurrence.period, i.deadline, i.status) for i in report.items]


# -- the last covered day works, the first uncovered day is refused ---------------------

def test_the_last_covered_day_is_a_working_day_and_the_next_is_refused():
    cal = workspace(last=2026).calendar_for("xa-X")
    # 31/12/2026 is a Thursday and no holiday: a working day; rolling it keeps it
    assert cal.is_working_day(dt.date(2026, 12, 31))
    assert cal.roll(dt.date(2026, 12, 31)).result == dt.date(2026, 12, 31)
    # 1/1/2027 (Tết Dương lịch) is the first day the cut data does not cover
    with pytest.raises(CalendarRangeError) as caught:
        cal.is_working_day(dt.date(2027, 1, 1))
    assert caught.value.file == "cut-None-2026/vietnam.toml"
    assert "1995-2026" in caught.value.message


def test_due_up_to_the_last_covered_day_is_the_full_answer():
    # On Monday 28/12/2026 with horizon 3 the days asked end on 31/12/2026, the last covered
    # day. Two reports are overdue within the lookback (from 28/11/2026):
    # - 76-KH/ĐU's commune report "in November": 30/11/2026 is a Monday, a working day;
    # - Kon Tum's yearly report "before 15/12": last allowed 14/12/2026, a Monday.
    on = dt.date(2026, 12, 28)
    cut = workspace(last=2026).due("xa-X", on, horizon=3, engine=ENGINE)
    expected = [(COMMUNE_YEARLY, "2026", dt.date(2026, 11, 30), "overdue"),
                (KONTUM_YEARLY, "2026", dt.date(2026, 12, 14), "overdue")]
    assert _items(cut) == expected
    assert _items(workspace().due("xa-X", on, horizon=3, engine=ENGINE)) == expected


def test_due_reaching_the_first_uncovered_day_is_refused():
    # horizon 4 from 28/12/2026 reaches 1/1/2027
    with pytest.raises(CalendarRangeError) as caught:
        workspace(last=2026).due("xa-X", dt.date(2026, 12, 28), horizon=4, engine=ENGINE)
    assert "2027-01-01" in caught.value.message and caught.value.file == "cut-None-2026/vietnam.toml"


def test_due_from_the_first_covered_day_needs_the_years_before():
    # Data from 2026 only: the rules start in 2023, so the overdue count of 28/12/2026
    # depends on deadlines of 2023-2025 (placed on days the data lacks): refused.
    with pytest.raises(CalendarRangeError) as caught:
        workspace(first=2026).due("xa-X", dt.date(2026, 12, 28), horizon=3, engine=ENGINE)
    assert "2026-2100" in caught.value.message


def test_explain_the_next_occurrence_past_the_coverage_is_refused():
    # On 28/12/2026 chibo-1's report "in November" of 2026 (30/11/2026) has passed; the
    # next is due on 30/11/2027 (a Tuesday), past the data: refused, not the 2026 one.
    ws = workspace(last=2026)
    with pytest.raises(CalendarRangeError) as caught:
        ws.find_occurrence("chibo-1", CHIBO_YEARLY, None, dt.date(2026, 12, 28))
    assert "2027-11-30" in caught.value.message
    assert workspace().find_occurrence("chibo-1", CHIBO_YEARLY, None, dt.date(2026, 12, 28)).deadline == \
        dt.date(2027, 11, 30)
    # the period of the last covered year is answered: 30/11/2026 is a Monday
    assert ws.find_occurrence("chibo-1", CHIBO_YEARLY, "2026", dt.date(2026, 12, 28)).deadline == dt.date(2026, 11, 30)


def test_a_window_open_by_the_horizon_with_its_deadline_next_year():
    # T-COV's report on 2026 opens on 1/1/2026 and is due before 10/1/2027: 10/1 is a
    # Sunday, 9/1 a Saturday, so the last working day before is Friday 8/1/2027. On
    # 1/6/2026 it is open: listed with the full data (it was left out before), refused
    # with data to 2026.
    rules = str(_rules_with(COVERAGE / "yearly-next.toml"))
    on = dt.date(2026, 6, 1)
    full = workspace(rules=rules).due("xa-X", on, engine=ENGINE)
    assert ("T-COV/bao-cao-nam", "2026", dt.date(2027, 1, 8), "window_open") in _items(full)
    with pytest.raises(CalendarRangeError) as caught:
        workspace(last=2026, rules=rules).due("xa-X", on, engine=ENGINE)
    assert "T-COV/bao-cao-nam" in caught.value.message


@lru_cache(maxsize=None)
def _rules_with(extra: Path) -> Path:
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="coverage-rules-")) / "rules"
    shutil.copytree(paths.rules_dir(), target)
    shutil.copy(extra, target / "zz.toml")
    return target


def test_messages_name_the_calendar_directory_given(tmp_path):
    cal = tmp_path / "lich-2026"
    shutil.copytree(paths.calendars_dir(), cal)
    shutil.copy(COVERAGE / "vietnam-to-2026.toml", cal / "vietnam.toml")
    data = load_calendar_data(cal)
    assert data.file == str(cal / "vietnam.toml")
    assert all(c.source.startswith(str(cal)) for c in data.commemorations)
    assert load_calendar_data(paths.calendars_dir()).file == "calendars/vietnam.toml"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OBLIGATIONS_CACHE="off")
    return subprocess.run([sys.executable, "-m", "obligations", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def test_cli_last_covered_day_answers_and_first_uncovered_day_is_refused(tmp_path):
    cal = tmp_path / "lich-2026"
    shutil.copytree(paths.calendars_dir(), cal)
    shutil.copy(COVERAGE / "vietnam-to-2026.toml", cal / "vietnam.toml")
    ok = _cli("due", "--unit", "xa-X", "--on", "2026-12-28", "--horizon", "3", "--calendars", str(cal),
              "--format", "json", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert '"deadline": "2026-12-14"' in ok.stdout
    refused = _cli("due", "--unit", "xa-X", "--on", "2026-12-28", "--horizon", "4", "--calendars", str(cal),
                   cwd=tmp_path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert str(cal / "vietnam.toml") in refused.stderr and "calendars/vietnam.toml" not in refused.stderr
    assert "1995-2026" in refused.stderr and "Traceback" not in refused.stderr


# -- complete or refused, never shorter -------------------------------------------------

UNITS = ("xa-X", "chibo-1", "huyen-Y", "tinh-quang-ngai")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(last=st.integers(2024, 2028), first=st.sampled_from([None, None, None, 2023, 2024]),
       on=st.dates(dt.date(2024, 1, 1), dt.date(2029, 6, 30)), horizon=st.integers(0, 120),
       lookback=st.integers(0, 120), unit=st.sampled_from(UNITS))
def test_due_with_cut_data_is_complete_or_refused(last, first, on, horizon, lookback, unit):
    if first is not None and first > last:
        first = last
    try:
        cut = workspace(first, last).due(unit, on, horizon=horizon, lookback=lookback, engine=ENGINE)
    except CalendarRangeError as exc:
        assert exc.file == f"cut-{first}-{last}/vietnam.toml"
        return
    except UnitNotActive:       # a unit asked about after it ended: refused whatever the data covers
        with pytest.raises(UnitNotActive):
            workspace().due(unit, on, horizon=horizon, lookback=lookback, engine=ENGINE)
        return
    full = workspace().due(unit, on, horizon=horizon, lookback=lookback, engine=ENGINE)
    assert _items(cut) == _items(full)
    assert cut.hidden_overdue == full.hidden_overdue


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(last=st.integers(2024, 2028), start=st.dates(dt.date(2024, 1, 1), dt.date(2029, 6, 30)),
       days=st.integers(0, 500), unit=st.sampled_from(UNITS))
def test_items_between_with_cut_data_are_complete_or_refused(last, start, days, unit):
    end = start + dt.timedelta(days=days)
    on = start
    try:
        cut = workspace(None, last).items_between(unit, start, end, on, engine=ENGINE)
    except CalendarRangeError:
        return
    except UnitNotActive:
        with pytest.raises(UnitNotActive):
            workspace().items_between(unit, start, end, on, engine=ENGINE)
        return
    full = workspace().items_between(unit, start, end, on, engine=ENGINE)
    assert [(i.occurrence.key, i.deadline, i.status) for i in cut] == \
        [(i.occurrence.key, i.deadline, i.status) for i in full]
