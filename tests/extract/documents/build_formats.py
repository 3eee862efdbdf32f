"""Build NAME.docx and NAME.pdf from NAME.txt: the same document in the other two formats.

Run by hand (the tests only read what it wrote), from the repository's root:

    .venv/bin/python tests/extract/documents/build_formats.py --docx NAME [NAME ...]
    .venv/bin/python tests/extract/documents/build_formats.py --pdf NAME [NAME ...]
    .venv/bin/python tests/extract/documents/build_formats.py NAME [NAME ...]     # both

NAME is a document of this folder without its suffix (t-qd2820-2025-ubnd-hcm-csdl-quy-hoach);
the files are written beside NAME.txt. FORMATS.md lists what was built, when and how: these
files are built from the text, they are NOT the offices' original files.

NAME.txt has one paragraph of the document per line, and its tables as Markdown pipe rows
(README.md). From it:

- NAME.docx (python-docx): each text line one paragraph, as it is (header lines included);
  consecutive pipe rows one real Word table, one cell per pipe cell, a cell's " / " separators
  as separate paragraphs inside the cell; a row with fewer cells than the table (a group row
  "| II | Xây dựng hạ tầng … |") has its last cell merged across the rest of the row, as Word
  draws it. Times New Roman 14, A4, the margins of Decree 30/2020 (Phụ lục I: top and bottom
  20 mm, left 30 mm, right 15 mm), justified, first-line indent 1 cm, 6 pt between paragraphs;
  the page number (a PAGE field) at the top centre of the page header from page 2.
- NAME.pdf: an HTML rendering of the same paragraphs and tables printed by headless Chromium
  (/usr/bin/chromium --headless … --print-to-pdf): a Vietnamese-complete serif font ('Noto
  Serif', else 'DejaVu Serif'), 14 pt, single line spacing (1.2), 6 pt between paragraphs,
  justified, first-line indent 1 cm, the same A4 margins, and the page number at the top
  centre from page 2 (CSS @page @top-center, as Decree 30/2020 places it); tables as HTML
  tables. A PDF's table cells come out of a PDF reader as separate text boxes, so documents
  with task tables are better given as .docx.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
FONT_DOCX = "Times New Roman"
FONT_PDF = "'Noto Serif', 'DejaVu Serif', serif"
CELL_SEPARATOR = " / "

_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)     # each cell: its text as in the .txt

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)


Block = str | Table


def blocks(text: str) -> list[Block]:
    """The .txt as paragraphs (str) and tables: consecutive pipe rows are one table, a |---|
    separator line is skipped (README.md: "one paragraph per line; tables as pipe rows")."""
    result: list[Block] = []
    for raw in text.splitlines():
        row = _ROW.match(raw)
        if row and "|" in row.group("cells") or (row and result and isinstance(result[-1], Table)):
            if _RULE.match(raw):
                continue
            if not result or not isinstance(result[-1], Table):
                result.append(Table())
            cells = [" ".join(c.split()) for c in row.group("cells").split("|")]
            result[-1].rows.append(cells)       # type: ignore[union-attr]
        elif _RULE.match(raw) and result and isinstance(result[-1], Table):
            continue
        else:
            result.append(raw)
    return result


def cell_paragraphs(cell: str) -> list[str]:
    return cell.split(CELL_SEPARATOR) if cell else [""]


# --- .docx ---------------------------------------------------------------------------------------

def build_docx(name: str, text: str, out: Path) -> None:
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = FONT_DOCX
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT_DOCX)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    style.paragraph_format.first_line_indent = Cm(1)
    style.paragraph_format.space_before = Pt(6)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0

    section = document.sections[0]
    assert section.start_type == WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True       # no number on page 1 (Decree 30/2020)
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Cm(0)
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text_ = OxmlElement("w:t")
    text_.text = "2"
    run.append(text_)
    field_.append(run)
    number._p.append(field_)

    for block in blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = block.width
        table = document.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(block.rows):
            row = table.rows[r]
            if len(cells) < width:            # a group row: its last cell spans the rest of the row
                row.cells[len(cells) - 1].merge(row.cells[width - 1])
            for c, cell_text in enumerate(cells):
                cell = row.cells[c]
                paragraphs = cell_paragraphs(cell_text)
                first = cell.paragraphs[0]
                for extra in cell.paragraphs[1:]:       # what a merge left behind
                    extra._p.getparent().remove(extra._p)
                first.text = paragraphs[0]
                for more in paragraphs[1:]:
                    cell.add_paragraph(more)
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.first_line_indent = Cm(0)
                    paragraph.paragraph_format.space_before = Pt(3)
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    document.core_properties.title = name
    document.core_properties.comments = f"Built from {name}.txt by build_formats.py (not the original file)"
    document.save(str(out))


# --- .pdf ----------------------------------------------------------------------------------------

_CSS = f"""
@page {{
  size: A4;
  margin: 20mm 15mm 20mm 30mm;
  @top-center {{ content: counter(page); font-family: {FONT_PDF}; font-size: 14pt; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: {FONT_PDF}; font-size: 14pt; line-height: 1.2; }}
body {{ margin: 0; }}
p {{ margin: 6pt 0 0 0; text-align: justify; text-indent: 1cm; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0 0 0; font-size: 12pt; }}
td {{ border: 0.5pt solid black; padding: 2pt 3pt; vertical-align: top; }}
td p {{ margin: 0 0 2pt 0; text-indent: 0; text-align: left; }}
"""


def html_of(name: str, text: str) -> str:
    parts = ['<!DOCTYPE html>', '<html lang="vi"><head><meta charset="utf-8">',
             f"<title>{html.escape(name)}</title><style>{_CSS}</style></head><body>"]
    for block in blocks(text):
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block) or '&nbsp;'}</p>")
            continue
        parts.append("<table>")
        for cells in block.rows:
            parts.append("<tr>")
            for c, cell in enumerate(cells):
                span = block.width - len(cells) + 1 if c == len(cells) - 1 and len(cells) < block.width else 1
                inner = "".join(f"<p>{html.escape(p)}</p>" for p in cell_paragraphs(cell) if p)
                parts.append(f'<td colspan="{span}">{inner}</td>' if span > 1 else f"<td>{inner}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def build_pdf(name: str, text: str, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="build-formats-") as tmp:
        page = Path(tmp) / f"{name}.html"
        page.write_text(html_of(name, text), encoding="utf-8")
        profile = Path(tmp) / "profile"
        profile.mkdir()
        printed = Path(tmp) / f"{name}.pdf"
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-pdf-header-footer", f"--user-data-dir={profile}", f"--print-to-pdf={printed}",
                   page.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        if done.returncode != 0 or not printed.exists() or not printed.read_bytes().startswith(b"%PDF"):
            raise SystemExit(f"chromium failed ({done.returncode}) on {name}:\n{done.stderr[-2000:]}")
        shutil.copyfile(printed, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", help="documents of this folder, without .txt")
    parser.add_argument("--docx", action="store_true", help="build only NAME.docx")
    parser.add_argument("--pdf", action="store_true", help="build only NAME.pdf")
    args = parser.parse_args(argv)
    both = not (args.docx or args.pdf)
    for name in args.names:
        name = name.removesuffix(".txt")
        source = HERE / f"{name}.txt"
        text = source.read_text(encoding="utf-8")
        if args.docx or both:
            build_docx(name, text, HERE / f"{name}.docx")
            print(f"wrote {name}.docx")
        if args.pdf or both:
            build_pdf(name, text, HERE / f"{name}.pdf")
            print(f"wrote {name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
