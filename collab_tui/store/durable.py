"""Atomic, durable file replacement and cheap change detection.

A file is never modified in place: new bytes go to a temp file in the same directory,
are flushed and fsynced, then renamed over the old name, and the directory is fsynced.
A crash leaves either the old or the new file, never a torn one. (Backups copy live
files, never link them: see backups.py.)
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"

Signature = tuple[int, int, int] | None


class Syscalls:
    """The system calls a save makes, in one place.

    Tests replace ``durable.syscalls`` with a wrapper to fail any one call (fault injection);
    each method looks ``os`` up at call time, so patching ``os.fsync`` works as well.
    """

    def open(self, path: Path | str, flags: int, mode: int = 0o777) -> int:
        return os.open(path, flags, mode)

    def write(self, fd: int, data: memoryview) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def replace(self, src: Path | str, dst: Path | str) -> None:
        os.replace(src, dst)

    def unlink(self, path: Path | str) -> None:
        os.unlink(path)


syscalls = Syscalls()


def ensure_dir(directory: Path) -> None:
    """Create ``directory`` and every missing parent 0700, whatever the umask.

    Existing directories keep their mode. (``mkdir(parents=True)`` would create the
    parents with the umask's mode, 0777 under umask 000, and mkdir's own mode is masked.)
    """
    if directory.is_dir():
        return
    missing: list[Path] = []
    current = directory
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:  # another process made it meanwhile
            if not folder.is_dir():
                raise
            continue
        os.chmod(folder, DIR_MODE)  # never wider than 0700; the umask may have narrowed it
    if not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(directory))


def signature(path: Path) -> Signature:
    """A cheap fingerprint of a file's current version; None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def temp_name(path: Path) -> Path:
    # Hidden, unique, and recognisable so leftovers of a killed process can be swept.
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")


def write_atomic(
    path: Path, data: bytes | Iterable[bytes], sync_dir: bool = True, mode: int | None = FILE_MODE
) -> None:
    """Replace ``path`` with ``data`` atomically and durably (mode 0600).

    ``data`` may come in pieces (an iterable of bytes), written as they come; an
    exception while making them leaves the previous file untouched, like a failed write.

    Raises OSError on failure; if it was raised before the rename, the previous file is
    untouched and no temp file remains. Only a failing directory fsync (``sync_dir``,
    after the rename) leaves the new file in place; callers that must tell the two apart
    pass ``sync_dir=False`` and call ``fsync_dir`` themselves.

    ``mode=None`` is for files the user asked for (exports, reports): a replaced file
    keeps its mode, a new one gets the usual 0666 less the umask, and a symlink is
    followed (the file it points at is replaced, not the link).
    """
    if mode is None:
        path, mode = _user_file(path)
    tmp = temp_name(path)
    fd = syscalls.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            if mode != FILE_MODE:
                os.fchmod(fd, mode)
            for chunk in (data,) if isinstance(data, bytes) else data:
                view = memoryview(chunk)
                while view:
                    written = syscalls.write(fd, view)
                    view = view[written:]
            syscalls.fsync(fd)
        finally:
            syscalls.close(fd)
        syscalls.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            syscalls.unlink(tmp)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def _user_file(path: Path) -> tuple[Path, int]:
    """The file to replace and the mode it should have (see ``write_atomic``)."""
    if path.is_symlink():
        path = path.resolve()
    try:
        return path, path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return path, 0o666 & ~umask


def fsync_dir(directory: Path) -> None:
    """Make a rename or removal in ``directory`` durable."""
    fd = syscalls.open(directory, os.O_RDONLY)
    try:
        syscalls.fsync(fd)
    finally:
        syscalls.close(fd)


def remove(path: Path) -> None:
    """Delete ``path`` if it exists (the caller fsyncs the directory)."""
    with contextlib.suppress(FileNotFoundError):
        syscalls.unlink(path)


def remove_stale_temps(directory: Path, prefix: str = "") -> None:
    """Delete temp files left by a killed writer (``.PREFIX*.tmp``). Only under the lock.

    The prefix keeps us from touching other programs' files in a shared directory.
    """
    if not directory.is_dir():
        return
    # The names compared as text, not as a glob pattern: compiling one cost every command
    # ~0.3 ms, and a data file named with [ or * must not become a pattern.
    start = f".{prefix}"
    shortest = len(start) + len(TEMP_SUFFIX)
    leftovers = [
        name
        for name in os.listdir(directory)
        if name.startswith(start) and name.endswith(TEMP_SUFFIX) and len(name) >= shortest
    ]
    for name in leftovers:
        with contextlib.suppress(OSError):
            os.unlink(directory / name)
