"""The guided morning review: one record at a time, one key per decision.

The walk is fixed when the review opens (overdue, due today, waiting on, risks to review,
going cold; an item appears once, in its first section) so "3 of 12" stays meaningful;
each step shows the record as it is now, and one that was closed meanwhile says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from collab_tui.dates import format_date
from collab_tui.model import Contact, Item, Meeting, one_line
from collab_tui.records import record_class
from collab_tui.tui.content import contact_summary, heading, item_prompt
from collab_tui.tui.screens._base import SnapshotScreen
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.hanging import HangingLines, Row
from collab_tui.tui.widgets.item_card import (
    BLANK,
    dim,
    fact,
    interaction_rows,
    item_rows,
    line,
    linked_risk_rows,
)
from collab_tui.words import t

if TYPE_CHECKING:
    pass


@record_class(frozen=True)
class Step:
    """One record of the guided review, in its section."""

    section: str
    kind: Literal["item", "contact", "meeting", "milestone"]
    id: int


def review_steps(snapshot: Snapshot) -> list[Step]:
    """Meetings awaiting their outcome first, then the items, then who is going cold. A
    blocked item is not a step: there is nothing to do on it (nor to escalate) yet."""
    agenda = snapshot.agenda
    steps = [Step(t("today.awaiting_outcome"), "meeting", m.id) for m in agenda.awaiting_outcome]
    seen: set[int] = set(snapshot.blocked)
    for section, items in (
        (t("today.overdue"), agenda.overdue),
        (t("today.due_today"), agenda.due_today),
        (t("today.waiting"), agenda.waiting),
        (t("today.risks"), agenda.risks_to_review),
    ):
        for item in items:
            if item.id not in seen:
                seen.add(item.id)
                steps.append(Step(section, "item", item.id))
    # Overdue, slipped and unagreed milestones: each a risk until it is agreed and on plan.
    due = snapshot.milestone_agenda
    shown = dict.fromkeys(m.id for m in [*due.overdue, *due.slipped, *due.unagreed])
    steps.extend(Step(t("today.milestones"), "milestone", m) for m in shown)
    steps.extend(Step(t("today.cold"), "contact", c.contact.id) for c in agenda.going_cold)
    return steps


class ReviewScreen(SnapshotScreen):
    BINDINGS = [
        Binding("d", "done", t("review.key.done"), id="review.done"),
        Binding("s", "snooze", t("review.key.snooze"), id="review.snooze"),
        Binding("e", "escalate", t("review.key.escalate"), id="review.escalate"),
        Binding("l", "logged", t("review.key.logged"), id="review.logged"),
        Binding("n,space,right,j", "next", t("review.key.next"), id="review.next"),
        Binding("p,left,k", "previous", t("review.key.previous"), show=False, id="review.previous"),
        Binding("q,escape", "close", t("form.close"), id="review.quit"),
    ]

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(snapshot)
        self.steps = review_steps(snapshot)
        self.position = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(id="review-progress")
            with VerticalScroll(id="review-card"), Container(id="review-columns"):
                yield HangingLines(id="review-body")
                yield HangingLines(id="review-side")
        yield Footer(compact=True)

    # --- what is on screen -------------------------------------------------------------

    @property
    def step(self) -> Step | None:
        return self.steps[self.position] if self.position < len(self.steps) else None

    def current_item(self) -> Item | None:
        step = self.step
        if step is None or step.kind != "item":
            return None
        return self.snapshot.items_by_id.get(step.id)

    def current_contact(self) -> Contact | None:
        """The cold contact, or the counterpart of the item (a milestone's owner)."""
        step = self.step
        if step is None:
            return None
        if step.kind == "contact":
            return self.snapshot.contacts_by_id.get(step.id)
        if step.kind == "milestone":
            found = next((m for m in self.snapshot.milestones if m.id == step.id), None)
            if found is None or found.owner_id is None:
                return None
            return self.snapshot.contacts_by_id.get(found.owner_id)
        meeting = self.current_meeting()
        if meeting is not None:
            first = meeting.contact_ids[0] if meeting.contact_ids else None
            return self.snapshot.contacts_by_id.get(first) if first is not None else None
        item = self.current_item()
        if item is None or not item.contact_ids:
            return None
        return self.snapshot.contacts_by_id.get(item.contact_ids[0])

    def redraw(self) -> None:
        progress = self.query_one("#review-progress", Static)
        body = self.query_one("#review-body", HangingLines)
        side = self.query_one("#review-side", HangingLines)
        step = self.step
        if step is None:
            progress.update(Content.assemble((t("review.finished"), "bold $text-success")))
            body.show_text(
                t("review.went_through", n=len(self.steps)) if self.steps else t("review.empty")
            )
            side.show_rows([])
            return
        progress.update(
            Content.assemble(
                (t("review.progress.title") + " · ", "bold"),
                (step.section, "bold $text-primary"),
                (
                    " · " + t("review.progress.of", n=self.position + 1, total=len(self.steps)),
                    "dim",
                ),
            )
        )
        if step.kind == "milestone":
            body.show_rows(self._milestone_card(step.id))
        elif step.kind == "item":
            body.show_rows(self._item_card())
        elif step.kind == "meeting":
            body.show_rows(self._meeting_card())
        else:
            body.show_rows(self._contact_card())
        side.show_rows(self._side_rows())

    def _milestone_card(self, milestone_id: int) -> list[Row]:
        """The milestone against its plan, and its project; agree or move it on Projects."""
        from collab_tui.tui.views.projects import milestone_rows, project_rows

        milestone = next((m for m in self.snapshot.milestones if m.id == milestone_id), None)
        if milestone is None:
            return [line(Content(t("review.item_closed")))]
        project = next((p for p in self.snapshot.projects if p.id == milestone.project_id), None)
        rows = milestone_rows(milestone, self.snapshot)
        if project is not None:
            rows += project_rows(self.snapshot.view_of(project), self.snapshot)[:3]
        return [*rows, BLANK, line(dim(t("review.milestone_keys")))]

    def _item_card(self) -> list[Row]:
        """The item with its dates and slips (its history), risk fields and notes."""
        item = self.current_item()
        if item is None:
            return [line(Content(t("review.item_closed")))]
        return item_rows(item, self.snapshot)

    def current_meeting(self) -> Meeting | None:
        step = self.step
        if step is None or step.kind != "meeting":
            return None
        return next((m for m in self.snapshot.meetings if m.id == step.id), None)

    def _meeting_card(self) -> list[Row]:
        meeting = self.current_meeting()
        if meeting is None:
            return [line(Content(t("review.meeting_logged")))]
        when = format_date(meeting.date, self.snapshot.today)
        if meeting.time:
            when = t("describe.meeting.at", date=when, time=meeting.time)
        rows = [
            line(Content.assemble((one_line(meeting.title), "bold $text-accent"))),
            fact(t("card.when"), when),
        ]
        names = self.snapshot.names(meeting.contact_ids)
        if names:
            rows.append(fact(t("card.people"), names))
        rows += [BLANK, line(Content(t("review.meeting_keys")))]
        return rows

    def _side_rows(self) -> list[Row]:
        """Beside the card: who it concerns, what was said lately, what could go wrong."""
        contact = self.current_contact()
        if contact is None:
            return [line(dim(t("review.nobody_linked")))]
        rows = [line(heading(t("review.counterpart"))), line(Content(contact_summary(contact)))]
        boss = self.snapshot.boss_of(contact.id)
        if boss is not None:
            rows.append(fact(t("review.boss"), one_line(boss.name)))
        if contact.kpis:
            rows.append(fact(t("review.kpis"), "; ".join(one_line(k) for k in contact.kpis)))
        rows += interaction_rows(
            [contact.id], self.snapshot, t("review.recent_interactions"), limit=3
        )
        item = self.current_item()
        if item is not None:
            rows += linked_risk_rows(item, self.snapshot)
        return rows

    def _contact_card(self) -> list[Row]:
        contact = self.current_contact()
        if contact is None:
            return [line(Content(t("review.contact_gone")))]
        cold = next(
            (c for c in self.snapshot.agenda.going_cold if c.contact.id == contact.id), None
        )
        rows = [line(Content.assemble((contact_summary(contact), "bold")))]
        if cold is not None:
            last = cold.last_contact
            rows.append(
                line(
                    Content(
                        t("review.last_contact", date=format_date(last, self.snapshot.today))
                        if last
                        else t("review.no_contact_yet")
                    )
                )
            )
            rows.append(fact(t("review.cadence"), t("today.cold.every", n=cold.cadence_days)))
            if cold.last_topic:
                rows.append(fact(t("review.last_topic"), one_line(cold.last_topic)))
            rows += [BLANK, line(heading(t("review.open_items"), len(cold.open_items)))]
            rows.extend(
                (Content("  "), item_prompt(i, self.snapshot, show_due=False))
                for i in cold.open_items
            )
        else:
            rows.append(line(Content(t("review.not_cold"))))
        rows += [BLANK, line(Content(t("review.contact_keys")))]
        return rows

    # --- keys ----------------------------------------------------------------------------

    def action_next(self) -> None:
        self.position = min(self.position + 1, len(self.steps))
        self.redraw()

    def action_previous(self) -> None:
        self.position = max(self.position - 1, 0)
        self.redraw()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        item = self._need_item()
        if item is not None and self.collab.complete_item(item):
            self.action_next()

    def action_snooze(self) -> None:
        item = self._need_item()
        if item is not None:
            self.collab.snooze_item(item, after=self.action_next)

    def action_escalate(self) -> None:
        self.collab.escalate(self.current_item(), after=self.action_next)

    def action_logged(self) -> None:
        meeting = self.current_meeting()
        if meeting is not None:  # its outcome: one capture line
            self.collab.log_outcome(meeting, after=self.action_next)
            return
        contact = self.current_contact()
        if contact is None:
            self.collab.say(t("review.nobody_to_log"), "warning")
        else:
            self.collab.log_touch(contact, after=self.action_next)

    def _need_item(self) -> Item | None:
        item = self.current_item()
        if item is None:
            self.collab.say(t("review.items_only"), "warning")
        return item
