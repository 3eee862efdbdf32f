"""Statuses come out of declarative rulesets in durable_rules' JSON form.

Two backends evaluate the same rulesets: ``durable`` (durable_rules, contained by
engine_durable.py) and ``python`` (engine_python.py, a small evaluator of the same
single-pattern subset, for where durable_rules cannot be installed, e.g. Python 3.13).
Both must give identical outcomes; the tests compare them on the same inputs.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from typing import Protocol

from obligations.base.errors import EngineError, InputError
from obligations.rules.model import STATUSES

BACKENDS = ("auto", "durable", "python")
SEEN = "seen"
FACT_TYPE = "occurrence"


def status_ruleset() -> dict:
    """The status rules, one single-pattern rule per status, plus a catch-all.

    The rules are exclusive and exhaustive; the catch-all ``seen`` matches every fact, so
    no fact is ever "not handled", and each backend checks that every fact produced
    ``seen`` and exactly one status. Facts carry the numbers the rules compare:
    ``days_left`` (calendar days to the deadline), ``wd_left`` (working days to it),
    ``since_start`` (days since the window opened), ``soon`` (the duty's due-soon threshold).
    """
    occ = {"t": FACT_TYPE}
    open_ = [occ, {"done": False}, {"$gte": {"days_left": 0}}]
    later = {"$gt": {"wd_left": {"$m": "soon"}}}

    def rule(status: str, *conditions: dict) -> dict:
        return {"all": [{"m": {"$and": list(conditions)}}], "run": status}

    return {
        "done": rule("done", occ, {"done": True}),
        "overdue": rule("overdue", occ, {"done": False}, {"$lt": {"days_left": 0}}),
        "due_soon": rule("due_soon", *open_, {"$lte": {"wd_left": {"$m": "soon"}}}),
        "window_open": rule("window_open", *open_, later, {"$gte": {"since_start": 0}}),
        "upcoming": rule("upcoming", *open_, later, {"$lt": {"since_start": 0}}),
        SEEN: {"all": [{"m": {"$ex": {"t": 1}}}], "run": SEEN},
    }


def check_ruleset(ruleset: dict) -> None:
    """Refuse anything outside the subset both backends implement (single patterns only:
    multi-fact joins segfault durable_rules when a session is deleted half-matched)."""
    for name, rule in ruleset.items():
        patterns = rule.get("all")
        if not isinstance(patterns, list) or len(patterns) != 1 or set(patterns[0]) != {"m"}:
            raise EngineError(f"rule {name!r} is not a single-pattern rule",
                              fix="join facts in Python and keep one pattern per rule")
        if not isinstance(rule.get("run"), str):
            raise EngineError(f"rule {name!r} has no named action")


def fact(fact_id: str, *, done: bool, days_left: int, wd_left: int, since_start: int, soon: int) -> dict:
    """A fact as the status rules read it."""
    return {"id": fact_id, "t": FACT_TYPE, "done": bool(done), "days_left": days_left,
            "wd_left": wd_left, "since_start": since_start, "soon": soon}


def occurrence_fact(fact_id: str, *, done: bool, on: dt.date, window_start: dt.date,
                    deadline: dt.date, working_days_left: int, soon: int) -> dict:
    return fact(fact_id, done=done, days_left=(deadline - on).days, wd_left=working_days_left,
                since_start=(on - window_start).days, soon=soon)


def verify(facts: list[dict], fired: dict[str, list[str]], backend: str) -> dict[str, str]:
    """Every fact must have been seen once and given exactly one status."""
    result = {}
    for fact in facts:
        names = fired.get(fact["id"], [])
        if names.count(SEEN) != 1:
            raise EngineError(f"the {backend} engine lost fact {fact['id']!r} ({names.count(SEEN)} times seen)",
                              fix="re-run with --engine python and report this")
        statuses = [n for n in names if n != SEEN]
        if len(statuses) != 1:
            raise EngineError(f"the rules gave fact {fact['id']!r} {len(statuses)} statuses {statuses}",
                              fix="the status rules must be exclusive and exhaustive")
        if statuses[0] not in STATUSES:
            raise EngineError(f"the rules gave an unknown status {statuses[0]!r}")
        result[fact["id"]] = statuses[0]
    return result


class Engine(Protocol):
    backend: str

    def evaluate(self, facts: list[dict]) -> dict[str, str]:
        """Map each fact id to its status."""


def durable_available() -> bool:
    try:
        import durable.engine  # noqa: F401
    except Exception:  # ImportError, or a broken build on a newer Python
        return False
    return True


def make_engine(backend: str | None = None, ruleset: dict | None = None) -> Engine:
    """A new, independent engine. ``auto`` uses durable_rules when it imports."""
    from_env = not backend and bool(os.environ.get("OBLIGATIONS_ENGINE"))
    backend = backend or os.environ.get("OBLIGATIONS_ENGINE") or "auto"
    if backend not in BACKENDS:
        where = "the environment variable OBLIGATIONS_ENGINE" if from_env else "--engine"
        raise InputError(f"unknown engine {backend[:40]!r} (from {where})",
                         fix="set OBLIGATIONS_ENGINE or --engine to one of: " + ", ".join(BACKENDS))
    ruleset = copy.deepcopy(ruleset if ruleset is not None else status_ruleset())
    check_ruleset(ruleset)
    if backend == "auto":
        backend = "durable" if durable_available() else "python"
    if backend == "durable":
        if not durable_available():
            raise InputError("the durable engine is not available here (durable-rules does not "
                             "install on Python >= 3.13)", fix="use --engine python")
        from obligations.status.durable import DurableEngine

        return DurableEngine(ruleset)
    from obligations.status.python import PythonEngine

    return PythonEngine(ruleset)

