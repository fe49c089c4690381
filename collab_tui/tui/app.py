"""The Textual app: four tabs over one store, quick capture, undo and the morning review.

The app holds no business rules: it reads a ``Snapshot`` (``state.load``: triage's agenda,
matrix and brief) and changes data through ``actions`` or, for a plain field edit, the
store's optimistic ``update``. Every change records before-images for undo, then the
snapshot is reloaded and each tab redraws keeping its selection.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Footer, TabbedContent, TabPane

from collab_tui import config, paths, triage, words
from collab_tui.dates import format_date, frozen_clock, frozen_today
from collab_tui.model import (
    Contact,
    Escalation,
    Interaction,
    Item,
    Meeting,
    Milestone,
    Project,
    Record,
    Role,
    Stance,
    Status,
    one_line,
    plain,
)
from collab_tui.store import ConflictError, Store, StoreError, StoreWriteError
from collab_tui.text import truncate
from collab_tui.tui import keymap, modals
from collab_tui.tui import language as ui_language
from collab_tui.tui.screens._base import SnapshotScreen
from collab_tui.tui.state import History, Snapshot, UndoStack, load, read_history
from collab_tui.tui.views.base import ITEM_ACTIONS, View
from collab_tui.tui.views.today import TodayView
from collab_tui.words import listing, t

if TYPE_CHECKING:
    from textual.command import Provider

    from collab_tui import actions
    from collab_tui.tui.views.projects import ProjectsView
else:

    class _OnUse:
        """``actions`` (and the capture grammar it parses with) imported when the first
        change is made, not to show the first frame."""

        def __getattr__(self, name: str) -> Any:
            return getattr(import_module("collab_tui.actions"), name)

    actions = _OnUse()

T = TypeVar("T")
R = TypeVar("R", bound=Record)

# App keys that act on the tabs: not while another screen (the review) covers them.
TAB_ACTIONS = {
    "show_tab",
    "capture",
    "search",
    "review",
    "report",
    "settings",
    "plan_meeting",
    "log_touch",
}
TABS = ["today", "matrix", "contacts", "log", "projects"]  # titled "1 Today": act.tab.<name>
# The other tabs' modules are imported when the tab is first shown (start-up time).
VIEW_CLASSES: dict[str, str] = {
    "matrix": "matrix:MatrixView",
    "contacts": "contacts:ContactsView",
    "log": "log:LogView",
    "projects": "projects:ProjectsView",
}
# The most a notification shows (columns, lines): a whole error message with its file
# path fits; a 1,000-character title quoted in one is cut.
NOTE_WIDTH, NOTE_LINES = 400, 12
POLL_SECONDS = 1.0  # another process's change shows within two polls at most


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile. Start-up allocates some 70,000 objects
    (the snapshot, the widgets, their styles) that all live on: left on, the collector
    ran 77 times over them, a full pass included, ~25 ms of the first frame."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def view_class(name: str) -> type[View]:
    """The class of a tab's view, its module imported on first use."""
    if name == "today":
        return TodayView
    module, _, cls = VIEW_CLASSES[name].partition(":")
    return cast("type[View]", getattr(import_module(f"collab_tui.tui.views.{module}"), cls))


def _commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from collab_tui.tui.commands import CollabCommands

    return CollabCommands


