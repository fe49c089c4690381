"""The operations both front ends share; each one is a single store transaction.

Errors a user should see are ``ActionError`` (a ``ValueError`` whose message is fit to
show as is); capture and date errors (``CaptureError``, ``DateError``) are ValueErrors
too and pass through unchanged, and the store raises its own ``StoreError``s.
"""

from __future__ import annotations

import copy
from dataclasses import field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from collab_tui import lookup
from collab_tui.dates import RuleError, parse_date, parse_every, parse_time
from collab_tui.model import (
    CONTACT_ENUMS,
    OPTION_FIELDS,
    Contact,
    Escalation,
    Interaction,
    InteractionKind,
    Item,
    Kind,
    Level,
    Meeting,
    Milestone,
    Project,
    ProjectStatus,
    Record,
    Role,
    Settings,
    Side,
    Stance,
    Status,
    current_contacts,
    now,
    one_line,
)
from collab_tui.records import record_class
from collab_tui.text import truncate
from collab_tui.words import before_text, every_label, format_date, label, listing, t

if TYPE_CHECKING:
    from collections.abc import Callable

    from collab_tui import capture as grammar
    from collab_tui.interop.ics import TodoPlan
    from collab_tui.store import Store

_T = TypeVar("_T")


class ActionError(ValueError):
    """Something the user asked for cannot be done; the message says why."""


@record_class
class CaptureResult:
    """What a capture created, and one line for people about each record."""

    records: list[Record] = field(default_factory=list)  # interaction first, then items
    new_contacts: list[Contact] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # one per record, for people


# --- capture -------------------------------------------------------------------------


# A line captured again within this window is taken for a retry, not a second capture:
# after a crash or a lost terminal the user cannot know whether the first one was saved.
RETRY_WINDOW = timedelta(minutes=10)


class AlreadyCaptured(ActionError):
    """The same line was saved moments ago; adding it again would duplicate it."""

    def __init__(self, at: datetime, saved: str) -> None:
        self.at = at
        self.saved = saved
        when = at.astimezone().strftime("%H:%M")
        super().__init__(t("error.action.already_captured", when=when, saved=saved))


def capture(store: Store, text: str, today: date, again: bool = False) -> CaptureResult:
    """Create what one capture line describes: all of it, or (on any error) nothing.

    The same line captured again within RETRY_WINDOW raises AlreadyCaptured unless
    ``again``: a retry after a crash or an unclear failure never duplicates.
    """
    # The grammar is imported where a line is parsed: `collab who`, `done` and the other
    # commands that come here never parse one (tests/test_layers.py).
    from collab_tui import capture as grammar

    parsed = grammar.parse(text, today)  # CaptureError names the bad token
    key = _capture_key(text)
    with store.batch():  # one transaction: a failure part-way stores nothing
        recent = _recent_captures(store.recent_captures(), now())
        earlier = next((entry for entry in recent if entry["text"] == key), None)
        if earlier is not None and not again:
            raise AlreadyCaptured(datetime.fromisoformat(earlier["at"]), earlier["saved"])
        # Built only for the contacts a typed name can mean: the plan resolves the same.
        typed = parsed.names()
        contacts = current_contacts(
            store.contacts(lambda doc: any(lookup.may_name(name, doc) for name in typed))
        )
        plan = grammar.plan(parsed, contacts)
        result = _apply_plan(store, plan, today, contacts)
        saved = ", ".join(f"#{record.id}" for record in result.records) or t(
            "error.action.no_records"
        )
        entry = {"text": key, "at": now().isoformat(), "saved": saved}
        store.set_recent_captures([*recent, entry])
        return result


def capture_lines(
    store: Store, lines: list[str], today: date, again: bool = False
) -> CaptureResult:
    """Several capture lines (a paste, a multi-line argument) as one transaction.

    Each non-empty line is one capture; an error in any line stores none of them, and
    the message names the line.
    """
    lines = [line for line in lines if line.strip()]
    if len(lines) <= 1:  # an empty line gets capture's own "nothing to capture" error
        return capture(store, lines[0] if lines else "", today, again)
    combined = CaptureResult()
    with store.batch():
        for number, line in enumerate(lines, start=1):
            try:
                result = capture(store, line, today, again)
            except ValueError as error:
                raise ActionError(t("capture.line_error", n=number, error=error)) from error
            combined.records += result.records
            combined.new_contacts += result.new_contacts
            combined.lines += result.lines
    return combined


def just_captured(store: Store, text: str) -> bool:
    """Was this very line saved within the retry window?"""
    key = _capture_key(text)
    return any(e["text"] == key for e in _recent_captures(store.recent_captures(), now()))


def _capture_key(text: str) -> str:
    """What identifies a capture line: whitespace-folded, its checksum and its start.

    Bounded, since it is kept in the small file every save rewrites (a pasted page of
    text must not be stored twice).
    """
    import zlib  # built in, cheap: the retry guard runs on every `collab add`

    line = " ".join(text.split())
    return f"{zlib.crc32(line.encode()):08x} {line[:80]}"


def _recent_captures(entries: Any, at: datetime) -> list[dict[str, str]]:
    """The remembered captures still inside the retry window (malformed ones dropped)."""
    kept = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            if at - datetime.fromisoformat(entry["at"]) <= RETRY_WINDOW:
                text, saved = str(entry["text"]), str(entry["saved"])
                kept.append({"text": text, "at": entry["at"], "saved": saved})
        except (KeyError, TypeError, ValueError):
            continue
    return kept


