"""Pieces every modal shares: the dialog frame, keys, labelled rows and inline errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalGroup
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from collab_tui.model import one_line, plain
from collab_tui.words import t

ResultType = TypeVar("ResultType")


def literal(text: str) -> Content:
    """User text for a label: control characters removed, never parsed as markup."""
    return Content(one_line(text))


def split_words(text: str) -> list[str]:
    """Tags or aliases typed as "a, b c": commas and spaces both separate; '#' is optional."""
    words = [word.lstrip("#") for word in re.split(r"[,\s]+", plain(text))]
    return list(dict.fromkeys(word for word in words if word))


def split_commas(text: str) -> list[str]:
    """Aliases may contain spaces ("Lan Wang"), so only commas separate them."""
    parts = (" ".join(part.split()) for part in plain(text).split(","))
    return list(dict.fromkeys(part for part in parts if part))


def split_lines(text: str) -> list[str]:
    """One entry per line (KPIs, concerns, decisions); blank lines dropped."""
    return [line.strip() for line in plain(text).splitlines() if line.strip()]


class ErrorLine(Static):
    """An inline error under a field; takes no space while there is nothing to say."""

    DEFAULT_CSS = """
    ErrorLine { color: $text-error; height: auto; display: none; }
    ErrorLine.-shown { display: block; }
    """

    def show(self, message: str) -> None:
        self.update(Content(message))
        self.set_class(bool(message), "-shown")

    def clear(self) -> None:
        self.show("")


def row(label: str, *widgets: Widget, classes: str = "") -> HorizontalGroup:
    """A form row: a fixed-width label on the left, the field(s) on the right."""
    return HorizontalGroup(Label(label, classes="field-label"), *widgets, classes=f"row {classes}")


def tags_row(tags: list[str]) -> HorizontalGroup:
    """The Tags row every form shares (read back with ``split_words``)."""
    field = Input(plain(" ".join(tags)), placeholder=t("form.tags.hint"), compact=True, id="tags")
    return row(t("form.tags"), field)


class Dialog(ModalScreen[ResultType]):
    """A modal with the shared frame (dialog.tcss): compose into a ``#dialog`` container.

    Add the class ``question`` for a confirmation-sized dialog in warning colours.
    """

    DEFAULT_CSS = (Path(__file__).with_name("dialog.tcss")).read_text(encoding="utf-8")


class FormModal(Dialog[ResultType]):
    """A dialog with Save / Cancel: Escape cancels, Enter in a one-line field or Ctrl+S saves.

    Subclasses compose their fields inside ``#dialog`` (with ``compose_buttons``) and
    implement ``submit``, which checks the fields' formats and hands the values to
    ``finish``. With a ``save`` callable the form saves through it and stays open when it
    fails: the error is shown above the buttons and everything typed is kept. A save
    refused because the record changed meanwhile (a ConflictError carrying the current
    version) lists what changed and rebases the form on it, so Save again applies the
    user's text over those changes. Without ``save`` it dismisses with the values.
    """

    BINDINGS = [
        Binding("escape", "cancel", t("form.cancel")),
        Binding("ctrl+s", "submit", t("form.save"), priority=True),
    ]

    DEFAULT_CSS = """
    FormModal #fields {
        height: auto;
        max-height: 80vh;  /* leaves room for the border and the buttons at 80x24 */
    }
    FormModal .row {
        height: auto;
    }
    FormModal .field-label {
        width: 14;
        color: $text-muted;
    }
    FormModal .row:focus-within > .field-label {
        color: $text-accent;
        text-style: bold;
    }
    FormModal .row > Input, FormModal .row > Select, FormModal .row > .grow {
        width: 1fr;
    }
    FormModal .row > TextArea {
        width: 1fr;
        height: 4;
    }
    FormModal #buttons Button {
        min-width: 10;
    }
    """

    # keys in words.EN, looked up when the form is built (not frozen at import)
    SAVE_LABEL = "form.save"
    HINT = "form.hint"

    def __init__(
        self, save: Callable[[Any], Any] | None = None, classes: str | None = None
    ) -> None:
        super().__init__(classes=classes)
        self.save = save

    def compose_buttons(self) -> ComposeResult:
        yield ErrorLine(id="form-error")
        with Horizontal(id="buttons"):
            yield Label(t(self.HINT), classes="hint")
            yield Button(t(self.SAVE_LABEL), variant="primary", id="save", compact=True)
            yield Button(t("form.cancel"), id="cancel", compact=True)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError

    def finish(self, values: Any) -> None:
        """Save ``values`` (or dismiss with them when there is no ``save``)."""
        if self.save is None:
            self.dismiss(values)
            return
        from collab_tui.store import ConflictError, StoreError

        try:
            saved = self.save(values)
        except ConflictError as conflict:
            self.query_one("#form-error", ErrorLine).show(self.rebase(conflict.current))
            return
        except (StoreError, ValueError) as error:  # ActionError, DateError, RecordInvalid
            self.query_one("#form-error", ErrorLine).show(
                t("form.error", error=one_line(str(error)))
            )
            return
        self.dismiss(saved)

    def rebase(self, current: Any) -> str:
        """Start from ``current`` (the stored version) from now on; say what changed."""
        from collab_tui.actions import changed_fields

        base = self.base
        if current is None:
            return t("form.deleted_meanwhile")
        self.base = current
        changed = t("list.sep").join(changed_fields(base, current)) or t("form.nothing_visible")
        return t("form.changed_meanwhile", fields=changed)

    @property
    def base(self) -> Any:
        """The stored record the form edits (None for a new one)."""
        return None

    @base.setter
    def base(self, record: Any) -> None:
        raise NotImplementedError

    @on(Input.Submitted)
    def _submit_from_input(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
