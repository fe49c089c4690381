"""Parity: the shell and the app make the same change for the same request.

Both front ends go through ``collab_tui.actions``; this test holds them to it. The same
operations run once through ``collab`` (a subprocess) and once through the app (Pilot
key presses) on two fresh data files, and the stored records must match, apart from
stamps and uids that differ by nature.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import Input, Select

from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import make_app

TODAY = date(2026, 11, 24)  # a Tuesday
STAMPS = {"created", "updated", "closed", "uid"}

CAPTURES = [
    "owe: send the revised spec @小蓝 due:fri #orders",
    "risk: approval API may slip @小蓝 review:mon",
    "meet: @小蓝 @Ming agreed the API; wait: order numbers @Ming due:+3d",
]


def shell(db: Path, *args: str) -> None:
    env = {**os.environ, "COLLAB_TODAY": TODAY.isoformat(), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "collab_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def stored(db: Path) -> dict[str, list[dict]]:
    store = Store.open(db)
    try:
        tables = {
            "contacts": store.contacts(),
            "items": store.items(active_only=False),
            "interactions": store.interactions(),
        }
        return {
            name: [{k: v for k, v in r.to_dict().items() if k not in STAMPS} for r in records]
            for name, records in tables.items()
        }
    finally:
        store.close()


async def test_shell_and_app_store_the_same_records(tmp_path: Path) -> None:
    by_shell, by_app = tmp_path / "shell.json", tmp_path / "app.json"

    for line in CAPTURES:
        shell(by_shell, "add", line)
    shell(by_shell, "snooze", "1", "mon")
    shell(by_shell, "done", "3")
    shell(by_shell, "drop", "2")
    shell(by_shell, "contact", "小蓝", "--dept", "B", "--stance", "eager", "--kpi", "latency")

    store = Store.open(by_app)
    app = make_app(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for line in CAPTURES:
            await pilot.press("c")
            app.screen.query_one(Input).value = line
            await pilot.press("enter")
            await pilot.pause()

        async def on_item(item_id: int, *keys: str) -> None:
            assert app.current_view.select_item(item_id)
            await pilot.press(*keys)
            await pilot.pause()

        await on_item(1, "s")
        prompt = app.screen
        assert isinstance(prompt, modals.DatePrompt)
        prompt.query_one(Input).value = "mon"
        await pilot.press("enter")
        await pilot.pause()
        await on_item(3, "d")
        await pilot.press("2")  # the risk is not on Today: it waits in the Matrix
        await on_item(2, "x")

        app.open_contact(1)  # 小蓝, on the Contacts tab
        await pilot.pause()
        assert app.current_view.selected_contact().name == "小蓝"
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, modals.ContactForm)
        form.query_one("#department", Input).value = "B"
        form.query_one("#stance", Select).value = "eager"
        form.query_one("#kpis").text = "latency"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, modals.ContactForm), app.screen
    store.close()

    assert stored(by_app) == stored(by_shell)
    # ...and the operations did happen (an empty pair of files would also be equal).
    items = {i["id"]: i for i in stored(by_shell)["items"]}
    assert items[1]["due"] == "2026-11-30" and items[1]["due_history"] == ["2026-11-27"]
    assert (items[2]["status"], items[3]["status"]) == ("dropped", "done")


def stored_projects(db: Path) -> dict[str, list[dict]]:
    store = Store.open(db)
    try:
        tables = {
            "projects": store.projects(),
            "milestones": store.milestones(),
            "interactions": store.interactions(),
        }
        return {
            name: [{k: v for k, v in r.to_dict().items() if k not in STAMPS} for r in records]
            for name, records in tables.items()
        }
    finally:
        store.close()


async def test_shell_and_app_store_the_same_projects(tmp_path: Path) -> None:
    from textual.widgets import SelectionList

    from collab_tui.tui.modals._fields import DateField

    by_shell, by_app = tmp_path / "shell.json", tmp_path / "app.json"
    for db in (by_shell, by_app):
        shell(db, "contact", "小蓝")
    shell(by_shell, "project", "add", "Order payment", "--launch", "2026-12-31", "--tag", "orders")
    shell(by_shell, "milestone", "add", "orders", "API definition", "--baseline", "2026-12-04")
    shell(by_shell, "milestone", "move", "1", "2026-12-11", "--cause", "design change")
    shell(by_shell, "milestone", "agree", "1", "--with", "小蓝")

    store = Store.open(by_app)
    app = make_app(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "n")
        app.screen.query_one("#name", Input).value = "Order payment"
        app.screen.query_one("#launch", DateField).input.value = "2026-12-31"
        app.screen.query_one("#tag", Input).value = "orders"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        app.screen.query_one("#name", Input).value = "API definition"
        app.screen.query_one("#baseline", DateField).input.value = "2026-12-04"
        await pilot.press("ctrl+s")
        await pilot.pause()  # the new milestone is selected
        await pilot.press("f")
        app.screen.query_one("#forecast", DateField).input.value = "2026-12-11"
        app.screen.query_one("#cause", Input).value = "design change"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one(SelectionList).select(1)  # 小蓝
        await pilot.press("ctrl+s")
        await pilot.pause()
    store.close()

    assert stored_projects(by_app) == stored_projects(by_shell)
    milestone = stored_projects(by_shell)["milestones"][0]
    assert milestone["forecast"] == "2026-12-11" and milestone["agreed_with"] == [1]
