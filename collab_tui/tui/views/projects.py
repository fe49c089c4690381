"""Projects: each project with its next milestone, slips and risks, and its milestones
under it; the highlighted project (or milestone) in full beside the list."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content

from collab_tui import plan
from collab_tui.model import Milestone, Project, one_line
from collab_tui.tui import keymap
from collab_tui.tui.content import milestone_prompt, milestone_slip
from collab_tui.tui.state import Snapshot
from collab_tui.tui.views.base import View
from collab_tui.tui.widgets.hanging import HangingLines, Row
from collab_tui.tui.widgets.record_list import RecordList, Section, Target
from collab_tui.words import format_date, label, listing, relative, t, with_relative


def project_line(view: plan.ProjectView, snapshot: Snapshot) -> Content:
    """'Order payment  #orders  launch Thu 31 Dec (at risk) · next: … · 1 slipped …'."""
    project, today = view.project, snapshot.today
    parts: list[str | tuple[str, str]] = [(one_line(project.name), "bold $text-primary")]
    parts.append(("  #" + one_line(project.tag), "$text-muted"))
    if not project.is_active:
        parts.append(("  " + label(project.status), "$text-muted"))
    if project.launch is not None:
        launch = t("project.launch", date=format_date(project.launch, today))
        parts.append(("  " + launch, "$text-secondary"))
    if view.launch_at_risk:
        parts.append(("  " + t("project.launch_at_risk"), "bold $text-error"))
    return Content.assemble(*parts)


def project_status_line(view: plan.ProjectView, snapshot: Snapshot) -> Content:
    """Under the project: its next milestone, then how many slipped, unagreed, risks."""
    if view.next is not None:
        when = relative(view.next.expected, snapshot.today)
        upcoming = t("project.next", name=one_line(view.next.name), date=when)
    else:
        upcoming = t("project.no_next")
    counts = t(
        "project.counts",
        slipped=len(view.slipped),
        unagreed=len(view.unagreed),
        risks=len(view.risks),
    )
    warn = view.slipped or view.unagreed or view.risks
    return Content.assemble(
        ("  " + upcoming, "$text-secondary"),
        (" · " + counts, "$text-warning" if warn else "$text-muted"),
    )


class ProjectsView(View):
    BINDINGS = keymap.bindings(keymap.PROJECT, on_app=True)
    list_id = "project-list"
    search_placeholder = "search.items"

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="projects-columns"):
            yield RecordList(id="project-list")
            with VerticalScroll(id="project-pane"):
                yield HangingLines(id="project-detail")

    def render_view(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        query = self.query_text.casefold()
        sections: list[Section] = []
        for project in snapshot.projects:
            view = snapshot.view_of(project)
            milestones = [m for m in view.milestones if not query or query in m.name.casefold()]
            if query and query not in project.name.casefold() and not milestones:
                continue
            rows: list[tuple[Target | None, object]] = [
                (Target("project", project.id), partial(project_line, view, snapshot)),
                (None, partial(project_status_line, view, snapshot)),
            ]
            rows += [
                (Target("milestone", m.id, str(project.id)), partial(milestone_prompt, m, snapshot))
                for m in milestones
            ]
            sections.append(Section(one_line(project.name), rows, show_heading=False))  # type: ignore[arg-type]
        if not sections:
            sections = [
                Section("", [(None, Content.assemble((t("projects.empty"), "$text-muted")))])
            ]
            sections[0].show_heading = False
        self.record_list.show(sections, generation=snapshot)
        self.render_selection()

    # --- selection ------------------------------------------------------------------------

    def selected_project(self) -> Project | None:
        snapshot, target = self.snapshot, self.record_list.target
        if snapshot is None or target is None:
            return None
        project_id = target.id if target.kind == "project" else int(target.section or 0)
        return next((p for p in snapshot.projects if p.id == project_id), None)

    def selected_milestone(self) -> Milestone | None:
        snapshot, target = self.snapshot, self.record_list.target
        if snapshot is None or target is None or target.kind != "milestone":
            return None
        return next((m for m in snapshot.milestones if m.id == target.id), None)

    def reveal(self, kind: str, record_id: int) -> None:
        if not self.record_list.select_target(kind, record_id) and self.query_text:
            self.close_search()
            self.record_list.select_target(kind, record_id)
        self.record_list.focus()

    def render_selection(self) -> None:
        detail = self.query_one("#project-detail", HangingLines)
        snapshot = self.snapshot
        project = self.selected_project()
        if snapshot is None or project is None:
            detail.show_rows([])
            return
        milestone = self.selected_milestone()
        rows = milestone_rows(milestone, snapshot) if milestone is not None else []
        detail.show_rows(rows + project_rows(snapshot.view_of(project), snapshot))


def _fact(name: str, value: str | Content, style: str = "") -> Row:
    body = value if isinstance(value, Content) else Content.assemble((value, style))
    return (Content.assemble((t(name) + "  ", "$text-muted")), body)


def project_rows(view: plan.ProjectView, snapshot: Snapshot) -> list[Row]:
    project, today = view.project, snapshot.today
    rows: list[Row] = [(Content(""), Content.assemble((one_line(project.name), "bold")))]
    if project.goal:
        rows.append(_fact("projects.detail.goal", one_line(project.goal)))
    if project.launch is not None:
        launch = with_relative(project.launch, today)
        if view.launch_at_risk:
            launch += "  " + t("project.launch_at_risk")
        rows.append(
            _fact(
                "projects.detail.launch", launch, "bold $text-error" if view.launch_at_risk else ""
            )
        )
    if project.our_role is not None:
        rows.append(_fact("projects.detail.role", label(project.our_role)))
    rows.append(_fact("projects.detail.tag", "#" + one_line(project.tag)))
    people = snapshot.names(view.contact_ids)
    if people:
        rows.append(_fact("projects.detail.people", people))
    if view.unagreed:
        names = listing(one_line(m.name) for m in view.unagreed)
        rows.append(_fact("projects.detail.unagreed", names, "$text-warning"))
    for risk in view.risks:
        text = one_line(risk.title)
        if risk.mitigation:
            text += " — " + one_line(risk.mitigation)
        rows.append(_fact("projects.detail.risks", text, "$text-warning"))
    return rows


def milestone_rows(milestone: Milestone, snapshot: Snapshot) -> list[Row]:
    today = snapshot.today
    status = plan.milestone_status(milestone, today)
    rows: list[Row] = [
        _fact(
            "projects.detail.milestone", Content.assemble(("◆ " + one_line(milestone.name), "bold"))
        ),
        _fact("projects.detail.status", status.label),
        _fact("projects.detail.baseline", with_relative(milestone.baseline, today)),
        _fact("projects.detail.forecast", with_relative(milestone.expected, today)),
    ]
    slip = milestone_slip(milestone)
    if slip:
        rows.append(_fact("projects.detail.cause", slip, "$text-warning"))
    if milestone.forecast_history:
        earlier = " → ".join(format_date(d, today) for d in milestone.forecast_history)
        rows.append(_fact("projects.detail.history", earlier))
    owner = (
        t("milestone.owner.me")
        if milestone.owner_id is None
        else snapshot.names([milestone.owner_id])
    )
    rows.append(_fact("projects.detail.owner", owner))
    if milestone.agreed is not None:
        agreed = t(
            "milestone.agreed_with",
            names=snapshot.names(milestone.agreed_with),
            date=format_date(milestone.agreed, today),
        )
        rows.append(_fact("projects.detail.agreed", agreed))
    else:
        rows.append(_fact("projects.detail.agreed", t("milestone.not_agreed"), "$text-warning"))
    rows.append((Content(""), Content("")))
    return rows