def _apply_plan(
    store: Store,
    plan: grammar.Plan,
    today: date,
    contacts: list[Contact],
    held: Meeting | None = None,
) -> CaptureResult:
    """Create a capture's records. ``held``: the planned meeting whose outcome the line
    is (its people, date and title join the interaction logged for it)."""
    result = CaptureResult()
    new_ids: dict[str, int] = {}  # new contact name -> its id, so each is created once
    for name in plan.new_names:
        contact = store.add(Contact(name=one_line(name)))
        new_ids[name] = contact.id
        result.new_contacts.append(contact)

    def ids_for(names: list[str]) -> list[int]:
        ids: list[int] = []
        for name in names:
            found = plan.resolved.get(name)
            contact_id = found.id if found is not None else new_ids[plan.new_name_for(name)]
            if contact_id not in ids:
                ids.append(contact_id)
        return ids

    projects: list[Project] = []

    def with_project(tags: list[str], project: str | None) -> list[str]:
        """The tags, and the tag of the project named by project:NAME (items of a meeting
        line that name none join the meeting's project)."""
        if project is None:
            return list(tags)
        if not projects:
            projects.extend(store.projects())
        tag = find_project(project, projects).tag
        if any(existing.lstrip("#").casefold() == tag.casefold() for existing in tags):
            return list(tags)
        return [*tags, tag]

    meeting: Interaction | None = None
    planned: Meeting | None = None
    draft_meeting = plan.capture.meeting
    meeting_project = draft_meeting.project if draft_meeting is not None else None
    meeting_ids: list[int] = []
    if draft_meeting is not None:
        meeting_ids = ids_for(draft_meeting.names)
        if held is not None:
            meeting_ids = list(dict.fromkeys([*held.contact_ids, *meeting_ids]))
        if draft_meeting.planned:
            planned = store.add(
                Meeting(
                    title=draft_meeting.summary,
                    date=draft_meeting.on or today,
                    time=draft_meeting.time,
                    contact_ids=meeting_ids,
                    tags=with_project(draft_meeting.tags, meeting_project),
                )
            )
        else:
            summary = draft_meeting.summary
            if held is not None:
                if summary:
                    summary = before_text(t("meeting.outcome_of", title=held.title)) + summary
                else:
                    summary = held.title
            meeting = store.add(
                Interaction(
                    # held early: dated the day it was logged, never in the future
                    date=min(held.date, today) if held is not None else draft_meeting.on or today,
                    summary=summary,
                    kind=InteractionKind(draft_meeting.kind),
                    contact_ids=meeting_ids,
                    decisions=list(draft_meeting.decisions),
                    tags=with_project(
                        list(dict.fromkeys([*(held.tags if held else []), *draft_meeting.tags])),
                        meeting_project,
                    ),
                )
            )
    items: list[Item] = []
    for draft in plan.capture.drafts:
        # An item from a meeting concerns its people (the planned ones too).
        from_meeting = draft_meeting is not None and draft.names == draft_meeting.names
        _check_after(store, 0, draft.after)
        item = Item(
            title=draft.title,
            kind=Kind(draft.kind),
            important=draft.important or draft.kind is Kind.RISK,  # risks are important
            due=draft.due,
            review=draft.review,
            contact_ids=meeting_ids if from_meeting else ids_for(draft.names),
            tags=with_project(draft.tags, draft.project or meeting_project),
            interaction_id=meeting.id if meeting is not None else None,
            every=draft.every,
            after=list(draft.after),
        )
        items.append(store.add(item))
    if meeting is not None and items:
        meeting.item_ids = [item.id for item in items]
        meeting = store.update(meeting)
    changed_stances: list[Contact] = []
    if meeting is not None and draft_meeting is not None:
        for name, value in draft_meeting.stances:  # stance: @name VALUE, after the meeting
            person = store.contact(ids_for([name])[0])
            if person is not None and person.stance is not Stance(value):
                person.stance = Stance(value)
                record_stance(person, meeting.date, meeting.id)
                changed_stances.append(store.update(person))

    names = {c.id: c.name for c in [*contacts, *result.new_contacts]}
    for contact in result.new_contacts:
        result.lines.append(t("said.new_contact", name=one_line(contact.name), id=contact.id))
    if meeting is not None:
        result.records.append(meeting)
        result.lines.append(describe_interaction(meeting, names))
    if planned is not None:
        result.records.append(planned)
        result.lines.append(t("said.planned", what=describe_meeting(planned, names, today)))
    for item in items:
        result.records.append(item)
        result.lines.append(t("said.added", what=describe_item(item, names, today)))
    for contact in changed_stances:
        stance = label(contact.stance)
        result.lines.append(t("said.stance", name=one_line(contact.name), stance=stance))
    return result


# --- items -----------------------------------------------------------------------------


@record_class
class Closed:
    """An item closed, the next of its series (if it recurs), and what it freed."""

    item: Item
    next: Item | None = None
    unblocked: list[Item] = field(default_factory=list)  # no longer waiting on anything


def close_item(
    store: Store,
    item_id: int,
    status: Status,
    today: date | None = None,
    stop_series: bool = False,
) -> Closed:
    """Mark an item done or dropped, in one transaction.

    A recurring item gets its next occurrence (``triage.next_in_series``: from its due
    date; with ``today``, occurrences already past are skipped), unless ``stop_series``
    (dropping it ends the series). Items waiting on it are freed once nothing else they
    wait on is active: a dropped blocker frees them as a done one does.
    """
    from collab_tui import triage  # on use: `collab add` never needs it

    with store.batch():
        item = _active_item(store, item_id)
        closed = Closed(_close(store, item, status))
        if item.every is not None and not stop_series:
            following = triage.next_in_series(item, today or item.due or date.min)
            if following is not None:
                closed.next = store.add(following)
        active = {i.id: i for i in store.items()}
        closed.unblocked = [
            i for i in active.values() if item_id in i.after and not triage.is_blocked(i, active)
        ]
        return closed


def complete(store: Store, item_id: int, today: date | None = None) -> Item:
    """Mark an item done (a risk too: it is closed, it did not happen)."""
    return close_item(store, item_id, Status.DONE, today).item


def drop(store: Store, item_id: int, today: date | None = None, stop_series: bool = False) -> Item:
    """Close an item without doing it (a recurring one: this occurrence, or the series)."""
    return close_item(store, item_id, Status.DROPPED, today, stop_series).item


def occurred(store: Store, item_id: int) -> Item:
    """A risk happened: it stays active, now as a problem being handled."""
    with store.batch():
        item = _item(store, item_id)
        if not item.is_risk:
            raise ActionError(t("error.action.not_a_risk", id=item_id, kind=label(item.kind)))
        if item.status is not Status.OPEN:
            raise ActionError(t("error.action.already", id=item_id, status=label(item.status)))
        item.status = Status.OCCURRED  # the store stamps `closed`
        return store.update(item)


def reopen(store: Store, item_id: int) -> Item:
    with store.batch():
        item = _item(store, item_id)
        if item.status is Status.OPEN:
            raise ActionError(t("error.action.already", id=item_id, status=label(Status.OPEN)))
        item.status = Status.OPEN  # the store clears `closed`
        return store.update(item)


def snooze(store: Store, item_id: int, phrase: str, today: date) -> Item:
    """Move the due date (a risk: its review date); the old due date goes into due_history."""
    when = parse_date(phrase, today)  # DateError names the phrase
    with store.batch():
        item = _active_item(store, item_id)
        if item.is_risk and (item.review is not None or item.due is None):
            item.review = when
        else:
            _redate(item, when)
        return store.update(item)


