"""The emphasis marks the rule files keep in a quoted source sentence (``**trước ngày 20/4/2023**``,
``*từ năm 2023 trở đi*``, and the rarer ``__…__``, ``_…_`` and backticks): one reading of them for every
output for people. A .docx shows them as bold and italic runs (render/letter_docx.py), text and pages
drop them (``plain``); JSON keeps the sentence as written."""

from __future__ import annotations

import re

import attrs

__all__ = ["Run", "plain", "runs"]

# a pair of marks, or a single one at the edge of a word (an asterisk inside a word is kept)
_MARKS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")


@attrs.frozen
class Run:
    """Words of one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def runs(text: str) -> tuple[Run, ...]:
    """``text`` in runs: ``**``/``__`` turn bold on and off, ``*``/``_`` italic; a backtick is dropped."""
    found: list[Run] = []
    bold = italic = False
    at = 0
    for mark in _MARKS.finditer(text):
        if mark.start() > at:
            found.append(Run(text[at:mark.start()], bold, italic))
        if mark.group() in ("**", "__"):
            bold = not bold
        elif mark.group() != "`":
            italic = not italic
        at = mark.end()
    if at < len(text):
        found.append(Run(text[at:], bold, italic))
    return tuple(found)


def plain(text: str) -> str:
    """``text`` without its marks: the words of its runs."""
    return "".join(r.text for r in runs(text))


def sentence_fields(text: str) -> dict[str, str]:
    """A quoted sentence in JSON: ``text`` the directive's words verbatim (the marks are the rule
    file author's, not the document's), ``marked`` the same with the rule file's marks, for an
    app that shows what the author highlighted."""
    return {"text": plain(text), "marked": text}
