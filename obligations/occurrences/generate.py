"""Duties -> occurrences for one unit: who performs what, in which period, by which day.

The windows of a duty depend only on its schedule, validity, policy and the calendar, so
the copies of one directive at a thousand units share them; routing depends only on the
hierarchy's epoch, so it is computed once per epoch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from obligations.base import places
from obligations.base.errors import CalendarRangeError, InputError, Said, said
from obligations.base.lru import LRU
from obligations.calendar.working import VietnamCalendar, outside_coverage
from obligations.occurrences.calendars import UnitCalendars
from obligations.occurrences.missing_event import missing_event
from obligations.occurrences.model import Assumption, Occurrence, Placement
from obligations.org.hierarchy import Hierarchy, Unit
from obligations.org.routing import Route, effective_issuer, performs, route
from obligations.rules.loader import RuleSet
from obligations.rules.model import Directive, Duty
from obligations.rules.schedule import Window, expand
from obligations.rules.versions import Lifecycle, in_force, postponed_window, resolve

WindowKey = tuple[object, ...]
# windows per (schedule, scope, years, recorded events): far more than one national run needs
WINDOWS_KEPT = 50_000
# A unit's placed occurrences, by years asked and events recorded: what `due` asks again for
# the same unit (a service, an office refreshing its page) is placed once. Per unit a few
# dozen occurrences: the 256 units asked last stay well under the windows' memory.
UNITS_KEPT = 256
EventDates = Mapping[str, tuple[dt.date, ...]]   # event id -> the dates it happened for a unit
Span = tuple[dt.date, dt.date]
EVERY_DAY: Span = (dt.date.min, dt.date.max)


def could_perform(duty: Duty, unit: Unit, issuer: str, above: set[str], itself: set[str]) -> bool:
    """False when no date can make ``unit`` a performer (saves walking every window):
    "unit:X" needs the unit to be X; "level:X" needs the unit's level; "self" needs the issuer to be the unit or a unit it
    succeeded; "children" needs the issuer (or one it succeeded) above it at some time."""
    for selector in duty.performers:
        if selector.startswith("unit:"):
            if selector == f"unit:{unit.id}":
                return True
        elif selector.startswith("level:"):
            if unit.level == selector[6:]:
                return True
        elif selector == "self":
            if issuer in itself:
                return True
        elif issuer in above and issuer not in itself:
            return True
    return False


class Occurrences:
    """Occurrences of the duties of one rule set for the units of one hierarchy."""

    def __init__(self, rules: RuleSet, hierarchy: Hierarchy, calendars: UnitCalendars,
                 known_on: dt.date | None = None) -> None:
        self.rules = rules
        self.known_on = known_on   # the rules are those known on this day (versions.known_on), or all
        # the dated versions of changed duties (give the rules as known on a day: versions.known_on)
        self.lifecycle: Lifecycle = resolve(rules)
        # duties some loaded document amends, replaces, revokes or postpones
        self._changed = set(self.lifecycle.versions) | {duty_id for duty_id, _ in self.lifecycle.postponed}
        self.hierarchy = hierarchy
        self.calendars = calendars
        self.by_issuer: dict[str, list[Duty]] = {}
        for directive in rules.directives:
            self.by_issuer.setdefault(directive.unit, []).extend(directive.duties)
        self.first_year = min((d.valid_from.year for d in rules.duties), default=None)
        # keyed by the recorded events too, which grow with the log: bounded, least recently used
        self._windows: LRU[WindowKey, list[Window]] = LRU(WINDOWS_KEPT)
        self._by_period: dict[tuple[str, str, int], dict[str, Occurrence]] = {}
        self._placed: LRU[tuple[str, int, int, tuple[tuple[str, tuple[dt.date, ...]], ...]],
                          tuple[tuple[Occurrence, ...], tuple[Placement, ...]]] = LRU(UNITS_KEPT)

    def relevant_duties(self, unit_id: str) -> list[Duty]:
        """Duties of directives issued by the unit, any unit ever above it, or their predecessors."""
        issuers = self.hierarchy.ever_above(unit_id)
        return sorted((d for issuer in issuers for d in self.by_issuer.get(issuer, ())), key=lambda d: d.id)

    def duty_for_unit(self, duty: Duty, unit_id: str) -> Duty:
        """Apply the unit's policy defaults, unless the rule set that policy itself."""
        unit_policy: dict[str, Any] = {k: v for k, v in self.hierarchy.unit(unit_id).policy if k not in duty.policy_overrides}
        if not unit_policy:
            return duty
        return attrs.evolve(duty, policy=attrs.evolve(duty.policy, **unit_policy))

    def _windows_of(self, duty: Duty, cal: VietnamCalendar, first_year: int, last_year: int,
                    events: EventDates | None) -> list[Window]:
        happened = {e: events[e] for e in duty.schedule.event_ids if e in events} if events else {}
        key: WindowKey = (duty.schedule, duty.valid_from, duty.valid_until, duty.policy, cal.scope,
                          first_year, last_year, tuple(sorted(happened.items())))
        windows = self._windows.get(key)
        if windows is None:
            windows = self._windows[key] = list(expand(duty, first_year, last_year, cal, happened))
        return windows

    def _in_force(self, base: Duty, unit_id: str, cal: VietnamCalendar, first_year: int, last_year: int,
                  events: EventDates | None) -> list[tuple[Duty, list[Window]]]:
        """The windows of a changed duty's versions in force (rules/versions.py), by version."""
        # a year either side: whether a newer version gives a period is known beyond the range asked
        lo, hi = max(first_year - 1, cal.data.first_year), min(last_year + 1, cal.data.last_year)
        expanded = []
        for version in self.lifecycle.of(base):
            text = self.duty_for_unit(version.duty, unit_id) if version.duty is not None else None
            expanded.append((attrs.evolve(version, duty=text),
                             self._windows_of(text, cal, lo, hi, events) if text is not None else []))
        grouped: dict[int, tuple[Duty, list[Window]]] = {}
        for version, window in in_force(expanded):
            assert version.duty is not None
            moved = self.lifecycle.postponed.get((base.id, window.period))
            if moved is not None:
                window = postponed_window(window, moved)
            if first_year <= window.last_allowed.year <= last_year:
                grouped.setdefault(id(version), (version.duty, []))[1].append(window)
        return list(grouped.values())

    def of_unit(self, unit_id: str, first_year: int, last_year: int, duties: Iterable[Duty] | None = None,
                events: EventDates | None = None, *, as_written: bool = False, needed: Span | None = EVERY_DAY
                ) -> tuple[list[Occurrence], list[Placement]]:
        """Every occurrence of ``unit_id`` whose last allowed day falls in [first_year, last_year].

        ``events``: the events recorded for the unit (SubmissionLog.event_dates), for
        duties counted from an event. ``as_written``: each duty as its own text has it,
        without the later documents that amend, revoke or postpone it (for `check`'s examples).

        Only the years the calendar data covers can be placed. ``needed``: the days the
        caller's answer looks at (default: all); when an occurrence of the years asked for
        outside the coverage has a window meeting them, the answer would be short of it, so
        it is refused (CalendarRangeError, docs/calendar.md "Coverage"). None: the caller
        checks what it did not find itself (``beyond``)."""
        if needed is not None:
            missed = self.beyond(unit_id, first_year, last_year, needed, duties, events, as_written=as_written)
            if missed is not None:
                raise missed
        unit = self.hierarchy.unit(unit_id)
        cal = self.calendars(unit_id)
        first_year = max(first_year, cal.data.first_year)
        last_year = min(last_year, cal.data.last_year)
        key = (unit_id, first_year, last_year, tuple(sorted(events.items())) if events else ())
        memo = duties is None and not as_written      # the usual question: every duty, as in force
        if memo and (kept := self._placed.get(key)) is not None:
            return list(kept[0]), list(kept[1])       # fresh lists: callers may sort or extend them
        found: list[Occurrence] = []
        problems: list[Placement] = []
        above = self.hierarchy.ever_above(unit_id)
        itself = self.hierarchy.succeeded(unit_id)
        for base in self.relevant_duties(unit_id) if duties is None else duties:
            directive = self.rules.directive(base.directive)
            if as_written or base.id not in self._changed:   # the usual case, kept lean
                if could_perform(base, unit, directive.unit, above, itself):
                    duty = self.duty_for_unit(base, unit_id)
                    self._place(duty, self._windows_of(duty, cal, first_year, last_year, events), directive,
                                unit_id, cal, found, problems)
                continue
            texts = [v.duty for v in self.lifecycle.of(base) if v.duty is not None]
            if not any(could_perform(d, unit, directive.unit, above, itself) for d in texts):
                continue
            for duty, windows in self._in_force(base, unit_id, cal, first_year, last_year, events):
                if could_perform(duty, unit, directive.unit, above, itself):
                    self._place(duty, windows, directive, unit_id, cal, found, problems)
        found.sort(key=lambda o: (o.deadline, o.duty.id, o.period))
        if memo:
            self._placed[key] = (tuple(found), tuple(problems))
        return found, problems

    def beyond(self, unit_id: str, first_year: int, last_year: int, needed: Span | None,
               duties: Iterable[Duty] | None = None, events: EventDates | None = None, *,
               as_written: bool = False, period: str | None = None) -> CalendarRangeError | None:
        """The refusal for the first window of ``unit_id`` in the years of [first_year,
        last_year] that the calendar data does not cover and that meets ``needed`` (or has
        ``period``), else None (nothing of the answer lies there).

        Windows are found without placing them: most schedules need no calendar to say
        where a period ends, and a commemoration's date needs none of the data's days off.
        One that counts working days there cannot say it without the data, so it is refused
        whatever the days asked for (rather than guessed). Every version of a changed duty
        counts, and routing is checked on the window's day, as placing it would."""
        cal = self.calendars(unit_id)
        lo, hi = cal.data.first_year, cal.data.last_year
        first_year, last_year = max(first_year, dt.MINYEAR), min(last_year, dt.MAXYEAR)
        segments = [(a, b) for a, b in ((first_year, min(last_year, lo - 1)), (max(first_year, hi + 1), last_year))
                    if a <= b]
        if not segments:
            return None
        unit = self.hierarchy.unit(unit_id)
        above, itself = self.hierarchy.ever_above(unit_id), self.hierarchy.succeeded(unit_id)
        for base in self.relevant_duties(unit_id) if duties is None else duties:
            directive = self.rules.directive(base.directive)
            texts = ([base] if as_written or base.id not in self._changed
                     else [v.duty for v in self.lifecycle.of(base) if v.duty is not None])
            for text in texts:
                if not could_perform(text, unit, directive.unit, above, itself):
                    continue
                duty = self.duty_for_unit(text, unit_id)
                happened = {e: events[e] for e in duty.schedule.event_ids if e in events} if events else {}
                for a, b in segments:
                    try:
                        windows = list(expand(duty, a, b, _Unplaced(cal), happened))
                    except CalendarRangeError:
                        return outside_coverage(cal.data, a, said(
                            "coverage:placing", "placing {duty} in {start}-{end} (its schedule counts working "
                                                "days or a commemoration's date there)", duty=duty.id, start=a, end=b),
                            asked=False)
                    for window in windows:
                        if period is not None and window.period != period:
                            continue
                        if needed is not None and not (window.start <= needed[1] and window.last_allowed >= needed[0]):
                            continue
                        issuer, _ = effective_issuer(self.hierarchy, directive.unit, window.last_allowed)
                        if issuer is None or not performs(self.hierarchy, duty, issuer, unit_id, window.last_allowed):
                            continue
                        return outside_coverage(cal.data, window.last_allowed, said(
                            "coverage:last-allowed", "the last allowed day of {duty} for {period} ({last}; its window "
                                                     "opens {start})", duty=duty.id, period=window.period,
                            last=window.last_allowed, start=window.start), asked=False)
        return None

    def _place(self, duty: Duty, windows: list[Window], directive: Directive, unit_id: str, cal: VietnamCalendar,
               found: list[Occurrence], problems: list[Placement]) -> None:
        routes: dict[int, Route | None] = {}   # the answer is the same within an epoch
        assumed: dict[int, tuple[Assumption, ...]] = {}
        static = _static_assumptions(duty, directive)
        span = self.hierarchy.epoch_span
        epoch, first, last = -1, dt.date.max, dt.date.min
        for window in windows:
            day = window.last_allowed
            if not first <= day <= last:
                epoch, first, last = span(day)
            if epoch not in routes:
                issuer, notes = effective_issuer(self.hierarchy, directive.unit, day)
                routes[epoch] = (route(self.hierarchy, duty, issuer, notes, unit_id, day)
                                 if issuer is not None and performs(self.hierarchy, duty, issuer, unit_id, day)
                                 else None)
                assumed[epoch] = static + self._placements(unit_id, routes[epoch], day)
            routed = routes[epoch]
            if routed is None:
                continue
            roll = cal.roll(day, duty.policy.roll)
            found.append(Occurrence(duty=duty, unit=unit_id, period=window.period,
                                    window_start=window.start, last_allowed=day, roll=roll,
                                    issuer_unit=routed.issuer, recipient_unit=routed.recipient,
                                    routing=routed.notes, anchor=window.anchor, time=window.time,
                                    covers=window.covers, assumptions=assumed[epoch], counted=window.counted))
            if roll.result < window.start:
                problems.append(Placement(unit_id, duty.id, window.period, "no_working_day",
                                          window.start, day, duty.source.location))

    def _placements(self, unit_id: str, routed: Route | None, day: dt.date) -> tuple[Assumption, ...]:
        """The assumed units and links the occurrence goes through: the unit's chain up, and
        the recipient's when it is not on that chain."""
        h = self.hierarchy
        reach = [routed.issuer, *([routed.recipient] if routed.recipient else [])] if routed is not None else []
        found = h.assumptions(unit_id, day, reach)
        return tuple(Assumption("placement", subject, why, h.file and h.file_name, why_en)
                     for subject, why, why_en in found)

    def one(self, unit_id: str, duty: Duty, period: str) -> Occurrence | None:
        """The occurrence of ``duty`` for ``unit_id`` in ``period``, if there is one."""
        year = int(period[:4])
        key = (unit_id, duty.id, year)
        found = self._by_period.get(key)
        if found is None and not self._may_perform(unit_id, duty):
            found = self._by_period[key] = {}
        if found is None:
            occurrences, _ = self.of_unit(unit_id, year - 1, year + 1, duties=[duty], needed=None)
            found = self._by_period[key] = {o.period: o for o in occurrences}
        occurrence = found.get(period)
        if occurrence is None:
            # not found among the covered years: is it in the years the calendar data lacks?
            missed = self.beyond(unit_id, year - 1, year + 1, None, [duty], period=period)
            if missed is not None:
                raise missed
        return occurrence

    def _may_perform(self, unit_id: str, duty: Duty) -> bool:
        """``could_perform`` for one duty: most "same report at this unit?" questions are no."""
        issuer = self.rules.directive(duty.directive).unit
        return could_perform(duty, self.hierarchy.unit(unit_id), issuer, self.hierarchy.ever_above(unit_id),
                             self.hierarchy.succeeded(unit_id))

    def unknown_duty(self, duty_id: str) -> InputError:
        """A duty id that names no duty (or, by its local id, several): the nearest full id
        and the character that differs, or the duties a local id could mean."""
        from obligations.base.identifiers import shorten, unknown_id

        later: Said | str = said("duty:later", " (documents issued after {day} do not count)",
                                 day=self.known_on) if self.known_on else ""
        same = sorted(d.id for d in self.rules.duties if d.local_id == duty_id)
        if len(same) > 1:
            return InputError(said("duty:ambiguous", "duty {duty} is ambiguous: {n} directives have a duty of that "
                                                     "local id{later}", duty=shorten(duty_id), n=len(same), later=later),
                              fix=said("duty:full-id", "give the full id: {ids}", ids=", ".join(same[:12])),
                              code="unknown-duty", param="duty")
        from collections import Counter

        local = Counter(d.local_id for d in self.rules.duties)     # a unique local id is also an id
        known = [d.id for d in self.rules.duties] + [k for k, n in local.items() if n == 1]
        message, fix = unknown_id("duty", duty_id, known)
        if fix.key != "id:did-you-mean" and later:
            message = said("duty:unknown-later", "{message}{later}", message=message, later=later)
        return InputError(message, fix=fix,
                          code="unknown-duty", param="duty")

    def find(self, unit_id: str, duty_id: str, period: str | None, on: dt.date,
             events: EventDates | None = None) -> Occurrence:
        """One occurrence of a duty for a unit: the given period, else the next one due.

        ``events``: the events recorded for the unit, for event-driven duties."""
        try:
            duty = self.rules.duty(duty_id)
        except KeyError:
            raise self.unknown_duty(duty_id) from None
        self.calendars(unit_id)      # an unknown unit is refused here
        texts = [v.duty for v in self.lifecycle.of(duty) if v.duty is not None] or [duty]
        ends = [d.valid_until for d in texts]
        last = (dt.date(on.year + 1, 12, 31) if None in ends else max(e for e in ends if e is not None)).year
        if period is not None and not any(d.schedule.fits(period) for d in texts):
            file, _, line = duty.source.location.rpartition(":")
            raise InputError(said("period:misfit", "period {period} does not fit duty {duty} (every = {every})",
                                  period=repr(period), duty=duty.id, every=repr(duty.schedule.kind)),
                             file=file, place=places.at_line(line, places.duty(duty.local_id)),
                             fix=said("period:give-as", "give the period as {hint}", hint=duty.schedule.label_hint()),
                             code="unknown-duty",
                             param="period")
        if period is not None and period[:4].isdigit():
            last = max(last, int(period[:4]) + 1)     # a period asked for by name, however far ahead
        first = min(d.valid_from.year for d in texts)
        occurrences, _ = self.of_unit(unit_id, first, last, duties=[duty], events=events, needed=None)
        upcoming = [o for o in occurrences if o.deadline >= on]
        if period is not None and all(o.period != period for o in occurrences) or period is None and not upcoming:
            # what is asked for may lie in the years the calendar data lacks: say so
            missed = self.beyond(unit_id, first, last, (on, dt.date.max) if period is None else None, [duty],
                                 events, period=period)
            if missed is not None:
                raise missed
        missing = missing_event(duty, unit_id, events)
        if missing is not None and (not occurrences or period is not None and
                                    all(o.period != period for o in occurrences)):
            raise missing
        if not occurrences:
            raise InputError(said("duty:not-performed", "{unit} does not perform {duty} on any date", unit=unit_id,
                                  duty=duty.id),
                             fix=said("duty:not-performed-fix", "check the unit (is it a performer of this duty?) or "
                                                                "the duty id"),
                             code="unknown-duty", param="duty")
        if period is not None:
            for occ in occurrences:
                if occ.period == period:
                    return occ
            raise InputError(said("period:none", "{duty} has no period {period} for {unit}", duty=duty.id,
                                  period=repr(period), unit=unit_id),
                             fix=said("id:use-one-of", "use one of: {ids}{more}",
                                      ids=", ".join(o.period for o in occurrences), more=""),
                             code="unknown-duty", param="period")
        return upcoming[0] if upcoming else occurrences[-1]


