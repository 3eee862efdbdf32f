"""Reading input files safely: regular files only, never blocking, never unbounded; and
writing ours whole, never through a planted file.

A named pipe, a device (``/dev/zero``) or a directory given where a data file is
expected would block or never end; each is refused before a byte is read. The file is
opened with ``O_NONBLOCK`` and checked again on the open descriptor, so a file swapped
for a pipe between the two checks cannot block either.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from obligations.base.errors import DataFileError, Number, Said, said

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


def _refuse(path: Path, mode: int, fix: Said) -> DataFileError:
    return DataFileError(said("file:not-regular", "is {kind}, not a regular file", kind=kind_said(mode)),
                         file=str(path), fix=fix)


def kind_said(mode: int) -> Said | str:
    """``kind_of`` to be said in the reader's language."""
    return _KIND_WORDS.get(kind_of(mode), kind_of(mode))


_KIND_WORDS = {"a directory": said("file:kind:directory", "a directory"),
               "a named pipe": said("file:kind:pipe", "a named pipe"),
               "a character device": said("file:kind:char", "a character device"),
               "a block device": said("file:kind:block", "a block device"), "a socket": said("file:kind:socket", "a socket"),
               "not a regular file": said("file:kind:other", "not a regular file")}
_CHECK_PATH = said("file:check-path", "check the path and its permissions")


def read_regular_file(path: Path, limit: int, *, fix: Said | None = None) -> bytes:
    """The bytes of ``path``, if it is a regular file of at most ``limit`` bytes."""
    fix = fix or said("file:give-regular", "give the path of a regular file")
    try:
        before = os.stat(path)
    except (OSError, ValueError) as exc:
        raise DataFileError(said("file:cannot-read", "cannot read the file: {why}", why=_reason(exc)), file=str(path),
                            fix=_CHECK_PATH) from None
    if not stat.S_ISREG(before.st_mode):
        raise _refuse(path, before.st_mode, fix)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataFileError(said("file:cannot-read", "cannot read the file: {why}", why=_reason(exc)), file=str(path),
                            fix=_CHECK_PATH) from None
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
        raise DataFileError(said("file:cannot-read", "cannot read the file: {why}", why=_reason(exc)), file=str(path),
                            fix=_CHECK_PATH) from None
    finally:
        os.close(fd)
    if total > limit:  # the file grew while being read
        raise too_large(path, total, limit)
    return b"".join(chunks)


def too_large(path: Path, size: int, limit: int) -> DataFileError:
    return DataFileError(said("file:too-big", "the file is {size} bytes, more than the limit of {mib} MiB",
                              size=Number(size), mib=limit // MIB),
                         file=str(path), fix=said("file:too-big-fix", "split it into files of at most {mib} MiB",
                                                  mib=limit // MIB))


# the system's words for the commonest failures (its strerror, English), to be said in the reader's language
_ERRNO = {errno.ENOENT: said("os:enoent", "No such file or directory"),
          errno.EACCES: said("os:eacces", "Permission denied"), errno.EPERM: said("os:eperm", "Operation not permitted"),
          errno.EISDIR: said("os:eisdir", "Is a directory"), errno.ENOTDIR: said("os:enotdir", "Not a directory"),
          errno.ELOOP: said("os:eloop", "Too many levels of symbolic links"),
          errno.ENAMETOOLONG: said("os:enametoolong", "File name too long"),
          errno.ENOSPC: said("os:enospc", "No space left on device"),
          errno.EROFS: said("os:erofs", "Read-only file system"),
          errno.EADDRINUSE: said("os:eaddrinuse", "Address already in use"),
          errno.EADDRNOTAVAIL: said("os:eaddrnotavail", "Cannot assign requested address")}


def os_reason(exc: BaseException) -> str | Said:
    """Why a system call failed, as the system says it (its words said again in another
    language for the commonest failures)."""
    if isinstance(exc, OSError):
        known = _ERRNO.get(exc.errno or 0)
        if known is not None and exc.strerror == str(known):
            return known
        return exc.strerror or type(exc).__name__
    return str(exc)


_reason = os_reason


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
