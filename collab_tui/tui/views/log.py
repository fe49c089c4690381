"""Log: the interaction timeline, newest first, filterable by contact, tag and text."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Select, Static

from collab_tui.model import Contact, Interaction, one_line
from collab_tui.tui import keymap
from collab_tui.tui.content import (
    heading,
    interaction_line,
    item_prompt,
    loading_line,
    text,
)
from collab_tui.tui.state import Snapshot, query_words
from collab_tui.tui.views.base import View
from collab_tui.tui.widgets.record_list import RecordList, Section, Target
from collab_tui.words import format_date, label, t


class LogView(View):
    BINDINGS = keymap.bindings(keymap.LOG, on_app=True)
    list_id = "log-list"
    search_placeholder = "search.log"
    # (snapshot and pickers, query, what it matched): the base for a longer query
    _last_filter: tuple[object, str, list[Interaction]] = (None, "", [])
    _choices_for: object = None  # the snapshot the pickers were filled from
    _detail_for: tuple[object, int] = (None, 0)  # the snapshot and record the detail shows
    _rows_for: object = None  # the snapshot _rows were made from
    _rows: dict[int, tuple[Target, Any]] = {}  # replaced per snapshot, never mutated in place

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="log-filters"):
            yield Select[int]([], prompt=t("log.any_contact"), id="log-contact", compact=True)
            yield Select[str]([], prompt=t("log.any_tag"), id="log-tag", compact=True)
        yield RecordList(id="log-list")
        with VerticalScroll(id="log-detail-pane"):
            yield Static(id="log-detail")

    def render_view(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        if not snapshot.history_loaded:
            self.record_list.show(
                [Section("Log", [(None, loading_line(""))], show_heading=False)],
                generation=snapshot,
            )
            self.render_selection()
            return
        self._update_filter_choices()
        contact_id = self._selected_value("#log-contact")
        tag = self._selected_value("#log-tag")
        query = self.query_text
        # Typing extends the query: only what matched the shorter query can match now.
        last_key, last_query, last_shown = self._last_filter
        if last_key == (snapshot, contact_id, tag) and query.startswith(last_query):
            candidates = last_shown
        else:
            candidates = [
                r
                for r in snapshot.interactions
                if (contact_id is None or contact_id in r.contact_ids)
                and (tag is None or tag in r.tags)
                and snapshot.in_project(r.tags)
            ]
            self._last_filter = ((snapshot, contact_id, tag), "", candidates)
        shown = matching(candidates, query, snapshot)
        if query:
            self._last_filter = ((snapshot, contact_id, tag), query, shown)
        self.record_list.show(
            [Section("Log", self._rows_of(shown, snapshot), show_heading=False)],
            generation=snapshot,
        )
        self.render_selection()

    def _rows_of(self, records: list[Interaction], snapshot: Snapshot) -> list[Any]:
        """Their rows, each made once per snapshot: typing re-shows the same rows many
        times (one dict look-up a record, not a method call: ten years are 33,000)."""
        if self._rows_for is not snapshot:
            self._rows_for, self._rows = snapshot, {}
        rows = self._rows
        for record in records:
            if record.id not in rows:
                line = partial(interaction_line, record, snapshot)
                rows[record.id] = (Target("interaction", record.id), line)
        return [rows[r.id] for r in records]

    def _selected_value(self, selector: str) -> Any:
        """The picked value (a contact id or a tag), None if nothing is picked."""
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def _update_filter_choices(self) -> None:
        """Refill the contact and tag pickers, keeping what is picked if it still exists."""
        snapshot = self.snapshot
        assert snapshot is not None
        if self._choices_for is snapshot:
            return
        self._choices_for = snapshot
        in_log = {i for r in snapshot.interactions for i in r.contact_ids}
        contacts: list[Contact] = [c for c in snapshot.contacts if c.id in in_log]
        tags = sorted({t for r in snapshot.interactions for t in r.tags}, key=str.casefold)
        self._refill("#log-contact", [(text(c.name), c.id) for c in contacts])
        self._refill("#log-tag", [(text("#" + t), t) for t in tags])

    def _refill(self, selector: str, options: list[tuple[Content, int | str]]) -> None:
        select = self.query_one(selector, Select)
        if getattr(select, "_collab_options", None) == [v for _, v in options]:
            return  # unchanged: leave the widget (and an open dropdown) alone
        current = select.value
        with self.prevent(Select.Changed):
            select.set_options(options)
            if current is not Select.NULL and current in [v for _, v in options]:
                select.value = current
        select._collab_options = [v for _, v in options]  # type: ignore[attr-defined]

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.snapshot is not None:
            self.render_view()

    def selected_interaction(self) -> Interaction | None:
        target = self.record_list.target
        if self.snapshot is None or target is None:
            return None
        return self.snapshot.interactions_by_id.get(target.id)

    def selected_contact(self) -> Contact | None:
        record = self.selected_interaction()
        if record is None or self.snapshot is None or not record.contact_ids:
            return None
        return self.snapshot.contacts_by_id.get(record.contact_ids[0])

    def render_selection(self) -> None:
        snapshot = self.snapshot
        detail = self.query_one("#log-detail", Static)
        record = self.selected_interaction()
        if snapshot is None or record is None:
            self._detail_for = (None, 0)
            loading = snapshot is not None and not snapshot.history_loaded
            detail.update(Text(t("loading_log") if loading else t("log.empty")))
            return
        if self._detail_for[0] is snapshot and self._detail_for[1] == record.id:
            return  # the same record: typing a filter should not redraw it
        self._detail_for = (snapshot, record.id)
        lines: list[Content] = [
            Content.assemble(
                (f"{format_date(record.date, snapshot.today)} · {label(record.kind)}", "bold"),
                ("  " + snapshot.names(record.contact_ids), "$text-secondary"),
            ),
            text(one_line(record.summary)),
        ]
        if record.decisions:
            lines.append(heading(t("form.interaction.decisions"), len(record.decisions)))
            lines.extend(Content.assemble("  • ", text(one_line(d))) for d in record.decisions)
        items = [snapshot.items_by_id[i] for i in record.item_ids if i in snapshot.items_by_id]
        if items:
            lines.append(heading(t("log.open_items"), len(items)))
            lines.extend(Content.assemble("  ", item_prompt(i, snapshot)) for i in items)
        if record.tags:
            lines.append(
                Content.assemble((" ".join("#" + one_line(tag) for tag in record.tags), "dim"))
            )
        detail.update(Content("\n").join(lines))


def matching(records: list[Interaction], query: str, snapshot: Snapshot) -> list[Interaction]:
    """The records ``query`` finds (``Snapshot.interaction_matches``), in their order.

    Inline substring tests, word by word over what the word before left, then the
    records with a person the query names: a call per record made filtering ten years
    of log (33,000 records) take ~50 ms a key."""
    if not query:
        return records
    search = snapshot.history.search
    found = records
    for word in query_words(query):
        found = [r for r in found if word in search.get(r.id, "")]
    people = snapshot.people_matching(query, names_only=True)
    if not people:
        return found
    # Or with one of the people it names (``xl`` finds 小蓝's meetings), in log order.
    keep = snapshot.history.ids_with(people)
    keep.update(r.id for r in found)
    return [r for r in records if r.id in keep]
