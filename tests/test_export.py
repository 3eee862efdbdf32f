"""iCalendar, CSV and JSON export: parsed back and checked field by field."""

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

ARGS = ("export", "--unit", "xa-X", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-11-23")


def events(data: bytes):
    cal = icalendar.Calendar.from_ical(data)
    return cal, {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_ics_fields_round_trip(run_cli, tmp_path):
    target = tmp_path / "xa-X.ics"
    code, out, err = run_cli(*ARGS, "--out", str(target), "--remind", "3", "--past-alarms")
    assert code == 0 and out == "" and err == ""
    raw = target.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))            # folded by octets
    raw.decode("utf-8")                                                   # and still valid UTF-8
    cal, evs = events(raw)
    assert str(cal["version"]) == "2.0" and "obligations" in str(cal["prodid"])
    (report,) = [e for e in evs.values()
                 if str(e["x-obligations-duty"]) == "76-KH-DU/dang-uy-bao-cao-hang-nam"
                 and str(e["x-obligations-period"]) == "2026"]
    # one event on the deadline day (30/11), the window in the description (issue #13)
    assert report.decoded("dtstart") == dt.date(2026, 11, 30)
    assert report.decoded("dtend") == dt.date(2026, 12, 1)                 # exclusive end
    assert str(report["x-obligations-window-start"]) == "2026-11-01"
    assert report["sequence"] == 0 and report.decoded("last-modified").tzinfo is not None
    assert str(report["x-obligations-deadline"]) == "2026-11-30"
    assert str(report["x-obligations-status"]) == "due_soon"
    assert str(report["summary"]) == "[Hạn 30/11/2026] Đảng ủy xã báo cáo kết quả đợt sinh hoạt hằng năm (năm 2026)"
    description = str(report["description"])
    assert "“Tham mưu Ban Thường vụ Đảng ủy xây dựng báo cáo kết quả đợt sinh hoạt chính trị, tư tưởng vào tháng 11 hằng năm;" in description
    assert "Nguồn: 76-KH/ĐU mục V.7" in description and "Gửi: Tỉnh ủy Quảng Ngãi" in description
    assert "Thời gian: 2026-11-01 → 2026-11-30" in description
    assert [str(c) for c in report["categories"].cats] == ["report", "76-KH/ĐU"]
    (alarm,) = report.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].params["VALUE"] == "DATE-TIME"
    # 3 working days before Monday 30/11/2026 is Wednesday 25/11 (24/11 is Culture Day), 08:00 in Vietnam.
    assert alarm.decoded("trigger") == dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc)
    assert report.decoded("dtstamp").tzinfo is not None


def test_peaks_sit_on_their_day_with_the_window_said(run_cli):
    _, out, _ = run_cli(*ARGS)
    _, evs = events(out.encode("utf-8"))
    (peak,) = [e for e in evs.values() if str(e["x-obligations-period"]) == "2025-09-02"]
    assert peak.decoded("dtstart") == dt.date(2025, 9, 2) and peak.decoded("dtend") == dt.date(2025, 9, 3)
    assert str(peak["x-obligations-window-start"]) == "2025-08-19"


def test_no_reminder_in_the_past_unless_asked(run_cli, clock):
    # the injected clock (never the wall clock): 09:00 on 25/11/2026 in Vietnam, one hour after
    # the 08:00 reminder of the deadline of 30/11 (tests above)
    now = clock(dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.timezone.utc))
    _, out, _ = run_cli(*ARGS)
    alarms = [a.decoded("trigger") for e in events(out.encode())[1].values() for a in e.walk("VALARM")]
    assert all(at >= now for at in alarms)
    _, out, _ = run_cli(*ARGS, "--past-alarms")
    asked = [a.decoded("trigger") for e in events(out.encode())[1].values() for a in e.walk("VALARM")]
    assert len(asked) > len(alarms) and any(at < now for at in asked)
    assert dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc) in set(asked) - set(alarms)
    # an hour earlier by the clock, that reminder is still ahead and kept
    clock(dt.datetime(2026, 11, 24, 23, 0, tzinfo=dt.timezone.utc))
    _, out, _ = run_cli(*ARGS)
    earlier = [a.decoded("trigger") for e in events(out.encode())[1].values() for a in e.walk("VALARM")]
    assert dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc) in earlier


