"""The JSON backup format: complete, lossless and versioned (described in docs/FORMAT.md).

``export_json`` writes the whole store as the file's bytes (``export_data``: the same,
parsed); ``import_data`` checks a whole file before it changes anything, then merges it
by id in one store transaction.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from collab_tui import model
from collab_tui.interop import ImportSummary, Progress, plan_then_commit
from collab_tui.model import (
    Contact,
    Escalation,
    Interaction,
    Item,
    Meeting,
    Milestone,
    Project,
    Record,
    Settings,
    clean,
    now,
)
from collab_tui.validate import check_record, check_settings, describe
from collab_tui.validate import record_id as record_id_problem
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store

FORMAT_NAME = "collab-tui"
FORMAT_VERSION = 1

# Records written at a time: one write per record was 100,000 system calls at ten years.
RECORDS_PER_CHUNK = 2000

# The order matters on import: contacts first, so items and interactions that point at
# them are never stored before what they point at.
# Projects and milestones (schema 3) come last: a file without them reads as before.
SECTIONS: tuple[tuple[str, type[Record]], ...] = (
    ("contacts", Contact),
    ("items", Item),
    ("interactions", Interaction),
    ("meetings", Meeting),  # planned meetings (absent from backups written before them)
    ("escalations", Escalation),  # after the items and contacts it points at
    ("projects", Project),
    ("milestones", Milestone),
)


def export_json(
    store: Store, exported: datetime | None = None, progress: Progress | None = None
) -> bytes:
    """The backup file's bytes: the whole store, indented, with a final newline."""
    return b"".join(export_chunks(store, exported, progress))


def export_chunks(
    store: Store,
    exported: datetime | None = None,
    progress: Progress | None = None,
) -> Iterator[bytes]:
    """The backup file's bytes in pieces, to write as they come: the whole file (55 MB
    at ten years) is never in memory at once, nor are the store's records. Joined, they
    are ``orjson.dumps(backup, OPT_INDENT_2)`` plus a newline, byte for byte.

    Each record is written from the dict the store holds, without building a record
    object for it (see ``_exported_form``), and kept as its bytes only: the history is
    read a file at a time and let go, so ten years take the memory of their text, not of
    their dicts (~2.5x more). ``progress(done, total)`` is called after each record.
    """
    import orjson  # on use: nothing else in this module needs it

    head = orjson.dumps(_backup_head(store, exported), option=orjson.OPT_INDENT_2)
    # History first: a record a crash left in two files is settled before it is written.
    history = _history_bytes(store)
    sections = {
        section: history[section] if section in history else _section_bytes(store, section, cls)
        for section, cls in SECTIONS
    }
    total = sum(len(records) for records in sections.values())
    done = 0
    yield head.removesuffix(b"\n}")
    for section, records in sections.items():
        yield b",\n  " + orjson.dumps(section) + b": "
        if not records:
            yield b"[]"
            continue
        yield b"["
        for start in range(0, len(records), RECORDS_PER_CHUNK):
            piece = records[start : start + RECORDS_PER_CHUNK]
            yield (b",\n    " if start else b"\n    ") + b",\n    ".join(piece)
            if progress is not None:
                for _ in piece:
                    done += 1
                    progress(done, total)
        yield b"\n  ]"
    yield b"\n}\n"


def export_data(
    store: Store, exported: datetime | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Every record in the store (closed items too) in its ``to_dict`` form.

    The parsed ``export_json``: plain JSON values the caller is free to change.
    """
    import orjson

    data: dict[str, Any] = orjson.loads(export_json(store, exported, progress))
    return data


def _backup_head(store: Store, exported: datetime | None) -> dict[str, Any]:
    """What the backup says before its records."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": (exported or now()).isoformat(),
        "settings": store.settings.to_dict(),
    }


