"""The guided morning review: one record at a time, one key per decision.

The walk is fixed when the review opens (overdue, due today, waiting on, risks to review,
going cold; an item appears once, in its first section) so "3 of 12" stays meaningful;
each step shows the record as it is now, and one that was closed meanwhile says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from collab_tui.dates import describe_due, format_date
from collab_tui.model import Contact, Item, one_line
from collab_tui.tui.state import Snapshot
from collab_tui.tui.widgets.render import contact_summary, heading, item_prompt, text

if TYPE_CHECKING:
    from collab_tui.tui.app import CollabApp


@dataclass(frozen=True)
class Step:
    section: str
    kind: Literal["item", "contact"]
    id: int


def review_steps(snapshot: Snapshot) -> list[Step]:
    agenda = snapshot.agenda
    steps: list[Step] = []
    seen: set[int] = set()
    for section, items in (
        ("Overdue", agenda.overdue),
        ("Due today", agenda.due_today),
        ("Waiting on", agenda.waiting),
        ("Risks to review", agenda.risks_to_review),
    ):
        for item in items:
            if item.id not in seen:
                seen.add(item.id)
                steps.append(Step(section, "item", item.id))
    steps.extend(Step("Going cold", "contact", c.contact.id) for c in agenda.going_cold)
    return steps


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("d", "done", "Done", id="review.done"),
        Binding("s", "snooze", "Snooze", id="review.snooze"),
        Binding("e", "escalate", "Escalate", id="review.escalate"),
        Binding("l", "logged", "Logged contact", id="review.logged"),
        Binding("n,space,right,j", "next", "Next", id="review.next"),
        Binding("p,left,k", "previous", "Previous", show=False, id="review.previous"),
        Binding("q,escape", "close", "Close", id="review.quit"),
    ]

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.steps = review_steps(snapshot)
        self.position = 0

    @property
    def collab(self) -> CollabApp:
        return cast("CollabApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(id="review-progress")
            with VerticalScroll(id="review-card"):
                yield Static(id="review-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.render_step()

    def show(self, snapshot: Snapshot) -> None:
        """A fresh snapshot (after a change here or elsewhere): redraw the same step."""
        self.snapshot = snapshot
        if self.is_mounted:
            self.render_step()

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
        """The cold contact, or the counterpart of the item."""
        step = self.step
        if step is None:
            return None
        if step.kind == "contact":
            return self.snapshot.contacts_by_id.get(step.id)
        item = self.current_item()
        if item is None or not item.contact_ids:
            return None
        return self.snapshot.contacts_by_id.get(item.contact_ids[0])

    def render_step(self) -> None:
        progress = self.query_one("#review-progress", Static)
        body = self.query_one("#review-body", Static)
        step = self.step
        if step is None:
            progress.update(Content.assemble(("Morning review · done", "bold $text-success")))
            body.update(
                Content(
                    f"You went through {len(self.steps)} records. "
                    "Press q to go back, or p to look at the last one again."
                    if self.steps
                    else "Nothing overdue, due today, waited on, to review or going cold. "
                    "A good morning. Press q to go back."
                )
            )
            return
        progress.update(
            Content.assemble(
                ("Morning review · ", "bold"),
                (step.section, "bold $text-primary"),
                (f" · {self.position + 1} of {len(self.steps)}", "dim"),
            )
        )
        if step.kind == "item":
            body.update(self._item_card())
        else:
            body.update(self._contact_card())

    def _item_card(self) -> Content:
        item = self.current_item()
        if item is None:
            return Content("This item is closed now. n for the next one.")
        today = self.snapshot.today
        lines = [item_prompt(item, self.snapshot), Content("")]
        if item.due is not None:
            lines.append(
                Content(f"due {format_date(item.due, today)} ({describe_due(item.due, today)})")
            )
        if item.due_history:
            lines.append(Content(f"re-dated {len(item.due_history)} time(s) already"))
        if item.is_risk:
            if item.review is not None:
                lines.append(Content(f"review {format_date(item.review, today)}"))
            rating = " · ".join(
                f"{label} {value.value}"
                for label, value in (("likelihood", item.likelihood), ("impact", item.impact))
                if value is not None
            )
            if rating:
                lines.append(Content(rating))
            if item.mitigation:
                lines.append(Content.assemble(("mitigation: ", "dim"), one_line(item.mitigation)))
        if item.notes:
            lines += [Content(""), text(item.notes)]
        lines += self._counterpart_lines()
        return Content("\n").join(lines)

    def _counterpart_lines(self) -> list[Content]:
        contact = self.current_contact()
        if contact is None:
            return []
        lines = [Content(""), heading("Counterpart"), Content("  " + contact_summary(contact))]
        boss = self.snapshot.boss_of(contact.id)
        if boss is not None:
            lines.append(Content.assemble(("  boss: ", "dim"), one_line(boss.name)))
        if contact.kpis:
            lines.append(
                Content.assemble(("  KPIs: ", "dim"), "; ".join(one_line(k) for k in contact.kpis))
            )
        return lines

    def _contact_card(self) -> Content:
        contact = self.current_contact()
        if contact is None:
            return Content("This contact is gone. n for the next one.")
        cold = next(
            (c for c in self.snapshot.agenda.going_cold if c.contact.id == contact.id), None
        )
        lines = [Content.assemble((contact_summary(contact), "bold"))]
        if cold is not None:
            last = cold.last_contact
            lines.append(
                Content(
                    f"last contact {format_date(last, self.snapshot.today)}"
                    if last
                    else "no contact logged yet"
                )
            )
            lines += [Content(""), heading("Open items with them", len(cold.open_items))]
            lines.extend(
                Content.assemble("  ", item_prompt(i, self.snapshot)) for i in cold.open_items
            )
        else:
            lines.append(Content("Not cold any more."))
        lines += [Content(""), Content("l logs a chat with them today; e drafts an escalation.")]
        return Content("\n").join(lines)

    # --- keys ----------------------------------------------------------------------------

    def action_next(self) -> None:
        self.position = min(self.position + 1, len(self.steps))
        self.render_step()

    def action_previous(self) -> None:
        self.position = max(self.position - 1, 0)
        self.render_step()

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
        self.collab.escalate(self.current_item(), self.current_contact())

    def action_logged(self) -> None:
        contact = self.current_contact()
        if contact is None:
            self.collab.say("Nobody is linked here to log contact with.", "warning")
        elif self.collab.log_contact_today(contact):
            self.action_next()

    def _need_item(self) -> Item | None:
        item = self.current_item()
        if item is None:
            self.collab.say("That key works on items; this is a contact.", "warning")
        return item
