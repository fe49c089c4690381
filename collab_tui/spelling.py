"""Names turned into the syllables they are searched and sorted by: pinyin for Chinese.

A text's *spelling* is one short string: its syllables separated by spaces, and where a
Chinese character has several readings, those readings separated by ``|``, the canonical
one first. ``spell("曾小明", personal=True)`` is ``"zeng|ceng xiao ming|meng"``: 曾 reads
zeng as a surname, ceng otherwise, and either reading finds the name; sorting uses the
first reading only (``canonical``). Latin words give their lowercased selves
(``"Lisa Wong"`` -> ``"lisa wong"``), digits likewise.

The store keeps these strings on each contact (``Contact.spelling``, docs/FORMAT.md), so
matching as you type reads stored syllables and never converts anything. Converting needs
pypinyin, which takes ~50 ms to import (without its phrase dictionary): it is imported
inside ``spell`` only, so ``collab add`` naming known contacts never pays for it.

Pure: no UI library, no store.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Surnames whose surname reading differs from the character's everyday reading (the one
# pypinyin gives first): 曾 is ceng in 曾经, zeng as a surname. pypinyin has no surname
# mode, so this short table decides; characters not listed read as pypinyin reads them.
SURNAMES: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "区": "ou",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "缪": "miao",
    "乐": "yue",
    "覃": "qin",
    "翟": "zhai",
    "盖": "ge",
    "尉": "yu",
    "种": "chong",
    "秘": "bi",
    "召": "shao",
    "万": "wan",
    "长": "chang",
    "重": "chong",
    "华": "hua",
    "任": "ren",
    "纪": "ji",
    "燕": "yan",
    "能": "nai",
    "员": "yun",
    "句": "gou",
    "冼": "xian",
    "洗": "xian",
    "折": "she",
    "繁": "po",
    "过": "guo",
    "宁": "ning",
    "蕃": "pi",
    "藉": "ji",
    "粘": "nian",
    "隗": "wei",
    "祭": "zhai",
}
# Two-character surnames, read together (checked before the single ones).
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "乐正": ("yue", "zheng"),
    "令狐": ("ling", "hu"),
    "皇甫": ("huang", "fu"),
    "东方": ("dong", "fang"),
    "诸葛": ("zhu", "ge"),
}
# A familiar prefix before a surname: 老曾, 小单, 阿朴 (the surname is the second character).
_FAMILIAR = frozenset("老小阿")


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extensions and compatibility forms)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _runs(text: str) -> list[tuple[bool, str]]:
    """(is Chinese, run): Chinese runs, and words of letters or digits; the rest dropped."""
    runs: list[tuple[bool, str]] = []
    current: list[str] = []
    current_han = False
    for ch in text:
        han = is_han(ch)
        if han or ch.isalnum():
            if current and han != current_han:
                runs.append((current_han, "".join(current)))
                current = []
            current_han = han
            current.append(ch)
        elif current:
            runs.append((current_han, "".join(current)))
            current = []
    if current:
        runs.append((current_han, "".join(current)))
    return runs


@lru_cache(maxsize=4096)
def spell(text: str, personal: bool = False) -> str:
    """The spelling of ``text`` (see the module docstring); ``personal``: a person's name,
    whose first character (after 老/小/阿) reads as a surname."""
    text = unicodedata.normalize("NFKC", text).casefold()
    runs = _runs(text)
    if not any(han for han, _ in runs):  # Latin only: no pinyin needed, nor imported
        return " ".join(run for _, run in runs)
    _load_pypinyin_light()
    from pypinyin import Style, lazy_pinyin, pinyin

    syllables: list[list[str]] = []
    for position, (han, run) in enumerate(runs):
        if not han:
            syllables.append([run])
            continue
        # The usual reading first (the surname's, for a name), then every other reading
        # of each character, so 行 is found by both hang and xing.
        chosen = lazy_pinyin(run, style=Style.NORMAL)
        if personal and position == 0:
            chosen = _as_surname(run, chosen)
        for ch, reading in zip(run, chosen, strict=True):
            others = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
            readings = list(dict.fromkeys([reading, *others]))
            syllables.append([r for r in readings if r.isalnum()] or [ch])
    return " ".join("|".join(readings) for readings in syllables)


def _load_pypinyin_light() -> None:
    """Without its phrase dictionary pypinyin loads in ~50 ms instead of ~250 ms and
    takes ~35 MiB less: names are not phrases (the surname table covers 长孙 and the
    like), and every reading of each character is kept for matching anyway."""
    import os

    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")


def _as_surname(run: str, chosen: list[str]) -> list[str]:
    familiar = len(run) > 1 and run[0] in _FAMILIAR and run[1] in SURNAMES
    start = 1 if familiar else 0
    chosen = list(chosen)
    pair = COMPOUND_SURNAMES.get(run[start : start + 2])
    if pair is not None:
        chosen[start : start + 2] = pair
    elif run[start] in SURNAMES:
        chosen[start] = SURNAMES[run[start]]
    return chosen


Syllables = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=8192)
def syllables(spelling: str) -> Syllables:
    """A stored spelling split up: one tuple of readings per syllable."""
    return tuple(tuple(s.split("|")) for s in spelling.split())


def canonical(spelling: str) -> tuple[str, ...]:
    """The reading a spelling sorts by: the first reading of each syllable."""
    return tuple(readings[0] for readings in syllables(spelling))


# How a query matched the syllables (smaller is better). A match that starts at a later
# syllable (``lan`` in 小蓝) ranks just below the same kind from the first one, so ``lj``
# finds 李杰 before 何磊杰.
FULL, MIXED, INITIALS = 0, 2, 4
INNER = 1


def match_syllables(query: str, spelled: Syllables) -> int | None:
    """How ``query`` (lowercase letters and digits, no spaces) matches, or None.

    It matches when it splits into pieces, each a non-empty prefix of one reading of
    consecutive syllables, starting at any syllable: 小蓝 ("xiao lan") is found by
    ``xiaolan``, ``lan`` (FULL: whole syllables), ``xiaol``, ``xlan`` (MIXED) and ``xl``
    (INITIALS: one letter each); plus INNER when it only matches from a later syllable.
    """
    if not query:
        return None
    best: int | None = None
    first = query[0]
    size = len(query)
    for start in range(len(spelled)):
        if not any(r[0] == first for r in spelled[start]):
            continue
        # position in the query -> the (all whole, all one letter) kinds of split so far
        frontier: dict[int, set[tuple[bool, bool]]] = {0: {(True, True)}}
        for readings in spelled[start:]:
            following: dict[int, set[tuple[bool, bool]]] = {}
            for at, kinds in frontier.items():
                for reading in readings:
                    longest = _common_prefix(reading, query, at)
                    for length in range(1, longest + 1):
                        whole, single = length == len(reading), length == 1
                        new = {(w and whole, s and single) for w, s in kinds}
                        end = at + length
                        if end == size:
                            for w, s in new:
                                kind = FULL if w else INITIALS if s else MIXED
                                kind += INNER if start else 0
                                best = kind if best is None else min(best, kind)
                        else:
                            following.setdefault(end, set()).update(new)
            frontier = following
            if not frontier or best == FULL:
                break
        if best == FULL:
            break
    return best


def spells_whole(query: str, spelled: Syllables) -> bool:
    """Is ``query`` the whole text spelled out, every syllable in full (``xiaolan``)?"""
    if not spelled:
        return False
    ends = {0}
    for readings in spelled:
        ends = {at + len(r) for at in ends for r in readings if query.startswith(r, at)}
        if not ends:
            return False
    return len(query) in ends


def _common_prefix(reading: str, query: str, at: int) -> int:
    n = 0
    limit = min(len(reading), len(query) - at)
    while n < limit and reading[n] == query[at + n]:
        n += 1
    return n
