"""A period's label as a Vietnamese clerk writes it (render/day_text.period_text).

Each expected text is written by hand from the label's form (obligations/rules/schedules/
periods.py writes the labels): a month is "tháng MM/YYYY", a quarter a Roman numeral as plans
print it ("Quý III/2026"), the halves "6 tháng đầu năm" / "6 tháng cuối năm", a day dd/mm/yyyy.
English keeps the label itself, the form `--period` takes.
"""

from __future__ import annotations

import pytest

from obligations.render.day_text import period_text


@pytest.mark.parametrize(("label", "vi"), [
    ("2026", "năm 2026"),
    ("2026-08", "tháng 08/2026"),
    ("2026-Q1", "quý I/2026"),
    ("2026-Q3", "quý III/2026"),
    ("2026-Q4", "quý IV/2026"),
    ("2026-H1", "6 tháng đầu năm 2026"),
    ("2026-H2", "6 tháng cuối năm 2026"),
    ("2026-9M", "9 tháng năm 2026"),
    ("2026-W05", "tuần 05/2026"),
    ("2026-09-02", "02/09/2026"),       # a peak's or a one-off's period is its day
])
def test_labels_in_vietnamese(label: str, vi: str) -> None:
    assert period_text(label, "vi") == vi
    assert period_text(label, "en") == label


@pytest.mark.parametrize("odd", ["2026-13", "2026-Q5", "2026-H3", "26-08", "event:bau-cu", ""])
def test_anything_else_is_left_as_it_is(odd: str) -> None:
    assert period_text(odd, "vi") == odd


def test_due_table_names_the_month_in_words(tmp_path, monkeypatch) -> None:
    """The bundled Hướng dẫn BTG Thị ủy asks for a monthly introduction (mục VII.7): on
    25/08/2026 the August one is listed as "[tháng 08/2026]", never "[2026-08]"."""
    import subprocess
    import sys

    monkeypatch.setenv("OBLIGATIONS_DB", str(tmp_path / "log.sqlite3"))
    out = subprocess.run([sys.executable, "-m", "obligations", "due", "--unit", "phuong-Z1", "--on", "25/08/2026"],
                         capture_output=True, text=True, check=True).stdout
    assert "[tháng 08/2026]" in out
    assert "[2026-08]" not in out
