"""Deadlines to calendars and to-do tools, and back: iCalendar (RFC 5545) VTODOs.

Every active item with a due date is one VTODO, and every active risk's review date is
another; every planned meeting is a VEVENT on its day (at its time, in local time, when it
has one), until its outcome is logged. The VEVENTs go one way: the calendar is told.

UIDs come from the item's stable ``uid``, so importing a newer export into a
calendar updates the same entries rather than doubling them. A closed item stays in the
calendar, COMPLETED or CANCELLED, for CLOSED_DAYS after it was closed, so a calendar app
shows it ticked off rather than vanished.

Every property is a function of the stored record: exporting the same record on another
day writes the same bytes (today only decides whether a closed item is still shown).

Two ways (``read_todos`` and ``plan_todos``): a to-do changed in a calendar app comes
back by its UID: STATUS COMPLETED / CANCELLED closes the item (done / dropped), a new DUE
re-dates it (the old date kept in its due history), a new SUMMARY renames it. The rules
for both sides changing are in ``plan_todos`` and docs/INTEROP.md.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from icalendar import Calendar, Event, Todo

from collab_tui.interop import Progress
from collab_tui.model import (
    Contact,
    Item,
    Kind,
    Meeting,
    Status,
    clean,
    clean_text,
    one_line,
    plain,
)
from collab_tui.records import record_class
from collab_tui.triage import is_important
from collab_tui.words import label, listing, t

if TYPE_CHECKING:
    from collab_tui.store import Store

PRODID = "-//collab-tui//collab-tui//EN"
UID_SUFFIX = "@collab-tui"
REVIEW_SUFFIX = "-review" + UID_SUFFIX
MEETING_SUFFIX = "-meeting" + UID_SUFFIX
# How long a timed meeting shows in a calendar: collab does not record it; an hour is what
# calendar apps give a new event.
MEETING_LENGTH = timedelta(hours=1)
ICAL_UID = "ical_uid"  # item.extra[ICAL_UID]: the UID of a to-do that came from a calendar

# A closed item stays in calendars, ticked off, this many days after it was closed.
CLOSED_DAYS = 30

# RFC 5545 PRIORITY: 1 the highest, 5 the middle, 9 the lowest. From the stored flags
# only (not from how close the due date is today), so it changes only with the record.
HIGH, MEDIUM, LOW = 1, 5, 9

# RFC 5545 STATUS by the item's status (stored value); any other is NEEDS-ACTION.
STATUS_OF = {"done": "COMPLETED", "dropped": "CANCELLED"}


def priority(item: Item) -> int:
    """High for an important item (every risk is), medium for one marked urgent, else low."""
    if is_important(item):
        return HIGH
    return MEDIUM if item.urgent else LOW


def ical_uid(item: Item) -> str:
    """The UID of the item's VTODO: its own, or the one it came with from a calendar."""
    foreign = item.extra.get(ICAL_UID)
    return foreign if isinstance(foreign, str) and foreign else item.uid + UID_SUFFIX


def shown(item: Item, today: date) -> bool:
    """Whether the item is in calendars: active, or closed less than CLOSED_DAYS ago."""
    if item.is_active:
        return True
    return item.closed is not None and item.closed.date() >= shown_since(today)


def shown_since(today: date) -> date:
    """The first day an item closed on is still in calendars (see ``shown``)."""
    return today - timedelta(days=CLOSED_DAYS - 1)


def calendar_items(store: Store, today: date) -> list[Item]:
    """The items a calendar holds (``shown``): the active ones and those closed in the
    last CLOSED_DAYS, without reading older history."""
    return store.items() + store.items_closed_since(shown_since(today))


def export_ics(
    items: list[Item],
    contacts: list[Contact],
    today: date,
    progress: Progress | None = None,
    meetings: Sequence[Meeting] = (),
) -> bytes:
    """The calendar as bytes (UTF-8, CRLF lines, folded), ready to write to a .ics file:
    the items' VTODOs, then the planned ``meetings`` as VEVENTs.

    The words a person reads in the calendar app (a review's title, the notes) are in the
    interface's language; the properties and their values stay as RFC 5545 has them.

    ``progress(done, total)`` is called after each item shown (active, or closed less
    than CLOSED_DAYS ago; total: those items).
    """
    calendar = _calendar()
    listed = _listed(items, today)
    names = {c.id: clean_text(c.name) for c in contacts}
    for done, item in enumerate(listed, start=1):
        for _uid, todo in _todos(item, names):
            calendar.add_component(todo)
        if progress is not None:
            progress(done, len(listed))
    for meeting in sorted(meetings, key=lambda m: (m.date, m.time or "", m.id)):
        calendar.add_component(_event(meeting, names))
    ical: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    return ical


