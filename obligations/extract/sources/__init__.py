"""Reading a directive file, whatever its format, as lines of text and table rows.

    plain.py   .txt (UTF-8 or UTF-16): lines; Markdown pipe rows are table rows
    word.py    .docx (python-docx): paragraphs and tables in reading order, automatic
               numbering resolved to the labels Word prints
    pdf.py     PDF with a text layer (pdfminer.six): text boxes in reading order, page
               numbers and running headers dropped

Every reader gives the same :class:`Document`, so that the rest of ``extract`` never
knows which format a directive came in: the same text gives the same duties. The format
is decided by the file's first bytes, not its name; a name that promises another format
is refused with a message saying what the file really is.
"""

from __future__ import annotations

from pathlib import Path

from obligations.base.errors import InputError, said
from obligations.base.files import read_regular_file

from .model import Document, Line

# A directive is a few hundred kilobytes at most; 20 MB leaves room for a whole gazette
# (a .docx with pictures, a PDF of a hundred pages) while bounding what a mistaken path
# (a disk image, a log) can cost.
MAX_BYTES = 20 * 1024 * 1024

_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")     # Word 97-2003 .doc, .xls, and other OLE2 files


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit`` bytes of a regular file; a FIFO, a device or a directory is refused
    before a byte is read (the same reader as every data file: obligations.base.files)."""
    return read_regular_file(path, limit, fix=said("doc:give-as", "give the directive as .txt, .docx or .pdf"))


def read_document(path: Path, limit: int = MAX_BYTES) -> Document:
    """The lines of one directive file: .txt, .docx or a PDF with a text layer."""
    raw = read_bytes(path, limit)
    suffix = path.suffix.lower()
    if raw.startswith(b"%PDF"):
        from . import pdf

        return pdf.read(raw, path)
    if raw.startswith(_OLE):
        raise InputError(said("doc:ole2", "this is a Word 97-2003 (.doc) file or another OLE2 file, which is not read"),
                         file=str(path), code="document",
                         fix=said("doc:ole2-fix", "open it in Word or LibreOffice and save it as .docx (soffice "
                                                  "--headless --convert-to docx FILE.doc)"))
    if raw.startswith(_ZIP) or suffix == ".docx":
        from . import word

        return word.read(raw, path)
    if suffix == ".pdf":
        raise InputError(said("doc:not-pdf", "the file is named .pdf but is not a PDF (it does not start with %PDF)"),
                         file=str(path), code="document",
                         fix=said("doc:not-pdf-fix", "give the PDF as the e-office system sent it, or its text as .txt"))
    from . import plain

    return plain.read(raw, path)


__all__ = ["MAX_BYTES", "Document", "Line", "read_bytes", "read_document"]
