"""``due`` for a unit and every unit below it, sharing the work between units of one shape.

Units that cannot differ except by their id and their own rows in the submissions log
(same level, parent links, validity and policy; not issuing a directive, named by a
local calendar or as a recipient) are evaluated once per shape (report.overlay); each
unit's deliveries and extensions are laid over that evaluation. The log is read once,
in bulk, for the whole run (log.snapshot). Units with recorded events that a duty counts
from, and the special units above, take the one-unit path.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from obligations.base.errors import InputError
from obligations.log.snapshot import LogSnapshot
from obligations.log.store import SubmissionLog
from obligations.occurrences.generate import Occurrences
from obligations.org.leadtimes import LeadTimeRule
from obligations.reconcile.network import Network
from obligations.report.due import DEFAULT_HORIZON, DEFAULT_LOOKBACK, DueReport, due
from obligations.status.assess import Payload
from obligations.status.rules import Engine

if TYPE_CHECKING:
    from obligations.report.overlay import Template

Progress = Callable[[int, int], None]


def due_under(root: str, on: dt.date, occurrences: Occurrences, network: Network, engine: Engine,
              known: dict[Payload, str], *, horizon: int = DEFAULT_HORIZON, lookback: int = DEFAULT_LOOKBACK,
              due_soon: int | None = None, log: SubmissionLog | LogSnapshot | None = None,
              progress: Progress | None = None, share: bool = True) -> Iterator[DueReport]:
    """One report per unit, ``root`` first, then every unit below it on ``on``, breadth first.
    ``progress(done, total)`` is called after each unit. ``share=False`` evaluates every
    unit on its own (the same reports, slower: for comparison)."""
    if horizon < 0 or lookback < 0:
        raise InputError("horizon and lookback must not be negative", fix="give a number of days >= 0")
    hierarchy = occurrences.hierarchy
    hierarchy.unit(root)
    units = [root, *hierarchy.below(root, on)]
    from obligations.report.overlay import Shared   # not needed by the one-unit path: imported here

    snapshot = LogSnapshot(log) if isinstance(log, SubmissionLog) else log
    try:
        special = special_units(occurrences)
        shared = Shared(on, occurrences, network, engine, known, horizon, lookback, due_soon, snapshot)
        # a shape's template is kept until its last unit: then its objects are freed
        shapes: dict[tuple[object, ...], int] = {}
        leads = _lead_times_by_unit(occurrences)
        counted = _events_counted_from(occurrences)

        def alone(unit_id: str) -> bool:
            # recorded events change a unit's occurrences only where a duty counts from them
            return (not share or unit_id in special or snapshot is not None and snapshot.has_events(unit_id)
                    and not counted.isdisjoint(snapshot.event_dates(unit_id)))

        signatures = [None if alone(unit_id) else shapes.setdefault(_signature(occurrences, unit_id, leads), len(shapes))
                      for unit_id in units]
        del shapes
        remaining = Counter(signatures)
        templates: dict[int, Template] = {}
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
                items, hidden, placements = shared.report_items(template, unit_id)
                report = DueReport(unit=unit_id, on=on, backend=engine.backend, items=tuple(items),
                                   hidden_overdue=hidden, placements=placements)
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
    hierarchy = occurrences.hierarchy
    special = set(occurrences.by_issuer) | occurrences.calendars.local_scopes
    # a successor also carries what its predecessors issued
    special |= {u.successor for u in hierarchy.units.values() if u.successor}
    special |= {d.recipient for d in occurrences.rules.duties if d.recipient not in ("issuer", "parent")}
    # an assumption about a unit names that unit: its report is its own
    special |= {u.id for u in hierarchy.units.values() if u.assumed or any(link.assumed for link in u.parents)}
    return special


def _events_counted_from(occurrences: Occurrences) -> set[str]:
    """The events some duty (or a version of one) counts its periods from."""
    return {event for base in occurrences.rules.duties for version in occurrences.lifecycle.of(base)
            if version.duty is not None for event in version.duty.schedule.event_ids}


def _lead_times_by_unit(occurrences: Occurrences) -> dict[str | None, tuple[LeadTimeRule, ...]]:
    """The lead-time rules that name a unit, by unit: once per run, not once per unit."""
    found: dict[str | None, list[LeadTimeRule]] = {}
    for rule in occurrences.hierarchy.lead_times:
        found.setdefault(rule.unit, []).append(rule)
    return {unit: tuple(rules) for unit, rules in found.items()}


def _signature(occurrences: Occurrences, unit_id: str, leads: dict[str | None, tuple[LeadTimeRule, ...]]
               ) -> tuple[object, ...]:
    u = occurrences.hierarchy.unit(unit_id)
    return (u.level, u.parents, u.start, u.end, u.successor, u.policy, u.assumed, leads.get(unit_id, ()))
