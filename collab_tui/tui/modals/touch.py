"""TouchForm: log a touch (a chat, a call, a mail, a meeting) with one contact, quickly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select

from collab_tui.model import Contact, InteractionKind, one_line
from collab_tui.tui.modals._base import FormModal, literal, row
from collab_tui.tui.modals._fields import enum_choice
from collab_tui.words import t


class TouchForm(FormModal[Any]):
    """A note and its kind (a chat by default); Enter logs it today through ``save``
    (actions.log_touch's ``kind`` and ``note``). It resets the keep-in-touch cadence."""

    DEFAULT_CSS = """
    TouchForm #dialog { max-width: 80; }
    """

    SAVE_LABEL = "form.touch.save"

    def __init__(
        self, contact: Contact, save: Callable[[dict[str, Any]], Any] | None = None
    ) -> None:
        super().__init__(save)
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = literal(t("form.touch.title", name=one_line(self.contact.name)))
            yield row(
                t("form.touch.note"),
                Input(placeholder=t("form.touch.note.hint"), compact=True, id="note"),
            )
            yield row(
                t("form.touch.kind"),
                enum_choice(InteractionKind, InteractionKind.CHAT, "kind", allow_blank=False),
            )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def submit(self) -> None:
        self.finish(
            {
                "note": self.query_one("#note", Input).value,
                "kind": self.query_one("#kind", Select).value,
            }
        )
