"""Shared evaluation (one per shape, each unit's log laid over) gives exactly the reports
of unshared evaluation and of the one-unit path, with deliveries, corrections,
extensions (of a unit's own items and of the reports above it) and events."""

import datetime as dt

import attrs
import pytest

from bench.synthetic import build
from bench.synthetic_log import write_log
from conftest import FIXTURES
from obligations.log.snapshot import LogSnapshot
from obligations.log.store import SubmissionLog
from obligations.status.engine import make_engine
from obligations.workspace import Workspace


def _reports(ws, root, on, log, share, **kw):
    return {r.unit: r.to_dict("en")
            for r in ws.due_under(root, on, engine=make_engine("python"), log=log, share=share, **kw)}


def _compare(ws, root, on, log, sample, **kw):
    shared = _reports(ws, root, on, log, True, **kw)
    alone = _reports(ws, root, on, log, False, **kw)
    assert list(shared) == list(alone)
    for unit in shared:
        assert shared[unit] == alone[unit], unit
    for unit in sample:
        single = ws.due(unit, on, engine=make_engine("python"), log=log, **kw)
        assert single.to_dict("en") == shared[unit], unit
    return shared


def _fed(ws, occ):
    """The occurrences ``occ`` feeds, at its unit and above, nearest first."""
    _, _, edges = ws.network([occ])
    keys, reached = [], {occ.key}
    while True:
        step = [e.parent for e in edges if e.child in reached and e.parent not in reached]
        if not step:
            break
        keys += step
        reached |= set(step)
    by_key = {o.key: o for k in keys for o in ws.occurrences(k.unit, 2024, 2026)[0]}
    return [by_key[k] for k in keys]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    base = build(provinces=2, communes=4, cells=10)          # 1 + 2 + 4 + 40 units
    # lead times (test data, not a fact): a commune's report bounds its cells' reports
    from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST
    from obligations.org.leadtimes import LeadTimeRule

    leads = tuple(LeadTimeRule(days, "test data", False, None, level, FAR_PAST, FAR_FUTURE, "test")
                  for level, days in (("commune", 10), ("province", 3)))
    ws = Workspace(base.rules, attrs.evolve(base.hierarchy, lead_times=leads), base.calendar_data)
    path = tmp_path_factory.mktemp("overlay") / "log.sqlite3"
    write_log(ws, path, year=2025, events={"c0002-04": [("hop-chi-bo", dt.date(2025, 6, 1))]})
    log = SubmissionLog(path)
    today = dt.date(2026, 1, 1)
    cell = "c0001-03"
    feeding = [o for o in ws.occurrences(cell, 2025, 2025)[0] if o.duty.feeds and o.deadline.year == 2025]
    plain = [o for o in ws.occurrences(cell, 2025, 2025)[0] if not o.duty.feeds and o.deadline.year == 2025]
    assert feeding and plain
    first = feeding[-1]
    commune_report, twin = _fed(ws, first)               # the commune's report, the same report to the province
    assert commune_report.unit == twin.unit == "c0001"
    late = dt.timedelta(days=25)
    # the report the cells feed is extended: every cell of the commune is loosened
    ws.record_extension(log, commune_report.unit, commune_report.duty.id, commune_report.period,
                        commune_report.deadline + dt.timedelta(days=6), ref="GH-1/DU")
    # and its other report: the cell extended below (GH-3) keeps this one from above
    second = _fed(ws, feeding[0])[0]
    assert second.key != commune_report.key
    ws.record_extension(log, second.unit, second.duty.id, second.period, second.deadline + dt.timedelta(days=6),
                        ref="GH-5/DU")
    # a cell with an extension of its own whose other items are loosened from above (GH-1)
    ws.record_extension(log, "c0001-05", plain[1].duty.id, plain[1].period, plain[1].deadline + late, ref="GH-6/DU")
    # at another commune, the top of the chain (the same report under the province's letter)
    other = _fed(ws, next(o for o in ws.occurrences("c0002-01", 2025, 2025)[0] if o.duty.feeds))[-1]
    ws.record_extension(log, other.unit, other.duty.id, other.period, other.deadline + late, ref="GH-2/DU")
    # a cell's own items: one that feeds (its chain re-solved), one that does not
    ws.record_extension(log, cell, first.duty.id, first.period, first.deadline + late, ref="GH-3/DU")
    ws.record_extension(log, "c0003-07", plain[0].duty.id, plain[0].period, plain[0].deadline + late,
                        ref="GH-4/DU", note="ốm")
    # the first cell of the commune, whose report the shape's template is made from, has an
    # extension of its own on an item that feeds: the other cells must not inherit it
    ws.record_extension(log, "c0001-00", feeding[0].duty.id, feeding[0].period, feeding[0].deadline + late,
                        ref="GH-7/DU")
    # a correction: a second delivery of the same item replaces the first (kept as history)
    ws.record_submission(log, cell, plain[-1].duty.id, plain[-1].period, plain[-1].deadline - dt.timedelta(days=9),
                         today=today, ref="CV 12", note="bổ sung", replace=True, reason="sửa ngày nộp")
    return ws, log, [cell, "c0003-07", "c0002-04", "c0001", "c0002", "c0001-00", "c0001-05", "c0002-01", "c0003-09"]


