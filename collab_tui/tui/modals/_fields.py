"""Compound fields the forms share: a date phrase with live feedback, a contact picker."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Input, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from collab_tui import lookup
from collab_tui.dates import DateError, parse_date
from collab_tui.model import Contact, one_line, plain
from collab_tui.words import label, listing, t, with_relative

Choice = TypeVar("Choice")


def describe_date(day: date, today: date) -> str:
    """'Fri 7 Mar (in 3 days)': the absolute date first, the distance as a check."""
    return with_relative(day, today)


class DateField(VerticalGroup):
    """A date phrase ("fri", "+3d", "2026-03-07") and, below it, the date it means.

    Empty means "no date" unless ``required``. ``check()`` shows the error inline and
    says whether the phrase is usable; ``value`` is the parsed date.
    """

    DEFAULT_CSS = """
    DateField { width: 1fr; height: auto; }
    DateField > .feedback { color: $text-muted; height: auto; }
    DateField > .feedback.-error { color: $text-error; }
    """

    def __init__(
        self,
        today: date,
        initial: str = "",
        *,
        required: bool = False,
        placeholder: str | None = None,  # None: form.date.placeholder
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.today = today
        self.required = required
        self._initial = initial
        self._placeholder = t("form.date.placeholder") if placeholder is None else placeholder

    def compose(self) -> ComposeResult:
        yield Input(self._initial, placeholder=self._placeholder, compact=True)
        yield Static(classes="feedback")

    def on_mount(self) -> None:
        self._show_feedback(error_if_empty=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def phrase(self) -> str:
        return self.input.value.strip()

    @property
    def value(self) -> date | None:
        """The date typed, or None when empty; raises DateError for a bad phrase."""
        return parse_date(self.phrase, self.today) if self.phrase else None

    def check(self) -> bool:
        """Show the resolved date or the error; True when the field can be saved."""
        return self._show_feedback(error_if_empty=True)

    def checked(self) -> tuple[bool, date | None]:
        """(can be saved, the date): ``check`` and ``value`` for a form's submit; an
        unusable field shows its error inline."""
        if not self.check():
            return False, None
        try:
            return True, self.value
        except DateError:  # pragma: no cover - check() refused it already
            return False, None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # Live feedback while typing, but no "required" nagging until a save is tried.
        self._show_feedback(error_if_empty=False)

    def _show_feedback(self, error_if_empty: bool) -> bool:
        feedback = self.query_one(".feedback", Static)
        message, ok = "", True
        if not self.phrase:
            if self.required:
                message, ok = (t("form.date.required") if error_if_empty else ""), False
            else:
                message = t("form.date.none")
        else:
            try:
                day = self.value
            except DateError as error:
                message, ok = str(error), False
            else:
                assert day is not None
                message = "→ " + describe_date(day, self.today)
        feedback.update(Content(message))
        feedback.set_class(not ok, "-error")
        return ok


def contact_label(contact: Contact) -> Text:
    """A contact as a list label: literal name (never markup), aliases and department dim."""
    label = Text(one_line(contact.name))
    extra = listing(one_line(part) for part in (*contact.aliases, contact.department) if part)
    if extra:
        label.append(f"  {extra}", style="dim")
    return label


def _search_text(contact: Contact) -> str:
    return " ".join([contact.name, *contact.aliases, contact.department]).casefold()


class ContactPicker(VerticalGroup):
    """Pick any number of existing contacts; a filter line narrows a long list.

    Ids chosen earlier stay chosen while filtered out of view, and ids that are not
    among ``contacts`` (a deleted contact) are kept rather than silently dropped.
    """

    DEFAULT_CSS = """
    ContactPicker { width: 1fr; height: auto; }
    ContactPicker > SelectionList { height: auto; max-height: 6; }
    ContactPicker > .empty { color: $text-muted; }
    """

    def __init__(
        self, contacts: list[Contact], chosen: Iterable[int] = (), *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.contacts = contacts
        self._original = list(dict.fromkeys(chosen))
        self._chosen = set(self._original)

    def compose(self) -> ComposeResult:
        if not self.contacts:
            yield Static(t("form.contacts.none_yet"), classes="empty")
            return
        if len(self.contacts) > 6:
            yield Input(placeholder=t("form.contacts.filter"), compact=True, id="contact-filter")
        yield SelectionList[int](*self._selections(self.contacts), compact=True)

    def _selections(self, contacts: Iterable[Contact]) -> list[Selection[int]]:
        return [Selection(contact_label(c), c.id, c.id in self._chosen) for c in contacts]

    @property
    def selected_ids(self) -> list[int]:
        """The chosen ids: those given first, in their order, then new ones in list order."""
        kept = [i for i in self._original if i in self._chosen]
        added = [c.id for c in self.contacts if c.id in self._chosen and c.id not in kept]
        return kept + added

    @on(SelectionList.SelectedChanged)
    def _selection_changed(self, event: SelectionList.SelectedChanged[int]) -> None:
        event.stop()
        listing = event.selection_list
        visible = {listing.get_option_at_index(i).value for i in range(listing.option_count)}
        self._chosen = (self._chosen - visible) | set(listing.selected)

    @on(Input.Changed, "#contact-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        needle = event.value.strip().casefold()
        shown = [
            c
            for c in self.contacts
            if needle in _search_text(c) or lookup.rank(needle, c) is not None  # xl, xiaolan
        ]
        listing = self.query_one(SelectionList)
        with self.app.batch_update():
            listing.clear_options()
            listing.add_options(self._selections(shown))

    @on(Input.Submitted, "#contact-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        # Enter in the filter jumps into the list rather than saving the whole form.
        event.stop()
        listing = self.query_one(SelectionList)
        listing.focus()
        if listing.option_count and listing.highlighted is None:
            listing.highlighted = 0  # so Space ticks the first match at once


def choice(
    options: Iterable[tuple[str, Choice]],
    value: Choice | None,
    id: str,
    *,
    allow_blank: bool = False,
    prompt: str = "-",
) -> Select[Choice]:
    """A compact drop-down; the option texts are shown literally, never as markup."""
    return Select(
        [(Text(text), option) for text, option in options],
        value=value if value is not None else Select.NULL,
        allow_blank=allow_blank,
        prompt=prompt,
        compact=True,
        id=id,
    )


def enum_choice(
    enum: type[StrEnum], value: Any, id: str, *, allow_blank: bool = True, form: str = ""
) -> Select[Any]:
    """A drop-down of an enum's members, in their words (``words.label``)."""
    options = [(label(member, form), member) for member in enum]
    return choice(options, value, id, allow_blank=allow_blank)


def lines_area(lines: list[str], id: str) -> TextArea:
    """One entry per line (KPIs, concerns, decisions)."""
    text = plain("\n".join(lines))
    return TextArea(text, compact=True, placeholder=t("form.one_per_line"), id=id)
