"""`?`: every key, read from the bindings themselves so the list never drifts."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.views.base import ITEM_BINDINGS, SearchBox, View
from collab_tui.tui.views.contacts import ContactsView
from collab_tui.tui.views.log import LogView
from collab_tui.tui.views.matrix import MatrixView

EXTRA = [
    (
        "Everywhere",
        [
            ("ctrl+p", "Command palette: every action, and brief: NAME"),
            ("tab / shift+tab", "Next / previous pane"),
            ("↑ ↓ pgup pgdn", "Move in a list; mouse clicks and scrolls too"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Esc to close"
            with VerticalScroll():
                yield Static(self._keys())

    def _keys(self) -> Content:
        app_bindings = [b for b in type(self.app).BINDINGS if isinstance(b, Binding)]
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            ("Everywhere", self._rows(app_bindings) + EXTRA[0][1]),
            ("Items (Today, Matrix)", self._rows(ITEM_BINDINGS)),
            ("Matrix", self._rows(MatrixView.BINDINGS)),
            ("Contacts", self._rows(ContactsView.BINDINGS)),
            ("Log", self._rows(LogView.BINDINGS)),
            (
                "Search box",
                self._rows(View.BINDINGS + SearchBox.BINDINGS)
                + [("enter", "Keep the filter, back to the list")],
            ),
            ("Morning review (r)", self._rows(ReviewScreen.BINDINGS)),
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
            rows.append((keys, binding.description or binding.action))
        return rows
