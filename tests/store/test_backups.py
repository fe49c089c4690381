"""Backups that cannot share damage and are verified (issue #8 case 5), and recovery that
never guesses: an empty or missing data file beside history or backups is refused, never
taken for a new database (case 4)."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from collab_tui.model import Item, Status
from collab_tui.store import Store, StoreCorrupt, backups, newest_good_backup


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "collab.json"


def history(db: Path) -> Path:
    return db.with_name("collab.history")


def closed_item(title: str, month: int) -> Item:
    when = datetime(2025, month, 3, tzinfo=UTC)
    return Item(title, status=Status.DONE, created=when, updated=when, closed=when)


def store_with_history(db: Path, months: tuple[int, ...] = (1, 2)) -> Store:
    store = Store.open(db)
    for month in months:
        store.put(closed_item(f"closed in {month}", month))
    store.add(Item("open one"))
    return store


def inode(path: Path) -> int:
    return os.lstat(path).st_ino


def flip_a_byte_in_place(path: Path) -> None:
    """Damage a file the way a disk or an editor would: inside the same inode."""
    with open(path, "r+b") as f:
        f.seek(5)
        byte = f.read(1)
        f.seek(5)
        f.write(bytes([byte[0] ^ 0x20]))


# --- case 5: snapshots share no damage ---------------------------------------------------------


def test_snapshot_copies_every_file_with_a_manifest(db):
    store_with_history(db)
    snap = backups.snapshot(db)
    manifest = orjson.loads((snap / backups.MANIFEST).read_bytes())
    assert set(manifest["files"]) == {
        "collab.json",
        "collab.history/2025-01.json",
        "collab.history/2025-02.json",
    }
    for name, entry in manifest["files"].items():
        copy = snap / name
        live = db.parent / name
        assert inode(copy) != inode(live)  # a copy, never a link to a live file
        assert copy.read_bytes() == live.read_bytes()
        assert entry["size"] == copy.stat().st_size
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_live_segment_damaged_in_place_leaves_snapshots_intact(db):
    store_with_history(db)
    snap = backups.snapshot(db)
    segment = history(db) / "2025-01.json"
    kept = (snap / "collab.history" / "2025-01.json").read_bytes()
    flip_a_byte_in_place(segment)
    assert (snap / "collab.history" / "2025-01.json").read_bytes() == kept
    assert newest_good_backup(db) == snap


def test_unchanged_files_link_the_previous_snapshots_copy_not_the_live_file(db):
    store = store_with_history(db)
    first = backups.snapshot(db)
    store.put(closed_item("another in February", 2))  # rewrites 2025-02 and the hot file
    second = backups.snapshot(db)
    january = "collab.history/2025-01.json"
    assert inode(second / january) == inode(first / january)  # unchanged: linked
    assert inode(second / january) != inode(db.parent / january)
    for changed in ("collab.json", "collab.history/2025-02.json"):
        assert inode(second / changed) != inode(first / changed)  # changed: copied
        assert (second / changed).read_bytes() == (db.parent / changed).read_bytes()


def test_a_damaged_copy_is_not_linked_again_but_copied_afresh(db):
    store_with_history(db)
    first = backups.snapshot(db)
    january = "collab.history/2025-01.json"
    flip_a_byte_in_place(first / january)
    second = backups.snapshot(db)
    assert inode(second / january) != inode(first / january)
    assert (second / january).read_bytes() == (db.parent / january).read_bytes()
    assert newest_good_backup(db) == second


def test_newest_good_backup_checks_every_file_not_only_the_hot_one(db):
    store = store_with_history(db)
    older = backups.snapshot(db)
    store.put(closed_item("another in February", 2))
    newer = backups.snapshot(db)  # holds its own copy of the changed 2025-02 segment
    flip_a_byte_in_place(newer / "collab.history" / "2025-02.json")  # still valid JSON
    assert newest_good_backup(db) == older
    verdict = backups.verify(db, newer)
    assert not verdict.good
    assert "2025-02.json" in verdict.problems[0] and "sha256" in verdict.problems[0]


def test_damage_to_a_copy_linked_between_snapshots_is_caught_in_each(db):
    store_with_history(db)
    older = backups.snapshot(db)
    newer = backups.snapshot(db)  # nothing changed: links older's copies
    flip_a_byte_in_place(newer / "collab.history" / "2025-02.json")
    assert not backups.verify(db, newer).good and not backups.verify(db, older).good
    assert newest_good_backup(db) not in (older, newer)


def test_a_missing_or_unparsable_segment_makes_a_snapshot_bad(db):
    store_with_history(db)
    older = backups.snapshot(db)
    newer = backups.snapshot(db)
    (newer / "collab.history" / "2025-01.json").unlink()
    assert newest_good_backup(db) == older
    (older / "collab.history" / "2025-01.json").unlink()
    (older / "collab.history" / "2025-01.json").write_bytes(b"{trunc")
    assert newest_good_backup(db) not in (older, newer)


def legacy_snapshot(db: Path, link: bool) -> Path:
    """A snapshot as the previous version made it: no manifest, files hard-linked."""
    shutil.rmtree(db.with_name("collab.backups"))  # only the old-style one
    snap = db.with_name("collab.backups") / "2025-12-01T090000.000000"
    (snap / "collab.history").mkdir(parents=True)
    for live in (db, *history(db).glob("*.json")):
        copy = snap / live.relative_to(db.parent)
        if link:
            os.link(live, copy)
        else:
            copy.write_bytes(live.read_bytes())
    return snap


def test_old_snapshots_hard_linked_to_live_files_are_not_trusted(db):
    store_with_history(db).close()
    legacy_snapshot(db, link=True)
    assert newest_good_backup(db) is None


def test_old_snapshots_of_separate_files_are_verified_by_parsing(db):
    store_with_history(db).close()
    snap = legacy_snapshot(db, link=False)
    assert newest_good_backup(db) == snap
    (snap / "collab.history" / "2025-02.json").write_bytes(b"[broken")
    assert newest_good_backup(db) is None


def test_rotation_keeps_the_newest_and_links_survive_pruning(db):
    store_with_history(db)
    made = [backups.snapshot(db) for _ in range(backups.KEEP + 3)]
    kept = backups.snapshots(db)
    assert kept == made[-backups.KEEP :]
    assert all(backups.verify(db, snap).good for snap in kept)
    assert not list(db.with_name("collab.backups").glob(".*"))  # no half-made snapshot


def test_corrupt_message_names_the_verified_backup_and_the_restore_command(db):
    store = store_with_history(db)
    store.add(Item("after the day's backup"))
    snap = newest_good_backup(db)
    db.write_bytes(b"{broken")
    with pytest.raises(StoreCorrupt) as info:
        Store.open(db)
    message = str(info.value)
    assert str(snap) in message
    assert f"collab --db {shlex.quote(str(db))} restore {snap.name}" in message
    assert db.read_bytes() == b"{broken"


# --- case 4: an empty or missing data file beside history is never a new database ------------


@pytest.mark.parametrize("state", ["empty", "missing"])
def test_empty_or_missing_data_file_beside_history_is_refused(db, state):
    store_with_history(db).close()
    for snap in backups.snapshots(db):  # no backup that parses: the old code started afresh
        shutil.rmtree(snap)
    segments = {p: p.read_bytes() for p in history(db).glob("*.json")}
    if state == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    with pytest.raises(StoreCorrupt) as info:
        Store.open(db)
    message = str(info.value)
    assert f"the data file is {state}" in message and str(history(db)) in message
    assert "No good backup" in message
    assert db.exists() == (state == "empty") and (state == "missing" or db.read_bytes() == b"")
    assert {p: p.read_bytes() for p in history(db).glob("*.json")} == segments


@pytest.mark.parametrize("state", ["empty", "missing"])
def test_empty_or_missing_data_file_beside_backups_names_the_backup(db, state):
    Store.open(db).add(Item("one"))  # the day's first save takes a backup
    snap = newest_good_backup(db)
    db.write_bytes(b"") if state == "empty" else db.unlink()
    with pytest.raises(StoreCorrupt) as info:
        Store.open(db)
    assert str(snap) in str(info.value) and "restore" in str(info.value)


def test_ids_never_restart_beside_history(db):
    store_with_history(db).close()
    shutil.rmtree(db.with_name("collab.backups"))  # the case: no backup parses
    db.write_bytes(b"")
    with pytest.raises(StoreCorrupt):
        Store.open(db).add(Item("would get id 1 and overwrite the closed item 1"))
    assert b"closed in 1" in (history(db) / "2025-01.json").read_bytes()


def test_a_truly_new_place_starts_fresh(db):
    db.parent.mkdir()
    db.write_bytes(b"")  # a placeholder, e.g. `touch`
    assert Store.open(db).add(Item("first")).id == 1
    other = db.with_name("other.json")  # no file at all
    assert Store.open(other).add(Item("first")).id == 1
