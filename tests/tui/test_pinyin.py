"""Pilot tests: pinyin, initials and substrings in `/` search and the palette; pinyin order."""

from __future__ import annotations

from textual.widgets import OptionList, TabbedContent

from collab_tui.tui.app import CollabApp
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, until


def contact_rows(app: CollabApp) -> list[str]:
    rows = app.query_one("#contact-list", RecordList)
    return [app.snapshot.contacts_by_id[t.id].name for t in rows.targets if t.kind == "contact"]


async def test_contacts_are_listed_in_pinyin_order(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        # lao chen, liu jing li, xiao lan, xiao ming, xiao zhang, zhao zong, zhou gong
        assert contact_rows(app) == ["老陈", "刘经理", "小蓝", "小明", "小张", "赵总", "周工"]


async def test_slash_xl_on_the_contacts_screen(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", "x", "l")
        await pilot.pause()
        assert contact_rows(app) == ["小蓝"]
        box = app.current_view.search_box
        for query, expected in (
            ("xiaolan", ["小蓝"]),
            ("XiaoL", ["小蓝"]),
            ("xiao", ["小蓝", "小明", "小张"]),
            ("蓝", ["小蓝"]),
            ("zz", ["赵总"]),
        ):
            box.value = query
            await pilot.pause()
            assert contact_rows(app) == expected, query


async def test_item_rows_match_through_their_people(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"xm")  # 小明, by initials, on the matrix
        await pilot.pause()
        snapshot = app.snapshot
        ming = next(c.id for c in snapshot.contacts if c.name == "小明")
        shown = [
            t.id
            for rows in app.current_view.query(RecordList)
            for t in rows.targets
            if t.kind == "item"
        ]
        assert shown
        assert all(ming in snapshot.items_by_id[i].contact_ids for i in shown)


async def test_palette_brief_with_pinyin(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"brief: xiaom")
        options = app.screen.query_one(OptionList)
        await until(pilot, lambda: options.option_count > 0)
        assert "小明" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "contacts"
        assert app.current_view.selected_contact().name == "小明"
