"""Reading TOML data files with errors that name the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable

from obligations.base.errors import DataFileError


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; return the document and its text (for line look-ups)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read the file: {exc.strerror}", file=str(path),
                            fix="check the path and its permissions") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(f"the file is not UTF-8 (byte {exc.start})", file=str(path),
                            fix="save it as UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        place = f"{match.group(1)}:{match.group(2)}" if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise DataFileError(f"malformed TOML: {reason}", file=str(path), place=place,
                            fix="see docs/rules.md for the file format") from None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\s]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*=")


class Locator:
    """Finds the line where the n-th ``[[table]]`` of a file, or a key in it, starts.

    tomllib does not report positions, so errors about values are placed by finding the
    table headers and keys in the text (one pass, on first use); this is exact for the
    files this project writes.
    """

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._text = text
        self._tables: dict[str, list[int]] | None = None

    def _index(self) -> None:
        self._tables, self._headers, self._keys = {}, {}, []
        for number, line in enumerate(self._text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                if header.group(1) == "[[":
                    self._tables.setdefault(header.group(2), []).append(number)
                else:
                    self._headers.setdefault(header.group(2), number)
                continue
            key = _KEY.match(line)
            if key:
                self._keys.append((number, key.group(1)))

    def table_line(self, name: str, index: int) -> int | None:
        if self._tables is None:
            self._index()
        lines = self._tables.get(name, [])
        return lines[index] if index < len(lines) else None

    def header_line(self, name: str) -> int | None:
        if self._tables is None:
            self._index()
        return self._headers.get(name)

    def key_line(self, key: str, after: int | None = None) -> int | None:
        if self._tables is None:
            self._index()
        start = after or 1
        for number, name in self._keys:
            if number >= start and name == key:
                return number
        return None

    def error(self, message: str, *, line: int | None = None, place: str | None = None,
              fix: str | None = None) -> DataFileError:
        where = str(line) if line else None
        if place:
            where = f"{where} ({place})" if where else place
        return DataFileError(message, file=str(self.path), place=where, fix=fix)


def check_keys(table: dict[str, Any], allowed: Iterable[str], required: Iterable[str],
               loc: Locator, *, line: int | None, place: str) -> None:
    allowed = set(allowed)
    for key in table:
        if key not in allowed:
            raise loc.error(f"unknown key {key!r}", line=line, place=place,
                            fix="allowed keys: " + ", ".join(sorted(allowed)))
    for key in required:
        if key not in table:
            raise loc.error(f"missing key {key!r}", line=line, place=place,
                            fix=f"add {key} = ...")


def expect(value: Any, kind: type | tuple[type, ...], loc: Locator, *, line: int | None,
           place: str, what: str) -> Any:
    # bool is an int in Python; a TOML `true` must not pass for a number.
    if isinstance(value, bool) and kind in (int, (int,)):
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise loc.error(f"{what} must be {names}, not {value!r}", line=line, place=place)
    return value


def as_date(value: Any, loc: Locator, *, line: int | None, place: str, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise loc.error(f"{what} must be a TOML date such as 2023-04-20, not {value!r}",
                        line=line, place=place)
    return value
