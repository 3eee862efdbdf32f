"""Calendar facts kept as data in ``calendars/``: coverage, commemorations, day changes.

Public holidays themselves come from the ``holidays`` package (see calendar.py); these
files hold what it does not: the commemorations that drive activity peaks, a unit's own
anniversaries, and days off or working days decided after the package was released.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import attrs

from obligations.base import places
from obligations.base.errors import DataFileError, Said, said
from obligations.base.records import record
from obligations.base.toml import Locator, read_toml, TOP_LEVEL
from obligations.calendar.decisions import Decision, parse_decisions

if TYPE_CHECKING:
    from obligations.base.schema import Table

NATIONAL = ()


def anniversary_class(number: int | None) -> str | None:
    """Decree 145/2013/NĐ-CP: "năm tròn" ends in 0, "năm lẻ 5" ends in 5."""
    if number is None or number <= 0:
        return None
    if number % 10 == 0:
        return "nam_tron"
    if number % 10 == 5:
        return "nam_le_5"
    return None


@record
@attrs.frozen(repr=False)
class Commemoration:
    """A yearly commemoration on a solar or (Vietnamese) lunar date."""

    id: str
    name_vi: str
    name_en: str
    month: int
    day: int
    is_lunar: bool
    basis: str
    source: str
    origin_year: int | None = None
    scope: tuple[str, ...] = NATIONAL
    aliases: tuple[str, ...] = ()
    great_holiday: bool = False

    def anniversary(self, year: int) -> int | None:
        if self.origin_year is None:
            return None
        number = year - self.origin_year
        return number if number > 0 else None

    def dates_in(self, year: int) -> list[dt.date]:
        """The solar dates of this commemoration within solar ``year``."""
        if not self.is_lunar:
            return [dt.date(year, self.month, self.day)]
        from obligations.calendar import lunar

        found = []
        # A lunar date late in lunar year Y-1 can fall in January of solar year Y.
        for lunar_year in (year - 1, year):
            try:
                day = lunar.observed_solar(lunar_year, self.month, self.day)
            except ValueError:
                continue
            if day.year == year:
                found.append(day)
        return found


@record
@attrs.frozen(repr=False)
class DayChange:
    """A day off or a working day decided by data (nationally or by a unit), and the
    decision that made it (known from its day of issue)."""

    date: dt.date
    working: bool
    name_vi: str
    name_en: str
    basis: str
    source: str
    decision: Decision
    scope: tuple[str, ...] = NATIONAL


@record
@attrs.frozen(repr=False)
class CalendarData:
    first_year: int
    last_year: int
    swaps_known_through: int
    commemorations: tuple[Commemoration, ...]
    day_changes: tuple[DayChange, ...]
    # the settings file as messages name it: "calendars/vietnam.toml" for the bundled data,
    # else the path given (--calendars DIR), so that a refusal names the data actually used
    file: str = "calendars/vietnam.toml"
    # every [[decision]] of the directory (also those claiming facts of the holidays package)
    decisions: tuple[Decision, ...] = ()
    # the day of knowledge applied (as_known_on): None when every decision counts
    known_on: dt.date | None = None

    @property
    def coverage(self) -> str:
        return f"{self.first_year}-{self.last_year}"

    def file_beside(self, name: str) -> str:
        """Another file of the same calendar directory, as messages name it."""
        return str(Path(self.file).with_name(name))

    def for_scope(self, units: Iterable[str]) -> "CalendarData":
        """Keep national facts and the local facts of the given units (a unit and its ancestors)."""
        units = set(units)

        def keep(scope: tuple[str, ...]) -> bool:
            return not scope or bool(units.intersection(scope))

        return attrs.evolve(
            self,
            commemorations=tuple(c for c in self.commemorations if keep(c.scope)),
            day_changes=tuple(d for d in self.day_changes if keep(d.scope)),
        )

    def as_known_on(self, day: dt.date | None) -> "CalendarData":
        """The facts known on ``day``: those whose decision is known by then (its day of
        issue, or the day the data assumes). The facts of the ``holidays`` package are kept
        here and left out by the working calendar, which asks ``is_known`` of their decision.
        None: every decision counts (``self`` when nothing was left out)."""
        if day is None:
            return self if self.known_on is None else attrs.evolve(self, known_on=None)
        return attrs.evolve(self, known_on=day,
                            day_changes=tuple(d for d in self.day_changes if d.decision.known_by(day)))

    def known_between(self, first: dt.date, second: dt.date) -> tuple[Decision, ...]:
        """The decisions known on ``second`` but not on ``first`` (first <= second): what a
        calendar learnt in between, the causes of its changes."""
        return tuple(d for d in self.decisions if not d.known_by(first) and d.known_by(second))

    def is_known(self, decision: Decision | None) -> bool:
        """Does ``decision`` count in these facts? (A fact without one always does.)"""
        return decision is None or self.known_on is None or decision.known_by(self.known_on)



def _validate_file(doc: dict[str, Any], schema: Table, loc: Locator) -> list[DataFileError]:
    from obligations.base.schema import validate, validate_tables
    from obligations.calendar.data_schema import COMMEMORATION_SCHEMA, DAY_SCHEMA, DECISION_SCHEMA

    problems = validate(doc, schema, loc, line=None, place=TOP_LEVEL)
    if not problems:
        problems += validate_tables(doc, "commemoration", COMMEMORATION_SCHEMA, loc)
        problems += validate_tables(doc, "day_off", DAY_SCHEMA, loc)
        problems += validate_tables(doc, "workday", DAY_SCHEMA, loc)
        problems += validate_tables(doc, "decision", DECISION_SCHEMA, loc)
    return problems


def _month_day(value: dict[str, Any], loc: Locator, line: int | None, place: Said, *, is_lunar: bool,
               problems: list[DataFileError]) -> tuple[int, int]:
    month, day = value["month"], value["day"]
    # 29/2 exists one year in four: refused rather than skipped in the other years.
    limit = 30 if is_lunar else (28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    if not 1 <= day <= limit:
        message = (said("calendar:not-lunar-day", "lunar: {day}/{month} is not a lunar day and month that happens every "
                        "year", day=day, month=month) if is_lunar else
                   said("calendar:not-solar-day", "date: {day}/{month} is not a solar day and month that happens every "
                        "year", day=day, month=month))
        problems.append(loc.error(message, line=line, place=place,
                                  fix=said("calendar:not-day-fix", "give a day that exists in that month every year, "
                                           "e.g. {{ month = 9, day = 2 }}")))
    return month, day


def _commemorations(doc: dict[str, Any], loc: Locator, scope: tuple[str, ...], source: str,
                    problems: list[DataFileError]) -> list[Commemoration]:
    result = []
    for index, item in enumerate(doc.get("commemoration", [])):
        line = loc.table_line("commemoration", index)
        place = places.commemoration(item["id"])
        is_lunar = "lunar" in item
        month, day = _month_day(item["lunar" if is_lunar else "date"], loc, line, place,
                                is_lunar=is_lunar, problems=problems)
        result.append(Commemoration(
            id=item["id"], name_vi=item["name_vi"], name_en=item["name_en"], month=month, day=day,
            is_lunar=is_lunar, basis=item["basis"], origin_year=item.get("origin_year"), scope=scope,
            aliases=tuple(item.get("aliases", ())), great_holiday=item.get("great_holiday", False),
            source=f"{source}:{line}" if line else source))
    return result


def _day_changes(doc: dict[str, Any], loc: Locator, scope: tuple[str, ...], source: str,
                 decisions: dict[str, Decision], problems: list[DataFileError]) -> list[DayChange]:
    result = []
    for table, working in (("day_off", False), ("workday", True)):
        for index, item in enumerate(doc.get(table, [])):
            line = loc.table_line(table, index)
            decision = decisions.get(item["decision"])
            if decision is None:
                known = ", ".join(sorted(decisions)[:8]) or said("calendar:none", "none")
                problems.append(loc.error(said("calendar:no-decision", "decision: no [[decision]] has the id {id} "
                                               "(known: {known})", id=repr(item["decision"]), known=known),
                                          line=line, place=places.day_change(table, item["date"]),
                                          fix=said("calendar:no-decision-fix", "add a [[decision]] table with that id "
                                                   "(number, issuer, kind, issued) to calendars/decisions.toml or this "
                                                   "file, or correct the id")))
                continue
            result.append(DayChange(date=item["date"], working=working, name_vi=item["name_vi"],
                                    name_en=item["name_en"], basis=item["basis"], scope=scope, decision=decision,
                                    source=f"{source}:{line}" if line else source))
    return result


def _relative(path: Path, root: Path) -> str:
    """A file of the calendar directory ``root`` as messages name it: relative to the bundled
    directory for the bundled data, else the path as given (the data actually used)."""
    from obligations.base import paths

    try:
        inside = path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
    try:
        bundled = root.resolve() == paths.calendars_dir().resolve()
    except OSError:
        bundled = False
    return f"calendars/{inside}" if bundled else str(path)


def load_calendar_data(directory: Path) -> CalendarData:
    """Read ``vietnam.toml``, ``commemorations.toml``, ``days.toml``, ``decisions.toml`` and ``local/*.toml``."""
    directory = Path(directory)
    main = directory / "vietnam.toml"
    if not main.exists():
        raise DataFileError(said("calendar:no-settings", "the calendar settings file is missing"), file=str(main),
                            fix=said("calendar:no-settings-fix", "give a calendar directory holding vietnam.toml"),
                            param="calendars")
    # the schema is read only when a file is (a cached start reads none)
    from obligations.base.schema import raise_all, validate
    from obligations.calendar.data_schema import COVERAGE_SCHEMA, DAYS_FILE_SCHEMA, LOCAL_FILE_SCHEMA

    doc, text = read_toml(main)
    loc = Locator(main, text)
    raise_all(validate(doc, COVERAGE_SCHEMA, loc, line=loc.header_line("coverage"), place="[coverage]"))
    cov = doc["coverage"]
    first, last, known = cov["first_year"], cov["last_year"], cov["swaps_known_through"]
    if not first <= last:
        raise loc.error(said("calendar:coverage-range", "coverage: {first}-{last} is not a range", first=first, last=last),
                        line=loc.key_line("first_year"),
                        place="[coverage]", fix=said("calendar:coverage-range-fix", "first_year comes before last_year"))

    commemorations: list[Commemoration] = []
    changes: list[DayChange] = []
    problems: list[DataFileError] = []
    files = [(directory / name, DAYS_FILE_SCHEMA) for name in ("commemorations.toml", "days.toml", "decisions.toml")
             if (directory / name).exists()]
    files += [(path, LOCAL_FILE_SCHEMA) for path in sorted((directory / "local").glob("*"))
              if path.suffix.lower() == ".toml" or path.name.lower().endswith(".toml")]
    read: list[tuple[Path, dict[str, Any], Locator, tuple[str, ...]]] = []
    decisions: dict[str, Decision] = {}
    for path, schema in files:
        if path.suffix != ".toml":
            problems.append(DataFileError(said("calendar:suffix", "the suffix {suffix} is not '.toml', so the file would "
                                               "be skipped", suffix=repr(path.suffix)),
                                          file=str(path), fix=said("file:rename", "rename it to {name}.toml",
                                                                   name=path.stem)))
            continue
        try:
            doc, text = read_toml(path)
        except DataFileError as exc:
            problems.append(exc)
            continue
        loc = Locator(path, text)
        found = _validate_file(doc, schema, loc)
        if found:
            problems += found
            continue
        read.append((path, doc, loc, tuple(doc["scope"]["units"]) if schema is LOCAL_FILE_SCHEMA else NATIONAL))
        for decision in parse_decisions(doc, loc, _relative(path, directory), problems):
            if decision.id in decisions:
                problems.append(DataFileError(said("calendar:decision-twice", "id: decision id {id} is used twice (also "
                                                   "at {where})", id=repr(decision.id),
                                                   where=decisions[decision.id].where), file=decision.where,
                                              fix=said("calendar:decision-twice-fix", "give each decision its own id")))
            decisions[decision.id] = decision
    for path, doc, loc, scope in read:
        commemorations += _commemorations(doc, loc, scope, _relative(path, directory), problems)
        found_changes = _day_changes(doc, loc, scope, _relative(path, directory), decisions, problems)
        changes += found_changes
        for change in found_changes:
            if not first <= change.date.year <= last:
                problems.append(DataFileError(said("calendar:outside-coverage", "date: {date} is outside the coverage "
                                                   "{first}-{last}", date=change.date, first=first, last=last),
                                              file=change.source,
                                              fix=said("calendar:outside-coverage-fix", "extend [coverage] in {file} or "
                                                       "correct the date", file=_relative(main, directory))))

    seen: dict[str, str] = {}
    for item in commemorations:
        if item.id in seen:
            problems.append(DataFileError(said("calendar:commemoration-twice", "id: commemoration id {id} is used twice "
                                               "(also at {where})", id=repr(item.id), where=seen[item.id]),
                                          file=item.source,
                                          fix=said("calendar:commemoration-twice-fix", "give each commemoration its own id")))
        seen[item.id] = item.source
    raise_all(problems)
    return CalendarData(first_year=first, last_year=last, swaps_known_through=known,
                        commemorations=tuple(commemorations), day_changes=tuple(changes),
                        file=_relative(main, directory), decisions=tuple(decisions.values()))
