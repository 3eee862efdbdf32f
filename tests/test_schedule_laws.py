"""Laws every shape of schedule keeps, checked with hypothesis on the real calendar.

- each occurrence's last allowed day lies inside or after its period, as the shape says;
- N working days from a base day end on the day that makes exactly N working days, counted
  here with a working-day calendar written in this file from the calendar's data;
- expanding two adjacent ranges gives exactly the expansion of their union;
- inclusive and exclusive forms of one schedule differ by exactly one day before rolling;
- period labels are unique per duty, and each label fits the schedule.
"""

import datetime as dt
import functools
import os
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from obligations.base.dates import month_end
from obligations.base.errors import ObligationsError
from obligations.base.toml import Locator
from obligations.rules.loader import _Ctx
from obligations.rules.schedules import periods
from obligations.rules.schedules.base import Context
from obligations.rules.schedules.parse import parse_schedule

ONE = dt.timedelta(days=1)
EVENTS = {"su-kien": ()}
SETTINGS = settings(max_examples=int(os.environ.get("LAW_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def parse(raw):
    try:
        return parse_schedule(raw, _Ctx(Locator(Path("law.toml"), ""), 1, "law"), EVENTS)
    except ObligationsError:
        assume(False)


@st.composite
def periodic(draw, form=None):
    kinds = [k for k in periods.PERIOD_KINDS if k != "week"] if form == "day" else periods.PERIOD_KINDS
    every = draw(st.sampled_from(kinds))
    raw = {"every": every}
    if every in periods.PER_YEAR and draw(st.booleans()):
        raw["only"] = sorted(draw(st.sets(st.integers(1, periods.PER_YEAR[every]), min_size=1)))
    forms = ["end", "offset"] + (["weekday"] if every == "week" else ["day", "in_month"])
    form = form or draw(st.sampled_from(forms))
    size = periods.MONTH_KINDS.get(every, (1,))[0]
    if form in ("day", "in_month"):
        of = draw(st.sampled_from(["this", "next"]))
        raw["of"] = of
        month = draw(st.integers(1, 3)) if of == "next" else draw(st.sampled_from([*range(1, size + 1), "last"]))
        if form == "day":
            raw["day"] = draw(st.sampled_from([*range(1, 29), "last"]))
            if of == "next" or size > 1 or draw(st.booleans()):
                raw["month"] = month
        else:
            raw["in_month"] = month
    elif form == "weekday":
        raw["weekday"] = draw(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]))
    elif form == "offset":
        raw.update(offset=draw(st.integers(0, 40)), unit=draw(st.sampled_from(["days", "working_days"])),
                   **{"from": draw(st.sampled_from(["end", "start"]))})
    if form not in ("end", "in_month"):
        raw["inclusive"] = draw(st.booleans())
    return raw


@st.composite
def other(draw):
    kind = draw(st.sampled_from(["once", "event", "rrule", "peaks"]))
    day = draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
    if kind == "once":
        raw = {"every": "once", "date": day, "inclusive": draw(st.booleans())}
        if draw(st.booleans()):
            raw["start"] = day - dt.timedelta(days=draw(st.integers(0, 90)))
        return raw
    if kind == "event":
        direction = draw(st.sampled_from(["after", "before"]))
        return {"every": "event", "event": "su-kien", "direction": direction,
                "offset": draw(st.integers(1 if direction == "after" else 0, 60)), "unit": draw(st.sampled_from(["days", "working_days"])),
                "inclusive": draw(st.booleans())}
    if kind == "rrule":
        rule = draw(st.sampled_from(["FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=25", "FREQ=MONTHLY;BYMONTHDAY=10",
                                     "FREQ=WEEKLY;BYDAY=MO", "FREQ=MONTHLY;BYDAY=-1FR",
                                     "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1"]))
        return {"every": "rrule", "rrule": rule, "inclusive": draw(st.booleans())}
    return {"every": "peaks", "around": draw(st.lists(st.sampled_from(
        ["tet-nguyen-dan", "thanh-lap-dang", "giai-phong-mien-nam", "quoc-khanh"]), min_size=1, max_size=3, unique=True)),
        "days_before": draw(st.integers(0, 40)), "days_after": draw(st.integers(0, 10))}


SCHEDULES = st.one_of(periodic(), other())
EVENT_DATES = st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), max_size=3)


def context(national, events=(), valid_from=dt.date(2023, 1, 1), until=None, before="exclusive"):
    return Context(valid_from, until, before, "period_start", national, {"su-kien": tuple(events)})