@pytest.mark.parametrize("on", [dt.date(2025, 11, 10), dt.date(2026, 1, 15)])
def test_shared_equals_unshared_with_a_log(tree, on):
    ws, log, sample = tree
    reports = _compare(ws, "tw", on, log, sample, lookback=400)
    assert len(reports) == 47
    delivered = [i for r in reports.values() for i in r["items"] if i["submission"]]
    assert len(delivered) > 100
    extended = [i for r in reports.values() for i in r["items"]
                if any(c["kind"] == "extension" for c in i["decided_by"])]
    from_above = {i["id"].split("|")[0] for i in extended
                  if "-" in i["id"].split("|")[0]
                  and any(c["kind"] == "extension" and "-" not in c["unit"] for c in i["decided_by"])}
    assert len(from_above) >= 10          # cells loosened by the extension of their commune's report
    tightened = [i for r in reports.values() for i in r["items"] if i["deadline"] < i["own_deadline"]]
    assert tightened


def test_a_snapshot_answers_as_the_log_does(tree):
    ws, log, sample = tree
    with LogSnapshot(log) as snapshot:
        assert snapshot.granted() == log.granted()
        assert snapshot.events() == log.events()
        for unit in sample:
            assert snapshot.delivered(unit) == log.delivered(unit)
            assert snapshot.event_dates(unit) == log.event_dates(unit)
            assert snapshot.granted(unit) == log.granted(unit)
            for key, item in log.delivered(unit).items():
                assert snapshot.first_delivery(unit, key.duty, key.period) == item


def test_shared_equals_unshared_with_events(tmp_path):
    shapes = FIXTURES / "shapes"
    ws = Workspace.load(shapes, shapes / "hierarchy.toml")
    log = SubmissionLog(tmp_path / "log.sqlite3")
    for event, day in (("nhan-ke-hoach", dt.date(2025, 3, 3)), ("khai-mac-dai-hoi", dt.date(2025, 6, 20))):
        ws.record_event(log, "don-vi-A", event, day)
    for on in (dt.date(2025, 3, 20), dt.date(2025, 6, 1)):
        _compare(ws, "tinh-B", on, log, ["don-vi-A", "tinh-B"], lookback=120)


@pytest.fixture
def batched(monkeypatch):
    """Every unit's keys from the batches, none read alone while they are grouped (as past
    the first units of a national run): the small tree would otherwise hide the batch path."""
    monkeypatch.setattr("obligations.log.snapshot.SINGLE_READS", 0)


def _refused_alike(ws, path):
    """``due_under`` over the log at ``path`` fails with the store's own message."""
    from obligations.base.errors import InputError

    with pytest.raises(InputError) as shared:
        list(ws.due_under("tw", dt.date(2025, 11, 10), log=SubmissionLog(path)))
    with pytest.raises(InputError) as store:
        SubmissionLog(path).delivered()
    assert str(shared.value) == str(store.value)
    return str(store.value)


def _copy(log, path):
    import shutil

    shutil.copy(log.path, path)
    return path


@pytest.mark.parametrize("day", ["2025-02-30", "0000-01-01", "2025-1-5"])
def test_a_bad_day_is_named_as_the_store_names_it(tree, tmp_path, batched, day):
    import sqlite3

    ws, log, _ = tree
    copy = _copy(log, tmp_path / "bad.sqlite3")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE submission SET delivered_on = ? WHERE id = 7", (day,))
    assert "row 7" in _refused_alike(ws, copy)


def test_a_bad_day_of_a_unit_no_report_reads_is_found(tree, tmp_path, batched):
    import sqlite3

    ws, log, _ = tree
    copy = _copy(log, tmp_path / "bad.sqlite3")
    with sqlite3.connect(copy) as conn:
        conn.execute("INSERT INTO submission (unit, duty, period, delivered_on, recorded_at) "
                     "VALUES ('zz', 'd', 'p', '2025-04-31', '2025-05-01T00:00:00+00:00')")
    assert "2025-04-31" in _refused_alike(ws, copy)


