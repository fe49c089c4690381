"""ItemForm: every field of a task, follow-up or risk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalGroup, VerticalScroll
from textual.widgets import Checkbox, Input, Select, TextArea

from collab_tui.dates import DateError, RuleError, parse_every
from collab_tui.model import Contact, Item, Kind, Rating, Status, plain
from collab_tui.tui.modals._base import ErrorLine, FormModal, row, split_words, tags_row
from collab_tui.tui.modals._fields import ContactPicker, DateField, choice, enum_choice
from collab_tui.words import t

# Select values must not be None (None is easy to confuse with "nothing chosen").
URGENT_CHOICES = ["auto", "yes", "no"]  # shown as form.item.urgent.<choice>
URGENT_VALUES = {"auto": None, "yes": True, "no": False}


def _urgent_key(urgent: bool | None) -> str:
    return {None: "auto", True: "yes", False: "no"}[urgent]


class ItemForm(FormModal[Any]):
    """Edit an item: saves the changed fields through ``save`` (actions.edit_item).

    Dismisses with what ``save`` returned, or None on Escape; without ``save``, with the
    dict of fields. The risk-only fields (likelihood, impact, mitigation, review) show
    while the kind is "risk". A bad date keeps the form open with the error under the field.
    """

    def __init__(
        self,
        item: Item,
        contacts: list[Contact],
        today: date,
        save: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        super().__init__(save)
        self.item = item
        self.contacts = contacts
        self.today = today

    @property
    def base(self) -> Item:
        return self.item

    @base.setter
    def base(self, record: Item) -> None:
        self.item = record

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(id="dialog") as dialog:
            dialog.border_title = (
                t("form.item.edit_title", id=item.id) if item.id else t("form.item.new_title")
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield row(t("form.item.title"), Input(plain(item.title), compact=True, id="title"))
                yield row(
                    t("form.item.kind"),
                    enum_choice(Kind, item.kind, "kind", allow_blank=False, form="choice"),
                )
                yield row(
                    t("form.item.important"),
                    Checkbox(t("important"), item.important, compact=True, id="important"),
                )
                yield row(
                    t("form.item.urgent"),
                    choice(
                        [(t(f"form.item.urgent.{key}"), key) for key in URGENT_CHOICES],
                        _urgent_key(item.urgent),
                        "urgent",
                    ),
                )
                yield row(t("form.item.due"), DateField(self.today, _iso(item.due), id="due"))
                every = Input(
                    item.every or "",
                    placeholder=t("form.item.every.hint"),
                    compact=True,
                    id="every",
                )
                yield row(t("form.item.every"), every)
                after = Input(
                    " ".join(f"#{i}" for i in item.after),
                    placeholder=t("form.item.after.hint"),
                    compact=True,
                    id="after",
                )
                yield row(t("form.item.after"), after)
                yield ErrorLine(id="series-error")
                yield row(t("form.item.contacts"), ContactPicker(self.contacts, item.contact_ids))
                yield tags_row(item.tags)
                yield row(t("form.notes"), TextArea(plain(item.notes), compact=True, id="notes"))
                yield row(
                    t("form.item.status"),
                    enum_choice(Status, item.status, "status", allow_blank=False),
                )
                with VerticalGroup(id="risk-fields"):
                    yield row(
                        t("form.item.likelihood"),
                        enum_choice(Rating, item.likelihood, "likelihood"),
                    )
                    yield row(t("form.item.impact"), enum_choice(Rating, item.impact, "impact"))
                    yield row(
                        t("form.item.mitigation"),
                        TextArea(plain(item.mitigation), compact=True, id="mitigation"),
                    )
                    yield row(
                        t("form.item.review"), DateField(self.today, _iso(item.review), id="review")
                    )
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
        # Formats are checked here, under their fields; rules (a title is required, only
        # a risk can occur...) are actions.edit_item's, shown above the buttons.
        kind = self.query_one("#kind", Select).value
        due_field = self.query_one("#due", DateField)
        review_field = self.query_one("#review", DateField)
        ok = due_field.check()
        if kind == Kind.RISK:
            ok &= review_field.check()
        if not ok:
            return
        try:
            due = due_field.value
            review = review_field.value if kind == Kind.RISK else None
        except DateError:  # pragma: no cover - check() above already refused it
            return
        series_error = self.query_one("#series-error", ErrorLine)
        every_text = self.query_one("#every", Input).value.strip()
        try:
            every = parse_every(every_text) if every_text else None
        except RuleError as error:
            series_error.show(str(error))
            return
        after = _item_ids(self.query_one("#after", Input).value)
        if after is None:
            series_error.show(t("form.item.after.bad"))
            return
        series_error.clear()
        changes: dict[str, Any] = {
            "title": self.query_one("#title", Input).value,
            "kind": kind,
            "important": self.query_one("#important", Checkbox).value,
            "urgent": URGENT_VALUES[str(self.query_one("#urgent", Select).value)],
            "due": due,
            "contact_ids": self.query_one(ContactPicker).selected_ids,
            "tags": split_words(self.query_one("#tags", Input).value),
            "notes": plain(self.query_one("#notes", TextArea).text).strip(),
            "status": self.query_one("#status", Select).value,
            "every": every,
            "after": after,
        }
        if kind == Kind.RISK:  # otherwise hidden: the item keeps what it had
            changes["likelihood"] = self.query_one("#likelihood", Select).selection
            changes["impact"] = self.query_one("#impact", Select).selection
            changes["mitigation"] = plain(self.query_one("#mitigation", TextArea).text).strip()
            changes["review"] = review
        self.finish(changes)


def _item_ids(text: str) -> list[int] | None:
    """'#12 #14', '12, 14' -> [12, 14]; None if a part is not an item number."""
    ids = []
    for part in text.replace(",", " ").replace("，", " ").split():
        number = part.lstrip("#＃")
        if not (number.isascii() and number.isdigit()) or int(number) == 0:
            return None
        ids.append(int(number))
    return ids


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
