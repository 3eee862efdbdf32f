"""What every reader gives: a document as lines of text and table rows, in reading order."""

from __future__ import annotations

from typing import Literal

import attrs

from obligations.base.records import record

Format = Literal["txt", "docx", "pdf"]


@record
@attrs.frozen(repr=False)
class Line:
    """One line of text (a paragraph of a .docx, a text box of a PDF, a line of a .txt), or one
    row of a table (``cells``, with ``table`` telling which table it belongs to)."""

    text: str
    place: int                                  # line of a .txt, paragraph of a .docx, page of a PDF
    cells: tuple[str, ...] | None = None        # a table row's cells, left to right
    table: int = -1                             # the table's number in the document (rows only)


@record
@attrs.frozen(repr=False)
class Document:
    lines: tuple[Line, ...]
    format: Format
    place_word: str                             # what ``Line.place`` counts: "line", "paragraph", "page"
