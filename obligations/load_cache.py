"""A cache of loaded, validated rule files, hierarchy and calendar data.

Parsing and checking a dozen TOML files is the largest part of a command's start that
is the same every time. The loaded objects are kept as JSON in the user's cache
directory (next to the holiday cache, ``$OBLIGATIONS_CACHE`` or ``off``). A file holds
the fingerprint of its inputs (checksums, CRC-32 and Adler-32, and the length of the
*content* of every input file, this package's version, and the same checksums of the
source of every module that loads and validates: ``_CODE``) and is named by a short checksum
of it; a file whose fingerprint differs is a miss. Editing any input file, even without
changing its size or time, loads afresh; so does editing the loader, without anyone
remembering to raise ``FORMAT``.

JSON, not pickle: the cache directory may be writable by others (or named by an
environment variable), and loading a pickle runs whatever code it names. Here a cache
file can only name the frozen attrs classes listed in ``_classes()``, rebuilt through
their own ``__init__``; plain values are dates, texts, numbers, lists, tuples, sets and
tables. A damaged, foreign or oversized file (or a FIFO planted in its place) is
ignored without a word and replaced.

Measured (cold `due --unit xa-X`, /work/shared/checks/cold-start, median of 9 ratios to
the import floor): pickle 1.19, no cache 2.39 (2.31 on a rerun), this JSON cache 1.16.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from pathlib import Path
from typing import Any, Callable

FORMAT = 6   # 3: directives carry changes, duties the sources that amended them; 4: the inputs inside;
# 5: calendar data names its settings file (CalendarData.file); 6: calendar facts carry their decision
CACHE_LIMIT = 256 * 1024 * 1024   # bytes: a national rule set is a few MB of JSON


# The code whose output the cache keeps: every module of these packages (relative to this
# file) and these modules. Each enters the key by its name, size and modification time in
# nanoseconds: Python itself recompiles a module only when its source's size or time (in
# seconds) changed, so an edit this key misses would not even run. Reading and checksumming
# the ~45 sources instead cost 1.3-2.3 ms a start on the measuring machine, their stat
# 0.2-0.4 ms (docs/performance.md).
_CODE_PACKAGES = ("base", "calendar", "org", "rules", "rules/schedules")
_CODE_MODULES = ("loading.py", "load_cache.py")


def code_files(package: Path | None = None) -> list[str]:
    """The source files of the modules that load and validate (``_CODE_PACKAGES``, ``_CODE_MODULES``)."""
    import os

    root = str(Path(__file__).parent if package is None else package)
    files = []
    for sub in _CODE_PACKAGES:
        folder = os.path.join(root, sub)
        try:
            files += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".py")]
        except OSError:
            files.append(folder)     # gone: counted as missing below
    return files + [os.path.join(root, name) for name in _CODE_MODULES]


def _code_key(files: list[str], root: str) -> str:
    """One checksum over the names (relative to ``root``), sizes and modification times of ``files``."""
    import os

    parts = []
    for path in files:
        try:
            st = os.stat(path)
            parts.append(f"{path[len(root) + 1:]}:{st.st_size:x}:{st.st_mtime_ns:x}")
        except OSError:
            parts.append(f"{path[len(root) + 1:]}:-")
    text = "|".join(parts).encode("utf-8", "surrogateescape")
    return f"code:{len(files)}.{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def _inputs(rules_dirs: list[Path], org_file: Path, calendars_dir: Path) -> list[Path]:
    # every rules directory, in order: the same files layered differently load differently
    files = [f for d in rules_dirs for f in sorted(d.glob("*.toml"))] + [org_file]
    files += sorted(calendars_dir.glob("*.toml")) + sorted((calendars_dir / "local").glob("*"))
    return files


def _key(files: list[Path]) -> str | None:
    """The fingerprint of the inputs: per file, checksums of its name and content and its length."""
    from obligations.base.version import VERSION as __version__
    from obligations.base.errors import DataFileError
    from obligations.base.files import TOML_LIMIT, read_regular_file

    # Two checksums and the length of every file: a cache key, not a seal (whoever can write
    # the cache directory can write a file under any key). zlib is loaded at every start
    # already; hashlib would load OpenSSL, 2.5 ms of a 90 ms command.
    parts = [f"{FORMAT}|{__version__}", _code_key(code_files(), str(Path(__file__).parent))]
    for path in files:
        try:
            data = read_regular_file(path, TOML_LIMIT)
        except DataFileError:
            return None  # let the normal loader report it
        name = str(path.resolve()).encode("utf-8", "surrogateescape")
        parts.append(f"{zlib.crc32(name):08x}{len(data):x}.{zlib.crc32(data):08x}{zlib.adler32(data):08x}")
    return "|".join(parts)


def _name(fingerprint: str) -> str:
    """The cache file's name: short; two fingerprints that share it are told apart by the
    fingerprint kept inside the file."""
    text = fingerprint.encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def _classes() -> dict[str, type]:
    """The only classes a cache file may name."""
    from obligations.calendar import data, decisions
    from obligations.org import hierarchy
    from obligations.org import leadtimes
    from obligations.rules import loader, model, ruleset
    from obligations.rules.schedules import base, event, once, peaks, periodic, rrule

    found: dict[str, type] = {}
    for module in (model, loader, ruleset, hierarchy, leadtimes, data, decisions, base, event, once, peaks, periodic, rrule):
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__ and hasattr(value, "__attrs_attrs__"):
                found[f"{module.__name__}.{name}"] = value
    return found


def _encode(value: Any, names: dict[type, str]) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$": "time", "v": value.isoformat()}
    if isinstance(value, list):
        return [_encode(v, names) for v in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "v": [_encode(v, names) for v in value]}
    if isinstance(value, frozenset):
        return {"$": "frozenset", "v": [_encode(v, names) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        return {"$": "dict", "v": [[_encode(k, names), _encode(v, names)] for k, v in value.items()]}
    name = names.get(type(value))
    if name is None:
        raise TypeError(f"cannot cache a {type(value).__name__}")
    import attrs

    fields = {f.alias: _encode(getattr(value, f.name), names) for f in attrs.fields(type(value)) if f.init}
    return {"$": "obj", "c": name, "v": fields}


def _decoder(classes: dict[str, type]) -> Callable[[dict[str, Any]], Any]:
    def hook(item: dict[str, Any]) -> Any:
        kind = item.get("$")
        if kind is None:
            return item
        value = item["v"]
        if kind == "obj":
            return classes[item["c"]](**value)   # KeyError for any class not listed
        if kind == "tuple":
            return tuple(value)
        if kind == "frozenset":
            return frozenset(value)
        if kind == "dict":
            return {k: v for k, v in value}
        if kind in ("date", "datetime", "time"):
            return getattr(dt, kind).fromisoformat(value)
        raise ValueError(kind)
    return hook


def _read(path: Path, fingerprint: str) -> tuple[Any, ...] | None:
    from obligations.base.errors import DataFileError
    from obligations.base.files import read_regular_file

    try:
        raw = read_regular_file(path, CACHE_LIMIT)
        value = json.loads(raw, object_hook=_decoder(_classes()))
    except (DataFileError, ValueError, TypeError, KeyError, RecursionError):
        return None   # missing, damaged, foreign or from another version: load afresh
    if (isinstance(value, dict) and value.get("inputs") == fingerprint
            and isinstance(value.get("loaded"), tuple) and len(value["loaded"]) == 3):
        loaded: tuple[Any, ...] = value["loaded"]
        return loaded
    return None


def cached_load(rules_dirs: list[Path], org_file: Path, calendars_dir: Path,
                load: Callable[[], tuple[Any, ...]], directory: Path) -> tuple[Any, ...]:
    """``load()`` once per distinct content of the inputs, cached in ``directory``; later
    calls read the JSON."""
    dirs = list(rules_dirs)
    if not all(d.is_dir() for d in dirs) or not calendars_dir.is_dir():
        return load()
    key = _key(_inputs(dirs, org_file, calendars_dir))
    if key is None:
        return load()
    path = directory / f"loaded-{_name(key)}.json"
    found = _read(path, key)
    if found is not None:
        return found
    value = load()
    try:
        names = {cls: name for name, cls in _classes().items()}
        text = json.dumps({"format": FORMAT, "inputs": key, "loaded": _encode(tuple(value), names)}, ensure_ascii=False,
                          separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return value   # something the cache cannot hold: it only costs speed
    try:
        directory.mkdir(parents=True, exist_ok=True)
        from obligations.base.files import write_replacing

        write_replacing(path, text.encode("utf-8"), 0o600)
    except OSError:
        pass  # a read-only cache directory only costs speed
    return value
