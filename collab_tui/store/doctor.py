"""``collab doctor``: check every file and record of a data file, and repair what it can.

``leftover_temps`` looks before the store is opened (opening sweeps them away);
``examine`` reads every file of the layout and returns what is wrong, in plain words;
``repair`` fixes what can be fixed, in one store transaction, never losing a record:

- damaged records (set aside when their file loaded) move into ``<stem>.quarantine.json``
  beside the data file (append-only, written atomically before the live file drops them);
- two copies of one record (a close that an older version left half-finished: open in
  the main file, closed in history) keep only the newer copy on disk;
- invalid settings go back to the defaults (the old values are shown first);
- links to records that do not exist are removed;
- id counters behind the highest id in use are moved past it.

No UI library here: the CLI prints what these functions return.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from .. import validate
from ..model import (
    Contact,
    Escalation,
    Interaction,
    Item,
    Meeting,
    Milestone,
    Project,
    Record,
    Role,
    Settings,
    now,
)
from ..records import record_class
from ..words import t
from . import backups, durable
from .migrations import META_ID
from .quarantine import Damage, writable
from .storage import ParseError, load_file
from .store import CLASS_OF, HOT, Store

QUARANTINE_FORMAT = "collab-tui-quarantine"


@record_class
class Finding:
    """One problem: what is wrong (plain words) and what a repair would do (None: none)."""

    kind: str  # "temp", "unreadable", "damaged", "settings", "duplicate", "link", "counter"
    what: str
    repair: str | None = None


def quarantine_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.quarantine.json")


def leftover_temps(path: Path) -> list[Path]:
    """Temp files an interrupted save left behind (the store removes them when it opens)."""
    found = list(path.parent.glob(f".{path.name}.*{durable.TEMP_SUFFIX}"))
    history = backups.history_dir(path)
    if history.is_dir():
        found.extend(history.glob(f".*{durable.TEMP_SUFFIX}"))
    return sorted(found)


def examine(store: Store, temps: list[Path] | None = None) -> list[Finding]:
    """Everything wrong with the store's files and records (loads all of its history)."""
    findings = [
        Finding(
            "temp",
            t("doctor.temp", path=p),
        )
        for p in temps or []
    ]
    unreadable = _unreadable_segments(store)
    findings.extend(unreadable)
    if unreadable:  # the history cannot be loaded as a whole: the record checks stop here
        return findings
    store.items(active_only=False)  # loads every segment: damage is found, copies settled
    store.interactions()
    findings.extend(_damage_findings(store.problems, store))
    findings.extend(_duplicate_findings(store))
    findings.extend(_link_findings(store))
    findings.extend(_counter_findings(store))
    return findings


def _unreadable_segments(store: Store) -> list[Finding]:
    history = backups.history_dir(store.path)
    found = []
    for segment in sorted(history.glob("*.json")) if history.is_dir() else []:
        try:
            load_file(segment)
        except ParseError as error:
            found.append(
                Finding(
                    "unreadable",
                    t(
                        "doctor.unreadable",
                        path=segment,
                        error=error,
                        folder=backups.backups_dir(store.path),
                    ),
                )
            )
    return found


def _damage_findings(damage: list[Damage], store: Store) -> list[Finding]:
    found = []
    records: dict[tuple[Path, str, str], list[Damage]] = {}
    for d in damage:
        if d.table == "settings":
            found.append(
                Finding(
                    "settings",
                    t("doctor.setting", file=d.file.name, field=d.field, problem=d.message),
                    t(
                        "doctor.setting.repair",
                        field=d.field,
                        default=_default_setting(d.field),
                        now=_stored_setting(store, d.field),
                    ),
                )
            )
        else:
            records.setdefault((d.file, d.table, d.id), []).append(d)
    qfile = quarantine_path(store.path).name
    set_aside = {
        (f.path, table): docs
        for _k, f in _files(store)
        for table, docs in f.storage.set_aside.items()
    }
    for (file, table, record_id), problems in records.items():
        detail = t("problem.sep").join(validate.field_problem(d.field, d.message) for d in problems)
        doc = set_aside.get((file, table), {}).get(record_id)
        fields = ", ".join(sorted({d.field for d in problems}))
        if doc is not None and salvage(table, doc, problems) is not None:
            repair = t("doctor.damaged.salvage", table=table, id=record_id, fields=fields, to=qfile)
        else:
            repair = t("doctor.damaged.repair", table=table, id=record_id, file=file.name, to=qfile)
        found.append(
            Finding(
                "damaged",
                t("doctor.damaged", file=file.name, table=table, id=record_id, detail=detail),
                repair,
            )
        )
    return found


