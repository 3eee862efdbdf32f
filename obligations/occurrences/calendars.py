"""One working calendar per unit: the national calendar plus the local days of the unit
and of every unit it has ever been under."""

from __future__ import annotations

import datetime as dt

from obligations.calendar.data import CalendarData
from obligations.calendar.holiday_source import HolidaySource
from obligations.calendar.working import VietnamCalendar
from obligations.org.hierarchy import Hierarchy


class UnitCalendars:
    """Calendars by unit; units whose scopes name no local data share one calendar."""

    def __init__(self, hierarchy: Hierarchy, data: CalendarData, holidays: HolidaySource) -> None:
        self.hierarchy = hierarchy
        self.data = data
        self.holidays = holidays
        self.local_scopes = ({u for c in data.commemorations for u in c.scope}
                             | {u for c in data.day_changes for u in c.scope})
        self._by_scope: dict[tuple[str, ...], VietnamCalendar] = {}
        self._by_unit: dict[str, VietnamCalendar] = {}

    def __call__(self, unit_id: str) -> VietnamCalendar:
        found = self._by_unit.get(unit_id)
        if found is None:
            found = self._by_unit[unit_id] = self._calendar(unit_id)
        return found

    def _calendar(self, unit_id: str) -> VietnamCalendar:
        unit = self.hierarchy.unit(unit_id)
        scope = {unit_id}
        pending = [link.parent for link in unit.parents]
        while pending:
            current = pending.pop()
            if current not in scope:
                scope.add(current)
                pending.extend(link.parent for link in self.hierarchy.unit(current).parents)
        key = tuple(sorted(scope & self.local_scopes))
        found = self._by_scope.get(key)
        if found is None:
            found = self._by_scope[key] = VietnamCalendar(self.data, scope=key, source=self.holidays)
        return found


class CalendarViews:
    """The unit calendars of one calendar dataset as known on a day, shared by every view of
    a workspace (``Workspace.known_on``): days whose known decisions are the same share one
    (a service asked about every day of a year builds a handful, not one per day)."""

    def __init__(self, hierarchy: Hierarchy, data: CalendarData, holidays: HolidaySource) -> None:
        self.hierarchy = hierarchy
        self.data = data
        self.holidays = holidays
        self._views: dict[frozenset[str], UnitCalendars] = {}

    def known_on(self, day: dt.date | None) -> UnitCalendars:
        """``day``: the day of knowledge (None: every decision counts)."""
        key = frozenset(d.id for d in self.data.decisions if day is None or d.known_by(day))
        found = self._views.get(key)
        if found is None:
            everything = len(key) == len(self.data.decisions)
            view = self.data.as_known_on(None if everything else day)
            found = self._views[key] = UnitCalendars(self.hierarchy, view, self.holidays)
        return found
