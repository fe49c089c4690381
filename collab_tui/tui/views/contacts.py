"""Contacts: a searchable list beside the selected contact's pre-meeting brief."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from collab_tui.model import Contact, one_line
from collab_tui.text import cell_width, pad, truncate
from collab_tui.tui import keymap
from collab_tui.tui.views.base import View
from collab_tui.tui.widgets.brief import brief_rows
from collab_tui.tui.widgets.hanging import HangingLines
from collab_tui.tui.widgets.record_list import RecordList, Section, Target
from collab_tui.words import label, t


class ContactsView(View):
    BINDINGS = keymap.bindings(keymap.CONTACT, on_app=True)
    list_id = "contact-list"
    search_placeholder = "search.contacts"
    _brief_for: tuple[object, int] = (None, 0)  # the snapshot and contact the brief shows
    _header = ""

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="contact-column"):
                yield Static(id="contact-header")
                yield RecordList(id="contact-list")
            with VerticalScroll(id="brief-pane"):
                yield HangingLines(id="brief")

    def render_view(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        name, dept = t("contacts.column.name"), t("contacts.column.department")
        name_width = column_width((c.name for c in snapshot.contacts), name, 16)
        dept_width = column_width((c.department for c in snapshot.contacts), dept, 22)
        stance = t("contacts.column.stance")
        header = pad(name, name_width) + " " + pad(dept, dept_width) + " " + stance
        if header != self._header:  # not on every key: a Static's update lays out the screen
            self._header = header
            self.query_one("#contact-header", Static).update(Content.assemble((header, "bold")))
        shown = [c for c in snapshot.contacts if snapshot.contact_matches(c, self.query_text)]
        self.record_list.show(
            [
                Section(
                    "Contacts",
                    [
                        (Target("contact", c.id), partial(contact_row, c, name_width, dept_width))
                        for c in shown
                    ],
                    show_heading=False,
                )
            ],
            generation=snapshot,
        )
        self.render_selection()

    def selected_contact(self) -> Contact | None:
        target = self.record_list.target
        if self.snapshot is None or target is None:
            return None
        return self.snapshot.contacts_by_id.get(target.id)

    def reveal_contact(self, contact_id: int) -> None:
        """Select a contact, clearing a search that hides it."""
        if not self.record_list.select_target("contact", contact_id) and self.query_text:
            self.close_search()
            self.record_list.select_target("contact", contact_id)
        self.record_list.focus()

    def render_selection(self) -> None:
        snapshot = self.snapshot
        brief_widget = self.query_one("#brief", HangingLines)
        contact = self.selected_contact()
        if snapshot is None or contact is None:
            if snapshot is not None and snapshot.contacts and self.query_text:
                brief_widget.show_text(t("contacts.no_match", query=one_line(self.query_text)))
            else:
                brief_widget.show_text(t("contacts.none_selected"))
            self._brief_for = (None, 0)
            return
        if self._brief_for[0] is snapshot and self._brief_for[1] == contact.id:
            return  # unchanged: filtering should not redraw the same brief on every key
        brief_widget.show_rows(brief_rows(snapshot.brief(contact.id), snapshot))
        self._brief_for = (snapshot, contact.id)


def column_width(values: Iterable[str], title: str, limit: int) -> int:
    return min(limit, max([cell_width(title), *(cell_width(one_line(v)) for v in values)]))


def cut(value: str, width: int) -> str:
    """``value`` padded or cut (with an ellipsis) to exactly ``width`` cells."""
    return pad(truncate(one_line(value), width), width)


def contact_row(contact: Contact, name_width: int, dept_width: int) -> Content:
    return Content.assemble(
        cut(contact.name, name_width),
        " ",
        (cut(contact.department, dept_width), "$text-muted"),
        " ",
        (label(contact.stance, "short"), "$text-secondary"),
    )
