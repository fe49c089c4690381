"""The shell's planned meetings, recurring and blocked items (subprocesses, today frozen
to Tuesday 24 Nov 2026, the clock to 09:00 unless COLLAB_TIME says otherwise)."""

from __future__ import annotations


def test_plan_a_meeting_then_log_its_outcome(collab):
    planned = collab("meet", "API review @小蓝 @小明 on:today 15:00")
    assert planned.code == 0, planned.err
    assert "planned meeting #1 Tue 24 Nov 15:00 with 小蓝, 小明: API review" in planned.out
    today = collab("today", "--json").json()
    assert [m["title"] for m in today["meetings_today"]] == ["API review"]
    assert today["awaiting_outcome"] == [] and today["blocked"] == []
    later = collab("today", "--json", env={"COLLAB_TIME": "16:30"}).json()
    assert later["meetings_today"] == []
    assert [m["id"] for m in later["awaiting_outcome"]] == [1]
    listed = collab("meetings", "--json", env={"COLLAB_TIME": "16:30"}).json()
    assert [(m["id"], m["time"], m["passed"]) for m in listed["meetings"]] == [(1, "15:00", True)]
    logged = collab("outcome", "1", "agreed the bug fix; owe: send the spec due:fri")
    assert logged.code == 0, logged.err
    assert "logged meeting #1 with 小蓝, 小明: API review: agreed the bug fix" in logged.out
    assert "added owe #1: send the spec -> 小蓝, 小明" in logged.out
    assert collab("meetings", "--json").json()["meetings"] == []
    assert "no meetings planned" in collab("meetings").out


def test_chinese_capture_plans_a_meeting_and_today_shows_it(collab):
    done = collab("add", "会议：接口评审 @小蓝 时间：今天 下午3点")
    assert done.code == 0, done.err
    shown = collab("today")
    assert "Meetings today (1)" in shown.out
    assert "15:00" in shown.out and "接口评审" in shown.out


def test_outcome_and_cancel_name_an_unknown_meeting(collab):
    for verb in ("outcome", "cancel"):
        result = collab(verb, "7")
        assert result.code == 2 and "no planned meeting #7" in result.err


def test_cancel_a_planned_meeting(collab):
    collab("meet", "sync @Lan on:fri")
    cancelled = collab("cancel", "1")
    assert cancelled.code == 0 and "cancelled meeting #1" in cancelled.out
    assert collab("meetings", "--json").json()["meetings"] == []


def test_recurring_item_done_and_dropped(collab):
    added = collab("add", "task: weekly status report every:week due:fri")
    assert "every week" in added.out
    done = collab("done", "1")
    assert done.code == 0, done.err
    assert "next: task #2: weekly status report · due Fri 4 Dec · every week" in done.out
    skipped = collab("drop", "2")
    assert "next: task #3: weekly status report · due Fri 11 Dec" in skipped.out
    stopped = collab("drop", "3", "--stop-series")
    assert "the series stops here" in stopped.out
    assert collab("today", "--json").json()["due_today"] == []
    assert collab("matrix", "--json").json()["drop"] == []


def test_add_flags_every_and_after(collab):
    collab("add", "wait: fix the approval bug @Lan due:+2d")
    added = collab("add", "--every", "2w", "--after", "1", "task: retest due:yesterday")
    assert added.code == 0, added.err
    assert "every 2 weeks" in added.out and "waits on #1" in added.out
    bad = collab("add", "--every", "sometimes", "task: x")
    assert bad.code == 2 and "sometimes" in bad.err


def test_blocked_item_is_shown_blocked_not_overdue_until_its_blocker_is_done(collab):
    collab("add", "wait: fix the approval bug @Lan due:+2d")
    collab("add", "task: retest payment flow after:#1 due:yesterday !")
    today = collab("today", "--json").json()
    assert today["overdue"] == []
    assert [(b["id"], b["blocked_by"]) for b in today["blocked"]] == [(2, [1])]
    assert "retest payment flow (blocked by #1)" in collab("today").out
    assert "(blocked by #1)" in collab("matrix").out
    done = collab("done", "1")
    assert "no longer blocked: task #2: retest payment flow" in done.out
    freed = collab("today", "--json").json()
    assert [i["id"] for i in freed["overdue"]] == [2] and freed["blocked"] == []


def test_the_brief_shows_a_blocked_item_as_blocked(collab):
    collab("add", "wait: fix the approval bug @Lan due:+2d")
    collab("add", "owe: retest payment flow @Lan after:#1")
    brief = collab("who", "Lan").out
    assert "retest payment flow (blocked by #1)" in brief
    assert brief.count("fix the approval bug") == 1  # its own item, and a blocker: once


def test_the_brief_shows_an_item_blocked_by_someone_elses_as_blocked(collab):
    collab("add", "wait: fix the approval bug @Bob due:+2d")
    collab("add", "owe: retest payment flow @Lan after:#1")
    brief = collab("who", "Lan").out
    assert "retest payment flow (blocked by #1)" in brief
    assert "fix the approval bug" not in brief  # Bob's item: not in Lan's brief
    collab("done", "1")
    assert "(blocked by" not in collab("who", "Lan").out


def test_a_stance_captured_in_chinese_reaches_the_brief(collab):
    done = collab(
        "--lang",
        "zh",
        "add",
        "会议：@小明 谈了排期；立场：@小明 没人手；我欠：找刘经理要人 截止：周五",
    )
    assert done.code == 0, done.err
    assert "小明现在的立场：有意愿但没人力（已记入立场历史）" in done.out
    brief = collab("who", "小明", "--json").json()
    assert brief["contact"]["stance"] == "no-capacity"
    assert brief["contact"]["stance_history"][-1]["stance"] == "no-capacity"
    bad = collab("--lang", "zh", "add", "会议：@小明 谈了；立场：@小明 开心")
    assert bad.code == 2 and "立场" in bad.err and "开心" in bad.err
