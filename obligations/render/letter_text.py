"""The reminder letter as plain text: the layout of render/letter_parts.py in a fixed-width page
(the header's and the foot's two columns side by side, each line centred in its column), for an
e-mail body or a clerk who copies it into the office's own template."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import zip_longest

from obligations.render.emphasis import plain
from obligations.render.letter_parts import Line, parts
from obligations.report.reminder_letter import ReminderLetter

WIDTH = 88          # characters of a line of the page
LEFT = 46           # the left column of the header and the foot: the trích yếu on one line
INDENT = "    "     # the body's first-line indent


def render_letter(letter: ReminderLetter, lang: str) -> str:
    """The letter in ``lang`` (vi or en) as plain text, ending with a newline."""
    p = parts(letter, lang)
    out: list[str] = []
    for line in p.above:
        out.extend(_para(line))
    out.append("")
    out.extend(_columns(p.header_left, p.header_right))
    out.append("")
    for line in p.addressees:
        out.extend(_para(line))
    out.append("")
    for line in p.body:
        out.extend(_para(line))
    out.append("")
    out.extend(_columns(p.foot_left, p.foot_right, centre_left=False))
    return "\n".join(text.rstrip() for text in out) + "\n"


def _words(line: Line) -> str:
    """The line's words: a quoted sentence without its emphasis marks (render/emphasis.py)."""
    return plain(line.text) if line.marked else line.text


def _para(line: Line) -> list[str]:
    if line.align == "center":
        return [_words(line).center(WIDTH).rstrip()]
    if line.align == "right":
        return [_words(line).rjust(WIDTH)]
    first = INDENT if line.indent else ""
    # no break at a hyphen: "76-KH/ĐU" and "2023-2025" stay whole
    return textwrap.wrap(_words(line), WIDTH, initial_indent=first, break_on_hyphens=False, break_long_words=False) or [""]


def _columns(left: Sequence[Line], right: Sequence[Line], *, centre_left: bool = True) -> list[str]:
    width = WIDTH - LEFT
    cells_left = [t for line in left for t in _cell(line, LEFT, centre_left)]
    cells_right = [t for line in right for t in _cell(line, width, True)]
    return [f"{a:<{LEFT}}{b}" for a, b in zip_longest(cells_left, cells_right, fillvalue="")]


def _cell(line: Line, width: int, centre: bool) -> list[str]:
    wrapped = textwrap.wrap(_words(line), width - 2, break_on_hyphens=False, break_long_words=False) or [""]
    return [t.center(width) if centre else t for t in wrapped]
