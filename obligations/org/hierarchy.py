"""Units and the parent links between them, each valid over a span of dates.

Vietnam's party and state hierarchy changed on 1/7/2025 (no more district level, merged
provinces), so every question about the hierarchy is asked for a date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

import attrs

from obligations.base.errors import InputError
from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST, LEVELS
from obligations.base.toml import Locator, as_date, check_keys, expect, read_toml


@attrs.frozen
class LeadTime:
    """A unit's aggregation lead time: set for the unit, for its level, or the default."""

    days: int
    setting: str              # "unit" | "level" | "default"
    level: str | None
    file: str


@attrs.frozen
class ParentLink:
    parent: str
    start: dt.date = FAR_PAST
    end: dt.date = FAR_FUTURE

    def valid_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@attrs.frozen
class Unit:
    id: str
    name: str
    level: str
    parents: tuple[ParentLink, ...]
    start: dt.date = FAR_PAST
    end: dt.date = FAR_FUTURE
    successor: str | None = None
    note: str | None = None
    location: str = ""
    policy: tuple[tuple[str, object], ...] = ()   # the unit's own policy defaults
    lead_days: int | None = None

    def exists_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@attrs.frozen
class Hierarchy:
    units: dict[str, Unit] = attrs.field(converter=dict)
    file: str = ""
    level_lead_days: dict[str, int] = attrs.field(factory=dict, converter=dict)
    # Indexes built on first use (the units never change after loading).
    _index: dict = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def _children_index(self) -> dict[str, list[tuple[str, ParentLink]]]:
        index = self._index.get("children")
        if index is None:
            index = {}
            for unit in self.units.values():
                for link in unit.parents:
                    index.setdefault(link.parent, []).append((unit.id, link))
            for value in index.values():
                value.sort()
            self._index["children"] = index
        return index

    def epoch(self, day: dt.date) -> int:
        """Which span between changes of the hierarchy ``day`` falls in.

        Every parent link and unit changes only on its boundary days, so any question
        about the hierarchy has the same answer for two days of the same epoch."""
        bounds = self._index.get("bounds")
        if bounds is None:
            edges = set()
            for unit in self.units.values():
                edges.update((unit.start, unit.end + dt.timedelta(days=1) if unit.end < FAR_FUTURE else unit.end))
                for link in unit.parents:
                    edges.update((link.start, link.end + dt.timedelta(days=1) if link.end < FAR_FUTURE else link.end))
            bounds = self._index["bounds"] = sorted(edges)
        import bisect

        return bisect.bisect_right(bounds, day)

    def _predecessors(self) -> dict[str, list[str]]:
        """successor -> the units it succeeded directly."""
        index = self._index.get("predecessors")
        if index is None:
            index = {}
            for unit in self.units.values():
                if unit.successor:
                    index.setdefault(unit.successor, []).append(unit.id)
            self._index["predecessors"] = index
        return index

    def succeeded(self, unit_id: str) -> set[str]:
        """The unit and every unit it succeeded, directly or through a chain of successions."""
        cache = self._index.setdefault("succeeded", {})
        found = cache.get(unit_id)
        if found is None:
            predecessors = self._predecessors()
            found, pending = set(), [unit_id]
            while pending:
                current = pending.pop()
                if current not in found:
                    found.add(current)
                    pending.extend(predecessors.get(current, ()))
            cache[unit_id] = found
        return found

    def ever_above(self, unit_id: str) -> set[str]:
        """Every unit that is or was above ``unit_id``, and every unit those succeeded."""
        cache = self._index.setdefault("above", {})
        found = cache.get(unit_id)
        if found is None:
            predecessors = self._predecessors()
            found, pending = set(), [unit_id]
            while pending:
                current = pending.pop()
                if current in found:
                    continue
                found.add(current)
                pending.extend(link.parent for link in self.unit(current).parents)
                pending.extend(predecessors.get(current, ()))
            cache[unit_id] = found
        return found

    def lead_time(self, unit_id: str) -> LeadTime:
        """Working days ``unit_id`` needs to aggregate reports, and where that number is set."""
        unit = self.unit(unit_id)
        name = Path(self.file).name if self.file else "hierarchy"
        if unit.lead_days is not None:
            return LeadTime(unit.lead_days, "unit", None, name)
        if unit.level in self.level_lead_days:
            return LeadTime(self.level_lead_days[unit.level], "level", unit.level, name)
        # No directive states a lead time: none is invented (0 working days).
        return LeadTime(0, "none", None, name)

    def unit(self, unit_id: str) -> Unit:
        try:
            return self.units[unit_id]
        except KeyError:
            known = ", ".join(sorted(self.units))
            raise InputError(f"unknown unit {unit_id!r}", file=self.file or None,
                             fix=f"use one of: {known}") from None

    def parent_of(self, unit_id: str, day: dt.date) -> str | None:
        for link in self.unit(unit_id).parents:
            if link.valid_on(day):
                return link.parent
        return None

    def ancestors(self, unit_id: str, day: dt.date) -> list[str]:
        chain = []
        current = self.parent_of(unit_id, day)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parent_of(current, day)
        return chain

    def children(self, unit_id: str, day: dt.date) -> list[str]:
        return [child for child, link in self._children_index().get(unit_id, ())
                if link.valid_on(day) and self.units[child].exists_on(day)]

    def below(self, unit_id: str, day: dt.date) -> Iterator[str]:
        """Every unit below ``unit_id`` on ``day``, breadth first."""
        from collections import deque

        queue = deque(self.children(unit_id, day))
        while queue:
            current = queue.popleft()
            yield current
            queue.extend(self.children(current, day))

    def successor_on(self, unit_id: str, day: dt.date) -> tuple[str | None, list[str]]:
        """The unit that stands for ``unit_id`` on ``day`` and the chain of successions."""
        steps: list[str] = []
        current: str | None = unit_id
        while current is not None and not self.unit(current).exists_on(day):
            nxt = self.unit(current).successor
            steps.append(current)
            if nxt in steps:
                return None, steps
            current = nxt
        return current, steps

    def name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id