def salvage(table: str, doc: Any, problems: Sequence[Damage]) -> dict[str, Any] | None:
    """The record with each damaged field reset to its default, if that makes it valid.

    A record keeps its place in the app that way (an unreadable due date becomes no due
    date); the original still goes to the quarantine file. None where a required field
    (id, title, name, date) is the damage: such a record cannot be guessed at.
    """
    if isinstance(doc, orjson.Fragment):  # set-aside records are kept as their bytes
        try:
            doc = orjson.loads(orjson.dumps(doc))
        except orjson.JSONDecodeError:  # nested deeper than orjson reads: not salvaged
            return None
    if not isinstance(doc, dict):
        return None
    fields = {d.field for d in problems}
    if fields & set(validate.REQUIRED[table]) or "(record)" in fields:
        return None
    defaults = _DEFAULTS[table]()
    fixed = dict(doc)
    for name in fields:
        if name in defaults:
            fixed[name] = defaults[name]
        else:
            fixed.pop(name, None)  # a key collab-tui does not know, too deep or too big
    return fixed if not validate.check_record(table, fixed) else None


# Every field of a record at its default, in the dict form (the dataclasses' own defaults).
_DEFAULTS: dict[str, Any] = {
    "items": lambda: Item(title="-").to_dict(),
    "contacts": lambda: Contact(name="-").to_dict(),
    "interactions": lambda: Interaction(date=date(2000, 1, 1)).to_dict(),
    "meetings": lambda: Meeting(title="-", date=date(2000, 1, 1)).to_dict(),
    # item_id and options are required: a record damaged there is not salvaged.
    "escalations": lambda: Escalation(item_id=1).to_dict(),
    "projects": lambda: Project(name="-").to_dict(),
    "milestones": lambda: Milestone(name="-", baseline=date(2000, 1, 1)).to_dict(),
}


def _duplicate_findings(store: Store) -> list[Finding]:
    found = []
    for table, record_id, kept, dropped in store.settled:
        found.append(
            Finding(
                "duplicate",
                t(
                    "doctor.duplicate",
                    table=table,
                    id=record_id,
                    kept=_name(store, kept),
                    dropped=_name(store, dropped),
                ),
                t("doctor.duplicate.repair", table=table, id=record_id, file=_name(store, dropped)),
            )
        )
    return found


# Each kind of record's links: (field, the table its ids are in). A field holds one id or
# None, a list of ids, or (``roles``) a list of roles, each naming a contact.
LINK_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "contacts": (("boss_id", "contacts"),),
    "items": (("contact_ids", "contacts"), ("interaction_id", "interactions"), ("after", "items")),
    "interactions": (("contact_ids", "contacts"), ("item_ids", "items")),
    "meetings": (("contact_ids", "contacts"),),
    "escalations": (
        ("item_id", "items"),
        ("owe_item_id", "items"),
        ("to_id", "contacts"),
        ("contact_ids", "contacts"),
    ),
    "projects": (("roles", "contacts"),),
    "milestones": (
        ("project_id", "projects"),
        ("owner_id", "contacts"),
        ("agreed_with", "contacts"),
    ),
}


