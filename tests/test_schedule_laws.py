"""Laws every shape of schedule keeps, checked with hypothesis on the real calendar.

- each occurrence's last allowed day lies inside or after its period, as the shape says;
- expanding two adjacent ranges gives exactly the expansion of their union;
- inclusive and exclusive forms of one schedule differ by exactly one day before rolling;
- period labels are unique per duty, and each label fits the schedule.
"""

import datetime as dt
import os
from pathlib import Path

import attrs
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


def _counted(base, offset, unit, slack, *, after):
    """Where N days, or N working days, counted from ``base`` can end.

    Calendar days land on base ± N exactly (one day less when exclusive). Working days are
    at least N calendar days away and at most 2N + 14: weekends take 2 of every 7 days and
    the longest run of days off (Tết with its weekends) is under two weeks."""
    n = dt.timedelta(days=offset)
    if unit == "working_days":
        far = dt.timedelta(days=2 * offset + 14)
        return (base + n - slack, base + far) if after else (base - far, base - n)
    return (base + n - slack, base + n) if after else (base - n - slack, base - n)


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