def test_keys_the_grouping_cannot_carry_are_read_row_by_row(tree, tmp_path):
    """A separator inside a key would split it wrongly: that unit is read with the store's checks."""
    import shutil
    import sqlite3

    ws, log, _ = tree
    copy = tmp_path / "odd.sqlite3"
    shutil.copy(log.path, copy)
    with sqlite3.connect(copy) as conn:
        unit, duty, period = conn.execute("SELECT unit, duty, period FROM submission WHERE id = 7").fetchone()
        conn.execute("UPDATE submission SET duty = ? WHERE id = 7", (duty + "\x1e" + duty + "\x1f" + period,))
        conn.execute("UPDATE submission SET period = ? WHERE id = 8", ("2025\x1f",))
        conn.execute("UPDATE submission SET unit = unit || ? WHERE id = 10", ("\x1d3\x1d",))
    odd = SubmissionLog(copy)
    on = dt.date(2025, 11, 10)
    _compare(ws, "tw", on, odd, [unit])
    with sqlite3.connect(copy) as conn:       # a record separator inside a key: read again, a row per unit
        conn.execute("UPDATE submission SET duty = duty || ? WHERE id = 11", ("\x1c",))
    _compare(ws, "tw", on, odd, [unit])
    with LogSnapshot(odd) as snapshot:
        snapshot.finish()
        assert unit in snapshot._exact
        for name in [unit, *ws.hierarchy.below("tw", on)]:
            assert snapshot.done(name) == {k.duty + "\x1f" + k.period for k in odd.delivered(name)}, name


@pytest.mark.parametrize("column, value", [("duty", "CAST(duty AS BLOB)"), ("unit", "X'FF'"),
                                           ("duty", "X'FF'"), ("period", "X'32303235'")])
def test_a_key_that_is_not_text_is_named_as_the_store_names_it(tree, tmp_path, batched, column, value):
    import sqlite3

    ws, log, _ = tree
    copy = _copy(log, tmp_path / "blob.sqlite3")
    with sqlite3.connect(copy) as conn:
        conn.execute(f"UPDATE submission SET {column} = {value} WHERE id = 9")
    assert "row 9" in _refused_alike(ws, copy)


def test_a_forged_record_does_not_pass_for_another_units(tree, tmp_path, batched):
    """A file without NOT NULL: a unit whose keys are all NULL drops a record from its batch,
    a record separator inside a key adds one that names another unit. Refused, not believed."""
    import sqlite3

    ws, log, _ = tree
    victim = "c0001-03"
    target = next(o for o in ws.occurrences(victim, 2025, 2025)[0] if o.key not in log.delivered(victim))
    copy = _copy(log, tmp_path / "forged.sqlite3")
    with sqlite3.connect(copy) as conn:
        conn.executescript("""
            CREATE TABLE s2 (id INTEGER PRIMARY KEY, unit TEXT, duty TEXT, period TEXT,
                             delivered_on TEXT, ref TEXT, note TEXT, recorded_at TEXT,
                             replaced_by INTEGER, reason TEXT);
            INSERT INTO s2 SELECT * FROM submission;
            DROP TABLE submission;
            ALTER TABLE s2 RENAME TO submission;
            CREATE INDEX submission_key ON submission (unit, duty, period);
        """)
        forged = f"1\x1d0\x1d{len(victim)}\x1d{victim}\x1d{target.duty.id}\x1f{target.period}"
        for unit, duty, period in (("zz", "x", "p\x1c" + forged), ("zz0", None, "p")):
            conn.execute("INSERT INTO submission (unit, duty, period, delivered_on, recorded_at) "
                         "VALUES (?, ?, ?, '2025-01-01', '2025-01-01T00:00:00+00:00')", (unit, duty, period))
    assert "not a text" in _refused_alike(ws, copy)


def test_a_log_that_does_not_exist_yet_is_an_empty_log(tree, tmp_path):
    ws, _, sample = tree
    missing = SubmissionLog(tmp_path / "none.sqlite3")
    on = dt.date(2025, 11, 10)
    assert _reports(ws, "tw", on, missing, True) == _reports(ws, "tw", on, None, True)
    assert not (tmp_path / "none.sqlite3").exists()


