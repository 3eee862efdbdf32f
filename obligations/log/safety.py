"""Making sure the submissions log is ours before touching it, and clear messages for
what SQLite reports (a full disk, a read-only file, a lock held too long).

A log is marked with ``PRAGMA application_id = APPLICATION_ID`` (0x4F424C47, "OBLG" in
ASCII) in the SQLite header. A file is written only when it is absent, empty (0 bytes or
a database without tables), carries that id, or is a log made before the id existed (id
0 with our ``meta`` table holding ``schema_version``). Everything else is refused before
any connection that could write is opened: the header is read as bytes and the legacy
check uses an ``immutable`` read-only connection, which creates no journal or -shm file.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from obligations.base.errors import InputError, Said, said
from obligations.base.files import os_reason

APPLICATION_ID = 0x4F424C47
SQLITE_MAGIC = b"SQLite format 3\x00"

_OTHER = said("log:file:1", "give another log file; this one was left untouched")


def _error(path: Path, message: Said, fix: Said) -> InputError:
    return InputError(message, file=str(path), fix=fix, code="log-file", param="db")


def inspect_file(path: Path) -> str:
    """"absent", "empty" or "ours"; raises InputError for anything else, writing nothing."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        raise _path_error(path, exc) from None
    except ValueError:
        raise _error(path, said("log:file:2", "the path holds a NUL character"), said("log:file:3", "give a plain file path for the log")) from None
    if not stat.S_ISREG(info.st_mode):
        from obligations.base.files import kind_said

        raise _error(path, said("log:not-regular", "the log path is {kind}, not a regular file", kind=kind_said(info.st_mode)),
                     said("log:file-path", "give a file path for the log"))
    if info.st_size == 0:
        return "empty"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            head = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _path_error(path, exc) from None
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise _error(path, said("log:file:4", "the file is not an SQLite database"), _OTHER)
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    if app_id == APPLICATION_ID:
        return "ours"
    if app_id != 0:
        raise _error(path, said("log:other-app", "the file is an SQLite database of another program (application id "
                                "{app_id})", app_id=f"{app_id:#x}"), _OTHER)
    return _legacy_or_foreign(path, wal=head[18] == 2)


def _peek(path: Path, mode: str) -> tuple[set[str], bool]:
    """The tables of the file and whether it holds our ``meta`` with a schema version."""
    import sqlite3
    from urllib.parse import quote

    conn = sqlite3.connect("file:" + quote(str(path.resolve())) + "?" + mode, uri=True, timeout=30)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        marked = "meta" in tables and conn.execute(
            "SELECT 1 FROM meta WHERE key='schema_version'").fetchone() is not None
    finally:
        conn.close()
    return tables, marked


def _legacy_or_foreign(path: Path, wal: bool = False) -> str:
    import sqlite3

    try:
        try:
            tables, marked = _peek(path, "immutable=1")
        except sqlite3.Error:
            # An immutable read takes no lock: a file another process is creating right now
            # (its pages being written, or copied in from the -wal file) can read as "database
            # disk image is malformed" (three creators at once, under load, met this). A locking
            # read-only connection sees the committed state; a file damaged for good fails
            # there too and is refused below.
            tables, marked = _peek(path, "mode=ro")
        if tables and not marked and wal:
            # A log being created: its first migration, and the application id with it, may be
            # in the -wal file or halfway copied into the database, which an immutable read
            # (no locks, no -wal) sees as tables without our mark. A locking read-only
            # connection sees the committed state (three creators at once met this).
            try:
                tables, marked = _peek(path, "mode=ro")
            except sqlite3.Error:
                pass       # no -wal to read (nobody has the file open): the immutable view stands
    except sqlite3.Error as exc:
        raise _error(path, said("log:damaged", "the file is a damaged or foreign SQLite database ({why})",
                                why=str(exc)), _OTHER) from None
    if marked:
        return "ours"
    if not tables:
        return "empty"
    raise _error(path, said("log:file:5", "the file is an SQLite database of another program (no submissions log in it)"), _OTHER)


