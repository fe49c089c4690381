"""actions: the operations both front ends share, each one store transaction."""

from __future__ import annotations

from datetime import date

import pytest

from collab_tui import actions
from collab_tui.actions import ActionError
from collab_tui.capture import AmbiguousName, CaptureError
from collab_tui.dates import DateError
from collab_tui.model import Contact, Kind, Stance, Status

TODAY = date(2026, 11, 24)  # a Tuesday


def snapshot(store) -> tuple:
    return (
        [c.to_dict() for c in store.contacts()],
        [i.to_dict() for i in store.items(active_only=False)],
        [r.to_dict() for r in store.interactions()],
    )


def test_capture_creates_new_contact_and_says_so(store):
    result = actions.capture(store, "owe: send the revised spec @小蓝 due:tomorrow", TODAY)
    (contact,) = result.new_contacts
    (item,) = result.records
    assert contact.name == "小蓝" and contact.id == 1
    assert item.kind is Kind.OWE and item.contact_ids == [1] and item.due == date(2026, 11, 25)
    assert result.lines == [
        "new contact: 小蓝 (#1)",
        "added owe #1: send the revised spec -> 小蓝 · due Wed 25 Nov",
    ]
    assert store.item(item.id).title == "send the revised spec"


def test_capture_resolves_aliases_and_creates_a_name_once(store):
    actions.upsert_contact(store, "小蓝", aliases=["Lan"])
    result = actions.capture(store, "meet: @lan @Ming @ming sync; wait: numbers @Ming", TODAY)
    assert [c.name for c in result.new_contacts] == ["Ming"]
    assert len(store.contacts()) == 2


def test_meeting_and_items_are_linked_both_ways(store):
    result = actions.capture(
        store,
        "meet: @Lan @Ming agreed to fix the bug; owe: retest payment due:fri; "
        "risk: no slot @Ming review:+1w",
        TODAY,
    )
    meeting, owe, risk = result.records
    stored = store.interaction(meeting.id)
    assert stored.item_ids == [owe.id, risk.id]
    assert stored.date == TODAY
    assert store.item(owe.id).interaction_id == meeting.id
    assert store.item(owe.id).contact_ids == stored.contact_ids  # inherits the meeting's people
    assert store.item(risk.id).important  # risks are important by definition
    assert result.lines[2].startswith("logged meeting #1 with Lan, Ming")


def test_capture_errors_store_nothing(store):
    with pytest.raises(CaptureError) as error:
        actions.capture(store, "owe: send @Lan due:someday", TODAY)
    assert "due:someday" in str(error.value)
    actions.upsert_contact(store, "Lan")
    actions.upsert_contact(store, "Lana")
    before = snapshot(store)
    with pytest.raises(AmbiguousName):
        actions.capture(store, "owe: x @La @NewPerson", TODAY)
    assert snapshot(store) == before


def test_capture_is_all_or_nothing_when_the_store_fails(store, monkeypatch):
    before = snapshot(store)

    def broken_update(record):
        raise OSError("disk on fire")

    monkeypatch.setattr(store, "update", broken_update)
    with pytest.raises(OSError):
        actions.capture(store, "meet: @Lan sync; owe: a thing", TODAY)
    monkeypatch.undo()
    store.refresh()
    assert snapshot(store) == before


def test_complete_drop_reopen(store):
    item = actions.capture(store, "task: one", TODAY).records[0]
    done = actions.complete(store, item.id)
    assert done.status is Status.DONE and done.closed is not None
    with pytest.raises(ActionError, match=r"#1 is already done"):
        actions.complete(store, item.id)
    with pytest.raises(ActionError, match=r"#1 is already done"):
        actions.drop(store, item.id)
    reopened = actions.reopen(store, item.id)
    assert reopened.status is Status.OPEN and reopened.closed is None
    with pytest.raises(ActionError, match="already open"):
        actions.reopen(store, item.id)
    assert actions.drop(store, item.id).status is Status.DROPPED
    with pytest.raises(ActionError, match=r"^no item #99$"):
        actions.complete(store, 99)


def test_snooze_keeps_the_old_due_date(store):
    item = actions.capture(store, "owe: spec @Lan due:today", TODAY).records[0]
    moved = actions.snooze(store, item.id, "fri", TODAY)
    assert moved.due == date(2026, 11, 27)
    assert moved.due_history == [TODAY]
    moved = actions.snooze(store, item.id, "+1w", TODAY)
    assert store.item(item.id).due_history == [TODAY, date(2026, 11, 27)]
    with pytest.raises(DateError, match="someday"):
        actions.snooze(store, item.id, "someday", TODAY)


def test_snooze_a_risk_moves_its_review(store):
    risk = actions.capture(store, "risk: slip review:today", TODAY).records[0]
    moved = actions.snooze(store, risk.id, "+2w", TODAY)
    assert moved.review == date(2026, 12, 8) and moved.due is None and moved.due_history == []


