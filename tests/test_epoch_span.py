"""``Hierarchy.epoch_span``: the span of days with one epoch, which occurrence placing uses to ask
for a day's epoch only when a duty's windows leave the span (occurrences/generate._place)."""

import datetime as dt

from hypothesis import given, strategies as st

from obligations.workspace import load

HIERARCHY = load().hierarchy      # the bundled units: communes merged on 1/7/2025, units that end


@given(st.dates(dt.date(1900, 1, 2), dt.date(2200, 12, 30)))
def test_the_span_is_the_days_of_the_epoch(day):
    epoch, first, last = HIERARCHY.epoch_span(day)
    assert epoch == HIERARCHY.epoch(day) == HIERARCHY.epoch(first) == HIERARCHY.epoch(last)
    assert first <= day <= last
    # one day either side is another epoch (or beyond every date)
    assert first == dt.date.min or HIERARCHY.epoch(first - dt.timedelta(1)) == epoch - 1
    assert last == dt.date.max or HIERARCHY.epoch(last + dt.timedelta(1)) == epoch + 1


def test_the_bundled_hierarchy_changes_on_the_first_of_july_2025():
    # the reform of 2025: the old communes end on 30/6/2025, the new ones begin on 1/7/2025
    assert HIERARCHY.epoch_span(dt.date(2025, 6, 30))[2] == dt.date(2025, 6, 30)
    assert HIERARCHY.epoch_span(dt.date(2025, 7, 1))[1] == dt.date(2025, 7, 1)
