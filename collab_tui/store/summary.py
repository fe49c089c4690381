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
hot file, so not newer than it). A segment changed, added or removed behind the store's
back makes the stamp fail; reads then use the history itself and the next save rebuilds
the summary from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
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


def add(entries: Entries, log: Log, docs: Iterable[dict[str, Any]]) -> None:
    """Count new interactions in: the newest RECENT of the old ones plus them are the
    newest of all."""
    for doc in docs:
        _count_in(entries, log, doc)
    prune(entries, log)


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


def stamp_ok(stamp: Any, found: Found, hot_mtime_ns: int) -> bool:
    """Does ``stamp`` (from the hot file) match the segments ``found`` on disk?"""
    if not isinstance(stamp, dict) or stamp.keys() != found.keys():
        return False
    for month, (size, mtime) in found.items():
        want = stamp[month]
        if not (isinstance(want, list) and len(want) == 2 and want[0] == size):
            return False
        if want[1] is None:
            if mtime > hot_mtime_ns:  # written after the hot file that stamped it
                return False
        elif want[1] != mtime:
            return False
    return True


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