def _item(store: Store, item_id: int) -> Item:
    item = store.item(item_id)
    if item is None:
        raise ActionError(t("error.action.no_item", id=item_id))
    return item


def _active_item(store: Store, item_id: int) -> Item:
    item = _item(store, item_id)
    if not item.is_active:
        raise ActionError(t("error.action.already", id=item_id, status=label(item.status)))
    return item


def _close(store: Store, item: Item, status: Status) -> Item:
    item.status = status  # the store stamps `closed`
    return store.update(item)


def _redate(item: Item, due: date | None) -> None:
    """Move the due date, keeping the one it had: due_history counts the slips."""
    if item.due is not None and due != item.due:
        item.due_history.append(item.due)
    item.due = due


# What an edit form may change; everything else (ids, stamps, history) is the store's.
ITEM_FIELDS = frozenset(
    "title kind important urgent due contact_ids tags notes status likelihood impact "
    "mitigation review every after".split()
)


def edit_item(store: Store, base: Item, changes: dict[str, Any]) -> Item:
    """Save ``changes`` to ``base``, the version the user started from.

    ConflictError if the stored item changed since ``base`` was read (nothing is lost:
    the caller still has ``changes``). A new due date keeps the old one in due_history;
    a risk is important; the store stamps ``closed``. A kind change keeps the risk
    fields (likelihood, impact, mitigation, review): they show again if it is a risk again.
    """
    unknown = set(changes) - ITEM_FIELDS
    if unknown:
        raise ActionError(t("error.action.item_field", fields=", ".join(sorted(unknown))))
    item = copy.deepcopy(base)
    for name, value in changes.items():
        if name != "due":
            setattr(item, name, copy.deepcopy(value))
    if "due" in changes:
        _redate(item, changes["due"])
    item.title = one_line(item.title)
    if not item.title:
        raise ActionError(t("error.action.no_title"))
    if item.status is Status.OCCURRED and not item.is_risk:
        raise ActionError(t("error.action.only_risk_occurs"))
    if item.is_risk and "kind" in changes and base.kind is not Kind.RISK:
        item.important = True  # becoming a risk: important by definition (DOMAIN.md)
    if item.every is not None:
        item.every = _every_rule(item.every)
        if item.due is None:
            raise ActionError(t("error.action.every_needs_due"))
    item.after = list(dict.fromkeys(item.after))
    with store.batch():
        if item.after != base.after:
            _check_after(store, item.id, item.after)
        # Links it already had may point to contacts deleted since; new ones must exist.
        _check_contacts(store, [i for i in item.contact_ids if i not in base.contact_ids])
        return store.update(item)


def apply_todo_plan(store: Store, plan: TodoPlan) -> list[Item]:
    """Bring back what a calendar changed (``ics.plan_todos``), in one transaction.

    Each change goes through ``edit_item`` (a new due date keeps the old one in the due
    history; the store stamps ``closed``); a to-do new to collab becomes a task.
    """
    saved: list[Item] = []
    with store.batch():
        for change in plan.changes:
            if change.item is None:
                saved.append(store.add(Item(kind=Kind.TASK, **change.changes)))
                continue
            current = store.item(change.item.id)
            if current is None:
                continue  # deleted meanwhile: nothing to bring back to
            changes = dict(change.changes)
            status = changes.get("status")
            # Ticked off in a calendar: closed as the app closes it, so a recurring item
            # gets its next occurrence and the items waiting on it are freed.
            closing: Status | None = None
            if current.is_active and status in (Status.DONE, Status.DROPPED):
                closing = changes.pop("status")
            if changes:
                current = edit_item(store, current, changes)
            if closing is not None:
                closed = close_item(store, current.id, closing)
                saved.append(closed.item)
                if closed.next is not None:
                    saved.append(closed.next)
            else:
                saved.append(current)
    return saved


def _every_rule(text: str) -> str:
    try:
        return parse_every(text)
    except RuleError as error:
        raise ActionError(str(error)) from None


def _check_after(store: Store, item_id: int, after: list[int]) -> None:
    """Every item waited on exists, and none waits (through others) on ``item_id``."""
    for other in after:
        if other == item_id:
            raise ActionError(t("error.action.after_self", id=other))
        if store.item(other) is None:
            raise ActionError(t("error.action.no_item", id=other))
    if item_id:
        from collab_tui import triage  # on use: `collab add` never needs it

        active = {i.id: i for i in store.items()}
        if triage.waits_on(after, item_id, active):
            raise ActionError(t("error.action.after_circle", id=item_id))


def kind_change_note(before: Item, after: Item) -> str:
    """What a risk that is no longer one keeps: said, so no field seems to vanish."""
    if not before.is_risk or after.is_risk:
        return ""
    kept = [
        t(f"note.kept.{name}")
        for name, value in (
            ("likelihood", after.likelihood),
            ("impact", after.impact),
            ("mitigation", after.mitigation),
            ("review", after.review),
        )
        if value
    ]
    if not kept:
        return ""
    listed = (
        t("list.and", rest=t("list.sep").join(kept[:-1]), last=kept[-1])
        if len(kept) > 1
        else kept[0]
    )
    return t("note.kind_change", kind=label(after.kind), fields=listed)


def set_important(store: Store, base: Item, important: bool) -> Item:
    if base.is_risk and not important:
        raise ActionError(t("error.action.risk_important"))
    return edit_item(store, base, {"important": important})


def set_urgent(store: Store, base: Item, urgent: bool | None) -> Item:
    """``urgent``: True or False overrides the due date; None follows it again."""
    return edit_item(store, base, {"urgent": urgent})


def _check_contacts(store: Store, contact_ids: list[int]) -> None:
    for contact_id in contact_ids:
        if store.contact(contact_id) is None:
            raise ActionError(t("error.action.no_contact", id=contact_id))


def changed_fields(before: Record, after: Record) -> list[str]:
    """The fields whose values differ (stamps left out): what another process changed."""
    ignored = {"updated", "created", "spelling"}  # spelling follows the names
    old, new = before.to_dict(), after.to_dict()
    return [key for key in new if key not in ignored and old.get(key) != new[key]]


# --- contacts ----------------------------------------------------------------------------

_TEXT_FIELDS = ("department", "organisation", "title", "gains", "email", "phone", "notes")
_LIST_FIELDS = ("aliases", "kpis", "concerns", "tags")


