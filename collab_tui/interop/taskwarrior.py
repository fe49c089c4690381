"""Moving in from taskwarrior: the JSON written by ``task export``.

The whole input is read and checked before anything is stored. Each task keeps its
taskwarrior UUID in ``item.extra["taskwarrior_uuid"]``, so importing a newer export
updates the same items instead of adding them again. The mapping is in docs/INTEROP.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from collab_tui.interop import ImportSummary, Progress, plan_then_commit
from collab_tui.model import Item, Kind, Status, now
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store

UUID_KEY = "taskwarrior_uuid"
STATUSES = {
    "pending": Status.OPEN,
    "waiting": Status.OPEN,  # before 2.6, a task hidden until its wait date
    "completed": Status.DONE,
    "deleted": Status.DROPPED,
}


@dataclass
class TaskwarriorImportSummary(ImportSummary):
    """An ImportSummary that also lists, task by task, what was (or would be) done."""

    changes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per task, then one per skipped task: what --dry-run prints."""
        return self.changes + [t("import.skip", what=what, why=why) for what, why in self.skipped]


@dataclass
class _Task:
    where: str  # "task 3 (uuid …)", for messages
    uuid: str
    item: Item  # what the task becomes; for an update only some fields are used


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
    tz: tzinfo | None = None,
    dry_run: bool = False,
) -> TaskwarriorImportSummary:
    """Add or update items from a taskwarrior export; tasks it cannot use are skipped.

    ValueError (and nothing stored) when the input is not such an export at all.

    ``tz`` is the zone taskwarrior ran in (its dates are UTC instants; a due of local
    midnight must stay on its local day); None means this machine's zone. With
    ``dry_run`` nothing is stored; the summary counts and lists what would be done.
    """
    rows = read_tasks(data)
    summary = TaskwarriorImportSummary()
    tasks: list[_Task] = []
    seen: set[str] = set()
    for position, row in enumerate(rows, start=1):
        try:
            task = _task_from_row(row, position, tz)
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
        by_uuid = {
            item.extra[UUID_KEY]: item
            for item in store.items(active_only=False)
            if isinstance(item.extra.get(UUID_KEY), str)
        }
        stamp = now()
        for task in tasks:
            existing = by_uuid.get(task.uuid)
            if existing is None:
                writes.append(task.item)  # stored with put, not add: keeps entry/modified
                planned.added += 1
                planned.changes.append(t("import.add", what=task.where))
                continue
            updated = _updated(existing, task.item)
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

    planned, _writes = plan_then_commit(store, plan, apply, dry_run)
    return planned


def _changed_fields(before: Item, after: Item) -> list[str]:
    """The fields a dry run names for an update; due_history and closed go with due/status."""
    old, new = before.to_dict(), after.to_dict()
    hidden = {"due_history", "closed", "updated"}
    return [key for key in new if key not in hidden and new[key] != old.get(key)]


class _BadTask(Exception):
    """(where, why) for a task that is skipped."""


def _task_from_row(row: Any, position: int, tz: tzinfo | None) -> _Task:
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
        due = _date(row.get("due"), tz)
        entry = _instant(row.get("entry"))
        modified = _instant(row.get("modified")) or entry
        end = _instant(row.get("end"))
        notes = _notes(row.get("annotations"), tz)
        tags = _tags(row)
    except ValueError as error:
        raise _BadTask(where, str(error)) from None

    item = Item(
        title=" ".join(description.split()),
        kind=Kind.TASK,
        important=row.get("priority") == "H",
        due=due,
        tags=tags,
        notes=notes,
        status=status,
        closed=(end or modified or now()) if status is not Status.OPEN else None,
        extra={UUID_KEY: uuid},
    )
    if entry is not None:
        item.created = entry
    if modified is not None:
        item.updated = modified
    return _Task(where, uuid, item)


def _updated(existing: Item, incoming: Item) -> Item:
    """The stored item with what taskwarrior knows replaced; links and kind stay."""
    item = Item.from_dict(existing.to_dict())
    if incoming.due != item.due and item.due is not None:
        item.due_history.append(item.due)  # re-dated: the report shows it as slipped
    item.title = incoming.title
    item.due = incoming.due
    item.important = incoming.important
    item.tags = incoming.tags
    item.notes = incoming.notes
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


def _date(value: Any, tz: tzinfo | None) -> date | None:
    moment = _instant(value)
    return None if moment is None else moment.astimezone(tz).date()


def _notes(annotations: Any, tz: tzinfo | None) -> str:
    if annotations in (None, ""):
        return ""
    if not isinstance(annotations, list):
        raise ValueError(t("import.task.annotations"))
    lines = []
    for annotation in annotations:
        if not isinstance(annotation, dict) or not isinstance(annotation.get("description"), str):
            raise ValueError(t("import.task.annotation"))
        day = _date(annotation.get("entry"), tz)
        text = annotation["description"].strip()
        lines.append(f"{day.isoformat()}: {text}" if day else text)
    return "\n".join(lines)


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
