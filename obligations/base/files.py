"""Reading input files safely: regular files only, never blocking, never unbounded; and
writing ours whole, never through a planted file.

A named pipe, a device (``/dev/zero``) or a directory given where a data file is
expected would block or never end; each is refused before a byte is read. The file is
opened with ``O_NONBLOCK`` and checked again on the open descriptor, so a file swapped
for a pipe between the two checks cannot block either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from obligations.base.errors import DataFileError

MIB = 1024 * 1024
# The largest rule, hierarchy or calendar file read: a national hierarchy of ~12 000 units
# is about 2 MB of TOML, so 4 MiB leaves room and still bounds memory and time.
TOML_LIMIT = 4 * MIB


def kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _refuse(path: Path, mode: int, fix: str) -> DataFileError:
    return DataFileError(f"is {kind_of(mode)}, not a regular file", file=str(path), fix=fix)


def read_regular_file(path: Path, limit: int, *, fix: str = "give the path of a regular file") -> bytes:
    """The bytes of ``path``, if it is a regular file of at most ``limit`` bytes."""
    try:
        before = os.stat(path)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read the file: {_reason(exc)}", file=str(path),
                            fix="check the path and its permissions") from None
    if not stat.S_ISREG(before.st_mode):
        raise _refuse(path, before.st_mode, fix)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataFileError(f"cannot read the file: {_reason(exc)}", file=str(path),
                            fix="check the path and its permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, info.st_mode, fix)
        if info.st_size > limit:
            raise too_large(path, info.st_size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise DataFileError(f"cannot read the file: {_reason(exc)}", file=str(path),
                            fix="check the path and its permissions") from None
    finally:
        os.close(fd)
    if total > limit:  # the file grew while being read
        raise too_large(path, total, limit)
    return b"".join(chunks)


def too_large(path: Path, size: int, limit: int) -> DataFileError:
    return DataFileError(f"the file is {size:,} bytes, more than the limit of {limit // MIB} MiB",
                         file=str(path), fix=f"split it into files of at most {limit // MIB} MiB")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc)


def write_replacing(path: Path, data: bytes, mode: int = 0o666) -> None:
    """``data`` into a new temporary file beside ``path``, then moved over it: a reader never
    sees half a file. The temporary file is created with ``O_EXCL | O_NOFOLLOW``, so a file or
    link planted under its name (the name is predictable) is never written through: the
    ``OSError`` reaches the caller. ``mode`` is narrowed by the umask as usual."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()       # ours: created above with O_EXCL
        except OSError:
            pass
        raise
