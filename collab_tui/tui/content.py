"""User records turned into display ``Content``.

Every piece of user text goes through ``model.one_line``/``plain`` (control characters
removed) and into ``Content`` as literal text, never markup, so a name like
``[@click=app.quit]Evil[/]`` shows as typed. Styles use theme variables so both the
light and the dark themes stay readable.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from textual.content import Content

from collab_tui import plan
from collab_tui.model import (
    Contact,
    Interaction,
    Item,
    Kind,
    Meeting,
    Milestone,
    Stance,
    Status,
    one_line,
    plain,
)
from collab_tui.text import cell_width, pad
from collab_tui.text import truncate as clip
from collab_tui.triage import ColdContact
from collab_tui.tui.state import Snapshot
from collab_tui.words import (
    ago,
    before_text,
    every_label,
    format_date,
    label,
    language,
    listing,
    relative,
    t,
    with_details,
)

KIND_WIDTH = 4  # the kind column: "task", "owe ", "wait", "risk"
# owe: I deliver to them; wait: they deliver to me.
ARROW = {Kind.OWE: "→ ", Kind.WAIT: "← ", Kind.TASK: "@ ", Kind.RISK: "@ "}
DUE_WIDTH = 15


def text(value: str) -> Content:
    """User text as literal content (markup-looking text stays text)."""
    return Content(plain(value))


def is_overdue(item: Item, today: date) -> bool:
    return item.due is not None and item.due < today


def _shown_date(item: Item) -> date | None:
    return item.review if item.is_risk and item.review is not None else item.due


def due_words(item: Item, today: date) -> str:
    """'3 days late', 'tomorrow', 'review in 2 days' (risks), or ''."""
    if item.is_risk and item.review is not None:
        # a risk's date is its review
        return t("date.review_short", relative=relative(item.review, today))
    if item.due is not None:
        return relative(item.due, today)
    return ""


def item_prompt(
    item: Item, snapshot: Snapshot, show_due: bool = True, title_width: int | None = None
) -> Content:
    """One line: due in words, kind, title, counterpart, tags. ``title_width`` cuts a long
    title so that the counterpart after it stays on screen (the Matrix)."""
    today = snapshot.today
    blockers = snapshot.blocked.get(item.id, [])
    overdue = is_overdue(item, today) and not blockers  # a blocked item is not late
    parts: list[str | Content | tuple[str, str]] = []
    if show_due:
        words = due_words(item, today)
        style = (
            "bold $text-error"
            if overdue
            else ("$text-warning" if _shown_date(item) == today else "$text-muted")
        )
        parts.append((pad(clip(words, DUE_WIDTH - 1), DUE_WIDTH), style))
    kind_style = "bold $text-warning" if item.is_risk else "$text-accent"
    occurred = item.status is Status.OCCURRED  # a risk that happened: now a problem
    kind_word = label(Status.OCCURRED) if occurred else label(item.kind)
    parts.append((pad(kind_word, KIND_WIDTH), kind_style))
    parts.append(" ")
    if item.important and not item.is_risk:
        parts.append(("! ", "bold $text-error"))
    title = one_line(item.title)
    if title_width is not None:
        title = clip(title, title_width)
    parts.append((title, "bold $text-error") if overdue else title)
    names = snapshot.names(item.contact_ids)
    if names:
        parts.append(("  " + ARROW[item.kind] + names, "$text-secondary"))
    if blockers:
        ids = listing(f"#{b.id}" for b in blockers)
        parts.append(("  ⏸ " + t("blocked.by", ids=ids), "$text-warning"))
    if item.every is not None:
        parts.append(("  ↻ " + every_label(item.every), "$text-muted"))
    if item.tags:
        parts.append(("  " + " ".join("#" + one_line(t) for t in item.tags), "$text-muted"))
    return Content.assemble(*parts)


def meeting_line(meeting: Meeting, snapshot: Snapshot, outcome_due: bool = False) -> Content:
    """'15:00  meet  API review  with 小蓝, 小明'; another day: 'yesterday  meet  16:00 …'."""
    today = snapshot.today
    when = (meeting.time or "") if meeting.date == today else relative(meeting.date, today)
    parts: list[str | tuple[str, str]] = [
        (pad(clip(when, DUE_WIDTH - 1), DUE_WIDTH), "bold $text-warning"),
        (pad(t("record.meeting.short"), KIND_WIDTH), "$text-accent"),
        " ",
    ]
    if meeting.date != today and meeting.time:
        parts.append((meeting.time + " ", "$text-warning"))
    parts.append(one_line(meeting.title))
    names = snapshot.names(meeting.contact_ids)
    if names:
        parts.append(("  " + t("brief.with", names=names), "$text-secondary"))
    if outcome_due:
        parts.append(("  " + t("today.outcome_hint"), "italic $text-muted"))
    return Content.assemble(*parts)


def contact_summary(contact: Contact) -> str:
    """'小蓝 (Dept B, eager)'."""
    details = [one_line(contact.department)] if contact.department else []
    if contact.stance is not Stance.UNKNOWN:
        details.append(label(contact.stance))
    return with_details(one_line(contact.name), details)


def cold_prompt(cold: ColdContact, today: date) -> Content:
    """'overdue 小明 (interested, no capacity)  last contact 20 days ago · every 14 days ·
    API review · 1 open'."""
    last = cold.last_contact
    when = t("never_logged") if last is None else t("today.cold.last", relative=ago(last, today))
    details = [when, t("today.cold.every", n=cold.cadence_days)]
    if cold.last_topic:
        details.append(one_line(cold.last_topic))
    if cold.open_items:
        details.append(t("today.cold.open", n=len(cold.open_items)))
    return Content.assemble(
        (pad("", DUE_WIDTH), ""),
        (t("today.cold.tag") + " ", "$text-accent"),
        contact_summary(cold.contact),
        ("  " + " · ".join(details), "$text-muted"),
    )


