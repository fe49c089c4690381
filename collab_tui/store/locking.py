"""The inter-process lock on ``PATH.lock``.

On POSIX this is flock(2) on the lock file: the very lock the ``filelock`` package's
UnixFileLock takes, so the two interoperate, but without importing ``filelock``, which
costs ~20-40 ms of start-up (logging, secrets, urllib...) that `collab add` cannot afford.
Elsewhere (Windows) the ``filelock`` package does the work.

The lock file is opened with O_NOFOLLOW: a symlink planted at its name is refused, never
followed. In a read-only location (the lock file cannot be created or opened for writing)
the lock falls back to a shared lock on an existing lock file, or to none: the data can
still be read, and ``exclusive`` is False so the store refuses to write.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL = 0.02
READ_ONLY_ERRORS = (errno.EACCES, errno.EPERM, errno.EROFS)


class LockTimeout(Exception):
    """The lock was not obtained in time."""


class FileLock:
    """A re-entrant (per instance) exclusive lock on a file, with a timeout."""

    def __init__(self, path: Path | str, timeout: float) -> None:
        self.path = str(path)
        self.timeout = timeout
        self._depth = 0
        self._fd: int | None = None
        self.exclusive = True  # False: read-only location, a shared lock or none was taken
        self._fallback = None
        if fcntl is None:  # pragma: no cover - Windows
            import filelock

            self._fallback = filelock.FileLock(self.path, timeout=timeout, thread_local=False)

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        if self._fallback is not None:  # pragma: no cover - Windows
            import filelock

            try:
                self._fallback.acquire()
            except filelock.Timeout:
                raise LockTimeout(self.path) from None
        else:
            self._fd = self._flock()
        self._depth = 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth:
            return
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            return
        if self._fd is None:  # read-only location without a lock file: nothing was locked
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def _open(self) -> tuple[int | None, int]:
        """The lock file's descriptor (None: none can be opened) and the lock to take."""
        nofollow = os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | nofollow, 0o600)
            self.exclusive = True
            mode = fcntl.LOCK_EX
        except OSError as exc:
            if exc.errno not in READ_ONLY_ERRORS:
                raise
            self.exclusive = False
            try:
                fd = os.open(self.path, os.O_RDONLY | nofollow)
            except OSError as inner:
                if inner.errno != errno.ENOENT and inner.errno not in READ_ONLY_ERRORS:
                    raise
                return None, fcntl.LOCK_SH
            mode = fcntl.LOCK_SH
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, "the lock file is not a regular file", self.path)
        return fd, mode

    def _flock(self) -> int | None:
        fd, mode = self._open()
        if fd is None:
            return None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(self.path) from None
                time.sleep(POLL)
            except BaseException:
                os.close(fd)
                raise
