"""Units whose directives are copies of one another up to their ids: the four-way count shares
one template between the units below them (report/count_bulk.py, issue #25).

Every commune of the synthetic country issues its own copy of 76-KH/ĐU: the cells of each commune
feed their own commune's plan, so each commune's cells were a shape of their own (3,322
templates). Two units A and C are *copies* when renaming A's directives and duties to C's (and A
to C) maps everything the computation of their children reads onto itself:

- the units are equal but for their id, name, note and location (level, parent links, days,
  successor, policy, assumptions), were under the same units, share one calendar, and no
  lead-time rule, local calendar, recipient, named performer, successor or assumption names either;
- the directives each issues pair up by number (one of each number), equal once their ids are
  written as the number and their duties' ids (and the feeds between them) as number and local id:
  the same dates, schedules, calendar policy, lead times, performers and feeds;
- no directive of a unit above feeds one of their duties, and none amends, replaces, revokes or
  postpones one.

That makes the units' own occurrences and network the same up to the renaming (their results
differ only by their own extensions, laid over as any unit's), and their children's the same but for
the results of the parent's own occurrences (which its extensions and events may move): those are
compared, date by date, when a template is first used for another unit (``same_results_above``);
where they differ the unit (or the parent's children) gets a template of its own.
"""

from __future__ import annotations

from collections.abc import Hashable

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.occurrences.generate import Occurrences
from obligations.org.leadtimes import LeadTimeRule
from obligations.reconcile.network import Network, Extensions
from obligations.report.overlay import Template
from obligations.rules.model import Directive

# a canonical duty id: the directive's number and the duty's local id, behind a character no id has
_MARK = "\0"


@attrs.frozen
class _Copy:
    form: Hashable                  # equal for copies of one another
    to_canon: dict[str, str]        # own duty id -> canonical id
    from_canon: dict[str, str]      # canonical id -> own duty id


class Copies:
    """The copies among the units of one rule set and hierarchy (computed once a unit, when asked)."""

    def __init__(self, occurrences: Occurrences, leads: dict[str | None, tuple[LeadTimeRule, ...]],
                 named: set[str]) -> None:
        """``leads``: the lead-time rules by the unit they name; ``named``: the units some datum names
        (report/bulk.named_units)."""
        self.occurrences, self.leads, self.named = occurrences, leads, named
        rules = occurrences.rules
        self.issued: dict[str, list[Directive]] = {}
        for directive in rules.directives:
            self.issued.setdefault(directive.unit, []).append(directive)
        # the units whose directives feed each duty, and what later documents change
        self.feeders: dict[str, set[str]] = {}
        for directive in rules.directives:
            for duty in directive.duties:
                for fed in duty.feeds:
                    self.feeders.setdefault(fed, set()).add(directive.unit)
        lifecycle = occurrences.lifecycle
        self.changed = set(lifecycle.versions) | {duty_id for duty_id, _ in lifecycle.postponed}
        self.targets = {change.target for d in rules.directives for change in d.changes}
        self._copies: dict[str, _Copy | None] = {}
        self._classes: dict[Hashable, int] = {}     # a form hashes slowly (every duty's fields): once a unit
        self._klass: dict[str, int | None] = {}

    def klass(self, unit_id: str) -> int | None:
        """A number equal for units that are copies of one another; None when ``unit_id`` is not
        shown to be a copy of anything (then its children are shaped by its id, as before)."""
        if unit_id not in self._klass:
            copy = self._copy(unit_id)
            self._klass[unit_id] = None if copy is None else self._classes.setdefault(copy.form, len(self._classes))
        return self._klass[unit_id]

    def renaming(self, source: str, target: str) -> dict[str, str] | None:
        """The duty ids of ``source``'s directives -> ``target``'s (any other id is itself), when
        the two are copies; else None."""
        a, c = self._copy(source), self._copy(target)
        if a is None or c is None or self.klass(source) != self.klass(target):
            return None
        return {own: c.from_canon[canon] for own, canon in a.to_canon.items()}

    def _copy(self, unit_id: str) -> _Copy | None:
        if unit_id not in self._copies:
            self._copies[unit_id] = self._make(unit_id)
        return self._copies[unit_id]

    def _make(self, unit_id: str) -> _Copy | None:
        hierarchy = self.occurrences.hierarchy
        if unit_id in self.named or self.leads.get(unit_id):
            return None
        directives = sorted(self.issued.get(unit_id, ()), key=lambda d: d.number)
        numbers = [d.number for d in directives]
        if len(set(numbers)) != len(numbers) or any(d.changes or d.id in self.targets for d in directives):
            return None
        to_canon = {duty.id: f"{_MARK}{d.number}/{duty.local_id}" for d in directives for duty in d.duties}
        # a duty of a unit above that feeds one of these names this unit's copy alone: its performers
        # (the unit, its children) would not feed a copy's (one below names its own unit's, as here)
        above = hierarchy.ever_above(unit_id) - {unit_id}
        for duty_id in to_canon:
            if duty_id in self.changed or duty_id in self.targets or not above.isdisjoint(self.feeders.get(duty_id, ())):
                return None
        canon = tuple(attrs.evolve(d, id=d.number, unit="", duties=tuple(
            attrs.evolve(duty, id=to_canon[duty.id], directive=d.number,
                         feeds=tuple(to_canon.get(fed, fed) for fed in duty.feeds)) for duty in d.duties))
            for d in directives)
        unit = hierarchy.unit(unit_id)
        form = (attrs.evolve(unit, id="", name="", note=None, location=""), frozenset(above),
                self.occurrences.calendars(unit_id).scope, canon)
        try:
            hash(form)
        except TypeError:         # a field that cannot be compared as a key: not shared
            return None
        return _Copy(form, to_canon, {canon_id: own for own, canon_id in to_canon.items()})


def same_results_above(t: Template, source: str, target: str, renaming: dict[str, str], network: Network,
                       extensions: Extensions) -> bool:
    """Whether the results of ``target``'s occurrences that its children feed have the dates of
    ``source``'s that ``t`` (a template of a child of ``source``) was solved on: the deadline and the
    window start, all a child's result reads of them (reconcile/solve.py)."""
    occurrences = network.occurrences
    solved = network.results(extensions)
    for key, result in t.above_results.items():
        if key in t.local:
            continue
        if key.unit == source:
            key = OccurrenceKey(target, renaming.get(key.duty, key.duty), key.period)
        mine = solved.get(key)
        if mine is None:
            occ = occurrences.one(key.unit, occurrences.rules.duty(key.duty), key.period)
            if occ is None:
                return False
            mine = network.solve([occ], extensions)[key]
        if mine.deadline != result.deadline or mine.window_start != result.window_start:
            return False
    return True
