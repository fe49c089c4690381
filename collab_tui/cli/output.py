"""What ``collab today``, ``matrix`` and ``who`` print: plain text, Rich tables or JSON.

Each view is first built as a list of sections (tables, facts, lines) of plain strings;
``to_plain`` turns them into aligned text for pipes and ``print_terminal`` into styled,
wrapped text for a terminal (no Rich: its table layout was most of the time of a big
``collab today``). Every user string goes through ``model.one_line`` or ``model.plain``, so
stored text never reaches the terminal as escape sequences.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, time
from typing import Any

from collab_tui import triage
from collab_tui.model import Contact, Interaction, Item, Kind, Meeting, Status, one_line, plain
from collab_tui.records import record_class
from collab_tui.text import cell_width, pad, truncate, wrap
from collab_tui.words import (
    EN,
    ago,
    every_label,
    format_date,
    label,
    language,
    listing,
    long_date,
    relative,
    t,
    with_details,
    with_relative,
)

# --- sections ------------------------------------------------------------------------------


@record_class
class Table:
    """A titled table of the shell's output."""

    heading: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # per row: "" / "late" / "closed"
    empty: str = field(default_factory=lambda: t("nothing"))
    count: bool = True  # show the row count in the heading


@record_class
class Facts:
    """A titled list of label: value lines of the shell's output."""

    heading: str
    pairs: list[tuple[str, str]]


@record_class
class Lines:
    """A titled list of lines of the shell's output."""

    heading: str
    lines: list[str]
    empty: str = field(default_factory=lambda: t("none_recorded"))


Section = Table | Facts | Lines

# Column ids: the plain and Rich printers key their layout on these; headers come from words.
ITEM_COLUMNS = ["id", "kind", "title", "who", "due", "tags"]


def blocked_map(items: Iterable[Item]) -> dict[int, list[int]]:
    """Active item id -> the ids of the active items it waits on (blocked items only)."""
    active = {i.id: i for i in items if i.is_active}
    return {
        i.id: [b.id for b in triage.blockers(i, active)]
        for i in active.values()
        if triage.is_blocked(i, active)
    }


def blocked_title(title: str, blocked_by: list[int]) -> str:
    """'retest payment flow (blocked by #12)'."""
    ids = listing(f"#{i}" for i in blocked_by)
    return with_details(title, [t("blocked.by", ids=ids)])


def item_row(
    item: Item, names: dict[int, str], today: date, blocked_by: list[int] | None = None
) -> list[str]:
    people = listing(one_line(names.get(i, f"#{i}")) for i in item.contact_ids)
    if people:
        people = {Kind.OWE: "-> ", Kind.WAIT: "<- "}.get(item.kind, "") + people
    kind = label(item.kind) + ("!" if item.important and not item.is_risk else "")
    if item.status is Status.OCCURRED:
        kind = label(item.status)  # a risk that happened: now a problem being handled
    elif not item.is_open:
        kind = with_details(kind, [label(item.status)])
    title = one_line(item.title)
    if blocked_by:
        title = blocked_title(title, blocked_by)
    return [
        f"#{item.id}",
        kind,
        title,
        people,
        when_text(item, today),
        " ".join("#" + one_line(tag) for tag in item.tags),
    ]


@functools.lru_cache(maxsize=1024)
def _due_words(day: date, today: date, language: str) -> str:
    """'Fri 27 Nov (3 days late)': hundreds of rows share a few dozen due dates."""
    return with_relative(day, today)


def when_text(item: Item, today: date) -> str:
    """'Tue 24 Nov (3 days late)'; a risk shows its review date."""
    if item.is_risk and item.review is not None and item.due is None:
        review = item.review
        return t("date.review", date=format_date(review, today), relative=relative(review, today))
    if item.due is None:
        return ""
    text = _due_words(item.due, today, language())
    if item.due_history:
        text = t("date.moved", text=text, n=len(item.due_history))
    if item.every is not None:
        text = t("date.repeats", text=text, every=every_label(item.every))
    return text


def item_style(item: Item, today: date, blocked: bool = False) -> str:
    if not item.is_active:
        return "closed"
    if item.due is not None and item.due < today and not blocked:  # blocked: not late
        return "late"
    return ""


def item_table(
    heading: str,
    items: list[Item],
    names: dict[int, str],
    today: date,
    empty: str = "",
    blocked: Mapping[int, list[int]] | None = None,
) -> Table:
    blocked = blocked or {}
    return Table(
        heading=heading,
        columns=ITEM_COLUMNS,
        rows=[item_row(item, names, today, blocked.get(item.id)) for item in items],
        styles=[item_style(item, today, item.id in blocked) for item in items],
        empty=empty or t("nothing"),
    )


