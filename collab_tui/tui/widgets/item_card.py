"""An item in full, as ``HangingLines`` rows: the item detail screen and the review card.

Every piece of user text goes through ``one_line``/``plain`` into literal ``Content``
(never markup). The recent log comes from ``Snapshot.recent_log``: the store's summary
of the log (each person's newest few) until the Log tab has read the whole log.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.content import Content

from collab_tui.dates import describe_due, format_date
from collab_tui.model import Interaction, Item, Status, one_line, plain
from collab_tui.text import pad
from collab_tui.tui.content import contact_summary, heading, item_prompt, text
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.hanging import Row
from collab_tui.words import every_label, label, t

BLANK: Row = (Content(""), Content(""))
INDENT = Content("  ")
LABEL_WIDTH = 12


def fact(label: str, value: str | Content) -> Row:
    body = value if isinstance(value, Content) else Content(value)
    return (Content.assemble((pad(label, LABEL_WIDTH), "dim")), body)


def line(content: Content) -> Row:
    return (Content(""), content)


def dim(value: str) -> Content:
    return Content.assemble((value, "dim"))


def when(day: date | datetime | None, today: date, words: bool = True) -> str:
    """'Fri 27 Nov (3 days late)'; '' for no date."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.date()
    shown = format_date(day, today)
    return (
        t("date.with_relative", date=shown, relative=describe_due(day, today)) if words else shown
    )


def blocked_rows(item: Item, snapshot: Snapshot) -> list[Row]:
    """What it waits on: each item, active ones marked as blocking it."""
    rows: list[Row] = []
    blocking = {b.id for b in snapshot.blocked.get(item.id, [])}
    for position, other_id in enumerate(item.after):
        other = snapshot.items_by_id.get(other_id)
        title = one_line(other.title) if other is not None else t("card.after.closed")
        state = t("card.after.blocking") if other_id in blocking else t("card.after.clear")
        value = Content.assemble(
            f"#{other_id} {title}  ",
            (state, "bold $text-warning" if other_id in blocking else "$text-success"),
        )
        rows.append(fact(t("card.after") if position == 0 else "", value))
    return rows


def item_rows(item: Item, snapshot: Snapshot, meeting: Interaction | None = None) -> list[Row]:
    """What the item is: title, kind and status, dates, slips, people, tags, risk, notes."""
    today = snapshot.today
    status = label(item.status)
    if item.status is Status.OCCURRED:
        status = t("card.occurred")
    kind = label(item.kind)
    rows: list[Row] = [
        line(Content.assemble((one_line(item.title), "bold $text-accent"))),
        fact(t("card.kind"), t("card.kind.important", kind=kind) if item.important else kind),
        fact(t("card.status"), status),
    ]
    if item.due is not None:
        rows.append(fact(t("card.due"), when(item.due, today)))
    if item.review is not None:
        rows.append(fact(t("card.review"), when(item.review, today)))
    rows.append(fact(t("card.created"), when(item.created, today, words=False)))
    if item.closed is not None:
        rows.append(fact(t("card.closed"), when(item.closed, today, words=False)))
    if item.every is not None:
        rows.append(fact(t("card.every"), every_label(item.every)))
    rows += blocked_rows(item, snapshot)
    rows += slip_rows(item, today)
    rows += people_rows(item, snapshot)
    if item.tags:
        rows.append(fact(t("card.tags"), text(" ".join("#" + one_line(tag) for tag in item.tags))))
    if item.is_risk:
        for key, rating in (("card.likelihood", item.likelihood), ("card.impact", item.impact)):
            rows.append(
                fact(t(key), label(rating) if rating is not None else dim(t("card.not_rated")))
            )
        rows.append(
            fact(
                t("card.mitigation"),
                text(item.mitigation) if item.mitigation else dim(t("none")),
            )
        )
    if meeting is not None:
        rows.append(
            fact(
                t("card.from"),
                Content.assemble(
                    t(
                        "card.from.meeting",
                        kind=label(meeting.kind),
                        date=format_date(meeting.date, today),
                    ),
                    one_line(meeting.summary),
                ),
            )
        )
    if item.notes.strip():
        rows += [BLANK, line(heading(t("brief.notes")))]
        rows.extend(line(Content(plain(note))) for note in item.notes.splitlines())
    return rows


def slip_rows(item: Item, today: date) -> list[Row]:
    """The due-date history: each earlier date, oldest first, then the current one."""
    if not item.due_history:
        return []
    dates = [format_date(d, today) for d in item.due_history]
    current = format_date(item.due, today) if item.due is not None else t("form.date.none")
    times = t("card.slipped.once") if len(dates) == 1 else t("card.slipped.times", n=len(dates))
    return [fact(t("card.slipped"), Content(f"{times}: {' → '.join(dates)} → {current}"))]


def people_rows(item: Item, snapshot: Snapshot) -> list[Row]:
    rows: list[Row] = []
    for index, contact_id in enumerate(item.contact_ids):
        contact = snapshot.contacts_by_id.get(contact_id)
        shown = (
            contact_summary(contact)
            if contact is not None
            else t("card.deleted_contact", id=contact_id)
        )
        rows.append(fact(t("card.people") if index == 0 else "", Content(shown)))
    return rows


def interaction_rows(
    contact_ids: list[int], snapshot: Snapshot, title: str | None = None, limit: int = 5
) -> list[Row]:
    rows: list[Row] = [BLANK, line(heading(t("card.recent_log") if title is None else title))]
    records = snapshot.recent_log(contact_ids, limit)
    if not records:
        return [*rows, (INDENT, dim(t("brief.interactions.empty")))]
    for record in records:
        prefix = Content.assemble(
            ("  " + format_date(record.date, snapshot.today) + " ", "dim"),
            (label(record.kind) + " ", "$text-accent"),
        )
        rows.append((prefix, text(one_line(record.summary))))
        rows.extend(
            (Content.assemble((f"    {t('brief.decided')} ", "$text-success")), text(one_line(d)))
            for d in record.decisions
        )
    return rows


def linked_risk_rows(item: Item, snapshot: Snapshot) -> list[Row]:
    """Open risks that concern the same people (the item itself left out)."""
    wanted = set(item.contact_ids)
    risks = [
        i
        for i in snapshot.items
        if i.is_risk and i.id != item.id and wanted.intersection(i.contact_ids)
    ]
    rows: list[Row] = [BLANK, line(heading(t("brief.risks"), len(risks)))]
    if not risks:
        rows.append((INDENT, dim(t("card.none_open"))))
    rows.extend((INDENT, item_prompt(r, snapshot, show_due=False)) for r in risks)
    return rows
