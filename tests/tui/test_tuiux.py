"""Issue #7, the app's rough edges: Matrix focus and 80x24 layout, the item detail screen,
the review card's side panel, and settings and theme saved and editable in the app."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Select

from collab_tui import paths
from collab_tui.model import Item, Kind, Status
from collab_tui.store import Store
from collab_tui.triage import Quadrant
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp, make_app
from collab_tui.tui.commands import COMMANDS
from collab_tui.tui.screens.item_detail import ItemScreen
from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.widgets.hanging import HangingLines
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, TODAY, screen_text, until


def add(store: Store, title: str, **fields: object) -> Item:
    return store.add(Item(title, **fields))  # type: ignore[arg-type,return-value]


def focused_quadrant(app: CollabApp) -> str | None:
    focused = app.focused
    return focused.id if isinstance(focused, RecordList) else None


# --- 1. Matrix focus ---------------------------------------------------------------------


async def test_matrix_focus_lands_on_the_first_quadrant_with_items(empty_store: Store) -> None:
    """Do now is empty: `d` right after opening the Matrix completes the Schedule item."""
    plan = add(empty_store, "plan the quarter", important=True)
    add(empty_store, "answer the survey", urgent=True)
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert focused_quadrant(app) == "q-schedule"
        await pilot.press("d")
        await until(pilot, lambda: empty_store.item(plan.id).status is Status.DONE)


async def test_matrix_focus_moves_on_when_the_quadrant_empties(empty_store: Store) -> None:
    now = add(empty_store, "ship the fix", important=True, due=TODAY)
    later = add(empty_store, "answer the survey", urgent=True)
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert focused_quadrant(app) == "q-do_now"
        await pilot.press("d")
        await until(pilot, lambda: empty_store.item(now.id).status is Status.DONE)
        await until(pilot, lambda: focused_quadrant(app) == "q-delegate")  # Schedule is empty
        await pilot.press("d")
        await until(pilot, lambda: empty_store.item(later.id).status is Status.DONE)


# --- 2. Matrix readable at 80x24 (and still at 120x40) -------------------------------------


async def test_matrix_rows_show_title_and_counterpart(app: CollabApp, store: Store) -> None:
    names = {c.id: c.name for c in store.contacts()}
    for size, title_cells in (((80, 24), 30), (SIZE, 20)):
        async with make_app(store, TODAY).run_test(size=size) as pilot:
            await pilot.press("2")
            await pilot.pause()
            lines = screen_text(pilot.app).splitlines()
            do_now = pilot.app.snapshot.matrix[Quadrant.DO_NOW]
            assert do_now
            for item in do_now:
                if not item.contact_ids:
                    continue
                start = item.title[:title_cells]
                row = next((line for line in lines if start in line), None)
                assert row is not None, f"{size}: {start!r} is not on screen"
                assert names[item.contact_ids[0]] in row, f"{size}: no counterpart in {row!r}"


# --- 3. Item detail on Enter -----------------------------------------------------------------


async def test_enter_opens_the_item_in_full_and_its_keys_act_on_it(
    app: CollabApp, store: Store
) -> None:
    item = next(i for i in store.items() if i.title == "fix the approval-status bug")
    assert item.due_history and item.interaction_id and item.notes
    meeting = store.interaction(item.interaction_id)
    lan = store.contact(item.contact_ids[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_view.select_item(item.id)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.pause()
        shown = "\n".join(w.plain_text for w in app.screen.query(HangingLines))
        assert item.title in shown and "wait" in shown and "open" in shown
        assert "slipped" in shown and "Sun 22 Nov" in shown  # the earlier due date
        assert lan.department in shown  # the person, with their department
        assert item.notes.splitlines()[0] in shown
        assert meeting.summary[:30] in shown  # the meeting that produced it
        assert "Recent log with them" in shown and "Linked risks" in shown
        assert item.title in screen_text(app)

        await pilot.press("e")  # the app's edit form, on this item
        await until(pilot, lambda: isinstance(app.screen, modals.ItemForm))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.press("d")
        await until(pilot, lambda: store.item(item.id).status is Status.DONE)
        await until(pilot, lambda: "done" in app.screen.query_one("#detail-item").plain_text)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.screen_stack[0])


async def test_item_detail_shows_user_text_literally(empty_store: Store) -> None:
    item = add(
        empty_store,
        "[@click=app.quit]evil[/] \x1b[31mred",
        kind=Kind.RISK,
        notes="[b]not bold[/b]\x07",
        mitigation="[/]",
    )
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_item(item.id)
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]evil[/]" in text and "[b]not bold[/b]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "mitigation  [/]" in text


# --- 4. The review card uses its space -------------------------------------------------------


async def test_review_card_shows_the_counterparts_log_risks_and_slips(
    app: CollabApp, store: Store
) -> None:
    item = next(i for i in store.items() if i.title == "fix the approval-status bug")
    lan_id = item.contact_ids[0]
    newest_first = sorted(store.interactions(), key=lambda r: (r.date, r.id), reverse=True)
    latest = next(r for r in newest_first if lan_id in r.contact_ids)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert isinstance(review, ReviewScreen)
        while review.current_item() is None or review.current_item().id != item.id:
            await pilot.press("n")
        await pilot.pause()
        side = review.query_one("#review-side", HangingLines).plain_text
        card = review.query_one("#review-body", HangingLines).plain_text
        assert "Recent interactions" in side and latest.summary[:30] in side
        assert "Linked risks" in side and "customers still charged" in side
        assert "slipped" in card and "Sun 22 Nov" in card
        assert "Recent interactions" in screen_text(app)  # on screen at 80x24, not cut off


# --- 5. Settings and theme ----------------------------------------------------------------------


async def test_settings_modal_saves_settings_and_the_theme_is_remembered(
    app: CollabApp, store: Store
) -> None:
    assert any(action == "settings" for _title, _help, action in COMMANDS)  # the palette
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await until(pilot, lambda: isinstance(app.screen, modals.SettingsModal))
        modal = app.screen
        modal.query_one("#horizon", Input).value = "999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, modals.SettingsModal)  # refused, kept open
        assert "urgency_horizon_days" in str(modal.query_one("#form-error").render())
        assert store.settings.urgency_horizon_days == 2  # nothing saved

        modal.query_one("#horizon", Input).value = "7"
        modal.query_one("#cold", Input).value = "30"
        modal.query_one("#theme", Select).value = "textual-light"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, modals.SettingsModal))
        assert store.settings.urgency_horizon_days == 7
        assert store.settings.cold_after_days == 30
        assert app.theme == "textual-light"
        # a 7-day horizon makes more items urgent: the matrix follows at once
        assert app.snapshot.settings.urgency_horizon_days == 7
        await until(pilot, lambda: paths.config_path().exists())
    assert json.loads(paths.config_path().read_text())["theme"] == "textual-light"

    restarted = make_app(store, TODAY)
    async with restarted.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert restarted.theme == "textual-light"


async def test_a_theme_from_the_palette_is_remembered(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"  # what the palette's "Change theme" does
        await until(pilot, lambda: paths.config_path().exists())
    restarted = make_app(store, TODAY)
    async with restarted.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert restarted.theme == "nord"


async def test_an_unknown_or_damaged_saved_theme_is_ignored(store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    for text in ("{not json", json.dumps({"theme": "no-such-theme"})):
        config.write_text(text)
        app = CollabApp(store, TODAY, config_path=config)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == "textual-dark"
