"""Moving in from taskwarrior: the JSON written by ``task export``.

The whole input is read and checked before anything is stored. Each task keeps its
taskwarrior UUID in ``item.extra["taskwarrior_uuid"]``, so importing a newer export
updates the same items instead of adding them again. The mapping is in docs/INTEROP.md.

Taskwarrior stores instants in UTC; a due *date* is the day in the zone taskwarrior ran
in. That zone is recorded on each item (``extra["taskwarrior"]["tz"]``) and used again by
later imports, so re-importing on a machine in another zone changes no date.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from collab_tui import validate
from collab_tui.interop import ImportSummary, Progress, plan_then_commit
from collab_tui.model import Item, Kind, Status, now
from collab_tui.records import record_class
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store

UUID_KEY = "taskwarrior_uuid"
# item.extra[EXTRA_KEY]: what collab-tui has no field for, kept so that it round-trips:
# {"tz": zone the dates were read in, "scheduled"/"start"/"until": taskwarrior's UTC
# instants as written, "recur": "weekly", "depends": [uuid, ...], "uda": {name: value}}
EXTRA_KEY = "taskwarrior"
KEPT_INSTANTS = ("scheduled", "start", "until")
# Attributes of taskwarrior itself; any other key of a task is a user-defined attribute.
# (id and urgency are computed by taskwarrior; mask, imask, parent, rtype, last and
# template are its recurrence bookkeeping.)
CORE_ATTRIBUTES = frozenset(
    {
        "id", "uuid", "description", "status", "entry", "modified", "end", "due", "wait",
        "scheduled", "start", "until", "recur", "depends", "project", "priority", "tags",
        "annotations", "urgency", "mask", "imask", "parent", "rtype", "last", "template",
    }
)  # fmt: skip
_OFFSET = re.compile(r"[+-]\d\d:\d\d")
STATUSES = {
    "pending": Status.OPEN,
    "waiting": Status.OPEN,  # before 2.6, a task hidden until its wait date
    "completed": Status.DONE,
    "deleted": Status.DROPPED,
}


@record_class
class TaskwarriorImportSummary(ImportSummary):
    """An ImportSummary that also lists, task by task, what was (or would be) done."""

    changes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per task, then one per skipped task: what --dry-run prints."""
        return self.changes + [t("import.skip", what=what, why=why) for what, why in self.skipped]


@record_class
class _Task:
    """A task read and checked; its dates are made in a zone once the zone is known."""

    where: str  # "task 3 (uuid …)", for messages
    uuid: str
    item: Item  # what the task becomes, without its dates; for an update only some are used
    due: datetime | None = None
    wait: datetime | None = None
    annotations: list[tuple[datetime | None, str]] = field(default_factory=list)
    kept: dict[str, Any] = field(default_factory=dict)  # extra[EXTRA_KEY], without "tz"

    def item_in(self, zone_name: str) -> Item:
        """The item with its dates on the days they are in ``zone_name``."""
        zone = named_zone(zone_name)
        item = Item.from_dict(self.item.to_dict())
        item.due = _day(self.due, zone)
        item.hidden_until = _day(self.wait, zone)
        item.notes = "\n".join(
            f"{day.isoformat()}: {text}" if (day := _day(moment, zone)) else text
            for moment, text in self.annotations
        )
        item.extra[EXTRA_KEY] = {"tz": zone_name, **self.kept}
        return item


def named_zone(name: str) -> tzinfo:
    """A zone by its IANA name (``Asia/Shanghai``), ``UTC`` or a fixed offset (``+08:00``).

    ValueError, with a message, for a name that is none of those.
    """
    if _OFFSET.fullmatch(name):
        hours, minutes = int(name[1:3]), int(name[4:6])
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        raise ValueError(t("import.taskwarrior.bad_zone", zone=repr(name))) from None


