"""A vdir: one file per contact or to-do, named by its UID (the common ground of khard,
todoman, khal and vdirsyncer, https://vdirsyncer.pimutils.org/en/stable/vdir.html).

Exporting writes ``<uid>.vcf`` / ``<uid>.ics`` (or the name the file already has, when
another program created it), rewrites a file only when its bytes change, and leaves a
file alone that changed on the other side since collab last saw it: it is read by the
next import instead of being overwritten.

Importing reads only the files that changed since collab last wrote or read them, so an
unchanged address book costs nothing and an echo of collab's own export is no change.
What collab last wrote or read is the sync state: per data file, per vdir, file name ->
SHA-256 of its bytes, kept in ``paths.sync_dir()/state`` (written atomically), not in
the data file.

Deletions are deliberate, never silent:

- a record deleted in collab (a contact) or a closed item past ``ics.CLOSED_DAYS`` has
  its file removed, if collab wrote that file and it is still as collab wrote it (a file
  collab only read, an event in a shared calendar folder say, is never removed);
- a file deleted on the other side (a card deleted on the phone) does not delete the
  record: a contact carries collab's own fields (KPIs, stance, boss, the log), and a
  deleted deadline is not a deadline met. The record is kept, counted as "kept", and not
  written to the vdir again until it changes in collab, so the deletion sticks on the
  server without collab losing anything.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collab_tui.interop import ics, vcard
from collab_tui.model import Contact, Item, current_contacts, now
from collab_tui.paths import sync_dir
from collab_tui.records import record_class
from collab_tui.words import t

if TYPE_CHECKING:
    from datetime import date

    from collab_tui.store import Store

CONTACTS, TODOS = ".vcf", ".ics"
STATE_VERSION = 1
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9@._+-]{0,199}")
_FOLD = re.compile(rb"\r?\n[ \t]")
_UID = re.compile(rb"^UID(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE | re.IGNORECASE)
_REV = re.compile(rb"^REV(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE | re.IGNORECASE)
_COLLAB_PROPERTY = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?X-COLLAB-", re.IGNORECASE)


# --- what was last synced ----------------------------------------------------------------


@record_class
class VdirState:
    """What collab last wrote to or read from one vdir."""

    files: dict[str, str] = field(default_factory=dict)  # file name -> SHA-256 (hex)
    uids: dict[str, str] = field(default_factory=dict)  # file name -> UID inside
    own: list[str] = field(default_factory=list)  # file names collab exported (sorted)
    deleted: dict[str, str] = field(default_factory=dict)  # UID -> when found deleted (ISO)
    last_sync: str = ""  # ISO time of the last import

    @property
    def last_sync_time(self) -> datetime | None:
        return datetime.fromisoformat(self.last_sync) if self.last_sync else None


class SyncState:
    """The sync state of one data file: a small JSON file, replaced atomically."""

    def __init__(self, db_path: Path, directory: Path | None = None) -> None:
        key = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:16]
        self.path = (directory or sync_dir() / "state") / f"{key}.json"
        self.vdirs: dict[str, VdirState] = {}
        try:
            data: Any = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            data = {}  # damaged: every file is then read once more, which is harmless
        vdirs = data.get("vdirs") if isinstance(data, dict) else None
        for name, entry in (vdirs if isinstance(vdirs, dict) else {}).items():
            if isinstance(entry, dict):  # a damaged part: read every file of that vdir again
                state = VdirState()
                for key, default in vars(VdirState()).items():
                    if type(entry.get(key)) is type(default):
                        setattr(state, key, entry[key])
                self.vdirs[name] = state

    def vdir(self, directory: Path) -> VdirState:
        return self.vdirs.setdefault(str(directory.resolve()), VdirState())

    def save(self) -> None:
        from collab_tui.store.durable import ensure_dir, write_atomic

        ensure_dir(self.path.parent)
        data = {"version": STATE_VERSION, "vdirs": {k: vars(v) for k, v in self.vdirs.items()}}
        write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- exporting ---------------------------------------------------------------------------


@record_class
class Entry:
    """One file to write: the record's UID, the bytes, when the record last changed."""

    uid: str
    data: bytes
    updated: datetime


