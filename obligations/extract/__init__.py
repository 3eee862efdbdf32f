"""Draft rule files from a whole directive: .txt, .docx or .pdf (the ``extract`` command).

    sources/      reading each format as lines and table rows (bounded, regular files only)
    frame.py      the header (number, issuer, date, kind, title), signature block, annexes, forms
    text.py       paragraphs and the numbering tree (sections); tables.py: task tables
    header.py     the directive's own fields, the texts it implements, its date
    clauses.py    sentences and clauses; who performs and for whom (lead-ins, headings, columns)
    dates.py, periods.py, resolve.py, deadlines.py, grammar.py, labels.py
                  the grammar of Vietnamese date and deadline phrases (see grammar.py); doc_forms.py:
                  forms found in whole documents ("ngay sau khi … 01 ngày", "Từ ngày A - B", "24 giờ")
    peaks.py      "cao điểm vào dịp ...": peaks around commemorations
    draft.py      paragraphs to a draft rule file (a dict in the rule-file format); aside.py: the
                  deadline phrases that are not duties (recalled, done, as of, targets) or are TODO
    unused.py     the dated and recurring phrases seen and not drafted, with the reason
    writer.py     the draft as literate TOML, or JSON; the hierarchy stub of the bodies found
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .clauses import clauses
from .draft import duties
from .frame import TASK_ROW, read_frame
from .header import TODO, metadata
from .labels import label_tasks
from .peaks import Commemoration
from .sources import MAX_BYTES, Document, read_document
from .sources.plain import lines as plain_lines
from .text import clean_line, flatten, paragraphs_of
from .units import assign, recipients
from .unused import not_drafted


def extract_document(document: Document, source_name: str, commemorations: Iterable[Commemoration],
                     issued: dt.date | None = None, units: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The draft of one directive: {"directive": {...}, "duty": [...], "todo": [...], "not_drafted": [...]};
    ``units`` (``units.names_of`` of a hierarchy) turns the bodies that name a unit into its performer."""
    flat = flatten(document.lines)
    cleaned = [clean_line(line.text) for line in flat]          # once: the frame, the header, the paragraphs
    frame = read_frame([text if line.cells is None else TASK_ROW for text, line in zip(cleaned, flat)])
    skipped: set[int] = set()
    for first, last, _ in frame.skipped:
        skipped.update(range(first, last))
    kept = [i for i in range(len(flat)) if i not in skipped]
    paras = paragraphs_of([flat[i] for i in kept], [cleaned[i] for i in kept])
    head, todo, own_date, earliest = metadata(paras, cleaned, source_name, issued, frame)
    rejected: list[tuple[tuple[int, int], str, str]] = []
    split = [clauses(p) if not p.row else [] for p in paras]       # once: the duties and the listing
    tasks = label_tasks(paras, split)
    drafted = duties(paras, commemorations, own_date, earliest, rejected, split, tasks)
    if units:
        assign(drafted, units)
    recipients(drafted, str(head.get("issuer", "")), units)
    unused = not_drafted(paras, drafted, frame, cleaned, document.place_word, rejected, split, tasks)
    for duty in drafted:       # the paragraph's number served the listing above; the reader has "where"
        number, _ = duty["draft"].pop("paragraph")
        duty["draft"]["where"] = f"{document.place_word} {paras[number].line}"
    return {"directive": head, "duty": drafted, "todo": todo, "not_drafted": unused}


def extract_text(text: str, source_name: str, commemorations: Iterable[Commemoration],
                 issued: dt.date | None = None) -> dict[str, Any]:
    """The draft of one directive's plain text."""
    return extract_document(Document(tuple(plain_lines(text)), "txt", "line"), source_name, commemorations, issued)


def extract(path: Path, commemorations: Iterable[Commemoration], issued: dt.date | None = None,
            limit: int = MAX_BYTES, units: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The draft of one directive file, .txt, .docx or .pdf (refused when not a regular file under
    ``limit``, or not one of those formats)."""
    return extract_document(read_document(path, limit), path.name, commemorations, issued, units)


__all__ = ["MAX_BYTES", "TODO", "extract", "extract_document", "extract_text"]
