"""The one place that touches durable_rules, and contains its defects (2.0.28).

- The module-level API shares one global host where ruleset names clash and cannot be
  re-registered: each engine owns a private ``Host`` and a unique ruleset name, and
  registers a deep copy (registration mutates the dict it is given).
- ``Host.__init__`` starts timer threads that run actions on another thread, so a batch
  can return before its actions ran: ``_run`` is a no-op here, and every action runs in
  the caller's thread during ``assert_facts``.
- At most 1,024 live sessions per ruleset: one session per evaluation, deleted after it.
- Fact ids are found by a 32-bit hash without key comparison (a collision silently
  drops a fact): facts get short sequential ids, every fact must fire the catch-all
  ``seen`` rule, and a fact that did not is retried alone in a fresh session; if it is
  still missing the evaluation fails loudly.
- A fact that matches no rule raises MessageNotHandledException: the catch-all matches all.
- An exception inside an action is swallowed into the state: actions only append to a list.
- Evaluation is serialised by a lock: the C engine is not re-entrant.
"""

from __future__ import annotations

import copy
import itertools
import os
import threading

from typing import Any, Callable

from obligations.status.rules import Json, verify


def _recorder(sink: dict[str, list[str]], name: str) -> Callable[[Any], None]:
    # durable_rules treats a two-argument action as asynchronous: keep exactly one (c).
    def record(c: Any) -> None:
        sink.setdefault(c.m["id"], []).append(name)
    return record


class DurableEngine:
    backend = "durable"

    def __init__(self, ruleset: Json) -> None:
        from durable import engine as durable_engine  # type: ignore[import-untyped]

        sink: dict[str, list[str]] = {}
        self._sink = sink

        class _PrivateHost(durable_engine.Host):  # type: ignore[misc]
            def _run(self) -> None:  # no background dispatch threads
                return None

            def get_action(self, action_name: str) -> Callable[[Any], None]:
                return _recorder(sink, action_name)

            def load_ruleset(self, ruleset_name: str) -> None:
                raise KeyError(ruleset_name)

        self._lock = threading.Lock()
        self._sessions = itertools.count()
        self._name = f"obligations_{os.urandom(16).hex()}"   # not uuid: 0.5 ms more at every start
        self._host = _PrivateHost()
        self._host.register_rulesets({self._name: copy.deepcopy(ruleset)})

    def _run_session(self, facts: list[Json]) -> dict[str, list[str]]:
        sid = f"s{next(self._sessions)}"
        self._sink.clear()
        # Sequential ids keep the 32-bit hash space sparse; the caller's ids are mapped back.
        batch = [dict(fact, id=str(i), sid=sid) for i, fact in enumerate(facts)]
        try:
            if batch:
                self._host.assert_facts(self._name, batch)
        finally:
            try:
                self._host.delete_state(self._name, sid)
            except Exception:
                pass  # a session with no facts has no state to delete
        fired = {facts[int(k)]["id"]: list(v) for k, v in self._sink.items()}
        self._sink.clear()
        return fired

    def evaluate(self, facts: list[Json]) -> dict[str, str]:
        with self._lock:
            fired = self._run_session(facts)
            lost = [f for f in facts if f["id"] not in fired]
            for fact in lost:  # a hash collision: try the fact alone
                fired.update(self._run_session([fact]))
        return verify(facts, fired, self.backend)
