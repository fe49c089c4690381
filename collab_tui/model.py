"""Plain records: items, contacts and interactions, and their dict form.

Nothing here does I/O or imports a UI library. Every record round-trips exactly
through ``to_dict`` / ``from_dict``; the dict form is what the store writes and
what the JSON export holds (see docs/FORMAT.md). Keys a record does not know are
kept in ``extra`` so that a file written by a newer version loses nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import field, fields
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Self, TypeVar

from .records import build, record_class


class Kind(StrEnum):
    TASK = "task"
    OWE = "owe"  # a follow-up I owe someone
    WAIT = "wait"  # a follow-up I am waiting on from someone
    RISK = "risk"


class Status(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    OCCURRED = "occurred"  # risks only: it happened


class Rating(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Stance(StrEnum):
    UNKNOWN = "unknown"
    REFUSES = "refuses"
    NO_CAPACITY = "no-capacity"  # interested, but has no people to spare
    EAGER = "eager"


class Side(StrEnum):
    LEADING = "leading"
    SUPPORTING = "supporting"


class Level(StrEnum):
    WORKING = "working"
    LEADER = "leader"


class Flow(StrEnum):
    UPSTREAM = "upstream"
    DOWNSTREAM = "downstream"


class ProjectStatus(StrEnum):
    ACTIVE = "active"
    DONE = "done"
    DROPPED = "dropped"


class InteractionKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    CHAT = "chat"
    EMAIL = "email"


def now() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def new_uid() -> str:
    # 128 random bits, like uuid4; the uuid module costs `collab add` a platform import.
    return os.urandom(16).hex()


@record_class
class Settings:
    """The user's preferences kept in the data file (horizons, cadences, their boss)."""

    urgency_horizon_days: int = 2  # due within this many days => urgent
    # The keep-in-touch cadence (days) of a contact with none of its own (triage.cadence):
    # a tag's in ``cadence_tags`` first, then its level's; without either, the contact is
    # followed only while it has open items, after ``cold_after_days`` (the old rule).
    cold_after_days: int = 14
    cadence_leader_days: int = 30
    cadence_working_days: int = 14
    cadence_tags: dict[str, int] = field(default_factory=dict)
    my_boss_id: int | None = None  # the contact I escalate to myself (escalations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "urgency_horizon_days": self.urgency_horizon_days,
            "cold_after_days": self.cold_after_days,
            "cadence_leader_days": self.cadence_leader_days,
            "cadence_working_days": self.cadence_working_days,
            "cadence_tags": dict(self.cadence_tags),
            "my_boss_id": self.my_boss_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        boss = data.get("my_boss_id")
        return cls(
            urgency_horizon_days=int(data.get("urgency_horizon_days", 2)),
            cold_after_days=int(data.get("cold_after_days", 14)),
            cadence_leader_days=int(data.get("cadence_leader_days", 30)),
            cadence_working_days=int(data.get("cadence_working_days", 14)),
            cadence_tags={str(k): int(v) for k, v in (data.get("cadence_tags") or {}).items()},
            my_boss_id=int(boss) if boss is not None else None,
        )


class DictForm:
    """``to_dict`` / ``from_dict`` for the records (the form the store and exports use)."""

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return _from_dict(cls, data)


@record_class
class Item(DictForm):
    """A task, a follow-up in either direction, or a risk."""

    title: str
    kind: Kind = Kind.TASK
    id: int = 0  # 0 until the store assigns one
    important: bool = False
    urgent: bool | None = None  # None: urgency comes from the due date
    due: date | None = None
    contact_ids: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    status: Status = Status.OPEN
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    closed: datetime | None = None  # when it became done / dropped / occurred
    due_history: list[date] = field(default_factory=list)  # earlier due dates, oldest first
    # Out of Today, the matrix and the review before this day (taskwarrior's ``wait``).
    hidden_until: date | None = None
    interaction_id: int | None = None  # the meeting that produced it
    # risks only
    likelihood: Rating | None = None
    impact: Rating | None = None
    mitigation: str = ""
    review: date | None = None
    # A recurring item's rule ("week", "2w", "month", "mon": dates.parse_every); done or
    # dropped, the next one is created from the due date (triage.next_in_series).
    every: str | None = None
    # The ids of the items it waits on: blocked while any of them is active.
    after: list[int] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.status is Status.OPEN

    @property
    def is_active(self) -> bool:
        """Still needs attention: open, or a risk that has occurred and is being handled."""
        return self.status is Status.OPEN or self.status is Status.OCCURRED

    @property
    def is_risk(self) -> bool:
        return self.kind is Kind.RISK


