"""``due`` for a unit and every unit below it, sharing the work between units of one shape.

Units that cannot differ except by their id and their own rows in the submissions log
(same level, parent links, validity and policy; not issuing a directive, named by a
local calendar or as a recipient) are evaluated once per shape (report.overlay); each
unit's deliveries and extensions are laid over that evaluation. The log is read once,
in bulk, for the whole run (log.snapshot). A unit's recorded events are laid over too
(report.events), unless a duty feeds one counted from an event; the special units above
take the one-unit path.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING

from obligations.base.errors import InputError, said
from obligations.base.vocabulary import Status
from obligations.log.snapshot import LogSnapshot
from obligations.log.store import SubmissionLog
from obligations.occurrences.generate import Occurrences
from obligations.org.leadtimes import LeadTimeRule
from obligations.reconcile.network import Network
from obligations.report.context import DirectiveFacts
from obligations.report.due import DEFAULT_HORIZON, DEFAULT_LOOKBACK, DueReport, context_of, due, listing_order
from obligations.status.assess import Payload
from obligations.status.rules import Engine

if TYPE_CHECKING:
    from obligations.occurrences.generate import EventDates
    from obligations.occurrences.model import Placement
    from obligations.report.overlay import Shared, Template
    from obligations.status.assess import Item

Progress = Callable[[int, int], None]


def due_under(root: str, on: dt.date, occurrences: Occurrences, network: Network, engine: Engine,
              known: MutableMapping[Payload, Status], *, horizon: int = DEFAULT_HORIZON, lookback: int = DEFAULT_LOOKBACK,
              due_soon: int | None = None, log: SubmissionLog | LogSnapshot | None = None,
              progress: Progress | None = None, share: bool = True) -> Iterator[DueReport]:
    """One report per unit, ``root`` first, then every unit below it on ``on``, breadth first.
    ``progress(done, total)`` is called after each unit. ``share=False`` evaluates every
    unit on its own (the same reports, slower: for comparison)."""
    if horizon < 0 or lookback < 0:
        raise InputError(said("due:negative", "horizon and lookback must not be negative"),
                         fix=said("due:negative-fix", "give a number of days >= 0"),
                         code="bad-range")
    hierarchy = occurrences.hierarchy
    hierarchy.require_on(root, on)
    units = [root, *hierarchy.below(root, on)]
    # not needed by the one-unit path: imported here
    from obligations.report.events import counted_from_events, events_counted_from, laid_over
    from obligations.report.overlay import Shared

    snapshot = LogSnapshot(log) if isinstance(log, SubmissionLog) else log
    try:
        special = special_units(occurrences)
        shared = Shared(on, occurrences, network, engine, known, horizon, lookback, due_soon, snapshot)
        # a shape's template is kept until its last unit: then its objects are freed
        shapes: dict[tuple[object, ...], int] = {}
        leads = _lead_times_by_unit(occurrences)
        from_events = events_counted_from(occurrences)
        counted = counted_from_events(occurrences)
        over = laid_over(occurrences, counted)

        # recorded events change a unit's occurrences only where a duty counts from them
        eventful = set() if snapshot is None else {
            unit_id for unit_id in units
            if snapshot.has_events(unit_id) and not from_events.isdisjoint(snapshot.event_dates(unit_id))}

        def alone(unit_id: str) -> bool:
            return not share or unit_id in special or not over and unit_id in eventful

        signatures = [None if alone(unit_id) else shapes.setdefault(_signature(occurrences, unit_id, leads), len(shapes))
                      for unit_id in units]
        del shapes
        remaining = Counter(signatures)
        templates: dict[int, Template] = {}
        facts: dict[str, DirectiveFacts] = {}      # the directives' facts, once a run
        for count, (unit_id, signature) in enumerate(zip(units, signatures), start=1):
            if signature is None:
                report = due(unit_id, on, occurrences, network, engine, known, horizon=horizon, lookback=lookback,
                             due_soon=due_soon, log=snapshot)
            else:
                template = templates.get(signature)
                if template is None:
                    template = templates[signature] = shared.template(unit_id)
                remaining[signature] -= 1
                if not remaining[signature]:
                    del templates[signature]
                if snapshot is not None and unit_id in eventful:
                    items, hidden, placements = _with_events(shared, template, unit_id,
                                                             snapshot.event_dates(unit_id), counted)
                else:
                    items, hidden, placements = shared.report_items(template, unit_id)
                report = DueReport(unit=unit_id, on=on, backend=engine.backend, items=tuple(items),
                                   hidden_overdue=hidden, placements=placements,
                                   context=context_of(unit_id, items, occurrences, facts))
            if progress is not None:
                progress(count, len(units))
            yield report
        if snapshot is not None:
            snapshot.finish()
    finally:
        if snapshot is not None and snapshot is not log:
            snapshot.close()


def special_units(occurrences: Occurrences) -> set[str]:
    """Units whose reports may differ from a unit of the same shape other than by their own
    log rows (those are laid over per unit)."""
    return set(occurrences.by_issuer) | named_units(occurrences)


def named_units(occurrences: Occurrences) -> set[str]:
    """The units some datum names (a local calendar, a successor, a recipient, a named performer,
    an assumption): special, and never a copy of another unit (report/copies.py)."""
    hierarchy = occurrences.hierarchy
    special = set(occurrences.calendars.local_scopes)
    # a successor also carries what its predecessors issued
    special |= {u.successor for u in hierarchy.units.values() if u.successor}
    special |= {d.recipient for d in occurrences.rules.duties if d.recipient not in ("issuer", "parent")}
    # a duty a text gives to one named unit ("unit:so-noi-vu") is that unit's alone
    special |= {s[5:] for d in occurrences.rules.duties for s in d.performers if s.startswith("unit:")}
    # an assumption about a unit names that unit: its report is its own
    special |= {u.id for u in hierarchy.units.values() if u.assumed or any(link.assumed for link in u.parents)}
    return special


def _with_events(shared: Shared, template: Template, unit_id: str, events: EventDates, counted: frozenset[str]
                 ) -> tuple[list[Item], int, tuple[Placement, ...]]:
    """The template without the duties counted from events, and those duties with the unit's
    own events, in the order the one-unit path gives."""
    from obligations.report.events import event_items

    items, hidden, placements = shared.report_items(template, unit_id, without=counted)
    more, more_hidden, problems = event_items(shared, unit_id, events, counted)
    items += more
    items.sort(key=listing_order)
    # the one-unit path places duty by duty, in the order of their ids
    return items, hidden + more_hidden, tuple(sorted((*placements, *problems), key=lambda p: p.duty))


def _lead_times_by_unit(occurrences: Occurrences) -> dict[str | None, tuple[LeadTimeRule, ...]]:
    """The lead-time rules that name a unit, by unit: once per run, not once per unit."""
    found: dict[str | None, list[LeadTimeRule]] = {}
    for rule in occurrences.hierarchy.lead_times:
        found.setdefault(rule.unit, []).append(rule)
    return {unit: tuple(rules) for unit, rules in found.items()}


def _signature(occurrences: Occurrences, unit_id: str, leads: dict[str | None, tuple[LeadTimeRule, ...]]
               ) -> tuple[object, ...]:
    u = occurrences.hierarchy.unit(unit_id)
    return (u.level, u.parents, u.start, u.end, u.successor, u.policy, u.assumed, u.assumed_en, leads.get(unit_id, ()))
