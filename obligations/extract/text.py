"""A directive's lines as paragraphs, each with its place in the numbering tree.

PDF text has every line broken (often with a blank line after each), page numbers and
footnote markers on lines of their own, stray spaces inside numbers and dates
("140 -KH/TU", "27 /4/2023"); web text has ``**bold**``, ``*italic*``, ``<sup>1</sup>``
and ``###`` headings. Lines are joined into a paragraph until the next one starts: a
numbered item, a bullet, a label ("Thời gian hoàn thành:" stays with its task, so it does
not start one), an address. A .docx paragraph or a PDF text box is a line like any other,
so the same text gives the same paragraphs whatever its format.

The numbering tree is Phần / Chương / Mục / Điều / khoản / điểm in legal texts and
I. / 1. (1.1.) / a) in plans; a paragraph's section is its path: "II.1.a", "Điều 2.1.a",
"Phụ lục I.3" (the third row of an annex's task table). Bullets (-, +) stay in the section
of the item above them.

Everything here is linear in the size of the text: a paragraph is built as a list of
lines and joined once, never by repeated string concatenation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from obligations.base.records import record

from .sources import MAX_BYTES, read_bytes
from .sources.model import Line
from .sources.plain import decode
from .sources.plain import lines as plain_lines
from .frame import attached
from .tables import TaskTable, task_table


@record
@attrs.frozen(repr=False)
class Paragraph:
    section: str          # "IV.1.2", "Điều 2.1", "" before the first heading
    heading: str          # the text of the heading that opened the nearest numbered item
    text: str
    line: int             # where it starts: line, paragraph or page (Document.place_word)
    headings: tuple[str, ...] = ()        # the titles along the section path, outermost first
    row: tuple[tuple[str, str], ...] = ()  # a task table's row: (column role, cell text)


def read_text(path: object, limit: int = MAX_BYTES) -> str:
    from pathlib import Path

    p = Path(str(path))
    return decode(read_bytes(p, limit), p)


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
# any of them: one scan says most lines with "/" or "-" need neither (a line none of them matches is
# left as it is by each, so the next one sees it unchanged); each sub with a template costs far more
_TIGHT_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _TIGHT))
_NOISE = re.compile(r"^\s*(\d{1,3}|-{3,}|_{3,}|Trang \d+|Page \d+|LogoImage.*)\s*$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*<sup>\s*\d+\s*</sup>")
PART = re.compile(r"^(?:PHẦN|Phần)\s+(?P<num>thứ\s+\w+|[IVX]{1,5}|\d{1,2})\b[.:]?\s*(?P<title>.*)$")
CHAPTER = re.compile(r"^(?:CHƯƠNG|Chương)\s+(?P<num>[IVX]{1,5}|\d{1,2})\b[.:]?\s*(?P<title>.*)$")
MUC = re.compile(r"^(?:MỤC|Mục)\s+(?P<num>[IVX]{1,5}|\d{1,2})(?:[.:]\s*|\s+|$)(?P<title>.*)$")
ARTICLE = re.compile(r"^Điều\s+(?P<num>\d{1,3}[a-z]?)\s*[.:]\s*(?P<title>.*)$")
ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\s*[.\-–]\s+(?P<title>.*)$")
# "A. MỞ ĐẦU", "C. MỘT SỐ NỘI DUNG, GIẢI PHÁP TRỌNG TÂM": parts of a plan lettered in capitals (a
# title in capitals: "C. Tư vấn …" in a sentence is not one)
ALPHA = re.compile(r"^(?P<num>[A-HK-UWYĐ])\.\s+(?P<title>\S.{2,})$")
ARABIC = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.\s+(?P<title>.*)$|"
                    r"^(?P<num2>\d{1,2}(?:\.\d{1,2}){1,3})\s+(?P<title2>\S.*)$")
LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s+(?P<title>.*)$")
ANNEX = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?(?P<num>[\dIVX]{1,5}[a-z]?))?\s*[.:]?(?:\s|$)")
_BLOCK_START = re.compile(r"^([-–+•]\s|Bước \d+:|Nơi nhận|T/M |Kính gửi|Số\s|Thực hiện\s|Đây là\s)")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A heading is a title; a numbered paragraph's first words stand for it (who performs),
# and keeping only those keeps the reading of a long numbered paragraph linear.
_HEADING = 200
# ranks in the numbering tree: a new item closes every deeper one
_RANKS = {"annex": 0, "part": 1, "chapter": 2, "muc": 3, "alpha": 4, "article": 5, "roman": 6, "arabic": 7,
          "letter": 8}


def is_noise(line: str) -> bool:
    return bool(_NOISE.match(line))


def clean_line(line: str) -> str:
    # each pattern needs a character most lines lack: test for it first (a line is cleaned once,
    # but a document has hundreds of thousands of them)
    if "<" in line:
        line = _MARKUP[1][0].sub("", _MARKUP[0][0].sub("", line))
    if "*" in line or "_" in line:
        line = _MARKUP[3][0].sub("", _MARKUP[2][0].sub("", line))
    if "#" in line:
        line = _MARKUP[4][0].sub("", line)
    if ("/" in line or "-" in line) and _TIGHT_ANY.search(line):
        for pattern, repl in _TIGHT:
            line = pattern.sub(repl, line)
    if "  " in line or "\t" in line or "\u00a0" in line:
        line = _SPACES.sub(" ", line)
    return line.strip()


# the first characters an item of the numbering tree can begin with (PHẦN, Chương, Mục, Điều,
# Phụ lục, roman and arabic numbers, a) … đ) …): any other line is tested no further
_OPENERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZĐđabcdefghijklmnopqrstuvwxyz")
_NUMBERING = (("annex", ANNEX), ("part", PART), ("chapter", CHAPTER), ("muc", MUC), ("alpha", ALPHA),
              ("article", ARTICLE), ("roman", ROMAN), ("arabic", ARABIC), ("letter", LETTER))
# the characters each item can begin with (its pattern's first: tests/extract/test_scans.py reads
# them from the patterns): a line is tried only against the items its first character can open
_BEGINS = {"annex": "P", "part": "P", "chapter": "C", "muc": "M", "alpha": "ABCDEFGHKLMNOPQRSTUWYĐ",
           "article": "Đ", "roman": "IVX", "arabic": "0123456789", "letter": "abcdefghijklmnopqrstuvwxyzđ"}
_OPENED = {first: tuple((rank, pattern) for rank, pattern in _NUMBERING if first in _BEGINS[rank])
           for first in _OPENERS}


def numbered(line: str) -> tuple[str, str, str] | None:
    """(rank, number, title) of a line that opens an item of the numbering tree."""
    if not line or line[0] not in _OPENERS:
        return None
    for rank, pattern in _OPENED[line[0]]:
        match = pattern.match(line)
        if match:
            groups = match.groupdict()
            number = groups.get("num") or groups.get("num2") or ""
            title = groups.get("title") or groups.get("title2") or ""
            head = line.split("(")[0]       # "PHỤ LỤC … (Kèm theo Quyết định số …)"
            if rank == "annex" and not (head.isupper() or len(head) < 40):
                continue        # "Phụ lục kèm theo …" inside a sentence
            if rank == "alpha" and not title.split(",")[0].isupper():
                continue
            return rank, number, title
    return None


@attrs.define
class _Block:
    """A paragraph being built: its lines are joined once, at the end (linear time)."""

    line: int
    parts: list[str]
    footnote: bool = False
    row: tuple[tuple[str, str], ...] = ()


def _after_address(block: _Block, line: str) -> bool:
    """A letter's address ("Kính gửi: …" over its addressees) ends at the full stop closing its list,
    or where a line reads as the body (a recital's first words, or a line longer than an addressee's):
    the letter's body after it is its own paragraph, never skipped with the address."""
    return bool(block.parts) and block.parts[0].startswith("Kính gửi") and (
        block.parts[-1].endswith(".") or len(line) > _ADDRESSEE or bool(_RECITAL.match(line)))


