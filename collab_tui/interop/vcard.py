"""Contacts from and to vCard (3.0 and 4.0 in, 3.0 out); the mapping is in docs/INTEROP.md.

A multi-contact file is split into cards here and each card is read on its own with
vobject's line parser, so that one broken card (bad encoding, a line that is not a
property, no END:VCARD) is reported with its position and skipped while the rest import.

Properties collab-tui does not use (PHOTO, ADR, BDAY, a second EMAIL, other programs'
X- properties, ...) are kept verbatim in ``contact.extra["vcard"]["lines"]`` and written
back out on export, so a contact that went through collab-tui loses nothing.

vCard 2.1 (Outlook, Android) is read too: quoted-printable values and their soft line
breaks, 8-bit text in a declared CHARSET, bare type parameters (``TEL;WORK;PREF``). Each
2.1 line is turned into its 3.0 form as it is read, and kept lines are written in 3.0 form
on export, because CardDAV servers refuse a 3.0 card carrying 2.1 parameters.
"""

from __future__ import annotations

import codecs
import copy
import io
import quopri
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import field
from datetime import UTC
from typing import TYPE_CHECKING, Any

from vobject.base import ParseError, parseLine

from collab_tui import validate
from collab_tui.interop import ImportSummary, Progress, plan_then_commit
from collab_tui.model import Contact, Flow, Level, Side, Stance, clean, now
from collab_tui.records import record_class
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store

PRODID = "-//collab-tui//collab-tui//EN"
EXTRA_KEY = "vcard"  # contact.extra[EXTRA_KEY] = {"lines": [...], "n": "N:...", "fn": "..."}

# collab-tui's own fields, which no address book has, travel in X-COLLAB-* properties.
X_ENUMS: dict[str, tuple[str, type[Stance] | type[Side] | type[Level] | type[Flow]]] = {
    "X-COLLAB-STANCE": ("stance", Stance),
    "X-COLLAB-SIDE": ("side", Side),
    "X-COLLAB-LEVEL": ("level", Level),
    "X-COLLAB-FLOW": ("flow", Flow),
}
X_LISTS = {"X-COLLAB-KPI": "kpis", "X-COLLAB-CONCERN": "concerns"}
X_GAINS = "X-COLLAB-GAINS"
X_BOSS = "X-COLLAB-BOSS"  # the boss's UID

# The longest property value a card may carry, in characters (after unescaping): the
# model's field limits (collab_tui.validate). A card over one is skipped and reported,
# since contacts live in the small file every save rewrites.
# Short: FN, N, ORG, TITLE, EMAIL, TEL, UID; each NICKNAME, CATEGORIES...
SHORT_TEXT_LIMIT = validate.SHORT_TEXT
# Long: NOTE, X-COLLAB-GAINS, and each property kept verbatim (PHOTO...)
LONG_TEXT_LIMIT = validate.LONG_TEXT
# An unfolded line this long is over every limit even if all of it were escapes: it is
# reported without being parsed (a 50 MB NOTE would take seconds to parse).
LONGEST_LINE = 2 * LONG_TEXT_LIMIT + SHORT_TEXT_LIMIT

# Properties that describe the file rather than the person: rewritten on export.
REGENERATED = {"VERSION", "PRODID", "REV"}

