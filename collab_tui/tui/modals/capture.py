"""CaptureModal: the one-line grammar, with a live preview of what Enter will create.

Pasting several lines switches the dialog to a multi-line editor: one capture per line,
each previewed, all saved together with Ctrl+S (Input alone would keep the first line
of a paste and silently drop the rest).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from collab_tui import capture as grammar
from collab_tui.model import Contact, Kind, Project, Stance, one_line
from collab_tui.text import pad
from collab_tui.tui.modals._base import Dialog, ErrorLine
from collab_tui.tui.modals._fields import describe_date
from collab_tui.words import label, t

EXAMPLES = "capture.examples"  # a key in words.EN (looked up when the modal is built)

# The word before an item's people: I owe things *for* them, wait on things *from* them.


class CaptureInput(Input):
    """The capture line; a paste of several lines is handed to the dialog, not cut."""

    class Pasted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        if sum(1 for line in event.text.splitlines() if line.strip()) < 2:
            super()._on_paste(event)
            return
        event.stop()
        at = self.cursor_position
        self.post_message(self.Pasted(self.value[:at] + event.text + self.value[at:]))


def capture_lines(text: str) -> list[str]:
    """The captures in the dialog's text: one per non-empty line."""
    return [line for line in text.splitlines() if line.strip()]


