"""Reading a workspace's inputs (rule files, hierarchy, calendar data) and checking them
against each other. Nothing is written unless a cache directory is given."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from obligations.base import paths
from obligations.base.errors import DataFileError
from obligations.calendar.data import CalendarData, load_calendar_data
from obligations.org.crosscheck import feed_cycles
from obligations.org.hierarchy import Hierarchy, load_hierarchy
from obligations.rules.loader import RuleSet, load_rules
from obligations.rules.model import Directive, Duty

Inputs = tuple[RuleSet, Hierarchy, CalendarData]
RulesArg = str | Path | Sequence[str | Path] | None


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
    rules_dir = rule_dirs_[0]
    org_file = Path(org) if org else rules_dir / "hierarchy.toml"
    if not org_file.is_file():
        org_file = paths.hierarchy_file() if not org else org_file
    if not org_file.exists():   # a pipe or a device is refused by the reader, by name
        raise DataFileError("the hierarchy file does not exist", file=str(org_file),
                            fix="give --org a hierarchy TOML file (see docs/rules.md)")
    cal_dir = Path(calendars) if calendars else paths.calendars_dir()
    return rule_dirs_, org_file, cal_dir


def read_inputs(rules: RulesArg = None, org: str | Path | None = None,
                calendars: str | Path | None = None, *, cache_dir: Path | None = None) -> Inputs:
    """Load and validate the inputs; with ``cache_dir``, reuse a cache keyed by their content."""
    rules_dirs, org_file, cal_dir = locate(rules, org, calendars)

    def load() -> Inputs:
        return load_rules(rules_dirs), load_hierarchy(org_file), load_calendar_data(cal_dir)

    if cache_dir is None:
        return load()
    from obligations.load_cache import cached_load

    return cached_load(rules_dirs, org_file, cal_dir, load, cache_dir)


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

    def at(duty: Duty, message: str, fix: str) -> DataFileError:
        file, _, line = duty.source.location.rpartition(":")
        return DataFileError(message, file=file, place=f"{line} (duty {duty.local_id!r})", fix=fix)

    for directive in rules.directives:
        if directive.unit not in hierarchy.units:
            problems.append(DataFileError(f"directive {directive.number} is issued by unknown unit {directive.unit!r}",
                                          file=directive.file, place="[directive] unit",
                                          fix=f"add the unit to the hierarchy ({hierarchy.file}) or correct the id"))
        for duty in directive.duties:
            for selector in duty.performers:
                if selector.startswith("unit:") and selector[5:] not in hierarchy.units:
                    problems.append(at(duty, f"duty {duty.local_id!r} is given to unknown unit {selector[5:]!r}",
                                       f"add the unit to the hierarchy ({hierarchy.file}) or correct the id"))
            if duty.recipient not in ("issuer", "parent") and duty.recipient not in hierarchy.units:
                problems.append(at(duty, f"duty {duty.local_id!r} is addressed to unknown unit {duty.recipient!r}",
                                   'use "issuer", "parent" or a unit id of the hierarchy'))
            for fed in duty.feeds:
                try:
                    target = rules.duty(fed)
                except KeyError:
                    problems.append(at(duty, f"duty {duty.local_id!r} feeds unknown duty {fed!r}",
                                       'name a duty as "<directive id>/<duty id>" of a loaded rule file'))
                    continue
                # The link is found by period without the receiving unit's recorded events, so
                # a report feeding an event-driven duty would silently never be reconciled.
                if target.schedule.event_ids:
                    problems.append(at(duty, f"duty {duty.local_id!r} feeds {fed!r}, whose deadline is counted "
                                       f"from an event ({', '.join(target.schedule.event_ids)}): feeding an "
                                       "event-driven duty is not supported and would never be reconciled",
                                       "remove the feeds entry; the two deadlines are then shown apart"))
            for cid in duty.schedule.around:
                if cid not in known_days:
                    problems.append(at(duty, f"duty {duty.local_id!r} peaks around unknown commemoration {cid!r}",
                                       f"use an id from {data.file_beside('commemorations.toml')} or a local file"))
    from obligations.rules.versions import problems as lifecycle_problems

    return problems + feed_cycles(rules.duties) + lifecycle_problems(rules)
