"""The command palette (ctrl+p): every action, and "brief: NAME" for every contact."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from collab_tui.model import one_line

if TYPE_CHECKING:
    from collab_tui.tui.app import CollabApp

# (title, help, action string run on the app). Item and contact actions work on the
# row selected in the current tab, as their keys do. Help texts are Textual markup (the
# palette parses them), so user text never goes there: a contact's department is shown
# as literal Content beside the name instead.
COMMANDS: list[tuple[str, str, str]] = [
    ("Today", "Show the morning overview (1)", "show_tab('today')"),
    ("Matrix", "Show the Eisenhower matrix (2)", "show_tab('matrix')"),
    ("Contacts", "Show contacts and briefs (3)", "show_tab('contacts')"),
    ("Log", "Show the interaction log (4)", "show_tab('log')"),
    ("Capture", "Quick capture one line: owe:, wait:, risk:, meet: ... (c)", "capture"),
    ("Search", "Filter the current tab as you type (/)", "search"),
    ("Morning review", "Walk overdue, due today, waiting, risks, going cold (r)", "review"),
    ("Undo", "Undo the last change (z)", "undo"),
    ("Item: done", "Complete the selected item (d)", "complete"),
    ("Item: drop", "Drop the selected item (x)", "drop"),
    ("Risk: happened", "The selected risk happened: it stays, as a problem (h)", "occurred"),
    ("Item: snooze", "Move the selected item's date (s)", "snooze"),
    ("Item: edit", "Edit every field of the selected item (e)", "edit"),
    ("Item: toggle important", "Moves the item between quadrants (i)", "toggle_important"),
    ("Item: toggle urgent", "Moves the item between quadrants (u)", "toggle_urgent"),
    ("Item: open contact", "Show the brief of the item's counterpart (o)", "open_contact"),
    ("Contact: new", "Add a contact (n on Contacts)", "new_contact"),
    ("Contact: edit", "Edit the selected contact (e on Contacts)", "edit_contact"),
    ("Contact: delete", "Delete the selected contact, after a confirmation", "delete_contact"),
    ("Log an interaction", "Log a meeting, call, chat or email (l)", "log_interaction"),
    ("Status report", "Preview and save a Markdown status report (R)", "report"),
    ("Settings", "Urgency horizon, going-cold days and theme (,)", "settings"),
    ("Keys", "Every key binding (?)", "help"),
]


def highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight`` but the candidate is literal text, never markup
    (contact names are user text)."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CollabCommands(Provider):
    @property
    def collab(self) -> CollabApp:
        return cast("CollabApp", self.app)

    def _entries(self) -> list[tuple[str, str | None, str, object]]:
        """(title, help markup, literal detail, command) for every action and contact."""
        app = self.collab
        entries: list[tuple[str, str | None, str, object]] = [
            (title, help_text, "", partial(app.run_action, action))
            for title, help_text, action in COMMANDS
        ]
        for contact in app.snapshot.contacts:
            entries.append(
                (
                    f"brief: {one_line(contact.name)}",
                    "Show the pre-meeting brief",
                    one_line(contact.department),
                    partial(app.open_contact, contact.id),
                )
            )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, _, command in self._entries()[: len(COMMANDS)]:
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, detail, command in self._entries():
            score = matcher.match(title)
            if score > 0:
                shown = highlight(matcher, title)
                if detail:
                    shown = Content.assemble(shown, ("  " + detail, "$text-muted"))
                yield Hit(score, shown, command, text=title, help=help_text)  # type: ignore[arg-type]
