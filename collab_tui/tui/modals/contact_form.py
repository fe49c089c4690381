"""ContactForm: every field of a counterpart, new or existing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, TextArea

from collab_tui.model import (
    Contact,
    Flow,
    Level,
    Side,
    Stance,
    one_line,
    plain,
)
from collab_tui.tui.modals._base import (
    FormModal,
    row,
    split_commas,
    split_lines,
    split_words,
    tags_row,
)
from collab_tui.tui.modals._fields import contact_label, enum_choice, lines_area
from collab_tui.words import t

# The one-line text fields, in form order; captioned form.contact.<name>, and
# form.contact.<name>.hint as the placeholder where PLACEHOLDERS says so.
TEXT_FIELDS = ["department", "organisation", "title"]
CONTACT_FIELDS = ["gains", "email", "phone"]
PLACEHOLDERS = {"gains"}


class ContactForm(FormModal[Any]):
    """Create (``contact`` is None) or edit a contact, saving through ``save``.

    ``save`` is actions.save_contact: the name must be nobody else's name or alias, and
    the boss (picked from the other contacts) may not lead back round to this one; its
    refusals show above the buttons. Dismisses with what ``save`` returned, or None on
    Escape; without ``save``, with the dict of fields.
    """

    def __init__(
        self,
        contact: Contact | None,
        contacts: list[Contact],
        save: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        super().__init__(save)
        self.contact = contact
        self.contacts = contacts
        # Candidates for boss: everyone but this contact.
        self.others = [c for c in contacts if contact is None or c.id != contact.id]

    @property
    def base(self) -> Contact | None:
        return self.contact

    @base.setter
    def base(self, record: Contact) -> None:
        self.contact = record

    def compose(self) -> ComposeResult:
        contact = self.contact or Contact(name="")
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t(
                "form.contact.new_title" if self.contact is None else "form.contact.edit_title"
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield row(
                    t("form.contact.name"), Input(plain(contact.name), compact=True, id="name")
                )
                yield row(
                    t("form.contact.aliases"),
                    Input(
                        plain(", ".join(contact.aliases)),
                        placeholder=t("form.contact.aliases.hint"),
                        compact=True,
                        id="aliases",
                    ),
                )
                for name in TEXT_FIELDS:
                    yield _text_row(contact, name)
                yield row(
                    t("form.contact.boss"),
                    Select(
                        [(contact_label(c), c.id) for c in self.others],
                        value=_known(contact.boss_id, {c.id for c in self.others}),
                        prompt=t("form.none"),
                        compact=True,
                        id="boss",
                    ),
                )
                yield row(
                    t("form.contact.stance"),
                    enum_choice(Stance, contact.stance, "stance", allow_blank=False),
                )
                yield row(t("form.contact.side"), enum_choice(Side, contact.side, "side"))
                yield row(t("form.contact.level"), enum_choice(Level, contact.level, "level"))
                yield row(t("form.contact.flow"), enum_choice(Flow, contact.flow, "flow"))
                cadence = "" if contact.cadence_days is None else str(contact.cadence_days)
                yield row(
                    t("form.contact.cadence"),
                    Input(
                        cadence,
                        placeholder=t("form.contact.cadence.hint"),
                        type="integer",
                        compact=True,
                        id="cadence",
                    ),
                )
                yield row(
                    t("form.contact.kpis"),
                    lines_area(contact.kpis, "kpis"),
                )
                yield row(
                    t("form.contact.concerns"),
                    lines_area(contact.concerns, "concerns"),
                )
                for name in CONTACT_FIELDS:
                    yield _text_row(contact, name)
                yield row(t("form.notes"), TextArea(plain(contact.notes), compact=True, id="notes"))
                yield tags_row(contact.tags)
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        name = self.query_one("#name", Input)
        name.focus()
        name.cursor_position = len(name.value)

    def submit(self) -> None:
        fields: dict[str, Any] = {
            "name": self.query_one("#name", Input).value,
            "aliases": split_commas(self.query_one("#aliases", Input).value),
            "boss_id": self.query_one("#boss", Select).selection,
            "stance": self.query_one("#stance", Select).value,
            "side": self.query_one("#side", Select).selection,
            "level": self.query_one("#level", Select).selection,
            "flow": self.query_one("#flow", Select).selection,
            "cadence_days": _days(self.query_one("#cadence", Input).value),
            "kpis": split_lines(self.query_one("#kpis", TextArea).text),
            "concerns": split_lines(self.query_one("#concerns", TextArea).text),
            "notes": plain(self.query_one("#notes", TextArea).text).strip(),
            "tags": split_words(self.query_one("#tags", Input).value),
        }
        for field_name in TEXT_FIELDS + CONTACT_FIELDS:
            fields[field_name] = one_line(self.query_one(f"#{field_name}", Input).value)
        self.finish(fields)


def _days(text: str) -> int | None:
    """The cadence typed: empty is the default (by tag or level); the action checks the range."""
    text = text.strip()
    try:
        return int(text) if text else None
    except ValueError:  # "-" alone: the integer input lets a sign through
        return -1


def _text_row(contact: Contact, name: str) -> Any:
    placeholder = t(f"form.contact.{name}.hint") if name in PLACEHOLDERS else ""
    field = Input(plain(getattr(contact, name)), placeholder=placeholder, compact=True, id=name)
    return row(t(f"form.contact.{name}"), field)


def _known(value: int | None, known: set[int]) -> int | object:
    """``value`` if the Select offers it, else nothing chosen (a boss since deleted)."""
    return value if value in known else Select.NULL
