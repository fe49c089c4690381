"""Fault injection: every system call position of a save fails, and the data and the
message must agree on whether the save happened.

An injection layer stands in for ``durable.syscalls``. Each operation is first run with a
counting wrapper to learn how many ``open``, ``write``, ``fsync``, ``replace`` and
``unlink`` calls it makes; then, on a fresh copy of the data each time, one position of
one call fails (EIO; ENOSPC for writes) — once, or from there on ("sticky": a disk gone
bad, so the immediate retry fails too). Afterwards a fresh Store opens the data, and its
whole logical content must be exactly the before-state or exactly the after-state, and
the message must say "Nothing was changed" exactly when it is the before-state.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from collab_tui import cli, model
from collab_tui.model import Contact, Interaction, Item, Status
from collab_tui.store import JournalDamaged, Store, durable
from collab_tui.store import journal as journal_module
from collab_tui.store.migrations import META_ID

TODAY = "2026-11-24"
FROZEN = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
CALLS = ("open", "write", "fsync", "replace", "unlink")
NOTHING = "Nothing was changed"

# Figures of every run, printed at the end of the module (pytest -s shows them).
FIGURES: Counter[str] = Counter()


class Fault(OSError):
    """The injected failure (an OSError like the real ones)."""


class Injector(durable.Syscalls):
    """Counts the store's system calls; fails call ``name`` number ``position`` (0-based)."""

    def __init__(
        self, name: str = "", position: int = -1, code: int = errno.EIO, sticky: bool = False
    ) -> None:
        self.counts: Counter[str] = Counter()
        self.name, self.position, self.code, self.sticky = name, position, code, sticky
        self.failed = 0

    def _call(self, name: str, real: Callable[..., Any], *args: Any) -> Any:
        n = self.counts[name]
        self.counts[name] += 1
        if name == self.name and (n == self.position or (self.sticky and n > self.position)):
            self.failed += 1
            raise Fault(self.code, f"{os.strerror(self.code)} (injected)")
        return real(*args)

    def open(self, *args: Any) -> int:
        return self._call("open", super().open, *args)

    def write(self, *args: Any) -> int:
        return self._call("write", super().write, *args)

    def fsync(self, *args: Any) -> None:
        return self._call("fsync", super().fsync, *args)

    def close(self, *args: Any) -> None:
        return super().close(*args)  # closing never fails here: it is no commit step

    def replace(self, *args: Any) -> None:
        return self._call("replace", super().replace, *args)

    def unlink(self, *args: Any) -> None:
        return self._call("unlink", super().unlink, *args)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run of an operation stamps the same times, so after-states compare exactly."""
    import collab_tui.actions
    import collab_tui.interop.jsonfile
    import collab_tui.store.store  # noqa: F401

    real = model.now
    for name, module in list(sys.modules.items()):
        if name.startswith("collab_tui") and getattr(module, "now", None) is real:
            monkeypatch.setattr(module, "now", lambda: FROZEN)
    monkeypatch.setenv("COLLAB_TODAY", TODAY)


def logical(db: Path) -> dict[str, Any]:
    """Everything a user could lose, read by a fresh Store (which finishes any journal)."""
    store = Store.open(db)
    try:

        def rows(records: list[Any]) -> list[dict[str, Any]]:
            return [{k: v for k, v in r.to_dict().items() if k != "uid"} for r in records]

        state = {
            "items": rows(store.items(active_only=False)),
            "contacts": rows(store.contacts()),
            "interactions": rows(store.interactions()),
            "settings": store.settings.to_dict(),
            "last_ids": store._hot.storage.data["meta"][META_ID]["last_ids"],
        }
    finally:
        store.close()
    assert not db.with_name(db.name + ".journal").exists()
    return state


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(argv)
    return code, capsys.readouterr().err


# --- the data ---------------------------------------------------------------------------------


def backup_file(path: Path) -> Path:
    """A JSON backup with records over eight months: an import writes ten files."""
    start = datetime(2026, 3, 1, 10, tzinfo=UTC)
    items, interactions = [], []
    for n in range(48):
        stamp = start + timedelta(days=5 * n)
        item = Item(f"imported task {n} for 小蓝", id=100 + n, created=stamp, updated=stamp)
        if n % 4:
            item.status, item.closed = Status.DONE, stamp
        items.append(item.to_dict())
        meeting = Interaction(stamp.date(), f"imported meeting {n}", id=100 + n)
        meeting.created = meeting.updated = stamp
        interactions.append(meeting.to_dict())
    contact = Contact("Imported Person", id=100, created=start, updated=start)
    backup = {
        "format": "collab-tui",
        "version": 1,
        "exported": start.isoformat(),
        "settings": {"urgency_horizon_days": 3, "cold_after_days": 21},
        "contacts": [contact.to_dict()],
        "items": items,
        "interactions": interactions,
    }
    path.write_text(json.dumps(backup, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store with active items, history in two months and contacts."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "data" / "collab.json"
    store = Store.open(db)
    lee = store.add(Contact("Lee"))
    for n in range(6):
        store.add(Item(f"open task {n}", contact_ids=[lee.id], due=date(2026, 11, 20 + n)))
    for n, month in enumerate((9, 10)):
        store.add(Item(f"old task {n}", status=Status.DONE))
        store.add(Interaction(date(2026, month, 3), f"meeting {n}", contact_ids=[lee.id]))
    store.close()
    backup_file(folder / "backup.json")
    return folder


def fresh_copy(template: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(template, target, symlinks=True)
    return target / "data" / "collab.json"


OPERATIONS: dict[str, list[str]] = {
    "add": ["add", "owe: send the signed contract @Lee due:fri"],
    "add meeting": ["add", "meet: @Lee agreed on the spec"],
    "done": ["done", "1"],
    "snooze": ["snooze", "2", "+3d"],
    "import": ["import", "{backup}"],
}


@dataclass
class Outcome:
    runs: int = 0
    positions: Counter[str] = field(default_factory=Counter)
    before: int = 0
    after: int = 0
    losses: list[str] = field(default_factory=list)
    false_messages: list[str] = field(default_factory=list)


def plans(counts: Counter[str]) -> Iterator[tuple[str, int, int, bool]]:
    """Every (call, position, error, sticky) to try: the call fails once, or from then on."""
    for name in CALLS:
        for position in range(counts[name]):
            codes = (errno.EIO, errno.ENOSPC) if name == "write" else (errno.EIO,)
            for code in codes:
                for sticky in (False, True):
                    yield name, position, code, sticky


def judge(
    outcome: Outcome, label: str, state: Any, before: Any, after: Any, failed: bool, err: str
) -> None:
    """Before or after, and the message says which."""
    said_nothing = NOTHING in err
    if state == before:
        outcome.before += 1
        if not (failed and said_nothing):
            outcome.false_messages.append(f"{label}: before-state, but said {err!r}")
    elif state == after:
        outcome.after += 1
        if said_nothing or (failed and "saved" not in err):
            outcome.false_messages.append(f"{label}: after-state, but said {err!r}")
    else:
        differ = [k for k in state if state[k] != after.get(k)]
        outcome.losses.append(f"{label}: neither before nor after ({differ}); said {err!r}")


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_failing_call_leaves_before_or_after_and_says_which(
    operation: str,
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = str(template / "backup.json")
    argv = [a.replace("{backup}", backup) for a in OPERATIONS[operation]]
    db = fresh_copy(template, tmp_path, "reference")
    before = logical(db)
    counter = Injector()
    with injected(monkeypatch, counter):
        code, err = run_cli(["--db", str(db), *argv], capsys)
    assert code == 0, err
    after = logical(db)
    assert after != before

    outcome = Outcome(positions=Counter({k: counter.counts[k] for k in CALLS}))
    for n, (name, position, code, sticky) in enumerate(plans(counter.counts)):
        label = f"{operation}: {name} #{position + 1} {errno.errorcode[code]}"
        label += " sticky" if sticky else ""
        db = fresh_copy(template, tmp_path, f"run{n}")
        injector = Injector(name, position, code, sticky)
        with injected(monkeypatch, injector):
            result, err = run_cli(["--db", str(db), *argv], capsys)
        assert injector.failed, label
        outcome.runs += 1
        judge(outcome, label, logical(db), before, after, result != 0, err)
        shutil.rmtree(db.parent.parent)

    record(operation, outcome)
    assert outcome.losses == []
    assert outcome.false_messages == []
    assert outcome.before and outcome.after  # both sides of the commit point were hit


def record(operation: str, outcome: Outcome) -> None:
    positions = sum(outcome.positions.values())
    FIGURES["positions"] += positions
    FIGURES["runs"] += outcome.runs
    FIGURES["before"] += outcome.before
    FIGURES["after"] += outcome.after
    FIGURES["losses"] += len(outcome.losses)
    FIGURES["false messages"] += len(outcome.false_messages)
    calls = ", ".join(f"{k} {v}" for k, v in outcome.positions.items())
    print(
        f"\n{operation}: {positions} positions ({calls}); {outcome.runs} runs: "
        f"{outcome.before} before, {outcome.after} after, {len(outcome.losses)} losses, "
        f"{len(outcome.false_messages)} false messages"
    )


# --- a save in the app ------------------------------------------------------------------------


def store_for_the_app(
    template: Path, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Store]:
    """A fresh copy of the data, opened, for an app run without animations or threads."""
    from collab_tui.tui.app import CollabApp

    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(CollabApp, "history_in_thread", False)
    db = fresh_copy(template, tmp_path, name)
    return db, Store.open(db)


def test_a_failing_save_in_the_app_says_what_happened(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Completing an item in the TUI, with each call position failing in turn."""
    from collab_tui.tui.app import make_app

    db, store = store_for_the_app(template, tmp_path, "app", monkeypatch)
    with store.batch():  # overdue, so Today lists them all
        for n in range(50):
            store.add(Item(f"overdue task {n}", due=date(2026, 11, 20)))
    app = make_app(store, date.fromisoformat(TODAY))
    outcome = Outcome()

    async def close_each_in_turn() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            targets = [i.id for i in store.items()]
            counter = Injector()
            with injected(monkeypatch, counter):
                assert app.current_view.select_item(targets.pop())
                await pilot.press("d")
            assert counter.counts["replace"] >= 2  # a close writes the hot file and history
            outcome.positions = Counter({k: counter.counts[k] for k in CALLS})
            state = logical(db)
            # Failing once only: the CLI runs cover the sticky failures of the same code,
            # and the warning a sticky one gives in the app has its own test below.
            for name, position, code, sticky in plans(counter.counts):
                if sticky:
                    continue
                if not targets:
                    break
                label = f"tui done: {name} #{position + 1} {errno.errorcode[code]}"
                label += " sticky" if sticky else ""
                item_id = targets.pop()
                before = state
                after = closed_in(before, item_id)
                app._notifications.clear()
                monkeypatch.setattr(durable, "syscalls", Injector(name, position, code, sticky))
                assert app.current_view.select_item(item_id), label
                await pilot.press("d")
                inject(monkeypatch, durable.Syscalls())
                problems = [n for n in app._notifications if n.severity in ("error", "warning")]
                messages = " ".join(n.message for n in problems)
                state = logical(db)
                outcome.runs += 1
                judge(outcome, label, shape(state), shape(before), after, bool(problems), messages)
                await pilot.pause()

    asyncio.run(close_each_in_turn())
    store.close()
    record("tui done", outcome)
    assert outcome.losses == [] and outcome.false_messages == []
    assert outcome.before and outcome.after


