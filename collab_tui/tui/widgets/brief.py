"""The pre-meeting brief (``triage.Brief``) as rows for ``HangingLines``."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from collab_tui.facts import brief_facts
from collab_tui.model import Item, one_line
from collab_tui.text import cell_width, pad
from collab_tui.tui.content import heading, item_prompt, text
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.hanging import Row
from collab_tui.words import before_text, format_date, label, t

BLANK: Row = (Content(""), Content(""))
INDENT = Content("  ")


def _line(content: Content) -> Row:
    return (Content(""), content)


LABEL_WIDTH = 13  # "last contact" and a space; a longer label widens the column


def _fact(label: str, value: str | Content, width: int = LABEL_WIDTH) -> Row:
    body = value if isinstance(value, Content) else Content(value)
    return (Content.assemble((pad(label, width), "dim")), body)


def _items(title: str, items: list[Item], snapshot: Snapshot) -> list[Row]:
    rows = [BLANK, _line(heading(title, len(items)))]
    rows.extend((INDENT, item_prompt(i, snapshot)) for i in items)
    return rows


def _bullets(title: str, values: list[str], empty: str) -> list[Row]:
    rows = [BLANK, _line(heading(title))]
    if not values:
        rows.append((INDENT, Content.assemble((empty, "dim"))))
    rows.extend((Content("  • "), text(v)) for v in values)
    return rows


_TONES = {"": "", "dim": "dim"}


def brief_rows(brief: Any, snapshot: Snapshot) -> list[Row]:
    """The brief's facts (``facts.brief_facts``, shared with the shell), styled."""
    today = snapshot.today
    facts = brief_facts(brief, today)
    lines: list[Row] = [_line(Content.assemble((facts.name, "bold $text-accent")))]
    # One column for every label, wide enough for the widest ("stance history") and a gap.
    width = max([LABEL_WIDTH, *(cell_width(f.label) + 1 for f in facts.facts)])
    lines.extend(
        _fact(f.label, Content.assemble((f.value, _TONES[f.tone])), width) for f in facts.facts
    )
    for bullets in facts.bullets:
        lines += _bullets(bullets.heading, bullets.values, bullets.empty)
    for group in facts.groups:
        lines += _items(group.heading, group.items, snapshot)

    lines += [BLANK, _line(heading(facts.interactions_heading))]
    if not facts.interactions:
        lines.append((INDENT, Content.assemble((facts.interactions_empty, "dim"))))
    for record in facts.interactions:
        when = Content.assemble(
            ("  " + format_date(record.date, today) + " ", "dim"),
            (label(record.kind) + " ", "$text-accent"),
        )
        lines.append((when, text(one_line(record.summary))))
        lines.extend(
            (Content.assemble(("    " + before_text(t("brief.decided")), "$text-success")), text(d))
            for d in map(one_line, record.decisions)
        )
    if facts.notes:
        lines += [BLANK, _line(heading(t("brief.notes")))]
        lines.extend(_line(text(line)) for line in facts.notes)
    return lines
