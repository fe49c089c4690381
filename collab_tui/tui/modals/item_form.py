"""ItemForm: every field of a task, follow-up or risk."""

from __future__ import annotations

import dataclasses
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalGroup, VerticalScroll
from textual.widgets import Checkbox, Input, Select, TextArea

from collab_tui.dates import DateError
from collab_tui.model import Contact, Item, Kind, Rating, Status, now, one_line, plain
from collab_tui.tui.modals._base import ErrorLine, FormModal, row, split_words, tags_row
from collab_tui.tui.modals._fields import ContactPicker, DateField

KIND_LABELS = {
    Kind.TASK: "task",
    Kind.OWE: "owe: I owe them",
    Kind.WAIT: "wait: they owe me",
    Kind.RISK: "risk",
}

# Select values must not be None (None is easy to confuse with "nothing chosen").
URGENT_CHOICES = [("auto (from the due date)", "auto"), ("urgent", "yes"), ("not urgent", "no")]
URGENT_VALUES = {"auto": None, "yes": True, "no": False}


def _urgent_key(urgent: bool | None) -> str:
    return {None: "auto", True: "yes", False: "no"}[urgent]


class ItemForm(FormModal[Item | None]):
    """Edit an item. Dismisses with an edited copy, or None on Escape.

    The risk-only fields (likelihood, impact, mitigation, review) show while the kind
    is "risk". A bad date keeps the form open with the error under the field.
    """

    def __init__(self, item: Item, contacts: list[Contact], today: date) -> None:
        super().__init__()
        self.item = item
        self.contacts = contacts
        self.today = today

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Edit item #{item.id}" if item.id else "New item"
            with VerticalScroll(id="fields", can_focus=False):
                yield row("Title", Input(plain(item.title), compact=True, id="title"))
                yield ErrorLine(id="title-error")
                yield row(
                    "Kind",
                    Select(
                        [(label, kind) for kind, label in KIND_LABELS.items()],
                        value=item.kind,
                        allow_blank=False,
                        compact=True,
                        id="kind",
                    ),
                )
                yield row(
                    "Important", Checkbox("important", item.important, compact=True, id="important")
                )
                yield row(
                    "Urgent",
                    Select(
                        URGENT_CHOICES,
                        value=_urgent_key(item.urgent),
                        allow_blank=False,
                        compact=True,
                        id="urgent",
                    ),
                )
                yield row("Due", DateField(self.today, _iso(item.due), id="due"))
                yield row("Contacts", ContactPicker(self.contacts, item.contact_ids))
                yield tags_row(item.tags)
                yield row("Notes", TextArea(plain(item.notes), compact=True, id="notes"))
                yield row(
                    "Status",
                    Select(
                        [(status.value, status) for status in Status],
                        value=item.status,
                        allow_blank=False,
                        compact=True,
                        id="status",
                    ),
                )
                yield ErrorLine(id="status-error")
                with VerticalGroup(id="risk-fields"):
                    yield row("Likelihood", _rating_select(item.likelihood, "likelihood"))
                    yield row("Impact", _rating_select(item.impact, "impact"))
                    yield row(
                        "Mitigation",
                        TextArea(plain(item.mitigation), compact=True, id="mitigation"),
                    )
                    yield row("Review", DateField(self.today, _iso(item.review), id="review"))
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self._show_risk_fields(self.item.kind is Kind.RISK)
        title = self.query_one("#title", Input)
        title.focus()
        title.cursor_position = len(title.value)

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        is_risk = event.value == Kind.RISK
        self._show_risk_fields(is_risk)
        if is_risk and event.value != self.item.kind:
            # A risk is important by definition (DOMAIN.md); the box can still be unticked.
            self.query_one("#important", Checkbox).value = True

    def _show_risk_fields(self, shown: bool) -> None:
        self.query_one("#risk-fields").display = shown

    def submit(self) -> None:
        title = one_line(self.query_one("#title", Input).value)
        kind = self.query_one("#kind", Select).value
        status = self.query_one("#status", Select).value
        ok = True
        self.query_one("#title-error", ErrorLine).show("" if title else "a title is required")
        ok &= bool(title)
        occurred_error = status == Status.OCCURRED and kind != Kind.RISK
        self.query_one("#status-error", ErrorLine).show(
            "only a risk can have occurred" if occurred_error else ""
        )
        ok &= not occurred_error
        due_field = self.query_one("#due", DateField)
        review_field = self.query_one("#review", DateField)
        ok &= due_field.check()
        if kind == Kind.RISK:
            ok &= review_field.check()
        if not ok:
            return
        try:
            due = due_field.value
            review = review_field.value if kind == Kind.RISK else self.item.review
        except DateError:  # pragma: no cover - check() above already refused it
            return
        self.dismiss(self._edited(title, kind, status, due, review))

    def _edited(
        self, title: str, kind: Kind, status: Status, due: date | None, review: date | None
    ) -> Item:
        item = self.item
        due_history = list(item.due_history)
        if item.due is not None and due != item.due:
            due_history.append(item.due)  # re-dated: keep the old date, as snooze does
        closed = item.closed
        if status != item.status:
            closed = None if status is Status.OPEN else now()
        risk_fields = {}
        if kind == Kind.RISK:  # otherwise hidden: keep what the item had
            risk_fields = {
                "likelihood": self.query_one("#likelihood", Select).selection,
                "impact": self.query_one("#impact", Select).selection,
                "mitigation": plain(self.query_one("#mitigation", TextArea).text).strip(),
            }
        return dataclasses.replace(
            item,
            title=title,
            kind=kind,
            important=self.query_one("#important", Checkbox).value,
            urgent=URGENT_VALUES[self.query_one("#urgent", Select).value],
            due=due,
            due_history=due_history,
            contact_ids=self.query_one(ContactPicker).selected_ids,
            tags=split_words(self.query_one("#tags", Input).value),
            notes=plain(self.query_one("#notes", TextArea).text).strip(),
            status=status,
            closed=closed,
            review=review,
            **risk_fields,
        )


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _rating_select(value: Rating | None, id: str) -> Select[Rating]:
    options = [(Text(rating.value), rating) for rating in Rating]
    return Select(options, value=value if value else Select.NULL, prompt="-", compact=True, id=id)
