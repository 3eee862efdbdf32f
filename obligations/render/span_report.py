"""What the writers of a report over a unit's subtree and a span of deadline days read of it
(``changes``: render/changes_json.py, the four-way count: render/count.py). A protocol: the reports
import their writers in ``to_dict``, so the writers do not import the reports back."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class SpanReport(Protocol):
    """The unit under which the report was made (``root``, ``"*"`` for every top unit), its name, and
    the first and last deadline day it covers."""

    @property
    def root(self) -> str: ...
    @property
    def root_name(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
