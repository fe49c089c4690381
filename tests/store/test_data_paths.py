"""Paths handled like a careful Unix tool (issue #8 case 8): symlinked data files are
written through, non-files refused, planted links never followed, folders private,
read-only locations readable."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from collab_tui import cli
from collab_tui.model import Item, Status
from collab_tui.store import Store, StorePathError, StoreReadOnly, durable


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "collab.json"


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- a symlinked data file is written through -------------------------------------------------


def test_symlinked_data_file_is_written_through_to_its_target(tmp_path):
    target = tmp_path / "synced" / "collab.json"
    Store.open(target).add(Item("first"))
    link = tmp_path / "home" / "collab.json"
    link.parent.mkdir()
    link.symlink_to(target)
    store = Store.open(link)
    store.add(Item("through the link"))
    store.add(Item("closed", status=Status.DONE))
    assert link.is_symlink() and link.resolve() == target
    assert [i.title for i in Store.open(target).items()] == ["first", "through the link"]
    assert listing(link.parent) == {"collab.json"}  # history, lock, backups beside the target
    assert (target.with_name("collab.history")).is_dir()


def test_dangling_data_symlink_is_refused(tmp_path):
    link = tmp_path / "collab.json"
    link.symlink_to(tmp_path / "unmounted" / "collab.json")
    with pytest.raises(StorePathError, match="does not exist"):
        Store.open(link)
    assert listing(tmp_path) == {"collab.json"} and link.is_symlink()


# --- non-files are refused, touching nothing ---------------------------------------------------


@pytest.fixture
def device(tmp_path) -> Path:
    """A null device node to offer as the data file. Never the real /dev/null as root:
    a store that wrongly replaced it would break the whole machine."""
    if os.geteuid() != 0:
        return Path("/dev/null")  # /dev is not writable: nothing can be replaced there
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("running as root without CAP_MKNOD, and /dev/null must not be risked")
    return node


def test_device_is_refused_and_nothing_is_created(device):
    before = set(device.parent.iterdir())
    with pytest.raises(StorePathError, match="it is a device, not a data file"):
        Store.open(device)
    assert set(device.parent.iterdir()) == before  # no lock, no temp file
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_folder_from_collab_db_is_refused_without_a_stray_lock(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    monkeypatch.setenv("COLLAB_DB", str(folder))
    assert cli.main(["today"]) == 1
    assert "it is a folder, not a data file" in capsys.readouterr().err
    assert listing(tmp_path) == {"folder"} and listing(folder) == set()


def test_fifo_is_refused(tmp_path):
    fifo = tmp_path / "collab.json"
    os.mkfifo(fifo)
    with pytest.raises(StorePathError, match="FIFO"):
        Store.open(fifo)
    assert listing(tmp_path) == {"collab.json"}


# --- planted symlinks are never followed -------------------------------------------------------


@pytest.mark.parametrize(
    "planted", ["collab.json.lock", "collab.json.journal", "collab.backups", "collab.history"]
)
def test_planted_symlinks_beside_the_data_file_are_refused(db, tmp_path, planted):
    Store.open(db).close()
    elsewhere = tmp_path / "elsewhere"
    with contextlib.suppress(FileNotFoundError):
        (db.parent / planted).unlink()  # the lock file exists by now
    (db.parent / planted).symlink_to(elsewhere)
    with pytest.raises(StorePathError) as info:
        Store.open(db).add(Item("x"))
    assert str(db.parent / planted) in str(info.value) and "symbolic link" in str(info.value)
    assert not elsewhere.exists()


def test_planted_symlink_in_history_is_refused(db, tmp_path):
    Store.open(db).add(Item("closed", status=Status.DONE))
    secret = tmp_path / "secret.json"
    secret.write_bytes(b"{}")
    (db.with_name("collab.history") / "2020-01.json").symlink_to(secret)
    with pytest.raises(StorePathError, match="2020-01.json"):
        Store.open(db)
    assert secret.read_bytes() == b"{}"


def test_lock_is_opened_without_following_a_link(db, tmp_path):
    """Even a link planted after the checks: O_NOFOLLOW refuses it."""
    store = Store.open(db)
    lock = db.with_name("collab.json.lock")
    lock.unlink()
    lock.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StorePathError, match="collab.json.lock"):
        store.add(Item("x"))
    assert not (tmp_path / "elsewhere").exists()


# --- folders are private -----------------------------------------------------------------------


def test_missing_folders_are_created_0700_whatever_the_umask(tmp_path):
    deep = tmp_path / "a" / "b" / "c" / "collab.json"
    old = os.umask(0)
    try:
        Store.open(deep).add(Item("closed", status=Status.DONE))
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", deep.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for folder in deep.parent.iterdir():
        if folder.is_dir():
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_ensure_dir_is_0700_even_under_a_strict_umask(tmp_path):
    old = os.umask(0o777)
    try:
        durable.ensure_dir(tmp_path / "x" / "y")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "x" / "y").stat().st_mode) == 0o700


def test_world_writable_data_folder_is_warned_about_once(db, capsys):
    db.parent.mkdir()
    db.parent.chmod(0o777)
    store = Store.open(db)
    assert len(store.warnings) == 1 and "writable by other users" in store.warnings[0]
    assert "chmod 700" in store.warnings[0]
    assert Store.open(db.with_name("other.json")).warnings == store.warnings
    assert cli.main(["--db", str(db), "add", "hello"]) == 0
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and str(db.parent) in err
    db.parent.chmod(0o700)
    assert Store.open(db).warnings == []


# --- read-only locations can be read -----------------------------------------------------------


@contextlib.contextmanager
def read_only(path: Path):
    """Make ``path`` read-only for this process. As root, permissions do not apply; the
    immutable attribute does (EPERM even for root), so use chattr there."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: no read-only condition applies to root")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"running as root and chattr +i failed: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("lock_file", ["present", "absent"])
def test_read_only_folder_can_be_read_and_a_write_says_nothing_changed(db, lock_file):
    Store.open(db).add(Item("kept"))
    if lock_file == "absent":
        db.with_name("collab.json.lock").unlink()
    before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    with read_only(db.parent):
        store = Store.open(db)
        assert [i.title for i in store.items()] == ["kept"]
        with pytest.raises(StoreReadOnly) as info:
            store.add(Item("new"))
        message = str(info.value)
        assert "read-only" in message and "Nothing was changed" in message
        assert str(db.parent) in message
    assert {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()} == before


def test_read_only_data_file_is_not_replaced(db):
    Store.open(db).add(Item("kept"))
    before = db.read_bytes()
    with read_only(db):
        store = Store.open(db)
        assert [i.title for i in store.items()] == ["kept"]
        with pytest.raises(StoreReadOnly, match="is not writable"):
            store.add(Item("new"))
    assert db.read_bytes() == before
