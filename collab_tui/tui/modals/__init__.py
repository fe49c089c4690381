"""Modal dialogs that return a value through ``dismiss``: capture, forms, prompts.

Each is a ``ModalScreen[T]``; push it with ``push_screen(modal, callback)`` or
``await push_screen_wait(modal)``. Escape cancels (None, or False for ConfirmDialog).

The modules are imported when a modal is first used (``modals.ItemForm``), not when the
app starts: forms pull in TextArea, the report Textual's Markdown (markdown-it, pygments).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collab_tui.tui.modals.capture import CaptureModal
    from collab_tui.tui.modals.confirm import ConfirmDialog
    from collab_tui.tui.modals.contact_form import ContactForm
    from collab_tui.tui.modals.date_prompt import DatePrompt
    from collab_tui.tui.modals.delete_contact import DeleteChoice, DeleteContactDialog
    from collab_tui.tui.modals.escalation_form import EscalationForm
    from collab_tui.tui.modals.interaction_form import InteractionForm
    from collab_tui.tui.modals.item_form import ItemForm
    from collab_tui.tui.modals.meeting_form import MeetingForm, OutcomePrompt
    from collab_tui.tui.modals.next_step import NextStepPrompt
    from collab_tui.tui.modals.project_forms import (
        AgreeForm,
        MilestoneForm,
        MoveForm,
        ProjectForm,
        RoleForm,
    )
    from collab_tui.tui.modals.report import ReportModal
    from collab_tui.tui.modals.series import SeriesDialog
    from collab_tui.tui.modals.settings import SettingsModal
    from collab_tui.tui.modals.touch import TouchForm

_MODULES = {
    "CaptureModal": "capture",
    "ConfirmDialog": "confirm",
    "ContactForm": "contact_form",
    "DatePrompt": "date_prompt",
    "DeleteChoice": "delete_contact",
    "DeleteContactDialog": "delete_contact",
    "EscalationForm": "escalation_form",
    "InteractionForm": "interaction_form",
    "ItemForm": "item_form",
    "MeetingForm": "meeting_form",
    "OutcomePrompt": "meeting_form",
    "SeriesDialog": "series",
    "NextStepPrompt": "next_step",
    "AgreeForm": "project_forms",
    "MilestoneForm": "project_forms",
    "MoveForm": "project_forms",
    "ProjectForm": "project_forms",
    "RoleForm": "project_forms",
    "ReportModal": "report",
    "SettingsModal": "settings",
    "TouchForm": "touch",
}

__all__ = [
    "AgreeForm",
    "MilestoneForm",
    "MoveForm",
    "ProjectForm",
    "RoleForm",
    "CaptureModal",
    "ConfirmDialog",
    "ContactForm",
    "DatePrompt",
    "DeleteChoice",
    "DeleteContactDialog",
    "EscalationForm",
    "InteractionForm",
    "ItemForm",
    "MeetingForm",
    "OutcomePrompt",
    "NextStepPrompt",
    "ReportModal",
    "SeriesDialog",
    "SettingsModal",
    "TouchForm",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
