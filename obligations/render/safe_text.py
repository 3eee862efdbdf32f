"""Human-readable output with the control characters of its data escaped.

A title or a unit name holding ESC (``\\x1b``) could recolour, move the cursor or rewrite
earlier lines of a terminal; a right-to-left override could reorder what is shown. They
are written as ``\\u001b`` instead; tabs and line breaks (the layout) are kept. Tables and
texts are escaped whether or not standard output is a terminal: ``due … | head`` or
``less -R`` shows the same bytes later, and a file is read on a terminal one day.

Machine formats keep their own rules: JSON escapes C0 controls itself (``\\u001b``), and on
a terminal the C1 and bidirectional characters its strings may hold are written as the same
``\\uXXXX`` escapes, which a JSON reader reads back as the same string; CSV, iCalendar, TOML
and SVG written to a file or a pipe are the data as it is (escaped too on a terminal).
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control or bidirectional-override character as ``\\uXXXX``."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalText:
    """A text stream that escapes control characters in everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(escape_controls(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def for_terminal(stream: TextIO, *, human: bool = False) -> TextIO | TerminalText:
    """``stream`` wrapped when the output is ``human`` (a table, a text) or the stream is a
    terminal; a machine format to a file or a pipe receives the data as it is."""
    if human:
        return TerminalText(stream)
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return TerminalText(stream) if tty else stream
