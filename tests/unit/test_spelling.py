"""Pinyin spellings, the contact matcher, pinyin order, and where the keys are stored."""

from __future__ import annotations

from datetime import date

import pytest

from collab_tui import actions, lookup
from collab_tui.capture import AmbiguousName, resolve_name
from collab_tui.model import Contact
from collab_tui.spelling import (
    FULL,
    INITIALS,
    INNER,
    MIXED,
    canonical,
    match_syllables,
    spell,
    syllables,
)

TODAY = date(2026, 11, 24)


# --- syllables ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("曾小明", "zeng"),
        ("单雄信", "shan"),
        ("区志明", "ou"),
        ("解晓东", "xie"),
        ("仇英", "qiu"),
        ("朴树", "piao"),
        ("查良镛", "zha"),
        ("翟天临", "zhai"),
        ("覃海", "qin"),
    ],
)
def test_a_surname_reads_as_a_surname(name, reading):
    assert canonical(spell(name, personal=True))[0] == reading


def test_the_everyday_reading_is_kept_for_matching():
    # 曾 sorts as zeng but ceng still finds it; outside a name it reads ceng first.
    assert spell("曾小明", personal=True) == "zeng|ceng xiao ming|meng"
    assert canonical(spell("曾经", personal=False))[0] == "ceng"
    assert syllables(spell("单雄信", personal=True))[0] == ("shan", "dan", "chan")


def test_familiar_prefix_and_compound_surnames():
    assert canonical(spell("老曾", personal=True)) == ("lao", "zeng")
    assert canonical(spell("小单", personal=True)) == ("xiao", "shan")
    assert canonical(spell("长孙无忌", personal=True))[:2] == ("zhang", "sun")
    assert canonical(spell("尉迟恭", personal=True))[:2] == ("yu", "chi")


def test_latin_and_mixed_names():
    assert spell("Lisa Wong", personal=True) == "lisa wong"
    assert canonical(spell("Ｌｉｓａ王", personal=True)) == ("lisa", "wang")
    assert spell("Dept B (approvals)") == "dept b approvals"


# --- the syllable matcher ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("xiaolan", FULL),
        ("lan", FULL + INNER),  # whole syllables, from the second one
        ("l", INITIALS + INNER),
        ("xiaol", MIXED),
        ("xlan", MIXED),
        ("xl", INITIALS),
        ("x", INITIALS),
        ("xiaolanx", None),
        ("iao", None),
        ("lx", None),  # syllables in order only
    ],
)
def test_match_syllables(query, kind):
    assert match_syllables(query, syllables(spell("小蓝", personal=True))) == kind


# --- contacts: rank, find, order -------------------------------------------------------------


def people() -> list[Contact]:
    named = [
        Contact(name="小张", aliases=["Zhang"], department="支付部", title="Payment engineer"),
        Contact(name="小蓝", aliases=["Lan"], department="审批部", title="Approval owner"),
        Contact(name="小明", aliases=["Ming"], department="订单部"),
        Contact(name="刘经理", department="审批部"),
        Contact(name="赵总", title="Director"),
        Contact(name="Lisa Wong"),
    ]
    for number, contact in enumerate(named, start=1):
        contact.id = number
        lookup.refresh_spelling(contact)
    return named


def names(found: list[Contact]) -> list[str]:
    return [c.name for c in found]


@pytest.mark.parametrize(
    "query", ["xiaolan", "xl", "xiaol", "xlan", "XiaoLan", "xiao lan", "XL", "蓝", "Lan", "小蓝"]
)
def test_every_query_form_finds_xiaolan(query):
    assert names(lookup.find(query, people())) == ["小蓝"]


