"""Reporting regimes (Nghị định 09/2019/NĐ-CP, Điều 7) in the bundled rules and `catalogue --under`
(issue 25): the expected regimes are worked out by hand from the hierarchy and the seed texts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _norm(text: str) -> str:
    """Without the seeds' markdown emphasis and line breaks, in lower case."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().lower()


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "obligations", *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def _regimes() -> list[tuple[str, str, str, dict[str, dict[str, str]]]]:
    found = []
    for path in sorted((ROOT / "rules").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        seed = doc.get("directive", {}).get("source_document")
        for duty in doc.get("duty", []):
            if "regime" in duty:
                found.append((path.name, seed, duty["id"], duty["regime"]))
    return found


def test_nine_bundled_duties_carry_a_regime():
    # the report and review duties of the three seed documents that ask for reports: 76-KH/ĐU (IV.1.2: three
    # for the cells; V.7: two for the commune), HD-BTGThU (V: yearly and interim), Kon Tum's letter (7: two)
    assert sorted((f, d) for f, _, d, _ in _regimes()) == sorted([
        ("76-KH-DU.toml", "chi-bo-bao-cao-trien-khai"), ("76-KH-DU.toml", "chi-bo-bao-cao-hang-nam"),
        ("76-KH-DU.toml", "chi-bo-so-ket"), ("76-KH-DU.toml", "dang-uy-bao-cao-hang-nam"),
        ("76-KH-DU.toml", "dang-uy-so-ket"), ("HD-BTGThU.toml", "bao-cao-hang-nam"),
        ("HD-BTGThU.toml", "bao-cao-so-ket"), ("CV-BTVTU-KonTum.toml", "bao-cao-hang-nam"),
        ("CV-BTVTU-KonTum.toml", "so-ket-2023-2025")])


@pytest.mark.parametrize("file,seed,duty,regime", _regimes(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_stated_field_is_quoted_from_its_seed(file, seed, duty, regime):
    """Nothing invented: each source sentence is in the seed text, and each value is in its sentence."""
    text = _norm((ROOT / seed).read_text(encoding="utf-8"))
    for name, field in regime.items():
        assert _norm(field["source"]) in text, (file, duty, name)
        assert _norm(field["value"]) in _norm(field["source"]), (file, duty, name)


def _catalogue(unit: str, lang: str = "vi") -> dict:
    p = _run("catalogue", "--under", unit, "--format", "json", "--lang", lang)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_catalogue_under_a_cell_and_a_commune():
    # chibo-1 is a cell of xa-X: the three cell reports of 76-KH/ĐU (performers level:cell, issued by xa-X).
    # Kon Tum's letter asks the province's children (huyen-Y; xa-X after 1/7/2025): not chibo-1.
    assert [r["duty"] for r in _catalogue("chibo-1")["regimes"]] == [
        "76-KH-DU/chi-bo-bao-cao-hang-nam", "76-KH-DU/chi-bo-bao-cao-trien-khai", "76-KH-DU/chi-bo-so-ket"]
    # xa-X: those three, its own two reports of 76-KH/ĐU V.7, and Kon Tum's two (xa-X is under the
    # merged province that carries Kon Tum's letter); HD-BTGThU is the town's, elsewhere.
    doc = _catalogue("xa-X")
    assert len(doc["regimes"]) == 7
    kontum = next(r for r in doc["regimes"] if r["duty"] == "CV-BTVTU-KonTum/bao-cao-hang-nam")
    assert kontum["units"] == ["xa-X"]
    fields = kontum["fields"]
    assert fields["deadline"]["value"] == "trước ngày 15-12 hằng năm" and fields["deadline"]["stated"]
    assert fields["deadline"]["source"]["section"] == "7" and kontum["document"]["id"] == "CV-BTVTU-KonTum"
    assert fields["receiver"]["value"] == "Ban Thường vụ Tỉnh ủy (qua Ban Tuyên giáo Tỉnh ủy)"
    # the letter says nothing of how it is sent, a cut-off, an outline or forms
    assert kontum["missing"] == ["method", "cutoff", "template", "forms"]
    assert fields["method"] == {"label": fields["method"]["label"], "value": None, "stated": False,
                                "derived": False, "source": None}


def test_a_field_the_regime_leaves_to_the_duty_is_derived_with_the_duty_sentence():
    # 76-KH/ĐU IV.1.2 names no receiver for the cells' yearly report; the duty's recipient is the issuer
    # (xa-X), so the receiver is xa-X's name, sourced to the duty's own sentence, marked derived
    row = next(r for r in _catalogue("chibo-1")["regimes"] if r["duty"] == "76-KH-DU/chi-bo-bao-cao-hang-nam")
    receiver = row["fields"]["receiver"]
    assert receiver["derived"] and not receiver["stated"]
    assert receiver["value"].startswith("Đảng ủy xã X")
    assert receiver["source"]["text"] == "báo cáo kết quả thực hiện **vào tháng 11** hằng năm (*từ năm 2023 trở đi*)"


def test_catalogue_json_validates_against_its_schema():
    jsonschema = pytest.importorskip("jsonschema")
    sys.path.insert(0, str(ROOT / "tests"))
    from test_json_schemas import errors

    for unit, lang in (("tw", "vi"), ("xa-X", "en"), ("chibo-hn-1", "vi")):
        doc = _catalogue(unit, lang)
        assert errors("catalogue", doc) == []
    bad = _catalogue("chibo-1")
    del bad["regimes"][0]["fields"]["forms"]
    assert errors("catalogue", bad)
    assert jsonschema


def test_catalogue_rows_for_the_province_check():
    # every row has the ten fields, and every row names a source
    doc = _catalogue("tw")
    assert len(doc["regimes"]) == 9
    for row in doc["regimes"]:
        assert list(row["fields"]) == doc["fields"] and len(row["fields"]) == 10
        assert any(f["source"] for f in row["fields"].values())


def test_catalogue_csv_has_one_row_per_regime():
    p = _run("catalogue", "--under", "xa-X", "--format", "csv")
    assert p.returncode == 0, p.stderr
    import csv
    import io

    rows = list(csv.reader(io.StringIO(p.stdout)))
    assert len(rows) == 1 + 7 and len(rows[0]) == 16


def test_check_warns_of_regimes_with_fields_missing():
    p = _run("check")
    assert p.returncode == 0, p.stdout + p.stderr
    lines = [line for line in p.stdout.splitlines() if "reporting regime" in line]
    assert len(lines) == 9
    kontum = next(line for line in lines if "CV-BTVTU-KonTum/bao-cao-hang-nam" in line)
    assert "method, cutoff, template, forms" in kontum and "warning" in kontum


def test_catalogue_table_in_vietnamese_and_in_english():
    vi = _run("catalogue", "--under", "chibo-1")
    assert vi.returncode == 0, vi.stderr
    # 76-KH/ĐU IV.1.2 states no content, method, cut-off, outline or forms for the cells' reports: each of
    # the three regimes shows those five as "không nêu"
    assert vi.stdout.count(": không nêu") == 3 * 5
    assert "Tên báo cáo: Báo cáo kết quả thực hiện [1]" in vi.stdout
    assert "(theo nhiệm vụ)" in vi.stdout and "not stated" not in vi.stdout and "Report name" not in vi.stdout
    en = _run("catalogue", "--under", "chibo-1", "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert en.stdout.count(": not stated") == 15 and "không nêu" not in en.stdout
    assert "Report name: Báo cáo kết quả thực hiện [1]" in en.stdout     # the document's own words stay


def test_catalogue_dates_for_people_are_dd_mm_yyyy(tmp_path):
    # a copy of the bundled rules where Kon Tum's letter states its date of issue (8/3/2023, the day its
    # duties take effect): the table writes it 08/03/2023 in Vietnamese, 2023-03-08 in English
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    letter = rules / "CV-BTVTU-KonTum.toml"
    letter.write_text(letter.read_text(encoding="utf-8").replace('kind = "letter"', 'kind = "letter"\nissued = 2023-03-08', 1),
                      encoding="utf-8")
    vi = _run("catalogue", "--under", "huyen-Y", "--rules", str(rules))
    assert vi.returncode == 0, vi.stderr
    assert "ban hành ngày 08/03/2023" in vi.stdout
    en = _run("catalogue", "--under", "huyen-Y", "--rules", str(rules), "--lang", "en")
    assert "issued 2023-03-08" in en.stdout


def test_catalogue_xlsx_headers_follow_the_language(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "c.xlsx"
    p = _run("catalogue", "--under", "xa-X", "--format", "xlsx", "--out", str(out))
    assert p.returncode == 0, p.stderr
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    # the layout provinces publish: STT, then the ten fields of Điều 7 in its order
    assert rows[0][:11] == ("STT", "Tên báo cáo", "Nội dung yêu cầu báo cáo", "Đối tượng thực hiện báo cáo",
                            "Cơ quan nhận báo cáo", "Phương thức gửi, nhận báo cáo", "Thời hạn gửi báo cáo",
                            "Tần suất thực hiện báo cáo", "Thời gian chốt số liệu báo cáo", "Mẫu đề cương báo cáo",
                            "Biểu mẫu số liệu báo cáo")
    assert len(rows) == 1 + 7 and [r[0] for r in rows[1:]] == list(range(1, 8))
