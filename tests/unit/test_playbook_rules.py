"""Planned meetings, recurring and blocked items: the pure rules (dates, triage, capture,
validate), with "today" (and the time of day) as parameters."""

from __future__ import annotations

from datetime import date, time

import pytest

from collab_tui import triage, validate
from collab_tui.capture import CaptureError, parse, parse_outcome
from collab_tui.dates import (
    RuleError,
    TimeError,
    first_in_rule,
    is_every_rule,
    next_in_rule,
    parse_every,
    parse_time,
)
from collab_tui.model import Item, Kind, Meeting, Settings, Status
from collab_tui.words import every_label

TODAY = date(2026, 12, 2)  # a Wednesday
FRI = date(2026, 12, 4)


# --- times of day ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("15:00", "15:00"),
        ("9:30", "09:30"),
        ("15：00", "15:00"),  # a full-width colon from a Chinese input method
        ("3pm", "15:00"),
        ("3:30pm", "15:30"),
        ("12am", "00:00"),
        ("15点", "15:00"),
        ("下午3点", "15:00"),
        ("下午3点半", "15:30"),
        ("15点30分", "15:30"),
        ("上午十点", "10:00"),
        ("晚上8点", "20:00"),
    ],
)
def test_times_of_day(phrase, expected):
    assert parse_time(phrase) == expected


@pytest.mark.parametrize("phrase", ["15", "25:00", "9:75", "13pm", "noonish", ""])
def test_what_is_not_a_time_is_named(phrase):
    with pytest.raises(TimeError) as caught:
        parse_time(phrase)
    assert f'"{phrase}"' in str(caught.value)


# --- repeat rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("week", "week"),
        ("weekly", "week"),
        ("2w", "2w"),
        ("biweekly", "2w"),
        ("month", "month"),
        ("3 months", "3m"),
        ("mon", "mon"),
        ("Friday", "fri"),
        ("daily", "day"),
        ("1w", "week"),
        ("每周", "week"),
        ("每两周", "2w"),
        ("每2周", "2w"),
        ("每月", "month"),
        ("每个月", "month"),
        ("每周一", "mon"),
        ("每星期五", "fri"),
        ("每三个月", "3m"),
        ("每天", "day"),
    ],
)
def test_repeat_rules_english_and_chinese(phrase, rule):
    assert parse_every(phrase) == rule
    assert is_every_rule(rule)


@pytest.mark.parametrize("phrase", ["", "sometimes", "0w", "每", "every week"])
def test_what_is_not_a_repeat_rule_is_named(phrase):
    with pytest.raises(RuleError):
        parse_every(phrase)


def test_only_the_canonical_form_is_stored():
    assert not is_every_rule("weekly") and not is_every_rule("每周") and not is_every_rule("1w")


@pytest.mark.parametrize(
    ("rule", "day", "following"),
    [
        ("week", FRI, date(2026, 12, 11)),
        ("2w", FRI, date(2026, 12, 18)),
        ("day", FRI, date(2026, 12, 5)),
        ("month", date(2026, 1, 31), date(2026, 2, 28)),  # clamped to the month's end
        ("mon", FRI, date(2026, 12, 7)),
        ("fri", FRI, date(2026, 12, 11)),  # strictly after
    ],
)
def test_next_date_of_a_rule(rule, day, following):
    assert next_in_rule(rule, day) == following


def test_a_series_without_a_due_date_starts_today_or_on_its_weekday():
    assert first_in_rule("week", TODAY) == TODAY
    assert first_in_rule("wed", TODAY) == TODAY
    assert first_in_rule("fri", TODAY) == FRI


def test_rules_in_words():
    assert every_label("week") == "every week"
    assert every_label("2w") == "every 2 weeks"
    assert every_label("3m") == "every 3 months"
    assert every_label("mon") == "every Mon"


# --- recurring items ---------------------------------------------------------------------


def weekly(**fields) -> Item:
    return Item(title="status report", id=7, due=FRI, every="week", **fields)


def test_the_next_occurrence_counts_from_the_due_date_not_the_day_it_was_done():
    done_early = triage.next_in_series(weekly(), TODAY)  # done on Wednesday, due Friday
    assert done_early is not None and done_early.due == date(2026, 12, 11)
    done_late = triage.next_in_series(weekly(), date(2026, 12, 9))  # done the next Wednesday
    assert done_late is not None and done_late.due == date(2026, 12, 11)  # still a Friday


def test_occurrences_already_past_are_skipped():
    later = triage.next_in_series(weekly(), date(2026, 12, 20))
    assert later is not None and later.due == date(2026, 12, 25)


def test_the_next_occurrence_is_a_new_open_copy_without_history():
    item = weekly(
        kind=Kind.OWE,
        contact_ids=[3],
        tags=["report"],
        important=True,
        status=Status.DONE,
        due_history=[date(2026, 12, 3)],
        after=[4],
    )
    following = triage.next_in_series(item, TODAY)
    assert following is not None
    assert following.id == 0 and following.status is Status.OPEN
    assert (following.kind, following.contact_ids, following.tags) == (Kind.OWE, [3], ["report"])
    assert following.important and following.every == "week"
    assert following.due_history == [] and following.after == []


