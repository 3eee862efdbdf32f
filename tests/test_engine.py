"""The rules engine: statuses from the rules, two backends that agree, isolation."""

import datetime as dt
import threading

import pytest
from hypothesis import given, settings, strategies as st

from obligations.status.engine import durable_available, make_engine
from obligations.status.rules import occurrence_fact, status_ruleset
from obligations.base.errors import EngineError, InputError

BACKENDS = ["python"] + (["durable"] if durable_available() else [])
needs_durable = pytest.mark.skipif(not durable_available(), reason="durable_rules not importable here")

ON = dt.date(2026, 11, 23)


def fact(fid, *, start, deadline, wd, soon=5, done=False):
    return occurrence_fact(fid, done=done, on=ON, window_start=start, deadline=deadline,
                           working_days_left=wd, soon=soon)


CASES = {
    "done": fact("done", start=dt.date(2026, 11, 1), deadline=dt.date(2026, 11, 30), wd=4, done=True),
    "overdue": fact("overdue", start=dt.date(2026, 10, 1), deadline=dt.date(2026, 10, 30), wd=-16),
    "due_soon": fact("due_soon", start=dt.date(2026, 11, 1), deadline=dt.date(2026, 11, 30), wd=4),
    "due_today": fact("due_today", start=dt.date(2026, 11, 1), deadline=ON, wd=0),
    "window_open": fact("window_open", start=dt.date(2026, 1, 1), deadline=dt.date(2026, 12, 14), wd=14),
    "upcoming": fact("upcoming", start=dt.date(2026, 12, 1), deadline=dt.date(2026, 12, 31), wd=27),
    "soon_not_open": fact("soon_not_open", start=dt.date(2026, 11, 25), deadline=dt.date(2026, 11, 27), wd=3),
}
EXPECTED = {"done": "done", "overdue": "overdue", "due_soon": "due_soon", "due_today": "due_soon",
            "window_open": "window_open", "upcoming": "upcoming", "soon_not_open": "due_soon"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_statuses_come_out_of_the_rules(backend):
    engine = make_engine(backend)
    assert engine.evaluate(list(CASES.values())) == EXPECTED


facts_strategy = st.lists(st.fixed_dictionaries({
    "done": st.booleans(), "days_left": st.integers(-400, 400), "wd_left": st.integers(-300, 300),
    "since_start": st.integers(-400, 400), "soon": st.integers(0, 15), "conflict": st.booleans(),
    "agenda": st.booleans()}), max_size=40)


@needs_durable
@settings(max_examples=60, deadline=None)
@given(facts_strategy)
def test_durable_and_python_agree(rows):
    facts = [dict(row, id=f"f{i}", t="occurrence") for i, row in enumerate(rows)]
    assert make_engine("durable").evaluate(facts) == make_engine("python").evaluate(facts)


@needs_durable
def test_backends_agree_on_the_bundled_data(ws):
    for unit in sorted(ws.hierarchy.units):
        for on in (dt.date(2023, 4, 18), dt.date(2024, 11, 25), dt.date(2025, 10, 30), ON):
            if not ws.hierarchy.unit(unit).exists_on(on):
                continue       # a unit that had ended (2025-06-30) is refused, not evaluated
            a = ws.due(unit, on, engine=make_engine("durable"), lookback=4000)
            b = ws.due(unit, on, engine=make_engine("python"), lookback=4000)
            assert [(i.occurrence.key, i.status) for i in a.items] == [(i.occurrence.key, i.status) for i in b.items]


@needs_durable
def test_many_engines_and_many_sessions_do_not_clash():
    # More evaluations than durable_rules' 1,024 live sessions per ruleset, on engines
    # that share nothing; a second engine with a different rule set in the same process.
    import json

    strict = json.loads(json.dumps(status_ruleset()).replace('{"$m": "soon"}', "0"))
    strict_engine = make_engine("durable", strict)
    engines = [make_engine("durable") for _ in range(3)]
    for n in range(1100):
        engine = engines[n % 3]
        assert engine.evaluate([CASES["due_soon"]]) == {"due_soon": "due_soon"}
    assert strict_engine.evaluate([CASES["due_soon"]]) == {"due_soon": "window_open"}
    assert engines[0].evaluate([CASES["due_soon"]]) == {"due_soon": "due_soon"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_evaluation_is_safe_across_threads(backend):
    engine = make_engine(backend)
    errors = []

    def work():
        try:
            for _ in range(50):
                assert engine.evaluate(list(CASES.values())) == EXPECTED
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_overlapping_rules_are_an_error_not_a_silent_pick(backend):
    broken = status_ruleset()
    broken["upcoming"]["all"][0]["m"] = {"t": "occurrence"}      # matches everything
    with pytest.raises(EngineError, match="statuses"):
        make_engine(backend, broken).evaluate([CASES["due_soon"]])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_gap_in_the_rules_is_an_error(backend):
    gap = status_ruleset()
    del gap["upcoming"]
    with pytest.raises(EngineError, match="0 statuses"):
        make_engine(backend, gap).evaluate([CASES["upcoming"]])


def test_multi_pattern_rules_are_refused():
    bad = status_ruleset()
    bad["join"] = {"all": [{"a": {"t": "x"}}, {"b": {"t": "y"}}], "run": "done"}
    with pytest.raises(EngineError, match="single-pattern"):
        make_engine("python", bad)


def test_unknown_backend():
    with pytest.raises(InputError):
        make_engine("drools")


def test_registering_does_not_mutate_the_callers_ruleset():
    rules = status_ruleset()
    before = repr(rules)
    make_engine(BACKENDS[-1], rules)
    assert repr(rules) == before
