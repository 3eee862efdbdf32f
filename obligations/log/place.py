"""Where the submissions log lives by default, and the one way to open it from Python.

The command line and the library share the default (the per-user data directory); only
the command line adds ``--db`` and ``$OBLIGATIONS_DB`` in front of it (cli/environment.py):
the library reads no environment variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from obligations.log.store import SubmissionLog

FILE_NAME = "submissions.sqlite3"


def default_log_path() -> Path:
    """The per-user log: ``$XDG_DATA_HOME/obligations/submissions.sqlite3`` on Linux (by default
    ``~/.local/share/obligations/``), the platform's user data directory elsewhere."""
    if sys.platform.startswith("linux"):    # the XDG rule, without importing platformdirs on every start
        base = os.environ.get("XDG_DATA_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".local" / "share") / "obligations" / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("obligations", appauthor=False)) / FILE_NAME


def open_log(path: str | Path | None = None) -> SubmissionLog:
    """The submissions log at ``path``, else the per-user log the command line uses by default.

    Opening creates nothing: reading an absent log reads an empty one, and the file is
    created by the first record written (``Workspace.record_submission`` and the others).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> log = open_log(folder / "log.sqlite3")
    >>> log.submissions(), (folder / "log.sqlite3").exists()
    ([], False)
    """
    return SubmissionLog(path if path is not None else default_log_path())
