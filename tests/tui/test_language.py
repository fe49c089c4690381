"""The app in Chinese: switched live in the settings, remembered at the next start."""

from __future__ import annotations

import json

from textual.widgets import Input, Select, TabbedContent

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


async def test_the_whole_app_reads_chinese_at_80x24(zh_app: CollabApp) -> None:
    """Every tab, the capture preview, the review, an item, the help: Chinese words, no
    English interface words, nothing cut into an unreadable line."""
    english = ["Today", "Matrix", "Contacts", "Overdue", "Capture", "Do now", "Search", "palette"]
    seen: dict[str, str] = {}
    async with zh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen["today"] = screen_text(zh_app)
        for key, name in (("2", "matrix"), ("3", "contacts"), ("4", "log")):
            await pilot.press(key)
            await pilot.pause()
            seen[name] = screen_text(zh_app)
        await pilot.press("1", "c")
        await until(pilot, lambda: isinstance(zh_app.screen, modals.CaptureModal))
        # as an input method delivers it: the whole phrase at once
        zh_app.screen.query_one("#line", Input).insert_text_at_cursor(
            "等待：审批结果 @小明 截止：明天"
        )
        await pilot.pause()
        seen["capture"] = screen_text(zh_app)
        await pilot.press("escape", "r")
        await pilot.pause()
        seen["review"] = screen_text(zh_app)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        seen["help"] = screen_text(zh_app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        seen["palette"] = screen_text(zh_app)
    assert "逾期" in seen["today"] and "我欠的" in seen["today"]
    assert "马上做" in seen["matrix"] and "计划做" in seen["matrix"]
    assert "小蓝" in seen["contacts"] and "部门" in seen["contacts"]
    assert "会议" in seen["log"]
    preview = seen["capture"].split("Enter")[0].rsplit("重要", 1)[-1]  # below the hints
    assert "等待" in preview and "小明" in preview and "11月24日" in preview, preview
    assert "晨间回顾" in seen["review"] or "逾期" in seen["review"]
    assert "速记" in seen["help"]
    assert "^p 命令" in seen["today"] and "搜索命令" in seen["palette"]
    for name, text in seen.items():
        for word in english:
            assert word not in text, (name, word)
