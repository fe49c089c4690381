"""Text measured in terminal columns: CJK and other wide characters take two.

Shared by the shell's tables and the app's rows, so a Chinese name is padded and cut the
same way in both. Pure and stdlib-only: ``collab add`` imports it.
"""

from __future__ import annotations

import re
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


# Chinese line breaking (禁则): these never begin a line, those never end one.
_NO_LINE_START = frozenset("、，。．；：？！）］｝〕〉》」』】〗’”…‥—～·%,.;:?!)]}")
_NO_LINE_END = frozenset("（［｛〔〈《「『【〖‘“([{")
_WORD = re.compile(r"\S+")


def _is_wide(ch: str) -> bool:
    return not ch.isascii() and _width(ch) == 2


# Where Chinese text without spaces may break between phrases: after its commas, enumeration
# commas, stops and closing brackets ("刘静娜、赵芳" breaks after "、", not inside a name).
_BREAK_AFTER = frozenset(ch for ch in _NO_LINE_START if _is_wide(ch))


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run that stays on one line if it can: the words between
    spaces, divided after Chinese punctuation that ends a phrase."""
    units: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        begin, stop = word.span()
        for at in range(begin + 1, stop):
            if text[at - 1] in _BREAK_AFTER and text[at] not in _NO_LINE_START:
                units.append((begin, at))
                begin = at
        units.append((begin, stop))
    return units


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Where to cut ``text`` into lines of at most ``width`` columns: (start, end) slices.

    Lines break at spaces (dropped at the break; the first line keeps its indent) and
    after Chinese punctuation that ends a phrase ("、", "，", "。", "）"), so that a name or
    a department moves to the next line whole. A run wider than a whole line starts where
    it is and is cut between characters: a wide one never split, a Latin word kept whole
    where it can be, never before closing punctuation nor after opening ("、" or "）"
    never begins a line, "（" never ends one).
    """
    if cell_width(text) <= width:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    start = end = used = 0
    for begin, stop in _units(text):
        size = cell_width(text[begin:stop])
        gap = cell_width(text[end:begin])  # the spaces between, or none
        if used + gap + size <= width:
            used += gap + size
            end = stop
            continue
        if size <= width or used + gap >= width:  # to the next line, whole if it fits
            if end > start:
                lines.append((start, end))
            start, used = begin, 0
        else:
            used += gap
        end = stop
        if size <= width:
            used = size
            continue
        for at in range(begin, stop):  # wider than a line: cut between characters
            columns = _width(text[at])
            if used + columns > width and used:
                cut = at
                while cut > max(begin, start + 1) and _kept_together(text[cut - 1], text[cut]):
                    cut -= 1  # the character before goes down with it
                if cut == begin:  # the whole run goes down, as a word would
                    kept = len(text[:begin].rstrip())
                    if kept > start:  # not an indent alone
                        lines.append((start, kept))
                else:
                    if _kept_together(text[cut - 1], text[cut]):
                        cut = at  # no better place on this line (one long word): where full
                    lines.append((start, cut))
                start, used = cut, cell_width(text[cut:at])
            used += columns
    lines.append((start, end))
    return lines


def _kept_together(before: str, after: str) -> bool:
    """May a line not end with ``before`` and the next begin with ``after``?"""
    return (
        after in _NO_LINE_START
        or before in _NO_LINE_END
        or not (_is_wide(before) or _is_wide(after))  # inside a Latin word or number
    )
