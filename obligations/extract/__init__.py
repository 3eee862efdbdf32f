"""Draft rule files from a directive's plain text (the ``extract`` command).

    text.py       reading (bounded, regular files only) and normalising PDF or web text
    header.py     the directive's own fields and date
    clauses.py    sentences and clauses; who performs and for whom
    dates.py, periods.py, resolve.py, deadlines.py, grammar.py
                  the grammar of Vietnamese date and deadline phrases (see grammar.py)
    peaks.py      "cao điểm vào dịp ...": peaks around commemorations
    draft.py      paragraphs to a draft rule file (a dict in the rule-file format)
    writer.py     the draft as literate TOML, or JSON
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .draft import duties
from .header import TODO, metadata
from .peaks import Commemoration
from .text import MAX_BYTES, paragraphs, read_text


def extract_text(text: str, source_name: str, commemorations: Iterable[Commemoration],
                 issued: dt.date | None = None) -> dict[str, Any]:
    """The draft of one directive's text: {"directive": {...}, "duty": [...], "todo": [...]}."""
    paras = paragraphs(text)
    head, todo, own_date, earliest = metadata(paras, text, source_name, issued)
    return {"directive": head, "duty": duties(paras, commemorations, own_date, earliest), "todo": todo}


def extract(path: Path, commemorations: Iterable[Commemoration], issued: dt.date | None = None,
            limit: int = MAX_BYTES) -> dict[str, Any]:
    """The draft of one directive file (refused when not a regular text file under ``limit``)."""
    return extract_text(read_text(path, limit), path.name, commemorations, issued)


__all__ = ["MAX_BYTES", "TODO", "extract", "extract_text"]