def test_a_changed_event_gets_a_new_sequence_and_last_modified(run_cli, tmp_path):
    import ics as ics_library     # a second parser, as a calendar client would use

    target = tmp_path / "x.ics"
    assert run_cli(*ARGS, "--out", str(target))[0] == 0
    first = {e.uid: e for e in ics_library.Calendar(target.read_text(encoding="utf-8")).events}
    assert run_cli(*ARGS, "--out", str(target))[0] == 0                   # nothing changed: same versions
    again = {e.uid: e for e in ics_library.Calendar(target.read_text(encoding="utf-8")).events}
    assert {u: _sequence(e) for u, e in first.items()} == {u: _sequence(e) for u, e in again.items()}
    assert run_cli("extend", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam", "--period", "2026",
                   "--until", "2026-12-04", "--ref", "45-CV/BTGTU")[0] == 0
    assert run_cli(*ARGS, "--out", str(target))[0] == 0
    after = {e.uid: e for e in ics_library.Calendar(target.read_text(encoding="utf-8")).events}
    changed = [u for u in after if _sequence(after[u]) != _sequence(first[u])]
    assert len(changed) == 1 and _sequence(after[changed[0]]) == 1
    assert after[changed[0]].begin.date() == dt.date(2026, 12, 4)        # all day on the extended deadline
    assert after[changed[0]].last_modified >= first[changed[0]].last_modified


def _sequence(event) -> int:
    return int(next(line.value for line in event.extra if line.name == "SEQUENCE"))


def test_uids_are_stable_across_runs_and_unique(run_cli):
    _, first, _ = run_cli(*ARGS)
    _, second, _ = run_cli(*ARGS, "--on", "2025-06-01")     # another day: statuses change, UIDs do not
    _, a = events(first.encode())
    _, b = events(second.encode())
    assert set(a) == set(b) and len(a) == len(first.split("BEGIN:VEVENT")) - 1
    keys = {(str(e["x-obligations-duty"]), str(e["x-obligations-period"])) for e in a.values()}
    assert len(keys) == len(a)


def test_done_items_have_no_reminder(run_cli):
    run_cli("submit", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam", "--period", "2025",
            "--on", "2025-11-20")
    _, out, _ = run_cli(*ARGS)
    _, evs = events(out.encode())
    (done,) = [e for e in evs.values() if str(e["x-obligations-duty"]).endswith("dang-uy-bao-cao-hang-nam")
               and str(e["x-obligations-period"]) == "2025"]
    assert str(done["x-obligations-status"]) == "done" and not done.walk("VALARM")


def test_csv_and_json(run_cli):
    _, out, _ = run_cli(*ARGS, "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(out)))
    (row,) = [r for r in rows if r["duty"] == "CV-BTVTU-KonTum/bao-cao-hang-nam" and r["period"] == "2025"]
    assert row["deadline"] == "2025-12-12" and row["directive"] == "Công văn BTVTU Kon Tum"
    assert row["title"] == "Yearly report to the provincial standing committee"
    _, out, _ = run_cli(*ARGS, "--format", "json")
    items = json.loads(out)["items"]
    assert {i["uid"] for i in items} == {r["uid"] for r in rows}


def test_due_format_ics(run_cli):
    code, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "ics")
    _, evs = events(out.encode())
    assert code == 0 and {str(e["x-obligations-deadline"]) for e in evs.values()} == {"2026-11-30", "2026-12-14"}


@pytest.mark.parametrize("argv,message", [
    (["--to", "2024-01-01"], "--to (2024-01-01) is before --from"),
    (["--remind", "-1"], "--remind -1 is outside 0-250 working days"),
])
def test_bad_export_input(run_cli, argv, message):
    base = ["export", "--unit", "xa-X", "--from", "2025-01-01", "--to", "2026-12-31"]
    args = base[:]
    if argv[0] == "--to":
        args[args.index("--to") + 1] = argv[1]
    else:
        args += argv
    code, out, err = run_cli(*args, "--lang", "en")
    assert code == 2 and message in err and "Traceback" not in err


def test_unwritable_output(run_cli, tmp_path):
    code, _, err = run_cli(*ARGS, "--out", str(tmp_path / "missing" / "x.ics"), "--lang", "en")
    assert code == 2 and "cannot write" in err


def test_a_cells_year_imports_as_events_on_deadline_days(run_cli, tmp_path):
    import ics as ics_library
    import vobject

    target = tmp_path / "chibo-1.ics"
    assert run_cli("export", "--unit", "chibo-1", "--from", "2025-01-01", "--to", "2025-12-31",
                   "--on", "2025-06-01", "--out", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    parsed = ics_library.Calendar(text).events
    deadlines = {e.uid: next(x.value for x in e.extra if x.name == "X-OBLIGATIONS-DEADLINE") for e in parsed}
    assert len(parsed) >= 12 and all(e.begin.date().isoformat() == deadlines[e.uid] for e in parsed)
    card = vobject.readOne(text)
    assert all(v.dtstart.value.isoformat() == v.x_obligations_deadline.value for v in card.vevent_list)