def test_only_events_a_duty_counts_from_take_a_unit_off_its_shape(tree, tmp_path, monkeypatch):
    """The tree's rules count nothing from "hop-chi-bo": the cell that recorded it is laid over
    its shape's template as any other (and its report is the one-unit path's, as the comparison
    above shows). Events a duty counts from are laid over too (next test), unless a duty feeds
    one counted from an event: then the unit is evaluated alone."""
    from types import SimpleNamespace

    from obligations.report.events import counted_from_events, laid_over
    from obligations.report import bulk

    alone = []
    original = bulk.due

    def spy(unit_id, *args, **kw):
        alone.append(unit_id)
        return original(unit_id, *args, **kw)

    monkeypatch.setattr(bulk, "due", spy)
    ws, log, _ = tree
    assert "hop-chi-bo" in log.event_dates("c0002-04")
    list(ws.due_under("tw", dt.date(2025, 11, 10), log=log))
    assert "c0002-04" not in alone and "c0002" in alone
    shapes = FIXTURES / "shapes"
    ws = Workspace.load(shapes, shapes / "hierarchy.toml")
    events = SubmissionLog(tmp_path / "log.sqlite3")
    ws.record_event(events, "don-vi-A", "nhan-ke-hoach", dt.date(2025, 3, 3))
    alone.clear()
    list(ws.due_under("tinh-B", dt.date(2025, 3, 20), log=events))
    assert "don-vi-A" not in alone
    source = ws.occurrence_source
    counted = counted_from_events(source)
    assert counted and laid_over(source, counted)
    feeding = [attrs.evolve(d, feeds=(*d.feeds, sorted(counted)[0])) if not d.schedule.event_ids else d
               for d in source.rules.duties]
    assert not laid_over(SimpleNamespace(rules=SimpleNamespace(duties=feeding), lifecycle=source.lifecycle), counted)


def test_recorded_events_are_laid_over_a_shared_template(tmp_path):
    """Three communes of one shape: the first (whose report the template is made from) and the
    third recorded the events two duties count from, on other days; the second recorded none.
    The third also delivered and was granted an extension on an occurrence counted from its
    event. Every report equals the unshared one and the one-unit path's."""
    import shutil

    from obligations.report import bulk

    shapes = tmp_path / "shapes"
    shutil.copytree(FIXTURES / "shapes", shapes)
    # a date the directive declares for one event: the template (and the unit that recorded
    # nothing) has it; the units that recorded the event have theirs instead
    rules = shapes / "shapes.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        'id = "nhan-ke-hoach"\n', 'id = "nhan-ke-hoach"\ndate = 2025-04-01\n', 1), encoding="utf-8")
    with (shapes / "hierarchy.toml").open("a", encoding="utf-8") as org:
        for unit, name in (("don-vi-C", "Đảng ủy xã C"), ("don-vi-D", "Đảng ủy xã D")):
            org.write(f'\n[[unit]]\nid = "{unit}"\nname = "{name}"\nlevel = "commune"\nparent = "tinh-B"\n')
    ws = Workspace.load(shapes, shapes / "hierarchy.toml")
    log = SubmissionLog(tmp_path / "log.sqlite3")
    for unit, days in (("don-vi-A", (dt.date(2025, 3, 3), dt.date(2025, 6, 20))),
                       ("don-vi-D", (dt.date(2025, 2, 10), dt.date(2025, 5, 26)))):
        for event, day in zip(("nhan-ke-hoach", "khai-mac-dai-hoi"), days):
            ws.record_event(log, unit, event, day)
    counted = [o for o in ws.occurrences("don-vi-D", 2025, 2025, events=log.event_dates("don-vi-D"))[0]
               if o.duty.schedule.event_ids]
    assert len(counted) >= 2
    ws.record_submission(log, "don-vi-D", counted[0].duty.id, counted[0].period, counted[0].deadline,
                         today=dt.date(2025, 7, 1))
    ws.record_extension(log, "don-vi-D", counted[1].duty.id, counted[1].period,
                        counted[1].deadline + dt.timedelta(days=20), ref="GH-9/TU")
    alone = []
    original = bulk.due

    def spy(unit_id, *args, **kw):
        alone.append(unit_id)
        return original(unit_id, *args, **kw)

    for on in (dt.date(2025, 3, 20), dt.date(2025, 6, 1), dt.date(2025, 7, 2)):
        bulk.due = spy
        try:
            shared = _reports(ws, "tinh-B", on, log, True, lookback=120)
        finally:
            bulk.due = original
        assert not {"don-vi-A", "don-vi-C", "don-vi-D"} & set(alone)
        _compare(ws, "tinh-B", on, log, ["don-vi-A", "don-vi-C", "don-vi-D"], lookback=120)
        mine = [i["id"] for i in shared["don-vi-D"]["items"] if i["id"].split("|")[1] in
                {o.duty.id for o in counted}]
        assert mine, on
    declared = [i["id"] for r in (shared["don-vi-C"],) for i in r["items"] if "|2025-04-01" in i["id"]]
    assert declared and not [i for i in shared["don-vi-A"]["items"] if "|2025-04-01" in i["id"]]
