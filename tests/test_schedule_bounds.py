"""Every bound on every schedule form, at load time (issue 22).

For each schedule form of the rule language, the new `every = ...` forms and the old
`type = ...` ones (obligations/rules/schedules/parse.py), each date and number field is
given a value out of its range: `due` must refuse it with exit 2 naming the field, `check`
with exit 1, and neither may end in an internal error (the old `within_days` form skipped
the 1900-2100 bound: start = 9999-12-20 ended in an OverflowError, exit 70). Each bad value
has a good twin in the same form that loads, so a refusal is the bound's and not a typo's.

The bounds (written down from the docs, not read from the code): dates 1900-01-01 to
2100-12-31, the years the calendar can place (docs/rules.md); an offset or a number of days
0 to 3660 (ten years), `days` of within_days at least 1, an offset after an event at least
1; a month 1-12 (or 1 to the months of its period); a day 1-31 that exists in that month
every year; `only` 1 to the number of such periods in a year; rrule INTERVAL 1-1000 and
UNTIL within the dates above.
"""

from __future__ import annotations

import pytest

from obligations.rules.schedules.parse import KINDS, LEGACY_TYPES

ORG = """[[unit]]
id = "tinh-T"
name = "Tỉnh T"
level = "province"

[[unit]]
id = "xa-T1"
name = "Xã T1"
level = "commune"
parent = "tinh-T"
"""

RULE = """[directive]
id = "1-KH-T"
number = "1-KH/T"
kind = "plan"
issuer = "Ban Thường vụ Tỉnh ủy T"
unit = "tinh-T"
title = "Kế hoạch thử"

[[event]]
id = "nhan"
source = "ngày nhận kế hoạch"
date = {event}

[[duty]]
id = "bao-cao"
section = "1"
source = "báo cáo"
kind = "report"
title_vi = "Báo cáo"
performers = ["children"]
recipient = "issuer"
schedule = {schedule}
valid = {{ from = 2026-01-05 }}
"""

