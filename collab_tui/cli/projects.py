"""``collab project``, ``collab milestone`` and ``collab map``: the commands and their text.

The sections are built from plain strings (``output.Table`` / ``Facts`` / ``Lines``), so
the plain printer aligns Chinese names by their width and ``print_terminal`` styles and
wraps the same tables on a terminal.
``actions`` is imported by the commands that change or look up records only: ``collab
today`` uses the sections and JSON here and must not pay for it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from collab_tui import plan
from collab_tui.cli import output as render
from collab_tui.cli.commands import (
    EXIT_OK,
    UsageError,
    _plain,
    _print_json,
    _show,
    open_store,
)
from collab_tui.model import Contact, Milestone, Project, Role, current_contacts, one_line
from collab_tui.words import ago, format_date, label, listing, t, with_details, with_relative

if TYPE_CHECKING:  # argparse only where a command's words are parsed: `today` runs without it
    import argparse

# --- words shared with the app -------------------------------------------------------------


def owner_name(milestone: Milestone, names: dict[int, str]) -> str:
    if milestone.owner_id is None:
        return t("milestone.owner.me")
    return one_line(names.get(milestone.owner_id, f"#{milestone.owner_id}"))


def deviation(milestone: Milestone) -> str:
    """'slipped 14 days: design changed', or '' when on plan."""
    days = plan.slip_days(milestone)
    if not days:
        return ""
    if milestone.cause:
        return t("milestone.slip_cause", n=days, cause=one_line(milestone.cause))
    return t("milestone.slip.one") if days == 1 else t("milestone.slip", n=days)


def agreed_text(milestone: Milestone, names: dict[int, str], today: date) -> str:
    if milestone.agreed is None:
        return t("milestone.not_agreed")
    people = listing(one_line(names.get(i, f"#{i}")) for i in milestone.agreed_with)
    return t("milestone.agreed_with", names=people, date=format_date(milestone.agreed, today))


def role_text(role: Role) -> str:
    parts = [label(v) for v in (role.side, role.level, role.flow) if v is not None]
    return listing(parts)


def describe_milestone(milestone: Milestone, projects: dict[int, Project]) -> str:
    project = projects.get(milestone.project_id)
    return t(
        "milestone.describe",
        id=milestone.id,
        name=one_line(milestone.name),
        project=one_line(project.name) if project else f"#{milestone.project_id}",
    )


# --- JSON ------------------------------------------------------------------------------------


def milestone_json(milestone: Milestone, today: date) -> dict[str, Any]:
    return {
        **milestone.to_dict(),
        "expected": milestone.expected.isoformat(),
        "status": plan.milestone_status(milestone, today).value,
        "slip_days": plan.slip_days(milestone),
    }


def view_json(view: plan.ProjectView, today: date) -> dict[str, Any]:
    return {
        "project": view.project.to_dict(),
        "next_milestone": milestone_json(view.next, today) if view.next else None,
        "milestones": [milestone_json(m, today) for m in view.milestones],
        "slipped": [m.id for m in view.slipped],
        "unagreed": [m.id for m in view.unagreed],
        "overdue": [m.id for m in view.overdue],
        "launch_at_risk": view.launch_at_risk,
        "risks": [i.to_dict() for i in view.risks],
        "items": [i.id for i in view.items],
    }


def map_json(view: plan.ProjectView, columns: list[plan.MapColumn], today: date) -> dict[str, Any]:
    def person(p: plan.MapPerson) -> dict[str, Any]:
        return {
            "contact_id": p.contact.id,
            "name": p.contact.name,
            "department": p.contact.department,
            "stance": p.contact.stance.value,
            **{k: v for k, v in p.role.to_dict().items() if k != "contact_id"},
            "i_owe": [i.id for i in p.i_owe],
            "they_owe": [i.id for i in p.they_owe],
            "last_contact": p.last_contact.isoformat() if p.last_contact else None,
            "days_since_contact": p.days_since_contact(today),
            "boss_id": p.boss.id if p.boss else None,
            "escalation": [{"id": b.id, "name": b.name} for b in p.escalation],
        }

    return {
        "project": {"id": view.project.id, "name": view.project.name, "tag": view.project.tag},
        "columns": [
            {
                "flow": c.flow.value if c.flow else None,
                "departments": [
                    {"department": dept, "people": [person(p) for p in people]}
                    for dept, people in c.departments
                ],
            }
            for c in columns
        ],
    }


def milestone_agenda_json(agenda: plan.MilestoneAgenda, today: date) -> dict[str, Any]:
    """The keys ``collab today --json`` gains (docs/PROJECTS.md)."""
    return {
        "unagreed_milestones": [milestone_json(m, today) for m in agenda.unagreed],
        "slipped_milestones": [milestone_json(m, today) for m in agenda.slipped],
        "overdue_milestones": [milestone_json(m, today) for m in agenda.overdue],
        "launch_at_risk": [
            {
                "project_id": p.id,
                "name": p.name,
                "launch": p.launch.isoformat() if p.launch else None,
            }
            for p in agenda.launch_at_risk
        ],
    }


# --- sections --------------------------------------------------------------------------------


def _launch_text(view: plan.ProjectView, today: date) -> str:
    launch = view.project.launch
    if launch is None:
        return t("project.no_launch")
    text = with_relative(launch, today)
    return with_details(text, [t("project.launch_at_risk")]) if view.launch_at_risk else text


def _next_text(view: plan.ProjectView, today: date) -> str:
    if view.next is None:
        return t("project.no_next")
    return t(
        "project.next", name=one_line(view.next.name), date=format_date(view.next.expected, today)
    )


def list_sections(views: list[plan.ProjectView], today: date) -> list[render.Section]:
    table = render.Table(
        t("project.list"),
        ["id", "project", "launch", "next", "status"],
        empty=t("project.none"),
    )
    for view in views:
        counts = t(
            "project.counts",
            slipped=len(view.slipped),
            unagreed=len(view.unagreed),
            risks=len(view.risks),
        )
        table.rows.append(
            [
                f"#{view.project.id}",
                f"{one_line(view.project.name)} #{one_line(view.project.tag)}",
                _launch_text(view, today),
                _next_text(view, today),
                counts,
            ]
        )
        table.styles.append("late" if view.launch_at_risk or view.overdue else "")
    return [table]


def milestone_table(
    heading: str, milestones: list[Milestone], names: dict[int, str], today: date
) -> render.Table:
    table = render.Table(
        heading,
        ["id", "milestone", "owner", "baseline", "forecast", "status", "deviation", "agreed"],
        empty=t("project.no_milestones"),
    )
    for m in milestones:
        status = plan.milestone_status(m, today)
        table.rows.append(
            [
                f"#{m.id}",
                one_line(m.name),
                owner_name(m, names),
                format_date(m.baseline, today),
                format_date(m.expected, today) if m.expected != m.baseline else "",
                status.label,
                deviation(m),
                agreed_text(m, names, today),
            ]
        )
        late = status in (plan.MilestoneStatus.OVERDUE, plan.MilestoneStatus.SLIPPED)
        table.styles.append("closed" if m.is_done else "late" if late else "")
    return table


def milestone_agenda_sections(
    agenda: plan.MilestoneAgenda, projects: list[Project], contacts: list[Contact], today: date
) -> list[render.Section]:
    """The morning review's milestone lists; nothing at all when there is no project."""
    if not projects:
        return []
    names = {c.id: c.name for c in contacts}
    by_id = {p.id: p for p in projects}
    sections: list[render.Section] = []
    for heading, milestones in (
        ("today.milestones_overdue", agenda.overdue),
        ("today.slipped", agenda.slipped),
        ("today.unagreed", agenda.unagreed),
    ):
        table = milestone_table(t(heading), milestones, names, today)
        table.empty = t("nothing")
        table.columns = ["id", "milestone", "project", "forecast", "status", "deviation", "owner"]
        table.rows = [
            [
                f"#{m.id}",
                one_line(m.name),
                one_line(by_id[m.project_id].name) if m.project_id in by_id else "",
                with_relative(m.expected, today),
                plan.milestone_status(m, today).label,
                deviation(m),
                owner_name(m, names),
            ]
            for m in milestones
        ]
        sections.append(table)
    if agenda.launch_at_risk:
        lines = [
            f"{one_line(p.name)}  {format_date(p.launch, today) if p.launch else ''}"
            for p in agenda.launch_at_risk
        ]
        sections.append(render.Lines(t("today.launch_at_risk"), lines))
    return sections


