"""Modal dialogs that return a value through ``dismiss``: capture, forms, prompts.

Each is a ``ModalScreen[T]``; push it with ``push_screen(modal, callback)`` or
``await push_screen_wait(modal)``. Escape cancels (None, or False for ConfirmDialog).
"""

from collab_tui.tui.modals.capture import CaptureModal
from collab_tui.tui.modals.confirm import ConfirmDialog
from collab_tui.tui.modals.contact_form import ContactForm
from collab_tui.tui.modals.date_prompt import DatePrompt
from collab_tui.tui.modals.interaction_form import InteractionForm
from collab_tui.tui.modals.item_form import ItemForm
from collab_tui.tui.modals.report import ReportModal

__all__ = [
    "CaptureModal",
    "ConfirmDialog",
    "ContactForm",
    "DatePrompt",
    "InteractionForm",
    "ItemForm",
    "ReportModal",
]
