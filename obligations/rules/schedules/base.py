"""What every kind of schedule shares: the window it yields, the context it is expanded
in, the calendar it needs, and how its problems are reported.

Rules never import calendar code: expansion takes any object with the few methods of
``WorkingCalendar`` (the Vietnamese calendar has them), so the layers stay apart.
"""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any, Iterator, Mapping, Protocol, Sequence

import attrs

from obligations.base.errors import Said, said
from obligations.base.records import record
from obligations.base.identifiers import shorten

ONE_DAY = dt.timedelta(days=1)
FAR_FUTURE = dt.date(9999, 12, 31)
# A lead time longer than ten years is a typing error, not a directive (an offset of a
# billion days would also overflow the date type).
MAX_OFFSET_DAYS = 3660
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Dated(Protocol):
    @property
    def date(self) -> dt.date: ...


class WorkingCalendar(Protocol):
    """The calendar facts expansion needs (VietnamCalendar satisfies it)."""

    def add_working_days(self, day: dt.date, count: int) -> dt.date: ...

    def commemoration_dates(self, commemoration_id: str, year: int) -> Sequence[Dated]: ...


class Reporter(Protocol):
    """Where parsing reports a problem: the loader's context, which knows file and line."""

    def error(self, message: Said, fix: Said | None = None) -> Exception: ...

    def keys(self, table: dict[str, Any], allowed: Any, required: Any) -> None: ...

    def int(self, value: Any, what: builtins.str) -> builtins.int: ...

    def str(self, value: Any, what: builtins.str) -> builtins.str: ...

    def date(self, value: Any, what: builtins.str) -> dt.date: ...


@record
@attrs.frozen(repr=False)
class Context:
    """Everything outside the schedule that decides its windows.

    ``before`` and ``opens`` are the duty's resolved policies (see model.Policy); ``events``
    maps an event id to the dates it happened for the unit being expanded."""

    valid_from: dt.date
    valid_until: dt.date | None
    before: str
    opens: str
    calendar: WorkingCalendar
    events: Mapping[str, tuple[dt.date, ...]] = attrs.field(factory=dict)

    @property
    def until(self) -> dt.date:
        return self.valid_until or FAR_FUTURE


@record
@attrs.frozen(repr=False)
class Anchor:
    """The commemoration(s) a peak is placed around, and their date that year."""

    commemorations: tuple[str, ...]
    date: dt.date


@record
@attrs.frozen(repr=False)
class Window:
    """One instance of a duty: the days it may be done and the last allowed day.

    ``named`` is the day the text names before "trước"/"chậm nhất" is applied (None when
    the deadline is simply the end of the period); ``covers`` is the data span the
    report covers when the directive states one (Decree 09/2019/NĐ-CP Art. 12)."""

    period: str
    start: dt.date
    last_allowed: dt.date
    anchor: Anchor | None = None
    time: str | None = None
    covers: tuple[dt.date, dt.date] | None = None
    named: dt.date | None = None
    # the days a count of working days passed over (after the day it counts from, to the day it
    # reached): a day whose working status changes there moves the deadline (report/changes.py)
    counted: tuple[dt.date, dt.date] | None = None


@record
@attrs.frozen(repr=False)
class Description:
    """What a schedule says, as a reason code and its parameters; the words for each
    code, in Vietnamese and English, live in obligations/render/schedule_text.py."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def get(self, key: str) -> object:
        return dict(self.params).get(key)


class Schedule(Protocol):
    """One kind of schedule: parsed from a rule file's table, expanded into windows."""

    @property
    def kind(self) -> str: ...

    def expand(self, ctx: Context, lo: dt.date, hi: dt.date) -> Iterator[Window]:
        """Every window whose last allowed day lies in [lo, hi], in date order."""
        ...

    def describe(self) -> Description: ...

    def fits(self, period: str) -> bool:
        """Could ``period`` be a period label of this schedule?"""
        ...

    def label_hint(self) -> Said: ...

    def as_table(self) -> dict[str, object]: ...

    @property
    def default_roll(self) -> str: ...

    @property
    def default_opens(self) -> str: ...

    @property
    def event_ids(self) -> tuple[str, ...]: ...

    @property
    def around(self) -> tuple[str, ...]: ...