def show_sections(
    view: plan.ProjectView, contacts: list[Contact], today: date
) -> list[render.Section]:
    project = view.project
    names = {c.id: c.name for c in contacts}
    facts = [
        (t("project.goal"), one_line(project.goal)),
        (t("column.launch"), _launch_text(view, today)),
        (t("column.role"), label(project.our_role) if project.our_role else ""),
        (t("project.tag"), "#" + one_line(project.tag)),
        (t("project.status"), label(project.status)),
    ]
    sections: list[render.Section] = [
        render.Facts(t("project.heading", name=one_line(project.name)), [f for f in facts if f[1]]),
        milestone_table(t("project.milestones"), view.milestones, names, today),
    ]
    by_id = {c.id: c for c in contacts}
    roles = render.Table(t("project.roles"), ["contact", "part", "ask", "gain"])
    for role in project.roles:
        contact = by_id.get(role.contact_id)
        if contact is None:
            continue
        full = project.role_of(contact)
        roles.rows.append(
            [one_line(contact.name), role_text(full), one_line(full.ask), one_line(full.gain)]
        )
        roles.styles.append("")
    sections.append(roles)
    sections.append(render.item_table(t("project.risks"), view.risks, names, today))
    others = [i for i in view.items if not i.is_risk]
    sections.append(render.item_table(t("project.items"), others, names, today))
    return sections