@record_class
class Contact(DictForm):
    """A counterpart: who they are, what they are measured on, where they stand."""

    name: str
    id: int = 0
    aliases: list[str] = field(default_factory=list)
    department: str = ""
    organisation: str = ""
    title: str = ""
    boss_id: int | None = None
    stance: Stance = Stance.UNKNOWN
    # Every stance set, oldest first: {"date": "YYYY-MM-DD", "stance": ..., "interaction_id":
    # the meeting it came from or None} (actions.record_stance).
    stance_history: list[dict[str, Any]] = field(default_factory=list)
    # Days between touches (triage.cadence); None: the default by tag or level; 0: not followed.
    cadence_days: int | None = None
    side: Side | None = None
    level: Level | None = None
    flow: Flow | None = None
    kpis: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    gains: str = ""  # what they gain from working with me
    email: str = ""
    phone: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    # Deleted, but kept so that the items and log entries linked to them still show a
    # name: a former contact is left out of the contact list, name look-ups and exports.
    former: bool = False
    # Search keys: each of name, aliases and department -> its syllables (pinyin), as
    # ``collab_tui.spelling`` writes them. Derived: the store fills it in on every save.
    spelling: dict[str, str] = field(default_factory=dict)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def current_contacts(contacts: Iterable[Contact]) -> list[Contact]:
    """The contacts still worked with: former ones left out (names resolve to these)."""
    return [c for c in contacts if not c.former]


@record_class
class Interaction(DictForm):
    """One entry of the log: a meeting, call, chat or email, and what it decided."""

    date: date
    summary: str = ""
    id: int = 0
    kind: InteractionKind = InteractionKind.MEETING
    contact_ids: list[int] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)  # items it produced
    tags: list[str] = field(default_factory=list)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)


@record_class
class Meeting(DictForm):
    """A planned meeting: when, with whom, about what. It stays in the hot file until its
    outcome is logged, which turns it into an Interaction (actions.log_meeting_outcome)."""

    title: str
    date: date
    time: str | None = None  # "HH:MM" (24-hour), or None: no set time
    id: int = 0
    contact_ids: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)


@record_class
class Escalation(DictForm):
    """An item taken to a leader, with a solution in hand: options and a recommendation.

    Lives in the hot file (escalations are few). ``options`` are {"name", "pros", "cons",
    "cost"}; ``recommended`` is the index of the recommended one. The owe item
    ``owe_item_id`` is the follow-up (bring it to ``to_id`` by ``due``).
    """

    item_id: int
    problem: str = ""
    id: int = 0
    tried: str = ""
    options: list[dict[str, str]] = field(default_factory=list)
    recommended: int = 0
    ask: str = ""
    to_id: int | None = None  # whom it goes to: the counterpart's boss or mine
    contact_ids: list[int] = field(default_factory=list)  # the item's people
    owe_item_id: int | None = None
    due: date | None = None
    raised: date | None = None  # the day it was raised
    tags: list[str] = field(default_factory=list)  # the item's: projects are tied by tag
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)


@record_class
class Role:
    """One counterpart's part in one project; an unset field falls back to the contact's
    own side / level / flow (see ``Project.role_of``)."""

    contact_id: int
    side: Side | None = None
    level: Level | None = None
    flow: Flow | None = None
    step: int = 0  # where along the business flow they sit (1 = first); 0: not placed
    ask: str = ""  # what we need from them in this project
    gain: str = ""  # what they gain from it

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "side": _enum_value(self.side) if self.side is not None else None,
            "level": _enum_value(self.level) if self.level is not None else None,
            "flow": _enum_value(self.flow) if self.flow is not None else None,
            "step": self.step,
            "ask": self.ask,
            "gain": self.gain,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Role:
        def enum(kind: type[StrEnum], key: str) -> Any:
            value = data.get(key)
            return kind(value) if value is not None else None

        return cls(
            contact_id=int(data["contact_id"]),
            side=enum(Side, "side"),
            level=enum(Level, "level"),
            flow=enum(Flow, "flow"),
            step=int(data.get("step", 0)),
            ask=str(data.get("ask", "")),
            gain=str(data.get("gain", "")),
        )


