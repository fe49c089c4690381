"""Imports and exports in Chinese: the reasons and errors `collab import` prints, the
calendar's notes; the data (vCard, iCalendar, JSON keys) stays the same in every language."""

from __future__ import annotations

import json
import re

import pytest
from icalendar import Calendar

from collab_tui import words
from collab_tui.interop.ics import export_ics

from .test_ics import TODAY, sample

BAD_CARDS = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:小蓝\nX-COLLAB-STANCE:keen\nEND:VCARD\n"  # card 1, line 4
    "BEGIN:VCARD\nVERSION:3.0\nNOTE:who am I\nEND:VCARD\n"  # card 2 (line 6): no name
    "BEGIN:VCARD\nVERSION:3.0\nFN:小明\nEND:VCARD\n"  # card 3: fine
)

BAD_TASKS = [
    {"uuid": "a1", "description": "写周报", "status": "recurring"},
    {"description": "没有 uuid 的任务"},
    {"uuid": "c3", "description": "催审批", "due": "tomorrow"},
    {"uuid": "d4", "description": "发修订版需求"},
]


@pytest.fixture
def files(tmp_path):
    cards = tmp_path / "bad.vcf"
    cards.write_text(BAD_CARDS, encoding="utf-8")
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps(BAD_TASKS, ensure_ascii=False), encoding="utf-8")
    return cards, tasks


def test_skipped_cards_are_explained_in_chinese(collab, files):
    cards, _ = files
    result = collab("--lang", "zh", "import", str(cards))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines == [
        "  已跳过 第1张名片（第1行）：第4行：X-COLLAB-STANCE 的值是 'keen'，"
        "应为以下之一：unknown, refuses, no-capacity, eager",
        "  已跳过 第2张名片（第6行）：名片没有姓名（FN 或 N）",
        "新增1条，更新0条，无变化0条，跳过2条",
    ]


def test_skipped_cards_read_as_before_in_english(collab, files):
    cards, _ = files
    result = collab("import", str(cards))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "  skipped card 1 (line 1): line 4: X-COLLAB-STANCE is 'keen', "
        "expected one of unknown, refuses, no-capacity, eager",
        "  skipped card 2 (line 6): the card has no name (FN or N)",
        "added 1, updated 0, unchanged 0, skipped 2",
    ]


def test_a_dry_run_of_cards_in_chinese(collab, tmp_path, files):
    cards, _ = files
    collab("contact", "小明")
    cards.write_text(BAD_CARDS.replace("FN:小明\n", "FN:小明\nBDAY:19900101\n"), encoding="utf-8")
    result = collab("--lang", "zh", "import", "--dry-run", str(cards))
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [
        "  跳过 第1张名片（第1行）：第4行：X-COLLAB-STANCE 的值是 'keen'，"
        "应为以下之一：unknown, refuses, no-capacity, eager",
        "  跳过 第2张名片（第6行）：名片没有姓名（FN 或 N）",
        "试运行，未保存任何内容：将新增0条，更新1条，无变化0条，跳过2条",
    ]
    assert "其他 vCard 属性" in result.out.splitlines()[0]  # the update names what changes


def test_a_file_with_no_card_is_refused_in_chinese(collab, tmp_path):
    junk = tmp_path / "junk.vcf"
    junk.write_text("hello\n", encoding="utf-8")
    result = collab("--lang", "zh", "import", str(junk))
    assert result.code == 2
    assert result.err.strip() == "collab: 不是 vCard 文件：找不到 BEGIN:VCARD"
    english = collab("import", str(junk))
    assert english.err.strip() == "collab: not a vCard file: no BEGIN:VCARD found"


def test_skipped_tasks_are_explained_in_chinese(collab, files):
    _, tasks = files
    result = collab("--lang", "zh", "import", "--from", "taskwarrior", str(tasks))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "  已跳过 第1个任务（写周报）：这是重复任务的模板；它生成的待办任务会照常导入",
        "  已跳过 第2个任务（没有 uuid 的任务）：缺少 uuid",
        "  已跳过 第3个任务（催审批）：'tomorrow' 不是 taskwarrior 的日期格式",
        "新增1条，更新0条，无变化0条，跳过3条",
    ]
    english = collab("import", "--from", "taskwarrior", "--dry-run", str(tasks))
    assert "  skip task 2 (没有 uuid 的任务): it has no uuid" in english.out
    assert "  skip task 3 (催审批): 'tomorrow' is not a taskwarrior date" in english.out


def test_a_broken_taskwarrior_export_names_the_line_in_chinese(collab, tmp_path):
    broken = tmp_path / "tasks.json"
    broken.write_text('{"uuid": "a", "description": "x"}\n{oops\n', encoding="utf-8")
    result = collab("--lang", "zh", "import", "--from", "taskwarrior", str(broken))
    assert result.code == 2
    assert result.err.startswith("collab: 不是 taskwarrior 导出文件，第2行不是有效的 JSON：")


