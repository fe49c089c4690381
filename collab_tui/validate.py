"""Limits and checks for records in their dict form (the form the files and backups hold).

Every record read from a file, and every record about to be written (whatever format it
was imported from), goes through ``check_record``. A record with problems is not handed
to the rest of the app: a value of the wrong type there would end in a traceback far
from its cause (``"tags": null`` in the matrix, a date that does not parse in the daily
view). Problems name the field and what is wrong with it, so a message can say exactly
which record of which file to fix.

Pure and cheap: the standard library only (this is on the ``collab add`` path), and a
few microseconds per record (the store checks every record of a file when it loads it).
Keys a record does not know are allowed (they are kept in ``extra``), but they too must
be values the files can hold: not nested too deep, no integer beyond 64 bits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple

from collab_tui.dates import is_every_rule
from collab_tui.words import t

# --- limits (documented in docs/FORMAT.md, "Limits and damaged records") ---------------

MAX_ID = 2**31 - 1  # ids and links to ids: 1..MAX_ID
SHORT_TEXT = 1_000  # characters: names, titles, each tag / alias / KPI / decision...
LONG_TEXT = 100_000  # characters: notes, summary, mitigation, gains
MAX_LIST = 1_000  # entries in any list field
MIN_YEAR, MAX_YEAR = 1900, 9999  # dates
HORIZON_DAYS = (0, 365)  # settings.urgency_horizon_days
COLD_DAYS = (1, 3650)  # settings.cold_after_days and the cadence settings
CADENCE_DAYS = (0, 3650)  # a contact's cadence_days (0: not followed)
# Keys collab-tui does not know (kept as they are): generous bounds that only stop what
# the files cannot hold or what would make every later save crawl.
MAX_DEPTH = 64  # nesting levels in one value
EXTRA_TEXT = 1_000_000  # characters in one string
EXTRA_ENTRIES = 100_000  # entries in one list or object
MIN_INT, MAX_INT = -(2**63), 2**64 - 1  # what the JSON writer (orjson) can write


class Problem(NamedTuple):
    """One thing wrong with a record: which field, and what (fit to show a user)."""

    field: str
    message: str

    def __str__(self) -> str:
        return field_problem(self.field, self.message)


def field_problem(field: str, message: str) -> str:
    """``title: is missing`` in the interface language (the field's name stays as stored)."""
    if field == WHOLE_RECORD:
        return t("problem.record", problem=message)
    return t("problem.field", field=field, problem=message)


def describe(problems: list[Problem]) -> str:
    """Problems as one line: ``tags: must be a list, not null; due: ...``."""
    return t("problem.sep").join(str(p) for p in problems)


WHOLE_RECORD = "(record)"  # the field of a problem with the record itself (not an object)


def _count(n: int) -> str:
    return f"{n:,}"


# --- the value checks: each returns None when fine, else what is wrong ------------------

Check = Callable[[Any], str | None]


def show(value: Any, width: int = 40) -> str:
    """A short, printable picture of a bad value for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return t("problem.value.list", n=_count(len(value)))
    if isinstance(value, dict):
        return t("problem.value.object", n=_count(len(value)))
    if isinstance(value, int) and abs(value) > 10**15:
        return t("problem.value.digits", n=len(str(abs(value))))
    if isinstance(value, str) and len(value) > width:
        value = value[:width] + "..."
    text = repr(value)
    return text if len(text) <= width + 10 else text[: width + 7] + "..."


def _text(limit: int) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not str:
            return t("problem.not_text", value=show(value))
        if len(value) > limit:
            return t("problem.too_long", n=_count(len(value)), limit=_count(limit))
        return None

    return check


short_text, long_text = _text(SHORT_TEXT), _text(LONG_TEXT)


def record_id(value: Any) -> str | None:
    if type(value) is not int:
        return t("problem.not_whole_number", value=show(value))
    if not 1 <= value <= MAX_ID:
        return t("problem.out_of_range", value=show(value), low=1, high=_count(MAX_ID))
    return None


def iso_date(value: Any) -> str | None:
    if type(value) is not str:
        return t("problem.not_a_date", value=show(value))
    # fromisoformat also takes "20261124" and week dates: the files hold only YYYY-MM-DD.
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if MIN_YEAR <= day.year <= MAX_YEAR:
                return None
            return t("problem.year_range", value=value, low=MIN_YEAR, high=MAX_YEAR)
    return t("problem.bad_date", value=show(value))


def timestamp(value: Any) -> str | None:
    if type(value) is not str:
        return t("problem.not_a_timestamp", value=show(value))
    if len(value) <= 40:  # a real timestamp is short; do not parse a novel
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            # Naive and aware times cannot be compared: every stored time has an offset.
            if stamp.tzinfo is None:
                return t("problem.no_offset", value=value)
            if MIN_YEAR <= stamp.year:
                return None
    return t("problem.bad_timestamp", value=show(value))


def boolean(value: Any) -> str | None:
    return None if type(value) is bool else t("problem.not_boolean", value=show(value))


_ENUM_VALUES: dict[Check, frozenset[str]] = {}  # an enum check -> its values


def one_of(*allowed: str) -> Check:
    values = frozenset(allowed)
    listed = " / ".join(allowed)

    def check(value: Any) -> str | None:
        if type(value) is str and value in values:
            return None
        return t("problem.not_one_of", value=show(value), allowed=listed)

    _ENUM_VALUES[check] = values
    return check


def nullable(check: Check) -> Check:
    def check_or_null(value: Any) -> str | None:
        return None if value is None else check(value)

    check_or_null.inner = check  # type: ignore[attr-defined]
    return check_or_null


def list_of(check: Check, fits: Callable[[Any], bool] | None = None) -> Check:
    """A list of at most MAX_LIST values that pass ``check``.

    ``fits(entry)`` is an optional quick test that passes exactly the good entries;
    ``check`` then runs only to explain the first bad one (lists are checked often).
    """

    def check_list(value: Any) -> str | None:
        if type(value) is not list:
            return t("problem.not_a_list", value=show(value))
        if not value:
            return None
        if len(value) > MAX_LIST:
            return t("problem.too_many", n=_count(len(value)), limit=_count(MAX_LIST))
        if fits is not None:
            for entry in value:
                if not fits(entry):
                    break
            else:
                return None
        for position, entry in enumerate(value, start=1):
            wrong = check(entry)
            if wrong is not None:
                return t("problem.entry", n=position, problem=wrong)
        return None

    return check_list


def unknown_value(value: Any) -> str | None:
    """A value under a key collab-tui does not know: anything the files can hold."""
    kind = type(value)
    if kind is str:  # the common cases first, without the walk
        return None if len(value) <= EXTRA_TEXT else _json_value(value, 0)
    if value is None or kind is bool:
        return None
    return _json_value(value, 0)


def _json_value(value: Any, depth: int) -> str | None:
    kind = type(value)
    if kind is str:
        if len(value) > EXTRA_TEXT:
            return t("problem.text_too_long", n=_count(len(value)), limit=_count(EXTRA_TEXT))
        return None
    if kind is int:
        if not MIN_INT <= value <= MAX_INT:
            return t("problem.too_large", value=show(value))
        return None
    if value is None or kind is bool or kind is float:
        return None
    if kind is list or kind is dict:
        if depth >= MAX_DEPTH:
            return t("problem.too_deep", depth=MAX_DEPTH)
        if len(value) > EXTRA_ENTRIES:
            return t("problem.too_many", n=_count(len(value)), limit=_count(EXTRA_ENTRIES))
        if kind is dict:
            for key, entry in value.items():
                if type(key) is not str:
                    return t("problem.key_not_text", value=show(key))
                wrong = _json_value(entry, depth + 1)
                if wrong is not None:
                    return wrong
        else:
            for entry in value:
                wrong = _json_value(entry, depth + 1)
                if wrong is not None:
                    return wrong
        return None
    return t("problem.not_json", kind=kind.__name__)


def spelling_map(value: Any) -> str | None:
    """Contact.spelling: text -> its syllables (see collab_tui/spelling.py)."""
    if type(value) is not dict:
        return t("problem.not_an_object", value=show(value))
    if len(value) > MAX_LIST:
        return t("problem.too_many", n=_count(len(value)), limit=_count(MAX_LIST))
    for key, entry in value.items():
        wrong = short_text(key) or long_text(entry)
        if wrong is not None:
            return t("problem.key", key=show(key), problem=wrong)
    return None


def stance_entries(value: Any) -> str | None:
    """Contact.stance_history: [{"date", "stance", "interaction_id"}], oldest first."""
    return _entries(value, {"date": iso_date, "stance": _stance, "interaction_id": optional_id})


def options(value: Any) -> str | None:
    """Escalation.options: [{"name", "pros", "cons", "cost"}]; a name is required."""
    wrong = _entries(
        value, {"name": short_text, "pros": long_text, "cons": long_text, "cost": short_text}
    )
    if wrong is None and any(not entry.get("name") for entry in value):
        return t("problem.option_name")
    return wrong


def _entries(value: Any, checks: dict[str, Check]) -> str | None:
    if type(value) is not list:
        return t("problem.not_a_list", value=show(value))
    if len(value) > MAX_LIST:
        return t("problem.too_many", n=_count(len(value)), limit=_count(MAX_LIST))
    for position, entry in enumerate(value, start=1):
        if type(entry) is not dict:
            wrong: str | None = t("problem.not_an_object", value=show(entry))
        else:
            wrong = next(
                (
                    t("problem.key", key=key, problem=problem)
                    for key, check in checks.items()
                    if key in entry and (problem := check(entry[key])) is not None
                ),
                None,
            ) or next(
                (
                    t("problem.key", key=key, problem=t("problem.missing"))
                    for key in checks
                    if key not in entry and key != "interaction_id"
                ),
                None,
            )
        if wrong is not None:
            return t("problem.entry", n=position, problem=wrong)
    return None


def _index(value: Any) -> str | None:
    if type(value) is not int:
        return t("problem.not_whole_number", value=show(value))
    if not 0 <= value < MAX_LIST:
        return t("problem.out_of_range", value=show(value), low=0, high=MAX_LIST - 1)
    return None


def cadence(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not int:
        return t("problem.not_days", value=show(value))
    low, high = CADENCE_DAYS
    if not low <= value <= high:
        return t("problem.out_of_range", value=show(value), low=low, high=high)
    return None


# --- the records ---------------------------------------------------------------------------

_SIDE = nullable(one_of("leading", "supporting"))
_LEVEL = nullable(one_of("working", "leader"))
_FLOW = nullable(one_of("upstream", "downstream"))
_ROLE_FIELDS: dict[str, Check] = {
    "contact_id": record_id,
    "side": _SIDE,
    "level": _LEVEL,
    "flow": _FLOW,
    "step": lambda v: (
        None
        if type(v) is int and 0 <= v <= MAX_LIST
        else t("problem.out_of_range", value=show(v), low=0, high=MAX_LIST)
    ),
    "ask": long_text,
    "gain": long_text,
}


def role_entry(value: Any) -> str | None:
    """One entry of Project.roles: a contact's side, level, flow, our ask and their gain."""
    if type(value) is not dict:
        return t("problem.not_an_object", value=show(value))
    if "contact_id" not in value:
        return t("problem.key", key="contact_id", problem=t("problem.missing"))
    for key, entry in value.items():
        check = _ROLE_FIELDS.get(key, unknown_value)
        wrong = check(entry)
        if wrong is not None:
            return t("problem.key", key=show(key), problem=wrong)
    return None


ids = list_of(record_id, lambda v: type(v) is int and 0 < v <= MAX_ID)
texts = list_of(short_text, lambda v: type(v) is str and len(v) <= SHORT_TEXT)
optional_id = nullable(record_id)
optional_date = nullable(iso_date)
rating = nullable(one_of("low", "medium", "high"))
_stance = one_of("unknown", "refuses", "no-capacity", "eager")


def every_rule(value: Any) -> str | None:
    """Item.every: a canonical repeat rule (dates.parse_every)."""
    if type(value) is str and is_every_rule(value):
        return None
    return t("problem.not_every", value=show(value))


def clock_time(value: Any) -> str | None:
    """Meeting.time: "HH:MM", 24-hour."""
    if (
        type(value) is str
        and len(value) == 5
        and value[2] == ":"
        and value[:2].isdigit()
        and value[3:].isdigit()
        and int(value[:2]) < 24
        and int(value[3:]) < 60
    ):
        return None
    return t("problem.not_time", value=show(value))


_COMMON: dict[str, Check] = {
    "id": record_id,
    "tags": texts,
    "created": timestamp,
    "updated": timestamp,
    "uid": short_text,
    "extra": unknown_value,  # folded into the record's extra by from_dict
}

FIELDS: dict[str, dict[str, Check]] = {
    "items": {
        **_COMMON,
        "title": short_text,
        "kind": one_of("task", "owe", "wait", "risk"),
        "important": boolean,
        "urgent": nullable(boolean),
        "due": optional_date,
        "due_history": list_of(iso_date),
        "hidden_until": optional_date,
        "contact_ids": ids,
        "notes": long_text,
        "status": one_of("open", "done", "dropped", "occurred"),
        "closed": nullable(timestamp),
        "interaction_id": optional_id,
        "likelihood": rating,
        "impact": rating,
        "mitigation": long_text,
        "review": optional_date,
        "every": nullable(every_rule),
        "after": ids,
    },
    "contacts": {
        **_COMMON,
        "name": short_text,
        "aliases": texts,
        "department": short_text,
        "organisation": short_text,
        "title": short_text,
        "boss_id": optional_id,
        "stance": _stance,
        "stance_history": stance_entries,
        "cadence_days": cadence,
        "side": _SIDE,
        "level": _LEVEL,
        "flow": _FLOW,
        "kpis": texts,
        "concerns": texts,
        "gains": long_text,
        "email": short_text,
        "phone": short_text,
        "notes": long_text,
        "former": boolean,
        "spelling": spelling_map,
    },
    "interactions": {
        **_COMMON,
        "date": iso_date,
        "summary": long_text,
        "kind": one_of("meeting", "call", "chat", "email"),
        "contact_ids": ids,
        "decisions": texts,
        "item_ids": ids,
    },
    "meetings": {
        **_COMMON,
        "title": short_text,
        "date": iso_date,
        "time": nullable(clock_time),
        "contact_ids": ids,
        "notes": long_text,
    },
    "escalations": {
        **_COMMON,
        "item_id": record_id,
        "problem": long_text,
        "tried": long_text,
        "options": options,
        "recommended": _index,
        "ask": long_text,
        "to_id": optional_id,
        "contact_ids": ids,
        "owe_item_id": optional_id,
        "due": optional_date,
        "raised": optional_date,
    },
    "projects": {
        **_COMMON,
        "name": short_text,
        "goal": short_text,
        "launch": optional_date,
        "our_role": _SIDE,
        "tag": short_text,
        "status": one_of("active", "done", "dropped"),
        "roles": list_of(role_entry),
        "reported": optional_date,
        "notes": long_text,
    },
    "milestones": {
        **_COMMON,
        "name": short_text,
        "project_id": record_id,
        "owner_id": optional_id,
        "baseline": iso_date,
        "forecast": optional_date,
        "forecast_history": list_of(iso_date),
        "cause": long_text,
        "agreed": optional_date,
        "agreed_with": ids,
        "done": optional_date,
        "notes": long_text,
    },
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "items": ("id", "title"),
    "contacts": ("id", "name"),
    "interactions": ("id", "date"),
    "meetings": ("id", "title", "date"),
    "escalations": ("id", "item_id", "options"),
    "projects": ("id", "name"),
    "milestones": ("id", "name", "project_id", "baseline"),
}


# The common good values pass without calling the field's check: loading a file checks
# every record, so they must cost next to nothing. Per field: (the type that passes
# outright: bool, or None where null is allowed; the texts of an enum; the length limit
# of free text, -1 for other text; whether it is an id; whether an empty list passes;
# the full check).
_NONE = type(None)


def _quick(check: Check) -> tuple[Any, ...]:
    name = getattr(check, "__name__", "")
    passes = bool if check is boolean else _NONE if name == "check_or_null" else None
    inner: Check | None = getattr(check, "inner", None)
    allowed = _ENUM_VALUES.get(check) or (_ENUM_VALUES.get(inner) if inner else None)
    limit = SHORT_TEXT if check is short_text else LONG_TEXT if check is long_text else -1
    return passes, allowed, limit, check is record_id, name == "check_list", check


def check_record(table: str, doc: Any) -> list[Problem]:
    """What is wrong with one record of ``table`` in its dict form (empty: nothing).

    ``table`` is "items", "contacts", "interactions", "projects" or "milestones". Never
    raises on odd input.
    """
    if type(doc) is not dict:
        return [Problem(WHOLE_RECORD, t("problem.not_a_record", value=show(doc)))]
    specs = _QUICK[table]
    problems: list[Problem] | None = None
    for key, value in doc.items():
        spec = specs.get(key)
        if spec is None:
            kind = type(value)
            if kind is str or kind is _NONE or kind is bool:  # unknown_value's quick cases
                if kind is not str or len(value) <= EXTRA_TEXT:
                    continue
            wrong = unknown_value(value)
        else:
            passes, allowed, limit, is_id, is_list, check = spec
            kind = type(value)
            if kind is passes:
                continue
            if kind is str:
                if allowed is not None:
                    if value in allowed:
                        continue
                elif len(value) <= limit:
                    continue
            elif kind is int:
                if is_id and 0 < value <= MAX_ID:
                    continue
            elif kind is list and is_list and not value:
                continue
            wrong = check(value)
        if wrong is not None:
            problems = problems or []
            problems.append(Problem(str(key), wrong))
    for key in REQUIRED[table]:
        if key not in doc:
            problems = problems or []
            problems.append(Problem(key, t("problem.missing")))
        elif doc[key] == "":
            problems = problems or []
            problems.append(Problem(key, t("problem.empty")))
    return problems or []


_QUICK = {
    table: {key: _quick(check) for key, check in checks.items()} for table, checks in FIELDS.items()
}


def check_settings(settings: Any) -> list[Problem]:
    """What is wrong with the settings object (both keys may be absent: defaults)."""
    if type(settings) is not dict:
        return [Problem("settings", t("problem.not_a_record", value=show(settings)))]
    problems = []
    for key, (low, high) in _DAY_SETTINGS.items():
        if key not in settings:
            continue
        value = settings[key]
        if type(value) is not int:
            problems.append(Problem(key, t("problem.not_days", value=show(value))))
        elif not low <= value <= high:
            problems.append(
                Problem(key, t("problem.out_of_range", value=show(value), low=low, high=high))
            )
    if "my_boss_id" in settings:
        wrong = optional_id(settings["my_boss_id"])
        if wrong is not None:
            problems.append(Problem("my_boss_id", wrong))
    if "cadence_tags" in settings:
        tags = settings["cadence_tags"]
        if type(tags) is not dict:
            problems.append(Problem("cadence_tags", t("problem.not_an_object", value=show(tags))))
        else:
            low, high = COLD_DAYS
            for tag, days in tags.items():
                if type(days) is not int or not low <= days <= high:
                    wrong = t("problem.out_of_range", value=show(days), low=low, high=high)
                    problems.append(
                        Problem("cadence_tags", t("problem.key", key=tag, problem=wrong))
                    )
    for key, value in settings.items():
        if key not in _DAY_SETTINGS and key not in ("my_boss_id", "cadence_tags"):
            wrong = unknown_value(value)
            if wrong is not None:
                problems.append(Problem(str(key), wrong))
    return problems


_DAY_SETTINGS = {
    "urgency_horizon_days": HORIZON_DAYS,
    "cold_after_days": COLD_DAYS,
    "cadence_leader_days": COLD_DAYS,
    "cadence_working_days": COLD_DAYS,
}


def valid_settings(settings: Any) -> dict[str, Any]:
    """The settings with every invalid value left out (so the defaults apply)."""
    if type(settings) is not dict:
        return {}
    bad = {p.field for p in check_settings(settings)}
    return {key: value for key, value in settings.items() if key not in bad}