def test_a_risk_keeps_its_review_distance():
    risk = weekly(kind=Kind.RISK, review=date(2026, 12, 3))
    following = triage.next_in_series(risk, TODAY)
    assert following is not None and following.review == date(2026, 12, 10)


def test_an_item_without_a_rule_has_no_next():
    assert triage.next_in_series(Item(title="once", due=FRI), TODAY) is None


# --- blocked items -------------------------------------------------------------------------


def items_by_id(*items: Item) -> dict[int, Item]:
    return {i.id: i for i in items}


def test_an_item_is_blocked_while_what_it_waits_on_is_active():
    fix = Item(title="fix", id=12, kind=Kind.WAIT)
    retest = Item(title="retest", id=13, after=[12])
    active = items_by_id(fix, retest)
    assert triage.is_blocked(retest, active) and triage.blockers(retest, active) == [fix]
    del active[12]  # done, dropped or deleted: not in the active items any more
    assert not triage.is_blocked(retest, active) and triage.blockers(retest, active) == []


def test_an_item_never_blocks_itself():
    odd = Item(title="odd", id=5, after=[5])
    assert not triage.is_blocked(odd, items_by_id(odd))


def test_a_circle_of_waits_is_found():
    a = Item(title="a", id=1, after=[2])
    b = Item(title="b", id=2, after=[3])
    c = Item(title="c", id=3)
    active = items_by_id(a, b, c)
    assert triage.waits_on([1], 3, active)  # c waiting on a: c -> a -> b -> c
    assert not triage.waits_on([3], 1, active)


def test_a_blocked_item_is_not_overdue_due_today_nor_to_do_now():
    fix = Item(title="fix", id=12, kind=Kind.WAIT, due=date(2026, 12, 3))
    retest = Item(title="retest", id=13, due=date(2026, 12, 1), important=True, after=[12])
    today_item = Item(title="today", id=14, due=TODAY, after=[12])
    agenda = triage.agenda([fix, retest, today_item], [], [], TODAY, Settings())
    assert agenda.overdue == [] and agenda.due_today == []
    assert retest not in agenda.do_now
    assert [(b.item.id, [i.id for i in b.blocked_by]) for b in agenda.blocked] == [
        (13, [12]),
        (14, [12]),
    ]
    freed = triage.agenda([retest, today_item], [], [], TODAY, Settings())  # the fix is done
    assert freed.overdue == [retest] and freed.due_today == [today_item] and freed.blocked == []


# --- planned meetings ----------------------------------------------------------------------


def meeting(id: int, day: date, at: str | None) -> Meeting:
    return Meeting(title=f"m{id}", date=day, time=at, id=id)


def test_a_meeting_has_passed_once_its_time_has_come():
    at_three = meeting(1, TODAY, "15:00")
    assert not triage.meeting_passed(at_three, TODAY, time(9, 0))
    assert triage.meeting_passed(at_three, TODAY, time(15, 0))
    assert not triage.meeting_passed(at_three, TODAY, None)  # time of day unknown
    assert triage.meeting_passed(at_three, date(2026, 12, 3), None)  # the next day
    untimed = meeting(2, TODAY, None)
    assert not triage.meeting_passed(untimed, TODAY, time(23, 59))  # asked the next day
    assert triage.meeting_passed(untimed, date(2026, 12, 3), time(0, 0))


def test_todays_meetings_in_time_order_and_those_awaiting_their_outcome():
    planned = [
        meeting(1, TODAY, "15:00"),
        meeting(2, TODAY, None),
        meeting(3, TODAY, "08:30"),
        meeting(4, date(2026, 12, 1), "16:00"),
        meeting(5, FRI, "10:00"),
    ]
    clock = time(9, 0)
    assert [m.id for m in triage.meetings_on(planned, TODAY, clock)] == [1, 2]
    assert [m.id for m in triage.meetings_awaiting_outcome(planned, TODAY, clock)] == [4, 3]
    agenda = triage.agenda([], [], [], TODAY, Settings(), meetings=planned, clock=clock)
    assert [m.id for m in agenda.meetings_today] == [1, 2]
    assert [m.id for m in agenda.awaiting_outcome] == [4, 3]


# --- capture -----------------------------------------------------------------------------------


def test_meet_with_a_day_and_time_plans_a_meeting():
    capture = parse("meet: API review @小蓝 @小明 on:fri 15:00", TODAY)
    planned = capture.meeting
    assert planned is not None and planned.planned
    assert (planned.summary, planned.names, planned.on, planned.time) == (
        "API review",
        ["小蓝", "小明"],
        FRI,
        "15:00",
    )


def test_meet_in_chinese_plans_a_meeting():
    capture = parse("会议：接口评审 @小蓝 @小明 时间：周五 下午3点", TODAY)
    planned = capture.meeting
    assert planned is not None and planned.planned
    assert (planned.summary, planned.on, planned.time) == ("接口评审", FRI, "15:00")


