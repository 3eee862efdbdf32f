"""On time, late, missing or still open: a unit's deliveries against its deadlines."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.records import record
from obligations.base.vocabulary import DeliveryResult
from obligations.log.store import SubmissionLog
from obligations.status.assess import Item
from obligations.report.facade import Facade as Workspace   # the protocol: these reports sit below the class


@record
@attrs.frozen(repr=False)
class Delivery:
    """One occurrence of a unit judged against what the log says was delivered: ``result``
    is ``on_time``, ``late`` (by ``late_working_days``), ``missing`` (its deadline passed
    with nothing recorded) or ``open``; ``item`` is the occurrence with its status."""

    item: Item
    result: DeliveryResult
    late_working_days: int = 0
    # The deadline as the documents known on the day of delivery gave it, when a later
    # document changed it: the delivery is judged by that one (docs/rules.md section 9).
    deadline_at_delivery: dt.date | None = None

    @property
    def deadline_changed(self) -> bool:
        return self.deadline_at_delivery is not None


def deadline_at(ws: Workspace, item: Item, day: dt.date, log: SubmissionLog | None) -> dt.date | None:
    """The occurrence's deadline as known on ``day``, when the documents known then give
    another one than today's (None: the same, or the duty was not known then)."""
    then = ws.known_on(day, calendar=ws.calendar_known_on is not None)
    occ = item.occurrence
    try:
        duty = then.rules.duty(occ.duty.id)
    except KeyError:
        return None
    found = then.occurrence_source.one(occ.unit, duty, occ.period)
    if found is None:
        return None
    deadline = then.evaluate(occ.unit, day, [found], log=log)[0].deadline
    return deadline if deadline != item.deadline else None


def classify(ws: Workspace, item: Item, on: dt.date, log: SubmissionLog | None = None, *,
             changes: bool | None = None) -> Delivery:
    """``changes``: ``ws.changes_anything``, when the caller classifies many items (it walks
    every directive)."""
    sub = item.submission
    if sub is not None:
        changed = ws.changes_anything if changes is None else changes
        then = deadline_at(ws, item, sub.delivered_on, log) if changed else None
        deadline = then or item.deadline
        if sub.delivered_on <= deadline:
            return Delivery(item, "on_time", deadline_at_delivery=then)
        cal = ws.calendar_for(item.occurrence.unit)
        one = dt.timedelta(days=1)
        return Delivery(item, "late", cal.count_working_days(deadline + one, sub.delivered_on + one), then)
    return Delivery(item, "missing" if item.deadline < on else "open")


def deliveries(ws: Workspace, unit_id: str, on: dt.date, year: int | None, log: SubmissionLog | None) -> list[Delivery]:
    """Every occurrence of the unit whose deadline falls in ``year`` (else: whose window has
    opened by ``on``), classified against what the log says was delivered."""
    # asked after the unit ended: its open items passed to its successor (a year of its life is history)
    if year is None:
        ws.hierarchy.require_on(unit_id, on)
    else:
        ws.hierarchy.require_in_year(unit_id, year)
    if year is not None:
        ws.calendar_for(unit_id).check_year(year)
    first = year or min(d.valid_from.year for d in ws.rules.duties)
    last = year or on.year
    occurrences, _ = ws.occurrences(unit_id, first - 1, last + 1,
                                    events=log.event_dates(unit_id) if log is not None else None,
                                    needed=(dt.date(first, 1, 1), dt.date(last, 12, 31) if year else min(on, dt.date(last, 12, 31))))
    # an activity whose time has gone (status "past") is an agenda item, not a delivery
    # that went missing: it is not listed unless something was recorded for it
    items = [i for i in ws.evaluate(unit_id, on, occurrences, log=log)
             if first <= i.deadline.year <= last and (year or i.window_start <= on)
             and (i.status != "past" or i.submission is not None)]
    items.sort(key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
    return [classify(ws, item, on, log) for item in items]