def _names(contacts: list[Contact]) -> dict[int, str]:
    return {c.id: c.name for c in contacts}


# --- today ---------------------------------------------------------------------------------


def agenda_sections(agenda: Any, contacts: list[Contact], today: date) -> list[Section]:
    names = _names(contacts)
    blocked = {b.item.id: [i.id for i in b.blocked_by] for b in agenda.blocked}
    sections: list[Section] = [
        Lines(long_date(today), [], empty=""),
        meetings_table(agenda.meetings_today, contacts, today, None, t("today.meetings")),
    ]
    if agenda.awaiting_outcome:  # shown only when there is an outcome to log
        outcome = meetings_table(agenda.awaiting_outcome, contacts, today, None)
        outcome.heading = t("today.awaiting_outcome")
        sections.append(outcome)
    sections += [
        item_table(t("today.overdue"), agenda.overdue, names, today),
        item_table(t("today.due_today"), agenda.due_today, names, today),
        item_table(t("quadrant.do_now.heading"), agenda.do_now, names, today),
        item_table(t("today.owe"), agenda.owe, names, today, blocked=blocked),
        item_table(t("today.waiting"), agenda.waiting, names, today, blocked=blocked),
        item_table(t("today.risks"), agenda.risks_to_review, names, today),
        item_table(
            t("today.blocked"), [b.item for b in agenda.blocked], names, today, blocked=blocked
        ),
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
        # The facts are imported where they are shown (escalations, a brief): `collab
        # matrix` and a day without escalations never need them (tests/test_layers.py).
        from collab_tui.facts import escalation_line

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
        "meetings_today": [m.to_dict() for m in agenda.meetings_today],
        "awaiting_outcome": [m.to_dict() for m in agenda.awaiting_outcome],
        "blocked": [
            {**b.item.to_dict(), "blocked_by": [i.id for i in b.blocked_by]} for b in agenda.blocked
        ],
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
    quadrants: dict[Any, list[Item]],
    contacts: list[Contact],
    today: date,
    blocked: Mapping[int, list[int]] | None = None,
) -> list[Section]:
    names = _names(contacts)
    by_key = {_quadrant_key(q): items for q, items in quadrants.items()}
    return [
        item_table(t(f"quadrant.{key}.heading"), by_key.get(key, []), names, today, blocked=blocked)
        for key in QUADRANT_KEYS
    ]


# --- planned meetings ---------------------------------------------------------------------

MEETING_COLUMNS = ["id", "when", "title", "who"]


def meetings_table(
    meetings: list[Meeting],
    contacts: list[Contact],
    today: date,
    clock: time | None,
    heading: str = "",
) -> Table:
    """Planned meetings, in time order; with ``clock``, those passed say so (outcome due)."""
    names = _names(contacts)
    table = Table(heading or t("meetings.heading"), MEETING_COLUMNS, empty=t("meetings.none"))
    for meeting in meetings:
        when = format_date(meeting.date, today)
        if meeting.time:
            # Today's meetings: the time says it all.
            at = t("describe.meeting.at", date=when, time=meeting.time)
            when = meeting.time if meeting.date == today else at
        passed = clock is not None and triage.meeting_passed(meeting, today, clock)
        title = one_line(meeting.title)
        if passed:
            title = with_details(title, [t("meetings.outcome_due", id=meeting.id)])
        people = listing(one_line(names.get(i, f"#{i}")) for i in meeting.contact_ids)
        table.rows.append([f"#{meeting.id}", when, title, people])
        table.styles.append("late" if passed else "")
    return table


def meetings_json(meetings: list[Meeting], today: date, clock: time | None) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "meetings": [
            {**m.to_dict(), "passed": triage.meeting_passed(m, today, clock)} for m in meetings
        ],
    }


def matrix_json(quadrants: dict[Any, list[Item]]) -> dict[str, Any]:
    by_key = {_quadrant_key(q): items for q, items in quadrants.items()}
    return {key: [i.to_dict() for i in by_key.get(key, [])] for key in QUADRANT_KEYS}


# --- who (the pre-meeting brief) ---------------------------------------------------------------


