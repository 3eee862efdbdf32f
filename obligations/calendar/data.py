"""Calendar facts kept as data in ``calendars/``: coverage, commemorations, day changes.

Public holidays themselves come from the ``holidays`` package (see calendar.py); these
files hold what it does not: the commemorations that drive activity peaks, a unit's own
anniversaries, and days off or working days decided after the package was released.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable

import attrs

from obligations.base.errors import DataFileError
from obligations.base.toml import Locator, as_date, check_keys, expect, read_toml

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


@attrs.frozen
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


@attrs.frozen
class DayChange:
    """A day off or a working day decided by data (nationally or by a unit)."""

    date: dt.date
    working: bool
    name_vi: str
    name_en: str
    basis: str
    source: str
    scope: tuple[str, ...] = NATIONAL


@attrs.frozen
class CalendarData:
    first_year: int
    last_year: int
    swaps_known_through: int
    commemorations: tuple[Commemoration, ...]
    day_changes: tuple[DayChange, ...]

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


_COMMEMORATION_KEYS = {"id", "name_vi", "name_en", "date", "lunar", "origin_year", "basis", "aliases",
                       "great_holiday"}
_DAY_KEYS = {"date", "name_vi", "name_en", "basis"}


def _month_day(value: Any, loc: Locator, line: int | None, place: str, *, is_lunar: bool) -> tuple[int, int]:
    expect(value, dict, loc, line=line, place=place, what="the date")
    check_keys(value, {"month", "day"}, {"month", "day"}, loc, line=line, place=place)
    month = expect(value["month"], int, loc, line=line, place=place, what="month")
    day = expect(value["day"], int, loc, line=line, place=place, what="day")
    limit = 30 if is_lunar else (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    if not 1 <= month <= 12 or not 1 <= day <= limit:
        kind = "lunar" if is_lunar else "solar"
        raise loc.error(f"{day}/{month} is not a possible {kind} day and month", line=line,
                        place=place, fix="write day and month as numbers, e.g. { month = 9, day = 2 }")
    return month, day


def _commemorations(doc: dict, loc: Locator, scope: tuple[str, ...], source: str) -> list[Commemoration]:
    items = doc.get("commemoration", [])
    expect(items, list, loc, line=None, place="commemoration", what="[[commemoration]]")
    result = []
    for index, item in enumerate(items):
        line = loc.table_line("commemoration", index)
        place = f"commemoration #{index + 1}"
        check_keys(item, _COMMEMORATION_KEYS, {"id", "name_vi", "name_en", "basis"}, loc,
                   line=line, place=place)
        if ("date" in item) == ("lunar" in item):
            raise loc.error("give exactly one of `date` (solar) or `lunar`", line=line, place=place)
        is_lunar = "lunar" in item
        month, day = _month_day(item["lunar" if is_lunar else "date"], loc, line, place,
                                is_lunar=is_lunar)
        origin = item.get("origin_year")
        if origin is not None:
            expect(origin, int, loc, line=line, place=place, what="origin_year")
        for key in ("id", "name_vi", "name_en", "basis"):
            expect(item[key], str, loc, line=line, place=place, what=key)
        aliases = expect(item.get("aliases", []), list, loc, line=line, place=place, what="aliases")
        if not all(isinstance(a, str) and a.strip() for a in aliases):
            raise loc.error("aliases must be a list of names", line=line, place=place)
        great = expect(item.get("great_holiday", False), bool, loc, line=line, place=place, what="great_holiday")
        result.append(Commemoration(
            id=item["id"], name_vi=item["name_vi"], name_en=item["name_en"], month=month, day=day,
            is_lunar=is_lunar, basis=item["basis"], origin_year=origin, scope=scope,
            aliases=tuple(aliases), great_holiday=great,
            source=f"{source}:{line}" if line else source))
    return result


def _day_changes(doc: dict, loc: Locator, scope: tuple[str, ...], source: str) -> list[DayChange]:
    result = []
    for table, working in (("day_off", False), ("workday", True)):
        items = doc.get(table, [])
        expect(items, list, loc, line=None, place=table, what=f"[[{table}]]")
        for index, item in enumerate(items):
            line = loc.table_line(table, index)
            place = f"{table} #{index + 1}"
            check_keys(item, _DAY_KEYS, _DAY_KEYS, loc, line=line, place=place)
            day = as_date(item["date"], loc, line=line, place=place, what="date")
            result.append(DayChange(date=day, working=working, name_vi=item["name_vi"],
                                    name_en=item["name_en"], basis=item["basis"], scope=scope,
                                    source=f"{source}:{line}" if line else source))
    return result


def _relative(path: Path, root: Path) -> str:
    try:
        return f"calendars/{path.relative_to(root).as_posix()}"
    except ValueError:
        return str(path)


def load_calendar_data(directory: Path) -> CalendarData:
    """Read ``vietnam.toml``, ``commemorations.toml``, ``days.toml`` and ``local/*.toml``."""
    directory = Path(directory)
    main = directory / "vietnam.toml"
    if not main.is_file():
        raise DataFileError("the calendar settings file is missing", file=str(main),
                            fix="point --calendars at a directory holding vietnam.toml")
    doc, text = read_toml(main)
    loc = Locator(main, text)
    check_keys(doc, {"coverage"}, {"coverage"}, loc, line=None, place="top level")
    cov = doc["coverage"]
    line = loc.key_line("first_year")
    check_keys(cov, {"first_year", "last_year", "swaps_known_through"},
               {"first_year", "last_year", "swaps_known_through"}, loc, line=line, place="[coverage]")
    first = expect(cov["first_year"], int, loc, line=line, place="[coverage]", what="first_year")
    last = expect(cov["last_year"], int, loc, line=line, place="[coverage]", what="last_year")
    known = expect(cov["swaps_known_through"], int, loc, line=line, place="[coverage]",
                   what="swaps_known_through")
    if not 1900 <= first <= last <= 2100:
        raise loc.error(f"coverage {first}-{last} is not a range within 1900-2100", line=line,
                        place="[coverage]", fix="the lunar calendar is computed for 1900-2100 only")

    commemorations: list[Commemoration] = []
    changes: list[DayChange] = []
    for name in ("commemorations.toml", "days.toml"):
        path = directory / name
        if path.is_file():
            doc, text = read_toml(path)
            loc = Locator(path, text)
            check_keys(doc, {"commemoration", "day_off", "workday"}, (), loc, line=None,
                       place="top level")
            commemorations += _commemorations(doc, loc, NATIONAL, _relative(path, directory))
            changes += _day_changes(doc, loc, NATIONAL, _relative(path, directory))

    for path in sorted((directory / "local").glob("*.toml")):
        doc, text = read_toml(path)
        loc = Locator(path, text)
        check_keys(doc, {"scope", "commemoration", "day_off", "workday"}, {"scope"}, loc,
                   line=None, place="top level")
        scope_line = loc.key_line("units")
        check_keys(doc["scope"], {"units"}, {"units"}, loc, line=scope_line, place="[scope]")
        units = expect(doc["scope"]["units"], list, loc, line=scope_line, place="[scope]",
                       what="units")
        if not units or not all(isinstance(u, str) and u for u in units):
            raise loc.error("units must be a non-empty list of unit ids", line=scope_line,
                            place="[scope]", fix='e.g. units = ["tinh-kon-tum"]')
        scope = tuple(units)
        commemorations += _commemorations(doc, loc, scope, _relative(path, directory))
        changes += _day_changes(doc, loc, scope, _relative(path, directory))

    seen: dict[str, str] = {}
    for item in commemorations:
        if item.id in seen:
            raise DataFileError(f"commemoration id {item.id!r} is used twice (also at {seen[item.id]})",
                                file=item.source, fix="give each commemoration its own id")
        seen[item.id] = item.source
    return CalendarData(first_year=first, last_year=last, swaps_known_through=known,
                        commemorations=tuple(commemorations), day_changes=tuple(changes))
