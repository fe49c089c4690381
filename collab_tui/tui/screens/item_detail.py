"""One item in full (Enter on a row): what it is, its slips, people, meeting and log.

The keys are the app's item actions on this item (done, drop, snooze, edit, important,
urgent, escalate, log); the screen reads the item again from the store after each change,
so a done item stays on screen with its new status until Esc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from collab_tui.model import Interaction, Item, one_line
from collab_tui.tui.screens._base import SnapshotScreen
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.hanging import HangingLines
from collab_tui.tui.widgets.item_card import interaction_rows, item_rows, linked_risk_rows
from collab_tui.words import label, t

if TYPE_CHECKING:
    pass


class ItemScreen(SnapshotScreen):
    BINDINGS = [
        Binding("d", "on_item('complete_item')", t("act.item.complete.key"), id="detail.done"),
        Binding("s", "on_item('snooze_item')", t("act.item.snooze.key"), id="detail.snooze"),
        Binding("e", "on_item('edit_item')", t("act.item.edit.key"), id="detail.edit"),
        Binding("x", "on_item('drop_item')", t("act.item.drop.key"), show=False, id="detail.drop"),
        Binding(
            "i",
            "on_item('toggle_important')",
            t("act.item.important.key"),
            show=False,
            id="detail.important",
        ),
        Binding(
            "u",
            "on_item('toggle_urgent')",
            t("act.item.urgent.key"),
            show=False,
            id="detail.urgent",
        ),
        Binding("E", "escalate", t("review.key.escalate"), id="detail.escalate"),
        Binding("l", "log", t("act.contact.log.key"), id="detail.log"),
        Binding(
            "o",
            "open_contact",
            t("act.item.open_contact.key"),
            show=False,
            id="detail.open_contact",
        ),
        Binding("escape,q", "close", t("detail.back"), id="detail.close"),
    ]

    def __init__(self, item_id: int, snapshot: Snapshot) -> None:
        super().__init__(snapshot)
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        yield Static(id="detail-heading")
        with VerticalScroll(id="detail"), Container(id="detail-columns"):
            yield HangingLines(id="detail-item")
            yield HangingLines(id="detail-people")
        yield Footer(compact=True)

    @property
    def item(self) -> Item | None:
        """The stored item, closed ones included (the snapshot holds active items only)."""
        return self.collab.store.item(self.item_id)

    def meeting(self, item: Item) -> Interaction | None:
        if item.interaction_id is None:
            return None
        found = self.snapshot.interactions_by_id.get(item.interaction_id)
        return found if found is not None else self.collab.store.interaction(item.interaction_id)

    def redraw(self) -> None:
        heading = self.query_one("#detail-heading", Static)
        facts = self.query_one("#detail-item", HangingLines)
        people = self.query_one("#detail-people", HangingLines)
        item = self.item
        if item is None:
            heading.update(Content.assemble((t("detail.item"), "bold")))
            facts.show_text(t("detail.gone", id=self.item_id))
            people.show_rows([])
            return
        heading.update(
            Content.assemble(
                (t("detail.heading", id=item.id) + " · ", "bold"),
                (one_line(label(item.kind)), "bold $text-primary"),
            )
        )
        facts.show_rows(item_rows(item, self.snapshot, self.meeting(item)))
        people.show_rows(
            [
                *interaction_rows(item.contact_ids, self.snapshot)[1:],  # no blank line on top
                *linked_risk_rows(item, self.snapshot),
            ]
            if item.contact_ids
            else []
        )

    # --- keys: the app's item actions on this item ----------------------------------------

    def _open_item(self) -> Item | None:
        item = self.item
        if item is None:
            self.collab.say(t("detail.gone.short", id=self.item_id), "warning")
        elif not item.is_active:
            self.collab.say(t("detail.closed", status=label(item.status)), "warning")
            return None
        return item

    def action_on_item(self, method: str) -> None:
        """Run the app's item action ``method`` (e.g. "complete_item") on this item."""
        item = self._open_item()
        if item is not None:
            getattr(self.collab, method)(item)

    def action_escalate(self) -> None:
        item = self._open_item()
        if item is not None:
            self.collab.escalate(item)

    def action_log(self) -> None:
        item = self.item
        self.collab.action_log_interaction(tuple(item.contact_ids) if item is not None else ())

    def action_open_contact(self) -> None:
        item = self.item
        if item is None or not item.contact_ids:
            self.collab.say(t("detail.no_contact"), "warning")
            return
        self.dismiss(None)
        self.collab.open_contact(item.contact_ids[0])

    def action_close(self) -> None:
        self.dismiss(None)
