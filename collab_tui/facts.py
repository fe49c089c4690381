"""The pre-meeting brief's facts, computed once in words, rendered twice.

``brief_facts`` turns a ``triage.Brief`` into labelled text and lists, in the order both
front ends show them: the shell (``render.brief_sections``, Rich or plain text) and the
app (``tui/widgets/brief.py``, Textual ``Content``) only style what it returns. Pure:
no I/O, no UI library.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date

from collab_tui.model import Escalation, Interaction, Item, Stance, one_line, plain
from collab_tui.records import record_class
from collab_tui.triage import Brief
from collab_tui.words import (
    ago,
    format_date,
    label,
    listing,
    t,
    with_details,
    with_relative,
)


@record_class(frozen=True)
class Fact:
    """One labelled line of a brief."""

    label: str
    value: str
    tone: str = ""  # "": as is; "dim": a placeholder such as "none recorded"


@record_class(frozen=True)
class Bullets:
    """A titled list of a brief (KPIs, concerns, gains)."""

    heading: str
    values: list[str]
    empty: str


@record_class(frozen=True)
class ItemGroup:
    """A titled group of items of a brief (I owe, waiting on)."""

    heading: str
    items: list[Item]
    empty: str


@record_class(frozen=True)
class BriefFacts:
    """A counterpart's brief as plain facts, for the shell and the app alike."""

    name: str
    contact_id: int
    facts: list[Fact]
    bullets: list[Bullets]  # KPIs, concerns, gains
    groups: list[ItemGroup]  # I owe them, they owe me, tasks (when any), linked risks
    interactions_heading: str
    interactions: list[Interaction]  # newest first
    interactions_empty: str
    notes: list[str] = field(default_factory=list)  # one entry per line of the notes


def brief_facts(brief: Brief, today: date) -> BriefFacts:
    person = brief.contact
    facts: list[Fact] = []
    if person.aliases:
        facts.append(Fact(t("brief.also"), listing(one_line(a) for a in person.aliases)))
    role = " · ".join(
        one_line(x) for x in (person.title, person.department, person.organisation) if x
    )
    if role:
        facts.append(Fact(t("brief.role"), role))
    chain = " → ".join(
        with_details(one_line(b.name), [one_line(b.title)] if b.title else [])
        for b in brief.boss_chain
    )
    facts.append(
        Fact(t("brief.boss_chain"), chain)
        if chain
        else Fact(t("brief.boss_chain"), t("none_recorded"), "dim")
    )
    if brief.reports:
        facts.append(Fact(t("brief.reports"), listing(one_line(r.name) for r in brief.reports)))
    facts.append(Fact(t("brief.stance"), label(person.stance)))
    if person.stance_history:
        facts.append(
            Fact(t("brief.stance_history"), stance_history_text(person.stance_history, today))
        )
    if brief.next_step is not None:
        facts.append(Fact(t("brief.next_step"), one_line(brief.next_step.title)))
    roles = [label(r) for r in (person.side, person.level, person.flow) if r is not None]
    facts.append(Fact(t("brief.roles"), listing(roles) if roles else t("not_set")))
    last = brief.last_contact
    if last is None:
        facts.append(Fact(t("brief.last_contact"), t("never_logged")))
    else:
        facts.append(Fact(t("brief.last_contact"), with_relative(last, today, ago(last, today))))
    for key, value in (("brief.email", person.email), ("brief.phone", person.phone)):
        if value:
            facts.append(Fact(t(key), one_line(value)))
    if person.tags:
        facts.append(Fact(t("brief.tags"), " ".join("#" + one_line(tag) for tag in person.tags)))

    none = t("none_recorded")
    bullets = [
        Bullets(t("brief.kpis"), [one_line(k) for k in person.kpis if k], none),
        Bullets(t("brief.concerns"), [one_line(c) for c in person.concerns if c], none),
        Bullets(t("brief.gains"), [one_line(person.gains)] if person.gains else [], none),
    ]
    if brief.escalations:
        bullets.append(
            Bullets(
                t("brief.escalations"),
                [escalation_line(e, brief.names, today) for e in brief.escalations],
                none,
            )
        )
    groups = [
        ItemGroup(t("brief.i_owe"), brief.i_owe, t("nothing")),
        ItemGroup(t("brief.they_owe"), brief.they_owe, t("nothing")),
    ]
    if brief.tasks:
        groups.append(ItemGroup(t("brief.tasks"), brief.tasks, t("nothing")))
    groups.append(ItemGroup(t("brief.risks"), brief.risks, t("none")))

    shown, count = len(brief.last_interactions), brief.all_interactions_count
    if count > shown:
        heading = t("brief.interactions.some", shown=shown, n=count)
    else:
        heading = t("brief.interactions.count", n=count)
    return BriefFacts(
        name=one_line(person.name),
        contact_id=person.id,
        facts=facts,
        bullets=bullets,
        groups=groups,
        interactions_heading=heading,
        interactions=brief.last_interactions,
        interactions_empty=t("brief.interactions.empty"),
        notes=[plain(line) for line in person.notes.splitlines()],
    )


def stance_history_text(history: list[dict[str, object]], today: date) -> str:
    """'20 Nov unknown → 25 Nov no capacity': every stance set, oldest first."""
    steps = []
    for entry in history:
        try:
            when = date.fromisoformat(str(entry["date"]))
            stance = Stance(str(entry["stance"]))
        except (KeyError, ValueError):
            continue
        steps.append(f"{format_date(when, today)} {label(stance)}")
    return " → ".join(steps)


def escalation_line(escalation: Escalation, names: dict[int, str], today: date) -> str:
    """'#3 on #12 → 刘经理, due Fri 4 Dec: approve the bug fix (2 options)'."""
    to = one_line(names.get(escalation.to_id or 0, f"#{escalation.to_id}"))
    due = format_date(escalation.due, today) if escalation.due else ""
    head = t(
        "escalation.line",
        id=escalation.id,
        item=escalation.item_id,
        name=to,
        n=len(escalation.options),
    )
    text = with_details(head, [due] if due else [])
    recommended = _recommended(escalation)
    what = one_line(escalation.ask) or recommended
    return t("describe.summary", text=text, summary=what) if what else text


def _recommended(escalation: Escalation) -> str:
    if 0 <= escalation.recommended < len(escalation.options):
        return one_line(str(escalation.options[escalation.recommended].get("name", "")))
    return ""
