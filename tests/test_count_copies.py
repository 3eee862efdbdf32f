"""The four-way count shares one template between the cells of communes whose plans are copies of
one another (report/copies.py): the counts stay those of the straightforward count
(report/count.judged_under, through ``due_under``, which shares nothing across communes), and the
sharing stops where a copy differs in one date or where the commune's own results differ (an
extension of a report its cells feed).

The synthetic tree: 2 provinces (p00, p01), 4 communes (c0000 and c0002 under p00, c0001 and c0003
under p01), 10 cells each; every province issues its own copies of two directives and every commune
its own copy of 76-KH/ĐU (bench/synthetic.py). The cells' templates are the work shared: without
copies there is one per commune (4); the provinces and communes were each counted alone."""

import datetime as dt

import attrs
import pytest

from bench.synthetic import build
from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST
from obligations.log.store import SubmissionLog
from obligations.org.leadtimes import LeadTimeRule
from obligations.report import overlay
from obligations.report.count import count_under
from obligations.rules.loader import RuleSet
from obligations.workspace import Workspace

FROM, TO, ON = dt.date(2025, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 1, 15)


def _workspace(moved: dt.date | None = None):
    """``moved``: c0002's copy of the plan gives its cells' mid-term report (chi-bo-so-ket, due
    31/10/2025 in the plan) this day instead: one date differs, the rest is the same."""
    base = build(provinces=2, communes=4, cells=10)
    directives = base.rules.directives
    if moved is not None:
        def move(d):
            if d.unit != "c0002":
                return d
            return attrs.evolve(d, duties=tuple(
                attrs.evolve(duty, schedule=attrs.evolve(duty.schedule, date=moved))
                if duty.local_id == "chi-bo-so-ket" else duty for duty in d.duties))
        directives = tuple(move(d) for d in directives)
    # 10 working days for a commune to gather its cells' reports: a cell's deadline is the commune's less 10
    leads = (LeadTimeRule(10, "test data", False, None, "commune", FAR_PAST, FAR_FUTURE, "test"),)
    return Workspace(RuleSet(directives, directory="synthetic"), attrs.evolve(base.hierarchy, lead_times=leads),
                     base.calendar_data)


def _of(ws, unit, local_id):
    return next(o for o in ws.occurrences(unit, 2025, 2025)[0]
                if o.duty.local_id == local_id and o.deadline.year == 2025)


def _log(ws, path, commune_extension=None):
    """Deliveries of c0000's and c0002's cells (on time, late, missing in turn), two cells of c0002
    with extensions of their own (one of a report that feeds the commune's, one that feeds nothing),
    and ``commune_extension`` = (commune, duty's local id): an extension of that commune's report."""
    log = SubmissionLog(path)
    turn = 0
    for commune in ("c0000", "c0002"):
        for k in range(10):
            cell = f"{commune}-{k:02d}"
            for occ in ws.occurrences(cell, 2025, 2025)[0]:
                if occ.deadline.year != 2025:
                    continue
                turn += 1
                if turn % 3 == 2:
                    continue
                day = occ.deadline - dt.timedelta(days=2) if turn % 3 == 0 else occ.deadline + dt.timedelta(days=9)
                ws.record_submission(log, cell, occ.duty.id, occ.period, day, today=ON)
    for cell, local_id in (("c0002-04", "chi-bo-so-ket"), ("c0002-05", "chi-bo-bao-cao-trien-khai")):
        occ = _of(ws, cell, "chi-bo-so-ket") if local_id == "chi-bo-so-ket" else \
            next(o for o in ws.occurrences(cell, 2025, 2025)[0] if not o.duty.feeds and o.deadline.year == 2025)
        ws.record_extension(log, cell, occ.duty.id, occ.period, occ.deadline + dt.timedelta(days=20), ref="GH-1")
    if commune_extension is not None:
        commune, local_id = commune_extension
        occ = _of(ws, commune, local_id)
        ws.record_extension(log, commune, occ.duty.id, occ.period, occ.deadline + dt.timedelta(days=20), ref="GH-2")
    return log


@pytest.fixture
def templates(monkeypatch):
    made = []
    template = overlay.Shared.template

    def counted(self, unit_id):
        made.append(unit_id)
        return template(self, unit_id)
    monkeypatch.setattr(overlay.Shared, "template", counted)
    return made


def _same(ws, log, templates):
    fast = ws.count_under("tw", FROM, TO, ON, log=log)
    made = sum(unit.count("-") == 1 for unit in templates)      # the cells' (tw, issuing nothing, has one too)
    slow = count_under(ws, "tw", FROM, TO, ON, log=log)        # no evaluation given: item by item
    assert fast.total == slow.total and fast.units == 47
    for f, s in zip(fast.groups, slow.groups, strict=True):
        assert (f.key, f.tally, f.under) == (s.key, s.tally, s.under)
        assert tuple(f.occurrences) == tuple(s.occurrences), f.key
    return made, fast.total


def test_the_cells_of_communes_whose_plans_are_copies_share_one_template(tmp_path, templates):
    ws = _workspace()
    # one template for the cells of p00's two communes, one for p01's: 2, not 4
    assert _same(ws, None, templates)[0] == 2
    # the units that issue the copies share too: one for the provinces (both under tw, copying the
    # same two directives), one for the communes of each province (they feed their own province's copy)
    assert sorted(u for u in templates if u != "tw" and "-" not in u) == ["c0000", "c0001", "p00"]
    templates.clear()
    made, total = _same(ws, _log(ws, tmp_path / "log.sqlite3"), templates)
    assert made == 2 and total.on_time and total.late and total.overdue


def test_a_copy_that_differs_in_one_date_is_not_shared(tmp_path, templates):
    ws = _workspace(moved=dt.date(2025, 10, 24))
    # c0002's cells: a template of their own
    assert _same(ws, None, templates)[0] == 3
    templates.clear()
    assert _same(ws, _log(ws, tmp_path / "log.sqlite3"), templates)[0] == 3


@pytest.mark.parametrize("extended, made", [
    (("c0002", "dang-uy-so-ket"), 3),       # the commune report c0002's cells feed: their deadlines move
    (("c0000", "dang-uy-so-ket"), 3),       # the same at the template's own commune
    (("c0002", "sinh-hoat-hang-thang"), 2),  # a report no cell feeds: the cells' results are the same
])
def test_a_commune_whose_own_results_differ_gets_its_own_template(tmp_path, templates, extended, made):
    ws = _workspace()
    assert _same(ws, _log(ws, tmp_path / "log.sqlite3", extended), templates)[0] == made