def closed_in(state: dict[str, Any], item_id: int) -> dict[str, Any]:
    """The expected after-state of closing ``item_id``: only its status differs."""
    expected = shape(state)
    for row in expected["items"]:
        if row["id"] == item_id:
            row["status"] = "done"
    return expected


def shape(state: dict[str, Any]) -> dict[str, Any]:
    """The state with the close's own stamps (updated, closed) left out of items."""
    items = [
        {k: v for k, v in row.items() if k not in ("updated", "closed")} for row in state["items"]
    ]
    return {**state, "items": items}


def test_zz_figures() -> None:
    """Print the totals (runs last in file order; pytest -s shows it)."""
    print(f"\nfault injection totals: {dict(FIGURES)}")


# --- the numbered cases of issue 8 ------------------------------------------------------------


def raw_items(db: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The items as the files hold them: (hot file's, every history segment's)."""
    hot = json.loads(db.read_bytes())["items"]
    cold: dict[str, Any] = {}
    for segment in sorted(db.with_name("collab.history").glob("*.json")):
        cold.update(json.loads(segment.read_bytes()).get("items", {}))
    return hot, cold


def half_closed(db: Path) -> list[str]:
    """Items active in the hot file and closed in history at once."""
    hot, cold = raw_items(db)
    return [i for i in hot if i in cold]


def inject(monkeypatch: pytest.MonkeyPatch, injector: durable.Syscalls) -> None:
    monkeypatch.setattr(durable, "syscalls", injector)


@contextmanager
def injected(monkeypatch: pytest.MonkeyPatch, injector: durable.Syscalls) -> Iterator[None]:
    """The store's system calls go through ``injector`` inside the block, the real ones after."""
    inject(monkeypatch, injector)
    try:
        yield
    finally:
        inject(monkeypatch, durable.Syscalls())


@pytest.mark.parametrize("sticky", [False, True])
def test_case1_a_failing_fsync_on_done_never_loses_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sticky
) -> None:
    db = tmp_path / "collab.json"
    assert (
        run_cli(["--db", str(db), "add", "owe: send the signed contract @Lee due:fri"], capsys)[0]
        == 0
    )
    with injected(monkeypatch, Injector("fsync", 3, errno.EIO, sticky)):  # the fourth fsync
        code, err = run_cli(["--db", str(db), "done", "1"], capsys)
    items = {i["id"]: i for i in logical(db)["items"]}
    assert items[1]["title"] == "send the signed contract"  # still there, in some file
    if NOTHING in err:
        assert items[1]["status"] == "open"
    else:
        assert items[1]["status"] == "done"
        assert code == 0 or "saved" in err
    assert half_closed(db) == []


