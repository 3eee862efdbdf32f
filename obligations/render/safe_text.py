"""Data printed to a terminal with its control characters escaped.

A title or a unit name holding ESC (``\\x1b``) could recolour, move the cursor or rewrite
earlier lines of a terminal; a right-to-left override could reorder what is shown. They
are written as ``\\u001b`` instead; tabs and line breaks are kept.
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


def for_terminal(stream: TextIO) -> TextIO | TerminalText:
    """``stream`` wrapped when it is a terminal (files and pipes receive the data as it is)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return TerminalText(stream) if tty else stream
