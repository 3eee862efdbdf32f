"""The reminder letter as a Word document (.docx, python-docx: the ``documents`` extra, imported
when a letter is written): A4, Times New Roman, the margins of Nghị định 30/2020/NĐ-CP (Phụ lục I:
top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm), the header and the foot as borderless
two-column tables as the decree and Hướng dẫn 36-HD/VPTW lay them out, each part in the size and
emphasis render/letter_parts.py gives it. Number, date, place and signer are left to fill."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from obligations.base.errors import InputError, said
from obligations.base.files import write_replacing
from obligations.render.emphasis import Run, runs
from obligations.render.letter_parts import Line, parts
from obligations.report.reminder_letter import ReminderLetter

if TYPE_CHECKING:
    from docx.document import Document

FONT = "Times New Roman"
LEFT_MM, RIGHT_MM = 65, 95          # the header's two columns: 160 mm between the margins


CREATOR = "obligations"     # as render/sheets.py marks its workbooks: --out replaces only what we wrote


def write_letter_docx(letter: ReminderLetter, path: str | Path, lang: str) -> None:
    """Write the letter in ``lang`` (vi or en) to ``path``, whole or not at all (a temporary file
    beside it, then moved into place)."""
    target = Path(path)
    data = letter_docx(letter, lang)
    try:
        write_replacing(target, data)
    except OSError as exc:
        raise InputError(said("letter:cannot-write-to", "cannot write the letter to {path}: {why}", path=str(target),
                              why=str(exc.strerror or exc)),
                         fix=said("letter:cannot-write-to-fix", "give a file in a folder that exists and can be written"),
                         code="output-file", param="out") from None


def letter_docx(letter: ReminderLetter, lang: str) -> bytes:
    """The letter in ``lang`` (vi or en) as the bytes of a .docx file."""
    try:
        import docx
        from docx.shared import Mm
    except ImportError as exc:      # an optional extra: say which
        raise InputError(said("letter:no-docx", "writing a .docx letter needs python-docx, which is not installed"),
                         fix=said("letter:no-docx-fix", 'install it: pip install "obligations[documents]"'),
                         code="not-installed") from exc
    p = parts(letter, lang)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _default_font(document)
    document.core_properties.author = CREATOR
    document.core_properties.title = p.subject
    body = document.paragraphs[0] if document.paragraphs else None
    for line in p.above:
        _line(document.add_paragraph(), line)
    _columns(document, p.header_left, p.header_right)
    for line in (Line(""), *p.addressees, Line(""), *p.body, Line("")):
        _line(document.add_paragraph(), line)
    _columns(document, p.foot_left, p.foot_right)
    if body is not None and not body.text:      # the template's empty first paragraph
        body._element.getparent().remove(body._element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _default_font(document: Document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style: Any = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):   # Vietnamese letters in every script slot
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)


def _columns(document: Document, left: tuple[Line, ...], right: tuple[Line, ...]) -> None:
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)      # the default style draws no borders
    table.autofit = False
    for cell, lines, width in zip(table.rows[0].cells, (left, right), (LEFT_MM, RIGHT_MM)):
        cell.width = Mm(width)
        for n, line in enumerate(lines):
            _line(cell.paragraphs[0] if n == 0 else cell.add_paragraph(), line)


def _line(paragraph: Any, line: Line) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[line.align]
    if line.indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.space_after = Pt(6)
    # a quoted sentence's emphasis marks become bold and italic runs (render/emphasis.py)
    for words in (runs(line.text) if line.marked else (Run(line.text),) if line.text else ()):
        run = paragraph.add_run(words.text)
        run.bold, run.italic, run.underline = line.bold or words.bold, line.italic or words.italic, line.underline
        run.font.size = Pt(line.size)
