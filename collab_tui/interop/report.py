"""The periodic status report, in Markdown: done, slipped, risks, waiting on, decisions.

It follows the domain brief: progress since a date, deviation and its cause (slipped
items with their notes), current risks with their mitigation, what we wait for from
whom, and the decisions logged. User text is escaped so that a note starting with
'#' or holding a '|' cannot turn into a heading or a table.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from collab_tui.dates import describe_due
from collab_tui.model import Interaction, Item, Kind, Status, clean, one_line

if TYPE_CHECKING:
    from collab_tui.store import Store

DEFAULT_DAYS = 7  # the period when no start date is given: the last week
NOTHING = "Nothing."
NO_ONE = "(no one named)"

# Characters Markdown may read as structure or inline markup.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#~])")


def status_report(
    store: Store, since: date | None = None, tag: str | None = None, today: date | None = None
) -> str:
    """The report for ``since`` to ``today`` (both included), optionally for one tag."""
    if today is None:
        raise ValueError("status_report needs today's date")  # never read the clock here
    since = since or today - timedelta(days=DEFAULT_DAYS)
    tag = tag.lstrip("#").casefold() if tag else None
    # clean: a file written before the store cleaned text may still hold control characters.
    names = {c.id: clean(c).name for c in store.contacts()}
    items = [clean(i) for i in store.items(active_only=False) if _tagged(i.tags, tag)]
    tagged_ids = {i.id for i in items}
    log = [
        clean(r)
        for r in store.interactions()
        if since <= r.date <= today
        and r.decisions
        and (tag is None or _tagged(r.tags, tag) or tagged_ids.intersection(r.item_ids))
    ]

    done = sorted(
        (i for i in items if i.status is Status.DONE and since <= _closed_on(i) <= today),
        key=lambda i: (_closed_on(i), i.id),
    )
    slipped = sorted(
        (i for i in items if _slipped(i, since, today)), key=lambda i: (i.due or today, i.id)
    )
    risks = sorted((i for i in items if i.is_risk and i.is_active), key=_risk_order)
    waiting = [i for i in items if i.kind is Kind.WAIT and i.is_active]

    title = f"# Status report: {since.isoformat()} to {today.isoformat()}"
    out = [title, ""]
    if tag:
        out += [f"Tag: {_md('#' + tag)}", ""]
    people_waited_on = {n for i in waiting for n in _names(i, names)}
    out += [
        f"Done {len(done)} · slipped {len(slipped)} · open risks {len(risks)} · "
        f"waiting on {len(people_waited_on)} "
        + ("person" if len(people_waited_on) == 1 else "people"),
        "",
    ]
    out += _section(f"Done since {since.isoformat()}", [_done_line(i, names) for i in done])
    out += _section("Slipped", [line for i in slipped for line in _slip_lines(i, names, today)])
    out += _section("Open risks", [line for i in risks for line in _risk_lines(i, names)])
    out += _waiting_section(waiting, names, today)
    out += _section(
        "Decisions", [line for r in sorted(log, key=_log_order) for line in _log_lines(r, names)]
    )
    return "\n".join(out).rstrip("\n") + "\n"


# --- what goes where -------------------------------------------------------------------


def _tagged(tags: list[str], tag: str | None) -> bool:
    return tag is None or any(t.lstrip("#").casefold() == tag for t in tags)


def _closed_on(item: Item) -> date:
    if item.closed is None:
        return item.updated.astimezone().date()
    return item.closed.astimezone().date()  # the user's day, not UTC's


def _slipped(item: Item, since: date, today: date) -> bool:
    """Overdue now, or re-dated while still open or finished in the period."""
    if item.is_risk:
        return False  # a risk is late through its review date, shown under Open risks
    overdue = item.is_active and item.due is not None and item.due < today
    finished_in_period = item.status is Status.DONE and since <= _closed_on(item) <= today
    redated = bool(item.due_history) and (item.is_active or finished_in_period)
    return overdue or redated


def _risk_order(item: Item) -> tuple[int, date, int]:
    # Occurred risks first (they are problems now), then by review date.
    return (0 if item.status is Status.OCCURRED else 1, item.review or date.max, item.id)


def _log_order(entry: Interaction) -> tuple[date, int]:
    return (entry.date, entry.id)


# --- lines ----------------------------------------------------------------------------


def _section(heading: str, lines: list[str]) -> list[str]:
    return [f"## {heading}", "", *(lines or [NOTHING]), ""]


def _done_line(item: Item, names: dict[int, str]) -> str:
    line = f"- {_md(item.title)} (done {_closed_on(item).isoformat()})"
    return line + _with(item, names)


def _slip_lines(item: Item, names: dict[int, str], today: date) -> list[str]:
    facts = []
    if item.due_history:
        dates = [d.isoformat() for d in item.due_history]
        dates.append(item.due.isoformat() if item.due else "no date")
        facts.append("re-dated " + " → ".join(dates))
    if item.is_active and item.due is not None and item.due < today:
        facts.append(f"overdue: due {item.due.isoformat()}, {describe_due(item.due, today)}")
    if item.status is Status.DONE:
        facts.append(f"done {_closed_on(item).isoformat()}")
    lines = [f"- **{_md(item.title)}**: {'; '.join(facts)}{_with(item, names)}"]
    if item.notes.strip():
        lines.append(f"  - Notes: {_md(item.notes)}")
    return lines


def _risk_lines(item: Item, names: dict[int, str]) -> list[str]:
    rating = ", ".join(
        part
        for part in (
            f"likelihood {item.likelihood.value}" if item.likelihood else "",
            f"impact {item.impact.value}" if item.impact else "",
        )
        if part
    )
    state = " (occurred)" if item.status is Status.OCCURRED else ""
    lines = [f"- **{_md(item.title)}**{state}" + (f": {rating}" if rating else "")]
    lines.append(f"  - Mitigation: {_md(item.mitigation) if item.mitigation.strip() else 'none'}")
    owners = _names(item, names)
    lines.append(f"  - Owner: {', '.join(_md(n) for n in owners) if owners else 'none'}")
    lines.append(f"  - Review: {item.review.isoformat() if item.review else 'no date'}")
    return lines


def _waiting_section(waiting: list[Item], names: dict[int, str], today: date) -> list[str]:
    groups: dict[str, list[Item]] = {}
    for item in waiting:
        for name in _names(item, names) or [NO_ONE]:
            groups.setdefault(name, []).append(item)
    out = ["## Waiting on", ""]
    if not groups:
        return out + [NOTHING, ""]
    for name in sorted(groups, key=lambda n: (n == NO_ONE, n.casefold())):
        out += [f"### {_md(name) if name != NO_ONE else name}", ""]
        for item in sorted(groups[name], key=lambda i: (i.due or date.max, i.id)):
            due = ""
            if item.due is not None:
                due = f" (due {item.due.isoformat()}, {describe_due(item.due, today)})"
            out.append(f"- {_md(item.title)}{due}")
        out.append("")
    return out


def _log_lines(entry: Interaction, names: dict[int, str]) -> list[str]:
    who = [names[i] for i in entry.contact_ids if i in names]
    head = f"- {entry.date.isoformat()}, {entry.kind.value}"
    if who:
        head += " with " + ", ".join(_md(n) for n in who)
    if entry.summary.strip():
        head += f": {_md(entry.summary)}"
    return [head] + [f"  - {_md(decision)}" for decision in entry.decisions]


def _names(item: Item, names: dict[int, str]) -> list[str]:
    return [names[i] for i in item.contact_ids if i in names]


def _with(item: Item, names: dict[int, str]) -> str:
    people = _names(item, names)
    return f" — with {', '.join(_md(n) for n in people)}" if people else ""


def _md(text: str) -> str:
    """User text on one line with Markdown's special characters backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", one_line(text))
