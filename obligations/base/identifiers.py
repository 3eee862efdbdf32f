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

from obligations.base.errors import Said, joined, said

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
    problem = identifier_said(value)
    return None if problem is None else str(problem)


def identifier_said(value: str) -> Said | None:
    """``identifier_problem`` with its values, to be said in another language."""
    alphabet = said("id:alphabet", "ASCII letters, digits, '-', '_' and '.', starting with a letter or digit")
    if not value:
        return said("id:empty", "is empty")
    if len(value) > ID_MAX_LENGTH:
        return said("id:long", "is {n} characters long, more than {limit}", n=len(value), limit=ID_MAX_LENGTH)
    if _ID.match(value):
        return None
    for position, char in enumerate(value, start=1):
        if char not in _ALLOWED:
            return said("id:odd", "has {char} at position {position}, outside the id alphabet ({alphabet})",
                        char=describe_char(char), position=position, alphabet=alphabet)
    return said("id:start", "must start with a letter or a digit ({alphabet})", alphabet=alphabet)


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


def differences(value: str, known: str, limit: int = 3) -> list[Said]:
    """Where ``value`` differs from ``known``, character by character, as phrases:
    ``position 2 is U+0430 CYRILLIC SMALL LETTER A where xa-X has U+0061 LATIN SMALL LETTER A``."""
    import difflib

    found: list[Said] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, value, known, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            found += [said("id:differs", "position {position} is {char} where {known} has {other}",
                           position=a1 + i + 1, char=_char_name(value[a1 + i]), known=known,
                           other=_char_name(known[b1 + i]))
                      for i in range(a2 - a1) if value[a1 + i] != known[b1 + i]]
        elif op == "insert":
            found.append(said("id:missing", "{chars} is missing before position {position} (as {known} has it)",
                              chars=", ".join(_char_name(c) for c in known[b1:b2]), position=a1 + 1, known=known))
        elif op == "delete":
            found.append(said("id:extra", "position {position} holds {chars}, which {known} has not",
                              position=a1 + 1, chars=", ".join(_char_name(c) for c in value[a1:a2]), known=known))
        else:
            found.append(said("id:other", "positions {first}-{last} are {chars} where {known} has {other}",
                              first=a1 + 1, last=a2, chars=shorten(value[a1:a2], 30), known=known,
                              other=shorten(known[b1:b2], 30)))
    more = len(found) - limit
    return found[:limit] + ([said("id:more", "{n} more difference(s)", n=more)] if more > 0 else [])


# the kinds of id unknown_id speaks of
_KINDS = {"unit": said("id:kind:unit", "unit"), "duty": said("id:kind:duty", "duty"),
          "event": said("id:kind:event", "event"), "directive": said("id:kind:directive", "directive")}


def unknown_id(kind: str, value: str, known: Iterable[str], *, listing: int = 12) -> tuple[Said, Said]:
    """The message and the fix for an id that is not one of ``known`` (a unit, a duty, a
    directive, an event): the nearest known id and the characters that differ from it, since
    a look-alike letter prints the same as the real one; else the id's odd character; else a
    few known ids."""
    ids = sorted(known)
    near = nearest_id(value, ids) if len(value) <= ID_MAX_LENGTH * 2 else None
    what = _KINDS.get(kind, kind)
    if near is not None:
        return (said("id:unknown-near", "unknown {kind} {value}: {differences}", kind=what, value=shorten(value),
                     differences=joined(differences(value, near), "; ")),
                said("id:did-you-mean", "did you mean {near}? retype the id as {near}", near=near))
    odd = identifier_said(value)
    message = (said("id:unknown-odd", "unknown {kind} {value}: it {problem}", kind=what, value=shorten(value),
                    problem=odd) if odd is not None and odd.key == "id:odd"
               else said("id:unknown", "unknown {kind} {value}", kind=what, value=shorten(value)))
    if not ids:
        return message, said("id:none", "no {kind} is defined", kind=what)
    more = said("id:in-all", ", … ({n} in all)", n=len(ids)) if len(ids) > listing else ""
    return message, said("id:use-one-of", "use one of: {ids}{more}", ids=", ".join(ids[:listing]), more=more)
