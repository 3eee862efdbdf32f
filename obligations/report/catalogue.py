"""The reporting-regime catalogue of a unit: the regimes (Nghị định 09/2019/NĐ-CP, Điều 7) that
apply to it and to every unit below it, one entry per regime, each field with its source.

A field the regime does not state is taken from the duty where the duty states it (who reports:
performers, who receives: recipient, deadline and frequency: schedule; ``derived``), else it is
absent: the catalogue says "không nêu", never a guess. Words are chosen in render/regime_catalogue.py.
"""

from __future__ import annotations

import attrs

from obligations.base.records import record
from obligations.occurrences.generate import could_perform
from obligations.org.hierarchy import Hierarchy
from obligations.rules.model import DERIVED_FIELDS, REGIME_FIELDS, Directive, Duty, Regime, RegimeField
from obligations.rules.ruleset import RuleSet


@record
@attrs.frozen(repr=False)
class CatalogueField:
    """One of the ten fields: ``stated`` (the regime's words and sentence), ``derived`` from the
    duty (its sentence is the source), or neither (the document does not state it)."""

    name: str
    stated: RegimeField | None
    derived: bool

    @property
    def missing(self) -> bool:
        return self.stated is None and not self.derived


@record
@attrs.frozen(repr=False)
class CatalogueEntry:
    """One regime: its duty and directive, the units of the subtree that report under it."""

    duty: Duty
    directive: Directive
    regime: Regime
    units: tuple[str, ...]
    fields: tuple[CatalogueField, ...]


def regime_fields(duty: Duty, regime: Regime) -> tuple[CatalogueField, ...]:
    """The ten fields in the decree's order, each stated, derived from the duty, or missing."""
    return tuple(CatalogueField(name, regime.get(name),
                                regime.get(name) is None and name in DERIVED_FIELDS and _derivable(duty, name))
                 for name in REGIME_FIELDS)


def _derivable(duty: Duty, name: str) -> bool:
    """Whether the duty states the field: the frequency only for a repeating or a one-off schedule
    (an event-counted or a peak schedule has no fixed frequency)."""
    if name != "frequency":
        return True
    description = duty.schedule.describe()
    if description.code.startswith("once."):
        return True
    return description.code.startswith("periodic.") and dict(description.params).get("every") in PERIODS


# The periods a repeating schedule may have (rules/schedules/periodic.py), each with its word.
PERIODS = ("week", "month", "quarter", "half", "nine_months", "year")


def missing_fields(duty: Duty) -> tuple[str, ...]:
    """The fields of a duty's regime the document does not state (for `check`)."""
    if duty.regime is None:
        return ()
    return tuple(f.name for f in regime_fields(duty, duty.regime) if f.missing)


def _performs(hierarchy: Hierarchy, duty: Duty, issuer: str, unit_id: str) -> bool:
    """Whether ``unit_id`` reports under the duty at some time: a level, a named unit or the issuer
    itself as `could_perform` says; "children" only for a unit whose parent is or was the issuer, or
    the unit that succeeded it (a commune moved under the merged province)."""
    unit = hierarchy.unit(unit_id)
    for selector in duty.performers:
        if selector == "children":
            if issuer not in hierarchy.succeeded(unit_id) and any(
                    issuer in hierarchy.succeeded(link.parent) for link in unit.parents):
                return True
        elif issuer in hierarchy.ever_above(unit_id) and could_perform(
                attrs.evolve(duty, performers=(selector,)), unit, issuer, hierarchy.ever_above(unit_id),
                hierarchy.succeeded(unit_id)):
            return True
    return False


def catalogue_under(rules: RuleSet, hierarchy: Hierarchy, root: str) -> list[CatalogueEntry]:
    """The regimes that apply to ``root`` or any unit that is or was below it, by directive and duty."""
    hierarchy.unit(root)                  # an unknown unit: the hierarchy's message, with the nearest ids
    with_regime = [(d, rules.directive(d.directive)) for d in rules.duties if d.regime is not None]
    if not with_regime:
        return []
    units = [u for u in hierarchy.units if root in hierarchy.ever_above(u)]
    entries = []
    for duty, directive in with_regime:
        assert duty.regime is not None
        performing = tuple(u for u in units if _performs(hierarchy, duty, directive.unit, u))
        if performing:
            entries.append(CatalogueEntry(duty, directive, duty.regime, performing, regime_fields(duty, duty.regime)))
    return sorted(entries, key=lambda e: (e.directive.id, e.duty.id))