def _path_error(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return _error(path, said("log:file:6", "the log path goes through a loop of symbolic links"), said("log:file:7", "give a log path without the loop"))
    if exc.errno == errno.ENOTDIR:
        return _error(path, said("log:file:8", "a part of the log path is a file, not a folder"), said("log:file:9", "give a log path inside a folder"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _error(path, said("log:file:10", "the log cannot be read: permission denied"), said("log:file:11", "check the permissions of the file and its folder"))
    return _error(path, said("log:path", "cannot use the log path: {why}", why=os_reason(exc)),
                  said("log:path-fix", "give another file path for the log"))


# SQLite primary result codes (the low byte of an extended code).
_MESSAGES = {
    13: (said("log:file:12", "the disk is full"), said("log:file:13", "free space on the disk holding the log, then try again")),
    8: (said("log:file:14", "the log is read-only (the file or its folder cannot be written)"),
        said("log:file:15", "check the permissions of the file and its folder, or give a writable log file")),
    14: (said("log:file:16", "the log cannot be opened"), said("log:file:17", "check that the folder of the log file exists and can be written")),
    11: (said("log:file:18", "the log is damaged"), said("log:file:19", "restore it from a backup or give another log file")),
    26: (said("log:file:20", "the file is not an SQLite database"), _OTHER),
    5: (said("log:locked", "the log stayed locked by another program for {waited} s", waited="?"), said("log:file:21", "try again when the other program has finished")),
    6: (said("log:locked", "the log stayed locked by another program for {waited} s", waited="?"), said("log:file:22", "try again when the other program has finished")),
    23: (said("log:file:23", "access to the log is denied"), said("log:file:24", "check the permissions of the file and its folder")),
}


# what was left as it was, said with a refusal of the log
_OUTCOMES = {"nothing was changed": said("log:unchanged", "nothing was changed"),
             "nothing was recorded": said("log:unrecorded", "nothing was recorded")}


@contextmanager
def guard(path: Path, outcome: str) -> Iterator[None]:
    """SQLite and OS errors as one InputError naming the file, what happened and the fix."""
    import sqlite3

    began = time.monotonic()
    try:
        yield
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary == 10 and ("full" in str(exc).lower() or _disk_nearly_full(path)):
            primary = 13    # a failed write or -shm mapping on a full disk is reported as an I/O error
        if primary == 14 and folder_read_only(path):
            primary = 8
        message, fix = _MESSAGES.get(primary or -1, (said("log:cannot-use", "the log cannot be used: {why}", why=str(exc)),
                                                     said("log:another", "give another log file")))
        if primary in (5, 6):
            # the time really waited: "locked for 30 s" only when it was (SQLite answers some
            # busy states at once, without waiting; those are a fault of ours to report as such)
            waited = time.monotonic() - began
            message = said("log:locked", "the log stayed locked by another program for {waited} s",
                           waited=f"{waited:.0f}") if waited >= 1 else \
                said("log:busy-at-once", "SQLite answered at once that the log was busy ({why}), without waiting for it",
                     why=str(exc))
            if waited < 1:
                fix = said("log:busy-fix", "try again; if it recurs, report it (a wait for the lock was skipped)")
        raise _error(path, said("log:outcome", "{message}; {outcome}", message=message, outcome=_OUTCOMES.get(outcome, outcome)),
                     fix) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _error(path, said("log:outcome", "{message}; {outcome}", message=_MESSAGES[13][0],
                                    outcome=_OUTCOMES.get(outcome, outcome)), _MESSAGES[13][1]) from None
        raise _path_error(path, exc) from None


def folder_read_only(path: Path) -> bool:
    """The log's folder is on a read-only file system or cannot be written by this user."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return True
    except (OSError, AttributeError):
        pass
    return not os.access(folder, os.W_OK)


def _disk_nearly_full(path: Path) -> bool:
    try:
        info = os.statvfs(path.parent if str(path.parent) else ".")
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def _rollback(conn: Any) -> None:
    """Roll back if a transaction is still open: SQLite ends one itself on SQLITE_FULL."""
    import sqlite3

    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # the original error is the one to report; the connection is closed next
