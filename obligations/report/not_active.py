"""Why a due report lists nothing for a unit: it did not exist on the day asked. Apart from
report.due so that the JSON writer (render.due_json) can take it without importing the result type."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.records import record


@record
@attrs.frozen(repr=False)
class NotActive:
    """Why a due report lists nothing: on the day asked the unit no longer existed (``ended``:
    its last day; ``successor``: the unit that stands for it then, which took over its duties)
    or did not yet exist (``begins``: its first day). Said in every document of the report."""

    ended: dt.date | None = None
    begins: dt.date | None = None
    successor: str | None = None
