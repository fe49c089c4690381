"""Projects against their plan: the milestone rules (pure, beside ``triage``).

The rules, as docs/PROJECTS.md states them:

- a milestone not yet agreed with the teams it depends on is a **risk**: it sits in
  "important, not urgent" (``Quadrant.SCHEDULE``) and in the morning review until it is
  agreed (or done); once its date comes within the urgency horizon it is "do now";
- a forecast later than the baseline is a **slip** of that many days, with the cause
  recorded when the forecast moved;
- a milestone whose date (the forecast, else the baseline) has passed without it being
  done is **overdue**, like any item;
- a project's launch is **at risk** when any open milestone's date passes the launch date.

An item, risk or log entry belongs to a project through the project's tag. "Today" and
the settings are parameters; every list comes back in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, timedelta
from enum import StrEnum

from collab_tui import lookup, words
from collab_tui.model import (
    Contact,
    Flow,
    Interaction,
    Item,
    Kind,
    Milestone,
    Project,
    Role,
    Settings,
)
from collab_tui.records import record_class
from collab_tui.triage import Quadrant, boss_chain, sort_items

__all__ = [
    "MapColumn",
    "MapPerson",
    "MilestoneAgenda",
    "MilestoneStatus",
    "ProjectView",
    "belongs",
    "is_overdue",
    "is_slipped",
    "is_unagreed",
    "launch_at_risk",
    "milestone_agenda",
    "milestone_quadrant",
    "milestone_status",
    "next_milestone",
    "overview",
    "project_by_tag",
    "slip_days",
    "sort_milestones",
    "stakeholder_map",
]


class MilestoneStatus(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    SLIPPED = "slipped"
    UNAGREED = "unagreed"
    ON_TRACK = "on-track"

    @property
    def label(self) -> str:
        return words.label(self)


def sort_milestones(milestones: Iterable[Milestone]) -> list[Milestone]:
    """By the date now expected, then id."""
    return sorted(milestones, key=lambda m: (m.expected, m.id))


def slip_days(milestone: Milestone) -> int:
    """How many days the forecast lies past the baseline (0: on plan or earlier)."""
    return max(0, (milestone.expected - milestone.baseline).days)


def is_slipped(milestone: Milestone) -> bool:
    return slip_days(milestone) > 0


def is_unagreed(milestone: Milestone) -> bool:
    """Open and never agreed: a risk nobody may have written down."""
    return not milestone.is_done and milestone.agreed is None


def is_overdue(milestone: Milestone, today: date) -> bool:
    return not milestone.is_done and milestone.expected < today


def milestone_status(milestone: Milestone, today: date) -> MilestoneStatus:
    """The one word a list shows: done, overdue, slipped, not agreed, on track."""
    if milestone.is_done:
        return MilestoneStatus.DONE
    if is_overdue(milestone, today):
        return MilestoneStatus.OVERDUE
    if is_slipped(milestone):
        return MilestoneStatus.SLIPPED
    if is_unagreed(milestone):
        return MilestoneStatus.UNAGREED
    return MilestoneStatus.ON_TRACK


def milestone_quadrant(milestone: Milestone, today: date, settings: Settings) -> Quadrant | None:
    """Every open milestone is important; its date makes it urgent. None when done."""
    if milestone.is_done:
        return None
    horizon = today + timedelta(days=settings.urgency_horizon_days)
    return Quadrant.DO_NOW if milestone.expected <= horizon else Quadrant.SCHEDULE


def launch_at_risk(project: Project, milestones: Iterable[Milestone]) -> bool:
    if project.launch is None:
        return False
    launch = project.launch
    return any(not m.is_done and m.expected > launch for m in milestones)


def next_milestone(milestones: Iterable[Milestone]) -> Milestone | None:
    pending = sort_milestones(m for m in milestones if not m.is_done)
    return pending[0] if pending else None


def _key(tag: str) -> str:
    return tag.lstrip("#").casefold()


def belongs(tags: Iterable[str], project: Project) -> bool:
    """Does a record with these tags belong to the project (through its tag)?"""
    if not project.tag:
        return False
    wanted = _key(project.tag)
    return any(_key(tag) == wanted for tag in tags)


def project_by_tag(tags: Iterable[str], projects: Iterable[Project]) -> Project | None:
    """The first project (by id) whose tag is among ``tags``."""
    keys = {_key(tag) for tag in tags}
    for project in sorted(projects, key=lambda p: p.id):
        if project.tag and _key(project.tag) in keys:
            return project
    return None


# Until escalations are records of their own (the hook: ``escalations``), an active item
# of the project tagged with one of these is an escalation (docs/PROJECTS.md).
ESCALATION_TAGS = ("escalation", "升级")


def escalations(items: Iterable[Item]) -> list[Item]:
    """The active items tagged as escalations, in item order."""
    wanted = {tag.casefold() for tag in ESCALATION_TAGS}
    return sort_items(
        i for i in items if i.is_active and any(tag.casefold() in wanted for tag in i.tags)
    )


# --- one project ------------------------------------------------------------------------


@record_class
class ProjectView:
    """One project's milestones as of a day: the next, the slipped, the late."""

    project: Project
    milestones: list[Milestone] = field(default_factory=list)  # by expected date
    next: Milestone | None = None
    slipped: list[Milestone] = field(default_factory=list)  # open ones
    unagreed: list[Milestone] = field(default_factory=list)
    overdue: list[Milestone] = field(default_factory=list)
    launch_at_risk: bool = False
    items: list[Item] = field(default_factory=list)  # its active items, in item order
    risks: list[Item] = field(default_factory=list)  # its active risks

    @property
    def contact_ids(self) -> list[int]:
        """Everyone in it: roles, milestone owners and agreers, people on its items."""
        found: dict[int, None] = {}
        for role in self.project.roles:
            found[role.contact_id] = None
        for milestone in self.milestones:
            if milestone.owner_id is not None:
                found[milestone.owner_id] = None
            found.update(dict.fromkeys(milestone.agreed_with))
        for item in self.items:
            found.update(dict.fromkeys(item.contact_ids))
        return list(found)


