"""The four-way count under a unit (``Workspace.count_under``, ``status --under``).

The follow-up reports of the Government Office and of the Party count assigned tasks four
ways: completed on time (đúng hạn), completed late (trễ hạn), not completed with the deadline
still ahead (chưa đến hạn / trong hạn) and not completed with the deadline passed (quá hạn).
This module counts exactly these over the occurrences of a unit and every unit below it whose
effective deadline falls in a range, each judged as ``status`` judges it
(``report.deliveries.classify``), so that a unit's own count here is the count of its
``status`` rows. An occurrence whose deadline is in conflict between levels has no deadline
to judge it by: it is counted apart (``conflicts``), never in the four.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

import attrs

from obligations.base.errors import InputError
from obligations.base.records import record
from obligations.log.store import SubmissionLog
from obligations.report.deliveries import Delivery, classify
from obligations.report.facade import Facade as Workspace

Category = Literal["on_time", "late", "within", "overdue"]
CATEGORIES: tuple[Category, ...] = ("on_time", "late", "within", "overdue")
GroupBy = Literal["unit", "directive", "duty"]
GROUP_BY: tuple[GroupBy, ...] = ("unit", "directive", "duty")
# status's word for a delivery -> the count's category
_CATEGORY: dict[str, Category] = {"on_time": "on_time", "late": "late", "open": "within", "missing": "overdue"}


@record
@attrs.frozen(repr=False)
class Tally:
    """The four counts, the working days late summed over the late ones, and the conflicts
    (counted apart: not in ``total``)."""

    on_time: int = 0
    late: int = 0
    within: int = 0
    overdue: int = 0
    late_working_days: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.within + self.overdue

    def get(self, category: Category) -> int:
        value: int = getattr(self, category)
        return value

    def percent(self, category: Category) -> float | None:
        """The category's share of the four, in percent with one decimal (None: nothing counted)."""
        return round(100 * self.get(category) / self.total, 1) if self.total else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other))))

    @classmethod
    def of(cls, counted: Iterable[Counted]) -> Tally:
        found = {c: 0 for c in CATEGORIES}
        days = conflicts = 0
        for c in counted:
            if c.category is None:
                conflicts += 1
            else:
                found[c.category] += 1
                days += c.delivery.late_working_days if c.category == "late" else 0
        return cls(found["on_time"], found["late"], found["within"], found["overdue"], days, conflicts)


@record
@attrs.frozen(repr=False)
class Counted:
    """One occurrence behind a count: the delivery as ``status`` judges it and its category
    (None: its deadline is in conflict, counted apart)."""

    delivery: Delivery
    category: Category | None

    @property
    def unit(self) -> str:
        return self.delivery.item.occurrence.unit


@record
@attrs.frozen(repr=False)
class CountGroup:
    """One row of the count: a unit (its own occurrences; ``under``: with every unit below it),
    a directive or a duty (over the whole subtree). ``key``: the unit id, the directive id or
    the duty id; ``name``: the unit's name, the directive's number or the duty's id."""

    key: str
    name: str
    tally: Tally
    occurrences: tuple[Counted, ...]
    under: Tally | None = None        # by unit only
    parent: str | None = None         # by unit only: the unit above, within the count


@record
@attrs.frozen(repr=False)
class CountReport:
    """What ``count_under`` answers: the groups (``by``), and ``total`` over ``root`` and every
    unit below it on ``on``, for the occurrences whose effective deadline is in [start, end]."""

    root: str
    root_name: str
    start: dt.date
    end: dt.date
    on: dt.date
    by: GroupBy
    groups: tuple[CountGroup, ...]
    total: Tally
    units: int

    @property
    def counted(self) -> tuple[Counted, ...]:
        return tuple(c for g in self.groups for c in g.occurrences)

    def to_dict(self, lang: str = "vi") -> dict[str, object]:
        """The document of ``status --under --format json`` (docs/schemas/count.json)."""
        from obligations.render.count import count_document    # words are rendering's job

        return count_document(self, lang)


def categorize(d: Delivery) -> Counted:
    conflict = d.item.reconciled is not None and d.item.reconciled.conflict is not None
    return Counted(d, None if conflict else _CATEGORY[d.result])


def judged_under(ws: Workspace, root: str, start: dt.date, end: dt.date, on: dt.date,
                 log: SubmissionLog | None) -> Iterator[tuple[str, list[Delivery]]]:
    """Each unit under ``root`` (``root`` first, breadth first) with its occurrences as
    ``deliveries_between`` gives them, through ``due_under``'s evaluation shared between units
    of one shape (report/bulk.py): ``due`` lists every item whose window opens by the horizon and
    whose deadline is not older than the lookback, all of them when both reach the range, and
    an activity whose time has gone is left out by both. A national count is one ``due_under``."""
    horizon = max(0, (end - on).days)       # the windows opened by ``on`` whose deadline is up to ``end``
    lookback = max(0, (on - start).days)    # the deadlines since ``start``
    changes = ws.changes_anything
    for report in ws.due_under(root, on, horizon=horizon, lookback=lookback, log=log):
        items = sorted((i for i in report.items if start <= i.deadline <= end and i.window_start <= on),
                       key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
        yield report.unit, [classify(ws, item, on, log, changes=changes) for item in items]


def _unit_groups(ws: Workspace, units: Sequence[str], parents: dict[str, str | None],
                 own: dict[str, tuple[Counted, ...]]) -> list[CountGroup]:
    tallies = {u: Tally.of(own[u]) for u in units}
    under = dict(tallies)
    for u in reversed(units):          # breadth first: every unit comes after the one above it
        parent = parents[u]
        if parent is not None:
            under[parent] = under[parent] + under[u]
    return [CountGroup(u, ws.hierarchy.name(u), tallies[u], own[u], under[u], parents[u]) for u in units]


def count_under(ws: Workspace, root: str, start: dt.date, end: dt.date, on: dt.date, *, by: str = "unit",
                log: SubmissionLog | None = None) -> CountReport:
    """The four-way count of ``root`` and every unit below it on ``on``: the occurrences whose
    effective deadline is in [start, end] and whose window has opened by ``on``, judged on ``on``
    against ``log``."""
    if by not in GROUP_BY:
        raise InputError(f"cannot count by {by!r}", fix="count by one of: " + ", ".join(GROUP_BY),
                         code="unknown-option", param="by")
    if end < start:
        raise InputError(f"the end of the span ({end}) is before its start ({start})",
                         fix="give the earlier date first", code="bad-range", param="to")
    ws.hierarchy.require_on(root, on)
    units = [root, *ws.hierarchy.below(root, on)]
    parents: dict[str, str | None] = {root: None}
    for u in units[1:]:
        parents[u] = ws.hierarchy.parent_of(u, on)
    own = {u: tuple(categorize(d) for d in found) for u, found in judged_under(ws, root, start, end, on, log)}
    total = Tally.of(c for u in units for c in own[u])
    if by == "unit":
        groups = _unit_groups(ws, units, parents, own)
    else:
        keyed: dict[str, list[Counted]] = {}
        names: dict[str, str] = {}
        for u in units:
            for c in own[u]:
                duty = c.delivery.item.occurrence.duty
                key = duty.directive if by == "directive" else duty.id
                keyed.setdefault(key, []).append(c)
                names[key] = duty.source.directive if by == "directive" else duty.id
        groups = [CountGroup(k, names[k], Tally.of(keyed[k]), tuple(keyed[k])) for k in sorted(keyed)]
    return CountReport(root, ws.hierarchy.name(root), start, end, on, by,
                       tuple(groups), total, len(units))
