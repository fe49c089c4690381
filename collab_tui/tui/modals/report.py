"""ReportModal: the Markdown status report, previewed live, then saved to a file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Markdown, Static

from collab_tui.dates import DateError
from collab_tui.interop.report import DEFAULT_DAYS, project_report, status_report
from collab_tui.model import Project
from collab_tui.store import StoreError, durable
from collab_tui.tui.modals._base import ErrorLine, FormModal, row
from collab_tui.tui.modals._fields import DateField
from collab_tui.tui.modals.confirm import ConfirmDialog
from collab_tui.words import ago, format_date, t

DEFAULT_SINCE = f"-{DEFAULT_DAYS}d"  # "a week ago", as a date phrase the user can edit
PREVIEW_DELAY = 0.2  # seconds of quiet typing before the preview is rebuilt


def default_report_path(today: date) -> Path:
    """``~/collab-report-YYYY-MM-DD.md``, expanded (the bare name if there is no home)."""
    name = f"collab-report-{today.isoformat()}.md"
    try:
        return Path.home() / name
    except RuntimeError:  # no HOME and no password entry: the current directory
        return Path(name)


def _ago(day: date, today: date) -> str:
    return t("date.future_since") if day > today else ago(day, today)


class SinceField(DateField):
    """A DateField for the start of a period: "7 days ago" rather than "7 days late",
    and an empty phrase means the default week."""

    def _show_feedback(self, error_if_empty: bool) -> bool:
        ok = super()._show_feedback(error_if_empty)
        if ok:
            try:
                day = self.value
            except DateError:  # pragma: no cover - the base class said it parses
                return ok
            if day is None:
                message = "→ " + t("date.last_days", n=DEFAULT_DAYS)
            else:
                since = format_date(day, self.today)
                message = "→ " + t("date.since", date=since, relative=_ago(day, self.today))
            self.query_one(".feedback", Static).update(Content(message))
        return ok


class ReportModal(FormModal[Path | None]):
    """Preview the status report for a period (and a tag), then save it as Markdown.

    The preview is rebuilt shortly after "since" or the tag changes. Ctrl+S (or Enter in
    the file name, or Save) writes the file, asking first before replacing one; a failed
    write is shown inline and the dialog stays open. Dismisses with the Path written, or
    None on Escape / Close.
    """

    DEFAULT_CSS = """
    ReportModal #dialog {
        width: 100%;
        max-width: 120;
        height: 100%;
        max-height: 60;
    }
    ReportModal #preview {
        width: 100%;
        height: 1fr;
        min-height: 3;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
    }
    ReportModal #preview:focus {
        border: round $accent;
        border-title-color: $text-accent;
    }
    ReportModal #preview Markdown {
        padding: 0 1;
    }
    ReportModal #path-error {
        margin-left: 14;
        /* Keeps its line while empty: a short error then does not shrink the preview,
           which would re-wrap every block of the report. */
        display: block;
        min-height: 1;
    }
    """

    BINDINGS = [
        Binding("pagedown", "scroll_preview(1)", t("form.report.scroll"), show=False),
        Binding("pageup", "scroll_preview(-1)", t("form.report.scroll"), show=False),
    ]

    HINT = "form.report.hint"  # a key in words.EN

    def __init__(self, store: Any, today: date, project: Project | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.project = project  # a report against this project's plan (no tag then)
        self.text = ""  # the report shown in the preview (what Save writes, if unchanged)
        self._timer: Timer | None = None
        self._initial_error = ""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        try:
            start = None if self.project else self.today - timedelta(days=DEFAULT_DAYS)
            self.text = self._build(start, None)
        except (StoreError, ValueError) as error:  # shown under the file name once mounted
            self._initial_error = t("form.report.cannot_build", error=error)
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("act.report")
            since = DEFAULT_SINCE
            if self.project is not None:
                dialog.border_title = t("report.project.title_short", name=self.project.name)
                if self.project.reported is not None:
                    since = self.project.reported.isoformat()  # from the last report
            yield row(t("form.report.since"), SinceField(self.today, since, id="since"))
            tag = row(
                t("form.report.tag"),
                Input(placeholder=t("form.report.tag.hint"), compact=True, id="tag"),
            )
            tag.display = self.project is None  # a project's report follows its own tag
            yield tag
            with VerticalScroll(id="preview", can_focus=True) as preview:
                preview.border_title = t("form.report.preview")
                yield Markdown(self.text, open_links=False)
            yield row(
                t("form.report.path"),
                Input(str(default_report_path(self.today)), compact=True, id="path"),
            )
            yield ErrorLine(id="path-error")
            yield from self.compose_buttons()

    def compose_buttons(self) -> ComposeResult:
        with Horizontal(id="buttons"):
            yield Label(t(self.HINT), classes="hint")
            yield Button(t("form.save"), variant="primary", id="save", compact=True)
            yield Button(t("form.close"), id="cancel", compact=True)

    def on_mount(self) -> None:
        since_input = self.query_one(SinceField).input
        since_input.focus()
        since_input.cursor_position = len(since_input.value)
        if self._initial_error:
            self.query_one("#path-error", ErrorLine).show(self._initial_error)

    def action_scroll_preview(self, direction: int) -> None:
        """Page Up / Page Down scroll the preview from any field."""
        preview = self.query_one("#preview", VerticalScroll)
        if direction > 0:
            preview.scroll_page_down()
        else:
            preview.scroll_page_up()

    # --- the report -------------------------------------------------------------------

    @property
    def since(self) -> date | None:
        """The start typed (None: the default week); raises DateError for a bad phrase."""
        return self.query_one(SinceField).value

    @property
    def tag(self) -> str | None:
        tag = self.query_one("#tag", Input).value.strip().lstrip("#").strip()
        return tag or None

    def _build(self, since: date | None, tag: str | None) -> str:
        if self.project is not None:
            return project_report(self.store, self.project, since, self.today)
        return status_report(self.store, since, tag, self.today)

    def current_report(self) -> str | None:
        """The report for the fields as they are; None (error shown) when it cannot be made."""
        if not self.query_one(SinceField).check():
            return None
        try:
            return self._build(self.since, self.tag)
        except (StoreError, ValueError) as error:
            self.query_one("#path-error", ErrorLine).show(
                t("form.report.cannot_build", error=error)
            )
            return None

    async def refresh_report(self) -> None:
        """Rebuild the preview now (a bad "since" leaves the last good preview up)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.current_report()
        if text is None or text == self.text:
            return
        self.text = text
        await self.query_one("#preview Markdown", Markdown).update(text)

    def _schedule_refresh(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PREVIEW_DELAY, self.refresh_report)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "path":
            self.query_one("#path-error", ErrorLine).clear()
        else:  # "since" or the tag
            self._schedule_refresh()

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        # Enter in "since" or the tag refreshes the preview; only in the file name it saves.
        if event.input.id != "path":
            event.stop()
            event.prevent_default()
            await self.refresh_report()

    # --- saving -----------------------------------------------------------------------

    def submit(self) -> None:
        error = self.query_one("#path-error", ErrorLine)
        text = self.current_report()
        if text is None:
            self.query_one(SinceField).input.focus()
            return
        path_input = self.query_one("#path", Input)
        typed = path_input.value.strip()
        problem = ""
        try:
            path = Path(typed).expanduser()
            if not typed:
                problem = t("form.report.no_path")
            elif path.is_dir():
                problem = t("form.report.is_folder", path=path)
            exists = path.exists()
        except (OSError, RuntimeError) as why:  # RuntimeError: "~user" unknown
            problem = t("form.report.cannot_save", path=typed, reason=_reason(why))
        if problem:
            error.show(problem)
            path_input.focus()
            return

        def replace(answer: bool | None) -> None:
            if answer:
                self._write(path, text)
            else:
                self.query_one("#path", Input).focus()

        if exists:
            self.app.push_screen(ConfirmDialog(t("form.report.replace", path=path)), replace)
        else:
            self._write(path, text)

    def _write(self, path: Path, text: str) -> None:
        try:
            durable.write_atomic(path, text.encode("utf-8"), mode=None)
        except OSError as problem:
            self.query_one("#path-error", ErrorLine).show(
                t("form.report.cannot_save", path=path, reason=_reason(problem))
            )
            self.query_one("#path", Input).focus()
            return
        self.dismiss(path)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)
