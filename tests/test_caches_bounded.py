"""The caches a long-running service fills from its requests are bounded, least recently
used first (obligations/base/lru.py), and forgetting never changes an answer."""

from __future__ import annotations

import datetime as dt

import pytest

from obligations.base.lru import LRU
from obligations.log.store import SubmissionLog
from obligations.reconcile.network import MEMO_SETS
from obligations.workspace import KNOWN_ON_KEPT, Workspace

CELL_YEARLY = "76-KH-DU/chi-bo-bao-cao-hang-nam"


def test_lru_forgets_the_least_recently_used():
    table: LRU[str, int] = LRU(3)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        table[key] = value
    assert table.get("a") == 1             # a is now the most recent: b is the oldest
    table["d"] = 4
    assert list(table) == ["c", "a", "d"] and "b" not in table and len(table) == 3
    assert table["c"] == 3                 # reading by subscript counts as a use too
    table["e"] = 5
    assert list(table) == ["d", "c", "e"]  # a was the least recent after c was read
    assert table.get("zz") is None and table.get("zz", 7) == 7
    with pytest.raises(ValueError):
        LRU(0)


def test_the_reconciliation_memo_keeps_at_most_memo_sets_sets(tmp_path):
    """Each extension recorded makes a new set of extensions; a due after each would keep
    one complete result set per set without the bound. The answers with the first set,
    asked again after it was forgotten, are the same."""
    ws = Workspace.load()
    log = SubmissionLog(tmp_path / "log.sqlite3")
    on = dt.date(2026, 11, 23)
    for year in range(2026, 2026 + MEMO_SETS + 6):
        occ = ws.find_occurrence("chibo-1", CELL_YEARLY, str(year), on)
        ws.record_extension(log, "chibo-1", CELL_YEARLY, str(year), occ.deadline + dt.timedelta(days=10), f"{year}-CV")
        ws.due("xa-X", on, log=log)
        assert len(ws.network_solver._memo) <= MEMO_SETS
    assert len(ws.network_solver._memo) == MEMO_SETS
    # the workspace that forgot older sets answers as a fresh one over the same log
    again = Workspace.load().due("xa-X", on, log=log)
    assert again == ws.due("xa-X", on, log=log)


def test_as_known_on_views_are_bounded_and_the_recent_ones_kept():
    ws = Workspace.load()
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(KNOWN_ON_KEPT + 30)]
    views = {day: ws.known_on(day) for day in days[:10]}
    for day in days[10:]:
        ws.known_on(days[0])               # used all along: never the least recent
        ws.known_on(day)
    assert len(ws._as_known) == KNOWN_ON_KEPT
    assert ws.known_on(days[0]) is views[days[0]]           # kept
    assert ws.known_on(days[1]) is not views[days[1]]       # forgotten, built again
