"""The demo data tells the worked example and exercises every part of the morning review."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from collab_tui import triage
from collab_tui.demo import DemoError, store_is_empty, write_demo
from collab_tui.model import Kind, Status
from collab_tui.store import Store

TODAY = date(2026, 11, 24)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "demo.json")
    write_demo(store, TODAY)
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
        store.items(), store.contacts(), store.interactions(), TODAY, store.settings
    )
    parts = [f.name for f in dataclasses.fields(agenda) if f.name != "date"]
    assert len(parts) == 7
    for part in parts:
        assert getattr(agenda, part), part
    quadrants = triage.matrix(store.items(), TODAY, store.settings)
    assert all(quadrants[q] for q in triage.Quadrant)


def test_items_cover_every_kind_and_status(store):
    items = store.items(active_only=False)
    assert {i.kind for i in items} == set(Kind)
    assert {i.status for i in items} == set(Status)
    assert any(i.due_history for i in items)  # something slipped
    assert any("milestones" in i.title and i.is_risk and i.review == TODAY for i in items)
    assert all("orders" in i.tags or "admin" in i.tags for i in items)


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
