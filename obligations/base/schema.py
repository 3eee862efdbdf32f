"""One declarative description of every table of the data files, and its validator.

Each field states its type, its range or allowed values, whether it is required and the
fix to suggest; ``validate`` walks a parsed TOML table and returns *every* violation as a
``DataFileError`` reading ``file:line (place): field: what is wrong (the fix)``, so that
`check` lists them all at once and the loaders only build objects from checked values.

Written here rather than taken from cattrs: cattrs (26.2) adds ~10 ms to a ~110 ms cold
start (measured with ``-X importtime``) and its error paths name Python attributes, not
TOML lines, so a line-locating layer would be needed anyway.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Iterable

import attrs

from obligations.base import places
from obligations.base.errors import DataFileError, Number, Said, joined, said
from obligations.base.identifiers import ID_ALPHABET, describe_char, identifier_said, shorten
from obligations.base.records import record
from obligations.base.toml import Locator

# Dates the calendar can place: the lunar tables and the holiday data cover 1900-2100.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
TEXT_LIMIT = 20_000          # characters of one text value (a quoted sentence is far shorter)

_KIND_NAMES: dict[str, Said] = {
    "str": said("schema:kind:str", "a text"), "id": said("schema:kind:id", "an id"),
    "int": said("schema:kind:int", "a whole number"), "bool": said("schema:kind:bool", "true or false"),
    "date": said("schema:kind:date", "a TOML date such as 2025-04-20"), "table": said("schema:kind:table", "a table"),
    "tables": said("schema:kind:tables", "a list of tables"), "str_list": said("schema:kind:str_list", "a list of texts"),
    "id_list": said("schema:kind:id_list", "a list of ids"), "scalar": said("schema:kind:scalar", "a text or a number"),
    "text_or_list": said("schema:kind:text_or_list", "a text or a list of texts"),
    "none": said("schema:kind:none", "absent (a key no longer accepted)"),
    "date_list": said("schema:kind:date_list", "a list of TOML dates such as [2025-04-26, 2025-05-02]"),
}


@record
@attrs.frozen(repr=False)
class Field:
    name: str
    kind: str                                   # one of _KIND_NAMES, or "any"
    required: bool = False
    choices: tuple[Any, ...] | None = None
    low: int | dt.date | None = None
    high: int | dt.date | None = None
    schema: "Table | None" = None               # for "table" and "tables"
    fix: Said | None = None
    non_empty: bool = True                      # texts and lists must hold something


@record
@attrs.frozen(repr=False)
class Table:
    fields: tuple[Field, ...]
    # at most one of these keys may be present (e.g. ("parent", "parents")), or exactly one
    exclusive: tuple[tuple[str, ...], ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    open: bool = False                          # keys not listed are left to another check

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


def validate(value: Any, schema: Table, loc: Locator, *, line: int | None, place: str | Said,
             prefix: str = "", search_from: int | None = None) -> list[DataFileError]:
    """Every violation of ``schema`` by the TOML table ``value`` (empty when it is valid)."""
    problems: list[DataFileError] = []
    start = search_from if search_from is not None else line

    def error(field: str, message: Said, fix: Said | None, key: str | None = None) -> None:
        at = loc.key_line(key, after=start) if key and start else None
        if at is not None and line is not None and at < line:
            at = None
        problems.append(loc.error(said("schema:field", "{field}: {message}", field=f"{prefix}{field}", message=message),
                                  line=at or line, place=place, fix=fix))

    if not isinstance(value, dict):
        name: Said | str = prefix.rstrip(".") or said("schema:the-table", "the table")
        problems.append(loc.error(said("schema:not-table", "{name}: must be a table, not {value}", name=name,
                                       value=shorten(value)), line=line, place=place,
                                  fix=said("schema:write-table", "write it as [name] or {{ key = value }}")))
        return problems
    known = schema.names()
    for key in value:
        if key not in known and not schema.open:
            unknown = _unknown_key(key, known)      # "policy: unknown key ...", not "policy.unknown"
            problems.append(loc.error(said("schema:field", "{field}: {message}", field=prefix.rstrip("."), message=unknown)
                                      if prefix else unknown, line=line, place=place,
                                      fix=said("toml:allowed-keys", "allowed keys: {keys}", keys=", ".join(known))))
    for group in schema.exclusive:
        present = [k for k in group if k in value]
        if len(present) > 1:
            error(present[1], said("schema:either", "give either {keys}, not both",
                                   keys=joined(list(group), said("toml:or", " or "))),
                  said("schema:remove", "remove {name}", name=present[1]), present[1])
    for group in schema.one_of:
        if sum(k in value for k in group) != 1:
            error(group[0], said("schema:one-of", "give exactly one of {keys}", keys=", ".join(f"`{k}`" for k in group)),
                  said("schema:keep-one", "keep one of them"), group[0])
    for field in schema.fields:
        if field.name not in value:
            if field.required:
                error(field.name, said("schema:missing", "is missing"),
                      field.fix or said("toml:add-key", "add {key} = ...", key=field.name))
            continue
        problem = _check(field, value[field.name])
        if problem:
            fix = field.fix
            if fix is None and field.choices is not None:
                fix = said("schema:use-one-of", "use one of: {choices}", choices=", ".join(map(str, field.choices)))
            error(field.name, problem, fix or _fix(field), field.name)
            continue
        if field.schema is not None and field.kind == "table":
            problems += validate(value[field.name], field.schema, loc, line=line, place=place,
                                 prefix=f"{prefix}{field.name}.", search_from=start)
        elif field.schema is not None and field.kind == "tables":
            for index, item in enumerate(value[field.name]):
                problems += validate(item, field.schema, loc, line=line, place=place,
                                     prefix=f"{prefix}{field.name}[{index + 1}].", search_from=start)
    return problems


def validate_tables(doc: dict[str, Any], key: str, schema: Table, loc: Locator,
                    place: str | None = None) -> list[DataFileError]:
    """Every ``[[key]]`` table of a document, each placed at its own header line."""
    items = doc.get(key, [])
    problems: list[DataFileError] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        line = loc.table_line(key, index)
        name = item.get("id") if isinstance(item, dict) else None
        where = places.table(place or key, name if isinstance(name, str) and len(name) <= 100 else None, index + 1)
        problems += validate(item, schema, loc, line=line, place=where)
    return problems


def raise_all(problems: list[DataFileError]) -> None:
    """Raise the one problem, or all of them together; nothing when the list is empty."""
    from obligations.base.errors import Problems

    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Problems(list(problems))


def _unknown_key(key: str, known: Iterable[str]) -> Said:
    odd = next((c for c in key if not (c.isascii() and (c.isalnum() or c in "_-"))), None)
    if odd is not None:
        return said("schema:odd-key", "unknown key {key}: it has {char}, keys are plain ASCII", key=shorten(key, 40),
                    char=describe_char(odd))
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    if close:
        return said("schema:unknown-key-close", "unknown key {key} (did you mean {close}?)", key=shorten(key, 40),
                    close=repr(close[0]))
    return said("toml:unknown-key", "unknown key {key}", key=shorten(key, 40))


def _fix(field: Field) -> Said:
    """What a value of ``field`` must be, for a field whose schema states no fix of its own
    (every message names a fix: docs/rules.md, section 8)."""
    if field.kind == "none":
        return said("schema:remove", "remove {name}", name=field.name)
    what: Said | str = _KIND_NAMES.get(field.kind, said("schema:kind:any", "a value"))
    if field.kind in ("int", "date"):
        low = field.low if field.low is not None else (FIRST_DAY if field.kind == "date" else None)
        high = field.high if field.high is not None else (LAST_DAY if field.kind == "date" else None)
        if low is not None and high is not None:
            what = said("schema:from-to", "{what} from {low} to {high}", what=what, low=low, high=high)
        elif low is not None:
            what = said("schema:at-least", "{what} of at least {low}", what=what, low=low)
    elif field.kind in ("str", "scalar", "text_or_list", "str_list"):
        what = said("schema:text-limit", "{what} (not empty, at most {limit} characters)", what=what,
                    limit=Number(TEXT_LIMIT))
    elif field.kind in ("id", "id_list"):
        what = said("schema:id-alphabet", "{what} ({alphabet})", what=what,
                    alphabet=said("id:alphabet", ID_ALPHABET))
    return said("schema:write-as", "write {name} as {what}", name=field.name, what=what)


def _check(field: Field, value: Any) -> Said | None:
    """What is wrong with one value (a phrase), or None."""
    kind = field.kind
    if kind == "any":
        return None
    if kind == "none":
        return said("schema:no-longer", "is no longer accepted")
    ok = _KIND_TESTS[kind](value)
    if not ok:
        return said("schema:must-be", "must be {kind}, not {value}", kind=_KIND_NAMES[kind], value=shorten(value))
    if kind in ("str", "scalar") and isinstance(value, str):
        if field.non_empty and not value.strip():
            return said("schema:empty", "is empty")
        if len(value) > TEXT_LIMIT:
            return said("schema:too-long", "is {n} characters long, more than {limit}", n=Number(len(value)),
                        limit=Number(TEXT_LIMIT))
    if kind == "id":
        problem = identifier_said(value)
        if problem:
            return said("schema:bad-id", "{value} {problem}", value=shorten(value), problem=problem)
    if kind in ("str_list", "id_list", "tables", "text_or_list", "date_list") and isinstance(value, list):
        if field.non_empty and not value:
            return said("schema:empty-list", "is an empty list")
        if kind == "id_list":
            for item in value:
                problem = identifier_said(item)
                if problem:
                    return said("schema:bad-id", "{value} {problem}", value=shorten(item), problem=problem)
        if kind in ("str_list", "text_or_list") and not all(v.strip() for v in value):
            return said("schema:empty-text", "holds an empty text")
    if field.choices is not None and value not in field.choices:
        return said("schema:unknown-choice", "unknown {name} {value}", name=field.name, value=shorten(value))
    if kind in ("int", "date"):
        low = field.low if field.low is not None else (FIRST_DAY if kind == "date" else None)
        high = field.high if field.high is not None else (LAST_DAY if kind == "date" else None)
        if (low is not None and value < low) or (high is not None and value > high):
            return said("schema:outside", "{value} is outside {low} to {high}", value=shorten(value),
                        low=low if low is not None else "…", high=high if high is not None else "…")
    return None


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_date(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


_KIND_TESTS: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str),
    "id": lambda v: isinstance(v, str),
    "int": _is_int,
    "bool": lambda v: isinstance(v, bool),
    "date": _is_date,
    "table": lambda v: isinstance(v, dict),
    "tables": lambda v: isinstance(v, list) and all(isinstance(i, dict) for i in v),
    "str_list": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "id_list": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "scalar": lambda v: isinstance(v, str) or _is_int(v),
    "text_or_list": lambda v: isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v)),
    "date_list": lambda v: isinstance(v, list) and all(_is_date(i) and FIRST_DAY <= i <= LAST_DAY for i in v),
}
