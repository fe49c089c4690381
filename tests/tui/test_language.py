"""The app in Chinese: switched live in the settings, remembered at the next start."""

from __future__ import annotations

import json

from textual.widgets import Select, TabbedContent

from collab_tui import paths, words
from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp, make_app

from .conftest import TODAY, screen_text, until

SIZE = (80, 24)


def _tab_titles(app: CollabApp) -> list[str]:
    tabs = app.query_one(TabbedContent)
    return [str(tabs.get_tab(name).label) for name in ("today", "matrix", "contacts", "log")]


async def test_switch_to_chinese_in_the_settings_and_restart_in_chinese(
    app: CollabApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 Today" in _tab_titles(app)[0]
        assert "Capture" in screen_text(app)  # the footer
        await pilot.press("comma")
        await until(pilot, lambda: isinstance(app.screen, modals.SettingsModal))
        assert app.screen.query_one("#language", Select).value == "en"
        app.screen.query_one("#language", Select).value = "zh"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, modals.SettingsModal))
        await until(pilot, lambda: "今日" in _tab_titles(app)[0])
        await pilot.pause()
        text = screen_text(app)
        assert _tab_titles(app) == ["1 今日", "2 四象限", "3 联系人", "4 记录"]
        assert "速记" in text and "Capture" not in text  # the footer
        assert "逾期" in text  # the Today view, drawn again
        assert "Overdue" not in text
        await pilot.press("2")  # another tab, built anew in Chinese
        await pilot.pause()
        assert "马上做" in screen_text(app)
        from collab_tui.tui.commands import COMMANDS

        titles = [title for title, _, _ in COMMANDS]  # the command palette
        assert words.t("act.settings") == "设置" and "设置" in titles and "Settings" not in titles
    assert json.loads(paths.config_path().read_text())["language"] == "zh"

    words.set_language(None)  # a new start of the program: nothing chosen yet
    restarted = make_app(store, TODAY)
    async with restarted.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert words.language() == "zh"
        assert _tab_titles(restarted)[0] == "1 今日"
        text = screen_text(restarted)
        assert "速记" in text and "逾期" in text


async def test_collab_lang_beats_the_remembered_choice(store: Store, tmp_path, monkeypatch) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"language": "zh"}))
    monkeypatch.setenv("COLLAB_LANG", "en")
    app = CollabApp(store, TODAY, config_path=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _tab_titles(app)[0] == "1 Today"
        assert "Capture" in screen_text(app)
