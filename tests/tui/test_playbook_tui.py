"""Pilot tests: plan a meeting, log its outcome (Today and the review), a meeting's people
one key away, finish and drop a recurring item, a blocked item becoming active."""

from __future__ import annotations

from textual.widgets import Input

from collab_tui.model import Status
from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp
from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, TODAY, screen_text
from .test_app import item_named, select_item


def today_list(app: CollabApp) -> RecordList:
    return app.query_one("#today-list", RecordList)


def select_meeting(app: CollabApp, title: str) -> int:
    meeting = next(m for m in app.snapshot.meetings if title in m.title)
    record_list = today_list(app)
    assert record_list.select_target("meeting", meeting.id)
    record_list.focus()
    return meeting.id


async def test_plan_a_meeting_with_the_form(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, modals.MeetingForm)
        form.query_one("#about", Input).value = "milestone sign-off"
        form.query_one("#time", Input).value = "下午4点"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, modals.MeetingForm)
        planned = next(m for m in store.meetings() if m.title == "milestone sign-off")
        assert (planned.date, planned.time) == (TODAY, "16:00")
        assert "milestone sign-off" in screen_text(app)


async def test_a_bad_time_keeps_the_form_open(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        form = app.screen
        form.query_one("#about", Input).value = "sync"
        form.query_one("#time", Input).value = "teatime"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "teatime" in screen_text(app)
        assert len(store.meetings()) == 2  # the demo's two


async def test_log_a_meetings_outcome_from_today(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert "Meetings awaiting their outcome (1)" in screen_text(app)
        meeting_id = select_meeting(app, "joint debugging")
        await pilot.press("l")
        prompt = app.screen
        assert isinstance(prompt, modals.OutcomePrompt)
        prompt.query_one(
            Input
        ).value = "slot agreed for next Tuesday; owe: send the invite due:tomorrow"
        await pilot.press("enter")
        await pilot.pause()
        assert store.meeting(meeting_id) is None
        held = max(store.interactions(), key=lambda r: r.id)
        assert held.summary == "joint debugging plan: slot agreed for next Tuesday"
        invite = item_named(store, "send the invite")
        assert invite.interaction_id == held.id and invite.contact_ids == held.contact_ids
        assert "Meetings awaiting their outcome" not in screen_text(app)
        await pilot.press("z")  # undo: the planned meeting is back, the log entry gone
        await pilot.pause()
        assert store.meeting(meeting_id) is not None
        assert store.interaction(held.id) is None


async def test_a_meetings_people_are_one_key_from_their_brief(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        select_meeting(app, "API review")
        await pilot.press("down", "down", "enter")  # 小蓝, then 小明
        await pilot.pause()
        assert app.current_view.id == "contacts-view"
        assert app.current_view.selected_contact().name == "小明"


async def test_the_review_asks_for_the_outcome_first(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.step is not None and review.step.kind == "meeting"
        assert "joint debugging plan" in screen_text(app)
        await pilot.press("l")
        assert isinstance(app.screen, modals.OutcomePrompt)
        app.screen.query_one(Input).value = "went well"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is review and review.position == 1
        assert [m.date for m in store.meetings()] == [TODAY]


async def test_finishing_a_recurring_item_creates_the_next(app: CollabApp, store: Store) -> None:
    weekly = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, weekly)
        await pilot.press("d")
        await pilot.pause()
        assert store.item(weekly.id).status is Status.DONE
        (following,) = [i for i in store.items() if i.title == weekly.title]
        assert following.due == weekly.due.replace(day=weekly.due.day + 7)
        assert any("next: owe" in n.message for n in app._notifications)
        await pilot.press("z")  # undo removes the next one too
        await pilot.pause()
        assert [i.id for i in store.items() if i.title == weekly.title] == [weekly.id]


async def test_drop_one_and_stop_the_series(app: CollabApp, store: Store) -> None:
    weekly = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, weekly)
        await pilot.press("x")
        assert isinstance(app.screen, modals.SeriesDialog)
        await pilot.press("escape")  # nothing dropped
        assert store.item(weekly.id).is_open
        await pilot.press("x")
        await pilot.press("s")  # stop the series
        await pilot.pause()
        assert store.item(weekly.id).status is Status.DROPPED
        assert [i for i in store.items() if i.title == weekly.title] == []


async def test_skip_one_keeps_the_series(app: CollabApp, store: Store) -> None:
    weekly = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, weekly)
        await pilot.press("x", "k")
        await pilot.pause()
        assert store.item(weekly.id).status is Status.DROPPED
        assert [i.every for i in store.items() if i.title == weekly.title] == ["week"]


async def test_a_blocked_item_becomes_active_when_its_blocker_is_done(
    app: CollabApp, store: Store
) -> None:
    retest = item_named(store, "retest the payment flow")
    fix = item_named(store, "fix the approval-status bug")
    async with app.run_test(size=SIZE) as pilot:
        assert [b.item.id for b in app.snapshot.agenda.blocked] == [retest.id]
        assert f"blocked by #{fix.id}" in screen_text(app)
        select_item(app, fix)
        await pilot.press("d")
        await pilot.pause()
        assert app.snapshot.agenda.blocked == []
        assert any("no longer blocked" in n.message for n in app._notifications)


async def test_the_item_form_sets_repeats_and_waits_on(app: CollabApp, store: Store) -> None:
    item = item_named(store, "book the joint debugging slot")
    fix = item_named(store, "fix the approval-status bug")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        select_item(app, item)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, modals.ItemForm)
        form.query_one("#every", Input).value = "每两周"
        form.query_one("#after", Input).value = "#12 x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # "x" is not an item number
        form.query_one("#after", Input).value = f"#{fix.id}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = store.item(item.id)
        assert (stored.every, stored.after) == ("2w", [fix.id])


async def test_a_blocked_item_is_not_offered_for_escalation(app: CollabApp, store: Store) -> None:
    retest = item_named(store, "retest the payment flow")
    async with app.run_test(size=SIZE) as pilot:
        app.escalate(app.snapshot.items_by_id[retest.id], None)
        await pilot.pause()
        assert not isinstance(app.screen, modals.CaptureModal)
        assert any("blocked by #" in n.message for n in app._notifications)
