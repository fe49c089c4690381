"""The commit protocol: a save that touches several files is atomic as a whole.

A save first computes the final bytes of every file it changes (None: delete the file).

- **One file** (most saves: an ``add``, an edit of an active item): replacing it with
  ``durable.write_atomic`` is already atomic; the rename is the commit point.
- **Several files** (closing an item moves it from the hot file into a history segment;
  an import may touch dozens of segments):

  1. the journal ``PATH.journal`` is written atomically: every target (relative to the
     data file's folder) with its new bytes, and a sha256 over all of it. **The journal's
     rename is the commit point**; the directory is then fsynced so it survives a crash;
  2. every file is replaced (or deleted), history segments first, the hot file last,
     and their folders fsynced;
  3. the journal is removed.

Whoever takes the lock next and finds a journal repeats steps 2 and 3 ("rolls forward";
repeating them is harmless), so a crash or failure at any point after the commit point
ends in the after-state, and before it in the before-state. A journal that fails its
checksum is never guessed at: the caller refuses to open the data.

Failures are reported as ``CommitError`` with ``saved``: False if the data on disk is the
before-state, True if the change is on disk (or in the journal, to be finished later).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import orjson

from ..words import t
from . import durable

SUFFIX = ".journal"
MAGIC = b"collab-journal 1\n"
DIGEST_LINE = 65  # 64 hex digits of sha256 and a newline, at the end


class Change:
    """One file of a commit: its new bytes, or None to delete it."""

    # A plain class: a dataclass costs `collab add` a millisecond of import time.
    __slots__ = ("path", "data")

    def __init__(self, path: Path, data: bytes | None) -> None:
        self.path = path
        self.data = data


class Pending:
    """A journal found on disk: the commit it records."""

    __slots__ = ("generation", "changes")

    def __init__(self, generation: int, changes: list[Change]) -> None:
        self.generation = generation
        self.changes = changes


class CommitError(Exception):
    """A commit failed. ``saved``: is the change on disk (or in the journal)?"""

    def __init__(self, path: Path, cause: OSError, saved: bool, journal: Path | None = None):
        super().__init__(str(cause))
        self.path = path
        self.cause = cause
        self.saved = saved
        self.journal = journal  # set when the change waits in the journal to be finished


class BadJournal(ValueError):
    """The journal does not verify (checksum, shape or a target outside the layout)."""


def journal_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + SUFFIX)


def commit(data_path: Path, changes: list[Change], generation: int) -> None:
    """Make ``changes`` on disk, all or nothing. Raises CommitError.

    ``generation`` is the data's generation after this commit; a journal left behind is
    only rolled forward onto data that is not newer (see ``Store``).
    """
    if len(changes) == 1 and changes[0].data is not None:
        _commit_one(changes[0].path, changes[0].data)
        return
    journal = journal_path(data_path)
    try:
        durable.write_atomic(journal, encode(data_path, changes, generation), sync_dir=False)
    except OSError as exc:
        raise CommitError(data_path, exc, saved=False) from exc
    # The journal is in place: from here on the change is made, whatever fails.
    try:
        finish(data_path, changes)
    except OSError:
        try:  # once more, at once: a passing error should not leave work for later
            finish(data_path, changes)
        except OSError as exc:
            raise CommitError(data_path, exc, saved=True, journal=journal) from exc


def _commit_one(path: Path, data: bytes) -> None:
    try:
        durable.write_atomic(path, data, sync_dir=False)
    except OSError as exc:
        raise CommitError(path, exc, saved=False) from exc
    # Renamed: the change is in the file. Only its durability is left to confirm.
    try:
        durable.fsync_dir(path.parent)
    except OSError:
        try:
            durable.fsync_dir(path.parent)
        except OSError as exc:
            raise CommitError(path, exc, saved=True) from exc


def finish(data_path: Path, changes: Iterable[Change]) -> None:
    """Steps 2 and 3: apply every change durably, then remove the journal. Idempotent."""
    journal = journal_path(data_path)
    durable.fsync_dir(journal.parent)  # the journal itself must be durable before we rely on it
    folders: dict[Path, None] = {}
    for change in changes:
        if change.data is None:
            durable.remove(change.path)
        else:
            durable.ensure_dir(change.path.parent)
            durable.write_atomic(change.path, change.data, sync_dir=False)
        folders[change.path.parent] = None
    for folder in folders:
        durable.fsync_dir(folder)
    discard(data_path)


def discard(data_path: Path) -> None:
    """Remove the journal (it is done, or stale).

    No fsync of its own (a save costs one less): should a power cut undo the removal,
    the journal is rolled forward again, rewriting the same bytes, or, once a later save
    has made the data newer, found stale and dropped.
    """
    durable.remove(journal_path(data_path))


# --- the file ------------------------------------------------------------------------------
#
#   collab-journal 1\n
#   {"generation": 8, "files": [["collab.history/2026-03.json", 1234], ["collab.json", 567]]}\n
#   <the new bytes of each file, in that order; a size of null deletes the file>
#   <sha256 of everything above, 64 hex digits>\n


def _sha256(data: bytes) -> bytes:
    import hashlib  # here: its OpenSSL import costs `collab add` (one file, no journal) ~10 ms

    return hashlib.sha256(data).hexdigest().encode()


def encode(data_path: Path, changes: list[Change], generation: int) -> bytes:
    root = data_path.parent
    files = [
        [c.path.relative_to(root).as_posix(), None if c.data is None else len(c.data)]
        for c in changes
    ]
    header = orjson.dumps({"generation": generation, "files": files})
    body = b"".join([MAGIC, header, b"\n", *(c.data for c in changes if c.data is not None)])
    return body + _sha256(body) + b"\n"


def read_pending(data_path: Path) -> Pending | None:
    """The commit a journal left behind records, or None. Raises BadJournal, OSError."""
    try:
        raw = journal_path(data_path).read_bytes()
    except FileNotFoundError:
        return None
    return decode(data_path, raw)


def decode(data_path: Path, raw: bytes) -> Pending:
    if not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + DIGEST_LINE:
        raise BadJournal(t("error.journal.not_a_journal"))
    body, digest = raw[:-DIGEST_LINE], raw[-DIGEST_LINE:]
    if _sha256(body) + b"\n" != digest:
        raise BadJournal(t("error.journal.checksum"))
    try:
        header_end = body.index(b"\n", len(MAGIC))
        header = orjson.loads(body[len(MAGIC) : header_end])
        generation, files = header["generation"], header["files"]
        offset, changes = header_end + 1, []
        for rel, size in files:
            path = _target(data_path, rel)
            if size is None:
                changes.append(Change(path, None))
                continue
            if not isinstance(size, int) or size < 0:
                raise ValueError(t("error.journal.bad_size", size=repr(size)))
            changes.append(Change(path, body[offset : offset + size]))
            offset += size
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise BadJournal(t("error.journal.header", error=exc)) from None
    if offset != len(body) or not isinstance(generation, int):
        raise BadJournal(t("error.journal.sizes"))
    return Pending(generation, changes)


def _target(data_path: Path, rel: str) -> Path:
    """A journal may only name the hot file or a history segment beside it."""
    parts = PurePosixPath(rel).parts
    history = f"{data_path.stem}.history"
    if parts == (data_path.name,) or (
        len(parts) == 2
        and parts[0] == history
        and parts[1].endswith(".json")
        and not parts[1].startswith(".")
    ):
        return data_path.parent.joinpath(*parts)
    raise ValueError(t("error.journal.foreign_file", name=repr(rel)))