def test_a_bad_backup_is_refused_in_chinese_and_nothing_is_imported(collab, tmp_path):
    other = tmp_path / "other.json"
    other.write_text('{"format": "todo.txt", "version": 1}', encoding="utf-8")
    result = collab("--lang", "zh", "import", str(other))
    assert result.code == 2
    assert result.err.strip() == (
        'collab: 不是 collab-tui 备份："format" 是 \'todo.txt\'，应为 "collab-tui"。'
        "未导入任何内容。"
    )
    twice = tmp_path / "twice.json"
    row = {"id": 1, "name": "小蓝"}
    twice.write_text(
        json.dumps({"format": "collab-tui", "version": 1, "contacts": [row, row]}),
        encoding="utf-8",
    )
    result = collab("--lang", "zh", "import", str(twice))
    assert result.code == 2
    assert "collab: contacts[2]：id 1 在 contacts 中出现了两次。未导入任何内容。" in result.err
    english = collab("import", str(twice))
    assert "contacts[2]: id 1 appears twice in contacts. Nothing was imported." in english.err


# --- the calendar --------------------------------------------------------------------


def _calendar(language: str) -> dict[str, dict]:
    words.set_language(language)
    items, contacts = sample()
    data = export_ics(items, contacts, TODAY)
    return {str(todo["UID"]): todo for todo in Calendar.from_ical(data).walk("VTODO")}


def test_a_calendar_exported_in_chinese_reads_in_chinese_with_the_same_data():
    english, chinese = _calendar("en"), _calendar("zh")
    assert str(english["uid5-review@collab-tui"]["SUMMARY"]) == (
        "Review risk: approval API may slip"
    )
    assert str(chinese["uid5-review@collab-tui"]["SUMMARY"]) == "复查风险：approval API may slip"
    assert str(chinese["uid1@collab-tui"]["DESCRIPTION"]).splitlines()[:2] == [
        "类型：我欠的（由我交付）",
        "协作方：小蓝",
    ]
    risk = str(chinese["uid5-review@collab-tui"]["DESCRIPTION"]).splitlines()
    assert risk[:3] == ["类型：风险", "协作方：小蓝、Ming", "风险：可能性中、影响高"]
    assert "应对措施：agree milestones up front" in risk
    assert "状态：已发生（已成为正在处理的问题）" in str(chinese["uid9@collab-tui"]["DESCRIPTION"])
    # The data is the same: entries, dates, priorities, categories, the notes' user text.
    assert chinese.keys() == english.keys()
    for uid, todo in english.items():
        for name, value in todo.items():
            if name not in ("SUMMARY", "DESCRIPTION"):
                assert chinese[uid][name].to_ical() == value.to_ical(), (uid, name)
        notes = str(english[uid]["DESCRIPTION"]).partition("\n\n")[2]  # the item's own
        assert str(chinese[uid]["DESCRIPTION"]).partition("\n\n")[2] == notes
    assert "Lan wants the error codes." in str(chinese["uid1@collab-tui"]["DESCRIPTION"])
    assert str(chinese["uid1@collab-tui"]["SUMMARY"]) == "send the revised spec"


def test_collab_export_ics_follows_the_interface_language(collab, tmp_path):
    collab("add", "risk: 上线可能延期 @小明 review:2026-12-01")
    out = tmp_path / "risks.ics"
    result = collab("--lang", "zh", "export", "--format", "ics", "-o", str(out))
    assert result.code == 0, result.err
    assert result.err.strip() == (f"已将1个待办（来自1个事项：截止日期与风险复查）导出到 {out}")
    (todo,) = Calendar.from_ical(out.read_bytes()).walk("VTODO")
    assert str(todo["SUMMARY"]) == "复查风险：上线可能延期"
    assert str(todo["DESCRIPTION"]).startswith("类型：风险\n协作方：小明\n")
    assert str(todo["STATUS"]) == "NEEDS-ACTION"


# --- what is wrong with a record (collab_tui/validate.py) ------------------------------


def _backup_with(tmp_path, **item):
    path = tmp_path / "bad.json"
    row = {"id": 1, "title": "发修订版需求", **item}
    rows = [{key: value for key, value in row.items() if value is not ...}]  # ...: left out
    path.write_text(
        json.dumps({"format": "collab-tui", "version": 1, "items": rows}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def test_a_bad_record_in_a_backup_names_its_field_in_chinese(collab, tmp_path):
    no_title = _backup_with(tmp_path, title=...)
    result = collab("--lang", "zh", "import", str(no_title))
    assert result.code == 2
    assert result.err.strip() == "collab: items[1]（id 1）：title：缺失。未导入任何内容。"
    english = collab("import", str(no_title))
    assert english.err.strip() == (
        "collab: items[1] (id 1): title: is missing. Nothing was imported."
    )

    bad = _backup_with(tmp_path, due="soon", tags=["ok", None], kind="todo")
    result = collab("--lang", "zh", "import", str(bad))
    assert result.code == 2
    assert result.err.strip() == (
        "collab: items[1]（id 1）：due：'soon' 不是 YYYY-MM-DD 格式的日期；"
        "tags：第2项：应为文本，不是 null；kind：'todo' 无效，可选值：task / owe / wait / risk。"
        "未导入任何内容。"
    )
    english = collab("import", str(bad))
    assert english.err.strip() == (
        "collab: items[1] (id 1): due: 'soon' is not a date (YYYY-MM-DD); "
        "tags: entry 2: must be text, not null; kind: 'todo' is not one of "
        "task / owe / wait / risk. Nothing was imported."
    )


def test_cards_read_without_nested_parentheses_in_chinese(collab, files):
    cards, _ = files
    assert collab("import", str(cards)).code == 0
    result = collab("--lang", "zh", "import", "--dry-run", str(cards))
    assert result.code == 0, result.err
    assert "  第3张名片（第10行）的小明 无变化" in result.out.splitlines()
    assert not re.search("（[^）]*（", result.out)
