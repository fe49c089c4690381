"""SettingsModal: the urgency horizon, the keep-in-touch cadences, my boss, the theme and
the language.

The day counts and my boss are the data file's settings (saved through ``actions.update_settings``,
which checks them against the file's limits); the theme and the language are this
machine's preferences (``collab_tui.config``), applied at once and remembered across
restarts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from collab_tui import words
from collab_tui.model import Contact, Settings, one_line
from collab_tui.tui.modals._base import ErrorLine, FormModal, row
from collab_tui.tui.modals._fields import choice
from collab_tui.validate import COLD_DAYS, HORIZON_DAYS
from collab_tui.words import LANGUAGE_NAMES, t

# field id -> (setting, label key in words.EN, allowed range)
DAY_FIELDS = {
    "horizon": ("urgency_horizon_days", "form.settings.horizon", HORIZON_DAYS),
    "cold": ("cold_after_days", "form.settings.cold", COLD_DAYS),
    "leader": ("cadence_leader_days", "form.settings.cadence_leader", COLD_DAYS),
    "working": ("cadence_working_days", "form.settings.cadence_working", COLD_DAYS),
}


class SettingsModal(FormModal[dict[str, Any] | None]):
    """Dismisses with the saved values ({setting: value, "theme": name, "language": code}),
    None on Escape."""

    DEFAULT_CSS = """
    SettingsModal #dialog { max-width: 72; }
    SettingsModal .row > Input { width: 8; }
    SettingsModal .unit { width: 1fr; color: $text-muted; padding-left: 1; }
    SettingsModal #fields .hint { width: 1fr; margin-top: 1; }
    """

    def __init__(
        self,
        settings: Settings,
        theme: str,
        themes: list[str],
        save: Callable[[dict[str, Any]], Any],
        language: str | None = None,
        contacts: list[Contact] | None = None,
    ) -> None:
        super().__init__(save)
        self.contacts = contacts or []
        self.language = language or words.language()
        self.settings = settings
        self.theme = theme
        self.themes = themes

    def compose(self) -> ComposeResult:
        values = self.settings.to_dict()
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("act.settings")
            with VerticalScroll(id="fields"):
                for field_id, (key, label, (low, high)) in DAY_FIELDS.items():
                    yield row(
                        t(label),
                        Input(str(values[key]), type="integer", compact=True, id=field_id),
                        Label(t("form.settings.days", low=low, high=high), classes="unit"),
                    )
                    yield ErrorLine(id=f"{field_id}-error")
                yield row(
                    t("form.settings.my_boss"),
                    choice(
                        [(one_line(c.name), c.id) for c in self.contacts],
                        self.settings.my_boss_id,
                        "my-boss",
                        allow_blank=True,
                    ),
                )
                yield row(
                    t("form.settings.theme"),
                    choice([(name, name) for name in self.themes], self.theme, "theme"),
                )
                yield row(
                    t("form.settings.language"),
                    choice(
                        [(n, code) for code, n in LANGUAGE_NAMES.items()], self.language, "language"
                    ),
                )
                yield Static(
                    t("form.settings.hint"),
                    classes="hint",
                    markup=False,
                )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#horizon", Input).focus()

    def submit(self) -> None:
        values: dict[str, Any] = {}
        for field_id, (key, _label, (low, high)) in DAY_FIELDS.items():
            error = self.query_one(f"#{field_id}-error", ErrorLine)
            raw = self.query_one(f"#{field_id}", Input).value.strip()
            try:
                values[key] = int(raw)  # the range is checked by the action
                error.clear()
            except ValueError:
                error.show(t("form.settings.not_a_number", low=low, high=high))
        if len(values) < len(DAY_FIELDS):
            return
        boss = self.query_one("#my-boss", Select).value
        values["my_boss_id"] = boss if isinstance(boss, int) else None
        values["theme"] = self.query_one("#theme", Select).value
        values["language"] = self.query_one("#language", Select).value
        self.finish(values)
