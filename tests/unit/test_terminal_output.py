"""The shell's terminal renderer (cli/output.py ``to_terminal``): aligned, wrapped, styled.

It replaced Rich's table layout for ``today``/``who``/``matrix`` on a terminal; these
tests hold the look it kept: columns line up in terminal cells (CJK two), cells wrap at
words inside their column, late rows red, closed rows dim, tags dim after the title, and
stored text never reaches the terminal as an escape sequence.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from collab_tui.cli import output as render
from collab_tui.model import Contact, Item, Kind, Status
from collab_tui.text import cell_width

TODAY = date(2026, 11, 24)
SGR = re.compile(r"\x1b\[[0-9;]*m")


def plain_lines(text: str) -> list[str]:
    return SGR.sub("", text).splitlines()


def items_table(items: list[Item], contacts: list[Contact]) -> render.Table:
    names = {c.id: c.name for c in contacts}
    return render.item_table("Owe", items, names, TODAY)


@pytest.fixture
def table() -> render.Table:
    contacts = [Contact(id=1, name="小蓝"), Contact(id=2, name="Joe Bloggs")]
    items = [
        Item(id=7, kind=Kind.OWE, title="送规格说明书", contact_ids=[1], due=date(2026, 11, 20)),
        Item(id=12, kind=Kind.TASK, title="book the room", tags=["q3"], contact_ids=[2]),
        Item(id=130, kind=Kind.TASK, title="old", status=Status.DONE, contact_ids=[1, 2]),
    ]
    return items_table(items, contacts)


def column_starts(line: str, cells: list[str]) -> list[int]:
    """The terminal column where each of ``cells`` starts in ``line``."""
    starts = []
    at = 0
    for cell in cells:
        at = line.index(cell, at)
        starts.append(cell_width(line[:at]))
        at += len(cell)
    return starts


def test_columns_line_up_in_terminal_cells_with_chinese(table):
    painter = render.Painter(width=100)
    lines = plain_lines(render.to_terminal([table], painter))
    assert lines[0] == "Owe (3)"
    header, first, second, third = lines[1:5]
    assert header.split() == ["id", "kind", "title", "who", "due"]
    starts = column_starts(first, ["#7", "owe", "送规格说明书", "-> 小蓝", "Fri 20 Nov"])
    assert column_starts(second, ["#12", "task", "book the room", "Joe Bloggs"])[:4] == starts[:4]
    assert column_starts(header, ["id", "kind", "title", "who", "due"]) == starts
    assert column_starts(third, ["#130", "task (done)", "old", "小蓝, Joe Bloggs"]) == starts[:4]
    assert "#q3" in second  # the tags follow the title, in its column
    assert lines[5] == ""


def test_rows_are_styled_late_red_closed_dim_tags_dim(table):
    out = render.to_terminal([table], render.Painter(width=100))
    lines = out.splitlines()
    assert lines[0] == "\x1b[1mOwe (3)\x1b[0m"
    assert lines[1].startswith("\x1b[2m")  # dim column headers
    assert lines[2].startswith("\x1b[31m") and "送规格说明书" in lines[2]  # late
    assert "\x1b[2m  #q3\x1b[0m" in lines[3] and not lines[3].startswith("\x1b[31m")
    assert lines[4].startswith("\x1b[2m") and "#130" in lines[4]  # closed


def test_no_colour_keeps_bold_and_dim_and_a_dumb_terminal_gets_no_escapes(table):
    no_colour = render.to_terminal([table], render.Painter(width=100, colour=False))
    assert "\x1b[31m" not in no_colour and "\x1b[1mOwe" in no_colour
    dumb = render.to_terminal([table], render.Painter(width=100, styles=False))
    assert "\x1b" not in dumb
    assert dumb.splitlines()[:5] == plain_lines(no_colour)[:5]


def test_a_narrow_terminal_wraps_cells_inside_their_columns():
    long_title = "agree the launch checklist with every team before the freeze 上线计划评审会议"
    contacts = [Contact(id=1, name="小蓝")]
    items = [Item(id=1, kind=Kind.OWE, title=long_title, contact_ids=[1], due=TODAY)]
    painter = render.Painter(width=56)
    lines = plain_lines(render.to_terminal([items_table(items, contacts)], painter))
    body = lines[2:-1]
    assert len(body) > 2  # the title wrapped
    assert all(cell_width(line) <= 56 for line in lines)
    title_at = column_starts(lines[1], ["title"])[0]
    words = []
    for line in body:
        cells = line[title_at:].split("  ")  # the title column, then the next columns
        if cells[0].strip():
            assert cell_width(line[: line.index(cells[0].strip())]) == title_at
            words.append(cells[0].strip())
    assert " ".join(words).replace(" 上", "上").startswith("agree the launch checklist")
    assert "上线计划评审会议" in "".join(words)


def test_wrap_breaks_at_spaces_and_cuts_wide_words_between_characters():
    text = "Mon 28 Sep (8 weeks late)"
    assert [text[a:b] for a, b in render.wrap(text, 20)] == ["Mon 28 Sep (8 weeks", "late)"]
    assert render.wrap("short", 20) == [(0, 5)]
    cjk = "上线计划评审会议"  # 16 columns, no spaces
    pieces = [cjk[a:b] for a, b in render.wrap(cjk, 5)]
    assert pieces == ["上线", "计划", "评审", "会议"]  # never half a character
    assert [("  - x y")[a:b] for a, b in render.wrap("  - x y", 5)] == ["  - x", "y"]


def test_column_widths_narrow_the_widest_first_down_to_their_minimum():
    assert render.column_widths([6, 5, 50, 45, 26], [6, 5, 20, 8, 12], 70) == [6, 5, 20, 19, 20]
    assert render.column_widths([6, 5, 10], [6, 5, 8], 70) == [6, 5, 10]  # fits: natural
    assert render.column_widths([6, 30], [6, 20], 10) == [6, 20]  # never below the minimum


def test_stored_escape_sequences_are_not_written():
    contacts = [Contact(id=1, name="evil\x1b[2Jname")]
    items = [Item(id=1, kind=Kind.TASK, title="clear\x1b]0;title\x07screen", contact_ids=[1])]
    out = render.to_terminal([items_table(items, contacts)], render.Painter(width=100))
    assert "\x1b[2J" not in out and "\x1b]0" not in out and "\x07" not in out
    facts = render.Facts("who", [("note", "a\x1b[31mred")])
    assert "\x1b[31mred" not in render.to_terminal([facts], render.Painter(width=80))


def test_facts_and_lines_keep_their_headings_and_indent():
    sections: list[render.Section] = [
        render.Facts("小蓝 (#1)", [("role", "Director"), ("最后联系", "Tue 20 Oct")]),
        render.Lines("Concerns", ["合规风险"]),
        render.Lines("Notes", [], empty="none recorded"),
    ]
    lines = plain_lines(render.to_terminal(sections, render.Painter(width=80)))
    assert lines[:3] == ["小蓝 (#1)", " role      Director", " 最后联系  Tue 20 Oct"]
    assert lines[4:6] == ["Concerns", "  合规风险"]
    assert lines[7:9] == ["Notes", "  none recorded"]


def test_the_width_comes_from_columns_else_the_terminal_else_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "132")
    assert render.Painter.for_terminal(None).width == 132
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setenv("NO_COLOR", "1")
    painter = render.Painter.for_terminal(None)  # no terminal to ask
    assert painter.width == 80 and not painter.colour


def test_a_wrapped_line_hangs_under_its_start_and_its_bullet():
    painter = render.Painter(width=30, styles=False)
    entry = painter.text("  11月18日 会议 与老陈、刘经理、赵总：拉上各方领导：审批数据其实早就有了")
    assert entry == [
        "  11月18日 会议 与老陈、",
        "  刘经理、赵总：拉上各方领导：",
        "  审批数据其实早就有了",
    ]
    decision = painter.text("    - decided: no new interface, Lan fixes the status bug")
    assert decision[0] == "    - decided: no new"
    assert all(line.startswith("      ") and line[6] != " " for line in decision[1:])
    assert " ".join(line.strip() for line in decision).startswith("- decided: no new interface")
    assert render.Painter(width=20, styles=False).text("        - a b c d e f g h i j k") == [
        "        - a b c d e",  # narrow: no hanging indent eats the room
        "f g h i j k",
    ]
