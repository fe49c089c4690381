"""Finding contacts by what people type: a name, an alias, pinyin, initials or a substring.

A query matches a contact, best first (the *rank*):

1. EXACT: it is the name or an alias (case, width and spacing ignored);
2. PREFIX: it starts the name or an alias (``Li`` for Lisa, ``小`` for 小蓝);
3. PINYIN: whole syllables of the name, an alias or the department (``xiaolan``, ``lan``,
   ``xiao lan``, ``XiaoLan``);
4. MIXED: syllables and prefixes of syllables (``xiaol``, ``xlan``);
5. INITIALS: one letter per syllable (``xl``);

   within each of 3-5, a match from the first syllable before one from a later syllable
   (``lj``: 李杰 before 何磊杰; ``lan``: 蓝天 before 小蓝);
6. SUBSTRING: it occurs in the name, an alias, the department or the title (``蓝``).

The pinyin ranks read the syllables stored on the contact (``Contact.spelling``), so a
keystroke costs no conversion; a contact saved before spellings existed is converted once
per process (``spelling.spell`` caches) and stored at its next save.

``find`` is how one name resolves (``@name``, ``collab who``): the best rank that anyone
reaches decides, and several contacts at that rank are ambiguous. It tries the ranks in
order, so an exact or prefix match never needs pypinyin. Pure: no UI library, no store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from collab_tui import spelling as sp
from collab_tui.model import Contact

# PINYIN + spelling's match kind (FULL, MIXED, INITIALS, each + INNER) gives 2 to 7.
EXACT, PREFIX, PINYIN, MIXED, INITIALS, SUBSTRING = 0, 1, 2, 4, 6, 8


def fold(text: str) -> str:
    """How names compare: NFKC (full-width = half-width), case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _letters(folded: str) -> str:
    """The query as pinyin: spaces and apostrophes (xi'an) dropped; '' if not letters."""
    letters = folded.replace(" ", "").replace("'", "")
    return letters if letters.isascii() and letters.isalnum() else ""


# --- the stored keys ---------------------------------------------------------------------


def spelled_texts(contact: Contact) -> dict[str, bool]:
    """The texts a contact's spelling covers -> whether each is a person's name."""
    texts = dict.fromkeys(contact.names, True)
    if contact.department and contact.department not in texts:
        texts[contact.department] = False
    texts.pop("", None)
    return texts


def refresh_spelling(contact: Contact) -> Contact:
    """Bring ``contact.spelling`` up to date, in place: the store calls it on every save.

    Only texts without a stored spelling are converted (pypinyin is imported then and
    only then); entries for texts no longer used (an old name) are dropped.
    """
    texts = spelled_texts(contact)
    stored = contact.spelling
    if len(stored) == len(texts) and all(text in stored for text in texts):
        return contact
    contact.spelling = {
        text: stored.get(text) or sp.spell(text, personal) for text, personal in texts.items()
    }
    return contact


def spelling_of(contact: Contact, text: str, personal: bool = True) -> str:
    """The stored spelling of one of the contact's texts (converted if missing)."""
    return contact.spelling.get(text) or sp.spell(text, personal)


def sort_key(contact: Contact) -> tuple[tuple[str, ...], str, int]:
    """Contacts sort by pinyin: 刘经理 (liu), 小蓝 (xiao lan), 小明, 小张, 赵总 (zhao);
    Latin names interleave by their lowercase spelling (Lisa between 刘 and 小)."""
    return (sp.canonical(spelling_of(contact, contact.name)), fold(contact.name), contact.id)


def sort_contacts(contacts: Iterable[Contact]) -> list[Contact]:
    return sorted(contacts, key=sort_key)


# --- matching ------------------------------------------------------------------------------


def _name_rank(query: str, names: list[str]) -> int | None:
    """``query`` against a contact's name and aliases."""
    best = None
    for name in names:
        folded = fold(name)
        if folded == query:
            return EXACT
        if folded.startswith(query):
            best = PREFIX
    return best


def _pinyin_rank(
    letters: str, texts: dict[str, bool], spelling: dict[str, str], names_only: bool
) -> int | None:
    """``letters`` against the syllables of ``texts`` (``spelled_texts``), read from the
    stored ``spelling`` (``spelling_of``)."""
    best = None
    for text, personal in texts.items():
        if names_only and not personal:
            continue
        spelled = spelling.get(text) or sp.spell(text, personal)
        kind = sp.match_syllables(letters, sp.syllables(spelled))
        if kind is not None and (best is None or PINYIN + kind < best):
            best = PINYIN + kind
            if best == PINYIN:
                break
    return best


def _substring_rank(query: str, contact: Contact) -> int | None:
    texts = (*contact.names, contact.department, contact.title)
    return SUBSTRING if any(query in fold(text) for text in texts) else None


def rank(query: str, contact: Contact, names_only: bool = False) -> int | None:
    """How well ``query`` matches ``contact`` (see the module docstring); None: not at all.

    ``names_only``: the name and aliases only, and no substring (how ``@name`` resolves).
    """
    folded = fold(query)
    if not folded:
        return None
    found = _name_rank(folded, contact.names)
    if found is not None:
        return found
    letters = _letters(folded)
    if letters:
        found = _pinyin_rank(letters, spelled_texts(contact), contact.spelling, names_only)
        if found is not None:
            return found
    return None if names_only else _substring_rank(folded, contact)


