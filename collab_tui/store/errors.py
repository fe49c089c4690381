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
        super().__init__(
            f"The data file {self.path} is damaged{detail}. It was left untouched. "
            + restore_hint(self.path, backup)
        )


def restore_hint(path: Path, backup: Path | None) -> str:
    """Name the newest verified backup and the command that restores it."""
    if backup is None:
        return "No good backup was found (none verifies)."
    import shlex

    data = _hot_path_of(Path(path))
    command = f"collab --db {shlex.quote(str(data))} restore {shlex.quote(Path(backup).name)}"
    return (
        f"The newest good backup (every file verified) is {backup}. Restore it with: "
        f"{command} (the current files are moved aside, not deleted)."
    )


def _hot_path_of(path: Path) -> Path:
    """The data file a file of the layout belongs to (a history segment names its folder)."""
    if path.parent.name.endswith(".history"):
        return path.parent.with_name(path.parent.name.removesuffix(".history") + ".json")
    return path


class StorePathError(StoreError):
    """The data path, or a file the store keeps beside it, is not something it may use."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Cannot use {self.path}: {reason}. Nothing was changed.")


class StoreReadOnly(StoreError):
    """The data can be read but not saved: its folder, file or lock file is read-only."""

    def __init__(self, path: Path, reason: str, readable: bool = True) -> None:
        self.path = Path(path)
        self.reason = reason
        after = (
            "the data can still be read."
            if readable
            else "the file is from an older collab-tui and must be converted before it "
            "can be read: make the location writable, or open a copy of it elsewhere."
        )
        super().__init__(
            f"Cannot save {self.path}: the location is read-only ({reason}). "
            f"Nothing was changed; {after}"
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
    """Saving failed (disk full, I/O error...). ``saved`` says whether the change is on disk.

    ``saved`` False: nothing was changed on disk; the previous data is intact and a retry
    is safe. ``saved`` True: the change is made (in the files, or recorded in the journal
    ``journal`` and finished the next time the data is opened); it must not be repeated.
    """

    def __init__(
        self,
        path: Path,
        cause: BaseException,
        saved: bool = False,
        journal: Path | None = None,
    ) -> None:
        self.path = Path(path)
        self.cause = cause
        self.saved = saved
        self.journal = journal
        reason = getattr(cause, "strerror", None) or str(cause)
        if not saved:
            message = (
                f"Could not save {self.path}: {reason}. Nothing was changed; "
                "the previous data is intact."
            )
        elif journal is not None:
            message = (
                f"Could not finish saving {self.path}: {reason}. The change is saved (in "
                f"{journal}) and will be completed the next time the data is opened; "
                "do not make it again."
            )
        else:
            message = (
                f"The change was saved to {self.path}, but the disk reported an error while "
                f"confirming it ({reason}); do not make it again. It could still be lost if "
                "the computer loses power before the disk recovers."
            )
        super().__init__(message)


class UnfinishedSave(StoreWriteError):
    """An earlier save waits in the journal and could not be completed now.

    Nothing is read or changed until it is: the files may hold only part of it.
    """

    def __init__(self, path: Path, cause: BaseException, journal: Path) -> None:
        super().__init__(path, cause, saved=False, journal=journal)
        reason = getattr(cause, "strerror", None) or str(cause)
        Exception.__init__(
            self,
            f"Could not complete an earlier save to {self.path}, kept in {journal}: {reason}. "
            "That save is not lost: it will be completed once this is fixed. Nothing else "
            "was changed; try again then.",
        )


class JournalDamaged(StoreCorrupt):
    """The journal of an unfinished save does not verify: we will not guess at it."""

    def __init__(self, path: Path, backup: Path | None, reason: str) -> None:
        super().__init__(path, backup, reason)
        hint = f"the newest good backup ({backup})" if backup else "a backup"
        Exception.__init__(
            self,
            f"The journal {self.path} of an unfinished save is damaged ({reason}). The save "
            "it records may be only partly in the data files, so collab will not guess; "
            f"nothing was changed. Restore {hint}, or move the journal aside to use the "
            "data files as they are.",
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

    def __init__(self, record: Any, path: Path | None = None, current: Any = None) -> None:
        self.record = record
        self.path = path
        self.current = current  # the stored version now (None if deleted), to show the diff
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
