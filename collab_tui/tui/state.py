"""What the screens show, computed once per reload: no Textual in here.

A ``Snapshot`` is an immutable view of the store for one day: the records, the agenda and
the matrix from ``triage``, and a lowercase search string per record so that filtering
as you type is a plain substring test (fast enough for 20,000 items per keystroke).
``UndoStack`` keeps before-images of what the app changed, so undo can write them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from collab_tui import lookup, plan, triage
from collab_tui.model import (
    Contact,
    Escalation,
    Interaction,
    Item,
    Meeting,
    Milestone,
    Project,
    Record,
    Settings,
    current_contacts,
    one_line,
)
from collab_tui.records import record_class
from collab_tui.store.summary import RECENT, ContactLog
from collab_tui.words import listing


def fold(text: str) -> str:
    """The form both search strings and queries take: case-folded (CJK is unchanged)."""
    return text.casefold()


@lru_cache(maxsize=32)
def query_words(query: str) -> tuple[str, ...]:
    # Split once per query, not once per record: the log filters 10,000 per keystroke.
    return tuple(fold(query).split())


def matches(haystack: str, query: str) -> bool:
    """Every whitespace-separated word of ``query`` occurs in ``haystack`` (already folded)."""
    words = query_words(query)
    if len(words) == 1:
        return words[0] in haystack
    return all(word in haystack for word in words)


@record_class
class History:
    """The newest months of the interaction log (the Log's pages) and what is derived.

    Years of log are the slow part of the store to read (the monthly history files), so
    the app starts without it (``NOT_LOADED``): Today, Contacts, the matrix, the briefs and
    the cards use the store's per-contact summary of the log instead (``Snapshot.brief``,
    ``Snapshot.recent_log``). The Log tab reads the newest months, in a thread
    (``read_history``), when it is first shown, older months a page at a time as the user
    asks (``read_history(store, history)``); records are then updated one by one
    (``update_history``). It holds every interaction dated in ``since`` ("YYYY-MM") or
    later: ten years held at once were most of the app's memory (~230 of 276 MiB).
    """

    interactions: list[Interaction]  # newest first
    by_id: dict[int, Interaction]
    search: dict[int, str]  # id -> folded search string
    contact_names: dict[int, str]  # the names the search strings were built with
    loaded: bool = True
    since: str = ""  # the oldest month held; "": the whole log
    # The records ``update_history`` read again (None: deleted), older months' too, for
    # what the Log found there; None: read afresh (or the names changed), nothing carries.
    revised: dict[int, Interaction | None] | None = None
    _latest: tuple[date, list[Interaction]] | None = None
    _by_contact: dict[int, list[int]] | None = None

    @property
    def complete(self) -> bool:
        """Read back to the first month: what the whole log says can be asked of it."""
        return self.loaded and not self.since

    def ids_with(self, contact_ids: Iterable[int]) -> set[int]:
        """The ids of the interactions with any of these people (an index built once)."""
        if self._by_contact is None:
            index: dict[int, list[int]] = {}
            for record in self.interactions:
                for contact_id in record.contact_ids:
                    index.setdefault(contact_id, []).append(record.id)
            self._by_contact = index
        found: set[int] = set()
        for contact_id in contact_ids:
            found.update(self._by_contact.get(contact_id, ()))
        return found

    def latest(self, today: date) -> list[Interaction]:
        """For each contact, its latest interaction up to ``today`` (all that the going-cold
        rule looks at), so the agenda does not walk the whole log on every save."""
        if self._latest is None or self._latest[0] != today:
            seen: set[int] = set()
            latest: list[Interaction] = []
            for record in self.interactions:  # newest first
                if record.date <= today and not seen.issuperset(record.contact_ids):
                    latest.append(record)
                    seen.update(record.contact_ids)
            self._latest = (today, latest)
        return self._latest[1]


NOT_LOADED = History([], {}, {}, {}, loaded=False)


PAGE = 500  # the Log reads whole months, newest first, until it has at least this many


def make_history(
    records: Iterable[Interaction],
    contact_names: dict[int, str],
    since: str = "",
    search: dict[int, str] | None = None,
) -> History:
    """``search``: search strings already made with these names (reused, not rebuilt)."""
    interactions = sorted(records, key=_newest_first, reverse=True)
    known = search or {}
    return History(
        interactions,
        {r.id: r for r in interactions},
        {r.id: known.get(r.id) or _interaction_text(r, contact_names) for r in interactions},
        contact_names,
        since=since,
    )


def month_of(record: Interaction) -> str:
    return record.date.isoformat()[:7]


def read_history(store: Any, history: History | None = None) -> History:
    """The Log's first page: the newest months, at least ``PAGE`` interactions; given the
    ``history`` read so far, it with the next page of older months. Reads one history file
    at a time and keeps none in the store: run it off the UI thread."""
    contact_names = {c.id: " ".join(c.names) for c in store.contacts()}
    if history is not None and history.loaded:
        if history.complete:
            return history
        records, before = list(history.interactions), history.since
        search = history.search if history.contact_names == contact_names else None
    else:
        records, before, search = [], None, None
    seen = {r.id for r in records}
    since = ""
    added = 0
    months = store.history_months()
    for month, found in store.interactions_by_month(before=before):
        fresh = [r for r in found if r.id not in seen]  # a copy left by a crash: the first
        records.extend(fresh)
        seen.update(r.id for r in fresh)
        added += len(fresh)
        if added >= PAGE:
            since = month if months and months[0] < month else ""  # older months left?
            break
    return make_history(records, contact_names, since, search)


def reread_history(store: Any, since: str, contact_names: dict[int, str]) -> History:
    """The months from ``since`` on read again (another process wrote)."""
    records: list[Interaction] = []
    seen: set[int] = set()
    for _, found in store.interactions_by_month(since=since):
        records.extend(r for r in found if r.id not in seen)
        seen.update(r.id for r in found)
    return make_history(records, contact_names, since)


def update_history(
    history: History,
    store: Any,
    touched: Iterable[int],
    contact_names: dict[int, str],
) -> History:
    """``history`` with the ``touched`` interactions read again (and the search strings
    rebuilt if a contact's names changed); the same object when nothing changed. A record
    now dated before the months held leaves the pages (it is found there when paged to)."""
    touched = set(touched)
    names_changed = contact_names != history.contact_names
    if not history.loaded or not (touched or names_changed):
        return history
    by_id = dict(history.by_id)
    revised: dict[int, Interaction | None] = {}
    for interaction_id in touched:
        record = revised[interaction_id] = store.interaction(interaction_id)
        if record is None or month_of(record) < history.since:
            by_id.pop(interaction_id, None)
        else:
            by_id[interaction_id] = record
    if names_changed:
        return make_history(by_id.values(), contact_names, history.since)
    search = {i: s for i, s in history.search.items() if i not in touched}
    search.update((i, _interaction_text(by_id[i], contact_names)) for i in touched if i in by_id)
    interactions = sorted(by_id.values(), key=_newest_first, reverse=True)
    return History(interactions, by_id, search, contact_names, since=history.since, revised=revised)


@record_class
class LogSearch:
    """What searching the months older than the Log's pages found for one filter: the
    matching records only (newest first, with their search strings), and where to go on.

    ``key`` is (contact id, tag, project id, query); ``before``: the months before it are
    still to search ("": none are left)."""

    key: tuple[int | None, str | None, int | None, str]
    accept: LogFilter
    before: str
    found: list[Interaction] = field(default_factory=list)
    search: dict[int, str] = field(default_factory=dict)

    def covers(self, key: tuple[int | None, str | None, int | None, str]) -> bool:
        """Is ``key`` this filter or a narrower one (its matches are among ours)?"""
        contact, tag, project, query = self.key
        return (
            contact in (None, key[0])
            and tag in (None, key[1])
            and project in (None, key[2])
            and key[3].startswith(query)
        )

    def ids_with(self, contact_ids: Iterable[int]) -> set[int]:
        wanted = set(contact_ids)
        return {r.id for r in self.found if not wanted.isdisjoint(r.contact_ids)}

    def revise(self, revised: dict[int, Interaction | None]) -> None:
        """Records the app changed: replaced if they still match, else dropped."""
        kept: list[Interaction] = []
        for record in self.found:
            if record.id in revised:
                new = revised[record.id]
                if new is None:
                    continue
                text = _interaction_text(new, self.accept.contact_names)
                if not self.accept(new, text):
                    continue
                self.search[record.id] = text
                record = new
            kept.append(record)
        self.found = sorted(kept, key=_newest_first, reverse=True)


@record_class
class LogFilter:
    """The Log's filter as a test of one record and its search string, made on the UI
    thread (the people a query names come from the snapshot's index), run in a thread."""

    contact_id: int | None
    tag: str | None
    project: Project | None
    words: tuple[str, ...]
    people: frozenset[int]
    contact_names: dict[int, str]

    def __call__(self, record: Interaction, text: str) -> bool:
        if self.contact_id is not None and self.contact_id not in record.contact_ids:
            return False
        if self.tag is not None and self.tag not in record.tags:
            return False
        if self.project is not None and not plan.belongs(record.tags, self.project):
            return False
        return all(word in text for word in self.words) or not self.people.isdisjoint(
            record.contact_ids
        )


def log_filter(
    snapshot: Snapshot, contact_id: int | None, tag: str | None, query: str
) -> LogFilter:
    people = snapshot.people_matching(query, names_only=True) if query else frozenset()
    names = snapshot.history.contact_names or snapshot.contact_names
    return LogFilter(contact_id, tag, snapshot.project, query_words(query), people, names)


def search_older(
    store: Any, before: str, accept: LogFilter, limit: int | None = None
) -> tuple[list[Interaction], dict[int, str], str]:
    """Stream the months before ``before``, newest first, keeping only what ``accept``
    takes: (found, their search strings, the month to go on before; "" at the end). Stops
    after the month in which ``limit`` matches are reached. Run it off the UI thread."""
    limit = PAGE if limit is None else limit
    found: list[Interaction] = []
    search: dict[int, str] = {}
    for month, records in store.interactions_by_month(before=before):
        for record in records:
            if record.id in search:
                continue  # a copy left by a crash: the newer month's is kept
            text = _interaction_text(record, accept.contact_names)
            if accept(record, text):
                found.append(record)
                search[record.id] = text
        if len(found) >= limit:
            older = store.history_months()
            return found, search, month if older and older[0] < month else ""
    return found, search, ""


@record_class
class Snapshot:
    """What the screens show, read from the store at one moment."""

    today: date
    settings: Settings
    items: list[Item]  # active items only
    contacts: list[Contact]  # sorted by name, in pinyin order (lookup.sort_key)
    history: History
    agenda: Any
    matrix: dict[Any, list[Item]]
    escalations: list[Escalation] = field(default_factory=list)  # all of them (hot file)
    contacts_by_id: dict[int, Contact] = field(default_factory=dict)
    items_by_id: dict[int, Item] = field(default_factory=dict)
    contact_names: dict[int, str] = field(default_factory=dict)  # id -> names and aliases
    item_search: dict[int, str] = field(default_factory=dict)
    contact_search: dict[int, str] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)  # by id
    milestones: list[Milestone] = field(default_factory=list)  # every project's, by date
    milestone_agenda: plan.MilestoneAgenda = field(default_factory=plan.MilestoneAgenda)
    # The project Today, the Matrix and the Log are narrowed to (None: everything); the
    # Projects tab itself always shows every project with all its items.
    project: Project | None = None
    all_items: list[Item] = field(default_factory=list)  # active items, whatever the filter
    meetings: list[Meeting] = field(default_factory=list)  # planned, in time order
    # active item id -> the active items it waits on (blocked items only)
    blocked: dict[int, list[Item]] = field(default_factory=dict)
    # query -> ids of the contacts it finds by name, pinyin, initials (``lookup.rank``):
    # worked out once per query, so every row asks a set, not the matcher.
    _people: dict[str, tuple[frozenset[int], frozenset[int]]] = field(
        default_factory=dict, repr=False
    )
    _index: lookup.Index | None = field(default=None, repr=False)
    # The store, for the per-contact summary of the log while the log is not loaded.
    store: Any = field(default=None, repr=False)
    _logs: dict[int, ContactLog] = field(default_factory=dict, repr=False)

    @property
    def history_loaded(self) -> bool:
        """False until the log has been read (the first second after start-up)."""
        return self.history.loaded

    @property
    def interactions(self) -> list[Interaction]:  # newest first; empty until loaded
        return self.history.interactions

    @property
    def interactions_by_id(self) -> dict[int, Interaction]:
        return self.history.by_id

    @property
    def is_empty(self) -> bool:
        """Nothing stored at all (a log still loading counts as empty only if there is
        nothing else either: then the first-run screen shows at once)."""
        return not (
            self.items or self.contacts or self.interactions or self.meetings or self.projects
        )

    def contact_log(self, contact_id: int) -> ContactLog:
        """A contact's newest interactions (the brief's few), how many in all and the last
        contact: from the log when all of it is read, else from the store's summary (no
        history read)."""
        found = self._logs.get(contact_id)
        if found is None:
            if self.history.complete or self.store is None:
                brief = triage.brief(
                    contact_id, (), self.contacts_by_id.values(), self.interactions, self.today
                )
                found = ContactLog(
                    brief.last_interactions, brief.all_interactions_count, brief.last_contact
                )
            else:
                found = self.store.contact_log(contact_id, self.today, RECENT)
            self._logs[contact_id] = found
        return found

    def brief(self, contact_id: int) -> triage.Brief:
        """The pre-meeting brief of a contact (KeyError if unknown)."""
        log = self.contact_log(contact_id)
        brief = triage.brief(contact_id, self.items, self.contacts, log.recent, self.today)
        brief.all_interactions_count = log.total
        brief.last_contact = log.last_contact
        return brief

    def recent_log(self, contact_ids: Iterable[int], limit: int) -> list[Interaction]:
        """The newest interactions with any of these people, newest first. While the log
        is not loaded: the newest few of each person (the summary keeps RECENT each)."""
        wanted = set(contact_ids)
        if self.history.complete:
            records: Iterable[Interaction] = self.interactions
        else:
            by_id = {r.id: r for cid in wanted for r in self.contact_log(cid).recent}
            records = sorted(by_id.values(), key=_newest_first, reverse=True)
        found: list[Interaction] = []
        for record in records:  # newest first
            if wanted.intersection(record.contact_ids):
                found.append(record)
                if len(found) == limit:
                    break
        return found

    def names(self, contact_ids: list[int]) -> str:
        """The counterparts of a record, comma-separated, control characters removed."""
        found = (self.contacts_by_id.get(i) for i in contact_ids)
        return listing(one_line(c.name) for c in found if c is not None)

    def escalations_of(self, item_id: int) -> list[Escalation]:
        """The escalations raised from an item, or whose follow-up it is."""
        return [e for e in self.escalations if item_id in (e.item_id, e.owe_item_id)]

    def boss_of(self, contact_id: int) -> Contact | None:
        contact = self.contacts_by_id.get(contact_id)
        if contact is None or contact.boss_id is None:
            return None
        return self.contacts_by_id.get(contact.boss_id)

    def people_matching(self, query: str, names_only: bool = False) -> frozenset[int]:
        """The contacts (former ones too) that ``query`` finds (``lookup.rank``): by name,
        alias, pinyin (``xiaolan``, ``xl``), department or title; ``names_only``: by name,
        alias and their pinyin (what an item or log row is found by)."""
        found = self._people.get(query)
        if found is None:
            if len(self._people) > 64:  # one entry per keystroke: keep it small
                self._people.clear()
            if self._index is None:
                self._index = lookup.Index(self.contacts_by_id.values())
            found = self._people[query] = self._index.matching(query)
        return found[1] if names_only else found[0]

    def item_matches(self, item: Item, query: str) -> bool:
        """Its text has every word of ``query``, or it names one of its people (pinyin
        too): not their department or title, which would bring in all their items."""
        return (
            not query
            or matches(self.item_search.get(item.id, ""), query)
            or not self.people_matching(query, names_only=True).isdisjoint(item.contact_ids)
        )

    def contact_matches(self, contact: Contact, query: str) -> bool:
        return (
            not query
            or matches(self.contact_search.get(contact.id, ""), query)
            or contact.id in self.people_matching(query)
        )

    def in_project(self, tags: list[str]) -> bool:
        """Does a record with these tags pass the project filter?"""
        return self.project is None or plan.belongs(tags, self.project)

    def view_of(self, project: Project) -> plan.ProjectView:
        return plan.overview(project, self.milestones, self.all_items, self.today)

    def meeting_matches(self, meeting: Meeting, query: str) -> bool:
        return (
            not query
            or matches(fold(meeting.title + " " + " ".join(meeting.tags)), query)
            or not self.people_matching(query, names_only=True).isdisjoint(meeting.contact_ids)
        )

    def interaction_matches(self, interaction: Interaction, query: str) -> bool:
        return (
            not query
            or matches(self.history.search.get(interaction.id, ""), query)
            or not self.people_matching(query, names_only=True).isdisjoint(interaction.contact_ids)
        )


def load(
    store: Any,
    today: date,
    previous: Snapshot | None = None,
    touched_interactions: Iterable[int] | None = None,
    history: History | None = None,
    project_id: int | None = None,
    clock: time | None = None,
) -> Snapshot:
    """Read the store's hot data (items, contacts, settings) and compute what the screens
    need (``clock``: the time of day, for which meetings have passed). The log comes
    from ``history`` if given, else from the previous snapshot with
    ``touched_interactions`` read again (the app's own change), else the months it held
    are read again (``touched_interactions`` None: another process wrote); without a
    previous snapshot it is ``NOT_LOADED`` (start-up: it is read when the Log tab is first
    shown).
    ``project_id`` narrows the items (Today, Matrix), the planned meetings and the Log to
    one project's.
    """
    settings = store.settings
    all_items = store.items(active_only=True)
    projects = store.projects()
    project = next((p for p in projects if p.id == project_id), None)
    items = all_items
    if project is not None:
        items = [i for i in all_items if plan.belongs(i.tags, project)]
    milestones = plan.sort_milestones(store.milestones())
    everyone = lookup.sort_contacts(store.contacts())  # by pinyin: 刘经理, 小蓝, 小明
    contacts = current_contacts(everyone)  # former contacts only lend their names
    contact_names = {c.id: " ".join(c.names) for c in everyone}
    if history is None:
        if previous is None or not previous.history.loaded:
            history = NOT_LOADED
        elif touched_interactions is None:
            history = reread_history(store, previous.history.since, contact_names)
        else:
            history = update_history(previous.history, store, touched_interactions, contact_names)
    elif history.contact_names != contact_names:
        history = update_history(history, store, (), contact_names)
    meetings = triage.sort_meetings(store.meetings())
    escalations = store.escalations()
    if project is not None:
        meetings = [m for m in meetings if plan.belongs(m.tags, project)]
        escalations = [e for e in escalations if plan.belongs(e.tags, project)]
    if history.complete:
        latest = history.latest(today)
        agenda = triage.agenda(
            items,
            contacts,
            latest,
            today,
            settings,
            meetings=meetings,
            clock=clock,
            escalations=escalations,
        )
        for cold in agenda.going_cold:
            last = next((r for r in latest if cold.contact.id in r.contact_ids), None)
            if last is not None:
                cold.last_topic = last.summary or "; ".join(last.decisions)
    else:  # who is going cold and their last topic, from the store's summary: no history read
        agenda = triage.agenda(
            items,
            contacts,
            (),
            today,
            settings,
            last_contact=store.last_contact_dates(today),
            meetings=meetings,
            clock=clock,
            escalations=escalations,
        )
        topics = store.last_topics([c.contact.id for c in agenda.going_cold], today)
        for cold in agenda.going_cold:
            cold.last_topic = topics.get(cold.contact.id, "")
    snapshot = Snapshot(
        today=today,
        settings=settings,
        items=items,
        contacts=contacts,
        history=history,
        agenda=agenda,
        matrix=triage.matrix(items, today, settings),
        escalations=escalations,
        contacts_by_id={c.id: c for c in everyone},
        items_by_id={i.id: i for i in items},
        contact_names=contact_names,
        projects=projects,
        milestones=milestones,
        milestone_agenda=plan.milestone_agenda(
            [project] if project is not None else projects, milestones, today
        ),
        project=project,
        all_items=all_items,
        meetings=meetings,
        blocked={b.item.id: b.blocked_by for b in agenda.blocked},
        store=store,
    )
    snapshot.contact_search = {
        c.id: fold(
            " ".join(
                [*c.names, c.department, c.organisation, c.title, *c.kpis, *c.concerns, *c.tags]
            )
        )
        for c in contacts
    }
    snapshot.item_search = {
        i.id: fold(
            " ".join(
                [
                    i.title,
                    i.kind.value,
                    *("#" + t for t in i.tags),
                    *(contact_names.get(c, "") for c in i.contact_ids),
                ]
            )
        )
        for i in items
    }
    return snapshot


def _newest_first(record: Interaction) -> tuple[date, int]:
    return (record.date, record.id)  # sorted with reverse=True


def _interaction_text(record: Interaction, contact_names: dict[int, str]) -> str:
    return fold(
        " ".join(
            [
                record.summary,
                record.kind.value,
                *record.decisions,
                *("#" + t for t in record.tags),
                *(contact_names.get(c, "") for c in record.contact_ids),
            ]
        )
    )


# --- undo ------------------------------------------------------------------------------


@record_class
class UndoEntry:
    """One user action: records to write back as they were, and records it created."""

    label: str
    before: list[Record] = field(default_factory=list)
    created: list[Record] = field(default_factory=list)
    # (record type name, id) -> its ``updated`` right after the action: undo refuses to
    # overwrite a record changed since (actions.undo).
    after: dict[tuple[str, int], datetime | None] = field(default_factory=dict)


class UndoStack:
    """The last actions, newest last; bounded so a long session does not grow forever."""

    def __init__(self, limit: int = 50) -> None:
        self.limit = limit
        self._entries: list[UndoEntry] = []

    def __len__(self) -> int:
        return len(self._entries)

    def push(
        self,
        label: str,
        before: Sequence[Record] = (),
        created: Sequence[Record] = (),
        after: dict[tuple[str, int], datetime | None] | None = None,
    ) -> None:
        self._entries.append(UndoEntry(label, list(before), list(created), dict(after or {})))
        del self._entries[: -self.limit]

    def pop(self) -> UndoEntry | None:
        return self._entries.pop() if self._entries else None