@attrs.frozen
class _Day:
    date: dt.date


class _Unplaced:
    """The calendar a schedule is expanded with where the data does not reach: the dates of
    commemorations (solar, or lunar within lunar-vn's range) are known without days off;
    counting working days there is refused by the calendar itself (CalendarRangeError)."""

    def __init__(self, calendar: VietnamCalendar) -> None:
        self.calendar = calendar

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        return self.calendar.add_working_days(day, count)

    def commemoration_dates(self, commemoration_id: str, year: int) -> list[_Day]:
        try:
            return [_Day(day) for item in self.calendar.data.commemorations if item.id == commemoration_id
                    for day in item.dates_in(year)]
        except (ValueError, OverflowError):
            raise outside_coverage(self.calendar.data, year, said("coverage:commemoration", "the date of {id} in {year}",
                                                                  id=commemoration_id, year=year)) from None


def _static_assumptions(duty: Duty, directive: Directive) -> tuple[Assumption, ...]:
    found = [Assumption("secondary_source", directive.number, directive.secondary_source, directive.file,
                        directive.secondary_source_en)] if directive.secondary_source else []
    english = duty.assumed_en if len(duty.assumed_en) == len(duty.assumed) else (None,) * len(duty.assumed)
    found += [Assumption("rule", duty.id, why, duty.source.location, en) for why, en in zip(duty.assumed, english)]
    return tuple(found)
