"""DatePrompt: one date phrase, with the absolute date it means shown as you type."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical

from collab_tui.tui.modals._base import FormModal, literal
from collab_tui.tui.modals._fields import DateField


class DatePrompt(FormModal[date | None]):
    """Ask for a date (snooze, review). Dismisses with the date, or None on Escape.

    Enter with an empty or unreadable phrase keeps the prompt open with the error shown.
    """

    DEFAULT_CSS = """
    DatePrompt #dialog { max-width: 70; }
    """

    SAVE_LABEL = "form.ok"  # keys in words.EN
    HINT = "form.date.hint"

    def __init__(self, title: str, today: date, initial: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.today = today
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = literal(self.prompt_title)
            yield DateField(self.today, self.initial, required=True, id="date")
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        field_input = self.query_one(DateField).input
        field_input.focus()
        field_input.cursor_position = len(field_input.value)

    def submit(self) -> None:
        field = self.query_one(DateField)
        if field.check():
            self.dismiss(field.value)