def test_ranks_follow_the_documented_order():
    lan = people()[1]
    assert lookup.rank("小蓝", lan) == lookup.EXACT
    assert lookup.rank("lan", lan) == lookup.EXACT  # the alias
    assert lookup.rank("小", lan) == lookup.PREFIX
    assert lookup.rank("xiaolan", lan) == lookup.PINYIN
    assert lookup.rank("xlan", lan) == lookup.MIXED
    assert lookup.rank("xl", lan) == lookup.INITIALS
    assert lookup.rank("蓝", lan) == lookup.SUBSTRING
    assert lookup.rank("approval", lan) == lookup.SUBSTRING  # the title
    assert lookup.rank("spb", lan) == lookup.INITIALS  # the department, 审批部
    assert lookup.rank("zzz", lan) is None


def test_a_match_from_the_first_syllable_comes_first():
    li_jie, he_leijie = Contact(name="李杰", id=1), Contact(name="何磊杰", id=2)
    for contact in (li_jie, he_leijie):
        lookup.refresh_spelling(contact)
    assert names(lookup.find("lj", [he_leijie, li_jie])) == ["李杰"]
    assert names(lookup.search("lj", [he_leijie, li_jie])) == ["李杰", "何磊杰"]
    # The same kind from a later syllable still finds someone when nobody else matches.
    assert names(lookup.find("lj", [he_leijie])) == ["何磊杰"]


def test_search_lists_best_first_then_in_pinyin_order():
    assert names(lookup.search("xiao", people())) == ["小蓝", "小明", "小张"]
    # 审批部 is both 小蓝's and 刘经理's department
    assert names(lookup.search("审批", people())) == ["刘经理", "小蓝"]


def test_several_at_the_best_rank_are_ambiguous():
    assert names(lookup.find("xiao", people())) == ["小蓝", "小明", "小张"]
    assert names(lookup.find("x", people())) == ["小蓝", "小明", "小张"]


def test_pinyin_sort_order():
    ordered = lookup.sort_contacts(reversed(people()))
    assert names(ordered) == ["Lisa Wong", "刘经理", "小蓝", "小明", "小张", "赵总"]


def test_closest_names_for_a_miss():
    assert "小蓝" in names(lookup.closest("xiaolam", people()))
    assert names(lookup.closest("qqqqqq", people())) == []


# --- @name resolution --------------------------------------------------------------------


def test_at_name_resolves_a_unique_pinyin_match():
    assert resolve_name("xiaolan", people()).name == "小蓝"
    assert resolve_name("zz", people()).name == "赵总"
    assert resolve_name("蓝", people()) is None  # no substrings for @name: a new contact
    assert resolve_name("spb", people()) is None  # nor departments


def test_at_name_is_ambiguous_on_several_pinyin_matches():
    with pytest.raises(AmbiguousName, match="小蓝.*小明.*小张"):
        resolve_name("xiao", people())


def test_an_exact_name_wins_over_pinyin():
    contacts = people()
    xl = Contact(name="XL", id=9)
    lookup.refresh_spelling(xl)
    assert resolve_name("xl", [*contacts, xl]).name == "XL"
    assert resolve_name("xl", contacts).name == "小蓝"


# --- stored keys ------------------------------------------------------------------------------


def test_the_store_saves_the_spelling(store):
    lan, _ = actions.upsert_contact(store, "小蓝", aliases=["Lan"], department="审批部")
    stored = store.contact(lan.id)
    assert stored.spelling == {"小蓝": "xiao lan|la", "Lan": "lan", "审批部": "shen pi bu|pou"}
    renamed = actions.save_contact(store, stored, {"name": "曾蓝", "department": ""})
    assert store.contact(renamed.id).spelling == {"曾蓝": "zeng|ceng lan|la", "Lan": "lan"}


def test_a_contact_without_keys_is_still_found_and_gets_them_on_save(store):
    lan = store.add(Contact(name="小蓝"))
    lan.spelling = {}  # as a record written before spellings existed holds it
    assert lookup.find("xl", [lan]) == [lan]
    assert lookup.sort_key(lan)[0] == ("xiao", "lan")
    assert store.update(lan).spelling == {"小蓝": "xiao lan|la"}