def windows(schedule, ctx, lo, hi):
    return list(schedule.expand(ctx, lo, hi))


# -- an independent working-day calendar ---------------------------------------------------
# Written here, not taken from obligations.calendar, so that the laws below can catch a
# schedule that counts days the wrong way: Monday to Friday are working days, minus the
# days off the `holidays` package gives for Vietnam (public holidays, compensatory and
# substituted days off), plus its make-up working Saturdays, then the national [[day_off]]
# and [[workday]] entries of calendars/*.toml read as plain TOML (docs/calendar.md,
# "Working days").
CALENDARS = Path(__file__).parent.parent / "calendars"


@functools.cache
def _days_off_and_makeup():
    import holidays

    package = holidays.country_holidays("VN", years=range(2018, 2032))
    off, makeup = set(package), set(package.weekend_workdays)
    for name in ("commemorations.toml", "days.toml"):
        doc = tomllib.loads((CALENDARS / name).read_text(encoding="utf-8"))
        for item in doc.get("day_off", []):
            off.add(item["date"])
            makeup.discard(item["date"])
        for item in doc.get("workday", []):
            off.discard(item["date"])
            makeup.add(item["date"])
    return frozenset(off), frozenset(makeup)


def working(day):
    off, makeup = _days_off_and_makeup()
    return day in makeup if day.weekday() >= 5 else day not in off


def working_between(first, last):
    """Working days in the closed range [first, last], counted one day at a time."""
    return sum(working(first + dt.timedelta(days=i)) for i in range((last - first).days + 1))


def walk(base, count, *, after):
    """The day ``count`` working days after (before) ``base``, ``base`` not counted (Civil
    Code 2015 Art. 147; docs/calendar.md: add_working_days): step a day at a time and stop
    on the count-th working day met."""
    step, day = dt.timedelta(days=1 if after else -1), base
    while count:
        day += step
        count -= working(day)
    return day


def test_the_independent_calendar_knows_the_data():
    """Hand-checked facts of the data the laws count with (the `holidays` package for VN
    and calendars/days.toml): Tết 2026 is 16-20/2, 2/1/2026 was swapped with Saturday 10/1
    (12729/VPCP-KGVX), Saturday 22/8/2026 is worked for Monday 31/8."""
    assert not working(dt.date(2026, 2, 16)) and not working(dt.date(2026, 2, 20))
    assert not working(dt.date(2026, 1, 2)) and working(dt.date(2026, 1, 10))
    assert working(dt.date(2026, 8, 22)) and not working(dt.date(2026, 8, 31))
    assert working(dt.date(2026, 2, 13)) and not working(dt.date(2026, 2, 14))
    # 3 working days after Thursday 12/2/2026: Fri 13/2, then Tết and a weekend, Mon 23/2, Tue 24/2
    assert walk(dt.date(2026, 2, 12), 3, after=True) == dt.date(2026, 2, 24)
    assert working_between(dt.date(2026, 2, 13), dt.date(2026, 2, 24)) == 3


def _counted(base, offset, unit, slack, *, after):
    """Where N days, or N working days, counted from ``base`` end, as (earliest, latest):
    one day, the named day less ``slack`` (one day when exclusive).

    Calendar days land on base ± N. Working days land on the N-th working day after (or
    before) ``base``, walked on the calendar written above."""
    if unit == "working_days":
        named = walk(base, offset, after=after)
    else:
        named = base + dt.timedelta(days=offset if after else -offset)
    return named - slack, named - slack


def expected_place(schedule, raw, window, national):
    """(earliest, latest) the last allowed day may be, from the period and the shape."""
    incl = raw.get("inclusive", True)
    slack = dt.timedelta(days=0 if incl else 1)
    kind = schedule.kind
    if kind in periods.PERIOD_KINDS:
        start, end = periods.span(kind, window.period)
        if "offset" in raw:
            base = end if raw["from"] == "end" else start
            return _counted(base, raw["offset"], raw["unit"], slack, after=True)
        if raw.get("of") == "next":
            return end + ONE - slack, month_end(*periods.Period("", start, end, 1).month(raw.get("month") or raw.get("in_month"), after=True))
        return start - slack, end
    if kind in ("event", "rrule", "peaks"):
        day = dt.date.fromisoformat(window.period)
        if kind == "peaks":
            return day, day + dt.timedelta(days=raw["days_after"])
        if kind == "rrule":
            return day - slack, day
        return _counted(day, raw["offset"], raw["unit"], slack, after=raw["direction"] == "after")
    return raw["date"] - slack, raw["date"]


