"""Pilot tests of the review walk and of what a user relies on: reloads from other
processes, literal user text, small terminals, and agreement with the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input, TabbedContent

from collab_tui.model import Contact, Interaction, InteractionKind, Item, Kind, Status
from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp, make_app
from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.widgets.hanging import HangingLines
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, TODAY, screen_text, until

EVIL_NAME = "[@click=app.quit]Evil[/]"
EVIL_TITLE = "call [b]back[/b] [/] \x1b[31mred\x1b[0m \x07bell"


async def test_review_walks_one_record_at_a_time(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        steps = review.steps
        # Yesterday's meeting waits for its outcome first (test_playbook_tui.py logs one).
        assert [s.section for s in steps][:3] == [
            "Meetings awaiting their outcome",
            "Overdue",
            "Overdue",
        ]
        assert steps[-1].section == "Going cold"
        assert len({(s.kind, s.id) for s in steps}) == len(steps)  # each record once
        assert "1 of" in screen_text(app)
        await pilot.press("n")

        first = review.current_item()
        await pilot.press("d")  # done, and on to the next
        assert store.item(first.id).status is Status.DONE
        assert review.position == 2

        second = review.current_item()
        await pilot.press("s")
        assert isinstance(app.screen, modals.DatePrompt)
        app.screen.query_one(Input).value = "2026-12-04"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is review and review.position == 3
        assert store.item(second.id).due.isoformat() == "2026-12-04"

        await pilot.press("p", "n")  # back and forth
        assert review.position == 3
        counterpart = review.current_contact()
        logged_before = len(store.interactions())
        await pilot.press("l")  # logged contact: a chat with them today
        assert len(store.interactions()) == logged_before + 1
        chat = max(store.interactions(), key=lambda r: r.id)
        assert chat.kind is InteractionKind.CHAT and chat.contact_ids == [counterpart.id]
        assert chat.date == TODAY
        assert review.position == 4

        await pilot.press("q")
        assert not isinstance(app.screen, ReviewScreen)


async def test_review_escalate_prefills_capture_with_the_boss(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("n")  # past yesterday's meeting, which waits for its outcome
        # The first overdue item is owed to 小明, whose boss is 赵总.
        assert review.current_contact().name == "小明"
        await pilot.press("e")
        assert isinstance(app.screen, modals.CaptureModal)
        line = app.screen.query_one(Input).value
        assert line.startswith("owe: ") and "@赵总" in line
        await pilot.press("escape")
        assert app.screen is review


async def test_review_of_an_empty_file_says_so(empty_store: Store) -> None:
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert "Nothing overdue" in screen_text(app)
        await pilot.press("d")  # a key on nothing: a notification, no crash
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)


async def test_change_from_another_process_appears_and_typing_survives(
    app: CollabApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"retest")
        other = Store.open(db_path)
        try:
            added = other.add(
                Item(title="retest the refund flow", kind=Kind.OWE, due=TODAY, important=True)
            )
        finally:
            other.close()
        for _ in range(25):  # within two seconds (the poll runs every second)
            await pilot.pause(0.1)
            if added.id in app.snapshot.items_by_id:
                break
        assert added.id in app.snapshot.items_by_id
        assert "retest the refund flow" in screen_text(app)
        box = app.current_view.search_box
        assert box.value == "retest" and app.focused is box  # nothing typed was lost


async def test_markup_and_escape_sequences_show_literally(empty_store: Store) -> None:
    evil = empty_store.add(
        Contact(
            name=EVIL_NAME, department="[red]dept[/]", kpis=["[/]"], concerns=["\x1b]0;title\x07 x"]
        )
    )
    empty_store.add(
        Item(
            title=EVIL_TITLE,
            kind=Kind.OWE,
            due=TODAY,
            contact_ids=[evil.id],
            tags=["[x]"],
            notes="[/]",
        )
    )
    empty_store.add(
        Interaction(
            date=TODAY,
            summary="[@click=app.quit]log[/]",
            contact_ids=[evil.id],
            decisions=["[/]"],
            tags=["[/b]"],
        )
    )
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        # Control characters are removed; what remains is shown as typed.
        assert "call [b]back[/b] [/] [31mred[0m bell" in text
        assert EVIL_NAME in text
        for key, shown in (("2", "call [b]back[/b]"), ("3", EVIL_NAME), ("4", EVIL_NAME)):
            await pilot.press(key)
            await pilot.pause()
            assert shown in screen_text(app)
        await pilot.click("#log-list", offset=(10, 0))  # clicking rows runs no stored action
        await pilot.press("3")
        await pilot.click("#brief")
        await pilot.press("ctrl+p")
        await pilot.press(*"brief")
        await until(pilot, lambda: EVIL_NAME in screen_text(app))
        await pilot.press("escape")
        await pilot.press("r")
        await pilot.press("escape")
        assert app.is_running
        assert "\x1b" not in screen_text(app)


async def test_works_at_80_by_24(app: CollabApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Overdue (2)" in screen_text(app)
        for key in ("2", "3", "4", "1", "r", "escape", "question_mark", "escape", "c", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert screen_text(app).strip()
        assert app.query_one(TabbedContent).active == "today"
        await pilot.press("2")
        assert "Do now" in screen_text(app) and "Drop" in screen_text(app)


async def test_bad_date_is_a_notification_not_a_crash(app: CollabApp, store: Store) -> None:
    item = next(i for i in store.items() if "weekly status" in i.title)
    async with app.run_test(size=SIZE) as pilot:
        app.current_view.select_item(item.id)
        await pilot.press("s")
        app.screen.query_one(Input).value = "someday maybe"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, modals.DatePrompt)  # the prompt says what is wrong
        await pilot.press("escape")
        assert store.item(item.id).due == item.due
        assert app.is_running


async def test_conflict_with_another_process_is_reported(
    app: CollabApp, store: Store, db_path: Path
) -> None:
    item = next(i for i in store.items() if "weekly status" in i.title)
    async with app.run_test(size=SIZE) as pilot:
        app.current_view.select_item(item.id)
        await pilot.press("e")
        other = Store.open(db_path)
        try:
            changed = other.item(item.id)
            changed.title = "changed elsewhere"
            other.update(changed)
        finally:
            other.close()
        app.screen.query_one("#title", Input).value = "changed here"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert store.item(item.id).title == "changed elsewhere"
        # The form stays open with what was typed, and says what changed meanwhile.
        assert isinstance(app.screen, modals.ItemForm)
        assert app.screen.query_one("#title", Input).value == "changed here"
        error = str(app.screen.query_one("#form-error").content)
        assert "another process" in error and "title" in error
        # Saving again applies the user's text over the other change, knowingly.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, modals.ItemForm)
        assert store.item(item.id).title == "changed here"


async def test_an_edit_in_the_app_is_what_the_cli_reports(
    app: CollabApp, store: Store, db_path: Path
) -> None:
    done = next(i for i in store.items() if "send Ming the list" in i.title)
    bumped = next(i for i in store.items() if "reply to the finance team" in i.title)
    async with app.run_test(size=SIZE) as pilot:
        app.current_view.select_item(done.id)
        await pilot.press("d")
        await pilot.press("2")
        app.current_view.select_item(bumped.id)
        await pilot.press("i")
    env = {**os.environ, "COLLAB_TODAY": TODAY.isoformat()}
    result = subprocess.run(
        [sys.executable, "-m", "collab_tui", "--db", str(db_path), "today", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    overdue = {i["id"] for i in report["overdue"]}
    assert done.id not in overdue and len(overdue) == 1
    assert bumped.id in {i["id"] for i in report["do_now"]}


async def test_contacts_row_click_shows_that_brief(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        rows = app.query_one("#contact-list", RecordList)
        await pilot.click("#contact-list", offset=(2, 2))  # the 3rd contact
        await pilot.pause()
        selected = app.current_view.selected_contact()
        assert rows.cursor == 2 and selected is not None
        assert selected.name in app.query_one("#brief", HangingLines).plain_text


async def test_today_rows_are_clickable(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        record_list = app.query_one("#today-list", RecordList)
        # the first overdue row: after today's meeting, yesterday's, and their people
        await pilot.click("#today-list", offset=(5, 8))
        assert record_list.target is not None and record_list.target.section == "overdue"
