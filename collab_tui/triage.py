"""Where items stand: Eisenhower quadrants, the daily agenda and the pre-meeting brief.

Pure functions over lists of records; "today" and the settings are parameters. Every
list comes back in a deterministic order (dates, then ids or names), so the CLI, the
TUI and the tests all see the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, time, timedelta
from enum import StrEnum

from collab_tui import lookup, words
from collab_tui.dates import first_in_rule, next_in_rule
from collab_tui.model import (
    Contact,
    Escalation,
    Interaction,
    Item,
    Kind,
    Level,
    Meeting,
    Settings,
    Stance,
    Status,
)
from collab_tui.records import record_class

__all__ = [
    "Agenda",
    "BlockedItem",
    "Brief",
    "ColdContact",
    "Quadrant",
    "agenda",
    "blockers",
    "brief",
    "is_blocked",
    "waits_on",
    "meeting_passed",
    "meetings_awaiting_outcome",
    "meetings_on",
    "next_in_series",
    "cadence",
    "next_step",
    "is_important",
    "is_urgent",
    "last_contact_dates",
    "matrix",
    "next_date",
    "quadrant",
    "sort_items",
    "sort_meetings",
]


class Quadrant(StrEnum):
    DO_NOW = "do_now"  # important and urgent
    SCHEDULE = "schedule"  # important, not urgent: where open risks live
    DELEGATE = "delegate"  # urgent, not important
    DROP = "drop"  # neither

    @property
    def label(self) -> str:
        return words.label(self)


def next_date(item: Item) -> date | None:
    """The earliest date that makes an item pressing: its due date or (risks) review date."""
    dates = [d for d in (item.due, item.review) if d is not None]
    return min(dates) if dates else None


def sort_items(items: Iterable[Item]) -> list[Item]:
    """By next date (undated last), then id."""
    return sorted(items, key=_item_order)


def _item_order(item: Item) -> tuple[bool, date, int]:
    when = next_date(item)
    return (when is None, when or date.max, item.id)


def is_urgent(item: Item, today: date, settings: Settings) -> bool:
    """Urgency comes from time: overdue or due within the horizon, unless overridden."""
    if item.urgent is not None:
        return item.urgent
    horizon = today + timedelta(days=settings.urgency_horizon_days)
    if item.is_risk:
        # A risk is not a problem yet: urgent only once it happened or its review
        # (or due) date comes within the horizon.
        if item.status is Status.OCCURRED:
            return True
        when = next_date(item)
        return when is not None and when <= horizon
    return item.due is not None and item.due <= horizon


def is_important(item: Item) -> bool:
    """Importance is the user's call, except that every risk is important."""
    return item.important or item.is_risk


def quadrant(item: Item, today: date, settings: Settings) -> Quadrant:
    important = is_important(item)
    urgent = is_urgent(item, today, settings)
    if important:
        return Quadrant.DO_NOW if urgent else Quadrant.SCHEDULE
    return Quadrant.DELEGATE if urgent else Quadrant.DROP


def is_hidden(item: Item, today: date) -> bool:
    """Put away until a later day (``hidden_until``): not in the matrix or the review yet."""
    return item.hidden_until is not None and item.hidden_until > today


def matrix(items: Iterable[Item], today: date, settings: Settings) -> dict[Quadrant, list[Item]]:
    """Active items by quadrant (all four keys present), each list in ``sort_items`` order;
    hidden ones (``is_hidden``) left out."""
    quadrants: dict[Quadrant, list[Item]] = {q: [] for q in Quadrant}
    for item in sort_items(i for i in items if i.is_active and not is_hidden(i, today)):
        quadrants[quadrant(item, today, settings)].append(item)
    return quadrants


def last_contact_dates(interactions: Iterable[Interaction]) -> dict[int, date]:
    """The latest interaction date for each contact id that appears in the log."""
    latest: dict[int, date] = {}
    for interaction in interactions:
        for contact_id in interaction.contact_ids:
            if contact_id not in latest or interaction.date > latest[contact_id]:
                latest[contact_id] = interaction.date
    return latest


# --- blocked items ------------------------------------------------------------------


def blockers(item: Item, active_by_id: Mapping[int, Item]) -> list[Item]:
    """The items ``item`` waits on that are still active (``after``; in id order).

    A blocker that is done, dropped or deleted holds nothing back: dropping the fix an
    item waits on frees the item, so the PM reconsiders it rather than it waiting forever.
    """
    return [active_by_id[i] for i in sorted(set(item.after)) if i in active_by_id and i != item.id]


def is_blocked(item: Item, active_by_id: Mapping[int, Item]) -> bool:
    return any(i in active_by_id and i != item.id for i in item.after)


