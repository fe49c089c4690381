"""The inter-process lock on ``PATH.lock``.

On POSIX this is flock(2) on the lock file: the very lock the ``filelock`` package's
UnixFileLock takes, so the two interoperate, but without importing ``filelock``, which
costs ~20-40 ms of start-up (logging, secrets, urllib...) that `collab add` cannot afford.
Elsewhere (Windows) the ``filelock`` package does the work.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL = 0.02


class LockTimeout(Exception):
    """The lock was not obtained in time."""


class FileLock:
    """A re-entrant (per instance) exclusive lock on a file, with a timeout."""

    def __init__(self, path: Path | str, timeout: float) -> None:
        self.path = str(path)
        self.timeout = timeout
        self._depth = 0
        self._fd: int | None = None
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
        assert self._fd is not None
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def _flock(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(self.path) from None
                time.sleep(POLL)
            except BaseException:
                os.close(fd)
                raise
