"""The demo data tells the worked example and exercises every part of the morning review,
in English and in Chinese, with the same shape in both."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, time, timedelta

import pytest

from collab_tui import actions, triage, words
from collab_tui.demo import ZH_TAGS, DemoError, store_is_empty, write_demo
from collab_tui.model import Kind, Status
from collab_tui.store import Store

TODAY = date(2026, 11, 24)
LANGUAGES = ("en", "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _demo(path, language: str) -> Store:
    store = Store.open(path)
    write_demo(store, TODAY, language=language)
    return store


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture
def store(tmp_path, language):
    store = _demo(tmp_path / "demo.json", language)
    yield store
    store.close()


@pytest.fixture
def zh_store(tmp_path):
    store = _demo(tmp_path / "zh.json", "zh")
    yield store
    store.close()


def test_people_of_the_example(store):
    by_name = {c.name: c for c in store.contacts()}
    for name in ("小张", "小蓝", "小明", "周工"):
        assert name in by_name
        contact = by_name[name]
        assert contact.kpis and contact.concerns and contact.gains and contact.department
    assert by_name["小蓝"].aliases == ["Lan"]
    assert by_name["小蓝"].boss_id == by_name["刘经理"].id
    brief = triage.brief(
        by_name["小蓝"].id, store.items(), store.contacts(), store.interactions(), TODAY
    )
    assert [b.name for b in brief.boss_chain] == ["刘经理"]
    assert brief.i_owe and brief.they_owe and brief.risks
    assert len(brief.last_interactions) == 3


def test_meetings_are_in_the_past_and_linked_both_ways(store):
    interactions = store.interactions()
    meetings = [i for i in interactions if i.kind.value == "meeting"]
    assert len(meetings) == 4
    assert all(i.date < TODAY and i.decisions for i in interactions)
    items = {i.id: i for i in store.items(active_only=False)}
    for interaction in interactions:
        for item_id in interaction.item_ids:
            assert items[item_id].interaction_id == interaction.id
    linked = [i for i in items.values() if i.interaction_id is not None]
    assert all(i.id in store.interaction(i.interaction_id).item_ids for i in linked)


def test_every_part_of_the_review_has_something(store):
    agenda = triage.agenda(
        store.items(),
        store.contacts(),
        store.interactions(),
        TODAY,
        store.settings,
        meetings=store.meetings(),
        clock=time(9, 0),
    )
    parts = [f.name for f in dataclasses.fields(agenda) if f.name != "date"]
    assert len(parts) == 10
    for part in parts:
        assert getattr(agenda, part), part
    quadrants = triage.matrix(store.items(), TODAY, store.settings)
    assert all(quadrants[q] for q in triage.Quadrant)


def test_items_cover_every_kind_and_status(store, language):
    milestones = {"en": "milestones", "zh": "关键节点"}[language]
    orders, admin = ("orders", "admin") if language == "en" else (ZH_TAGS["orders"], "杂事")
    items = store.items(active_only=False)
    assert {i.kind for i in items} == set(Kind)
    assert {i.status for i in items} == set(Status)
    assert any(i.due_history for i in items)  # something slipped
    assert any(milestones in i.title and i.is_risk and i.review == TODAY for i in items)
    assert all(orders in i.tags or admin in i.tags for i in items)


def test_dated_relative_to_today(tmp_path):
    later = date(2027, 3, 1)
    with Store.open(tmp_path / "later.json") as store:
        write_demo(store, later)
        assert max(i.date for i in store.interactions()) < later
        agenda = triage.agenda(
            store.items(), store.contacts(), store.interactions(), later, store.settings
        )
        assert agenda.overdue and agenda.due_today


def test_refuses_a_store_that_holds_data(store):
    assert not store_is_empty(store)
    count = len(store.contacts())
    with pytest.raises(DemoError, match="holds data"):
        write_demo(store, TODAY)
    assert len(store.contacts()) == count


# --- the Chinese demo ------------------------------------------------------------------


def _texts(store: Store) -> dict[str, list[str]]:
    """Every text a PM typed into the demo, by the field it is in."""
    contacts = store.contacts()
    items = store.items(active_only=False)
    interactions = store.interactions()
    return {
        "department": [c.department for c in contacts],
        "title": [c.title for c in contacts],
        "kpis": [k for c in contacts for k in c.kpis],
        "concerns": [k for c in contacts for k in c.concerns],
        "gains": [c.gains for c in contacts],
        "contact notes": [c.notes for c in contacts if c.notes],
        "item title": [i.title for i in items],
        "item notes": [i.notes for i in items if i.notes],
        "mitigation": [i.mitigation for i in items if i.mitigation],
        "summary": [i.summary for i in interactions],
        "decisions": [d for i in interactions for d in i.decisions],
    }


def test_chinese_demo_is_written_in_chinese(zh_store):
    for field, texts in _texts(zh_store).items():
        assert texts, field
        for text in texts:
            assert CJK.search(text), f"{field}: {text!r}"
    departments = {c.department for c in zh_store.contacts()}
    assert "支付部（A部门）" in departments
    assert "审批时效" in [k for c in zh_store.contacts() for k in c.kpis]
    # Tags are Chinese, and one word per idea across every record.
    tags = {
        tag
        for records in (zh_store.contacts(), zh_store.items(False), zh_store.interactions())
        for record in records
        for tag in record.tags
    }
    assert tags and tags <= set(ZH_TAGS.values())
    assert not any(re.search("[A-Za-z]", tag) for tag in tags)
    # Names and the Latin aliases that find them stay as they are.
    assert {c.name: c.aliases for c in zh_store.contacts()}["小蓝"] == ["Lan"]


def _shape(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Everything but the words: ids, kinds, dates, links, people's roles, tag counts."""
    return {
        "contacts": [
            (c.id, c.name, c.aliases, c.boss_id, c.level, c.side, c.flow, c.stance)
            + (len(c.kpis), len(c.concerns), len(c.tags), c.email, c.phone, c.created)
            for c in store.contacts()
        ],
        "items": [
            (i.id, i.kind, i.status, i.due, i.review, i.important, i.contact_ids)
            + (i.interaction_id, i.due_history, i.likelihood, i.impact, len(i.tags))
            + (i.created, i.closed)
            for i in store.items(active_only=False)
        ],
        "interactions": [
            (i.id, i.date, i.kind, i.contact_ids, i.item_ids, len(i.decisions), len(i.tags))
            for i in store.interactions()
        ],
    }


