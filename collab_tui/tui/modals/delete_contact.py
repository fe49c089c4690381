"""DeleteContactDialog: what is linked to a contact, and what to do with the links."""

from __future__ import annotations

from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Select, Static

from collab_tui.model import Contact, one_line
from collab_tui.tui.modals._base import Dialog
from collab_tui.words import t


class DeleteChoice(NamedTuple):
    """``reassign_to``: the contact who takes over the links; None keeps a former contact."""

    reassign_to: int | None


class DeleteContactDialog(Dialog[DeleteChoice | None]):
    """List the links, then Reassign to… (a contact picked below) / Keep as former / Cancel.

    Dismisses with a ``DeleteChoice``, or None on Cancel or Escape. "Cancel" has the focus,
    so a stray Enter never deletes.
    """

    BINDINGS = [Binding("escape", "cancel", t("form.cancel"))]

    DEFAULT_CSS = """
    DeleteContactDialog #dialog { min-width: 50; }
    DeleteContactDialog #links { width: auto; max-width: 100%; margin-bottom: 1; }
    DeleteContactDialog #heir { width: 100%; margin-bottom: 1; }
    """

    def __init__(self, contact: Contact, links: list[str], heirs: list[Contact]) -> None:
        super().__init__(classes="question")
        self.contact = contact
        self.links = links
        self.heirs = heirs

    def compose(self) -> ComposeResult:
        name = one_line(self.contact.name)
        text = "\n".join(
            [
                t("form.delete.question", name=name),
                *(f"  • {line}" for line in self.links),
            ]
        )
        with Vertical(id="dialog") as dialog:
            dialog.border_title = Content(t("form.delete.title", name=name))
            yield Static(Content(text), id="links")  # quotes user text: keep it literal
            options = [(one_line(c.name), c.id) for c in self.heirs]
            yield Select(options, prompt=t("form.delete.heir"), id="heir", compact=True)
            with Horizontal(id="buttons"):
                yield Button(
                    t("form.delete.reassign"), variant="warning", id="reassign", compact=True
                )
                yield Button(t("form.delete.former"), variant="error", id="former", compact=True)
                yield Button(t("form.cancel"), variant="primary", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "former":
            self.dismiss(DeleteChoice(None))
        elif event.button.id == "reassign":
            heir = self.query_one("#heir", Select).value
            if isinstance(heir, int):
                self.dismiss(DeleteChoice(heir))
            else:
                self.notify(t("form.delete.pick_heir"), severity="warning")
                self.query_one("#heir", Select).focus()
        else:
            self.dismiss(None)