class CaptureModal(Dialog[str | None]):
    """Type one capture line; dismisses with the text on Enter, or None on Escape.

    The text may hold several lines (after a multi-line paste, or a prefill with
    newlines): each non-empty line is one capture, and Ctrl+S saves them all.

    The preview below the line shows what Enter will create, with names resolved
    against ``contacts`` and dates as absolute dates. While the line has an error
    (a bad date, an ambiguous name) the error is shown and Enter does nothing.
    """

    BINDINGS = [
        Binding("escape", "cancel", t("form.cancel")),
        Binding("ctrl+s", "submit", t("act.capture"), priority=True),
    ]

    DEFAULT_CSS = """
    CaptureModal #dialog { max-width: 110; }
    CaptureModal #line { margin-bottom: 1; }
    CaptureModal #lines { height: auto; max-height: 10; margin-bottom: 1; display: none; }
    CaptureModal.multi #lines { display: block; }
    CaptureModal.multi #line { display: none; }
    CaptureModal #preview-box { height: auto; max-height: 12; margin-top: 1; }
    CaptureModal #preview { height: auto; }
    """

    def __init__(
        self,
        contacts: list[Contact],
        today: date,
        prefill: str = "",
        projects: Sequence[Project] = (),
    ) -> None:
        super().__init__()
        self.contacts = contacts
        self.projects = list(projects)  # project:NAME is found among them, as on saving
        self.today = today
        self.prefill = prefill
        self.error = ""  # the current parse/resolve error; Enter is refused while set

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("act.capture")
            single = "" if "\n" in self.prefill else self.prefill
            yield CaptureInput(single, placeholder=t("capture.placeholder"), id="line")
            yield TextArea(self.prefill if not single else "", compact=True, id="lines")
            yield Static(Content(t(EXAMPLES)), classes="hint")
            yield ErrorLine(id="capture-error")
            with VerticalScroll(id="preview-box", can_focus=False):
                yield Static(id="preview")
            yield Static(t("capture.keys"), classes="hint", id="keys")

    def on_mount(self) -> None:
        if "\n" in self.prefill:
            self._to_multi_line(self.prefill)
            return
        line = self.query_one("#line", Input)
        line.focus()
        line.cursor_position = len(line.value)  # prefilled text is meant to be continued
        self._update_preview(line.value)

    @property
    def multi_line(self) -> bool:
        return self.has_class("multi")

    @property
    def text(self) -> str:
        if self.multi_line:
            return self.query_one("#lines", TextArea).text
        return self.query_one("#line", Input).value

    def _to_multi_line(self, text: str) -> None:
        self.add_class("multi")
        editor = self.query_one("#lines", TextArea)
        editor.text = text
        editor.focus()
        editor.move_cursor(editor.document.end)
        self.query_one("#keys", Static).update(t("capture.keys.multi"))
        self._update_preview(text)

    @on(CaptureInput.Pasted)
    def _pasted(self, event: CaptureInput.Pasted) -> None:
        self._to_multi_line(event.text)

    @on(Input.Changed, "#line")
    def _changed(self, event: Input.Changed) -> None:
        self._update_preview(event.value)

    @on(TextArea.Changed, "#lines")
    def _lines_changed(self, event: TextArea.Changed) -> None:
        self._update_preview(event.text_area.text)

    @on(Input.Submitted, "#line")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        text = self.text
        self._update_preview(text)
        if text.strip() and not self.error:
            self.dismiss(text)
        else:
            self.app.bell()  # refused: the reason is already shown under the line

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _update_preview(self, text: str) -> None:
        preview = self.query_one("#preview", Static)
        error_line = self.query_one("#capture-error", ErrorLine)
        self.error = ""
        lines = capture_lines(text)
        if not lines:
            preview.update(Content(t("capture.nothing_yet")).stylize("dim"))
            error_line.clear()
            return
        described: list[Content] = []
        for number, line in enumerate(lines, start=1):
            try:
                plan = grammar.plan(grammar.parse(line, self.today), self.contacts)
                joins = self._projects_of(plan)  # ActionError: no such project, or several
            except ValueError as error:  # CaptureError, AmbiguousName and DateError alike
                if not self.error:
                    self.error = (
                        t("capture.line_error", n=number, error=error)
                        if len(lines) > 1
                        else str(error)
                    )
                continue
            plan_lines = self._describe_plan(plan, joins)
            if len(lines) > 1 and plan_lines:  # number each capture, on its first line
                plan_lines[0] = Content.styled(f"{number} ▸ ", "bold $text-muted") + plan_lines[0]
            described += plan_lines
        if self.error:
            error_line.show(t("form.error", error=self.error))
            keys = "Ctrl+S" if self.multi_line else "Enter"
            preview.update(Content(t("capture.disabled", keys=keys)).stylize("dim"))
            return
        error_line.clear()
        preview.update(Content("\n").join(described))

    def _projects_of(self, plan: grammar.Plan) -> dict[str, Project]:
        """The project each ``project:NAME`` of the line joins, by the name as typed (an
        item that names none joins its meeting's), found as saving will find it."""
        from collab_tui.actions import find_project

        meeting = plan.capture.meeting
        typed = [meeting.project] if meeting is not None else []
        typed += [draft.project for draft in plan.capture.drafts]
        return {name: find_project(name, self.projects) for name in typed if name is not None}

    def _describe_plan(self, plan: grammar.Plan, joins: dict[str, Project]) -> list[Content]:
        lines: list[Content] = []
        indent = ""
        meeting = plan.capture.meeting
        meeting_project = meeting.project if meeting is not None else None
        if meeting is not None:
            joined = self._joins(joins, meeting_project)
            lines.append(self._describe_meeting(plan, meeting, joined))
            indent = "  └ "  # the items below are linked to the meeting
        for draft in plan.capture.drafts:
            joined = self._joins(joins, draft.project or meeting_project)
            lines.append(Content(indent) + self._describe_item(plan, draft) + joined)
        return lines

    def _joins(self, joins: dict[str, Project], typed: str | None) -> Content:
        """ "  ▸ project NAME" for a record that joins a project."""
        if typed is None or typed not in joins:
            return Content("")
        name = one_line(joins[typed].name)
        return Content.assemble("  ", (t("capture.project", name=name), "$text-secondary"))

    def _describe_meeting(
        self, plan: grammar.Plan, meeting: grammar.MeetingDraft, joined: Content
    ) -> Content:
        # A held meeting is logged today (or on its earlier on: day); a planned one is on
        # its day, at its time.
        kind = t("record.meeting") if meeting.planned else t(f"interaction.{meeting.kind}")
        parts: list[Content | str | tuple[str, str]] = [
            (kind, "bold $text-accent"),
            "  ",
            describe_date(meeting.on or self.today, self.today),
        ]
        if meeting.time:
            parts += [" ", (meeting.time, "bold")]
        if meeting.names:
            parts += [f"  {t('capture.with')} ", self._names(plan, meeting.names)]
        if meeting.summary:
            parts += ["  ", (f"“{one_line(meeting.summary)}”", "italic")]
        content = Content.assemble(*parts) + self._tags(meeting.tags) + joined
        for decision in meeting.decisions:
            content += Content.assemble("\n    ", t("capture.decision", text=one_line(decision)))
        for name, stance in meeting.stances:
            # The sentence is the catalog's; the name keeps its own look ("new contact").
            before, after = t("capture.stance", name="\0", stance="\1").split("\0")
            between, end = after.split("\1")
            content += Content.assemble(
                "\n    ", before, self._names(plan, [name]), between,
                (label(Stance(stance)), "bold"), end,
            )  # fmt: skip
        return content

    def _describe_item(self, plan: grammar.Plan, draft: grammar.Draft) -> Content:
        kind = Kind(draft.kind)
        parts: list[Content | str | tuple[str, str]] = [
            (pad(label(kind), 4), "bold $text-accent"),
            "  ",
            (one_line(draft.title), "bold"),
        ]
        if draft.names:
            parts += [f"  {label(kind, 'direction')} ", self._names(plan, draft.names)]
        if draft.due is not None:
            due = describe_date(draft.due, self.today)
            parts += [f"  {t('capture.due')} ", (due, "$text-primary")]
        if draft.review is not None:
            review = describe_date(draft.review, self.today)
            parts += [f"  {t('capture.review')} ", (review, "$text-primary")]
        # A risk is always important (actions.capture marks it so); say so here too.
        if draft.important or kind is Kind.RISK:
            parts += ["  ", ("! " + t("important"), "bold $text-warning")]
        return Content.assemble(*parts) + self._tags(draft.tags)

    def _names(self, plan: grammar.Plan, names: list[str]) -> Content:
        """Existing contacts by their stored name; a name matching nobody is 'new contact'."""
        parts: list[Content | str | tuple[str, str]] = []
        for name in names:
            if parts:
                parts.append(t("list.sep"))
            contact = plan.resolved.get(name)
            if contact is not None:
                parts.append(one_line(contact.name))
            else:
                new = t("capture.new_contact", name=one_line(plan.new_name_for(name)))
                parts.append((new, "italic $text-warning"))
        return Content.assemble(*parts)

    def _tags(self, tags: list[str]) -> Content:
        if not tags:
            return Content("")
        return Content.assemble("  ", (" ".join(f"#{one_line(tag)}" for tag in tags), "dim"))
