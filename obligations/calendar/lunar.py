"""The Vietnamese lunar calendar (âm lịch, computed for UTC+7).

A thin wrapper around ``lunar-vn``: Chinese-calendar packages compute for UTC+8 and put
Tết a month off in some years (Vietnam: 21/1/1985 and 17/2/2007).
"""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.errors import CalendarRangeError, said
from obligations.base.records import record

VIETNAM_UTC_OFFSET = 7.0


@record
@attrs.frozen(repr=False)
class LunarDay:
    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        leap = " nhuận" if self.leap else ""
        return f"{self.day:02d}/{self.month:02d}{leap}/{self.year} ÂL"


def to_lunar(day: dt.date) -> LunarDay:
    import lunar_vn

    try:
        value = lunar_vn.solar_to_lunar(day, time_zone=VIETNAM_UTC_OFFSET)
    except ValueError as exc:
        raise CalendarRangeError(said("lunar:convert", "cannot convert {day} to the lunar calendar: {why}", day=day,
                                      why=str(exc)),
                                 fix=said("lunar:convert-fix", "use a date between 1900 and 2100")) from None
    return LunarDay(value.year, value.month, value.day, bool(value.leap))


def to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """The solar date of a lunar day; raises ValueError if that lunar day does not exist."""
    import lunar_vn

    result = lunar_vn.convert_lunar_to_solar(day, month, year, int(leap), VIETNAM_UTC_OFFSET)
    if isinstance(result, dt.date):
        solar = result
    else:
        d, m, y = result
        if (d, m, y) == (0, 0, 0):
            raise ValueError(f"lunar day {day}/{month}{' leap' if leap else ''}/{year} does not exist")
        solar = dt.date(y, m, d)
    # lunar-vn answers a 30th of a 29-day month with the next month's first day: refuse it.
    if to_lunar(solar) != LunarDay(year, month, day, leap):
        raise ValueError(f"lunar day {day}/{month}{' leap' if leap else ''}/{year} does not exist")
    return solar


def observed_solar(year: int, month: int, day: int) -> dt.date:
    """The solar date on which a yearly lunar anniversary (non-leap month) is kept.

    A 30th falls in a month that has only 29 days in some years; custom keeps it on the
    29th (the month's last day), so an anniversary still happens once every lunar year.
    """
    try:
        return to_solar(year, month, day)
    except ValueError:
        if day == 30:
            return to_solar(year, month, 29)
        raise
