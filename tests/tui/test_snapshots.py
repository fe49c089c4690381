"""Snapshot tests (pytest-textual-snapshot): how each screen looks, demo data, frozen date.

The baselines live in ``__snapshots__/test_snapshots/``. After a deliberate change to the
look, regenerate them and check the new SVGs by eye (the HTML report pytest prints on a
failure shows old and new side by side):

    uv run pytest tests/tui/test_snapshots.py --snapshot-update

Shots are stable: the date is frozen, nothing changes on disk (so the one-second store
poll never redraws), and a typed-into Input gets a steady cursor instead of a blinking one.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from collab_tui.store import Store
from collab_tui.tui.app import CollabApp, make_app

from .conftest import TODAY

SIZE = (120, 36)
CAPTURE_EXAMPLE = (
    "meet: @小蓝 @小明 agreed to fix the approval bug; owe: retest payment flow due:fri"
)


def steady_cursors(app: CollabApp) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def test_today(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE)


def test_today_80x24(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


def test_matrix(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["2"], terminal_size=SIZE)


def test_matrix_light_theme(snap_compare, app: CollabApp) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"

    assert snap_compare(app, press=["2"], terminal_size=SIZE, run_before=light)


def test_contacts_with_a_brief(snap_compare, app: CollabApp, store: Store) -> None:
    lan = next(c for c in store.contacts() if c.name == "小蓝")

    async def select_lan(pilot: Pilot) -> None:
        await pilot.press("3")
        app.open_contact(lan.id)

    assert snap_compare(app, terminal_size=SIZE, run_before=select_lan)


def test_log(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["4"], terminal_size=SIZE)


def test_capture_with_live_preview(snap_compare, app: CollabApp) -> None:
    async def type_line(pilot: Pilot) -> None:
        await pilot.press("c")
        await pilot.pause()
        steady_cursors(app)
        await pilot.press(*CAPTURE_EXAMPLE)

    assert snap_compare(app, terminal_size=SIZE, run_before=type_line)


def test_search_on_today(snap_compare, app: CollabApp) -> None:
    async def search(pilot: Pilot) -> None:
        await pilot.press("slash")
        await pilot.pause()
        steady_cursors(app)
        await pilot.press(*"approval")

    assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_help(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE)


def test_review(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["r"], terminal_size=SIZE)


def test_first_run(snap_compare, empty_store: Store) -> None:
    assert snap_compare(make_app(empty_store, TODAY), terminal_size=SIZE)


def test_matrix_80x24(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["2"], terminal_size=(80, 24))


def test_item_detail(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["2", "enter"], terminal_size=SIZE)


# --- the app in Chinese, at the smallest supported size -----------------------------------


def test_today_in_chinese_80x24(snap_compare, zh_app: CollabApp) -> None:
    assert snap_compare(zh_app, terminal_size=(80, 24))


def test_matrix_in_chinese_80x24(snap_compare, zh_app: CollabApp) -> None:
    assert snap_compare(zh_app, press=["2"], terminal_size=(80, 24))


def test_contacts_in_chinese_80x24(snap_compare, zh_app: CollabApp) -> None:
    assert snap_compare(zh_app, press=["3"], terminal_size=(80, 24))


def test_projects(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["5"], terminal_size=SIZE)


def test_stakeholder_map_80x24(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["5", "s"], terminal_size=(80, 24))


def test_stakeholder_map_200x60(snap_compare, app: CollabApp) -> None:
    assert snap_compare(app, press=["5", "s"], terminal_size=(200, 60))


def test_today_meetings_outcomes_and_blocked(snap_compare, app: CollabApp) -> None:
    """Today's meeting with its people, yesterday's awaiting its outcome, the recurring
    report and the blocked retest (tall enough to show every section)."""
    assert snap_compare(app, terminal_size=(120, 62))


def test_escalation_form(snap_compare, app: CollabApp) -> None:
    """Review, `e` on the first overdue item (after the meeting awaiting its outcome): two
    options filled in, the second recommended."""

    async def fill(pilot: Pilot) -> None:
        await pilot.press("r", "n", "e")  # past the meeting awaiting its outcome
        form = pilot.app.screen
        values = {
            "#problem": "the order field list blocks the approval flag",
            "#tried": "asked 小明 twice; no slot this sprint",
            "#option-1-name": "wait for 小明's team",
            "#option-1-pros": "no extra work",
            "#option-1-cons": "2 weeks late",
            "#option-1-cost": "none",
            "#option-2-name": "we send a partial list",
            "#option-2-pros": "no slip",
            "#option-2-cons": "one more review",
            "#option-2-cost": "1 day",
            "#ask": "agree to the partial list",
        }
        for selector, value in values.items():
            form.query_one(selector, Input).value = value
        form.query_one("#recommend").value = 2
        form.query_one("#problem", Input).focus()
        steady_cursors(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=fill)
