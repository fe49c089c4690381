"""The pre-meeting brief's facts, computed once in words, rendered twice.

``brief_facts`` turns a ``triage.Brief`` into labelled text and lists, in the order both
front ends show them: the shell (``render.brief_sections``, Rich or plain text) and the
app (``tui/widgets/brief.py``, Textual ``Content``) only style what it returns. Pure:
no I/O, no UI library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from collab_tui.model import Interaction, Item, one_line, plain
from collab_tui.triage import Brief
from collab_tui.words import ago, label, listing, t, with_details, with_relative


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    tone: str = ""  # "": as is; "dim": a placeholder such as "none recorded"


@dataclass(frozen=True)
class Bullets:
    heading: str
    values: list[str]
    empty: str


@dataclass(frozen=True)
class ItemGroup:
    heading: str
    items: list[Item]
    empty: str


@dataclass(frozen=True)
class BriefFacts:
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