# How collab-tui writes the primary EMAIL and TEL when the card they came from said
# nothing more (the TYPE values besides "pref", which export always adds).
DEFAULT_TYPES = {"email": ("INTERNET",), "phone": ("VOICE",)}
# vCard 2.1 encodings, which also appear bare (``PHOTO;BASE64``); 3.0 has only ENCODING=b.
ENCODINGS_21 = {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"}
# 2.1 text properties, whose values 2.1 writes without escaping commas (and, outside the
# structured ones, semicolons); X- properties are treated as structured text too.
TEXT_21 = {"FN", "TITLE", "ROLE", "NOTE", "LABEL"}
STRUCTURED_21 = {"N", "ADR", "ORG"}
_CHARSET_BYTES = re.compile(rb"CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# A data: URI (vCard 4.0's inline PHOTO), in 3.0 written as ENCODING=b;TYPE=JPEG.
_DATA_URI = re.compile(r"data:([a-z]+)/([a-z0-9.+-]+);base64,", re.IGNORECASE)

# The Contact fields a card can set, in the order a dry run lists them.
CARD_FIELDS = (
    "name", "aliases", "organisation", "department", "title", "email", "phone", "notes",
    "tags", "stance", "side", "level", "flow", "kpis", "concerns", "gains", "boss",
)  # fmt: skip


@record_class(frozen=True)
class Written:
    """How a card wrote an EMAIL or TEL: Apple's group (``item1``), its TYPE values other
    than pref, whether it was marked preferred, and the line itself (3.0 form)."""

    group: str = ""
    types: tuple[str, ...] = ()
    preferred: bool = False
    line: str = ""


@record_class
class Card:
    """One card, read and checked, ready to be matched against the stored contacts."""

    where: str  # "card 3 (line 14)", for messages
    uid: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # only what the card carries
    boss_uid: str = ""
    n_line: str = ""  # the N property as it came, kept when it says more than the name
    kept: list[str] = field(default_factory=list)  # unfolded lines collab-tui does not use
    # "email" / "phone": how the one in ``fields`` was written; the card's others, each as
    # (its index in ``kept``, its value, how it was written).
    written: dict[str, Written] = field(default_factory=dict)
    others: dict[str, list[tuple[int, str, Written]]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        name: str = self.fields.get("name", "")
        return name


@record_class
class CardChange:
    """What an import does (or would do) with one card."""

    action: str  # "add", "update" or "unchanged"
    name: str
    where: str
    fields: list[str] = field(default_factory=list)  # for "update": what changes

    def describe(self) -> str:
        if self.action == "update":
            fields = ", ".join(self.fields)
            return t("import.update.card", name=self.name, fields=fields, where=self.where)
        if self.action == "unchanged":
            return t("import.unchanged.card", name=self.name, where=self.where)
        return t("import.add", what=t("import.card.from", name=self.name, where=self.where))


@record_class
class VcardImportSummary(ImportSummary):
    """An ImportSummary that also lists, card by card, what was (or would be) done."""

    changes: list[CardChange] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per card, then one per skipped card: what --dry-run prints."""
        out = [change.describe() for change in self.changes]
        out += [t("import.skip", what=what, why=why) for what, why in self.skipped]
        return out


# --- reading ---------------------------------------------------------------------------


def parse_vcards(data: str | bytes) -> tuple[list[Card], list[tuple[str, str]]]:
    """Split a file into cards and read each; returns (cards, problems as (where, why)).

    ``data`` may be bytes, so that a card in a bad encoding is found and skipped on its
    own. A file with no BEGIN:VCARD at all is not a vCard file: ValueError.
    """
    cards: list[Card] = []
    problems: list[tuple[str, str]] = []
    current: list[tuple[int, str | bytes]] | None = None
    start = 0
    number = 0  # cards seen, broken ones included, so positions match the file
    outside_reported = False

    def where() -> str:
        return t("import.card", n=number, line=start)

    # Line by line, each card decoded on its own: a big file is never decoded whole.
    begin, end = ("BEGIN:VCARD", "END:VCARD") if isinstance(data, str) else (_BEGIN, _END)
    for lineno, raw in enumerate(_split_lines(data), start=1):
        marker = raw.strip().upper()
        if marker == begin:
            if current is not None:
                problems.append((where(), t("import.vcard.no_end")))
            number += 1
            start = lineno
            current = [(lineno, raw)]
        elif current is None:
            # Text between cards: say so once, it usually means a damaged file.
            if marker and not outside_reported:
                problems.append((t("import.line", line=lineno), t("import.vcard.outside")))
                outside_reported = True
        elif marker == end:
            current.append((lineno, raw))
            try:
                cards.append(_read_card(current, where()))
            except _BadCard as error:
                problems.append((where(), str(error)))
            current = None
        else:
            current.append((lineno, raw))
    if current is not None:
        problems.append((where(), t("import.vcard.unterminated")))
    if number == 0:
        raise ValueError(t("import.vcard.none"))
    return cards, problems


_BEGIN, _END = b"BEGIN:VCARD", b"END:VCARD"


def _readable(cards: list[Card], problems: list[tuple[str, str]]) -> None:
    """A file in which not one card can be read is an unreadable file, not an empty one."""
    if not cards:
        reasons = t("import.reason.sep").join(
            t("import.reason", where=where, why=why) for where, why in problems[:3]
        )
        if len(problems) > 3:
            reasons = t("import.more", reasons=reasons, n=len(problems) - 3)
        raise ValueError(t("import.vcard.unreadable", reasons=reasons))


class _BadCard(Exception):
    """A card that cannot be imported; the message says why and where."""


def _split_lines(data: str | bytes) -> Iterator[str | bytes]:
    """The lines of ``data`` without their CR or LF. Bytes (a file as read: possibly big)
    one at a time, so that no list of all of them is made; text (small) split at once."""
    if isinstance(data, bytes):
        return (line.rstrip(b"\r\n") for line in io.BytesIO(data.removeprefix(b"\xef\xbb\xbf")))
    return (line.rstrip("\r") for line in data.removeprefix("\ufeff").split("\n"))


def _read_card(raw_lines: list[tuple[int, str | bytes]], where: str) -> Card:
    body = raw_lines[1:-1]  # without BEGIN and END
    text = _plain_utf8(body)
    if text is None:  # decoded property by property, each in its CHARSET
        lines = [(lineno, _decode(pieces)) for lineno, pieces in _unfold(body)]
    else:
        lines = [
            (n, pieces[0][1] if len(pieces) == 1 else "".join(piece for _, piece in pieces))
            for n, pieces in _unfold(text)
        ]
    # VERSION is the first line in every exporter's cards: the search stops there.
    version = next((line for _, line in lines if line[:8].upper() == "VERSION:"), "")
    is_21 = version[8:].strip() == "2.1"
    card = Card(where=where)
    props: list[tuple[int, str, str, list[list[str]], str, str]] = []
    too_long: list[tuple[int, str, int]] = []  # (line, property, limit)
    for lineno, line in lines:
        if len(line) > LONGEST_LINE:
            too_long.append((lineno, _property_name(line), LONG_TEXT_LIMIT))
            continue
        try:
            name, params, value, group = parseLine(line, lineno)
        except ParseError:
            raise _BadCard(t("import.vcard.not_property", line=lineno, text=_clip(line))) from None
        params = params or []
        line, params, value = _modernised(line, name, params, value, group or "", is_21, lineno)
        props.append((lineno, line, name.upper(), params, value, group or ""))
    _map_properties(card, props, too_long)
    if too_long:
        lineno, prop, limit = too_long[0]
        name = _clip(card.name) or t("import.vcard.the_card")
        raise _BadCard(
            t("import.vcard.too_long", name=name, prop=prop, line=lineno, limit=f"{limit:,}")
        )
    if not card.name:
        raise _BadCard(t("import.vcard.no_name"))
    return card


def _unfold(lines: list[tuple[int, str | bytes]]) -> list[tuple[int, list[tuple[int, Any]]]]:
    """Physical lines grouped into properties: (first line number, [(line, piece), ...]).

    RFC 6350 3.2: a line starting with a space or tab continues the previous one. vCard
    2.1 quoted-printable: a value ending in ``=`` (a soft line break) continues on the next
    line whatever it starts with. The pieces are joined (and decoded) by ``_decode``.
    """
    out: list[tuple[int, list[tuple[int, Any]]]] = []
    soft = False  # the property so far ends in a quoted-printable soft line break
    for lineno, line in lines:
        if soft:
            pieces = out[-1][1]
            pieces[-1] = (pieces[-1][0], pieces[-1][1][:-1])  # the "=" is no data
            pieces.append((lineno, line))
        elif line[:1] in (" ", "\t", b" ", b"\t") and out:
            out[-1][1].append((lineno, line[1:]))
        elif line.strip():
            out.append((lineno, [(lineno, line)]))
        else:
            continue
        soft = line[-1:] in ("=", b"=") and _quoted_printable(out[-1][1][0][1])
    return out


def _plain_utf8(body: list[tuple[int, str | bytes]]) -> list[tuple[int, str | bytes]] | None:
    """The card's lines decoded in one go, when it is UTF-8 and declares no CHARSET: the
    common case, and ten times faster than decoding property by property. Else None."""
    if not body or isinstance(body[0][1], str):
        return None
    joined = b"\n".join(raw for _, raw in body)  # type: ignore[misc]
    if _CHARSET_BYTES.search(joined):
        return None
    try:
        text = joined.decode("utf-8")
    except UnicodeDecodeError:
        return None  # _decode finds the line and the byte for the message
    return list(zip([lineno for lineno, _ in body], text.split("\n"), strict=True))


def _quoted_printable(first: str | bytes) -> bool:
    """Whether a property's first line declares quoted-printable (in its parameters)."""
    if isinstance(first, bytes):
        return b"QUOTED-PRINTABLE" in first.split(b":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in first.split(":", 1)[0].upper()


def _decode(pieces: list[tuple[int, Any]]) -> str:
    """A property's pieces as one line of text: UTF-8, or the CHARSET it declares."""
    if isinstance(pieces[0][1], str):
        text = "".join(piece for _, piece in pieces)
        # A str read with errors="surrogateescape" carries the bad bytes as surrogates.
        for lineno, piece in pieces:
            if any("\udc80" <= char <= "\udcff" for char in piece):
                raise _BadCard(t("import.vcard.not_utf8", line=lineno))
        return text
    raw = pieces[0][1] if len(pieces) == 1 else b"".join(piece for _, piece in pieces)
    head = raw[: raw.find(b":")]
    declared = _CHARSET_BYTES.search(head) if b"harset" in head.lower() else None
    if declared:
        # Outlook writes 8-bit text in the CHARSET it names (gb2312, big5, windows-1252...).
        name = declared.group(1).decode("ascii")
        charset = _codec(name)
        if charset is None:
            line = pieces[0][0]
            raise _BadCard(t("import.vcard.charset", line=line, charset=repr(_clip(name))))
        if charset != "utf-8":
            try:
                return raw.decode(charset)
            except UnicodeDecodeError:
                pass  # not in the character set it names: UTF-8 is the guess left
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _BadCard(_not_utf8(pieces, error)) from None


def _not_utf8(pieces: list[tuple[int, Any]], error: UnicodeDecodeError) -> str:
    offset = error.start  # where the bad byte is in the joined pieces: on which line?
    index = 0
    while offset >= len(pieces[index][1]):
        offset -= len(pieces[index][1])
        index += 1
    lineno, piece = pieces[index]
    return t("import.vcard.not_utf8_byte", line=lineno, byte=f"0x{piece[offset]:02x}")


def _codec(charset: str) -> str | None:
    """Python's name for a declared character set, or None if Python has none."""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


# --- vCard 2.1 (and 4.0) lines in their 3.0 form -----------------------------------------


def _modernised(
    line: str,
    name: str,
    params: list[list[str]],
    value: str,
    group: str,
    is_21: bool,
    lineno: int,
) -> tuple[str, list[list[str]], str]:
    """A line as 3.0 writes it: quoted-printable decoded in its CHARSET, bare parameters
    made TYPE values (``TEL;WORK;PREF`` -> ``TEL;TYPE=WORK,PREF``), ``ENCODING=BASE64``
    made ``ENCODING=b``, 2.1 text escaped as 3.0 escapes it. Other lines come back as they
    are. Returns (line, params, value)."""
    if not params or not any(
        len(param) == 1 or param[0].upper() in ("ENCODING", "CHARSET") for param in params
    ):
        return line, params, value  # nothing of 2.1 here (the common case: stay fast)
    encoding = ""
    charset = ""
    types: list[str] = []
    others: list[list[str]] = []
    for param in params:
        key = param[0].upper()
        if len(param) == 1 and key in ENCODINGS_21:
            encoding = key
        elif len(param) == 1:
            types.append(param[0])
        elif key == "ENCODING":
            encoding = param[1].upper()
        elif key == "CHARSET":
            charset = param[1]
        elif key == "TYPE":
            types += param[1:]
        else:
            others.append(param)
    upper = name.upper()
    if encoding == "QUOTED-PRINTABLE":
        codec = _codec(charset or "utf-8")
        if codec is None:
            raise _BadCard(t("import.vcard.charset", line=lineno, charset=repr(_clip(charset))))
        text = quopri.decodestring(value.encode("utf-8")).decode(codec, "replace")
        value = _escaped_21(text, upper) if is_21 else text
    elif encoding in ("BASE64", "B"):
        others.insert(0, ["ENCODING", "b"])
        value = "".join(value.split())  # 2.1 indents its base64 lines
    elif is_21:
        value = _escaped_21(value, upper)
    if types:
        others.append(["TYPE", *types])
    return _line(group, name, others, value), others, value


def _escaped_21(value: str, name: str) -> str:
    """A 2.1 text value escaped as 3.0 escapes it (its ``\\;`` already is)."""
    structured = name in STRUCTURED_21 or name.startswith("X-")
    if not structured and name not in TEXT_21:
        return value  # not text (TEL, URL, GEO, BDAY...): nothing to escape
    if not any(char in value for char in "\\,;\r\n"):
        return value
    out: list[str] = []
    chars = iter(value.replace("\r\n", "\n").replace("\r", "\n"))
    for char in chars:
        if char == "\\":  # 2.1 escapes only ";": any other backslash is a backslash
            following = next(chars, "")
            out.append("\\;" if following == ";" else "\\\\" + _escaped_21(following, name))
        elif char == ",":
            out.append("\\,")
        elif char == ";":
            out.append(";" if structured else "\\;")
        elif char == "\n":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


def _line(group: str, name: str, params: list[list[str]], value: str) -> str:
    head = f"{group}.{name}" if group else name
    for key, *values in params:
        head += f";{key}=" + ",".join(_param_value(v) for v in values) if values else f";{key}"
    return f"{head}:{value}"


def _param_value(value: str) -> str:
    """A parameter value, quoted when it holds what would end it (RFC 2426 param-value)."""
    if any(char in value for char in ':;,"'):
        return '"' + value.replace('"', "'") + '"'
    return value


def _property_name(line: str) -> str:
    """The name of the property on a line, without parsing all of it (for messages)."""
    head = line[:200].split(":", 1)[0].split(";", 1)[0]
    return _clip(head.rsplit(".", 1)[-1].upper(), 40)


def _check_size(
    too_long: list[tuple[int, str, int]], lineno: int, prop: str, values: Any, limit: int
) -> None:
    """Note (in ``too_long``) a value, or any of a list of values, over ``limit``."""
    for value in values if isinstance(values, list) else [values]:
        if len(value) > limit:
            too_long.append((lineno, prop, limit))
            return


def _map_properties(
    card: Card,
    props: list[tuple[int, str, str, list[list[str]], str, str]],
    too_long: list[tuple[int, str, int]],
) -> None:
    fields = card.fields
    emails = [p for p in props if p[2] == "EMAIL"]
    phones = [p for p in props if p[2] == "TEL"]
    first_email = _preferred(emails)
    first_phone = _preferred(phones)
    primary = {id(first_email): "email", id(first_phone): "phone"}
    seen_altids: dict[str, set[str]] = {}
    for prop in props:
        lineno, line, name, params, value, group = prop
        # vCard 4.0: instances sharing an ALTID are one value in several forms; the
        # first is used and the others are kept as they are.
        altid = _param(params, "ALTID")
        if altid and altid in seen_altids.setdefault(name, set()):
            card.kept.append(_as_v3(line))
            _check_size(too_long, lineno, name, line, LONG_TEXT_LIMIT)
            continue
        if altid:
            seen_altids[name].add(altid)

        if name in REGENERATED:
            continue
        short = SHORT_TEXT_LIMIT
        if name == "UID" and not card.uid:
            card.uid = _unescape(value).strip()
            _check_size(too_long, lineno, name, card.uid, short)
        elif name == "FN" and "name" not in fields and value.strip():
            fields["name"] = _clean(_unescape(value))
            _check_size(too_long, lineno, name, fields["name"], short)
        elif name == "N" and not card.n_line:
            card.n_line = line
            _check_size(too_long, lineno, name, _unescape(value), short)
        elif name == "NICKNAME":
            nicknames = _split(value, ",")
            _check_size(too_long, lineno, name, nicknames, short)
            _extend(fields, "aliases", nicknames)
        elif name == "ORG" and "organisation" not in fields:
            parts = [_clean(part) for part in _split(value, ";")]
            _check_size(too_long, lineno, name, parts, short)
            fields["organisation"] = parts[0] if parts else ""
            fields["department"] = " / ".join(part for part in parts[1:] if part)
        elif name == "TITLE" and "title" not in fields:
            fields["title"] = _clean(_unescape(value))
            _check_size(too_long, lineno, name, fields["title"], short)
        elif name in ("EMAIL", "TEL"):
            key = "email" if name == "EMAIL" else "phone"
            text = _unescape(value).strip().removeprefix("mailto:" if key == "email" else "tel:")
            _check_size(too_long, lineno, name, text, short)
            types = _param_values(params, "TYPE")
            written = Written(
                group=group,
                types=tuple(v for v in types if v.lower() != "pref"),
                preferred=_is_preferred(params),
                line=line,
            )
            if primary.get(id(prop)) == key:
                fields[key] = text
                card.written[key] = written
            else:  # kept as it is; the import may still choose it (see _fill)
                card.kept.append(_as_v3(line))
                card.others.setdefault(key, []).append((len(card.kept) - 1, text, written))
        elif name == "NOTE" and "notes" not in fields:
            fields["notes"] = _unescape(value)
            _check_size(too_long, lineno, name, fields["notes"], LONG_TEXT_LIMIT)
        elif name == "CATEGORIES":
            categories = _split(value, ",")
            _check_size(too_long, lineno, name, categories, short)
            _extend(fields, "tags", categories)
        elif name in X_ENUMS:
            key, enum = X_ENUMS[name]
            text = _unescape(value).strip().lower()
            try:
                fields[key] = enum(text)
            except ValueError:
                allowed = ", ".join(member.value for member in enum)  # as written
                value = repr(_clip(text))
                raise _BadCard(
                    t(
                        "import.vcard.bad_value",
                        line=lineno,
                        prop=name,
                        value=value,
                        allowed=allowed,
                    )
                ) from None
        elif name in X_LISTS:
            fields.setdefault(X_LISTS[name], []).append(_unescape(value))  # exactly as written
            _check_size(too_long, lineno, name, fields[X_LISTS[name]][-1], short)
        elif name == X_GAINS:
            fields["gains"] = _unescape(value)
            _check_size(too_long, lineno, name, fields["gains"], LONG_TEXT_LIMIT)
        elif name == X_BOSS:
            card.boss_uid = _unescape(value).strip()
            _check_size(too_long, lineno, name, card.boss_uid, short)
        else:
            card.kept.append(_as_v3(line))
            _check_size(too_long, lineno, name, line, LONG_TEXT_LIMIT)

    if "name" not in fields and card.n_line:
        fields["name"] = _name_from_n(parseLine(card.n_line)[2])
    if card.n_line and card.n_line == _n_line(fields.get("name", "")):
        card.n_line = ""  # it says nothing the name does not (our own export wrote it)


def _preferred(props: list[Any]) -> Any:
    """The instance marked preferred (TYPE=pref in 3.0 and 2.1, PREF=1 in 4.0), else the
    first."""
    for prop in props:
        if _is_preferred(prop[3]):
            return prop
    return props[0] if props else None


def _is_preferred(params: list[list[str]]) -> bool:
    types = [v.lower() for v in _param_values(params, "TYPE")]
    return "pref" in types or _param(params, "PREF") == "1"


def _param_values(params: list[list[str]], key: str) -> list[str]:
    values: list[str] = []
    for param in params:
        if param and param[0].upper() == key:
            for value in param[1:]:
                values += [v for v in value.split(",") if v]
    return values


def _param(params: list[list[str]], key: str) -> str:
    values = _param_values(params, key)
    return values[0] if values else ""


def _extend(fields: dict[str, Any], key: str, values: list[str]) -> None:
    current = fields.setdefault(key, [])
    for value in values:
        value = _clean(value)
        if value and value not in current:
            current.append(value)


def _name_from_n(value: str) -> str:
    family, given, middle, prefix, suffix = (_split(value, ";") + [""] * 5)[:5]
    if _is_cjk(family) and _is_cjk(given):
        return _clean(family + given)  # 张 + 三 -> 张三, no space, family first
    return _clean(" ".join(p for p in (prefix, given, middle, family, suffix) if p.strip()))


def _is_cjk(text: str) -> bool:
    return bool(text) and all(unicodedata.east_asian_width(c) in "WF" for c in text.strip())


def _split(value: str, separator: str) -> list[str]:
    """Split on separators that are not backslash-escaped, then unescape each part."""
    if "\\" not in value:
        return value.split(separator)  # nothing escaped: the common case, much faster
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(_unescape("".join(current)))
    return parts


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append("\n" if following in ("n", "N") else following)
        else:
            out.append(char)
    return "".join(out)


def _clean(text: str) -> str:
    return text.strip()


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- importing -------------------------------------------------------------------------


def import_vcards(
    store: Store, data: str | bytes, dry_run: bool = False, progress: Progress | None = None
) -> VcardImportSummary:
    """Add or update contacts from a vCard file; broken cards are skipped and reported.

    ValueError (and nothing stored) when the input is no vCard file or not one card in it
    can be read.

    A card matches a stored contact by UID, then email, then exact name, and updates it:
    a property present in the card replaces that field, one absent leaves it alone, so a
    re-import never duplicates and never wipes what was added in collab-tui. With
    ``dry_run`` nothing is stored; the summary lists what would be done. The file is read
    and matched with no lock held; all writes then go into one store batch.
    """
    cards, problems = parse_vcards(data)  # ValueError when it is no vCard file at all
    _readable(cards, problems)

    def plan() -> tuple[VcardImportSummary, list[_Step]]:
        summary, steps = _plan(store.contacts(), cards)
        summary.skipped = problems + summary.skipped
        return summary, steps

    def apply(planned: tuple[VcardImportSummary, list[_Step]]) -> None:
        _apply(store, planned[1], progress)

    summary, _steps = plan_then_commit(store, plan, apply, dry_run)
    return summary


@record_class
class _Step:
    """One card of an import: the contact it becomes and whether it is new or changed."""

    contact: Contact  # the contact as it will be stored (a copy for updates)
    is_new: bool
    changed: bool
    boss: Contact | None = None  # resolved from the card's X-COLLAB-BOSS


class _Candidates:
    """The stored contacts plus those the file adds, indexed by what cards match on.

    Each contact has a slot (its position); the indexes map ("uid", value), ("email",
    casefolded) and ("name", value) to slots, and are kept current as cards change
    contacts, so matching a card costs the same whatever the size of the address book.
    """

    def __init__(self, contacts: list[Contact]) -> None:
        self.slots: list[Contact] = []
        self._keys: list[list[tuple[str, str]]] = []  # slot -> the index keys it is under
        self._index: dict[tuple[str, str], list[int]] = {}
        for contact in contacts:
            self.append(contact)

    def append(self, contact: Contact) -> int:
        self.slots.append(contact)
        self._keys.append([])
        slot = len(self.slots) - 1
        self.reindex(slot)
        return slot

    def reindex(self, slot: int) -> None:
        """Index the contact now in ``slot`` under its current uid, email and name."""
        for key in self._keys[slot]:
            self._index[key].remove(slot)
        contact = self.slots[slot]
        keys = [("uid", contact.uid), ("name", contact.name)]
        if contact.email:
            keys.append(("email", contact.email.casefold()))
        for key in keys:
            self._index.setdefault(key, []).append(slot)
        self._keys[slot] = keys

    def find(self, kind: str, value: str) -> list[int]:
        return sorted(self._index.get((kind, value), ()))


def _plan(stored: list[Contact], cards: list[Card]) -> tuple[VcardImportSummary, list[_Step]]:
    summary = VcardImportSummary()
    candidates = _Candidates(stored)
    steps: dict[int, _Step] = {}  # slot -> step; one step per contact
    order: list[_Step] = []
    card_of: dict[int, Card] = {}  # id(step.contact) -> the card that last filled it
    for card in cards:
        try:
            slot = _match(card, candidates)
        except _BadCard as error:
            summary.skipped.append(
                (t("import.card.named", where=card.where, name=card.name), str(error))
            )
            continue
        if slot is None:
            contact = Contact(name=card.name)
            slot = candidates.append(contact)
            step = _Step(contact, is_new=True, changed=True)
            steps[slot] = step
            order.append(step)
        elif slot in steps:
            step = steps[slot]  # a second card for the same person in this file
        else:
            contact = Contact.from_dict(candidates.slots[slot].to_dict())
            candidates.slots[slot] = contact
            step = _Step(contact, is_new=False, changed=False)
            steps[slot] = step
            order.append(step)
        card_of[id(step.contact)] = card
        _fill(step.contact, card)
        candidates.reindex(slot)

    by_uid = {c.uid: c for c in candidates.slots}
    by_id = {c.id: c for c in candidates.slots if c.id}
    stored_by_id = {c.id: c for c in stored}
    for step in order:
        card = card_of[id(step.contact)]
        if card.boss_uid:
            step.boss = by_uid.get(card.boss_uid)
            if step.boss is None:
                # A boss we do not know (yet): keep the link so a later export keeps it.
                kept = step.contact.extra.setdefault(EXTRA_KEY, {})
                kept.setdefault("lines", []).append(f"{X_BOSS}:{_escape(card.boss_uid)}")
        if step.is_new:
            summary.added += 1
            summary.changes.append(CardChange("add", card.name, card.where))
            continue
        before = stored_by_id[step.contact.id]
        changed = _differences(before, step.contact, step.boss, by_id)
        step.changed = bool(changed)
        if changed:
            summary.updated += 1
            summary.changes.append(CardChange("update", step.contact.name, card.where, changed))
        else:
            summary.unchanged += 1
            summary.changes.append(CardChange("unchanged", step.contact.name, card.where))
    return summary, order


def _match(card: Card, candidates: _Candidates) -> int | None:
    """The slot of the contact a card updates, or None for a new contact."""
    if card.uid:
        found = candidates.find("uid", card.uid)
        if found:
            return found[0]
    email = card.fields.get("email", "").casefold()
    if email:
        found = candidates.find("email", email)
        if len(found) > 1:
            raise _BadCard(t("import.vcard.same_email", n=len(found), email=email))
        if found:
            return found[0]
    found = candidates.find("name", card.name)
    if len(found) > 1:
        raise _BadCard(t("import.vcard.same_name", n=len(found), name=card.name))
    return found[0] if found else None


def _fill(contact: Contact, card: Card) -> None:
    """Apply what the card carries; fields it does not carry stay as they are."""
    lines = list(card.kept)
    written = dict(card.written)
    fields = dict(card.fields)
    before = contact.extra.get(EXTRA_KEY)
    before = before if isinstance(before, dict) else {}
    for key, others in card.others.items():
        # No preferred one marked (an address book re-sorted the card and dropped the
        # mark): keep the contact's current email or phone if the card still has it.
        current = getattr(contact, key)
        if key not in fields or written[key].preferred or _same(key, fields[key], current):
            continue
        for index, value, how in others:
            if _same(key, value, current):
                lines[index] = _as_v3(written[key].line)  # the card's first one: now kept
                fields[key], written[key] = value, how
                break
    for key, value in fields.items():
        setattr(contact, key, list(value) if isinstance(value, list) else value)
    if card.uid:
        contact.uid = card.uid  # later imports of this address book then match by UID
    kept: dict[str, Any] = {}
    if lines:
        # In the order an export writes them (grouped after the primary email and phone,
        # see _grouped), so that importing that export changes nothing.
        # (A newline marks the stand-ins for the primary ones: no unfolded line has one.)
        primaries = [f"{how.group}.\n" for how in written.values() if how.group]
        kept["lines"] = [line for line in _grouped(primaries + lines) if line not in primaries]
    for key, how in written.items():
        # How the card wrote it, when that says more than collab-tui's own export does
        # (which writes the default types where a card has none).
        types = how.types or DEFAULT_TYPES[key]
        if how.group or tuple(v.upper() for v in types) != DEFAULT_TYPES[key]:
            kept[key] = {"group": how.group, "types": list(types)}
    for key in DEFAULT_TYPES:
        if key not in fields and key in before:
            kept[key] = before[key]  # no email (phone) in the card: the one stored stays
    if card.n_line:
        kept["n"] = card.n_line
        kept["fn"] = contact.name  # the N is only written back while the name is the same
    if kept:
        contact.extra[EXTRA_KEY] = kept
    else:
        contact.extra.pop(EXTRA_KEY, None)


def _same(key: str, one: str, other: str) -> bool:
    """The same email (case aside) or phone number (digits only: spacing aside)."""
    if key == "email":
        return one.casefold() == other.casefold()
    digits = re.sub(r"\D", "", one)
    return one == other or (bool(digits) and digits == re.sub(r"\D", "", other))


def _differences(
    before: Contact, after: Contact, boss: Contact | None, by_id: dict[int, Contact]
) -> list[str]:
    changed = [
        name
        for name in CARD_FIELDS
        if name != "boss" and getattr(before, name) != getattr(after, name)
    ]
    if boss is not None and (before.boss_id is None or by_id.get(before.boss_id) is not boss):
        changed.append("boss")
    if before.uid != after.uid:
        changed.append("uid")
    old, new = _kept_of(before), _kept_of(after)
    for key in DEFAULT_TYPES:  # how the email or phone is written (its type, its group)
        if old.pop(key, None) != new.pop(key, None) and key not in changed:
            changed.append(key)
    if old != new:
        changed.append(t("import.vcard.other_properties"))
    return changed


def _kept_of(contact: Contact) -> dict[str, Any]:
    """The kept vCard data, its lines in no particular order: an address book that only
    re-sorted a card (khard does on every save) changed nothing."""
    kept = contact.extra.get(EXTRA_KEY)
    if not isinstance(kept, dict):
        return {}
    kept = dict(kept)
    lines = kept.get("lines")
    if isinstance(lines, list) and all(isinstance(line, str) for line in lines):
        kept["lines"] = sorted(lines)
    return kept


def _apply(store: Store, steps: list[_Step], progress: Progress | None) -> None:
    total = len(steps)
    stamp = now()
    for done, step in enumerate(steps, start=1):
        if step.is_new:
            step.contact = store.add(step.contact)
        elif step.changed:
            step.contact.updated = stamp
            store.put(step.contact)
        if progress is not None:
            progress(done, total)
    # Bosses last: a boss may be a contact this same file just added.
    for step in steps:
        if step.boss is not None and step.contact.boss_id != step.boss.id:
            step.contact.boss_id = step.boss.id
            step.contact.updated = stamp
            store.put(step.contact)


# --- writing ---------------------------------------------------------------------------


def export_vcards(contacts: list[Contact], progress: Progress | None = None) -> str:
    """Every contact as a vCard 3.0 card (CRLF lines, folded at 75 octets).

    3.0 because it is what Apple Contacts, Google Contacts and Outlook import; collab-tui's
    own fields go into X-COLLAB-* properties that those programs keep or ignore.
    ``progress(done, total)`` is called after each card.
    """
    uid_of = {c.id: c.uid for c in contacts}
    out: list[str] = []
    total = len(contacts)
    for done, contact in enumerate(contacts, start=1):
        # A copy cleaned: older files may still hold control characters.
        out += _card_lines(clean(copy.deepcopy(contact)), uid_of)
        if progress is not None:
            progress(done, total)
    return "".join(_fold(line) + "\r\n" for line in out)


def _card_lines(contact: Contact, uid_of: dict[int, str]) -> list[str]:
    kept = contact.extra.get(EXTRA_KEY)
    if not isinstance(kept, dict):
        kept = {}  # a hand-edited backup; nothing of ours to write back
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{_escape(contact.uid)}"]
    lines.append(f"FN:{_escape(contact.name)}")
    if kept.get("n") and kept.get("fn") == contact.name:
        lines.append(kept["n"])
    else:
        lines.append(_n_line(contact.name))
    if contact.aliases:
        lines.append("NICKNAME:" + ",".join(_escape(a) for a in contact.aliases))
    if contact.organisation or contact.department:
        lines.append(f"ORG:{_escape(contact.organisation)};{_escape(contact.department)}")
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    # The primary email and phone marked pref: address books (khard) re-sort properties
    # on save, and the mark is what keeps the same one primary on the next import.
    if contact.email:
        lines.append(_primary_line("EMAIL", contact.email, kept.get("email"), "email"))
    if contact.phone:
        lines.append(_primary_line("TEL", contact.phone, kept.get("phone"), "phone"))
    if contact.notes:
        lines.append(f"NOTE:{_escape(contact.notes)}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in contact.tags))
    for prop, (key, _enum) in X_ENUMS.items():
        value = getattr(contact, key)
        if value is not None:
            lines.append(f"{prop}:{value.value}")
    for prop, key in X_LISTS.items():
        lines += [f"{prop}:{_escape(value)}" for value in getattr(contact, key)]
    if contact.gains:
        lines.append(f"{X_GAINS}:{_escape(contact.gains)}")
    boss_uid = uid_of.get(contact.boss_id) if contact.boss_id is not None else None
    if boss_uid:
        lines.append(f"{X_BOSS}:{_escape(boss_uid)}")
    grouped = False
    for line in kept.get("lines") or []:
        if not isinstance(line, str):
            continue
        if boss_uid and line.upper().startswith(X_BOSS + ":"):
            continue  # an old unresolved boss; the real one was just written
        lines.append(_as_v3(line))
        grouped = grouped or bool(_group_of(line))
    lines.append("REV:" + contact.updated.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return _grouped(lines) if grouped else lines


def _primary_line(name: str, value: str, written: Any, key: str) -> str:
    """``item1.EMAIL;TYPE=INTERNET,pref:...``: in its group, with its types, marked pref."""
    group, types = "", list(DEFAULT_TYPES[key])
    if isinstance(written, dict):  # as the card it came from wrote it (see _fill)
        stored = written.get("group")
        group = stored if isinstance(stored, str) else ""
        found = written.get("types")
        if isinstance(found, list) and found and all(isinstance(v, str) for v in found):
            types = found
    return _line(group, name, [["TYPE", *types, "pref"]], _escape(value))


def _as_v3(line: str) -> str:
    """A kept line in the form a 3.0 card may carry (vCard 2.1 and 4.0 forms converted).

    Lines kept from 2.1 cards were converted when read; this covers those an older
    collab-tui kept as they came, and 4.0 forms: an inline ``data:`` PHOTO becomes
    ``ENCODING=b;TYPE=JPEG``, ``PREF=1`` becomes ``TYPE=pref``, a ``tel:`` URI a number.
    Only the primary EMAIL and TEL stay marked pref.
    """
    head = line[: line.find(":")].upper()
    name = head.split(";", 1)[0].rsplit(".", 1)[-1]
    parts = head.split(";")[1:]
    if not (
        '"' in head
        or any("=" not in part or part.split("=", 1)[0] in _NOT_V3 for part in parts)
        or (name in ("EMAIL", "TEL") and "PREF" in head)
    ):
        return line  # the common case, decided without parsing a 100 kB PHOTO
    try:
        name, params, value, group = parseLine(line)
    except ParseError:
        return line  # kept from a card that was read: cannot happen; write it as it was
    line, params, value = _modernised(line, name, params or [], value, group or "", True, 0)
    upper = name.upper()
    out: list[list[str]] = []
    for param in params:
        key = param[0].upper()
        values = param[1:]
        if key == "PREF" or (key == "TYPE" and upper in ("EMAIL", "TEL")):
            values = [v for v in values if v.lower() != "pref"]
            if key == "PREF" and param[1:] == ["1"] and upper not in ("EMAIL", "TEL"):
                out.append(["TYPE", "pref"])
            if key == "PREF" or not values:
                continue
        if key == "VALUE" and [v.lower() for v in values] == ["uri"]:
            data = _DATA_URI.match(value)
            if data:  # vCard 4.0 inline data: 3.0 base64
                out = [["ENCODING", "b"], ["TYPE", data.group(2).upper()], *out]
                value = value[data.end() :]
                continue
            if upper == "TEL" and value.lower().startswith("tel:"):
                value = value[4:]
                continue
        out.append([param[0], *values])
    return _line(group or "", name, out, value)


# Parameters a 3.0 card does not have (2.1's CHARSET and ENCODING=BASE64 or
# QUOTED-PRINTABLE, 4.0's PREF) or whose value may need converting (VALUE=uri: data).
_NOT_V3 = {"ENCODING", "CHARSET", "PREF", "VALUE"}


def _grouped(lines: list[str]) -> list[str]:
    """Lines of one group (Apple's ``item1.EMAIL`` and ``item1.X-ABLabel``) next to each
    other, where the first of them is: the label belongs to the line before it."""
    places: dict[str, list[str]] = {}
    out: list[str | list[str]] = []
    for line in lines:
        group = _group_of(line)
        if not group:
            out.append(line)
            continue
        if group not in places:
            places[group] = []
            out.append(places[group])
        places[group].append(line)
    return [line for entry in out for line in ([entry] if isinstance(entry, str) else entry)]


def _group_of(line: str) -> str:
    name = line[: line.find(":")].split(";", 1)[0]  # not split(": a PHOTO is 100 kB
    return name.split(".", 1)[0].upper() if "." in name else ""


def _n_line(name: str) -> str:
    """A structured name for a card that only has a display name (3.0 requires N)."""
    words = name.split()
    if len(words) < 2:
        return f"N:{_escape(name)};;;;"
    return f"N:{_escape(words[-1])};{_escape(' '.join(words[:-1]))};;;"


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """RFC 6350 3.2: at most 75 octets a line, never splitting a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    pieces: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)
