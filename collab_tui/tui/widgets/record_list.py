"""A virtual list of records: one line per row, only the visible rows are ever rendered.

Filtering 20,000 records as you type has to stay within a frame (16 ms), so a row holds a
function that builds its Content, called only when the row scrolls into view, and
``show`` does no layout work beyond counting rows. DataTable and OptionList measure every
row on each update, which is what made them too slow here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import ClassVar, Literal, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from collab_tui.records import record_class
from collab_tui.tui.content import heading
from collab_tui.words import t

RowContent = Content | Callable[[], Content]


class Target(NamedTuple):
    """What a row points at, in a named section (the same item may be in two sections).

    A NamedTuple: finding the selected row again after each keystroke compares it with
    up to 10,000 others, and tuple equality runs in C.
    """

    # "older": the Log's last row, which reads older months
    kind: Literal["item", "contact", "interaction", "meeting", "project", "milestone", "older"]
    id: int
    section: str = ""


@record_class
class Section:
    """A titled group of rows of a record list."""

    title: str
    # A row without a target is a sub-heading (shown, never highlighted).
    rows: list[tuple[Target | None, RowContent]] = field(default_factory=list)
    show_heading: bool = True
    counted: bool = True  # the heading shows the count (not while it is still loading)

    @property
    def count(self) -> int:
        return sum(1 for target, _ in self.rows if target is not None)


class RecordList(ScrollView, can_focus=True):
    """Rows of records with a cursor; headings are rows the cursor skips.

    ``show`` replaces the rows and keeps the cursor on the same record (or at the same
    height when it is gone), so a reload never loses the user's place.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", t("list.up"), show=False),
        Binding("down", "cursor(1)", t("list.down"), show=False),
        Binding("pageup", "page(-1)", t("list.page_up"), show=False),
        Binding("pagedown", "page(1)", t("list.page_down"), show=False),
        Binding("home", "edge(-1)", t("list.first"), show=False),
        Binding("end", "edge(1)", t("list.last"), show=False),
        Binding("enter", "select", t("list.open"), show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--row",
        "record-list--heading",
        "record-list--cursor",
        "record-list--hover",
    }
    DEFAULT_CSS = """
    RecordList {
        height: 1fr;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .record-list--heading { text-style: bold; }
        & > .record-list--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .record-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .record-list--hover { background: $block-hover-background; }
    }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)
    hover: reactive[int] = reactive(-1)

    class Highlighted(Message):
        def __init__(self, record_list: RecordList, target: Target | None) -> None:
            super().__init__()
            self.record_list = record_list
            self.target = target

        @property
        def control(self) -> RecordList:
            return self.record_list

    class Selected(Highlighted):
        """Enter or a click on a row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._targets: list[Target | None] = []
        self._contents: list[RowContent] = []
        self._strips: dict[tuple[object, str, int], Strip] = {}
        self._generation: object = None
        self._drawn_width = -1

    # --- data -----------------------------------------------------------------------------

    @property
    def target(self) -> Target | None:
        if 0 <= self.cursor < len(self._targets):
            return self._targets[self.cursor]
        return None

    @property
    def targets(self) -> list[Target]:
        return [t for t in self._targets if t is not None]

    def show(self, sections: list[Section], generation: object = None) -> None:
        """Replace the rows. Rendered rows are kept while ``generation`` (the snapshot)
        stays the same, so typing a filter re-draws only rows it has not drawn before."""
        keep, old_cursor = self.target, self.cursor
        if generation is None or generation is not self._generation:
            self._strips.clear()
        self._generation = generation
        targets: list[Target | None] = []
        contents: list[RowContent] = []
        for section in sections:
            if section.show_heading:
                targets.append(None)
                contents.append(heading(section.title, section.count if section.counted else None))
            if section.rows:  # unzipped in C: the Log shows 33,000 rows at ten years
                section_targets, section_contents = zip(*section.rows, strict=True)
                targets.extend(section_targets)
                contents.extend(section_contents)
        self._targets, self._contents = targets, contents
        self._set_row_count(len(targets))
        self._restore(keep, old_cursor)
        self.refresh()

    def _set_row_count(self, rows: int) -> None:
        """A new number of rows without laying out the whole screen again.

        ``virtual_size`` is a layout reactive in Textual: setting it re-lays out every
        widget on the screen, which was most of a keystroke's time when filtering. Only
        the scrollbar depends on it here; the scrollbar appearing or going away changes
        the list's width, and ``show_vertical_scrollbar`` (a layout reactive itself) then
        asks for the layout."""
        size = Size(self.virtual_size.width, rows)
        if size == self.virtual_size:
            return
        if not self.is_mounted or not self.size:  # not laid out yet: the usual way
            self.virtual_size = size
            return
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)  # scrollbar shown or not, its thumb, scroll_y clamped

    def select_target(self, kind: str, record_id: int) -> bool:
        for index, target in enumerate(self._targets):
            if target is not None and target.kind == kind and target.id == record_id:
                self.cursor = index
                return True
        return False

    def _restore(self, keep: Target | None, old_cursor: int) -> None:
        if keep is not None:
            if keep in self._targets:  # the same record in the same section
                self.cursor = self._targets.index(keep)
                return
            if self.select_target(keep.kind, keep.id):
                return
        # The record is gone (done, dropped, filtered out): stay at the same height.
        self.cursor = self._nearest(max(old_cursor, 0), 1)

    def _nearest(self, index: int, direction: int) -> int:
        """The first selectable row from ``index`` on in ``direction``, else the other way."""
        count = len(self._targets)
        index = min(max(index, 0), count - 1)
        for step in (direction, -direction):
            i = index
            while 0 <= i < count:
                if self._targets[i] is not None:
                    return i
                i += step
        return -1

    # --- cursor ---------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        # After layout: before its first one the list has no height to scroll within.
        self.call_after_refresh(self._scroll_to_cursor)
        self.post_message(self.Highlighted(self, self.target))

    def _scroll_to_cursor(self) -> None:
        if self.cursor >= 0 and self.size.height:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
            )

    def watch_hover(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)

    def _refresh_row(self, index: int) -> None:
        if index >= 0:
            self.refresh(Region(0, index - self.scroll_offset.y, self.size.width, 1))

    def action_cursor(self, step: int) -> None:
        i = self.cursor + step
        while 0 <= i < len(self._targets) and self._targets[i] is None:
            i += step
        if 0 <= i < len(self._targets):
            self.cursor = i

    def action_page(self, direction: int) -> None:
        if self._targets:
            self.cursor = self._nearest(self.cursor + direction * self.size.height, direction)

    def action_edge(self, direction: int) -> None:
        if self._targets:
            start = 0 if direction < 0 else len(self._targets) - 1
            self.cursor = self._nearest(start, -direction)

    def action_select(self) -> None:
        if self.target is not None:
            self.post_message(self.Selected(self, self.target))

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is not None and self._targets[row] is not None:
            self.cursor = row
            if event.chain > 1:
                self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = event.style.meta.get("row", -1)

    def _on_leave(self, _: events.Leave) -> None:
        self.hover = -1

    # --- rendering ---------------------------------------------------------------------------

    def _on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._drawn_width:  # rows drawn at another width are not shown again
            self._strips.clear()
            self._drawn_width = width
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._targets))

    def notify_style_update(self) -> None:
        self._strips.clear()  # the theme changed: cached strips have the old colours
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._targets):
            return Strip.blank(width, self.get_visual_style("record-list--row").rich_style)
        if self._targets[index] is None:
            state = "record-list--heading"
        elif index == self.cursor:
            state = "record-list--cursor"
        elif index == self.hover:
            state = "record-list--hover"
        else:
            state = "record-list--row"
        state_key = state + (":focus" if self.has_focus else "")
        target = self._targets[index]
        # Records by target, headings by their text (counts change as the filter does).
        key = (target or self._content(index).plain, state_key, width)
        strip = self._strips.get(key)
        if strip is None:
            content = self._content(index)
            if state == "record-list--cursor" and self.has_focus:
                # The cursor bar's own colours: a red or blue span on it is unreadable.
                content = Content(content.plain)
            style = self.get_visual_style("record-list--row", state)
            strips = Visual.to_strips(self, content, width, 1, style)
            strip = strips[0] if strips else Strip.blank(width)
            strip = strip.extend_cell_length(width, style.rich_style).crop(0, width)
            self._strips[key] = strip
        # The row number goes on last: the same record moves between rows as you type.
        return strip.apply_meta({"row": index})

    def _content(self, index: int) -> Content:
        content = self._contents[index]
        if callable(content):
            content = self._contents[index] = content()
        return content

    def _on_focus(self, event: events.Focus) -> None:
        self._refresh_row(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        self._refresh_row(self.cursor)
