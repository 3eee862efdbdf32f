"""Identifiers (unit, duty, directive, commemoration ids) and safe echoes of user text.

An id is typed on command lines, written into file names of exports and compared byte
for byte, so it is kept to a stated alphabet: ASCII letters, digits, ``-``, ``_`` and
``.``, starting with a letter or a digit, at most ``ID_MAX_LENGTH`` characters. A letter
that merely looks Latin (the Cyrillic С, U+0421) is refused with its code point, since
it prints identical to the real one and would otherwise never match.
"""

from __future__ import annotations

import re
import unicodedata

ID_ALPHABET = "ASCII letters, digits, '-', '_' and '.', starting with a letter or digit"
ID_MAX_LENGTH = 100
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
# Longest piece of user text echoed back in a message: a 50 MB value is never repeated.
ECHO_LIMIT = 60


def nfc(text: str) -> str:
    """Text in Unicode NFC, so that "ế" typed as e + two combining marks equals "ế"."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def describe_char(char: str) -> str:
    """``U+0421 'С' (CYRILLIC CAPITAL LETTER ES)``: enough to find and retype the character."""
    name = unicodedata.name(char, "")
    shown = repr(char) if char.isprintable() else "?"
    return f"U+{ord(char):04X} {shown}" + (f" ({name})" if name else "")


def identifier_problem(value: str) -> str | None:
    """Why ``value`` is not an identifier (one sentence), or None when it is one."""
    if not value:
        return "is empty"
    if len(value) > ID_MAX_LENGTH:
        return f"is {len(value)} characters long, more than {ID_MAX_LENGTH}"
    if _ID.match(value):
        return None
    for position, char in enumerate(value, start=1):
        if char not in _ALLOWED:
            return f"has {describe_char(char)} at position {position}, outside the id alphabet ({ID_ALPHABET})"
    return f"must start with a letter or a digit ({ID_ALPHABET})"


def shorten(value: object, limit: int = ECHO_LIMIT) -> str:
    """``repr(value)`` cut to ``limit`` characters, control characters escaped."""
    if isinstance(value, str):
        text = value if len(value) <= limit * 2 else value[: limit * 2]
        shown = repr(text)
        more = len(value) - len(text)
    elif isinstance(value, int) and value.bit_length() > 128:
        shown, more = f"<an integer of {value.bit_length()} bits>", 0
    elif isinstance(value, (list, tuple, dict)) and len(value) > 20:
        shown, more = f"<{type(value).__name__} of {len(value)} items>", 0
    else:
        shown, more = repr(value), 0
    if len(shown) > limit:
        more += len(shown) - limit
        shown = shown[:limit]
    return shown + (f"… ({more} more characters)" if more > 0 else "")
