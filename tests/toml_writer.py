"""A small TOML writer for the tests (the standard library reads TOML but does not write
it, and the project installs no writer): enough of TOML 1.0 for any document made of
tables, arrays, strings, integers, floats, booleans and dates, so that a generated
document is real TOML. ``tomllib.loads(dumps(doc)) == doc`` for every such document whose
integers fit in 64 bits (TOML's limit) and whose floats are not NaN."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(text: str) -> str:
    """A basic string: quotes, backslashes and every control character escaped (TOML
    forbids raw control characters other than tab in a basic string)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    return name if _BARE.fullmatch(name) else string(name)


def value(item: Any) -> str:
    """One value written inline."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        if not -2**63 <= item < 2**63:
            raise ValueError(f"TOML integers are 64-bit: {item}")
        return str(item)
    if isinstance(item, float):
        if math.isnan(item):
            raise ValueError("NaN never equals itself")
        return ("inf" if item > 0 else "-inf") if math.isinf(item) else repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, (dt.datetime, dt.date, dt.time)):
        return item.isoformat()
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, dict):
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }" if item else "{}"
    raise TypeError(f"not a TOML value: {item!r}")


def _is_tables(item: Any) -> bool:
    return isinstance(item, list) and bool(item) and all(isinstance(v, dict) for v in item)


def dumps(doc: dict[str, Any]) -> str:
    """The document with each top-level table as ``[name]`` and each top-level array of
    tables as ``[[name]]`` (as the project's files are written); deeper tables inline."""
    head, body = [], []
    for name, item in doc.items():
        if isinstance(item, dict):
            body.append(f"\n[{key(name)}]\n" + "".join(f"{key(k)} = {value(v)}\n" for k, v in item.items()))
        elif _is_tables(item):
            for table in item:
                body.append(f"\n[[{key(name)}]]\n" + "".join(f"{key(k)} = {value(v)}\n" for k, v in table.items()))
        else:
            head.append(f"{key(name)} = {value(item)}\n")
    return "".join(head) + "".join(body)
