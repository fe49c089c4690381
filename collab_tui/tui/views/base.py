"""What every tab has in common: a snapshot to show and an incremental search box."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

from collab_tui.model import Contact, Item, Meeting
from collab_tui.tui import keymap
from collab_tui.tui.content import item_prompt
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.record_list import RecordList
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.tui.app import CollabApp


class SearchBox(Input):
    """Hidden until `/`; Escape clears the filter and hides it again."""

    BINDINGS = [Binding("escape", "close", t("search.close"), id="search.close")]

    def _watch_value(self, value: str) -> None:
        """Input's own, without the layout of the whole screen it caused on every key.

        Input sets ``virtual_size`` (a layout reactive) to one size on each change, and
        every layout sets it back to another: each keystroke re-laid out the screen. The
        box has a fixed size, so the size Input sets is stored first without a layout;
        Input's own assignment then changes nothing."""
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def action_close(self) -> None:
        view = next((a for a in self.ancestors if isinstance(a, View)), None)
        if view is not None:
            view.close_search()


class View(Vertical):
    """One tab. Subclasses build their widgets in ``compose_body`` and fill them in
    ``render_view`` from ``self.snapshot`` filtered by ``self.query_text``."""

    BINDINGS = [Binding("escape", "clear_search", t("search.clear"), show=False, id="search.clear")]

    snapshot: Snapshot | None = None
    query_text: str = ""
    _stale = True  # the snapshot changed since the tab was last drawn
    _contents: dict[tuple[str, int], Content] = {}  # replaced per snapshot
    search_placeholder = "act.search"  # a key in words.EN, looked up in compose
    list_id = ""  # the id of the tab's RecordList, where it has one
    title_width: int | None = None  # cut item titles to this many cells (item views)

    @property
    def collab(self) -> CollabApp:
        return cast("CollabApp", self.app)

    def compose(self) -> ComposeResult:
        yield from self.compose_body()  # the search box comes with the first `/`

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    @property
    def record_list(self) -> RecordList:
        """The tab's one list (``list_id``); the item tabs have several instead."""
        return self.query_one(f"#{self.list_id}", RecordList)

    @property
    def main_widget(self) -> Widget:
        """The widget that gets focus when the tab is shown."""
        return self.record_list

    def show(self, snapshot: Snapshot, draw: bool = True) -> None:
        """Take a new snapshot; draw it now, or (a hidden tab) when the tab is shown."""
        self.snapshot = snapshot
        self._contents = {}
        self._stale = True
        if draw and self.is_mounted:
            self.ensure_drawn()

    def ensure_drawn(self) -> None:
        if self._stale and self.snapshot is not None:
            self._stale = False
            self.render_view()

    def on_mount(self) -> None:
        self.ensure_drawn()
        # Built on being shown (the app builds a tab when first shown): take the focus,
        # unless it is already inside (say, a search box opened meanwhile).
        focused = self.app.focused
        if self.collab.current_view is self and (focused is None or self not in focused.ancestors):
            self.main_widget.focus()

    def item_content(self, item: Item) -> Callable[[], Content]:
        """The row for an item, built when first drawn and kept until the next reload
        (so filtering as you type re-uses it)."""
        assert self.snapshot is not None
        snapshot, cache, title_width = self.snapshot, self._contents, self.title_width

        def build() -> Content:
            key = ("item", item.id)
            content = cache.get(key)
            if content is None:
                content = cache[key] = item_prompt(item, snapshot, title_width=title_width)
            return content

        return build

    def render_view(self) -> None:
        raise NotImplementedError

    # --- search -------------------------------------------------------------------------

    @property
    def search_box(self) -> SearchBox:
        """The search box above the tab, built the first time it is asked for: an Input
        costs its styling at start-up, and most starts never search."""
        box = self._built_search_box()
        if box is None:
            box = SearchBox(placeholder=t(self.search_placeholder))
            box.display = False  # shown by `/`
            self.mount(box, before=0)
        return box

    def _built_search_box(self) -> SearchBox | None:
        found = self.query_children(SearchBox)
        return found.first() if found else None

    def open_search(self) -> None:
        box = self.search_box
        box.display = True
        box.focus()

    def action_clear_search(self) -> None:
        box = self._built_search_box()
        if self.query_text or (box is not None and box.display):
            self.close_search()

    def close_search(self) -> None:
        box = self._built_search_box()
        if box is not None:
            box.value = ""
            box.display = False
        self.main_widget.focus()

    @on(Input.Changed, "SearchBox")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value.strip()
        if self.snapshot is not None:
            self.render_view()

    @on(Input.Submitted, "SearchBox")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.main_widget.focus()  # keep the filter, go back to the list

    # --- selection (for the app's actions and the command palette) ----------------------

    def selected_item(self) -> Item | None:
        return None

    def selected_contact(self) -> Contact | None:
        return None

    def selected_meeting(self) -> Meeting | None:
        return None

    def reveal_contact(self, contact_id: int) -> None:
        """Select a contact (the Contacts tab overrides this)."""

    @on(RecordList.Highlighted)
    def _row_highlighted(self, event: RecordList.Highlighted) -> None:
        event.stop()
        self.render_selection()

    def render_selection(self) -> None:
        """Draw what goes with the highlighted row (a contact's brief, a meeting in full)."""


