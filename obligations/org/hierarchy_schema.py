"""The schema of the hierarchy file: units, parent links, policies, lead times."""

from __future__ import annotations

from typing import Any

from obligations.base.errors import said
from obligations.base.schema import Field, Table
from obligations.base.vocabulary import LEVELS
from obligations.org.leadtimes import LEAD_DAYS_MAX

LEAD_TIME_SCHEMA = Table((
    Field("unit", "id"), Field("level", "str", choices=LEVELS),
    Field("days", "int", required=True, low=0, high=LEAD_DAYS_MAX,
          fix=said("fix:working-days", "a number of working days from 0 to {high}", high=LEAD_DAYS_MAX)),
    Field("basis", "str", required=True,
          fix=said("fix:hierarchy:basis", 'quote the sentence or decision that sets it, or "quy định nội bộ" with internal = true')),
    Field("internal", "bool"), Field("from", "date"), Field("until", "date"), Field("note", "str"),
), exclusive=(("unit", "level"),))

_LINK = Table((Field("unit", "id", required=True), Field("from", "date"), Field("until", "date"),
               Field("assumed", "str", fix=said("fix:hierarchy:assumed", "say in Vietnamese why the link is assumed")),
               Field("assumed_en", "str", fix=said("fix:hierarchy:assumed_en", "say in English why the link is assumed"))))
_NO_LEAD_DAYS: dict[str, Any] = dict(kind="none", fix=said("fix:hierarchy:lead-days", "a lead time needs its basis: write "
                                                             "it as a [[lead_time]] table with days and basis "
                                                             "(docs/reconciliation.md)"))
_POLICY = Table((
    Field("roll", "str", choices=("previous", "next", "none")),
    Field("before", "str", choices=("exclusive", "inclusive")),
    Field("opens", "str", choices=("period_start", "validity_start")),
    Field("due_soon_days", "int", low=0, high=LEAD_DAYS_MAX, fix=said("fix:working-days", "a number of working days from 0 to {high}", high=LEAD_DAYS_MAX)),
    Field("track", "bool", fix=said("fix:hierarchy:track", "track = true: the unit's past activities count as overdue when not recorded")),
))
UNIT_SCHEMA = Table((
    Field("id", "id", required=True), Field("name", "str", required=True),
    Field("level", "str", required=True, choices=LEVELS),
    Field("parent", "id"), Field("parents", "tables", schema=_LINK, non_empty=False),
    Field("from", "date"), Field("until", "date"), Field("successor", "id"), Field("note", "str"),
    Field("policy", "table", schema=_POLICY), Field("lead_days", **_NO_LEAD_DAYS),
    Field("assumed", "str", fix=said("fix:hierarchy:assumed-2", "say in Vietnamese why the unit or its placement is assumed")),
    Field("assumed_en", "str", fix=said("fix:hierarchy:assumed_en-2", "say in English why the unit or its placement is assumed")),
), exclusive=(("parent", "parents"),))
HIERARCHY_SCHEMA = Table((
    Field("unit", "tables", required=True, fix=said("fix:hierarchy:unit", "add [[unit]] tables (see docs/rules.md)")),
    Field("lead_days", **_NO_LEAD_DAYS),
    Field("lead_time", "tables", schema=LEAD_TIME_SCHEMA, non_empty=False),
))
