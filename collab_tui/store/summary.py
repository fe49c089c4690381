"""The per-contact summary of the log, kept in the hot file so reads skip the history.

``collab today`` (who is going cold) and ``collab who`` (the brief) need, per contact,
only the date of the last contact and the last few interactions. Reading ten years of
monthly history for that made their cost grow with the years. The hot file's
``summary`` table holds, for every contact id that appears in the log::

    {"count": 69, "recent": [["2026-11-20", 3321], ...]}   # newest first, at most RECENT

and its ``summary_log`` table a copy of each interaction record some ``recent`` names.

The store updates it in the same commit as every change to the log (see ``Store``). It
is trusted only while ``meta.summary_stamp`` still describes the history folder: every
segment's byte size and modification time (``null``: written by the same commit as the
hot file, so not newer than it). A segment whose mtime alone differs (copied, not edited)
is confirmed by its bytes against the digest its last save recorded. A segment changed,
added or removed behind the store's back makes the stamp fail; reads then use the
history itself and the next save rebuilds the summary from it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..model import Interaction

RECENT = 3  # interactions kept per contact: the brief shows 3

Entries = dict[str, dict[str, Any]]  # contact id (str) -> {"count": n, "recent": [[date, id]]}
Log = dict[str, dict[str, Any]]  # interaction id (str) -> its record, for those in a "recent"
Found = dict[str, tuple[int, int]]  # month -> (size, mtime_ns) of its segment on disk


def build(docs: Iterable[dict[str, Any]]) -> tuple[Entries, Log]:
    """The summary of a whole log (its interaction records, valid ones only)."""
    entries: Entries = {}
    log: Log = {}
    for doc in docs:
        _count_in(entries, log, doc)
    prune(entries, log)
    return entries, log


def _count_in(entries: Entries, log: Log, doc: dict[str, Any]) -> None:
    key = [doc["date"], doc["id"]]  # the brief's order: newest date first, then higher id
    for contact_id in dict.fromkeys(doc.get("contact_ids") or ()):
        entry = entries.setdefault(str(contact_id), {"count": 0, "recent": []})
        entry["count"] += 1
        recent = entry["recent"]
        if len(recent) < RECENT or key > recent[-1]:
            recent.append(key)
            recent.sort(reverse=True)
            del recent[RECENT:]
            log[str(doc["id"])] = dict(doc)  # a copy: the history's record may change in place


Change = tuple[dict[str, Any] | None, dict[str, Any] | None]  # (before, after); None: absent
# The interactions of one month (its doc id -> record), months newest first, as they are
# after the change: what ``revise`` reads when an edit pushes a contact's older ones up.
MonthsNewestFirst = Callable[[str], Iterator[Iterable[dict[str, Any]]]]


def revise(entries: Entries, log: Log, changes: Iterable[Change], older: MonthsNewestFirst) -> bool:
    """Bring the summary up to date with interactions added, edited or removed.

    A contact's ``recent`` that loses an entry (an edit moved it to an older date or
    another contact, or a removal) is refilled with its next older interactions, read by
    ``older(month)``: the months from ``month`` back, newest first, only as far as
    needed. An edit of last week's note reads last week's month, not ten years. False if
    the summary does not add up with the history (edited by hand): rebuild it then.
    """
    changes = list(changes)
    changed_ids = {str(doc["id"]) for pair in changes for doc in pair if doc is not None}
    touched = {contact for pair in changes for doc in pair for contact in _contacts_of(doc)}
    # Everything older than a contact's last kept entry is unknown here: remember it.
    boundary: dict[str, list[Any] | None] = {}
    for contact in touched:
        entry = entries.get(contact)
        if entry is not None and entry["count"] > len(entry["recent"]):
            boundary[contact] = entry["recent"][-1]
        else:
            boundary[contact] = None
    for before, after in changes:
        for doc, step in ((before, -1), (after, 1)):
            for contact in _contacts_of(doc):
                entry = entries.setdefault(contact, {"count": 0, "recent": []})
                entry["count"] += step
    candidates: dict[str, list[list[Any]]] = {contact: [] for contact in touched}
    for _, after in changes:
        if after is not None:
            for contact in _contacts_of(after):
                candidates[contact].append([after["date"], after["id"]])
    short: dict[str, int] = {}  # contact -> how many older entries it still needs
    limits: dict[str, list[Any]] = {}  # a short contact -> the newest key it may take
    for contact in touched:
        entry = entries[contact]
        if entry["count"] < 0:
            return False
        if entry["count"] == 0:
            del entries[contact]
            continue
        last = boundary[contact]
        kept = [key for key in entry["recent"] if str(key[1]) not in changed_ids]
        kept += [key for key in candidates[contact] if last is None or key >= last]
        kept.sort(reverse=True)
        entry["recent"] = kept[:RECENT]
        wanted = min(RECENT, entry["count"])
        if len(entry["recent"]) < wanted:
            if last is None:
                return False  # the count says there is more, the summary named nothing older
            short[contact] = wanted - len(entry["recent"])
            limits[contact] = last
    if short and not _refill(entries, log, short, limits, older):
        return False
    for _, after in changes:
        if after is not None:
            log[str(after["id"])] = dict(after)  # prune drops it if no list names it
    prune(entries, log)
    return True


def _contacts_of(doc: dict[str, Any] | None) -> list[str]:
    """The contact ids (as the summary's keys) an interaction names, each once."""
    return [str(c) for c in dict.fromkeys(doc.get("contact_ids") or ())] if doc else []


def _refill(
    entries: Entries,
    log: Log,
    short: dict[str, int],
    limits: dict[str, list[Any]],
    older: MonthsNewestFirst,
) -> bool:
    """Append to each short contact's ``recent`` its newest interactions at or before its
    limit that it does not list yet, reading months newest first until all have enough."""
    start = max(str(limits[contact][0])[:7] for contact in short)
    found: dict[str, list[tuple[list[Any], dict[str, Any]]]] = {c: [] for c in short}
    for docs in older(start):
        for doc in docs:
            key = [doc["date"], doc["id"]]
            for contact in _contacts_of(doc):
                if contact not in short or key > limits[contact]:
                    continue
                if key not in entries[contact]["recent"]:
                    found[contact].append((key, doc))
        # Every month after this one is newer: a contact with enough is done.
        for contact in [c for c in short if len(found[c]) >= short[c]]:
            best = sorted(found.pop(contact), key=lambda pair: pair[0], reverse=True)
            for key, doc in best[: short.pop(contact)]:
                entries[contact]["recent"].append(key)
                log[str(doc["id"])] = dict(doc)
        if not short:
            return True
    return False


def prune(entries: Entries, log: Log) -> None:
    """Drop the records no contact's ``recent`` names any more."""
    kept = {str(i) for entry in entries.values() for _, i in entry["recent"]}
    for stale in [i for i in log if i not in kept]:
        del log[stale]


def last_contact(entry: dict[str, Any] | None, today: date) -> date | None | Literal[False]:
    """The latest interaction date on or before ``today``; None if there is none;
    False if the summary cannot tell (every kept one is planned after ``today`` and
    older ones exist)."""
    if entry is None:
        return None
    recent = entry["recent"]
    for day_text, _ in recent:  # newest first: the first one not after today is the latest
        day = date.fromisoformat(day_text)
        if day <= today:
            return day
    return False if entry["count"] > len(recent) else None


# --- the stamp: does the summary still describe the history on disk? -----------------------


def scan(history: Path) -> Found:
    """Every segment in the history folder with its size and mtime (one stat each)."""
    found: Found = {}
    try:
        listing = os.scandir(history)
    except FileNotFoundError:
        return found
    with listing:
        for entry in listing:
            name = entry.name
            if name.endswith(".json") and not name.startswith("."):
                st = entry.stat()
                found[name[: -len(".json")]] = (st.st_size, st.st_mtime_ns)
    return found


def stamp_ok(stamp: Any, found: Found, hot_mtime_ns: int, unchanged: Callable[[str], bool]) -> bool:
    """Does ``stamp`` (from the hot file) match the segments ``found`` on disk?

    A segment added, removed or resized fails it at once. One whose size matches but
    whose mtime does not was either edited (same size) or only copied: a new computer, a
    restored backup, a sync tool that does not keep times. ``unchanged(month)`` tells the
    two apart by its bytes (the digest its last save recorded), so a copied history is
    still summarised instead of read whole by every command until the next save.
    """
    if not isinstance(stamp, dict) or stamp.keys() != found.keys():
        return False
    to_confirm: list[str] = []
    for month, (size, mtime) in found.items():
        want = stamp[month]
        if not (isinstance(want, list) and len(want) == 2 and want[0] == size):
            return False
        if want[1] is None:  # written by the commit that wrote the hot file: not newer
            moved = mtime > hot_mtime_ns
        else:
            moved = want[1] != mtime
        if moved:
            to_confirm.append(month)
    return all(unchanged(month) for month in to_confirm)


def new_stamp(found: Found, written: dict[str, int | None]) -> dict[str, list[int | None]]:
    """The stamp after a commit: ``found`` (checked, untouched) plus what it writes.

    ``written``: month -> new size, or None for a segment the commit removes. Their
    mtimes are not known before the write; they are written before the hot file.
    """
    stamp: dict[str, list[int | None]] = {m: [size, mtime] for m, (size, mtime) in found.items()}
    for month, size in written.items():
        if size is None:
            stamp.pop(month, None)
        else:
            stamp[month] = [size, None]
    return stamp


class ContactLog(NamedTuple):
    """What the brief shows of one contact's log."""

    recent: list[Interaction]  # newest first
    total: int  # all of their interactions
    last_contact: date | None  # the latest on or before today
