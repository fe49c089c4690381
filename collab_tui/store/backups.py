"""Rotating, verified snapshots of the data files in ``<stem>.backups/<timestamp>/``.

A snapshot holds a copy of the hot file and of every history segment, and a
``MANIFEST.json`` with each copy's sha256 and size, and the live file's stat signature
(inode, mtime_ns, size) when it was copied.

Snapshots never share an inode with a live file, so damage done in place to a live file
(a disk error, an editor writing into it) cannot reach them. A live file unchanged since
the previous snapshot (same signature as recorded there) is not copied again: the new
snapshot hard-links the previous snapshot's copy, after checking it still verifies.
That is safe because backup copies are never written after their snapshot is made, and
it keeps the daily snapshot's cost proportional to what changed, not to years of history.

A snapshot is good only if every file in it verifies: hash and size as in the manifest,
and it parses. Snapshots made before manifests existed are checked by parsing every file,
and only if none of their files is (hard-linked to) a live file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from ..records import record_class
from ..words import t
from . import durable
from .storage import ParseError, parse

KEEP = 10
MANIFEST = "MANIFEST.json"
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)  # 0 on Windows
MANIFEST_FORMAT = "collab-tui-backup"


def backups_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}.backups")


def history_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}.history")


def _is_real_dir(path: Path) -> bool:
    """A directory, and not a symlink to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _snapshots(path: Path) -> list[Path]:
    """Snapshot directories, oldest first (names are sortable timestamps)."""
    root = backups_dir(path)
    if not _is_real_dir(root):
        return []
    return sorted(p for p in root.iterdir() if not p.name.startswith(".") and _is_real_dir(p))


def snapshots(path: Path) -> list[Path]:
    """Every snapshot directory of the data file ``path``, oldest first."""
    return _snapshots(path)


def _live_files(path: Path) -> list[tuple[Path, str]]:
    """The live files to back up and their names inside a snapshot."""
    files = [(path, path.name)]
    history = history_dir(path)
    if _is_real_dir(history):
        files += [(s, f"{history.name}/{s.name}") for s in sorted(history.glob("*.json"))]
    return files


def _read_regular(path: Path) -> tuple[bytes, list[int]]:
    """A file's bytes and (ino, mtime_ns, size), never following a symlink."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks), [st.st_ino, st.st_mtime_ns, st.st_size]
    finally:
        os.close(fd)


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file (0600) inside a snapshot still being built, and fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, durable.FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_manifest(snap: Path) -> dict[str, Any] | None:
    """The manifest's file table, or None if the snapshot has none. Raises ValueError."""
    try:
        raw, _ = _read_regular(snap / MANIFEST)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(
            t("error.backup.manifest_unreadable", manifest=MANIFEST, reason=exc.strerror or exc)
        ) from None
    try:
        manifest = orjson.loads(raw)
        files = manifest["files"]
        if manifest.get("format") != MANIFEST_FORMAT or not isinstance(files, dict):
            raise ValueError
        for entry in files.values():
            if not (isinstance(entry["sha256"], str) and isinstance(entry["size"], int)):
                raise ValueError
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        raise ValueError(t("error.backup.manifest_damaged", manifest=MANIFEST)) from None
    return files