_ADDRESSEE = 160
_RECITAL = re.compile(r"(?:Căn\s+cứ|Xét\s|Theo\s|Để\s|Nhằm\s|Trên\s+cơ\s+sở|Tiếp\s+theo|Ngày\s+\d|Qua\s|Hiện\s+nay)")


def _starts(line: str) -> bool:
    return bool(numbered(line) or _BLOCK_START.match(line) or attached(line))


_GROUP = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")
_GROUP_TITLE = re.compile(r"^([IVX]{1,5}|[A-Z])[.)]\s+\S")


def _row(roles: tuple[tuple[str, str], ...], above: dict[str, str], group: str) -> tuple[tuple[str, str], ...]:
    """A task row as read: the row above fills a cell merged over several rows (its time and its
    body left empty here, as a text copy of a merged cell shows it), the group it is under prefixes
    its number."""
    row = dict(roles)
    continued = not row.get("number") and bool(above)        # "| | more of item 1 | … |": the same item
    if not row.get("deadline") and above.get("deadline") and (continued or not row.get("lead")):
        row["deadline"] = above["deadline"]
        row["lead"] = row.get("lead") or above.get("lead", "")
        row["merged"] = "the time (and the body, if empty) from the row above: a cell merged over several rows"
    if group and row.get("number"):
        row["number"] = f"{group}.{row['number']}"
    elif continued:
        row["number"] = above.get("number", "")
    return tuple(row.items())


