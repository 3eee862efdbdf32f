"""Spreadsheets: .xlsx workbooks of due, status and export opened with openpyxl, and CSV as
Excel reads it (--excel: a byte-order mark and CRLF)."""

import datetime as dt
import io

import openpyxl
import pytest

DUE = ("due", "--unit", "xa-X", "--on", "2026-11-23")
EXPORT = ("export", "--unit", "xa-X", "--from", "2026-01-01", "--to", "2026-12-31", "--on", "2026-11-23")
STATUS = ("status", "--unit", "xa-X", "--year", "2025", "--on", "2026-11-23")


def sheet(path):
    return openpyxl.load_workbook(path).active


def row_of(ws, duty_end: str, period: str):
    """The row (values and cells) of one occurrence, by its duty id's ending and period."""
    head = [c.value for c in ws[1]]
    for cells in ws.iter_rows(min_row=2):
        values = dict(zip(head, (c.value for c in cells)))
        if str(values.get("Nhiệm vụ", values.get("Duty"))).endswith(duty_end) and values.get("Kỳ", values.get("Period")) == period:
            return values, dict(zip(head, cells))
    raise AssertionError(f"no row {duty_end} {period}")


def test_due_workbook_has_a_frozen_vietnamese_header_and_date_cells(run_cli, tmp_path):
    target = tmp_path / "due.xlsx"
    code, out, err = run_cli(*DUE, "--format", "xlsx", "--out", str(target))
    assert (code, out, err) == (0, "", "")
    ws = sheet(target)
    assert [c.value for c in ws[1]][:6] == ["Đơn vị", "Nhiệm vụ", "Tên", "Kỳ", "Mở từ", "Hạn"]
    assert ws.freeze_panes == "A2"                 # the header row stays in view
    values, cells = row_of(ws, "dang-uy-bao-cao-hang-nam", "2026")
    # the yearly report of 76-KH/ĐU V.7: November 2026, deadline Monday 30/11 (tests/test_export.py)
    assert values["Mở từ"] == dt.datetime(2026, 11, 1) and values["Hạn"] == dt.datetime(2026, 11, 30)
    assert cells["Hạn"].is_date and cells["Hạn"].number_format == "dd/mm/yyyy"
    # 23/11 to 30/11: 7 days; 24/11 (Culture Day) off: 25, 26, 27 and 30/11 are working days
    assert values["Còn (ngày)"] == 7 and values["Còn (ngày làm việc)"] == 4
    assert values["Trạng thái"] == "sắp đến hạn"
    assert values["Ngày nộp"] is None
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width   # titles get the room
    # made at the injected clock's instant (tests/conftest.py: 01:00 UTC on 23/11/2026), not the wall clock
    properties = openpyxl.load_workbook(target).properties
    assert properties.created == properties.modified == dt.datetime(2026, 11, 23, 1, 0)


def test_two_writes_of_one_answer_are_the_same_bytes(run_cli, tmp_path, monkeypatch):
    # zipfile dates each member with time.time() unless told otherwise: the two writes below run
    # under two different wall clocks (2023 and 2027), the injected clock (01:00 UTC on 23/11/2026,
    # tests/conftest.py) the same. Each member carries the injected instant, as the properties do.
    import time
    import zipfile

    written = []
    for n, wall in enumerate((1_700_000_000.0, 1_800_000_000.0)):
        monkeypatch.setattr(time, "time", lambda wall=wall: wall)
        target = tmp_path / f"due-{n}.xlsx"
        assert run_cli(*DUE, "--format", "xlsx", "--out", str(target))[0] == 0
        written.append(target.read_bytes())
    monkeypatch.undo()
    assert written[0] == written[1]
    with zipfile.ZipFile(io.BytesIO(written[0])) as z:
        assert {m.date_time for m in z.infolist()} == {(2026, 11, 23, 1, 0, 0)}
        assert "xl/worksheets/sheet1.xml" in z.namelist()


def test_english_workbook_has_english_headers_and_iso_format(run_cli, tmp_path):
    target = tmp_path / "due.xlsx"
    assert run_cli(*DUE, "--format", "xlsx", "--lang", "en", "--out", str(target))[0] == 0
    ws = sheet(target)
    assert [c.value for c in ws[1]][:6] == ["Unit", "Duty", "Title", "Period", "Window opens", "Deadline"]
    values, cells = row_of(ws, "dang-uy-bao-cao-hang-nam", "2026")
    assert cells["Deadline"].number_format == "yyyy-mm-dd" and values["Status"] == "due soon"


