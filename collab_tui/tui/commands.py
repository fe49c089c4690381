"""The command palette (ctrl+p): every action, and "brief: NAME" for every contact."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from collab_tui import lookup
from collab_tui.model import Contact, one_line
from collab_tui.tui import keymap
from collab_tui.words import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from collab_tui.tui.app import CollabApp

# (title, help, action string run on the app), from the one table of actions. Item and
# contact actions work on the row selected in the current tab, as their keys do. Help
# texts are Textual markup (the palette parses them), so user text never goes there: a
# contact's department is shown as literal Content beside the name instead.
COMMANDS: list[tuple[str, str, str]] = keymap.palette()


def person_query(query: str) -> str:
    """What of a palette query names a person: after "brief:" if it starts so, else all."""
    prefix = t("palette.brief", name="").strip().casefold()  # "brief:"
    folded = query.strip()
    if folded.casefold().startswith(prefix):
        return folded[len(prefix) :].strip()
    return folded


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

    def _entries(self) -> list[tuple[str, str | None, str, Callable[[], object], Contact | None]]:
        """(title, help markup, literal detail, command, contact) for every action and
        contact (in pinyin order, as the snapshot lists them)."""
        app = self.collab
        entries: list[tuple[str, str | None, str, Callable[[], object], Contact | None]] = [
            (title, help_text, "", partial(app.run_action, action), None)
            for title, help_text, action in COMMANDS
        ]
        for contact in app.snapshot.contacts:
            entries.append(
                (
                    t("palette.brief", name=one_line(contact.name)),
                    t("palette.brief.help"),
                    one_line(contact.department),
                    partial(app.open_contact, contact.id),
                    contact,
                )
            )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, _, command, _contact in self._entries()[: len(COMMANDS)]:
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        who = person_query(query)
        for title, help_text, detail, command, contact in self._entries():
            score = matcher.match(title)
            if contact is not None and who:
                # "brief: xl", "xiaolan", "brief: 蓝": the contact look-up's ranks, best
                # first, above fuzzy hits on the title.
                found = lookup.rank(who, contact)
                if found is not None:
                    score = max(score, 1.0 - found / 10)
            if score > 0:
                shown = highlight(matcher, title)
                if detail:
                    shown = Content.assemble(shown, ("  " + detail, "$text-muted"))
                yield Hit(score, shown, command, text=title, help=help_text)