def upsert_contact(
    store: Store,
    name: str,
    replace_lists: bool = False,
    on: date | None = None,
    interaction_id: int | None = None,
    **fields: Any,
) -> tuple[Contact, bool]:
    """Create the contact called ``name`` (exact name or alias) or update it.

    Fields left out or None are not touched. List fields (aliases, kpis, concerns, tags)
    are added to the existing lists unless ``replace_lists``. ``boss`` is a name, resolved
    like an ``@name`` in a capture line; ``boss_id`` may be given instead. A new stance is
    kept in ``stance_history`` dated ``on`` (with the meeting ``interaction_id``).
    """
    name = one_line(name)
    if not name:
        raise ActionError(t("error.action.no_name"))
    unknown = set(fields) - set(CONTACT_ENUMS) - set(_TEXT_FIELDS) - set(_LIST_FIELDS)
    unknown -= {"boss", "boss_id", "cadence_days"}
    if unknown:
        raise ActionError(
            t("error.action.unknown_contact_field", fields=", ".join(sorted(unknown)))
        )
    with store.batch():
        contacts = current_contacts(store.contacts())
        contact = find_contact_exact(name, contacts) or _by_pinyin(name, contacts)
        created = contact is None
        if contact is None:
            contact = Contact(name=name)
        stance_before = contact.stance
        for key, enum in CONTACT_ENUMS.items():
            value = fields.get(key)
            if value is not None:
                setattr(contact, key, _enum_value(enum, key, value))
        for key in _TEXT_FIELDS:
            value = fields.get(key)
            if value is not None:
                setattr(contact, key, str(value))
        for key in _LIST_FIELDS:
            values = fields.get(key)
            if values is None:
                continue
            values = [values] if isinstance(values, str) else list(values)
            if replace_lists:
                setattr(contact, key, [v for v in values if v])
            else:
                current = getattr(contact, key)
                current.extend(v for v in values if v and v not in current)
        if fields.get("boss") is not None:
            contact.boss_id = _resolve_boss(fields["boss"], contacts, contact)
        elif "boss_id" in fields:
            contact.boss_id = fields["boss_id"]
        if fields.get("cadence_days") is not None:
            contact.cadence_days = _cadence(fields["cadence_days"])
        if contact.stance is not stance_before:
            record_stance(contact, on or date.today(), interaction_id)
        _check_boss_chain(contact, contacts)
        _check_unique_names(contact, contacts)
        if created:
            contact = store.add(contact)
        else:
            contact = store.update(contact)
        return contact, created


def _by_pinyin(name: str, contacts: list[Contact]) -> Contact | None:
    """The contact whose whole name ``name`` spells in pinyin (``collab contact xiaolan``),
    if exactly one; nothing shorter, so ``collab contact Li`` still creates Li when Lisa
    or 李明 exists."""
    found = lookup.spelled_out(name, contacts)
    if len(found) > 1:
        from collab_tui.capture import AmbiguousName  # on use: see capture()

        raise ActionError(str(AmbiguousName(name, found)))
    return found[0] if found else None


CONTACT_FIELDS = frozenset(
    {"name", "boss_id", "cadence_days", *CONTACT_ENUMS, *_TEXT_FIELDS, *_LIST_FIELDS}
)


def record_stance(contact: Contact, on: date, interaction_id: int | None = None) -> None:
    """Keep the contact's (new) stance in its history, dated; a second change on the same
    day replaces that day's entry (a correction, not a change of mind)."""
    entry = {"date": on.isoformat(), "stance": contact.stance.value}
    entry["interaction_id"] = interaction_id  # type: ignore[assignment]
    history = contact.stance_history
    if history and history[-1].get("date") == entry["date"]:
        history.pop()
    history.append(entry)


def _cadence(value: Any) -> int:
    from collab_tui import validate

    try:
        days = int(value)
    except (TypeError, ValueError):
        days = -1
    if validate.cadence(days) is not None:
        low, high = validate.CADENCE_DAYS
        raise ActionError(t("error.action.cadence", value=repr(value), low=low, high=high))
    return days


def save_contact(
    store: Store,
    base: Contact | None,
    changes: dict[str, Any],
    on: date | None = None,
    interaction_id: int | None = None,
) -> Contact:
    """Create a contact (``base`` None) or save ``changes`` to ``base``.

    The same rules as ``collab contact``: a name is required and must not be another
    contact's name or alias, a boss must exist and must not loop back. ConflictError if
    the stored contact changed since ``base`` was read.
    """
    unknown = set(changes) - CONTACT_FIELDS
    if unknown:
        raise ActionError(t("error.action.contact_field", fields=", ".join(sorted(unknown))))
    contact = copy.deepcopy(base) if base is not None else Contact(name="")
    stance_before = contact.stance if base is not None else Stance.UNKNOWN
    for name, value in changes.items():
        if name in CONTACT_ENUMS and value is not None:
            value = _enum_value(CONTACT_ENUMS[name], name, value)
        if name == "cadence_days" and value is not None:
            value = _cadence(value)
        setattr(contact, name, copy.deepcopy(value))
    if contact.stance is not stance_before:
        record_stance(contact, on or date.today(), interaction_id)
    contact.name = one_line(contact.name)
    if not contact.name:
        raise ActionError(t("error.action.no_name"))
    with store.batch():
        contacts = store.contacts()
        _check_unique_names(contact, current_contacts(contacts))
        if contact.boss_id is not None:
            if contact.boss_id == contact.id and contact.id:
                raise ActionError(t("error.action.own_boss", name=contact.name))
            if store.contact(contact.boss_id) is None:
                raise ActionError(t("error.action.no_boss", id=contact.boss_id))
        _check_boss_chain(contact, contacts)
        return store.update(contact) if contact.id else store.add(contact)


def _check_unique_names(contact: Contact, contacts: list[Contact]) -> None:
    """No two contacts answer to one name: ``@Lan`` must find one person."""
    for name in contact.names:
        other = find_contact_exact(name, [c for c in contacts if c.id != contact.id])
        if other is not None:
            raise ActionError(
                t(
                    "error.action.name_taken",
                    name=repr(one_line(name)),
                    other=one_line(other.name),
                    id=other.id,
                )
            )


@record_class
class Links:
    """What points at a contact: what deleting them would leave without a name."""

    contact: Contact
    open_items: list[Item] = field(default_factory=list)  # active, risks left out
    risks: list[Item] = field(default_factory=list)  # active risks
    closed_items: list[Item] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    reports: list[Contact] = field(default_factory=list)  # contacts whose boss they are

    @property
    def empty(self) -> bool:
        return not (
            self.open_items or self.risks or self.closed_items or self.interactions or self.reports
        )

    def lines(self) -> list[str]:
        """One line per kind of link, for the dialog and the shell's question."""
        out = [
            line
            for line in (
                _link_line("open_item", self.open_items, _titled),
                _link_line("risk", self.risks, _titled),
                _link_line("closed_item", self.closed_items, _titled),
                _link_line("log_entry", self.interactions, _dated),
            )
            if line
        ]
        if self.reports:
            out.append(t("links.boss_of", names=listing(one_line(c.name) for c in self.reports)))
        return out


