"""Reading a directive's text as it comes out of a PDF or a web page, and normalising it.

PDF text has every line broken (often with a blank line after each), page numbers and
footnote markers on lines of their own, stray spaces inside numbers and dates
("140 -KH/TU", "27 /4/2023"); web text has ``**bold**``, ``*italic*``, ``<sup>1</sup>``
and ``###`` headings. What comes out is a list of paragraphs, each with the section it
belongs to (``IV.1.2``), in the document's own words.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from obligations.base.errors import InputError


@attrs.frozen
class Paragraph:
    section: str          # "IV.1.2", "7", "" before the first heading
    heading: str          # the text of the heading that opened the section
    text: str
    line: int             # first line in the file


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without BOM) or UTF-16 with a BOM, else a clear error."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path),
                         fix="check the path and its permissions") from None
    if not raw.strip():
        raise InputError("the file is empty", file=str(path), fix="give the directive's text")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw or raw.startswith(b"%PDF"):
        raise InputError("the file is binary, not text", file=str(path),
                         fix="extract the text first (e.g. pdftotext FILE.pdf FILE.txt)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})",
                         file=str(path),
                         fix="convert it, e.g. iconv -f WINDOWS-1258 -t UTF-8 FILE > FILE.utf8.txt") from None


_MARKUP = [
    (re.compile(r"<sup>\s*\d+\s*</sup>"), ""),          # footnote references
    (re.compile(r"</?\w+[^>]*>"), ""),                    # any other tag
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


def is_noise(line: str) -> bool:
    return bool(_NOISE.match(line))


def clean_line(line: str) -> str:
    for pattern, repl in _MARKUP:
        line = pattern.sub(repl, line)
    for pattern, repl in _TIGHT:
        line = pattern.sub(repl, line)
    return re.sub(r"[ \t\u00a0]+", " ", line).strip()


def paragraphs(text: str) -> list[Paragraph]:
    """Rebuild paragraphs from broken lines and attach each to its section number."""
    blocks: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if _FOOTNOTE.match(raw):
            blocks.append((number, "\x00"))          # a footnote's body: its own block, dropped
            continue
        if _NOISE.match(raw):
            continue
        line = clean_line(raw)
        if not line:
            continue
        starts_block = bool(ROMAN.match(line) or ARABIC.match(line) or _BLOCK_START.match(line))
        if blocks and not starts_block and blocks[-1][1] != "\x00":
            start, previous = blocks[-1]
            blocks[-1] = (start, f"{previous} {line}")
        elif blocks and blocks[-1][1] == "\x00" and not starts_block:
            continue
        else:
            blocks.append((number, line))
    result: list[Paragraph] = []
    roman, arabic, heading = "", "", ""
    for number, block in blocks:
        if block == "\x00":
            continue
        match = ROMAN.match(block)
        if match:
            roman, arabic, heading = match.group("num"), "", match.group("title")
        else:
            match = ARABIC.match(block)
            if match:
                arabic, heading = match.group("num"), match.group("title")
        section = ".".join(p for p in (roman, arabic) if p)
        result.append(Paragraph(section, heading, block, number))
    return result
