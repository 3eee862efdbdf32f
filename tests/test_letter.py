"""Issue 27, the reminder letter ("công văn đôn đốc"): every overdue item of each late unit with its
document, section, verbatim sentence, effective deadline and working days late, in the Party layout
(Hướng dẫn 36-HD/VPTW) for a Party committee and the state layout (Nghị định 30/2020/NĐ-CP) for a
state body, as text and as a .docx read back with python-docx. Expected values by hand, with the
reasoning (weekday, holidays) beside them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import obligations
from obligations.log.store import SubmissionLog
from obligations.render.emphasis import plain
from obligations.render.letter_text import render_letter
from obligations.report.reminder_letter import build_letter

ROOT = Path(__file__).resolve().parent.parent
CONFLICT = ROOT / "tests" / "fixtures" / "rules_conflict"
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ON = dt.date(2026, 12, 10)          # a Thursday
# English words that must not appear in the Vietnamese letter (the layout's words in English,
# and the common words of the catalogue)
ENGLISH = ["DRAFT", "No", "Re", "To", "Document", "Section", "Deadline", "Overdue", "working", "days", "day",
           "calendar", "delivered", "Recipients", "As above", "Filed", "ON BEHALF OF", "TITLE", "Signature",
           "Full name", "COMMUNIST", "SOCIALIST", "Independence", "the", "of", "to", "by", "period", "plan",
           "month", "year", "Monday", "Friday", "overdue", "reminder"]

# chibo-1 has delivered everything before 2026 (a hand-written log): only its 2026 yearly report is
# overdue on 10/12/2026. chibo-2 has delivered nothing.
DELIVERED = [("76-KH-DU/chi-bo-bao-cao-trien-khai", "2023", dt.date(2023, 4, 18)),
             ("76-KH-DU/chi-bo-bao-cao-hang-nam", "2023", dt.date(2023, 11, 28)),
             ("76-KH-DU/chi-bo-bao-cao-hang-nam", "2024", dt.date(2024, 11, 27)),
             ("76-KH-DU/chi-bo-so-ket", "2025", dt.date(2025, 10, 30)),
             ("76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", dt.date(2025, 11, 27))]
YEARLY = "báo cáo kết quả thực hiện **vào tháng 11** hằng năm (*từ năm 2023 trở đi*)"
# as people read it: the rule file's marks dropped in text, bold and italic runs in a .docx
YEARLY_WORDS = "báo cáo kết quả thực hiện vào tháng 11 hằng năm (từ năm 2023 trở đi)"
PLAN_TITLE = ("Kế hoạch triển khai đợt sinh hoạt chính trị, tư tưởng về nội dung tác phẩm “Kiên quyết, kiên trì "
              "đấu tranh phòng, chống tham nhũng, tiêu cực, góp phần xây dựng Đảng và Nhà nước ta ngày càng trong "
              "sạch, vững mạnh” của Tổng Bí thư Nguyễn Phú Trọng")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def english(text: str) -> list[str]:
    # a word, not part of an id, a number or a file name (76-KH/ĐU, xa-X)
    return [w for w in ENGLISH if re.search(r"(?<![\w\-/.])" + re.escape(w) + r"(?![\w\-/.])", text)]


def docx_text(path: Path) -> str:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


@pytest.fixture(scope="module")
def ws():
    return obligations.load()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("letter") / "log.sqlite3"
    log = SubmissionLog(path)
    for duty, period, day in DELIVERED:
        log.record_submission("chibo-1", duty, period, day)
    return path


@pytest.fixture(scope="module")
def party_letter(ws, db):
    return build_letter(ws, sender="xa-X", late_units=["chibo-1", "Chi bộ thôn 2"], on=ON, lang="vi",
                        log=SubmissionLog(db))


def test_the_overdue_items_of_each_unit_by_hand(party_letter):
    letter = party_letter
    assert [u.unit for u in letter.late] == ["chibo-1", "chibo-2"]
    assert (letter.layout, letter.layout_known, letter.committee) == ("party", True, "dang_uy")
    (only,) = letter.late[0].items
    # "vào tháng 11" 2026: the last day of November, Monday 30/11/2026, a working day (no move); the
    # commune's report it feeds is due the same day (no stated lead time). Working days after it up to
    # Thursday 10/12/2026: 1, 2, 3, 4 (Tue-Fri), 7, 8, 9, 10 (Mon-Thu) = 8; no holiday in early December.
    assert dt.date(2026, 11, 30).weekday() == 0
    assert (only.duty, only.period, only.deadline, only.working_days_late, only.days_late) == \
        ("76-KH-DU/chi-bo-bao-cao-hang-nam", "2026", dt.date(2026, 11, 30), 8, 10)
    assert (only.number, only.document_title, only.quotes[0].section, only.quotes[0].text) == \
        ("76-KH/ĐU", PLAN_TITLE, "IV.1.2", YEARLY)
    assert only.recipient == "xa-X"
    # chibo-2 delivered nothing: the campaign report of 2023, the yearly reports of 2023-2026 and the review
    # of 2025, oldest first
    got = [(i.duty.split("/")[1], i.period, i.deadline) for i in letter.late[1].items]
    assert got == [("chi-bo-bao-cao-trien-khai", "2023", dt.date(2023, 4, 19)),   # "trước ngày 20/4/2023"
                   ("chi-bo-bao-cao-hang-nam", "2023", dt.date(2023, 11, 30)),
                   ("chi-bo-bao-cao-hang-nam", "2024", dt.date(2024, 11, 29)),     # 30/11/2024 a Saturday
                   ("chi-bo-so-ket", "2025", dt.date(2025, 10, 31)),               # "tháng 10/2025"
                   ("chi-bo-bao-cao-hang-nam", "2025", dt.date(2025, 11, 28)),     # 30/11 Sun, 29/11 Sat
                   ("chi-bo-bao-cao-hang-nam", "2026", dt.date(2026, 11, 30))]
    assert dt.date(2024, 11, 30).weekday() == 5 and dt.date(2025, 11, 30).weekday() == 6
    # Friday 28/11/2025 to Thursday 10/12/2026: weekdays from Monday 1/12/2025 = 23 in December 2025 + 246
    # in 2026 up to 10/12 (261 in the year, 15 after 10/12) = 269; minus the weekdays off of 2026:
    # 1/1 (Thu), Tết 16-20/2 (5), Giỗ Tổ moved from Sunday 26/4 to Monday 27/4, 30/4 and 1/5 (Thu, Fri),
    # 2/9 and 1/9 (Wed, Tue), Vietnam Cultural Day 24/11 (Tue) = 12 -> 257 working days late.
    yearly_2025 = letter.late[1].items[4]
    assert yearly_2025.working_days_late == 257 and yearly_2025.days_late == 377


def test_party_layout_in_the_text_with_every_item(party_letter):
    text = render_letter(party_letter, "vi")
    flat = squash(text)
    for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ X (BAN HÀNH 76-KH/ĐU)", "Số …-CV/…",
                  "…, ngày … tháng … năm …", "V/v đôn đốc", "Kính gửi:", "- Chi bộ thôn 1;", "- Chi bộ thôn 2.",
                  "Nơi nhận:", "T/M ĐẢNG ỦY", "DỰ THẢO"):
        assert words in flat, words
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in flat
    # the header's star under the committee's name (Hướng dẫn 36-HD/VPTW)
    from obligations.render.letter_text import LEFT

    assert any(line[:LEFT].strip() == "*" for line in text.splitlines())
    for unit in party_letter.late:
        for item in unit.items:
            assert squash(f"Mục {item.quotes[0].section}: “{plain(item.quotes[0].text)}”") in flat
            assert f"Kế hoạch số {item.number}" in flat
    assert "Hạn: Thứ Hai, 30/11/2026" in flat and "Đã quá hạn 8 ngày làm việc (10 ngày theo lịch)." in flat
    assert "Hạn: Thứ Sáu, 28/11/2025" in flat and "Đã quá hạn 257 ngày làm việc (377 ngày theo lịch)." in flat
    assert flat.count("Mục IV.1.2:") == 7          # one item of chibo-1, six of chibo-2
    assert YEARLY_WORDS in flat and "**" not in flat and "*từ" not in flat
    # the cells are illustrative (hierarchy.toml says so): the drafter is told, once per cell
    assert "Ghi chú cho người soạn (xóa trước khi ban hành)" in flat
    assert flat.count("chibo-1: 76-KH/ĐU không nêu tên các chi bộ: chi bộ minh họa (hierarchy.toml)") == 1
    assert not ISO.findall(text) and not english(text), (ISO.findall(text), english(text))


def test_english_translates_the_words_and_keeps_the_layout(party_letter):
    text = squash(render_letter(party_letter, "en"))
    for words in ("COMMUNIST PARTY OF VIETNAM", "No. …-CV/…", "To:", "Recipients:",
                  "ON BEHALF OF THE PARTY COMMITTEE", "Deadline: Monday, 2026-11-30",
                  "Overdue by 8 working days (10 calendar days).", f"Section IV.1.2: “{YEARLY_WORDS}”"):
        assert words in text, words
    for words in ("Kính gửi", "Nơi nhận", "Hạn:", "quá hạn", "ngày làm việc", "DỰ THẢO", "Mục "):
        assert words not in text, words


def test_docx_opens_with_python_docx_and_holds_every_item(party_letter, tmp_path):
    docx = pytest.importorskip("docx")
    from obligations.render.letter_docx import write_letter_docx

    path = tmp_path / "letter.docx"
    write_letter_docx(party_letter, path, "vi")
    flat = squash(docx_text(path))
    for unit in party_letter.late:
        assert unit.name in flat
        for item in unit.items:
            assert squash(plain(item.quotes[0].text)) in flat and item.number in flat
    assert "Đã quá hạn 257 ngày làm việc" in flat and "Hạn: Thứ Sáu, 28/11/2025" in flat
    document = docx.Document(str(path))
    # "**vào tháng 11**" bold, "(*từ năm 2023 trở đi*)" italic, the rest of the quote neither
    quote = next(p for p in document.paragraphs if YEARLY_WORDS in p.text)
    styled = [(r.text, bool(r.bold), bool(r.italic)) for r in quote.runs]
    assert ("vào tháng 11", True, False) in styled and ("từ năm 2023 trở đi", False, True) in styled
    assert all(not b and not i for text, b, i in styled if "hằng năm (" in text or "báo cáo kết quả" in text)
    assert "**" not in flat
    header, foot = document.tables
    left, right = header.rows[0].cells
    assert left.paragraphs[0].text == "ĐẢNG ỦY XÃ X (BAN HÀNH 76-KH/ĐU)" and left.paragraphs[1].text == "*"
    title = right.paragraphs[0].runs[0]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM" and title.bold and title.underline
    assert title.font.size.pt == 15
    assert foot.rows[0].cells[1].paragraphs[0].text == "T/M ĐẢNG ỦY"
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert not ISO.findall(flat) and not english(flat)


def test_state_layout_for_a_state_sender(tmp_path, run_cli):
    # rules_conflict: "Tỉnh P" is a province (a state body by its name), "Xã C" its commune. 1-CV/TU asks
    # for the review "trước ngày 15-11-2025": last day Friday 14/11/2025. Working days after it up to
    # Wednesday 10/12/2025: 17-21/11, 24-28/11, 1-5/12 (15) and 8, 9, 10/12 (3) = 18, 26 calendar days.
    # Chi bộ K's review feeds Xã C's, which needs 3 working days (the fixture's stated lead time): due
    # Tuesday 11/11/2025 (12, 13, 14 left for the commune), its own deadline Friday 28/11/2025 (30/11 a
    # Sunday); late 3 + 15 + 3 = 21 working days, 29 calendar days.
    out = tmp_path / "letter.docx"
    code, _, err = run_cli("letter", "--from", "tinh-P", "--to", "xa-C", "--to", "chibo-K", "--on", "2025-12-10",
                           "--rules", str(CONFLICT), "--format", "docx", "--out", str(out))
    assert code == 0, err
    flat = squash(docx_text(out))
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: …/…-…", "TỈNH P",
                  "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", "- Như trên;", "Công văn số 1-CV/TU",
                  "Mục 2: “tổ chức sơ kết trước ngày 15-11-2025”", "Hạn: Thứ Sáu, 14/11/2025",
                  "Đã quá hạn 18 ngày làm việc (26 ngày theo lịch).", "Hạn: Thứ Ba, 11/11/2025",
                  "hạn riêng của văn bản: 28/11/2025", "Đã quá hạn 21 ngày làm việc (29 ngày theo lịch)."):
        assert words in flat, words
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in flat and "T/M" not in flat
    assert dt.date(2025, 11, 14).weekday() == 4 and dt.date(2025, 11, 11).weekday() == 1


def test_a_sender_of_unknown_kind_gets_the_state_layout_and_a_note(tmp_path, run_cli):
    rules = tmp_path / "rules"
    shutil.copytree(CONFLICT, rules)
    hierarchy = rules / "hierarchy.toml"
    hierarchy.write_text(hierarchy.read_text(encoding="utf-8").replace('name = "Tỉnh P"', 'name = "Cơ quan P"'),
                         encoding="utf-8")
    code, out, err = run_cli("letter", "--from", "tinh-P", "--to", "xa-C", "--on", "2025-12-10", "--rules", str(rules))
    assert code == 0, err
    flat = squash(out)
    assert "không cho biết Cơ quan P là cơ quan của Đảng hay cơ quan nhà nước" in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat


def test_a_name_of_the_hierarchy_tells_the_kind():
    from obligations.org.hierarchy import Unit
    from obligations.org.kinds import body_kind, committee_word

    def unit(uid: str, name: str) -> Unit:
        return Unit(uid, name, "commune", ())

    assert body_kind(unit("x", "Tỉnh ủy Quảng Ngãi")) == "party"
    assert committee_word(unit("x", "Tỉnh ủy Quảng Ngãi")) == "tinh_uy"
    assert body_kind(unit("x", "Chi bộ thôn 1")) == "party"
    assert body_kind(unit("tw", "Trung ương (Ban Tuyên giáo Trung ương)")) == "party"
    assert body_kind(unit("dang-uy-xa-02266", "Đảng ủy xã Lâm Bình")) == "party"
    assert body_kind(unit("xa-02266", "Xã Lâm Bình")) == "state"
    assert body_kind(unit("x", "Ủy ban nhân dân tỉnh A")) == "state"
    assert body_kind(unit("x", "Văn phòng X")) is None


def test_refusals(ws, run_cli, tmp_path):
    code, _, err = run_cli("letter", "--from", "chibo-1", "--to", "xa-X", "--on", "2026-12-10")
    assert code == 2 and "không phải cấp trên của xa-X" in err and err.count("\n") == 1
    code, _, err = run_cli("letter", "--from", "xa-X", "--to", "chibo-1", "--on", "2026-12-10", "--format", "docx")
    assert code == 2 and "--out" in err and err.count("\n") == 1
    # a file that is not ours is left untouched
    foreign = tmp_path / "notes.txt"
    foreign.write_text("my notes\n", encoding="utf-8")
    code, _, err = run_cli("letter", "--from", "xa-X", "--to", "chibo-1", "--on", "2026-12-10", "--out", str(foreign))
    assert code == 2 and foreign.read_text(encoding="utf-8") == "my notes\n"
    # a letter we wrote is replaced
    ours = tmp_path / "letter.txt"
    for _ in range(2):
        code, _, err = run_cli("letter", "--from", "xa-X", "--to", "chibo-1", "--on", "2026-12-10", "--out", str(ours))
        assert code == 0, err
    # so is a .docx we wrote (its author is obligations), not a document of someone else
    pytest.importorskip("docx")
    ours_docx = tmp_path / "letter.docx"
    for _ in range(2):
        code, _, err = run_cli("letter", "--from", "xa-X", "--to", "chibo-1", "--on", "2026-12-10", "--format", "docx",
                               "--out", str(ours_docx))
        assert code == 0, err
    import docx

    theirs = tmp_path / "theirs.docx"
    docx.Document().save(str(theirs))
    before = theirs.read_bytes()
    code, _, err = run_cli("letter", "--from", "xa-X", "--to", "chibo-1", "--on", "2026-12-10", "--format", "docx",
                           "--out", str(theirs))
    # said in the command's language (Vietnamese by default)
    assert code == 2 and "không do chương trình này ghi" in err and theirs.read_bytes() == before
    with pytest.raises(obligations.InputError) as caught:
        build_letter(ws, sender="xa-X", late_units=["chibo-9"], on=ON, lang="vi")
    assert caught.value.code == "unknown-unit"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31)))
def test_laws_of_the_items_on_any_day(ws, on):
    # every item is past its deadline, later than it by at least one calendar day and by no more working
    # days than calendar days, listed oldest first, and the deadline is a working day of the unit
    letter = build_letter(ws, sender="xa-X", late_units=["chibo-2"], on=on, lang="vi")
    items = letter.items
    assert [i.deadline for i in items] == sorted(i.deadline for i in items)
    calendar = ws.calendar_for("chibo-2")
    for item in items:
        assert item.deadline < on and item.days_late == (on - item.deadline).days
        assert 0 <= item.working_days_late <= item.days_late
        assert calendar.is_working_day(item.deadline)


def test_one_reading_of_the_marks_for_every_output():
    from obligations.render.emphasis import Run, runs

    # by hand: the sentence of 76-KH/ĐU IV.1.2 in its runs, and a star inside a word kept
    assert runs(YEARLY) == (Run("báo cáo kết quả thực hiện "), Run("vào tháng 11", bold=True), Run(" hằng năm ("),
                            Run("từ năm 2023 trở đi", italic=True), Run(")"))
    assert plain(YEARLY) == YEARLY_WORDS
    assert plain("__Hạn__: `ngày` 5*2") == "Hạn: ngày 5*2"
    assert plain("không có dấu") == "không có dấu" and runs("") == ()