def resolve_inclusive(inclusive: bool | None, ctx: Context) -> bool:
    """A named day without `inclusive` follows the duty's `before` policy ("trước ngày D")."""
    return ctx.before == "inclusive" if inclusive is None else inclusive


def last_allowed(named: dt.date, inclusive: bool | None, ctx: Context) -> dt.date:
    return named if resolve_inclusive(inclusive, ctx) else named - ONE_DAY


def table(obj: object, kind: str) -> dict[str, object]:
    """The schedule as the flat table a rule file would hold (for `explain`)."""
    out: dict[str, object] = {"every": kind}
    for key, value in attrs.asdict(obj, recurse=False).items():  # type: ignore[arg-type]
        if value is None or value == () or key.startswith("_"):
            continue
        key = key.rstrip("_")
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = [v.isoformat() if isinstance(v, dt.date) else v for v in value]
        out[key] = value
    return out


def check_time(value: Any, ctx: Reporter) -> str:
    text = ctx.str(value, "schedule.time")
    hh, sep, mm = text.partition(":")
    if not (sep and hh.isdigit() and mm.isdigit() and len(mm) == 2 and 0 <= int(hh) <= 23 and 0 <= int(mm) <= 59):
        raise ctx.error(said("schedule:time", "schedule.time {value} is not a time of day", value=shorten(text)),
                        fix=said("schedule:time-fix", 'write it as "HH:MM", e.g. time = "16:00" for "trước 16 giờ"'))
    return f"{int(hh):02d}:{mm}"


def check_inclusive(raw: dict[str, Any], ctx: Reporter) -> bool | None:
    if "inclusive" not in raw:
        return None
    value = raw["inclusive"]
    if not isinstance(value, bool):
        raise ctx.error(said("schedule:inclusive", "schedule.inclusive must be true or false, not {value}",
                             value=shorten(value)),
                        fix=said("schedule:inclusive-fix", 'true for "chậm nhất ngày D", "trong thời hạn"; false for '
                                 '"trước ngày D"'))
    return value


def check_offset(value: Any, ctx: Reporter, what: str = "schedule.offset") -> int:
    number = ctx.int(value, what)
    if number < 0:
        raise ctx.error(said("schedule:negative", "{what} {number} is negative", what=what, number=number),
                        fix=said("schedule:negative-fix", "give the number of days the text states (0 or more)"))
    if number > MAX_OFFSET_DAYS:
        raise ctx.error(said("schedule:ten-years", "{what} {number} is more than ten years ({limit} days)", what=what,
                             number=number, limit=MAX_OFFSET_DAYS),
                        fix=said("schedule:ten-years-fix", "give the number of days the text states"))
    return number


def counted(day: dt.date, reached: dt.date, unit: str) -> tuple[dt.date, dt.date] | None:
    """The days a count from ``day`` to ``reached`` passed over when it counted working days
    (``Window.counted``), the day counted from left out; None for calendar days."""
    if unit != "working_days" or day == reached:
        return None
    return (day + ONE_DAY, reached) if reached > day else (reached, day - ONE_DAY)


def working_count(schedule: object) -> int:
    """The working days a schedule counts (0 when it counts calendar days or none): only the
    schedules with an ``offset`` and a ``unit`` count (periodic, event)."""
    offset = getattr(schedule, "offset", None)
    return offset if getattr(schedule, "unit", None) == "working_days" and isinstance(offset, int) else 0


def shift(day: dt.date, count: int, unit: str, calendar: WorkingCalendar) -> dt.date:
    """``count`` calendar or working days after ``day`` (before it when negative); the
    day itself is not counted (Civil Code 2015 Art. 147)."""
    if unit == "working_days":
        return calendar.add_working_days(day, count)
    return day + dt.timedelta(days=count)
