"""Matrix: the four Eisenhower quadrants side by side, with counts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid

from collab_tui.triage import Quadrant
from collab_tui.tui.screens.base import ItemView
from collab_tui.tui.widgets.record_list import RecordList, Section, Target
from collab_tui.words import label

QUADRANTS = [Quadrant.DO_NOW, Quadrant.SCHEDULE, Quadrant.DELEGATE, Quadrant.DROP]


class MatrixView(ItemView):
    BINDINGS = [
        Binding("right", "move(1)", "Next quadrant", show=False, id="matrix.next"),
        Binding("left", "move(-1)", "Previous quadrant", show=False, id="matrix.previous"),
    ]
    search_placeholder = "Filter items by title, #tag or counterpart"

    def compose_body(self) -> ComposeResult:
        with Grid(id="quadrants"):
            for quadrant in QUADRANTS:
                yield RecordList(id=f"q-{quadrant.name.lower()}", classes="quadrant")

    def render_view(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        for quadrant in QUADRANTS:
            title = label(quadrant, "title")
            items = [
                i
                for i in snapshot.matrix.get(quadrant, [])
                if snapshot.item_matches(i, self.query_text)
            ]
            record_list = self.query_one(f"#q-{quadrant.name.lower()}", RecordList)
            record_list.border_title = f"{title} ({len(items)})"
            record_list.show(
                [
                    Section(
                        title,
                        [
                            (Target("item", i.id, quadrant.name), self.item_content(i))
                            for i in items
                        ],
                        show_heading=False,
                    )
                ],
                generation=snapshot,
            )

    def action_move(self, step: int) -> None:
        lists = self.record_lists()
        current = self.focused_list() or lists[0]
        lists[(lists.index(current) + step) % len(lists)].focus()