def _event(meeting: Meeting, names: dict[int, str]) -> Event:
    """A planned meeting: on its day, or at its time (floating: the local time of whoever
    reads it, as the user typed it) for MEETING_LENGTH. Without an end, calendar apps
    guess (khal shows a timed event without one as lasting a whole day)."""
    meeting = clean(copy.deepcopy(meeting))
    event = Event()
    event.add("uid", meeting.uid + MEETING_SUFFIX)
    event.add("dtstamp", meeting.updated)
    event.add("created", meeting.created)
    event.add("last-modified", meeting.updated)
    event.add("summary", one_line(meeting.title))
    if meeting.time:
        hours, minutes = map(int, meeting.time.split(":"))
        event.add("dtstart", datetime.combine(meeting.date, time(hours, minutes)))
        event.add("duration", MEETING_LENGTH)
    else:
        event.add("dtstart", meeting.date)  # VALUE=DATE: the day
    if meeting.tags:
        event.add("categories", [one_line(tag) for tag in meeting.tags])
    lines = []
    people = [names[i] for i in meeting.contact_ids if i in names]
    if people:
        lines.append(t("interop.ics.with", names=listing(one_line(name) for name in people)))
    if meeting.notes:
        lines += ["", plain(meeting.notes)]
    if lines:
        event.add("description", "\n".join(lines).strip("\n"))
    return event


def todo_files(
    items: list[Item], contacts: list[Contact], today: date
) -> dict[str, tuple[bytes, datetime]]:
    """One calendar per VTODO, by its UID: the files of a vdir (khal, todoman, vdirsyncer),
    each with the time its item last changed."""
    names = {c.id: clean_text(c.name) for c in contacts}
    files: dict[str, tuple[bytes, datetime]] = {}
    for item in _listed(items, today):
        for uid, todo in _todos(item, names):
            calendar = _calendar()
            calendar.add_component(todo)
            files[uid] = (calendar.to_ical(), item.updated)
    return files


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "collab-tui")
    return calendar


def _listed(items: list[Item], today: date) -> list[Item]:
    listed = [i for i in items if shown(i, today)]
    return sorted(listed, key=lambda i: (i.due or date.max, i.id))


def _todos(item: Item, names: dict[int, str]) -> Iterator[tuple[str, Todo]]:
    item = clean(copy.deepcopy(item))  # older files may still hold control characters
    # A to-do that came from a calendar app stays there even without a due date.
    if item.due is not None or ICAL_UID in item.extra:
        uid = ical_uid(item)
        yield uid, _todo(item, uid, one_line(item.title), item.due, names)
    if item.is_risk and item.review is not None:
        summary = t("interop.ics.review", title=one_line(item.title))
        uid = item.uid + REVIEW_SUFFIX
        yield uid, _todo(item, uid, summary, item.review, names)


def _todo(item: Item, uid: str, summary: str, due: date | None, names: dict[int, str]) -> Todo:
    todo = Todo()
    todo.add("uid", uid)
    # Without a METHOD, DTSTAMP is when the entry was last revised (RFC 5545 3.8.7.2):
    # the item's own timestamp keeps a re-export of an unchanged item byte-identical.
    todo.add("dtstamp", item.updated)
    todo.add("created", item.created)
    todo.add("last-modified", item.updated)
    todo.add("summary", summary)
    if due is not None:
        todo.add("due", due)  # a date, so VALUE=DATE: a day, not a moment
    todo.add("status", STATUS_OF.get(item.status.value, "NEEDS-ACTION"))
    if item.status is Status.DONE and item.closed is not None:
        todo.add("completed", item.closed)
    if item.tags:
        todo.add("categories", [one_line(tag) for tag in item.tags])
    todo.add("priority", priority(item))
    todo.add("description", _description(item, names))
    return todo


def _description(item: Item, names: dict[int, str]) -> str:
    lines = [t("interop.ics.kind", kind=label(item.kind, "calendar"))]
    people = [names[i] for i in item.contact_ids if i in names]
    if people:
        lines.append(t("interop.ics.with", names=listing(one_line(name) for name in people)))
    if item.is_risk and item.status is Status.OCCURRED:
        lines.append(t("interop.ics.occurred"))
    # A risk changed to another kind keeps its risk fields: so does its calendar entry.
    rating = [
        t("report.risk.likelihood", rating=label(item.likelihood)) if item.likelihood else "",
        t("report.risk.impact", rating=label(item.impact)) if item.impact else "",
    ]
    if any(rating):
        lines.append(t("interop.ics.risk", rating=listing(r for r in rating if r)))
    if item.mitigation:
        lines.append(t("report.risk.mitigation", text=one_line(item.mitigation)))
    if item.review:
        lines.append(t("report.risk.review", date=item.review.isoformat()))
    if item.is_risk and item.due:
        lines.append(t("interop.ics.due_date", date=item.due.isoformat()))
    if item.notes:
        lines += ["", plain(item.notes)]
    return "\n".join(lines)


# --- back from a calendar ----------------------------------------------------------------


