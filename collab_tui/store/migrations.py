"""Schema versions and the functions that bring an older file up to date.

A migration works on the *logical* data: one dict with every table
(``meta``, ``contacts``, ``items``, ``interactions``, each ``{doc_id: record}``), whatever
the on-disk layout. The store assembles it, takes a backup, runs ``migrate`` and writes
the result in the current layout.

Version 0 is a plain single-file TinyDB as the first prototype wrote it: tables
``items``, ``contacts``, ``interactions`` (plus TinyDB's empty ``_default``), no ``meta``,
records without an ``id`` field (the TinyDB doc id was the id), and items marked done by
``"done": true`` / ``"done_at"`` instead of ``status`` / ``closed``.

Version 2 adds the hot file's ``summary`` table (the log summarised per contact, see
``summary.py``) and ``meta.summary_stamp``. Both are derived: ``write_layout`` computes
them from the log, so the migration itself changes no record.

Version 3 adds the hot file's ``meetings`` table (planned meetings) and items' ``every``
(repeat rule) and ``after`` (ids of the items it waits on) fields; both fields have
defaults, so existing items need no change; the hot table ``escalations``; contacts may
carry ``stance_history`` and ``cadence_days``, the settings the cadence defaults and
``my_boss_id`` (optional, with defaults: no record changes). It also adds the hot tables
``projects`` and ``milestones`` (and their id counters). Existing contacts keep their own
side / level / flow: those are the defaults a project's roles fall back to, so no project
role is made up for them. An older reader refuses a version-3 file (``StoreTooNew``)
rather than drop the tables. ``_v2_to_v3`` runs every part's step; each is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Settings
from ..words import t

SCHEMA_VERSION = 3
META_ID = "1"  # the single document of the ``meta`` table
RECORD_TABLES = (
    "contacts",
    "items",
    "interactions",
    "meetings",
    "escalations",
    "projects",
    "milestones",
)

Data = dict[str, Any]


def new_meta() -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generation": 0,  # bumped by every transaction, so every save changes the hot file
        "last_ids": {table: 0 for table in RECORD_TABLES},
        "settings": Settings().to_dict(),
        "summary_stamp": {},  # no history yet (see summary.py)
    }


def version_of(data: Data) -> int:
    """The schema version recorded in a (hot) file; 0 when there is no meta table."""
    meta = data.get("meta", {}).get(META_ID)
    if meta is None:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int):
        raise ValueError(t("error.parse.no_version"))
    return version


def _v0_to_v1(data: Data) -> Data:
    out: Data = {name: table for name, table in data.items() if name != "_default"}
    if data.get("_default"):
        out["_default"] = data["_default"]  # unknown content: keep it rather than lose it
    for table in RECORD_TABLES:
        docs = out.setdefault(table, {})
        for doc_id, doc in docs.items():
            doc["id"] = int(doc_id)
    for doc in out["items"].values():
        done = doc.pop("done", None)
        done_at = doc.pop("done_at", None)
        if "status" not in doc:
            doc["status"] = "done" if done else "open"
        if doc["status"] != "open" and doc.get("closed") is None:
            doc["closed"] = done_at or doc.get("updated") or doc.get("created")
    meta = new_meta()
    meta["last_ids"] = {
        table: max((int(doc_id) for doc_id in out[table]), default=0) for table in RECORD_TABLES
    }
    out["meta"] = {META_ID: meta}
    return out


def _v1_to_v2(data: Data) -> Data:
    return data  # the summary is derived: write_layout builds it from the log


def _v2_to_v3_projects(data: Data) -> Data:
    """Empty ``projects`` and ``milestones`` tables and their id counters.

    Items already tagged for a piece of work join a project when one is made with that
    tag; contacts keep their side / level / flow as the defaults of every project's roles.
    """
    for table in ("projects", "milestones"):
        records = data.setdefault(table, {})
        last_ids = data["meta"][META_ID].setdefault("last_ids", {})
        last_ids.setdefault(table, max((int(k) for k in records), default=0))
    return data


def _v2_to_v3_playbook_b(data: Data) -> Data:
    """Planned meetings get their (empty) table and id counter."""
    data.setdefault("meetings", {})
    last_ids = data["meta"][META_ID].setdefault("last_ids", {})
    last_ids.setdefault("meetings", max((int(k) for k in data["meetings"]), default=0))
    return data


def _v2_to_v3_playbook_a(data: Data) -> Data:
    """The escalations table (empty) and its id counter."""
    data.setdefault("escalations", {})
    last_ids = data["meta"][META_ID].setdefault("last_ids", {})
    last_ids.setdefault("escalations", max((int(k) for k in data["escalations"]), default=0))
    return data


def _v2_to_v3(data: Data) -> Data:
    """Schema 3: planned meetings, escalations, then projects and milestones (each step
    idempotent)."""
    return _v2_to_v3_projects(_v2_to_v3_playbook_a(_v2_to_v3_playbook_b(data)))


# version N -> function turning a version-N logical dict into a version-N+1 one.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
}


def migrate(data: Data, from_version: int) -> Data:
    """Apply every migration from ``from_version`` up to SCHEMA_VERSION."""
    for version in range(from_version, SCHEMA_VERSION):
        data = MIGRATIONS[version](data)
        data["meta"][META_ID]["schema_version"] = version + 1
    return data