def waits_on(after: Iterable[int], target: int, active_by_id: Mapping[int, Item]) -> bool:
    """Does an item waiting on ``after`` wait, directly or through others, on ``target``?
    (Making ``target`` wait on ``after`` would then close a circle: both blocked forever.)"""
    seen: set[int] = set()
    todo = list(after)
    while todo:
        current = todo.pop()
        if current == target:
            return True
        if current in seen or current not in active_by_id:
            continue
        seen.add(current)
        todo.extend(active_by_id[current].after)
    return False


# --- recurring items ------------------------------------------------------------------


def next_in_series(item: Item, today: date) -> Item | None:
    """The next occurrence of a recurring item (None if it does not recur).

    It is dated from the due date, not the day it was finished: the series keeps its
    rhythm (a Friday report stays on Fridays). Occurrences already past are skipped, so
    finishing one late does not create one more overdue item. Without a due date the
    series starts from ``first_in_rule``. The copy is new (id 0), open, without history.
    """
    if item.every is None:
        return None
    due = item.due if item.due is not None else first_in_rule(item.every, today)
    following = next_in_rule(item.every, due)
    while following < today:
        following = next_in_rule(item.every, following)
    review = None
    if item.review is not None and item.due is not None:
        review = following + (item.review - item.due)  # keeps its distance from the due date
    return Item(
        title=item.title,
        kind=item.kind,
        important=item.important,
        urgent=item.urgent,
        due=following,
        contact_ids=list(item.contact_ids),
        tags=list(item.tags),
        notes=item.notes,
        likelihood=item.likelihood,
        impact=item.impact,
        mitigation=item.mitigation,
        review=review,
        every=item.every,
        after=[],  # what it waited on was for this occurrence
    )


# --- planned meetings -----------------------------------------------------------------


def _meeting_order(meeting: Meeting) -> tuple[date, str, int]:
    return (meeting.date, meeting.time or "99:99", meeting.id)  # untimed last in its day


def sort_meetings(meetings: Iterable[Meeting]) -> list[Meeting]:
    """By date, then time (a meeting without a time last in its day), then id."""
    return sorted(meetings, key=_meeting_order)


def meeting_passed(meeting: Meeting, today: date, clock: time | None) -> bool:
    """Has the meeting's time come (so its outcome can be asked for)?

    Earlier days always; today only once ``clock`` reaches its time (a meeting with no
    set time counts from the next day). ``clock`` None: the time of day is unknown.
    """
    if meeting.date < today:
        return True
    if meeting.date > today or meeting.time is None or clock is None:
        return False
    return meeting.time <= clock.strftime("%H:%M")


def meetings_on(meetings: Iterable[Meeting], today: date, clock: time | None) -> list[Meeting]:
    """Today's meetings still to come (or under way), in time order."""
    return [
        m
        for m in sort_meetings(meetings)
        if m.date == today and not meeting_passed(m, today, clock)
    ]


def meetings_awaiting_outcome(
    meetings: Iterable[Meeting], today: date, clock: time | None
) -> list[Meeting]:
    """Planned meetings whose time has passed and whose outcome is not logged yet."""
    return [m for m in sort_meetings(meetings) if meeting_passed(m, today, clock)]


# --- the morning review -------------------------------------------------------------


@record_class
class ColdContact:
    """A contact overdue for contact: quiet for longer than their cadence."""

    contact: Contact
    last_contact: date | None  # None: never logged
    open_items: list[Item] = field(default_factory=list)
    cadence_days: int = 0
    days_overdue: int = 0  # days past the cadence
    last_topic: str = ""  # the last interaction's summary, filled in by the caller


def cadence(contact: Contact, settings: Settings) -> tuple[int, bool]:
    """(days between touches, followed even without open items) for ``contact``.

    Its own ``cadence_days`` first (0: not followed); else the shortest cadence of its tags
    in ``settings.cadence_tags``; else its level's (leaders, working partners). A contact
    with none of these keeps the old rule: followed after ``cold_after_days`` while it has
    open items only, so nobody's review fills up with every name ever captured.
    """
    if contact.cadence_days is not None:
        return contact.cadence_days, True
    by_tag = [settings.cadence_tags[tag] for tag in contact.tags if tag in settings.cadence_tags]
    if by_tag:
        return min(by_tag), True
    if contact.level is Level.LEADER:
        return settings.cadence_leader_days, True
    if contact.level is Level.WORKING:
        return settings.cadence_working_days, True
    return settings.cold_after_days, False


# --- the playbook: what each stance calls for (words keys playbook.*, docs/PLAYBOOK.md) ------

