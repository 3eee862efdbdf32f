"""Only what the documents say: no invented lead time, internal targets beside deadlines,
conflicts that read as conflicts, activities as an agenda, every date traced (issue #13)."""

import json

from conftest import FIXTURES

DUTY = "76-KH-DU/chi-bo-bao-cao-hang-nam"
INTERNAL = ("--org", str(FIXTURES / "internal_lead" / "hierarchy.toml"))


def test_a_november_delivery_is_on_time_with_no_lead_time_stated(run_cli):
    code, out, _ = run_cli("due", "--unit", "chibo-2", "--on", "2025-11-20", "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == DUTY and i["period"] == "2025"]
    assert item["deadline"] == "2025-11-28" and item["target"] is None
    assert run_cli("submit", "--unit", "chibo-2", "--duty", DUTY, "--period", "2025", "--on", "2025-11-25")[0] == 0
    code, out, _ = run_cli("status", "--unit", "chibo-2", "--year", "2025", "--on", "2026-01-05", "--format", "json")
    (row,) = [r for r in json.loads(out)["items"] if r["duty"] == DUTY]
    assert row["result"] == "on_time" and "late_working_days" not in row


def test_an_internal_lead_time_is_a_target_beside_the_deadline_never_instead(run_cli):
    code, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2026-11-20", *INTERNAL, "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == DUTY and i["period"] == "2026"]
    # the official deadline is the plan's own "in November": 30/11/2026 (Monday)
    assert item["deadline"] == "2026-11-30" and item["own_deadline"] == "2026-11-30"
    # the commune office's own practice: 3 working days before its deadline, passing over the weekend
    target = item["target"]
    assert target["date"] == "2026-11-25" and "quy định nội bộ" in target["text"]
    lead = target["decided_by"][-1]
    assert lead["internal"] is True and lead["lead_working_days"] == 3
    assert [s["date"] for s in lead["skipped"]] == ["2026-11-28", "2026-11-29"]
    _, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2026-11-20", *INTERNAL, "--lang", "en")
    assert "internal target 2026-11-25" in out and "the official deadline stays 2026-11-30" in out
    # a delivery after the target but by the deadline is on time
    assert run_cli("submit", "--unit", "chibo-1", "--duty", DUTY, "--period", "2025", "--on", "2025-11-27",
                   *INTERNAL)[0] == 0
    _, out, _ = run_cli("status", "--unit", "chibo-1", "--year", "2025", "--on", "2026-01-05", *INTERNAL,
                        "--format", "json")
    (row,) = [r for r in json.loads(out)["items"] if r["duty"] == DUTY]
    assert row["result"] == "on_time"


def test_a_conflict_is_a_status_first_in_the_list_with_what_to_do(run_cli):
    argv = ("due", "--unit", "xa-C", "--on", "2025-11-03", "--rules", str(FIXTURES / "rules_conflict"))
    _, out, _ = run_cli(*argv, "--format", "json")
    items = json.loads(out)["items"]
    assert items[0]["status"] == "conflict" and items[0]["duty"] == "C-1/so-ket"
    advice = " ".join(items[0]["conflicts"][0]["advice"])
    assert "opens too late" not in advice          # Vietnamese by default
    _, out, _ = run_cli(*argv, "--lang", "en", "--format", "json")
    advice = json.loads(out)["items"][0]["conflicts"][0]["advice"]
    assert advice[0].startswith("opens too late: xa-C: 2-KH/ĐU sec. 3 (from 2025-12-01)")
    assert advice[1].startswith("closes too early: xa-C: 1-CV/TU sec. 2 (deadline 2025-11-14)")
    assert "Ask Tỉnh P" in advice[-1] and "extend --unit xa-C --duty P-1/so-ket --period 2025" in advice[-1]
    _, out, _ = run_cli(*argv, "--lang", "en")
    assert "the window opens 2025-12-01, after the deadline 2025-11-14" in out
    assert "2025-12-01 → 2025-11-14" not in out     # no backwards window that reads like a task


def test_activities_are_an_agenda_not_a_pile_of_overdue_items(run_cli):
    for unit, on in (("xa-X", "2026-11-23"), ("chibo-hn-1", "2024-06-01")):
        _, out, _ = run_cli("due", "--unit", unit, "--on", on, "--lookback", "3650", "--format", "json")
        doc = json.loads(out)
        assert not [i for i in doc["items"] if i["kind"] == "activity" and i["status"] == "overdue"]
    # an open activity is still shown: the monthly session of the current month
    _, out, _ = run_cli("due", "--unit", "chibo-hn-1", "--on", "2024-06-10", "--format", "json")
    assert any(i["kind"] == "activity" and i["status"] in ("window_open", "due_soon")
               for i in json.loads(out)["items"])