def _blocks(lines: Sequence[Line], tables: dict[int, TaskTable | None],
            cleaned: Sequence[str] | None = None) -> list[_Block]:
    """Paragraph blocks; ``cleaned`` gives each line already cleaned (clean_line), when the caller has it."""
    blocks: list[_Block] = []
    above: dict[int, dict[str, str]] = {}
    groups: dict[int, str] = {}
    for index, source in enumerate(lines):
        if source.cells is not None:
            table = tables.get(source.table)
            if table is not None:
                if table.header_row == source.place:
                    continue
                roles = dict(table.roles(source.cells))
                number = roles.get("number", "").strip(" .")
                titled = _GROUP_TITLE.match(number) if number.isupper() else None
                if (_GROUP.match(number) or titled) and not roles.get("deadline"):
                    # "| II | Xây dựng cơ sở dữ liệu |", "| IV. HỢP TÁC VÀ THU HÚT ĐẦU TƯ |": a group of rows
                    groups[source.table] = titled.group(1) if titled else number
                    above.pop(source.table, None)            # a group's rows merge no cell with the row above it
                    continue
                if re.fullmatch(r"[A-Z0-9]", number or "-") and all(
                        re.fullmatch(r"\(?[A-Z0-9]{1,2}\)?", v or "-") for v in roles.values()):
                    continue                                 # "| A | B | 1 | 2 |": the columns' own numbers
                row = _row(table.roles(source.cells), above.get(source.table, {}), groups.get(source.table, ""))
                above[source.table] = dict(row)
                # the row's cells kept apart as printed ("… | Sở Tài chính | Thường xuyên"): a reviewer
                # reads which words are the body and which the time, and a quote across cells matches
                cells = [clean_line(" ".join(c.split())) for c in source.cells]
                blocks.append(_Block(source.place, [" | ".join(c for c in cells if c)], row=row))
                blocks.append(_Block(source.place, [], footnote=True))     # nothing joins a row
                continue
            texts = [t for cell in source.cells for t in cell.split("\n")]
        else:
            texts = [source.text]
        for raw in texts:
            if _FOOTNOTE.match(raw):
                blocks.append(_Block(source.place, [], footnote=True))    # a footnote's body: dropped
                continue
            if _NOISE.match(raw):
                continue
            line = cleaned[index] if cleaned is not None and source.cells is None else clean_line(raw)
            if not line:
                continue
            if blocks and not _starts(line) and not blocks[-1].row and not _after_address(blocks[-1], line):
                if not blocks[-1].footnote:
                    blocks[-1].parts.append(line)
                continue
            blocks.append(_Block(source.place, [line]))
    return [b for b in blocks if not b.footnote]