def brief_sections(
    brief: Any,
    contacts: list[Contact],
    today: date,
    blocked: Mapping[int, list[int]] | None = None,
) -> list[Section]:
    from collab_tui.facts import brief_facts  # on use: see agenda_sections

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
    sections += [
        item_table(g.heading, g.items, names, today, g.empty, blocked) for g in facts.groups
    ]
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
                rows = [[_cap(columns[i], row[i]) for i in used] for row in section.rows]
                sizes = [[cell_width(cell) for cell in row] for row in rows]  # measured once
                widths = [max(size[n] for size in sizes) for n in range(len(used))]
                for row, size in zip(rows, sizes, strict=True):
                    padded = [cell + " " * (widths[n] - size[n]) for n, cell in enumerate(row[:-1])]
                    out.append("  " + "  ".join([*padded, row[-1]]).rstrip())
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


# --- a terminal --------------------------------------------------------------------------------

# The look Rich's borderless tables had (bold headings, dim column headers, late rows red,
# closed rows dim, tags dim under the title), drawn here: Rich's table layout took ~0.5 s
# for the ~700 rows of a busy `collab today`, this takes milliseconds.
_ROW_STYLES = {"late": "red", "closed": "dim", "": ""}
_SGR = {"bold": "1", "dim": "2", "underline": "4", "red": "31"}
_COLOURS = frozenset({"red"})

# Columns that never wrap, and the narrowest a wrapping column gets before the terminal's
# own line wrap takes over; the title keeps room to stay readable.
_NO_WRAP = frozenset({"id", "kind"})
_MIN_WIDTHS = {"title": 20, "due": 12, "who": 8}
_DEFAULT_MIN_WIDTH = 8

Segment = tuple[str, str]  # text, space-separated style names ("" = none)


class Painter:
    """Styled lines for a terminal ``width`` columns wide.

    ``styles`` False writes no escape sequences at all (``TERM=dumb``); ``colour`` False
    keeps bold, dim and underline but no colour (``NO_COLOR``), as Rich did.
    """

    def __init__(self, width: int = 80, styles: bool = True, colour: bool = True) -> None:
        self.width = max(width, 20)
        self.styles = styles
        self.colour = colour

    @classmethod
    def for_terminal(cls, stream: Any) -> Painter:
        """``COLUMNS``, else the terminal's width, else 80 (a terminal that reports 0)."""
        env = os.environ
        try:
            width = int(env.get("COLUMNS") or os.get_terminal_size(stream.fileno()).columns)
        except (OSError, ValueError, AttributeError):
            width = 0
        return cls(width or 80, styles=env.get("TERM") != "dumb", colour=not env.get("NO_COLOR"))

    def line(self, segments: list[Segment]) -> str:
        """The segments as one line, each style switched on and off as it changes."""
        if not self.styles:
            return "".join(text for text, _ in segments).rstrip()
        while segments and not segments[-1][0].strip():  # no trailing padding
            segments = segments[:-1]
        if segments:
            segments[-1] = (segments[-1][0].rstrip(), segments[-1][1])
        out: list[str] = []
        current = ""
        for text, style in segments:
            if style != current:
                if current:
                    out.append("\x1b[0m")
                codes = ";".join(
                    _SGR[name] for name in style.split() if self.colour or name not in _COLOURS
                )
                if codes:
                    out.append(f"\x1b[{codes}m")
                current = style if codes else ""
            out.append(text)
        if current:
            out.append("\x1b[0m")
        return "".join(out)

    def text(self, text: str, style: str = "") -> list[str]:
        """``text`` wrapped to the terminal's width, one string a line; the lines after the
        first hang under its start (after its indent and a "- " bullet)."""
        body = text.lstrip(" ")
        indent = len(text) - len(body) + (2 if body.startswith("- ") else 0)
        if indent * 3 > self.width:  # a narrow terminal: the room is worth more
            indent = 0
        (start, end), *more = wrap(text, self.width)
        lines = [self.line([(text[start:end], style)])]
        if more:
            rest = text[more[0][0] :]
            hang = " " * indent
            lines += [
                self.line([(hang + rest[a:b], style)]) for a, b in wrap(rest, self.width - indent)
            ]
        return lines