def _link_line(key: str, records: list[_T], describe: Callable[[_T], str]) -> str:
    """One kind of link: its count and the first three ('' if there are none)."""
    if not records:
        return ""
    shown = "; ".join(describe(r) for r in records[:3])
    more = t("links.more", n=len(records) - 3) if len(records) > 3 else ""
    count = t(f"links.{key}.{'one' if len(records) == 1 else 'many'}", n=len(records))
    return f"{count}: {shown}{more}"


def _titled(item: Item) -> str:
    return f"#{item.id} {truncate(one_line(item.title), 60)}"


def _dated(entry: Interaction) -> str:
    summary = truncate(one_line(entry.summary), 40)
    return f"{label(entry.kind)} {format_date(entry.date)} {summary}".rstrip()


def links_of(store: Store, contact_id: int) -> Links:
    """Everything linked to a contact: items, risks, log entries and their reports."""
    contact = store.contact(contact_id)
    if contact is None:
        raise ActionError(t("error.action.no_contact", id=contact_id))
    links = Links(contact)
    for item in store.items(active_only=False):
        if contact_id in item.contact_ids:
            if not item.is_active:
                links.closed_items.append(item)
            elif item.is_risk:
                links.risks.append(item)
            else:
                links.open_items.append(item)
    links.interactions = [i for i in store.interactions() if contact_id in i.contact_ids]
    links.reports = [c for c in store.contacts() if c.boss_id == contact_id and c.id != contact_id]
    return links


def delete_contact(store: Store, contact_id: int, reassign_to: int | None = None) -> Contact:
    """Delete a contact, in one transaction; returns it as it was.

    With ``reassign_to``, every item, log entry and report linked to them moves to that
    contact and the record goes. Without it, a contact that nothing links to goes; a
    linked one is kept as a *former* contact (``former``), so the items and the log still
    show their name, while lists, ``@name`` and exports leave them out.
    """
    with store.batch():
        links = links_of(store, contact_id)
        contact = links.contact
        if reassign_to is None:
            if links.empty:
                store.delete(contact)
            elif not contact.former:
                former = copy.deepcopy(contact)
                former.former = True
                store.update(former)
            return contact
        if reassign_to == contact_id:
            raise ActionError(t("error.action.reassign_self", name=one_line(contact.name)))
        heir = store.contact(reassign_to)
        if heir is None or heir.former:
            raise ActionError(t("error.action.no_heir", id=reassign_to))
        linked: list[Item | Interaction] = [
            *links.open_items,
            *links.risks,
            *links.closed_items,
            *links.interactions,
        ]
        for record in linked:
            record.contact_ids = _replace_id(record.contact_ids, contact_id, reassign_to)
            store.update(record)
        contacts = {c.id: c for c in store.contacts() if c.id != contact_id}
        for report in links.reports:
            # Their new boss is the heir, unless that would go round in a circle (the heir
            # is this report, or works under them): then the deleted contact's own boss.
            report.boss_id = reassign_to
            contacts[report.id] = report
            try:
                if report.id == reassign_to:
                    raise ActionError(t("error.action.own_boss", name=one_line(report.name)))
                _check_boss_chain(report, list(contacts.values()))
            except ActionError:
                report.boss_id = contact.boss_id if contact.boss_id != report.id else None
            store.update(report)
        store.delete(contact)
        return contact


def _replace_id(ids: list[int], old: int, new: int) -> list[int]:
    replaced = [new if i == old else i for i in ids]
    return list(dict.fromkeys(replaced))  # the heir may already be there


def find_contact_exact(name: str, contacts: list[Contact]) -> Contact | None:
    """The contact whose name or an alias is ``name`` (ignoring case), if any."""
    key = name.casefold()
    for contact in contacts:
        if any(n.casefold() == key for n in contact.names):
            return contact
    return None


def find_contact(name: str, contacts: list[Contact]) -> Contact:
    """The one contact a query means (``collab who``, ``--boss``, ``delete``): the best
    match of ``lookup.find`` (exact name or alias, prefix, pinyin, initials, substring).

    Unknown or ambiguous is an ActionError; unknown suggests the closest names.
    """
    found = lookup.find(name, contacts)
    if len(found) > 1:  # the message lists the candidates
        from collab_tui.capture import AmbiguousName  # on use: see capture()

        raise ActionError(str(AmbiguousName(name, found))) from None
    if not found:
        missing = t("error.action.no_such_contact", name=repr(one_line(name)))
        near = lookup.closest(name, contacts)
        if near:
            names = listing(one_line(c.name) for c in near)
            missing = t("error.action.did_you_mean", error=missing, names=names)
        raise ActionError(missing)
    return found[0]


def _resolve_boss(name: str, contacts: list[Contact], contact: Contact) -> int:
    boss = find_contact(name, contacts)
    if boss.id and boss.id == contact.id:
        raise ActionError(t("error.action.own_boss", name=one_line(contact.name)))
    return boss.id


def _check_boss_chain(contact: Contact, contacts: list[Contact]) -> None:
    """Refuse a boss link that would make the chain go round in a circle."""
    if contact.boss_id is None or not contact.id:
        return
    by_id = {c.id: c for c in contacts}
    seen = {contact.id}
    boss_id: int | None = contact.boss_id
    while boss_id is not None:
        if boss_id in seen:
            raise ActionError(t("error.action.boss_circle", name=one_line(contact.name)))
        seen.add(boss_id)
        boss = by_id.get(boss_id)
        boss_id = boss.boss_id if boss is not None else None


def _enum_value(enum: type[StrEnum], key: str, value: Any) -> StrEnum:
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise ActionError(
            t("error.action.one_of", field=key, choices=choices, value=repr(value))
        ) from None


# --- the log -------------------------------------------------------------------------------


def log_interaction(
    store: Store,
    contact_ids: list[int],
    summary: str,
    on: date,
    kind: InteractionKind | str = InteractionKind.MEETING,
    decisions: list[str] | None = None,
    tags: list[str] | None = None,
) -> Interaction:
    """Log a meeting, call, chat or email; it counts as contact with everyone in it."""
    summary = one_line(summary)
    decisions = [one_line(d) for d in decisions or [] if one_line(d)]
    if not summary and not decisions:
        # An entry with neither leaves no trail worth keeping.
        raise ActionError(t("error.action.log_empty"))
    if on is None:
        raise ActionError(t("error.action.log_no_date"))
    try:
        kind = InteractionKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in InteractionKind)
        raise ActionError(
            t("error.action.one_of", field="kind", choices=choices, value=repr(kind))
        ) from None
    with store.batch():
        _check_contacts(store, contact_ids)
        return store.add(
            Interaction(
                date=on,
                summary=summary,
                kind=kind,
                contact_ids=list(contact_ids),
                decisions=decisions,
                tags=list(tags or []),
            )
        )


