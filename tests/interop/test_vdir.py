"""The vdir interface (one file per UID) and the two-way to-do rules, without a server."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from collab_tui import actions
from collab_tui.interop import ics, vdir, vdirsyncer
from collab_tui.model import Contact, Item, Kind, Stance, Status

TODAY = date(2026, 11, 24)
BEFORE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
AFTER = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(store, tmp_path):
    boss = store.add(Contact(name="刘经理"))
    lan = store.add(
        Contact(name="小蓝", kpis=["approval turnaround"], stance=Stance.EAGER, boss_id=boss.id)
    )
    state = vdir.SyncState(tmp_path / "collab.json", tmp_path / "state")
    return store, lan, tmp_path / "cards", state


def export(store, folder, state):
    return vdir.export_to(store, folder, vdir.CONTACTS, state.vdir(folder), TODAY)


def test_one_file_per_contact_named_by_uid_and_only_changes_rewritten(world):
    store, lan, folder, state = world
    first = export(store, folder, state)
    assert (first.written, first.unchanged) == (2, 0)
    path = folder / f"{lan.uid}.vcf"
    assert b"FN:\xe5\xb0\x8f\xe8\x93\x9d" in path.read_bytes()
    assert b"X-COLLAB-BOSS:" in path.read_bytes()  # the boss link survives the split
    again = export(store, folder, state)
    assert (again.written, again.unchanged) == (0, 2)
    actions.save_contact(store, store.contact(lan.id), {"title": "Architect"})
    changed = export(store, folder, state)
    assert (changed.written, changed.unchanged) == (1, 1)
    assert b"TITLE:Architect" in path.read_bytes()


def test_a_file_changed_there_is_not_overwritten_but_imported(world):
    store, lan, folder, state = world
    export(store, folder, state)
    path = folder / f"{lan.uid}.vcf"
    path.write_bytes(path.read_bytes().replace(b"END:VCARD", b"TITLE:Architect\r\nEND:VCARD"))
    actions.save_contact(store, store.contact(lan.id), {"notes": "met at the offsite"})
    held = export(store, folder, state)
    assert held.held == 1 and b"TITLE:Architect" in path.read_bytes()
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert result.updated == 1
    assert store.contact(lan.id).title == "Architect"


def test_deleted_in_collab_removes_the_file_but_never_a_file_collab_did_not_write(world):
    store, lan, folder, state = world
    export(store, folder, state)
    (folder / "someone-else.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD\r\n"
    )
    actions.delete_contact(store, lan.id)
    done = export(store, folder, state)
    assert done.removed == 1 and not (folder / f"{lan.uid}.vcf").exists()
    assert (folder / "someone-else.vcf").exists()


def test_deleted_there_is_kept_in_collab_and_not_sent_back_until_changed_here(world):
    store, lan, folder, state = world
    export(store, folder, state)
    (folder / f"{lan.uid}.vcf").unlink()
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert result.kept == 1 and store.contact(lan.id) is not None
    assert export(store, folder, state).written == 0
    assert not (folder / f"{lan.uid}.vcf").exists()
    actions.save_contact(store, store.contact(lan.id), {"title": "Architect"})
    assert export(store, folder, state).written == 1
    assert (folder / f"{lan.uid}.vcf").exists()


def test_collab_fields_in_a_card_are_ignored_for_a_known_contact_only(world):
    store, lan, folder, state = world
    export(store, folder, state)
    path = folder / f"{lan.uid}.vcf"
    stale = path.read_bytes().replace(b"X-COLLAB-STANCE:eager", b"X-COLLAB-STANCE:refuses")
    stale = stale.replace(b"X-COLLAB-KPI:approval turnaround\r\n", b"")
    path.write_bytes(stale.replace(b"END:VCARD", b"TITLE:Architect\r\nEND:VCARD"))
    (folder / "new.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:new-1\r\nFN:Ming\r\n"
        b"X-COLLAB-STANCE:no-capacity\r\nEND:VCARD\r\n"
    )
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert (result.added, result.updated) == (1, 1)
    kept = store.contact(lan.id)
    assert kept.title == "Architect" and kept.stance is Stance.EAGER
    assert kept.kpis == ["approval turnaround"] and kept.boss_id is not None
    (ming,) = [c for c in store.contacts() if c.name == "Ming"]
    assert ming.stance is Stance.NO_CAPACITY and ming.uid == "new-1"
    # Written back under the file name it came with: no second file for Ming.
    export(store, folder, state)
    assert sorted(p.name for p in folder.iterdir() if "new" in p.name) == ["new.vcf"]
    assert len(list(folder.iterdir())) == 3


def last_sync(store, folder, state) -> None:
    """A sync a few seconds ago (stamps have one-second resolution)."""
    vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    earlier = datetime.now(UTC) - timedelta(seconds=5)
    state.vdir(folder).last_sync = earlier.isoformat()


@pytest.mark.parametrize("rev", ["20261121T090000Z", ""])  # older than collab's, or none
def test_a_contact_changed_on_both_sides_keeps_collabs_later_change(world, rev):
    store, lan, folder, state = world
    export(store, folder, state)
    last_sync(store, folder, state)
    actions.save_contact(store, store.contact(lan.id), {"title": "Lead"})
    path = folder / f"{lan.uid}.vcf"
    card = b"\r\n".join(
        line for line in path.read_bytes().split(b"\r\n") if not line.startswith(b"REV:")
    )
    card = card.replace(b"END:VCARD", b"TITLE:Architect\r\nEND:VCARD")
    if rev:
        card = card.replace(b"END:VCARD", b"REV:" + rev.encode() + b"\r\nEND:VCARD")
    path.write_bytes(card)
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert result.conflicts == ["小蓝"] and store.contact(lan.id).title == "Lead"


def test_a_contact_changed_on_both_sides_takes_a_later_card(world):
    store, lan, folder, state = world
    export(store, folder, state)
    last_sync(store, folder, state)
    actions.save_contact(store, store.contact(lan.id), {"title": "Lead"})
    path = folder / f"{lan.uid}.vcf"
    later = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y%m%dT%H%M%SZ").encode()
    card = path.read_bytes().replace(b"END:VCARD", b"TITLE:Architect\r\nEND:VCARD")
    path.write_bytes(card.replace(b"REV:", b"REV:" + later + b"\r\nX-OLD-REV:"))
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert result.conflicts == [] and store.contact(lan.id).title == "Architect"


def test_file_names_are_safe():
    assert vdir.file_name("abc@collab-tui", ".ics") == "abc@collab-tui.ics"
    for uid in ("../../etc/passwd", "a/b", ".hidden", "x" * 300, "名字"):
        name = vdir.file_name(uid, ".vcf")
        assert "/" not in name and not name.startswith(".") and len(name) == 36


# --- the two-way to-do rules ---------------------------------------------------------------


def item(**fields) -> Item:
    base = {"title": "send the spec", "id": 1, "uid": "u1", "due": date(2026, 11, 25)}
    found = Item(**{**base, **fields})
    found.created = found.updated = BEFORE
    return found


def todo(uid="u1@collab-tui", summary="send the spec", due=date(2026, 11, 25), **more):
    return ics.CalendarTodo(
        uid=uid,
        summary=summary,
        due=due,
        status=more.get("status", "NEEDS-ACTION"),
        last_modified=more.get("modified", AFTER),
    )


def test_completed_cancelled_redated_and_renamed_come_back():
    items = [item(), item(id=2, uid="u2"), item(id=3, uid="u3"), item(id=4, uid="u4")]
    plan = ics.plan_todos(
        [
            todo(status="COMPLETED"),
            todo("u2@collab-tui", status="CANCELLED"),
            todo("u3@collab-tui", due=date(2026, 12, 4)),
            todo("u4@collab-tui", summary="send the final spec"),
        ],
        items,
        last_sync=BEFORE,
    )
    changes = {c.item.id: c.changes for c in plan.changes}
    assert changes == {
        1: {"status": Status.DONE},
        2: {"status": Status.DROPPED},
        3: {"due": date(2026, 12, 4)},
        4: {"title": "send the final spec"},
    }
    assert plan.closed == 2 and plan.added == 0 and not plan.conflicts


def test_unticked_in_the_app_reopens_and_an_unchanged_todo_is_no_change():
    plan = ics.plan_todos(
        [todo(), todo("u2@collab-tui")], [item(status=Status.DONE), item(id=2, uid="u2")], None
    )
    assert [c.changes for c in plan.changes] == [{"status": Status.OPEN}]
    assert plan.unchanged == 1


def test_a_review_todo_brings_back_its_date_only():
    risk = item(kind=Kind.RISK, review=date(2026, 12, 1))
    plan = ics.plan_todos(
        [todo("u1-review@collab-tui", "Review risk: x", date(2026, 12, 8), status="COMPLETED")],
        [risk],
        None,
    )
    assert [c.changes for c in plan.changes] == [{"review": date(2026, 12, 8)}]


def test_a_new_todo_from_the_app_is_a_task_keeping_its_uid_unless_already_done():
    plan = ics.plan_todos(
        [todo("phone-1", "call Ming"), todo("phone-2", "old", status="COMPLETED")], [], None
    )
    (change,) = plan.changes
    assert change.item is None
    assert change.changes == {
        "title": "call Ming",
        "due": date(2026, 11, 25),
        "extra": {"ical_uid": "phone-1"},
    }
    added = Item(title="call Ming", extra={"ical_uid": "phone-1"})
    assert ics.ical_uid(added) == "phone-1"


def test_both_changed_the_newer_side_wins_and_collabs_win_is_a_conflict():
    changed_here = item(title="send the spec v2")
    changed_here.updated = AFTER
    older = todo(summary="send the spec!", modified=BEFORE + timedelta(hours=1))
    plan = ics.plan_todos([older], [changed_here], last_sync=BEFORE)
    assert plan.changes == [] and plan.conflicts == ["send the spec v2"]
    newer = todo(summary="send the spec!", modified=AFTER + timedelta(hours=1))
    plan = ics.plan_todos([newer], [changed_here], last_sync=BEFORE)
    assert [c.changes for c in plan.changes] == [{"title": "send the spec!"}]
    no_stamp = todo(summary="send the spec!", modified=None)
    assert ics.plan_todos([no_stamp], [changed_here], last_sync=BEFORE).conflicts


def test_todo_changes_go_through_actions_keeping_the_due_history(store, tmp_path):
    stored = store.add(Item(title="approval result", due=date(2026, 11, 27)))
    folder = tmp_path / "todos"
    state = vdir.SyncState(tmp_path / "collab.json", tmp_path / "state")
    vdir.export_to(store, folder, vdir.TODOS, state.vdir(folder), TODAY)
    (path,) = folder.iterdir()
    assert path.name == f"{stored.uid}@collab-tui.ics"
    path.write_bytes(path.read_bytes().replace(b"20261127", b"20261204"))
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert result.updated == 1
    moved = store.item(stored.id)
    assert moved.due == date(2026, 12, 4) and moved.due_history == [date(2026, 11, 27)]
    path.write_bytes(path.read_bytes().replace(b"NEEDS-ACTION", b"COMPLETED"))
    assert vdir.import_vdir(store, folder, state.vdir(folder), TODAY).completed == 1
    assert store.item(stored.id).status is Status.DONE
    vdir.export_to(store, folder, vdir.TODOS, state.vdir(folder), TODAY)
    assert b"STATUS:COMPLETED" in path.read_bytes()  # ticked off, not vanished


# --- vdirsyncer ----------------------------------------------------------------------------


def test_setup_writes_no_password_and_quotes_what_it_writes(tmp_path):
    path = vdirsyncer.write_config(
        'https://dav.example.com/"x', username="me", base=tmp_path / "sync"
    )
    text = path.read_text()
    assert 'password.fetch = ["command", "keyring", "get", "collab-tui", "me"]' in text
    assert 'url = "https://dav.example.com/\\"x"' in text
    command = vdirsyncer.write_config(
        "https://a/", username="me", password_command="pass show dav", base=tmp_path / "s2"
    )
    assert 'password.fetch = ["command", "pass", "show", "dav"]' in command.read_text()
    assert 'item_types = ["VTODO"]' in command.read_text()
    status = tmp_path / "s2" / "status" / "collab_contacts"
    status.mkdir()
    vdirsyncer.write_config(
        "https://a/", username="me", password_command="pass show dav", base=tmp_path / "s2"
    )
    assert status.exists()  # the same server: vdirsyncer's status stays
    vdirsyncer.write_config("https://b/", username="me", base=tmp_path / "s2")
    assert not status.exists() and status.parent.is_dir()  # another: it would mislead


def test_a_missing_vdirsyncer_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(vdirsyncer.SyncError, match="uv tool install vdirsyncer"):
        vdirsyncer.program()


def test_cli_vdir_export_import_and_sync_before_setup(collab, tmp_path):
    collab("add", "owe: send the revised spec @Lan due:2026-11-25")
    folder = tmp_path / "todos"
    written = collab("export", "--format", "ics", "--vdir", str(folder))
    assert written.code == 0 and "1 files written" in written.err
    assert collab("export", "--format", "ics", "--vdir", str(folder)).err.startswith(
        "0 files written, 1 unchanged"
    )
    (path,) = folder.iterdir()
    path.write_bytes(path.read_bytes().replace(b"NEEDS-ACTION", b"COMPLETED"))
    dry = collab("import", str(folder), "--dry-run")
    assert "would have added 0, updated 0, completed 1" in dry.out
    done = collab("import", str(folder))
    assert "completed 1" in done.out, done.err
    refused = collab("export", "--format", "csv", "--vdir", str(folder))
    assert refused.code == 2 and "--vdir takes --format vcf or ics" in refused.err
    not_set_up = collab("sync")
    assert not_set_up.code == 2 and "collab sync --setup URL" in not_set_up.err


def test_a_damaged_sync_state_only_means_reading_every_file_again(world):
    store, lan, folder, state = world
    export(store, folder, state)
    state.save()
    damaged = {"vdirs": {"x": [1], str(folder.resolve()): {"files": "oops"}}}
    state.path.write_text(json.dumps(damaged))
    again = vdir.SyncState(state.path.parent.parent / "collab.json", state.path.parent)
    assert again.vdir(folder).files == {}
    result = vdir.import_vdir(store, folder, again.vdir(folder), TODAY)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 2)


def test_a_broken_or_foreign_calendar_file_is_skipped_by_name(store, tmp_path):
    folder = tmp_path / "todos"
    folder.mkdir()
    (folder / "broken.ics").write_bytes(b"\x00\xffnot a calendar")
    (folder / "event.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
        b"DTSTAMP:20261124T080000Z\r\nSUMMARY:lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (folder / "todo.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nUID:t1\r\n"
        b"DTSTAMP:20261124T080000Z\r\nSUMMARY:call Ming\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    state = vdir.SyncState(tmp_path / "collab.json", tmp_path / "state")
    result = vdir.import_vdir(store, folder, state.vdir(folder), TODAY)
    assert result.added == 1 and [what for what, _why in result.skipped] == ["broken.ics"]
    (task,) = store.items()
    assert task.title == "call Ming" and task.due is None and task.kind is Kind.TASK
    # Written back, undated as it came, rather than removed from the folder (and server).
    done = vdir.export_to(store, folder, vdir.TODOS, state.vdir(folder), TODAY)
    assert done.removed == 0 and done.written == 1
    assert b"SUMMARY:call Ming" in (folder / "todo.ics").read_bytes()


def test_a_recurring_todo_ticked_off_in_a_calendar_gets_its_next_occurrence(store, tmp_path):
    weekly = store.add(Item(title="weekly status report", due=date(2026, 11, 27), every="week"))
    waiting = store.add(Item(title="send the summary", after=[weekly.id]))
    folder = tmp_path / "todos"
    state = vdir.SyncState(tmp_path / "collab.json", tmp_path / "state")
    vdir.export_to(store, folder, vdir.TODOS, state.vdir(folder), TODAY)
    path = folder / f"{weekly.uid}@collab-tui.ics"
    path.write_bytes(path.read_bytes().replace(b"NEEDS-ACTION", b"COMPLETED"))
    assert vdir.import_vdir(store, folder, state.vdir(folder), TODAY).completed == 1
    assert store.item(weekly.id).status is Status.DONE
    (following,) = [i for i in store.items() if i.title == "weekly status report"]
    assert following.id != weekly.id and following.due == date(2026, 12, 4)
    assert store.item(waiting.id).after == [weekly.id]  # done: it no longer blocks


def test_a_sync_reads_the_calendars_weeks_and_all_history_only_for_a_todo_it_cannot_place(
    store, tmp_path, monkeypatch
):
    """To-dos of active and lately closed items are matched without reading older
    history. A to-do of an item closed long ago (still in some calendar app) is matched
    too, by reading it all once: it reopens that item, never makes a new one."""
    from collab_tui.store import Store

    long_ago = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    old = store.put(
        Item("old request", due=date(2025, 3, 1), status=Status.DONE,
             created=long_ago, updated=long_ago, closed=long_ago)
    )  # fmt: skip
    current = store.add(Item(title="approval result", due=date(2026, 11, 27)))
    folder = tmp_path / "todos"
    state = vdir.SyncState(tmp_path / "collab.json", tmp_path / "state")
    vdir.export_to(store, folder, vdir.TODOS, state.vdir(folder), TODAY)
    (path,) = folder.iterdir()  # the old item is not in calendars
    path.write_bytes(path.read_bytes().replace(b"20261127", b"20261204"))
    real_load_all = Store._load_all_cold
    reads: list[str] = []

    def load_all(self):  # type: ignore[no-untyped-def]
        if self._cold_index is None:  # not indexed yet: this call reads every month
            reads.append("all history")
        real_load_all(self)

    monkeypatch.setattr(Store, "_load_all_cold", load_all)
    with Store.open(store.path) as fresh:  # as `collab sync` opens it
        assert vdir.import_vdir(fresh, folder, state.vdir(folder), TODAY).updated == 1
        assert fresh.item(current.id).due == date(2026, 12, 4) and reads == []
    lingering = folder / f"{old.uid}@collab-tui.ics"
    lingering.write_bytes(path.read_bytes().replace(current.uid.encode(), old.uid.encode()))
    with Store.open(store.path) as fresh:
        result = vdir.import_vdir(fresh, folder, state.vdir(folder), TODAY)
        assert (result.added, result.updated) == (0, 1) and reads == ["all history"]
        assert fresh.item(old.id).status is Status.OPEN