def _dumper(cls: type[Record]) -> Callable[[dict[str, Any]], bytes]:
    """``doc -> bytes``: a record's JSON, indented as it stands in the backup file."""
    import orjson

    exported_form = _exported_form(cls)

    def dumped(doc: dict[str, Any]) -> bytes:
        # "{\n  ...\n}" two levels deeper: every line four more spaces (JSON text holds no
        # raw newline but between its tokens). The copy that makes is sized to its text:
        # orjson's own result keeps its 8 KiB buffer (~800 MB for ten years of records).
        return orjson.dumps(exported_form(doc), option=orjson.OPT_INDENT_2).replace(
            b"\n", b"\n    "
        )

    return dumped


def _section_bytes(store: Store, section: str, cls: type[Record]) -> list[bytes]:
    """Each record of a hot table (a few of them) as its bytes, by id."""
    dumped = _dumper(cls)
    return [dumped(doc) for doc in sorted(store.stored_dicts(section), key=_doc_id)]


def _history_bytes(store: Store) -> dict[str, list[bytes]]:
    """Every item and interaction as its bytes, by id: the history read once, a file at
    a time, each record kept as its text only (not the store's dicts, ~2.5x larger)."""
    from collab_tui.store import is_newer

    classes = dict(SECTIONS)
    dumpers = {table: _dumper(classes[table]) for table in ("items", "interactions")}
    kept: dict[str, dict[int, tuple[Any, bytes]]] = {table: {} for table in dumpers}
    for tables in store.history_by_file():
        for table, docs in tables.items():
            found = kept[table]
            for doc in docs.values():
                earlier = found.get(doc["id"])  # a copy a crash left: the newer one counts
                if earlier is None or is_newer(doc, {"updated": earlier[0]}):
                    found[doc["id"]] = (doc.get("updated"), dumpers[table](doc))
    return {table: [found[i][1] for i in sorted(found)] for table, found in kept.items()}