def overview(
    project: Project, milestones: Iterable[Milestone], items: Iterable[Item], today: date
) -> ProjectView:
    """The project's plan and where it stands ``today``."""
    own = sort_milestones(m for m in milestones if m.project_id == project.id)
    pending = [m for m in own if not m.is_done]
    active = sort_items(i for i in items if i.is_active and belongs(i.tags, project))
    return ProjectView(
        project=project,
        milestones=own,
        next=next_milestone(own),
        slipped=[m for m in pending if is_slipped(m)],
        unagreed=[m for m in pending if is_unagreed(m)],
        overdue=[m for m in pending if is_overdue(m, today)],
        launch_at_risk=launch_at_risk(project, own),
        items=active,
        risks=[i for i in active if i.is_risk],
    )


def log_of(project: Project, interactions: Iterable[Interaction]) -> list[Interaction]:
    """The log entries tagged for the project, oldest first."""
    return sorted(
        (i for i in interactions if belongs(i.tags, project)), key=lambda i: (i.date, i.id)
    )


# --- the morning review -------------------------------------------------------------------


@record_class
class MilestoneAgenda:
    """The milestones of active projects that the review shows, each list by date."""

    unagreed: list[Milestone] = field(default_factory=list)
    slipped: list[Milestone] = field(default_factory=list)
    overdue: list[Milestone] = field(default_factory=list)
    launch_at_risk: list[Project] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.unagreed or self.slipped or self.overdue or self.launch_at_risk)


def milestone_agenda(
    projects: Iterable[Project], milestones: Iterable[Milestone], today: date
) -> MilestoneAgenda:
    active = {p.id: p for p in projects if p.is_active}
    pending = sort_milestones(m for m in milestones if not m.is_done and m.project_id in active)
    by_project: dict[int, list[Milestone]] = {}
    for milestone in pending:
        by_project.setdefault(milestone.project_id, []).append(milestone)
    return MilestoneAgenda(
        unagreed=[m for m in pending if is_unagreed(m)],
        slipped=[m for m in pending if is_slipped(m)],
        overdue=[m for m in pending if is_overdue(m, today)],
        launch_at_risk=[p for p in active.values() if launch_at_risk(p, by_project.get(p.id, []))],
    )


# --- the stakeholder map --------------------------------------------------------------------


@record_class
class MapPerson:
    """One person on a project's stakeholder map, with what is owed both ways."""

    contact: Contact
    role: Role  # the project's role, gaps filled from the contact
    i_owe: list[Item] = field(default_factory=list)  # the project's open items, both ways
    they_owe: list[Item] = field(default_factory=list)
    last_contact: date | None = None
    boss: Contact | None = None
    escalation: list[Contact] = field(default_factory=list)  # boss, boss's boss, ...

    def days_since_contact(self, today: date) -> int | None:
        return None if self.last_contact is None else (today - self.last_contact).days


@record_class
class MapColumn:
    """One band of the flow: upstream of me, downstream of me, or not placed (None)."""

    flow: Flow | None
    departments: list[tuple[str, list[MapPerson]]] = field(default_factory=list)

    @property
    def people(self) -> list[MapPerson]:
        return [person for _, people in self.departments for person in people]


MAP_ORDER: tuple[Flow | None, ...] = (Flow.UPSTREAM, Flow.DOWNSTREAM, None)


def stakeholder_map(
    view: ProjectView, contacts: Iterable[Contact], last_contact: Mapping[int, date]
) -> list[MapColumn]:
    """The project's people along the business flow: upstream, downstream, not placed;
    within each, by department (the first step along the flow first), then by step and
    name. Every column is present, empty or not."""
    by_id = {c.id: c for c in contacts}
    people: list[MapPerson] = []
    for contact_id in view.contact_ids:
        contact = by_id.get(contact_id)
        if contact is None or contact.former:
            continue
        theirs = [i for i in view.items if contact_id in i.contact_ids]
        chain = boss_chain(contact, by_id)
        people.append(
            MapPerson(
                contact=contact,
                role=view.project.role_of(contact),
                i_owe=[i for i in theirs if i.kind is Kind.OWE],
                they_owe=[i for i in theirs if i.kind is Kind.WAIT],
                last_contact=last_contact.get(contact_id),
                boss=chain[0] if chain else None,
                escalation=chain,
            )
        )

    def order(person: MapPerson) -> tuple[bool, int, tuple[tuple[str, ...], str, int]]:
        step = person.role.step
        return (step == 0, step, lookup.sort_key(person.contact))

    columns = []
    for flow in MAP_ORDER:
        band = sorted((p for p in people if p.role.flow == flow), key=order)
        departments: dict[str, list[MapPerson]] = {}
        for person in band:  # in flow order, so a department sits where its first step does
            departments.setdefault(person.contact.department, []).append(person)
        columns.append(MapColumn(flow, list(departments.items())))
    return columns


def flow_chain(columns: list[MapColumn]) -> tuple[list[MapPerson], list[MapPerson]]:
    """The people placed on the flow, (upstream of me, downstream of me), in flow order:
    the chain the map draws as ``小明 → 小蓝 → me → 小张``."""
    placed = {c.flow: [p for p in c.people if p.role.step] for c in columns}
    return placed.get(Flow.UPSTREAM, []), placed.get(Flow.DOWNSTREAM, [])
