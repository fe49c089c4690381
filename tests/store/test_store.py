"""The store: API, hot/cold layout, durability, locking, migrations, backups, errors."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import filelock
import orjson
import pytest
from tinydb import TinyDB

from collab_tui.model import Contact, Interaction, Item, Kind, Settings, Status
from collab_tui.store import (
    SCHEMA_VERSION,
    ConflictError,
    Store,
    StoreCorrupt,
    StoreLocked,
    StoreTooNew,
    StoreWriteError,
    backups,
    durable,
    newest_good_backup,
)
from collab_tui.store import store as store_module

REPO = Path(__file__).resolve().parents[2]
ENOSPC = OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "collab.json"


@pytest.fixture
def store(db) -> Store:
    s = Store.open(db)
    yield s
    s.close()


def history(db: Path) -> Path:
    return db.with_name("collab.history")


def temp_files(db: Path) -> list[Path]:
    return [*db.parent.glob(".*.tmp"), *history(db).glob(".*.tmp")]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


# --- opening --------------------------------------------------------------------------------


def test_open_creates_private_file_and_dir(db):
    Store.open(db)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    data = orjson.loads(db.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_history_and_backup_dirs_are_private(store, db):
    store.add(Item("closed", status=Status.DONE))
    for directory in (history(db), db.with_name("collab.backups")):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for segment in history(db).glob("*.json"):
        assert stat.S_IMODE(segment.stat().st_mode) == 0o600


def test_new_store_has_default_settings(store, db):
    assert store.settings == Settings()
    store.update_settings(Settings(urgency_horizon_days=5, cold_after_days=30))
    assert Store.open(db).settings == Settings(urgency_horizon_days=5, cold_after_days=30)


def test_empty_placeholder_file_becomes_a_store(db):
    db.parent.mkdir()
    db.touch()
    assert Store.open(db).items() == []


# --- records ----------------------------------------------------------------------------------


def test_add_assigns_ids_per_type_and_timestamps(store):
    a = store.add(Item("first"))
    b = store.add(Item("second"))
    c = store.add(Contact("小张"))
    assert (a.id, b.id, c.id) == (1, 2, 1)
    assert a.created == a.updated and a.updated.tzinfo is not None
    assert [i.title for i in store.items()] == ["first", "second"]


def test_add_keeps_explicit_id_and_bumps_counter(store):
    assert store.add(Item("fifty", id=50)).id == 50
    assert store.add(Item("next")).id == 51
    with pytest.raises(ValueError):
        store.add(Item("dup", id=50))


def test_cjk_names_round_trip_and_are_stored_as_utf8(store, db):
    lan = store.add(Contact("小蓝", aliases=["Lan"], department="部门B", kpis=["审批时效"]))
    store.add(Item("给小蓝发规格", kind=Kind.OWE, contact_ids=[lan.id]))
    reopened = Store.open(db)
    assert reopened.contact(lan.id).name == "小蓝"
    assert reopened.contact(lan.id).kpis == ["审批时效"]
    assert reopened.items()[0].title == "给小蓝发规格"
    assert "小蓝".encode() in db.read_bytes()


def test_returned_records_are_copies(store):
    item = store.add(Item("original", tags=["a"]))
    fetched = store.item(item.id)
    fetched.title = "changed"
    fetched.tags.append("b")
    assert store.item(item.id).title == "original"
    assert store.item(item.id).tags == ["a"]


def test_lookups_of_missing_ids_return_none(store):
    assert store.item(9) is None
    assert store.contact(9) is None
    assert store.interaction(9) is None


def test_update_saves_and_sets_updated(store, db):
    item = store.add(Item("draft"))
    before = item.updated
    item.title = "final"
    saved = store.update(item)
    assert saved.updated > before
    assert Store.open(db).item(item.id).title == "final"
    saved.title = "again"  # the returned record can be saved again without a conflict
    store.update(saved)


def test_stale_update_raises_conflict(store):
    item = store.add(Item("shared"))
    first, second = store.item(item.id), store.item(item.id)
    first.title = "mine"
    store.update(first)
    second.title = "theirs"
    with pytest.raises(ConflictError) as info:
        store.update(second)
    assert "changed or deleted" in str(info.value)
    assert store.item(item.id).title == "mine"
    assert second.updated == item.updated  # the caller's record is given back unchanged


def test_update_of_deleted_record_is_a_conflict(store):
    item = store.add(Item("gone soon"))
    store.delete(item)
    with pytest.raises(ConflictError):
        store.update(item)


def test_put_upserts_without_conflict_check(store):
    stamp = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    store.put(Item("imported", id=7, created=stamp, updated=stamp))
    assert store.item(7).updated == stamp
    store.put(Item("replaced", id=7, created=stamp, updated=stamp))
    assert store.item(7).title == "replaced"
    assert store.add(Item("after")).id == 8


def test_delete_by_record_and_by_type(store):
    item = store.add(Item("x"))
    contact = store.add(Contact("小明"))
    meeting = store.add(Interaction(date(2026, 3, 2), "sync"))
    assert store.delete(item) is True
    assert store.delete(Contact, contact.id) is True
    assert store.delete(Interaction, meeting.id) is True
    assert store.delete(Item, item.id) is False
    assert store.items() == [] and store.contacts() == [] and store.interactions() == []


# --- hot and cold ------------------------------------------------------------------------------


def test_closing_moves_item_to_history_and_reopening_brings_it_back(store, db):
    item = store.add(Item("ship it"))
    item.status = Status.DONE
    done = store.update(item)
    assert done.closed is not None
    assert store.items() == []
    assert [i.id for i in store.items(active_only=False)] == [item.id]
    hot = orjson.loads(db.read_bytes())
    assert hot["items"] == {}
    segment = history(db) / f"{done.closed:%Y-%m}.json"
    assert str(item.id) in orjson.loads(segment.read_bytes())["items"]

    done.status = Status.OPEN
    reopened = store.update(done)
    assert reopened.closed is None
    assert [i.id for i in Store.open(db).items()] == [item.id]
    assert not segment.exists()  # a segment left empty is removed


def test_occurred_risk_stays_active(store):
    risk = store.add(Item("API may slip", kind=Kind.RISK))
    risk.status = Status.OCCURRED
    store.update(risk)
    assert [i.id for i in store.items()] == [risk.id]
    assert store.item(risk.id).closed is not None


def test_interactions_live_in_monthly_segments(store, db):
    store.add(Interaction(date(2025, 1, 9), "kick-off"))
    store.add(Interaction(date(2026, 2, 3), "bosses meeting"))
    assert sorted(p.name for p in history(db).glob("*.json")) == ["2025-01.json", "2026-02.json"]
    reopened = Store.open(db)
    assert [i.summary for i in reopened.interactions()] == ["kick-off", "bosses meeting"]
    assert reopened.interaction(2).summary == "bosses meeting"


def test_history_is_not_read_for_active_work(store, db):
    store.add(Item("old", status=Status.DONE))
    segment = next(history(db).glob("*.json"))
    segment.write_bytes(b'{"items": {"1": ')  # a damaged history segment
    fresh = Store.open(db)
    fresh.add(Item("new and active"))  # `collab add` only needs the hot file
    assert [i.title for i in fresh.items()] == ["new and active"]
    with pytest.raises(StoreCorrupt) as info:
        fresh.items(active_only=False)
    assert segment.name in str(info.value)


class Crash(BaseException):
    """Stands in for kill -9 between two file writes of one save."""


def crash_on_write_of(monkeypatch, name: str) -> None:
    real = durable.write_atomic

    def write(path, data, **options):
        if path.name == name:
            raise Crash
        real(path, data, **options)

    monkeypatch.setattr(durable, "write_atomic", write)


def test_crash_between_writes_when_closing_keeps_the_newer_copy(store, db, monkeypatch):
    item = store.add(Item("closing"))
    item.status = Status.DONE
    crash_on_write_of(monkeypatch, db.name)  # history written, hot file not: the journal
    with pytest.raises(Crash):
        store.update(item)
    monkeypatch.undo()
    after = Store.open(db)
    everything = after.items(active_only=False)
    assert [(i.id, i.status) for i in everything] == [(item.id, Status.DONE)]
    assert after.items() == []


def test_crash_between_writes_when_reopening_keeps_the_newer_copy(store, db, monkeypatch):
    item = store.add(Item("reopening", status=Status.DONE))
    item.status = Status.OPEN
    crash_on_write_of(monkeypatch, db.name)  # segment removed, hot file not yet written
    with pytest.raises(Crash):
        store.update(item)
    monkeypatch.undo()
    after = Store.open(db)
    assert [(i.id, i.status) for i in after.items(active_only=False)] == [(item.id, Status.OPEN)]


# --- batches ------------------------------------------------------------------------------------


def count_writes(monkeypatch) -> list[str]:
    names: list[str] = []
    real = durable.write_atomic

    def write(path, data, **options):
        names.append(path.name)
        real(path, data, **options)

    monkeypatch.setattr(durable, "write_atomic", write)
    return names


def test_batch_writes_each_file_once(store, monkeypatch):
    store.add(Item("warm up"))  # the day's first write also takes a backup
    writes = count_writes(monkeypatch)
    with store.batch():
        for n in range(5):
            store.add(Item(f"item {n}"))
        store.add(Contact("小蓝"))
    assert writes == ["collab.json"]
    assert len(store.items()) == 6


def test_exception_in_batch_discards_everything(store, db):
    store.add(Item("kept"))
    before = db.read_bytes()
    with pytest.raises(RuntimeError), store.batch():
        store.add(Item("discarded"))
        store.add(Interaction(date(2026, 1, 1), "discarded"))
        raise RuntimeError("changed my mind")
    assert db.read_bytes() == before
    assert [i.title for i in store.items()] == ["kept"]
    assert store.interactions() == []
    assert store.add(Item("next")).id == 2  # the discarded id is free again


# --- faults ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["write", "fsync", "replace"])
def test_write_failure_leaves_previous_file_intact(store, db, monkeypatch, target):
    store.add(Item("safe"))
    before = db.read_bytes()

    def fail(*args, **kwargs):
        raise ENOSPC

    monkeypatch.setattr(os, target, fail)
    with pytest.raises(StoreWriteError) as info:
        store.add(Item("lost"))
    monkeypatch.undo()
    assert str(db) in str(info.value) and "No space left" in str(info.value)
    assert db.read_bytes() == before
    assert temp_files(db) == []
    assert [i.title for i in store.items()] == ["safe"]
    store.add(Item("after the disk was freed"))  # still usable
    assert [i.title for i in Store.open(db).items()] == ["safe", "after the disk was freed"]


def test_failure_after_the_journal_says_saved_and_finishes_on_next_open(store, db, monkeypatch):
    item = store.add(Item("closing"))
    store.add(Item("other"))
    real = os.replace

    def replace(src, dst):
        if Path(dst) == db:  # the hot file cannot be replaced, now or on the retry
            raise ENOSPC
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    item.status = Status.DONE
    with pytest.raises(StoreWriteError) as info:
        store.update(item)
    monkeypatch.undo()
    assert info.value.saved
    assert "The change is saved" in str(info.value) and "Nothing was changed" not in str(info.value)
    assert store.item(item.id).status is Status.DONE  # memory holds the after-state
    after = Store.open(db)  # finishes the save from the journal
    assert {i.title: i.status for i in after.items(active_only=False)} == {
        "closing": Status.DONE,
        "other": Status.OPEN,
    }
    assert not db.with_name("collab.json.journal").exists()
    assert temp_files(db) == []


def test_kill_9_never_loses_an_acknowledged_save(db):
    Store.open(db).close()
    added: set[int] = set()
    done: set[int] = set()
    rng = random.Random(7)
    deadline = time.monotonic() + 12
    for _ in range(15):
        if time.monotonic() > deadline:
            break
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("kill_child.py")), str(db)],
            stdout=subprocess.PIPE,
            env=child_env(),
            text=True,
        )
        first = child.stdout.readline()  # wait until it is saving, then kill it mid-stride
        time.sleep(rng.uniform(0, 0.12))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        for line in [first, *out.splitlines()]:
            if line.strip():
                what, record_id = line.split()
                (added if what == "add" else done).add(int(record_id))
    assert len(added) > 15
    after = Store.open(db)  # parses, or this raises
    by_id = {i.id: i for i in after.items(active_only=False)}
    assert added <= set(by_id)
    assert all(by_id[i].status is Status.DONE for i in done)
    assert temp_files(db) == []


# --- two processes -------------------------------------------------------------------------------


def test_two_stores_never_overwrite_each_other(db):
    first = Store.open(db)
    first.add(Item("A"))
    second = Store.open(db)
    second.add(Item("B"))
    assert first.changed_on_disk()
    first.add(Item("C"))  # the transaction reloads B before writing
    titles = [i.title for i in Store.open(db).items()]
    assert titles == ["A", "B", "C"]
    assert [i.title for i in first.items()] == ["A", "B", "C"]


def test_another_process_adds_while_we_hold_data(db):
    tui = Store.open(db)
    tui.add(Item("from the TUI"))
    code = (
        "import sys; from collab_tui.store import Store; from collab_tui.model import Item;"
        "print(Store.open(sys.argv[1]).add(Item('来自命令行')).id)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        env=child_env(),
        check=True,
    )
    assert result.stdout.strip() == "2"
    assert tui.changed_on_disk()
    tui.add(Item("TUI again"))
    assert [i.title for i in Store.open(db).items()] == ["from the TUI", "来自命令行", "TUI again"]


def test_refresh_and_changed_on_disk(db):
    first = Store.open(db)
    assert not first.changed_on_disk()
    assert first.refresh() is False
    Store.open(db).add(Contact("小明"))
    assert first.changed_on_disk()
    assert first.refresh() is True
    assert [c.name for c in first.contacts()] == ["小明"]
    assert not first.changed_on_disk()


def test_refresh_sees_history_changes_from_another_process(db):
    first = Store.open(db)
    item = first.add(Item("to close"))
    assert [i.id for i in first.items(active_only=False)] == [item.id]  # history loaded
    other = Store.open(db)
    theirs = other.item(item.id)
    theirs.status = Status.DONE
    other.update(theirs)
    other.add(Interaction(date(2026, 5, 1), "新会议"))
    assert first.refresh()
    assert first.items() == []
    assert first.item(item.id).status is Status.DONE
    assert [i.summary for i in first.interactions()] == ["新会议"]


def test_conflict_across_processes(db):
    mine = Store.open(db)
    item = mine.add(Item("shared"))
    other = Store.open(db)
    theirs = other.item(item.id)
    theirs.title = "their edit"
    other.update(theirs)
    item.title = "my edit"
    with pytest.raises(ConflictError):
        mine.update(item)
    assert Store.open(db).item(item.id).title == "their edit"


def test_lock_not_obtained_raises_store_locked(db):
    store = Store.open(db, lock_timeout=0.2)
    holder = filelock.FileLock(f"{db}.lock")
    with holder:
        with pytest.raises(StoreLocked) as info:
            store.add(Item("blocked"))
    assert str(db) in str(info.value)
    store.add(Item("free again"))


# --- versions, corruption, backups --------------------------------------------------


def write_version_0(db: Path) -> None:
    """A plain single-file TinyDB, as the first prototype wrote it."""
    db.parent.mkdir(parents=True, exist_ok=True)
    old = TinyDB(db)
    old.table("contacts").insert({"name": "小蓝", "department": "B"})
    old.table("items").insert(
        {
            "title": "old spec",
            "kind": "owe",
            "done": True,
            "done_at": "2025-03-04T10:00:00+00:00",
            "created": "2025-03-01T10:00:00+00:00",
            "updated": "2025-03-04T10:00:00+00:00",
            "contact_ids": [1],
        }
    )
    old.table("items").insert(
        {
            "title": "still open",
            "done": False,
            "created": "2025-03-01T10:00:00+00:00",
            "updated": "2025-03-01T10:00:00+00:00",
        }
    )
    old.table("interactions").insert({"date": "2025-03-01", "summary": "kick-off"})
    old.close()


def test_migration_from_version_0_with_backup(db):
    write_version_0(db)
    original = db.read_bytes()
    store = Store.open(db)
    snapshot = newest_good_backup(db)
    assert snapshot is not None and (snapshot / db.name).read_bytes() == original
    assert [c.name for c in store.contacts()] == ["小蓝"]
    assert [i.title for i in store.items()] == ["still open"]
    old = store.item(1)
    assert old.status is Status.DONE and old.kind is Kind.OWE
    assert old.closed == datetime(2025, 3, 4, 10, tzinfo=UTC)
    assert (history(db) / "2025-03.json").exists()
    assert store.interaction(1).summary == "kick-off"
    assert store.add(Item("new")).id == 3
    assert orjson.loads(db.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_too_new_file_is_refused_and_untouched(db):
    Store.open(db)
    data = orjson.loads(db.read_bytes())
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    db.write_bytes(orjson.dumps(data))
    before = db.read_bytes()
    with pytest.raises(StoreTooNew) as info:
        Store.open(db)
    assert str(db) in str(info.value) and "newer" in str(info.value)
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b"not json at all",
        lambda b: b"[1, 2, 3]",
        lambda b: b'{"meta": {"1": {"schema_version": 1}}}',
    ],
    ids=["truncated", "garbage", "wrong-shape", "incomplete-meta"],
)
def test_corrupt_file_is_refused_naming_the_backup(db, damage):
    store = Store.open(db)
    store.add(Contact("小张"))  # the day's first write takes a backup
    db.write_bytes(damage(db.read_bytes()))
    before = db.read_bytes()
    with pytest.raises(StoreCorrupt) as info:
        Store.open(db)
    message = str(info.value)
    assert str(db) in message
    assert str(newest_good_backup(db)) in message
    assert db.read_bytes() == before


def test_corrupt_file_without_backup_says_so(db):
    db.parent.mkdir()
    db.write_bytes(b'{"meta": ')
    with pytest.raises(StoreCorrupt, match="No good backup"):
        Store.open(db)
    assert db.read_bytes() == b'{"meta": '


def test_corruption_seen_by_an_open_store_is_not_overwritten(store, db):
    store.add(Item("one"))
    db.write_bytes(b"{broken")
    with pytest.raises(StoreCorrupt):
        store.add(Item("two"))
    assert db.read_bytes() == b"{broken"


def test_first_write_of_the_day_takes_one_backup(store, db):
    store.add(Item("one"))
    store.add(Item("two"))
    snapshots = list(db.with_name("collab.backups").iterdir())
    assert len(snapshots) == 1
    assert (snapshots[0] / db.name).exists()


def test_backups_rotate_and_skip_bad_ones(store, db):
    store.add(Item("closed", status=Status.DONE))
    made = [backups.snapshot(db) for _ in range(12)]
    kept = sorted(db.with_name("collab.backups").iterdir())
    assert len(kept) == backups.KEEP and kept[-1] == made[-1]
    assert any((made[-1] / "collab.history").glob("*.json"))
    assert newest_good_backup(db) == made[-1]
    (made[-1] / db.name).unlink()
    (made[-1] / db.name).write_bytes(b"{truncat")  # a new inode: the live file is untouched
    assert newest_good_backup(db) == made[-2]
    assert Store.open(db).items(active_only=False)[0].title == "closed"


def test_backups_are_unaffected_by_later_saves(store, db):
    store.add(Item("before"))
    snapshot = newest_good_backup(db)
    saved = (snapshot / db.name).read_bytes()
    store.add(Item("after"))
    assert (snapshot / db.name).read_bytes() == saved


def test_write_layout_splits_hot_and_cold(db):
    closed = Item("old", id=1, status=Status.DONE, closed=datetime(2024, 6, 1, tzinfo=UTC))
    data = {
        "meta": {
            "1": {
                **store_module.migrations.new_meta(),
                "last_ids": {"items": 2, "contacts": 0, "interactions": 1},
            }
        },
        "contacts": {},
        "items": {"1": closed.to_dict(), "2": Item("open", id=2).to_dict()},
        "interactions": {"1": Interaction(date(2024, 7, 1), "x", id=1).to_dict()},
    }
    store_module.write_layout(db, data)
    store = Store.open(db)
    assert [i.title for i in store.items()] == ["open"]
    assert sorted(p.stem for p in history(db).glob("*.json")) == ["2024-06", "2024-07"]
    assert store.add(Item("next")).id == 3


@pytest.mark.parametrize("name", ["collab.json", "[a]*.json"])
def test_opening_removes_its_own_stale_temp_files_only(tmp_path, name):
    """A killed writer's temp files go; another program's, and names that only look alike
    (the data file's name is text, not a pattern), stay."""
    db = tmp_path / name
    Store.open(db).close()
    segments = db.with_name(f"{db.stem}.history")
    ours = [tmp_path / f".{name}.0123456789ab.tmp", segments / ".2026-03.json.0a1b.tmp"]
    theirs = [tmp_path / ".other.json.0123.tmp", tmp_path / f".{name}.tmp", tmp_path / "x.tmp"]
    if "[" in name:
        theirs.append(tmp_path / ".a*.json.0123.tmp")  # what the name matches as a glob
    for path in [*ours, *theirs]:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"{")
    Store.open(db).close()
    assert [p.exists() for p in ours] == [False, False]
    assert all(p.exists() for p in theirs)
