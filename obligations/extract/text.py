"""Reading a directive's text as it comes out of a PDF or a web page, and normalising it.

PDF text has every line broken (often with a blank line after each), page numbers and
footnote markers on lines of their own, stray spaces inside numbers and dates
("140 -KH/TU", "27 /4/2023"); web text has ``**bold**``, ``*italic*``, ``<sup>1</sup>``
and ``###`` headings. What comes out is a list of paragraphs, each with the section it
belongs to (``IV.1.2``), in the document's own words.

Everything here is linear in the size of the text: a paragraph is built as a list of
lines and joined once, never by repeated string concatenation.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import attrs

from obligations.base.errors import InputError
from obligations.base.files import read_regular_file
from obligations.base.records import record

# A directive is a few hundred kilobytes at most; 20 MB leaves room for a whole gazette
# while bounding what a mistaken path (a disk image, a log) can cost.
MAX_BYTES = 20 * 1024 * 1024


@record
@attrs.frozen(repr=False)
class Paragraph:
    section: str          # "IV.1.2", "7", "" before the first heading
    heading: str          # the text of the heading that opened the section
    text: str
    line: int             # first line in the file


def _refuse(path: Path, message: str, fix: str) -> InputError:
    return InputError(message, file=str(path), fix=fix)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit`` bytes of a regular file; a FIFO, a device or a directory is refused
    before a byte is read (the same reader as every data file: obligations.base.files)."""
    return read_regular_file(path, limit, fix="give a plain text file (UTF-8)")


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, in NFC; else a clear error."""
    if not raw.strip():
        raise _refuse(path, "the file is empty", "give the directive's text")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", raw.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw or raw.startswith(b"%PDF"):
        raise _refuse(path, "the file is binary, not text",
                      "extract the text first (e.g. pdftotext FILE.pdf FILE.txt)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(path, f"the file is not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})",
                      "convert it, e.g. iconv -f WINDOWS-1258 -t UTF-8 FILE > FILE.utf8.txt") from None
    # PDF tools often write decomposed Vietnamese (a base letter and combining marks):
    # the grammar is written in composed form.
    return unicodedata.normalize("NFC", text)


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    return decode(read_bytes(path, limit), path)


_MARKUP = [
    (re.compile(r"<sup>\s*\d+\s*</sup>"), ""),          # footnote references
    (re.compile(r"</?\w+[^>]{0,200}>"), ""),              # any other tag
    (re.compile(r"\*\*|__"), ""),                          # bold
    (re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"), ""),   # italic
    (re.compile(r"^\s*#{1,6}\s*"), ""),                    # markdown headings
]
# "140 -KH/TU", "27 /4/2023", "15 - 12": no spaces inside numbers, dates and numbers of documents
_TIGHT = [
    (re.compile(r"(\d)\s+([/-])\s*(?=[\dA-ZĐ])"), r"\1\2"),
    (re.compile(r"(\d)([/-])\s+(?=\d)"), r"\1\2"),
]
_NOISE = re.compile(r"^\s*(\d{1,3}|-{3,}|_{3,}|Trang \d+|Page \d+|LogoImage.*)\s*$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*<sup>\s*\d+\s*</sup>")
ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\.\s+(?P<title>.*)$")
ARABIC = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.\s+(?P<title>.*)$")
_BLOCK_START = re.compile(r"^([-–+•]\s|Bước \d+:|Nơi nhận|T/M |Kính gửi|Số\s|Thực hiện\s|Đây là\s)")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A heading is a title; a numbered paragraph's first words stand for it (who performs),
# and keeping only those keeps the reading of a long numbered paragraph linear.
_HEADING = 200


def is_noise(line: str) -> bool:
    return bool(_NOISE.match(line))


def clean_line(line: str) -> str:
    for pattern, repl in _MARKUP:
        line = pattern.sub(repl, line)
    for pattern, repl in _TIGHT:
        line = pattern.sub(repl, line)
    return _SPACES.sub(" ", line).strip()


@attrs.define
class _Block:
    """A paragraph being built: its lines are joined once, at the end (linear time)."""

    line: int
    parts: list[str]
    footnote: bool = False


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if _FOOTNOTE.match(raw):
            blocks.append(_Block(number, [], footnote=True))   # a footnote's body: dropped
            continue
        if _NOISE.match(raw):
            continue
        line = clean_line(raw)
        if not line:
            continue
        starts_block = bool(ROMAN.match(line) or ARABIC.match(line) or _BLOCK_START.match(line))
        if blocks and not starts_block:
            if not blocks[-1].footnote:
                blocks[-1].parts.append(line)
            continue
        blocks.append(_Block(number, [line]))
    return [b for b in blocks if not b.footnote]


def paragraphs(text: str) -> list[Paragraph]:
    """Rebuild paragraphs from broken lines and attach each to its section number."""
    result: list[Paragraph] = []
    roman, arabic, heading = "", "", ""
    for block in _blocks(text):
        joined = " ".join(block.parts)
        match = ROMAN.match(joined)
        if match:
            roman, arabic, heading = match.group("num"), "", match.group("title")[:_HEADING]
        else:
            match = ARABIC.match(joined)
            if match:
                arabic, heading = match.group("num"), match.group("title")[:_HEADING]
        section = ".".join(p for p in (roman, arabic) if p)
        result.append(Paragraph(section, heading, joined, block.line))
    return result
