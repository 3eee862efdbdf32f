"""A cache of loaded, validated rule files, hierarchy and calendar data.

Parsing and checking a dozen TOML files is the largest part of a command's start that
is the same every time. The loaded objects are kept as a pickle in the user's cache
directory (next to the holiday cache, ``$OBLIGATIONS_CACHE`` or ``off``), named by a
hash of the *content* of every input file and of this package's version: editing any
file, even without changing its size or time, loads afresh; a damaged or foreign cache
file is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable

FORMAT = 1


def _inputs(rules_dir: Path, org_file: Path, calendars_dir: Path) -> list[Path]:
    files = sorted(rules_dir.glob("*.toml")) + [org_file]
    files += sorted(calendars_dir.glob("*.toml")) + sorted((calendars_dir / "local").glob("*.toml"))
    return files


def _key(files: list[Path]) -> str | None:
    from obligations.base.version import VERSION as __version__

    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # let the normal loader report it
        digest.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def cached_load(rules_dir: Path, org_file: Path, calendars_dir: Path, load: Callable[[], tuple],
                directory: Path) -> tuple:
    """``load()`` once per distinct content of the inputs; later calls read the pickle."""
    if not rules_dir.is_dir() or not calendars_dir.is_dir():
        return load()
    key = _key(_inputs(rules_dir, org_file, calendars_dir))
    if key is None:
        return load()
    path = directory / f"loaded-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, tuple) and len(value) == 3:
            return value
    except Exception:
        pass  # missing, damaged or from another version: load afresh
    value = load()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache directory only costs speed
    return value
