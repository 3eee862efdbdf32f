"""Issue 23, the command line's part: Vietnamese text follows Vietnamese conventions.

Dates dd/mm/yyyy with the weekday ("T2 30/11/2026" in tables), numbers with Vietnamese
separators (1.314; 3,5), no English word in Vietnamese output, assumptions once per language,
English plurals right. Expected values are written by hand with the reasoning beside them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from obligations.render.labels import Labels, npmsg, number

ROOT = Path(__file__).resolve().parent.parent
CONFLICT = str(ROOT / "tests" / "fixtures" / "rules_conflict")
# the bundled rules with an amending letter (tests/test_lifecycle.py): explain shows versions
AMENDED = ("--rules", str(ROOT / "rules"), "--rules", str(ROOT / "tests" / "fixtures" / "amend"))
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

# English words that leaked into Vietnamese output before issue 23 (the examples), the
# codes of the rule files (policies, constraint kinds) and common English words of the catalogue.
ENGLISH = ["previous", "next", "same report", "day", "days", "working", "follows from", "lead time", "exclusive",
           "inclusive", "period_start", "validity_start", "schedule", "valid", "deadline", "window", "illustration",
           "assumption", "assumed", "extension", "policy", "the", "of", "to", "by", "before", "after", "sec",
           "Rules engine", "test fixture", "level", "commune", "secondary source", "news article", "lead", "True",
           "False", "due", "overdue", "Monday", "Mon"]

# (label, argv) of the Vietnamese outputs checked: the bundled data and the conflicting fixture
VIETNAMESE = [
    ("due xa-X", ["due", "--unit", "xa-X", "--on", "2026-11-23"]),
    ("due chibo-1 lookback", ["due", "--unit", "chibo-1", "--on", "2026-11-23", "--lookback", "400"]),
    ("due --under xa-X", ["due", "--under", "xa-X", "--on", "2026-11-23"]),
    ("due chibo-hn-1 (news article)", ["due", "--unit", "chibo-hn-1", "--on", "2024-06-10"]),
    ("due chibo-K", ["due", "--unit", "chibo-K", "--on", "2025-11-03", "--rules", CONFLICT]),
    ("due xa-C (conflict)", ["due", "--unit", "xa-C", "--on", "2025-11-03", "--rules", CONFLICT]),
    ("due --under xa-C", ["due", "--under", "xa-C", "--on", "2025-11-03", "--rules", CONFLICT]),
    ("explain chibo-K", ["explain", "--unit", "chibo-K", "--duty", "C-1/chi-bo-so-ket", "--period", "2025",
                         "--rules", CONFLICT]),
    ("explain xa-C conflict", ["explain", "--unit", "xa-C", "--duty", "C-1/so-ket", "--period", "2025",
                               "--rules", CONFLICT]),
    ("explain xa-X", ["explain", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam", "--period", "2026"]),
    ("explain a peak", ["explain", "--unit", "tinh-kon-tum", "--duty", "CV-BTVTU-KonTum/cao-diem-ngay-le",
                        "--period", "2024-04-18"]),
    ("explain with versions", ["explain", *AMENDED, "--unit", "xa-X", "--duty", "CV-BTVTU-KonTum/bao-cao-hang-nam",
                               "--period", "2026", "--on", "2026-12-01"]),
    ("status chibo-1", ["status", "--unit", "chibo-1", "--year", "2025", "--on", "2026-11-23"]),
    ("calendar 2026", ["calendar", "--year", "2026"]),
    ("check", ["check"]),
]


def _english(text: str) -> list[str]:
    # a word, not a part of an id or a file name (xa-X, 76-KH-DU/dang-uy-..., hierarchy.toml)
    return [w for w in ENGLISH if re.search(r"(?<![\w\-/.])" + re.escape(w) + r"(?![\w\-/.])", text, re.IGNORECASE)]


@pytest.mark.parametrize("name,argv", VIETNAMESE, ids=[n for n, _ in VIETNAMESE])
def test_no_english_and_no_iso_date_in_vietnamese_text(run_cli, name, argv):
    code, out, err = run_cli(*argv, "--lang", "vi")
    assert code == 0, err
    assert not _english(out), (name, _english(out))
    assert not ISO.findall(out), (name, ISO.findall(out)[:3])


def test_check_of_a_conflict_in_both_languages_by_hand(run_cli):
    # rules_conflict (tests/test_reconcile.py): xa-C's review C-1/so-ket of 2025 opens on 1/12/2025
    # (2-KH/ĐU) but 1-CV/TU wants it by 14/11/2025; the English line is what check always printed
    code, out, _ = run_cli("check", "--rules", CONFLICT, "--lang", "vi")
    assert code == 1
    conflict = [line for line in out.splitlines() if "xa-C C-1/so-ket" in line]
    assert len(conflict) == 1 and ("xung đột ở xa-C C-1/so-ket kỳ 2025: cửa sổ mở 01/12/2025 nhưng hạn muộn nhất "
                                   "được chấp nhận là 14/11/2025; các ràng buộc xung đột: mở cửa sổ 01/12/2025 (xa-C: "
                                   "2-KH/ĐU mục 3, ") in conflict[0]
    assert out.splitlines()[-1] == "Có 1 lỗi."
    assert not ISO.findall(out) and not _english(out)
    code, out, _ = run_cli("check", "--rules", CONFLICT)       # English when not asked: as before --lang
    assert code == 1 and out.splitlines()[-1] == "1 problem(s) found."
    assert "conflict for xa-C C-1/so-ket period 2025: the window opens 2025-12-01 but the latest date accepted is " \
           "2025-11-14; clashing constraints: window_start 2025-12-01 (" in out
    assert run_cli("check", "--rules", CONFLICT, "--lang", "en")[1] == out


def test_due_of_xa_x_in_vietnamese_by_hand(run_cli):
    # On Monday 23/11/2026 xa-X has two items (tests/test_fidelity.py): 76-KH/ĐU's report "in
    # November" due Monday 30/11/2026 (window from 1/11), and Kon Tum's yearly report "before
    # 15/12" due Monday 14/12/2026 (window from 1/1/2026). Written day first, weekday before.
    code, out, _ = run_cli("due", "--unit", "xa-X", "--on", "23/11/2026", "--lang", "vi")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("tính đến 23/11/2026")
    assert [line[:13] for line in lines if re.match(r"T\d|CN", line)] == ["T2 30/11/2026", "T2 14/12/2026"]
    assert "thời gian: 01/11/2026 → 30/11/2026" in out and "thời gian: 01/01/2026 → 14/12/2026" in out
    # Tỉnh ủy Kon Tum ended on 30/6/2025 (merged into Quảng Ngãi from 1/7/2025)
    assert "không còn từ sau 30/06/2025" in out
    assert "Bộ máy quy tắc: " in out and "Bộ máy luật" not in out


def test_the_english_table_keeps_its_form(run_cli):
    code, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--lang", "en")
    assert code == 0 and "2026-11-30 Mon" in out and "as of 2026-11-23" in out and "30/11/2026" not in out


def test_machine_formats_keep_iso(run_cli):
    import json

    code, out, _ = run_cli("due", "--unit", "xa-X", "--on", "23/11/2026", "--format", "json", "--lang", "vi")
    doc = json.loads(out)
    assert doc["on"] == "2026-11-23" and [i["deadline"] for i in doc["items"]] == ["2026-11-30", "2026-12-14"]


def test_a_conflict_in_vietnamese_gives_its_command_day_first(run_cli):
    # xa-C's plan 2-KH/ĐU opens 1/12/2025, the province's letter wants it by 14/11/2025
    # (docs/reconciliation.md): the advice's command is one the command line now accepts
    code, out, _ = run_cli("due", "--unit", "xa-C", "--on", "2025-11-03", "--rules", CONFLICT, "--lang", "vi")
    assert "cửa sổ mở 01/12/2025, sau hạn 14/11/2025" in out
    assert "--until 01/12/2025" in out
    assert "xa-C: cùng một báo cáo theo hai văn bản" in out


def test_assumptions_are_written_once_per_language(run_cli):
    # rules/hierarchy.toml: the link xa-X → tinh-quang-ngai is assumed, in each language apart
    _, vi, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--lang", "vi")
    _, en, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--lang", "en")
    assert "suy từ việc đặt huyện dưới Kon Tum (nhập vào Quảng Ngãi từ 1/7/2025) để minh họa (hierarchy.toml)" in vi
    assert "follows from" not in vi and " / " not in vi
    assert "follows from placing the district under Kon Tum" in en and "để minh họa" not in en


def test_explain_in_vietnamese_says_the_policies_in_words(run_cli):
    # chibo-K's report "in November 2025": 30/11/2025 is a Sunday, 29/11 a Saturday, so the
    # deadline rolls back to Friday 28/11/2025; the commune needs 3 working days, so
    # 14/11/2025 (the province's letter) minus 3 working days is Tuesday 11/11/2025.
    code, out, _ = run_cli("explain", "--unit", "chibo-K", "--duty", "C-1/chi-bo-so-ket", "--period", "2025",
                           "--rules", CONFLICT, "--lang", "vi")
    assert code == 0
    assert "3. Lịch làm việc (quy tắc: lùi về ngày làm việc liền trước)" in out
    assert "30/11/2025: Chủ nhật — bỏ qua" in out and "Hạn riêng: 28/11/2025" in out
    assert "6. Hạn hiệu lực 11/11/2025" in out
    assert "một lần; từ 01/11/2025 đến hết ngày 30/11/2025" in out
    assert "before=" not in out and "schedule:" not in out


def test_english_plurals(run_cli):
    # Sunday 29/11/2026: Monday 30/11 is 1 day away; Friday 27/11: 3 days away, and one
    # working day (Friday itself) before the deadline, as 2 (Thu, Fri) on Thursday 26/11.
    _, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-29", "--lang", "en")
    assert re.search(r"2026-11-30 Mon +1 day +", out) and not re.search(r"\b1 (working )?days\b", out)
    _, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-11-27", "--lang", "en")
    assert "3 days" in out and "1 working day left" in out and not re.search(r"\b1 working days\b", out)


def test_vietnamese_numbers_group_thousands(run_cli):
    # chibo-1's report of 19/04/2023 seen on 23/11/2026: 3 years (with 29/2/2024) are 1096 days
    # to 19/04/2026, then 11+31+30+31+31+30+31+23 = 218 to 23/11: 1314 days late.
    _, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2026-11-23", "--lookback", "1500", "--lang", "vi")
    assert re.search(r"T4 19/04/2023 +quá 1\.314 ngày", out)
    _, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2026-11-23", "--lookback", "1500", "--lang", "en")
    assert "1314 days late" in out


def test_number_and_plural_forms():
    assert [number(n, "vi") for n in (7, 999, 1314, 1234567)] == ["7", "999", "1.314", "1.234.567"]
    assert [number(x, "vi") for x in (3.5, 1234.25, 2.0)] == ["3,5", "1.234,25", "2"]
    assert number(1314, "en") == "1314" and number(3.5, "en") == "3.5"
    # the `due` table's text (msgctxt "ago"): English has two forms, Vietnamese one (vi.po)
    t = Labels([npmsg("ago", "{n} day late", "{n} days late")])
    assert [t("ago", "en", n=n) for n in (0, 1, 2)] == ["0 days late", "1 day late", "2 days late"]
    assert [t("ago", "vi", n=n) for n in (1, 1314)] == ["quá 1 ngày", "quá 1.314 ngày"]


def test_a_recorded_instant_is_written_in_vietnam_time():
    from obligations.render.day_text import instant_iso

    # 17:33 UTC on 7/12/2026 is 00:33 on 8/12/2026 in Vietnam (UTC+7, no daylight saving)
    assert instant_iso("2026-12-07T17:33:27+00:00", "vi") == "08/12/2026 00:33"
    assert instant_iso("2026-12-07T17:33:27+00:00", "en") == "2026-12-07T17:33:27+00:00"


def test_a_changed_schedule_is_said_in_words(run_cli):
    # the amending letter moves Kon Tum's yearly report from "before 15-12" to "before 10-12"
    _, out, _ = run_cli("explain", *AMENDED, "--unit", "xa-X", "--duty", "CV-BTVTU-KonTum/bao-cao-hang-nam",
                        "--period", "2026", "--on", "2026-12-01", "--lang", "vi")
    assert "thay đổi: lịch hạn: hằng năm; trước ngày 10 của tháng 12" in out and "'every'" not in out
    assert "ban hành 15/07/2026, hiệu lực từ 15/07/2026" in out