def _name_of(zone: tzinfo) -> str:
    """The name ``named_zone`` reads back: the IANA key, else the fixed offset."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    return _offset_name(zone.utcoffset(None) or timedelta(0))


def _offset_name(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_zone_name() -> str:
    """This machine's zone, by a name ``named_zone`` reads: ``TZ``, else the zone
    /etc/localtime links to, else the current UTC offset (Windows, unusual setups)."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    target = os.path.realpath("/etc/localtime")
    if "/zoneinfo/" in target:
        candidates.append(target.split("/zoneinfo/", 1)[1])
    for name in candidates:
        if name:
            try:
                named_zone(name)
            except ValueError:
                continue
            return name
    return _offset_name(datetime.now().astimezone().utcoffset() or timedelta(0))


def read_tasks(data: str | bytes | list[Any]) -> list[Any]:
    """The tasks in an export: a JSON list, one object, or one object per line."""
    if isinstance(data, list):
        return data
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(t("import.taskwarrior.not_utf8", error=error)) from None
    text = data.strip()
    if not text:
        raise ValueError(t("import.taskwarrior.empty"))
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        parsed = None
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, dict):
        return [parsed]
    # Older taskwarrior (and `task export` piped through filters) wrote one task per line.
    tasks = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            tasks.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise ValueError(
                t("import.taskwarrior.bad_line", line=lineno, error=error.msg)
            ) from None
    return tasks


def import_taskwarrior(
    store: Store,
    data: str | bytes | list[Any],
    progress: Progress | None = None,
    tz: str | tzinfo | None = None,
    dry_run: bool = False,
) -> TaskwarriorImportSummary:
    """Add or update items from a taskwarrior export; tasks it cannot use are skipped.

    ValueError (and nothing stored) when the input is not such an export at all, or
    ``tz`` names no zone.

    ``tz`` is the zone taskwarrior ran in, by name or as a zone (its dates are UTC
    instants; a due of local midnight must stay on its local day). None: for a task
    imported before, the zone recorded on it; for a new one, the zone of the latest earlier
    import, else this machine's zone. With ``dry_run`` nothing is stored; the summary lists
    what would be done.
    """
    if isinstance(tz, tzinfo):
        tz = _name_of(tz)
    if tz is not None:
        named_zone(tz)  # a bad name is an error before anything is read
    rows = read_tasks(data)
    summary = TaskwarriorImportSummary()
    tasks: list[_Task] = []
    seen: set[str] = set()
    for position, row in enumerate(rows, start=1):
        try:
            task = _task_from_row(row, position)
        except _BadTask as error:
            summary.skipped.append(error.args)
            continue
        if task.uuid in seen:
            summary.skipped.append((task.where, t("import.task.repeated")))
            continue
        seen.add(task.uuid)
        tasks.append(task)

    if rows and not tasks:
        where, why = summary.skipped[0]
        reason = t("import.reason", where=where, why=why)
        raise ValueError(t("import.taskwarrior.unusable", reason=reason))

    def plan() -> tuple[TaskwarriorImportSummary, list[Item | None]]:
        planned = TaskwarriorImportSummary(skipped=list(summary.skipped))
        writes: list[Item | None] = []  # per task: what to store, None if unchanged
        imported = [
            item
            for item in store.items(active_only=False)
            if isinstance(item.extra.get(UUID_KEY), str)
        ]
        by_uuid = {item.extra[UUID_KEY]: item for item in imported}
        default_zone = tz or _latest_zone(imported) or local_zone_name()
        stamp = now()
        for task in tasks:
            existing = by_uuid.get(task.uuid)
            if existing is None:
                # stored with put, not add: keeps entry/modified
                writes.append(task.item_in(default_zone))
                planned.added += 1
                planned.changes.append(t("import.add", what=task.where))
                continue
            zone = tz or _zone_of(existing) or default_zone
            updated = _updated(existing, task.item_in(zone))
            changed = _changed_fields(existing, updated)
            if not changed:
                writes.append(None)
                planned.unchanged += 1
                planned.changes.append(t("import.unchanged", what=task.where))
            else:
                updated.updated = stamp
                writes.append(updated)
                planned.updated += 1
                planned.changes.append(
                    t("import.update", what=task.where, fields=", ".join(changed))
                )
        return planned, writes

    def apply(planned: tuple[TaskwarriorImportSummary, list[Item | None]]) -> None:
        writes = planned[1]
        total = len(writes)
        for done, item in enumerate(writes, start=1):
            if item is not None:
                store.put(item)
            if progress is not None:
                progress(done, total)
        _link_depends(store)

    planned, _writes = plan_then_commit(store, plan, apply, dry_run)
    return planned


