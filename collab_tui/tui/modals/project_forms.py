"""The forms of the Projects tab and the map: a project, a milestone, agreeing it, moving
its forecast (with a cause), and one person's role in a project."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select

from collab_tui.model import (
    Contact,
    Flow,
    Level,
    Milestone,
    Project,
    ProjectStatus,
    Role,
    Side,
    one_line,
    plain,
)
from collab_tui.tui.modals._base import FormModal, row
from collab_tui.tui.modals._fields import ContactPicker, DateField, choice, enum_choice
from collab_tui.words import t


def _date_field(fields: FormModal[Any], selector: str) -> tuple[bool, date | None]:
    """(usable, the date) of a DateField; an unusable one shows its error inline."""
    return fields.query_one(selector, DateField).checked()


class ProjectForm(FormModal[Any]):
    """A new project (``project`` None) or its edit; saves the changed fields."""

    def __init__(
        self, project: Project | None, today: date, save: Callable[[dict[str, Any]], Any]
    ) -> None:
        super().__init__(save)
        self.project = project
        self.today = today

    @property
    def base(self) -> Any:
        return self.project

    @base.setter
    def base(self, record: Any) -> None:
        self.project = record

    def compose(self) -> ComposeResult:
        project = self.project or Project(name="")
        launch = project.launch.isoformat() if project.launch else ""
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t(
                "form.project.title" if self.project else "form.project.new_title"
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield row(
                    t("form.project.name"), Input(plain(project.name), compact=True, id="name")
                )
                yield row(
                    t("form.project.goal"),
                    Input(
                        plain(project.goal),
                        placeholder=t("form.project.goal.hint"),
                        compact=True,
                        id="goal",
                    ),
                )
                yield row(t("form.project.launch"), DateField(self.today, launch, id="launch"))
                yield row(t("form.project.role"), enum_choice(Side, project.our_role, "our_role"))
                yield row(
                    t("form.project.tag"),
                    Input(
                        plain(project.tag),
                        placeholder=t("form.project.tag.hint"),
                        compact=True,
                        id="tag",
                    ),
                )
                if self.project is not None:
                    yield row(
                        t("form.project.status"),
                        enum_choice(ProjectStatus, project.status, "status", allow_blank=False),
                    )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def submit(self) -> None:
        ok, launch = _date_field(self, "#launch")
        if not ok:
            return
        role = self.query_one("#our_role", Select).value
        values: dict[str, Any] = {
            "name": self.query_one("#name", Input).value,
            "goal": self.query_one("#goal", Input).value,
            "launch": launch,
            "our_role": None if role is Select.NULL else role,
            "tag": self.query_one("#tag", Input).value,
        }
        if self.project is not None:
            values["status"] = self.query_one("#status", Select).value
        self.finish(values)


ME = 0  # the owner choice that means "me" (contact ids start at 1)


class MilestoneForm(FormModal[Any]):
    """A new milestone of ``project`` (``milestone`` None) or its edit: name, baseline,
    owner, notes. The forecast moves through its own form (with a cause)."""

    def __init__(
        self,
        project: Project,
        milestone: Milestone | None,
        contacts: list[Contact],
        today: date,
        save: Callable[[dict[str, Any]], Any],
    ) -> None:
        super().__init__(save)
        self.project = project
        self.milestone = milestone
        self.contacts = contacts
        self.today = today

    @property
    def base(self) -> Any:
        return self.milestone

    @base.setter
    def base(self, record: Any) -> None:
        self.milestone = record

    def compose(self) -> ComposeResult:
        m = self.milestone
        baseline = m.baseline.isoformat() if m is not None else ""
        owners = [(t("milestone.owner.me"), ME)] + [(one_line(c.name), c.id) for c in self.contacts]
        owner = m.owner_id if m is not None and m.owner_id is not None else ME
        with Vertical(id="dialog") as dialog:
            dialog.border_title = (
                t("form.milestone.title")
                if m is not None
                else t("form.milestone.new_title", project=one_line(self.project.name))
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield row(
                    t("form.milestone.name"),
                    Input(
                        plain(m.name) if m else "",
                        placeholder=t("form.milestone.name.hint"),
                        compact=True,
                        id="name",
                    ),
                )
                yield row(
                    t("form.milestone.baseline"),
                    DateField(self.today, baseline, required=True, id="baseline"),
                )
                yield row(t("form.milestone.owner"), choice(owners, owner, "owner"))
                yield row(
                    t("form.milestone.notes"),
                    Input(plain(m.notes) if m else "", compact=True, id="notes"),
                )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def submit(self) -> None:
        ok, baseline = _date_field(self, "#baseline")
        if not ok:
            return
        owner = self.query_one("#owner", Select).value
        self.finish(
            {
                "name": self.query_one("#name", Input).value,
                "baseline": baseline,
                "owner_id": None if owner in (ME, Select.NULL) else owner,
                "notes": self.query_one("#notes", Input).value,
            }
        )


class AgreeForm(FormModal[Any]):
    """Who agreed the milestone, and when (today by default); saving logs it."""

    def __init__(
        self,
        milestone: Milestone,
        contacts: list[Contact],
        chosen: list[int],
        today: date,
        save: Callable[[dict[str, Any]], Any],
    ) -> None:
        super().__init__(save)
        self.milestone = milestone
        self.contacts = contacts
        self.chosen = chosen
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("form.agree.title", name=one_line(self.milestone.name))
            with VerticalScroll(id="fields", can_focus=False):
                yield row(t("form.agree.with"), ContactPicker(self.contacts, self.chosen))
                # "today": a date phrase the parser reads (collab_tui/dates.py), not a label
                yield row(
                    t("form.agree.date"), DateField(self.today, "today", required=True, id="on")
                )
            yield from self.compose_buttons()

    def submit(self) -> None:
        ok, on = _date_field(self, "#on")
        if ok:
            self.finish({"contact_ids": self.query_one(ContactPicker).selected_ids, "on": on})


class MoveForm(FormModal[Any]):
    """A new forecast and its cause (required: the report states every deviation's cause)."""

    def __init__(
        self, milestone: Milestone, today: date, save: Callable[[dict[str, Any]], Any]
    ) -> None:
        super().__init__(save)
        self.milestone = milestone
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("form.move.title", name=one_line(self.milestone.name))
            with VerticalScroll(id="fields", can_focus=False):
                yield row(
                    t("form.move.forecast"),
                    DateField(
                        self.today,
                        self.milestone.expected.isoformat(),
                        required=True,
                        id="forecast",
                    ),
                )
                yield row(
                    t("form.move.cause"),
                    Input(  # empty: every move states its own cause
                        placeholder=t("form.move.cause.hint"),
                        compact=True,
                        id="cause",
                    ),
                )
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#forecast", DateField).input.focus()

    def submit(self) -> None:
        ok, forecast = _date_field(self, "#forecast")
        if ok:
            self.finish({"forecast": forecast, "cause": self.query_one("#cause", Input).value})


class RoleForm(FormModal[Any]):
    """One person's part in one project; an empty choice falls back to the contact's own."""

    def __init__(
        self,
        project: Project,
        contact: Contact,
        role: Role,
        save: Callable[[dict[str, Any]], Any],
    ) -> None:
        super().__init__(save)
        self.project = project
        self.contact = contact
        self.role = role

    def compose(self) -> ComposeResult:
        role = self.role
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t(
                "form.role.title",
                name=one_line(self.contact.name),
                project=one_line(self.project.name),
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield row(t("form.role.side"), enum_choice(Side, role.side, "side"))
                yield row(t("form.role.level"), enum_choice(Level, role.level, "level"))
                yield row(t("form.role.flow"), enum_choice(Flow, role.flow, "flow"))
                yield row(
                    t("form.role.step"),
                    Input(
                        str(role.step) if role.step else "",
                        placeholder=t("form.role.step.hint"),
                        compact=True,
                        type="integer",
                        id="step",
                    ),
                )
                yield row(t("form.role.ask"), Input(plain(role.ask), compact=True, id="ask"))
                yield row(t("form.role.gain"), Input(plain(role.gain), compact=True, id="gain"))
            yield from self.compose_buttons()

    def submit(self) -> None:
        def picked(selector: str) -> Any:
            value = self.query_one(selector, Select).value
            return None if value is Select.NULL else value

        step = self.query_one("#step", Input).value.strip()
        self.finish(
            {
                "side": picked("#side"),
                "level": picked("#level"),
                "flow": picked("#flow"),
                "step": int(step) if step.lstrip("-").isdigit() else 0,
                "ask": self.query_one("#ask", Input).value,
                "gain": self.query_one("#gain", Input).value,
            }
        )