@cache
def _date_width(year: int, language: str) -> int:
    """The log's date column: the widest date of this year in the interface's language,
    and a gap (a date from another year, longer, pushes its own row only)."""
    today = date(year, 1, 1)
    return 2 + max(cell_width(format_date(date(year, 12, 28 - n), today)) for n in range(7))


def interaction_line(interaction: Interaction, snapshot: Snapshot) -> Content:
    names = snapshot.names(interaction.contact_ids)
    day = format_date(interaction.date, snapshot.today)
    # A date from another year is wider than the column: its row keeps the same gap.
    width = max(_date_width(snapshot.today.year, language()), cell_width(day) + 2)
    parts: list[str | tuple[str, str]] = [
        (pad(day, width), "$text-muted"),
        (pad(label(interaction.kind), 8), "$text-accent"),
    ]
    if names:
        parts.append((before_text(t("log.people", names=names)), "$text-secondary"))
    parts.append(one_line(interaction.summary))
    return Content.assemble(*parts)


def heading(title: str, count: int | None = None) -> Content:
    label = title if count is None else t("heading.count", title=title, count=count)
    return Content.assemble((label, "bold $text-primary"))


def loading_line(indent: str = "  ") -> Content:
    return Content.assemble((indent + t("loading_log"), "italic $text-muted"))


# --- projects and milestones ---------------------------------------------------------------

# keyed by the stance's value (a Stance is its value): eager green, no capacity amber ...
STANCE_STYLE = {
    "eager": "bold $text-success",
    "no-capacity": "bold $text-warning",
    "refuses": "bold $text-error",
    "unknown": "$text-muted",
}
_STATUS_STYLE = {
    "done": "$text-muted",
    "overdue": "bold $text-error",
    "slipped": "bold $text-warning",
    "unagreed": "$text-warning",
    "on-track": "$text-success",
}


UNAGREED = plan.MilestoneStatus.UNAGREED


def milestone_slip(milestone: Milestone) -> str:
    """'slipped 14 days: design changed', or '' when on plan."""
    days = plan.slip_days(milestone)
    if not days:
        return ""
    if milestone.cause:
        return t("milestone.slip_cause", n=days, cause=one_line(milestone.cause))
    return t("milestone.slip.one") if days == 1 else t("milestone.slip", n=days)


def milestone_prompt(milestone: Milestone, snapshot: Snapshot, project_name: str = "") -> Content:
    """One line: when in words, status, name, project, slip and cause, owner, agreement."""
    today = snapshot.today
    status = plan.milestone_status(milestone, today)
    when = (
        format_date(milestone.done, today)
        if milestone.done is not None
        else relative(milestone.expected, today)
    )
    parts: list[str | tuple[str, str]] = [
        (pad(clip(when, DUE_WIDTH - 1), DUE_WIDTH), "$text-muted"),
        (pad(status.label, 10) + " ", _STATUS_STYLE[status]),
        ("◆ " + one_line(milestone.name), "bold" if not milestone.is_done else "$text-muted"),
    ]
    if project_name:
        parts.append(("  " + one_line(project_name), "$text-secondary"))
    slip = milestone_slip(milestone)
    if slip:
        parts.append(("  " + slip, "$text-warning"))
    owner = (
        t("milestone.owner.me")
        if milestone.owner_id is None
        else snapshot.names([milestone.owner_id])
    )
    if owner:
        parts.append(("  @ " + owner, "$text-secondary"))
    if milestone.agreed is None and status not in (UNAGREED, plan.MilestoneStatus.DONE):
        parts.append(("  " + t("milestone.not_agreed"), "italic $text-warning"))
    return Content.assemble(*parts)