def map_sections(
    view: plan.ProjectView, columns: list[plan.MapColumn], today: date
) -> list[render.Section]:
    upstream, downstream = plan.flow_chain(columns)
    chain = [one_line(p.contact.name) for p in upstream] + [t("map.me")]
    chain += [one_line(p.contact.name) for p in downstream]
    sections: list[render.Section] = [
        render.Lines(
            t("map.heading", name=one_line(view.project.name)),
            [t("map.chain", chain=" → ".join(chain))],
        )
    ]
    for column in columns:
        key = column.flow.value if column.flow else "none"
        table = render.Table(
            t(f"map.band.{key}"),
            ["department", "contact", "stance", "part", "owes", "last contact", "boss"],
            empty=t("map.empty"),
        )
        for department, people in column.departments:
            for n, person in enumerate(people):
                table.rows.append(map_row(person, department if n == 0 else "", today))
                table.styles.append("")
        sections.append(table)
    return sections


def map_row(person: plan.MapPerson, department: str, today: date) -> list[str]:
    role = person.role
    parts = [label(v) for v in (role.level, role.side) if v is not None]
    last = person.last_contact
    return [
        one_line(department) if department else "",
        one_line(person.contact.name),
        label(person.contact.stance, "short"),
        listing(parts),
        t("map.owes", mine=len(person.i_owe), theirs=len(person.they_owe)),
        ago(last, today) if last is not None else t("map.no_contact"),
        "↑ " + one_line(person.boss.name) if person.boss else "",
    ]


# --- the commands --------------------------------------------------------------------------


def _one(words: list[str]) -> str:
    if not words:
        raise UsageError(t("cli.project.one_name"))
    return " ".join(words)


def _date(text: str | None, today: date) -> date | None:
    from collab_tui.dates import parse_date

    return parse_date(text, today) if text else None


def run_project(args: argparse.Namespace) -> int:
    from collab_tui import actions

    today = args.today
    with open_store(args) as store:
        if args.action == "add":
            project = actions.save_project(store, None, _project_fields(args, today, True))
            said = t("project.said.add", name=project.name, tag=project.tag)
        elif args.action == "edit":
            base = actions.find_project(_one(args.words), store.projects())
            project = actions.save_project(store, base, _project_fields(args, today, False))
            said = t("project.said.edit", name=project.name, tag=project.tag)
        elif args.action == "role":
            if len(args.words) != 2:
                raise UsageError(t("cli.project.usage"))
            base = actions.find_project(args.words[0], store.projects())
            contact = actions.find_contact(args.words[1], current_contacts(store.contacts()))
            fields = {
                k: getattr(args, k)
                for k in ("side", "level", "flow", "ask", "gain", "step")
                if getattr(args, k) is not None
            }
            project = actions.set_role(store, base.id, contact.id, **fields)
            role = project.role_of(contact)
            said = t(
                "project.said.role", name=contact.name, project=project.name, role=role_text(role)
            )
        else:
            projects = store.projects()
            items, milestones = store.items(), store.milestones()
            contacts = store.contacts()
            if args.action == "list":
                views = [plan.overview(p, milestones, items, today) for p in projects]
                if args.json:
                    _print_json([view_json(v, today) for v in views])
                else:
                    _show(list_sections(views, today), args)
                return EXIT_OK
            project = actions.find_project(_one(args.words), projects)
            view = plan.overview(project, milestones, items, today)
            if args.json:
                _print_json(view_json(view, today))
            else:
                _show(show_sections(view, contacts, today), args)
            return EXIT_OK
    if args.json:
        _print_json(project.to_dict())
    else:
        print(_plain(said))
    return EXIT_OK


