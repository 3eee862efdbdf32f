"""Where the bundled rule files, calendar data and JSON Schemas are.

An installed wheel carries them in ``obligations/_bundled``; a source checkout (or an
editable install) has them at the top of the repository, next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    """The directory of the bundled directive rule files."""
    return _bundled("rules")


def calendars_dir() -> Path:
    """The directory of the bundled calendar data."""
    return _bundled("calendars")


def schemas_dir() -> Path:
    """The directory of the published JSON Schemas of the JSON documents (docs/schemas/)."""
    inside = _PACKAGE / "_bundled" / "schemas"
    if inside.is_dir():
        return inside
    # A checkout keeps them with the documentation they are part of, not at the top.
    return _PACKAGE.parent / "docs" / "schemas"


def hierarchy_file() -> Path:
    """The bundled example hierarchy of units."""
    return rules_dir() / "hierarchy.toml"
