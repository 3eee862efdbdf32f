"""Who may read and write: bearer tokens, kept only as SHA-256 hashes, each acting for one unit.

The tokens file is TOML::

    [[token]]
    sha256 = "9f86d08..."          # sha256 of the token, hex; the token itself is never stored
    unit = "xa-X"                   # the unit it acts for (and every unit below it)
    note = "Văn phòng Đảng ủy xã X, cấp ngày 1/12/2026"

A token is a random URL-safe string of 43 characters (256 bits): hashing it once is
enough, there is nothing to guess from a hash of a random secret. ``python -m obligations
token --unit U`` prints a new one and the lines to add.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from pathlib import Path
from typing import Callable

import attrs

from obligations.base.errors import DataFileError, Said, said
from obligations.base.records import record
from obligations.base.toml import Locator, read_toml

_HEX = re.compile(r"^[0-9a-f]{64}$")


@record
@attrs.frozen(repr=False)
class Token:
    sha256: str
    unit: str
    note: str = ""


@record
@attrs.frozen(repr=False)
class Decision:
    """The answer to one request: allowed (200), no or unknown token (401), another unit (403)."""

    status: int
    reason: str
    acting: str | None = None      # the unit the token acts for

    @property
    def allowed(self) -> bool:
        return self.status == 200


@record
@attrs.frozen(repr=False)
class Tokens:
    entries: tuple[Token, ...] = ()
    file: str | None = None

    def find(self, token: str | None) -> Token | None:
        if not token:
            return None
        digest = hash_token(token)
        found = None
        for entry in self.entries:     # compare every entry: the time says nothing about the match
            if hmac.compare_digest(entry.sha256, digest):
                found = entry
        return found


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class NotText(ValueError):
    """A character a TOML file cannot hold, with the reason said (``said``)."""

    def __init__(self, reason: Said) -> None:
        super().__init__(str(reason))
        self.said = reason


def toml_string(text: str) -> str:
    """``text`` as one TOML basic string: quotes, backslashes and every control character
    escaped, so that the line never ends early nor starts a key or table of its own.
    Raises ValueError for a lone surrogate (bytes that were not UTF-8), which TOML cannot hold."""
    out = []
    for char in text:
        code = ord(char)
        if char in _SHORT:
            out.append(_SHORT[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029):   # a line break to some readers
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            raise NotText(said("token:byte", "byte {byte} is not UTF-8", byte=f"0x{code - 0xDC00:02X}") if code >= 0xDC80
                          else said("token:surrogate", "a lone surrogate"))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_SHORT = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_entry(token: str, unit: str, note: str = "") -> str:
    """The lines to append to the tokens file for ``token`` (its hash only)."""
    return (f'[[token]]\nsha256 = "{hash_token(token)}"\nunit = {toml_string(unit)}\n'
            f'note = {toml_string(note)}\n')


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, else None."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def load_tokens(path: str | Path | None, known_unit: Callable[[str], bool]) -> Tokens:
    """Read and check the tokens file; no file means nobody may write."""
    if path is None:
        return Tokens()
    file = str(path)
    if not Path(path).exists():
        raise DataFileError(said("tokens:no-file", "the tokens file does not exist"), file=file,
                            fix=said("tokens:no-file-fix", "create it with `python -m obligations token --unit UNIT`"))
    # the safe reader of every data file: regular files only, bounded, never blocking
    doc, text = read_toml(Path(path))
    where = Locator(Path(path), text)
    unknown = set(doc) - {"token"}
    if unknown:
        raise DataFileError(said("tokens:unknown-tables", "unknown table(s) {tables}", tables=", ".join(sorted(unknown))),
                            file=file, fix=said("tokens:unknown-tables-fix", "the file holds only [[token]] entries"))
    entries: list[Token] = []
    seen: dict[str, tuple[int, int | None]] = {}     # hash -> the entry that listed it first, its line
    tables = doc.get("token", [])
    if not isinstance(tables, list):
        raise DataFileError(said("tokens:not-list", "token must be a list of [[token]] tables"), file=file,
                            fix=said("tokens:not-list-fix", "write each entry as [[token]]"))
    for n, item in enumerate(tables, start=1):
        line = where.table_line("token", n - 1)
        place = f"{line} ([[token]] #{n})" if line else f"[[token]] #{n}"
        if not isinstance(item, dict) or set(item) - {"sha256", "unit", "note"}:
            raise DataFileError(said("tokens:keys", "an entry has keys other than sha256, unit, note"), file=file,
                                place=place, fix=said("tokens:keys-fix", "keep only sha256, unit and note"))
        digest, unit = item.get("sha256"), item.get("unit")
        if not isinstance(digest, str) or not _HEX.match(digest):
            raise DataFileError(said("tokens:sha256", "sha256 must be 64 lowercase hex digits (the hash, never the token)"),
                                file=file, place=place,
                                fix=said("tokens:sha256-fix", "use the line printed by `python -m obligations token`"))
        if not isinstance(unit, str) or not known_unit(unit):
            raise DataFileError(said("tokens:unknown-unit", "unknown unit {unit}", unit=repr(unit)), file=file, place=place,
                                fix=said("tokens:unknown-unit-fix", "use a unit id of the hierarchy"))
        if digest in seen:
            first, first_line = seen[digest]
            at = (said("tokens:at-line", "line {line}, [[token]] #{n}", line=first_line, n=first) if first_line else
                  said("tokens:at", "[[token]] #{n}", n=first))
            raise DataFileError(said("tokens:twice", "this hash is already listed at {at}: one token would act for "
                                     "{first} and {second}", at=at, first=entries[first - 1].unit, second=unit),
                                file=file, place=place,
                                fix=said("tokens:twice-fix", "keep one entry per token: delete this one, or give the "
                                         "office a new token (python -m obligations token --unit UNIT)"))
        seen[digest] = (n, line)
        entries.append(Token(digest, unit, str(item.get("note", ""))))
    return Tokens(tuple(entries), file)


def decide(tokens: Tokens, token: str | None, unit: str | None, *, open_read: bool,
           may_act_for: Callable[[str, str], bool]) -> Decision:
    """Writes always need a token acting for ``unit``; reads need one unless ``open_read``.

    ``unit`` None: a read that concerns no unit (the national calendar), any valid token."""
    if open_read:
        return Decision(200, "open read")
    if not token:
        return Decision(401, "no token")
    entry = tokens.find(token)
    if entry is None:
        return Decision(401, "unknown token")
    if unit is not None and not may_act_for(entry.unit, unit):
        return Decision(403, f"the token acts for {entry.unit}, not for {unit}", entry.unit)
    return Decision(200, "token", entry.unit)


class Refused(Exception):
    """A request the tokens do not allow: raised by the service's guard, rendered at the edge
    (JSON with its fix for the API, a page in the page's language for the pages)."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
