"""Store errors. Every message names the file and is fit to show a user as is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from collab_tui.words import t


class StoreError(Exception):
    """Base class of everything the store raises on purpose."""


class StoreCorrupt(StoreError):
    """A data file does not parse or has the wrong shape. It is never overwritten."""

    def __init__(self, path: Path, backup: Path | None, reason: str = "") -> None:
        self.path = Path(path)
        self.backup = backup
        self.reason = reason
        damaged = (
            t("error.store.damaged.why", path=self.path, reason=reason)
            if reason
            else t("error.store.damaged", path=self.path)
        )
        super().__init__(damaged + " " + restore_hint(self.path, backup))


def restore_hint(path: Path, backup: Path | None) -> str:
    """Name the newest verified backup and the command that restores it."""
    if backup is None:
        return t("error.store.no_backup")
    import shlex

    data = _hot_path_of(Path(path))
    command = f"collab --db {shlex.quote(str(data))} restore {shlex.quote(Path(backup).name)}"
    return t("error.store.backup_hint", backup=backup, command=command)


def _hot_path_of(path: Path) -> Path:
    """The data file a file of the layout belongs to (a history segment names its folder)."""
    if path.parent.name.endswith(".history"):
        return path.parent.with_name(path.parent.name.removesuffix(".history") + ".json")
    return path


class StorePathError(StoreError):
    """The data path, or a file the store keeps beside it, is not something it may use."""

    def __init__(self, path: Path, reason: str, key: str = "error.store.path") -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(t(key, path=self.path, reason=reason))


class StoreReadOnly(StorePathError):
    """The data can be read but not saved: its folder, file or lock file is read-only."""

    def __init__(self, path: Path, reason: str, readable: bool = True) -> None:
        key = "error.store.read_only" if readable else "error.store.read_only.old"
        super().__init__(path, reason, key)


class StoreTooNew(StoreError):
    """The file was written by a newer collab-tui (a schema version we do not know)."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = Path(path)
        self.version = version
        super().__init__(t("error.store.too_new", path=self.path, version=version))


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
            message = t("error.store.not_saved", path=self.path, reason=reason)
        elif journal is not None:
            message = t(
                "error.store.saved_in_journal", path=self.path, reason=reason, journal=journal
            )
        else:
            message = t("error.store.saved_unconfirmed", path=self.path, reason=reason)
        super().__init__(message)


class UnfinishedSave(StoreWriteError):
    """An earlier save waits in the journal and could not be completed now.

    Nothing is read or changed until it is: the files may hold only part of it.
    """

    def __init__(self, path: Path, cause: BaseException, journal: Path) -> None:
        super().__init__(path, cause, saved=False, journal=journal)
        reason = getattr(cause, "strerror", None) or str(cause)
        Exception.__init__(
            self, t("error.store.unfinished", path=self.path, journal=journal, reason=reason)
        )


class JournalDamaged(StoreCorrupt):
    """The journal of an unfinished save does not verify: we will not guess at it."""

    def __init__(self, path: Path, backup: Path | None, reason: str) -> None:
        super().__init__(path, backup, reason)
        key = "error.store.journal_damaged" if backup else "error.store.journal_damaged.no_backup"
        Exception.__init__(self, t(key, path=self.path, reason=reason, backup=backup))


class StoreLocked(StoreError):
    """Another process kept the file locked for too long."""

    def __init__(self, path: Path, waited: float = 0.0) -> None:
        self.path = Path(path)
        super().__init__(t("error.store.locked", path=self.path, waited=f"{waited:g}"))


class ConflictError(StoreError):
    """The record was changed or deleted by someone else since it was read."""

    def __init__(self, record: Any, path: Path | None = None, current: Any = None) -> None:
        self.record = record
        self.path = path
        self.current = current  # the stored version now (None if deleted), to show the diff
        kind = t(f"record.{type(record).__name__.lower()}").capitalize()
        if path:
            message = t("error.store.conflict.in", kind=kind, id=record.id, path=path)
        else:
            message = t("error.store.conflict", kind=kind, id=record.id)
        super().__init__(message)


class RecordInvalid(ValueError):
    """A record (or the settings) breaks the format's rules or limits; it was not saved.

    A ValueError, not a StoreError: the input is at fault, not the data file.
    """

    def __init__(self, what: str, problems: list[Any]) -> None:
        self.what = what
        self.problems = problems
        detail = t("problem.sep").join(str(p) for p in problems)
        super().__init__(t("error.store.invalid", what=what, problems=detail))
