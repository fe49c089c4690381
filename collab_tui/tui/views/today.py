"""Today: the morning review in one glance (the start tab)."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from collab_tui import lookup
from collab_tui.model import Item, Meeting, one_line
from collab_tui.text import pad
from collab_tui.tui.content import (
    DUE_WIDTH,
    cold_prompt,
    contact_summary,
    meeting_line,
    milestone_prompt,
)
from collab_tui.tui.state import Snapshot
from collab_tui.tui.views.base import ITEM_BINDINGS, MEETING_BINDINGS, ItemView
from collab_tui.tui.widgets.record_list import RecordList, RowContent, Section, Target
from collab_tui.words import t

WELCOME = "app.welcome"  # a key in words.EN: Textual markup, shown on an empty file


class TodayView(ItemView):
    BINDINGS = [*ITEM_BINDINGS, *MEETING_BINDINGS]
    search_placeholder = "search.items"

    def compose_body(self) -> ComposeResult:
        yield Static(Content.from_markup(t(WELCOME)), id="welcome", classes="hidden")
        yield RecordList(id="today-list")

    def render_view(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        record_list = self.query_one("#today-list", RecordList)
        welcome = self.query_one("#welcome")
        welcome.set_class(not snapshot.is_empty, "hidden")
        record_list.set_class(snapshot.is_empty, "hidden")
        record_list.show(self.sections(snapshot), generation=snapshot)

    def sections(self, snapshot: Snapshot) -> list[Section]:
        agenda, query = snapshot.agenda, self.query_text

        def items(name: str, title: str, records: list[Item]) -> Section:
            shown = [i for i in records if snapshot.item_matches(i, query)]
            return Section(
                title, [(Target("item", i.id, name), self.item_content(i)) for i in shown]
            )

        waiting = self._waiting_by_counterpart(snapshot, agenda.waiting)
        cold = [c for c in agenda.going_cold if snapshot.contact_matches(c.contact, query)]
        sections = []
        if snapshot.project is not None:
            filtered = t("projects.filtered", name=one_line(snapshot.project.name))
            sections.append(Section(filtered, [], counted=False))
        sections.append(
            self._meetings(snapshot, "meetings", t("today.meetings"), agenda.meetings_today)
        )
        if agenda.awaiting_outcome:  # shown only when there is an outcome to log
            sections.append(
                self._meetings(
                    snapshot, "outcome", t("today.awaiting_outcome"), agenda.awaiting_outcome
                )
            )
        blocked = items("blocked", t("today.blocked"), [b.item for b in agenda.blocked])
        return sections + [
            items("overdue", t("today.overdue"), agenda.overdue),
            items("due_today", t("today.due_today"), agenda.due_today),
            items("owe", t("today.owe"), agenda.owe),
            waiting,
            items("risks", t("today.risks"), agenda.risks_to_review),
            *self._milestones(snapshot),
            blocked,
            Section(
                t("today.cold"),
                [
                    (
                        Target("contact", c.contact.id, "cold"),
                        partial(cold_prompt, c, snapshot.today),  # built when drawn
                    )
                    for c in cold
                ],
            ),
            *self._escalations(snapshot),
        ]

    def _milestones(self, snapshot: Snapshot) -> list[Section]:
        """Overdue, slipped and unagreed milestones (each once, in that order): every
        unagreed one is a risk until it is agreed. No section without projects."""
        if not snapshot.projects:
            return []
        due = snapshot.milestone_agenda
        names = {p.id: p.name for p in snapshot.projects}
        shown = {m.id: m for m in [*due.overdue, *due.slipped, *due.unagreed]}
        query = self.query_text.casefold()
        rows = [
            (
                Target("milestone", m.id, "milestones"),
                milestone_prompt(m, snapshot, names.get(m.project_id, "")),
            )
            for m in shown.values()
            if not query or query in m.name.casefold()
        ]
        return [Section(t("today.milestones"), rows)]  # type: ignore[arg-type]

    def _meetings(
        self, snapshot: Snapshot, name: str, title: str, meetings: list[Meeting]
    ) -> Section:
        """Each meeting, then its people (Enter on one opens their brief). The heading
        counts the meetings, not their people."""
        shown = [m for m in meetings if snapshot.meeting_matches(m, self.query_text)]
        section = Section(t("heading.count", title=title, count=len(shown)), counted=False)
        for meeting in shown:
            people = [snapshot.contacts_by_id.get(i) for i in meeting.contact_ids]
            section.rows.append(
                (
                    Target("meeting", meeting.id, name),
                    meeting_line(meeting, snapshot, outcome_due=name == "outcome"),
                )
            )
            section.rows.extend(
                (
                    Target("contact", c.id, f"{name}-{meeting.id}"),
                    Content.assemble(("      ", ""), ("→ ", "$text-muted"), contact_summary(c)),
                )
                for c in people
                if c is not None
            )
        return section

    def _escalations(self, snapshot: Snapshot) -> list[Section]:
        """Open escalations (a heading only when there are some: most days have none)."""
        if not snapshot.agenda.escalations:
            return []
        from collab_tui.facts import escalation_line  # on the first one: most days none

        names = {c.id: c.name for c in snapshot.contacts_by_id.values()}
        rows: list[tuple[Target | None, RowContent]] = [
            (
                Target("item", e.item_id, "escalations"),
                Content.assemble(
                    (pad("", DUE_WIDTH), ""), escalation_line(e, names, snapshot.today)
                ),
            )
            for e in snapshot.agenda.escalations
        ]
        return [Section(t("today.escalations"), rows)]

    def _waiting_by_counterpart(self, snapshot: Snapshot, waiting: list[Item]) -> Section:
        """Waiting-on items under one sub-heading per counterpart (who to chase)."""
        groups: dict[str, list[Item]] = {}
        order: dict[str, tuple[Any, ...]] = {}  # name -> its pinyin order
        for item in waiting:
            if snapshot.item_matches(item, self.query_text):
                first = (
                    snapshot.contacts_by_id.get(item.contact_ids[0]) if item.contact_ids else None
                )
                name = one_line(first.name) if first is not None else t("today.nobody")
                groups.setdefault(name, []).append(item)
                order.setdefault(name, lookup.sort_key(first) if first is not None else ((),))
        section = Section(t("today.waiting"))
        for name in sorted(groups, key=order.__getitem__):
            section.rows.append((None, Content.assemble(("  " + name, "bold $text-secondary"))))
            section.rows.extend(
                (Target("item", i.id, "waiting"), self.item_content(i)) for i in groups[name]
            )
        return section
