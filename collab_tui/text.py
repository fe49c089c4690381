"""Text measured in terminal columns: CJK and other wide characters take two.

Shared by the shell's tables and the app's rows, so a Chinese name is padded and cut the
same way in both. Pure and stdlib-only: ``collab add`` imports it.
"""

from __future__ import annotations

import unicodedata


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


# Widths of the non-ASCII texts measured so far: a table measures each cell three times
# (cut, column width, padding) and names repeat down a column. Bounded.
_MEASURED: dict[str, int] = {}


def cell_width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    if text.isascii():  # most cells: one column a character, no per-character look-up
        return len(text)
    width = _MEASURED.get(text)
    if width is None:
        if len(_MEASURED) > 4096:
            _MEASURED.clear()
        width = _MEASURED[text] = sum(map(_width, text))
    return width


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns (never cut)."""
    return text + " " * max(0, width - cell_width(text))


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with "…" where it was cut."""
    if len(text) <= width // 2 or cell_width(text) <= width:  # the common case: no cut
        return text
    kept: list[str] = []
    used = 0
    for ch in text:
        used += _width(ch)
        if used > width - 1:  # one column left for the ellipsis
            break
        kept.append(ch)
    return "".join(kept) + "…"
