"""Deadlines to calendars and to-do tools: an iCalendar (RFC 5545) file of VTODOs.

Every active item with a due date is one VTODO, and every active risk's review date is
another. UIDs come from the item's stable ``uid``, so importing a newer export into a
calendar updates the same entries rather than doubling them.
"""

from __future__ import annotations

import copy
from datetime import date

from icalendar import Calendar, Todo

from collab_tui.interop import Progress
from collab_tui.model import (
    Contact,
    Item,
    Settings,
    Status,
    clean,
    clean_text,
    one_line,
    plain,
)
from collab_tui.triage import Quadrant, quadrant
from collab_tui.words import label, listing, t

PRODID = "-//collab-tui//collab-tui//EN"

# RFC 5545 PRIORITY: 1 is the highest, 9 the lowest, 5 the middle.
PRIORITY = {Quadrant.DO_NOW: 1, Quadrant.SCHEDULE: 5, Quadrant.DELEGATE: 5, Quadrant.DROP: 9}


def export_ics(
    items: list[Item],
    contacts: list[Contact],
    today: date,
    settings: Settings,
    progress: Progress | None = None,
) -> bytes:
    """The calendar as bytes (UTF-8, CRLF lines, folded), ready to write to a .ics file.

    The words a person reads in the calendar app (a review's title, the notes) are in the
    interface's language; the properties and their values stay as RFC 5545 has them.

    ``progress(done, total)`` is called after each active item (total: the active items).
    """
    names = {c.id: clean_text(c.name) for c in contacts}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "collab-tui")
    active = sorted((i for i in items if i.is_active), key=lambda i: (i.due or date.max, i.id))
    total = len(active)
    for done, item in enumerate(active, start=1):
        item = clean(copy.deepcopy(item))  # older files may still hold control characters
        priority = PRIORITY[quadrant(item, today, settings)]
        if item.due is not None:
            todo = _todo(item, f"{item.uid}@collab-tui", one_line(item.title), item.due)
            todo.add("priority", priority)
            todo.add("description", _description(item, names))
            calendar.add_component(todo)
        if item.is_risk and item.review is not None:
            summary = t("interop.ics.review", title=one_line(item.title))
            todo = _todo(item, f"{item.uid}-review@collab-tui", summary, item.review)
            todo.add("priority", priority)
            todo.add("description", _description(item, names))
            calendar.add_component(todo)
        if progress is not None:
            progress(done, total)
    ical: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    return ical


def _todo(item: Item, uid: str, summary: str, due: date) -> Todo:
    todo = Todo()
    todo.add("uid", uid)
    # Without a METHOD, DTSTAMP is when the entry was last revised (RFC 5545 3.8.7.2):
    # the item's own timestamp keeps a re-export of an unchanged item byte-identical.
    todo.add("dtstamp", item.updated)
    todo.add("created", item.created)
    todo.add("last-modified", item.updated)
    todo.add("summary", summary)
    todo.add("due", due)  # a date, so VALUE=DATE: a day, not a moment
    todo.add("status", "NEEDS-ACTION")
    if item.tags:
        todo.add("categories", [one_line(tag) for tag in item.tags])
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
