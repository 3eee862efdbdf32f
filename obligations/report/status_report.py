"""A unit's delivery status as one result (``status``): every occurrence judged on time, late,
missing or open, the log's replaced records and the unit's recorded events."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.records import record
from obligations.log.store import Extension, RecordedEvent, Submission, SubmissionLog
from obligations.report.deliveries import Delivery, deliveries
from obligations.report.facade import Facade as Workspace


@record
@attrs.frozen(repr=False)
class StatusReport:
    """What ``status`` answers (``Workspace.status``): each occurrence of ``unit`` judged on ``on``
    against the log (``deliveries``, oldest deadline first), the events the log records for the
    unit and the records replaced by later ones. ``to_dict(lang)`` is ``status --format json``."""

    unit: str
    unit_name: str
    on: dt.date
    year: int | None                       # the deadlines' year asked about; None: every window opened by ``on``
    deliveries: tuple[Delivery, ...]
    events: tuple[RecordedEvent, ...] = ()
    replaced: tuple[Submission | Extension | RecordedEvent, ...] = ()   # the log's records replaced by later ones

    def to_dict(self, lang: str = "vi") -> dict[str, object]:
        """The JSON document of ``status --format json`` (docs/schemas/status.json): ``lang``
        ("vi" or "en") chooses the words of its texts (titles, assumptions) only."""
        # Words are rendering's job: the one upward import allowed, inside to_dict only, of a
        # writer that imports no result type (tests/test_architecture.py).
        from obligations.render.status import status_document

        return status_document(self.unit, self.on, self.year, self.deliveries, self.events, self.replaced, lang)


def status_report(ws: Workspace, unit_id: str, on: dt.date, year: int | None,
                  log: SubmissionLog | None) -> StatusReport:
    """``status`` of ``unit_id`` on ``on`` (for the deadlines of ``year``, else for every window
    opened by ``on``), against what ``log`` says was delivered."""
    found = deliveries(ws, unit_id, on, year, log)
    replaced = log.replaced(unit_id) if log is not None else []
    events = log.events(unit_id) if log is not None else []
    return StatusReport(unit_id, ws.hierarchy.name(unit_id), on, year, tuple(found), tuple(events), tuple(replaced))
