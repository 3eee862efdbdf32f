"""Laws of the working-day calendar, checked with hypothesis over 1996-2099."""

import datetime as dt

from hypothesis import given, settings, strategies as st

from obligations.calendar import lunar
from obligations.calendar.working import ROLL_POLICIES

dates = st.dates(min_value=dt.date(1996, 1, 15), max_value=dt.date(2099, 12, 15))
small = st.integers(min_value=0, max_value=40)


@given(dates)
def test_next_and_previous_working_day(national, day):
    after = national.next_working_day(day)
    before = national.previous_working_day(day)
    assert national.is_working_day(after) and after > day
    assert national.is_working_day(before) and before < day
    # nothing working strictly between them and the day
    assert national.count_working_days(day + dt.timedelta(1), after) == 0
    assert national.count_working_days(before + dt.timedelta(1), day) == 0


@given(dates, st.sampled_from(ROLL_POLICIES))
def test_roll_is_idempotent_and_lands_on_a_working_day(national, day, policy):
    first = national.roll(day, policy).result
    assert national.roll(first, policy).result == first
    if policy == "none":
        assert first == day
    else:
        assert national.is_working_day(first)
        assert (first <= day) if policy == "previous" else (first >= day)
        assert national.is_working_day(day) == (first == day)


@given(dates, small)
def test_add_then_subtract_returns_to_a_working_day_not_after_start(national, day, n):
    there = national.add_working_days(day, n)
    back = national.add_working_days(there, -n)
    assert back <= day
    if n:
        assert national.is_working_day(back)
        assert national.is_working_day(there)
    if national.is_working_day(day):
        assert back == day
        assert national.count_working_days(day, there) == n


@given(st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2097, 12, 31)),
       st.integers(0, 400), st.integers(0, 400))
def test_counting_is_additive_over_adjacent_ranges(national, start, a, b):
    middle = start + dt.timedelta(a)
    end = middle + dt.timedelta(b)
    whole = national.count_working_days(start, end)
    assert whole == national.count_working_days(start, middle) + national.count_working_days(middle, end)
    assert national.count_working_days(end, start) == -whole
    assert whole == len(list(national.working_days(start, end - dt.timedelta(1))))


@settings(max_examples=30)
@given(st.integers(1996, 2099))
def test_every_bundled_commemoration_occurs_once_a_year(national, year):
    for item in national.data.commemorations:
        assert len(item.dates_in(year)) == 1, (item.id, year)


@given(st.integers(1996, 2098), st.integers(1, 12), st.integers(1, 30))
def test_a_lunar_anniversary_occurs_once_every_lunar_year(year, month, day):
    # In solar terms a date early in the 12th lunar month can fall twice in one year
    # (January and December); per lunar year it is always exactly once.
    solar = lunar.observed_solar(year, month, day)
    back = lunar.to_lunar(solar)
    assert (back.year, back.month, back.leap) == (year, month, False)
    assert back.day == day or (day == 30 and back.day == 29)


@given(dates)
def test_lunar_conversion_round_trips(day):
    value = lunar.to_lunar(day)
    assert lunar.to_solar(value.year, value.month, value.day, value.leap) == day