# form -> [(field, a schedule that loads, the same schedule with the field out of range)]
CASES: dict[str, list[tuple[str, str, str]]] = {
    "once": [
        ("schedule.date", '{ every = "once", date = 2026-04-20 }', '{ every = "once", date = 9999-12-31 }'),
        ("schedule.date", '{ every = "once", date = 2026-04-20, inclusive = false }',
         '{ every = "once", date = 0001-01-01, inclusive = false }'),
        ("schedule.start", '{ every = "once", start = 2026-04-01, date = 2026-04-30 }',
         '{ every = "once", start = 1899-12-31, date = 2026-04-30 }'),
    ],
    "week": [("schedule.offset", '{ every = "week", offset = 3 }', '{ every = "week", offset = 3661 }')],
    "month": [
        ("schedule.day", '{ every = "month", day = 15 }', '{ every = "month", day = 32 }'),
        ("schedule.offset", '{ every = "month", offset = 7, unit = "working_days" }',
         '{ every = "month", offset = 99999, unit = "working_days" }'),
        ("schedule.only", '{ every = "month", only = [12] }', '{ every = "month", only = [13] }'),
    ],
    "quarter": [
        ("schedule.month", '{ every = "quarter", month = 3, day = 6 }', '{ every = "quarter", month = 4, day = 6 }'),
        ("schedule.only", '{ every = "quarter", only = [4] }', '{ every = "quarter", only = [5] }'),
    ],
    "half": [("schedule.only", '{ every = "half", only = [2] }', '{ every = "half", only = [3] }')],
    "nine_months": [("schedule.day", '{ every = "nine_months", month = 9, day = 30 }',
                     '{ every = "nine_months", month = 9, day = 0 }')],
    "year": [
        ("schedule.month", '{ every = "year", month = 12, day = 15 }', '{ every = "year", month = 13, day = 15 }'),
        ("schedule.in_month", '{ every = "year", in_month = 11 }', '{ every = "year", in_month = 0 }'),
        ("schedule.month", '{ every = "year", of = "next", month = 1, day = 10 }',
         '{ every = "year", of = "next", month = 13, day = 10 }'),
    ],
    "event": [
        ("schedule.offset", '{ every = "event", event = "nhan", direction = "after", offset = 15 }',
         '{ every = "event", event = "nhan", direction = "after", offset = 3661 }'),
        ("schedule.offset", '{ every = "event", event = "nhan", direction = "after", offset = 15 }',
         '{ every = "event", event = "nhan", direction = "after", offset = 0 }'),
        ("date", "", "9999-12-20"),     # the [[event]] date the schedule counts from
        ("date", "", "1899-12-31"),
    ],
    "rrule": [
        ("UNTIL", '{ every = "rrule", rrule = "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=20;UNTIL=20301231" }',
         '{ every = "rrule", rrule = "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=20;UNTIL=99991231" }'),
        ("INTERVAL", '{ every = "rrule", rrule = "FREQ=YEARLY;INTERVAL=2;BYMONTH=4;BYMONTHDAY=20" }',
         '{ every = "rrule", rrule = "FREQ=YEARLY;INTERVAL=0;BYMONTH=4;BYMONTHDAY=20" }'),
    ],
    "peaks": [
        ("schedule.days_before", '{ every = "peaks", around = ["quoc-khanh"], days_before = 14 }',
         '{ every = "peaks", around = ["quoc-khanh"], days_before = 99999 }'),
        ("schedule.days_after", '{ every = "peaks", around = ["quoc-khanh"], days_after = 3 }',
         '{ every = "peaks", around = ["quoc-khanh"], days_after = -1 }'),
    ],
    "once_before": [("schedule.date", '{ type = "once_before", date = 2026-04-20 }',
                     '{ type = "once_before", date = 9999-12-31 }')],
    "once_in_month": [
        ("schedule.year", '{ type = "once_in_month", year = 2026, month = 4 }',
         '{ type = "once_in_month", year = 9999, month = 4 }'),
        ("schedule.month", '{ type = "once_in_month", year = 2026, month = 4 }',
         '{ type = "once_in_month", year = 2026, month = 13 }'),
    ],
    "once_between": [
        ("schedule.start", '{ type = "once_between", start = 2026-04-01, end = 2026-04-30 }',
         '{ type = "once_between", start = 1800-01-01, end = 2026-04-30 }'),
        ("schedule.end", '{ type = "once_between", start = 2026-04-01, end = 2026-04-30 }',
         '{ type = "once_between", start = 2026-04-01, end = 2101-01-01 }'),
    ],
    "yearly_in_month": [("schedule.month", '{ type = "yearly_in_month", month = 11 }',
                         '{ type = "yearly_in_month", month = 13 }')],
    "yearly_before": [
        ("schedule.month", '{ type = "yearly_before", month = 12, day = 15 }',
         '{ type = "yearly_before", month = 0, day = 15 }'),
        ("schedule.day", '{ type = "yearly_before", month = 12, day = 15 }',
         '{ type = "yearly_before", month = 12, day = 32 }'),
    ],
    "within_days": [
        ("schedule.start", '{ type = "within_days", start = 2026-03-03, days = 30 }',
         '{ type = "within_days", start = 9999-12-20, days = 30 }'),
        ("schedule.start", '{ type = "within_days", start = 2026-03-03, days = 30 }',
         '{ type = "within_days", start = 1899-12-31, days = 30 }'),
        ("schedule.days", '{ type = "within_days", start = 2026-03-03, days = 30 }',
         '{ type = "within_days", start = 2026-03-03, days = 0 }'),
        ("schedule.days", '{ type = "within_days", start = 2026-03-03, days = 30 }',
         '{ type = "within_days", start = 2026-03-03, days = 3661 }'),
    ],
}
# forms without a date or number field of their own: nothing to put out of range
FIELDLESS = {"monthly", "quarterly"}
EVENT_SCHEDULE = '{ every = "event", event = "nhan", direction = "after", offset = 15 }'


def test_every_schedule_form_is_covered():
    # the new forms and the old types of the rule language, as parse.py lists them: a form
    # added there without its bounds here fails this test
    assert set(CASES) | FIELDLESS == set(KINDS) | set(LEGACY_TYPES)


def _write(tmp_path, schedule: str, event: str = "2026-03-03") -> list[str]:
    rules = tmp_path / "rules"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / "1-KH-T.toml").write_text(RULE.format(schedule=schedule, event=event), encoding="utf-8")
    (tmp_path / "org.toml").write_text(ORG, encoding="utf-8")
    return ["--rules", str(rules), "--org", str(tmp_path / "org.toml")]


PARAMS = [pytest.param(form, field, good, bad, id=f"{form}-{field}-{bad[-40:] if bad[0] == '{' else bad}")
          for form, cases in CASES.items() for field, good, bad in cases]


@pytest.mark.parametrize("form, field, good, bad", PARAMS)
def test_an_out_of_range_field_is_refused_at_load_time(run_cli, tmp_path, form, field, good, bad):
    event_date = bad if bad[0] != "{" else "2026-03-03"
    good_args = _write(tmp_path / "good", good or EVENT_SCHEDULE)
    code, _, err = run_cli("due", "--unit", "xa-T1", "--on", "2026-11-23", *good_args)
    assert code == 0, err

    bad_args = _write(tmp_path / "bad", bad if bad[0] == "{" else EVENT_SCHEDULE, event_date)
    code, _, err = run_cli("due", "--unit", "xa-T1", "--on", "2026-11-23", *bad_args)
    assert code == 2 and field in err and "internal error" not in err, err
    assert "1-KH-T.toml" in err and len(err.strip().splitlines()) == 1, err   # the file, one message
    code, out, err = run_cli("check", *bad_args)
    assert code == 1 and field in out and "internal error" not in out + err, out + err
