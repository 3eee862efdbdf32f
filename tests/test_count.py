"""The four-way count (``Workspace.count_under``, ``status --under``): on time (đúng hạn), late
(trễ hạn), within the deadline (chưa đến hạn) and overdue (quá hạn) for a unit and every unit
below it, on a hand-written log whose counts are worked out by hand below; and the property
that the count under a unit is its own count plus the counts under its children."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import obligations
from obligations.log.store import SubmissionLog

CELL_YEARLY = "76-KH-DU/chi-bo-bao-cao-hang-nam"      # each cell's yearly report, "by 30/11"
COMMUNE_YEARLY = "76-KH-DU/dang-uy-bao-cao-hang-nam"   # xa-X's yearly report, "by 30/11"
KONTUM_YEARLY = "CV-BTVTU-KonTum/bao-cao-hang-nam"     # xa-X's yearly report to Kon Tum, "by 15/12" less lead
FROM, TO, ON = dt.date(2025, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 1)
UNITS = ("xa-X", "chibo-1", "chibo-2", "chibo-3")
FOUR = ("on_time", "late", "within", "overdue")

# The hand-written log and what it should give, worked out by hand:
# - 30/11/2025 is a Sunday; the rule rolls a deadline on a day off to the working day before:
#   the yearly reports of 2025 are due Friday 28/11/2025 (no holiday in late November).
#   chibo-1 delivers Tuesday 25/11/2025: on time.
#   chibo-2 delivers Wednesday 3/12/2025: late by Monday 1, Tuesday 2, Wednesday 3/12 = 3 working days.
#   xa-X delivers its own Thursday 27/11/2025: on time.
# - Kon Tum's yearly report of 2025 is due Friday 12/12/2025 (15/12 less its lead time); xa-X
#   delivers Tuesday 16/12/2025: late by Monday 15 and Tuesday 16/12 = 2 working days.
#   No public holiday falls in December (the next is 1/1), so these counts are weekdays only.
# - Nothing else is delivered. As of Tuesday 1/12/2026, over deadlines in 2025-2026 (the tracked
#   reports: an activity whose time has gone is an agenda item, not counted):
#   xa-X:    so-kết 76-KH (31/10/2025) overdue, so-kết Kon Tum (14/11/2025) overdue, yearly 2025
#            on time, Kon Tum 2025 late, yearly 2026 (Monday 30/11/2026, passed) overdue, Kon Tum
#            2026 (Monday 14/12/2026, ahead) within the deadline: 1 on time, 1 late, 1 within, 3 overdue.
#   chibo-1: so-kết overdue, 2025 on time, 2026 overdue: 1, 0, 0, 2.
#   chibo-2: so-kết overdue, 2025 late, 2026 overdue:    0, 1, 0, 2.
#   chibo-3: so-kết, 2025, 2026 overdue:                 0, 0, 0, 3.
#   Under xa-X: 2 on time, 2 late (3 + 2 = 5 working days), 1 within, 10 overdue: 15 occurrences.
HAND_LOG = (("chibo-1", CELL_YEARLY, dt.date(2025, 11, 25)), ("chibo-2", CELL_YEARLY, dt.date(2025, 12, 3)),
            ("xa-X", COMMUNE_YEARLY, dt.date(2025, 11, 27)), ("xa-X", KONTUM_YEARLY, dt.date(2025, 12, 16)))
HAND_OWN = {"xa-X": (1, 1, 1, 3), "chibo-1": (1, 0, 0, 2), "chibo-2": (0, 1, 0, 2), "chibo-3": (0, 0, 0, 3)}
HAND_DAYS_LATE = {"xa-X": 2, "chibo-1": 0, "chibo-2": 3, "chibo-3": 0}


def test_the_days_of_the_reasoning_are_the_weekdays_said():
    # the weekdays the reasoning above relies on, from the standard library
    assert dt.date(2025, 11, 30).weekday() == 6 and dt.date(2025, 11, 28).weekday() == 4
    assert dt.date(2025, 12, 12).weekday() == 4 and dt.date(2025, 12, 16).weekday() == 1
    assert dt.date(2026, 11, 30).weekday() == 0 and dt.date(2026, 12, 14).weekday() == 0


@pytest.fixture(scope="module")
def ws():
    return obligations.load()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("count") / "log.sqlite3"
    log = SubmissionLog(path)
    for unit, duty, day in HAND_LOG:
        log.record_submission(unit, duty, "2025", day)
    return str(path)


def cli(*argv: str) -> tuple[int, str, str]:
    from obligations.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def under(*argv: str) -> tuple[int, str, str]:
    return cli("status", "--under", *argv)


def four(counts: dict) -> tuple[int, ...]:
    return tuple(counts[k] for k in FOUR)


def test_the_library_gives_the_counts_worked_out_by_hand(ws, db):
    report = ws.count_under("xa-X", FROM, TO, ON, log=SubmissionLog(db))
    t = report.total
    assert (t.on_time, t.late, t.within, t.overdue, t.late_working_days, t.conflicts) == (2, 2, 1, 10, 5, 0)
    assert t.total == 15 and t.percent("overdue") == 66.7 and t.percent("within") == 6.7
    assert report.units == 4 and [g.key for g in report.groups] == list(UNITS)
    for g in report.groups:
        assert (g.tally.on_time, g.tally.late, g.tally.within, g.tally.overdue) == HAND_OWN[g.key], g.key
        assert g.tally.late_working_days == HAND_DAYS_LATE[g.key], g.key
    # drill-down: the occurrences behind the late count are the two late deliveries
    late = sorted((c.unit, c.delivery.item.occurrence.duty.id, c.delivery.late_working_days)
                  for c in report.counted if c.category == "late")
    assert late == [("chibo-2", CELL_YEARLY, 3), ("xa-X", KONTUM_YEARLY, 2)]
    within = [(c.unit, c.delivery.item.occurrence.period, c.delivery.item.deadline)
              for c in report.counted if c.category == "within"]
    assert within == [("xa-X", "2026", dt.date(2026, 12, 14))]


def test_status_under_json_gives_the_counts_by_hand_with_the_occurrences_behind_them(db):
    code, out, err = under("xa-X", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-12-01",
                           "--by", "unit", "--format", "json", "--db", db)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema_version"] == "1" and doc["unit"] == "xa-X" and doc["by"] == "unit"
    assert four(doc["total"]) == (2, 2, 1, 10) and doc["total"]["late_working_days"] == 5
    groups = {g["unit"]: g for g in doc["groups"]}
    assert {u: four(groups[u]["counts"]) for u in UNITS} == HAND_OWN
    assert four(groups["xa-X"]["under"]) == (2, 2, 1, 10)
    assert four(groups["chibo-2"]["under"]) == (0, 1, 0, 2) and groups["chibo-2"]["parent"] == "xa-X"
    ids = [o["id"] for g in doc["groups"] for o in g["occurrences"]]
    assert len(ids) == len(set(ids)) == 15
    assert "chibo-2|76-KH-DU/chi-bo-bao-cao-hang-nam|2025" in ids


def test_status_under_by_directive_and_duty(db):
    argv = ("xa-X", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-12-01", "--format", "json", "--db", db)
    doc = json.loads(under(*argv, "--by", "directive")[1])
    by = {g["directive"]: four(g["counts"]) for g in doc["groups"]}
    # 76-KH: 4 so-kết overdue + 4 yearly 2025 (2 on time, chibo-2 late, chibo-3 overdue) + 4 yearly 2026 overdue
    # Kon Tum (xa-X only): so-kết overdue, 2025 late, 2026 within
    assert by == {"76-KH-DU": (2, 1, 0, 9), "CV-BTVTU-KonTum": (0, 1, 1, 1)}
    doc = json.loads(under(*argv, "--by", "duty")[1])
    by = {g["duty"]: four(g["counts"]) for g in doc["groups"]}
    assert by[CELL_YEARLY] == (1, 1, 0, 4) and by[KONTUM_YEARLY] == (0, 1, 1, 0)
    assert four(doc["total"]) == (2, 2, 1, 10)


def test_status_under_table_in_vietnamese_and_english(db):
    argv = ("xa-X", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-12-01", "--db", db)
    code, vi, _ = under(*argv)
    assert code == 0
    assert "01/12/2026" in vi and "Đúng hạn" in vi and "Quá hạn" in vi and "10 (66,7%)" in vi
    code, en, _ = under(*argv, "--lang", "en")
    assert code == 0
    assert "2026-12-01" in en and "On time" in en and "Overdue" in en and "10 (66.7%)" in en
    assert "Đúng hạn" not in en and "On time" not in vi


def test_status_under_csv_and_xlsx(db, tmp_path):
    argv = ("xa-X", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-12-01", "--db", db)
    code, out, _ = under(*argv, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["group"] for r in rows] == [*UNITS, "*"]
    assert (rows[0]["on_time"], rows[0]["late"], rows[0]["within"], rows[0]["overdue"]) == ("2", "2", "1", "10")
    assert rows[2]["late_working_days"] == "3" and rows[-1]["overdue_percent"] == "66.7"
    pytest.importorskip("openpyxl")
    import openpyxl

    target = tmp_path / "count.xlsx"
    code, _, err = under(*argv, "--format", "xlsx", "--out", str(target))
    assert code == 0, err
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "Nhóm" and sheet["C2"].value == 2 and sheet["F2"].value == 10


def test_to_dict_is_the_command_lines_json(ws, db):
    report = ws.count_under("chibo-2", FROM, TO, ON, log=SubmissionLog(db))
    code, out, _ = under("chibo-2", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-12-01",
                         "--format", "json", "--lang", "en", "--db", db)
    assert code == 0 and report.to_dict("en") == json.loads(out)


@pytest.mark.parametrize("argv, words", [
    (("--under", "xa-X", "--from", "2026-12-31", "--to", "2025-01-01"), "before its start"),
    (("--under", "xa-X", "--year", "2025"), "--year goes with --unit"),
    (("--unit", "xa-X", "--from", "2025-01-01"), "--from goes with --under"),
    (("--under", "khong-co"), "unknown unit"),
    (("--under", "xa-X", "--from", "31/02/2025"), "--from"),
    (("--under", "xa-X", "--from", "2025-01-01", "--to", "2101-12-31"), "2101"),
    (("--under", "xa-X", "--on", "2026-12-01", "--out", "x.csv"), "--out"),
])
def test_bad_input_is_one_clear_message(argv, words, tmp_path):
    code, out, err = cli("status", *argv, "--lang", "en", "--db", str(tmp_path / "none.sqlite3"))   # English words below
    assert code in (1, 2) and out == "" and "Traceback" not in err
    assert words in err, err
    assert not (tmp_path / "none.sqlite3").exists()


# -- the property: under(U) = own(U) + the sum of under(child) --------------------------------------------

# what can be delivered: every tracked occurrence of the fixture's units in 2025-2026
OCCURRENCES = [(u, d, p) for u in ("chibo-1", "chibo-2", "chibo-3") for d, p in
               ((CELL_YEARLY, "2025"), (CELL_YEARLY, "2026"), ("76-KH-DU/chi-bo-so-ket", "2025"))] + \
              [("xa-X", d, p) for d, p in ((COMMUNE_YEARLY, "2025"), (COMMUNE_YEARLY, "2026"),
                                           (KONTUM_YEARLY, "2025"), (KONTUM_YEARLY, "2026"),
                                           ("76-KH-DU/dang-uy-so-ket", "2025"),
                                           ("CV-BTVTU-KonTum/so-ket-2023-2025", "2025"))]
_counter = iter(range(10**9))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(deliveries=st.lists(st.tuples(st.sampled_from(OCCURRENCES),
                                     st.dates(dt.date(2025, 6, 1), dt.date(2026, 12, 31))),
                           max_size=10, unique_by=lambda x: x[0]),
       on=st.dates(dt.date(2025, 9, 1), dt.date(2026, 12, 31)),
       start=st.dates(dt.date(2025, 1, 1), dt.date(2026, 6, 30)),
       days=st.integers(0, 540))
def test_the_count_under_a_unit_is_its_own_plus_the_counts_under_its_children(ws, tmp_path, deliveries, on,
                                                                               start, days):
    end = min(start + dt.timedelta(days=days), dt.date(2026, 12, 31))
    log = SubmissionLog(tmp_path / f"log{next(_counter)}.sqlite3")
    for (unit, duty, period), day in deliveries:
        log.record_submission(unit, duty, period, day)
    report = ws.count_under("xa-X", start, end, on, log=log)
    groups = {g.key: g for g in report.groups}
    mapping = {"on_time": "on_time", "late": "late", "open": "within", "missing": "overdue"}
    for unit in UNITS:
        # own(U): the unit's status rows whose deadline is in the range, each category by status's result
        own = {k: 0 for k in FOUR}
        for d in ws.status(unit, on, log=log).deliveries:
            if start <= d.item.deadline <= end:
                own[mapping[d.result]] += 1
        assert four(attrs_dict(groups[unit].tally)) == four(own), unit
        alone = ws.count_under(unit, start, end, on, log=log).total
        children = [g for g in report.groups if g.parent == unit]
        summed = groups[unit].tally
        for child in children:
            summed = summed + groups[child.key].under
        assert alone == groups[unit].under == summed, unit
    assert report.total == groups["xa-X"].under
    assert report.total.total == len(report.counted)


def attrs_dict(t) -> dict:
    return {k: getattr(t, k) for k in FOUR}


def test_the_overview_page_sorts_the_units_by_overdue_with_a_bar_each(db):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx2")
    import re
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from web_helpers import make_client

    client, _ = make_client(Path(db))
    with client:
        page = client.get("/units/xa-X/overview", params={"from": "2025-01-01", "to": "2026-12-31", "on": "2026-12-01"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        html = page.text
        # xa-X first (the whole), then by overdue: chibo-3 (3), then chibo-2 and chibo-1 (2 each; chibo-2 has
        # a late delivery, chibo-1 none)
        assert re.findall(r"\((xa-X|chibo-\d)\)</a>", html) == ["xa-X", "chibo-3", "chibo-2", "chibo-1"]
        assert html.count("class='bar'") == 4 and "01/12/2026" in html and "Quá hạn" in html
        en = client.get("/units/xa-X/overview", params={"from": "2025-01-01", "to": "2026-12-31", "on": "2026-12-01",
                                                        "lang": "en"}).text
        assert "Overdue" in en and "Quá hạn" not in en and "2026-12-01" in en
        bad = client.get("/units/xa-X/overview", params={"from": "2026-12-31", "to": "2025-01-01", "on": "2026-12-01"})
        assert bad.status_code == 400 and "text/html" in bad.headers["content-type"]