# --- projects and milestones ---------------------------------------------------------------


def find_project(name: str, projects: list[Project]) -> Project:
    """The project a query means: exact name or tag (ignoring case and a leading ``#``),
    else the one whose name or tag starts with it. ActionError if none or several."""
    key = one_line(name).lstrip("#").casefold()
    if not key:
        raise ActionError(t("error.action.no_such_project", name=repr(one_line(name))))
    exact = [p for p in projects if key in (p.name.casefold(), p.tag.casefold())]
    found = exact or [
        p for p in projects if p.name.casefold().startswith(key) or p.tag.casefold().startswith(key)
    ]
    if len(found) > 1:
        names = listing(one_line(p.name) for p in found)
        raise ActionError(t("error.action.project_ambiguous", name=repr(name), names=names))
    if not found:
        raise ActionError(t("error.action.no_such_project", name=repr(one_line(name))))
    return found[0]


def tag_for(name: str) -> str:
    """A project's default tag: its name, lower case, words joined by hyphens."""
    return "-".join(one_line(name).casefold().replace("#", " ").split())


# What a project form may change; roles have their own action.
PROJECT_FIELDS = frozenset("name goal launch our_role tag status notes".split())


def save_project(store: Store, base: Project | None, changes: dict[str, Any]) -> Project:
    """Create a project (``base`` None) or save ``changes`` to it.

    A name is required and, like the tag (the name's words joined by hyphens unless
    given), belongs to one project only: ``#tag`` must find one project.
    """
    unknown = set(changes) - PROJECT_FIELDS
    if unknown:
        raise ActionError(t("error.action.project_field", fields=", ".join(sorted(unknown))))
    project = copy.deepcopy(base) if base is not None else Project(name="")
    for name, value in changes.items():
        if name == "our_role" and value is not None:
            value = _enum_value(Side, name, value)
        elif name == "status":
            value = _enum_value(ProjectStatus, name, value)
        setattr(project, name, copy.deepcopy(value))
    project.name = one_line(project.name)
    project.goal = one_line(project.goal)
    if not project.name:
        raise ActionError(t("error.action.no_name"))
    project.tag = tag_for(project.tag) if project.tag.strip() else tag_for(project.name)
    with store.batch():
        for other in store.projects():
            if other.id == project.id:
                continue
            if other.name.casefold() == project.name.casefold():
                raise ActionError(t("error.action.project_taken", name=repr(project.name)))
            if other.tag.casefold() == project.tag.casefold():
                raise ActionError(
                    t("error.action.project_tag_taken", tag=project.tag, other=other.name)
                )
        return store.update(project) if project.id else store.add(project)


def _project(store: Store, project_id: int) -> Project:
    project = store.project(project_id)
    if project is None:
        raise ActionError(t("error.action.no_project", id=project_id))
    return project


_UNSET: Any = object()


def set_role(
    store: Store,
    project_id: int,
    contact_id: int,
    side: Side | str | None = _UNSET,
    level: Level | str | None = _UNSET,
    flow: Any = _UNSET,
    ask: str = _UNSET,
    gain: str = _UNSET,
    step: int = _UNSET,
) -> Project:
    """A contact's part in one project; a field left out keeps its value, None clears it
    (the contact's own side / level / flow then apply)."""
    from collab_tui.model import Flow

    with store.batch():
        project = _project(store, project_id)
        _check_contacts(store, [contact_id])
        role = next((r for r in project.roles if r.contact_id == contact_id), None)
        if role is None:
            role = Role(contact_id)
            project.roles.append(role)
        for name, enum, value in (
            ("side", Side, side),
            ("level", Level, level),
            ("flow", Flow, flow),
        ):
            if value is not _UNSET:
                setattr(role, name, None if value is None else _enum_value(enum, name, value))
        if ask is not _UNSET:
            role.ask = one_line(ask)
        if gain is not _UNSET:
            role.gain = one_line(gain)
        if step is not _UNSET:
            if not isinstance(step, int) or not 0 <= step <= 1000:
                raise ActionError(t("error.action.bad_step", value=repr(step)))
            role.step = step
        return store.update(project)


def remove_role(store: Store, project_id: int, contact_id: int) -> Project:
    with store.batch():
        project = _project(store, project_id)
        project.roles = [r for r in project.roles if r.contact_id != contact_id]
        return store.update(project)


def _milestone(store: Store, milestone_id: int) -> Milestone:
    milestone = store.milestone(milestone_id)
    if milestone is None:
        raise ActionError(t("error.action.no_milestone", id=milestone_id))
    return milestone


def add_milestone(
    store: Store,
    project_id: int,
    name: str,
    baseline: date | None,
    owner_id: int | None = None,
    notes: str = "",
) -> Milestone:
    """A new milestone on its baseline date, not yet agreed with anyone."""
    name = one_line(name)
    if not name:
        raise ActionError(t("error.action.no_title"))
    if baseline is None:
        raise ActionError(t("error.action.no_baseline"))
    with store.batch():
        _project(store, project_id)
        if owner_id is not None:
            _check_contacts(store, [owner_id])
        milestone = Milestone(
            name=name, baseline=baseline, project_id=project_id, owner_id=owner_id, notes=notes
        )
        return store.add(milestone)


# What the milestone form may change; the forecast moves through move_milestone (with a
# cause), agreement through agree_milestone (which logs it).
MILESTONE_FIELDS = frozenset("name owner_id baseline notes".split())


def edit_milestone(store: Store, base: Milestone, changes: dict[str, Any]) -> Milestone:
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise ActionError(t("error.action.milestone_field", fields=", ".join(sorted(unknown))))
    milestone = copy.deepcopy(base)
    for name, value in changes.items():
        setattr(milestone, name, copy.deepcopy(value))
    milestone.name = one_line(milestone.name)
    if not milestone.name:
        raise ActionError(t("error.action.no_title"))
    if milestone.baseline is None:
        raise ActionError(t("error.action.no_baseline"))
    with store.batch():
        if milestone.owner_id is not None and milestone.owner_id != base.owner_id:
            _check_contacts(store, [milestone.owner_id])
        return store.update(milestone)


