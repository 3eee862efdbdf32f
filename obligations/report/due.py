"""What a unit must do around a date: the items whose window opens soon enough and whose
deadline is recent enough, each reconciled and with its status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from obligations.base.errors import InputError
from obligations.base.records import record
from obligations.log.snapshot import LogSnapshot
from obligations.log.store import SubmissionLog
from obligations.occurrences.calendars import UnitCalendars
from obligations.occurrences.generate import Occurrences
from obligations.occurrences.model import Occurrence, Placement
from obligations.reconcile.network import Network
from obligations.status.assess import Item, Payload, assess
from obligations.status.rules import Engine

DEFAULT_HORIZON = 30
DEFAULT_LOOKBACK = 30


@record
@attrs.frozen(repr=False)
class DueReport:
    unit: str
    on: dt.date
    backend: str
    items: tuple[Item, ...]
    hidden_overdue: int
    placements: tuple[Placement, ...] = ()


def evaluate(unit_id: str, on: dt.date, occurrences: Sequence[Occurrence], network: Network,
             calendars: UnitCalendars, engine: Engine, due_soon: int | None, log: SubmissionLog | LogSnapshot | None,
             known: dict[Payload, str]) -> list[Item]:
    """Reconcile ``occurrences`` of one unit and give each its status on ``on``.

    ``log`` marks delivered occurrences done and applies extensions. Only occurrences that
    feed another or have an extension enter the network: the others keep their own bounds."""
    delivered = log.delivered(unit_id) if log else {}
    extensions = log.granted() if log else {}
    reconciled = network.solve([o for o in occurrences if o.duty.feeds or o.key in extensions], extensions)
    return assess(on, occurrences, reconciled, delivered, calendars(unit_id), engine, due_soon, known)


def due(unit_id: str, on: dt.date, occurrences: Occurrences, network: Network, engine: Engine,
        known: dict[Payload, str], *, horizon: int = DEFAULT_HORIZON, lookback: int = DEFAULT_LOOKBACK,
        due_soon: int | None = None, log: SubmissionLog | LogSnapshot | None = None) -> DueReport:
    """Items whose window opens by ``on + horizon`` and whose deadline is not older than
    ``on - lookback``; older overdue items are counted, not listed."""
    if horizon < 0 or lookback < 0:
        raise InputError("horizon and lookback must not be negative", fix="give a number of days >= 0")
    calendars = occurrences.calendars
    calendars(unit_id).check_year(on.year)
    first = occurrences.first_year or on.year
    horizon_end = on + dt.timedelta(days=horizon)
    found, problems = occurrences.of_unit(unit_id, first, horizon_end.year,
                                          events=log.event_dates(unit_id) if log is not None else None)
    oldest = on - dt.timedelta(days=lookback)
    items, hidden = [], 0
    for item in evaluate(unit_id, on, found, network, calendars, engine, due_soon, log, known):
        if item.window_start > horizon_end or item.status == "past":
            continue          # an activity whose time has gone is off the agenda, not overdue
        if item.deadline < oldest and item.status != "conflict":
            hidden += item.status == "overdue"
            continue
        items.append(item)
    # conflicts first: they need a decision before anything else can be done
    items.sort(key=lambda i: (i.status != "conflict", i.deadline, i.occurrence.duty.id, i.occurrence.period))
    return DueReport(unit=unit_id, on=on, backend=engine.backend, items=tuple(items),
                     hidden_overdue=hidden, placements=tuple(problems))