@record_class
class Project(DictForm):
    """A piece of work with a launch date, the people in it and their roles.

    Items, risks and log entries belong to it through its ``tag`` (their own ``tags``).
    """

    name: str
    id: int = 0
    goal: str = ""  # the one-line pitch
    launch: date | None = None
    our_role: Side | None = None  # do we lead it or support it
    tag: str = ""
    status: ProjectStatus = ProjectStatus.ACTIVE
    roles: list[Role] = field(default_factory=list)
    reported: date | None = None  # the last report against plan
    notes: str = ""
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_active(self) -> bool:
        return self.status is ProjectStatus.ACTIVE

    def role_of(self, contact: Contact) -> Role:
        """The contact's role here: the project's entry, its gaps filled from the contact."""
        for role in self.roles:
            if role.contact_id == contact.id:
                return Role(
                    contact.id,
                    role.side or contact.side,
                    role.level or contact.level,
                    role.flow or contact.flow,
                    role.step,
                    role.ask,
                    role.gain or contact.gains,
                )
        return Role(contact.id, contact.side, contact.level, contact.flow, 0, "", contact.gains)


@record_class
class Milestone(DictForm):
    """A key date of a project, agreed (or not yet) with the teams it depends on."""

    name: str
    baseline: date  # the date first planned
    project_id: int = 0
    id: int = 0
    owner_id: int | None = None  # None: me
    forecast: date | None = None  # the date now expected; None: the baseline
    forecast_history: list[date] = field(default_factory=list)  # earlier forecasts
    cause: str = ""  # why the forecast last moved
    agreed: date | None = None  # when it was agreed; None: not agreed yet
    agreed_with: list[int] = field(default_factory=list)  # contact ids
    done: date | None = None
    notes: str = ""
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def expected(self) -> date:
        """The date it is now planned for: the forecast, else the baseline."""
        return self.forecast or self.baseline

    @property
    def is_done(self) -> bool:
        return self.done is not None


Record = Item | Contact | Interaction | Meeting | Escalation | Project | Milestone
OPTION_FIELDS = ("name", "pros", "cons", "cost")
# One of the record types, kept through a call: ``clean(item)`` is an Item, not a Record.
RecordT = TypeVar("RecordT", bound=Record)

# --- dict form -------------------------------------------------------------------
# Field types are read once per class so that (de)serialising 30,000 records stays
# cheap: the store converts every record it loads.

# A contact's fields with a fixed set of values (the shell's and the forms' choices).
CONTACT_ENUMS: dict[str, type[StrEnum]] = {
    "stance": Stance,
    "side": Side,
    "level": Level,
    "flow": Flow,
}
_ENUMS: dict[str, dict[str, type[StrEnum]]] = {
    "Item": {"kind": Kind, "status": Status, "likelihood": Rating, "impact": Rating},
    "Contact": CONTACT_ENUMS,
    "Interaction": {"kind": InteractionKind},
    "Project": {"our_role": Side, "status": ProjectStatus},
    "Milestone": {},
    "Meeting": {},
    "Escalation": {},
}
_DATES = {
    "due",
    "review",
    "date",
    "hidden_until",
    "raised",
    "launch",
    "reported",
    "baseline",
    "forecast",
    "agreed",
    "done",
}
_DATETIMES = {"created", "updated", "closed"}
_DATE_LISTS = {"due_history", "forecast_history"}
_DICT_LISTS = {"stance_history", "options"}  # lists of small objects, copied one by one
_ROLE_LISTS = {"roles"}


def _dict_list(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(v) if isinstance(v, dict) else v for v in values]


def _roles_to_dicts(roles: list[Role]) -> list[dict[str, Any]]:
    return [role.to_dict() for role in roles]


def _roles_from_dicts(values: list[dict[str, Any]]) -> list[Role]:
    return [Role.from_dict(value) for value in values]