def test_meet_without_on_or_on_an_earlier_day_logs_a_held_meeting():
    held = parse("meet: @Lan agreed to fix the bug", TODAY).meeting
    assert held is not None and not held.planned and held.on is None
    earlier = parse("meet: retro @Lan on:yesterday", TODAY).meeting
    assert earlier is not None and not earlier.planned and earlier.on == date(2026, 12, 1)


def test_a_planned_meeting_has_no_decisions_yet():
    with pytest.raises(CaptureError, match="held"):
        parse("meet: sync @Lan on:fri; decision: ship it", TODAY)


def test_items_after_a_planned_meeting_concern_its_people():
    capture = parse("meet: sync @Lan on:fri 10:00; owe: the deck due:thu", TODAY)
    assert capture.drafts[0].names == ["Lan"]


def test_on_belongs_to_meetings_only():
    with pytest.raises(CaptureError, match="on:fri"):
        parse("owe: deck on:fri", TODAY)


@pytest.mark.parametrize(
    ("line", "rule", "due"),
    [
        ("task: status report every:week due:fri", "week", FRI),
        ("task: status report every:2w", "2w", TODAY),  # no due date: the series starts today
        ("task: one-to-one every:mon", "mon", date(2026, 12, 7)),
        ("任务：写周报 重复：每周 截止：周五", "week", FRI),
        ("任务：一对一 重复：每周一", "mon", date(2026, 12, 7)),
        ("任务：月报 重复：每月", "month", TODAY),
        ("任务：双周会 重复：每两周", "2w", TODAY),
    ],
)
def test_every_makes_a_recurring_item(line, rule, due):
    (draft,) = parse(line, TODAY).drafts
    assert (draft.every, draft.due) == (rule, due)


def test_a_bad_rule_is_named():
    with pytest.raises(CaptureError, match="sometimes"):
        parse("task: x every:sometimes", TODAY)


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("task: retest payment flow after:#12", [12]),
        ("task: retest after:12,14", [12, 14]),
        ("task: retest after: #12", [12]),  # the number may follow after a space
        ("任务：重测支付流程 依赖：#12", [12]),
        ("任务：重测 前置：＃12、14", [12, 14]),
    ],
)
def test_after_makes_an_item_wait_on_another(line, after):
    (draft,) = parse(line, TODAY).drafts
    assert draft.after == after
    assert "#" not in draft.title and "12" not in draft.title


@pytest.mark.parametrize("line", ["task: x after:abc", "task: x after:#0", "meet: @Lan after:#3"])
def test_a_bad_after_is_refused(line):
    with pytest.raises(CaptureError):
        parse(line, TODAY)


def test_an_outcome_line_has_a_summary_decisions_and_items():
    capture = parse_outcome(
        "agreed the new API @刘经理; decision: ship fri; owe: spec due:mon", TODAY
    )
    assert capture.meeting is not None
    assert capture.meeting.summary == "agreed the new API"
    assert capture.meeting.names == ["刘经理"]
    assert capture.meeting.decisions == ["ship fri"]
    assert [(d.kind, d.title, d.names) for d in capture.drafts] == [(Kind.OWE, "spec", ["刘经理"])]


def test_an_outcome_may_be_empty_or_start_with_an_item():
    assert parse_outcome("", TODAY).meeting.summary == ""  # type: ignore[union-attr]
    capture = parse_outcome("owe: send notes due:fri", TODAY)
    assert capture.meeting is not None and capture.meeting.summary == ""
    assert [d.title for d in capture.drafts] == ["send notes"]
    with pytest.raises(CaptureError):
        parse_outcome("meet: again", TODAY)


# --- what the files may hold --------------------------------------------------------------------


def test_validate_checks_the_new_fields():
    good = Item(title="x", id=1, every="2w", after=[3]).to_dict()
    assert validate.check_record("items", good) == []
    bad_rule = {**good, "every": "weekly"}
    assert [p.field for p in validate.check_record("items", bad_rule)] == ["every"]
    bad_after = {**good, "after": ["#3"]}
    assert [p.field for p in validate.check_record("items", bad_after)] == ["after"]


def test_validate_checks_planned_meetings():
    good = Meeting(title="sync", date=TODAY, time="15:00", id=2, contact_ids=[1]).to_dict()
    assert validate.check_record("meetings", good) == []
    assert [p.field for p in validate.check_record("meetings", {**good, "time": "3pm"})] == ["time"]
    assert [p.field for p in validate.check_record("meetings", {**good, "time": "24:00"})] == [
        "time"
    ]
    missing = {k: v for k, v in good.items() if k != "date"}
    assert [p.field for p in validate.check_record("meetings", missing)] == ["date"]


def test_records_round_trip_exactly():
    item = Item(title="x", id=1, every="mon", after=[2, 3])
    assert Item.from_dict(item.to_dict()) == item
    planned = Meeting(title="sync", date=TODAY, time="09:30", id=4, contact_ids=[1], tags=["a"])
    assert Meeting.from_dict(planned.to_dict()) == planned
