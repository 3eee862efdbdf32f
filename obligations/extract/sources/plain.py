"""Plain text: UTF-8 (with or without BOM) or UTF-16 with a BOM, one line per line.

A table written as Markdown pipe rows (``| TT | Nội dung | Thời gian hoàn thành |``, as web
pages and hand copies of annexes give them) is read as table rows; a ``|---|`` line between
the header and the body is skipped. Consecutive rows are one table.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from obligations.base.errors import InputError, said

from .model import Document, Line

_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, in NFC; else a clear error."""
    if not raw.strip():
        raise InputError(said("doc:empty", "the file is empty"), file=str(path), code="document",
                         fix=said("doc:empty-fix", "give the directive's text"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", raw.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise InputError(said("doc:binary", "the file is binary, not text, nor a .docx or a PDF"), file=str(path),
                         code="document", fix=said("doc:binary-fix", "give the directive as .txt (UTF-8), .docx or .pdf"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(said("doc:not-utf8", "the file is not UTF-8 (byte {at}: {byte})", at=exc.start,
                              byte=repr(raw[exc.start:exc.start + 1])),
                         file=str(path), code="document",
                         fix=said("doc:not-utf8-fix", "convert it, e.g. iconv -f WINDOWS-1258 -t UTF-8 FILE > "
                                                      "FILE.utf8.txt")) from None
    # PDF tools often write decomposed Vietnamese (a base letter and combining marks):
    # the grammar is written in composed form.
    return nfc(text)


# Every character here is composed already and composes with nothing (checked by a test against
# unicodedata): ASCII, Latin-1, Latin Extended-A and -B, Latin Extended Additional (the composed
# Vietnamese letters), general punctuation but for two spaces. A line of these alone is NFC.
_SAFE = "\x00-\u024f\u1e00-\u1eff\u2010-\u206f"
_UNSAFE = re.compile(f"[^{_SAFE}]")
_MANY = 2000


def nfc(text: str) -> str:
    """``text`` in NFC, composing only the lines that hold a character outside _SAFE (a line break
    composes with nothing, so lines are composed apart): for 5 MB of composed text, one scan
    instead of unicodedata's check of every character (0.3 s)."""
    parts: list[str] = []
    done = 0
    for found in _UNSAFE.finditer(text):
        if found.start() < done:
            continue
        if len(parts) > _MANY:           # decomposed throughout: compose it whole
            return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
        lo = text.rfind("\n", 0, found.start()) + 1
        hi = text.find("\n", found.end())
        hi = len(text) if hi < 0 else hi
        parts += [text[done:lo], unicodedata.normalize("NFC", text[lo:hi])]
        done = hi
    return "".join(parts) + text[done:] if parts else text


def lines(text: str) -> list[Line]:
    result: list[Line] = []
    table, in_table = 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        row = _ROW.match(raw) if "|" in raw else None
        if row and "|" in row.group("cells") or (row and in_table):
            if _RULE.match(raw):
                continue
            if not in_table:
                table, in_table = table + 1, True
            cells = tuple(" ".join(c.split()) for c in row.group("cells").split("|"))
            result.append(Line(" ".join(c for c in cells if c), number, cells, table))
            continue
        if in_table and _RULE.match(raw):
            continue
        in_table = False
        result.append(Line(raw, number))
    return result


def read(raw: bytes, path: Path) -> Document:
    return Document(tuple(lines(decode(raw, path))), "txt", "line")
