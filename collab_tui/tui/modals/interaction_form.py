"""InteractionForm: log a meeting, call, chat or email and what it decided."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, TextArea

from collab_tui.model import Contact, InteractionKind
from collab_tui.tui.modals._base import (
    FormModal,
    row,
    split_lines,
    split_words,
    tags_row,
)
from collab_tui.tui.modals._fields import ContactPicker, DateField, enum_choice, lines_area
from collab_tui.words import t


class DatedWithPeopleForm(FormModal[Any]):
    """A form about a day and some people: the contacts to pick from, today (the date's
    default) and the contacts that start ticked."""

    def __init__(
        self,
        contacts: list[Contact],
        today: date,
        contact_ids: Iterable[int] = (),
        save: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        super().__init__(save)
        self.contacts = contacts
        self.today = today
        self.contact_ids = list(contact_ids)


class InteractionForm(DatedWithPeopleForm):
    """A new log entry, saved through ``save`` (actions.log_interaction's keywords).

    The date defaults to today; the contacts in ``contact_ids`` start ticked. Dismisses
    with what ``save`` returned, or None on Escape; without ``save``, with the fields.
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("form.interaction.title")
            with VerticalScroll(id="fields", can_focus=False):
                summary = Input(
                    placeholder=t("form.interaction.summary.hint"), compact=True, id="summary"
                )
                yield row(t("form.interaction.summary"), summary)
                # "today": a date phrase the parser reads (collab_tui/dates.py), not a label
                yield row(
                    t("form.interaction.date"),
                    DateField(self.today, "today", required=True, id="date"),
                )
                yield row(
                    t("form.interaction.kind"),
                    enum_choice(
                        InteractionKind, InteractionKind.MEETING, "kind", allow_blank=False
                    ),
                )
                yield row(
                    t("form.interaction.with"), ContactPicker(self.contacts, self.contact_ids)
                )
                yield row(
                    t("form.interaction.decisions"),
                    lines_area([], "decisions"),
                )
                yield tags_row([])
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()

    def submit(self) -> None:
        ok, when = self.query_one("#date", DateField).checked()
        if not ok:
            return
        self.finish(
            {
                "on": when,
                "summary": self.query_one("#summary", Input).value,
                "kind": self.query_one("#kind", Select).value,
                "contact_ids": self.query_one(ContactPicker).selected_ids,
                "decisions": split_lines(self.query_one("#decisions", TextArea).text),
                "tags": split_words(self.query_one("#tags", Input).value),
            }
        )