def may_name(query: str, doc: dict[str, Any]) -> bool:
    """Whether ``@query`` can resolve to the contact stored as ``doc`` (its dict form):
    ``rank(query, Contact.from_dict(doc), names_only=True) is not None``, read without
    building the contact. Only a contact that matches can be what ``find`` returns, so
    `collab add` builds just those (building all of 300 contacts cost it ~5 ms).
    """
    folded = fold(query)
    if not folded:
        return False
    names = [doc["name"], *doc.get("aliases", ())]
    if _name_rank(folded, names) is not None:
        return True
    letters = _letters(folded)
    if not letters:
        return False
    texts = dict.fromkeys(names, True)  # spelled_texts, names only
    texts.pop("", None)
    return _pinyin_rank(letters, texts, doc.get("spelling") or {}, names_only=True) is not None


class Index:
    """Contacts made ready for filtering as you type: names folded and syllables split
    once, so a keystroke costs string tests only (``matching``)."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        # (id, folded names and aliases, (syllables, is a name), the first letters of
        # their readings, folded texts for substrings)
        self.entries: list[_Entry] = []
        for c in contacts:
            names = tuple(fold(n) for n in c.names)
            spelled = tuple(
                (sp.syllables(spelling_of(c, text, personal)), personal)
                for text, personal in spelled_texts(c).items()
            )
            firsts = frozenset(r[0] for syl, _ in spelled for readings in syl for r in readings)
            texts = "\n".join((*names, fold(c.department), fold(c.title)))
            self.entries.append((c.id, names, spelled, firsts, texts))
        # The last query and the entries it found: a query typed on from it can only find
        # fewer (each rule holds for a prefix of what it matches), so it looks at those.
        self._last: tuple[str, list[_Entry]] | None = None

    def matching(self, query: str) -> tuple[frozenset[int], frozenset[int]]:
        """(the ids ``query`` finds at any rank, those it finds by a name or an alias or
        their pinyin): the same matches as ``rank`` and ``rank(names_only=True)``."""
        folded = fold(query)
        if not folded:
            return frozenset(), frozenset()
        entries = self.entries
        if self._last is not None and folded.startswith(self._last[0]):
            entries = self._last[1]
        letters = _letters(folded)
        anything: list[int] = []
        by_name: list[int] = []
        found_entries: list[_Entry] = []
        for entry in entries:
            contact_id, names, spelled, firsts, texts = entry
            if any(name.startswith(folded) for name in names):
                by_name.append(contact_id)
                found_entries.append(entry)
                continue
            if letters and letters[0] in firsts:  # a match starts a syllable's reading
                found = [p for syl, p in spelled if sp.match_syllables(letters, syl) is not None]
                if found:
                    (by_name if any(found) else anything).append(contact_id)
                    found_entries.append(entry)
                    continue
            if folded in texts:
                anything.append(contact_id)
                found_entries.append(entry)
        self._last = (folded, found_entries)
        return frozenset(anything + by_name), frozenset(by_name)


# (id, folded names and aliases, (syllables, is a name), first letters, folded texts)
_Entry = tuple[int, tuple[str, ...], tuple[tuple[sp.Syllables, bool], ...], frozenset[str], str]


def search(query: str, contacts: Iterable[Contact]) -> list[Contact]:
    """Every contact the query matches, best rank first, then in pinyin order."""
    ranked = [(r, c) for c in contacts if (r := rank(query, c)) is not None]
    ranked.sort(key=lambda pair: (pair[0], sort_key(pair[1])))
    return [c for _, c in ranked]


def find(query: str, contacts: list[Contact], names_only: bool = False) -> list[Contact]:
    """The contacts at the best rank anyone reaches (one: found; several: ambiguous).

    ``names_only``: name and aliases, no substring (how ``@name`` resolves).

    The ranks are tried in order across all contacts, so a name typed exactly never
    reads a spelling, and a query that is not letters never reads one either.
    """
    folded = fold(query)
    if not folded:
        return []
    tiers: list[list[tuple[int, Contact]]] = [
        [(r, c) for c in contacts if (r := _name_rank(folded, c.names)) is not None]
    ]
    letters = _letters(folded)
    if letters:
        tiers.append(
            [
                (r, c)
                for c in contacts
                if (r := _pinyin_rank(letters, spelled_texts(c), c.spelling, names_only))
                is not None
            ]
        )
    if not names_only:
        tiers.append([(r, c) for c in contacts if (r := _substring_rank(folded, c)) is not None])
    for tier in tiers:
        if tier:
            best = min(r for r, _ in tier)
            return sort_contacts(c for r, c in tier if r == best)
    return []


def spelled_out(query: str, contacts: list[Contact]) -> list[Contact]:
    """The contacts whose name or an alias ``query`` spells in full pinyin (``xiaolan``,
    ``xiao lan`` for 小蓝; not ``xl``, not ``lan``): ``collab contact`` updates such a
    contact and creates any other name."""
    letters = _letters(fold(query))
    if not letters:
        return []
    return sort_contacts(
        c
        for c in contacts
        if any(sp.spells_whole(letters, sp.syllables(spelling_of(c, name))) for name in c.names)
    )


def closest(query: str, contacts: list[Contact], limit: int = 3) -> list[Contact]:
    """The contacts whose name, alias or pinyin looks most like ``query`` (for "did you
    mean"), most alike first."""
    import difflib  # only when nothing matched

    by_key: dict[str, Contact] = {}
    for contact in contacts:
        for text, personal in spelled_texts(contact).items():
            if not personal:
                continue
            by_key.setdefault(fold(text), contact)
            spelled = sp.canonical(spelling_of(contact, text, personal))
            by_key.setdefault("".join(spelled), contact)
    keys = difflib.get_close_matches(fold(query).replace(" ", ""), by_key, n=limit * 3, cutoff=0.5)
    found: list[Contact] = []
    for key in keys:
        if by_key[key] not in found:
            found.append(by_key[key])
    return found[:limit]
