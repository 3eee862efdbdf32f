"""A small evaluator for the single-pattern subset of durable_rules' JSON rulesets.

Supported in a pattern: ``$and``, ``$or``, ``$lt``, ``$lte``, ``$gt``, ``$gte``, ``$neq``,
``$ex``, ``$nex`` and plain equality, with ``{"$m": "field"}`` to compare two fields of
the same fact. Like durable_rules it fires every rule whose pattern a fact matches.
"""

from __future__ import annotations

from typing import Any

from obligations.status.rules import Json, verify
from obligations.base.errors import EngineError, said

_MISSING = object()
_ORDER = {"$lt": lambda a, b: a < b, "$lte": lambda a, b: a <= b,
          "$gt": lambda a, b: a > b, "$gte": lambda a, b: a >= b}


def _value(ref: Any, fact: Json) -> Any:
    if isinstance(ref, dict):
        if set(ref) != {"$m"}:
            raise EngineError(said("engine:expression", "unsupported value expression {value}", value=repr(ref)))
        return fact.get(ref["$m"], _MISSING)
    return ref


def _same(a: Any, b: Any) -> bool:
    # JSON keeps booleans and numbers apart; Python's True == 1 must not match.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and bool(a == b)
    return bool(a == b)


def matches(pattern: Json, fact: Json) -> bool:
    if len(pattern) != 1:
        raise EngineError(said("engine:pattern", "unsupported pattern {value}: one operator or field per object",
                               value=repr(pattern)))
    (op, arg), = pattern.items()
    if op == "$and":
        return all(matches(p, fact) for p in arg)
    if op == "$or":
        return any(matches(p, fact) for p in arg)
    if op in ("$ex", "$nex"):
        (field, _), = arg.items()
        return (field in fact) == (op == "$ex")
    if op in _ORDER or op == "$neq":
        (field, ref), = arg.items()
        left, right = fact.get(field, _MISSING), _value(ref, fact)
        if left is _MISSING or right is _MISSING:
            return False
        if op == "$neq":
            return not _same(left, right)
        if isinstance(left, bool) or isinstance(right, bool):
            return False
        try:
            return bool(_ORDER[op](left, right))
        except TypeError:
            return False
    if op.startswith("$"):
        raise EngineError(said("engine:operator", "unsupported operator {value}", value=repr(op)))
    value = fact.get(op, _MISSING)
    return value is not _MISSING and _same(value, arg)


class PythonEngine:
    backend = "python"

    def __init__(self, ruleset: Json) -> None:
        self._rules = [(rule["run"], rule["all"][0]["m"]) for rule in ruleset.values()]

    def evaluate(self, facts: list[Json]) -> dict[str, str]:
        fired = {fact["id"]: [name for name, pattern in self._rules if matches(pattern, fact)]
                 for fact in facts}
        return verify(facts, fired, self.backend)