def column_widths(natural: list[int], minimum: list[int], room: int) -> list[int]:
    """Natural widths, the widest wrapping columns narrowed first until they fit ``room``.

    ``minimum`` equal to a natural width marks a column that does not wrap. Columns stop
    at their minimum; if even that is too wide, the terminal wraps the rest.
    """
    widths = list(natural)
    excess = sum(widths) - room
    while excess > 0:
        narrowable = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not narrowable:
            break
        widest = max(widths[i] for i in narrowable)
        top = [i for i in narrowable if widths[i] == widest]
        below = max([widths[i] for i in narrowable if widths[i] < widest] or [0])
        floor = max(below, max(minimum[i] for i in top))
        step = min(widest - floor, -(-excess // len(top)))
        for i in top:
            cut = min(step, widths[i] - minimum[i], excess)
            widths[i] -= cut
            excess -= cut
    return widths


def to_terminal(sections: list[Section], painter: Painter) -> str:
    out: list[str] = []
    for section in sections:
        if isinstance(section, Table):
            heading = section.heading
            if section.count:
                heading = t("heading.count", title=heading, count=len(section.rows))
            out += painter.text(heading, "bold")
            if not section.rows:
                out += painter.text(f"  {section.empty}", "dim")
            else:
                out += _table_lines(section, painter)
        elif isinstance(section, Facts):
            out += painter.text(section.heading, "bold underline")
            out += _facts_lines(section, painter)
        else:
            if not section.heading and not section.lines:
                continue
            out += painter.text(section.heading, "bold")
            if section.lines:
                for line in section.lines:
                    out += painter.text(f"  {plain(line)}")
            elif section.empty:
                out += painter.text(f"  {section.empty}", "dim")
        out.append("")
    return "\n".join(out) + "\n"


def _grid(
    cells: list[tuple[str, int]], widths: list[int], style: str, painter: Painter
) -> list[str]:
    """One row: each cell (its text, where its dim part starts) wrapped to its column and
    padded one space each side, continuation lines under their column."""
    dim = f"dim {style}".strip()
    wrapped = [wrap(text, widths[i]) for i, (text, _) in enumerate(cells)]
    last = len(cells) - 1
    lines: list[str] = []
    for n in range(max(map(len, wrapped))):
        segments: list[Segment] = []
        for i, (text, dim_from) in enumerate(cells):
            start, end = wrapped[i][n] if n < len(wrapped[i]) else (0, 0)
            if dim_from >= end:
                segments.append((" " + text[start:end], style))
            elif dim_from <= start:
                segments += [(" ", style), (text[start:end], dim)]
            else:
                segments += [(" " + text[start:dim_from], style), (text[dim_from:end], dim)]
            if i < last:
                segments.append((" " * (widths[i] - cell_width(text[start:end]) + 1), style))
        lines.append(painter.line(segments))
    return lines


def _table_lines(section: Table, painter: Painter) -> list[str]:
    # Tags go under the title (dim) rather than in a column of their own: 80 columns is
    # not much room for six columns.
    columns = section.columns
    tags_at = columns.index("tags") if "tags" in columns and "title" in columns else None
    used = [i for i in range(len(columns)) if i != tags_at and any(row[i] for row in section.rows)]
    headers = [t("column." + columns[i].replace(" ", "_")) for i in used]
    rows: list[list[tuple[str, int]]] = []
    for row in section.rows:
        cells = []
        for i in used:
            text = plain(_cap(columns[i], row[i]))
            dim_from = len(text)
            if tags_at is not None and columns[i] == "title" and row[tags_at]:
                text += "  " + plain(_cap("tags", row[tags_at]))
            cells.append((text, dim_from))
        rows.append(cells)
    natural = [
        max(cell_width(headers[n]), *(cell_width(cells[n][0]) for cells in rows))
        for n in range(len(used))
    ]
    minimum = [
        natural[n]
        if columns[i] in _NO_WRAP
        else min(natural[n], _MIN_WIDTHS.get(columns[i], _DEFAULT_MIN_WIDTH))
        for n, i in enumerate(used)
    ]
    widths = column_widths(natural, minimum, painter.width - 2 * len(used))
    lines = _grid([(h, len(h)) for h in headers], widths, "dim", painter)
    styles = section.styles or [""] * len(rows)
    for cells, style in zip(rows, styles, strict=False):
        lines += _grid(cells, widths, _ROW_STYLES.get(style, ""), painter)
    return lines


def _facts_lines(section: Facts, painter: Painter) -> list[str]:
    """Labels dim in a column that does not wrap, values wrapped beside them."""
    if not section.pairs:
        return []
    pairs = [(plain(label), plain(value)) for label, value in section.pairs]
    natural = [max(cell_width(label) for label, _ in pairs)]
    natural.append(max(cell_width(value) for _, value in pairs))
    widths = column_widths(natural, [natural[0], min(natural[1], 20)], painter.width - 4)
    lines: list[str] = []
    for label_text, value in pairs:
        lines += _grid([(label_text, 0), (value, len(value))], widths, "", painter)
    return lines


def print_terminal(sections: list[Section]) -> None:
    """The sections styled and aligned for the terminal ``sys.stdout`` is."""
    sys.stdout.write(to_terminal(sections, Painter.for_terminal(sys.stdout)))