def test_occurred_keeps_a_risk_active(store):
    risk = actions.capture(store, "risk: slip", TODAY).records[0]
    task = actions.capture(store, "task: x", TODAY).records[0]
    assert actions.occurred(store, risk.id).is_active
    with pytest.raises(ActionError, match="not a risk"):
        actions.occurred(store, task.id)


def test_upsert_contact_creates_then_updates(store):
    boss, created = actions.upsert_contact(store, "刘经理", title="Approvals manager")
    assert created
    lan, created = actions.upsert_contact(
        store,
        "小蓝",
        department="Dept B",
        boss="刘",
        stance="eager",
        kpis=["turnaround"],
        aliases=["Lan"],
    )
    assert created and lan.boss_id == boss.id and lan.stance is Stance.EAGER
    again, created = actions.upsert_contact(store, "lan", kpis=["turnaround", "audits"])
    assert not created and again.id == lan.id
    assert again.kpis == ["turnaround", "audits"] and again.department == "Dept B"
    replaced, _ = actions.upsert_contact(store, "小蓝", kpis=["one"], replace_lists=True)
    assert replaced.kpis == ["one"]


def test_upsert_contact_errors(store):
    with pytest.raises(ActionError, match="no contact called 'Nobody'"):
        actions.upsert_contact(store, "Lan", boss="Nobody")
    with pytest.raises(ActionError, match="stance must be one of"):
        actions.upsert_contact(store, "Lan", stance="grumpy")
    actions.upsert_contact(store, "Lan")
    with pytest.raises(ActionError, match="own boss"):
        actions.upsert_contact(store, "Lan", boss="Lan")
    actions.upsert_contact(store, "Boss", boss="Lan")
    with pytest.raises(ActionError, match="own boss"):
        actions.upsert_contact(store, "Lan", boss="Boss")  # a loop
    assert store.contacts()[0].boss_id is None
    assert [c.name for c in store.contacts()] == ["Lan", "Boss"]
    with pytest.raises(ActionError, match="needs a name"):
        actions.upsert_contact(store, "  ")


def test_log_interaction(store):
    lan, _ = actions.upsert_contact(store, "Lan")
    logged = actions.log_interaction(
        store, [lan.id], "call about the bug", TODAY, kind="call", decisions=["Lan fixes it"]
    )
    assert store.interaction(logged.id).decisions == ["Lan fixes it"]
    with pytest.raises(ActionError, match="no contact #9"):
        actions.log_interaction(store, [9], "x", TODAY)
    with pytest.raises(ActionError, match="kind must be one of"):
        actions.log_interaction(store, [lan.id], "x", TODAY, kind="telegram")


def test_describe_item_strips_control_characters():
    contact = Contact(name="Evil\x1b[31m", id=1)
    text = actions.describe_item(
        actions.Item(title="a\x1b]0;title\x07b", kind=Kind.OWE, id=3, contact_ids=[1]),
        {1: contact.name},
        TODAY,
    )
    assert "\x1b" not in text and "\x07" not in text


def test_capturing_the_same_line_again_is_taken_for_a_retry(store):
    line = "owe: send the signed contract @Lee due:fri"
    first = actions.capture(store, line, TODAY)
    before = snapshot(store)
    with pytest.raises(actions.AlreadyCaptured) as repeat:
        # Whitespace differences do not make it a new line: it is the same capture.
        actions.capture(store, "owe:  send the signed contract @Lee   due:fri", TODAY)
    assert f"#{first.records[0].id}" in str(repeat.value) and "nothing was added" in str(
        repeat.value
    )
    assert snapshot(store) == before
    assert actions.just_captured(store, line)
    # On purpose, it is added a second time.
    second = actions.capture(store, line, TODAY, again=True)
    assert second.records[0].id != first.records[0].id
    assert len(store.items()) == 2


def test_a_capture_outside_the_retry_window_is_a_new_one(store, monkeypatch):
    from datetime import timedelta

    line = "wait: approval result @Ming due:mon"
    actions.capture(store, line, TODAY)
    later = actions.now() + actions.RETRY_WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(actions, "now", lambda: later)
    assert not actions.just_captured(store, line)
    actions.capture(store, line, TODAY)
    assert len(store.items()) == 2
    # Only captures inside the window are remembered: the file does not grow with use.
    assert len(store.recent_captures()) == 1


def test_what_the_retry_guard_keeps_of_a_line_is_bounded(store):
    long_line = "task: " + "长" * 900
    actions.capture(store, long_line, TODAY)
    (entry,) = store.recent_captures()
    assert len(entry["text"]) < 100  # not the whole line, in the file every save rewrites
    with pytest.raises(actions.AlreadyCaptured):
        actions.capture(store, long_line, TODAY)
    actions.capture(store, long_line[:-1] + "蓝", TODAY)  # a different line is new