def snapshot(path: Path) -> Path | None:
    """Snapshot the hot file and its history now; keep the newest KEEP. None if no file.

    Called under the store's lock. Raises OSError on failure (then no snapshot is listed).
    """
    if not os.path.lexists(path):
        return None
    root = backups_dir(path)
    if os.path.islink(root):
        raise OSError(errno.ELOOP, "the backups folder is a symbolic link", str(root))
    durable.ensure_dir(root)
    _sweep_unfinished(root)
    previous = _previous(path)
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S.%f")
    # Build in a hidden directory and rename, so a half-made snapshot is never listed.
    work = root / f".{stamp}"
    work.mkdir(mode=durable.DIR_MODE)
    try:
        entries: dict[str, dict[str, Any]] = {}
        for live, name in _live_files(path):
            target = work / name
            if "/" in name and not target.parent.exists():
                target.parent.mkdir(mode=durable.DIR_MODE)
            entries[name] = _store_one(live, name, target, previous)
        manifest = {
            "format": MANIFEST_FORMAT,
            "version": 1,
            "created": datetime.now().astimezone().isoformat(),
            "data_file": path.name,
            "files": entries,
        }
        _write_new(work / MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        if (work / history_dir(path).name).is_dir():
            durable.fsync_dir(work / history_dir(path).name)
        durable.fsync_dir(work)
        target = root / stamp
        os.rename(work, target)
    except BaseException:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
        raise
    durable.fsync_dir(root)
    prune(path)
    return target


def _previous(path: Path) -> tuple[Path, dict[str, Any]] | None:
    """The newest snapshot with a readable manifest, to link unchanged copies from."""
    for snap in reversed(_snapshots(path)):
        with contextlib.suppress(ValueError):
            files = _read_manifest(snap)
            if files is not None:
                return snap, files
    return None


def _store_one(
    live: Path, name: str, target: Path, previous: tuple[Path, dict[str, Any]] | None
) -> dict[str, Any]:
    """Put one live file into the snapshot being built; its manifest entry."""
    st = os.lstat(live)
    signature = [st.st_ino, st.st_mtime_ns, st.st_size]
    if previous is not None:
        snap, files = previous
        entry: dict[str, Any] | None = files.get(name)
        if entry and entry.get("source") == signature and _copy_verifies(snap / name, entry):
            with contextlib.suppress(OSError):  # no hard links here: copy instead
                os.link(snap / name, target)  # a backup copy: never written in place
                return entry
    data, signature = _read_regular(live)
    _write_new(target, data)
    return {"sha256": _sha256(data), "size": len(data), "source": signature}


def _copy_verifies(copy: Path, entry: dict[str, Any]) -> bool:
    try:
        data, _ = _read_regular(copy)
    except OSError:
        return False
    size: int = entry["size"]
    return len(data) == size and _sha256(data) == entry["sha256"]


def _sweep_unfinished(root: Path) -> None:
    """Remove hidden work directories left by a snapshot that was killed (under the lock)."""
    import shutil

    for leftover in root.glob(".*"):
        if _is_real_dir(leftover):
            shutil.rmtree(leftover, ignore_errors=True)


def prune(path: Path, keep: int = KEEP) -> None:
    import shutil

    found = _snapshots(path)
    for old in found[: max(0, len(found) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def has_snapshot_today(path: Path) -> bool:
    today = datetime.now().strftime("%Y-%m-%d")
    return any(p.name.startswith(today) for p in _snapshots(path))


# --- verification -------------------------------------------------------------------------


@record_class
class Verdict:
    """What checking one snapshot found."""

    snapshot: Path
    files: list[str] = field(default_factory=list)  # names inside the snapshot
    problems: list[str] = field(default_factory=list)
    legacy: bool = False  # made before manifests: checked by parsing only

    @property
    def good(self) -> bool:
        return not self.problems and bool(self.files)


def _live_inodes(path: Path) -> set[tuple[int, int]]:
    inodes = set()
    for live, _ in _live_files(path):
        with contextlib.suppress(OSError):
            st = os.lstat(live)
            inodes.add((st.st_dev, st.st_ino))
    return inodes


def verify(path: Path, snap: Path, live_inodes: set[tuple[int, int]] | None = None) -> Verdict:
    """Check every file of one snapshot of the data file ``path``."""
    verdict = Verdict(snap)
    if live_inodes is None:
        live_inodes = _live_inodes(path)
    try:
        files = _read_manifest(snap)
    except ValueError as exc:
        verdict.problems.append(str(exc))
        return verdict
    if files is None:
        verdict.legacy = True
        snap_history = snap / history_dir(path).name
        names = [path.name]
        if _is_real_dir(snap_history):
            names += [f"{snap_history.name}/{s.name}" for s in sorted(snap_history.glob("*.json"))]
        files = {name: None for name in names}
    elif path.name not in files:
        verdict.problems.append(t("error.backup.unlisted_data", manifest=MANIFEST, name=path.name))
    history = history_dir(path).name
    if os.path.lexists(snap / history) and not _is_real_dir(snap / history):
        verdict.problems.append(t("error.backup.history_not_folder", path=history))
        return verdict
    for name, entry in files.items():
        verdict.files.append(name)
        if not _valid_name(path, name):
            verdict.problems.append(t("error.backup.bad_name.quoted", name=repr(name)))
            continue
        problem = _check_file(snap / name, entry, live_inodes)
        if problem:
            verdict.problems.append(t("error.backup.file", name=name, problem=problem))
    return verdict


def _valid_name(path: Path, name: str) -> bool:
    """The hot file's name, or ``<stem>.history/<segment>.json``: nothing outside."""
    if name == path.name:
        return True
    folder, _, segment = name.partition("/")
    return (
        folder == history_dir(path).name
        and segment.endswith(".json")
        and "/" not in segment
        and not segment.startswith(".")
    )


def _check_file(
    copy: Path, entry: dict[str, Any] | None, live_inodes: set[tuple[int, int]]
) -> str | None:
    """What is wrong with one file of a snapshot, or None."""
    try:
        _verified_bytes(copy, entry, live_inodes)
    except ValueError as exc:
        return str(exc)
    return None


def _verified_bytes(
    copy: Path, entry: dict[str, Any] | None, live_inodes: set[tuple[int, int]]
) -> bytes:
    """One file of a snapshot, read once and checked. Raises ValueError naming the problem."""
    try:
        st = os.lstat(copy)
        if (st.st_dev, st.st_ino) in live_inodes:
            raise ValueError(t("error.backup.shared_inode"))
        data, _ = _read_regular(copy)
    except FileNotFoundError:
        raise ValueError(t("error.backup.missing")) from None
    except OSError as exc:
        raise ValueError(t("error.backup.unreadable", reason=exc.strerror or exc)) from None
    if entry is not None:
        if len(data) != entry["size"]:
            raise ValueError(t("error.backup.size", size=len(data), expected=entry["size"]))
        if _sha256(data) != entry["sha256"]:
            raise ValueError(t("error.backup.checksum"))
    try:
        parse(data)
    except ParseError as exc:
        raise ValueError(t("error.backup.parse", error=exc)) from None
    return data


def read_verified(path: Path, snap: Path, name: str) -> bytes:
    """The bytes of one file of a snapshot, verified as read. Raises ValueError."""
    if not _valid_name(path, name):
        raise ValueError(t("error.backup.bad_name"))
    files = _read_manifest(snap)
    entry = None if files is None else files.get(name)
    if files is not None and entry is None:
        raise ValueError(t("error.backup.unlisted", manifest=MANIFEST))
    return _verified_bytes(snap / name, entry, _live_inodes(path))


def verify_all(path: Path) -> list[Verdict]:
    """Every snapshot's verdict, newest first."""
    live_inodes = _live_inodes(path)
    return [verify(path, snap, live_inodes) for snap in reversed(_snapshots(path))]


def newest_good_backup(path: Path) -> Path | None:
    """The newest snapshot directory in which every file verifies, or None."""
    live_inodes = _live_inodes(path)
    for snap in reversed(_snapshots(path)):
        if verify(path, snap, live_inodes).good:
            return snap
    return None
