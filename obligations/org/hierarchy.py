"""Units and the parent links between them, each valid over a span of dates.

Vietnam's party and state hierarchy changed on 1/7/2025 (no more district level, merged
provinces), so every question about the hierarchy is asked for a date.
"""

from __future__ import annotations

import bisect
import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import attrs

from obligations.base import places
from obligations.base.errors import DataFileError, InputError, Said, said
from obligations.base.records import record
from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST, Level
from obligations.base.toml import Locator, read_toml, TOP_LEVEL
from obligations.org.leadtimes import LeadTime, LeadTimeRule, lead_time
from obligations.org.leadtimes import parse as parse_lead_times


@record
@attrs.frozen(repr=False)
class ParentLink:
    parent: str
    start: dt.date = FAR_PAST
    end: dt.date = FAR_FUTURE
    assumed: str | None = None    # why this link is assumed when no document gives it (Vietnamese)
    assumed_en: str | None = None # the same in English (optional: the Vietnamese is shown without it)

    def valid_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@record
@attrs.frozen(repr=False)
class Unit:
    """A unit of the hierarchy (đảng ủy, chi bộ …): ``level`` (a :data:`obligations.Level`),
    dated ``parents``, the days it exists (``start``, ``end``) and its ``successor`` after a merger."""

    id: str
    name: str
    level: Level
    parents: tuple[ParentLink, ...]
    start: dt.date = FAR_PAST
    end: dt.date = FAR_FUTURE
    successor: str | None = None
    note: str | None = None
    location: str = ""
    policy: tuple[tuple[str, object], ...] = ()   # the unit's own policy defaults
    assumed: str | None = None    # why the unit (or its placement) is assumed, when no document gives it (Vietnamese)
    assumed_en: str | None = None # the same in English (optional)

    def exists_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _unit_dict(units: Iterable[tuple[str, Unit]] | dict[str, Unit]) -> dict[str, Unit]:
    return dict(units)


