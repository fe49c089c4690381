"""The Store: typed records on TinyDB, split into a small hot file and monthly history.

Layout (PATH is e.g. ``collab.json``)::

    collab.json                 hot: tables meta, contacts, items (active items only),
                                meetings (planned meetings: logged ones become interactions)
    collab.history/2026-03.json cold: items closed in that month, interactions dated in it
    collab.backups/<stamp>/     rotating, verified snapshots of both (see backups.py)
    collab.json.lock            the inter-process lock
    collab.damaged/<stamp>/     files `collab restore` moved aside (never deleted)

A save rewrites the hot file and at most the segments it touched, so its cost follows the
number of *active* records, not three years of history. Segments load lazily: adding an
item reads only the hot file.

Every change runs in a transaction: take the lock, finish a save that a crash left half
done, reload whatever another process wrote since we last read, apply the change in
memory, commit the touched files, release. The commit is atomic across files (see
``journal``): a save that touches one file replaces it atomically; a save that touches
several (closing an item moves it into a history segment; an import) first writes a
checksummed journal of every file's new bytes, then the files, then removes the journal.
Whoever takes the lock next and finds a journal finishes it, so a crash or a failing
system call leaves the data either wholly before or wholly after the save, and the error
says which (``StoreWriteError.saved``). On load, a record found in two files (left by
versions before the journal) is settled by the newer ``updated``.

Every record read is checked (``validate``); a damaged one is set aside, not lost (see
``quarantine``). So that a long history is not checked again on every load, the meta
record keeps a digest of each segment's bytes as last written or found clean; a segment
whose bytes still match is not checked again.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .. import validate
from ..lookup import refresh_spelling
from ..model import (
    Contact,
    Escalation,
    Interaction,
    Item,
    Meeting,
    Milestone,
    Project,
    Record,
    RecordT,
    Settings,
    clean,
    now,
)
from ..records import record_class
from ..words import t
from . import backups, durable, journal, locking, migrations, places, quarantine, summary
from .errors import (
    ConflictError,
    JournalDamaged,
    RecordInvalid,
    StoreCorrupt,
    StoreLocked,
    StorePathError,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
    UnfinishedSave,
)
from .migrations import META_ID, SCHEMA_VERSION
from .storage import Data, DurableStorage, ParseError, dumps, load_file, parse

HOT = "hot"  # file key of the hot file; history segments are keyed "YYYY-MM"
SUMMARY = "summary"  # the hot file's table summarising the log per contact (summary.py)
SUMMARY_LOG = "summary_log"  # the interactions that summary names, copied
COLD_TABLES = ("items", "interactions")
ACTIVE_STATUSES = ("open", "occurred")  # mirrors Item.is_active, on the dict form
LOCK_TIMEOUT = 10.0

TABLE_OF: dict[type, str] = {
    Item: "items",
    Contact: "contacts",
    Interaction: "interactions",
    Meeting: "meetings",
    Escalation: "escalations",
    Project: "projects",
    Milestone: "milestones",
}
# Tables that always live in the hot file: few records, read by every command.
HOT_TABLES = ("contacts", "meetings", "escalations", "projects", "milestones")
CLASS_OF: dict[str, type[Record]] = {table: cls for cls, table in TABLE_OF.items()}


# --- where a record lives --------------------------------------------------------------


def home_of(table: str, doc: dict[str, Any]) -> str:
    """The file key a record belongs in: HOT, or the "YYYY-MM" of its history segment."""
    if table in HOT_TABLES:
        return HOT
    if table == "interactions":
        month: str = doc["date"][:7]
        return month
    if doc.get("status", "open") in ACTIVE_STATUSES:
        return HOT
    stamp: str = doc.get("closed") or doc.get("updated") or doc["created"]
    return stamp[:7]


def segment_path(path: Path, month: str) -> Path:
    return backups.history_dir(path) / f"{month}.json"


def write_layout(path: Path, data: Data, checked: bool = False) -> None:
    """Write logical data (every table, meta included) as hot file + history segments.

    The bulk path used by migrations and the benchmark generator: one write per file,
    segments first, hot file last. Segments that end up empty are removed. ``checked``:
    every record is known to be valid (the generator's), so the hot file gets the digests
    of its records and segments that saves write, and reads skip screening them, as they
    do on a file the app has saved; a migration's records are screened by the first open
    instead.
    """
    path = Path(path)
    hot: Data = {name: table for name, table in data.items() if name != "interactions"}
    hot["items"] = {}
    hot[SUMMARY], hot[SUMMARY_LOG] = summary.build(
        doc
        for doc in data.get("interactions", {}).values()
        if not validate.check_record("interactions", doc)  # as a load would screen them
    )
    segments: dict[str, Data] = {}
    for table in COLD_TABLES:
        for doc_id, doc in data.get(table, {}).items():
            key = home_of(table, doc)
            if key == HOT:
                hot["items"][doc_id] = doc
            else:
                segments.setdefault(key, {t: {} for t in COLD_TABLES})[table][doc_id] = doc
    history = backups.history_dir(path)
    durable.ensure_dir(path.parent)
    if segments:
        durable.ensure_dir(history)
    written: dict[str, int | None] = {}
    digests: dict[str, str] = {}
    for month, segment in segments.items():
        raw = dumps(segment)
        durable.write_atomic(segment_path(path, month), raw)
        written[month] = len(raw)
        digests[month] = _digest(raw)
    if history.is_dir():
        for stale in history.glob("*.json"):
            if stale.stem not in segments:
                stale.unlink()
    if "meta" in hot:
        meta = dict(hot["meta"][migrations.META_ID])  # a copy: the caller's data stays as is
        hot["meta"] = {**hot["meta"], migrations.META_ID: meta}
        meta["summary_stamp"] = summary.new_stamp({}, written)
        digest = _records_digest(hot) if checked else None
        if digest is not None:
            meta["records_digest"] = digest
        if checked:
            meta["checked"] = digests
    durable.write_atomic(path, dumps(hot))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load.

    Reading three years of history allocates tens of thousands of dicts and records; the
    collector would rescan them over and over (measured: ~40 % of the load time). They
    form no cycles that need collecting mid-load.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_month(name: str) -> bool:
    """Is ``name`` a segment's month, "YYYY-MM"?"""
    return len(name) == 7 and name[4] == "-" and name[:4].isdigit() and name[5:].isdigit()


def _timestamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def is_newer(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Is record ``a`` strictly newer than ``b`` (by ``updated``)?"""
    ta, tb = _timestamp(a.get("updated")), _timestamp(b.get("updated"))
    return ta is not None and (tb is None or ta > tb)


# --- files and transactions --------------------------------------------------------------


class _File:
    """One TinyDB file of the layout (hot or a segment), cached in memory."""

    def __init__(self, path: Path, screen: Callable[[Data, bytes], tuple[Data, list[Any]]]) -> None:
        self.path = path
        try:
            # Damaged records are set aside as the file loads (see quarantine.py).
            self.db = TinyDB(path, storage=DurableStorage, autoflush=False, screen=screen)
        except ParseError as exc:
            backup = backups.newest_good_backup(_hot_path_of(path))
            raise StoreCorrupt(path, backup, str(exc)) from None
        self.storage: DurableStorage = self.db.storage  # type: ignore[assignment]

    def table(self, name: str) -> Table:
        return self.db.table(name)

    def docs(self, name: str) -> dict[str, dict[str, Any]]:
        """The raw cached table: doc id (str) -> record dict. Read-only for callers."""
        return self.storage.data.get(name, {})

    def reload(self) -> None:
        try:
            self.storage.reload()
        except ParseError as exc:
            raise StoreCorrupt(
                self.path, backups.newest_good_backup(_hot_path_of(self.path)), str(exc)
            ) from None
        self.db.clear_cache()


def _hot_path_of(path: Path) -> Path:
    """The hot file a file of the layout belongs to (for naming backups in errors)."""
    if path.parent.name.endswith(".history"):
        return path.parent.with_name(path.parent.name.removesuffix(".history") + ".json")
    return path


@record_class
class _Txn:
    """What the current transaction touched, to write each file once."""

    changed: set[str] = field(default_factory=set)  # files with new, changed or removed records
    # Interactions added, changed or removed: id -> (as stored before, now; None: absent).
    log_changes: dict[str, summary.Change] = field(default_factory=dict)
    rebuild_summary: bool = False  # from the whole history, whatever its stamp (doctor)
    history_found: summary.Found = field(default_factory=dict)  # segments before the commit


# --- the store ------------------------------------------------------------------------------


class Store:
    """Items, contacts and interactions in one data file (plus its history)."""

    # Two copies of one record that loading history settled in memory, each as
    # (table, id, file key kept, file key dropped): what `collab doctor` saves for good.
    settled: tuple[tuple[str, str, str, str], ...] = ()

    def __init__(self, path: Path, lock_timeout: float = LOCK_TIMEOUT) -> None:
        # A symlink is resolved: writes go through to its target, the link stays a link.
        # Folders, devices and FIFOs are refused here, before anything is created.
        self.path = places.data_path(Path(path))
        self.history = backups.history_dir(self.path)
        self.warnings: list[str] = []  # for the user, once: the CLI prints, the app shows
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()  # threads of this process; the file lock is for others
        self._flock = locking.FileLock(places.lock_path(self.path), timeout=lock_timeout)
        self._segments: dict[str, _File] = {}
        self._checked_pending: dict[str, str] = {}  # segments found clean since the last save
        self._cold_index: dict[str, dict[str, str]] | None = None  # table -> id -> month
        self._txn: _Txn | None = None
        self._summary_fresh_at: durable.Signature = None  # hot file whose summary was checked
        self._closed = False
        places.check_companions(self.path, self.history, backups.backups_dir(self.path))
        existed = self.path.parent.is_dir()
        self._write_or_raise(self.path.parent, lambda: durable.ensure_dir(self.path.parent))
        warning = places.folder_warning(self.path.parent) if existed else None
        if warning:
            self.warnings.append(warning)
        with self._locked():
            self._finish_interrupted_commit()
            self._prepare_file()
            # Parsed once: the version check reads the cache.
            self._hot = _File(self.path, lambda data, raw: self._screen_hot(data))
            self._migrate_if_older()
            self._check_hot()

    @classmethod
    def open(cls, path: Path | str, lock_timeout: float = LOCK_TIMEOUT) -> Store:
        """Open (creating if needed, migrating if older) the data file at ``path``."""
        return cls(Path(path).expanduser(), lock_timeout)

    def close(self) -> None:
        self._closed = True
        self._segments.clear()
        self._cold_index = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        # Invalid stored values read as the defaults; they stay on disk until repaired.
        return Settings.from_dict(validate.valid_settings(self._meta()["settings"]))

    @property
    def problems(self) -> list[quarantine.Damage]:
        """Damaged records set aside in the files read so far, and invalid settings.

        Only loaded files are known: history segments load lazily (``collab doctor``
        loads them all).
        """
        found = quarantine.settings_damage(self.path, self._meta()["settings"])
        for file in (self._hot, *(self._segments[key] for key in sorted(self._segments))):
            found.extend(file.storage.problems)
        return found

    @property
    def generation(self) -> int:
        """Counts commits: unchanged means nothing was saved since the data was read.

        Outside a transaction this is the cached copy's; inside one, the file's as it is now.
        """
        return int(self._meta()["generation"])

    def items(
        self, active_only: bool = True, where: Callable[[dict[str, Any]], bool] | None = None
    ) -> list[Item]:
        """Items by id: the active ones (the hot file), or all of them (the whole history).
        ``where``: only those whose stored dict (read-only) it accepts, without building
        the others."""
        # Raw cached docs, not TinyDB's .all(): that copies every dict into a Document
        # first, and from_dict copies what it keeps anyway.
        if active_only:
            docs = [
                d
                for d in self._hot.docs("items").values()
                if d.get("status", "open") in ACTIVE_STATUSES
            ]
        else:
            self._load_all_cold()  # first: loading may settle a copy left in both places
            docs = list(self._hot.docs("items").values())
            for segment in self._segments.values():
                docs.extend(segment.docs("items").values())
        if where is not None:
            docs = [d for d in docs if where(d)]
        with gc_paused():
            return sorted((Item.from_dict(d) for d in docs), key=lambda r: r.id)

    def items_closed_since(self, day: date) -> list[Item]:
        """Items closed on or after ``day`` (the UTC day of ``closed``), by id.

        Reads only the history months from ``day`` on, one at a time: what a calendar
        shows of the last weeks costs the same after ten years as after one.
        """
        since = day.isoformat()
        docs = []
        for month in self.history_months():
            if month >= since[:7]:
                items = self._month_data(month)["items"].values()
                docs += [d for d in items if (d.get("closed") or "")[:10] >= since]
        with gc_paused():
            return sorted((Item.from_dict(d) for d in docs), key=lambda r: r.id)

    def item(self, id: int) -> Item | None:
        doc = self._find("items", id)
        return Item.from_dict(doc) if doc is not None else None

    def contacts(self, where: Callable[[dict[str, Any]], bool] | None = None) -> list[Contact]:
        """Every contact, by id; ``where``: only those whose stored dict (read-only) it
        accepts, without building the others."""
        docs = self._hot.docs("contacts").values()
        chosen = docs if where is None else [d for d in docs if where(d)]
        return sorted((Contact.from_dict(d) for d in chosen), key=lambda r: r.id)

    def contact(self, id: int) -> Contact | None:
        doc = self._find("contacts", id)
        return Contact.from_dict(doc) if doc is not None else None

    def meetings(self) -> list[Meeting]:
        """The planned meetings (hot: reading them never touches the history)."""
        docs = self._hot.docs("meetings").values()
        return sorted((Meeting.from_dict(d) for d in docs), key=lambda r: r.id)

    def meeting(self, id: int) -> Meeting | None:
        doc = self._find("meetings", id)
        return Meeting.from_dict(doc) if doc is not None else None

    def escalations(self) -> list[Escalation]:
        """Every escalation (they live in the hot file: reading them reads no history)."""
        docs = self._hot.docs("escalations").values()
        return sorted((Escalation.from_dict(d) for d in docs), key=lambda r: r.id)

    def escalation(self, id: int) -> Escalation | None:
        doc = self._find("escalations", id)
        return Escalation.from_dict(doc) if doc is not None else None

    def projects(self) -> list[Project]:
        docs = self._hot.docs("projects").values()
        return sorted((Project.from_dict(d) for d in docs), key=lambda r: r.id)

    def project(self, id: int) -> Project | None:
        doc = self._find("projects", id)
        return Project.from_dict(doc) if doc is not None else None

    def milestones(self, project_id: int | None = None) -> list[Milestone]:
        """Every milestone (done ones too), or one project's; by id."""
        docs = self._hot.docs("milestones").values()
        found = (Milestone.from_dict(d) for d in docs)
        if project_id is not None:
            found = (m for m in found if m.project_id == project_id)
        return sorted(found, key=lambda r: r.id)

    def milestone(self, id: int) -> Milestone | None:
        doc = self._find("milestones", id)
        return Milestone.from_dict(doc) if doc is not None else None

    def interactions(self) -> list[Interaction]:
        self._load_all_cold()
        docs = [d for s in self._segments.values() for d in s.docs("interactions").values()]
        with gc_paused():
            return sorted((Interaction.from_dict(d) for d in docs), key=lambda r: r.id)

    def interaction(self, id: int) -> Interaction | None:
        doc = self._find("interactions", id)
        return Interaction.from_dict(doc) if doc is not None else None

    def history_months(self) -> list[str]:
        """The months ("YYYY-MM") that have a history file, oldest first."""
        if not self.history.is_dir():
            return []
        return sorted(p.stem for p in self.history.glob("*.json") if _is_month(p.stem))

    def interactions_by_month(
        self, before: str | None = None, since: str = ""
    ) -> Iterator[tuple[str, list[Interaction]]]:
        """Each month's interactions (newest first), newest month first: the months before
        ``before`` (all if None) and from ``since`` on.

        One history file is read at a time and none is kept (``interactions()`` keeps
        every segment it reads: ten years are ~200 MiB of records and their raw dicts),
        so the Log can page back through years, or search them, in little memory. A
        record left in two months by a crash (before the journal) comes once per month
        read: the caller keeps the first, the newer month's.
        """
        for month in reversed(self.history_months()):
            if before is not None and month >= before:
                continue
            if month < since:
                break
            docs = self._month_interactions(month)
            with gc_paused():
                records = [Interaction.from_dict(d) for d in docs]
            records.sort(key=lambda r: (r.date, r.id), reverse=True)
            yield month, records

    def _every_interaction(self) -> Iterator[Interaction]:
        """Every interaction, one history file at a time under one lock and none kept: what
        the log's readers fall back on when its summary cannot be trusted (a copy not yet
        saved once), without holding ten years for the rest of the session."""
        with self._locked():
            if self._txn is None:
                self._refresh_if_changed()  # hot and cold read as one snapshot
            for docs in self._interactions_from():  # a month this batch creates too
                with gc_paused():
                    records = [Interaction.from_dict(d) for d in docs]
                yield from records

    def _month_interactions(self, month: str) -> list[dict[str, Any]]:
        """One month's interaction dicts (see ``_month_data``)."""
        return list(self._month_data(month)["interactions"].values())

    def _month_data(self, month: str) -> dict[str, dict[str, dict[str, Any]]]:
        """One month's items and interactions by id: from the cached segment if it is
        loaded, else read, screened (damaged records are left out: on disk, nothing
        changes) and let go."""
        with self._locked():
            if self._txn is None:
                self._finish_interrupted_commit()  # a half-done save first: one stat
            cached = self._segments.get(month)
            if cached is not None:
                return {table: dict(cached.docs(table)) for table in COLD_TABLES}
            path = segment_path(self.path, month)
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                return {table: {} for table in COLD_TABLES}
            try:
                data = parse(raw)
            except ParseError as exc:
                raise StoreCorrupt(path, backups.newest_good_backup(self.path), str(exc)) from None
            self._screen_segment(path, data, raw)  # takes damaged records out of data
            return {table: data.get(table, {}) for table in COLD_TABLES}

    # --- the log, summarised per contact (without reading the history) ------------------

    def last_contact_dates(self, today: date) -> dict[int, date]:
        """Each contact's latest interaction date on or before ``today``."""
        fresh = self._fresh_summary()
        if fresh is not None:
            entries, _ = fresh
            try:
                found = {int(cid): summary.last_contact(e, today) for cid, e in entries.items()}
            except (KeyError, TypeError, ValueError, AttributeError):
                found = {0: False}  # a summary edited by hand: ask the history
            if all(day is not False for day in found.values()):
                return {cid: day for cid, day in found.items() if isinstance(day, date)}
        latest: dict[int, date] = {}
        for interaction in self._every_interaction():
            if interaction.date <= today:
                for cid in interaction.contact_ids:
                    if cid not in latest or interaction.date > latest[cid]:
                        latest[cid] = interaction.date
        return latest

    def contact_log(self, contact_id: int, today: date, n: int) -> summary.ContactLog:
        """A contact's ``n`` newest interactions (planned ones too), how many there are in
        all, and the latest date on or before ``today``."""
        fresh = self._fresh_summary()
        if fresh is not None and n <= summary.RECENT:
            entries, log = fresh
            entry = entries.get(str(contact_id))
            try:
                last = summary.last_contact(entry, today)
                docs = [log[str(i)] for _, i in entry["recent"][:n]] if entry else []
                if last is not False and not any(
                    validate.check_record("interactions", d) for d in docs
                ):
                    recent = [Interaction.from_dict(d) for d in docs]
                    return summary.ContactLog(recent, entry["count"] if entry else 0, last)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a summary edited by hand: ask the history
        theirs = [i for i in self._every_interaction() if contact_id in i.contact_ids]
        theirs.sort(key=lambda i: (i.date, i.id), reverse=True)
        past = [i.date for i in theirs if i.date <= today]
        return summary.ContactLog(theirs[:n], len(theirs), max(past) if past else None)

    def last_topics(self, contact_ids: list[int], today: date) -> dict[int, str]:
        """Each contact's last interaction summary on or before ``today`` (from the summary:
        a few contacts cost no history read)."""
        topics: dict[int, str] = {}
        fresh = self._fresh_summary()  # once, not per contact: each check takes the lock
        if fresh is not None:
            entries, log = fresh
            try:
                for contact_id in contact_ids:
                    topic = _last_topic(entries.get(str(contact_id)), log, today)
                    if topic:
                        topics[contact_id] = topic
                return topics
            except (KeyError, TypeError, ValueError, AttributeError):
                topics = {}  # a summary edited by hand: ask the history
        wanted = set(contact_ids)
        latest: dict[int, Interaction] = {}
        for interaction in self._every_interaction():
            if interaction.date > today:
                continue  # planned: not a topic yet
            for contact_id in wanted.intersection(interaction.contact_ids):
                seen = latest.get(contact_id)
                if seen is None or (interaction.date, interaction.id) > (seen.date, seen.id):
                    latest[contact_id] = interaction
        for contact_id, last in latest.items():
            topic = last.summary or "; ".join(last.decisions)
            if topic:
                topics[contact_id] = topic
        return topics

    def _fresh_summary(self) -> tuple[summary.Entries, summary.Log] | None:
        """The hot file's summary of the log if its stamp matches the history on disk."""
        if self._txn is not None:  # mid-transaction it lags behind: the caller reads history
            return None
        with self._locked():
            self._refresh_if_changed()
            entries = self._hot.storage.data.get(SUMMARY)
            log = self._hot.storage.data.get(SUMMARY_LOG)
            signature = self._hot.storage.signature
            if not isinstance(entries, dict) or not isinstance(log, dict) or signature is None:
                return None
            if self._summary_fresh_at != signature:
                stamp = self._meta().get("summary_stamp")
                found = summary.scan(self.history)
                if not summary.stamp_ok(stamp, found, signature[1], self._segment_as_saved):
                    return None
                self._summary_fresh_at = signature
            return entries, log

    # --- writing -------------------------------------------------------------------------

    def add(self, record: RecordT) -> RecordT:
        """Store a new record. Id 0 gets the next id; a given id is kept. Sets timestamps."""
        table = TABLE_OF[type(record)]
        with self._restoring_on_error(record), self._transaction():
            if record.id and self._locate(table, record.id) is not None:
                raise ValueError(f"{type(record).__name__} {record.id} already exists")
            record.id = self._claim_id(table, record.id)
            record.created = record.updated = now()
            if isinstance(record, Item) and not record.is_open and record.closed is None:
                record.closed = record.updated
            self._put_doc(table, record.id, _prepared(record).to_dict(), known_new=True)
        return record

    def put(self, record: RecordT) -> RecordT:
        """Insert or replace by id, as given: no conflict check, timestamps kept."""
        table = TABLE_OF[type(record)]
        with self._restoring_on_error(record), self._transaction():
            record.id = self._claim_id(table, record.id)
            self._put_doc(table, record.id, _prepared(record).to_dict())
        return record

    def update(self, record: RecordT) -> RecordT:
        """Save changes to a stored record.

        Raises ConflictError if the stored copy's ``updated`` differs from the record's
        (another process saved it since it was read) or it was deleted. Sets ``updated``;
        for items, sets ``closed`` when it becomes closed and clears it when reopened.
        """
        table = TABLE_OF[type(record)]
        with self._restoring_on_error(record), self._transaction():
            near = _month_read_from(record)
            stored = self._find(table, record.id, near) if record.id else None
            if stored is None or _timestamp(stored.get("updated")) != record.updated:
                current = type(record).from_dict(stored) if stored is not None else None
                raise ConflictError(record, self.path, current)
            record.updated = _stamp_after(record.updated)
            if isinstance(record, Item):
                # ``closed`` is when it became done / dropped / occurred (see the model).
                if record.is_open:
                    record.closed = None
                elif record.status != stored.get("status") or record.closed is None:
                    record.closed = record.updated
            self._put_doc(table, record.id, _prepared(record).to_dict())
        return record

    def delete(self, record_or_type: Record | type, id: int | None = None) -> bool:
        """Delete ``delete(record)`` or ``delete(Item, 5)``. False if it was not there."""
        near = HOT
        if isinstance(record_or_type, type):
            table, record_id = TABLE_OF[record_or_type], id
        else:
            table = TABLE_OF[type(record_or_type)]
            record_id = id if id is not None else record_or_type.id
            near = _month_read_from(record_or_type)
        if not record_id:
            return False
        with self._transaction():
            key = self._locate(table, record_id, near)
            if key is None:
                return False
            self._remove_doc(key, table, record_id)
        return True

    def update_settings(self, settings: Settings) -> None:
        problems = validate.check_settings(settings.to_dict())
        if problems:
            raise RecordInvalid(t("error.store.invalid.settings"), problems)
        with self._transaction():
            self._hot.table("meta").update({"settings": settings.to_dict()}, doc_ids=[1])
            self._txn_state().changed.add(HOT)

    def recent_captures(self) -> list[Any]:
        """Capture lines saved in the last minutes (see actions.RETRY_WINDOW), raw."""
        entries = self._meta().get("recent_captures", [])
        return list(entries) if isinstance(entries, list) else []

    def set_recent_captures(self, entries: list[dict[str, str]]) -> None:
        with self._transaction():
            self._hot.table("meta").update({"recent_captures": entries}, doc_ids=[1])
            self._txn_state().changed.add(HOT)

    @contextlib.contextmanager
    def batch(self) -> Iterator[Store]:
        """Several changes as one transaction: one lock, one refresh, one write per file.

        An exception inside discards the whole batch: nothing is written and the
        in-memory state is reloaded from disk.
        """
        with self._transaction():
            yield self

    # --- bulk reading, for exports -------------------------------------------------------

    def stored_dicts(self, table: str) -> list[dict[str, Any]]:
        """Every record of a hot table (contacts, meetings, escalations, projects,
        milestones) as the cached dict itself: for an export that writes records without
        building objects. The dicts belong to the store and must not be changed. Unsorted.
        Items and interactions come a file at a time from ``history_by_file``."""
        if table not in HOT_TABLES:
            raise ValueError(f"{table} is not a hot table: see history_by_file")
        return list(self._hot.docs(table).values())

    def history_by_file(self) -> Iterator[dict[str, dict[str, dict[str, Any]]]]:
        """Every item and interaction (closed history included), one file at a time:
        ``{"items": {id: dict}, "interactions": {id: dict}}`` for the hot file (its items),
        then for each month, oldest first, read once and let go.

        For an export of ten years in the memory of one month: nothing is kept (a segment
        already loaded is used as it is). The lock is held from the first file to the
        last, so another process's save (an item reopened moves from a month into the hot
        file) cannot slip between two of them. A record that a crash left in two files
        (before the journal) comes from both: the caller keeps the newer (``is_newer``),
        as loading the history does. The dicts must not be changed.
        """
        with self._locked():
            self._refresh_if_changed()
            yield {"items": dict(self._hot.docs("items")), "interactions": {}}
            for month in self.history_months():
                yield self._month_data(month)

    # --- other processes -----------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Cheap check (one stat): has another process saved since we last read?"""
        return self._hot.storage.changed_on_disk()

    def refresh(self) -> bool:
        """Reload what another process changed. True if anything was reloaded."""
        if self._txn is not None:
            return False
        with self._locked():
            return self._refresh_if_changed()

    # --- internals: locking and transactions ---------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self._closed:
            raise RuntimeError("the store is closed")
        with self._mutex:
            try:
                self._flock.acquire()
            except locking.LockTimeout:
                raise StoreLocked(self.path, self._lock_timeout) from None
            except OSError as exc:  # e.g. ELOOP: a symlink planted at the lock's name
                lock = places.lock_path(self.path)
                raise StorePathError(lock, exc.strerror or str(exc)) from None
            try:
                yield
            finally:
                self._flock.release()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._txn is not None:  # nested inside batch(): the outer one commits
            yield
            return
        with self._locked():
            self._require_writable()
            self._refresh_if_changed()
            self._txn = _Txn()
            try:
                yield
                self._commit(self._txn)
            except StoreWriteError as exc:
                if not exc.saved:
                    self._reload_all()
                raise  # saved: memory holds the after-state, as the disk will
            except BaseException:
                self._reload_all()
                raise
            finally:
                self._txn = None

    @contextlib.contextmanager
    def _restoring_on_error(self, record: Record) -> Iterator[None]:
        """Give the caller back their record unchanged if the save did not happen."""
        saved = {
            k: getattr(record, k)
            for k in ("id", "created", "updated", "closed")
            if hasattr(record, k)
        }
        try:
            yield
        except StoreWriteError as exc:
            if not exc.saved:
                for name, value in saved.items():
                    setattr(record, name, value)
            raise
        except BaseException:
            for name, value in saved.items():
                setattr(record, name, value)
            raise

    def _txn_state(self) -> _Txn:
        assert self._txn is not None, "called outside a transaction"
        return self._txn

    def _commit(self, txn: _Txn) -> None:
        meta = self._meta()
        generation = meta["generation"] + 1
        self._hot.table("meta").update({"generation": generation}, doc_ids=[1])
        if not backups.has_snapshot_today(self.path):
            with contextlib.suppress(OSError):  # a failed daily backup must not block saving
                backups.snapshot(self.path)
        self._update_summary(txn)
        plan = self._write_plan(txn)
        changes = [journal.Change(self._file(key).path, data) for key, data in plan]
        try:
            journal.commit(self.path, changes, generation)
        except journal.CommitError as exc:
            raise StoreWriteError(exc.path, exc.cause, exc.saved, exc.journal) from exc.cause
        for key, data in plan:
            if data is None:
                self._segments.pop(key, None)
            else:
                storage = self._file(key).storage
                storage.signature = durable.signature(storage.path)

    def _write_plan(self, txn: _Txn) -> list[tuple[str, bytes | None]]:
        """Each file to write with its new bytes (None: remove it), the hot file last.

        A history segment left with no records is removed. The hot file is always
        written: the generation bump alone changes it.
        """
        plan: list[tuple[str, bytes | None]] = []
        checked = {**self._checked(), **self._checked_pending}
        for key in sorted(txn.changed - {HOT}):
            storage = self._file(key).storage
            checked.pop(key, None)
            # Set-aside (damaged) records count: a file holding only those is kept.
            if any(storage.data.values()) or any(storage.set_aside.values()):
                data = storage.serialized()
                plan.append((key, data))
                if not storage.set_aside:  # every record in it was checked on its way in
                    checked[key] = _digest(data)
            elif storage.path.exists():
                plan.append((key, None))
        self._meta()["checked"] = checked
        self._checked_pending.clear()
        written = {key: None if data is None else len(data) for key, data in plan}
        self._meta()["summary_stamp"] = summary.new_stamp(txn.history_found, written)
        self._meta()["records_digest"] = _records_digest(self._hot.storage.data)
        if self._meta()["records_digest"] is None:
            del self._meta()["records_digest"]
        plan.append((HOT, self._hot.storage.serialized()))
        return plan

    def _update_summary(self, txn: _Txn) -> None:
        """Bring the log's summary up to date for this commit (before its write plan).

        The interactions this commit adds, changes or removes are counted in or out
        (``summary.revise``, which reads a few recent months when an edit pushes a
        contact's older interactions up). A summary that no longer matches the history on
        disk (or is missing, or does not add up) is rebuilt from the whole history.
        """
        found = summary.scan(self.history)
        data = self._hot.storage.data
        entries, log = data.get(SUMMARY), data.get(SUMMARY_LOG)
        stamp = self._meta().get("summary_stamp")
        fresh = (
            isinstance(entries, dict)
            and isinstance(log, dict)
            and summary.stamp_ok(stamp, found, self.path.stat().st_mtime_ns, self._segment_as_saved)
        )
        if not fresh:
            self._reload_segments_changed_on_disk(txn)
        revised = fresh and not txn.rebuild_summary
        if revised and txn.log_changes:
            assert isinstance(entries, dict) and isinstance(log, dict)
            try:
                revised = summary.revise(
                    entries, log, txn.log_changes.values(), self._interactions_from
                )
            except (StoreCorrupt, OSError, KeyError, TypeError, ValueError, AttributeError):
                revised = False  # a damaged month, or a summary edited by hand: rebuild
        if not revised:
            # From every month, read one at a time and let go (a month this commit has
            # loaded, from memory): a rebuild after ten years costs a read, not 200 MiB
            # kept for the rest of the session.
            try:
                data[SUMMARY], data[SUMMARY_LOG] = summary.build(
                    doc for docs in self._interactions_from() for doc in docs
                )
            except (StoreCorrupt, OSError):
                # A damaged or unreadable segment that this save does not need (`collab
                # add` must still work). Without a summary, reads use the history (and
                # report the damage); the next save tries again.
                data.pop(SUMMARY, None)
                data.pop(SUMMARY_LOG, None)
        txn.history_found = found

    def _interactions_from(self, month: str | None = None) -> Iterator[Iterable[dict[str, Any]]]:
        """Each month's interactions from ``month`` back (None: from the newest), newest
        first, as this transaction has them (``_month_data``: a month it loaded from
        memory, any other read and let go; a month it is creating is loaded, not on disk
        yet)."""
        every = [*self.history_months(), *self._segments]
        months = {m for m in every if month is None or m <= month}
        for each in sorted(months, reverse=True):
            yield self._month_data(each)["interactions"].values()

    def _reload_segments_changed_on_disk(self, txn: _Txn) -> None:
        """Forget cached segments that changed on disk (and this commit does not write)."""
        for month, segment in list(self._segments.items()):
            if month not in txn.changed and segment.storage.changed_on_disk():
                if segment.path.exists():
                    segment.reload()
                else:
                    del self._segments[month]
                self._cold_index = None

    def _checked(self) -> dict[str, str]:
        """History segments known to hold only valid records: month -> digest of its bytes."""
        checked = self._meta().get("checked")
        return dict(checked) if isinstance(checked, dict) else {}

    def _segment_as_saved(self, month: str) -> bool:
        """Are the segment's bytes the ones its last save recorded (``meta.checked``)?

        Not the digests found clean in this process: clean is not unchanged since the
        summary was last stamped.
        """
        digest = self._checked().get(month)
        if digest is None:
            return False
        try:
            raw = segment_path(self.path, month).read_bytes()
        except OSError:
            return False
        return _digest(raw) == digest

    def _screen_hot(self, data: Data) -> tuple[Data, list[Any]]:
        """Set damaged records aside, unless the records are exactly as a save left them.

        Checking the hot file's 800 records cost every command ~10 ms; the meta record
        keeps a digest of the records (all checked on their way in) as last saved.
        """
        meta = data.get("meta", {}).get(META_ID)
        if isinstance(meta, dict):
            digest = meta.get("records_digest")
            if digest is not None and digest == _records_digest(data):
                return {}, []
        return quarantine.screen(self.path, data, True)

    def _screen_segment(self, path: Path, data: Data, raw: bytes) -> tuple[Data, list[Any]]:
        """Set damaged records aside, unless these very bytes were checked before.

        Checking every record costs more than reading it; a segment whose bytes hash to
        the digest recorded when it was last written or checked is skipped. Any change to
        the file (an edit by hand, a broken tool, bit rot) changes the digest.
        """
        digest = _digest(raw)
        # Found clean in this process too (not yet saved in meta): the Log's search reads
        # the same months again, and checking is most of the cost of reading them.
        if digest in (self._checked().get(path.stem), self._checked_pending.get(path.stem)):
            return {}, []
        set_aside, problems = quarantine.screen(path, data, False)
        if not problems:
            self._checked_pending[path.stem] = digest  # recorded with the next save
        return set_aside, problems

    def _finish_interrupted_commit(self) -> None:
        """Under the lock: roll forward a save that a crash or failure left half done.

        One stat when there is nothing to do. A journal older than the data (its removal
        was lost in a power cut after a later save) is stale and only removed.
        """
        path = journal.journal_path(self.path)
        try:
            pending = journal.read_pending(self.path)
        except journal.BadJournal as exc:
            raise JournalDamaged(path, backups.newest_good_backup(self.path), str(exc)) from None
        except OSError as exc:
            raise UnfinishedSave(self.path, exc, path) from exc
        if pending is None:
            return
        try:
            on_disk = self._generation_on_disk()
            if on_disk is not None and on_disk > pending.generation:
                journal.discard(self.path)
            else:
                journal.finish(self.path, pending.changes)
        except OSError as exc:
            raise UnfinishedSave(self.path, exc, path) from exc

    def _generation_on_disk(self) -> int | None:
        """The hot file's generation as stored now; None if it cannot be read."""
        try:
            generation = (load_file(self.path) or {})["meta"][META_ID]["generation"]
        except (ParseError, OSError, KeyError, TypeError):
            return None
        return generation if isinstance(generation, int) else None

    def _reload_all(self) -> None:
        """Forget unsaved changes: reload the hot file, drop the cached segments."""
        self._segments.clear()
        self._cold_index = None
        self._hot.reload()
        self._check_hot()

    def _refresh_if_changed(self) -> bool:
        self._finish_interrupted_commit()
        if not self._hot.storage.changed_on_disk():
            return False
        self._hot.reload()
        self._check_hot()
        for month, segment in list(self._segments.items()):
            if segment.storage.changed_on_disk():
                if segment.path.exists():
                    segment.reload()
                else:
                    del self._segments[month]
        if self._cold_index is not None:
            self._cold_index = None
            self._load_all_cold()
        return True

    # --- internals: the files ------------------------------------------------------------

    def _prepare_file(self) -> None:
        """Under the lock: sweep temp files and create a new file if there is none.

        In a read-only location nothing is swept or created: the data can still be read.
        """
        writable = self._read_only_reason() is None
        if writable:
            durable.remove_stale_temps(self.path.parent, prefix=f"{self.path.name}.")
            durable.remove_stale_temps(self.history)
        if self._is_new_file():
            self._require_writable()
            fresh = {
                "meta": {META_ID: migrations.new_meta()},
                "contacts": {},
                "items": {},
                "meetings": {},
                "escalations": {},
                "projects": {},
                "milestones": {},
                SUMMARY: {},
                SUMMARY_LOG: {},
            }
            self._write_or_raise(self.path, lambda: durable.write_atomic(self.path, dumps(fresh)))

    def _migrate_if_older(self) -> None:
        """Refuse a newer schema; migrate an older one (after a backup) and re-read it."""
        data = self._hot.storage.data
        version = self._version_or_corrupt(data)
        if version > SCHEMA_VERSION:
            raise StoreTooNew(self.path, version)
        if version < SCHEMA_VERSION:
            if version >= 1:  # a damaged meta record is refused, not migrated over
                self._check_meta(data)
            self._migrate(data, version)
            self._hot.reload()

    def _is_new_file(self) -> bool:
        """Is this a truly new place? Raises StoreCorrupt if data was there and is gone.

        Only a missing or empty data file (an empty one is a placeholder, e.g. `touch`)
        with no history segments and no backups beside it starts a new database. With
        history or backups beside it, starting afresh would restart the ids and the next
        save would overwrite old records: refuse, naming the newest verified backup.
        """
        if self.path.exists() and self.path.stat().st_size > 0:
            return False
        left = self._data_left_behind()
        if left:
            state = "empty" if self.path.exists() else "missing"
            raise StoreCorrupt(
                self.path,
                backups.newest_good_backup(self.path),
                f"the data file is {state}, but {left} exist beside it",
            )
        return True

    def _data_left_behind(self) -> str:
        """What of an existing database lies beside the data file ('' if nothing)."""
        found = []
        if self.history.is_dir() and any(self.history.glob("*.json")):
            found.append(f"history segments in {self.history}")
        if backups.snapshots(self.path):
            found.append(f"backups in {backups.backups_dir(self.path)}")
        return " and ".join(found)

    def _read_only_reason(self) -> str | None:
        return places.read_only_reason(self.path, self._flock.exclusive)

    def _require_writable(self, readable: bool = True) -> None:
        """Refuse a write up front in a read-only location (under the lock)."""
        reason = self._read_only_reason()
        if reason:
            raise StoreReadOnly(self.path, reason, readable)

    def _migrate(self, data: Data, version: int) -> None:
        self._require_writable(readable=False)
        self._write_or_raise(self.path, lambda: backups.snapshot(self.path))
        for segment in sorted(self.history.glob("*.json")) if self.history.is_dir() else []:
            for table, docs in self._load_or_corrupt(segment).items():
                data.setdefault(table, {}).update(docs)
        migrated = migrations.migrate(data, version)
        self._write_or_raise(self.path, lambda: write_layout(self.path, migrated))

    def _write_or_raise(self, path: Path, action: Callable[[], object]) -> None:
        try:
            action()
        except OSError as exc:
            raise StoreWriteError(path, exc) from exc

    def _load_or_corrupt(self, path: Path) -> Data:
        try:
            return load_file(path) or {}
        except ParseError as exc:
            raise StoreCorrupt(path, backups.newest_good_backup(self.path), str(exc)) from None

    def _version_or_corrupt(self, data: Data) -> int:
        try:
            return migrations.version_of(data)
        except ValueError as exc:
            backup = backups.newest_good_backup(self.path)
            raise StoreCorrupt(self.path, backup, str(exc)) from None

    def _check_hot(self) -> None:
        data = self._hot.storage.data
        version = self._version_or_corrupt(data)
        if version > SCHEMA_VERSION:
            raise StoreTooNew(self.path, version)
        self._check_meta(data)

    def _check_meta(self, data: Data) -> None:
        meta = data.get("meta", {}).get(META_ID, {})
        if not (
            isinstance(meta.get("generation"), int)
            and isinstance(meta.get("last_ids"), dict)
            and isinstance(meta.get("settings"), dict)
        ):
            raise StoreCorrupt(
                self.path, backups.newest_good_backup(self.path), "the meta record is incomplete"
            )

    def _meta(self) -> dict[str, Any]:
        return self._hot.storage.data["meta"][META_ID]

    def _file(self, key: str) -> _File:
        if key == HOT:
            return self._hot
        segment = self._segments.get(key)
        if segment is None:
            path = segment_path(self.path, key)
            segment = self._segments[key] = _File(
                path, lambda data, raw: self._screen_segment(path, data, raw)
            )
        return segment

    def _load_all_cold(self) -> None:
        """Load every history segment and index where each record lives."""
        if self._cold_index is not None:
            return
        with self._locked() if self._txn is None else contextlib.nullcontext():
            if self._txn is None:
                self._refresh_if_changed()  # hot and cold must be read as one snapshot
            if self._cold_index is not None:
                return
            with gc_paused():
                if self.history.is_dir():
                    for segment in self.history.glob("*.json"):
                        self._file(segment.stem)
                self._cold_index = self._build_index()

    def _build_index(self) -> dict[str, dict[str, str]]:
        """Index cold records; where a crash left two copies of one, keep the newer."""
        index: dict[str, dict[str, str]] = {table: {} for table in COLD_TABLES}
        settled: list[tuple[str, str, str, str]] = []
        hot_items = self._hot.docs("items")
        for month in sorted(self._segments):
            segment = self._segments[month]
            for table in COLD_TABLES:
                docs = segment.docs(table)
                for doc_id in list(docs):
                    rival_key = HOT if table == "items" and doc_id in hot_items else None
                    rival_key = rival_key or index[table].get(doc_id)
                    if rival_key is not None:
                        rival_docs = self._file(rival_key).docs(table)
                        if not is_newer(docs[doc_id], rival_docs[doc_id]):
                            del docs[doc_id]  # in memory only; the next save of it cleans up
                            settled.append((table, doc_id, rival_key, month))
                            continue
                        del rival_docs[doc_id]
                        settled.append((table, doc_id, month, rival_key))
                    index[table][doc_id] = month
            segment.db.clear_cache()
        self._hot.db.clear_cache()
        self.settled = tuple(settled)
        return index

    # --- internals: records --------------------------------------------------------------

    def _locate(self, table: str, record_id: int, near: str = HOT) -> str | None:
        """The file key holding a record, or None.

        A history record is looked for without reading all history: first in the months
        already loaded, then in ``near`` (where the record would live now), then month by
        month, newest first, keeping only the month that holds it. So an edit of last
        week's note reads last week's month, not ten years. Only a record found nowhere
        (a new id, or one deleted meanwhile) loads and indexes every month, once: an
        import adding thousands then looks each up in that index.
        """
        key = str(record_id)
        if table != "interactions" and key in self._hot.docs(table):
            return HOT
        if table in HOT_TABLES:
            return None
        if self._cold_index is None:
            with self._locked():
                if self._txn is None:
                    self._refresh_if_changed()  # hot and history read as one snapshot
                month = self._search_history(table, key, near)
            if month is not None:
                return month
        self._load_all_cold()
        assert self._cold_index is not None
        return self._cold_index[table].get(key)

    def _search_history(self, table: str, key: str, near: str) -> str | None:
        """The loaded or on-disk month holding record ``key`` of ``table``, or None.

        Files from before version 3 could hold a record in two months (a crash before the
        journal); migrating to version 3 merged every month, and since then a save writes
        all its files or none, so the first month found is the only one.
        """
        for month, segment in self._segments.items():
            if key in segment.docs(table):
                return month
        on_disk = self.history_months()
        order = [near] if near in on_disk else []
        order += [month for month in reversed(on_disk) if month != near]
        wanted = re.compile(rb'"%s"\s*:' % key.encode())  # its doc id, as a JSON key
        changed = self._txn.changed if self._txn is not None else set()
        for month in order:
            if month in self._segments:
                continue  # looked at above
            try:
                if not wanted.search(segment_path(self.path, month).read_bytes()):
                    continue
            except FileNotFoundError:
                continue
            if key in self._file(month).docs(table):
                return month
            if month not in changed:
                del self._segments[month]  # another record with that number: let it go
        return None

    def _find(self, table: str, record_id: int, near: str = HOT) -> dict[str, Any] | None:
        location = self._locate(table, record_id, near)
        if location is None:
            return None
        return self._file(location).table(table).get(doc_id=record_id)

    def _claim_id(self, table: str, wanted: int) -> int:
        """``wanted``, or the next id if 0; keeps the counter past every id handed out."""
        last_ids = self._meta()["last_ids"]
        last = int(last_ids.get(table, 0))
        record_id = wanted or last + 1
        if record_id > last:
            new_ids = {**last_ids, table: record_id}
            self._hot.table("meta").update({"last_ids": new_ids}, doc_ids=[1])
            self._txn_state().changed.add(HOT)
        return record_id

    def _put_doc(
        self, table: str, record_id: int, doc: dict[str, Any], known_new: bool = False
    ) -> None:
        problems = validate.check_record(table, doc)
        if problems:  # before anything changes: the transaction then writes nothing
            kind = t(f"record.{CLASS_OF[table].__name__.lower()}").capitalize()
            raise RecordInvalid(t("error.store.invalid.record", kind=kind, id=record_id), problems)
        new_key = home_of(table, doc)
        old_key = None if known_new else self._locate(table, record_id, near=new_key)
        before = self._file(old_key).docs(table).get(str(record_id)) if old_key else None
        if old_key is not None and old_key != new_key:
            self._remove_doc(old_key, table, record_id)
        if table == "interactions":
            self._note_log_change(str(record_id), before, doc)
        # The cached dict itself, not TinyDB's insert/update: those copy the whole table
        # on every call, which made a batch of n changes (an import) quadratic.
        target = self._file(new_key).storage
        docs = target.data.setdefault(table, {})
        stored = docs.get(str(record_id))
        if stored is not None:
            stored.clear()  # in place, as TinyDB's update did
            stored.update(doc)
        else:
            docs[str(record_id)] = dict(doc)
        self._txn_state().changed.add(new_key)
        if new_key != HOT and self._cold_index is not None:
            self._cold_index[table][str(record_id)] = new_key

    def _remove_doc(self, key: str, table: str, record_id: int) -> None:
        source = self._file(key)
        doc = source.docs(table).get(str(record_id))
        if doc is None:
            return
        if table == "interactions":
            self._note_log_change(str(record_id), doc, None)
        self._txn_state().changed.add(key)
        del source.docs(table)[str(record_id)]  # not TinyDB's remove: it copies the table
        if key != HOT and self._cold_index is not None:
            self._cold_index[table].pop(str(record_id), None)

    def _note_log_change(
        self, key: str, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> None:
        """Remember an interaction's first stored form in this transaction and its last,
        as copies (the stored dicts change in place), for the summary (``summary.revise``)."""
        changes = self._txn_state().log_changes
        if key in changes:
            first = changes[key][0]
        else:
            first = dict(before) if before is not None else None
        changes[key] = (first, dict(after) if after is not None else None)


def _month_read_from(record: Record) -> str:
    """The history month a record was most likely read from (HOT if none): an
    interaction's date, or a closed item's close time (a caller reopening it has not
    cleared it yet). Only a first guess: the store looks further if it is not there."""
    if isinstance(record, Interaction):
        return record.date.isoformat()[:7]
    closed = getattr(record, "closed", None)
    return closed.isoformat()[:7] if isinstance(closed, datetime) else HOT


def _prepared(record: RecordT) -> RecordT:
    """A record as it is written: cleaned, and a contact with its search keys up to date."""
    clean(record)
    if isinstance(record, Contact):
        refresh_spelling(record)
    return record


def _digest(raw: bytes) -> str:
    try:  # hashlib's own import loads OpenSSL (~3 ms of every command); blake2 is built in
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b

    return blake2b(raw, digest_size=16).hexdigest()


def _records_digest(data: Data) -> str | None:
    """A digest of the hot file's records (the tables the quarantine screens); None if
    they cannot be serialised (a record nested too deep for orjson: it must be screened)."""
    try:
        return _digest(dumps({table: data.get(table, {}) for table in migrations.RECORD_TABLES}))
    except (TypeError, ValueError):
        return None


def _last_topic(entry: dict[str, Any] | None, log: summary.Log, today: date) -> str:
    """A contact's last interaction on or before ``today``, as its summary (or decisions),
    from the log's summary: the newest such record only, checked before it is read.

    Raises KeyError (or another lookup error) when the summary cannot tell, e.g. all the
    kept interactions are planned after today and older ones exist: the caller then asks
    the history.
    """
    if entry is None:
        return ""
    for day_text, record_id in entry["recent"]:  # newest first
        if date.fromisoformat(day_text) <= today:
            doc = log[str(record_id)]
            if validate.check_record("interactions", doc):
                raise ValueError("a damaged summary record")
            return str(doc.get("summary") or "") or "; ".join(doc.get("decisions") or [])
    if entry["count"] > len(entry["recent"]):
        raise KeyError("older interactions than the summary keeps")
    return ""


def _stamp_after(previous: datetime) -> datetime:
    """Now, but strictly later than ``previous`` so every save changes ``updated``.

    ``now()`` has one-second resolution; without this, two saves within a second would
    look identical and a stale update would slip past the conflict check.
    """
    stamp = now()
    if previous.tzinfo is None or stamp > previous:
        return stamp
    return previous + timedelta(microseconds=1)
