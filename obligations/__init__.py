"""obligations: dated duties of cascading Vietnamese directives, as declarative rules.

The public API is what ``__all__`` lists (docs/api.md shows it at work; the reference is
generated from these docstrings). A workspace answers what a unit must do around a date:

>>> import datetime as dt
>>> import obligations
>>> ws = obligations.load()                      # bundled rules, hierarchy and calendar
>>> report = ws.due("chibo-1", dt.date(2025, 11, 20))
>>> for item in report.items:
...     if item.occurrence.duty.kind == "report":
...         print(item.deadline, item.status, item.occurrence.duty.title_vi)
2025-11-28 window_open Chi bộ báo cáo kết quả thực hiện hằng năm

``item.deadline`` is the effective deadline, after reconciliation with the levels above;
``item.own_deadline`` is the unit's own, from its duty alone (never earlier). In
tests/fixtures/rules_conflict the commune xa-C plans its review for December 2025 (own
deadline 31/12/2025), but the review feeds the province's, due "trước ngày 15-11-2025":
the effective deadline is 14/11/2025 (and the status says the two conflict):

>>> ws = obligations.load(rules="tests/fixtures/rules_conflict")
>>> item = next(i for i in ws.due("xa-C", dt.date(2025, 11, 3)).items if i.occurrence.duty.id == "C-1/so-ket")
>>> item.own_deadline, item.deadline, item.status
(datetime.date(2025, 12, 31), datetime.date(2025, 11, 14), 'conflict')

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
                                         ObligationsError, Problems, UnitNotActive)
    from obligations.base.keys import OccurrenceKey
    from obligations.base.vocabulary import DeliveryResult, Kind, Level, Status
    from obligations.calendar.working import VietnamCalendar
    from obligations.log.model import AlreadyRecorded
    from obligations.log.place import open_log
    from obligations.log.store import Extension, RecordedEvent, Submission, SubmissionLog
    from obligations.occurrences.model import Occurrence, Placement
    from obligations.org.hierarchy import Hierarchy, Unit
    from obligations.reconcile.solve import Conflict, Reconciled
    from obligations.report.deliveries import Delivery
    from obligations.report.due import DueReport
    from obligations.report.explain import Explanation
    from obligations.report.status_report import StatusReport
    from obligations.report.not_active import NotActive
    from obligations.base.errors import ErrorCode
    from obligations.report.history import History
    from obligations.report.changes import ChangesReport
    from obligations.rules.model import Change, Directive, Duty, Policy, Source
    from obligations.rules.versions import Version
    from obligations.status.assess import Item
    from obligations.workspace import Workspace, load

_EXPORTS = {
    # the front door
    "load": "obligations.workspace", "Workspace": "obligations.workspace", "open_log": "obligations.log.place",
    "today_in_vietnam": "obligations.base.dates",
    # results
    "DueReport": "obligations.report.due", "Item": "obligations.status.assess",
    "Occurrence": "obligations.occurrences.model", "Placement": "obligations.occurrences.model",
    "OccurrenceKey": "obligations.base.keys", "Reconciled": "obligations.reconcile.solve",
    "Conflict": "obligations.reconcile.solve", "Explanation": "obligations.report.explain", "StatusReport": "obligations.report.status_report", "NotActive": "obligations.report.not_active",
    "Delivery": "obligations.report.deliveries", "History": "obligations.report.history",
    "ChangesReport": "obligations.report.changes",
    "Version": "obligations.rules.versions", "Change": "obligations.rules.model",
    # what results refer to
    "Directive": "obligations.rules.model", "Duty": "obligations.rules.model", "Policy": "obligations.rules.model",
    "Source": "obligations.rules.model", "Hierarchy": "obligations.org.hierarchy", "Unit": "obligations.org.hierarchy",
    "VietnamCalendar": "obligations.calendar.working",
    # the submissions log
    "SubmissionLog": "obligations.log.store", "Submission": "obligations.log.store",
    "Extension": "obligations.log.store", "RecordedEvent": "obligations.log.store",
    "AlreadyRecorded": "obligations.log.model",
    # the closed vocabularies, as Literal types
    "Status": "obligations.base.vocabulary", "Kind": "obligations.base.vocabulary",
    "Level": "obligations.base.vocabulary", "DeliveryResult": "obligations.base.vocabulary",
    # errors
    "ObligationsError": "obligations.base.errors", "DataFileError": "obligations.base.errors",
    "InputError": "obligations.base.errors", "UnitNotActive": "obligations.base.errors",
    "CalendarRangeError": "obligations.base.errors", "EngineError": "obligations.base.errors",
    "Problems": "obligations.base.errors", "ErrorCode": "obligations.base.errors",
}

__all__ = ["AlreadyRecorded", "CalendarRangeError", "Change", "ChangesReport", "Conflict", "DataFileError", "Delivery",
           "DeliveryResult", "Directive", "DueReport", "Duty", "EngineError", "Explanation", "Extension",
           "StatusReport", "ErrorCode", "NotActive",
           "Hierarchy", "History", "InputError", "Item", "Kind", "Level", "ObligationsError", "Occurrence",
           "OccurrenceKey", "Placement", "Policy", "Problems", "RecordedEvent", "Reconciled", "Source", "Status",
           "Submission", "SubmissionLog", "Unit", "UnitNotActive", "Version", "VietnamCalendar", "Workspace",
           "__version__", "load", "open_log", "today_in_vietnam"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'obligations' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
