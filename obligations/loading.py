"""Reading a workspace's inputs (rule files, hierarchy, calendar data) and checking them
against each other: the one loader of `due`, `check`, the service and the library.

``gather`` reads all three inputs and collects every problem (`check` lists them all);
``read_inputs`` refuses inputs with any problem (`due`: exit 2), so whatever `due` refuses,
`check` reports. Nothing is written unless a cache directory is given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar
from pathlib import Path

import attrs

from obligations.base import paths
from obligations.base import places
from obligations.base.errors import DataFileError, ObligationsError, Problems, Said, said
from obligations.base.records import record
from obligations.calendar.data import CalendarData, load_calendar_data
from obligations.org.crosscheck import feed_cycles
from obligations.org.hierarchy import Hierarchy, load_hierarchy
from obligations.rules.layers import directory_problems, flatten, read_rules
from obligations.rules.loader import RuleSet
from obligations.rules.model import Directive, Duty

Inputs = tuple[RuleSet, Hierarchy, CalendarData]
RulesArg = str | Path | Sequence[str | Path] | None
T = TypeVar("T")


def rule_dirs(rules: RulesArg) -> list[Path]:
    """The rules directories, in layering order (each adds to the ones before it)."""
    if not rules:
        return [paths.rules_dir()]
    if isinstance(rules, (str, Path)):
        return [Path(rules)]
    return [Path(r) for r in rules]


def locate(rules: RulesArg, org: str | Path | None,
           calendars: str | Path | None) -> tuple[list[Path], Path, Path]:
    """The rules directories, the hierarchy file and the calendar directory to read. The
    hierarchy is the first rules directory's hierarchy.toml unless --org names one."""
    rule_dirs_ = rule_dirs(rules)
    org_file = Path(org) if org else rule_dirs_[0] / "hierarchy.toml"
    if not org_file.is_file():
        org_file = paths.hierarchy_file() if not org else org_file
    cal_dir = Path(calendars) if calendars else paths.calendars_dir()
    return rule_dirs_, org_file, cal_dir


def _missing_org(org_file: Path) -> DataFileError | None:
    if org_file.exists():    # a pipe or a device is refused by the reader, by name
        return None
    return DataFileError(said("org:no-file", "the hierarchy file does not exist"), file=str(org_file),
                         fix=said("org:no-file-fix", "give a hierarchy TOML file (see docs/rules.md)"), param="org")


@record
@attrs.frozen(repr=False)
class Gathered:
    """What could be read of a workspace's inputs, and every problem found reading them.

    ``rules`` holds the directives of every file that could be read; ``consistent``: all
    three inputs were read and checked against each other without a problem between them,
    so a ``Workspace`` can be built on them (`check` then places every duty) even when some
    rule file could not be read."""

    rules: RuleSet | None
    hierarchy: Hierarchy | None
    calendar_data: CalendarData | None
    problems: tuple[ObligationsError, ...]
    consistent: bool
    org_file: Path
    calendars_dir: Path


def _attempt(read: Callable[[], T], problems: list[ObligationsError]) -> T | None:
    try:
        return read()
    except ObligationsError as exc:
        problems += flatten([exc])
        return None


def gather(rules: RulesArg = None, org: str | Path | None = None, calendars: str | Path | None = None) -> Gathered:
    """Read the rules, the hierarchy and the calendar data, each as far as it goes, and
    check them against each other; every problem is collected, none raised."""
    rules_dirs, org_file, cal_dir = locate(rules, org, calendars)
    problems: list[ObligationsError] = []
    ruleset, rule_problems = read_rules(rules_dirs)
    problems += rule_problems
    missing = _missing_org(org_file)
    hierarchy = None if missing else _attempt(lambda: load_hierarchy(org_file), problems)
    problems += [missing] if missing else []
    data = _attempt(lambda: load_calendar_data(cal_dir), problems)
    consistent = False
    if hierarchy is not None and data is not None:
        between = cross_check(ruleset, hierarchy, data)
        problems += between
        consistent = not between
    return Gathered(ruleset, hierarchy, data, tuple(problems), consistent, org_file, cal_dir)


def _refuse(problems: Sequence[ObligationsError]) -> None:
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Problems(list(problems))