@record
@attrs.frozen(repr=False)
class Hierarchy:
    """The units by id with their dated parents (``hierarchy.toml``); ``unit(id)``, ``name(id)``."""
    units: dict[str, Unit] = attrs.field(converter=_unit_dict)
    file: str = ""
    lead_times: tuple[LeadTimeRule, ...] = ()
    # Indexes built on first use (the units never change after loading).
    _index: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

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
        return self.epoch_span(day)[0]

    def epoch_span(self, day: dt.date) -> tuple[int, dt.date, dt.date]:
        """``day``'s epoch, its first and last day (for days in order: ask again past the last)."""
        bounds = self._index.get("bounds")
        if bounds is None:
            edges: set[dt.date] = set()
            for unit in self.units.values():
                edges.update((unit.start, unit.end + dt.timedelta(days=1) if unit.end < FAR_FUTURE else unit.end))
                for link in unit.parents:
                    edges.update((link.start, link.end + dt.timedelta(days=1) if link.end < FAR_FUTURE else link.end))
            bounds = self._index["bounds"] = sorted(edges)
        at = bisect.bisect_right(bounds, day)
        return at, bounds[at - 1] if at else dt.date.min, bounds[at] - dt.timedelta(1) if at < len(bounds) else dt.date.max

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
        predecessors = self._predecessors()
        return self._reach("succeeded", unit_id, lambda current: predecessors.get(current, ()))

    def ever_above(self, unit_id: str) -> set[str]:
        """Every unit that is or was above ``unit_id``, and every unit those succeeded."""
        predecessors = self._predecessors()
        return self._reach("above", unit_id, lambda current: [
            *(link.parent for link in self.unit(current).parents), *predecessors.get(current, ())])

    def _reach(self, name: str, unit_id: str, step: Callable[[str], Iterable[str]]) -> set[str]:
        """``unit_id`` and every unit reached from it through ``step``, remembered under ``name``."""
        cache: dict[str, set[str]] = self._index.setdefault(name, {})
        found = cache.get(unit_id)
        if found is None:
            found, pending = set(), [unit_id]
            while pending:
                current = pending.pop()
                if current not in found:
                    found.add(current)
                    pending.extend(step(current))
            cache[unit_id] = found
        return found

    @property
    def file_name(self) -> str:
        """The file's name without its folder ("" in memory); kept: every assumed placement names it."""
        name = self._index.get("file_name")
        if name is None:
            name = self._index["file_name"] = Path(self.file).name if self.file else ""
        return str(name)

    def lead_time(self, unit_id: str, day: dt.date, *, internal: bool = False) -> LeadTime | None:
        """The stated lead time of ``unit_id`` on ``day`` (0 when no data states one), or its
        internal one (None when there is none)."""
        return lead_time(self.lead_times, unit_id, self.unit(unit_id).level, day, internal=internal,
                         file_name=self.file_name or "hierarchy")

    def assumptions(self, unit_id: str, day: dt.date,
                    reach: Iterable[str]) -> list[tuple[str, str, str | None]]:
        """(subject, why in Vietnamese, why in English or None) for what the data marks as assumed among the units and parent links
        on ``day`` from ``unit_id`` up to the highest of ``reach`` on its chain (the issuer,
        the recipient), and the units of ``reach`` that are not on that chain."""
        marked = self._index.get("assumed")
        if marked is None:
            marked = self._index["assumed"] = any(u.assumed or any(link.assumed for link in u.parents)
                                                  for u in self.units.values())
        if not marked:
            return []      # nothing in the data is marked assumed: no chain to walk (most hierarchies)
        chain = [unit_id, *self.ancestors(unit_id, day)]
        targets = set(reach)
        last = max((chain.index(t) for t in targets if t in chain), default=0)
        found: list[tuple[str, str, str | None]] = []
        for index, current in enumerate(chain[: last + 1]):
            unit = self.unit(current)
            if unit.assumed:
                found.append((current, unit.assumed, unit.assumed_en))
            if index < last:
                link = next(link for link in unit.parents if link.valid_on(day))
                if link.assumed:
                    found.append((f"{current} → {link.parent}", link.assumed, link.assumed_en))
        for target in sorted(targets - set(chain)):
            if self.unit(target).assumed:
                found.append((target, self.unit(target).assumed or "", self.unit(target).assumed_en))
        return found

    def unit(self, unit_id: str) -> Unit:
        try:
            return self.units[unit_id]
        except KeyError:
            raise self.unknown(unit_id) from None

    def unknown(self, unit_id: str) -> InputError:
        """The error for a unit id this hierarchy does not have: the nearest id and the
        character that differs (a Cyrillic "а" prints the same as the Latin "a")."""
        from obligations.base.identifiers import unknown_id

        message, fix = unknown_id("unit", unit_id, self.units)
        return InputError(message, file=self.file or None, fix=fix, code="unknown-unit", param="unit",
                          data={"unit": unit_id})

    def require_on(self, unit_id: str, day: dt.date, *, asked: str = "on", year: bool = False) -> Unit:
        """The unit, if it exists on ``day``; else the error that says when it ended and which
        unit succeeded it (or when it began). An empty answer for such a day would read as
        "nothing due" while its duties have passed to its successor (docs/usage.md section 8).
        ``asked``: the parameter that gave the day (the library's name: "on", "from", "to", "year"),
        carried as the error's ``param``: the edges name it in their own words; ``year``: it gave a year."""
        unit = self.unit(unit_id)
        if unit.exists_on(day) or (unit.start == FAR_PAST and day < unit.start) or \
                (unit.end == FAR_FUTURE and day > unit.end):
            return unit      # no date stated: a day beyond the sentinels is the calendar's to refuse
        from obligations.org.inactive import not_active

        ended = day > unit.end
        raise not_active(unit_id, unit.name, unit.start, unit.end, day, year=year, asked=asked, file=self.file or None,
                         successor=(unit.successor, self.name(unit.successor)) if unit.successor else None,
                         standing=(lambda s: (s, self.name(s)) if s else None)(self.successor_on(unit_id, day)[0])
                         if ended else None,
                         before=sorted(self._predecessors().get(unit_id, ())) if not ended else [])

    def require_in_year(self, unit_id: str, year: int, *, asked: str = "year") -> Unit:
        """The unit, if it exists on some day of ``year``; else ``require_on``'s error."""
        unit = self.unit(unit_id)
        if (unit.start == FAR_PAST or unit.start.year <= year) and (unit.end == FAR_FUTURE or year <= unit.end.year):
            return unit
        return self.require_on(unit_id, dt.date(year, 1, 1) if year > unit.end.year else dt.date(year, 12, 31),
                               asked=asked, year=True)

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



def _link(value: dict[str, Any], problems: list[DataFileError], loc: Locator, line: int | None,
          place: Said) -> ParentLink:
    start, end = value.get("from", FAR_PAST), value.get("until", FAR_FUTURE)
    if end < start:
        problems.append(loc.error(said("org:link-ends-before", "parents: the link to {unit} ends ({end}) before it starts "
                                       "({start})", unit=repr(value["unit"]), end=end, start=start),
                                  line=line, place=place, fix=said("org:swap", "swap from and until")))
    return ParentLink(value["unit"], start, end, value.get("assumed"), value.get("assumed_en"))


