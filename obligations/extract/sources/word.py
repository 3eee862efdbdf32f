"""Word 2007+ (.docx), read with python-docx: body paragraphs and tables in reading order.

Offices number their items with Word's automatic numbering ("I.", "1.", "a)" drawn by Word,
not typed): the printed label is not in the paragraph's text. It is rebuilt here from the
numbering part (format, start and label pattern of each level), counting as Word counts, so
that the section path of a .docx is the one a reader sees. Page headers and footers (running
titles, page numbers) are not part of the body and are not read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from obligations.base.errors import InputError, Said, said

from .model import Document, Line

# A .docx is a zip archive: what it unpacks to is bounded before it is parsed (a small
# file can unpack to gigabytes).
_UNPACKED_LIMIT = 400 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _damaged(path: Path, why: Said) -> InputError:
    return InputError(said("docx:damaged", "the .docx cannot be read: {why}", why=why), file=str(path), code="document",
                      fix=said("docx:damaged-fix", "open it in Word or LibreOffice and save it again as .docx, or "
                                                   "give its text as .txt"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    # Word's letters go a..z, then aa..zz (Vietnamese lists use a) b) c) … without đ in Word)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(fmt: str, n: int) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "bullet":
        return ""
    return str(n)


class _Numbering:
    """Word's automatic numbering: numId → levels (format, start, pattern), and the counters."""

    def __init__(self, doc: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, int, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        # a style's own numbering, read once from the styles part: python-docx's paragraph.style
        # looks the style up by scanning every style (7 s for a 100-page document)
        self.styles: dict[str, tuple[str, int]] = {}
        self.default_style = ""
        try:
            styles = doc.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            styles = None
        for style in styles.iter(f"{_W}style") if styles is not None else ():
            ident = style.get(f"{_W}styleId", "")
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_style = ident
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                num_id, level = num.find(f"{_W}numId"), num.find(f"{_W}ilvl")
                if num_id is not None:
                    self.styles[ident] = (num_id.get(f"{_W}val", ""),
                                          int(level.get(f"{_W}val", "0")) if level is not None else 0)
        try:
            root = doc.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, int, str]]] = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                start = lvl.find(f"{_W}start")
                text = lvl.find(f"{_W}lvlText")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                    text.get(f"{_W}val", "") if text is not None else "")
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})

    def label(self, num_id: str, level: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        if level >= len(counts):
            return ""
        fmt, start, pattern = levels[level]
        counts[level] = counts[level] + 1 if counts[level] else start
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = 0
        if fmt == "bullet":
            return "-"
        label = pattern
        for i in range(level + 1):
            f, s, _ = levels.get(i, ("decimal", 1, ""))
            label = label.replace(f"%{i + 1}", _format(f, counts[i] or s))
        return label.strip()


def _num_pr(paragraph: Any, numbering: _Numbering) -> tuple[str, int] | None:
    """The paragraph's own numbering, else its style's."""
    ppr = paragraph._p.pPr
    num = getattr(ppr, "numPr", None) if ppr is not None else None
    if num is not None and num.numId is not None:
        level = num.ilvl.val if num.ilvl is not None else 0
        return str(num.numId.val), int(level)
    style = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else numbering.default_style
    return numbering.styles.get(style)


# A run's pieces of text as python-docx's ``Run.text`` gives them ("w:br" of a page or a column
# gives nothing); w:t gives its characters.
_PIECES = {f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-", f"{_W}ptab": "\t", f"{_W}tab": "\t"}
_RUN, _LINK, _T, _BR, _BR_TYPE = f"{_W}r", f"{_W}hyperlink", f"{_W}t", f"{_W}br", f"{_W}type"


def _run_text(run: Any, out: list[str]) -> None:
    for child in run:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _BR:
            kind = child.get(_BR_TYPE)
            out.append("\n" if kind is None or kind == "textWrapping" else "")
        elif tag in _PIECES:
            out.append(_PIECES[tag])


def paragraph_text(p: Any) -> str:
    """python-docx's ``Paragraph.text`` (runs and hyperlinks' runs, in order), read from the XML
    directly: its XPath queries per paragraph and per run were most of the time of a long .docx."""
    out: list[str] = []
    for child in p:
        if child.tag == _RUN:
            _run_text(child, out)
        elif child.tag == _LINK:
            for run in child:
                if run.tag == _RUN:
                    _run_text(run, out)
    return "".join(out)


def _text(paragraph: Any, numbering: _Numbering) -> str:
    text = paragraph_text(paragraph._p)
    found = _num_pr(paragraph, numbering)
    if found is not None and found[0] != "0":
        label = numbering.label(*found)
        if label:
            return f"{label} {text}"
    return str(text)


def read(raw: bytes, path: Path) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > _UNPACKED_LIMIT:
                raise _damaged(path, said("docx:big", "it unpacks to more than 400 MB"))
            names = set(archive.namelist())
            bad = archive.testzip()
    except zipfile.BadZipFile:
        raise _damaged(path, said("docx:truncated", "it is not a whole zip archive (truncated or not a .docx)")) from None
    except (OSError, EOFError, ValueError) as exc:          # a corrupt member (CRC, compression)
        raise _damaged(path, said("docx:corrupt", "the archive is corrupt ({why})", why=exc.__class__.__name__)) from None
    if bad is not None:
        raise _damaged(path, said("docx:member", "the archive member {name} is corrupt", name=bad))
    if "word/document.xml" not in names:
        raise _damaged(path, said("docx:not-word", "it is a zip archive without word/document.xml (not a Word document)"))
    try:
        import docx          # imported here: only .docx files need it (obligations[documents])
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise InputError(said("docx:no-docx", "reading .docx needs python-docx, which is not installed"), file=str(path),
                         code="not-installed",
                         fix=said("pdf:no-pdfminer-fix", "pip install 'obligations[documents]', or give the text as "
                                                         ".txt")) from None

    try:
        doc = docx.Document(io.BytesIO(raw))
    except Exception as exc:     # noqa: BLE001 - a damaged part raises lxml, KeyError, ValueError …
        raise _damaged(path, said("docx:part", "a part of it does not parse ({why})", why=exc.__class__.__name__)) from None
    numbering = _Numbering(doc)
    lines: list[Line] = []
    place, tables = 0, 0
    for child in doc.element.body.iterchildren():
        if child.tag == f"{_W}p":
            place += 1
            lines.append(Line(_text(Paragraph(child, doc), numbering), place))
        elif child.tag == f"{_W}tbl":
            tables += 1
            for row in Table(child, doc).rows:
                place += 1
                cells: list[str] = []
                seen: list[Any] = []
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):    # a merged cell is listed once per column it spans
                        continue
                    seen.append(cell._tc)
                    cells.append("\n".join(_text(p, numbering) for p in cell.paragraphs).strip())
                lines.append(Line(" ".join(" ".join(c.split()) for c in cells if c), place, tuple(cells), tables))
    return Document(tuple(lines), "docx", "paragraph")
