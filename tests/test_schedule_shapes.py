"""The acceptance fixture of the schedule language (tests/fixtures/shapes, issue #11):
every shape of deadline the issue lists, through the command line, with the dates
computed by hand; and bad schedules refused with file, line and fix."""

import json

import pytest

from conftest import FIXTURES

SHAPES = FIXTURES / "shapes"
DATA = ("--rules", str(SHAPES), "--org", str(SHAPES / "hierarchy.toml"))

# duty, period, own deadline (by hand: 30/4 and 1/5/2025 holidays, 2/5/2025 a substituted day off)
TABLE = [
    ("s01", "2025-03", "2025-03-14"), ("s01", "2025-06", "2025-06-13"),
    ("s02", "2025-Q2", "2025-06-06"), ("s02", "2025-Q3", "2025-09-05"),
    ("s03", "2024", "2025-01-17"), ("s04", "2025-H1", "2025-07-09"), ("s05", "2025-04", "2025-05-13"),
    ("s06", "2025-03-03", "2025-03-18"), ("s07", "2025-06-20", "2025-05-30"), ("s08", "2025", "2025-03-28"),
    ("s09", "2025", "2025-12-15"), ("s10", "2025-Q1", "2025-04-09"), ("s10", "2025-Q4", "2026-01-09"),
    ("s11", "2025-W18", "2025-04-29"), ("s12", "2025-09-25", "2025-09-24"),
]


@pytest.fixture
def db(run_cli, tmp_path):
    path = str(tmp_path / "log.sqlite3")
    for event, day in (("nhan-ke-hoach", "2025-03-03"), ("khai-mac-dai-hoi", "2025-06-20")):
        code, out, err = run_cli("event", *DATA, "--unit", "don-vi-A", "--event", event, "--on", day, "--db", path)
        assert code == 0, err
        assert event in out
    return path


def explain(run_cli, duty, period, db, *extra):
    code, out, err = run_cli("explain", *DATA, "--unit", "don-vi-A", "--duty", f"SHAPES/{duty}", "--period", period,
                             "--format", "json", "--db", db, *extra)
    assert code == 0, err
    return json.loads(out)


def test_the_table_of_the_issue(run_cli, db):
    for duty, period, want in TABLE:
        doc = explain(run_cli, duty, period, db)
        assert (duty, period, doc["own_deadline"]) == (duty, period, want)
        assert doc["period"] == period
        assert doc["deadline_time"] == ("16:00" if duty == "s08" else None)


def test_event_deadlines_follow_the_civil_code(run_cli, db):
    doc = explain(run_cli, "s06", "2025-03-03", db)
    # Art. 147: the period starts the day after receipt; 15 days end on 18/3.
    assert doc["window_start"] == "2025-03-04" and doc["last_allowed"] == "2025-03-18"
    assert doc["schedule"]["event"] == "nhan-ke-hoach"
    doc = explain(run_cli, "s07", "2025-06-20", db)
    # 20 days before 20/6 is Saturday 31/5; rolled back to Friday 30/5.
    assert doc["last_allowed"] == "2025-05-31" and [m["date"] for m in doc["calendar"]["skipped"]] == ["2025-05-31"]


def test_an_event_not_recorded_is_named_with_the_command_to_record_it(run_cli, tmp_path):
    code, out, err = run_cli("explain", *DATA, "--unit", "don-vi-A", "--duty", "SHAPES/s06", "--format", "json",
                             "--db", str(tmp_path / "empty.sqlite3"))
    assert code == 2 and out == "" and "nhan-ke-hoach" in err and "obligations event --unit don-vi-A" in err


def test_an_unknown_event_is_refused_and_nothing_written(run_cli, tmp_path):
    path = tmp_path / "log.sqlite3"
    code, out, err = run_cli("event", *DATA, "--unit", "don-vi-A", "--event", "dai-hoi", "--on", "2025-06-20",
                             "--db", str(path), "--lang", "en")
    assert code == 2 and "unknown event 'dai-hoi'" in err and "khai-mac-dai-hoi" in err and not path.exists()


def test_status_lists_recorded_events(run_cli, db):
    code, out, err = run_cli("status", *DATA, "--unit", "don-vi-A", "--on", "2025-07-01", "--db", db,
                             "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert [(e["event"], e["on"]) for e in doc["events"]] == [("nhan-ke-hoach", "2025-03-03"),
                                                               ("khai-mac-dai-hoi", "2025-06-20")]
    assert {("SHAPES/s06", "2025-03-03"), ("SHAPES/s07", "2025-06-20")} <= {(i["duty"], i["period"]) for i in doc["items"]}