def load_hierarchy(path: Path) -> Hierarchy:
    path = Path(path)
    doc, text = read_toml(path)
    loc = Locator(path, text)
    # the schema is read only when a file is (a cached start reads none)
    from obligations.base.schema import raise_all, validate, validate_tables
    from obligations.org.hierarchy_schema import HIERARCHY_SCHEMA, UNIT_SCHEMA

    problems = validate(doc, HIERARCHY_SCHEMA, loc, line=None, place=TOP_LEVEL)
    if not problems:
        problems = validate_tables(doc, "unit", UNIT_SCHEMA, loc)
    raise_all(problems)
    lead_rules, lead_problems = parse_lead_times(doc.get("lead_time", []), loc, path.name)
    problems += lead_problems
    units: dict[str, Unit] = {}
    for index, item in enumerate(doc["unit"]):
        line = loc.table_line("unit", index)
        unit_id = item["id"]
        place = places.unit(unit_id)
        if unit_id in units:
            problems.append(loc.error(said("org:id-twice", "id: unit id {id} is used twice", id=repr(unit_id)), line=line,
                                      place=place, fix=said("org:id-twice-fix", "give each unit its own id")))
            continue
        if "parent" in item:
            links: tuple[ParentLink, ...] = (ParentLink(item["parent"]),)
        else:
            links = tuple(_link(v, problems, loc, line, place) for v in item.get("parents", []))
        ordered = sorted(links, key=lambda link: link.start)
        for a, b in zip(ordered, ordered[1:]):
            if b.start <= a.end:
                problems.append(loc.error(said("org:links-overlap", "parents: the links to {a} and {b} overlap",
                                               a=repr(a.parent), b=repr(b.parent)), line=line, place=place,
                                          fix=said("org:links-overlap-fix", "a unit has one parent on any day: end one "
                                                   "link before the next starts")))
        start, end = item.get("from", FAR_PAST), item.get("until", FAR_FUTURE)
        if end < start:
            problems.append(loc.error(said("org:unit-ends-before", "until: the unit ends ({end}) before it starts ({start})",
                                           end=end, start=start), line=line,
                                      place=place, fix=said("org:swap", "swap from and until")))
        policy = item.get("policy", {})
        units[unit_id] = Unit(assumed=item.get("assumed"), assumed_en=item.get("assumed_en"), id=unit_id, name=item["name"],
                              level=item["level"], parents=tuple(ordered), start=start, end=end,
                              successor=item.get("successor"), note=item.get("note"),
                              location=f"{path.name}:{line}", policy=tuple(sorted(policy.items())))
    problems += _check_links(units, loc)
    raise_all(problems)
    problems += [loc.error(said("org:lead-unknown", "unit: lead_time names an unknown unit {unit}", unit=repr(r.unit)),
                           line=int(r.location.rsplit(":", 1)[1]),
                           place="lead_time", fix=said("org:add-or-correct", "add that unit or correct the id"))
                 for r in lead_rules if r.unit is not None and r.unit not in units]
    raise_all(problems)
    hierarchy = Hierarchy(units, file=str(path), lead_times=tuple(lead_rules))
    _check_cycles(hierarchy, loc)
    return hierarchy


def _check_links(units: dict[str, Unit], loc: Locator) -> list[DataFileError]:
    """Unknown parents and successors, a unit succeeding itself, and cycles of successions."""
    problems: list[DataFileError] = []
    for unit in units.values():
        line = int(unit.location.rsplit(":", 1)[1])
        place = places.unit(unit.id)
        for link in unit.parents:
            if link.parent not in units:
                problems.append(loc.error(said("org:unknown-parent", "parent: unit {unit} names an unknown parent {parent}",
                                               unit=repr(unit.id), parent=repr(link.parent)),
                                          line=line, place=place, fix=said("org:add-or-correct", "add that unit or correct the id")))
        if unit.successor is None:
            continue
        if unit.successor == unit.id:
            problems.append(loc.error(said("org:self-successor", "successor: unit {unit} names itself as its successor",
                                           unit=repr(unit.id)), line=line, place=place,
                                      fix=said("org:self-successor-fix", "name the unit that took over its duties, or "
                                               "remove successor")))
        elif unit.successor not in units:
            problems.append(loc.error(said("org:unknown-successor", "successor: unit {unit} names an unknown successor "
                                           "{successor}", unit=repr(unit.id), successor=repr(unit.successor)),
                                      line=line, place=place, fix=said("org:add-or-correct", "add that unit or correct the id")))
    reported: set[str] = set()
    for unit in units.values():
        chain, current = [unit.id], unit.successor
        while current is not None and current in units and current != chain[-1]:
            if current in chain:
                cycle = chain[chain.index(current):] + [current]
                if not reported.intersection(cycle) and len(cycle) > 2:
                    reported.update(cycle)
                    first = units[cycle[0]]
                    problems.append(loc.error(said("org:succession-cycle", "successor: the successions form a cycle: {cycle}",
                                                   cycle=" -> ".join(cycle)),
                                              line=int(first.location.rsplit(":", 1)[1]), place=places.unit(first.id),
                                              fix=said("org:succession-cycle-fix", "a unit cannot succeed a unit that "
                                                       "succeeds it: correct one successor")))
                break
            chain.append(current)
            current = units[current].successor
    return problems


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
                    raise loc.error(said("org:cycle", "the hierarchy has a cycle on {day}: {cycle}", day=day, cycle=cycle), line=line,
                                    place=places.unit(unit_id),
                                    fix=said("org:cycle-fix", "a unit cannot be its own ancestor: correct one parent link"))
                seen.append(current)
                current = hierarchy.parent_of(current, day)
