"""The one-line capture grammar, the same for ``collab add`` and the TUI.

``parse(text, today)`` is pure syntax: it returns drafts with contact names as typed.
``resolve_name`` and ``plan`` match those names against existing contacts. Nothing here
touches the store; docs/CAPTURE.md is the grammar's reference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from datetime import date

from collab_tui import lookup
from collab_tui.dates import (
    DateError,
    RuleError,
    first_in_rule,
    is_time,
    parse_date,
    parse_every,
    parse_time,
)
from collab_tui.model import Contact, Kind
from collab_tui.records import record_class
from collab_tui.words import listing, t, with_details

__all__ = [
    "AmbiguousName",
    "Capture",
    "CaptureError",
    "Draft",
    "MeetingDraft",
    "Plan",
    "parse",
    "parse_outcome",
    "plan",
    "resolve_name",
]


class CaptureError(ValueError):
    """Invalid capture text; ``token`` is the offending piece, named in the message."""

    def __init__(self, message: str, token: str) -> None:
        self.token = token
        super().__init__(message)


class AmbiguousName(CaptureError):
    """A name that matches several contacts; the message lists them."""

    def __init__(self, name: str, candidates: list[Contact]) -> None:
        self.candidates = candidates
        listed = listing(with_details(c.name, [f"#{c.id}"] if c.id else []) for c in candidates)
        super().__init__(t("error.capture.ambiguous", name=name, listed=listed), name)


@record_class
class Draft:
    """An item to create: names are raw strings, resolved later by ``plan``."""

    kind: Kind
    title: str
    names: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    due: date | None = None
    review: date | None = None
    important: bool = False
    project: str | None = None  # a project's name or tag, as typed (project:NAME)
    every: str | None = None  # the canonical repeat rule (dates.parse_every)
    after: list[int] = field(default_factory=list)  # ids of the items it waits on


@record_class
class MeetingDraft:
    """A held meeting (an interaction, dated today or ``on``) that the drafts after it
    are linked to; or, with ``on`` today or later, a planned meeting (``planned``)."""

    summary: str
    names: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    project: str | None = None  # inherited by its items that name no project
    on: date | None = None
    time: str | None = None  # "HH:MM"
    planned: bool = False
    kind: str = "meeting"  # or a touch: "call", "chat", "email" (InteractionKind values)
    stances: list[tuple[str, str]] = field(default_factory=list)  # (name as typed, Stance value)


@record_class
class Capture:
    """A parsed capture line: the meeting it logs or plans (if any) and its items."""

    meeting: MeetingDraft | None
    drafts: list[Draft]

    def names(self) -> list[str]:
        """Every name as typed, once, in order of first appearance (the meeting's first)."""
        seen: dict[str, None] = {}
        if self.meeting is not None:
            seen.update(dict.fromkeys(self.meeting.names))
        for draft in self.drafts:
            seen.update(dict.fromkeys(draft.names))
        return list(seen)


# --- parsing -----------------------------------------------------------------------

ITEM_WORDS = {"task": Kind.TASK, "owe": Kind.OWE, "wait": Kind.WAIT, "risk": Kind.RISK}
DECISION_WORDS = ("decision", "decided")
STANCE_WORD = "stance"
# What a stance: clause's value may be: the stored values, and the words a PM types.
STANCE_WORDS = {
    "refuses": "refuses", "no-capacity": "no-capacity", "eager": "eager", "unknown": "unknown",
    "no capacity": "no-capacity", "nocapacity": "no-capacity", "refused": "refuses",
    "拒绝": "refuses", "没人力": "no-capacity", "没人手": "no-capacity",
    "有意愿但没人力": "no-capacity", "积极": "eager", "未知": "unknown",
}  # fmt: skip

# The Chinese words a PM types for them (docs/CAPTURE.md): the same grammar, either way.
KIND_ALIASES = {
    "任务": "task", "我欠": "owe", "承诺": "owe", "等待": "wait", "风险": "risk",
    "会议": "meet", "开会": "meet", "决定": "decision", "决议": "decision", "立场": "stance",
    "电话": "call", "聊天": "chat", "邮件": "mail",
}  # fmt: skip
# A touch logged like a meeting (it may carry decisions and items): the interaction kind.
TOUCH_WORDS = {"meet": "meeting", "call": "call", "chat": "chat", "mail": "email"}
DATE_KEY_ALIASES = {"截止": "due", "到期": "due", "复查": "review", "回顾": "review"}
DATE_KEY_ALIASES = {
    "截止": "due", "到期": "due", "复查": "review", "回顾": "review", "时间": "on", "日期": "on",
}  # fmt: skip
# every:week / 重复：每周 (a recurring item); after:#12 / 依赖：#12 (waits on item 12)
VALUE_KEY_ALIASES = {"重复": "every", "依赖": "after", "前置": "after"}

# The words written before a colon (``owe:``, ``due:fri``), any case of their ASCII
# letters. A kind word is recognised only at the start of a clause. The full-width colon
# and sigils are accepted because CJK input methods produce them.
_COLONS = ":："
_KIND_WORDS = frozenset(
    ["task", "owe", "wait", "risk", "meet", "call", "chat", "mail", "decision", "decided"]
    + ["stance", *KIND_ALIASES]
)
_DATE_KEYS = frozenset(["due", "review", "on", *DATE_KEY_ALIASES])
_VALUE_KEYS = frozenset(["every", "after", *VALUE_KEY_ALIASES])
# project:NAME (项目：NAME): the record joins that project (gets its tag; docs/CAPTURE.md)
_PROJECT_KEYS = frozenset(["project", "项目"])
# Text, compiled by ``re`` on first use: most captures have no after:.
_ITEM_REF = r"(?a)[#＃]?(\d{1,9})"
_CLAUSE_SEPARATORS = ";；"
_NAME_SIGILS = "@＠"
_TAG_SIGILS = "#＃"
_IMPORTANT = ("!", "！")
# Stripped from the end of @names and #tags, so "@Lan, @Ming." reads naturally.
_TRAILING = ",.!?):，。！？）、：;"
_MAX_WHEN_WORDS = 3


def parse(text: str, today: date) -> Capture:
    """Parse one capture line; raises CaptureError naming the bad token."""
    clauses = [c for c in _split_clauses(text) if c.strip()]
    if not clauses:
        raise CaptureError(t("error.capture.empty"), "")
    meeting: MeetingDraft | None = None
    meeting_names: list[str] = []
    drafts: list[Draft] = []
    for index, clause in enumerate(clauses):
        tokens = _tokenize(clause)
        word, tokens = _kind_word(tokens)
        if word in TOUCH_WORDS:
            if index != 0:
                raise CaptureError(t("error.capture.meet_first"), f"{word}:")
            meeting = _parse_meeting(tokens, today)
            meeting.kind = TOUCH_WORDS[word]
            meeting_names = list(meeting.names)
        elif word in DECISION_WORDS or word == STANCE_WORD:
            if meeting is None:
                raise CaptureError(t("error.capture.decision_alone", word=word), f"{word}:")
            if meeting.planned:
                raise CaptureError(t("error.capture.decision_planned", word=word), f"{word}:")
            if word == STANCE_WORD:
                _add_stance(meeting, tokens, today)
            else:
                _add_decision(meeting, word, tokens, today)
        else:
            draft = _parse_item(ITEM_WORDS[word or "task"], tokens, clause, today)
            if meeting is not None and not draft.names:
                draft.names = list(meeting_names)  # an item from a meeting concerns its people
            drafts.append(draft)
    return Capture(meeting, drafts)


def parse_outcome(text: str, today: date) -> Capture:
    """The outcome of a planned meeting that was held: a capture line without ``meet:``.

    Its first clause, unless it starts with a kind word, says what happened (its @names
    and #tags join the meeting); ``decision:`` clauses and items follow as after a
    ``meet:``. An empty line is a meeting held as planned, with nothing to add.
    """
    meeting = MeetingDraft(summary="")
    drafts: list[Draft] = []
    for index, clause in enumerate(c for c in _split_clauses(text) if c.strip()):
        tokens = _tokenize(clause)
        word, tokens = _kind_word(tokens)
        if word == "meet":
            raise CaptureError(t("error.capture.outcome_meet"), "meet:")
        if word is None and index == 0:
            found = _read_fields(tokens, today, "outcome")
            meeting.summary, meeting.names, meeting.tags = found.text, found.names, found.tags
            meeting.project = found.project
        elif word in DECISION_WORDS:
            _add_decision(meeting, word, tokens, today)
        elif word == STANCE_WORD:
            _add_stance(meeting, tokens, today)
        else:
            draft = _parse_item(ITEM_WORDS[word or "task"], tokens, clause, today)
            if not draft.names:
                draft.names = list(meeting.names)
            drafts.append(draft)
    return Capture(meeting, drafts)


def _split_clauses(text: str) -> list[str]:
    """Split on ; outside double quotes; an unterminated quote is an error."""
    clauses: list[str] = []
    current: list[str] = []
    quote_start = -1
    for position, char in enumerate(text):
        if char == '"':
            quote_start = position if quote_start < 0 else -1
        if char in _CLAUSE_SEPARATORS and quote_start < 0:
            clauses.append("".join(current))
            current = []
        else:
            current.append(char)
    if quote_start >= 0:
        fragment = text[quote_start:].strip()
        shown = fragment if len(fragment) <= 30 else fragment[:29] + "…"
        raise CaptureError(t("error.capture.unterminated", shown=shown), fragment)
    clauses.append("".join(current))
    return clauses


def _tokenize(clause: str) -> list[str]:
    """Whitespace-separated tokens; a double-quoted run (spaces and all) stays in one."""
    tokens: list[str] = []
    current: list[str] = []
    in_quote = False
    for char in clause:
        if char == '"':
            in_quote = not in_quote
        if char.isspace() and not in_quote:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        tokens.append("".join(current))
    return tokens


def _kind_word(tokens: list[str]) -> tuple[str | None, list[str]]:
    """The clause's kind word (lower case) if it starts with one, and the other tokens."""
    word, rest = _keyed(tokens[0]) if tokens else ("", "")
    if word not in _KIND_WORDS:
        return None, tokens
    # "owe:send" -> "send" is the first word of the title
    return KIND_ALIASES.get(word, word), ([rest] if rest else []) + tokens[1:]


def _keyed(token: str) -> tuple[str, str]:
    """``("due", "fri")`` for ``due:fri`` or ``DUE：fri``: the text before the first colon
    (ASCII letters in lower case) and the text after it; ``("", token)`` without a colon.

    Split by hand, not by regular expressions: compiling those cost every `collab add`
    about a millisecond, more than all the parsing.
    """
    colon = next((i for i, char in enumerate(token) if char in _COLONS), -1)
    if colon < 0:
        return "", token
    key = token[:colon]
    return (key.lower() if key.isascii() else key), token[colon + 1 :]


@record_class
class _Fields:
    """What the tokens of one clause say: its words, names, tags, dates and flags."""

    words: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    dates: dict[str, date] = field(default_factory=dict)  # 'due' / 'review' / 'on' -> date
    important: str | None = None  # the "!" token, if any
    project: str | None = None  # the name after project:
    time: str | None = None  # after on:WHEN, "HH:MM"
    every: str | None = None
    after: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


def _read_fields(tokens: list[str], today: date, word: str) -> _Fields:
    """Sort a clause's tokens; ``word`` is its kind word, which decides what is allowed."""
    is_item = word in ITEM_WORDS
    allowed_dates: tuple[str, ...] = (
        ("due", "review") if word == "risk" else ("due",) if is_item else ()
    )
    if word == "meet":
        allowed_dates = ("on",)
    found = _Fields()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        key, value = _keyed(token)
        if token in _IMPORTANT:
            if not is_item:
                raise CaptureError(t("error.capture.important", token=token, word=word), token)
            found.important = token
        elif token[0] in _NAME_SIGILS:
            _add_once(found.names, _label(token, "@", t("error.capture.example.name")))
        elif token[0] in _TAG_SIGILS and not _is_number_sign(token):
            _add_once(found.tags, _label(token, "#", t("error.capture.example.tag")))
        elif key in _PROJECT_KEYS:
            if found.project is not None:
                raise CaptureError(t("error.capture.twice", key="project", token=token), token)
            if not value and index < len(tokens):  # a space after the colon is forgiven
                value, index = tokens[index], index + 1
            name = " ".join(value.strip('"').split())
            if not name:
                raise CaptureError(t("error.capture.needs_project", token=token), token)
            found.project = name
        elif key in _DATE_KEYS:
            key = DATE_KEY_ALIASES.get(key, key)
            if key not in allowed_dates:
                raise CaptureError(_date_not_allowed(word, key, token), token)
            if key in found.dates:
                raise CaptureError(t("error.capture.twice", key=key, token=token), token)
            found.dates[key], index = _read_when(token, value, tokens, index, today)
            if key == "on" and index < len(tokens) and is_time(tokens[index]):
                found.time = parse_time(tokens[index])
                index += 1
        elif key in _VALUE_KEYS:
            key = VALUE_KEY_ALIASES.get(key, key)
            if not is_item:
                raise CaptureError(t("error.capture.items_only", token=token, word=word), token)
            if not value and index < len(tokens):
                value, index = tokens[index], index + 1
            if key == "every":
                if found.every is not None:
                    raise CaptureError(t("error.capture.twice", key=key, token=token), token)
                try:
                    found.every = parse_every(value)
                except RuleError as error:
                    raise CaptureError(str(error), token) from None
            else:
                for ref in _item_refs(token, value):
                    if ref not in found.after:
                        found.after.append(ref)
        else:
            found.words.append(token)
    return found


def _item_refs(token: str, value: str) -> list[int]:
    """The item ids after after:, as #12 or 12, several separated by commas."""
    refs = []
    for part in re.split(r"[,，、]", value.rstrip(_TRAILING.replace(",", "").replace("，", ""))):
        match = re.fullmatch(_ITEM_REF, part.strip())
        if match is None or int(match[1]) == 0:
            raise CaptureError(t("error.capture.item_ref", token=token), token)
        refs.append(int(match[1]))
    return refs


def _date_not_allowed(word: str, key: str, token: str) -> str:
    if word in ITEM_WORDS and key == "review":
        return t("error.capture.review_risks_only", token=token, word=word)
    return t("error.capture.no_date_here", token=token, word=word, key=key)


def _is_number_sign(token: str) -> bool:
    """'#123' (an issue number) stays in the title rather than becoming a tag."""
    rest = token[1:].rstrip(_TRAILING)
    return rest.isascii() and rest.isdigit()


def _label(token: str, sigil: str, example: str) -> str:
    """The name or tag after a sigil: quoted or up to trailing punctuation."""
    rest = token[1:]
    if rest.startswith('"'):
        close = rest.find('"', 1)
        if close < 0 or rest[close + 1 :].strip(_TRAILING):
            raise CaptureError(t("error.capture.quote_label", token=token, sigil=sigil), token)
        rest = rest[1:close]
    else:
        rest = rest.rstrip(_TRAILING)
    label = " ".join(rest.split())
    if not label:
        raise CaptureError(
            t("error.capture.bare_sigil", sigil=sigil, token=token, example=example), token
        )
    return label


def _add_once(values: list[str], value: str) -> None:
    if all(_key(value) != _key(existing) for existing in values):
        values.append(value)


def _read_when(
    token: str, value: str, tokens: list[str], index: int, today: date
) -> tuple[date, int]:
    """The date after due:/review: and the index of the next unread token.

    WHEN is a quoted phrase, or the longest run of up to three words that is a date.
    """
    key = token[: len(token) - len(value)]
    if value.startswith('"'):
        close = value.find('"', 1)
        if close < 0 or value[close + 1 :]:
            raise CaptureError(t("error.capture.quote_date", token=token, key=key), token)
        phrase = value[1:close]
        try:
            return parse_date(phrase, today), index
        except DateError:
            raise CaptureError(
                t("error.capture.not_a_date.quoted", shown=token, key=key), token
            ) from None
    first = [value] if value else []
    words = first + tokens[index : index + _MAX_WHEN_WORDS - len(first)]
    for count in range(len(words), 0, -1):
        try:
            when = parse_date(" ".join(words[:count]), today)
        except DateError:
            continue
        return when, index + count - len(first)
    shown = token if value or not words else f"{token} {words[0]}"
    if not words:
        raise CaptureError(t("error.capture.needs_date", key=key), token)
    raise CaptureError(t("error.capture.not_a_date", shown=shown, key=key), shown)


def _parse_item(kind: Kind, tokens: list[str], clause: str, today: date) -> Draft:
    found = _read_fields(tokens, today, kind.value)
    if not found.text:
        got = " ".join(clause.split())
        raise CaptureError(t("error.capture.no_title", kind=kind, got=got), f"{kind}:")
    due = found.dates.get("due")
    if found.every is not None and due is None:
        due = first_in_rule(found.every, today)  # a series starts somewhere: docs/CAPTURE.md
    return Draft(
        kind=kind,
        title=found.text,
        names=found.names,
        tags=found.tags,
        due=due,
        review=found.dates.get("review"),
        important=found.important is not None,
        project=found.project,
        every=found.every,
        after=found.after,
    )


def _parse_meeting(tokens: list[str], today: date) -> MeetingDraft:
    found = _read_fields(tokens, today, "meet")
    if not found.text and not found.names:
        raise CaptureError(t("error.capture.meet_empty"), "meet:")
    on = found.dates.get("on")
    return MeetingDraft(
        summary=found.text,
        names=found.names,
        tags=found.tags,
        project=found.project,
        on=on,
        time=found.time,
        # Today or later plans it; an earlier day logs a meeting held then.
        planned=on is not None and on >= today,
    )


def _add_decision(meeting: MeetingDraft, word: str, tokens: list[str], today: date) -> None:
    found = _read_fields(tokens, today, word)
    if not found.text and not found.names:
        raise CaptureError(t("error.capture.decision_empty", word=word), f"{word}:")
    # The decision is logged as typed (names stay in the sentence); its people and
    # tags also join the meeting.
    meeting.decisions.append(" ".join(" ".join(tokens).split()))
    for name in found.names:
        _add_once(meeting.names, name)
    for tag in found.tags:
        _add_once(meeting.tags, tag)
    if found.project is not None and meeting.project is None:
        meeting.project = found.project


def _add_stance(meeting: MeetingDraft, tokens: list[str], today: date) -> None:
    """``stance: @name VALUE``: where one person now stands (kept in their stance history,
    dated and linked to the meeting); the person joins the meeting."""
    found = _read_fields(tokens, today, STANCE_WORD)
    value = " ".join(found.words).casefold()
    stance = STANCE_WORDS.get(value) or STANCE_WORDS.get(value.replace("_", "-"))
    if len(found.names) != 1 or stance is None or found.tags:
        raise CaptureError(t("error.capture.stance", got=" ".join(tokens) or "—"), "stance:")
    name = found.names[0]
    for index, (earlier, _) in enumerate(meeting.stances):
        if _key(earlier) == _key(name):  # the same person again: the later one counts
            meeting.stances[index] = (earlier, stance)
            return
    meeting.stances.append((name, stance))
    _add_once(meeting.names, name)


# --- names -------------------------------------------------------------------------


def _key(name: str) -> str:
    """How names compare: NFKC (full-width = half-width), case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def resolve_name(name: str, contacts: list[Contact]) -> Contact | None:
    """The contact a typed name means: exact name or alias, else a unique prefix, else a
    unique pinyin match of a name or alias (``@xiaolan``, ``@xl`` for 小蓝).

    The first of those that anyone matches decides (an exact name always wins over a
    prefix, a prefix over pinyin: ``lookup.find``). Raises AmbiguousName when several
    contacts match there; None means nobody matches (the caller creates a contact). An
    empty name matches nobody.
    """
    found = lookup.find(name, contacts, names_only=True)
    if len(found) > 1:
        raise AmbiguousName(name, found)
    return found[0] if found else None


@record_class
class Plan:
    """What applying a capture creates: its names resolved to contacts or marked new.

    ``resolved`` maps every name as typed to an existing Contact or None (a new contact,
    created once per ``new_names`` entry: "@lan" and "@Lan" are the same new person).
    """

    capture: Capture
    resolved: dict[str, Contact | None]
    new_names: list[str]

    def new_name_for(self, name: str) -> str:
        """The new contact's name that a typed (unresolved) name stands for."""
        key = _key(name)
        return next(new for new in self.new_names if _key(new) == key)


def plan(capture: Capture, contacts: list[Contact]) -> Plan:
    """Resolve every name of a capture once; raises AmbiguousName."""
    resolved: dict[str, Contact | None] = {}
    by_key: dict[str, Contact | None] = {}
    new_names: list[str] = []
    for name in capture.names():
        key = _key(name)
        if key not in by_key:
            by_key[key] = resolve_name(name, contacts)
            if by_key[key] is None:
                new_names.append(name)
        resolved[name] = by_key[key]
    return Plan(capture, resolved, new_names)
