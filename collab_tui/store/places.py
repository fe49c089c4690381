"""Checks on the data path and the files kept beside it, as a careful Unix tool makes them.

- A symlinked data file is resolved once, at open: every write goes to its target, and the
  history, backups, lock and journal sit beside the target. The link itself is never
  replaced, so it keeps pointing at the file that receives every update.
- Folders, devices, FIFOs and sockets are refused as data files, before anything is
  created (not even the lock file).
- The lock, journal, history, backups and moved-aside folders beside the data file are
  never followed if they are symlinks: a planted link would redirect our writes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..words import t
from .errors import StorePathError

WIDE_OPEN = stat.S_IWGRP | stat.S_IWOTH


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


def journal_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.journal")


def damaged_dir(path: Path) -> Path:
    """Where ``collab restore`` moves the files it replaces (never deleting them)."""
    return path.with_name(f"{path.stem}.damaged")


def data_path(path: Path) -> Path:
    """The file to read and write for ``path``: a symlink's target. Refuses non-files."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise StorePathError(path, t("error.path.dangling_link", target=target))
        path = target
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise StorePathError(path, t("error.path.parent_not_folder", parent=parent)) from None
        return path
    except NotADirectoryError:
        raise StorePathError(path, t("error.path.part_not_folder")) from None
    if not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise StorePathError(path, t("error.path.is_folder", kind=_kind(mode)))
        raise StorePathError(path, t("error.path.not_a_file", kind=_kind(mode)))
    return path


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return t("error.path.kind.folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("error.path.kind.device")
    if stat.S_ISFIFO(mode):
        return t("error.path.kind.fifo")
    if stat.S_ISSOCK(mode):
        return t("error.path.kind.socket")
    return t("error.path.kind.other")


def check_companions(path: Path, history: Path, backups: Path) -> None:
    """Refuse symlinks (and wrong kinds) where the store keeps its own files and folders."""
    files = (lock_path(path), journal_path(path))
    folders = (history, backups, damaged_dir(path))
    for companion in (*files, *folders):
        try:
            mode = os.lstat(companion).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode):
            raise _link_error(companion)
        expected = stat.S_ISREG if companion in files else stat.S_ISDIR
        if not expected(mode):
            key = "error.path.companion_file" if companion in files else "error.path.companion_dir"
            raise StorePathError(companion, t(key, kind=_kind(mode)))
    if history.is_dir():
        with os.scandir(history) as entries:
            for entry in entries:
                if entry.name.endswith(".json") and entry.is_symlink():
                    raise _link_error(Path(entry.path))


def _link_error(link: Path) -> StorePathError:
    return StorePathError(link, t("error.path.link", target=os.readlink(link)))


def folder_warning(folder: Path) -> str | None:
    """A warning if the data folder is writable by other users, else None."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return None
    if not mode & WIDE_OPEN:
        return None
    return t("warning.folder_open", folder=folder, mode=f"{stat.S_IMODE(mode):o}")


def read_only_reason(path: Path, lock_exclusive: bool) -> str | None:
    """Why nothing can be saved at ``path`` (None: it can). Cheap: two access(2) calls."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return t("error.path.folder_read_only", folder=path.parent)
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return t("error.path.file_read_only", path=path)
    if not lock_exclusive:
        return t("error.path.lock_read_only", path=lock_path(path))
    return None
