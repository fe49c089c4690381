"""ConfirmDialog: a yes/no question."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from collab_tui.model import plain
from collab_tui.tui.modals._base import Dialog
from collab_tui.words import t


class ConfirmDialog(Dialog[bool]):
    """Ask ``question``; True for Yes (y, or the Yes button), False for No (n, Escape).

    "No" has the focus, so a stray Enter never confirms a delete.
    """

    BINDINGS = [
        Binding("y", "answer(True)", t("form.yes")),
        Binding("n", "answer(False)", t("form.no")),
        Binding("escape", "answer(False)", t("form.cancel")),
    ]

    DEFAULT_CSS = """
    ConfirmDialog #question { width: auto; max-width: 100%; margin-bottom: 1; }
    """

    def __init__(self, question: str) -> None:
        super().__init__(classes="question")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # The question often quotes a user's record: keep it literal.
            yield Static(Content(plain(self.question)), id="question")
            with Horizontal(id="buttons"):
                yield Button(t("form.yes"), variant="error", id="yes", compact=True)
                yield Button(t("form.no"), variant="primary", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
