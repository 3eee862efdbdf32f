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
    code, out, err = run_cli(*ARGS, "--out", str(target), "--remind", "3")
    assert code == 0 and out == "" and err == ""
    raw = target.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))            # folded by octets
    raw.decode("utf-8")                                                   # and still valid UTF-8
    cal, evs = events(raw)
    assert str(cal["version"]) == "2.0" and "obligations" in str(cal["prodid"])
    (report,) = [e for e in evs.values()
                 if str(e["x-obligations-duty"]) == "76-KH-DU/dang-uy-bao-cao-hang-nam"
                 and str(e["x-obligations-period"]) == "2026"]
    assert report.decoded("dtstart") == dt.date(2026, 11, 1)
    assert report.decoded("dtend") == dt.date(2026, 12, 1)                 # exclusive end: deadline 30/11
    assert str(report["x-obligations-deadline"]) == "2026-11-30"
    assert str(report["x-obligations-status"]) == "due_soon"
    assert str(report["summary"]) == "[Hạn 30/11/2026] Đảng ủy xã báo cáo kết quả đợt sinh hoạt hằng năm (2026)"
    description = str(report["description"])
    assert "“Tham mưu Ban Thường vụ Đảng ủy xây dựng báo cáo kết quả đợt sinh hoạt chính trị, tư tưởng vào tháng 11 hằng năm;" in description
    assert "Nguồn: 76-KH/ĐU mục V.7" in description and "Gửi: Tỉnh ủy Quảng Ngãi" in description
    assert [str(c) for c in report["categories"].cats] == ["report", "76-KH/ĐU"]
    (alarm,) = report.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].params["VALUE"] == "DATE-TIME"
    # 3 working days before Monday 30/11/2026 is Wednesday 25/11 (24/11 is Culture Day), 08:00 in Vietnam.
    assert alarm.decoded("trigger") == dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc)
    assert report.decoded("dtstamp").tzinfo is not None


def test_peaks_appear_as_their_windows(run_cli):
    _, out, _ = run_cli(*ARGS)
    _, evs = events(out.encode("utf-8"))
    (peak,) = [e for e in evs.values() if str(e["x-obligations-period"]) == "2025-09-02"]
    assert peak.decoded("dtstart") == dt.date(2025, 8, 19) and peak.decoded("dtend") == dt.date(2025, 9, 3)


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
    code, out, err = run_cli(*args)
    assert code == 2 and message in err and "Traceback" not in err


def test_unwritable_output(run_cli, tmp_path):
    code, _, err = run_cli(*ARGS, "--out", str(tmp_path / "missing" / "x.ics"))
    assert code == 2 and "cannot write" in err
