"""Quadrants, the daily agenda and the brief, on the worked example (today Mon 23 Nov 2026)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from collab_tui.model import Contact, Interaction, Item, Kind, Settings, Status
from collab_tui.triage import (
    Agenda,
    ColdContact,
    Quadrant,
    agenda,
    brief,
    is_important,
    is_urgent,
    last_contact_dates,
    matrix,
    quadrant,
)

TODAY = date(2026, 11, 23)
SETTINGS = Settings()  # horizon 2 days, cold after 14 days


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- quadrants ------------------------------------------------------------------------


def test_quadrant_labels_and_values():
    assert [q.value for q in Quadrant] == ["do_now", "schedule", "delegate", "drop"]
    assert [q.label for q in Quadrant] == ["Do now", "Schedule", "Delegate", "Drop"]


@pytest.mark.parametrize(
    ("due", "urgent"),
    [(None, False), (days(-5), True), (days(0), True), (days(2), True), (days(3), False)],
)
def test_urgency_from_the_due_date(due, urgent):
    assert is_urgent(Item("x", due=due), TODAY, SETTINGS) is urgent


def test_horizon_is_a_setting():
    item = Item("x", due=days(5))
    assert not is_urgent(item, TODAY, SETTINGS)
    assert is_urgent(item, TODAY, Settings(urgency_horizon_days=5))


def test_urgent_override_wins_both_ways():
    assert is_urgent(Item("x", urgent=True), TODAY, SETTINGS)
    assert not is_urgent(Item("x", urgent=False, due=days(-1)), TODAY, SETTINGS)


def test_risks_are_important_and_scheduled_until_review_or_occurrence():
    risk = Item("approval API may slip", kind=Kind.RISK)
    assert is_important(risk)
    assert quadrant(risk, TODAY, SETTINGS) is Quadrant.SCHEDULE
    risk.review = days(10)
    assert quadrant(risk, TODAY, SETTINGS) is Quadrant.SCHEDULE
    risk.review = days(2)
    assert quadrant(risk, TODAY, SETTINGS) is Quadrant.DO_NOW
    late = Item("r", kind=Kind.RISK, due=days(1))
    assert quadrant(late, TODAY, SETTINGS) is Quadrant.DO_NOW
    happened = Item("r", kind=Kind.RISK, status=Status.OCCURRED, review=days(30))
    assert quadrant(happened, TODAY, SETTINGS) is Quadrant.DO_NOW


def test_all_four_quadrants():
    assert quadrant(Item("x", important=True, due=days(1)), TODAY, SETTINGS) is Quadrant.DO_NOW
    assert quadrant(Item("x", important=True), TODAY, SETTINGS) is Quadrant.SCHEDULE
    assert quadrant(Item("x", due=days(1)), TODAY, SETTINGS) is Quadrant.DELEGATE
    assert quadrant(Item("x"), TODAY, SETTINGS) is Quadrant.DROP


def test_matrix_has_every_quadrant_active_items_only_sorted():
    items = [
        Item("undated", id=1, important=True),
        Item("later", id=2, important=True, due=days(9)),
        Item("sooner", id=5, important=True, due=days(4)),
        Item("same day, lower id", id=3, important=True, due=days(4)),
        Item("risk by review", id=4, kind=Kind.RISK, review=days(6)),
        Item("done", id=6, important=True, status=Status.DONE),
        Item("dropped", id=7, status=Status.DROPPED),
    ]
    result = matrix(items, TODAY, SETTINGS)
    assert list(result) == list(Quadrant)
    assert [i.id for i in result[Quadrant.SCHEDULE]] == [3, 5, 4, 2, 1]
    assert result[Quadrant.DO_NOW] == result[Quadrant.DELEGATE] == result[Quadrant.DROP] == []


def test_last_contact_dates():
    log = [
        Interaction(days(-10), contact_ids=[1, 2]),
        Interaction(days(-3), contact_ids=[2]),
        Interaction(days(-20), contact_ids=[2, 3]),
    ]
    assert last_contact_dates(log) == {1: days(-10), 2: days(-3), 3: days(-20)}
    assert last_contact_dates([]) == {}


# --- the worked example -----------------------------------------------------------------

ZHANG, LAN, MING, LAN_BOSS, MING_BOSS, ARCHITECT = 1, 2, 3, 4, 5, 6


def people() -> list[Contact]:
    return [
        Contact("小张", id=ZHANG, aliases=["Zhang"], department="A"),
        Contact("小蓝", id=LAN, aliases=["Lan"], department="B", boss_id=LAN_BOSS),
        Contact("小明", id=MING, aliases=["Ming"], department="C", boss_id=MING_BOSS),
        Contact("蓝总", id=LAN_BOSS, department="B", boss_id=MING_BOSS),
        Contact("明总", id=MING_BOSS, department="C"),
        Contact("架构师", id=ARCHITECT, department="A", boss_id=ZHANG),
    ]


def log() -> list[Interaction]:
    return [
        Interaction(days(-28), "approval-status API requested", id=1, contact_ids=[ZHANG, LAN]),
        Interaction(
            days(-21),
            "design change: launch slips 2 weeks",
            id=2,
            contact_ids=[ZHANG, LAN, ARCHITECT],
        ),  # fmt: skip
        Interaction(
            days(-14), "automatic approvals come from Ming", id=3, contact_ids=[ZHANG, LAN, MING]
        ),  # fmt: skip
        Interaction(
            days(-2),
            "fix Lan's bug instead; no slip",
            id=4,
            contact_ids=[ZHANG, LAN, LAN_BOSS, MING_BOSS],
            decisions=["fix the approval bug", "no new API"],
        ),  # fmt: skip
        Interaction(days(5), "joint debugging (planned)", id=5, contact_ids=[LAN]),
    ]


def work() -> list[Item]:
    return [
        Item("send the revised spec", kind=Kind.OWE, id=1, due=days(-1), contact_ids=[LAN]),
        Item("retest payment flow", kind=Kind.OWE, id=2, due=days(0), contact_ids=[LAN]),
        Item(
            "approval result", kind=Kind.WAIT, id=3, due=days(3), contact_ids=[MING], important=True
        ),  # fmt: skip
        Item(
            "approval bug fixed",
            kind=Kind.WAIT,
            id=4,
            due=days(1),
            contact_ids=[LAN],
            important=True,
        ),  # fmt: skip
        Item("agree milestones", kind=Kind.TASK, id=5, important=True, due=days(2)),
        Item("approval API may slip", kind=Kind.RISK, id=6, review=days(0), contact_ids=[LAN]),
        Item(
            "Ming's team has no slot",
            kind=Kind.RISK,
            id=7,
            status=Status.OCCURRED,
            contact_ids=[MING],
        ),  # fmt: skip
        Item("milestones never agreed", kind=Kind.RISK, id=8, review=days(10)),
        Item("book room", kind=Kind.TASK, id=9, due=days(30), contact_ids=[ARCHITECT]),
        Item(
            "old spec",
            kind=Kind.OWE,
            id=10,
            status=Status.DONE,
            due=days(-9),
            contact_ids=[MING_BOSS],
        ),  # fmt: skip
    ]


def ids(items) -> list[int]:
    return [i.id for i in items]


def test_agenda_on_the_worked_example():
    result = agenda(work(), people(), log(), TODAY, SETTINGS)
    assert isinstance(result, Agenda)
    assert result.date == TODAY
    assert ids(result.overdue) == [1]
    assert ids(result.due_today) == [2]
    # important and urgent, not already shown as overdue / due today
    assert ids(result.do_now) == [6, 4, 5, 7]
    assert ids(result.owe) == [1, 2]  # the done one is gone
    assert ids(result.waiting) == [4, 3]  # by due date
    assert ids(result.risks_to_review) == [6, 7]
    # Ming: last contact 14 days ago is not "older than 14"; the architect: 21 days;
    # the planned meeting with Lan (in 5 days) does not count, but Lan was seen 2 days ago.
    assert [(c.contact.id, c.last_contact, ids(c.open_items)) for c in result.going_cold] == [
        (ARCHITECT, days(-21), [9]),
    ]
    assert isinstance(result.going_cold[0], ColdContact)


LONG_AGO = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def test_going_cold_order_and_threshold():
    contacts = [
        Contact("小明", id=1, created=LONG_AGO),
        Contact("小张", id=2, created=LONG_AGO),
        Contact("小蓝", id=3, created=LONG_AGO),
    ]
    items = [Item("x", id=9, contact_ids=[1, 2, 3])]
    interactions = [
        Interaction(days(-15), contact_ids=[1]),
        Interaction(days(-40), contact_ids=[3]),
    ]
    cold = agenda(items, contacts, interactions, TODAY, SETTINGS).going_cold
    # never contacted first, then the longest silence
    assert [(c.contact.name, c.last_contact) for c in cold] == [
        ("小张", None),
        ("小蓝", days(-40)),
        ("小明", days(-15)),
    ]
    warm = agenda(items, contacts, interactions, TODAY, Settings(cold_after_days=15))
    assert [c.contact.name for c in warm.going_cold] == ["小张", "小蓝"]


def test_a_contact_never_logged_counts_from_the_day_it_was_added():
    items = [Item("send the spec", kind=Kind.OWE, id=1, contact_ids=[1, 2])]
    added_today = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    added_long_ago = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # 21 days before
    contacts = [
        Contact("Wang", id=1, created=added_today),
        Contact("周工", id=2, created=added_long_ago),
    ]
    cold = agenda(items, contacts, [], TODAY, SETTINGS).going_cold
    assert [(c.contact.name, c.last_contact) for c in cold] == [("周工", None)]


def test_contacts_without_active_items_never_go_cold():
    done = Item("x", contact_ids=[1], status=Status.DONE)
    assert agenda([done], [Contact("小明", id=1)], [], TODAY, SETTINGS).going_cold == []


def test_empty_agenda():
    assert agenda([], [], [], TODAY, SETTINGS) == Agenda(TODAY)


def test_brief_for_lan():
    result = brief(LAN, work(), people(), log(), TODAY)
    assert result.contact.name == "小蓝"
    assert [c.name for c in result.boss_chain] == ["蓝总", "明总"]
    assert result.reports == []
    assert ids(result.i_owe) == [1, 2]
    assert ids(result.they_owe) == [4]
    assert ids(result.tasks) == []
    assert ids(result.risks) == [6]
    assert [i.id for i in result.last_interactions] == [5, 4, 3]  # newest first
    assert result.last_interactions[1].decisions == ["fix the approval bug", "no new API"]
    assert result.all_interactions_count == 5
    assert result.last_contact == days(-2)  # the planned meeting is not contact yet


def test_brief_reports_and_no_interactions():
    result = brief(MING_BOSS, work(), people(), log(), TODAY)
    assert [c.name for c in result.reports] == ["蓝总", "小明"]  # pinyin: lan, xiao
    assert result.boss_chain == []
    assert result.i_owe == []  # the done item is not listed
    quiet = brief(ARCHITECT, work(), people(), [], TODAY)
    assert quiet.last_contact is None
    assert quiet.last_interactions == []
    assert ids(quiet.tasks) == [9]
    assert [c.name for c in quiet.boss_chain] == ["小张"]


def test_boss_chain_survives_loops_and_missing_bosses():
    contacts = [
        Contact("小张", id=1, boss_id=2),
        Contact("小蓝", id=2, boss_id=3),
        Contact("小明", id=3, boss_id=1),  # a loop back to 小张
        Contact("self", id=4, boss_id=4),
        Contact("orphan", id=5, boss_id=99),
    ]
    assert [c.name for c in brief(1, [], contacts, [], TODAY).boss_chain] == ["小蓝", "小明"]
    assert brief(4, [], contacts, [], TODAY).boss_chain == []
    assert brief(4, [], contacts, [], TODAY).reports == []
    assert brief(5, [], contacts, [], TODAY).boss_chain == []


def test_brief_of_an_unknown_contact_is_a_key_error():
    with pytest.raises(KeyError):
        brief(42, [], people(), [], TODAY)