def agree_milestone(
    store: Store, milestone_id: int, contact_ids: list[int], on: date
) -> tuple[Milestone, Interaction]:
    """Record that the milestone's date was agreed on ``on`` with these people, and log it
    as an interaction with them (tagged for the project): the written trail."""
    if not contact_ids:
        raise ActionError(t("error.action.agree_with_whom"))
    with store.batch():
        milestone = _milestone(store, milestone_id)
        project = _project(store, milestone.project_id)
        _check_contacts(store, contact_ids)
        milestone.agreed = on
        milestone.agreed_with = list(dict.fromkeys(contact_ids))
        saved = store.update(milestone)
        entry = store.add(
            Interaction(
                date=on,
                summary=t(
                    "milestone.agreed_summary",
                    name=milestone.name,
                    date=format_date(milestone.expected),
                ),
                kind=InteractionKind.MEETING,
                contact_ids=list(milestone.agreed_with),
                tags=[project.tag] if project.tag else [],
            )
        )
        return saved, entry


def move_milestone(store: Store, milestone_id: int, forecast: date, cause: str) -> Milestone:
    """A new forecast date, with the reason it moved (required: the report states it)."""
    cause = one_line(cause)
    if not cause:
        raise ActionError(t("error.action.no_cause"))
    with store.batch():
        milestone = _milestone(store, milestone_id)
        if forecast != milestone.expected:
            milestone.forecast_history.append(milestone.expected)
        milestone.forecast = forecast
        milestone.cause = cause
        return store.update(milestone)


def complete_milestone(store: Store, milestone_id: int, on: date) -> Milestone:
    with store.batch():
        milestone = _milestone(store, milestone_id)
        milestone.done = on
        return store.update(milestone)


def reopen_milestone(store: Store, milestone_id: int) -> Milestone:
    with store.batch():
        milestone = _milestone(store, milestone_id)
        milestone.done = None
        return store.update(milestone)


def mark_reported(store: Store, project_id: int, on: date) -> Project:
    """The report against plan was sent ``on``: the next one starts from there."""
    with store.batch():
        project = _project(store, project_id)
        project.reported = on
        return store.update(project)


# --- planned meetings ----------------------------------------------------------------------


def plan_meeting(
    store: Store,
    title: str,
    on: date | None,
    time: str | None,
    contact_ids: list[int],
    tags: list[str] | None = None,
    notes: str = "",
) -> Meeting:
    """Plan a meeting on a day (and at a time of day: "15:00", 3pm, 下午3点, or None)."""
    title = one_line(title)
    if not title and not contact_ids:
        raise ActionError(t("error.action.meeting_empty"))
    if on is None:
        raise ActionError(t("error.action.meeting_no_date"))
    clock = parse_time(time) if time else None  # TimeError names the phrase
    with store.batch():
        _check_contacts(store, contact_ids)
        return store.add(
            Meeting(
                title=title,
                date=on,
                time=clock,
                contact_ids=list(dict.fromkeys(contact_ids)),
                tags=list(tags or []),
                notes=notes,
            )
        )


def _planned(store: Store, meeting_id: int) -> Meeting:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise ActionError(t("error.action.no_meeting", id=meeting_id))
    return meeting


def log_meeting_outcome(store: Store, meeting_id: int, outcome: str, today: date) -> CaptureResult:
    """A planned meeting was held: its outcome (one capture line, without ``meet:``)
    becomes the interaction logged for it, dated the meeting's day (today if that is still
    ahead), with its people;
    decisions and items in the line are kept as a capture keeps them. The planned
    meeting is removed. One transaction: all of it, or (on any error) nothing."""
    from collab_tui import capture as grammar  # on use: see capture()

    parsed = grammar.parse_outcome(outcome, today)  # CaptureError names the bad token
    with store.batch():
        meeting = _planned(store, meeting_id)
        contacts = current_contacts(store.contacts())
        plan = grammar.plan(parsed, contacts)
        result = _apply_plan(store, plan, today, contacts, held=meeting)
        store.delete(meeting)
        return result


def cancel_meeting(store: Store, meeting_id: int) -> Meeting:
    """Remove a planned meeting that will not take place."""
    with store.batch():
        meeting = _planned(store, meeting_id)
        store.delete(meeting)
        return meeting


def log_touch(
    store: Store, contact_id: int, kind: InteractionKind | str, note: str, on: date
) -> Interaction:
    """A quick touch (a chat, a call, a mail, a meeting): resets the keep-in-touch cadence.
    An empty note is logged as "checked in"."""
    return log_interaction(store, [contact_id], one_line(note) or t("app.checked_in"), on, kind)


def add_item(store: Store, item: Item) -> Item:
    """Save a new item built elsewhere (the playbook's next step, accepted or edited)."""
    item.title = one_line(item.title)
    if not item.title:
        raise ActionError(t("error.action.no_title"))
    with store.batch():
        _check_contacts(store, item.contact_ids)
        item.id = 0
        return store.add(item)


def set_my_boss(store: Store, contact_id: int | None) -> Settings:
    """Who "my boss" is: the contact an escalation to my own side goes to."""
    if contact_id is not None:
        _check_contacts(store, [contact_id])
    return update_settings(store, my_boss_id=contact_id)


# --- escalation ------------------------------------------------------------------------------


def escalation_target(item: Item, contacts: list[Contact], settings: Settings) -> Contact | None:
    """Whom an item is escalated to by default: its counterpart's boss, else my own."""
    by_id = {c.id: c for c in contacts}
    for contact_id in item.contact_ids:
        contact = by_id.get(contact_id)
        if contact is not None and contact.boss_id in by_id:
            return by_id[contact.boss_id]
    if settings.my_boss_id in by_id:
        return by_id[settings.my_boss_id]
    return None


def clean_options(options: list[dict[str, str]]) -> list[dict[str, str]]:
    """The options as stored: every field present, one line each; fully blank ones left out."""
    out = []
    for option in options:
        kept = {key: one_line(str(option.get(key) or "")) for key in OPTION_FIELDS}
        if any(kept.values()):
            out.append(kept)
    return out


