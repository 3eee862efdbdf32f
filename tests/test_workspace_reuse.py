"""A workspace makes its rules engine once, on first use, and places a unit's occurrences once
per question: warm `due` calls do not rebuild either (tests/bench/bench.py due-call measures it)."""

import datetime as dt
from pathlib import Path

import pytest

import obligations
from obligations.status import slot as slot_module
from obligations.status.engine import make_engine

ON = dt.date(2026, 11, 23)


@pytest.fixture
def counted(monkeypatch):
    made = []

    def counting(*args, **kwargs):
        engine = make_engine(*args, **kwargs)
        made.append(engine)
        return engine

    monkeypatch.setattr(slot_module, "make_engine", counting)     # the workspace's engine slot makes it
    return made


def test_one_engine_per_workspace_made_on_first_use(counted):
    ws = obligations.load()
    assert counted == []                      # loading makes none
    for unit in ("xa-X", "chibo-1", "xa-X"):
        ws.due(unit, ON)
    ws.items_between("xa-X", dt.date(2026, 1, 1), dt.date(2026, 12, 31), ON)
    ws.status("chibo-1", ON, year=2025)
    ws.explain("chibo-1", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", ON)
    assert len(counted) == 1
    assert ws.known_on(dt.date(2025, 1, 1)).engine is ws.engine      # its views share it
    assert ws.due("xa-X", ON).backend == ws.engine.backend
    assert len(counted) == 1
    assert obligations.load().engine is not ws.engine                # workspaces stay independent


def test_an_engine_given_is_the_one_that_answers(counted):
    ws = obligations.load()
    assert ws.due("xa-X", ON, engine=make_engine("python")).backend == "python"
    assert counted == []                      # the workspace's own was not needed


def test_placed_occurrences_are_kept_but_never_shared_lists():
    ws = obligations.load()
    first, _ = ws.occurrences("xa-X", 2026, 2026)
    count = len(first)
    assert count > 0
    first.clear()                             # a caller's list is its own
    again, _ = ws.occurrences("xa-X", 2026, 2026)
    assert len(again) == count and again is not first
    # the events recorded are part of the question: a duty counted from an event has
    # occurrences only once the event is given (the shapes fixture's congress)
    shapes = obligations.load(rules=Path(__file__).resolve().parent / "fixtures" / "shapes")
    unit = next(u for u, info in shapes.hierarchy.units.items() if info.level == "commune")
    without, _ = shapes.occurrences(unit, 2025, 2025)
    events = {"nhan-ke-hoach": (dt.date(2025, 3, 3),), "khai-mac-dai-hoi": (dt.date(2025, 4, 1),)}
    with_events, _ = shapes.occurrences(unit, 2025, 2025, events=events)
    assert len(with_events) > len(without)
    assert len(shapes.occurrences(unit, 2025, 2025)[0]) == len(without)
