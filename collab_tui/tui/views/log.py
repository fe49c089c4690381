"""Log: the interaction timeline, newest first, filterable by contact, tag and text.

It shows the months the app has read (``History``: the newest page first), then a row
that reads older months: a page more of them, or, while a filter is set, a search of
them that keeps only what matches (``LogSearch``). Years of log are never all in memory.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

from rich.text import Text
from textual import on, work
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
from collab_tui.tui.state import (
    History,
    LogSearch,
    Snapshot,
    log_filter,
    month_of,
    query_words,
    search_older,
)
from collab_tui.tui.views.base import View
from collab_tui.tui.widgets.record_list import RecordList, Section, Target
from collab_tui.words import format_date, label, t

FilterKey = tuple[int | None, str | None, int | None, str]  # contact, tag, project, query
NO_FILTER: FilterKey = (None, None, None, "")


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
    _older: LogSearch | None = None  # what searching the months before the pages found
    _older_history: History | None = None  # the history _older goes with
    _searching: LogSearch | None = None  # the search under way (its results not in yet)
    _resume_after: int | None = None  # the record above the "older" row when it was used

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="log-filters"):
            yield Select[int]([], prompt=t("log.any_contact"), id="log-contact", compact=True)
            yield Select[str]([], prompt=t("log.any_tag"), id="log-tag", compact=True)
        yield RecordList(id="log-list")
        with VerticalScroll(id="log-detail-pane"):
            yield Static(id="log-detail")

    def show(self, snapshot: Snapshot, draw: bool = True) -> None:
        """Keep what a search of older months found across the app's own changes (the
        records it changed are put right); a log read afresh drops it."""
        history = snapshot.history
        if self._older is not None and history is not self._older_history:
            if history.loaded and history.revised is not None:
                self._older.revise(history.revised)
                self._older_history = history
            else:
                self._older = None
        super().show(snapshot, draw)

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
        key = self._filter_key()
        rows = self._rows_of([*shown, *self._older_shown(key)], snapshot)
        older = self._older_row(key)
        if older is not None:
            rows.append(older)
        self.record_list.show([Section("Log", rows, show_heading=False)], generation=snapshot)
        self._resume()
        self.render_selection()

    # --- older months ---------------------------------------------------------------------

    def _filter_key(self) -> FilterKey:
        snapshot = self.snapshot
        assert snapshot is not None
        project = snapshot.project.id if snapshot.project is not None else None
        contact_id = self._selected_value("#log-contact")
        return (contact_id, self._selected_value("#log-tag"), project, self.query_text)

    def _older_shown(self, key: FilterKey) -> list[Interaction]:
        """What a search of older months found that the filter ``key`` keeps (not what
        the pages hold since)."""
        older, snapshot = self._older, self.snapshot
        if older is None or snapshot is None or not older.covers(key):
            return []
        since = snapshot.history.since
        contact_id, tag, _, query = key
        records = [
            r
            for r in older.found
            if month_of(r) < since
            and (contact_id is None or contact_id in r.contact_ids)
            and (tag is None or tag in r.tags)
            and snapshot.in_project(r.tags)
        ]
        return matching(records, query, snapshot, older)

    def _search_from(self, key: FilterKey) -> str:
        """The month whose earlier months a search for ``key`` goes on with ("": none)."""
        assert self.snapshot is not None
        since = self.snapshot.history.since
        older = self._older
        if older is not None and older.covers(key):
            return min(older.before, since)  # "" (searched to the first month) is least
        return since

    def _older_row(self, key: FilterKey) -> tuple[Target, Content] | None:
        """The last row, while months are left to read: Enter reads them."""
        assert self.snapshot is not None
        history = self.snapshot.history
        if history.complete:
            return None
        if self.collab._history_reading or self._searching is not None:
            return (Target("older", 0, "reading"), _muted(t("log.older_reading")))
        if key == NO_FILTER:
            month = history.since
            return (Target("older", _number(month), "page"), _muted(t("log.older", month=month)))
        month = self._search_from(key)
        if not month:
            return None
        words = t("log.older_search", month=month)
        return (Target("older", _number(month), "search"), _muted(words))

    def read_older(self) -> None:
        """Read older months: the next page of them, or search them for the filter."""
        snapshot = self.snapshot
        if snapshot is None or not snapshot.history.loaded or snapshot.history.complete:
            return
        if self.collab._history_reading or self._searching is not None:
            return
        records = [t.id for t in self.record_list.targets if t.kind == "interaction"]
        self._resume_after = records[-1] if records else None
        key = self._filter_key()
        if key == NO_FILTER:
            self.collab.load_history()  # the app reads the next page into the snapshot
        else:
            before = self._search_from(key)
            if not before:
                return
            accept = log_filter(snapshot, key[0], key[1], key[3])
            self._searching = request = LogSearch(key, accept, before)
            if self.collab.history_in_thread:
                self._search_in_thread(request, snapshot.store)
            else:
                self._searched(request, search_older(snapshot.store, before, accept))
        if self.snapshot is not None:
            self.render_view()  # "reading older months…"

    @work(thread=True, exit_on_error=False, group="log-search")
    def _search_in_thread(self, request: LogSearch, store: Any) -> None:
        try:
            found: Any = search_older(store, request.before, request.accept)
        except Exception as error:  # StoreError (a damaged month); a save mid-read
            found = error
        self.app.call_from_thread(self._searched, request, found)

    def _searched(self, request: LogSearch, result: Any) -> None:
        """A search's results: added to what a search for this filter (or a wider one)
        found before, so Enter goes on further back."""
        if self._searching is not request:
            return
        self._searching = None
        if isinstance(result, Exception):
            self.collab.say(t("app.log_unreadable", error=result), "error")
        else:
            found, search, before = result
            base = self._older
            if base is not None and base.covers(request.key):
                kept = [r for r in base.found if request.accept(r, base.search[r.id])]
                request.found = [*kept, *found]
                request.search = {r.id: base.search[r.id] for r in kept} | search
            else:
                request.found, request.search = found, search
            request.before = before
            self._older = request
            self._older_history = self.snapshot.history if self.snapshot else None
        if self.snapshot is not None:
            self.render_view()

    def _resume(self) -> None:
        """After older months came in: the cursor on the first of them, not on the
        "older" row again (which would read the next page at once)."""
        anchor = self._resume_after
        target = self.record_list.target
        if anchor is None or self.collab._history_reading or self._searching is not None:
            return
        self._resume_after = None
        if target is not None and target.kind == "older":
            if self.record_list.select_target("interaction", anchor):
                self.record_list.action_cursor(1)

    @on(RecordList.Selected)
    def _row_selected(self, event: RecordList.Selected) -> None:
        if event.target is not None and event.target.kind == "older":
            event.stop()
            self.read_older()

    def _read_older_if_at_end(self) -> None:
        target = self.record_list.target
        if target is not None and target.kind == "older" and target.section == "page":
            self.read_older()

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
        """Refill the contact and tag pickers, keeping what is picked if it still exists.
        While older months are unread, every current contact can be picked (a search of
        older months finds theirs); tags: those of the months read."""
        snapshot = self.snapshot
        assert snapshot is not None
        if self._choices_for is snapshot:
            return
        self._choices_for = snapshot
        in_log = {i for r in snapshot.interactions for i in r.contact_ids}
        everyone = not snapshot.history.complete
        contacts: list[Contact] = [c for c in snapshot.contacts if everyone or c.id in in_log]
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
        if self.snapshot is None or target is None or target.kind != "interaction":
            return None
        found = self.snapshot.interactions_by_id.get(target.id)
        if found is None and self._older is not None:
            found = next((r for r in self._older.found if r.id == target.id), None)
        return found

    def selected_contact(self) -> Contact | None:
        record = self.selected_interaction()
        if record is None or self.snapshot is None or not record.contact_ids:
            return None
        return self.snapshot.contacts_by_id.get(record.contact_ids[0])

    def render_selection(self) -> None:
        snapshot = self.snapshot
        detail = self.query_one("#log-detail", Static)
        target = self.record_list.target
        if target is not None and target.kind == "older" and target.section == "page":
            # Moved onto the last row with nothing filtering: the next page, as you scroll.
            self.call_after_refresh(self._read_older_if_at_end)
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


class LogIndex(Protocol):
    """Search strings by record id, and who is in which record (``History``, ``LogSearch``)."""

    search: dict[int, str]

    def ids_with(self, contact_ids: frozenset[int]) -> set[int]: ...


def matching(
    records: list[Interaction], query: str, snapshot: Snapshot, index: LogIndex | None = None
) -> list[Interaction]:
    """The records ``query`` finds (``Snapshot.interaction_matches``), in their order;
    ``index``: where their search strings are (the snapshot's history if None).

    Inline substring tests, word by word over what the word before left, then the
    records with a person the query names: a call per record made filtering ten years
    of log (33,000 records) take ~50 ms a key."""
    if not query:
        return records
    index = index or snapshot.history
    search = index.search
    found = records
    for word in query_words(query):
        found = [r for r in found if word in search.get(r.id, "")]
    people = snapshot.people_matching(query, names_only=True)
    if not people:
        return found
    # Or with one of the people it names (``xl`` finds 小蓝's meetings), in log order.
    keep = index.ids_with(people)
    keep.update(r.id for r in found)
    return [r for r in records if r.id in keep]


def _muted(words: str) -> Content:
    return Content.assemble(("  " + words, "italic $text-muted"))


def _number(month: str) -> int:
    """A month as a row id: 2026-09 -> 202609."""
    return int(month.replace("-", "") or 0)
