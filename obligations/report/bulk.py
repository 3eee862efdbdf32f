"""``due`` for a unit and every unit below it, sharing the work between units of one shape.

Units that cannot differ except by their id (same level, parent links, validity and
policy; not issuing a directive, named by a local calendar, a recipient, or the log)
are computed once and the report is relabelled for the others: thirty party cells of a
commune cost one evaluation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import attrs

from obligations.log.store import SubmissionLog
from obligations.occurrences.generate import Occurrences
from obligations.occurrences.model import Occurrence
from obligations.reconcile.network import Network
from obligations.reconcile.solve import (Conflict, Constraint, ExtensionOrigin, Origin, Reconciled, RuleOrigin,
                                         SameReportOrigin)
from obligations.report.due import DEFAULT_HORIZON, DEFAULT_LOOKBACK, DueReport, due
from obligations.status.assess import Item, Payload
from obligations.status.rules import Engine

Progress = Callable[[int, int], None]


def due_under(root: str, on: dt.date, occurrences: Occurrences, network: Network, engine: Engine,
              known: dict[Payload, str], *, horizon: int = DEFAULT_HORIZON, lookback: int = DEFAULT_LOOKBACK,
              due_soon: int | None = None, log: SubmissionLog | None = None,
              progress: Progress | None = None) -> Iterator[DueReport]:
    """One report per unit, ``root`` first, then every unit below it on ``on``, breadth first.
    ``progress(done, total)`` is called after each unit."""
    hierarchy = occurrences.hierarchy
    hierarchy.unit(root)
    units = [root, *hierarchy.below(root, on)]
    special = special_units(occurrences, log)
    shared: dict[tuple[object, ...], DueReport] = {}
    for count, unit_id in enumerate(units, start=1):
        signature = None if unit_id in special else _signature(occurrences, unit_id)
        base = shared.get(signature) if signature is not None else None
        if base is None:
            report = due(unit_id, on, occurrences, network, engine, known, horizon=horizon, lookback=lookback,
                         due_soon=due_soon, log=log)
            if signature is not None:
                shared[signature] = report
        else:
            report = relabel_report(base, unit_id)
        if progress is not None:
            progress(count, len(units))
        yield report


def special_units(occurrences: Occurrences, log: SubmissionLog | None) -> set[str]:
    """Units whose reports may differ from a unit of the same shape."""
    hierarchy = occurrences.hierarchy
    special = set(occurrences.by_issuer) | occurrences.calendars.local_scopes
    # a successor also carries what its predecessors issued
    special |= {u.successor for u in hierarchy.units.values() if u.successor}
    special |= {d.recipient for d in occurrences.rules.duties if d.recipient not in ("issuer", "parent")}
    # an assumption about a unit names that unit: its report is its own
    special |= {u.id for u in hierarchy.units.values() if u.assumed or any(link.assumed for link in u.parents)}
    if log is not None:
        special |= {key.unit for key in log.delivered()}
        special |= {key.unit for key in log.granted()}
        special |= {event.unit for event in log.events()}
    return special


def _signature(occurrences: Occurrences, unit_id: str) -> tuple[object, ...]:
    u = occurrences.hierarchy.unit(unit_id)
    lead_times = tuple(r for r in occurrences.hierarchy.lead_times if r.unit == unit_id)
    return (u.level, u.parents, u.start, u.end, u.successor, u.policy, u.assumed, lead_times)


def relabel_report(report: DueReport, unit_id: str) -> DueReport:
    """The same report for another unit of the same shape: everything of the old unit moves."""
    old = report.unit
    return attrs.evolve(report, unit=unit_id,
                        items=tuple(_relabel_item(item, old, unit_id) for item in report.items),
                        placements=tuple(attrs.evolve(p, unit=unit_id) for p in report.placements))


def _relabel_origin(origin: Origin, old: str, new: str) -> Origin:
    if isinstance(origin, (RuleOrigin, ExtensionOrigin, SameReportOrigin)) and origin.unit == old:
        return attrs.evolve(origin, unit=new)
    return origin


def _relabel_item(item: Item, old: str, new: str) -> Item:
    # Direct constructors where it is hot: a province relabels hundreds of thousands of items.
    def constraint(c: Constraint) -> Constraint:
        if c.node.unit != old:
            return c
        return Constraint(c.kind, c.node.for_unit(new), c.date, _relabel_origin(c.origin, old, new), c.lead)

    o = item.occurrence
    occ = Occurrence(o.duty, new, o.period, o.window_start, o.last_allowed, o.roll, o.issuer_unit,
                     o.recipient_unit, o.routing, o.anchor, o.time, o.covers, o.assumptions)
    r = item.reconciled
    if r is None:
        return Item(occ, item.status, item.days_left, item.working_days_left, None, item.submission)
    conflict = r.conflict
    if conflict is not None:
        node = conflict.node.for_unit(new) if conflict.node.unit == old else conflict.node
        conflict = Conflict(node, conflict.window_start, conflict.deadline,
                            tuple(constraint(c) for c in conflict.constraints))
    rec = Reconciled(occ.key, r.own_deadline, r.deadline, r.window_start,
                     tuple(constraint(c) for c in r.decided_by), tuple(constraint(c) for c in r.started_by),
                     conflict)
    return Item(occ, item.status, item.days_left, item.working_days_left, rec, item.submission)
