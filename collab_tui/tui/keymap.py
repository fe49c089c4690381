"""Every app action in one table: its key, footer word, palette title and help.

The app's and the tabs' ``BINDINGS``, the command palette and the `?` help screen are all
built from here, so a key shown in one place is the key in the others (Harlequin's
action registry). Binding ids are stable, for ``App.set_keymap`` overrides. The words
come from ``collab_tui.words`` (keys ``act.<id>`` and ``act.<id>.help``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from collab_tui.records import record_class
from collab_tui.words import t


@record_class(frozen=True)
class Act:
    """One key binding of the app: its keys, action, and where it is shown."""

    id: str  # the binding id, e.g. "item.complete"
    keys: str  # Textual key names, comma separated
    action: str  # the action run on the app, e.g. "complete" or "show_tab('today')"
    footer: bool = True  # shown in the footer (it must fit 80 columns)
    palette: bool = True  # offered in the command palette

    @property
    def title(self) -> str:
        """The palette's title, e.g. "Item: done"."""
        return t(f"act.{self.id}")

    @property
    def word(self) -> str:
        """The footer's word, e.g. "Done"."""
        return t(f"act.{self.id}.key")

    @property
    def help(self) -> str:
        return t(f"act.{self.id}.help")


# Keys that work everywhere (the app's own bindings).
APP = [
    Act("tab.today", "1", "show_tab('today')", footer=False),
    Act("tab.matrix", "2", "show_tab('matrix')", footer=False),
    Act("tab.contacts", "3", "show_tab('contacts')", footer=False),
    Act("tab.log", "4", "show_tab('log')", footer=False),
    Act("tab.projects", "5", "show_tab('projects')", footer=False),
    Act("capture", "c", "capture"),
    Act("search", "slash", "search"),
    Act("review", "r", "review"),
    Act("plan_meeting", "m", "plan_meeting", footer=False),
    Act("undo", "z", "undo", footer=False),
    Act("report", "R", "report", footer=False),
    Act("settings", "comma", "settings", footer=False),
    Act("touch", "t", "log_touch", footer=False),
    Act("help", "question_mark", "help"),
    Act("quit", "q", "quit", palette=False),
]
# Keys on an item row (Today, Matrix); they act on the highlighted item.
ITEM = [
    Act("item.complete", "d", "complete"),
    Act("item.drop", "x", "drop", footer=False),
    Act("item.occurred", "h", "occurred", footer=False),
    Act("item.snooze", "s", "snooze"),
    Act("item.edit", "e", "edit"),
    Act("item.important", "i", "toggle_important", footer=False),
    Act("item.urgent", "u", "toggle_urgent", footer=False),
    Act("item.open_contact", "o", "open_contact", footer=False),
    Act("item.escalate", "E", "escalate_item", footer=False),
]
# Keys on a planned meeting's row (Today).
MEETING = [
    Act("meeting.outcome", "l", "meeting_outcome", footer=False),
    Act("meeting.cancel", "delete", "cancel_meeting", footer=False),
]
CONTACT = [
    Act("contact.new", "n", "new_contact"),
    Act("contact.edit", "e", "edit_contact"),
    Act("contact.log", "l", "log_interaction"),
    Act("contact.delete", "delete,D", "delete_contact", footer=False),
]
LOG = [Act("log.new", "l", "log_interaction", palette=False)]  # the palette has contact.log
# Keys on the Projects tab: a project row, or one of its milestones.
PROJECT = [
    Act("project.new", "n", "new_project", footer=False),
    Act("project.edit", "e", "edit_project"),
    Act("milestone.new", "m", "new_milestone"),
    Act("milestone.agree", "a", "agree_milestone"),
    Act("milestone.move", "f", "move_milestone"),
    Act("milestone.done", "d", "complete_milestone", footer=False),
    Act("project.filter", "p", "filter_project", footer=False),
    Act("project.map", "s", "stakeholder_map"),
]

ACTS = [*APP, *ITEM, *MEETING, *CONTACT, *LOG, *PROJECT]


def bindings(acts: list[Act], on_app: bool = False) -> list[BindingType]:
    """Textual bindings for ``acts``; ``on_app`` for a widget's keys that run app actions.

    Typed as ``BINDINGS`` is, so that a class can set its ``BINDINGS`` to the result.
    """
    prefix = "app." if on_app else ""
    return [
        Binding(act.keys, prefix + act.action, act.word, show=act.footer, id=act.id) for act in acts
    ]


_SHOWN = {"slash": "/", "comma": ",", "question_mark": "?"}


def shown_key(act: Act) -> str:
    """The first key as a person types it: "/" for slash."""
    first = act.keys.split(",")[0]
    return _SHOWN.get(first, first)


def palette() -> list[tuple[str, str, str]]:
    """(title, help with the key, action) for the command palette."""
    return [(a.title, f"{a.help} ({shown_key(a)})", a.action) for a in ACTS if a.palette]
