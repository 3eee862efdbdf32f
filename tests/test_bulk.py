"""Bulk evaluation gives exactly what the one-unit path gives, unit by unit."""

import datetime as dt
import json

import pytest

from bench.synthetic import build
from obligations.status.engine import make_engine
from obligations.workspace import load


def _same(ws, root, on, **kw):
    engine = make_engine("python")
    bulk = {r.unit: r for r in ws.due_under(root, on, engine=engine, **kw)}
    assert bulk, "no unit evaluated"
    for unit, report in bulk.items():
        single = ws.due(unit, on, engine=make_engine("python"), **kw)
        assert report.to_dict("en") == single.to_dict("en"), unit
    return bulk


@pytest.mark.parametrize("on", [dt.date(2025, 11, 10), dt.date(2026, 11, 23)])
def test_bulk_equals_single_on_a_synthetic_province_tree(on):
    ws = build(provinces=2, communes=8, cells=30)          # 1 + 2 + 8 + 240 = 251 units
    bulk = _same(ws, "tw", on)
    assert len(bulk) == 251
    cells = [r for u, r in bulk.items() if u.startswith("c0003-")]
    assert len(cells) == 30 and all(r.items for r in cells)


def test_bulk_equals_single_on_the_bundled_hierarchy_with_a_log(tmp_path):
    from obligations.log.store import SubmissionLog

    ws = load()
    log = SubmissionLog(tmp_path / "log.sqlite3")
    ws.record_submission(log, "chibo-2", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", dt.date(2025, 11, 18),
                         today=dt.date(2026, 1, 1))
    for on in (dt.date(2024, 11, 20), dt.date(2025, 11, 20)):
        _same(ws, "tw", on, log=log, lookback=60)


def test_cli_due_under_json_and_table(run_cli):
    code, out, err = run_cli("due", "--under", "xa-X", "--on", "2025-11-10", "--format", "json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert [u["unit"] for u in doc["units"]] == ["xa-X", "chibo-1", "chibo-2", "chibo-3"]
    assert doc["units"][1]["items"][0]["deadline"]
    code, out, _ = run_cli("due", "--under", "xa-X", "--on", "2025-11-10", "--lang", "en")
    assert code == 0 and "chibo-3" in out and "Due soon" in out and "2025-11-28" in out


def test_cli_needs_exactly_one_of_unit_and_under(run_cli):
    code, _, err = run_cli("due", "--on", "2025-11-10")
    assert code == 2 and "--unit" in err


def test_cli_due_under_csv(run_cli):
    import csv
    import io

    code, out, err = run_cli("due", "--under", "xa-X", "--on", "2025-11-10", "--format", "csv")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["unit"] for r in rows} == {"xa-X", "chibo-1", "chibo-2", "chibo-3"}
    first = rows[0]
    assert first["duty"] and first["period"] and first["deadline"] and first["status"]


def test_due_csv_keeps_a_formula_as_text():
    import attrs

    from obligations.render.due_csv import write_due_csv
    import io

    ws = load()
    report = ws.due("chibo-1", dt.date(2025, 11, 10), engine=make_engine("python"))
    out = io.StringIO()
    write_due_csv([attrs.evolve(report, unit="=HYPERLINK(\"x\")")], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(report.items) + 1
    assert all(line.startswith("\"'=HYPERLINK") for line in lines[1:])


def test_due_under_sets_the_collector_for_its_length_only(run_cli, monkeypatch):
    import gc

    from obligations.cli.collector import YOUNG_THRESHOLD
    from obligations.report import bulk

    before = gc.get_threshold()
    seen = []
    original = bulk.due_under

    def spy(*args, **kw):
        seen.append(gc.get_threshold())          # as the reports are made
        yield from original(*args, **kw)

    monkeypatch.setattr(bulk, "due_under", spy)
    code, out, _ = run_cli("due", "--under", "xa-X", "--on", "2025-11-10", "--format", "csv")
    assert code == 0 and "chibo-3" in out
    assert seen and seen[0][0] == YOUNG_THRESHOLD and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before