def test_both_languages_have_the_same_shape(tmp_path):
    with _demo(tmp_path / "en.json", "en") as en, _demo(tmp_path / "zh.json", "zh") as zh:
        assert _shape(zh) == _shape(en)
        assert len(zh.items(False)) == 18 and len(zh.interactions()) == 5
        # Each English tag has one Chinese tag, the same on every record.
        pairs = {
            (e, z)
            for left, right in ((en.items(False), zh.items(False)), (en.contacts(), zh.contacts()))
            for a, b in zip(left, right, strict=True)
            for e, z in zip(a.tags, b.tags, strict=True)
        }
        assert pairs == {(e, ZH_TAGS[e]) for e, _ in pairs}
        # The English texts are not in the Chinese demo, and the other way round.
        english, chinese = _texts(en), _texts(zh)
        for field in english:
            assert not set(english[field]) & set(chinese[field]), field
            assert not any(CJK.search(text) for text in english[field]), field


def test_the_interface_language_decides_by_default(tmp_path, monkeypatch):
    monkeypatch.setattr(words, "language", lambda: "zh")
    with Store.open(tmp_path / "demo.json") as store:
        write_demo(store, TODAY)
        assert all(CJK.search(i.title) for i in store.items(False))
    with Store.open(tmp_path / "other.json") as store:
        write_demo(store, TODAY, language="en")  # an explicit choice wins
        assert not any(CJK.search(i.title) for i in store.items(False))


def test_a_language_with_no_demo_gets_english(tmp_path):
    with Store.open(tmp_path / "demo.json") as store:
        write_demo(store, TODAY, language="fr")
        assert "approval-status API definition" in [i.title for i in store.items(False)]


def test_chinese_capture_lines_find_the_demo_people_and_tags(zh_store):
    # The Chinese example in docs/CAPTURE.md, with a tag of the demo's.
    line = (
        "会议：@小蓝 @小明 确认接口方案；决定：不新增接口；"
        "我欠：重新测试支付流程 截止：周五 ！ #订单"
    )
    result = actions.capture(zh_store, line, TODAY)
    assert result.new_contacts == []
    meeting, item = result.records
    names = {c.id: c.name for c in zh_store.contacts()}
    assert [names[i] for i in meeting.contact_ids] == ["小蓝", "小明"]
    assert meeting.decisions == ["不新增接口"]
    assert item.tags == ["订单"] and item.important and item.due == date(2026, 11, 27)
    tagged = [i for i in zh_store.items() if "订单" in i.tags]
    assert item in tagged and len(tagged) > 1  # the demo's own #订单 items too
    # The Latin aliases still find people in the Chinese demo.
    again = actions.capture(zh_store, "等待：审批结果 @Lan 截止：明天 ＃审批", TODAY)
    assert again.new_contacts == [] and names[again.records[0].contact_ids[0]] == "小蓝"


def test_the_playbook_parts_of_the_example(store, language):
    """Today's meeting with 小蓝 and 小明, yesterday's awaiting its outcome, a weekly
    status report, and the retest blocked by Lan's fix."""
    meetings = sorted(store.meetings(), key=lambda m: m.date)
    names = {c.id: c.name for c in store.contacts()}
    assert [(m.date, m.time) for m in meetings] == [
        (TODAY - timedelta(days=1), "16:00"),
        (TODAY, "15:00"),
    ]
    assert sorted(names[i] for i in meetings[1].contact_ids) == ["小明", "小蓝"]
    items = store.items()
    weekly = [i for i in items if i.every is not None]
    assert [(i.every, "report" in i.tags or "汇报" in i.tags) for i in weekly] == [("week", True)]
    blocked = [i for i in items if i.after]
    assert len(blocked) == 1
    fix = store.item(blocked[0].after[0])
    assert fix is not None and fix.kind.value == "wait" and fix.is_open
    assert {"en": "retest", "zh": "重测"}[language] in blocked[0].title