def test_case2_a_failing_directory_fsync_on_add_says_saved_so_no_retry_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "collab.json"
    # A first save takes today's backup, so the add below is one file: fsync #0 is the
    # file's, #1 its folder's.
    assert run_cli(["--db", str(db), "add", "call the notary"], capsys)[0] == 0
    injector = Injector("fsync", 1, errno.EIO, sticky=True)
    with injected(monkeypatch, injector):
        code, err = run_cli(["--db", str(db), "add", "call the bank"], capsys)
    assert code != 0 and NOTHING not in err
    assert "saved" in err and "do not make it again" in err
    assert [i["title"] for i in logical(db)["items"]] == ["call the notary", "call the bank"]


def test_case2_every_fsync_of_a_many_file_import_is_all_or_nothing(
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = str(template / "backup.json")
    db = fresh_copy(template, tmp_path, "before")
    before = logical(db)
    counter = Injector()
    with injected(monkeypatch, counter):
        assert run_cli(["--db", str(db), "import", backup], capsys)[0] == 0
    after = logical(db)
    assert len(list(db.with_name("collab.history").glob("*.json"))) >= 8
    for position in range(counter.counts["fsync"]):
        db = fresh_copy(template, tmp_path, f"fsync{position}")
        with injected(monkeypatch, Injector("fsync", position, errno.EIO, sticky=True)):
            code, err = run_cli(["--db", str(db), "import", backup], capsys)
        state = logical(db)
        assert state == (before if NOTHING in err else after), (position, err)


def test_case2_a_full_disk_on_done_never_half_closes(
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for position in range(3):  # the disk fills up at the journal, the segment, the hot file
        db = fresh_copy(template, tmp_path, f"full{position}")
        with injected(monkeypatch, Injector("write", position, errno.ENOSPC, sticky=True)):
            code, err = run_cli(["--db", str(db), "done", "1"], capsys)
        assert code != 0 and "No space left" in err
        status = {i["id"]: i["status"] for i in logical(db)["items"]}[1]
        assert status == ("open" if NOTHING in err else "done")
        assert half_closed(db) == []


class Crash(BaseException):
    """Stands in for kill -9 at one system call: nothing after it runs."""


class Crasher(Injector):
    def _call(self, name: str, real: Callable[..., Any], *args: Any) -> Any:
        try:
            return super()._call(name, real, *args)
        except Fault:
            raise Crash from None


def test_case3_a_crash_at_any_point_of_a_close_leaves_no_half_closed_item(
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    counter = Injector()
    db = fresh_copy(template, tmp_path, "count")
    with injected(monkeypatch, counter):
        assert run_cli(["--db", str(db), "done", "1"], capsys)[0] == 0
    for name in CALLS:
        for position in range(counter.counts[name]):
            db = fresh_copy(template, tmp_path, f"crash-{name}{position}")
            with injected(monkeypatch, Crasher(name, position)):
                with pytest.raises(Crash):
                    cli.main(["--db", str(db), "done", "1"])
            status = {i["id"]: i["status"] for i in logical(db)["items"]}[1]  # the next open
            assert status in ("open", "done")
            assert half_closed(db) == [], (name, position)
            assert Store.open(db).item(1).status.value == status


# --- the journal --------------------------------------------------------------------------------


def crash_after_the_journal(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Close item 1 and 'crash' right after the journal's rename."""
    store = Store.open(db)
    item = store.item(1)
    item.status = Status.DONE
    with injected(monkeypatch, Crasher("replace", 1)):  # the journal is rename #0
        with pytest.raises(Crash):
            store.update(item)
    store.close()
    assert db.with_name("collab.json.journal").exists()


def test_an_open_store_finishes_a_journal_left_by_another_process(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = fresh_copy(template, tmp_path, "other")
    reader = Store.open(db)
    assert reader.item(1).status is Status.OPEN
    crash_after_the_journal(db, monkeypatch)
    assert reader.refresh()  # takes the lock: finishes the save, then reloads
    assert reader.item(1).status is Status.DONE
    assert not db.with_name("collab.json.journal").exists()
    assert half_closed(db) == []


def test_a_damaged_journal_is_refused_and_left_alone(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = fresh_copy(template, tmp_path, "damaged")
    crash_after_the_journal(db, monkeypatch)
    journal = db.with_name("collab.json.journal")
    raw = bytearray(journal.read_bytes())
    raw[len(raw) // 2] ^= 0x20
    journal.write_bytes(raw)
    files = {p: p.read_bytes() for p in db.parent.rglob("*.json")}
    with pytest.raises(JournalDamaged) as info:
        Store.open(db)
    message = str(info.value)
    assert str(journal) in message and "checksum" in message and "will not guess" in message
    assert journal.read_bytes() == raw
    assert {p: p.read_bytes() for p in db.parent.rglob("*.json")} == files


def test_a_journal_may_only_name_files_of_the_data(tmp_path: Path) -> None:
    db = tmp_path / "collab.json"
    Store.open(db).close()
    outside = tmp_path / "collab.history" / ".." / ".." / "elsewhere.json"
    planted = journal_module.encode(db, [journal_module.Change(outside, b"{}")], 99)
    db.with_name("collab.json.journal").write_bytes(planted)
    with pytest.raises(JournalDamaged, match="not a file of this data"):
        Store.open(db)
    assert not (tmp_path.parent / "elsewhere.json").exists()


def test_a_stale_journal_is_removed_without_being_applied(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = fresh_copy(template, tmp_path, "stale")
    crash_after_the_journal(db, monkeypatch)
    journal = db.with_name("collab.json.journal")
    kept = journal.read_bytes()
    journal.unlink()  # as if its removal was durable...
    store = Store.open(db)
    store.add(Item("a later save"))
    store.add(Item("and another"))
    store.close()
    journal.write_bytes(kept)  # ...but a power cut brought it back
    state = logical(db)
    assert {i["title"] for i in state["items"]} >= {"a later save", "and another"}
    assert {i["id"]: i["status"] for i in state["items"]}[1] == "open"


def test_the_app_shows_a_saved_but_unfinished_save_as_a_warning(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collab_tui.tui.app import make_app

    db, store = store_for_the_app(template, tmp_path, "warning", monkeypatch)
    item = store.add(Item("overdue", due=date(2026, 11, 20)))
    app = make_app(store, date.fromisoformat(TODAY))

    async def close_it() -> list[Any]:
        async with app.run_test(size=(120, 40)) as pilot:
            assert app.current_view.select_item(item.id)
            hot_file = Injector("replace", 2, errno.EIO, sticky=True)
            with injected(monkeypatch, hot_file):
                await pilot.press("d")
            await pilot.pause()
            return list(app._notifications)

    notes = asyncio.run(close_it())
    assert [n.severity for n in notes] == ["warning"]
    assert "The change is saved" in notes[0].message
    assert store.item(item.id).status is Status.DONE  # the app shows the after-state
    store.close()
    assert {i["id"]: i["status"] for i in logical(db)["items"]}[item.id] == "done"


def test_temp_files_of_a_killed_journal_write_are_swept(tmp_path: Path) -> None:
    db = tmp_path / "collab.json"
    Store.open(db).close()
    leftover = tmp_path / ".collab.json.journal.0123456789ab.tmp"
    leftover.write_bytes(b"collab-journal 1\n{")
    Store.open(db).close()
    assert not leftover.exists()