def _links(store: Store) -> list[tuple[Any, str, int, str]]:
    """Links to missing records: (record, field, missing id, table it should be in)."""
    records = _records(store)
    ids = {table: {r.id for r in found} for table, found in records.items()}
    broken: list[tuple[Record, str, int, str]] = []
    for table, fields in LINK_FIELDS.items():
        for record in records[table]:
            for field, target in fields:
                broken.extend(
                    (record, field, i, target)
                    for i in _linked_ids(getattr(record, field))
                    if i not in ids[target]
                )
    return broken


def _linked_ids(value: Any) -> list[int]:
    """The ids a link field holds: one or none, a list, or the contacts of a list of roles."""
    if value is None:
        return []
    if isinstance(value, list):
        return [v.contact_id if isinstance(v, Role) else v for v in value]
    return [value]


# Links a record cannot do without: an escalation is about an item, a milestone belongs to
# a project. The doctor reports them; removing them would leave a record that means
# nothing, and removing the record would lose what the user wrote: left for the user.
REQUIRED_LINKS = frozenset({("escalation", "item_id"), ("milestone", "project_id")})


def _is_required(record: Any, field: str) -> bool:
    return (type(record).__name__.lower(), field) in REQUIRED_LINKS


def _link_findings(store: Store) -> list[Finding]:
    findings = []
    for record, field, target, table in _links(store):
        kind = type(record).__name__.lower()
        said = {"record": kind, "id": record.id, "table": table, "target": target}
        what = t("doctor.link", field=field, **said)
        if _is_required(record, field):
            findings.append(Finding("link", f"{what} {t('doctor.link.left', **said)}"))
        else:
            findings.append(Finding("link", what, t("doctor.link.repair", **said)))
    return findings


def _records(store: Store) -> dict[str, Sequence[Record]]:
    """Every record of every table, closed history included."""
    return {
        "contacts": store.contacts(),
        "items": store.items(active_only=False),
        "interactions": store.interactions(),
        "meetings": store.meetings(),
        "escalations": store.escalations(),
        "projects": store.projects(),
        "milestones": store.milestones(),
    }


def _highest_ids(store: Store) -> dict[str, int]:
    found = _records(store).items()
    return {table: max((r.id for r in records), default=0) for table, records in found}


def _counter_findings(store: Store) -> list[Finding]:
    last_ids = store._meta()["last_ids"]
    found = []
    for table, highest in _highest_ids(store).items():
        last = last_ids.get(table, 0)
        if not isinstance(last, int) or isinstance(last, bool) or last < highest:
            found.append(
                Finding(
                    "counter",
                    t("doctor.counter", table=table, last=repr(last), highest=highest),
                    t("doctor.counter.repair", table=table, highest=highest),
                )
            )
    return found


# --- repair ------------------------------------------------------------------------------------