def _exported_form(cls: type[Record]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """``doc -> row``: the row ``clean(cls.from_dict(doc)).to_dict()`` would give.

    A stored doc whose keys are exactly the class's fields, in order, with dates and
    times as ``isoformat`` writes them, enum values the enums know and no character
    ``clean`` would change, is its own row; any other doc (an older file, unknown keys,
    a timestamp written another way) takes the round trip. The tests are a few C-level
    calls per record, not one per field. They rely on what every stored record passed
    on its way in (validate.check_record: ids are whole numbers, dates parse).
    """

    def round_trip(doc: dict[str, Any]) -> dict[str, Any]:
        return clean(cls.from_dict(doc)).to_dict()

    groups = _field_groups(cls)
    if groups is None:
        return round_trip
    names = tuple(f.name for f in fields(cls) if f.name != "extra")
    # Fields added later with a None default (Item.hidden_until): a doc stored before them
    # lacks the key, and its row has None there; filling it in is far cheaper than a round trip.
    later = frozenset(f.name for f in fields(cls) if f.default is None)
    texts, text_lists = _getter(groups["text"]), _getter(groups["text_list"])
    optional_texts = _getter(groups["optional_text"])
    stamps, days, day_lists = (
        _getter(groups["datetime"]),
        _getter(groups["date"]),
        _getter(groups["date_list"]),
    )
    enums = _getter(groups["enum"])
    enum_values = frozenset(
        itertools.product(*([*getattr(model, kind), None] for kind in groups["enum_kinds"]))
    )

    def exported_form(doc: dict[str, Any]) -> dict[str, Any]:
        keys = tuple(doc)
        if keys != names and len(keys) < len(names) and later.issuperset(names - doc.keys()):
            if keys == tuple(name for name in names if name in doc):
                doc = {name: doc.get(name) for name in names}
                keys = names
        if keys != names or enums(doc) not in enum_values:
            return round_trip(doc)
        try:
            text = " ".join(
                itertools.chain(
                    texts(doc), filter(_is_value, optional_texts(doc)), *text_lists(doc)
                )
            )
            stamp = " ".join(filter(_is_value, stamps(doc)))
            day = " ".join(filter(_is_value, itertools.chain(days(doc), *day_lists(doc))))
        except TypeError:  # a value of another type: let the round trip decide
            return round_trip(doc)
        if _DIRTY.search(text) or not _STAMPS.fullmatch(stamp) or not _DATES.fullmatch(day):
            return round_trip(doc)
        return doc

    return exported_form


def _field_groups(cls: type[Record]) -> dict[str, list[str]] | None:
    """The fields of ``cls`` by how the round trip treats them, from their types.

    None if a field has a type not known here: then every record takes the round trip,
    which is always right.
    """
    groups: dict[str, list[str]] = {
        name: []
        for name in ("text", "optional_text", "text_list", "datetime", "date", "date_list", "enum")
    }
    groups["enum_kinds"] = []
    for f in fields(cls):
        if f.name == "extra":
            continue
        kind = str(f.type).removesuffix(" | None").replace(" ", "")
        enum = getattr(model, kind, None)
        if kind in _PASSED_AS_THEY_ARE:
            continue
        if str(f.type).replace(" ", "") == "str|None":  # Item.every, Meeting.time
            groups["optional_text"].append(f.name)
        elif kind in _GROUP_OF:
            groups[_GROUP_OF[kind]].append(f.name)
        elif isinstance(enum, type) and issubclass(enum, StrEnum):
            groups["enum"].append(f.name)
            groups["enum_kinds"].append(kind)
        else:
            return None
    return groups


# Field types that from_dict, clean and to_dict pass through as they are (lists and dicts
# copied): whole numbers and true/false, which check_record makes sure of, and the spelling.
_PASSED_AS_THEY_ARE = frozenset({"int", "bool", "list[int]", "dict[str,str]"})
_GROUP_OF = {
    "str": "text",
    "list[str]": "text_list",
    "datetime": "datetime",
    "date": "date",
    "list[date]": "date_list",
}
_DIRTY = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # what model.clean changes (its _DIRTY)
# Timestamps and dates exactly as isoformat writes them (no zero microseconds, no -00:00):
# a valid one of this shape comes out of fromisoformat + isoformat unchanged.
_STAMP = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.(?!000000)[0-9]{6})?"
_STAMP += r"(?:\+[0-9]{2}:[0-9]{2}|-(?!00:00)[0-9]{2}:[0-9]{2})"
_STAMPS = re.compile(rf"(?:{_STAMP}(?: {_STAMP})*)?")
_DATES = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{4}-[0-9]{2}-[0-9]{2})*)?")
_is_value = functools.partial(operator.is_not, None)


