"""`collab restore`: verify, move the current files aside (never delete), put the backup back."""

from __future__ import annotations

from pathlib import Path

import pytest

from collab_tui import cli
from collab_tui.model import Item, Status
from collab_tui.store import Store, backups

TODAY = "2026-11-24"


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch):
    monkeypatch.setenv("COLLAB_TODAY", TODAY)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "collab.json"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def saved_with_a_backup(db: Path) -> Path:
    """Data with history, and a snapshot of it (taken as the day's first save does)."""
    store = Store.open(db)
    store.add(Item("closed long ago", status=Status.DONE))
    store.add(Item("open"))
    snap = backups.snapshot(db)
    store.add(Item("after the backup"))
    return snap


def test_restore_lists_backups_with_their_verdicts(db, capsys):
    snap = saved_with_a_backup(db)
    (snap / "collab.json").write_bytes(b"{}")  # a new inode, damaged
    code, out, _ = run(capsys, "--db", str(db), "restore", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(snap.name) and "DAMAGED" in lines[0] and "manifest" in lines[0]
    assert "verified" in lines[1] and "newest good" in lines[1]


def test_dry_run_changes_nothing(db, capsys):
    snap = saved_with_a_backup(db)
    before = files_under(db.parent)
    code, out, _ = run(capsys, "--db", str(db), "restore", "--dry-run")
    assert code == 0
    assert f"Would restore {db}" in out and str(snap) in out and "nothing was changed" in out
    assert files_under(db.parent) == before


def test_restore_moves_the_current_files_aside_and_puts_the_backup_back(db, capsys):
    snap = saved_with_a_backup(db)
    live_before = {p: p.read_bytes() for p in (db, *db.with_name("collab.history").glob("*"))}
    code, out, _ = run(capsys, "--db", str(db), "restore")
    assert code == 0
    (aside,) = db.with_name("collab.damaged").iterdir()
    assert f"Restored {db} and 1 history segments from the backup {snap}" in out
    assert str(aside) in out and "nothing deleted" in out
    for live, data in live_before.items():  # the previous files, kept
        assert (aside / live.relative_to(db.parent)).read_bytes() == data
    assert db.read_bytes() == (snap / "collab.json").read_bytes()
    assert db.stat().st_ino != (snap / "collab.json").stat().st_ino  # a copy, not a link
    store = Store.open(db)
    assert [i.title for i in store.items(active_only=False)] == ["closed long ago", "open"]
    assert store.add(Item("next")).id == 3  # the backup's counters go on


def test_restore_after_an_emptied_data_file_is_refused_then_repaired(db, capsys):
    saved_with_a_backup(db)
    db.write_bytes(b"")
    code, _, err = run(capsys, "--db", str(db), "today")
    assert code == 1 and "restore" in err
    command = err.split("Restore it with: ")[1].split(" (")[0]
    args = command.split()[1:]  # the command the message gives, as given
    code, out, _ = run(capsys, *args)
    assert code == 0 and "Restored" in out
    code, out, _ = run(capsys, "--db", str(db), "today")
    assert code == 0


def test_a_named_backup_that_does_not_verify_is_refused(db, capsys):
    snap = saved_with_a_backup(db)
    (snap / "collab.json").write_bytes(b"{}")
    before = files_under(db.parent)
    code, _, err = run(capsys, "--db", str(db), "restore", snap.name)
    assert code == 1
    assert "does not verify" in err and "Nothing was changed" in err
    assert files_under(db.parent) == before
    code, _, err = run(capsys, "--db", str(db), "restore", "1999-01-01T000000.000000")
    assert code == 1 and "no backup named" in err


def test_without_any_verified_backup_nothing_is_changed(db, capsys):
    Store.open(db).add(Item("x"))
    for snap in backups.snapshots(db):
        (snap / "collab.json").write_bytes(b"{}")
    before = files_under(db.parent)
    code, _, err = run(capsys, "--db", str(db), "restore")
    assert code == 1 and "No backup" in err and "Nothing was changed" in err
    assert files_under(db.parent) == before