class CollabApp(App[None]):
    """The cockpit. Use ``make_app`` to build one."""

    CSS_PATH = "app.tcss"
    TITLE = "collab"
    COMMANDS = App.COMMANDS | {_commands}
    # Screens get -narrow under 100 columns: the Matrix stacks its quadrants (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        *keymap.bindings(keymap.APP),
        # Textual's own palette key, declared here so that its footer word is ours to translate
        Binding(
            "ctrl+p",
            "command_palette",
            t("app.palette.key"),
            show=False,
            priority=True,
            tooltip=t("app.palette.tooltip"),
        ),
    ]
    # Read the log in a thread after the first frame (tests turn this off to read it at
    # once, still after the first frame, so what they see does not depend on timing).
    history_in_thread = True

    def __init__(
        self,
        store: Store,
        today: date | None = None,
        owns_store: bool = False,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.config_path = config_path or paths.config_path()  # theme, language (config.py)
        # --lang and COLLAB_LANG first, then the language chosen here last time, the locale.
        words.set_language(words.choose_language(remembered=self._remembered_language))
        self.store = store
        self._frozen_today = today
        self._owns_store = owns_store
        self.undo_stack = UndoStack()
        self.project_filter: int | None = None  # Today, Matrix and Log show one project's
        # the log: when the Log tab opens
        with gc_paused():
            self.snapshot: Snapshot = load(store, self.today, clock=self.clock)
        self._generation_loaded = store.generation
        self._history_epoch = 0  # bumped by every reload while the log is being read
        self._history_reading = False

    @property
    def today(self) -> date:
        """The frozen date (tests, COLLAB_TODAY), else the real one, read each reload."""
        return self._frozen_today or date.today()

    @property
    def clock(self) -> time:
        """The time of day (which meetings have passed): COLLAB_TIME, else 09:00 on a
        frozen day (tests, screenshots: the morning review), else the real clock."""
        frozen = frozen_clock()
        if frozen is not None:
            return frozen
        return time(9, 0) if self._frozen_today is not None else datetime.now().time()

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Only Today is built for the first frame; each other tab is built when first
        # shown (``_built_view``), its module imported then.
        with TabbedContent(initial="today"):
            for number, name in enumerate(TABS, 1):
                with TabPane(t("app.tab", n=number, name=t(f"act.tab.{name}")), id=name):
                    if name == "today":
                        yield self._new_view(name)
        yield Footer(compact=True)

    def get_default_screen(self) -> Screen[Any]:
        screen = super().get_default_screen()
        # Textual sets the breakpoint class after the first layout, styling every widget
        # again and laying out again; set from the terminal's width now, it is right then.
        width = self.size.width
        for least, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if width >= least:
                screen.add_class(name)
                break
        return screen

    def _new_view(self, name: str) -> View:
        view = view_class(name)(id=f"{name}-view")
        view.show(self.snapshot)  # drawn when mounted
        return view

    def on_mount(self) -> None:
        ui_language.relabel(self)  # footer words defined in another language
        self._restore_theme()
        self.set_interval(POLL_SECONDS, self.poll_store)
        self.current_view.main_widget.focus()
        for warning in getattr(self.store, "warnings", []):  # e.g. a world-writable folder
            self.say(t("app.warning", warning=warning), "warning")
        from collab_tui.store.quarantine import summary

        warning = summary(self.store.problems)  # damaged records set aside, bad settings
        if warning:
            self.say(warning, "warning")

    def on_load(self) -> None:
        self._gc_was_enabled = gc.isenabled()
        gc.disable()  # until the first frame (gc_paused says why); on_ready enables it

    def on_ready(self) -> None:
        self._resume_gc()
        if self.store.generation != self._generation_loaded:  # saved since it was built
            self.reload()

    def _built_view(self, name: str) -> View:
        """The tab's view, built the first time the tab is shown: a tab never opened costs
        neither its module's import nor its widgets at start-up. A view just built draws
        itself and takes the focus when mounted (``View.on_mount``)."""
        found = self.query(f"#{name}-view")
        if found:
            return found.first(View)
        view = self._new_view(name)
        self.query_one(f"#{name}", TabPane).mount(view)
        # Left on the tab before, now hidden, the focus would move to its next widget and
        # TabbedContent would show that tab again.
        self.screen_stack[0].set_focus(None)
        return view

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (and disable) keys that cannot act here: the tabs' keys while another
        screen covers them (1-4 must not switch tabs under a dialog or the review),
        and the item keys on the empty first-run screen (there is no item yet)."""
        if action in TAB_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        if self.snapshot.is_empty and action in ITEM_ACTIONS:
            return False
        return True

    def _restore_theme(self) -> None:
        """Start in the theme chosen last time; remember every change of it from now on
        (the settings modal, or the palette's own "Change theme")."""
        saved = config.load_config(self.config_path).get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Any) -> None:
        if config.load_config(self.config_path).get("theme") == theme.name:
            return
        try:
            config.save_config({"theme": theme.name}, self.config_path)
        except OSError as error:
            self.say(
                t(
                    "app.theme_not_saved",
                    theme=theme.name,
                    path=self.config_path,
                    reason=error.strerror or error,
                ),
                "warning",
            )

    def _remembered_language(self) -> object:
        return config.load_config(self.config_path).get("language")

    async def switch_language(self, code: str) -> None:
        """Show every word in ``code`` now, and remember it for the next start."""
        try:
            config.save_config({"language": code}, self.config_path)
        except OSError as error:
            self.say(
                t(
                    "app.language_not_saved",
                    language=words.LANGUAGE_NAMES.get(code, code),
                    path=self.config_path,
                    reason=error.strerror or error,
                ),
                "warning",
            )
        if code == words.language():
            return
        words.set_language(code)
        ui_language.relabel(self)  # the footer
        tabs = self.query_one(TabbedContent)
        for number, name in enumerate(TABS, 1):
            tabs.get_tab(name).label = t("app.tab", n=number, name=t(f"act.tab.{name}"))
        for name in TABS:  # each tab built so far anew: its headings, rows in the new words
            pane = self.query_one(f"#{name}", TabPane)
            if pane.children:
                await pane.remove_children()
                await pane.mount(self._new_view(name))
        self._focus_current_view()

    def action_settings(self) -> None:
        def save(values: dict[str, Any]) -> dict[str, Any]:
            changes = {k: v for k, v in values.items() if k not in ("theme", "language")}
            current = self.store.settings.to_dict()
            if any(current.get(key) != value for key, value in changes.items()):
                actions.update_settings(self.store, **changes)
                self.reload([])  # the horizon moves items between quadrants
            self.theme = values["theme"]
            return values

        async def saved(values: dict[str, Any] | None) -> None:
            if values is not None:
                if values["language"] != words.language():
                    await self.switch_language(values["language"])
                self.say(
                    t(
                        "app.settings_saved",
                        horizon=values["urgency_horizon_days"],
                        cold=values["cold_after_days"],
                        theme=values["theme"],
                    )
                )

        modal = modals.SettingsModal(
            self.store.settings,
            self.theme,
            sorted(self.available_themes),
            save,
            contacts=self.snapshot.contacts,
        )
        self.push_screen(modal, saved)

    def _resume_gc(self) -> None:
        if getattr(self, "_gc_was_enabled", False):
            self._gc_was_enabled = False
            gc.enable()

    def on_unmount(self) -> None:
        self._resume_gc()  # closed before its first frame
        if self._owns_store:
            self.store.close()

    @property
    def views(self) -> list[View]:
        return list(self.query(View))

    @property
    def current_view(self) -> View:
        active = self.query_one(TabbedContent).active or "today"
        return self.query_one(f"#{active}-view", View)

    def view(self, name: str) -> View:
        return self.query_one(f"#{name}-view", View)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or "today"
        view = self._built_view(name)
        if name == "log" and not self.snapshot.history_loaded:
            self.load_history()  # years of log are read when first asked for, not before
        if view.is_mounted:
            view.ensure_drawn()  # a hidden tab skipped reloads: draw it now
            self.call_after_refresh(self._focus_current_view)

    def _focus_current_view(self) -> None:
        """Focus the tab's list unless focus is already inside it (say, its search box)."""
        view = self.current_view
        if not view.is_mounted:  # being built: it takes the focus when mounted
            return
        view.ensure_drawn()
        if self.focused is None or view not in self.focused.ancestors_with_self:
            view.main_widget.focus()

    # --- data -------------------------------------------------------------------------------

    def reload(self, touched: Iterable[Record] | None = None) -> None:
        """Recompute the snapshot and redraw every tab (selections are kept).

        ``touched``: the records the app itself just changed, so that only those of the
        log are read again; None (another process wrote) reads everything.
        """
        touched_interactions = (
            None if touched is None else [r.id for r in touched if isinstance(r, Interaction)]
        )
        if not self.snapshot.history_loaded or self._history_reading:
            self._history_epoch += 1  # the log being read may miss this change: read again
        self.show_snapshot(
            load(
                self.store,
                self.today,
                self.snapshot,
                touched_interactions,
                project_id=self.project_filter,
                clock=self.clock,
            )
        )

    def load_history(self) -> None:
        """Read the log's newest months, or once read the next older ones (in a thread),
        then show them."""
        if self._history_reading:
            return
        self._history_reading = True
        if self.history_in_thread:
            self._read_history(self._history_epoch, self.snapshot.history)
        else:
            self._history_read(self._history_epoch, read_history(self.store, self.snapshot.history))

    @work(thread=True, exit_on_error=False, group="history")
    def _read_history(self, epoch: int, read: History) -> None:
        try:
            history: History | Exception = read_history(self.store, read)
        except Exception as error:  # StoreError; or a save on the UI thread mid-read
            history = error
        self.call_from_thread(self._history_read, epoch, history)

    def _history_read(self, epoch: int, history: History | Exception) -> None:
        self._history_reading = False
        if epoch != self._history_epoch:  # the store changed meanwhile: read it again
            self.load_history()
        elif isinstance(history, Exception):
            self.say(t("app.log_unreadable", error=history), "error")
        else:
            self.show_snapshot(
                load(
                    self.store,
                    self.today,
                    self.snapshot,
                    history=history,
                    project_id=self.project_filter,
                    clock=self.clock,
                )
            )

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.is_empty != self.snapshot.is_empty:
            self.refresh_bindings()  # the first record: the item keys apply now
        self.snapshot = snapshot
        shown = f"{self.query_one(TabbedContent).active}-view"
        for view in self.views:  # the tabs built so far
            view.show(self.snapshot, draw=view.id == shown)  # hidden tabs: when shown
        for screen in self.screen_stack:
            if isinstance(screen, SnapshotScreen):  # the review, an item, the map
                screen.show(self.snapshot)

    def poll_store(self) -> None:
        """Pick up changes another process (``collab add``) wrote to the file."""
        try:
            if self.store.changed_on_disk():
                self.store.refresh()
                self.reload()
        except StoreError as error:
            self.say(str(error), "error")

    def say(self, message: str, severity: SeverityLevel = "information") -> None:
        """A notification whose text is shown literally (it often quotes user text).

        Each line is cut to NOTE_WIDTH columns: a notification quoting a 1,000-character
        title must not cover the app.
        """
        lines = [plain(line) for line in message.splitlines()] if "\n" in message else []
        lines = lines or [one_line(message)]
        if len(lines) > NOTE_LINES:
            lines = [*lines[: NOTE_LINES - 1], "…"]
        text = "\n".join(truncate(line, NOTE_WIDTH) for line in lines)
        self.notify(text, severity=severity, markup=False)

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """Show a failed action as a notification, never a traceback."""
        try:
            yield
        except ConflictError as error:
            self.say(str(error), "error")
            self.store.refresh()
            self.reload()
        except StoreWriteError as error:  # the message says whether the change was saved
            self.say(str(error), "warning" if error.saved else "error")
        except (StoreError, ValueError) as error:  # ActionError, DateError, CaptureError
            self.say(str(error), "error")

    def change(
        self,
        label: str,
        operation: Callable[[], T],
        before: Sequence[Record] = (),
        created: Callable[[T], list[Record]] | None = None,
    ) -> T | None:
        """Run one action, remember how to undo it, reload; None if it failed (and said why)."""
        result = None
        with self.guarded():
            result = self.apply(label, operation, before, created)
        return result

    def apply(
        self,
        label: str,
        operation: Callable[[], T],
        before: Sequence[Record] = (),
        created: Callable[[T], list[Record]] | None = None,
    ) -> T:
        """``change`` for the forms: errors propagate, so the form can show them and stay."""
        try:
            result = operation()
        except ConflictError:
            self.store.refresh()
            self.reload()
            raise
        made = created(result) if created else []
        touched = [*before, *made]
        after = {(type(r).__name__, r.id): actions.stamp_of(self.store, r) for r in touched}
        self.undo_stack.push(label, before, made, after)
        self.reload(touched)
        return result

    def apply_edit(
        self,
        label: str,
        save: Callable[[Store, R, dict[str, Any]], R],
        base: R,
        changes: dict[str, Any],
    ) -> R:
        """``apply`` for a form's ``changes`` to the stored record ``base``."""
        return self.apply(label, lambda: save(self.store, base, changes), [self.fresh(base)])

    def fresh(self, record: Record) -> Record:
        """A private copy of the stored record (the before-image for undo)."""
        getter: Callable[[int], Any] = {
            Item: self.store.item,
            Contact: self.store.contact,
            Interaction: self.store.interaction,
            Meeting: self.store.meeting,
            Escalation: self.store.escalation,
            Project: self.store.project,
            Milestone: self.store.milestone,
        }[type(record)]
        stored = getter(record.id)
        return copy.deepcopy(stored if stored is not None else record)

    # --- navigation ---------------------------------------------------------------------

    def action_show_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        view = self._built_view(name)
        if view.is_mounted:
            view.ensure_drawn()
            view.main_widget.focus()

    def action_search(self) -> None:
        self.current_view.open_search()

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the interface's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = CommandPalette(placeholder=t("app.palette.prompt"), id="--command-palette")
            self.push_screen(palette)

    def action_help(self) -> None:
        from collab_tui.tui.modals.help import HelpScreen  # on use: not needed to start

        self.push_screen(HelpScreen())

    def action_review(self) -> None:
        from collab_tui.tui.screens.review import ReviewScreen  # on use: not needed to start

        self.push_screen(ReviewScreen(self.snapshot))

    def action_report(self) -> None:
        from collab_tui.tui.modals.report import ReportModal  # Markdown: heavy, on use

        def written(path: Path | None) -> None:
            if isinstance(path, Path):
                self.say(t("app.report_written", path=path))

        project = None
        if self._showing("projects"):
            project = self.projects_view.selected_project()  # the report against plan
        self.push_screen(ReportModal(self.store, self.today, project), written)

    def open_contact(self, contact_id: int) -> None:
        """Show a contact's brief on the Contacts tab (once built, if it never was shown)."""
        self.action_show_tab("contacts")
        self._when_built("contacts", lambda view: view.reveal_contact(contact_id))

    def _when_built(self, name: str, then: Callable[[Any], None]) -> None:
        view = self.view(name)
        if view.is_mounted:
            then(view)
        else:
            self.call_later(self._after_mount, view, then)

    async def _after_mount(self, view: View, then: Callable[[Any], None]) -> None:
        await AwaitMount(view, [view])
        then(view)

    def action_open_contact(self) -> None:
        contact = self.current_view.selected_contact()
        if contact is None:
            self.say(t("app.no_contact_linked"), "warning")
            return
        self.open_contact(contact.id)

    # --- capture ------------------------------------------------------------------------

    def action_capture(self, prefill: str = "") -> None:
        snapshot = self.snapshot
        modal = modals.CaptureModal(snapshot.contacts, self.today, prefill, snapshot.projects)
        self.push_screen(modal, self._captured)

    def _captured(self, text: str | None) -> None:
        if not text:
            return
        lines = text.splitlines()  # one capture per line, all in one transaction
        result = self.change(
            t("change.capture"),
            lambda: actions.capture_lines(self.store, lines, self.today),
            created=lambda r: [*r.records, *r.new_contacts],
        )
        if result is None:
            if not all(actions.just_captured(self.store, line) for line in lines if line.strip()):
                self.action_capture(text)  # reopen with the text: nothing typed is lost
            return
        self.say("\n".join(one_line(line) for line in result.lines) or t("app.nothing_captured"))

    # --- items --------------------------------------------------------------------------

    def selected_item(self) -> Item | None:
        item = self.current_view.selected_item()
        if item is None:
            self.say(t("app.select_item"), "warning")
        return item

    def on_selected(self, act: Callable[[Item], object]) -> None:
        """Run ``act`` on the highlighted item (or say there is none)."""
        item = self.selected_item()
        if item is not None:
            act(item)

    def action_complete(self) -> None:
        self.on_selected(self.complete_item)

    def complete_item(self, item: Item) -> bool:
        done = self._close(item, Status.DONE)
        if done is not None:
            self.say("\n".join([t("app.done", title=item.title), *self._closed_lines(done)]))
        return done is not None

    def _close(self, item: Item, status: Status, stop_series: bool = False) -> Any:
        label = t("change.done") if status is Status.DONE else t("change.drop")
        return self.change(
            label,
            lambda: actions.close_item(self.store, item.id, status, self.today, stop_series),
            [self.fresh(item)],
            created=lambda closed: [closed.next] if closed.next is not None else [],
        )

    def _closed_lines(self, closed: actions.Closed) -> list[str]:
        """What else closing it did: the next of its series, the items it freed."""
        return actions.describe_closed(closed, self._names(), self.today)

    def action_drop(self) -> None:
        self.on_selected(self.drop_item)

    def drop_item(self, item: Item) -> None:
        """Drop it; a recurring item first asks: skip this one, or stop the series?"""

        def drop(stop_series: bool) -> None:
            dropped = self._close(item, Status.DROPPED, stop_series)
            if dropped is not None:
                lines = [t("app.dropped", title=item.title), *self._closed_lines(dropped)]
                self.say("\n".join(lines))

        if item.every is None:
            drop(False)
            return

        def answered(choice: str | None) -> None:
            if choice is not None:
                drop(choice == "stop")

        self.push_screen(modals.SeriesDialog(item), answered)

    def open_item(self, item_id: int) -> None:
        """The item detail screen (Enter on an item row)."""
        from collab_tui.tui.screens.item_detail import ItemScreen  # on use

        self.push_screen(ItemScreen(item_id, self.snapshot))

    def action_occurred(self) -> None:
        self.on_selected(self.occurred_item)

    def occurred_item(self, item: Item) -> None:
        """The risk happened: it stays active, labelled "occurred", until handled."""
        if self.change(
            t("change.happened"),
            lambda: actions.occurred(self.store, item.id),
            [self.fresh(item)],
        ):
            self.say(t("app.happened", title=item.title))

    def action_snooze(self) -> None:
        self.on_selected(self.snooze_item)

    def snooze_item(self, item: Item, after: Callable[[], None] | None = None) -> None:
        """Ask for the new date, then move it; ``after`` runs once it is saved."""
        current = item.review if item.is_risk and item.review else item.due

        def snoozed(when: date | None) -> None:
            if when is None:
                return
            if self.change(
                t("change.snooze"),
                lambda: actions.snooze(self.store, item.id, when.isoformat(), self.today),
                [self.fresh(item)],
            ):
                self.say(t("app.snoozed", date=format_date(when, self.today), title=item.title))
                if after is not None:
                    after()

        prompt = modals.DatePrompt(
            t("app.snooze_prompt", title=one_line(item.title)),
            self.today,
            current.isoformat() if current else "",
        )
        self.push_screen(prompt, snoozed)

    def action_edit(self) -> None:
        self.on_selected(self.edit_item)

    def edit_item(self, item: Item) -> None:
        def save(changes: dict[str, Any]) -> Item:
            # form.item: rebased on the stored version after a conflict
            return self.apply_edit(t("change.edit"), actions.edit_item, form.item, changes)

        def edited(saved: Item | None) -> None:
            if saved is not None:
                note = actions.kind_change_note(item, saved)
                if note:
                    self.say(t("app.saved_item_note", title=saved.title, note=note))
                else:
                    self.say(t("app.saved_item", title=saved.title))

        form = modals.ItemForm(copy.deepcopy(item), self.snapshot.contacts, self.today, save)
        self.push_screen(form, edited)

    def action_toggle_important(self) -> None:
        self.on_selected(self.toggle_important)

    def toggle_important(self, item: Item) -> None:
        important = not item.important
        if self.change(
            t("change.important"),
            lambda: actions.set_important(self.store, item, important),
            [self.fresh(item)],
        ):
            self.say(t("app.important" if important else "app.not_important", title=item.title))

    def action_toggle_urgent(self) -> None:
        self.on_selected(self.toggle_urgent)

    def toggle_urgent(self, item: Item) -> None:
        """Flip how urgent the item is; back to 'from the due date' when that agrees."""
        settings = self.snapshot.settings
        urgent_now = triage.is_urgent(item, self.today, settings)
        by_date = triage.is_urgent(dataclasses.replace(item, urgent=None), self.today, settings)
        urgent = None if by_date != urgent_now else not urgent_now
        if self.change(
            t("change.urgent"),
            lambda: actions.set_urgent(self.store, item, urgent),
            [self.fresh(item)],
        ):
            self.say(t("app.not_urgent" if urgent_now else "app.urgent", title=item.title))

    # --- contacts and the log -----------------------------------------------------------

    def selected_contact(self) -> Contact | None:
        contact = self.current_view.selected_contact()
        if contact is None:
            self.say(t("app.select_contact"), "warning")
        return contact

    def action_new_contact(self) -> None:
        self.open_contact_form(None)

    def action_edit_contact(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            self.open_contact_form(copy.deepcopy(contact))

    def open_contact_form(self, contact: Contact | None) -> None:
        stance_before = contact.stance if contact is not None else Stance.UNKNOWN

        def save_dated(store: Store, base: Contact | None, fields: dict[str, Any]) -> Contact:
            return actions.save_contact(store, base, fields, on=self.today)

        def save(fields: dict[str, Any]) -> Contact:
            base = form.contact  # rebased on the stored version after a conflict
            if base is None:
                return self.apply(
                    t("change.new_contact"),
                    lambda: save_dated(self.store, None, fields),
                    created=lambda c: [c],
                )
            return self.apply_edit(t("change.edit_contact"), save_dated, base, fields)

        def saved(contact: Contact | None) -> None:
            if contact is not None:
                self.say(t("app.saved_contact", name=contact.name))
                self.open_contact(contact.id)
                if contact.stance is not stance_before:
                    self.offer_next_step(contact)

        form = modals.ContactForm(contact, self.snapshot.contacts, save)
        self.push_screen(form, saved)

    def action_delete_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return

        links = None
        with self.guarded():
            links = actions.links_of(self.store, contact.id)
        if links is None:
            return
        linked: list[Record] = [
            *links.open_items,
            *links.risks,
            *links.closed_items,
            *links.interactions,
        ]
        before = [self.fresh(contact), *(self.fresh(r) for r in [*linked, *links.reports])]
        name = one_line(contact.name)

        def delete(reassign_to: int | None) -> None:
            heir = self.snapshot.contacts_by_id.get(reassign_to) if reassign_to else None
            if self.change(
                t("change.delete_contact"),
                lambda: actions.delete_contact(self.store, contact.id, reassign_to),
                before,
            ):
                if heir is not None:
                    heir_name = one_line(heir.name)
                    self.say(t("app.deleted_contact.heir", name=name, heir=heir_name))
                elif links.empty:
                    self.say(t("app.deleted_contact.unlinked", name=name))
                else:
                    self.say(t("app.deleted_contact.kept", name=name))

        if links.empty:
            question = t("app.delete_unlinked_question", name=name)
            self.push_screen(
                modals.ConfirmDialog(question), lambda yes: delete(None) if yes else None
            )
            return

        def chosen(choice: modals.DeleteChoice | None) -> None:
            if choice is not None:
                delete(choice.reassign_to)

        heirs = [c for c in self.snapshot.contacts if c.id != contact.id]
        self.push_screen(modals.DeleteContactDialog(contact, links.lines(), heirs), chosen)

    def action_log_interaction(self, contact_ids: tuple[int, ...] | None = None) -> None:
        if contact_ids is None:
            selected = self.current_view.selected_contact()
            contact_ids = (selected.id,) if selected is not None else ()

        def save(fields: dict[str, Any]) -> Interaction:
            return self.apply(
                t("change.log"),
                lambda: actions.log_interaction(self.store, **fields),
                created=lambda r: [r],
            )

        def saved(interaction: Interaction | None) -> None:
            if interaction is not None:
                self.say(actions.describe_interaction(interaction, self._names()))

        form = modals.InteractionForm(self.snapshot.contacts, self.today, contact_ids, save)
        self.push_screen(form, saved)

    # --- planned meetings ---------------------------------------------------------------

    def action_plan_meeting(self) -> None:
        selected = self.current_view.selected_contact()
        contact_ids = (selected.id,) if selected is not None else ()

        def save(fields: dict[str, Any]) -> Meeting:
            return self.apply(
                t("change.plan_meeting"),
                lambda: actions.plan_meeting(self.store, **fields),
                created=lambda r: [r],
            )

        def saved(meeting: Meeting | None) -> None:
            if meeting is not None:
                what = actions.describe_meeting(meeting, self._names(), self.today)
                self.say(t("said.planned", what=what))

        form = modals.MeetingForm(self.snapshot.contacts, self.today, contact_ids, save)
        self.push_screen(form, saved)

    def selected_meeting(self) -> Meeting | None:
        meeting = self.current_view.selected_meeting()
        if meeting is None:
            self.say(t("app.select_meeting"), "warning")
        return meeting

    def action_meeting_outcome(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.log_outcome(meeting)

    def log_outcome(self, meeting: Meeting, after: Callable[[], None] | None = None) -> None:
        """Ask for the meeting's outcome (one capture line), log it; then ``after``."""

        def save(line: str) -> actions.CaptureResult:
            return self.apply(
                t("change.outcome"),
                lambda: actions.log_meeting_outcome(self.store, meeting.id, line, self.today),
                [self.fresh(meeting)],
                created=lambda r: [*r.records, *r.new_contacts],
            )

        def saved(result: actions.CaptureResult | None) -> None:
            if result is not None:
                self.say("\n".join(one_line(line) for line in result.lines))
                if after is not None:
                    after()

        names = listing(one_line(n) for n in self._names_of(meeting.contact_ids))
        title = t("app.outcome_prompt", title=one_line(meeting.title), names=names)
        self.push_screen(modals.OutcomePrompt(title, save), saved)

    def action_cancel_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.change(
                t("change.cancel_meeting"),
                lambda: actions.cancel_meeting(self.store, meeting.id),
                [self.fresh(meeting)],
            ):
                self.say(t("app.meeting_cancelled", title=one_line(meeting.title)))

        question = t("app.cancel_meeting_question", title=one_line(meeting.title))
        self.push_screen(modals.ConfirmDialog(question), answered)

    def _names_of(self, contact_ids: list[int]) -> list[str]:
        by_id = self.snapshot.contacts_by_id
        return [by_id[i].name for i in contact_ids if i in by_id]

    def offer_next_step(self, contact: Contact) -> None:
        """The playbook's next step for the contact's new stance: accept, edit or skip."""
        step = triage.next_step(contact, self.today)
        if step is None:
            return

        def chosen(item: Item | None) -> None:
            if item is None:
                return
            added = self.change(
                t("change.next_step"),
                lambda: actions.add_item(self.store, item),
                created=lambda r: [r],
            )
            if added is not None:
                self.say(
                    t("said.added", what=actions.describe_item(added, self._names(), self.today))
                )

        self.push_screen(modals.NextStepPrompt(contact, step, self.today), chosen)

    def action_log_touch(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            self.log_touch(contact)

    def log_touch(self, contact: Contact, after: Callable[[], None] | None = None) -> None:
        """A quick note of a chat, call, mail or meeting with them today (resets the cadence)."""

        def save(fields: dict[str, Any]) -> Interaction:
            return self.apply(
                t("change.log"),
                lambda: actions.log_touch(
                    self.store, contact.id, fields["kind"], fields["note"], self.today
                ),
                created=lambda r: [r],
            )

        def saved(interaction: Interaction | None) -> None:
            if interaction is not None:
                self.say(
                    t("app.logged_touch", kind=words.label(interaction.kind), name=contact.name)
                )
                if after is not None:
                    after()

        self.push_screen(modals.TouchForm(contact, save), saved)

    def action_escalate_item(self) -> None:
        self.on_selected(lambda item: self.escalate(item))

    def escalate(self, item: Item | None, after: Callable[[], None] | None = None) -> None:
        """The escalation form for ``item``: options, recommendation, the ask, to whom."""
        if item is None:
            self.say(t("app.escalate.needs_item"), "warning")
            return
        blockers = self.snapshot.blocked.get(item.id, [])
        if blockers:  # it waits on another item: that one is what to chase
            ids = listing(f"#{b.id}" for b in blockers)
            self.say(t("app.blocked_no_escalation", ids=ids), "warning")
            return
        target = actions.escalation_target(item, self.snapshot.contacts, self.snapshot.settings)

        def save(values: dict[str, Any]) -> tuple[Escalation, Item]:
            return self.apply(
                t("change.escalate"),
                lambda: actions.escalate(self.store, **values),
                created=lambda made: [made[0], made[1]],
            )

        def saved(made: tuple[Escalation, Item] | None) -> None:
            if made is None:
                return
            escalation, owe = made
            to = self.snapshot.contacts_by_id.get(escalation.to_id or 0)
            self.say(
                t("said.escalated", id=escalation.id, item=item.id, name=to.name if to else "")
            )
            if after is not None:
                after()

        form = modals.EscalationForm(item, self.snapshot.contacts, target, self.today, save)
        self.push_screen(form, saved)

    def _names(self) -> dict[int, str]:
        return {c.id: c.name for c in self.snapshot.contacts_by_id.values()}

    # --- projects and milestones ----------------------------------------------------------

    @property
    def projects_view(self) -> ProjectsView:
        return cast("ProjectsView", self.view("projects"))

    def _showing(self, name: str) -> bool:
        """Whether ``name`` is the tab on screen (built: it is built when shown)."""
        return self.query_one(TabbedContent).active == name and bool(self.query(f"#{name}-view"))

    def _selected_project(self) -> Project | None:
        project = self.projects_view.selected_project() if self._showing("projects") else None
        if project is None:
            self.say(t("projects.no_selection"), "warning")
            return None
        return project

    def _selected_milestone(self) -> Milestone | None:
        showing = self._showing("projects")
        milestone = self.projects_view.selected_milestone() if showing else None
        if milestone is None:
            self.say(t("projects.no_milestone"), "warning")
            return None
        return milestone

    def show_project(self, kind: str, record_id: int) -> None:
        """Show a project or milestone on the Projects tab (once built, if need be)."""
        self.action_show_tab("projects")
        self._when_built("projects", lambda view: view.reveal(kind, record_id))

    def action_new_project(self) -> None:
        self.open_project_form(None)

    def action_edit_project(self) -> None:
        """Edit the highlighted milestone, or else the highlighted project."""
        if not self._showing("projects"):
            return
        milestone = self.projects_view.selected_milestone()
        project = self.projects_view.selected_project()
        if milestone is not None and project is not None:
            self.open_milestone_form(project, copy.deepcopy(milestone))
        elif project is not None:
            self.open_project_form(copy.deepcopy(project))
        else:
            self.say(t("projects.no_selection"), "warning")

    def open_project_form(self, project: Project | None) -> None:
        def save(fields: dict[str, Any]) -> Project:
            base = form.project
            label = t("change.project", name=fields.get("name", ""))
            if base is None:
                return self.apply(
                    label,
                    lambda: actions.save_project(self.store, None, fields),
                    created=lambda p: [p],
                )
            return self.apply_edit(label, actions.save_project, base, fields)

        def saved(project: Project | None) -> None:
            if project is not None:
                self.say(t("projects.saved", name=project.name))
                self.show_project("project", project.id)

        form = modals.ProjectForm(project, self.today, save)
        self.push_screen(form, saved)

    def action_new_milestone(self) -> None:
        project = self._selected_project()
        if project is not None:
            self.open_milestone_form(project, None)

    def open_milestone_form(self, project: Project, milestone: Milestone | None) -> None:
        def save(fields: dict[str, Any]) -> Milestone:
            base = form.milestone
            label = t("change.milestone", name=fields.get("name", ""))
            if base is None:
                return self.apply(
                    label,
                    lambda: actions.add_milestone(self.store, project.id, **fields),
                    created=lambda m: [m],
                )
            return self.apply_edit(label, actions.edit_milestone, base, fields)

        def saved(milestone: Milestone | None) -> None:
            if milestone is not None:
                self.say(t("projects.milestone_saved", name=milestone.name))
                self.show_project("milestone", milestone.id)

        form = modals.MilestoneForm(project, milestone, self.snapshot.contacts, self.today, save)
        self.push_screen(form, saved)

    def action_agree_milestone(self) -> None:
        milestone = self._selected_milestone()
        if milestone is None:
            return
        chosen = milestone.agreed_with or (
            [milestone.owner_id] if milestone.owner_id is not None else []
        )

        def save(fields: dict[str, Any]) -> tuple[Milestone, Interaction]:
            return self.apply(
                t("change.milestone", name=milestone.name),
                lambda: actions.agree_milestone(self.store, milestone.id, **fields),
                [self.fresh(milestone)],
                created=lambda result: [result[1]],
            )

        def saved(result: tuple[Milestone, Interaction] | None) -> None:
            if result is not None:
                agreed = result[0]
                names = self.snapshot.names(agreed.agreed_with)
                self.say(t("projects.agreed", name=agreed.name, names=names))

        form = modals.AgreeForm(milestone, self.snapshot.contacts, chosen, self.today, save)
        self.push_screen(form, saved)

    def action_move_milestone(self) -> None:
        milestone = self._selected_milestone()
        if milestone is None:
            return

        def save(fields: dict[str, Any]) -> Milestone:
            return self.apply(
                t("change.milestone", name=milestone.name),
                lambda: actions.move_milestone(self.store, milestone.id, **fields),
                [self.fresh(milestone)],
            )

        def saved(moved: Milestone | None) -> None:
            if moved is not None:
                from collab_tui.tui.content import milestone_slip

                slip = milestone_slip(moved)
                if slip:
                    self.say(t("projects.moved", name=moved.name, slip=slip))
                else:
                    self.say(t("projects.moved_on_plan", name=moved.name))

        self.push_screen(modals.MoveForm(milestone, self.today, save), saved)

    def action_complete_milestone(self) -> None:
        milestone = self._selected_milestone()
        if milestone is None:
            return
        done = self.change(
            t("change.milestone", name=milestone.name),
            lambda: actions.complete_milestone(self.store, milestone.id, self.today),
            [self.fresh(milestone)],
        )
        if done is not None:
            self.say(t("projects.done", name=done.name))

    def action_filter_project(self) -> None:
        """Narrow Today, the Matrix and the Log to the highlighted project; again: all."""
        project = self._selected_project()
        if project is None:
            return
        if self.project_filter == project.id:
            self.project_filter = None
            self.say(t("projects.filter_off"))
        else:
            self.project_filter = project.id
            self.say(t("projects.filter_on", name=project.name))
        self.reload()

    def action_stakeholder_map(self) -> None:
        project = self._selected_project()
        if project is not None:
            from collab_tui.tui.screens.stakeholder_map import StakeholderMapScreen

            self.push_screen(StakeholderMapScreen(project.id, self.snapshot))

    def edit_role(self, project: Project, contact: Contact) -> None:
        """The role form for one person in one project (from the map)."""

        def save(fields: dict[str, Any]) -> Project:
            return self.apply(
                t("change.project", name=project.name),
                lambda: actions.set_role(self.store, project.id, contact.id, **fields),
                [self.fresh(project)],
            )

        stored = next((r for r in project.roles if r.contact_id == contact.id), None)
        role = stored or Role(contact.id)
        self.push_screen(modals.RoleForm(project, contact, role, save))

    # --- undo -----------------------------------------------------------------------------

    def action_undo(self) -> None:
        entry = self.undo_stack.pop()
        if entry is None:
            self.say(t("app.nothing_to_undo"))
            return
        with self.guarded():
            try:
                actions.undo(self.store, entry.before, entry.created, entry.after)
            except ConflictError as conflict:
                kind = t(f"record.{type(conflict.record).__name__.lower()}")
                raise actions.ActionError(
                    t("app.undo_conflict", change=entry.label, kind=kind, id=conflict.record.id)
                ) from None
            self.say(t("app.undone", change=entry.label))
        self.reload([*entry.before, *entry.created])


def make_app(db: Path | str | Any, today: date | None = None) -> CollabApp:
    """The app over a data file path or an already-open store (tests pass one)."""
    if today is None:
        today = frozen_today()
    if isinstance(db, (str, Path)):
        with gc_paused():
            store = Store.open(Path(db))
        return CollabApp(store, today, owns_store=True)
    return CollabApp(db, today)


def run(db_path: Path, today: date | None = None) -> None:
    """Open the app on ``db_path`` (StoreError from opening propagates to the CLI)."""
    make_app(db_path, today).run()