@record_class
class VdirExport:
    """What an export to a vdir folder did, file by file, counted."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    held: int = 0  # changed on the other side since collab saw them: left for the import


def contact_entries(contacts: list[Contact]) -> list[Entry]:
    """One vCard per contact, cut from the one-file export (boss links resolved there)."""
    contacts = current_contacts(contacts)
    text = vcard.export_vcards(contacts)
    cards = re.findall(r"BEGIN:VCARD\r?\n.*?END:VCARD\r?\n", text, re.DOTALL)
    return [
        Entry(contact.uid, card.encode("utf-8"), contact.updated)
        for contact, card in zip(contacts, cards, strict=True)
    ]


def todo_entries(items: list[Item], contacts: list[Contact], today: date) -> list[Entry]:
    return [
        Entry(uid, data, updated)
        for uid, (data, updated) in ics.todo_files(items, contacts, today).items()
    ]


def export_to(store: Store, directory: Path, ext: str, state: VdirState, today: date) -> VdirExport:
    """Export the contacts (ext ``.vcf``) or the to-dos (``.ics``) into ``directory``."""
    contacts = store.contacts()
    if ext == CONTACTS:
        entries = contact_entries(contacts)
    else:
        entries = todo_entries(ics.calendar_items(store, today), contacts, today)
    return export_vdir(directory, ext, entries, state)


def export_vdir(directory: Path, ext: str, entries: list[Entry], state: VdirState) -> VdirExport:
    """Write ``entries`` into ``directory`` as one file each; see the module docstring."""
    from collab_tui.store.durable import ensure_dir, write_atomic

    ensure_dir(directory)
    result = VdirExport()
    present = _scan(directory, ext)
    name_of = {uid: name for name, (uid, _data) in present.items() if uid}
    exported: set[str] = set()
    for entry in entries:
        deleted = state.deleted.get(entry.uid)
        if deleted and entry.updated <= datetime.fromisoformat(deleted):
            continue  # deleted on the other side and not changed here since
        state.deleted.pop(entry.uid, None)
        name = name_of.get(entry.uid) or file_name(entry.uid, ext)
        exported.add(name)
        old = present.get(name)
        if old is not None and old[1] == entry.data:
            result.unchanged += 1
        elif old is not None and state.files.get(name) != digest(old[1]):
            result.held += 1
            continue
        else:
            write_atomic(directory / name, entry.data)
            result.written += 1
        state.files[name] = digest(entry.data)
        state.uids[name] = entry.uid
    own = set(state.own) | exported
    for name, (_uid, data) in present.items():
        if name in own and name not in exported and state.files.get(name) == digest(data):
            (directory / name).unlink()  # collab's own file, of a record no longer shown
            state.files.pop(name)
            state.uids.pop(name, None)
            own.discard(name)
            result.removed += 1
    state.own = sorted(own & set(state.files))
    return result


def file_name(uid: str, ext: str) -> str:
    """``<uid><ext>`` when the UID is safe as a file name, else a digest of it."""
    if _SAFE_NAME.fullmatch(uid):
        return uid + ext
    return hashlib.sha256(uid.encode()).hexdigest()[:32] + ext


def _scan(directory: Path, ext: str) -> dict[str, tuple[str, bytes]]:
    """File name -> (UID inside, bytes) of every ``*ext`` file in ``directory``."""
    found: dict[str, tuple[str, bytes]] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*" + ext)):
        if path.name.startswith(".") or not path.is_file():
            continue  # a dot file is a program's temporary file
        data = path.read_bytes()
        found[path.name] = (_first(_UID, data), data)
    return found


def _first(pattern: re.Pattern[bytes], data: bytes) -> str:
    match = pattern.search(_FOLD.sub(b"", data))
    return match.group(1).decode("utf-8", "replace").strip() if match else ""


# --- importing ---------------------------------------------------------------------------


@record_class
class VdirImport:
    """What an import of a vdir did (or, in a dry run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    completed: int = 0  # to-dos closed in a calendar app: done or dropped in collab
    kept: int = 0  # deleted on the other side, kept in collab
    conflicts: list[str] = field(default_factory=list)  # names / titles where collab won
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    def merge(self, other: VdirImport) -> None:
        for name in ("added", "updated", "unchanged", "completed", "kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.conflicts += other.conflicts
        self.skipped += other.skipped

    def counts(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "completed": self.completed,
            "conflicts": len(self.conflicts),
            "kept": self.kept,
            "skipped": len(self.skipped),
        }


def import_vdir(
    store: Store, directory: Path, state: VdirState, today: date, dry_run: bool = False
) -> VdirImport:
    """Bring back the contacts (``*.vcf``) and to-dos (``*.ics``) changed in ``directory``.

    Contacts go through the vCard import (matched by UID, never duplicated), with
    collab's own properties (X-COLLAB-*) ignored for a contact collab already has: KPIs,
    concerns, stance, roles, boss and gains are collab's, whatever a card says. A
    contact changed on both sides since the last sync keeps collab's version unless the
    card's REV is later (a conflict, reported). To-dos: ``ics.plan_todos``.
    With ``dry_run`` nothing is stored and the state is not changed.
    """
    result = VdirImport()
    cards = _changed(directory, CONTACTS, state, result)
    todos = _changed(directory, TODOS, state, result)
    last_sync = state.last_sync_time
    if cards:
        _import_cards(store, cards, last_sync, result, dry_run)
    if todos:
        _import_todos(store, todos, last_sync, today, result, dry_run)
    if not dry_run:
        for name, (uid, data) in {**cards, **todos}.items():
            state.files[name] = digest(data)
            state.uids[name] = uid
        # Later than every stamp this import made: its own changes are not "changed in
        # collab since the last sync" at the next one.
        state.last_sync = datetime.now(UTC).isoformat()
    return result


def _changed(
    directory: Path, ext: str, state: VdirState, result: VdirImport
) -> dict[str, tuple[str, bytes]]:
    """The files of ``directory`` that are new or changed since collab last saw them;
    notes (in ``state`` and ``result``) those that were deleted on the other side."""
    present = _scan(directory, ext)
    for name in [n for n in state.files if n.endswith(ext) and n not in present]:
        state.files.pop(name)
        uid = state.uids.pop(name, "")
        if uid and name in state.own:  # a record's file: the record stays (module docstring)
            state.deleted[uid] = now().isoformat()
            state.own.remove(name)
            result.kept += 1
    return {n: f for n, f in present.items() if state.files.get(n) != digest(f[1])}


def _import_cards(
    store: Store,
    files: dict[str, tuple[str, bytes]],
    last_sync: datetime | None,
    result: VdirImport,
    dry_run: bool,
) -> None:
    by_uid = {c.uid: c for c in current_contacts(store.contacts())}
    chunks = []
    for uid, data in files.values():
        contact = by_uid.get(uid)
        if contact is not None:
            if _collab_newer(contact.updated, _revision(data), last_sync):
                result.conflicts.append(contact.name)
                continue
            data = _without_collab_properties(data)
        chunks.append(data if data.endswith(b"\n") else data + b"\r\n")
    if not chunks:
        return
    try:
        summary = vcard.import_vcards(store, b"".join(chunks), dry_run)
    except ValueError as error:
        result.skipped.append((t("sync.what.contacts"), str(error)))
        return
    result.added += summary.added
    result.updated += summary.updated
    result.unchanged += summary.unchanged
    result.skipped += summary.skipped


def _collab_newer(updated: datetime, theirs: datetime | None, last_sync: datetime | None) -> bool:
    """Both sides changed since the last sync, and collab's change is the later one."""
    both = last_sync is not None and updated > last_sync
    return both and (theirs is None or theirs <= updated)


def _revision(data: bytes) -> datetime | None:
    """A card's REV (when it was last changed), if it has a readable one."""
    from dateutil.parser import isoparse

    text = _first(_REV, data)
    try:
        moment = isoparse(text) if text else None
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None  # a floating time cannot be compared with collab's
    return moment


def _without_collab_properties(data: bytes) -> bytes:
    """The card without its X-COLLAB-* properties (continuation lines included)."""
    out: list[bytes] = []
    dropping = False
    for line in data.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                out.append(line)
            continue
        dropping = bool(_COLLAB_PROPERTY.match(line))
        if not dropping:
            out.append(line)
    return b"".join(out)


def _import_todos(
    store: Store,
    files: dict[str, tuple[str, bytes]],
    last_sync: datetime | None,
    today: date,
    result: VdirImport,
    dry_run: bool,
) -> None:
    from collab_tui import actions

    todos: list[ics.CalendarTodo] = []
    for name, (_uid, data) in files.items():
        try:
            todos += ics.read_todos(data)
        except ValueError as error:
            result.skipped.append((name, str(error)))
    store.refresh()
    plan = ics.plan_todos(todos, ics.calendar_items(store, today), last_sync)
    if plan.unknown:  # a new to-do, or one of an item closed before the calendar's weeks
        plan = ics.plan_todos(todos, store.items(active_only=False), last_sync)
    result.added += plan.added
    result.completed += plan.closed
    result.updated += len(plan.changes) - plan.added - plan.closed
    result.unchanged += plan.unchanged
    result.conflicts += plan.conflicts
    if not dry_run and plan.changes:
        actions.apply_todo_plan(store, plan)
