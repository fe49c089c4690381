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
            raise StorePathError(
                path,
                f"it is a symbolic link to {target}, which does not exist "
                f"(create that file, e.g. `touch {target}`, to start a new data file there)",
            )
        path = target
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise StorePathError(path, f"{parent} is not a folder") from None
        return path
    except NotADirectoryError:
        raise StorePathError(path, "a part of the path is not a folder") from None
    if not stat.S_ISREG(mode):
        hint = " (give a file name inside it, e.g. collab.json)" if stat.S_ISDIR(mode) else ""
        raise StorePathError(path, f"it is {_kind(mode)}, not a data file{hint}")
    return path


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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
            kind = "a regular file" if companion in files else "a folder"
            raise StorePathError(companion, f"collab keeps {kind} there, but it is {_kind(mode)}")
    if history.is_dir():
        with os.scandir(history) as entries:
            for entry in entries:
                if entry.name.endswith(".json") and entry.is_symlink():
                    raise _link_error(Path(entry.path))


def _link_error(link: Path) -> StorePathError:
    return StorePathError(
        link,
        f"it is a symbolic link (to {os.readlink(link)}), and collab never follows links "
        "beside its data file; remove the link",
    )


def folder_warning(folder: Path) -> str | None:
    """A warning if the data folder is writable by other users, else None."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return None
    if not mode & WIDE_OPEN:
        return None
    return (
        f"the data folder {folder} is writable by other users (mode {stat.S_IMODE(mode):o}): "
        f"they could replace or plant files beside your data. Make it private with: "
        f"chmod 700 {folder}"
    )


def read_only_reason(path: Path, lock_exclusive: bool) -> str | None:
    """Why nothing can be saved at ``path`` (None: it can). Cheap: two access(2) calls."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"the folder {path.parent} is not writable"
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return f"the file {path} is not writable"
    if not lock_exclusive:
        return f"its lock file {lock_path(path)} cannot be opened for writing"
    return None