@record_class
class CalendarTodo:
    """What collab reads back from one VTODO."""

    uid: str
    summary: str
    due: date | None
    status: str  # NEEDS-ACTION, IN-PROCESS, COMPLETED, CANCELLED
    last_modified: datetime | None


def read_todos(data: bytes) -> list[CalendarTodo]:
    """The VTODOs of one calendar file (VEVENTs and others are not ours: left out).

    ValueError when the data is no iCalendar at all.
    """
    calendar = Calendar.from_ical(data)  # ValueError for what is no calendar
    found = []
    for todo in calendar.walk("VTODO"):
        uid = str(todo.get("UID", "")).strip()
        if not uid:
            continue
        found.append(
            CalendarTodo(
                uid=uid,
                summary=one_line(str(todo.get("SUMMARY", ""))),
                due=_day(todo, "DUE"),
                status=str(todo.get("STATUS", "NEEDS-ACTION")).upper(),
                last_modified=_moment(todo, "LAST-MODIFIED") or _moment(todo, "DTSTAMP"),
            )
        )
    return found


def _day(todo: Any, name: str) -> date | None:
    if name not in todo:
        return None
    value = todo.decoded(name)
    return (
        value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None
    )


def _moment(todo: Any, name: str) -> datetime | None:
    if name not in todo:
        return None
    value = todo.decoded(name)
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@record_class
class TodoChange:
    """One item to change (``item`` the stored one) or to add (``item`` None)."""

    item: Item | None
    changes: dict[str, Any]  # actions.edit_item fields; for a new item: title, due, extra
    uid: str  # the VTODO's UID


@record_class
class TodoPlan:
    """What reading a calendar's to-dos back would change, before it is applied."""

    changes: list[TodoChange] = field(default_factory=list)
    unchanged: int = 0
    unknown: int = 0  # to-dos that match none of the items given (new ones among them)
    conflicts: list[str] = field(default_factory=list)  # titles where collab's side won

    @property
    def added(self) -> int:
        return sum(1 for c in self.changes if c.item is None)

    @property
    def closed(self) -> int:
        return sum(
            1
            for c in self.changes
            if c.item is not None and c.changes.get("status") in (Status.DONE, Status.DROPPED)
        )


def plan_todos(
    todos: list[CalendarTodo], items: list[Item], last_sync: datetime | None
) -> TodoPlan:
    """What the calendar's to-dos change in collab (pure: nothing is stored here).

    Only SUMMARY, DUE and STATUS come back; everything else (kind, counterparts, notes,
    tags, importance, risk fields) is collab's own and the next export rewrites it.
    When both sides changed an item since ``last_sync`` (its ``updated`` is later), the
    newer side wins: the to-do's LAST-MODIFIED against the item's ``updated``; a to-do
    without LAST-MODIFIED loses. Collab's side winning is a conflict, reported by title.
    A to-do with a UID collab does not know is a new task; one already completed is not.
    """
    by_uid = {item.uid: item for item in items}
    foreign = {ical_uid(item): item for item in items}
    plan = TodoPlan()
    for todo in todos:
        review = todo.uid.endswith(REVIEW_SUFFIX)
        if review:
            item = by_uid.get(todo.uid.removesuffix(REVIEW_SUFFIX))
        else:
            item = foreign.get(todo.uid) or by_uid.get(todo.uid.removesuffix(UID_SUFFIX))
        if item is None:
            plan.unknown += 1
            if not review and todo.summary and todo.status not in ("COMPLETED", "CANCELLED"):
                new = {"title": todo.summary, "due": todo.due, "extra": {ICAL_UID: todo.uid}}
                plan.changes.append(TodoChange(None, new, todo.uid))
            continue
        changes = _review_changes(item, todo) if review else _item_changes(item, todo)
        if not changes:
            plan.unchanged += 1
            continue
        both = last_sync is not None and item.updated > last_sync
        if both and (todo.last_modified is None or todo.last_modified <= item.updated):
            plan.conflicts.append(one_line(item.title))
            continue
        plan.changes.append(TodoChange(item, changes, todo.uid))
    return plan


def _item_changes(item: Item, todo: CalendarTodo) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if todo.summary and todo.summary != one_line(item.title):
        changes["title"] = todo.summary
    if todo.due is not None and todo.due != item.due:
        changes["due"] = todo.due
    wanted = {"COMPLETED": Status.DONE, "CANCELLED": Status.DROPPED}.get(todo.status)
    if wanted is not None and wanted is not item.status:
        changes["status"] = wanted
    elif wanted is None and not item.is_active:
        changes["status"] = Status.OPEN  # ticked off, then un-ticked in the app
    return changes


def _review_changes(item: Item, todo: CalendarTodo) -> dict[str, Any]:
    """A risk's review to-do brings back its date only: a review done closes nothing."""
    if item.kind is Kind.RISK and todo.due is not None and todo.due != item.review:
        return {"review": todo.due}
    return {}
