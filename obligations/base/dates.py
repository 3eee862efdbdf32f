"""Vietnamese local dates: parsing user input and "today" in Vietnam."""

from __future__ import annotations

import datetime as dt
import re

from obligations.base.errors import InputError, said

# The two forms of a date the user types (docs/usage.md section 8): YYYY-MM-DD and the
# Vietnamese DD/MM/YYYY (day and month of one or two digits, as offices write 1/7/2025).
# Python 3.11's date.fromisoformat also takes 20260101, 2026-W01-4 and full-width digits,
# none of which the docs promise; [0-9] keeps to ASCII digits.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_VN_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\Z")
_BASIC_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})\Z")
_LOOSE_DAY = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\Z")
_DMY_DAY = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})\Z")
_FORMS = "YYYY-MM-DD or DD/MM/YYYY"

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


def _suggestion(text: str) -> str | None:
    """``text`` rewritten as YYYY-MM-DD when it is plainly a date in another form."""
    for pattern, order in ((_BASIC_DAY, (1, 2, 3)), (_LOOSE_DAY, (1, 2, 3)), (_DMY_DAY, (3, 2, 1))):
        found = pattern.match(text.strip())
        if found:
            year, month, day = (int(found.group(i)) for i in order)
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def parse_iso_date(text: str, *, what: str = "date") -> dt.date:
    """Parse a date the user typed (an option, a query parameter, a JSON field, a form field):
    exactly YYYY-MM-DD or DD/MM/YYYY (D/M/YYYY too), naming the field and the fix otherwise.
    The one parser of typed dates."""
    shown = repr(text) if len(text) <= 40 else repr(text[:40]) + "…"
    vn = _VN_DAY.match(text) if isinstance(text, str) else None
    if not isinstance(text, str) or not (_ISO_DAY.match(text) or vn):
        better = _suggestion(text) if isinstance(text, str) and len(text) <= 40 else None
        raise InputError(said("date:form", "{what} {value} is not a date in the form {forms}", what=what, value=shown,
                              forms=said("date:forms", "YYYY-MM-DD or DD/MM/YYYY")),
                         fix=said("date:write-as", "write it as {better}", better=better) if better else
                         said("date:write-fix", "write it as YYYY-MM-DD with a four-digit year and a two-digit month "
                                                "and day, e.g. 2026-11-23, or as DD/MM/YYYY, e.g. 23/11/2026"),
                         code="bad-date", param=what.removeprefix("--"))
    try:
        day = (dt.date(int(vn.group(3)), int(vn.group(2)), int(vn.group(1))) if vn
               else dt.date.fromisoformat(text))
    except ValueError:
        raise InputError(
            said("date:invalid", "{what} {value} is not a valid date", what=what, value=shown),
            fix=said("date:invalid-fix", "write it as YYYY-MM-DD (e.g. 2026-11-23) or DD/MM/YYYY (e.g. 23/11/2026), "
                                         "with a day that exists in that month"),
            code="bad-date", param=what.removeprefix("--"),
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # the calendar data covers less; this bound keeps date arithmetic away from year 1 and 9999
        raise InputError(said("date:years", "{what} {value} is outside the years {first}-{last}", what=what, value=text,
                              first=FIRST_YEAR, last=LAST_YEAR),
                         fix=said("date:years-fix", "give a date within the years {first}-{last}", first=FIRST_YEAR,
                                  last=LAST_YEAR), code="calendar-range",
                         param=what.removeprefix("--"),
                         data={"year": str(day.year), "first": str(FIRST_YEAR), "last": str(LAST_YEAR)})
    return day


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)