_UNIT_KEYS = {"id", "name", "level", "parent", "parents", "from", "until", "successor", "note", "policy",
              "lead_days"}
_UNIT_POLICY = {"roll": ("previous", "next", "none"), "before": ("exclusive", "inclusive"),
                "opens": ("period_start", "validity_start"), "due_soon_days": None}


def _link(value: dict, loc: Locator, line: int | None, place: str) -> ParentLink:
    expect(value, dict, loc, line=line, place=place, what="a parent link")
    check_keys(value, {"unit", "from", "until"}, {"unit"}, loc, line=line, place=place)
    start = as_date(value["from"], loc, line=line, place=place, what="from") if "from" in value else FAR_PAST
    end = as_date(value["until"], loc, line=line, place=place, what="until") if "until" in value else FAR_FUTURE
    if end < start:
        raise loc.error(f"the link to {value['unit']!r} ends ({end}) before it starts ({start})",
                        line=line, place=place, fix="swap from and until")
    return ParentLink(expect(value["unit"], str, loc, line=line, place=place, what="unit"), start, end)


def load_hierarchy(path: Path) -> Hierarchy:
    path = Path(path)
    doc, text = read_toml(path)
    loc = Locator(path, text)
    check_keys(doc, {"unit", "lead_days"}, {"unit"}, loc, line=None, place="top level")
    levels_lead = doc.get("lead_days", {})
    lead_line = loc.header_line("lead_days")
    expect(levels_lead, dict, loc, line=lead_line, place="[lead_days]", what="[lead_days]")
    check_keys(levels_lead, LEVELS, (), loc, line=lead_line, place="[lead_days]")
    for level, value in levels_lead.items():
        if expect(value, int, loc, line=lead_line, place="[lead_days]", what=level) < 0:
            raise loc.error(f"lead_days for {level} must not be negative", line=lead_line, place="[lead_days]")
    units: dict[str, Unit] = {}
    for index, item in enumerate(expect(doc["unit"], list, loc, line=None, place="unit", what="[[unit]]")):
        line = loc.table_line("unit", index)
        place = f"unit #{index + 1}"
        check_keys(item, _UNIT_KEYS, {"id", "name", "level"}, loc, line=line, place=place)
        unit_id = expect(item["id"], str, loc, line=line, place=place, what="id")
        place = f"unit {unit_id!r}"
        if unit_id in units:
            raise loc.error(f"unit id {unit_id!r} is used twice", line=line, place=place,
                            fix="give each unit its own id")
        if item["level"] not in LEVELS:
            raise loc.error(f"unknown level {item['level']!r}", line=line, place=place,
                            fix="use one of: " + ", ".join(LEVELS))
        if "parent" in item and "parents" in item:
            raise loc.error("give either parent or parents, not both", line=line, place=place)
        if "parent" in item:
            links = (ParentLink(expect(item["parent"], str, loc, line=line, place=place, what="parent")),)
        else:
            raw = expect(item.get("parents", []), list, loc, line=line, place=place, what="parents")
            links = tuple(_link(v, loc, line, place) for v in raw)
        ordered = sorted(links, key=lambda link: link.start)
        for a, b in zip(ordered, ordered[1:]):
            if b.start <= a.end:
                raise loc.error(f"parent links to {a.parent!r} and {b.parent!r} overlap", line=line,
                                place=place, fix="a unit has one parent on any day: end one link before the next starts")
        start = as_date(item["from"], loc, line=line, place=place, what="from") if "from" in item else FAR_PAST
        end = as_date(item["until"], loc, line=line, place=place, what="until") if "until" in item else FAR_FUTURE
        if end < start:
            raise loc.error(f"the unit ends ({end}) before it starts ({start})", line=line, place=place)
        policy = item.get("policy", {})
        expect(policy, dict, loc, line=line, place=place, what="policy")
        check_keys(policy, _UNIT_POLICY, (), loc, line=line, place=place)
        for key, allowed in _UNIT_POLICY.items():
            if key in policy and allowed and policy[key] not in allowed:
                raise loc.error(f"policy.{key} {policy[key]!r} is not known", line=line, place=place,
                                fix="use one of: " + ", ".join(allowed))
        if "due_soon_days" in policy:
            expect(policy["due_soon_days"], int, loc, line=line, place=place, what="policy.due_soon_days")
        lead = item.get("lead_days")
        if lead is not None and expect(lead, int, loc, line=line, place=place, what="lead_days") < 0:
            raise loc.error("lead_days must not be negative", line=line, place=place)
        units[unit_id] = Unit(lead_days=lead, id=unit_id, name=expect(item["name"], str, loc, line=line, place=place, what="name"),
                              level=item["level"], parents=tuple(ordered), start=start, end=end,
                              successor=item.get("successor"), note=item.get("note"),
                              location=f"{path.name}:{line}", policy=tuple(sorted(policy.items())))

    for unit in units.values():
        line = int(unit.location.rsplit(":", 1)[1])
        for link in unit.parents:
            if link.parent not in units:
                raise loc.error(f"unit {unit.id!r} names an unknown parent {link.parent!r}", line=line,
                                place=f"unit {unit.id!r}", fix="add that unit or correct the id")
        if unit.successor is not None and unit.successor not in units:
            raise loc.error(f"unit {unit.id!r} names an unknown successor {unit.successor!r}",
                            line=line, place=f"unit {unit.id!r}", fix="add that unit or correct the id")
    hierarchy = Hierarchy(units, file=str(path), level_lead_days=levels_lead)
    _check_cycles(hierarchy, loc)
    return hierarchy


def _check_cycles(hierarchy: Hierarchy, loc: Locator) -> None:
    # The parent relation only changes on the boundary days of links, so checking each
    # boundary finds every cycle that exists on any day.
    days = {FAR_PAST}
    for unit in hierarchy.units.values():
        for link in unit.parents:
            days.update((link.start, link.end))
    for day in sorted(days):
        for unit_id in hierarchy.units:
            seen = [unit_id]
            current = hierarchy.parent_of(unit_id, day)
            while current is not None:
                if current in seen:
                    cycle = " -> ".join(seen[seen.index(current):] + [current])
                    line = int(hierarchy.units[unit_id].location.rsplit(":", 1)[1])
                    raise loc.error(f"the hierarchy has a cycle on {day}: {cycle}", line=line,
                                    place=f"unit {unit_id!r}",
                                    fix="a unit cannot be its own ancestor: correct one parent link")
                seen.append(current)
                current = hierarchy.parent_of(current, day)
