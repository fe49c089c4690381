"""Lines cut as Chinese is set: at phrase ends, names whole, no "、" first on a line."""

from __future__ import annotations

import pytest

from collab_tui.text import cell_width, wrap


def lines(text: str, width: int) -> list[str]:
    cut = [text[a:b] for a, b in wrap(text, width)]
    assert all(cell_width(line) <= width for line in cut)
    return cut


def test_a_list_of_names_breaks_after_its_commas_never_inside_a_name():
    names = "胡丽涛、黄敏磊、林军杰、刘静娜、赵芳洋"
    assert lines(names, 16) == ["胡丽涛、黄敏磊、", "林军杰、刘静娜、", "赵芳洋"]
    assert lines("Elena Nakamura、陈杰敏、Bruno Novak", 20) == [
        "Elena Nakamura、",
        "陈杰敏、Bruno Novak",
    ]


def test_a_department_in_brackets_moves_down_whole():
    role = "支付部负责人 · 支付部（A部门） · 商城公司"
    assert lines(role, 21) == ["支付部负责人 ·", "支付部（A部门） ·", "商城公司"]


def test_a_long_sentence_fills_each_line_and_keeps_latin_words_whole():
    said = "不做新接口，改由小蓝修复她那边的审批状态bug"
    assert lines(said, 25) == ["不做新接口，改由小蓝修复", "她那边的审批状态bug"]
    assert lines("投诉捅到CEO那里", 10) == ["投诉捅到", "CEO那里"]


@pytest.mark.parametrize("width", range(4, 16))
def test_closing_punctuation_never_begins_a_line_nor_opening_ends_one(width):
    text = "（上线）计划、评审会议，确认里程碑。（复盘）"
    cut = lines(text, width)
    assert "".join(cut) == text  # no character lost or added
    assert not any(line[0] in "、，。）" for line in cut[1:])
    assert not any(line[-1] == "（" for line in cut)


def test_latin_text_breaks_at_spaces_and_a_long_word_where_the_line_is_full():
    assert lines("Mon 28 Sep (8 weeks late)", 20) == ["Mon 28 Sep (8 weeks", "late)"]
    assert lines("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]
    assert lines("  - x y", 5) == ["  - x", "y"]  # the first line keeps its indent
    assert wrap("short", 20) == [(0, 5)]


@pytest.mark.parametrize("width", range(2, 30))
def test_every_character_is_kept_in_order_at_any_width(width):
    text = "  Elena Nakamura、陈杰敏（支付部） · 不做新接口，改由小蓝修复 bug。 (draft) ok"
    cut = wrap(text, width)
    assert [a for a, _ in cut] == sorted(a for a, _ in cut) and all(a < b for a, b in cut)
    kept = "".join(text[a:b] for a, b in cut)
    assert kept.replace(" ", "") == text.replace(" ", "")  # only spaces dropped at breaks
