"""Identifiers (unit, duty, directive, commemoration ids) and safe echoes of user text.

An id is typed on command lines, written into file names of exports and compared byte
for byte, so it is kept to a stated alphabet: ASCII letters, digits, ``-``, ``_`` and
``.``, starting with a letter or a digit, at most ``ID_MAX_LENGTH`` characters. A letter
that merely looks Latin (the Cyrillic С, U+0421) is refused with its code point, since
it prints identical to the real one and would otherwise never match.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

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


def shown(value: object, depth: int = 0) -> str:
    """A value as the user wrote it: a date as YYYY-MM-DD (the documented input form, never
    ``datetime.date(2101, 1, 5)``), a time as HH:MM[:SS], a list item by item, anything else
    as its ``repr``."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)) and depth > 4:
        return "[…]" if isinstance(value, list) else "(…)" if isinstance(value, tuple) else "{…}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(shown(v, depth + 1) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{shown(k, depth + 1)}: {shown(v, depth + 1)}" for k, v in value.items()) + "}"
    return repr(value)


def shorten(value: object, limit: int = ECHO_LIMIT) -> str:
    """``value`` as ``shown`` gives it, cut to ``limit`` characters, control characters escaped."""
    more = 0
    if isinstance(value, str):
        text = value if len(value) <= limit * 2 else value[: limit * 2]
        out = repr(text)
        more = len(value) - len(text)
    elif isinstance(value, int) and value.bit_length() > 128:
        out = f"<an integer of {value.bit_length()} bits>"
    elif isinstance(value, (list, tuple, dict)) and len(value) > 20:
        out = f"<{type(value).__name__} of {len(value)} items>"
    else:
        out = shown(value)
    if len(out) > limit:
        more += len(out) - limit
        out = out[:limit]
    return out + (f"… ({more} more characters)" if more > 0 else "")


# Letters of other scripts drawn like Latin ones (Unicode's confusables, the ones a Vietnamese,
# Russian or Greek keyboard layout gives): typed by mistake, they print identical to the id.
_LOOKALIKES = dict(zip(
    "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХУІЈЅԚԜαονρτυχιкмнтвΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwhlABEKMHOPCTXYIJSQWaovptyxikmhtbABEZHIKMNOPTYX"))


def _skeleton(text: str) -> str:
    """``text`` as it looks: look-alike letters as their Latin twins, accents and width
    dropped (``xã`` and a full-width ``ｘa`` look like ``xa``), case folded."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        char = _LOOKALIKES.get(char, char)
        base = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in base if not unicodedata.combining(c))
        out.append(kept.translate({0x0111: "d", 0x0110: "D"}) or char)   # đ has no decomposition
    return "".join(out).casefold()


def nearest_id(value: str, known: Iterable[str]) -> str | None:
    """The known id ``value`` was most likely meant to be: one that looks the same (a Cyrillic
    letter, an accent, another case), else the closest spelling; None when none is close."""
    import difflib

    ids = list(known)
    if value in ids:
        return value
    look = _skeleton(value)
    same = sorted(k for k in ids if _skeleton(k) == look)
    if same:
        return same[0]
    by_look = {_skeleton(k): k for k in sorted(ids, reverse=True)}
    close = difflib.get_close_matches(look, list(by_look), n=1, cutoff=0.75)
    return by_look[close[0]] if close else None


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def differences(value: str, known: str, limit: int = 3) -> list[str]:
    """Where ``value`` differs from ``known``, character by character, as phrases:
    ``position 2 is U+0430 CYRILLIC SMALL LETTER A where xa-X has U+0061 LATIN SMALL LETTER A``."""
    import difflib

    found: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, value, known, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            found += [f"position {a1 + i + 1} is {_char_name(value[a1 + i])} where {known} has "
                      f"{_char_name(known[b1 + i])}" for i in range(a2 - a1) if value[a1 + i] != known[b1 + i]]
        elif op == "insert":
            found.append(f"{', '.join(_char_name(c) for c in known[b1:b2])} is missing before position {a1 + 1} "
                         f"(as {known} has it)")
        elif op == "delete":
            found.append(f"position {a1 + 1} holds {', '.join(_char_name(c) for c in value[a1:a2])}, "
                         f"which {known} has not")
        else:
            found.append(f"positions {a1 + 1}-{a2} are {shorten(value[a1:a2], 30)} where {known} has "
                         f"{shorten(known[b1:b2], 30)}")
    more = len(found) - limit
    return found[:limit] + ([f"{more} more difference(s)"] if more > 0 else [])


def unknown_id(kind: str, value: str, known: Iterable[str], *, listing: int = 12) -> tuple[str, str]:
    """The message and the fix for an id that is not one of ``known`` (a unit, a duty, a
    directive, an event): the nearest known id and the characters that differ from it, since
    a look-alike letter prints the same as the real one; else the id's odd character; else a
    few known ids."""
    ids = sorted(known)
    near = nearest_id(value, ids) if len(value) <= ID_MAX_LENGTH * 2 else None
    message = f"unknown {kind} {shorten(value)}"
    if near is not None:
        return (f"{message}: {'; '.join(differences(value, near))}",
                f"did you mean {near}? retype the id as {near}")
    odd = identifier_problem(value)
    if odd is not None and "alphabet" in odd:
        message += f": it {odd}"
    shown_ids = ", ".join(ids[:listing]) + (f", … ({len(ids)} in all)" if len(ids) > listing else "")
    return message, f"use one of: {shown_ids}" if ids else f"no {kind} is defined"