def _link_depends(store: Store) -> None:
    """A task's ``depends`` become the item's ``after`` (blocked items): the ids of the
    imported tasks it names; a UUID not imported (yet) is left out until it is."""
    imported = [i for i in store.items(active_only=False) if isinstance(i.extra.get(UUID_KEY), str)]
    ids = {item.extra[UUID_KEY]: item.id for item in imported}
    for item in imported:
        depends = item.extra.get(EXTRA_KEY, {}).get("depends", [])
        after = [ids[u] for u in depends if u in ids and ids[u] != item.id]
        if after != item.after:
            item.after = after
            store.put(item)


def _changed_fields(before: Item, after: Item) -> list[str]:
    """The fields a dry run names for an update; due_history and closed go with due/status,
    and what is kept of taskwarrior is named by its own keys (scheduled, depends, ...)."""
    old, new = before.to_dict(), after.to_dict()
    hidden = {"due_history", "closed", "updated", EXTRA_KEY}
    changed = [key for key in new if key not in hidden and new[key] != old.get(key)]
    kept_before, kept_after = _kept(before), _kept(after)
    return changed + [
        key
        for key in sorted(kept_before.keys() | kept_after.keys())
        if kept_before.get(key) != kept_after.get(key)
    ]


def _kept(item: Item) -> dict[str, Any]:
    kept = item.extra.get(EXTRA_KEY)
    return kept if isinstance(kept, dict) else {}


def _zone_of(item: Item) -> str | None:
    """The zone an earlier import read this item's dates in, if it recorded a usable one."""
    zone = _kept(item).get("tz")
    if not isinstance(zone, str):
        return None
    try:
        named_zone(zone)
    except ValueError:
        return None
    return zone


def _latest_zone(items: list[Item]) -> str | None:
    """The zone of the most recent earlier import (by the items' last change)."""
    for item in sorted(items, key=lambda i: i.updated, reverse=True):
        zone = _zone_of(item)
        if zone is not None:
            return zone
    return None


class _BadTask(Exception):
    """(where, why) for a task that is skipped."""


def _task_from_row(row: Any, position: int) -> _Task:
    where = t("import.task", n=position)
    if not isinstance(row, dict):
        raise _BadTask(where, t("import.task.not_object", type=type(row).__name__))
    uuid = row.get("uuid")
    description = row.get("description")
    if isinstance(description, str) and description.strip():
        where = t("import.task.named", n=position, name=_clip(description.strip()))
    if not isinstance(uuid, str) or not uuid:
        raise _BadTask(where, t("import.task.no_uuid"))
    if not isinstance(description, str) or not description.strip():
        raise _BadTask(where, t("import.task.no_description"))
    status_text = row.get("status", "pending")
    if status_text == "recurring":
        raise _BadTask(where, t("import.task.recurring"))
    if status_text not in STATUSES:
        raise _BadTask(where, t("import.task.status", status=repr(status_text)))
    status = STATUSES[status_text]

    try:
        due = _instant(row.get("due"))
        wait = _instant(row.get("wait"))
        entry = _instant(row.get("entry"))
        modified = _instant(row.get("modified")) or entry
        end = _instant(row.get("end"))
        annotations = _annotations(row.get("annotations"))
        tags = _tags(row)
        kept = _kept_attributes(row)
    except ValueError as error:
        raise _BadTask(where, str(error)) from None

    item = Item(
        title=" ".join(description.split()),
        kind=Kind.TASK,
        important=row.get("priority") == "H",
        tags=tags,
        status=status,
        closed=(end or modified or now()) if status is not Status.OPEN else None,
        extra={UUID_KEY: uuid},
    )
    if entry is not None:
        item.created = entry
    if modified is not None:
        item.updated = modified
    return _Task(where, uuid, item, due, wait, annotations, kept)