# stance -> (the kind of the suggested item, days until it is due)
_NEXT_STEP: dict[Stance, tuple[Kind, int]] = {
    Stance.REFUSES: (Kind.TASK, 7),
    Stance.NO_CAPACITY: (Kind.OWE, 3),
    Stance.EAGER: (Kind.TASK, 3),
}


def next_step(contact: Contact, today: date) -> Item | None:
    """The playbook's next step for ``contact``'s stance, as an unsaved item (None for an
    unknown stance): the PM accepts, edits or skips it."""
    step = _NEXT_STEP.get(contact.stance)
    if step is None:
        return None
    kind, days = step
    title = words.t(f"playbook.step.{contact.stance.value}", name=contact.name)
    return Item(
        title=title,
        kind=kind,
        due=today + timedelta(days=days),
        contact_ids=[contact.id] if contact.id else [],
        tags=list(contact.tags),
        important=True,
    )


def escalations_of(item_id: int, escalations: Iterable[Escalation]) -> list[Escalation]:
    """The escalations raised from one item, oldest first."""
    return sorted((e for e in escalations if e.item_id == item_id), key=lambda e: e.id)


def open_escalations(escalations: Iterable[Escalation], items: Iterable[Item]) -> list[Escalation]:
    """Escalations whose follow-up (owe item) is still active, oldest due first."""
    active = {i.id for i in items if i.is_active}
    found = [e for e in escalations if e.owe_item_id in active or e.item_id in active]
    return sorted(found, key=lambda e: (e.due or date.max, e.id))


@record_class
class BlockedItem:
    """An open item waiting on other open items (its ``after``)."""

    item: Item
    blocked_by: list[Item]


@record_class
class Agenda:
    """The morning review of one day: what is late, due, owed both ways, at risk."""

    date: date
    meetings_today: list[Meeting] = field(default_factory=list)
    awaiting_outcome: list[Meeting] = field(default_factory=list)
    blocked: list[BlockedItem] = field(default_factory=list)
    overdue: list[Item] = field(default_factory=list)
    due_today: list[Item] = field(default_factory=list)
    do_now: list[Item] = field(default_factory=list)
    owe: list[Item] = field(default_factory=list)
    waiting: list[Item] = field(default_factory=list)
    risks_to_review: list[Item] = field(default_factory=list)
    going_cold: list[ColdContact] = field(default_factory=list)  # overdue for contact
    escalations: list[Escalation] = field(default_factory=list)  # open ones


def agenda(
    items: Iterable[Item],
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    today: date,
    settings: Settings,
    last_contact: Mapping[int, date] | None = None,
    meetings: Iterable[Meeting] = (),
    clock: time | None = None,
    escalations: Iterable[Escalation] = (),
) -> Agenda:
    """The daily review for ``today``. An item may appear in several lists (an overdue
    owe item is in ``overdue`` and ``owe``), except that ``do_now`` leaves out what
    ``overdue`` and ``due_today`` already show. ``last_contact`` (each contact's latest
    interaction on or before ``today``, as the store summarises it) stands in for
    ``interactions`` when given. A blocked item (waiting on an active item) is listed
    under ``blocked`` only: it is neither overdue, due today nor to do now. Hidden items
    (``is_hidden``) are in no list. ``clock`` is the time of day, for which of today's
    ``meetings`` have passed."""
    active = sort_items(i for i in items if i.is_active)
    by_id = {i.id: i for i in active}
    visible = [i for i in active if not is_hidden(i, today)]
    blocked = [BlockedItem(i, blockers(i, by_id)) for i in visible if is_blocked(i, by_id)]
    held = {id(b.item) for b in blocked}
    free = [i for i in visible if id(i) not in held]
    not_risks = [i for i in free if not i.is_risk]
    overdue = [i for i in not_risks if i.due is not None and i.due < today]
    due_today = [i for i in not_risks if i.due == today]
    shown = {id(i) for i in overdue + due_today}
    planned = list(meetings)
    return Agenda(
        date=today,
        meetings_today=meetings_on(planned, today, clock),
        awaiting_outcome=meetings_awaiting_outcome(planned, today, clock),
        blocked=blocked,
        overdue=overdue,
        due_today=due_today,
        do_now=[
            i
            for i in free
            if id(i) not in shown and quadrant(i, today, settings) is Quadrant.DO_NOW
        ],
        owe=[i for i in visible if i.kind is Kind.OWE],
        waiting=[i for i in visible if i.kind is Kind.WAIT],
        risks_to_review=[i for i in visible if i.is_risk and _risk_needs_review(i, today)],
        going_cold=_going_cold(active, contacts, interactions, today, settings, last_contact),
        escalations=open_escalations(escalations, active),
    )