def test_due_json_and_calendar_carry_the_time_of_day(run_cli, db):
    code, out, err = run_cli("due", *DATA, "--unit", "don-vi-A", "--on", "2025-03-20", "--db", db, "--format", "json")
    assert code == 0, err
    items = {i["duty"]: i for i in json.loads(out)["items"]}
    assert items["SHAPES/s08"]["deadline_time"] == "16:00" and items["SHAPES/s01"]["deadline_time"] is None
    assert items["SHAPES/s06"]["period"] == "2025-03-03" and items["SHAPES/s06"]["own_deadline"] == "2025-03-18"
    code, out, err = run_cli("due", *DATA, "--unit", "don-vi-A", "--on", "2025-03-20", "--db", db, "--format", "ics")
    assert code == 0, err
    # a moment on the deadline day (issue #13: events on deadline days), in Vietnam's zone
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20250328T160000" in out and "BEGIN:VTIMEZONE" in out
    assert "TZOFFSETTO:+0700" in out


def test_a_period_that_does_not_fit_the_duty(run_cli, db):
    code, out, err = run_cli("explain", *DATA, "--unit", "don-vi-A", "--duty", "SHAPES/s02", "--period", "2025-06",
                             "--db", db, "--lang", "en")
    assert code == 2 and "shapes.toml:" in err and "does not fit" in err and "YYYY-Qn" in err
    code, out, err = run_cli("explain", *DATA, "--unit", "don-vi-A", "--duty", "SHAPES/s04", "--period", "2025-H2",
                             "--db", db, "--lang", "en")
    assert code == 2 and "does not fit" in err


def test_check_verifies_the_examples_of_the_fixture(run_cli):
    code, out, err = run_cli("check", *DATA)
    # the only findings are the two Tết weeks of the weekly report (see the duty's note)
    lines = [line for line in (out + err).splitlines() if "shapes.toml" in line]
    assert code == 1 and len(lines) == 2 and all("s11" in line and "no working day" in line for line in lines)
    assert "example" not in out + err


# -- bad schedules: one message with file, line and fix; check exits 1, due exits 2 ----------

HEAD = ('[directive]\nid = "BAD"\nnumber = "1-KH/BAD"\nkind = "plan"\nissuer = "x"\nunit = "tinh-B"\ntitle = "t"\n')
DUTY = ('\n[[duty]]\nid = "x"\nsection = "1"\nsource = "s"\nkind = "report"\ntitle_vi = "a"\ntitle_en = "a"\n'
        'performers = ["level:commune"]\nrecipient = "issuer"\nschedule = {schedule}\nvalid = {{ from = 2024-01-01 }}\n')