def _project_fields(args: argparse.Namespace, today: date, new: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if new:
        fields["name"] = _one(args.words)
    elif args.name is not None:
        fields["name"] = args.name
    if args.goal is not None:
        fields["goal"] = args.goal
    if args.launch is not None:
        fields["launch"] = _date(args.launch, today)
    if args.our_role is not None:
        fields["our_role"] = args.our_role
    if args.tag is not None:
        fields["tag"] = args.tag
    if args.status is not None:
        fields["status"] = args.status
    return fields


def _milestone_id(words: list[str]) -> int:
    import argparse

    from collab_tui.cli.parser import item_id

    if not words:
        raise UsageError(t("cli.milestone.usage"))
    try:
        return item_id(words[0])
    except argparse.ArgumentTypeError as error:
        raise UsageError(str(error)) from None


def run_milestone(args: argparse.Namespace) -> int:
    from collab_tui import actions

    today = args.today
    on = _date(args.date, today) or today
    extra: dict[str, Any] = {}
    with open_store(args) as store:
        contacts = current_contacts(store.contacts())
        if args.action == "add":
            if len(args.words) < 2:
                raise UsageError(t("cli.milestone.usage"))
            project = actions.find_project(args.words[0], store.projects())
            owner = actions.find_contact(args.owner, contacts).id if args.owner else None
            milestone = actions.add_milestone(
                store, project.id, " ".join(args.words[1:]), _date(args.baseline, today), owner
            )
        elif args.action == "agree":
            people = [actions.find_contact(name, contacts).id for name in args.agreed_with or []]
            milestone, entry = actions.agree_milestone(store, _milestone_id(args.words), people, on)
            extra["interaction"] = entry.to_dict()
        elif args.action == "move":
            when = _date(" ".join(args.words[1:]), today)
            if when is None:
                raise UsageError(t("cli.milestone.usage"))
            milestone = actions.move_milestone(
                store, _milestone_id(args.words), when, args.cause or ""
            )
        else:
            milestone = actions.complete_milestone(store, _milestone_id(args.words), on)
        projects = {p.id: p for p in store.projects()}
        names = {c.id: c.name for c in store.contacts()}
    if args.json:
        _print_json({**milestone_json(milestone, today), **extra})
        return EXIT_OK
    what = describe_milestone(milestone, projects)
    if args.action == "add":
        said = t("milestone.said.add", what=what, date=format_date(milestone.baseline, today))
    elif args.action == "agree":
        agreed_names = listing(one_line(names.get(i, "")) for i in milestone.agreed_with)
        said = t(
            "milestone.said.agree", what=what, names=agreed_names, log=extra["interaction"]["id"]
        )
    elif args.action == "move":
        date_text = format_date(milestone.expected, today)
        said = t("milestone.said.move", what=what, date=date_text, slip=deviation(milestone) or "0")
    else:
        said = t("milestone.said.done", what=what)
    print(_plain(said))
    return EXIT_OK


def run_map(args: argparse.Namespace) -> int:
    from collab_tui import actions

    today = args.today
    with open_store(args) as store:
        project = actions.find_project(" ".join(args.project), store.projects())
        contacts = store.contacts()
        view = plan.overview(project, store.milestones(project.id), store.items(), today)
        columns = plan.stakeholder_map(view, contacts, store.last_contact_dates(today))
    if args.json:
        _print_json(map_json(view, columns, today))
    else:
        _show(map_sections(view, columns, today), args)
    return EXIT_OK
