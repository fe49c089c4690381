"""Planned meetings, recurring and blocked items through actions (one transaction each),
the hot table of planned meetings, and the migration of a schema-2 file."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from collab_tui import actions
from collab_tui.actions import ActionError
from collab_tui.capture import CaptureError
from collab_tui.dates import TimeError
from collab_tui.model import Interaction, Kind, Meeting, Status
from collab_tui.store import SCHEMA_VERSION, Store, backups
from collab_tui.store.migrations import META_ID

TODAY = date(2026, 12, 2)  # a Wednesday
FRI = date(2026, 12, 4)


def add(store, line: str):
    return actions.capture(store, line, TODAY).records[-1]


# --- planned meetings --------------------------------------------------------------------


def test_capture_plans_a_meeting_in_the_hot_file(store):
    result = actions.capture(store, "meet: API review @小蓝 @小明 on:fri 15:00", TODAY)
    (planned,) = store.meetings()
    assert isinstance(result.records[0], Meeting)
    assert (planned.title, planned.date, planned.time) == ("API review", FRI, "15:00")
    assert [store.contact(i).name for i in planned.contact_ids] == ["小蓝", "小明"]
    assert store.interactions() == []  # nothing was held yet
    assert result.lines[-1] == "planned meeting #1 Fri 4 Dec 15:00 with 小蓝, 小明: API review"
    data = orjson.loads(store.path.read_bytes())
    assert list(data["meetings"]) == ["1"]  # the hot file: Today reads it, not the history


def test_meet_on_an_earlier_day_logs_it_then(store):
    actions.capture(store, "meet: retro @Lan on:yesterday", TODAY)
    assert store.meetings() == []
    (held,) = store.interactions()
    assert held.date == date(2026, 12, 1)


def test_plan_meeting_checks_its_fields(store):
    lan = actions.upsert_contact(store, "Lan")[0]
    planned = actions.plan_meeting(store, " sync ", FRI, "3pm", [lan.id, lan.id])
    assert (planned.title, planned.time, planned.contact_ids) == ("sync", "15:00", [lan.id])
    with pytest.raises(TimeError):
        actions.plan_meeting(store, "sync", FRI, "teatime", [lan.id])
    with pytest.raises(ActionError):
        actions.plan_meeting(store, "", FRI, None, [])
    with pytest.raises(ActionError):
        actions.plan_meeting(store, "sync", FRI, None, [99])
    assert len(store.meetings()) == 1


def test_logging_the_outcome_turns_the_meeting_into_an_interaction(store):
    actions.capture(store, "meet: API review @小蓝 @小明 on:today 15:00", TODAY)
    (planned,) = store.meetings()
    result = actions.log_meeting_outcome(
        store,
        planned.id,
        "agreed the bug fix @刘经理; decision: no new API; owe: spec due:fri",
        TODAY,
    )
    assert store.meetings() == []
    (held,) = store.interactions()
    assert held.date == TODAY and held.summary == "API review: agreed the bug fix"
    assert held.decisions == ["no new API"]
    names = [store.contact(i).name for i in held.contact_ids]
    assert names == ["小蓝", "小明", "刘经理"]
    (owe,) = store.items()
    assert owe.kind is Kind.OWE and owe.interaction_id == held.id and held.item_ids == [owe.id]
    assert owe.contact_ids == held.contact_ids  # an item from the meeting concerns its people
    assert [type(r) for r in result.records] == [Interaction, type(owe)]
    # the people of the planned meeting are named, not only those the outcome names
    assert ["小蓝, 小明" in line for line in result.lines] == [False, True, True]


def test_an_empty_outcome_logs_the_meeting_as_planned(store):
    actions.capture(store, "meet: 周会 @小蓝 on:today 09:00", TODAY)
    (planned,) = store.meetings()
    actions.log_meeting_outcome(store, planned.id, "", TODAY)
    (held,) = store.interactions()
    assert held.summary == "周会" and held.contact_ids == planned.contact_ids


def test_a_bad_outcome_changes_nothing(store):
    actions.capture(store, "meet: sync @Lan on:today 09:00", TODAY)
    (planned,) = store.meetings()
    with pytest.raises(CaptureError):
        actions.log_meeting_outcome(store, planned.id, "owe: x due:someday-maybe-never", TODAY)
    with pytest.raises(ActionError):
        actions.log_meeting_outcome(store, 99, "fine", TODAY)
    assert store.meetings() == [planned] and store.interactions() == [] and store.items() == []


def test_cancel_removes_a_planned_meeting(store):
    actions.capture(store, "meet: sync @Lan on:fri", TODAY)
    (planned,) = store.meetings()
    assert actions.cancel_meeting(store, planned.id) == planned
    assert store.meetings() == []
    with pytest.raises(ActionError):
        actions.cancel_meeting(store, planned.id)


def test_undo_brings_a_planned_meeting_back(store):
    actions.capture(store, "meet: sync @Lan on:fri", TODAY)
    (planned,) = store.meetings()
    result = actions.log_meeting_outcome(store, planned.id, "fine", TODAY)
    after = {(type(r).__name__, r.id): actions.stamp_of(store, r) for r in result.records}
    after[("Meeting", planned.id)] = None
    actions.undo(store, [planned], result.records, after)
    assert store.meetings() == [planned] and store.interactions() == []


# --- recurring items -----------------------------------------------------------------------


def test_finishing_a_recurring_item_creates_the_next_from_its_due_date(store):
    weekly = add(store, "owe: status report @老陈 every:week due:fri")
    closed = actions.close_item(store, weekly.id, Status.DONE, TODAY)
    assert closed.item.status is Status.DONE
    assert closed.next is not None and closed.next.due == date(2026, 12, 11)
    assert closed.next.every == "week" and closed.next.contact_ids == weekly.contact_ids
    assert [i.id for i in store.items()] == [closed.next.id]


def test_dropping_one_occurrence_keeps_the_series(store):
    weekly = add(store, "task: one-to-one every:mon")
    closed = actions.close_item(store, weekly.id, Status.DROPPED, TODAY)
    assert closed.next is not None and closed.next.due == date(2026, 12, 14)


def test_dropping_with_stop_series_ends_it(store):
    weekly = add(store, "task: one-to-one every:mon")
    dropped = actions.drop(store, weekly.id, TODAY, stop_series=True)
    assert dropped.status is Status.DROPPED and store.items() == []


def test_edit_sets_a_checked_rule(store):
    item = add(store, "task: report due:fri")
    edited = actions.edit_item(store, item, {"every": "每两周"})
    assert edited.every == "2w"
    with pytest.raises(ActionError, match="repeat rule"):
        actions.edit_item(store, edited, {"every": "sometimes"})
    undated = add(store, "task: undated")
    with pytest.raises(ActionError, match="due date"):
        actions.edit_item(store, undated, {"every": "week"})


# --- blocked items ---------------------------------------------------------------------------


def test_a_blocked_item_becomes_active_when_its_blocker_is_done(store):
    fix = add(store, "wait: fix the approval bug @Lan due:thu")
    retest = add(store, f"task: retest payment flow after:#{fix.id} due:yesterday")
    assert retest.after == [fix.id]
    closed = actions.close_item(store, fix.id, Status.DONE, TODAY)
    assert [i.id for i in closed.unblocked] == [retest.id]


def test_closing_says_what_else_it_did(store):
    weekly = add(store, "owe: status report @老陈 every:week due:fri")
    waiting = add(store, f"task: file the report after:#{weekly.id}")
    names = {c.id: c.name for c in store.contacts()}
    closed = actions.close_item(store, weekly.id, Status.DONE, TODAY)
    lines = actions.describe_closed(closed, names, TODAY)
    assert lines[0].startswith("next: owe #") and "Fri 11 Dec" in lines[0]
    assert lines[1].startswith("no longer blocked: task #") and f"#{waiting.id}" in lines[1]
    stopped = actions.close_item(store, closed.next.id, Status.DROPPED, TODAY, stop_series=True)
    assert actions.describe_closed(stopped, names, TODAY) == ["the series stops here"]
    plain = actions.close_item(store, waiting.id, Status.DONE, TODAY)
    assert actions.describe_closed(plain, names, TODAY) == []


def test_a_dropped_blocker_frees_it_too(store):
    fix = add(store, "wait: fix @Lan")
    other = add(store, "wait: other @Lan")
    retest = add(store, f"task: retest after:#{fix.id},#{other.id}")
    assert actions.close_item(store, fix.id, Status.DROPPED).unblocked == []  # still waits
    assert [i.id for i in actions.close_item(store, other.id, Status.DROPPED).unblocked] == [
        retest.id
    ]


def test_after_must_name_items_and_never_close_a_circle(store):
    with pytest.raises(ActionError, match="no item #9"):
        actions.capture(store, "task: retest after:#9", TODAY)
    a = add(store, "task: a")
    b = add(store, f"task: b after:#{a.id}")
    with pytest.raises(ActionError, match="itself"):
        actions.edit_item(store, a, {"after": [b.id]})
    with pytest.raises(ActionError, match="itself"):
        actions.edit_item(store, a, {"after": [a.id]})
    assert store.item(a.id).after == []


def test_describe_says_the_series_and_what_it_waits_on(store):
    fix = add(store, "wait: fix @Lan")
    item = add(store, f"task: retest every:2w due:fri after:#{fix.id}")
    text = actions.describe_item(item, {}, TODAY)
    assert "every 2 weeks" in text and f"waits on #{fix.id}" in text


# --- the file: schema 3 ------------------------------------------------------------------------


def test_a_schema_2_file_is_migrated_after_a_backup(tmp_path):
    db = tmp_path / "collab.json"
    with Store.open(db) as store:
        actions.capture(store, "owe: send the spec @小蓝 due:fri", TODAY)
    data = orjson.loads(db.read_bytes())
    del data["meetings"]
    del data["meta"][META_ID]["last_ids"]["meetings"]
    data["meta"][META_ID]["schema_version"] = 2
    data["meta"][META_ID].pop("records_digest", None)
    db.write_bytes(orjson.dumps(data))
    for snapshot in backups.snapshots(db):  # only the migration's own backup counts
        for file in snapshot.rglob("*"):
            if file.is_file():
                file.unlink()
        for folder in sorted(snapshot.rglob("*"), reverse=True):
            folder.rmdir()
        snapshot.rmdir()
    with Store.open(db) as store:
        (item,) = store.items()
        assert item.every is None and item.after == []
        planned = actions.plan_meeting(store, "sync", FRI, "10:00", item.contact_ids)
        assert planned.id == 1
    migrated = orjson.loads(db.read_bytes())
    assert migrated["meta"][META_ID]["schema_version"] == SCHEMA_VERSION == 3
    assert list(migrated["meetings"]) == ["1"]
    (backup,) = backups.snapshots(db)
    kept = orjson.loads((backup / db.name).read_bytes())
    assert kept["meta"][META_ID]["schema_version"] == 2 and "meetings" not in kept


def test_a_damaged_planned_meeting_is_set_aside_not_lost(tmp_path):
    db = tmp_path / "collab.json"
    with Store.open(db) as store:
        actions.capture(store, "meet: sync @Lan on:fri 10:00", TODAY)
    data = orjson.loads(db.read_bytes())
    data["meetings"]["1"]["time"] = "ten-ish"
    data["meta"][META_ID].pop("records_digest", None)
    db.write_bytes(orjson.dumps(data))
    with Store.open(db) as store:
        assert store.meetings() == []
        assert [(p.table, p.field) for p in store.problems] == [("meetings", "time")]


def test_an_outcome_logged_before_the_day_is_dated_today(store):
    actions.capture(store, "meet: sync @Lan on:fri 10:00", TODAY)
    (planned,) = store.meetings()
    actions.log_meeting_outcome(store, planned.id, "held early", TODAY)
    (held,) = store.interactions()
    assert held.date == TODAY


def test_reading_planned_meetings_never_reads_the_history(tmp_path, monkeypatch):
    db = tmp_path / "collab.json"
    with Store.open(db) as store:
        actions.capture(store, "meet: retro @Lan on:2026-10-01", TODAY)  # history: October
        actions.capture(store, "meet: sync @Lan on:fri 10:00", TODAY)

    def refuse(self):
        raise PermissionError(13, "the history is not read for Today")

    monkeypatch.setattr(Store, "_load_all_cold", refuse)
    with Store.open(db) as store:
        assert [m.title for m in store.meetings()] == ["sync"]
        assert store.meeting(1) is not None and store.meeting(2) is None


def test_a_stance_captured_with_a_meeting_is_kept_in_the_stance_history(store):
    from collab_tui.model import Stance

    actions.capture(store, "meet: @小明 @小蓝 reviewed the plan", TODAY)  # both known now
    result = actions.capture(
        store, "meet: @小明 asked for people; stance: @小明 no-capacity; stance: @小蓝 unknown",
        TODAY,
    )  # fmt: skip
    ming = next(c for c in store.contacts() if c.name == "小明")
    meeting = next(i for i in store.interactions() if i.summary == "asked for people")
    assert ming.stance is Stance.NO_CAPACITY
    assert ming.stance_history == [
        {"date": TODAY.isoformat(), "stance": "no-capacity", "interaction_id": meeting.id}
    ]
    lan = next(c for c in store.contacts() if c.name == "小蓝")
    assert lan.stance is Stance.UNKNOWN and lan.stance_history == []  # unchanged: not kept
    assert set(meeting.contact_ids) == {ming.id, lan.id}  # named in stance: they were there
    assert result.lines[-1].startswith("小明 is now: interested, no capacity")
    assert len(result.lines) == 2  # the meeting, and the one stance that changed
