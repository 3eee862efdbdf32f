"""Reading TOML data files with errors that name the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from obligations.base.errors import DataFileError, Said, joined, said
from obligations.base.files import TOML_LIMIT, read_regular_file
from obligations.base.identifiers import nfc, shorten


# TOML nesting deeper than this is refused: no data file needs more than four levels,
# and tomllib recurses once per level (a deeply nested file would exhaust the stack).
MAX_DEPTH = 16
# SQLite and the calendar arithmetic take 64-bit integers; larger ones are refused here.
INT_LIMIT = 2**63 - 1
# the place of a problem with the file as a whole (no table of its own)
TOP_LEVEL = said("toml:top-level", "top level")


def read_toml(path: Path, limit: int = TOML_LIMIT) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; return the document and its text (for line look-ups).

    Only a regular file of at most ``limit`` bytes (4 MiB) is read; a UTF-8 byte order
    mark is accepted; the text is normalised to NFC so that keys and ids typed in
    decomposed Unicode compare equal to the composed ones."""
    raw = read_regular_file(path, limit, fix=said("file:give-toml", "give the path of a TOML file"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(said("toml:not-utf8", "the file is not UTF-8 (byte {byte})", byte=exc.start), file=str(path),
                            fix=said("toml:not-utf8-fix", "save it as UTF-8")) from None
    text = nfc(text)
    import tomllib   # only when a file is read: a cached load reads none
    if "\x00" in text:
        raise DataFileError(said("toml:nul", "the file holds a NUL character (line {line})",
                                 line=text.count(chr(10), 0, text.index(chr(0))) + 1),
                            file=str(path), fix=said("toml:nul-fix", "it is not a text file: give a TOML file")) from None
    _refuse_deep_text(path, text)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        place: str | Said | None = f"{match.group(1)}:{match.group(2)}" if match else None
        if place is None and str(exc).endswith("(at end of document)"):
            place = said("toml:end", "end of the file")
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)\Z", "", str(exc))
        raise DataFileError(said("toml:malformed", "malformed TOML: {reason}", reason=toml_reason(reason)), file=str(path),
                            place=place,
                            fix=said("toml:malformed-fix", "see docs/rules.md for the file format")) from None
    except RecursionError:
        raise _too_deep(path) from None
    _check_values(path, doc)
    return doc, text


def toml_reason(english: str) -> Said:
    """tomllib's reason for a syntax error (Python 3.11-3.13's ``tomllib._parser`` words), said in
    the reader's language for the shapes it words; any other kept in English, marked as the parser's."""
    for pattern, key in _TOML_REASONS:
        found = re.fullmatch(pattern, english, re.S)
        if found:
            return _TOML_SAID[key](**{k: _dotted(v) if k == "key" else v for k, v in found.groupdict().items()})
    return said("toml:why-other", "{reason} (the TOML parser's words, in English)", reason=english)


def _dotted(key: str) -> str:
    """A key tomllib names as a tuple of its parts, "('a', 'b')", as the file writes it: a.b."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'", key)
    return ".".join(parts) if key.startswith("(") and parts else key


# (pattern of tomllib's message, key below): the values it names (a character, a key) are kept as written
_TOML_REASONS = (
    (r"Invalid statement", "statement"),
    (r"Expected newline or end of document after a statement", "newline"),
    (r"Expected (?P<char>'.*')", "expected"),
    (r"Found invalid character (?P<char>'.*')", "invalid-char"),
    (r"Cannot declare (?P<key>.*) twice", "declared-twice"),
    (r"Cannot overwrite a value", "overwrite"),
    (r"Expected '\]' at the end of a table declaration", "table-end"),
    (r"Expected '\]\]' at the end of an array declaration", "array-end"),
    (r"Cannot mutate immutable namespace (?P<key>.*)", "immutable"),
    (r"Cannot redefine namespace (?P<key>.*)", "redefine"),
    (r"Expected '=' after a key in a key/value pair", "equals"),
    (r"Invalid initial character for a key part", "key-start"),
    (r"Unclosed array", "unclosed-array"),
    (r"Duplicate inline table key (?P<key>.*)", "duplicate-key"),
    (r"Unclosed inline table", "unclosed-table"),
    (r"Unescaped '\\' in a string", "backslash"),
    (r"Invalid hex value", "hex"),
    (r"Escaped character is not a Unicode scalar value", "scalar"),
    (r"Unterminated string", "unterminated"),
    (r"Illegal character (?P<char>'.*')", "illegal-char"),
    (r"Invalid date or datetime", "date"),
    (r"Invalid value", "value"),
)
_TOML_SAID: dict[str, Callable[..., Said]] = {
    "statement": lambda: said("toml:why-statement", "a line that is not a key = value, a [table] or a comment"),
    "newline": lambda: said("toml:why-newline", "something follows a value on the same line"),
    "expected": lambda char: said("toml:why-expected", "{char} is expected here", char=char),
    "invalid-char": lambda char: said("toml:why-invalid-char", "the character {char} is not allowed here", char=char),
    "declared-twice": lambda key: said("toml:why-declared-twice", "the table {key} is declared twice", key=key),
    "overwrite": lambda: said("toml:why-overwrite", "a key is given a value twice"),
    "table-end": lambda: said("toml:why-table-end", "a [table] header lacks its closing ]"),
    "array-end": lambda: said("toml:why-array-end", "a [[table]] header lacks its closing ]]"),
    "immutable": lambda key: said("toml:why-immutable", "{key} is already a value written in one piece; it cannot be "
                                  "added to", key=key),
    "redefine": lambda key: said("toml:why-redefine", "the table {key} is defined again", key=key),
    "equals": lambda: said("toml:why-equals", "a key is not followed by ="),
    "key-start": lambda: said("toml:why-key-start", "a key starts with a character keys cannot start with"),
    "unclosed-array": lambda: said("toml:why-unclosed-array", "a list [ … ] is not closed"),
    "duplicate-key": lambda key: said("toml:why-duplicate-key", "the key {key} is given twice in one {{ … }} table",
                                      key=key),
    "unclosed-table": lambda: said("toml:why-unclosed-table", "a table {{ … }} is not closed"),
    "backslash": lambda: said("toml:why-backslash", "a \\ in a string is not followed by a valid escape"),
    "hex": lambda: said("toml:why-hex", "a \\u or \\U escape has digits that are not hexadecimal"),
    "scalar": lambda: said("toml:why-scalar", "an escape names a code point that is not a character"),
    "unterminated": lambda: said("toml:why-unterminated", "a string is not closed (a quotation mark is missing)"),
    "illegal-char": lambda char: said("toml:why-illegal-char", "the character {char} is not allowed in a string",
                                      char=char),
    "date": lambda: said("toml:why-date", "a date or time that does not exist or is written wrongly"),
    "value": lambda: said("toml:why-value", "a value that is not a TOML value (a text needs quotation marks)"),
}


def _too_deep(path: Path) -> DataFileError:
    return DataFileError(said("toml:deep", "values are nested more than {depth} levels deep", depth=MAX_DEPTH),
                         file=str(path), fix=said("toml:deep-fix", "data files need at most a few levels of tables and lists"))


def _refuse_deep_text(path: Path, text: str) -> None:
    # A cheap bound before parsing: the parser recurses on each `[` or `{` of a value.
    # Brackets inside strings only make this stricter than needed on absurd files.
    if text.count("[") + text.count("{") < MAX_DEPTH:
        return
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH * 4:
                    raise _too_deep(path)
        elif char in "]}" and depth:
            depth -= 1


def _check_values(path: Path, doc: dict[str, Any]) -> None:
    """Depth and integer bounds of a parsed document (dotted keys nest without brackets)."""
    pending: list[tuple[Any, int, str]] = [(doc, 0, "")]
    while pending:
        value, depth, name = pending.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(path)
        if isinstance(value, dict):
            pending.extend((v, depth + 1, f"{name}.{k}" if name else str(k)) for k, v in value.items())
        elif isinstance(value, list):
            pending.extend((v, depth + 1, name) for v in value)
        elif isinstance(value, int) and not isinstance(value, bool) and not -INT_LIMIT <= value <= INT_LIMIT:
            raise DataFileError(said("toml:big-int", "the integer {value} is beyond 64 bits (±{limit})", value=shorten(value),
                                     limit=INT_LIMIT), file=str(path),
                                place=name or TOP_LEVEL, fix=said("toml:big-int-fix", "use a number of a sensible size"))
        elif isinstance(value, float) and value != value:
            raise DataFileError(said("toml:nan", "nan is not a number"), file=str(path), place=name or TOP_LEVEL,
                                fix=said("toml:nan-fix", "write a number"))


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
        self._headers: dict[str, int] = {}
        self._keys: list[tuple[int, str]] = []

    def _index(self) -> None:
        tables: dict[str, list[int]] = {}
        self._tables, self._headers, self._keys = tables, {}, []
        for number, line in enumerate(self._text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                if header.group(1) == "[[":
                    tables.setdefault(header.group(2), []).append(number)
                else:
                    self._headers.setdefault(header.group(2), number)
                continue
            key = _KEY.match(line)
            if key:
                self._keys.append((number, key.group(1)))

    def table_line(self, name: str, index: int) -> int | None:
        if self._tables is None:
            self._index()
        assert self._tables is not None
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

    def error(self, message: Said, *, line: int | None = None, place: str | Said | None = None,
              fix: Said | None = None) -> DataFileError:
        where: str | Said | None = str(line) if line else None
        if place:
            where = Said("", "{line} ({place})", {"line": str(line), "place": place}) if where else place
        return DataFileError(message, file=str(self.path), place=where, fix=fix)


def check_keys(table: dict[str, Any], allowed: Iterable[str], required: Iterable[str],
               loc: Locator, *, line: int | None, place: str | Said) -> None:
    allowed = set(allowed)
    for key in table:
        if key not in allowed:
            raise loc.error(said("toml:unknown-key", "unknown key {key}", key=shorten(key)), line=line, place=place,
                            fix=said("toml:allowed-keys", "allowed keys: {keys}", keys=", ".join(sorted(allowed))))
    for key in required:
        if key not in table:
            raise loc.error(said("toml:missing-key", "missing key {key}", key=repr(key)), line=line, place=place,
                            fix=said("toml:add-key", "add {key} = ...", key=key))


# what a Python type is called in a TOML file (for the fix of a wrong type)
_TOML_NAMES: dict[type, Said] = {dict: said("toml:a-table", "a table ([name] or {{ key = value }})"),
                                 list: said("toml:a-list", "a list [ ... ]"), str: said("toml:a-text", "a text in quotes"),
                                 int: said("toml:a-number", "a whole number"), bool: said("toml:a-bool", "true or false")}
# the Python name of a type, as the English message names it, in words of the reader's language
_TYPE_NAMES: dict[type, Said] = {dict: said("toml:type:dict", "dict"), list: said("toml:type:list", "list"),
                                 str: said("toml:type:str", "str"), int: said("toml:type:int", "int"),
                                 bool: said("toml:type:bool", "bool"), float: said("toml:type:float", "float")}


def expect(value: Any, kind: type | tuple[type, ...], loc: Locator, *, line: int | None,
           place: str | Said, what: str | Said) -> Any:
    # bool is an int in Python; a TOML `true` must not pass for a number.
    if isinstance(value, bool) and kind in (int, (int,)):
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        kinds = (kind,) if isinstance(kind, type) else kind
        names = joined([_TYPE_NAMES.get(k, k.__name__) for k in kinds], said("toml:or", " or "))
        raise loc.error(said("toml:wrong-type", "{what} must be {names}, not {value}", what=what, names=names,
                             value=shorten(value)), line=line, place=place,
                        fix=said("toml:write-as", "write {what} as {kinds}", what=what,
                                 kinds=joined([_TOML_NAMES.get(k, k.__name__) for k in kinds], said("toml:or", " or "))))
    return value


def as_date(value: Any, loc: Locator, *, line: int | None, place: str | Said, what: str | Said) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise loc.error(said("toml:not-date", "{what} must be a TOML date such as 2023-04-20, not {value}", what=what,
                             value=shorten(value)),
                        line=line, place=place, fix=said("toml:write-date", "write {what} as YYYY-MM-DD without quotes",
                                                         what=what))
    return value