BAD = {
    "impossible day": ('{ every = "quarter", month = "last", day = 31 }', "31/6 does not happen every year",
                       "or day = \"last\""),
    "billion days": ('{ every = "month", from = "end", offset = 1000000000, unit = "days", inclusive = true }',
                     "more than ten years", "give the number of days"),
    "unknown event": ('{ every = "event", event = "dai-hoi", direction = "before", offset = 20, inclusive = true }',
                      "unknown event 'dai-hoi'", "[[event]] id = \"dai-hoi\""),
    "unknown kind": ('{ every = "fortnight" }', "unknown schedule kind", "use one of"),
    "two deadlines": ('{ every = "month", day = 5, offset = 3 }', "the deadline is stated twice", "keep the one"),
    "bad time": ('{ every = "once", date = 2025-03-28, time = "16h" }', "not a time of day", "HH:MM"),
    "impossible rrule": ('{ every = "rrule", rrule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }', "never generates",
                         "RFC 5545"),
    "weekday of a month": ('{ every = "month", weekday = "FR" }', "weekday needs every = \\\"week\\\"", "e.g."),
    "both forms": ('{ every = "month", type = "monthly" }', "both `every` and the old `type`", "keep `every`"),
    "interval zero (dateutil would loop for ever)": ('{ every = "rrule", rrule = "FREQ=YEARLY;INTERVAL=0;BYMONTH=3" }',
                                                     "INTERVAL=0 is not a whole number from 1 to 1000", "RFC 5545"),
    "zero days after an event": ('{ every = "event", event = "nhan", direction = "after", offset = 0 }',
                                 "after an event must be at least 1", 'direction = \\"before\\", offset = 0'),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_schedules_are_refused(run_cli, tmp_path, case):
    import shutil

    schedule, message, fix = BAD[case]
    rules = tmp_path / "rules"
    shutil.copytree(SHAPES, rules)
    (rules / "zz-bad.toml").write_text(HEAD + DUTY.format(schedule=schedule), encoding="utf-8")
    data = ("--rules", str(rules), "--org", str(rules / "hierarchy.toml"))
    code, out, err = run_cli("check", *data)
    assert code == 1 and "zz-bad.toml:9 (duty 'x')" in out + err, out + err
    assert message.replace('\\"', '"') in out + err and fix.replace('\\"', '"') in out + err
    code, out, err = run_cli("due", *data, "--unit", "don-vi-A", "--on", "2025-03-01")
    assert code == 2 and out == "" and "zz-bad.toml:9 (nhiệm vụ 'x')" in err and "Traceback" not in err   # due: Vietnamese


def test_an_example_whose_period_does_not_fit_is_a_finding(run_cli, tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(SHAPES, rules)
    text = (rules / "shapes.toml").read_text(encoding="utf-8").replace('period = "2025-Q2"', 'period = "2025-06"')
    (rules / "shapes.toml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", "--rules", str(rules), "--org", str(rules / "hierarchy.toml"))
    assert code == 1 and "example period '2025-06' does not fit" in out + err and "YYYY-Qn" in out + err


def test_nine_months_and_the_data_span_of_decree_09(run_cli, db):
    assert explain(run_cli, "s13", "2025-9M", db)["own_deadline"] == "2025-10-14"
    doc = explain(run_cli, "s14", "2025-05", db)
    assert doc["own_deadline"] == "2025-05-16" and doc["covers"] == ["2025-04-15", "2025-05-14"]
    assert "09/2019" in doc["rule"]["text"]
    doc = explain(run_cli, "s14", "2025-01", db)
    assert doc["covers"] == ["2024-12-15", "2025-01-14"]


def test_export_counts_from_recorded_events(run_cli, db):
    code, out, err = run_cli("export", *DATA, "--unit", "don-vi-A", "--from", "2025-03-01", "--to", "2025-06-30",
                             "--format", "json", "--on", "2025-03-10", "--db", db)
    assert code == 0, err
    assert "SHAPES/s06" in out and "2025-03-18" in out


def test_a_month_named_after_the_duty_has_ended_gives_no_occurrence():
    import datetime as dt

    from obligations.rules.schedules.periodic import Periodic
    from obligations.rules.schedules.base import Context

    class Calendar:
        def add_working_days(self, day, count):
            return day + dt.timedelta(days=count)

        def commemoration_dates(self, commemoration_id, year):
            return []

    november = Periodic(every="year", in_month=11)
    ctx = Context(dt.date(2024, 1, 1), dt.date(2025, 3, 15), "exclusive", "period_start", Calendar(), {})
    found = list(november.expand(ctx, dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
    # 2024's November is inside the validity; 2025's comes after valid.until (15/3): no window
    assert [(w.period, w.last_allowed) for w in found] == [("2024", dt.date(2024, 11, 30))]


def test_recording_the_same_event_twice_writes_it_once(run_cli, db):
    code, _, err = run_cli("event", *DATA, "--unit", "don-vi-A", "--event", "nhan-ke-hoach", "--on", "2025-03-03",
                           "--db", db)
    assert code == 0, err
    _, out, _ = run_cli("status", *DATA, "--unit", "don-vi-A", "--on", "2025-07-01", "--db", db, "--format", "json")
    assert [e["event"] for e in json.loads(out)["events"]].count("nhan-ke-hoach") == 1


def test_a_duty_counted_from_a_recorded_event_can_be_delivered_and_extended(run_cli, db):
    """The occurrence exists only through the event recorded in the same log: submit and
    extend find it there (they said the event had not been recorded)."""
    code, out, err = run_cli("submit", *DATA, "--unit", "don-vi-A", "--duty", "SHAPES/s06", "--period", "2025-03-03",
                             "--on", "2025-03-10", "--db", db)
    assert code == 0 and "SHAPES/s06" in out, err
    code, out, err = run_cli("extend", *DATA, "--unit", "don-vi-A", "--duty", "SHAPES/s07", "--period", "2025-06-20",
                             "--until", "2025-06-25", "--ref", "GH-1/TU", "--db", db)
    assert code == 0, err
    code, out, err = run_cli("status", *DATA, "--unit", "don-vi-A", "--on", "2025-07-01", "--db", db, "--format", "json")
    items = {(i["duty"], i["period"]): i for i in json.loads(out)["items"]}
    assert items[("SHAPES/s06", "2025-03-03")]["result"] == "on_time"
    assert items[("SHAPES/s06", "2025-03-03")]["delivered_on"] == "2025-03-10"
    assert items[("SHAPES/s07", "2025-06-20")]["deadline"] > "2025-06-20"     # the extension counts