def test_capture_resolves_pinyin_and_creates_others(store):
    lan, _ = actions.upsert_contact(store, "小蓝")
    result = actions.capture(store, "wait: 审批结果 @xiaolan", TODAY)
    assert result.records[0].contact_ids == [lan.id]
    assert not result.new_contacts
    result = actions.capture(store, "owe: x @王五", TODAY)
    assert [c.name for c in result.new_contacts] == ["王五"]
    assert store.contact(result.new_contacts[0].id).spelling == {"王五": "wang|yu wu"}


def test_collab_contact_updates_by_pinyin_but_creates_a_new_prefix(store):
    lan, _ = actions.upsert_contact(store, "小蓝")
    again, created = actions.upsert_contact(store, "xiaolan", title="owner")
    assert not created and again.id == lan.id and again.title == "owner"
    actions.upsert_contact(store, "Lisa")
    actions.upsert_contact(store, "李明")
    li, created = actions.upsert_contact(store, "Li")
    assert created and li.name == "Li"
    ming, created = actions.upsert_contact(store, "li ming", title="x")
    assert not created and ming.name == "李明"


def test_find_contact_suggests_the_closest_names(store):
    actions.upsert_contact(store, "小蓝")
    with pytest.raises(
        actions.ActionError, match=r"no contact called 'xiaolam'; did you mean 小蓝"
    ):
        actions.find_contact("xiaolam", store.contacts())


@pytest.mark.parametrize("query", ["xl", "xiao", "lan", "蓝", "spb", "审批", "approval", "zz", "q"])
def test_the_index_finds_what_rank_finds(query):
    contacts = people()
    anything, by_name = lookup.Index(contacts).matching(query)
    assert anything == {c.id for c in contacts if lookup.rank(query, c) is not None}
    assert by_name == {c.id for c in contacts if lookup.rank(query, c, names_only=True) is not None}


@pytest.mark.parametrize(
    "query", ["xl", "xiao", "lan", "Lan", "蓝", "小", "小蓝", "spb", "审批", "lisa w", "zz", ""]
)
def test_may_name_on_the_dict_form_agrees_with_rank(query):
    """`collab add` builds only the contacts ``may_name`` accepts: exactly those a name
    can resolve to, a contact without stored spellings included."""
    contacts = people()
    contacts[0].spelling = {}  # as a record written before spellings existed holds it
    for contact in contacts:
        expected = lookup.rank(query, contact, names_only=True) is not None
        assert lookup.may_name(query, contact.to_dict()) is expected, (query, contact.name)


def test_capture_builds_only_the_contacts_its_names_can_mean(store, monkeypatch):
    for name in ("小蓝", "小张", "Lisa Wong", "刘经理"):
        actions.upsert_contact(store, name)
    built: list[str] = []
    from_dict = Contact.from_dict.__func__  # type: ignore[attr-defined]

    def counting(cls, data):  # type: ignore[no-untyped-def]
        built.append(data["name"])
        return from_dict(cls, data)

    monkeypatch.setattr(Contact, "from_dict", classmethod(counting))
    result = actions.capture(store, "owe: spec @xl @Lisa @王五", TODAY)
    assert sorted(built) == ["Lisa Wong", "小蓝"]
    assert [c.name for c in result.new_contacts] == ["王五"]
    lan, lisa = (c.id for c in store.contacts() if c.name in ("小蓝", "Lisa Wong"))
    assert result.records[0].contact_ids[:2] == [lan, lisa]


@pytest.mark.parametrize("typed", ["xiaolan", "zhang w", "spb", "审批部", "lanx", "approval"])
def test_the_index_typed_into_key_by_key_finds_what_a_fresh_one_finds(typed):
    """Each key narrows the last query's matches; a deleted key searches them all again."""
    contacts = people()
    index = lookup.Index(contacts)
    steps = [typed[:n] for n in range(1, len(typed) + 1)]
    steps += [typed[:n] for n in range(len(typed) - 1, 0, -1)]  # then deleted key by key
    for query in [*steps, typed, "x", ""]:
        assert index.matching(query) == lookup.Index(contacts).matching(query), query
