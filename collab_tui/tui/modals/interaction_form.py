"""InteractionForm: log a meeting, call, chat or email and what it decided."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, TextArea

from collab_tui.dates import DateError
from collab_tui.model import Contact, Interaction, InteractionKind, one_line
from collab_tui.tui.modals._base import (
    ErrorLine,
    FormModal,
    row,
    split_lines,
    split_words,
    tags_row,
)
from collab_tui.tui.modals._fields import ContactPicker, DateField


class InteractionForm(FormModal[Interaction | None]):
    """A new log entry; dismisses with an unsaved Interaction (id 0), or None on Escape.

    The date defaults to today; the contacts in ``contact_ids`` start ticked.
    """

    def __init__(
        self, contacts: list[Contact], today: date, contact_ids: Iterable[int] = ()
    ) -> None:
        super().__init__()
        self.contacts = contacts
        self.today = today
        self.contact_ids = list(contact_ids)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Log an interaction"
            with VerticalScroll(id="fields", can_focus=False):
                yield row(
                    "Summary", Input(placeholder="what it was about", compact=True, id="summary")
                )
                yield ErrorLine(id="summary-error")
                yield row("Date", DateField(self.today, "today", required=True, id="date"))
                yield row(
                    "Kind",
                    Select(
                        [(kind.value, kind) for kind in InteractionKind],
                        value=InteractionKind.MEETING,
                        allow_blank=False,
                        compact=True,
                        id="kind",
                    ),
                )
                yield row("With", ContactPicker(self.contacts, self.contact_ids))
                yield row(
                    "Decisions",
                    TextArea(compact=True, placeholder="one per line", id="decisions"),
                )
                yield tags_row([])
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()

    def submit(self) -> None:
        summary = one_line(self.query_one("#summary", Input).value)
        decisions = split_lines(self.query_one("#decisions", TextArea).text)
        # An entry with neither a summary nor a decision leaves no trail worth keeping.
        missing = not summary and not decisions
        self.query_one("#summary-error", ErrorLine).show(
            "write a summary or a decision" if missing else ""
        )
        date_field = self.query_one("#date", DateField)
        if not date_field.check() or missing:
            return
        try:
            when = date_field.value
        except DateError:  # pragma: no cover - check() above already refused it
            return
        assert when is not None  # required=True
        self.dismiss(
            Interaction(
                date=when,
                summary=summary,
                kind=self.query_one("#kind", Select).value,
                contact_ids=self.query_one(ContactPicker).selected_ids,
                decisions=decisions,
                tags=split_words(self.query_one("#tags", Input).value),
            )
        )
