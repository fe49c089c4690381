"""Text laid out as (prefix, body) rows whose bodies wrap under themselves.

A brief reads like a form: "role         Approval owner · Dept B · Shop Co.". When the
value is longer than the pane, plain wrapping would continue it at column 0, under the
labels; here each body wraps within its own column, like a hanging indent.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from collab_tui.text import wrap

Row = tuple[Content, Content]  # (prefix, body)


def hang(rows: list[Row], width: int) -> list[Content]:
    """The rows as display lines at ``width`` cells (``text.wrap``: Chinese line breaks)."""
    lines: list[Content] = []
    for prefix, body in rows:
        indent = prefix.cell_length
        room = max(width - indent, 8)
        wrapped = [
            line[start:end] for line in body.split("\n") for start, end in wrap(line.plain, room)
        ]
        lines.append(prefix + (wrapped[0] if wrapped else Content("")))
        padding = Content(" " * indent)
        lines.extend(padding + line for line in wrapped[1:])
    return lines


class HangingLines(Static):
    """A Static that shows ``Row``s with hanging indents, re-wrapped on resize."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Row] = []

    def show_rows(self, rows: list[Row]) -> None:
        self._rows = rows
        self.refresh(layout=True)

    def show_text(self, message: Content | str) -> None:
        self.show_rows([(Content(""), Content(message) if isinstance(message, str) else message)])

    @property
    def plain_text(self) -> str:
        """Everything shown, one row a line, unwrapped (for tests and copying)."""
        return "\n".join((prefix + body).plain for prefix, body in self._rows)

    def render(self) -> Content:
        return Content("\n").join(hang(self._rows, self.content_region.width or 80))

    def on_resize(self) -> None:
        # Textual caches the rendered visual until the layout changes; the wrapping
        # depends on the width, so a new width needs a new render.
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(hang(self._rows, width))
