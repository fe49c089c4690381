"""EscalationForm: take an item to a leader with options, a recommendation and the ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select

from collab_tui.model import OPTION_FIELDS, Contact, Item, one_line
from collab_tui.tui.modals._base import FormModal, literal, row
from collab_tui.tui.modals._fields import DateField, choice
from collab_tui.words import t

OPTION_ROWS = 3  # the app offers three options (blank ones are left out); the shell any number


class EscalationForm(FormModal[Any]):
    """The escalation of ``item``: saved through ``save`` (actions.escalate's keywords).

    ``to`` is the default leader (the counterpart's boss, else mine). Saving with no
    option is refused by the action, and the error shows above the buttons.
    """

    DEFAULT_CSS = """
    EscalationForm .option > Input { width: 1fr; }
    EscalationForm .option > Input.option-name { width: 2fr; }
    EscalationForm .why { color: $text-muted; height: auto; }
    """

    SAVE_LABEL = "form.escalation.save"

    def __init__(
        self,
        item: Item,
        contacts: list[Contact],
        to: Contact | None,
        today: date,
        save: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        super().__init__(save)
        self.item = item
        self.contacts = contacts
        self.to = to
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = literal(
                t("form.escalation.title", id=self.item.id, title=one_line(self.item.title))
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield Label(t("form.escalation.why"), classes="why")
                yield row(
                    t("form.escalation.problem"),
                    Input(
                        placeholder=t("form.escalation.problem.hint"), compact=True, id="problem"
                    ),
                )
                yield row(
                    t("form.escalation.tried"),
                    Input(placeholder=t("form.escalation.tried.hint"), compact=True, id="tried"),
                )
                for n in range(1, OPTION_ROWS + 1):
                    yield HorizontalGroup(
                        Label(t("form.escalation.option", n=n), classes="field-label"),
                        *(
                            Input(
                                placeholder=t(f"form.escalation.{key}"),
                                compact=True,
                                id=f"option-{n}-{key}",
                                classes=f"option-{key}",
                            )
                            for key in OPTION_FIELDS
                        ),
                        classes="row option",
                    )
                yield row(
                    t("form.escalation.recommend"),
                    choice(
                        [(t("form.escalation.option", n=n), n) for n in range(1, OPTION_ROWS + 1)],
                        1,
                        "recommend",
                    ),
                )
                yield row(
                    t("form.escalation.ask"),
                    Input(placeholder=t("form.escalation.ask.hint"), compact=True, id="ask"),
                )
                yield row(
                    t("form.escalation.to"),
                    choice(
                        [(one_line(c.name), c.id) for c in self.contacts],
                        self.to.id if self.to is not None else None,
                        "to",
                        allow_blank=True,
                    ),
                )
                # "+2d": a date phrase the parser reads (collab_tui/dates.py), not a label
                yield row(
                    t("form.escalation.due"), DateField(self.today, "+2d", required=True, id="due")
                )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#problem", Input).focus()

    def submit(self) -> None:
        ok, due = self.query_one("#due", DateField).checked()
        if not ok:
            return
        options = [
            {key: self.query_one(f"#option-{n}-{key}", Input).value for key in OPTION_FIELDS}
            for n in range(1, OPTION_ROWS + 1)
        ]
        filled = [n for n, option in enumerate(options) if any(v.strip() for v in option.values())]
        chosen = self.query_one("#recommend", Select).value
        # The recommendation counts among the filled options (blank rows are left out).
        position = int(chosen) - 1 if isinstance(chosen, int) else 0
        recommended = filled.index(position) if position in filled else len(filled)
        to = self.query_one("#to", Select).value
        self.finish(
            {
                "item_id": self.item.id,
                "problem": self.query_one("#problem", Input).value,
                "tried": self.query_one("#tried", Input).value,
                "options": [options[n] for n in filled],
                "recommended": recommended if filled else 0,
                "ask": self.query_one("#ask", Input).value,
                "to_id": to if isinstance(to, int) else None,
                "due": due,
                "today": self.today,
            }
        )
