"""Damaged records: found when a file loads, set aside, never lost.

Every file of the layout is screened once when it is read: each record is checked
(``collab_tui.validate``). A record with problems is *set aside*: taken out of what the
store hands to the app, so every command keeps working on the rest, but kept in the
storage object and written back exactly as it was whenever that file is saved. Nothing is
lost until ``collab doctor --repair`` moves it into ``<stem>.quarantine.json`` beside the
data file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .. import validate
from ..words import t
from .migrations import META_ID, RECORD_TABLES, SCHEMA_VERSION

Data = dict[str, dict[str, Any]]


class Damage(NamedTuple):
    """One problem in a stored record (or in the settings): where it is and what."""

    file: Path
    table: str  # "items", "contacts", "interactions"; "settings" for the settings
    id: str  # the record's id as stored (its key in the file); "" for the settings
    field: str
    message: str

    def __str__(self) -> str:
        problem = validate.field_problem(self.field, self.message)
        if self.table == "settings":
            return t("problem.damage.settings", file=self.file.name, problem=problem)
        return t(
            "problem.damage.record",
            file=self.file.name,
            table=self.table,
            id=self.id,
            problem=problem,
        )


def screen(path: Path, data: Data, hot: bool) -> tuple[Data, list[Damage]]:
    """Take the damaged records out of ``data`` (in place): (them, their problems).

    A hot file of an older or newer schema is left alone: migration (or the refusal of
    a newer file) comes first, and must see every record.
    """
    if hot and _schema_of(data) != SCHEMA_VERSION:
        return {}, []
    set_aside: Data = {}
    damage: list[Damage] = []
    for table in RECORD_TABLES:
        docs = data.get(table)
        if not docs:
            continue
        for doc_id, doc in docs.items():
            problems = validate.check_record(table, doc)
            stored_id = doc.get("id")
            if stored_id is not None and not problems and str(stored_id) != doc_id:
                wrong = t("problem.id_differs", id=stored_id, key=doc_id)
                problems.append(validate.Problem("id", wrong))
            if not problems and not 1 <= int(doc_id) <= validate.MAX_ID:
                problems.append(validate.Problem("id", t("problem.key_out_of_range", key=doc_id)))
            if problems:
                set_aside.setdefault(table, {})[doc_id] = writable(doc)
                damage.extend(Damage(path, table, doc_id, p.field, p.message) for p in problems)
        for doc_id in set_aside.get(table, ()):
            del docs[doc_id]
    return set_aside, damage


def settings_damage(path: Path, settings: Any) -> list[Damage]:
    return [
        Damage(path, "settings", "", p.field, p.message) for p in validate.check_settings(settings)
    ]


def writable(doc: Any) -> orjson.Fragment:
    """The record as JSON bytes, ready to be written back exactly as it was read.

    orjson writes at most 254 levels of nesting but reads 1024; a record that deep is
    written with the standard library instead, given the stack to do it.
    """
    try:
        return orjson.Fragment(orjson.dumps(doc))
    except TypeError:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 10_000))
        try:
            return orjson.Fragment(json.dumps(doc, ensure_ascii=False).encode())
        finally:
            sys.setrecursionlimit(limit)


def _schema_of(data: Data) -> int | None:
    meta = data.get("meta", {}).get(META_ID)
    return meta.get("schema_version") if isinstance(meta, dict) else None


def summary(damage: list[Damage]) -> str:
    """The one-line warning for commands and the app (empty when all is well)."""
    if not damage:
        return ""
    records = {(d.file, d.table, d.id) for d in damage if d.table != "settings"}
    settings = [d for d in damage if d.table == "settings"]
    parts = []
    if records:
        first = next(d for d in damage if d.table != "settings")
        count = len(records)
        if count == 1:
            parts.append(t("warning.damaged.one", first=first))
        else:
            parts.append(t("warning.damaged.many", n=count, first=first, more=count - 1))
    if settings:
        bad = settings[0]
        parts.append(
            t("warning.settings", file=bad.file.name, field=bad.field, problem=bad.message)
        )
    return t("warning.run_doctor", warnings=" ".join(parts))
