"""obligations: dated duties of cascading Vietnamese directives, as declarative rules.

    import datetime as dt
    import obligations

    ws = obligations.load()                      # bundled rules, hierarchy and calendar
    report = ws.due("xa-X", dt.date(2026, 11, 23))
    for item in report.items:
        print(item.occurrence.deadline, item.status, item.occurrence.duty.title_vi)

Names are imported lazily so that ``import obligations`` (and the command line) start
fast; heavy dependencies load on first use. The ``TYPE_CHECKING`` block mirrors the
lazy map so that type checkers see every exported name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from obligations.base.version import VERSION as __version__

if TYPE_CHECKING:
    from obligations.base.dates import today_in_vietnam
    from obligations.base.errors import (CalendarRangeError, DataFileError, EngineError, InputError,
                                         ObligationsError, Problems)
    from obligations.base.keys import OccurrenceKey
    from obligations.calendar.data import CalendarData, load_calendar_data
    from obligations.calendar.working import Event, Roll, VietnamCalendar
    from obligations.occurrences.model import Occurrence, Placement
    from obligations.org.hierarchy import Hierarchy, Unit, load_hierarchy
    from obligations.rules.layers import load_rules
    from obligations.rules.loader import RuleSet, load_rule_file
    from obligations.rules.model import Directive, Duty, Policy, Schedule, Source
    from obligations.status.assess import Item
    from obligations.status.engine import make_engine
    from obligations.status.rules import status_ruleset
    from obligations.report.due import DueReport
    from obligations.workspace import Workspace, load

_EXPORTS = {
    "load": "obligations.workspace", "Workspace": "obligations.workspace",
    "DueReport": "obligations.report.due", "Placement": "obligations.occurrences.model",
    "VietnamCalendar": "obligations.calendar.working", "Event": "obligations.calendar.working",
    "Roll": "obligations.calendar.working",
    "load_calendar_data": "obligations.calendar.data", "CalendarData": "obligations.calendar.data",
    "load_rules": "obligations.rules.layers", "load_rule_file": "obligations.rules.loader",
    "RuleSet": "obligations.rules.loader",
    "load_hierarchy": "obligations.org.hierarchy", "Hierarchy": "obligations.org.hierarchy",
    "Unit": "obligations.org.hierarchy",
    "Directive": "obligations.rules.model", "Duty": "obligations.rules.model", "Schedule": "obligations.rules.model",
    "Policy": "obligations.rules.model", "Source": "obligations.rules.model",
    "Occurrence": "obligations.occurrences.model", "OccurrenceKey": "obligations.base.keys",
    "Item": "obligations.status.assess",
    "make_engine": "obligations.status.engine", "status_ruleset": "obligations.status.rules",
    "ObligationsError": "obligations.base.errors", "DataFileError": "obligations.base.errors",
    "InputError": "obligations.base.errors", "CalendarRangeError": "obligations.base.errors",
    "EngineError": "obligations.base.errors", "Problems": "obligations.base.errors",
    "today_in_vietnam": "obligations.base.dates",
}

__all__ = ["CalendarData", "CalendarRangeError", "DataFileError", "Directive", "DueReport", "Duty",
           "EngineError", "Event", "Hierarchy", "InputError", "Item", "ObligationsError", "Occurrence",
           "OccurrenceKey", "Placement", "Policy", "Problems", "Roll", "RuleSet", "Schedule", "Source",
           "Unit", "VietnamCalendar", "Workspace", "__version__", "load", "load_calendar_data",
           "load_hierarchy", "load_rule_file", "load_rules", "make_engine", "status_ruleset",
           "today_in_vietnam"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'obligations' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