# The footer shows the everyday keys (it must fit 80 columns); `?` and the palette list all.
ITEM_BINDINGS = keymap.bindings(keymap.ITEM, on_app=True)
ITEM_ACTIONS = {act.action for act in keymap.ITEM}
MEETING_BINDINGS = keymap.bindings(keymap.MEETING, on_app=True)


class ItemView(View):
    """A tab listing items in RecordLists: the item keys work on the highlighted row."""

    BINDINGS = ITEM_BINDINGS

    def list_columns(self) -> int:
        """How many lists share the tab's width side by side."""
        return 1

    def on_resize(self) -> None:
        """Titles are cut so the counterpart stays on the row: a list's width less the
        due date and kind (20 cells) and room for a name (12). Kept in ``title_width``
        (read for every row), and the rows are built again when it changes."""
        width = max(16, self.size.width // self.list_columns() - 4 - 20 - 12)
        if width != self.title_width:
            self.title_width = width
            self._contents = {}  # the rows were built for the old width
            if self.snapshot is not None:
                self.render_view()

    def record_lists(self) -> list[RecordList]:
        return list(self.query(RecordList))

    @property
    def main_widget(self) -> Widget:
        return self.record_lists()[0]

    def focused_list(self) -> RecordList | None:
        focused = self.app.focused
        if isinstance(focused, RecordList) and focused in self.record_lists():
            return focused
        return None

    def selected_item(self) -> Item | None:
        record_list = self.focused_list() or self.main_widget
        assert isinstance(record_list, RecordList)
        target = record_list.target
        if target is None or target.kind != "item" or self.snapshot is None:
            return None
        return self.snapshot.items_by_id.get(target.id)

    def selected_contact(self) -> Contact | None:
        record_list = self.focused_list() or self.main_widget
        assert isinstance(record_list, RecordList)
        target = record_list.target
        if target is None or self.snapshot is None:
            return None
        if target.kind == "contact":
            return self.snapshot.contacts_by_id.get(target.id)
        record: Item | Meeting | None = (
            self.selected_meeting()
            if target.kind == "meeting"
            else self.snapshot.items_by_id.get(target.id)
        )
        if record is not None and record.contact_ids:
            return self.snapshot.contacts_by_id.get(record.contact_ids[0])
        return None

    def selected_meeting(self) -> Meeting | None:
        record_list = self.focused_list() or self.main_widget
        assert isinstance(record_list, RecordList)
        target = record_list.target
        if target is None or target.kind != "meeting" or self.snapshot is None:
            return None
        return next((m for m in self.snapshot.meetings if m.id == target.id), None)

    @on(RecordList.Selected)
    def _row_selected(self, event: RecordList.Selected) -> None:
        """Enter on an item opens its detail screen; on a contact (going cold, or one of a
        meeting's people), its brief; on a meeting, its first person's brief."""
        target = event.target
        if target is None:
            return
        event.stop()
        if target.kind == "item":
            self.collab.open_item(target.id)
        elif target.kind == "contact":
            self.collab.open_contact(target.id)
        elif target.kind == "milestone":
            self.collab.show_project("milestone", target.id)
        elif target.kind == "meeting":
            contact = self.selected_contact()
            if contact is not None:
                self.collab.open_contact(contact.id)

    def select_item(self, item_id: int) -> bool:
        for record_list in self.record_lists():
            if record_list.select_target("item", item_id):
                record_list.focus()
                return True
        return False