def _getter(names: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """``doc -> (doc[name], ...)`` in C, a tuple however many names."""
    if len(names) > 1:
        return operator.itemgetter(*names)
    if names:
        (name,) = names
        return lambda doc: (doc[name],)
    return lambda doc: ()


def _doc_id(doc: dict[str, Any]) -> Any:
    return doc["id"]


def read_records(data: Any) -> tuple[Settings | None, list[Record]]:
    """Check a parsed backup file and turn it into records; ValueError says what is wrong.

    Nothing is stored here, so a bad file can never leave a half-finished import.
    """
    if not isinstance(data, dict):
        raise ValueError(t("import.json.not_object"))
    if data.get("format") != FORMAT_NAME:
        raise ValueError(
            t("import.json.format", value=repr(data.get("format")), expected=FORMAT_NAME)
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(t("import.json.version", value=repr(version)))
    if version > FORMAT_VERSION:
        raise ValueError(t("import.json.too_new", version=version, supported=FORMAT_VERSION))
    if version < 1:
        raise ValueError(t("import.json.unknown_version", version=version))

    settings = None
    if data.get("settings") is not None:
        if not isinstance(data["settings"], dict):
            raise ValueError(t("import.json.settings_type"))
        problems = check_settings(data["settings"])
        if problems:
            raise ValueError(t("import.json.settings_invalid", problems=describe(problems)))
        try:
            settings = Settings.from_dict(data["settings"])
        except (TypeError, ValueError) as error:
            raise ValueError(t("import.json.settings_invalid", problems=error)) from None

    records: list[Record] = []
    for section, cls in SECTIONS:
        rows = data.get(section, [])
        if not isinstance(rows, list):
            raise ValueError(t("import.json.section_type", section=section))
        seen: set[int] = set()
        for position, row in enumerate(rows, start=1):
            where = f"{section}[{position}]"
            record = _record_from_row(cls, row, where)
            if record.id in seen:
                raise ValueError(
                    t("import.json.repeated_id", where=where, id=record.id, section=section)
                )
            seen.add(record.id)
            records.append(record)
    return settings, records


def import_data(
    store: Store, data: Any, progress: Progress | None = None, dry_run: bool = False
) -> ImportSummary:
    """Merge a backup into the store by id; the whole file is validated first.

    Into an empty store this reproduces the backup exactly, ids included. A record whose
    id already exists is ``unchanged`` when identical, else replaced (``updated``). A dry
    run counts the same way and stores nothing. The file is checked and compared with
    the store with no lock held; the changes then go in as one store transaction.
    """
    try:
        settings, records = read_records(data)
    except ValueError as error:
        raise ValueError(t("import.nothing_imported", error=error)) from None

    def plan() -> tuple[ImportSummary, Settings | None, list[tuple[Record, bool]]]:
        summary = ImportSummary()
        steps: list[tuple[Record, bool]] = []  # (record, whether it must be written)
        for record in records:
            existing = _get(store, record)
            if existing is not None and _compared(existing) == _compared(record):
                summary.unchanged += 1
                steps.append((record, False))
            else:
                if existing is None:
                    summary.added += 1
                else:
                    summary.updated += 1
                steps.append((record, True))
        new_settings = settings if settings is not None and settings != store.settings else None
        return summary, new_settings, steps

    def apply(planned: tuple[ImportSummary, Settings | None, list[tuple[Record, bool]]]) -> None:
        _summary, new_settings, steps = planned
        if new_settings is not None:
            _save_settings(store, new_settings)
        total = len(steps)
        for done, (record, write) in enumerate(steps, start=1):
            if write:
                store.put(record)
            if progress is not None:
                progress(done, total)

    summary, _settings, _steps = plan_then_commit(store, plan, apply, dry_run)
    return summary


def _compared(record: Record) -> dict[str, Any]:
    """A record's content, without what the store derives (a contact's spelling: a
    backup written before spellings existed is still "unchanged")."""
    data = record.to_dict()
    data.pop("spelling", None)
    return data


def _record_from_row(cls: type[Record], row: Any, where: str) -> Record:
    """One row checked against the format and its limits (validate.py), then the record."""
    table = next(section for section, section_cls in SECTIONS if section_cls is cls)
    problems = check_record(table, row)
    if problems:
        record_id = row.get("id") if isinstance(row, dict) else None
        named = (
            t("import.json.row", where=where, id=record_id)
            if record_id_problem(record_id) is None
            else where
        )
        raise ValueError(t("import.reason", where=named, why=describe(problems)))
    try:
        return cls.from_dict(row)
    except (TypeError, ValueError, AttributeError) as error:  # nothing check_record lets by
        named = t("import.json.row", where=where, id=row["id"])
        raise ValueError(t("import.reason", where=named, why=error)) from None


def _get(store: Store, record: Record) -> Record | None:
    if isinstance(record, Contact):
        return store.contact(record.id)
    if isinstance(record, Item):
        return store.item(record.id)
    if isinstance(record, Meeting):
        return store.meeting(record.id)
    if isinstance(record, Project):
        return store.project(record.id)
    if isinstance(record, Milestone):
        return store.milestone(record.id)
    return store.interaction(record.id)


def _save_settings(store: Store, settings: Settings) -> None:
    store.update_settings(settings)
