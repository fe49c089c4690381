"""The Chinese catalog: complete, in step with words.EN, compiled, and read by t()."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import string
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import polib
import pytest

from collab_tui import words
from collab_tui.model import Kind, Stance
from collab_tui.words import EN, ago, format_date, label, long_date, relative, t, with_relative

ROOT = Path(__file__).resolve().parents[2]
PO = words.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "collab.po"
MO = PO.with_suffix(".mo")
TODAY = date(2026, 11, 23)  # a Monday


def _script():
    spec = importlib.util.spec_from_file_location("catalog_script", ROOT / "scripts/catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO))


@pytest.fixture
def chinese():
    words.set_language("zh")
    yield
    words.set_language(None)


# --- the catalog is complete and current ----------------------------------------------------


def test_every_key_has_a_chinese_translation(po):
    entries = {entry.msgctxt: entry for entry in po}
    missing = [key for key, english in EN.items() if english and key not in entries]
    untranslated = [e.msgctxt for e in po if not e.msgstr or e.fuzzy or e.obsolete]
    assert missing == []
    assert untranslated == []


def test_the_catalog_is_not_stale(po):
    """Every msgid is the English of its key now: `scripts/catalog.py update` was run."""
    assert {e.msgctxt: e.msgid for e in po} == {k: v for k, v in EN.items() if v}


def _fields(text: str) -> list[str]:
    braces = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    percents = re.findall(r"%(?:\((\w+)\))?[sdr]", text)  # argparse's own words
    return sorted(braces + percents)


def test_translations_keep_exactly_the_placeholders(po):
    wrong = [
        f"{e.msgctxt}: {e.msgid!r} -> {e.msgstr!r}"
        for e in po
        if _fields(e.msgid) != _fields(e.msgstr)
    ]
    assert wrong == []


def test_the_committed_mo_is_the_compiled_po(po):
    assert MO.read_bytes() == po.to_binary(), "run: uv run python scripts/catalog.py compile"


def test_update_would_change_nothing():
    """The .po is exactly what `update` writes (translator notes included)."""
    assert str(_script().update("zh")) == str(polib.pofile(str(PO), wrapwidth=100))


def test_translator_notes_come_from_the_comments_in_words_py(po):
    entries = {entry.msgctxt: entry for entry in po}
    assert entries["date.short"].comment == "Fri 27 Nov"
    assert "the item form" in entries["kind.owe.choice"].comment
    assert "python-brace-format" in entries["date.in_days"].flags


# --- the script ---------------------------------------------------------------------------


def test_update_merge_and_compile(tmp_path, monkeypatch):
    catalog = _script()
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / "collab.po")
    monkeypatch.setattr(words, "LOCALE_DIR", tmp_path)
    changed = dict(EN)
    changed["date.tomorrow"] = "the day after today"  # the English changed
    del changed["date.yesterday"]  # a key removed
    changed["date.new_key"] = "brand new {n}"  # a key added
    monkeypatch.setattr(words, "EN", changed)
    monkeypatch.setattr(catalog.words, "EN", changed)

    catalog.save(catalog.update("zh"), "zh")
    entries = {e.msgctxt: e for e in polib.pofile(str(folder / "collab.po"))}
    assert "date.yesterday" not in entries
    assert entries["date.new_key"].msgstr == ""
    assert entries["date.tomorrow"].fuzzy and entries["date.tomorrow"].msgstr == "明天"
    assert entries["date.tomorrow"].previous_msgid == "tomorrow"
    assert entries["date.today"].msgstr == "今天" and not entries["date.today"].fuzzy
    assert catalog.status("zh") == ["date.tomorrow", "date.new_key"]

    translations = tmp_path / "zh.json"
    translations.write_text(json.dumps({"date.new_key": "全新 {n}", "date.tomorrow": "明日"}))
    assert catalog.merge("zh", [translations]) == (2, [])
    assert catalog.status("zh") == []
    mo = catalog.compile_mo("zh")
    assert mo.read_bytes() == polib.pofile(str(folder / "collab.po")).to_binary()


# --- t() reads it ---------------------------------------------------------------------------


def test_t_reads_the_compiled_catalog(chinese):
    assert words.language() == "zh"
    assert label(Kind.OWE) == "我欠"
    assert t("date.in_days", n=3) == "3天后"
    assert label(Stance.UNKNOWN, "short") == ""  # no words in any language


def test_a_translation_of_older_english_is_not_used(chinese, monkeypatch):
    monkeypatch.setitem(EN, "date.tomorrow", "the next day")  # English changed, .mo not yet
    words.set_language("zh")
    assert t("date.tomorrow") == "the next day"
    assert t("date.today") == "今天"


def test_an_untranslated_key_falls_back_to_english(chinese, monkeypatch):
    monkeypatch.setitem(EN, "brand.new", "Brand new {n}")
    assert t("brand.new", n=2) == "Brand new 2"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_gettext_is_imported_only_for_chinese():
    code = (
        "import sys; from collab_tui import words; words.t('kind.task'); "
        "print(sorted({'gettext', 'locale'} & set(sys.modules)))"
    )

    def imported(lang: str) -> str:
        env = {"COLLAB_LANG": lang, "PATH": "", "LANG": "C.UTF-8"}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        return done.stdout.strip()

    assert imported("en") == "[]"
    assert "gettext" in imported("zh")


# --- Chinese dates come from the catalog -------------------------------------------------------

RELATIVE = [
    (0, "今天"),
    (1, "明天"),
    (-1, "昨天"),
    (3, "3天后"),
    (-2, "逾期2天"),
    (14, "2周后"),
    (-21, "逾期3周"),
    (61, "2027年1月23日"),
    (-61, "9月23日"),
]


@pytest.mark.parametrize(("offset", "words_"), RELATIVE)
def test_relative_dates_in_chinese(chinese, offset, words_):
    assert relative(TODAY + timedelta(days=offset), TODAY) == words_


def test_dates_in_chinese(chinese):
    assert format_date(date(2026, 12, 5)) == "12月5日 周六"
    assert format_date(date(2027, 12, 5), TODAY) == "2027年12月5日 周日"
    assert long_date(TODAY) == "2026年11月23日 周一"
    assert with_relative(date(2026, 11, 20), TODAY) == "11月20日 周五（逾期3天）"
    assert ago(TODAY - timedelta(days=3), TODAY) == "3天前"
    assert ago(TODAY - timedelta(days=21), TODAY) == "3周前"
    assert ago(TODAY - timedelta(days=1), TODAY) == "昨天"


def test_lists_and_details_read_as_chinese_does(chinese):
    assert words.listing(["小张", "小蓝", "Ming"]) == "小张、小蓝、Ming"
    assert words.with_details("周工", ["架构组", "积极"]) == "周工（架构组，积极）"
    assert words.with_details("周工", []) == "周工"


def test_lists_and_details_in_english():
    assert words.listing(["Zhang", "Lan"]) == "Zhang, Lan"
    assert words.with_details("Zhou", ["Architecture", "eager"]) == "Zhou (Architecture, eager)"


def test_a_label_before_text_takes_a_space_unless_its_punctuation_has_one(chinese):
    assert words.before_text(t("brief.decided")) == "决定："
    words.set_language("en")
    assert words.before_text(t("brief.decided")) == "decided: "
