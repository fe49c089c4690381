"""The JSON backup format: complete, lossless and versioned (described in docs/FORMAT.md).

``export_data`` returns the whole store as one dict; ``import_data`` checks a whole file
before it changes anything, then merges it by id in one store transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from collab_tui.interop import ImportSummary, Progress, plan_then_commit
from collab_tui.model import Contact, Interaction, Item, Record, Settings, clean, now
from collab_tui.validate import check_record, check_settings, describe
from collab_tui.validate import record_id as record_id_problem
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store

FORMAT_NAME = "collab-tui"
FORMAT_VERSION = 1

# The order matters on import: contacts first, so items and interactions that point at
# them are never stored before what they point at.
SECTIONS: tuple[tuple[str, type[Contact] | type[Item] | type[Interaction]], ...] = (
    ("contacts", Contact),
    ("items", Item),
    ("interactions", Interaction),
)


def export_data(
    store: Store, exported: datetime | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Every record in the store (closed items too) in its ``to_dict`` form.

    ``progress(done, total)`` is called after each record.
    """
    sections: dict[str, list[Record]] = {
        "contacts": sorted(store.contacts(), key=_by_id),
        "items": sorted(store.items(active_only=False), key=_by_id),
        "interactions": sorted(store.interactions(), key=_by_id),
    }
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": (exported or now()).isoformat(),
        "settings": store.settings.to_dict(),
    }
    total = sum(len(records) for records in sections.values())
    done = 0
    for key, records in sections.items():
        rows = []
        for record in records:
            rows.append(clean(record).to_dict())  # older files may hold control characters
            done += 1
            if progress is not None:
                progress(done, total)
        data[key] = rows
    return data


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


def _by_id(record: Record) -> int:
    return record.id


def _get(store: Store, record: Record) -> Record | None:
    if isinstance(record, Contact):
        return store.contact(record.id)
    if isinstance(record, Item):
        return store.item(record.id)
    return store.interaction(record.id)


def _save_settings(store: Store, settings: Settings) -> None:
    store.update_settings(settings)
