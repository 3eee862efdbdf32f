"""The rules engine of a workspace, made on first use and shared by its views "as known on" a day."""

from __future__ import annotations

import threading

from obligations.status.engine import make_engine
from obligations.status.rules import Engine


class EngineSlot:
    """The workspace's rules engine, made on first use and shared by its views "as known on"
    a day. Building one costs milliseconds (durable_rules registers the ruleset), asking it
    a few payloads far less, and the statuses it gave are kept per engine: one per workspace."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._lock = threading.Lock()     # the service calls from several threads

    def get(self) -> Engine:
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = make_engine()
                engine = self._engine
        return engine
