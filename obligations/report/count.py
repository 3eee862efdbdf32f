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
from collections.abc import Iterator, Sequence

import attrs

from obligations.base.errors import InputError, said
from obligations.base.records import record
from obligations.log.store import SubmissionLog
from obligations.report.count_bulk import Evaluation, categorize
from obligations.report.deliveries import Delivery, classify
from obligations.report.count_model import (CATEGORIES, GROUP_BY, CATEGORY_OF, Category, Counted, CountGroup,
                                            GroupBy, Tally)
from obligations.report.facade import Facade as Workspace

__all__ = ["CATEGORIES", "GROUP_BY", "Category", "Counted", "CountGroup", "CountReport", "GroupBy", "Tally",
           "count_under"]


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


def judged_under(ws: Workspace, root: str, start: dt.date, end: dt.date, on: dt.date,
                 log: SubmissionLog | None) -> Iterator[tuple[str, list[Delivery]]]:
    """Each unit under ``root`` (``root`` first, breadth first) with its occurrences whose
    effective deadline is in [start, end] and whose window has opened by ``on``, judged as
    ``status`` judges them (report/deliveries.classify), through ``due_under``'s evaluation shared
    between units of one shape (report/bulk.py): ``due`` lists every item whose window opens by
    the horizon and whose deadline is not older than the lookback (all of them when both reach
    the range) and leaves out an activity whose time has gone, as ``status`` does. A national
    count is one ``due_under``; tests/test_count.py checks each unit's count against ``status``."""
    horizon = max(0, (end - on).days)       # the windows opened by ``on`` whose deadline is up to ``end``
    lookback = max(0, (on - start).days)    # the deadlines since ``start``
    changes = ws.changes_anything
    for report in ws.due_under(root, on, horizon=horizon, lookback=lookback, log=log):
        items = sorted((i for i in report.items if start <= i.deadline <= end and i.window_start <= on),
                       key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
        yield report.unit, [classify(ws, item, on, log, changes=changes) for item in items]


def _unit_groups(ws: Workspace, units: Sequence[str], parents: dict[str, str | None],
                 own: dict[str, Sequence[Counted]], tallies: dict[str, Tally]) -> list[CountGroup]:
    under = dict(tallies)
    for u in reversed(units):          # breadth first: every unit comes after the one above it
        parent = parents[u]
        if parent is not None:
            under[parent] = under[parent] + under[u]
    return [CountGroup(u, ws.hierarchy.name(u), tallies[u], own[u], under[u], parents[u]) for u in units]


def count_under(ws: Workspace, root: str, start: dt.date, end: dt.date, on: dt.date, *, by: str = "unit",
                log: SubmissionLog | None = None, evaluation: Evaluation | None = None) -> CountReport:
    """The four-way count of ``root`` and every unit below it on ``on``: the occurrences whose
    effective deadline is in [start, end] and whose window has opened by ``on``, judged on ``on``
    against ``log``. ``evaluation`` (the workspace's network, engine and known statuses): counted
    on the shared templates (report/count_bulk.py), the same counts; without it, or when a loaded
    document changes another (a delivery is then judged by the deadline known when it was made),
    unit by unit through ``due_under``'s listings (``judged_under``)."""
    if by not in GROUP_BY:
        raise InputError(said("count:by", "cannot count by {by}", by=repr(by)),
                         fix=said("count:by-fix", "count by one of: {names}", names=", ".join(GROUP_BY)),
                         code="unknown-option", param="by")
    if end < start:
        raise InputError(said("span:reversed", "the end of the span ({end}) is before its start ({start})",
                              end=end, start=start),
                         fix=said("span:reversed-fix", "give the earlier date first"), code="bad-range", param="to")
    ws.hierarchy.require_on(root, on)
    units = [root, *ws.hierarchy.below(root, on)]
    parents: dict[str, str | None] = {root: None}
    for u in units[1:]:
        parents[u] = ws.hierarchy.parent_of(u, on)
    own: dict[str, Sequence[Counted]] = {}
    tallies: dict[str, Tally] = {}
    if evaluation is not None and not ws.changes_anything:
        from obligations.report.count_bulk import count_in_bulk

        for u, tally, drill in count_in_bulk(ws, root, units, start, end, on, log, evaluation):
            own[u], tallies[u] = drill, tally
    else:
        for u, found in judged_under(ws, root, start, end, on, log):
            own[u] = counted = tuple(categorize(d) for d in found)
            tallies[u] = Tally.of(counted)
    total = sum((tallies[u] for u in units), Tally())
    if by == "unit":
        groups = _unit_groups(ws, units, parents, own, tallies)
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
