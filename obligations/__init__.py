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
    "load": "service", "Workspace": "service", "DueReport": "service", "Placement": "service",
    "VietnamCalendar": "calendar", "Event": "calendar", "Roll": "calendar",
    "load_calendar_data": "calendar_data", "CalendarData": "calendar_data",
    "load_rules": "loader", "load_rule_file": "loader", "RuleSet": "loader",
    "load_hierarchy": "hierarchy", "Hierarchy": "hierarchy", "Unit": "hierarchy",
    "Directive": "model", "Duty": "model", "Schedule": "model", "Policy": "model",
    "Occurrence": "model", "Item": "model", "Source": "model",
    "make_engine": "engine", "status_ruleset": "engine",
    "ObligationsError": "errors", "DataFileError": "errors", "InputError": "errors",
    "CalendarRangeError": "errors", "EngineError": "errors", "Problems": "errors",
    "today_in_vietnam": "dates",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'obligations' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
