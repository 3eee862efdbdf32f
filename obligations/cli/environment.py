"""What the command line takes from the environment and hands to the library.

The library reads no environment variable and writes no file unless asked; the command
line decides: ``OBLIGATIONS_DB`` (the submissions log), ``OBLIGATIONS_CACHE`` (a cache
directory, or ``off``), ``OBLIGATIONS_ENGINE`` (the rules engine backend).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from obligations.log.store import SubmissionLog
from obligations.workspace import Workspace

DB_VAR = "OBLIGATIONS_DB"
CACHE_VAR = "OBLIGATIONS_CACHE"
ENGINE_VAR = "OBLIGATIONS_ENGINE"


def cache_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """``$OBLIGATIONS_CACHE``, else the user's cache directory; None when it is ``off``."""
    value = env.get(CACHE_VAR, "")
    if value == "off":
        return None
    if value:
        return Path(value)
    # On Linux the XDG rule is two lines; importing platformdirs would cost every start ~8 ms.
    if sys.platform.startswith("linux"):
        base = env.get("XDG_CACHE_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".cache") / "obligations"
    import platformdirs

    return Path(platformdirs.user_cache_dir("obligations", appauthor=False))


def db_path(explicit: str | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """The submissions log: ``--db``, else ``$OBLIGATIONS_DB``, else the per-user data directory."""
    if explicit:
        return Path(explicit)
    if env.get(DB_VAR):
        return Path(env[DB_VAR])
    from obligations.log.place import default_log_path   # the library's default, shared; only when needed

    return default_log_path()


def log(explicit: str | None = None) -> SubmissionLog:
    return SubmissionLog(db_path(explicit))


def existing_log(explicit: str | None = None) -> SubmissionLog | None:
    """The submissions log if its file exists (reading needs nothing else), else None."""
    path = db_path(explicit)
    return SubmissionLog(path) if path.exists() else None


def engine_name(explicit: str | None = None, env: Mapping[str, str] = os.environ) -> str | None:
    """``--engine``, else ``$OBLIGATIONS_ENGINE``; an unknown name says which of the two gave it."""
    from obligations.base.errors import InputError, said
    from obligations.status.engine import BACKENDS

    name = explicit or env.get(ENGINE_VAR) or None
    if name is not None and name not in BACKENDS:
        where = "--engine" if explicit else said("engine:variable", "the environment variable {name}", name=ENGINE_VAR)
        raise InputError(said("engine:unknown", "unknown engine {name} (from {where})", name=repr(name[:40]), where=where),
                         fix=said("engine:fix", "set {variable} or --engine to one of: {names}", variable=ENGINE_VAR,
                                  names=", ".join(BACKENDS)),
                         code="unknown-option")
    return name


def workspace(rules: list[str] | str | None, org: str | None, calendars: str | None,
              as_known_on: dt.date | None = None, *, calendar: bool = False) -> Workspace:
    """``as_known_on``: None lets every loaded document count (commands without --on);
    ``calendar``: the calendar decisions too count only when known by then (--as-known-on
    given; without it every calendar decision counts, docs/usage.md)."""
    return Workspace.load(rules, org, calendars, cache_dir=cache_dir(), as_known_on=as_known_on,
                          calendar_known=calendar)


def known_on(text: str | None, on: dt.date) -> dt.date:
    """``--as-known-on``, else the day asked about (``--on``)."""
    from obligations.base.dates import parse_iso_date

    return parse_iso_date(text, what="--as-known-on") if text is not None else on
