"""What a unit must do around a date: the items whose window opens soon enough and whose
deadline is recent enough, each reconciled and with its status."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping, Sequence

import attrs

from obligations.base.errors import InputError, UnitNotActive, said
from obligations.base.records import record
from obligations.base.vocabulary import Status
from obligations.log.snapshot import LogSnapshot
from obligations.log.store import SubmissionLog
from obligations.occurrences.calendars import UnitCalendars
from obligations.occurrences.generate import Occurrences
from obligations.occurrences.model import Occurrence, Placement
from obligations.reconcile.network import Network
from obligations.report.context import Context, DirectiveFacts, capture, mentioned_units
from obligations.report.not_active import NotActive
from obligations.status.assess import Item, Payload, assess
from obligations.status.rules import Engine

DEFAULT_HORIZON = 30
DEFAULT_LOOKBACK = 30
ASKED = said("coverage:asked-due", "the days asked about, from on - lookback to on + horizon")


@record
@attrs.frozen(repr=False)
class DueReport:
    """What a unit must do around a day (``Workspace.due``): ``items`` in listing order (conflicts
    and overdue first, then by effective deadline), ``hidden_overdue`` (older overdue items
    not listed), ``placements`` (occurrences that could not be placed, reported, never
    dropped) and ``backend``, the rules engine that answered (``durable`` or ``python``).
    ``not_active``: set when the unit did not exist on ``on`` (it ended, or had not begun);
    then nothing is listed, and every document of the report says so and names the successor."""

    unit: str
    on: dt.date
    backend: str
    items: tuple[Item, ...]
    hidden_overdue: int
    placements: tuple[Placement, ...] = ()
    # names, directive numbers and provisional years, captured when built: the report renders alone.
    # Derived from the same inputs as the items, so left out of == and hash (a report stays hashable).
    context: Context = attrs.field(factory=Context, eq=False)
    not_active: NotActive | None = None

    def to_dict(self, lang: str = "vi") -> dict[str, object]:
        """The JSON document of ``due --format json`` (docs/schemas/due.json): ``lang`` ("vi" or
        "en") chooses the words of its texts only; every code, id and date is the same."""
        # Words are rendering's job (docs/architecture.md): the one upward import allowed, inside
        # to_dict only, of a writer that imports no result type (tests/test_architecture.py).
        from obligations.render.due_json import due_document

        return due_document(self.unit, self.on, self.backend, self.items, self.hidden_overdue, self.placements,
                            self.context, lang, self.not_active)


SKIP, HIDDEN, LISTED = 0, 1, 2


def last_year(horizon_end: dt.date) -> int:
    """The last year of deadlines ``due`` places: the horizon's and the next, so that a window
    open by the horizon whose deadline falls the year after (a report on the year due in
    January, its window opened on 1 January of the year before) is listed, not left out."""
    return min(horizon_end.year + 1, dt.MAXYEAR)


def fate(start: dt.date, deadline: dt.date, status: str, horizon_end: dt.date, oldest: dt.date) -> int:
    """What ``due`` does with an item: skip it, count it as hidden overdue, or list it."""
    if start > horizon_end or status == "past":
        return SKIP       # an activity whose time has gone is off the agenda, not overdue
    if deadline < oldest and status != "conflict":
        return HIDDEN if status == "overdue" else SKIP
    return LISTED


def listing_order(item: Item) -> tuple[bool, dt.date, str, str]:
    """Conflicts first (they need a decision before anything else can be done), then by deadline."""
    return item.status != "conflict", item.deadline, item.occurrence.duty.id, item.occurrence.period


def listed(items: Sequence[Item], horizon_end: dt.date, oldest: dt.date) -> tuple[list[Item], int]:
    """The items ``due`` lists, in its order, and the number of older overdue ones it hides."""
    shown, hidden = [], 0
    for item in items:
        where = fate(item.window_start, item.deadline, item.status, horizon_end, oldest)
        hidden += where == HIDDEN
        if where == LISTED:
            shown.append(item)
    shown.sort(key=listing_order)
    return shown, hidden


def evaluate(unit_id: str, on: dt.date, occurrences: Sequence[Occurrence], network: Network,
             calendars: UnitCalendars, engine: Engine, due_soon: int | None, log: SubmissionLog | LogSnapshot | None,
             known: MutableMapping[Payload, Status]) -> list[Item]:
    """Reconcile ``occurrences`` of one unit and give each its status on ``on``.

    ``log`` marks delivered occurrences done and applies extensions. Only occurrences that
    feed another or have an extension enter the network: the others keep their own bounds."""
    delivered = log.delivered(unit_id) if log else {}
    extensions = log.granted() if log else {}
    reconciled = network.solve([o for o in occurrences if o.duty.feeds or o.key in extensions], extensions)
    return assess(on, occurrences, reconciled, delivered, calendars(unit_id), engine, due_soon, known)


def due(unit_id: str, on: dt.date, occurrences: Occurrences, network: Network, engine: Engine,
        known: MutableMapping[Payload, Status], *, horizon: int = DEFAULT_HORIZON, lookback: int = DEFAULT_LOOKBACK,
        due_soon: int | None = None, log: SubmissionLog | LogSnapshot | None = None,
        since: int | None = None, context: bool = True) -> DueReport:
    """Items whose window opens by ``on + horizon`` and whose deadline is not older than
    ``on - lookback``; older overdue items are counted, not listed. For the four-way count
    (report/count_bulk.py): ``since``, the first year of deadlines looked at (earlier years are
    not placed, and ``hidden_overdue`` does not count them); ``context=False``: no context."""
    if horizon < 0 or lookback < 0:
        raise InputError(said("due:negative", "horizon and lookback must not be negative"),
                         fix=said("due:negative-fix", "give a number of days >= 0"),
                         code="bad-range")
    calendars = occurrences.calendars
    try:
        occurrences.hierarchy.require_on(unit_id, on)
    except UnitNotActive:
        return not_active(unit_id, on, occurrences, engine)
    first = occurrences.first_year or on.year
    first = first if since is None else max(first, since)
    horizon_end = on + dt.timedelta(days=horizon)
    oldest = on - dt.timedelta(days=lookback)
    calendars(unit_id).check_days(oldest, horizon_end, ASKED)
    # every item whose window opens by the horizon is listed or counted: all must be placed
    found, problems = occurrences.of_unit(unit_id, first, last_year(horizon_end),
                                          events=log.event_dates(unit_id) if log is not None else None,
                                          needed=(dt.date.min, horizon_end))
    items, hidden = listed(evaluate(unit_id, on, found, network, calendars, engine, due_soon, log, known),
                           horizon_end, oldest)
    return DueReport(unit=unit_id, on=on, backend=engine.backend, items=tuple(items),
                     hidden_overdue=hidden, placements=tuple(problems),
                     context=context_of(unit_id, items, occurrences) if context else Context())


def context_of(unit_id: str, items: Sequence[Item], occurrences: Occurrences,
               facts: dict[str, DirectiveFacts] | None = None) -> Context:
    """What the report's document names beyond its items (report.context); ``facts``: a run's
    directive facts (report.context.capture)."""
    calendar = occurrences.calendars(unit_id)
    units = [unit_id]
    for item in items:
        occ, result = item.occurrence, item.reconciled
        if result is None:
            # its own result (reconcile.solve.own_result) names only the unit and the issuer,
            # named here already: not built for every item of a national run
            units += (occ.unit, occ.issuer_unit, occ.recipient_unit) if occ.recipient_unit else (occ.unit, occ.issuer_unit)
        else:
            units.extend(mentioned_units(occ, result))
    return capture(occurrences.rules, occurrences.hierarchy, units, (i.occurrence.duty.directive for i in items),
                   (i.deadline.year for i in items if calendar.is_provisional(i.deadline.year)), facts)


def not_active(unit_id: str, on: dt.date, occurrences: Occurrences, engine: Engine) -> DueReport:
    """The answer for a unit that did not exist on ``on``: nothing listed, and why. ``due`` is what
    an app asks of every unit of its hierarchy each day, and the hierarchy keeps the units that
    ended in 2025 for their history: the answer is true and carries the end and the successor as
    data; the formats that cannot carry them (CSV, xlsx) refuse instead (docs/usage.md section 8)."""
    hierarchy = occurrences.hierarchy
    unit = hierarchy.unit(unit_id)
    if on > unit.end:
        standing, _ = hierarchy.successor_on(unit_id, on)
        heir = standing or unit.successor
        why = NotActive(ended=unit.end, successor=heir)
    else:
        heir, why = None, NotActive(begins=unit.start)
    context = capture(occurrences.rules, hierarchy, [unit_id] + ([heir] if heir else []), ())
    return DueReport(unit=unit_id, on=on, backend=engine.backend, items=(), hidden_overdue=0, context=context,
                     not_active=why)
