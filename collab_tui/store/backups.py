"""Rotating snapshots of the data files in ``<stem>.backups/<timestamp>/``.

A snapshot holds the hot file and the history segments. Files are hardlinked when
possible: safe because the store only ever replaces files, never writes into them.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from . import durable
from .storage import ParseError, load_file

KEEP = 10


def backups_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}.backups")


def history_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}.history")


def _snapshots(path: Path) -> list[Path]:
    """Snapshot directories, oldest first (names are sortable timestamps)."""
    root = backups_dir(path)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        import shutil

        shutil.copy2(src, dst)
        os.chmod(dst, durable.FILE_MODE)


def snapshot(path: Path) -> Path | None:
    """Snapshot the hot file and its history now; keep the newest KEEP. None if no file."""
    if not path.exists():
        return None
    root = backups_dir(path)
    durable.ensure_dir(root)
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S.%f")
    # Build in a hidden directory and rename, so a half-made snapshot is never listed.
    work = root / f".{stamp}"
    work.mkdir(mode=durable.DIR_MODE)
    _link_or_copy(path, work / path.name)
    history = history_dir(path)
    if history.is_dir():
        (work / history.name).mkdir(mode=durable.DIR_MODE)
        for segment in history.glob("*.json"):
            _link_or_copy(segment, work / history.name / segment.name)
    target = root / stamp
    os.rename(work, target)
    prune(path)
    return target


def prune(path: Path, keep: int = KEEP) -> None:
    import shutil

    snapshots = _snapshots(path)
    for old in snapshots[: max(0, len(snapshots) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def has_snapshot_today(path: Path) -> bool:
    today = datetime.now().strftime("%Y-%m-%d")
    return any(p.name.startswith(today) for p in _snapshots(path))


def newest_good_backup(path: Path) -> Path | None:
    """The newest snapshot directory whose copy of the hot file parses, or None."""
    for snap in reversed(_snapshots(path)):
        with contextlib.suppress(ParseError, OSError):
            if load_file(snap / path.name) is not None:
                return snap
    return None