# Tolerant of a plain string where a date or enum belongs (a record built by hand).
def _isoformat(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else value


def _date_strings(values: list[date | str]) -> list[str]:
    return [_isoformat(v) for v in values]


def _enum_value(value: StrEnum | str) -> str:
    return value.value if isinstance(value, StrEnum) else value


def _serializers(cls: Any) -> tuple[tuple[str, Any], ...]:
    """(field name, how its attribute becomes the dict value; None: as it is)."""
    cached = _SERIALIZERS.get(cls)
    if cached is not None:
        return cached
    enums = _ENUMS[cls.__name__]
    table: list[tuple[str, Any]] = []
    for f in fields(cls):
        if f.name == "extra":
            continue
        if f.name in _DATETIMES or f.name in _DATES:
            table.append((f.name, _isoformat))
        elif f.name in _DATE_LISTS:
            table.append((f.name, _date_strings))
        elif f.name in _DICT_LISTS:
            table.append((f.name, _dict_list))
        elif f.name in _ROLE_LISTS:
            table.append((f.name, _roles_to_dicts))
        elif f.name in enums:
            table.append((f.name, _enum_value))
        elif f.default_factory is list or f.default_factory is dict:
            # a copy: the dict must not share the record's list or dict
            table.append((f.name, f.default_factory))
        else:
            table.append((f.name, None))
    _SERIALIZERS[cls] = cached = tuple(table)
    return cached


_SERIALIZERS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _to_dict(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, convert in _serializers(type(record)):
        value = getattr(record, name)
        out[name] = value if convert is None or value is None else convert(value)
    # Unknown keys go back where they came from, without shadowing known ones.
    for key, value in record.extra.items():
        out.setdefault(key, value)
    return out


def _enum_converter(enum: type[StrEnum]) -> Any:
    members = enum._value2member_map_

    def convert(value: Any) -> Any:
        # A dict lookup: calling the enum costs a microsecond, times 30,000 records.
        return members.get(value) or enum(value)

    return convert


def _date_list(values: list[str]) -> list[date]:
    return [date.fromisoformat(v) for v in values]


def _converters(cls: Any) -> dict[str, Any]:
    """Field name -> how its dict value becomes the attribute (None: as it is)."""
    cached = _CONVERTERS.get(cls)
    if cached is not None:
        return cached
    enums = _ENUMS[cls.__name__]
    table: dict[str, Any] = {}
    for f in fields(cls):
        if f.name == "extra":
            continue
        if f.name in _DATETIMES:
            table[f.name] = datetime.fromisoformat
        elif f.name in _DATES:
            table[f.name] = date.fromisoformat
        elif f.name in _DATE_LISTS:
            table[f.name] = _date_list
        elif f.name in _DICT_LISTS:
            table[f.name] = _dict_list
        elif f.name in _ROLE_LISTS:
            table[f.name] = _roles_from_dicts
        elif f.name in enums:
            table[f.name] = _enum_converter(enums[f.name])
        elif f.default_factory is list or f.default_factory is dict:
            table[f.name] = f.default_factory  # a copy: the record must not share it
        else:
            table[f.name] = None
    _CONVERTERS[cls] = table
    return table


_CONVERTERS: dict[type, dict[str, Any]] = {}


_D = TypeVar("_D", bound=DictForm)


def _from_dict(cls: type[_D], data: dict[str, Any]) -> _D:
    converters = _converters(cls)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in converters:
            convert = converters[key]
            values[key] = value if convert is None or value is None else convert(value)
        elif key == "extra" and isinstance(value, dict):
            extra.update(value)
        else:
            extra[key] = value
    values["extra"] = extra
    return build(cls, values)  # not through __init__: 30,000 records at a load


# --- text shown to people -----------------------------------------------------------

# C0 and C1 controls (ESC among them) and DEL; tab and newline are handled by callers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """User text made safe to print on a terminal: control characters removed.

    Markup is a display concern: Textual and Rich callers must still wrap the result
    in ``Text``/``Content`` so that ``[bold]`` stays literal.
    """
    return _CONTROL.sub("", text)


# Fields that may hold several lines: they keep tab and newline; every other text field
# gets a space for them.
MULTI_LINE = frozenset({"notes", "mitigation", "summary", "gains", "kpis", "problem", "tried"})
_LINE_BREAKS = re.compile(r"\r\n?|[\t\n]")


def clean_text(text: str, multi_line: bool = False) -> str:
    """Control characters removed; tab and newline kept only in a multi-line field."""
    if multi_line:
        return plain(text.replace("\r\n", "\n"))
    return plain(_LINE_BREAKS.sub(" ", text))


def clean(record: RecordT) -> RecordT:
    """Strip control characters from every text field of ``record``, in place.

    The store calls it on every write and the exports on every record they write, so
    an ESC or BEL pasted into a title never reaches a terminal, a spreadsheet or a card.
    """
    for name, value in vars(record).items():
        if isinstance(value, str):
            if _DIRTY.search(value):
                setattr(record, name, clean_text(value, name in MULTI_LINE))
        elif isinstance(value, list) and any(
            isinstance(v, str) and _DIRTY.search(v) for v in value
        ):
            multi_line = name in MULTI_LINE
            setattr(
                record,
                name,
                [clean_text(v, multi_line) if isinstance(v, str) else v for v in value],
            )
    return record


# Anything clean_text would change, in any field: the common clean text costs one search.
_DIRTY = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``plain`` text folded onto a single line (for tables and lists)."""
    return " ".join(plain(text).split())
