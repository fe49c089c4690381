"""SeriesDialog: dropping a recurring item: skip this occurrence, or stop the series?"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from collab_tui.model import Item, one_line
from collab_tui.tui.modals._base import Dialog
from collab_tui.words import every_label, t


class SeriesDialog(Dialog[str | None]):
    """ "skip" (drop this one, the next is created), "stop" (no next one), None (Escape:
    nothing is dropped). "Skip" has the focus: the series going on is the usual wish."""

    BINDINGS = [
        Binding("k", "answer('skip')", t("series.skip.key")),
        Binding("s", "answer('stop')", t("series.stop.key")),
        Binding("escape", "answer(None)", t("form.cancel")),
    ]

    DEFAULT_CSS = """
    SeriesDialog #question { width: auto; max-width: 100%; margin-bottom: 1; }
    """

    def __init__(self, item: Item) -> None:
        super().__init__(classes="question")
        self.item = item

    def compose(self) -> ComposeResult:
        every = every_label(self.item.every) if self.item.every else ""
        question = t("series.question", title=one_line(self.item.title), every=every)
        with Vertical(id="dialog"):
            yield Static(Content(question), id="question")
            with Horizontal(id="buttons"):
                yield Button(t("series.skip"), variant="primary", id="skip", compact=True)
                yield Button(t("series.stop"), variant="error", id="stop", compact=True)
                yield Button(t("form.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#skip", Button).focus()

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id if event.button.id in ("skip", "stop") else None)
