"""What the screens show, computed once per reload: no Textual in here.

A ``Snapshot`` is an immutable view of the store for one day: the records, the agenda and
the matrix from ``triage``, and a lowercase search string per record so that filtering
as you type is a plain substring test (fast enough for 20,000 items per keystroke).
``UndoStack`` keeps before-images of what the app changed, so undo can write them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from collab_tui import triage
from collab_tui.model import Contact, Interaction, Item, Record, Settings, one_line


def fold(text: str) -> str:
    """The form both search strings and queries take: case-folded (CJK is unchanged)."""
    return text.casefold()


def matches(haystack: str, query: str) -> bool:
    """Every whitespace-separated word of ``query`` occurs in ``haystack`` (already folded)."""
    return all(word in haystack for word in fold(query).split())


def quote_name(name: str) -> str:
    """An ``@name`` for the capture grammar: quoted when it holds spaces."""
    name = one_line(name)
    return f'@"{name}"' if any(ch.isspace() for ch in name) else f"@{name}"


@dataclass
class Snapshot:
    today: date
    settings: Settings
    items: list[Item]  # active items only
    contacts: list[Contact]  # sorted by name
    interactions: list[Interaction]  # newest first
    agenda: Any
    matrix: dict[Any, list[Item]]
    contacts_by_id: dict[int, Contact] = field(default_factory=dict)
    items_by_id: dict[int, Item] = field(default_factory=dict)
    interactions_by_id: dict[int, Interaction] = field(default_factory=dict)
    contact_names: dict[int, str] = field(default_factory=dict)  # id -> names and aliases
    item_search: dict[int, str] = field(default_factory=dict)
    contact_search: dict[int, str] = field(default_factory=dict)
    interaction_search: dict[int, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.contacts or self.interactions)

    def names(self, contact_ids: list[int]) -> str:
        """The counterparts of a record, comma-separated, control characters removed."""
        found = (self.contacts_by_id.get(i) for i in contact_ids)
        return ", ".join(one_line(c.name) for c in found if c is not None)

    def boss_of(self, contact_id: int) -> Contact | None:
        contact = self.contacts_by_id.get(contact_id)
        if contact is None or contact.boss_id is None:
            return None
        return self.contacts_by_id.get(contact.boss_id)

    def item_matches(self, item: Item, query: str) -> bool:
        return not query or matches(self.item_search.get(item.id, ""), query)

    def contact_matches(self, contact: Contact, query: str) -> bool:
        return not query or matches(self.contact_search.get(contact.id, ""), query)

    def interaction_matches(self, interaction: Interaction, query: str) -> bool:
        return not query or matches(self.interaction_search.get(interaction.id, ""), query)


def load(
    store: Any,
    today: date,
    previous: Snapshot | None = None,
    touched_interactions: Iterable[int] | None = None,
) -> Snapshot:
    """Read the store and compute everything the screens need.

    Years of log are the slow part to read (10,000 interactions: a third of a second), so
    after the app's own change, pass the previous snapshot and the ids of the
    interactions the change touched: only those are read again.
    """
    settings = store.settings
    items = store.items(active_only=True)
    contacts = sorted(store.contacts(), key=lambda c: (fold(c.name), c.id))
    contact_names = {c.id: " ".join(c.names) for c in contacts}
    if previous is None or touched_interactions is None:
        interactions = sorted(store.interactions(), key=_newest_first, reverse=True)
        interaction_search = {r.id: _interaction_text(r, contact_names) for r in interactions}
    else:
        touched = set(touched_interactions)
        by_id = dict(previous.interactions_by_id)
        interaction_search = dict(previous.interaction_search)
        for interaction_id in touched:
            record = store.interaction(interaction_id)
            if record is None:
                by_id.pop(interaction_id, None)
                interaction_search.pop(interaction_id, None)
            else:
                by_id[interaction_id] = record
        interactions = sorted(by_id.values(), key=_newest_first, reverse=True)
        names_changed = contact_names != previous.contact_names
        for record in interactions:
            if names_changed or record.id in touched:
                interaction_search[record.id] = _interaction_text(record, contact_names)
    snapshot = Snapshot(
        today=today,
        settings=settings,
        items=items,
        contacts=contacts,
        interactions=interactions,
        agenda=triage.agenda(items, contacts, interactions, today, settings),
        matrix=triage.matrix(items, today, settings),
        contacts_by_id={c.id: c for c in contacts},
        items_by_id={i.id: i for i in items},
        interactions_by_id={r.id: r for r in interactions},
        contact_names=contact_names,
        interaction_search=interaction_search,
    )
    snapshot.contact_search = {
        c.id: fold(
            " ".join(
                [*c.names, c.department, c.organisation, c.title, *c.kpis, *c.concerns, *c.tags]
            )
        )
        for c in contacts
    }
    snapshot.item_search = {
        i.id: fold(
            " ".join(
                [
                    i.title,
                    i.kind.value,
                    *("#" + t for t in i.tags),
                    *(contact_names.get(c, "") for c in i.contact_ids),
                ]
            )
        )
        for i in items
    }
    return snapshot


def _newest_first(record: Interaction) -> tuple[date, int]:
    return (record.date, record.id)  # sorted with reverse=True


def _interaction_text(record: Interaction, contact_names: dict[int, str]) -> str:
    return fold(
        " ".join(
            [
                record.summary,
                record.kind.value,
                *record.decisions,
                *("#" + t for t in record.tags),
                *(contact_names.get(c, "") for c in record.contact_ids),
            ]
        )
    )


# --- undo ------------------------------------------------------------------------------


@dataclass
class UndoEntry:
    """One user action: records to write back as they were, and records it created."""

    label: str
    before: list[Record] = field(default_factory=list)
    created: list[Record] = field(default_factory=list)


class UndoStack:
    """The last actions, newest last; bounded so a long session does not grow forever."""

    def __init__(self, limit: int = 50) -> None:
        self.limit = limit
        self._entries: list[UndoEntry] = []

    def __len__(self) -> int:
        return len(self._entries)

    def push(
        self, label: str, before: Sequence[Record] = (), created: Sequence[Record] = ()
    ) -> None:
        self._entries.append(UndoEntry(label, list(before), list(created)))
        del self._entries[: -self.limit]

    def pop(self) -> UndoEntry | None:
        return self._entries.pop() if self._entries else None
