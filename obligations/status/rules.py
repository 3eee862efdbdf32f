"""The status rules in durable_rules' JSON form, and the contract every backend keeps.

Two backends evaluate the same rulesets: ``durable`` (durable_rules, contained by
status/durable.py) and ``python`` (status/python.py, a small evaluator of the same
single-pattern subset, for where durable_rules cannot be installed, e.g. Python 3.13).
Both must give identical outcomes; the tests compare them on the same inputs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from obligations.base.errors import EngineError, said, said_n
from obligations.base.vocabulary import STATUSES

SEEN = "seen"
FACT_TYPE = "occurrence"

# durable_rules speaks JSON: a ruleset, a rule and a fact are JSON objects.
Json = dict[str, Any]


def status_ruleset() -> Json:
    """The status rules, one single-pattern rule per status, plus a catch-all.

    The rules are exclusive and exhaustive; the catch-all ``seen`` matches every fact, so
    no fact is ever "not handled", and each backend checks that every fact produced
    ``seen`` and exactly one status. Facts carry the numbers the rules compare:
    ``days_left`` (calendar days to the deadline), ``wd_left`` (working days to it),
    ``since_start`` (days since the window opened), ``soon`` (the duty's due-soon threshold),
    ``conflict`` (no day satisfies every constraint from the levels above) and ``agenda``
    (an activity that is shown while ahead or open, and is not overdue once past unless
    a policy tracks it).
    """
    occ: Json = {"t": FACT_TYPE}
    pending: list[Json] = [occ, {"done": False}, {"conflict": False}]
    open_: list[Json] = [*pending, {"$gte": {"days_left": 0}}]
    later: Json = {"$gt": {"wd_left": {"$m": "soon"}}}

    def rule(status: str, *conditions: Json) -> Json:
        return {"all": [{"m": {"$and": list(conditions)}}], "run": status}

    return {
        "done": rule("done", occ, {"done": True}),
        "conflict": rule("conflict", occ, {"done": False}, {"conflict": True}),
        "overdue": rule("overdue", *pending, {"agenda": False}, {"$lt": {"days_left": 0}}),
        "past": rule("past", *pending, {"agenda": True}, {"$lt": {"days_left": 0}}),
        "due_soon": rule("due_soon", *open_, {"$lte": {"wd_left": {"$m": "soon"}}}),
        "window_open": rule("window_open", *open_, later, {"$gte": {"since_start": 0}}),
        "upcoming": rule("upcoming", *open_, later, {"$lt": {"since_start": 0}}),
        SEEN: {"all": [{"m": {"$ex": {"t": 1}}}], "run": SEEN},
    }


def check_ruleset(ruleset: Json) -> None:
    """Refuse anything outside the subset both backends implement (single patterns only:
    multi-fact joins segfault durable_rules when a session is deleted half-matched)."""
    for name, rule in ruleset.items():
        patterns = rule.get("all")
        if not isinstance(patterns, list) or len(patterns) != 1 or set(patterns[0]) != {"m"}:
            raise EngineError(said("engine:not-single", "rule {name} is not a single-pattern rule", name=repr(name)),
                              fix=said("engine:not-single-fix", "join facts in Python and keep one pattern per rule"))
        if not isinstance(rule.get("run"), str):
            raise EngineError(said("engine:no-action", "rule {name} has no named action", name=repr(name)))


def fact(fact_id: str, *, done: bool, days_left: int, wd_left: int, since_start: int, soon: int,
         conflict: bool = False, agenda: bool = False) -> Json:
    """A fact as the status rules read it."""
    return {"id": fact_id, "t": FACT_TYPE, "done": bool(done), "days_left": days_left,
            "wd_left": wd_left, "since_start": since_start, "soon": soon,
            "conflict": bool(conflict), "agenda": bool(agenda)}


def occurrence_fact(fact_id: str, *, done: bool, on: dt.date, window_start: dt.date,
                    deadline: dt.date, working_days_left: int, soon: int, conflict: bool = False,
                    agenda: bool = False) -> Json:
    return fact(fact_id, done=done, days_left=(deadline - on).days, wd_left=working_days_left,
                since_start=(on - window_start).days, soon=soon, conflict=conflict, agenda=agenda)


def verify(facts: list[Json], fired: dict[str, list[str]], backend: str) -> dict[str, str]:
    """Every fact must have been seen once and given exactly one status."""
    result: dict[str, str] = {}
    for fact in facts:
        names = fired.get(fact["id"], [])
        if names.count(SEEN) != 1:
            raise EngineError(said_n("engine:lost", "the {backend} engine lost fact {fact} (seen {n} time)",
                                     "the {backend} engine lost fact {fact} (seen {n} times)", n=names.count(SEEN),
                                     backend=repr(backend), fact=repr(fact["id"])),
                              fix=said("engine:lost-fix", "use the python engine and report this"), param="engine")
        statuses = [n for n in names if n != SEEN]
        if len(statuses) != 1:
            raise EngineError(said_n("engine:statuses", "the rules gave fact {fact} {n} status {statuses}",
                                     "the rules gave fact {fact} {n} statuses {statuses}", n=len(statuses),
                                     fact=repr(fact["id"]), statuses=repr(statuses)),
                              fix=said("engine:statuses-fix", "the status rules must be exclusive and exhaustive"))
        if statuses[0] not in STATUSES:
            raise EngineError(said("engine:unknown-status", "the rules gave an unknown status {status}",
                                   status=repr(statuses[0])))
        result[fact["id"]] = statuses[0]
    return result


class Engine(Protocol):
    backend: str

    def evaluate(self, facts: list[Json]) -> dict[str, str]:
        """Map each fact id to its status."""


