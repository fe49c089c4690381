"""The log's per-contact summary in the hot file: exact after every kind of change, never
trusted once the history changed behind the store's back, and enough for `today` and `who`
without reading the history (issue #10)."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from collab_tui import actions, triage
from collab_tui.cli import main
from collab_tui.interop import jsonfile
from collab_tui.model import Contact, Interaction, Item, Kind, Status
from collab_tui.store import SCHEMA_VERSION, ConflictError, Store, doctor, restore, summary  # noqa: F401
from collab_tui.store import store as store_module

TODAY = date(2026, 11, 23)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "collab.json"


def hot(db: Path) -> dict:
    return orjson.loads(db.read_bytes())


def segments(db: Path) -> list[Path]:
    return sorted(db.with_name("collab.history").glob("*.json"))


@contextlib.contextmanager
def history_unreadable():
    """Any attempt to read the whole history fails, as with an unreadable history folder."""

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self.history))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "_load_all_cold", refuse)
        patch.setattr(Store, "_every_interaction", refuse)
        yield


def fill(db: Path) -> dict[str, int]:
    """Two contacts, a third never met, interactions over several months (one planned
    after TODAY, one naming a contact twice), open items for each."""
    with Store.open(db) as store:
        lan = store.add(Contact("小蓝"))
        bob = store.add(Contact("Bob"))
        quiet = store.add(Contact("Quiet"))
        for n, (day, who) in enumerate(
            [
                ("2026-01-10", [lan.id]),
                ("2026-03-02", [lan.id, bob.id]),
                ("2026-09-20", [bob.id, bob.id]),
                ("2026-10-01", [lan.id]),
                ("2026-11-01", [lan.id, bob.id]),
                ("2026-12-15", [lan.id]),  # planned
            ]
        ):
            store.add(
                Interaction(
                    date=date.fromisoformat(day), summary=f"talk {n}", contact_ids=who,
                    decisions=[f"decision {n}"],
                )
            )  # fmt: skip
        for contact in (lan, bob, quiet):
            store.add(Item(f"follow up {contact.name}", kind=Kind.OWE, contact_ids=[contact.id]))
        return {"lan": lan.id, "bob": bob.id, "quiet": quiet.id}


def assert_exact(db: Path) -> None:
    """The stored summary is what the whole history gives, and reads use it alone."""
    with Store.open(db) as store:
        docs = [i.to_dict() for i in store.interactions()]
        contacts = store.contacts()
    entries, log = summary.build(docs)
    data = hot(db)
    assert data["summary"] == entries
    assert data["summary_log"] == log
    everything = [Interaction.from_dict(d) for d in docs]
    with Store.open(db) as store, history_unreadable():
        assert store.last_contact_dates(TODAY) == triage.last_contact_dates(
            i for i in everything if i.date <= TODAY
        )
        for contact in contacts:
            log_of = store.contact_log(contact.id, TODAY, triage.BRIEF_INTERACTIONS)
            full = triage.brief(contact.id, [], contacts, everything, TODAY)
            assert log_of.recent == full.last_interactions
            assert log_of.total == full.all_interactions_count
            assert log_of.last_contact == full.last_contact


def test_a_new_store_has_an_empty_summary(db):
    Store.open(db).close()
    data = hot(db)
    assert data["summary"] == {} and data["summary_log"] == {}
    assert data["meta"]["1"]["summary_stamp"] == {}


def test_exact_after_adds_edits_deletes_and_batches(db):
    ids = fill(db)
    assert_exact(db)
    with Store.open(db) as store:
        newest = max(store.interactions(), key=lambda i: (i.date, i.id))
        newest.contact_ids = [ids["bob"]]  # moved from 小蓝 to Bob
        newest.date = date(2026, 2, 1)  # and into another month
        store.update(newest)
    assert_exact(db)
    with Store.open(db) as store:
        first = min(store.interactions(), key=lambda i: i.id)
        store.delete(first)
    assert_exact(db)
    with Store.open(db) as store, store.batch():
        store.add(Interaction(date=date(2026, 11, 20), summary="x", contact_ids=[ids["quiet"]]))
        store.add(Interaction(date=date(2026, 11, 21), summary="y", contact_ids=[ids["lan"]]))
    assert_exact(db)
    with Store.open(db) as store:  # an item-only save keeps it (and its stamp) exact
        store.add(Item("unrelated"))
    assert_exact(db)


def test_random_edits_keep_it_exact_and_read_only_the_months_they_touch(db):
    """Edits of the text, the date (into another month, older or newer) and the people,
    deletes and adds, each checked against the whole history: none loads all history
    (an edit pushing a contact's older interactions up reads back only as far as needed)."""
    rng = random.Random(10)
    with Store.open(db) as store:
        people = [store.add(Contact(name)).id for name in ("小蓝", "Bob", "王芳", "Quiet")]
        for n in range(30):
            day = date(2025, rng.randint(1, 12), rng.randint(1, 28))
            who = rng.sample(people, rng.choice([1, 1, 2]))
            store.add(Interaction(date=day, summary=f"talk {n}", contact_ids=who))
    assert_exact(db)
    for step in range(60):
        with Store.open(db) as reader:
            target = rng.choice(reader.interactions())
        with Store.open(db) as store, history_unreadable():
            change = rng.choice(["text", "date", "date", "people", "delete", "add"])
            if change == "text":
                target.summary += f" / {step}"
            elif change == "date":
                target.date = date(rng.choice([2024, 2025, 2026]), rng.randint(1, 12), 3)
            elif change == "people":
                target.contact_ids = rng.sample(people, rng.choice([1, 2, 3]))
            if change == "delete":
                assert store.delete(target)
            elif change == "add":
                store.add(Interaction(date=TODAY, summary=f"new {step}", contact_ids=people[:1]))
            else:
                store.update(target)
        assert_exact(db)


def test_an_edit_finds_a_closed_item_or_a_moved_interaction_without_all_history(db):
    ids = fill(db)
    with Store.open(db) as store:
        done = store.add(Item("closed in March", kind=Kind.OWE, contact_ids=[ids["lan"]]))
        done.status = Status.DONE
        store.update(done)
        store.interactions()  # read elsewhere: the one below still has its date
        talk = min(store.interactions(), key=lambda i: i.id)
    assert done.closed is not None
    with Store.open(db) as store, history_unreadable():
        done.status = Status.OPEN  # reopened: back into the hot file
        store.update(done)
        talk.date = date(2026, 10, 5)  # its month is not where it is stored now
        store.update(talk)
    with Store.open(db) as store:
        assert store.item(done.id).is_open
        assert store.interaction(talk.id).date == date(2026, 10, 5)
    assert_exact(db)


def test_an_edit_of_an_interaction_deleted_meanwhile_is_a_conflict(db):
    fill(db)
    with Store.open(db) as store:
        talk = min(store.interactions(), key=lambda i: i.id)
    with Store.open(db) as other:
        other.delete(talk)
    with Store.open(db) as store:
        talk.summary = "edited after another process deleted it"
        with pytest.raises(ConflictError):
            store.update(talk)
        assert not store.delete(talk)
    assert_exact(db)


def test_exact_after_logging_undo_contact_delete_and_import(db, tmp_path):
    ids = fill(db)
    with Store.open(db) as store:
        logged = actions.log_interaction(store, [ids["quiet"]], "first talk", date(2026, 11, 22))
        actions.undo(store, [], [logged], {("Interaction", logged.id): logged.updated})
    assert_exact(db)
    with Store.open(db) as store:
        actions.delete_contact(store, ids["bob"], reassign_to=ids["quiet"])
    assert_exact(db)
    backup = tmp_path / "backup.json"
    with Store.open(db) as store:
        backup.write_bytes(orjson.dumps(jsonfile.export_data(store)))
    other = tmp_path / "other" / "collab.json"
    with Store.open(other) as store:
        jsonfile.import_data(store, orjson.loads(backup.read_bytes()))
    assert_exact(other)
    assert hot(other)["summary"] == hot(db)["summary"]


def test_doctor_repair_and_restore_leave_it_exact(db):
    fill(db)
    segment = segments(db)[0]
    data = orjson.loads(segment.read_bytes())
    data["interactions"]["999"] = {"id": 999, "date": "not a date", "contact_ids": [1]}
    segment.write_bytes(orjson.dumps(data))  # damaged by hand: set aside on load
    with Store.open(db) as store:
        store.interactions()
        doctor.repair(store)
    assert_exact(db)
    with Store.open(db) as store:
        store.add(Interaction(date=date(2026, 11, 22), summary="after", contact_ids=[1]))
    restore.restore(db)  # today's first save took a snapshot: back to before "after"
    with Store.open(db) as store:
        assert "after" not in [i.summary for i in store.interactions()]
        store.add(Item("a save after the restore"))
    assert_exact(db)


@pytest.mark.parametrize("same_size", [False, True])
def test_a_segment_changed_behind_the_stores_back_is_not_trusted(db, same_size):
    ids = fill(db)
    with Store.open(db) as store:
        store.add(Item("a save: the stamp now records the segments' mtimes"))
    segment = next(s for s in segments(db) if s.stem == "2026-11")
    raw = segment.read_bytes()
    if same_size:  # the same bytes count: only the mtime tells
        edited = raw.replace(b'"2026-11-01"', b'"2026-11-19"')
    else:
        data = orjson.loads(raw)
        doc = next(iter(data["interactions"].values()))
        data["interactions"]["900"] = {**doc, "id": 900, "date": "2026-11-19", "uid": "9" * 32}
        edited = orjson.dumps(data)
    assert (len(edited) == len(raw)) == same_size
    segment.write_bytes(edited)
    future = os.stat(db).st_mtime_ns + 10**9
    os.utime(segment, ns=(future, future))
    with Store.open(db) as store:
        assert store.last_contact_dates(TODAY)[ids["lan"]] == date(2026, 11, 19)
        with history_unreadable(), pytest.raises(PermissionError):
            store.last_contact_dates(TODAY)  # the stale summary is not used
    with Store.open(db) as store:
        store.add(Item("the next save rebuilds it"))
    assert_exact(db)


def copy_without_times(db: Path, to: Path) -> Path:
    """The data folder copied as a new computer or a sync tool may: every file a new mtime."""
    shutil.copytree(db.parent, to, copy_function=shutil.copyfile)
    later = os.stat(db).st_mtime_ns + 10**9
    for path in to.rglob("*"):
        later += 10**6  # each file newer than the one before, the hot file first
        os.utime(path, ns=(later, later))
    return to / db.name


def test_a_copied_history_is_still_summarised_and_the_next_save_restamps_it(db, tmp_path):
    ids = fill(db)
    copy = copy_without_times(db, tmp_path / "new-computer")
    with Store.open(copy) as store, history_unreadable():
        assert store.last_contact_dates(TODAY)[ids["lan"]] == date(2026, 11, 1)
        assert store.contact_log(ids["lan"], TODAY, 3).total == 5  # one planned
        store.add(Item("a save on the new computer"))  # no rebuild from all history
    stamp = hot(copy)["meta"]["1"]["summary_stamp"]
    assert all(mtime is not None for _, mtime in stamp.values())  # times of the copy
    assert_exact(copy)


def test_a_copied_segment_without_a_recorded_digest_is_not_trusted(db, tmp_path):
    ids = fill(db)
    data = hot(db)
    data["meta"]["1"]["checked"].pop("2026-11")  # e.g. written by a migration
    db.write_bytes(orjson.dumps(data))
    copy = copy_without_times(db, tmp_path / "new-computer")
    with Store.open(copy) as store:
        with history_unreadable(), pytest.raises(PermissionError):
            store.last_contact_dates(TODAY)
        assert store.last_contact_dates(TODAY)[ids["lan"]] == date(2026, 11, 1)
        assert store.contact_log(ids["lan"], TODAY, 3).total == 5
        assert store.last_topics([ids["bob"]], TODAY) == {ids["bob"]: "talk 4"}
        assert store._segments == {}  # read from the history one month at a time, none kept


def test_inside_a_batch_the_log_reads_its_own_new_month(db):
    """Mid-transaction the summary lags behind: the history is asked, with the month the
    batch is creating (not on disk yet) in it."""
    ids = fill(db)
    with Store.open(db) as store, store.batch():
        store.add(Interaction(date=date(2027, 1, 5), summary="new year", contact_ids=[ids["bob"]]))
        assert store.contact_log(ids["bob"], date(2027, 1, 6), 1).recent[0].summary == "new year"
        assert store.last_contact_dates(date(2027, 1, 6))[ids["bob"]] == date(2027, 1, 5)
        assert store.last_topics([ids["bob"]], date(2027, 1, 6)) == {ids["bob"]: "new year"}
    assert_exact(db)


def test_a_missing_summary_is_rebuilt_by_the_next_save_which_keeps_no_month(db):
    ids = fill(db)
    data = hot(db)
    del data["summary"]
    db.write_bytes(orjson.dumps(data))
    with Store.open(db) as store:
        with history_unreadable(), pytest.raises(PermissionError):
            store.contact_log(ids["lan"], TODAY, 3)
        store.add(Item("a save"))
        assert store._segments == {}  # every month read one at a time, and let go
        with history_unreadable():
            assert store.contact_log(ids["lan"], TODAY, 3).total == 5
            assert store.last_contact_dates(TODAY)[ids["lan"]] == date(2026, 11, 1)
    assert_exact(db)


def test_version_1_files_are_migrated(db):
    fill(db)
    data = hot(db)
    for table in ("summary", "summary_log"):
        del data[table]
    del data["meta"]["1"]["summary_stamp"]
    data["meta"]["1"]["schema_version"] = 1
    db.write_bytes(orjson.dumps(data))
    with Store.open(db) as store:
        assert store.contacts()
    assert hot(db)["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 3
    assert_exact(db)
    stock = TinyDB(db)  # a stock TinyDB still sees the contacts and the open items
    assert {d["name"] for d in stock.table("contacts").all()} == {"小蓝", "Bob", "Quiet"}
    assert len(stock.table("items").all()) == 3
    stock.close()


def test_write_layout_writes_the_summary(db):
    fill(db)
    data = hot(db)
    for segment in segments(db):
        for table, docs in orjson.loads(segment.read_bytes()).items():
            data.setdefault(table, {}).update(docs)
    del data["summary"], data["summary_log"]
    other = db.with_name("other.json")
    store_module.write_layout(other, data)
    assert hot(other)["summary"] == hot(db)["summary"]
    assert_exact(other)


def test_write_layout_of_checked_records_records_their_digest(db, monkeypatch):
    """As a save does: the next open trusts the hot records without screening them; a
    migration's (unchecked) layout has no digest, so its first open screens them."""
    from collab_tui.store import quarantine

    fill(db)
    data = hot(db)
    for segment in segments(db):
        for table, docs in orjson.loads(segment.read_bytes()).items():
            data.setdefault(table, {}).update(docs)
    del data["meta"]["1"]["records_digest"]  # as the saved file had it: not the point here
    checked, unchecked = db.with_name("checked.json"), db.with_name("unchecked.json")
    store_module.write_layout(checked, data, checked=True)
    store_module.write_layout(unchecked, data)
    assert "records_digest" in hot(checked)["meta"]["1"]
    assert "records_digest" not in hot(unchecked)["meta"]["1"]
    screened: list[object] = []
    real_screen = quarantine.screen
    monkeypatch.setattr(
        quarantine, "screen", lambda path, *a: screened.append(path) or real_screen(path, *a)
    )
    Store.open(checked).close()
    assert checked not in screened
    Store.open(unchecked).close()
    assert unchecked in screened


# --- the shell: `today` and `who` without the history ----------------------------------------


def run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


COMMANDS = [["today"], ["today", "--json"], ["who", "小蓝"], ["who", "Bob", "--json"], ["matrix"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_today_and_who_read_no_history(db, capsys, monkeypatch, command):
    fill(db)
    monkeypatch.setenv("COLLAB_TODAY", TODAY.isoformat())
    args = ["--db", str(db), *command]
    with Store.open(db) as store:  # what the full history says
        contacts = store.contacts()
        everything = store.interactions()
        full_agenda = triage.agenda(store.items(), contacts, everything, TODAY, store.settings)
    code, with_history = run(args, capsys)
    assert code == 0
    with history_unreadable():
        code, without = run(args, capsys)
    assert code == 0
    assert without == with_history
    if command == ["today"]:
        cold = [c.contact.name for c in full_agenda.going_cold]
        assert cold == ["Bob", "小蓝"]  # last talked to on 1 Nov: going cold, shown
        assert "Bob" in without
    if command[0] == "who" and "--json" in command:
        shown = orjson.loads(without)
        assert shown["interactions_count"] == 3  # "talk 2" names Bob twice: counted once
        assert shown["last_contact"] == "2026-11-01"


def test_a_stale_summary_makes_today_read_the_history(db, capsys, monkeypatch):
    fill(db)
    monkeypatch.setenv("COLLAB_TODAY", TODAY.isoformat())
    segment = segments(db)[-1]
    segment.write_bytes(segment.read_bytes() + b" ")  # changed behind the store's back
    code, _ = run(["--db", str(db), "who", "小蓝"], capsys)
    assert code == 0
    with history_unreadable():
        assert run(["--db", str(db), "who", "小蓝"], capsys)[0] == 1  # not the stale summary
