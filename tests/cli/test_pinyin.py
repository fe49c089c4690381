"""Pinyin, initials and substrings in the shell: `who`, `contact`, `add`; and what `add` imports."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.fixture
def demo(collab):
    assert collab("demo").code == 0  # 老陈 刘经理 赵总 小张 小蓝 小明 周工
    return collab


@pytest.mark.parametrize("query", ["xiaolan", "xl", "蓝", "XiaoLan", "xiao lan"])
def test_who_finds_xiaolan(demo, query):
    result = demo("who", query, "--json")
    assert result.code == 0, result.err
    assert result.json()["contact"]["name"] == "小蓝"


def test_who_lists_the_candidates_in_pinyin_order(demo):
    result = demo("who", "xiao")
    assert result.code == 2
    assert result.err.index("小蓝") < result.err.index("小明") < result.err.index("小张")


def test_who_suggests_the_closest_names(demo):
    result = demo("who", "xiaolam")
    assert result.code == 2
    assert "no contact called 'xiaolam'; did you mean" in result.err
    assert "小蓝" in result.err
    assert result.out == ""


def test_add_resolves_pinyin_to_the_contact(demo):
    result = demo("add", "wait: x @xiaolan")
    assert result.code == 0, result.err
    assert "<- 小蓝" in result.out
    assert "new contact" not in result.out


def test_contact_updates_by_full_pinyin_and_boss_takes_initials(demo):
    result = demo("contact", "xiaolan", "--title", "Approval lead")
    assert result.code == 0, result.err
    assert demo("who", "lan", "--json").json()["contact"]["title"] == "Approval lead"
    result = demo("contact", "zhao zong", "--boss", "lj")  # 刘经理 becomes 赵总's boss
    assert result.code == 0, result.err
    assert "updated contact: 赵总" in result.out
    assert demo("contact", "zz").out.startswith("new contact: zz")  # initials: a new name
    brief = demo("who", "赵总", "--json").json()
    assert [b["name"] for b in brief["boss_chain"]] == ["刘经理"]


def test_the_brief_plain_output_aligns_cjk_columns(demo):
    demo("add", "owe: 发审批规范 @xiaolan")
    lines = [line for line in demo("who", "xl").out.splitlines() if line.strip()]
    # Every "label  value" pair in the header block lines its values up, in columns.
    pairs = [line for line in lines if line.startswith("  ") and "  " in line.strip()]
    from collab_tui.text import cell_width

    starts = set()
    for line in pairs[:4]:
        label = line[2:].split("  ")[0]
        value_at = line.index(line[2 + len(label) :].lstrip(), 2 + len(label))
        starts.add(cell_width(line[:value_at]))
    assert len(starts) == 1


IMPORTS = """
import sys
from collab_tui.cli import main
code = main(["--db", sys.argv[1], "add", sys.argv[2]])
print(code, "pypinyin" in sys.modules)
"""


@pytest.mark.parametrize("line", ["wait: x @小蓝", "wait: x @Lan", "owe: y @xiaolan @Zhang"])
def test_add_naming_known_contacts_does_not_import_pypinyin(demo, line):
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS, str(demo.db), line],
        capture_output=True,
        text=True,
        env={**demo.env},
        timeout=60,
    )
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr
    assert "new contact" not in done.stdout  # every name was found


def test_add_with_a_new_chinese_name_stores_its_spelling(demo):
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS, str(demo.db), "owe: z @王五"],
        capture_output=True,
        text=True,
        env={**demo.env},
        timeout=60,
    )
    assert done.stdout.split()[-2:] == ["0", "True"], done.stderr
    assert demo("who", "ww", "--json").json()["contact"]["name"] == "王五"
