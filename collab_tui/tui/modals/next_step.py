"""NextStepPrompt: the playbook's next step for a new stance, to accept, edit or skip."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from collab_tui.model import Contact, Item, Kind, one_line
from collab_tui.tui.modals._base import FormModal, literal, row
from collab_tui.tui.modals._fields import DateField, enum_choice
from collab_tui.words import label, t


class NextStepPrompt(FormModal[Item | None]):
    """Shows the suggested item (title, kind, due) for ``contact``'s new stance.

    Dismisses with the item as edited (not saved: the app adds it), or None to skip.
    """

    DEFAULT_CSS = """
    NextStepPrompt #dialog { max-width: 90; }
    NextStepPrompt .why { color: $text-muted; height: auto; margin-bottom: 1; }
    """

    SAVE_LABEL = "playbook.prompt.accept"
    HINT = "playbook.prompt.hint"

    def __init__(self, contact: Contact, step: Item, today: date) -> None:
        super().__init__()
        self.contact = contact
        self.step = step
        self.today = today

    def compose(self) -> ComposeResult:
        stance = self.contact.stance
        with Vertical(id="dialog") as dialog:
            dialog.border_title = literal(
                t("playbook.prompt.title", name=one_line(self.contact.name))
            )
            yield Label(
                literal(
                    t(
                        "playbook.prompt.stance",
                        name=one_line(self.contact.name),
                        stance=label(stance),
                    )
                )
            )
            yield Label(t(f"playbook.why.{stance.value}"), classes="why")
            yield row(
                t("form.item.title"),
                Input(one_line(self.step.title), compact=True, id="title"),
            )
            yield row(
                t("form.item.kind"), enum_choice(Kind, self.step.kind, "kind", allow_blank=False)
            )
            due = self.step.due.isoformat() if self.step.due else ""
            yield row(t("form.item.due"), DateField(self.today, due, id="due"))
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def submit(self) -> None:
        ok, due = self.query_one("#due", DateField).checked()
        if not ok:
            return
        kind: Any = self.query_one("#kind", Select).value
        step = Item(
            title=self.query_one("#title", Input).value,
            kind=Kind(kind),
            due=due,
            contact_ids=list(self.step.contact_ids),
            tags=list(self.step.tags),
            important=self.step.important,
        )
        self.finish(step)