@SETTINGS
@given(raw=SCHEDULES, events=EVENT_DATES)
def test_the_last_allowed_day_lies_where_the_shape_says(national, raw, events):
    schedule = parse(raw)
    for window in windows(schedule, context(national, events), dt.date(2024, 1, 1), dt.date(2026, 12, 31)):
        earliest, latest = expected_place(schedule, raw, window, national)
        assert earliest <= window.last_allowed <= latest, (window, earliest, latest)
        assert window.start <= window.last_allowed or raw.get("inclusive") is False
        assert schedule.fits(window.period)


@SETTINGS
@given(raw=SCHEDULES, events=EVENT_DATES, split=st.dates(dt.date(2024, 2, 1), dt.date(2026, 11, 30)),
       until=st.one_of(st.none(), st.dates(dt.date(2024, 6, 1), dt.date(2027, 6, 30))))
def test_adjacent_ranges_expand_to_their_union(national, raw, events, split, until):
    schedule = parse(raw)
    ctx = context(national, events, until=until)
    lo, hi = dt.date(2024, 1, 1), dt.date(2026, 12, 31)
    union = windows(schedule, ctx, lo, hi)
    parts = windows(schedule, ctx, lo, split) + windows(schedule, ctx, split + ONE, hi)
    assert sorted(parts, key=repr) == sorted(union, key=repr)


@SETTINGS
@given(raw=SCHEDULES, events=EVENT_DATES)
def test_inclusive_and_exclusive_differ_by_one_day(national, raw, events):
    assume("inclusive" in raw)
    schedule = parse(raw)
    ctx = context(national, events)
    lo, hi = dt.date(2023, 6, 1), dt.date(2027, 6, 30)
    inner = (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    # paired by the day the text names: `once` is labelled by the year of its last allowed
    # day, so "trước ngày 1/1/2024" is period 2023 and "đến hết ngày 1/1/2024" period 2024
    def pair(w):
        return w.named, None if schedule.kind == "once" else w.period

    inclusive = {pair(w): w for w in windows(attrs.evolve(schedule, inclusive=True), ctx, lo, hi)}
    exclusive = {pair(w): w for w in windows(attrs.evolve(schedule, inclusive=False), ctx, lo, hi)}
    for key, window in inclusive.items():
        if inner[0] <= window.last_allowed <= inner[1]:
            assert key[0] is not None
            assert exclusive[key].last_allowed == window.last_allowed - ONE


@SETTINGS
@given(raw=SCHEDULES, events=EVENT_DATES)
def test_period_labels_are_unique_per_duty(national, raw, events):
    schedule = parse(raw)
    labels = [w.period for w in windows(schedule, context(national, events), dt.date(2023, 1, 1), dt.date(2027, 12, 31))]
    assert len(labels) == len(set(labels))


@SETTINGS
@given(raw=st.one_of(periodic(), other()))
def test_a_policy_decides_a_named_day_only_when_the_rule_does_not(national, raw):
    """`inclusive` written in the rule wins over the duty's `before` policy."""
    assume("inclusive" in raw)
    schedule = parse(raw)
    lo, hi = dt.date(2024, 1, 1), dt.date(2026, 12, 31)
    events = (dt.date(2025, 3, 3),)
    assert windows(schedule, context(national, events, before="inclusive"), lo, hi) == \
        windows(schedule, context(national, events, before="exclusive"), lo, hi)


@SETTINGS
@given(raw=periodic(form="day"))
def test_a_named_day_is_the_day_the_label_gives(national, raw):
    """The exact law for the `day` form: the named day is the day of the month the rule
    names, counted here from the period's first and last day (`periods.span` of the label)
    without the schedule code's own month arithmetic."""
    schedule = parse(raw)
    for window in windows(schedule, context(national), dt.date(2024, 1, 1), dt.date(2026, 12, 31)):
        start, end = periods.span(schedule.kind, window.period)
        number = raw.get("month", 1)
        if raw.get("of") == "next":       # the number-th month after the period's last
            index = end.year * 12 + end.month - 1 + number
        elif number == "last":
            index = end.year * 12 + end.month - 1
        else:                             # the number-th month of the period
            index = start.year * 12 + start.month - 1 + number - 1
        year, month = divmod(index, 12)
        month += 1
        named = month_end(year, month) if raw["day"] == "last" else dt.date(year, month, raw["day"])
        assert window.named == named, (raw, window)
        allowed = named if raw.get("inclusive", True) else named - dt.timedelta(days=1)
        assert window.last_allowed == allowed, (raw, window)


@st.composite
def working_day_offsets(draw):
    """A schedule that counts N working days from a base day: a period's end or start, or an
    event, before or after."""
    n = draw(st.integers(0, 40))
    inclusive = draw(st.booleans())
    if draw(st.booleans()):
        return {"every": draw(st.sampled_from(periods.PERIOD_KINDS)), "offset": n, "unit": "working_days",
                "from": draw(st.sampled_from(["end", "start"])), "inclusive": inclusive}
    direction = draw(st.sampled_from(["after", "before"]))
    return {"every": "event", "event": "su-kien", "direction": direction, "offset": max(n, direction == "after"),
            "unit": "working_days", "inclusive": inclusive}


@SETTINGS
@given(raw=working_day_offsets(), events=st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), min_size=1, max_size=3))
def test_n_working_days_make_exactly_n_working_days(national, raw, events):
    """The working-day law, stated exactly (docs/calendar.md, "Working days"; Civil Code 2015
    Art. 147): N working days after a base day end on a working day D such that the closed
    range [base + 1, D] holds exactly N working days (before: [D, base - 1]); the last allowed
    day is D when inclusive, D - 1 when exclusive ("trước ngày D"); the deadline is then
    moved off a day off by the schedule's roll (previous for periods and `before`, next for
    `after`). Every count is made on the calendar written in this file."""
    schedule = parse(raw)
    n, inclusive = raw["offset"], raw["inclusive"]
    seen = 0
    for window in windows(schedule, context(national, events), dt.date(2024, 1, 1), dt.date(2026, 12, 31)):
        seen += 1
        if schedule.kind == "event":
            base, after = dt.date.fromisoformat(window.period), raw["direction"] == "after"
        else:
            start, end = periods.span(schedule.kind, window.period)
            base, after = (end if raw["from"] == "end" else start), True
        named = window.last_allowed + (dt.timedelta(0) if inclusive else ONE)
        if after:
            assert named >= base and working_between(base + ONE, named) == n, (raw, window, base)
        else:
            assert named <= base and working_between(named, base - ONE) == n, (raw, window, base)
        if n:
            assert working(named), (raw, window)        # the N-th working day, not a day after it
        else:
            assert named == base
        # the deadline: moved off a day off the way the schedule's roll says
        deadline = national.roll(window.last_allowed, schedule.default_roll).result
        step = ONE if schedule.default_roll == "next" else -ONE
        expected = window.last_allowed
        while not working(expected):
            expected += step
        assert deadline == expected, (raw, window)
    assert seen or schedule.kind == "event"        # three years hold periods of every kind


