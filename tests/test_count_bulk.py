"""The four-way count on the shared templates (report/count_bulk.py, what ``Workspace.count_under``
does) gives exactly the counts and the occurrences behind them of the straightforward count (every
unit's ``due`` listing judged item by item: report/count.judged_under), on a synthetic tree with
deliveries (on time, late, missing), corrections, extensions of a unit's own items and of the reports
above it (the template's own unit among them), recorded events, lead times that tighten the levels
below and, with a lead time longer than a window, deadlines in conflict."""

import datetime as dt
import sqlite3

import attrs
import pytest

from bench.synthetic import build
from bench.synthetic_log import write_log
from obligations.base.errors import InputError
from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST
from obligations.log.store import SubmissionLog
from obligations.org.leadtimes import LeadTimeRule
from obligations.report.count import count_under
from obligations.workspace import Workspace

FROM, TO = dt.date(2025, 1, 1), dt.date(2026, 12, 31)


def _workspace(leads):
    base = build(provinces=2, communes=4, cells=10)          # 1 + 2 + 4 + 40 units
    rules = tuple(LeadTimeRule(days, "test data", False, None, level, FAR_PAST, FAR_FUTURE, "test")
                  for level, days in leads)
    return Workspace(base.rules, attrs.evolve(base.hierarchy, lead_times=rules), base.calendar_data)


def _log(ws, path):
    write_log(ws, path, year=2025, events={"c0002-04": [("hop-chi-bo", dt.date(2025, 6, 1))]})
    log = SubmissionLog(path)
    late = dt.timedelta(days=25)
    cell = "c0001-03"
    mine = [o for o in ws.occurrences(cell, 2025, 2025)[0] if o.deadline.year == 2025]
    feeding = [o for o in mine if o.duty.feeds]
    plain = [o for o in mine if not o.duty.feeds]
    commune = [o for o in ws.occurrences("c0001", 2025, 2025)[0] if o.deadline.year == 2025]
    # a report of the commune that its cells feed, extended: its cells are loosened from above
    for occ in commune[:2]:
        ws.record_extension(log, "c0001", occ.duty.id, occ.period, occ.deadline + dt.timedelta(days=6), ref="GH-1")
    # a cell's own items, one that feeds and one that does not; the first cell (the template's unit)
    for unit, occ in ((cell, feeding[-1]), ("c0003-07", plain[0]), ("c0001-00", feeding[0]),
                      ("c0001-05", plain[1])):
        ws.record_extension(log, unit, occ.duty.id, occ.period, occ.deadline + late, ref="GH-2", note="ốm")
    # a correction: a second delivery of the same item replaces the first
    ws.record_submission(log, cell, plain[-1].duty.id, plain[-1].period, plain[-1].deadline - dt.timedelta(days=9),
                         today=dt.date(2026, 1, 1), ref="CV 12", replace=True, reason="sửa ngày nộp")
    return log


@pytest.fixture(scope="module", params=[(("commune", 10), ("province", 3)), (("commune", 200),)],
                ids=["lead-times", "conflicts"])
def tree(request, tmp_path_factory):
    ws = _workspace(request.param)
    return ws, _log(ws, tmp_path_factory.mktemp("count-bulk") / "log.sqlite3"), request.param


def _same(fast, slow):
    assert fast.total == slow.total
    assert [g.key for g in fast.groups] == [g.key for g in slow.groups]
    for f, s in zip(fast.groups, slow.groups):
        assert (f.tally, f.under, f.parent) == (s.tally, s.under, s.parent), f.key
        assert tuple(f.occurrences) == tuple(s.occurrences), f.key


@pytest.mark.parametrize("on", [dt.date(2025, 11, 10), dt.date(2026, 1, 15), dt.date(2026, 12, 1)])
def test_the_count_on_templates_is_the_straightforward_count(tree, on):
    ws, log, leads = tree
    fast = ws.count_under("tw", FROM, TO, on, log=log)
    slow = count_under(ws, "tw", FROM, TO, on, log=log)          # no evaluation given: item by item
    _same(fast, slow)
    t = fast.total
    assert fast.units == 47 and t.on_time and t.late and t.late_working_days
    if on == dt.date(2025, 11, 10):
        assert t.within             # deadlines of late 2025 ahead
    elif leads != (("commune", 200),):
        assert t.overdue            # the 15 % of 2025 never delivered
    if leads == (("commune", 200),):
        assert t.conflicts        # the cells' deadlines cannot meet a lead time longer than their window


def test_by_duty_and_directive_and_a_subtree_and_no_log(tree):
    ws, log, _ = tree
    on = dt.date(2026, 1, 15)
    for by in ("duty", "directive"):
        _same(ws.count_under("tw", FROM, TO, on, by=by, log=log), count_under(ws, "tw", FROM, TO, on, by=by, log=log))
    _same(ws.count_under("c0001", FROM, TO, on, log=log), count_under(ws, "c0001", FROM, TO, on, log=log))
    _same(ws.count_under("p00", dt.date(2025, 6, 1), dt.date(2025, 9, 30), on, log=log),
          count_under(ws, "p00", dt.date(2025, 6, 1), dt.date(2025, 9, 30), on, log=log))
    _same(ws.count_under("tw", FROM, TO, on), count_under(ws, "tw", FROM, TO, on))


def test_keys_the_grouped_days_cannot_carry_are_read_row_by_row(tree, tmp_path):
    ws, log, _ = tree
    copy = tmp_path / "odd.sqlite3"
    with sqlite3.connect(log.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE submission SET period = period || ? WHERE id = 8", ("\x1f",))
        conn.execute("UPDATE submission SET duty = duty || ? WHERE id = 9", ("\x1e",))
    odd = SubmissionLog(copy)
    on = dt.date(2026, 1, 15)
    _same(ws.count_under("tw", FROM, TO, on, log=odd), count_under(ws, "tw", FROM, TO, on, log=odd))


def test_a_bad_day_is_refused_as_the_store_refuses_it(tree, tmp_path):
    ws, log, _ = tree
    copy = tmp_path / "bad.sqlite3"
    with sqlite3.connect(log.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE submission SET delivered_on = '2025-02-30' WHERE id = 7")
    with pytest.raises(InputError) as counted:
        ws.count_under("tw", FROM, TO, dt.date(2026, 1, 15), log=SubmissionLog(copy))
    with pytest.raises(InputError) as store:
        SubmissionLog(copy).delivered()
    assert str(counted.value) == str(store.value) and "row 7" in str(store.value)
