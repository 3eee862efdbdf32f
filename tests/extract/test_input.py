"""Input that is not a directive's text is refused with one clear message, before it is
read without bound; big text is read in linear time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.base.errors import InputError, ObligationsError
from obligations.extract import MAX_BYTES, extract
from obligations.extract.text import paragraphs, read_text


@pytest.fixture(scope="module")
def commemorations():
    return load_calendar_data(paths.calendars_dir()).commemorations


def test_a_directory_is_refused(run_cli, tmp_path):
    code, out, err = run_cli("extract", str(tmp_path), "--lang", "en")
    assert code == 2 and out == "" and "is a directory" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_opening_it(run_cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)          # opening it would block: stat must refuse it first
    code, _, err = run_cli("extract", str(fifo), "--lang", "en")
    assert code == 2 and "not a regular file" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused(run_cli):
    code, _, err = run_cli("extract", "/dev/zero", "--lang", "en")
    assert code == 2 and "not a regular file" in err


def test_too_large_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2001)
    with pytest.raises(ObligationsError, match="more than the limit"):
        read_text(path, limit=2000)
    assert MAX_BYTES == 20 * 1024 * 1024


def test_nul_bytes_are_binary(run_cli, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("Báo cáo trước ngày 20/4/2023".encode() + b"\x00\x00")
    code, _, err = run_cli("extract", str(path), "--lang", "en")
    assert code == 2 and "binary, not text" in err


def test_decomposed_unicode_is_composed(tmp_path):
    import unicodedata

    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", "báo cáo trước ngày 15 tháng 12 hằng năm"), encoding="utf-8")
    assert read_text(path) == "báo cáo trước ngày 15 tháng 12 hằng năm"


# Speed is measured by tests/bench/bench.py (documents, extract), never here. These bounds only
# stop a quadratic regression from hanging CI for hours: 5 MB took 5 s alone and 113 s on a
# machine shared with five other jobs, so the guard is far above both.
HANG = 600


def test_paragraph_joining_is_linear():
    # 200,000 broken lines of one paragraph: the old joining copied the paragraph at each line.
    text = "\n".join(["Các chi bộ báo cáo kết quả thực hiện"] * 200_000)
    start = time.perf_counter()
    (paragraph,) = paragraphs(text)
    assert len(paragraph.text) == 200_000 * 37 - 1
    assert time.perf_counter() - start < HANG   # a hang guard, not a speed target


def test_five_megabytes_finish(commemorations, tmp_path):
    # The figure (about 5 s) is printed by tests/bench/bench.py documents; here only a hang guard.
    # Every line a duty: the densest text there is (a directive has a few per page).
    line = "Các huyện ủy báo cáo 6 tháng gửi trước ngày 20 tháng 7 và báo cáo năm gửi trước ngày 20 tháng 01\nnăm sau;\n"
    count = 5 * 1024 * 1024 // len(line.encode())
    text = "KẾ HOẠCH\n\nHà Nội, ngày 02 tháng 3 năm 2023\n\n1. Báo cáo\n" + line * count
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    draft = extract(path, commemorations)
    assert time.perf_counter() - start < HANG   # a hang guard, not a speed target
    assert len(draft["duty"]) == 2 * count          # two duties in each sentence


def test_one_clause_without_punctuation_is_linear(commemorations, tmp_path):
    text = "báo cáo trước ngày 15 tháng 3 và hằng tháng trước trong vào từ thứ Sáu hằng tuần " * 25_000
    path = tmp_path / "run-on.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    extract(path, commemorations)
    assert time.perf_counter() - start < HANG   # a hang guard, not a speed target
