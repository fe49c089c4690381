"""Imports hold the store lock only for the commit; vCard values over the limits are refused.

Issue #8 case 9: an import used to hold the lock while it read and matched the whole file,
so every other command failed with "busy" meanwhile; and a 50 MB NOTE went into the hot
file that every later save rewrites. Speed itself is measured by bench/bench_import.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collab_tui import cli
from collab_tui.interop.taskwarrior import UUID_KEY, import_taskwarrior
from collab_tui.interop.vcard import (
    LONG_TEXT_LIMIT,
    SHORT_TEXT_LIMIT,
    import_vcards,
    parse_vcards,
)
from collab_tui.model import Contact, Item
from collab_tui.store import Store


def vcard(uid: str, name: str, *extra: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{name}", *extra, "END:VCARD"]
    return "\r\n".join(lines) + "\r\n"


def cards(count: int) -> str:
    return "".join(
        vcard(f"uid-{n}", f"联系人 {n}", f"EMAIL:p{n}@example.com") for n in range(count)
    )


def fold(line: str) -> str:
    """Fold a long line as exporters do (75 characters here; enough for the reader)."""
    pieces = [line[i : i + 74] for i in range(0, len(line), 74)]
    return "\r\n ".join(pieces)


# --- the lock is not held while the file is read and planned ---------------------------


def json_backup(tmp_path: Path) -> Path:
    path = tmp_path / "backup.json"
    contacts = [{"id": n, "name": f"联系人 {n}"} for n in range(1, 51)]
    path.write_text(json.dumps({"format": "collab-tui", "version": 1, "contacts": contacts}))
    return path


def taskwarrior_export(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.json"
    tasks = [{"uuid": f"u-{n}", "description": f"task {n}"} for n in range(50)]
    path.write_text(json.dumps(tasks))
    return path


def vcard_file(tmp_path: Path) -> Path:
    path = tmp_path / "cards.vcf"
    path.write_text(cards(50), encoding="utf-8")
    return path


# (make the file, how many records it holds, a Store method the planning calls)
IMPORTS = {
    "vcard": (vcard_file, "contacts", "contacts"),
    "json": (json_backup, "contacts", "contact"),
    "taskwarrior": (taskwarrior_export, "items", "items"),
}


@pytest.mark.parametrize("source", IMPORTS)
def test_another_command_can_save_while_an_import_is_planning(
    source, tmp_path, monkeypatch, capsys
):
    make_file, table, planning_call = IMPORTS[source]
    db = tmp_path / "collab.json"
    path = make_file(tmp_path)
    results: list[subprocess.CompletedProcess[str]] = []
    original = getattr(Store, planning_call)

    def planning(self, *args, **kwargs):
        if not results:  # once, while the import reads the store to plan
            command = [sys.executable, "-m", "collab_tui", "--db", str(db)]
            add = "task: call the auditor (saved during an import)"
            results.append(
                subprocess.run([*command, "add", add], capture_output=True, text=True, timeout=60)
            )
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, planning_call, planning)
    args = ["--db", str(db), "import", str(path)]
    if source == "taskwarrior":
        args += ["--from", "taskwarrior"]
    assert cli.main(args) == 0
    monkeypatch.undo()

    assert results, "the import never read the store"
    added = results[0]
    assert added.returncode == 0, added.stderr
    assert "busy" not in added.stderr
    with Store.open(db) as store:
        items = store.items(active_only=False)
        titles = [item.title for item in items]
        assert "call the auditor (saved during an import)" in titles
        count = len(store.contacts()) if table == "contacts" else len(items) - 1
    assert count == 50
    assert "added 50" in capsys.readouterr().out


def test_a_card_stored_by_another_process_meanwhile_is_updated_not_duplicated(store, monkeypatch):
    data = vcard("uid-ann", "Ann Lee", "EMAIL:ann@example.com") + cards(3)
    original = Store.contacts
    calls = []

    def planning(self):
        if not calls:  # another process saves the same person while this import plans
            with Store.open(store.path, lock_timeout=1) as other:
                other.add(Contact(name="Ann Lee", uid="uid-ann", notes="met in Berlin"))
        calls.append(1)
        return original(self)

    monkeypatch.setattr(store, "contacts", planning.__get__(store))
    summary = import_vcards(store, data)
    monkeypatch.undo()

    assert (summary.added, summary.updated) == (3, 1)
    ann = [c for c in store.contacts() if c.uid == "uid-ann"]
    assert len(ann) == 1
    assert (ann[0].email, ann[0].notes) == ("ann@example.com", "met in Berlin")
    assert len(store.contacts()) == 4


def test_a_task_stored_by_another_process_meanwhile_is_not_imported_twice(store, monkeypatch):
    tasks = [{"uuid": f"u-{n}", "description": f"task {n}"} for n in range(3)]
    original = Store.items
    calls = []

    def planning(self, active_only=True):
        if not calls:
            with Store.open(store.path, lock_timeout=1) as other:
                other.put(Item(title="task 0", extra={UUID_KEY: "u-0"}))
        calls.append(1)
        return original(self, active_only)

    monkeypatch.setattr(store, "items", planning.__get__(store))
    summary = import_taskwarrior(store, json.dumps(tasks))
    monkeypatch.undo()

    assert summary.added == 2
    uuids = [item.extra.get(UUID_KEY) for item in store.items(active_only=False)]
    assert sorted(uuids) == ["u-0", "u-1", "u-2"]


def test_a_dry_run_takes_no_lock_at_all(store, monkeypatch):
    import_vcards(store, cards(2))
    monkeypatch.setattr(type(store), "batch", None)  # any transaction would now fail
    summary = import_vcards(store, cards(3), dry_run=True)
    assert (summary.added, summary.unchanged) == (1, 2)


# --- size limits at the vCard boundary ----------------------------------------------------


def test_a_card_with_a_huge_note_is_skipped_and_named_the_rest_imports(store):
    note = "会议纪要 meeting notes; " * 10_000  # about 200,000 characters
    assert len(note) > LONG_TEXT_LIMIT
    data = (
        cards(2)
        + vcard("uid-big", "Bea Huge", fold("NOTE:" + note.replace(";", "\\;")))
        + vcard("uid-ok", "Olga Fine", "NOTE:" + "n" * LONG_TEXT_LIMIT)
    )
    summary = import_vcards(store, data)
    assert summary.added == 3
    [(where, why)] = summary.skipped
    assert where == "card 3 (line 13)"
    assert "Bea Huge" in why and "NOTE" in why and "100,000 characters" in why
    assert "Bea Huge" not in {c.name for c in store.contacts()}


def test_a_line_far_over_every_limit_is_refused_without_being_parsed():
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 60_000  # 240,000 characters
    found, problems = parse_vcards(vcard("uid-p", "Pat Photo", photo) + cards(1))
    assert [c.name for c in found] == ["联系人 0"]
    [(where, why)] = problems
    assert where == "card 1 (line 1)" and "Pat Photo: PHOTO (line 5)" in why


@pytest.mark.parametrize(
    "prop",
    [
        "FN:" + "x" * (SHORT_TEXT_LIMIT + 1),
        "TITLE:" + "t" * (SHORT_TEXT_LIMIT + 1),
        "EMAIL:" + "e" * SHORT_TEXT_LIMIT + "@example.com",
        "TEL:" + "1" * (SHORT_TEXT_LIMIT + 1),
        "ORG:Acme;" + "d" * (SHORT_TEXT_LIMIT + 1),
        "N:" + "n" * (SHORT_TEXT_LIMIT + 1) + ";;;;",
        "CATEGORIES:ok," + "c" * (SHORT_TEXT_LIMIT + 1),
    ],
    ids=lambda prop: prop.split(":", 1)[0],
)
def test_short_text_over_the_limit_is_refused(prop):
    name = prop.split(":", 1)[0]
    card = vcard("uid-1", "Sam Short", fold(prop))
    if name == "FN":
        card = card.replace("FN:Sam Short\r\n", "")  # the long FN is the card's only name
    found, problems = parse_vcards(card)
    assert found == []
    [(_where, why)] = problems
    assert f"{name} (line " in why and f"{SHORT_TEXT_LIMIT:,} characters" in why


def test_many_short_categories_are_fine_though_the_line_is_long():
    tags = ",".join(f"tag{n}" for n in range(400))  # 2,690 characters, each entry short
    found, problems = parse_vcards(vcard("uid-1", "Tia Tags", fold("CATEGORIES:" + tags)))
    assert problems == [] and len(found[0].fields["tags"]) == 400


def test_the_cli_reports_the_skipped_card_and_imports_the_rest(tmp_path, capsys):
    path = tmp_path / "big.vcf"
    path.write_text(cards(2) + vcard("uid-big", "Bea Huge", "NOTE:" + "x" * 200_000))
    db = tmp_path / "collab.json"
    assert cli.main(["--db", str(db), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "skipped card 3 (line 13): Bea Huge: NOTE (line 17) is longer than 100,000" in out
    assert "added 2, updated 0, unchanged 0, skipped 1" in out
