"""Matrix: the four Eisenhower quadrants with counts.

Two by two on a wide terminal; below ``NARROW`` columns (the app's ``-narrow`` breakpoint)
one column of quadrants, each as tall as its rows, so a row keeps its due date, title and
counterpart at 80 columns instead of 17 characters of title.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widget import Widget

from collab_tui import plan
from collab_tui.triage import Quadrant
from collab_tui.tui.content import milestone_prompt
from collab_tui.tui.views.base import ItemView
from collab_tui.tui.widgets.record_list import RecordList, RowContent, Section, Target
from collab_tui.words import label, t

QUADRANTS = [Quadrant.DO_NOW, Quadrant.SCHEDULE, Quadrant.DELEGATE, Quadrant.DROP]


class MatrixView(ItemView):
    BINDINGS = [
        Binding("right", "move(1)", t("matrix.next"), show=False, id="matrix.next"),
        Binding("left", "move(-1)", t("matrix.previous"), show=False, id="matrix.previous"),
    ]
    search_placeholder = "search.items"

    def compose_body(self) -> ComposeResult:
        with Container(id="quadrants"):
            for quadrant in QUADRANTS:
                yield RecordList(id=f"q-{quadrant.name.lower()}", classes="quadrant")

    def list_columns(self) -> int:
        return 1 if self.screen.has_class("-narrow") else 2

    @property
    def main_widget(self) -> Widget:
        """The first quadrant with rows (do now, schedule, delegate, drop), so the item
        keys act at once; the first one when all are empty."""
        lists = self.record_lists()
        return next((q for q in lists if q.targets), lists[0])

    def render_view(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        # Open milestones of the projects shown: an unagreed one is a risk, in Schedule
        # until its date comes near (plan.milestone_quadrant).
        shown = [snapshot.project] if snapshot.project is not None else snapshot.projects
        names = {p.id: p.name for p in shown if p.is_active}
        query = self.query_text.casefold()
        milestones = [
            m
            for m in snapshot.milestones
            if m.project_id in names and (not query or query in m.name.casefold())
        ]
        for quadrant in QUADRANTS:
            title = label(quadrant, "title")
            items = [
                i
                for i in snapshot.matrix.get(quadrant, [])
                if snapshot.item_matches(i, self.query_text)
            ]
            rows: list[tuple[Target | None, RowContent]] = [
                (Target("item", i.id, quadrant.name), self.item_content(i)) for i in items
            ]
            rows += [
                (
                    Target("milestone", m.id, quadrant.name),
                    milestone_prompt(m, snapshot, names[m.project_id]),
                )
                for m in milestones
                if plan.milestone_quadrant(m, snapshot.today, snapshot.settings) is quadrant
            ]
            record_list = self.query_one(f"#q-{quadrant.name.lower()}", RecordList)
            record_list.border_title = t("heading.count", title=title, count=len(rows))
            record_list.show(
                [Section(title, rows, show_heading=False)],
                generation=snapshot,
            )
        self._leave_empty_quadrant()

    def _leave_empty_quadrant(self) -> None:
        """The focused quadrant just lost its last row (done, moved): go to the next one
        with rows, so the next `d` acts on an item instead of saying there is none."""
        focused = self.focused_list()
        if focused is None or focused.targets:
            return
        lists = self.record_lists()
        start = lists.index(focused)
        for step in range(1, len(lists)):
            candidate = lists[(start + step) % len(lists)]
            if candidate.targets:
                candidate.focus()
                return

    def action_move(self, step: int) -> None:
        lists = self.record_lists()
        current = self.focused_list() or lists[0]
        lists[(lists.index(current) + step) % len(lists)].focus()
