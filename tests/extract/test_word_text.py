"""The .docx reader takes a paragraph's text from the XML itself (python-docx's ``Paragraph.text``
ran two XPath queries per paragraph and per run: most of the time of a 100-page document). It
must give exactly what python-docx gives: checked here against python-docx on every paragraph
of the corpus's .docx files and on paragraphs holding every kind of run content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from obligations.extract.sources.word import paragraph_text  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENTS = Path(__file__).parent / "documents"

# run content of every kind python-docx reads (w:t, w:tab, w:br of each type, w:cr,
# w:noBreakHyphen, w:ptab), content it does not (w:instrText, w:delText, w:drawing-like), runs
# inside a hyperlink, a hyperlink's non-run child, an empty w:t, a w:t with spaces kept
_PARAGRAPHS = [
    '<w:r><w:t>Thời gian hoàn thành:</w:t><w:tab/><w:t xml:space="preserve"> Quý I/2026 </w:t></w:r>',
    '<w:r><w:t>trước</w:t><w:br/><w:t>ngày</w:t><w:br w:type="page"/><w:t>15</w:t><w:br w:type="column"/>'
    '<w:br w:type="textWrapping"/><w:cr/><w:t>tháng</w:t><w:noBreakHyphen/><w:ptab w:relativeTo="margin" '
    'w:alignment="right" w:leader="none"/><w:t/></w:r>',
    '<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Điều 3.</w:t></w:r>'
    '<w:hyperlink r:id="rId9"><w:r><w:t>Nghị định 30/2020/NĐ-CP</w:t></w:r><w:proofErr w:type="spellStart"/>'
    '<w:r><w:tab/><w:t>xem</w:t></w:r></w:hyperlink><w:r><w:instrText>PAGE</w:instrText><w:delText>bỏ</w:delText>'
    '<w:t>hết</w:t></w:r>',
    '<w:bookmarkStart w:id="0" w:name="a"/><w:ins w:id="1" w:author="x"><w:r><w:t>chèn</w:t></w:r></w:ins>'
    '<w:r><w:t>còn</w:t></w:r><w:bookmarkEnd w:id="0"/><w:smartTag><w:r><w:t>ẩn</w:t></w:r></w:smartTag>',
    '',
]


def _document(paragraphs: list[str]) -> bytes:
    from docx.oxml import parse_xml

    doc = docx.Document()
    body = doc.element.body
    for inner in paragraphs:
        body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{W}" xmlns:r="{R}">{inner}</w:p>'))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _all_paragraphs(doc) -> list:
    found = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    return found


def test_every_kind_of_run_content_reads_as_python_docx_reads_it():
    doc = docx.Document(io.BytesIO(_document(_PARAGRAPHS)))
    paragraphs = doc.paragraphs[-len(_PARAGRAPHS):]
    assert [paragraph_text(p._p) for p in paragraphs] == [p.text for p in paragraphs]
    # written by hand from the XML above: a line break and w:cr are "\n", page and column breaks
    # nothing, tabs "\t", a no-break hyphen "-", w:instrText and w:delText not text, runs of a
    # hyperlink read in place, runs inside w:ins and w:smartTag not read (python-docx reads
    # only the paragraph's own runs and its hyperlinks' runs)
    assert paragraph_text(paragraphs[0]._p) == "Thời gian hoàn thành:\t Quý I/2026 "
    assert paragraph_text(paragraphs[1]._p) == "trước\nngày15\n\ntháng-\t"
    assert paragraph_text(paragraphs[2]._p) == "Điều 3.Nghị định 30/2020/NĐ-CP\txemhết"
    assert paragraph_text(paragraphs[3]._p) == "còn"
    assert paragraph_text(paragraphs[4]._p) == ""


# (the held-out part z- is not read by anything but its own measure)
@pytest.mark.parametrize("path", sorted(p for p in DOCUMENTS.glob("*.docx") if not p.name.startswith("z-")),
                         ids=lambda p: p.name)
def test_the_corpus_docx_paragraphs_read_as_python_docx_reads_them(path):
    doc = docx.Document(str(path))
    paragraphs = _all_paragraphs(doc)
    assert paragraphs
    assert [paragraph_text(p._p) for p in paragraphs] == [p.text for p in paragraphs]
