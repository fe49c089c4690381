"""Parity for planned meetings, recurring and blocked items: the shell and the app store
the same records for the same requests (both go through ``collab_tui.actions``)."""

from __future__ import annotations

from pathlib import Path

from test_parity import STAMPS, TODAY, shell, stored
from textual.widgets import Input

from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import make_app
from collab_tui.tui.widgets.record_list import RecordList

CAPTURES = [
    "wait: fix the approval bug @小蓝 due:thu",
    "task: retest payment flow after:#1 due:fri",
    "owe: weekly status report @小蓝 every:week due:tue",
    "meet: sync @小蓝 on:today 08:00",
]


def meetings(db: Path) -> list[dict]:
    with Store.open(db) as store:
        return [{k: v for k, v in m.to_dict().items() if k not in STAMPS} for m in store.meetings()]


async def test_shell_and_app_plan_finish_and_log_alike(tmp_path: Path) -> None:
    by_shell, by_app = tmp_path / "shell.json", tmp_path / "app.json"
    for line in CAPTURES:
        shell(by_shell, "add", line)
    shell(by_shell, "done", "3")  # the report: next week's is created
    shell(by_shell, "done", "1")  # the fix: the retest is free
    shell(by_shell, "outcome", "1", "agreed; owe: send notes due:mon")

    store = Store.open(by_app)
    app = make_app(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for line in CAPTURES:
            await pilot.press("c")
            app.screen.query_one(Input).value = line
            await pilot.press("enter")
            await pilot.pause()
        for item_id in (3, 1):
            assert app.current_view.select_item(item_id)
            await pilot.press("d")
            await pilot.pause()
        today_list = app.query_one("#today-list", RecordList)
        assert today_list.select_target("meeting", 1)
        today_list.focus()
        await pilot.press("l")
        assert isinstance(app.screen, modals.OutcomePrompt)
        app.screen.query_one(Input).value = "agreed; owe: send notes due:mon"
        await pilot.press("enter")
        await pilot.pause()
    store.close()

    assert stored(by_app) == stored(by_shell)
    assert meetings(by_app) == meetings(by_shell) == []
    items = {i["id"]: i for i in stored(by_shell)["items"]}
    assert items[4]["every"] == "week" and items[4]["due"] == "2026-12-08"
    assert items[2]["after"] == [1] and items[5]["title"] == "send notes"
    (held,) = stored(by_shell)["interactions"]
    assert held["summary"] == "sync: agreed" and held["item_ids"] == [5]