def read_inputs(rules: RulesArg = None, org: str | Path | None = None,
                calendars: str | Path | None = None, *, cache_dir: Path | None = None) -> Inputs:
    """Load and validate the inputs, checked against each other (``cross_check``); raise with
    every problem ``gather`` finds. With ``cache_dir``, reuse a cache keyed by their content."""
    rules_dirs, org_file, cal_dir = locate(rules, org, calendars)
    # what is wrong with the list of directories or the hierarchy's name is seen before the
    # cache, whose key globs *.toml: a repeated directory or a 'X.TOML' beside the files
    dirs, listed = directory_problems(rules_dirs)
    missing = _missing_org(org_file)
    _refuse([*listed, *([missing] if missing else [])])

    def load() -> Inputs:
        found = gather(dirs, org_file, cal_dir)
        _refuse(found.problems)
        assert found.rules is not None and found.hierarchy is not None and found.calendar_data is not None
        return found.rules, found.hierarchy, found.calendar_data

    if cache_dir is None:
        return load()
    from obligations.load_cache import cached_load

    return cached_load(dirs, org_file, cal_dir, load, cache_dir)


def unknown_implements(rules: RuleSet) -> list[tuple[Directive, str]]:
    """Each directive with a number in ``implements`` that has no rule file: a gap in the
    chain of sources that `check` warns about, not an error (a draft names the directives it
    implements before anyone has written their files; explain and JSON mark them unknown)."""
    numbers = rules.by_number()
    return [(directive, number) for directive in rules.directives for number in directive.implements
            if number not in numbers]


def cross_check(rules: RuleSet, hierarchy: Hierarchy, data: CalendarData) -> list[DataFileError]:
    """Problems between files: unknown units, feeds or commemorations."""
    problems = []
    known_days = {c.id for c in data.commemorations}

    def at(duty: Duty, message: Said, fix: Said) -> DataFileError:
        file, _, line = duty.source.location.rpartition(":")
        return DataFileError(message, file=file, place=places.at_line(line, places.duty(duty.local_id)), fix=fix)

    for directive in rules.directives:
        if directive.unit not in hierarchy.units:
            problems.append(DataFileError(said("cross:issuer", "directive {number} is issued by unknown unit {unit}",
                                               number=directive.number, unit=repr(directive.unit)),
                                          file=directive.file, place=said("place:directive-unit", "[directive] unit"),
                                          fix=said("cross:add-unit", "add the unit to the hierarchy ({file}) or correct "
                                                   "the id", file=str(hierarchy.file))))
        for duty in directive.duties:
            for selector in duty.performers:
                if selector.startswith("unit:") and selector[5:] not in hierarchy.units:
                    problems.append(at(duty, said("cross:performer", "duty {duty} is given to unknown unit {unit}",
                                                    duty=repr(duty.local_id), unit=repr(selector[5:])),
                                       said("cross:add-unit", "add the unit to the hierarchy ({file}) or correct the id",
                                            file=str(hierarchy.file))))
            if duty.recipient not in ("issuer", "parent") and duty.recipient not in hierarchy.units:
                problems.append(at(duty, said("cross:recipient", "duty {duty} is addressed to unknown unit {unit}",
                                                duty=repr(duty.local_id), unit=repr(duty.recipient)),
                                   said("cross:recipient-fix", 'use "issuer", "parent" or a unit id of the hierarchy')))
            for fed in duty.feeds:
                try:
                    target = rules.duty(fed)
                except KeyError:
                    problems.append(at(duty, said("cross:feeds", "duty {duty} feeds unknown duty {fed}", duty=repr(duty.local_id),
                                                    fed=repr(fed)),
                                       said("cross:feeds-fix", 'name a duty as "<directive id>/<duty id>" of a loaded rule '
                                            'file')))
                    continue
                # The link is found by period without the receiving unit's recorded events, so
                # a report feeding an event-driven duty would silently never be reconciled.
                if target.schedule.event_ids:
                    problems.append(at(duty, said("cross:feeds-event", "duty {duty} feeds {fed}, whose deadline is counted "
                                                    "from an event ({events}): feeding an event-driven duty is not "
                                                    "supported and would never be reconciled", duty=repr(duty.local_id),
                                                    fed=repr(fed), events=", ".join(target.schedule.event_ids)),
                                       said("cross:feeds-event-fix", "remove the feeds entry; the two deadlines are then "
                                            "shown apart")))
            for cid in duty.schedule.around:
                if cid not in known_days:
                    problems.append(at(duty, said("cross:around", "duty {duty} peaks around unknown commemoration {id}",
                                                    duty=repr(duty.local_id), id=repr(cid)),
                                       said("cross:around-fix", "use an id from {file} or a local file",
                                            file=str(data.file_beside("commemorations.toml")))))
    from obligations.rules.versions import problems as lifecycle_problems

    calendar = None
    if any(c.kind == "postpone" for d in rules.directives for c in d.changes):
        from obligations.calendar.working import VietnamCalendar

        calendar = VietnamCalendar(data)      # windows open on the same day for every unit
    return problems + feed_cycles(rules.duties) + lifecycle_problems(rules, calendar)
