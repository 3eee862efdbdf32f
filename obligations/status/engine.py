"""Choosing a backend for the status rules: durable_rules when it imports, else the twin.

Two backends evaluate the same rulesets (obligations.status.rules): ``durable``
(durable_rules, contained by durable.py) and ``python`` (python.py, a small evaluator of
the same single-pattern subset, for where durable_rules cannot be installed, e.g. Python
3.13). Both must give identical outcomes; the tests compare them on the same inputs.
"""

from __future__ import annotations

import copy

from obligations.base.errors import InputError, said
from obligations.status.rules import Engine, Json, check_ruleset, status_ruleset

BACKENDS = ("auto", "durable", "python")


def durable_available() -> bool:
    try:
        import durable.engine  # type: ignore[import-untyped]  # noqa: F401
    except Exception:  # ImportError, or a broken build on a newer Python
        return False
    return True


def make_engine(backend: str | None = None, ruleset: Json | None = None) -> Engine:
    """A new, independent engine. ``auto`` uses durable_rules when it imports."""
    backend = backend or "auto"
    if backend not in BACKENDS:
        raise InputError(said("engine:unknown-backend", "unknown engine {name}", name=repr(backend)),
                         fix=said("id:use-one-of", "use one of: {ids}{more}", ids=", ".join(BACKENDS), more=""),
                         code="unknown-option", param="engine")
    ruleset = copy.deepcopy(ruleset if ruleset is not None else status_ruleset())
    check_ruleset(ruleset)
    if backend == "auto":
        backend = "durable" if durable_available() else "python"
    if backend == "durable":
        if not durable_available():
            raise InputError(said("engine:no-durable", "the durable engine is not available here (durable-rules does not "
                                                       "install on Python >= 3.13)"),
                             fix=said("engine:no-durable-fix", 'use the engine "python"'),
                             code="not-installed", param="engine")
        from obligations.status.durable import DurableEngine

        return DurableEngine(ruleset)
    from obligations.status.python import PythonEngine

    return PythonEngine(ruleset)

