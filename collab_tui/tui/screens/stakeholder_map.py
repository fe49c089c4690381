"""The stakeholder map of one project: the whiteboard picture before the first meeting.

People are laid out along the business flow (upstream of me, me, downstream of me, and
those not placed yet), grouped by department; each shows their stance in colour, level,
the project's open items both ways and the days since the last contact, and a boss link.
The highlighted person's role, ask and gain are beside the bands; ``e`` shows their
escalation path (boss, boss's boss ...), ``r`` edits their role in this project.
Side by side from ``FLOW_WIDE`` columns (three bands need that many for a row each, CJK
names being two columns wide); stacked under that.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from collab_tui import plan
from collab_tui.model import Flow, Project, one_line
from collab_tui.tui.content import STANCE_STYLE
from collab_tui.tui.screens._base import SnapshotScreen
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.hanging import HangingLines, Row
from collab_tui.tui.widgets.record_list import RecordList, Section, Target
from collab_tui.words import ago, label, listing, t

# flow -> the band's id (and its words, map.band.<id>): the flow's value, or "none"
FLOW_WIDE = 150

BANDS: dict[Flow | None, str] = {flow: flow.value for flow in plan.MAP_ORDER if flow} | {
    None: "none"
}


def person_line(person: plan.MapPerson, today_days: int | None) -> Content:
    """'小蓝  eager  working level  →0 ←1  3d  ↑ 刘经理'."""
    contact, role = person.contact, person.role
    parts: list[str | tuple[str, str]] = [
        ("  " + one_line(contact.name), STANCE_STYLE[contact.stance]),
    ]
    stance = label(contact.stance, "short")
    if stance:
        parts.append(("  " + stance, STANCE_STYLE[contact.stance]))
    if role.level is not None:
        parts.append(("  " + label(role.level, "short"), "$text-secondary"))
    parts.append((f"  →{len(person.i_owe)} ←{len(person.they_owe)}", "$text-accent"))
    days = t("map.days", n=today_days) if today_days is not None else t("map.no_contact")
    parts.append(("  " + days, "$text-muted"))
    if person.boss is not None:
        parts.append(("  ↑ " + one_line(person.boss.name), "$text-muted"))
    return Content.assemble(*parts)


class StakeholderMapScreen(SnapshotScreen):
    BINDINGS = [
        Binding("e", "escalation", t("map.key.escalation"), id="map.escalation"),
        Binding("r", "role", t("map.key.role"), id="map.role"),
        Binding("o", "brief", t("map.key.brief"), show=False, id="map.brief"),
        Binding("escape,q", "close", t("map.key.back"), id="map.close"),
    ]

    def __init__(self, project_id: int, snapshot: Snapshot) -> None:
        super().__init__(snapshot)
        self.project_id = project_id
        self.showing_escalation = False
        self.columns: list[plan.MapColumn] = []

    def compose(self) -> ComposeResult:
        yield Static(id="map-heading")
        with Horizontal(id="map-body"):
            with Horizontal(id="map-bands"):
                for flow, key in BANDS.items():
                    with Vertical(classes="map-band", id=f"band-{key}"):
                        yield RecordList(id=f"map-{key}")
                    if flow is Flow.UPSTREAM:
                        yield Static(Content("→ " + t("map.me") + " →"), id="map-me")
            with VerticalScroll(id="map-pane"):
                yield HangingLines(id="map-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#map-upstream", RecordList).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= FLOW_WIDE, "-flow-wide")

    @property
    def project(self) -> Project | None:
        return next((p for p in self.snapshot.projects if p.id == self.project_id), None)

    def redraw(self) -> None:
        project = self.project
        if project is None:  # deleted meanwhile (another process)
            self.dismiss()
            return
        snapshot = self.snapshot
        view = snapshot.view_of(project)
        last = self.collab.store.last_contact_dates(snapshot.today)
        self.columns = plan.stakeholder_map(view, snapshot.contacts_by_id.values(), last)
        upstream, downstream = plan.flow_chain(self.columns)
        chain = [one_line(p.contact.name) for p in upstream] + [t("map.me")]
        chain += [one_line(p.contact.name) for p in downstream]
        self.query_one("#map-heading", Static).update(
            Content.assemble(
                (t("map.title", name=one_line(project.name)), "bold $text-primary"),
                ("   " + t("map.chain", chain=" → ".join(chain)), "$text-secondary"),
            )
        )
        for column in self.columns:
            key = BANDS[column.flow]
            rows: list[tuple[Target | None, Content]] = []
            for department, people in column.departments:
                dept = one_line(department) if department else t("map.no_department")
                rows.append((None, Content.assemble((dept, "bold $text-accent"))))
                rows += [
                    (
                        Target("contact", p.contact.id, key),
                        person_line(p, p.days_since_contact(snapshot.today)),
                    )
                    for p in people
                ]
            if not rows:
                rows = [(None, Content.assemble(("  " + t("map.empty"), "$text-muted")))]
            section = Section(t(f"map.band.{key}"), list(rows))
            self.query_one(f"#map-{key}", RecordList).show([section], generation=snapshot)
        self.render_person()

    # --- the highlighted person -----------------------------------------------------------

    def selected(self) -> plan.MapPerson | None:
        focused = self.focused
        lists = [self.query_one(f"#map-{key}", RecordList) for key in BANDS.values()]
        record_list = focused if isinstance(focused, RecordList) and focused in lists else lists[0]
        target = record_list.target
        if target is None:
            return None
        for column in self.columns:
            for person in column.people:
                if person.contact.id == target.id:
                    return person
        return None

    def on_record_list_highlighted(self, event: RecordList.Highlighted) -> None:
        event.stop()
        self.render_person()

    def on_descendant_focus(self) -> None:
        self.render_person()

    def render_person(self) -> None:
        detail = self.query_one("#map-detail", HangingLines)
        person = self.selected()
        if person is None:
            detail.show_text(Content.assemble((t("map.select"), "$text-muted")))
            return
        detail.show_rows(
            escalation_rows(person) if self.showing_escalation else person_rows(person, self)
        )

    def action_escalation(self) -> None:
        self.showing_escalation = not self.showing_escalation
        self.render_person()

    def action_role(self) -> None:
        person, project = self.selected(), self.project
        if person is None or project is None:
            self.collab.say(t("map.select"), "warning")
            return
        self.collab.edit_role(project, person.contact)

    def action_brief(self) -> None:
        person = self.selected()
        if person is not None:
            self.dismiss()
            self.collab.open_contact(person.contact.id)

    def action_close(self) -> None:
        self.dismiss()


def _fact(name: str, value: str, style: str = "") -> Row:
    return (Content.assemble((t(name) + "  ", "$text-muted")), Content.assemble((value, style)))


def person_rows(person: plan.MapPerson, screen: StakeholderMapScreen) -> list[Row]:
    contact, role = person.contact, person.role
    today = screen.snapshot.today
    rows: list[Row] = [
        (
            Content(""),
            Content.assemble((one_line(contact.name), "bold " + STANCE_STYLE[contact.stance])),
        )
    ]
    if contact.department or contact.title:
        text = listing(one_line(p) for p in (contact.title, contact.department) if p)
        rows.append((Content(""), Content.assemble((text, "$text-muted"))))
    rows.append(_fact("map.person.stance", label(contact.stance), STANCE_STYLE[contact.stance]))
    parts = [label(v) for v in (role.side, role.level, role.flow) if v is not None]
    if parts:
        rows.append(_fact("map.person.role", listing(parts)))
    if role.ask:
        rows.append(_fact("map.person.ask", one_line(role.ask)))
    if role.gain:
        rows.append(_fact("map.person.gain", one_line(role.gain)))
    if contact.kpis:
        rows.append(_fact("map.person.kpis", listing(one_line(k) for k in contact.kpis)))
    owes = t("map.owes", mine=len(person.i_owe), theirs=len(person.they_owe))
    rows.append(_fact("map.person.owes", owes))
    last = ago(person.last_contact, today) if person.last_contact else t("map.no_contact")
    rows.append(_fact("map.person.last", last))
    boss = one_line(person.boss.name) if person.boss else t("map.no_boss")
    rows.append(_fact("map.person.boss", boss))
    return rows


def escalation_rows(person: plan.MapPerson) -> list[Row]:
    rows: list[Row] = [
        (
            Content(""),
            Content.assemble(
                (t("map.escalation_heading", name=one_line(person.contact.name)), "bold")
            ),
        )
    ]
    if not person.escalation:
        rows.append((Content(""), Content.assemble((t("map.no_boss"), "$text-muted"))))
    for depth, boss in enumerate(person.escalation, start=1):
        details = [one_line(p) for p in (boss.title, boss.department) if p]
        stance = label(boss.stance, "short")
        if stance:
            details.append(stance)
        line = "↑ " + one_line(boss.name)
        if details:
            line += "  " + listing(details)
        rows.append((Content(f"{depth}. "), Content.assemble((line, STANCE_STYLE[boss.stance]))))
    rows.append((Content(""), Content.assemble((t("map.escalation_hint"), "italic $text-muted"))))
    return rows
