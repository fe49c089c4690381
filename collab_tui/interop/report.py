"""The periodic status report, in Markdown: done, slipped, risks, waiting on, escalations,
decisions.

It follows the domain brief: progress since a date, deviation and its cause (slipped
items with their notes), current risks with their mitigation, what we wait for from
whom, and the decisions logged. User text is escaped so that a note starting with
'#' or holding a '|' cannot turn into a heading or a table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from collab_tui import lookup, plan
from collab_tui.model import (
    OPTION_FIELDS,
    Escalation,
    Interaction,
    Item,
    Kind,
    Milestone,
    Project,
    Status,
    clean,
    one_line,
)
from collab_tui.words import document_date, label, listing, relative, t

if TYPE_CHECKING:
    from collab_tui.store import Store

DEFAULT_DAYS = 7  # the period when no start date is given: the last week

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
    # in pinyin order, the order the waiting-on section lists people in
    names = {c.id: clean(c).name for c in lookup.sort_contacts(store.contacts())}
    items = [clean(i) for i in _items_of_period(store, since) if _tagged(i.tags, tag)]
    decided = _decisions_between(store, since, today)
    tagged_ids = {i.id for i in items}
    if tag is not None:
        tagged_ids |= _older_linked(store, decided, lambda i: _tagged(i.tags, tag))
    active_ids = {i.id for i in items if i.is_active}
    log = [
        clean(r)
        for r in decided
        if tag is None or _tagged(r.tags, tag) or tagged_ids.intersection(r.item_ids)
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
    escalations = [
        e
        for e in store.escalations()
        if _tagged(e.tags, tag)
        and (e.raised is None or e.raised <= today)
        and (e.raised is None or e.raised >= since or e.owe_item_id in active_ids)
    ]

    start = document_date(since)
    out = ["# " + t("report.title", since=start, today=document_date(today)), ""]
    if tag:
        out += [t("report.tag", tag=_md("#" + tag)), ""]
    people_waited_on = len({n for i in waiting for n in _names(i, names)})
    people = t("report.people." + ("one" if people_waited_on == 1 else "many"), n=people_waited_on)
    summary = t(
        "report.summary", done=len(done), slipped=len(slipped), risks=len(risks), people=people
    )
    out += [summary, ""]
    out += _section(t("report.done", since=start), [_done_line(i, names, today) for i in done])
    out += _section(
        t("report.slipped"), [line for i in slipped for line in _slip_lines(i, names, today)]
    )
    out += _section(
        t("report.risks"), [line for i in risks for line in _risk_lines(i, names, today)]
    )
    out += _waiting_section(waiting, names, today)
    if escalations:  # a section only when there are some: most weeks have none
        out += _section(
            t("report.escalations"),
            [line for e in escalations for line in _escalation_lines(e, names, today)],
        )
    out += _section(
        t("report.decisions"),
        [line for r in sorted(log, key=_log_order) for line in _log_lines(r, names, today)],
    )
    return "\n".join(out).rstrip("\n") + "\n"


# --- the report against plan, for one project -----------------------------------------


def project_report(store: Store, project: Project, since: date | None, today: date) -> str:
    """The status mail for one project: milestones against their baseline, deviation and
    cause, what was done and decided since ``since`` (default: the last report, else a
    week), open risks with mitigation (unagreed milestones among them), what we wait on
    from whom, and escalations."""
    since = since or project.reported or today - timedelta(days=DEFAULT_DAYS)
    names = {c.id: clean(c).name for c in lookup.sort_contacts(store.contacts())}
    milestones = plan.sort_milestones(clean(m) for m in store.milestones(project.id))
    items = [clean(i) for i in _items_of_period(store, since) if plan.belongs(i.tags, project)]
    decided = _decisions_between(store, since, today)
    ids = {i.id for i in items} | _older_linked(
        store, decided, lambda i: plan.belongs(i.tags, project)
    )
    log = [
        clean(r) for r in decided if plan.belongs(r.tags, project) or ids.intersection(r.item_ids)
    ]
    start, end = document_date(since), document_date(today)
    out = ["# " + t("report.project.title", name=_md(project.name), since=start, today=end), ""]
    if project.goal.strip():
        out += [t("report.project.goal", goal=_md(project.goal)), ""]
    if project.launch is not None:
        launch = document_date(project.launch, today)
        if plan.launch_at_risk(project, milestones):
            out += [t("report.project.launch_at_risk", date=launch), ""]
        else:
            out += [t("report.project.launch", date=launch), ""]
    out += _milestone_table(milestones, names, today)
    slipped = [m for m in milestones if plan.is_slipped(m)]
    out += [
        f"## {t('report.project.deviation')}",
        "",
        *([_slip_line(m, today) for m in slipped] or [t("report.project.no_deviation")]),
        "",
    ]
    done = sorted(
        (i for i in items if i.status is Status.DONE and since <= _closed_on(i) <= today),
        key=lambda i: (_closed_on(i), i.id),
    )
    finished = [m for m in milestones if m.done is not None and since <= m.done <= today]
    out += _section(
        t("report.done", since=start),
        [_milestone_done_line(m, today) for m in finished]
        + [_done_line(i, names, today) for i in done],
    )
    out += _section(
        t("report.decisions"),
        [line for r in sorted(log, key=_log_order) for line in _log_lines(r, names, today)],
    )
    risks = sorted((i for i in items if i.is_risk and i.is_active), key=_risk_order)
    unagreed = [m for m in milestones if plan.is_unagreed(m)]
    out += _section(
        t("report.risks"),
        [
            "- "
            + t("report.project.unagreed", name=_md(m.name), date=document_date(m.expected, today))
            for m in unagreed
        ]
        + [line for i in risks for line in _risk_lines(i, names, today)],
    )
    out += _waiting_section([i for i in items if i.kind is Kind.WAIT and i.is_active], names, today)
    open_ids = {i.id for i in items if i.is_active}
    raised = [
        e
        for e in store.escalations()
        if plan.belongs(e.tags, project)
        and (e.raised is None or e.raised <= today)
        and (e.raised is None or e.raised >= since or e.owe_item_id in open_ids)
    ]
    out += _section(
        t("report.project.escalations"),
        [line for e in raised for line in _escalation_lines(e, names, today)]
        # items tagged as escalations before escalations were records of their own
        + [_done_or_open_line(i, names, today) for i in plan.escalations(items)],
    )
    return "\n".join(out).rstrip("\n") + "\n"


def _milestone_table(milestones: list[Milestone], names: dict[int, str], today: date) -> list[str]:
    out = [f"## {t('report.project.milestones')}", ""]
    if not milestones:
        return out + [t("report.nothing"), ""]
    columns = [
        t("column.milestone"),
        t("column.owner"),
        t("column.baseline"),
        t("column.forecast"),
        t("column.status"),
        t("column.agreed"),
    ]
    out.append("| " + " | ".join(columns) + " |")
    out.append("|" + "---|" * len(columns))
    for m in milestones:
        owner = t("milestone.owner.me") if m.owner_id is None else names.get(m.owner_id, "")
        agreed = (
            listing(names.get(i, f"#{i}") for i in m.agreed_with)
            if m.agreed is not None
            else t("milestone.not_agreed")
        )
        cells = [
            _md(m.name),
            _md(owner),
            document_date(m.baseline, today),
            document_date(m.expected, today),
            plan.milestone_status(m, today).label,
            _md(agreed),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def _slip_line(milestone: Milestone, today: date) -> str:
    cause = _md(milestone.cause) if milestone.cause.strip() else t("report.project.no_cause")
    return "- " + t(
        "report.project.slip",
        name=_md(milestone.name),
        baseline=document_date(milestone.baseline, today),
        forecast=document_date(milestone.expected, today),
        n=plan.slip_days(milestone),
        cause=cause,
    )


def _milestone_done_line(milestone: Milestone, today: date) -> str:
    assert milestone.done is not None
    return "- " + t(
        "report.project.milestone_done",
        name=_md(milestone.name),
        date=document_date(milestone.done, today),
    )


def _done_or_open_line(item: Item, names: dict[int, str], today: date) -> str:
    line = f"**{_md(item.title)}**"
    if item.due is not None:
        line = t(
            "report.waiting.due",
            title=line,
            date=document_date(item.due, today),
            relative=relative(item.due, today),
        )
    return "- " + _with(line, item, names)


# --- what goes where -------------------------------------------------------------------


def _tagged(tags: list[str], tag: str | None) -> bool:
    return tag is None or any(t.lstrip("#").casefold() == tag for t in tags)


def _items_of_period(store: Store, since: date) -> list[Item]:
    """The items a report can name: the active ones and those closed since ``since``
    (from the day before: the report's days are the user's, the store's are UTC's).
    Older history is not read, so a weekly report costs the same in year ten as in one."""
    return store.items() + store.items_closed_since(since - timedelta(days=1))


def _decisions_between(store: Store, since: date, today: date) -> list[Interaction]:
    """The log entries with decisions dated ``since`` to ``today``, from those months."""
    return [
        r
        for _month, records in store.interactions_by_month(since=since.isoformat()[:7])
        for r in records
        if since <= r.date <= today and r.decisions
    ]


def _older_linked(store: Store, log: list[Interaction], wanted: Callable[[Item], bool]) -> set[int]:
    """The ids of items closed before the period that ``log`` links to and that are
    ``wanted`` (a decision this week on an item of the tag, finished long ago)."""
    known = {i.id for i in store.items()}
    linked = {item_id for r in log for item_id in r.item_ids} - known
    found = (store.item(item_id) for item_id in sorted(linked))
    return {item.id for item in found if item is not None and wanted(item)}


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
    return [f"## {heading}", "", *(lines or [t("report.nothing")]), ""]


def _done_line(item: Item, names: dict[int, str], today: date) -> str:
    line = t("report.done.item", title=_md(item.title), date=document_date(_closed_on(item), today))
    return "- " + _with(line, item, names)


def _slip_lines(item: Item, names: dict[int, str], today: date) -> list[str]:
    facts = []
    if item.due_history:
        dates = [document_date(d, today) for d in item.due_history]
        dates.append(document_date(item.due, today) if item.due else t("report.no_date"))
        facts.append(t("report.redated", dates=" → ".join(dates)))
    if item.is_active and item.due is not None and item.due < today:
        due, late = document_date(item.due, today), relative(item.due, today)
        facts.append(t("report.overdue", date=due, relative=late))
    if item.status is Status.DONE:
        facts.append(t("report.closed", date=document_date(_closed_on(item), today)))
    line = t("report.slipped.item", title=f"**{_md(item.title)}**", facts=_facts(facts))
    lines = ["- " + _with(line, item, names)]
    if item.notes.strip():
        lines.append("  - " + t("report.notes", notes=_md(item.notes)))
    return lines


def _risk_lines(item: Item, names: dict[int, str], today: date) -> list[str]:
    rating = t("list.sep").join(
        part
        for part in (
            t("report.risk.likelihood", rating=label(item.likelihood)) if item.likelihood else "",
            t("report.risk.impact", rating=label(item.impact)) if item.impact else "",
        )
        if part
    )
    head = f"**{_md(item.title)}**"
    if item.status is Status.OCCURRED:
        head = t("report.risk.occurred", title=head)
    lines = ["- " + (t("report.risk.item", title=head, rating=rating) if rating else head)]
    mitigation = _md(item.mitigation) if item.mitigation.strip() else t("none")
    lines.append("  - " + t("report.risk.mitigation", text=mitigation))
    owners = _names(item, names)
    lines.append("  - " + t("report.risk.owner", names=_people(owners) if owners else t("none")))
    review = document_date(item.review, today) if item.review else t("report.no_date")
    lines.append("  - " + t("report.risk.review", date=review))
    return lines


def _waiting_section(waiting: list[Item], names: dict[int, str], today: date) -> list[str]:
    groups: dict[str | None, list[Item]] = {}  # None: the waits that name no one
    for item in waiting:
        people: list[str | None] = [*_names(item, names)] or [None]
        for person in people:
            groups.setdefault(person, []).append(item)
    out = ["## " + t("report.waiting"), ""]
    if not groups:
        return out + [t("report.nothing"), ""]
    order = {name: n for n, name in enumerate(names.values())}
    for name in sorted(groups, key=lambda n: (n is None, order.get(n or "", 0))):
        out += ["### " + (_md(name) if name is not None else t("report.no_one")), ""]
        for item in sorted(groups[name], key=lambda i: (i.due or date.max, i.id)):
            line = _md(item.title)
            if item.due is not None:
                due, when = document_date(item.due, today), relative(item.due, today)
                line = t("report.waiting.due", title=line, date=due, relative=when)
            out.append("- " + line)
        out.append("")
    return out


def _escalation_lines(escalation: Escalation, names: dict[int, str], today: date) -> list[str]:
    """The escalation, its options with pros, cons and cost, the recommendation and the ask."""
    to = names.get(escalation.to_id or 0, t("report.no_one"))
    head = t(
        "report.escalation.item",
        problem=_md(one_line(escalation.problem)),
        id=escalation.item_id,
        name=_md(to),
    )
    if escalation.due:
        head = t("report.escalation.due", line=head, date=document_date(escalation.due, today))
    lines = ["- " + head]
    if escalation.tried:
        lines.append("  - " + t("report.escalation.tried", text=_md(one_line(escalation.tried))))
    for n, option in enumerate(escalation.options, start=1):
        facts = [
            t(f"report.escalation.{key}", text=_md(str(option.get(key, ""))))
            for key in OPTION_FIELDS[1:]  # pros, cons, cost
            if option.get(key)
        ]
        name = _md(str(option.get(OPTION_FIELDS[0], "")))
        if n - 1 == escalation.recommended:
            name = t("report.escalation.recommended", name=name)
        line = t("report.escalation.option", n=n, name=name)
        if facts:
            line = t("report.escalation.facts", line=line, facts=_facts(facts))
        lines.append("  - " + line)
    if escalation.ask:
        lines.append("  - " + t("report.escalation.ask", text=_md(one_line(escalation.ask))))
    return lines


def _log_lines(entry: Interaction, names: dict[int, str], today: date) -> list[str]:
    who = [names[i] for i in entry.contact_ids if i in names]
    head = t("report.log.head", date=document_date(entry.date, today), kind=label(entry.kind))
    if who:
        head = t("report.log.with", head=head, names=_people(who))
    if entry.summary.strip():
        head = t("report.log.summary", head=head, summary=_md(entry.summary))
    return ["- " + head] + [f"  - {_md(decision)}" for decision in entry.decisions]


def _names(item: Item, names: dict[int, str]) -> list[str]:
    return [names[i] for i in item.contact_ids if i in names]


def _people(people: list[str]) -> str:
    return t("list.sep").join(_md(n) for n in people)


def _facts(facts: list[str]) -> str:
    return t("report.facts_sep").join(facts)


def _with(line: str, item: Item, names: dict[int, str]) -> str:
    """``line`` followed by the people the item is with, if any."""
    people = _names(item, names)
    return t("report.with", line=line, names=_people(people)) if people else line


def _md(text: str) -> str:
    """User text on one line with Markdown's special characters backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", one_line(text))