def test_explain_shows_every_level_above_with_its_effective_deadline(run_cli):
    _, out, _ = run_cli("explain", "--unit", "chibo-2", "--duty", DUTY, "--period", "2025", "--format", "json")
    above = json.loads(out)["above"]
    assert above and all(a["effective_deadline"] for a in above)
    _, out, _ = run_cli("explain", "--unit", "chibo-2", "--duty", DUTY, "--period", "2025", "--lang", "en")
    assert "None" not in out and "effective 2025-11-28" in out


def test_every_output_that_depends_on_an_assumption_says_so(run_cli):
    _, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "json")
    items = json.loads(out)["items"]
    assert items and all(any(a["kind"] == "placement" and "xa-X → tinh-quang-ngai" in a["subject"]
                             for a in i["assumptions"]) for i in items)
    _, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23")
    assert "giả định (không văn bản nào nêu): xa-X → tinh-quang-ngai" in out
    # Hà Nội's plan is known only from a news article: every item says so
    _, out, _ = run_cli("due", "--unit", "chibo-hn-1", "--on", "2024-06-10", "--format", "json")
    items = json.loads(out)["items"]
    assert items and all(any(a["kind"] == "secondary_source" for a in i["assumptions"]) for i in items)
    # a peak's width is the rule file's assumption, in the item and in explain
    _, out, _ = run_cli("explain", "--unit", "tinh-kon-tum", "--duty", "CV-BTVTU-KonTum/cao-diem-ngay-le",
                        "--period", "2024-04-18", "--lang", "en")
    assert "assumed by the rule file: The text gives no width for a peak" in out
    assert "Văn bản không nêu" not in out               # each language once (issue 23), never both in one output
    _, out, _ = run_cli("explain", "--unit", "tinh-kon-tum", "--duty", "CV-BTVTU-KonTum/cao-diem-ngay-le",
                        "--period", "2024-04-18", "--lang", "vi")
    assert "giả định của tệp quy tắc: Văn bản không nêu độ dài đợt cao điểm" in out and "no width" not in out


def test_open_ended_duties_stay_open_ended(ws):
    found, _ = ws.occurrences("tinh-quang-ngai", 2027, 2027)
    assert any(o.duty.id == "CV-BTVTU-KonTum/ban-tin-chi-bo-hang-thang" for o in found)


def test_a_one_day_window_is_flagged(run_cli, tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "shapes", rules)
    (rules / "one-day.toml").write_text(
        '[directive]\nid = "ONE"\nnumber = "1-TB/ONE"\nkind = "letter"\nissuer = "x"\nunit = "tinh-B"\ntitle = "t"\n\n'
        '[[duty]]\nid = "hop"\nsection = "1"\nsource = "Các đơn vị dự họp vào ngày 15/5/2025."\nkind = "activity"\n'
        'title_vi = "Dự họp"\ntitle_en = "Attend the meeting"\nperformers = ["level:commune"]\nrecipient = "issuer"\n'
        'schedule = { every = "once", start = 2025-05-15, date = 2025-05-15, inclusive = true }\n'
        'valid = { from = 2025-01-01 }\n', encoding="utf-8")
    argv = ("due", "--rules", str(rules), "--org", str(rules / "hierarchy.toml"), "--unit", "don-vi-A",
            "--on", "2025-05-10")
    _, out, _ = run_cli(*argv, "--format", "json")
    (item,) = [i for i in json.loads(out)["items"] if i["duty"] == "ONE/hop"]
    assert item["one_day_window"] is True
    _, out, _ = run_cli(*argv, "--lang", "en")
    assert "The window is a single day (2025-05-15)." in out


def test_status_does_not_pile_up_past_activities_as_missing(run_cli):
    _, out, _ = run_cli("status", "--unit", "xa-X", "--year", "2025", "--on", "2026-11-23", "--format", "json")
    rows = json.loads(out)["items"]
    assert rows and not [r for r in rows if r["duty"] in ("76-KH-DU/sinh-hoat-hang-thang", "76-KH-DU/cao-diem-ky-niem")]
    assert [r["result"] for r in rows if r["duty"] == "76-KH-DU/dang-uy-bao-cao-hang-nam"] == ["missing"]


def test_csv_and_status_say_what_they_assume(run_cli):
    import csv
    import io

    _, out, _ = run_cli("export", "--unit", "xa-X", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("xa-X → tinh-quang-ngai" in r["assumptions"] for r in rows)
    _, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("xa-X → tinh-quang-ngai" in r["assumptions"] for r in rows)
    _, out, _ = run_cli("status", "--unit", "xa-X", "--year", "2026", "--on", "2026-11-23")
    assert "giả định (không văn bản nào nêu): xa-X → tinh-quang-ngai" in out