def paragraphs_of(lines: Sequence[Line], cleaned: Sequence[str] | None = None) -> list[Paragraph]:
    """Paragraphs from lines and table rows, each attached to its place in the numbering tree
    (``cleaned``: the lines already cleaned, one for each line)."""
    tables = task_tables(lines)
    result: list[Paragraph] = []
    path: list[tuple[str, str, str]] = []       # (rank, number, title)
    for block in _blocks(lines, tables, cleaned):
        joined = " ".join(block.parts)
        item = None if block.row else numbered(joined)
        if not block.row and attached(block.parts[0]):
            path = []           # an attached plan numbers its items afresh
        elif item is not None:
            rank = _RANKS[item[0]]
            path = [p for p in path if _RANKS[p[0]] < rank]
            if item[0] == "annex":
                path = []
            path.append((item[0], item[1], item[2][:_HEADING]))
        section = _section(path)
        if block.row:
            number = dict(block.row).get("number", "").strip(" .")
            section = ".".join(p for p in (section, number) if p)
        heading = path[-1][2] if path else ""
        result.append(Paragraph(section, heading, joined, block.line, tuple(p[2] for p in path), block.row))
    return result


_TITLE_RANKS = frozenset({"part", "chapter", "muc", "alpha", "roman"})


def is_title(paragraphs: Sequence[Paragraph], number: int) -> bool:
    """A heading over items ("II. KẾ HOẠCH TRIỂN KHAI TRONG NĂM 2026", "C. Từ nay đến năm 2015"): the
    title of its numbered item alone (short, no full stop), with items numbered under it next, in
    capitals or numbered as a part (Phần, Chương, Mục, A., I.). Its year is the span of the items
    under it, not a deadline of its own."""
    paragraph = paragraphs[number]
    text = paragraph.text.rstrip()
    if paragraph.row or not paragraph.section or len(text) > 160 or text.endswith((".", ";")) \
            or not text.endswith(paragraph.heading.rstrip()) or number + 1 >= len(paragraphs):
        return False
    if not paragraphs[number + 1].section.startswith(paragraph.section + "."):
        return False
    item = numbered(text)
    letters = [c for c in (item[2] if item else text) if c.isalpha()]
    capitals = bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    if capitals or (item is not None and item[0] in _TITLE_RANKS):
        return True
    # "1. Hoàn thành mục tiêu … trong năm 2025" over "a) …", "b) …": a numbered title of lettered points
    below = numbered(paragraphs[number + 1].text)
    return item is not None and item[0] == "arabic" and below is not None and below[0] == "letter"


def _section(path: list[tuple[str, str, str]]) -> str:
    parts: list[str] = []
    for rank, number, _ in path:
        if rank == "annex":
            parts = [f"Phụ lục {number}".strip()]
        elif rank == "article":
            parts = [p for p in parts if p.startswith("Phụ lục")] + [f"Điều {number}"]
        elif rank in ("part", "chapter", "muc"):
            continue        # articles are numbered through the whole text; a plan's parts are rare
        else:
            parts.append(number)
    return ".".join(parts)


def flatten(lines: Sequence[Line]) -> list[Line]:
    """Rows of task tables kept as rows; every other table read as text, a line per cell paragraph
    (a header laid out in a table comes out row by row, cell by cell)."""
    tables = task_tables(lines)
    flat: list[Line] = []
    for line in lines:
        if line.cells is not None and tables.get(line.table) is None:
            flat += [Line(text, line.place) for cell in line.cells for text in cell.split("\n") if text.strip()]
        else:
            flat.append(line)
    return flat


def task_tables(lines: Sequence[Line]) -> dict[int, TaskTable | None]:
    first: dict[int, Line] = {}
    for line in lines:
        if line.cells is not None and line.table not in first:
            first[line.table] = line
    return {number: task_table(line) for number, line in first.items()}


def paragraphs(text: str) -> list[Paragraph]:
    """Rebuild paragraphs from the broken lines of a plain text (tests and callers with text)."""
    return paragraphs_of(plain_lines(text))