@pytest.mark.parametrize("raw, event, last_allowed", [
    # 3 working days after Thursday 12/2/2026: Friday 13/2, then Tết (16-20/2) and two
    # weekends, Monday 23/2, Tuesday 24/2. Counting calendar days would give 15/2.
    ({"direction": "after", "offset": 3, "inclusive": True}, "2026-02-12", "2026-02-24"),
    # 3 working days after Wednesday 31/12/2025: 1/1 (New Year) and 2/1 (swapped, 12729/VPCP-KGVX)
    # are days off, then a weekend: Monday 5/1, Tuesday 6/1, Wednesday 7/1; exclusive: 6/1.
    ({"direction": "after", "offset": 3, "inclusive": False}, "2025-12-31", "2026-01-06"),
    # 2 working days after Thursday 8/1/2026: Friday 9/1, and Saturday 10/1, a make-up working day.
    ({"direction": "after", "offset": 2, "inclusive": True}, "2026-01-08", "2026-01-10"),
    # 5 working days before Monday 2/3/2026: Friday 27/2, Thursday 26, Wednesday 25, Tuesday 24,
    # Monday 23/2 (Tết 16-20/2 is not reached).
    ({"direction": "before", "offset": 5, "inclusive": True}, "2026-03-02", "2026-02-23"),
    # 5 working days before Tuesday 24/2/2026: Monday 23/2, then Tết and a weekend, Friday 13/2,
    # Thursday 12, Wednesday 11, Tuesday 10/2.
    ({"direction": "before", "offset": 5, "inclusive": True}, "2026-02-24", "2026-02-10"),
])
def test_working_days_by_hand(national, raw, event, last_allowed):
    """The law on days worked out by hand from the published calendar."""
    schedule = parse({"every": "event", "event": "su-kien", "unit": "working_days", **raw})
    [window] = windows(schedule, context(national, [dt.date.fromisoformat(event)]), dt.date(2024, 1, 1),
                       dt.date(2026, 12, 31))
    assert window.last_allowed == dt.date.fromisoformat(last_allowed)
