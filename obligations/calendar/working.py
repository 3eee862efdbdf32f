"""The Vietnamese working-day and event calendar that deadlines are placed on.

Working days are Monday to Friday, minus public holidays and compensatory or substituted
days off, plus the make-up working Saturdays the government sets: all of that comes from
the ``holidays`` package (country VN). Data in ``calendars/`` adds commemorations, a
unit's local anniversaries and day changes the package does not know yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

import attrs

from obligations.base.lru import LRU
from obligations.base.records import record
from obligations.calendar.data import CalendarData, Commemoration, anniversary_class
from obligations.calendar.decisions import Decision, PackageDecisions
from obligations.calendar.holiday_source import HolidaySource
from obligations.base import places
from obligations.base.errors import Both, CalendarRangeError, InputError, Said, said
from obligations.base.vocabulary import ROLL_POLICIES

ONE_DAY = dt.timedelta(days=1)


HOLIDAYS_SOURCE = "holidays (VN)"


@record
@attrs.frozen(repr=False)
class Event:
    """Something the calendar knows about one date."""

    date: dt.date
    kind: str
    name_vi: str
    name_en: str
    source: str
    basis: str | None = None
    commemoration_id: str | None = None
    anniversary: int | None = None
    anniversary_class: str | None = None
    decision: Decision | None = None        # what made a day off or a working day


@record
@attrs.frozen(repr=False)
class Move:
    """One step of a roll: why a date could not be used, and where that fact comes from.

    ``reason`` is "saturday", "sunday" or "day_off"; a day off carries the names of what
    makes it one (holidays, days off) in both languages, as the data gives them."""

    date: dt.date
    reason: str
    names_vi: str = ""
    names_en: str = ""
    source: str = "weekend"
    decisions: tuple[Decision, ...] = ()    # the decisions that made the day off


@record
@attrs.frozen(repr=False)
class Roll:
    """The result of placing a date on the working calendar by a policy."""

    original: dt.date
    result: dt.date
    policy: str
    skipped: tuple[Move, ...] = ()

    @property
    def moved(self) -> bool:
        return self.result != self.original


@record
@attrs.frozen(repr=False)
class _Year:
    working: bytes                   # 1 for a working day, by day of the year (0-based)
    before: tuple[int, ...]          # working days before each day of the year (prefix sums)
    days: dict[dt.date, tuple[Event, ...]]   # holidays, days off, day changes
    # Commemorations do not change working days; they are computed on first use, one
    # commemoration at a time, so that lunar conversions happen only when asked for.
    marks: dict[str, tuple[Event, ...]] = attrs.field(factory=dict, eq=False)


def outside_coverage(data: CalendarData, needed: dt.date | int, what: Said, *, asked: bool = True
                     ) -> CalendarRangeError:
    """The refusal of an answer that needs a day (or a year) the calendar data does not
    cover: it names the coverage, the data actually used and the fix. ``what`` says what
    needs it, with the day, e.g. "year 2027" or "the last allowed day of X for 2026 (2027-01-14)".
    ``asked``: the day is one the question asked about, so asking about fewer days is a fix
    (False: an item of the answer needs it, and only data covering it helps)."""
    year = needed if isinstance(needed, int) else needed.year
    first, last = data.first_year, data.last_year
    give = said("coverage:give", "calendar data whose vietnam.toml [coverage] includes {year}", year=year)
    fix = (said("coverage:ask-up-to", "ask about days up to {edge} only (e.g. a shorter horizon or range), or give "
                                      "{give}", edge=dt.date(last, 12, 31), give=give) if asked and year > last else
           said("coverage:ask-from", "ask about days from {edge} only (e.g. a shorter horizon or range), or give "
                                     "{give}", edge=dt.date(first, 1, 1), give=give) if asked else
           said("coverage:give-only", "give {give}", give=give))
    return CalendarRangeError(
        said("coverage:outside", "{what} is outside what the calendar data covers ({first}-{last}): "
                                 "no answer is given rather than one without those days", what=what, first=first,
             last=last),
        file=data.file, place="[coverage]", fix=fix, param="calendars",
        data={"year": str(year), "first": str(first), "last": str(last)})


def _index(day: dt.date) -> int:
    """0-based day of the year."""
    return day.toordinal() - dt.date(day.year, 1, 1).toordinal()


COUNTS_KEPT = 100_000


class VietnamCalendar:
    """Working days, events and roll policies for one set of calendar data.

    An instance caches the years it has computed; it holds no other state, so several
    calendars (national, or one per unit with its local data) can live side by side.
    """

    def __init__(self, data: CalendarData, *, scope: Iterable[str] = (), source: HolidaySource | None = None) -> None:
        self.scope = tuple(scope)
        self.data = data.for_scope(self.scope)
        self.source = source if source is not None else HolidaySource()
        self._decisions = PackageDecisions(data.decisions)
        self._years: dict[int, _Year] = {}
        self._merged: dict[int, dict[dt.date, tuple[Event, ...]]] = {}
        self._rolls: dict[tuple[dt.date, str], Roll] = {}
        # pairs of days asked about (a service asks with every new day): bounded, least recently used
        self._counts: LRU[tuple[dt.date, dt.date], int] = LRU(COUNTS_KEPT)

    # -- coverage ---------------------------------------------------------------

    def check_year(self, year: int) -> None:
        if not self.data.first_year <= year <= self.data.last_year:
            raise outside_coverage(self.data, year, said("coverage:year", "year {year}", year=year))

    def covers(self, day: dt.date) -> bool:
        return self.data.first_year <= day.year <= self.data.last_year

    def check_days(self, start: dt.date, end: dt.date, what: Said | None = None) -> None:
        """Refuse a query whose days [start, end] reach outside the coverage (naming the
        first uncovered day it reaches): its answer would be silently short of them."""
        first, last = self.data.first_year, self.data.last_year
        if end.year > last:
            day = dt.date(last + 1, 1, 1)
        elif start.year < first:
            day = dt.date(first - 1, 12, 31)
        else:
            return
        what = what or said("coverage:days-asked", "the days asked about")
        raise outside_coverage(self.data, day, said("coverage:reach", "{what} ({start} to {end}) reach {day}, which",
                                                    what=what, start=start, end=end, day=day))

    def is_provisional(self, year: int) -> bool:
        """True when the government's day swaps for ``year`` may not be known yet."""
        return year > self.data.swaps_known_through

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            self.check_year(year)
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        package = self.source.year(year)
        events: dict[dt.date, list[Event]] = {}

        def add(event: Event) -> None:
            events.setdefault(event.date, []).append(event)

        # a fact of the package counts when the decision behind it is known (as_known_on)
        known = self.data.is_known
        off: set[dt.date] = set()
        for day, kind, name_vi, name_en in package.days:
            decision = self._decisions.of(day, name_vi)
            # a law that gives the whole year's holidays is not replaced by the one before it: refused;
            # an amendment that adds one holiday (a claim by name) is simply not applied yet
            if decision is not None and decision.holidays is not None and not decision.holidays.names \
                    and not known(decision):
                raise self._not_known(year, decision)
            if known(decision):
                add(Event(day, kind, name_vi, name_en, HOLIDAYS_SOURCE, decision=decision))
                off.add(day)
        makeup = set()
        for day in sorted(package.makeup):
            decision = self._decisions.of_makeup(day)
            if known(decision):
                makeup.add(day)
                add(Event(day, "makeup_workday", "Ngày làm việc bù", "Make-up working day",
                          HOLIDAYS_SOURCE, decision=decision))

        for change in self.data.day_changes:
            if change.date.year != year:
                continue
            kind = "local" if change.scope else ("makeup_workday" if change.working else "day_off")
            add(Event(change.date, kind, change.name_vi, change.name_en, change.source,
                      basis=change.basis, decision=change.decision))
            if change.working:
                off.discard(change.date)
                if change.date.weekday() >= 5:
                    makeup.add(change.date)
            else:
                off.add(change.date)
                makeup.discard(change.date)

        first = dt.date(year, 1, 1)
        days = [first + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - first).days)]
        working = bytes((d in makeup) if d.weekday() >= 5 else (d not in off) for d in days)
        before, total = [], 0
        for flag in working:
            before.append(total)
            total += flag
        return _Year(working=working, before=tuple(before) + (total,),
                     days={d: tuple(v) for d, v in events.items()})

    def _not_known(self, year: int, decision: Decision) -> CalendarRangeError:
        """The refusal of a year whose public holidays come from a law not known yet on the day of
        knowledge: the law in force before it is not what the data gives for that year."""
        on = self.data.known_on
        return CalendarRangeError(
            said("calendar:not-known-yet", "the public holidays of {year} come from {title} ({number}), known from "
                 "{known}, after the day of knowledge {on}: no answer is given rather than one without them",
                 year=year, title=Both(decision.title_en, decision.title_vi), number=decision.number,
                 known=decision.known_from, on=on or "?"),
            file=decision.where, place=places.decision(decision.id), param="as_known_on",
            fix=said("calendar:not-known-yet-fix", "ask as known on {known} or later, or about days before {year}",
                     known=decision.known_from, year=year),
            data={"year": str(year), "decision": decision.number})

    def _marks(self, year: int, item: Commemoration) -> tuple[Event, ...]:
        """The events of one commemoration in ``year`` (computed once)."""
        cached = self._year(year).marks
        found = cached.get(item.id)
        if found is None:
            kind = "local" if item.scope else ("lunar" if item.is_lunar else "commemoration")
            number = item.anniversary(year)
            found = cached[item.id] = tuple(
                Event(day, kind, item.name_vi, item.name_en, item.source, basis=item.basis,
                      commemoration_id=item.id, anniversary=number,
                      anniversary_class=anniversary_class(number))
                for day in item.dates_in(year))
        return found

    def _events(self, year: int) -> dict[dt.date, tuple[Event, ...]]:
        found = self._merged.get(year)
        if found is None:
            merged = {d: list(v) for d, v in self._year(year).days.items()}
            for item in self.data.commemorations:
                for event in self._marks(year, item):
                    merged.setdefault(event.date, []).append(event)
            found = self._merged[year] = {d: tuple(v) for d, v in merged.items()}
        return found

    # -- working days -----------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._year(day.year).working[_index(day)])

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        day -= ONE_DAY
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The date ``count`` working days after ``day`` (before it when negative).

        ``day`` itself is not counted, so adding 1 to a Friday gives the next Monday.
        """
        step = self.next_working_day if count >= 0 else self.previous_working_day
        for _ in range(abs(count)):
            day = step(day)
        return day

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open range [start, end); negative when end < start."""
        if end < start:
            return -self.count_working_days(end, start)
        found = self._counts.get((start, end))
        if found is None:
            found = self._counts[(start, end)] = self._count(start, end)
        return found

    def _count(self, start: dt.date, end: dt.date) -> int:
        # Prefix sums per year: O(number of years spanned), whatever the distance.
        first, last = self._year(start.year), self._year(end.year)
        if start.year == end.year:
            return last.before[_index(end)] - first.before[_index(start)]
        count = first.before[-1] - first.before[_index(start)] + last.before[_index(end)]
        for year in range(start.year + 1, end.year):
            count += self._year(year).before[-1]
        return count

    def working_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """Working days in the closed range [start, end]."""
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += ONE_DAY

    # -- events -----------------------------------------------------------------

    def events_on(self, day: dt.date) -> tuple[Event, ...]:
        return self._events(day.year).get(day, ())

    def events_between(self, start: dt.date, end: dt.date) -> list[Event]:
        """All events in the closed range [start, end], in date order."""
        if end < start:
            raise InputError(said("range:reversed", "the range ends ({end}) before it starts ({start})", end=end,
                                  start=start),
                             fix=said("span:reversed-fix", "give the earlier date first"), code="bad-range")
        found: list[Event] = []
        for year in range(start.year, end.year + 1):
            for day, events in sorted(self._events(year).items()):
                if start <= day <= end:
                    found.extend(events)
        return found

    def commemoration_dates(self, commemoration_id: str, year: int) -> list[Event]:
        for item in self.data.commemorations:
            if item.id == commemoration_id:
                return list(self._marks(year, item))
        return []

    def why_not_working(self, day: dt.date) -> Move:
        """Why ``day`` is not a working day, and the source of that fact."""
        offs = [e for e in self._year(day.year).days.get(day, ()) if not self.is_working_day(day)
                and e.kind in ("public_holiday", "day_off", "local")]
        if offs:
            return Move(day, "day_off", "; ".join(e.name_vi for e in offs), "; ".join(e.name_en for e in offs),
                        "; ".join(dict.fromkeys(e.source for e in offs)),
                        tuple(dict.fromkeys(e.decision for e in offs if e.decision is not None)))
        return Move(day, "saturday" if day.weekday() == 5 else "sunday")

    def roll(self, day: dt.date, policy: str = "previous") -> Roll:
        """Place ``day`` on a working day.

        ``previous``: the last working day not after it (a deadline may not be exceeded);
        ``next``: the first working day not before it (Civil Code 2015 Art. 148: a period
        that ends on a day off ends on the next working day); ``none``: keep the day.
        """
        cached = self._rolls.get((day, policy))
        if cached is not None:
            return cached
        if policy not in ROLL_POLICIES:
            raise InputError(said("roll:unknown", "unknown roll policy {policy}", policy=repr(policy)),
                             fix=said("id:use-one-of", "use one of: {ids}{more}", ids=", ".join(ROLL_POLICIES), more=""),
                             code="unknown-option")
        self._rolls[(day, policy)] = result = self._roll(day, policy)
        return result

    def _roll(self, day: dt.date, policy: str) -> Roll:
        if policy == "none":
            return Roll(day, day, policy)
        step = -ONE_DAY if policy == "previous" else ONE_DAY
        skipped = []
        result = day
        while not self.is_working_day(result):
            skipped.append(self.why_not_working(result))
            result += step
        return Roll(day, result, policy, tuple(skipped))
