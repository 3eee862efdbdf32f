import json
import subprocess
import sys

import pytest


def test_json_has_every_day_of_the_year(run_cli):
    code, out, err = run_cli("calendar", "--year", "2024", "--format", "json", "--lang", "en")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["year"] == 2024 and len(doc["days"]) == 366
    by_date = {day["date"]: day for day in doc["days"]}
    assert by_date["2024-05-04"]["working"] is True
    assert by_date["2024-05-04"]["events"][0]["kind"] == "makeup_workday"
    assert by_date["2024-04-29"]["working"] is False
    assert by_date["2024-04-29"]["events"][0]["kind"] == "day_off"
    sep2 = {e["kind"]: e for e in by_date["2024-09-02"]["events"]}
    assert sep2["public_holiday"]["name"] == "National Day"
    assert sep2["commemoration"]["anniversary"] == 79
    kinds = {e["kind"] for day in doc["days"] for e in day["events"]}
    assert kinds <= {"public_holiday", "day_off", "makeup_workday", "commemoration", "local", "lunar"}


@pytest.mark.parametrize("lang,words", [
    ("vi", ["Lịch năm 2025", "Ngày nghỉ", "lần thứ 50 (năm tròn)", "Số ngày làm việc: 250"]),
    ("en", ["Calendar 2025", "Days off", "50th anniversary (round anniversary)", "Working days: 250"]),
])
def test_table_in_both_languages(run_cli, lang, words):
    code, out, _ = run_cli("calendar", "--year", "2025", "--lang", lang)
    assert code == 0
    for word in words:
        assert word in out


def test_provisional_year_is_flagged(run_cli):
    _, out, _ = run_cli("calendar", "--year", "2027", "--lang", "en")
    assert "may not be published yet" in out


def test_year_outside_coverage_exits_2(run_cli):
    code, out, err = run_cli("calendar", "--year", "1800")
    assert code == 2 and out == "" and "1995-2100" in err and "Traceback" not in err


def test_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "obligations", "calendar", "--year", "2023"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "T2 04/09/2023" in result.stdout        # Monday 4/9/2023, the National Day's day off in lieu
    bad = subprocess.run([sys.executable, "-m", "obligations", "calendar", "--year", "abc"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_calendar_for_a_unit_shows_its_local_days(run_cli):
    _, national, _ = run_cli("calendar", "--year", "2025")
    code, local, _ = run_cli("calendar", "--year", "2025", "--unit", "xa-X")
    assert code == 0
    assert "Ngày Giải phóng tỉnh Kon Tum — lần thứ 50 (năm tròn)" in local
    assert "Kon Tum" not in national
    code, _, err = run_cli("calendar", "--year", "2025", "--unit", "nope", "--lang", "en")
    assert code == 2 and "unknown unit 'nope'" in err
    code, _, err = run_cli("calendar", "--year", "2025", "--unit", "nope")       # the default, Vietnamese
    assert code == 2 and "không có đơn vị 'nope'" in err
