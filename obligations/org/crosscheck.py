"""Checks between files that no single loader can make: local calendars naming units the
hierarchy lacks, and duties that feed each other in a circle."""

from __future__ import annotations

from obligations.base import places
from obligations.base.errors import DataFileError, said
from obligations.calendar.data import CalendarData, Commemoration, DayChange
from obligations.org.hierarchy import Hierarchy
from obligations.rules.model import Duty


def missing_local_units(hierarchy: Hierarchy, data: CalendarData) -> list[tuple[str, str]]:
    """(file, unit) for each unit a local calendar's [scope] names that the hierarchy lacks,
    once per file: that file's days never apply to it."""
    found: list[tuple[str, str]] = []
    items: list[Commemoration | DayChange] = [*data.commemorations, *data.day_changes]
    for item in items:
        file = item.source.rpartition(":")[0] or item.source
        for unit in item.scope:
            if unit not in hierarchy.units and (file, unit) not in found:
                found.append((file, unit))
    return found


def unknown_local_units(hierarchy: Hierarchy, data: CalendarData) -> list[DataFileError]:
    """A local calendar for a unit that does not exist would never apply: say so once per file."""
    return [DataFileError(said("scope:unknown-unit", "[scope] units: {unit} is not a unit of the hierarchy",
                               unit=repr(unit)), file=file, place="[scope]",
                          fix=said("scope:unknown-unit-fix", "correct the id or add the unit to {file}",
                                   file=str(hierarchy.file) if hierarchy.file else said("scope:the-hierarchy",
                                                                                        "the hierarchy")))
            for file, unit in missing_local_units(hierarchy, data)]


def feed_cycles(duties: tuple[Duty, ...] | list[Duty]) -> list[DataFileError]:
    """Duties whose ``feeds`` lead back to themselves, each cycle reported once at its first duty."""
    by_id = {duty.id: duty for duty in duties}
    problems: list[DataFileError] = []
    done: set[str] = set()
    for start in sorted(by_id):
        if start in done:
            continue
        # iterative depth-first search: a long chain of feeds must not exhaust the stack
        trail: list[str] = []
        on_trail: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            key, index = stack.pop()
            if index == 0:
                if key in on_trail:
                    cycle = trail[trail.index(key):] + [key]
                    first = by_id[cycle[0]]
                    file, _, line = first.source.location.rpartition(":")
                    problems.append(DataFileError(
                        said("feeds:cycle", "feeds: duties feed each other in a cycle: {cycle}", cycle=" -> ".join(cycle)),
                        file=file, place=places.at_line(line, places.duty(first.local_id)),
                        fix=said("feeds:cycle-fix", "a report can only feed a report of the level above: remove one feeds "
                                 "entry")))
                    continue
                if key in done or key not in by_id:
                    continue
                trail.append(key)
                on_trail.add(key)
            targets = by_id[key].feeds
            if index < len(targets):
                stack.append((key, index + 1))
                stack.append((targets[index], 0))
            else:
                trail.pop()
                on_trail.discard(key)
                done.add(key)
    return problems
