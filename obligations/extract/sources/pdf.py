"""PDF with a text layer, read with pdfminer.six: text boxes in reading order.

pdfminer.six was chosen over pypdf (both measured on the corpus, docs/extract.md): pypdf
is faster but gives a page as one stream of lines, while pdfminer's layout analysis gives
text boxes with their positions, which is what tells a paragraph from the next, and a page
number or a running header (the same short line at the top or the bottom of many pages)
from the text. Hard-wrapped lines inside a box are joined; a paragraph that a page break
cut in two is joined again by the paragraph reader, as for a text file.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from obligations.base.errors import InputError, Said, said

from .model import Document, Line

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?\s*$", re.IGNORECASE)
_EDGE = 0.08          # the top and bottom 8 % of a page: where running headers and page numbers are


def _refuse(path: Path, message: Said, fix: Said) -> InputError:
    return InputError(message, file=str(path), fix=fix, code="document")


def _boxes(raw: bytes, path: Path) -> list[tuple[int, float, str]]:
    """(page, relative height of the box's top, text) of every text box, page by page."""
    try:
        from pdfminer.high_level import extract_pages          # only PDFs need it (obligations[documents])
        from pdfminer.layout import LAParams, LTTextBox
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise _refuse(path, said("pdf:no-pdfminer", "reading a PDF needs pdfminer.six, which is not installed"),
                      said("pdf:no-pdfminer-fix", "pip install 'obligations[documents]', or give the text as .txt")) from None

    boxes: list[tuple[int, float, str]] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(raw), laparams=LAParams()), start=1):
            height = float(page.height) or 1.0
            for element in page:
                if isinstance(element, LTTextBox):
                    text = _join(line.get_text().strip() for line in element if hasattr(line, "get_text"))
                    boxes.append((number, 1.0 - float(element.y1) / height, text))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _refuse(path, said("pdf:password", "the PDF is protected by a password"),
                      said("pdf:password-fix", "ask the sender for a copy without a password, or print it to a new "
                                               "PDF or save its text as .txt")) from None
    except PDFSyntaxError as exc:
        raise _refuse(path, said("pdf:damaged", "the PDF is damaged ({why})", why=str(exc)),
                      said("pdf:damaged-fix", "ask the sender for the file again")) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many internal types on a broken file
        if "password" in str(exc).lower() or "encrypt" in exc.__class__.__name__.lower():
            raise _refuse(path, said("pdf:password", "the PDF is protected by a password"),
                          said("pdf:password-fix-text", "ask the sender for a copy without a password, or save its "
                                                        "text as .txt")) from None
        raise _refuse(path, said("pdf:damaged", "the PDF is damaged ({why})", why=exc.__class__.__name__),
                      said("pdf:damaged-fix", "ask the sender for the file again")) from None
    return boxes


def _join(lines: Iterable[str]) -> str:
    """A box's lines as one text: a line broken after a hyphen inside a word or a number
    ("02/CT-" + "TTg", "Căm-pu-" + "chi-a") is joined without a space."""
    out = ""
    for line in lines:
        if not line:
            continue
        if out.endswith("-") and len(out) >= 2 and out[-2].isalnum():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def _running(boxes: list[tuple[int, float, str]], pages: int) -> set[str]:
    """Lines at a page's edge on at least half of the pages (and on three or more): running
    headers and footers, not text."""
    edges = Counter(" ".join(text.split()) for _, top, text in boxes if top < _EDGE or top > 1 - _EDGE)
    return {text for text, count in edges.items() if pages >= 3 and count >= max(3, pages // 2)}


def read(raw: bytes, path: Path) -> Document:
    boxes = _boxes(raw, path)
    pages = max((page for page, _, _ in boxes), default=0)
    if not any(text.strip() for _, _, text in boxes):
        raise _refuse(path, said("pdf:no-text", "the PDF has no text layer (a scan or pictures of pages)"),
                      said("pdf:no-text-fix", "run OCR on it first (e.g. ocrmypdf -l vie IN.pdf OUT.pdf), or ask the "
                                              "sender for the .docx or a PDF exported from Word"))
    running = _running(boxes, pages)
    lines: list[Line] = []
    for page, top, text in boxes:
        joined = " ".join(text.split())
        if not joined or joined in running:
            continue
        if (top < _EDGE or top > 1 - _EDGE) and (_PAGE_NUMBER.match(joined) or len(joined) <= 2):
            continue        # a page number; or a mark painted across the page edge (a stacked accent)
        lines.append(Line(joined, page))
    return Document(tuple(lines), "pdf", "page")