def repair(store: Store) -> list[str]:
    """Repair what can be repaired, in one transaction; what was done, in plain words."""
    done: list[str] = []
    with store.batch():
        txn = store._txn_state()
        txn.rebuild_summary = True  # rebuild the log's summary from the history, whatever its stamp
        # Damaged records: copied into the quarantine file first, then dropped from theirs.
        set_aside = [(key, f) for key, f in _files(store) if f.storage.set_aside]
        if set_aside:
            target = quarantine_path(store.path)
            entries = [
                {
                    "file": str(f.path.relative_to(store.path.parent)),
                    "table": table,
                    "id": record_id,
                    "problems": [
                        f"{d.field}: {d.message}"
                        for d in f.storage.problems
                        if d.table == table and d.id == record_id
                    ],
                    "set_aside": now().isoformat(),
                    "record": doc,
                }
                for _key, f in set_aside
                for table, docs in f.storage.set_aside.items()
                for record_id, doc in docs.items()
            ]
            append_quarantine(target, entries)
            kept: list[Record] = []
            for key, f in set_aside:
                for table, docs in f.storage.set_aside.items():
                    for record_id, doc in docs.items():
                        problems = [
                            d for d in f.storage.problems if d.table == table and d.id == record_id
                        ]
                        fixed = salvage(table, doc, problems)
                        if fixed is not None:
                            kept.append(CLASS_OF[table].from_dict(fixed))
                            done.append(
                                t(
                                    "doctor.done.salvaged",
                                    table=table,
                                    id=record_id,
                                    fields=", ".join(sorted({d.field for d in problems})),
                                )
                            )
                f.storage.set_aside = {}
                f.storage.problems = []
                txn.changed.add(key)
            for record in kept:
                store.put(record)
            done.append(t("doctor.done.moved", n=len(entries), path=target))
        for table, record_id, _kept, dropped in store.settled:
            txn.changed.add(dropped)  # its cache already lacks the older copy
            done.append(
                t("doctor.done.duplicate", table=table, id=record_id, file=_name(store, dropped))
            )
        raw = store._meta()["settings"]
        if validate.check_settings(raw):
            settings = Settings.from_dict(validate.valid_settings(raw))
            store.update_settings(settings)
            done.append(t("doctor.done.settings", was=_show_settings(raw)))
        for record, field, target_id, table in _links(store):
            if _is_required(record, field):
                continue  # reported; the user decides (see REQUIRED_LINKS)
            record = _current(store, record)
            value = getattr(record, field)
            if field == "roles":
                setattr(record, field, [r for r in value if r.contact_id != target_id])
            elif isinstance(value, list):
                setattr(record, field, [i for i in value if i != target_id])
            else:
                setattr(record, field, None)
            store.put(record)
            done.append(
                t(
                    "doctor.done.link",
                    table=table,
                    target=target_id,
                    record=type(record).__name__.lower(),
                    id=record.id,
                )
            )
        last_ids = dict(store._meta()["last_ids"])
        for table, highest in _highest_ids(store).items():
            last = last_ids.get(table, 0)
            if not isinstance(last, int) or isinstance(last, bool) or last < highest:
                last_ids[table] = highest
                done.append(t("doctor.done.counter", table=table, highest=highest))
        if last_ids != store._meta()["last_ids"]:
            store._hot.table("meta").update({"last_ids": last_ids}, doc_ids=[int(META_ID)])
            txn.changed.add(HOT)
    store.settled = ()  # saved for good now; the index built before need not be rebuilt
    return done


def append_quarantine(path: Path, entries: list[dict[str, Any]]) -> None:
    """Add entries to the quarantine file, keeping every one already there."""
    old: list[Any] = []
    if path.exists():
        try:
            data = orjson.loads(path.read_bytes())
            old = list(data["records"])
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(t("doctor.quarantine_unreadable", path=path, error=error)) from None
    payload = {
        "format": QUARANTINE_FORMAT,
        "note": "Damaged records moved here by `collab doctor`: where each was, what is wrong.",
        "records": [writable(entry) for entry in old] + entries,
    }
    durable.write_atomic(path, orjson.dumps(payload, option=orjson.OPT_INDENT_2))


def _files(store: Store) -> list[tuple[str, Any]]:
    return [(HOT, store._hot), *sorted(store._segments.items())]


def _current(store: Store, record: Any) -> Any:
    """The stored copy (a put inside the batch may already have changed it)."""
    getter = {
        "Item": store.item,
        "Contact": store.contact,
        "Interaction": store.interaction,
        "Meeting": store.meeting,
        "Escalation": store.escalation,
        "Project": store.project,
        "Milestone": store.milestone,
    }
    return getter[type(record).__name__](record.id) or record


def _name(store: Store, key: str) -> str:
    if key == HOT:
        return store.path.name
    return f"{backups.history_dir(store.path).name}/{key}.json"


def _default_setting(field: str) -> Any:
    return Settings().to_dict().get(field, t("doctor.setting.no_default"))


def _stored_setting(store: Store, field: str) -> str:
    raw = store._meta()["settings"]
    return validate.show(raw.get(field) if isinstance(raw, dict) else raw)


def _show_settings(raw: Any) -> str:
    with contextlib.suppress(TypeError):
        return orjson.dumps(raw).decode()
    return validate.show(raw)
