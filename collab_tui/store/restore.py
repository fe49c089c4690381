"""``collab restore``: put a verified snapshot back in place of the live files.

Recovery never guesses and never deletes: the snapshot is verified (every file against
its manifest, and parsed) before anything moves; the current files (data file, history
folder, journal) are moved aside into ``<stem>.damaged/<stamp>/``; then copies of the
snapshot's files take their place (copies, so the live files never share an inode with a
backup). It all happens under the store's lock.

A crash midway leaves the data file missing beside backups, which the store refuses to
open (it never starts afresh there), naming the backup: running the restore again
finishes the job.
"""

from __future__ import annotations

import os
from dataclasses import field
from datetime import datetime
from pathlib import Path

from ..records import record_class
from ..words import t
from . import backups, durable, locking, places
from .errors import StoreError, StoreLocked, StorePathError, StoreReadOnly, StoreWriteError

LOCK_TIMEOUT = 10.0


class RestoreError(StoreError):
    """The snapshot asked for does not exist or does not verify; nothing was changed."""


@record_class
class Restored:
    """What a restore did (or, for a dry run, would do)."""

    path: Path  # the data file
    snapshot: Path
    files: list[str]  # names inside the snapshot that were put in place
    moved_aside: Path | None = None  # the folder the previous files went to
    moved: list[str] = field(default_factory=list)  # names of the files moved there
    dry_run: bool = False


def data_path(path: Path) -> Path:
    """The data file for ``path`` (a symlink resolved), after the same checks as the store."""
    path = places.data_path(Path(path).expanduser())
    places.check_companions(path, backups.history_dir(path), backups.backups_dir(path))
    return path


def list_snapshots(path: Path) -> list[backups.Verdict]:
    """Every snapshot of ``path`` with its verdict, newest first."""
    path = data_path(path)
    if not path.parent.is_dir():
        return []
    with _locked(path, write=False):
        return backups.verify_all(path)


def restore(path: Path, name: str | None = None, dry_run: bool = False) -> Restored:
    """Restore the snapshot ``name`` (default: the newest that verifies) of ``path``."""
    path = data_path(path)
    if not path.parent.is_dir():
        raise RestoreError(t("error.restore.no_backups", path=path))
    with _locked(path, write=not dry_run):
        verdict = _chosen(path, name)
        plan = Restored(path, verdict.snapshot, verdict.files, dry_run=dry_run)
        live = [p for p in _live_paths(path) if os.path.lexists(p)]
        plan.moved = [p.name for p in live]
        if live:
            stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S.%f")
            plan.moved_aside = places.damaged_dir(path) / stamp
        if not dry_run:
            _put_in_place(path, verdict, live, plan.moved_aside)
        return plan


def _live_paths(path: Path) -> list[Path]:
    return [path, backups.history_dir(path), places.journal_path(path)]


def _chosen(path: Path, name: str | None) -> backups.Verdict:
    found = backups.snapshots(path)
    if name is None:
        for verdict in backups.verify_all(path):
            if verdict.good:
                return verdict
        raise RestoreError(t("error.restore.none_verifies", path=path))
    wanted = Path(name).name  # a full path to the snapshot is fine too
    for snap in found:
        if snap.name == wanted:
            verdict = backups.verify(path, snap)
            if not verdict.good:
                problems = "; ".join(verdict.problems) or t("error.restore.empty")
                raise RestoreError(t("error.restore.bad", snapshot=snap, problems=problems))
            return verdict
    raise RestoreError(t("error.restore.no_such", name=wanted, folder=backups.backups_dir(path)))


def _put_in_place(
    path: Path, verdict: backups.Verdict, live: list[Path], aside: Path | None
) -> None:
    """Copy the snapshot beside the data file, move the live files aside, swap them in."""
    contents = _read_verified(path, verdict)
    history = backups.history_dir(path)
    segments = {n: data for n, data in contents.items() if n != path.name}
    staged = path.with_name(f".{history.name}.{os.urandom(6).hex()}.restore")
    moved_any = False
    try:
        if segments:
            staged.mkdir(mode=durable.DIR_MODE)
            for name, data in segments.items():
                durable.write_atomic(staged / name.partition("/")[2], data)
        if aside is not None:
            durable.ensure_dir(aside)
            for current in live:
                os.rename(current, aside / current.name)
                moved_any = True
            durable.fsync_dir(aside)
        if segments:
            os.rename(staged, history)
        durable.write_atomic(path, contents[path.name])  # fsyncs the folder: renames land
    except OSError as exc:
        import shutil

        shutil.rmtree(staged, ignore_errors=True)
        reason = exc.strerror or str(exc)
        if not moved_any:
            raise StoreWriteError(path, exc) from exc
        raise RestoreError(
            t("error.restore.midway", path=path, reason=reason, aside=aside)
        ) from exc


def _read_verified(path: Path, verdict: backups.Verdict) -> dict[str, bytes]:
    """Each file of the snapshot, checked again as it is read (nothing trusted twice)."""
    contents = {}
    for name in verdict.files:
        try:
            contents[name] = backups.read_verified(path, verdict.snapshot, name)
        except ValueError as exc:
            raise RestoreError(
                t("error.restore.changed", snapshot=verdict.snapshot, name=name, error=exc)
            ) from None
    return contents


class _locked:
    """The store's lock; for a write, refuse a read-only location before anything moves."""

    def __init__(self, path: Path, write: bool) -> None:
        self.path = path
        self.write = write
        self.lock = locking.FileLock(places.lock_path(path), timeout=LOCK_TIMEOUT)

    def __enter__(self) -> None:
        try:
            self.lock.acquire()
        except locking.LockTimeout:
            raise StoreLocked(self.path, LOCK_TIMEOUT) from None
        except OSError as exc:
            raise StorePathError(places.lock_path(self.path), exc.strerror or str(exc)) from None
        reason = places.read_only_reason(self.path, self.lock.exclusive)
        if self.write and reason:
            self.lock.release()
            raise StoreReadOnly(self.path, reason)

    def __exit__(self, *exc: object) -> None:
        self.lock.release()
