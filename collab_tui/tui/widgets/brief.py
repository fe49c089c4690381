"""The pre-meeting brief (``triage.Brief``) as rows for ``HangingLines``."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from collab_tui.dates import describe_due, format_date
from collab_tui.model import STANCE_LABELS, Item, one_line
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.hanging import Row
from collab_tui.tui.widgets.render import LOADING, heading, item_prompt, loading_line, text

BLANK: Row = (Content(""), Content(""))
INDENT = Content("  ")


def _line(content: Content) -> Row:
    return (Content(""), content)


def _fact(label: str, value: str | Content) -> Row:
    body = value if isinstance(value, Content) else Content(value)
    return (Content.assemble((f"{label:<13}", "dim")), body)


def _items(title: str, items: list[Item], snapshot: Snapshot) -> list[Row]:
    rows = [BLANK, _line(heading(title, len(items)))]
    rows.extend((INDENT, item_prompt(i, snapshot)) for i in items)
    return rows


def _bullets(title: str, values: list[str], empty: str = "none recorded") -> list[Row]:
    rows = [BLANK, _line(heading(title))]
    if not values:
        rows.append((INDENT, Content.assemble((empty, "dim"))))
    rows.extend((Content("  • "), text(one_line(v))) for v in values if v)
    return rows


def brief_rows(brief: Any, snapshot: Snapshot, history_loaded: bool = True) -> list[Row]:
    """``history_loaded`` False: the log is still being read, so the last contact and
    the last interactions say so instead of "never logged"."""
    person = brief.contact
    today = snapshot.today
    lines: list[Row] = [_line(Content.assemble((one_line(person.name), "bold $text-accent")))]
    if person.aliases:
        lines.append(_fact("also", ", ".join(one_line(a) for a in person.aliases)))
    role = " · ".join(
        one_line(x) for x in (person.title, person.department, person.organisation) if x
    )
    if role:
        lines.append(_fact("role", role))
    chain = " → ".join(
        one_line(b.name) + (f" ({one_line(b.title)})" if b.title else "") for b in brief.boss_chain
    )
    lines.append(_fact("boss chain", chain or Content.assemble(("none recorded", "dim"))))
    if brief.reports:
        lines.append(_fact("reports", ", ".join(one_line(r.name) for r in brief.reports)))
    lines.append(_fact("stance", STANCE_LABELS[person.stance]))
    roles = [r.value for r in (person.side, person.level, person.flow) if r is not None]
    lines.append(_fact("roles", ", ".join(roles) if roles else "not set"))
    last = brief.last_contact
    if not history_loaded:
        lines.append(_fact("last contact", Content.assemble((LOADING, "italic $text-muted"))))
    elif last is None:
        lines.append(_fact("last contact", "never logged"))
    else:
        ago = describe_due(last, today).replace("late", "ago")
        lines.append(_fact("last contact", f"{format_date(last, today)} ({ago})"))
    for label, value in (("email", person.email), ("phone", person.phone)):
        if value:
            lines.append(_fact(label, one_line(value)))
    if person.tags:
        lines.append(_fact("tags", " ".join("#" + one_line(t) for t in person.tags)))

    lines += _bullets("KPIs (what they are measured on)", person.kpis)
    lines += _bullets("Concerns", person.concerns)
    lines += _bullets("What they gain from working with me", [person.gains] if person.gains else [])
    lines += _items("I owe them", brief.i_owe, snapshot)
    lines += _items("They owe me", brief.they_owe, snapshot)
    if brief.tasks:
        lines += _items("Other open items with them", brief.tasks, snapshot)
    lines += _items("Linked risks", brief.risks, snapshot)

    if not history_loaded:
        lines += [BLANK, _line(heading("Last interactions")), _line(loading_line())]
    else:
        lines += [BLANK, _line(heading("Last interactions", brief.all_interactions_count))]
    if history_loaded and not brief.last_interactions:
        lines.append((INDENT, Content.assemble(("none logged yet", "dim"))))
    for record in brief.last_interactions:
        when = Content.assemble(
            ("  " + format_date(record.date, today) + " ", "dim"),
            (record.kind.value + " ", "$text-accent"),
        )
        lines.append((when, text(one_line(record.summary))))
        lines.extend(
            (Content.assemble(("    decided: ", "$text-success")), text(one_line(d)))
            for d in record.decisions
        )
    if person.notes:
        lines += [BLANK, _line(heading("Notes"))]
        lines.extend(_line(text(line)) for line in person.notes.splitlines())
    return lines
