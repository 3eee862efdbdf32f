"""obligations: dated duties of cascading Vietnamese directives, as declarative rules.

    import datetime as dt
    import obligations

    ws = obligations.load()                      # bundled rules, hierarchy and calendar
    report = ws.due("xa-X", dt.date(2026, 11, 23))
    for item in report.items:
        print(item.occurrence.deadline, item.status, item.occurrence.duty.title_en)

Names are imported lazily so that ``import obligations`` (and the command line) start
fast; heavy dependencies load on first use.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load": "obligations.workspace", "Workspace": "obligations.workspace", "DueReport": "obligations.workspace", "Placement": "obligations.workspace",
    "VietnamCalendar": "obligations.calendar.working", "Event": "obligations.calendar.working", "Roll": "obligations.calendar.working",
    "load_calendar_data": "obligations.calendar.data", "CalendarData": "obligations.calendar.data",
    "load_rules": "obligations.rules.loader", "load_rule_file": "obligations.rules.loader", "RuleSet": "obligations.rules.loader",
    "load_hierarchy": "obligations.org.hierarchy", "Hierarchy": "obligations.org.hierarchy", "Unit": "obligations.org.hierarchy",
    "Directive": "obligations.rules.model", "Duty": "obligations.rules.model", "Schedule": "obligations.rules.model", "Policy": "obligations.rules.model",
    "Occurrence": "obligations.rules.model", "Item": "obligations.rules.model", "Source": "obligations.rules.model",
    "make_engine": "obligations.status.engine", "status_ruleset": "obligations.status.engine",
    "ObligationsError": "obligations.base.errors", "DataFileError": "obligations.base.errors", "InputError": "obligations.base.errors",
    "CalendarRangeError": "obligations.base.errors", "EngineError": "obligations.base.errors", "Problems": "obligations.base.errors",
    "today_in_vietnam": "obligations.base.dates",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'obligations' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
