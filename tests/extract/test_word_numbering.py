"""Word's automatic numbering: the labels Word prints ("I.", "1.", "a)") are not in a paragraph's
text; the reader rebuilds them from the numbering part, for numbering set on a paragraph and
numbering inherited from its style. The .docx is written here, part by part, as Word stores it."""

from __future__ import annotations

import zipfile

import pytest

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _p(text: str, level: int | None = None, style: str | None = None) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if level is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'
    return f'<w:p>{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(path, paragraphs: list[str]) -> None:
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
    abstract = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                       for i, (fmt, text) in enumerate(levels))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            f'document.xml" ContentType="{CT}.document.main+xml"/><Override PartName="/word/numbering.xml" '
            f'ContentType="{CT}.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="{CT}.styles+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PR}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PR}">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
            'Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "word/numbering.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}"><w:abstractNum '
            f'w:abstractNumId="0">{abstract}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '</w:numbering>',
        # "Muc" is a heading style numbered at level 0: a paragraph of that style is "I.", "II." without its own numPr
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}"><w:style w:type="paragraph" '
            'w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" '
            'w:styleId="Muc"><w:name w:val="Muc"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
            '</w:pPr></w:style></w:styles>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
            + "".join(paragraphs) + "</w:body></w:document>",
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)


def test_automatic_numbering_gives_the_printed_sections(tmp_path):
    pytest.importorskip("docx")
    from obligations.base import paths
    from obligations.calendar.data import load_calendar_data
    from obligations.extract import extract

    commemorations = load_calendar_data(paths.calendars_dir()).commemorations
    path = tmp_path / "ke-hoach.docx"
    _docx(path, [
        _p("KẾ HOẠCH"), _p("Triển khai công tác năm 2026"),
        _p("MỤC ĐÍCH, YÊU CẦU", style="Muc"),                      # I.
        _p("Bảo đảm hiệu quả."),
        _p("NHIỆM VỤ", style="Muc"),                               # II.
        _p("Sở Nội vụ:", level=1),                                 # II.1.
        _p("Báo cáo kết quả rà soát trước ngày 15/12/2026.", level=2),   # II.1.a)
        _p("Tổng hợp, báo cáo tình hình trước ngày 20/12/2026.", level=2),  # II.1.b)
        _p("Công an tỉnh báo cáo trước ngày 25/12/2026.", level=1),      # II.2.
    ])
    draft = extract(path, commemorations)
    got = {d["section"]: (d["schedule"]["date"].isoformat(), d.get("body")) for d in draft["duty"]}
    assert got == {"II.1.a": ("2026-12-15", "Sở Nội vụ"), "II.1.b": ("2026-12-20", "Sở Nội vụ"),
                   "II.2": ("2026-12-25", "Công an tỉnh")}
