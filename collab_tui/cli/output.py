"""What ``collab today``, ``matrix`` and ``who`` print: plain text, Rich tables or JSON.

Each view is first built as a list of sections (tables, facts, lines) of plain strings;
``to_plain`` turns them into aligned text for pipes and ``print_rich`` into Rich tables
for a terminal. Rich is imported inside ``print_rich`` only, and every user string goes
through ``model.one_line`` here and into ``rich.text.Text`` there, so stored text is never
read as markup or terminal escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from collab_tui.facts import brief_facts, escalation_line
from collab_tui.model import Contact, Interaction, Item, Kind, Status, one_line
from collab_tui.text import cell_width, pad, truncate
from collab_tui.words import (
    EN,
    ago,
    format_date,
    label,
    listing,
    long_date,
    relative,
    t,
    with_details,
    with_relative,
)

# --- sections ------------------------------------------------------------------------------


@dataclass
class Table:
    heading: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # per row: "" / "late" / "closed"
    empty: str = field(default_factory=lambda: t("nothing"))
    count: bool = True  # show the row count in the heading


@dataclass
class Facts:
    heading: str
    pairs: list[tuple[str, str]]


@dataclass
class Lines:
    heading: str
    lines: list[str]
    empty: str = field(default_factory=lambda: t("none_recorded"))


Section = Table | Facts | Lines

# Column ids: the plain and Rich printers key their layout on these; headers come from words.
ITEM_COLUMNS = ["id", "kind", "title", "who", "due", "tags"]


def item_row(item: Item, names: dict[int, str], today: date) -> list[str]:
    people = listing(one_line(names.get(i, f"#{i}")) for i in item.contact_ids)
    if people:
        people = {Kind.OWE: "-> ", Kind.WAIT: "<- "}.get(item.kind, "") + people
    kind = label(item.kind) + ("!" if item.important and not item.is_risk else "")
    if item.status is Status.OCCURRED:
        kind = label(item.status)  # a risk that happened: now a problem being handled
    elif not item.is_open:
        kind = with_details(kind, [label(item.status)])
    return [
        f"#{item.id}",
        kind,
        one_line(item.title),
        people,
        when_text(item, today),
        " ".join("#" + one_line(tag) for tag in item.tags),
    ]


def when_text(item: Item, today: date) -> str:
    """'Tue 24 Nov (3 days late)'; a risk shows its review date."""
    if item.is_risk and item.review is not None and item.due is None:
        review = item.review
        return t("date.review", date=format_date(review, today), relative=relative(review, today))
    if item.due is None:
        return ""
    text = with_relative(item.due, today)
    if item.due_history:
        text = t("date.moved", text=text, n=len(item.due_history))
    return text


def item_style(item: Item, today: date) -> str:
    if not item.is_active:
        return "closed"
    if item.due is not None and item.due < today:
        return "late"
    return ""


def item_table(
    heading: str, items: list[Item], names: dict[int, str], today: date, empty: str = ""
) -> Table:
    return Table(
        heading=heading,
        columns=ITEM_COLUMNS,
        rows=[item_row(item, names, today) for item in items],
        styles=[item_style(item, today) for item in items],
        empty=empty or t("nothing"),
    )


def _names(contacts: list[Contact]) -> dict[int, str]:
    return {c.id: c.name for c in contacts}


# --- today ---------------------------------------------------------------------------------


def agenda_sections(agenda: Any, contacts: list[Contact], today: date) -> list[Section]:
    names = _names(contacts)
    sections: list[Section] = [
        Lines(long_date(today), [], empty=""),
        item_table(t("today.overdue"), agenda.overdue, names, today),
        item_table(t("today.due_today"), agenda.due_today, names, today),
        item_table(t("quadrant.do_now.heading"), agenda.do_now, names, today),
        item_table(t("today.owe"), agenda.owe, names, today),
        item_table(t("today.waiting"), agenda.waiting, names, today),
        item_table(t("today.risks"), agenda.risks_to_review, names, today),
    ]
    cold = Table(
        t("today.cold"),
        ["contact", "stance", "last contact", "last topic", "open items"],
        empty=t("today.cold.empty"),
    )
    for entry in agenda.going_cold:
        last = entry.last_contact
        cold.rows.append(
            [
                one_line(entry.contact.name),
                label(entry.contact.stance),
                with_relative(last, today, ago(last, today))
                if last is not None
                else t("never_logged"),
                one_line(entry.last_topic),
                ", ".join(f"#{item.id}" for item in entry.open_items),
            ]
        )
        cold.styles.append("")
    sections.append(cold)
    if agenda.escalations:
        sections.append(
            Lines(
                t("today.escalations"),
                [escalation_line(e, names, today) for e in agenda.escalations],
            )
        )
    return sections


def agenda_json(agenda: Any, today: date) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "overdue": [i.to_dict() for i in agenda.overdue],
        "due_today": [i.to_dict() for i in agenda.due_today],
        "do_now": [i.to_dict() for i in agenda.do_now],
        "owe": [i.to_dict() for i in agenda.owe],
        "waiting": [i.to_dict() for i in agenda.waiting],
        "risks_to_review": [i.to_dict() for i in agenda.risks_to_review],
        "going_cold": [
            {
                "contact_id": entry.contact.id,
                "name": entry.contact.name,
                "last_contact": entry.last_contact.isoformat() if entry.last_contact else None,
                "open_items": [i.id for i in entry.open_items],
            }
            for entry in agenda.going_cold
        ],
        "cadence": [cadence_json(entry) for entry in agenda.going_cold],
        "escalations": [e.to_dict() for e in agenda.escalations],
    }


def step_json(step: Item, contact: Contact) -> dict[str, Any]:
    """The playbook's suggested item, not saved: what it would be, without ids or stamps.

    Its title in English whatever the interface language (``--json`` is for scripts);
    ``playbook`` names the stance whose step it is (docs/PLAYBOOK.md)."""
    full = step.to_dict()
    stance = contact.stance.value
    out = {"playbook": stance, "title": EN[f"playbook.step.{stance}"].format(name=contact.name)}
    out.update((key, full[key]) for key in ("kind", "important", "due", "contact_ids", "tags"))
    return out


def cadence_json(entry: Any) -> dict[str, Any]:
    """One contact overdue for contact (``collab today --json`` key ``cadence``)."""
    return {
        "contact_id": entry.contact.id,
        "name": entry.contact.name,
        "stance": entry.contact.stance.value,
        "cadence_days": entry.cadence_days,
        "last_contact": entry.last_contact.isoformat() if entry.last_contact else None,
        "days_overdue": entry.days_overdue,
        "last_topic": entry.last_topic,
        "open_items": [i.id for i in entry.open_items],
    }


# --- matrix --------------------------------------------------------------------------------

# The JSON keys, in display order (triage.Quadrant values); the headings are words.
QUADRANT_KEYS = ["do_now", "schedule", "delegate", "drop"]


def _quadrant_key(quadrant: Any) -> str:
    return str(getattr(quadrant, "value", quadrant)).lower()


def matrix_sections(
    quadrants: dict[Any, list[Item]], contacts: list[Contact], today: date
) -> list[Section]:
    names = _names(contacts)
    by_key = {_quadrant_key(q): items for q, items in quadrants.items()}
    return [
        item_table(t(f"quadrant.{key}.heading"), by_key.get(key, []), names, today)
        for key in QUADRANT_KEYS
    ]


def matrix_json(quadrants: dict[Any, list[Item]]) -> dict[str, Any]:
    by_key = {_quadrant_key(q): items for q, items in quadrants.items()}
    return {key: [i.to_dict() for i in by_key.get(key, [])] for key in QUADRANT_KEYS}


# --- who (the pre-meeting brief) ---------------------------------------------------------------


def brief_sections(brief: Any, contacts: list[Contact], today: date) -> list[Section]:
    names = _names(contacts)
    facts = brief_facts(brief, today)
    meetings = Lines(facts.interactions_heading, [], empty=facts.interactions_empty)
    for interaction in facts.interactions:
        meetings.lines.extend(interaction_lines(interaction, names, today))
    sections: list[Section] = [
        Facts(
            t("cli.contact.who", name=facts.name, id=facts.contact_id),
            [(f.label, f.value) for f in facts.facts],
        )
    ]
    sections += [Lines(b.heading, b.values, empty=b.empty) for b in facts.bullets]
    sections += [item_table(g.heading, g.items, names, today, g.empty) for g in facts.groups]
    sections.append(meetings)
    if facts.notes:
        sections.append(Lines(t("brief.notes"), facts.notes))
    return sections


def interaction_lines(interaction: Interaction, names: dict[int, str], today: date) -> list[str]:
    people = listing(one_line(names.get(i, f"#{i}")) for i in interaction.contact_ids)
    head = f"{format_date(interaction.date, today)}  {label(interaction.kind)}"
    if people:
        head += " " + t("brief.with", names=people)
    if interaction.summary:
        head = t("describe.summary", text=head, summary=one_line(interaction.summary))
    return [head] + ["  - " + t("brief.decision", text=one_line(d)) for d in interaction.decisions]


def brief_json(brief: Any) -> dict[str, Any]:
    return {
        "contact": brief.contact.to_dict(),
        "boss_chain": [{"id": b.id, "name": b.name, "title": b.title} for b in brief.boss_chain],
        "last_contact": brief.last_contact.isoformat() if brief.last_contact else None,
        "i_owe": [i.to_dict() for i in brief.i_owe],
        "they_owe": [i.to_dict() for i in brief.they_owe],
        "reports": [{"id": c.id, "name": c.name} for c in brief.reports],
        "tasks": [i.to_dict() for i in brief.tasks],
        "risks": [i.to_dict() for i in brief.risks],
        "last_interactions": [r.to_dict() for r in brief.last_interactions],
        "interactions_count": brief.all_interactions_count,
        "stance_history": list(brief.contact.stance_history),
        "next_step": (
            step_json(brief.next_step, brief.contact) if brief.next_step is not None else None
        ),
        "escalations": [e.to_dict() for e in brief.escalations],
    }


# --- plain text ----------------------------------------------------------------------------------


# The most a table cell shows, in columns: one long title must not push every row of
# `collab today` to its width (the full text is in `--json` and the app).
CELL_CAP = {"title": 80}
DEFAULT_CELL_CAP = 40


def _cap(column: str, text: str) -> str:
    return truncate(text, CELL_CAP.get(column, DEFAULT_CELL_CAP))


def to_plain(sections: list[Section]) -> str:
    out: list[str] = []
    for section in sections:
        if isinstance(section, Table):
            heading = section.heading
            if section.count:
                heading = t("heading.count", title=heading, count=len(section.rows))
            out.append(heading)
            if not section.rows:
                out.append(f"  {section.empty}")
            else:
                # Drop columns that are empty in every row; pad all but the last.
                used = [
                    i for i in range(len(section.columns)) if any(row[i] for row in section.rows)
                ]
                columns = section.columns
                rows = [[_cap(columns[i], cell) for i, cell in enumerate(r)] for r in section.rows]
                widths = {i: max(cell_width(row[i]) for row in rows) for i in used}
                for row in rows:
                    cells = [row[i] for i in used]
                    padded = [pad(c, widths[i]) for c, i in zip(cells[:-1], used, strict=False)]
                    out.append("  " + "  ".join([*padded, cells[-1]]).rstrip())
        elif isinstance(section, Facts):
            out.append(section.heading)
            width = max((cell_width(label) for label, _ in section.pairs), default=0)
            out.extend(f"  {pad(label, width)}  {value}" for label, value in section.pairs)
        else:
            if not section.heading and not section.lines:
                continue
            out.append(section.heading)
            if section.lines:
                out.extend(f"  {line}" for line in section.lines)
            elif section.empty:
                out.append(f"  {section.empty}")
        out.append("")
    return "\n".join(out)


# --- Rich ----------------------------------------------------------------------------------------

_ROW_STYLES = {"late": "red", "closed": "dim", "": ""}


def print_rich(sections: list[Section]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console()
    for section in sections:
        if isinstance(section, Table):
            heading = section.heading
            if section.count:
                heading = t("heading.count", title=heading, count=len(section.rows))
            console.print(Text(heading, style="bold"))
            if not section.rows:
                console.print(Text(f"  {section.empty}", style="dim"))
                console.print()
                continue
            console.print(_rich_table(section))
        elif isinstance(section, Facts):
            console.print(Text(section.heading, style="bold underline"))
            table = RichTable(show_header=False, box=None, pad_edge=True)
            table.add_column(style="dim", no_wrap=True)
            table.add_column(overflow="fold")
            for label, value in section.pairs:
                table.add_row(Text(label), Text(value))
            console.print(table)
        else:
            if not section.heading and not section.lines:
                continue
            console.print(Text(section.heading, style="bold"))
            if section.lines:
                for line in section.lines:
                    console.print(Text(f"  {line}"))
            elif section.empty:
                console.print(Text(f"  {section.empty}", style="dim"))
        console.print()


# Rich column widths: ids and kinds never wrap, the title keeps room to stay readable.
_MIN_WIDTHS = {"title": 20, "due": 12, "who": 8}


def _rich_table(section: Table) -> Any:
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(show_edge=False, box=None, pad_edge=True, header_style="dim")
    # Tags go under the title (dim) rather than in a column of their own: 80 columns is
    # not much room for six columns.
    columns = section.columns
    tags_at = columns.index("tags") if "tags" in columns and "title" in columns else None
    used = [i for i in range(len(columns)) if i != tags_at and any(row[i] for row in section.rows)]
    for i in used:
        table.add_column(
            t("column." + columns[i].replace(" ", "_")),
            overflow="fold",
            no_wrap=columns[i] in ("id", "kind"),
            min_width=_MIN_WIDTHS.get(columns[i]),
        )
    styles = section.styles or [""] * len(section.rows)
    for row, style in zip(section.rows, styles, strict=False):
        cells = []
        for i in used:
            cell = Text(_cap(columns[i], row[i]))
            if tags_at is not None and columns[i] == "title" and row[tags_at]:
                cell.append("  " + _cap("tags", row[tags_at]), style="dim")
            cells.append(cell)
        table.add_row(*cells, style=_ROW_STYLES.get(style, ""))
    return table
