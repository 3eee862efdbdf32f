"""Vietnamese local dates: parsing user input and "today" in Vietnam."""

from __future__ import annotations

import datetime as dt

from obligations.base.errors import InputError

# Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset avoids
# depending on the system's tz database.
# Years any calendar data can cover (the lunar tables); dates outside are refused at the edge.
FIRST_YEAR, LAST_YEAR = 1900, 2100
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def utc_now() -> dt.datetime:
    """The one reading of the wall clock in the package (timezone-aware, UTC). Only the
    edges call it: the command line when no --on is given, the service's default clock
    (web/data.Service); the library takes the day or the instant as an argument."""
    return dt.datetime.now(dt.timezone.utc)


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Asia/Ho_Chi_Minh, whatever the machine's time zone (``now``: the
    instant to take the date of; the wall clock when None)."""
    now = now or utc_now()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(VIETNAM_TZ).date()


def parse_iso_date(text: str, *, what: str = "date") -> dt.date:
    """Parse YYYY-MM-DD, naming the field and the fix when it is impossible."""
    try:
        day = dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        shown = repr(text) if len(text) <= 40 else repr(text[:40]) + "…"
        raise InputError(
            f"{what} {shown} is not a valid date",
            fix="write it as YYYY-MM-DD, e.g. 2026-11-23, with a day that exists in that month",
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # the calendar data covers less; this bound keeps date arithmetic away from year 1 and 9999
        raise InputError(f"{what} {text} is outside the years {FIRST_YEAR}-{LAST_YEAR}",
                         fix="give a date within the calendar data's coverage (see `calendar --year`)")
    return day


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)
