"""Reconciliation between levels: the bundled examples, a deliberate conflict, and laws."""

import datetime as dt
import itertools
import json

import pytest
from hypothesis import given, settings, strategies as st

from conftest import FIXTURES
from obligations.base.keys import OccurrenceKey
from obligations.reconcile.solve import Constraint, Edge, LeadOrigin, Node, RuleOrigin, SameReportOrigin, reconcile
from obligations.render.messages import constraint_source
from obligations.workspace import load


def effective(ws, unit, duty, period, on):
    report = ws.due(unit, on, lookback=4000, horizon=4000)
    (item,) = [i for i in report.items if i.occurrence.duty.id == duty and i.occurrence.period == period]
    return item


# -- the bundled directives ----------------------------------------------------------

def test_yearly_report_november_at_the_commune_against_15_12_at_the_province(ws):
    on = dt.date(2025, 11, 3)
    commune = effective(ws, "xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2025", on)
    # own: 30/11/2025 Sunday -> 28/11; the province wants it before 15-12 (12/12): November decides.
    assert commune.deadline == dt.date(2025, 11, 28)
    assert [c.kind for c in commune.reconciled.decided_by] == ["deadline"]
    assert "76-KH/ĐU" in constraint_source(commune.reconciled.decided_by[0])
    cell = effective(ws, "chibo-2", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", on)
    # No document states a lead time for the commune: none is invented. The cell's own
    # "trong tháng 11" (28/11, Friday) is also the commune's effective deadline.
    assert cell.occurrence.deadline == dt.date(2025, 11, 28) and cell.deadline == dt.date(2025, 11, 28)
    assert [c.kind for c in cell.reconciled.decided_by] == ["deadline"]
    assert cell.reconciled.conflict is None and cell.reconciled.target is None


def test_before_the_reform_the_district_is_in_the_chain(ws):
    from obligations.report.explain import explain

    found = explain(ws, "chibo-1", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2024", dt.date(2024, 11, 1))
    doc = found.to_dict("en")
    above = {(e["unit"], e["duty"]): e for e in doc["above"]}
    district = above[("huyen-Y", "CV-BTVTU-KonTum/bao-cao-hang-nam")]
    assert district["own_deadline"] == "2024-12-13"          # 14/12/2024 Saturday
    assert district["effective_deadline"] == "2024-12-13"
    commune = above[("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam")]
    assert commune["effective_deadline"] == "2024-11-29" and commune["lead_working_days"] == 0
    assert doc["deadline"] == "2024-11-29"                    # the cell's own November, no lead time stated


def test_interim_review_after_the_district_is_gone(ws):
    on = dt.date(2025, 10, 1)
    commune = effective(ws, "xa-X", "76-KH-DU/dang-uy-so-ket", "2025", on)
    assert commune.deadline == dt.date(2025, 10, 31)          # 10/2025 beats before 15-11-2025 (14/11)
    assert commune.occurrence.recipient_unit == "tinh-quang-ngai"
    cell = effective(ws, "chibo-1", "76-KH-DU/chi-bo-so-ket", "2025", on)
    assert cell.deadline == dt.date(2025, 10, 31)            # no lead time stated: the commune's own date


def test_due_json_has_conflicts_and_decided_by(run_cli):
    code, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2025-11-10", "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == "76-KH-DU/chi-bo-bao-cao-hang-nam"]
    assert item["own_deadline"] == "2025-11-28" and item["deadline"] == "2025-11-28"
    assert item["conflicts"] == []
    assert [d["kind"] for d in item["decided_by"]] == ["deadline"] and item["decided_by"][0]["unit"] == "chibo-1"


def test_explain_text_in_both_languages(run_cli):
    argv = ("explain", "--unit", "chibo-1", "--duty", "76-KH-DU/chi-bo-so-ket", "--period", "2025")
    code, out, err = run_cli(*argv)
    assert code == 0 and err == ""
    assert "Hạn hiệu lực 31/10/2025, quyết định bởi:" in out
    # the text quotes the sentence without the rule file's marks (render/emphasis.py); JSON's
    # `text` is the document's sentence verbatim (the marks are the rule file author's), `marked`
    # keeps them for an app that shows what the author highlighted
    assert "“báo cáo sơ kết giai đoạn 2023-2025 vào tháng 10/2025”" in out and "**" not in out
    assert "   76-KH/ĐU mục IV.3 (" in out or "   76-KH/ĐU mục " in out
    code, out, _ = run_cli(*argv, "--lang", "en")
    # the source line in English says "sec.", never the Vietnamese "mục" (it was written in the code)
    assert code == 0 and "   76-KH/ĐU sec. " in out and " mục " not in out
    code, out, _ = run_cli(*argv, "--lang", "en", "--format", "json")
    doc = json.loads(out)
    assert any("vào tháng 10/2025" in s["text"] and "**" not in s["text"] for s in doc["sources"])
    assert any("vào **tháng 10/2025**" in s["marked"] for s in doc["sources"])
    assert doc["own_deadline"] == "2025-10-31" and doc["deadline"] == "2025-10-31"
    assert [a["unit"] for a in doc["above"]] == ["xa-X", "xa-X"]     # same report under two directives
    assert [a["lead_working_days"] for a in doc["above"]] == [0, 0]
    assert all(a["effective_deadline"] for a in doc["above"])


def test_explain_shows_the_calendar_move_and_the_policy(run_cli):
    _, out, _ = run_cli("explain", "--unit", "xa-X", "--duty", "CV-BTVTU-KonTum/bao-cao-hang-nam",
                        "--period", "2025", "--lang", "en")
    assert "2025-12-14: Sunday — skipped" in out and "2025-12-13: Saturday — skipped" in out
    assert "Own deadline: 2025-12-12" in out and "routed to its successor" in out


@pytest.mark.parametrize("argv,message", [
    (["--unit", "xa-X", "--duty", "nope"], "unknown duty 'nope'"),
    (["--unit", "xa-X", "--duty", "76-KH-DU/chi-bo-so-ket"], "does not perform"),
    (["--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-so-ket", "--period", "2031"], "has no period '2031'"),
])
def test_explain_bad_input(run_cli, argv, message):
    code, out, err = run_cli("explain", *argv, "--lang", "en")
    assert code == 2 and message in err and "Traceback" not in err


# -- a deliberately conflicting pair (test fixture, not bundled) ------------------------

def test_check_catches_the_conflict(run_cli):
    code, out, _ = run_cli("check", "--rules", str(FIXTURES / "rules_conflict"))
    assert code == 1
    lines = [l for l in out.splitlines() if "conflict for" in l]
    # The commune's own report clashes with itself under two directives. Its cells report
    # in November to a commune whose window opens in December: ordinary, no conflict.
    assert len(lines) == 1
    commune = [l for l in lines if "xa-C C-1/so-ket" in l][0]
    assert "the window opens 2025-12-01 but the latest date accepted is 2025-11-14" in commune
    assert "window_start 2025-12-01 (xa-C: 2-KH/ĐU sec. 3" in commune
    assert "deadline 2025-11-14 (xa-C: 1-CV/TU sec. 2" in commune
    assert not [l for l in lines if "chibo-K" in l]
    code, out, _ = run_cli("explain", "--rules", str(FIXTURES / "rules_conflict"), "--unit", "chibo-K",
                           "--duty", "C-1/chi-bo-so-ket", "--period", "2025", "--format", "json")
    doc = json.loads(out)
    # 14/11 minus the commune's 3 working days (stated in the hierarchy) = 11/11; the window still opens 1/11.
    assert doc["deadline"] == "2025-11-11" and doc["effective_window_start"] == "2025-11-01"
    assert doc["conflicts"] == [] and "thời gian tổng hợp của cấp xã" in doc["decided_by"][-1]["source"]
    code, out, _ = run_cli("explain", "--rules", str(FIXTURES / "rules_conflict"), "--unit", "chibo-K",
                           "--duty", "C-1/chi-bo-so-ket", "--period", "2025", "--format", "json", "--lang", "en")
    assert "lead time of level commune" in json.loads(out)["decided_by"][-1]["source"]


def test_due_shows_the_conflict_with_the_item(run_cli):
    code, out, _ = run_cli("due", "--unit", "xa-C", "--on", "2025-11-03", "--rules",
                           str(FIXTURES / "rules_conflict"), "--lang", "en")
    assert code == 0 and "CONFLICT: the window opens 2025-12-01 but the latest date accepted is 2025-11-14" in out
    code, out, _ = run_cli("due", "--unit", "xa-C", "--on", "2025-11-03", "--rules",
                           str(FIXTURES / "rules_conflict"), "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == "C-1/so-ket"]
    assert len(item["conflicts"]) == 1
    kinds = sorted(c["kind"] for c in item["conflicts"][0]["constraints"])
    assert kinds == ["deadline", "lead", "window_start"]   # the "same report" link is part of the clash


# -- laws, on random networks ---------------------------------------------------------

BASE = dt.date(2025, 3, 3)


@st.composite
def networks(draw, max_nodes=4):
    n = draw(st.integers(1, max_nodes))
    nodes = []
    for i in range(n):
        start = BASE + dt.timedelta(draw(st.integers(0, 20)))
        last = start + dt.timedelta(draw(st.integers(-3, 20)))
        nodes.append((OccurrenceKey("u", f"n{i}", "p"), start, last))
    edges = []
    for child in range(n):
        for parent in range(child + 1, n):
            if draw(st.booleans()):
                # "lead": a report feeding the level above (lead 0..4 working days, stated);
                # "same": one report at one unit under two directives; "internal": an
                # office's own lead time, a target that never moves the deadline.
                kind = draw(st.sampled_from(["lead", "same", "internal"]))
                lead = 0 if kind == "same" else draw(st.integers(0, 4))
                edges.append((nodes[child][0], nodes[parent][0], lead, kind))
    return nodes, edges


def build(national, raw_nodes, raw_edges):
    nodes = []
    for key, start, last in raw_nodes:
        deadline = national.roll(last, "previous").result
        origin = RuleOrigin("u", key.duty, "1", f"{key} rule", "test")
        nodes.append(Node(key, "u", start, deadline, Constraint("window_start", key, start, origin),
                          Constraint("deadline", key, deadline, origin)))
    edges = [Edge(c, p, lead, SameReportOrigin("u") if kind == "same"
                  else LeadOrigin("u", f"lead {c}->{p}", lead, "unit", internal=kind == "internal"))
             for c, p, lead, kind in raw_edges]
    return nodes, edges


def binding(edge):
    """Edges that bound the deadline (an internal lead time only sets a target)."""
    return not (isinstance(edge.origin, LeadOrigin) and edge.origin.internal)


def solve(national, nodes, edges):
    return reconcile(nodes, edges, lambda unit: national)


def bound(national, parent_day, lead):
    if not lead:
        return parent_day
    return national.roll(national.add_working_days(parent_day, -lead), "previous").result


@settings(max_examples=150, deadline=None)
@given(networks())
def test_never_later_than_any_constraint_and_always_a_working_day(national, net):
    nodes, edges = build(national, *net)
    result = solve(national, nodes, edges)
    for node in nodes:
        assert result[node.key].deadline <= node.deadline
        assert national.is_working_day(result[node.key].deadline)
    for edge in edges:
        limit = bound(national, result[edge.parent].deadline, edge.lead)
        if binding(edge):
            assert result[edge.child].deadline <= limit
        elif result[edge.child].target is not None:
            assert result[edge.child].target <= limit and result[edge.child].target < result[edge.child].deadline


@settings(max_examples=150, deadline=None)
@given(networks(), st.data())
def test_adding_a_constraint_never_moves_a_deadline_later(national, net, data):
    nodes, edges = build(national, *net)
    before = solve(national, nodes, edges)
    keys = [n.key for n in nodes]
    if len(keys) >= 2:
        child = data.draw(st.sampled_from(keys[:-1]))
        parent = data.draw(st.sampled_from(keys[keys.index(child) + 1:]))
        lead = data.draw(st.integers(0, 4))
        extra = Edge(child, parent, lead, LeadOrigin("u", "extra", lead, "unit"))
        after = solve(national, nodes, edges + [extra])
    else:
        tighter = [Node(n.key, n.unit, n.window_start, national.previous_working_day(n.deadline),
                        n.start_source, n.deadline_source) for n in nodes]
        after = solve(national, tighter, edges)
    for key in keys:
        assert after[key].deadline <= before[key].deadline


@settings(max_examples=100, deadline=None)
@given(networks(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(national, net, rnd):
    nodes, edges = build(national, *net)
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    rnd.shuffle(shuffled_nodes)
    rnd.shuffle(shuffled_edges)
    assert solve(national, nodes, edges) == solve(national, shuffled_nodes, shuffled_edges)


@settings(max_examples=120, deadline=None)
@given(networks(max_nodes=3))
def test_a_conflict_is_reported_exactly_when_no_date_satisfies_all_constraints(national, net):
    nodes, edges = build(national, *net)
    result = solve(national, nodes, edges)
    reported = any(r.conflict for r in result.values())
    days = [BASE + dt.timedelta(i) for i in range(-2, 45)]
    by_key = {n.key: n for n in nodes}
    keys = sorted(by_key)
    candidates = [[d for d in days if by_key[k].window_start <= d <= by_key[k].deadline] for k in keys]

    # Window starts do not cross units: only the same report under two directives must
    # also respect the other directive's window (and, through it, further same-report links).
    same = {k: set() for k in keys}
    for _ in keys:
        for e in edges:
            if isinstance(e.origin, SameReportOrigin):
                same[e.child] |= {e.parent} | same[e.parent]

    def ok(assignment):
        t = dict(zip(keys, assignment))
        return (all(t[e.child] <= bound(national, t[e.parent], e.lead) for e in edges if binding(e))
                and all(t[k] >= by_key[a].window_start for k in keys for a in same[k]))

    feasible = any(ok(a) for a in itertools.product(*candidates))
    assert reported == (not feasible)


def test_rule_file_order_does_not_matter(tmp_path):
    import shutil

    from obligations.base import paths

    ws_a = load()
    target = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), target)
    # rename the files so that they sort in the opposite order
    for i, path in enumerate(sorted(p for p in target.glob("*.toml") if p.name != "hierarchy.toml")):
        path.rename(target / f"{9 - i:02d}-{path.name}")
    ws_b = load(target)
    # huyen-Y ended on 2025-06-30: it is asked about a day of its life (later days are refused)
    for unit, day in (("chibo-1", dt.date(2025, 11, 10)), ("xa-X", dt.date(2025, 11, 10)),
                      ("huyen-Y", dt.date(2025, 6, 20))):
        a = ws_a.due(unit, day, lookback=4000)
        b = ws_b.due(unit, day, lookback=4000)
        assert [(i.occurrence.key, i.deadline, i.status) for i in a.items] == \
               [(i.occurrence.key, i.deadline, i.status) for i in b.items]


def test_explain_a_period_years_ahead(run_cli):
    code, out, err = run_cli("explain", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam",
                             "--period", "2029", "--on", "2026-11-23", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["own_deadline"] == "2029-11-30"          # 30/11/2029 is a Friday