def _risk_needs_review(risk: Item, today: date) -> bool:
    when = next_date(risk)
    return risk.status is Status.OCCURRED or (when is not None and when <= today)


def _going_cold(
    active: list[Item],
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    today: date,
    settings: Settings,
    last_contact: Mapping[int, date] | None = None,
) -> list[ColdContact]:
    """Contacts quiet for longer than their cadence (``cadence``).

    Interactions dated after today (planned meetings) do not count as contact yet. A
    contact never logged counts from the day it was added: someone named in this
    morning's capture has not gone quiet.
    """
    last = last_contact
    if last is None:
        last = last_contact_dates(i for i in interactions if i.date <= today)
    linked_to: dict[int, list[Item]] = {}  # contact id -> its active items, in order
    for item in active:
        for contact_id in dict.fromkeys(item.contact_ids):
            linked_to.setdefault(contact_id, []).append(item)
    cold: list[ColdContact] = []
    for contact in contacts:
        if contact.former:  # deleted: nobody to get back in touch with
            continue
        linked = linked_to.get(contact.id, [])
        days, always = cadence(contact, settings)
        if days <= 0 or not (always or linked):
            continue
        when = last.get(contact.id)
        quiet_since = when if when is not None else contact.created.date()
        overdue = (today - quiet_since).days - days
        if overdue > 0:
            cold.append(ColdContact(contact, when, linked, days, overdue))
    # Never contacted first, then the longest silence; ties by name, then id.
    cold.sort(key=lambda c: (c.last_contact or date.min, c.contact.name, c.contact.id))
    return cold


# --- the pre-meeting brief ------------------------------------------------------------


@record_class
class Brief:
    """What to know about one counterpart before meeting them."""

    contact: Contact
    boss_chain: list[Contact] = field(default_factory=list)  # boss, boss's boss, ...
    reports: list[Contact] = field(default_factory=list)  # direct reports
    i_owe: list[Item] = field(default_factory=list)
    they_owe: list[Item] = field(default_factory=list)
    tasks: list[Item] = field(default_factory=list)
    risks: list[Item] = field(default_factory=list)
    last_interactions: list[Interaction] = field(default_factory=list)  # newest first
    all_interactions_count: int = 0
    last_contact: date | None = None
    next_step: Item | None = None  # the playbook's, for a stance set with its date
    escalations: list[Escalation] = field(default_factory=list)  # about them or to them
    names: dict[int, str] = field(default_factory=dict)  # every contact's, for the escalations


BRIEF_INTERACTIONS = 3


def brief(
    contact_id: int,
    items: Iterable[Item],
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    today: date,
    escalations: Iterable[Escalation] = (),
) -> Brief:
    """Everything to know one minute before a call. KeyError if the contact is unknown."""
    by_id = {c.id: c for c in contacts}
    contact = by_id[contact_id]
    linked = sort_items(i for i in items if i.is_active and contact_id in i.contact_ids)
    theirs = [i for i in interactions if contact_id in i.contact_ids]
    theirs.sort(key=lambda i: (i.date, i.id), reverse=True)
    past = [i.date for i in theirs if i.date <= today]
    return Brief(
        contact=contact,
        boss_chain=boss_chain(contact, by_id),
        reports=lookup.sort_contacts(
            c for c in by_id.values() if c.boss_id == contact_id and c.id != contact_id
        ),
        i_owe=[i for i in linked if i.kind is Kind.OWE],
        they_owe=[i for i in linked if i.kind is Kind.WAIT],
        tasks=[i for i in linked if i.kind is Kind.TASK],
        risks=[i for i in linked if i.is_risk],
        last_interactions=theirs[:BRIEF_INTERACTIONS],
        all_interactions_count=len(theirs),
        last_contact=max(past) if past else None,
        # Only once a stance was set and kept with its date: a stance typed in long ago
        # (or imported) is not news that calls for a step.
        next_step=next_step(contact, today) if contact.stance_history else None,
        escalations=[
            e for e in escalations if contact_id in e.contact_ids or e.to_id == contact_id
        ],
        names={c.id: c.name for c in by_id.values()},
    )


def boss_chain(contact: Contact, by_id: Mapping[int, Contact]) -> list[Contact]:
    """Boss, boss's boss, ... stopping at a missing link or a loop (bad data happens)."""
    chain: list[Contact] = []
    seen = {contact.id}
    boss_id = contact.boss_id
    while boss_id is not None and boss_id not in seen and boss_id in by_id:
        boss = by_id[boss_id]
        chain.append(boss)
        seen.add(boss_id)
        boss_id = boss.boss_id
    return chain