def _kept_attributes(row: dict[str, Any]) -> dict[str, Any]:
    """What collab-tui keeps of a task without a field for it (see EXTRA_KEY)."""
    kept: dict[str, Any] = {}
    for key in KEPT_INSTANTS:
        value = row.get(key)
        if value not in (None, ""):
            _instant(value)  # a bad date skips the task, as it does for due
            kept[key] = value
    if isinstance(row.get("recur"), str) and row["recur"]:
        kept["recur"] = row["recur"]
    depends = row.get("depends")
    if isinstance(depends, str):  # before 2.6: "uuid,uuid"
        depends = [uuid for uuid in depends.split(",") if uuid]
    if depends not in (None, "", []):
        if not isinstance(depends, list) or not all(isinstance(u, str) for u in depends):
            raise ValueError(t("import.task.depends"))
        kept["depends"] = depends
    uda = {key: value for key, value in row.items() if key not in CORE_ATTRIBUTES}
    if uda:
        kept["uda"] = uda
    problem = validate.unknown_value(kept)  # e.g. a huge custom field: the store refuses it
    if problem:
        raise ValueError(t("import.task.kept", problem=problem))
    return kept


def _updated(existing: Item, incoming: Item) -> Item:
    """The stored item with what taskwarrior knows replaced; links and kind stay."""
    item = Item.from_dict(existing.to_dict())
    # A new due date is a slip, unless only the zone the dates are read in changed (--tz).
    rezoned = _zone_of(existing) not in (None, _zone_of(incoming))
    if incoming.due != item.due and item.due is not None and not rezoned:
        item.due_history.append(item.due)  # re-dated: the report shows it as slipped
    item.title = incoming.title
    item.due = incoming.due
    item.hidden_until = incoming.hidden_until
    item.important = incoming.important
    item.tags = incoming.tags
    item.notes = incoming.notes
    item.extra[EXTRA_KEY] = incoming.extra[EXTRA_KEY]
    if incoming.status != item.status:
        item.status = incoming.status
        item.closed = incoming.closed
    return item


def _instant(value: Any) -> datetime | None:
    """Taskwarrior's 20261201T000000Z (UTC); ISO 8601 is accepted too."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(t("import.task.not_date", value=repr(value)))
    try:
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(t("import.task.bad_date", value=repr(value))) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return moment


def _day(moment: datetime | None, zone: tzinfo) -> date | None:
    return None if moment is None else moment.astimezone(zone).date()


def _annotations(annotations: Any) -> list[tuple[datetime | None, str]]:
    if annotations in (None, ""):
        return []
    if not isinstance(annotations, list):
        raise ValueError(t("import.task.annotations"))
    out = []
    for annotation in annotations:
        if not isinstance(annotation, dict) or not isinstance(annotation.get("description"), str):
            raise ValueError(t("import.task.annotation"))
        out.append((_instant(annotation.get("entry")), annotation["description"].strip()))
    return out


def _tags(row: dict[str, Any]) -> list[str]:
    tags = row.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError(t("import.task.tags"))
    out = [tag for tag in tags if tag]
    project = row.get("project")
    if project not in (None, ""):
        if not isinstance(project, str):
            raise ValueError(t("import.task.project"))
        project = "-".join(project.split())  # a tag is one word
        if project not in out:
            out.append(project)
    return out


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
