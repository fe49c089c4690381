"""MeetingForm: plan a meeting (a day, a time, its people); OutcomePrompt: log how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input

from collab_tui.dates import TimeError, parse_time
from collab_tui.tui.modals._base import ErrorLine, FormModal, literal, row, split_words, tags_row
from collab_tui.tui.modals._fields import ContactPicker, DateField
from collab_tui.tui.modals.interaction_form import DatedWithPeopleForm
from collab_tui.words import t


class MeetingForm(DatedWithPeopleForm):
    """A new planned meeting, saved through ``save`` (actions.plan_meeting's keywords).

    The day defaults to today; the time is optional (15:00, 3pm, 下午3点). Dismisses with
    what ``save`` returned, or None on Escape; without ``save``, with the fields.
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("form.meeting.title")
            with VerticalScroll(id="fields", can_focus=False):
                title = Input(placeholder=t("form.meeting.about.hint"), compact=True, id="about")
                yield row(t("form.meeting.about"), title)
                # "today": a date phrase the parser reads (collab_tui/dates.py), not a label
                yield row(
                    t("form.meeting.date"),
                    DateField(self.today, "today", required=True, id="date"),
                )
                time = Input(placeholder=t("form.meeting.time.hint"), compact=True, id="time")
                yield row(t("form.meeting.time"), time)
                yield ErrorLine(id="time-error")
                yield row(t("form.meeting.with"), ContactPicker(self.contacts, self.contact_ids))
                yield tags_row([])
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#about", Input).focus()

    def submit(self) -> None:
        date_field = self.query_one("#date", DateField)
        if not date_field.check():
            return
        phrase = self.query_one("#time", Input).value.strip()
        try:
            clock = parse_time(phrase) if phrase else None
        except TimeError as error:
            self.query_one("#time-error", ErrorLine).show(str(error))
            return
        self.query_one("#time-error", ErrorLine).clear()
        self.finish(
            {
                "title": self.query_one("#about", Input).value,
                "on": date_field.value,
                "time": clock,
                "contact_ids": self.query_one(ContactPicker).selected_ids,
                "tags": split_words(self.query_one("#tags", Input).value),
            }
        )


class OutcomePrompt(FormModal[Any]):
    """One capture line: how a planned meeting went (decision: and items as in capture).

    Saves through ``save`` and stays open with the error when the line does not parse.
    """

    DEFAULT_CSS = """
    OutcomePrompt #dialog { max-width: 90; }
    """

    SAVE_LABEL = "form.meeting.log"
    HINT = "form.meeting.outcome.hint"

    def __init__(self, title: str, save: Callable[[str], Any] | None = None) -> None:
        super().__init__(save)
        self.prompt_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = literal(self.prompt_title)
            yield Input(
                placeholder=t("form.meeting.outcome.placeholder"), compact=True, id="outcome"
            )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#outcome", Input).focus()

    def submit(self) -> None:
        self.finish(self.query_one("#outcome", Input).value)
