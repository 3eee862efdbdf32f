"""Every scan of the extractor that begins with a lookahead of first characters
(obligations/extract/scan.py: ``(?=[…])`` fails at once where no match can begin) lets every
alternative of the pattern through: an alternative added later with a first letter the
lookahead lacks would never match, silently. The alternatives are read from each pattern's
parse tree (tests/extract/scan_first.py), so this holds for patterns changed after this test."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from scan_first import beginnings, unguarded

import obligations.extract as extract
from obligations.extract.scan import fail_fast


def _guarded() -> list[tuple[str, re.Pattern[str]]]:
    """(the names it has, joined; the pattern) of each guarded pattern of the package (a pattern
    imported by another module is one pattern)."""
    names: dict[int, list[str]] = {}
    patterns: dict[int, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(extract.__path__, "obligations.extract."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and re.match(r"(?:\(\?<!\\w\))?\(\?=\[", value.pattern):
                names.setdefault(id(value), []).append(f"{info.name.rsplit('.', 1)[-1]}.{name}")
                patterns[id(value)] = value
    return sorted((" ".join(sorted(names[key])), patterns[key]) for key in patterns)


GUARDED = _guarded()


def test_the_scans_that_should_fail_fast_do():
    # the ones measured to cost most in a 5 MB text: if one is renamed, say so here
    names = {name for joined, _ in GUARDED for name in joined.split()}
    assert {"deadline_words._MARKER", "deadline_words._MAYBE", "periods._PERIOD", "periods._PLAIN",
            "periods._MAYBE", "periods._DAILY", "periods._DONE", "periods._DESCRIBES", "labels._BRACKET_PERIOD",
            "unused._PHRASE", "unused._QUICK", "draft._ANY_TIME"} <= names


@pytest.mark.parametrize("name,pattern", GUARDED, ids=[name for name, _ in GUARDED])
def test_each_lookahead_lets_every_alternative_through(name, pattern):
    assert beginnings(pattern)
    assert unguarded(pattern) == set(), f"{name}: its lookahead refuses these beginnings"


def test_a_lookahead_that_misses_an_alternative_is_caught():
    # the reading of the alternatives itself: a lookahead without "c" lets "cuối" be lost
    assert unguarded(fail_fast(re.compile(r"(?P<a>đầu|giữa)\s+năm|cuối\s+năm|\d{1,2}/\d{4}", re.I), r"\dđg")) == {"cuối"}
    assert unguarded(fail_fast(re.compile(r"(?:hằng\s+)?năm", re.I), "n")) == {"hằng"}
    assert unguarded(fail_fast(re.compile(r"(?:hằng\s+)?năm", re.I), "hn")) == set()
    assert unguarded(fail_fast(re.compile(r"[0-9]+ ngày|tháng", re.I), "t0-9")) == set()
    assert unguarded(fail_fast(re.compile(r"\d+ ngày|tháng", re.I), "t0-9")) == {"٣"}     # \d is more than 0-9
    # a words lookahead: a word left out, or a letter whose capital is not taken, is caught
    from obligations.extract.scan import begins_with

    base = fail_fast(re.compile(r"(?<!\w)(?:chậm\s+nhất|trước|\d+\s+ngày)", re.I), r"\dct")
    assert unguarded(begins_with(base, ("\\d", "chậ", "trư"))) == set()
    assert unguarded(begins_with(base, ("chậ", "trư"))) == {"٣"}
    assert unguarded(begins_with(base, ("\\d", "chậ"))) == {"trước"}
    assert unguarded(re.compile(r"(?=[\dct])(?=\d|(?-i:ch|[tT]r))(?:chậm\s+nhất|trước|\d+\s+ngày)", re.I)) == \
        {"chậm", "trước"}       # "Chậm", "TRước" would be refused: "ch" and "r" are written in one case
    with pytest.raises(Exception):
        beginnings(fail_fast(re.compile(r"x?", re.I), "x"))       # may match nothing: cannot be guarded


def test_the_lookahead_changes_no_match():
    # the same matches, group by group, on phrases of each kind (and inside words, where none begins)
    texts = ["Báo cáo 6 tháng đầu năm gửi trước ngày 20 tháng 7 và báo cáo năm trước ngày 20 tháng 01 năm sau",
             "sinh hoạt chi bộ hằng tháng; định kỳ 06 tháng một lần; trợ cấp hằng tháng", "quýt thángg nămm 2026"]
    for _, pattern in GUARDED:
        plain = re.compile(re.sub(r"^(\(\?<!\\w\))?\(\?=\[(?:\\.|[^\]\\])+\]\)", r"\1", pattern.pattern), pattern.flags)
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == \
                [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_each_numbering_item_is_tried_on_every_line_it_can_open():
    # numbered() tries a line only against the items its first character can begin (text._BEGINS)
    from scan_first import first_characters

    from obligations.extract import text

    for rank, pattern in text._NUMBERING:
        firsts = first_characters(pattern)
        if "٣" in firsts:
            firsts = (firsts - {"٣"}) | set("0123456789")
        missing = {c for c in firsts if c in text._OPENERS and c not in text._BEGINS[rank]}
        assert not missing, f"{rank}: lines beginning with {sorted(missing)} would not be tried"


def test_numbered_reads_the_corpus_lines_as_trying_every_item_did():
    from pathlib import Path

    from obligations.extract import text

    def every_item(line: str):
        saved = text._OPENED
        try:
            text._OPENED = {first: text._NUMBERING for first in text._OPENERS}
            return text.numbered(line)
        finally:
            text._OPENED = saved

    here = Path(__file__).parent
    files = [p for p in (here / "documents").glob("*.txt") if not p.name.startswith("z-")]
    files += list((here.parent / "fixtures" / "seeds").glob("*.txt"))
    lines = {text.clean_line(line) for path in files for line in path.read_text(encoding="utf-8").splitlines()}
    lines |= {"PHẦN I. CHUNG", "Phụ lục II", "PHỤ LỤC 3", "Chương 2: X", "Mục 1. Y", "Điều 5. Z", "IV. KẾ HOẠCH",
              "C. MỤC TIÊU", "1.2. Nội dung", "1.2 Nội dung", "a) Sở", "đ) Bộ", "X - Y"}
    found = [line for line in lines if text.numbered(line) is not None]
    assert len(found) > 100
    assert all(text.numbered(line) == every_item(line) for line in lines)


def test_the_words_lookahead_takes_each_letter_in_every_form_re_takes_it():
    # begins_with compares words case-sensitively, each letter written in all its forms: the forms
    # are the ones Python's re takes for the letter when ignoring case, read from re over all of Unicode
    from scan_first import same_letter

    from obligations.extract.scan import _cases

    letters = ("abcdefghijklmnopqrstuvwxyzàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữ"
               "ỳýỵỷỹđ")
    for letter in letters:
        written = _cases(letter)
        assert written[0] == "[" and written[-1] == "]" and "\\" not in written
        assert set(written[1:-1]) == set(same_letter(letter, re.IGNORECASE)), letter
