"""Draft rule files from a directive's plain text (the ``extract`` command).

    text.py     reading and normalising PDF or web text into numbered paragraphs
    grammar.py  Vietnamese date and schedule phrases
    draft.py    paragraphs to a draft rule file (a dict in the rule-file format)
    writer.py   the draft as literate TOML, or JSON
"""

from __future__ import annotations

from pathlib import Path

from .draft import TODO, duties, metadata
from .text import paragraphs, read_text


def extract(path: Path, commemorations) -> dict:
    """The draft of one directive: {"directive": {...}, "duty": [...], "todo": [...]}."""
    text = read_text(path)
    paras = paragraphs(text)
    head, todo, earliest = metadata(paras, text, path.name)
    return {"directive": head, "duty": duties(paras, commemorations, earliest), "todo": todo}


__all__ = ["TODO", "extract"]
