"""Store errors. Every message names the file and is fit to show a user as is."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StoreError(Exception):
    """Base class of everything the store raises on purpose."""


class StoreCorrupt(StoreError):
    """A data file does not parse or has the wrong shape. It is never overwritten."""

    def __init__(self, path: Path, backup: Path | None, reason: str = "") -> None:
        self.path = Path(path)
        self.backup = backup
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        hint = f"The newest good backup is {backup}." if backup else "No good backup was found."
        super().__init__(
            f"The data file {self.path} is damaged{detail}. It was left untouched. {hint}"
        )


class StoreTooNew(StoreError):
    """The file was written by a newer collab-tui (a schema version we do not know)."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = Path(path)
        self.version = version
        super().__init__(
            f"The data file {self.path} has schema version {version}, which is newer than "
            "this collab-tui understands. Upgrade collab-tui to open it."
        )


class StoreWriteError(StoreError):
    """Saving failed (disk full, I/O error...). The previous file is left as it was."""

    def __init__(self, path: Path, cause: BaseException) -> None:
        self.path = Path(path)
        self.cause = cause
        reason = getattr(cause, "strerror", None) or str(cause)
        super().__init__(
            f"Could not save {self.path}: {reason}. Nothing was changed; "
            "the previous data is intact."
        )


class StoreLocked(StoreError):
    """Another process kept the file locked for too long."""

    def __init__(self, path: Path, waited: float = 0.0) -> None:
        self.path = Path(path)
        super().__init__(
            f"The data file {self.path} is busy: another collab process has held its lock "
            f"for more than {waited:g} s. Try again in a moment."
        )


class ConflictError(StoreError):
    """The record was changed or deleted by someone else since it was read."""

    def __init__(self, record: Any, path: Path | None = None) -> None:
        self.record = record
        self.path = path
        kind = type(record).__name__.lower()
        where = f" in {path}" if path else ""
        super().__init__(
            f"{kind.capitalize()} {record.id} was changed or deleted by another process"
            f"{where} since it was read. Reload it and try again."
        )


class RecordInvalid(ValueError):
    """A record (or the settings) breaks the format's rules or limits; it was not saved.

    A ValueError, not a StoreError: the input is at fault, not the data file.
    """

    def __init__(self, what: str, problems: list[Any]) -> None:
        self.what = what
        self.problems = problems
        detail = "; ".join(str(p) for p in problems)
        super().__init__(f"{what} was not saved: {detail}. Nothing was changed.")