def escalate(
    store: Store,
    item_id: int,
    problem: str,
    options: list[dict[str, str]],
    to_id: int | None,
    due: date | None,
    today: date,
    tried: str = "",
    recommended: int = 0,
    ask: str = "",
) -> tuple[Escalation, Item]:
    """Take an item to a leader with a solution in hand (one transaction).

    Refused without at least one option (each named), without a problem, without whom
    it goes to, or with a recommendation that is not one of the options. Creates the
    escalation (linked to the item, its people and tags) and an owe item to ``to_id``
    due ``due`` (default: in two days).
    """
    options = clean_options(options)
    if not options:
        raise ActionError(t("error.escalation.no_option"))
    unnamed = [n for n, option in enumerate(options, start=1) if not option["name"]]
    if unnamed:
        raise ActionError(t("error.escalation.option_name", n=unnamed[0]))
    if not 0 <= recommended < len(options):
        raise ActionError(t("error.escalation.recommend", n=recommended + 1, count=len(options)))
    problem = problem.strip()
    if not problem:
        raise ActionError(t("error.escalation.no_problem"))
    if to_id is None:
        raise ActionError(t("error.escalation.no_target"))
    with store.batch():
        item = _active_item(store, item_id)
        _check_contacts(store, [to_id])
        ask = one_line(ask)
        chosen = options[recommended]["name"]
        owe = store.add(
            Item(
                title=t(
                    "escalation.owe_title",
                    ask=ask or t("escalation.owe_default", option=chosen),
                    subject=one_line(item.title),
                ),
                kind=Kind.OWE,
                important=True,
                due=due or today + timedelta(days=2),
                contact_ids=[to_id],
                tags=list(item.tags),
            )
        )
        escalation = store.add(
            Escalation(
                item_id=item.id,
                problem=problem,
                tried=tried.strip(),
                options=options,
                recommended=recommended,
                ask=ask,
                to_id=to_id,
                contact_ids=list(item.contact_ids),
                owe_item_id=owe.id,
                due=owe.due,
                raised=today,
                tags=list(item.tags),
            )
        )
        return escalation, owe


# --- undo ------------------------------------------------------------------------------


def update_settings(store: Store, **changes: Any) -> Settings:
    """Change some settings (``urgency_horizon_days``, ``cold_after_days``), checked
    against the data file's own limits (``validate.check_settings``); nothing is saved
    if any value is wrong."""
    from collab_tui import validate

    current = store.settings.to_dict()
    unknown = sorted(set(changes) - set(current))
    if unknown:
        raise ActionError(t("error.action.unknown_setting", names=", ".join(unknown)))
    merged = {**current, **changes}
    problems = validate.check_settings(merged)
    if problems:
        wrong = t("problem.sep").join(f"{p.field} {p.message}" for p in problems)
        raise ActionError(t("error.action.settings_not_saved", problems=wrong))
    settings = Settings.from_dict(merged)
    store.update_settings(settings)
    return settings


def _getter(store: Store, record: Record) -> Callable[[int], Record | None]:
    getters: dict[type, Callable[[int], Record | None]] = {
        Item: store.item,
        Contact: store.contact,
        Interaction: store.interaction,
        Meeting: store.meeting,
        Escalation: store.escalation,
        Project: store.project,
        Milestone: store.milestone,
    }
    return getters[type(record)]


def stamp_of(store: Store, record: Record) -> datetime | None:
    """The stored version's ``updated`` (None if it is not stored): undo's check."""
    stored = _getter(store, record)(record.id)
    return stored.updated if stored is not None else None


def undo(
    store: Store,
    before: list[Record],
    created: list[Record],
    after: dict[tuple[str, int], datetime | None],
) -> None:
    """Put ``before`` back and remove ``created``, in one transaction.

    ``after`` holds each record's ``updated`` right after the change being undone. A
    record changed since (by another process, or a later edit) is not overwritten: a
    ConflictError names it and nothing is undone.
    """
    from collab_tui.store import ConflictError

    with store.batch():
        for record in [*created, *before]:
            key = (type(record).__name__, record.id)
            expected = after.get(key, record.updated if record in created else None)
            if stamp_of(store, record) != expected:
                raise ConflictError(record, store.path)
        for record in created:
            store.delete(record)
        for record in before:
            store.put(copy.deepcopy(record))


# --- one-line descriptions (shared by the CLI and the TUI's notifications) -------------------


def describe_closed(closed: Closed, names: dict[int, str], today: date) -> list[str]:
    """What else closing an item did, a line each: the next of its series (or that the
    series stopped), the items it freed. Both front ends say it after closing."""
    lines = []
    if closed.next is not None:
        lines.append(t("said.next_in_series", what=describe_item(closed.next, names, today)))
    elif closed.item.every is not None:
        lines.append(t("said.series_stopped"))
    lines += [t("said.unblocked", what=describe_item(i, names, today)) for i in closed.unblocked]
    return lines


def describe_item(item: Item, names: dict[int, str], today: date) -> str:
    """'owe #12: send the revised spec -> 小蓝 · due Tue 24 Nov'."""
    text = t("describe.item", kind=label(item.kind), id=item.id, title=one_line(item.title))
    people = listing(one_line(names.get(i, f"#{i}")) for i in item.contact_ids)
    if people:
        arrow = {Kind.OWE: " -> ", Kind.WAIT: " <- "}.get(item.kind, " @ ")
        text += arrow + people
    if item.due is not None:
        text += " · " + t("describe.due", date=format_date(item.due, today))
    if item.review is not None:
        text += " · " + t("describe.review", date=format_date(item.review, today))
    if item.every is not None:
        text += " · " + every_label(item.every)
    if item.after:
        text += " · " + t("describe.after", ids=listing(f"#{i}" for i in item.after))
    if item.tags:
        text += " · " + " ".join("#" + one_line(tag) for tag in item.tags)
    if item.important and not item.is_risk:
        text += " · " + t("important")
    return text


def describe_meeting(meeting: Meeting, names: dict[int, str], today: date) -> str:
    """'meeting #3 on Fri 4 Dec 15:00 with 小蓝, 小明: API review'."""
    when = format_date(meeting.date, today)
    if meeting.time:
        when = t("describe.meeting.at", date=when, time=meeting.time)
    text = t("describe.meeting", id=meeting.id, when=when)
    people = listing(one_line(names.get(i, f"#{i}")) for i in meeting.contact_ids)
    if people:
        text += " " + t("brief.with", names=people)
    if meeting.title:
        text = t("describe.summary", text=text, summary=one_line(meeting.title))
    return text


def describe_interaction(interaction: Interaction, names: dict[int, str]) -> str:
    """'logged meeting #5 with 小蓝, 小明: agreed to fix the bug'."""
    text = t("describe.logged", kind=label(interaction.kind), id=interaction.id)
    people = listing(one_line(names.get(i, f"#{i}")) for i in interaction.contact_ids)
    if people:
        text += " " + t("brief.with", names=people)
    if interaction.summary:
        text = t("describe.summary", text=text, summary=one_line(interaction.summary))
    return text
