"""`?`: every key, read from the bindings themselves so the list never drifts."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from collab_tui.tui.keymap import ACTS
from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.views.base import ITEM_BINDINGS, MEETING_BINDINGS, SearchBox, View
from collab_tui.tui.views.contacts import ContactsView
from collab_tui.tui.views.log import LogView
from collab_tui.tui.views.matrix import MatrixView
from collab_tui.words import t

# Keys that are not bindings of ours: (keys, key of the description in words.EN)
EXTRA = [
    (
        "help.everywhere",
        [
            ("ctrl+p", "help.palette"),
            ("tab / shift+tab", "help.panes"),
            ("↑ ↓ pgup pgdn", "help.move"),
        ],
    ),
]


ACTS_BY_ID = {act.id: act for act in ACTS}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", t("form.close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = t("act.help")
            dialog.border_subtitle = t("help.esc")
            with VerticalScroll():
                yield Static(self._keys())

    def _keys(self) -> Content:
        app_bindings = [
            b
            for b in type(self.app).BINDINGS
            if isinstance(b, Binding) and b.action != "command_palette"  # an EXTRA row
        ]
        extra = [(keys, t(key)) for keys, key in EXTRA[0][1]]
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            (t("help.everywhere"), self._rows(app_bindings) + extra),
            (t("help.items"), self._rows(ITEM_BINDINGS)),
            (t("help.meetings"), self._rows(MEETING_BINDINGS)),
            (t("act.tab.matrix"), self._rows(MatrixView.BINDINGS)),
            (t("act.tab.contacts"), self._rows(ContactsView.BINDINGS)),
            (t("act.tab.log"), self._rows(LogView.BINDINGS)),
            (
                t("help.search"),
                self._rows(View.BINDINGS + SearchBox.BINDINGS) + [("enter", t("help.keep_filter"))],
            ),
            (t("help.review"), self._rows(ReviewScreen.BINDINGS)),
        ]
        lines: list[Content] = []
        for title, rows in groups:
            lines.append(Content.assemble((title, "bold $text-primary")))
            lines.extend(
                Content.assemble((f"  {keys:<16}", "bold $text-accent"), description)
                for keys, description in rows
            )
            lines.append(Content(""))
        return Content("\n").join(lines[:-1])

    def _rows(self, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
        rows = []
        for binding in bindings:
            if not isinstance(binding, Binding):
                continue
            keys = " ".join(
                self.app.get_key_display(Binding(key.strip(), binding.action))
                for key in binding.key.split(",")
            )
            act = ACTS_BY_ID.get(binding.id or "")
            # The keymap's actions say what they do, not only their footer word.
            if act is not None:
                description = t("help.key_row", word=act.word, help=act.help)
            else:
                description = binding.description or binding.action
            rows.append((keys, description))
        return rows
