"""The interface language in the shell: --lang > COLLAB_LANG > the app's choice > the locale."""

from __future__ import annotations

import json

import pytest

from collab_tui import words
from collab_tui.config import save_config

ADD = "owe: send the spec @小蓝 due:tomorrow"


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_lang_zh_speaks_chinese_and_en_english(collab):
    assert "已添加" in collab("--lang", "zh", "add", ADD).out
    assert collab("--lang=en", "add", "wait: the approval @小蓝").out.startswith("added wait")
    today = collab("today", "--lang", "zh")  # after the command name too
    assert today.code == 0 and "逾期" in today.out


def test_collab_add_fast_path_takes_lang(collab):
    """`collab add --lang zh TEXT` still takes the fast path (no argparse) and speaks Chinese."""
    from collab_tui.cli import choose_language, quick_args

    rest = choose_language(["--lang", "zh", "add", ADD])
    assert rest == ["add", ADD] and quick_args(rest) is not None
    assert words.language() == "zh"
    assert "已添加" in collab("add", "--lang", "zh", ADD).out


def test_an_unknown_lang_exits_2_and_says_why(collab):
    done = collab("--lang", "fr", "add", ADD)
    assert done.code == 2
    assert "unknown language 'fr'" in done.err and "--lang en, zh" in done.err
    assert collab("today", "--json").json()["overdue"] == []  # nothing was added
    assert collab("add", ADD, "--lang").code == 2  # no value at all


@pytest.mark.parametrize(
    ("env", "remembered", "expected"),
    [
        ({}, None, "en"),
        ({"LANG": "zh_CN.UTF-8"}, None, "zh"),
        ({"LANG": "C"}, None, "en"),
        ({"LANG": "POSIX"}, None, "en"),
        ({"LANG": "de_DE.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, None, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, None, "en"),  # LC_ALL first
        ({"LANG": "zh_CN.UTF-8"}, "en", "en"),  # the app's choice beats the locale
        ({"LANG": "C"}, "zh", "zh"),
        ({"COLLAB_LANG": "en"}, "zh", "en"),  # COLLAB_LANG beats the app's choice
        ({"COLLAB_LANG": "zh_CN.UTF-8", "LANG": "C"}, None, "zh"),
    ],
)
def test_precedence_without_the_option(monkeypatch, env, remembered, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert words.choose_language(remembered=lambda: remembered) == expected


def test_the_option_beats_everything(monkeypatch):
    monkeypatch.setenv("COLLAB_LANG", "zh")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert words.choose_language("en", remembered=lambda: "zh") == "en"


def test_the_remembered_language_is_read_only_when_needed(monkeypatch):
    def remembered() -> str:
        raise AssertionError("read although COLLAB_LANG decides")

    monkeypatch.setenv("COLLAB_LANG", "zh")
    assert words.choose_language(remembered=remembered) == "zh"


def test_the_shell_follows_the_locale_and_the_apps_choice(collab, _isolated_dirs):
    assert "已添加" in collab("add", ADD, env={"LANG": "zh_CN.UTF-8"}).out
    save_config({"language": "en"}, _isolated_dirs / ".config" / "collab-tui" / "config.json")
    env = {"LANG": "zh_CN.UTF-8", "XDG_CONFIG_HOME": str(_isolated_dirs / ".config")}
    assert collab("add", "wait: the approval @小蓝", env=env).out.startswith("added")
    assert "已添加" in collab("--lang", "zh", "add", "risk: slip", env=env).out


def test_json_stays_english_in_chinese(collab):
    """--json is the scripting interface: the same keys and values in every language."""
    collab("add", ADD)
    collab("add", "wait: the approval @小蓝 due:yesterday !")
    collab("add", "risk: the API may slip @小蓝 review:fri")
    collab("contact", "小蓝", "--stance", "eager", "--side", "leading")
    for command in (["today", "--json"], ["matrix", "--json"], ["who", "小蓝", "--json"]):
        english = collab(*command)
        chinese = collab("--lang", "zh", *command)
        assert english.code == chinese.code == 0
        assert chinese.json() == english.json(), command
        assert not _chinese(json.dumps(english.json()).replace("小蓝", "")), command
    assert "逾期" in collab("--lang", "zh", "today").out  # while the words are Chinese


def test_argparse_speaks_chinese_too(collab):
    """argparse's own headings and errors come from the catalog (gettext domain 'argparse')."""
    help_text = collab("--lang", "zh", "--help")
    assert help_text.code == 0
    assert help_text.out.startswith("用法：collab")
    assert "\n选项：\n" in help_text.out and "显示帮助并退出" in help_text.out
    assert "\n命令：\n" in help_text.out  # headings end in a full-width colon
    assert "usage:" not in help_text.out and "options:" not in help_text.out
    missing = collab("--lang", "zh", "export")
    assert missing.code == 2 and "错误：缺少必需的参数：--format" in missing.err
    choice = collab("--lang", "zh", "contact", "小蓝", "--stance", "sleepy")
    assert choice.code == 2 and "无效的选项值：'sleepy'" in choice.err
    english = collab("--help")
    assert english.out.startswith("usage: collab") and "show this help message" in english.out
    assert "\noptions:\n" in english.out
    assert "the following arguments are required" in collab("export").err