def test_export_and_status_workbooks(run_cli, tmp_path):
    assert run_cli("submit", "--unit", "xa-X", "--duty", "76-KH-DU/dang-uy-bao-cao-hang-nam", "--period", "2025",
                   "--on", "2025-11-20", "--ref", "=HYPERLINK(\"http://x\")")[0] == 0
    target = tmp_path / "export.xlsx"
    assert run_cli(*EXPORT, "--format", "xlsx", "--out", str(target))[0] == 0
    ws = sheet(target)
    assert ws.freeze_panes == "A2" and ws.max_row >= 2
    values, cells = row_of(ws, "dang-uy-bao-cao-hang-nam", "2026")
    assert values["Hạn"] == dt.datetime(2026, 11, 30) and cells["Hạn riêng"].is_date
    assert values["Loại"] == "báo cáo" and values["Văn bản"] == "76-KH/ĐU"
    target = tmp_path / "status.xlsx"
    assert run_cli(*STATUS, "--format", "xlsx", "--out", str(target))[0] == 0
    ws = sheet(target)
    assert [c.value for c in ws[1]][:5] == ["Hạn", "Kỳ", "Nhiệm vụ", "Tên", "Kết quả"]
    values, cells = row_of(ws, "dang-uy-bao-cao-hang-nam", "2025")
    # delivered 20/11/2025, before the deadline of 30/11/2025 (a Sunday in 2025: moved to... still on time)
    assert values["Kết quả"] == "đúng hạn" and values["Ngày nộp"] == dt.datetime(2025, 11, 20)
    assert cells["Ngày nộp"].is_date and cells["Ngày nộp"].number_format == "dd/mm/yyyy"
    # a reference that a spreadsheet would run as a formula stays the text it is
    ref = cells["Số văn bản"]
    assert ref.value == "=HYPERLINK(\"http://x\")" and ref.data_type == "s" and ref.quotePrefix


def test_workbook_to_standard_output_is_the_bytes(capfdbinary):
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "obligations", *DUE, "--format", "xlsx"], capture_output=True)
    assert p.returncode == 0 and p.stdout.startswith(b"PK\x03\x04")
    ws = openpyxl.load_workbook(io.BytesIO(p.stdout)).active
    assert ws.freeze_panes == "A2" and ws.max_row >= 2


def test_csv_for_excel_has_a_bom_and_crlf(run_cli, tmp_path):
    for args in (EXPORT, DUE, STATUS):
        target = tmp_path / f"{args[0]}.csv"
        code, out, err = run_cli(*args, "--format", "csv", "--excel", "--out", str(target))
        assert (code, err) == (0, "")
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\n") >= 2 and data.count(b"\n") == data.count(b"\r\n")
        assert "ả".encode("utf-8") in data and data[3:].decode("utf-8")     # Vietnamese, as UTF-8
        # written again over our own file: it is ours, so it is replaced
        assert run_cli(*args, "--format", "csv", "--excel", "--out", str(target))[0] == 0
    plain = tmp_path / "plain.csv"
    assert run_cli(*EXPORT, "--format", "csv", "--out", str(plain))[0] == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain.read_bytes()


def test_our_workbook_is_replaced_and_another_zip_is_not(run_cli, tmp_path):
    target = tmp_path / "due.xlsx"
    assert run_cli(*DUE, "--format", "xlsx", "--out", str(target))[0] == 0
    assert run_cli(*DUE, "--format", "xlsx", "--out", str(target))[0] == 0       # ours: replaced
    other = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.properties.creator = "Kế toán"
    book.save(other)
    before = other.read_bytes()
    code, out, err = run_cli(*DUE, "--format", "xlsx", "--lang", "en", "--out", str(other))
    assert code == 2 and "not written by this program" in err and other.read_bytes() == before


@pytest.mark.parametrize("args, words", [
    ((*DUE, "--format", "json", "--excel"), "--excel applies to --format csv"),
    ((*EXPORT, "--format", "ics", "--excel"), "--excel applies to --format csv"),
    ((*STATUS, "--excel"), "--excel applies to --format csv"),
    ((*DUE, "--out", "x.txt"), "--out writes --format csv"),
    ((*STATUS, "--format", "json", "--out", "x.json"), "--out writes --format csv"),
])
def test_options_that_would_be_ignored_are_refused(run_cli, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(*args, "--lang", "en")
    assert code == 2 and words in err and "(" in err and out == "" and list(tmp_path.iterdir()) == []


def test_workbook_not_written_to_a_terminal(run_cli, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, out, err = run_cli(*DUE, "--format", "xlsx", "--lang", "en")
    assert code == 2 and "--out FILE.xlsx" in err and out == ""


def test_missing_openpyxl_is_a_usage_error_with_the_fix(run_cli, monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)          # as if not installed
    target = tmp_path / "due.xlsx"
    code, out, err = run_cli(*DUE, "--format", "xlsx", "--out", str(target))
    assert code == 2 and 'pip install "obligations[sheets]"' in err and not target.exists()
