"""What turning a result into its JSON document needs beyond the result itself, captured when
the result is built: the names of the units it mentions, the numbers and chains of its
directives, the years whose day swaps are not known yet. With it a ``DueReport`` (or an
``Explanation``) renders alone, without the ``Workspace`` (``to_dict``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from obligations.base.records import record
from obligations.calendar.working import Event
from obligations.occurrences.model import Occurrence
from obligations.org.hierarchy import Hierarchy
from obligations.reconcile.solve import Constraint, LeadOrigin, Reconciled, RuleOrigin
from obligations.rules.ruleset import RuleSet

if TYPE_CHECKING:      # only explain places peaks on lunar days: due's start does not import it
    from obligations.calendar.lunar import LunarDay


@record
@attrs.frozen(repr=False)
class DirectiveFacts:
    """A directive as a document shows it: its number, what it implements (nearest first,
    transitively) and the same as a tree."""

    number: str
    chain: tuple[str, ...]
    implements: tuple[Mapping[str, object], ...]


@record
@attrs.frozen(repr=False)
class Context:
    unit_names: Mapping[str, str] = attrs.field(factory=dict)
    directives: Mapping[str, DirectiveFacts] = attrs.field(factory=dict)   # by directive id
    provisional_years: tuple[int, ...] = ()

    def name(self, unit_id: str) -> str:
        """The unit's name, or its id when the hierarchy does not name it (as Hierarchy.name)."""
        return self.unit_names.get(unit_id, unit_id)


@record
@attrs.frozen(repr=False)
class AnchorDay:
    """A commemoration a peak is placed around, as the calendar knows it that year."""

    event: Event
    lunar: LunarDay | None


def _constraint_units(constraints: Iterable[Constraint]) -> Iterable[str]:
    for c in constraints:
        yield c.node.unit
        if isinstance(c.origin, RuleOrigin) and c.origin.issuer:
            yield c.origin.issuer          # whom a conflict's advice says to ask
        elif isinstance(c.origin, LeadOrigin):
            yield c.origin.receiving_unit  # who an internal target leaves time for


def mentioned_units(occurrence: Occurrence, result: Reconciled) -> Iterable[str]:
    """Every unit whose name a document of this occurrence may print."""
    yield occurrence.unit
    yield occurrence.issuer_unit
    if occurrence.recipient_unit:
        yield occurrence.recipient_unit
    yield from _constraint_units(result.decided_by)
    yield from _constraint_units(result.started_by)
    yield from _constraint_units(result.target_by)
    if result.conflict is not None:
        yield result.conflict.node.unit
        yield from _constraint_units(result.conflict.constraints)


def directive_facts(rules: RuleSet, directive_id: str) -> DirectiveFacts:
    directive = rules.directive(directive_id)
    return DirectiveFacts(directive.number, tuple(rules.chain(directive)), tuple(rules.implements_tree(directive)))


def capture(rules: RuleSet, hierarchy: Hierarchy, units: Iterable[str], directive_ids: Iterable[str],
            provisional_years: Iterable[int] = (), facts: dict[str, DirectiveFacts] | None = None) -> Context:
    """``facts``: the directives' facts already captured with these rules (``due_under`` keeps
    them for a run: a national run names the same few directives a hundred thousand times)."""
    if facts is None:
        return Context({u: hierarchy.name(u) for u in units},
                       {d: directive_facts(rules, d) for d in dict.fromkeys(directive_ids)},
                       tuple(sorted(set(provisional_years))))
    found = {}
    for d in dict.fromkeys(directive_ids):
        known = facts.get(d)
        found[d] = known if known is not None else facts.setdefault(d, directive_facts(rules, d))
    # each unit named once (a report names its own unit and issuer for every item)
    name = hierarchy.name
    return Context({u: name(u) for u in dict.fromkeys(units)}, found, tuple(sorted(set(provisional_years))))

