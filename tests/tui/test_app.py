"""Pilot tests of the app: tabs, item and contact actions, capture, search, undo."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, TabbedContent

from collab_tui import actions
from collab_tui.model import Contact, Item, Kind, Status
from collab_tui.store import Store, StoreWriteError
from collab_tui.triage import Quadrant
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp, make_app
from collab_tui.tui.modals.help import HelpScreen
from collab_tui.tui.views.base import ItemView
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, TODAY, screen_text, until


def item_named(store: Store, words: str) -> Item:
    return next(i for i in store.items(active_only=False) if words in i.title)


def contact_named(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts() if c.name == name)


def select_item(app: CollabApp, item: Item) -> None:
    view = app.current_view
    assert isinstance(view, ItemView)
    assert view.select_item(item.id), f"{item.title} is not on {view.id}"


def quadrant_ids(app: CollabApp, quadrant: Quadrant) -> list[int]:
    record_list = app.query_one(f"#q-{quadrant.name.lower()}", RecordList)
    return [t.id for t in record_list.targets]


async def test_today_is_the_start_tab_with_counts(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "today"
        text = screen_text(app)
        for heading in (
            "Overdue (2)",
            "Due today (2)",
            "I owe (4)",
            "Waiting on (3)",
            "Risks to review (2)",
            "Overdue for contact (1)",
        ):
            assert heading in text
        assert "3 days late" in text and "小明" in text


async def test_number_keys_and_clicks_switch_tabs(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.query_one(TabbedContent)
        for key, name in (("2", "matrix"), ("3", "contacts"), ("4", "log"), ("1", "today")):
            await pilot.press(key)
            assert tabs.active == name
        await pilot.click("#--content-tab-contacts")
        assert tabs.active == "contacts"
        await pilot.pause()
        assert "KPIs" in screen_text(app)


async def test_first_run_panel_on_an_empty_file(empty_store: Store) -> None:
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "owe: send the spec @Lan due:fri" in text
        assert "press  c" in text
        await pilot.press("c")
        assert isinstance(app.screen, modals.CaptureModal)


async def test_complete_then_undo(app: CollabApp, store: Store) -> None:
    item = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("d")
        assert store.item(item.id).status is Status.DONE
        assert item.id not in app.snapshot.items_by_id
        await pilot.press("z")
        assert store.item(item.id).status is Status.OPEN
        assert item.id in app.snapshot.items_by_id


async def test_undo_never_overwrites_a_change_made_since(
    app: CollabApp, store: Store, db_path
) -> None:
    item = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("d")
        other = Store.open(db_path)  # another process reopens and renames it meanwhile
        try:
            actions.reopen(other, item.id)
            actions.edit_item(other, other.item(item.id), {"title": "renamed elsewhere"})
        finally:
            other.close()
        await pilot.press("z")
        await pilot.pause()
        assert any("Cannot undo" in n.message for n in app._notifications)
    stored = store.item(item.id)
    assert stored.title == "renamed elsewhere" and stored.status is Status.OPEN


async def test_drop(app: CollabApp, store: Store) -> None:
    item = item_named(store, "confirm which orders")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("x")
        assert store.item(item.id).status is Status.DROPPED


async def test_snooze_asks_for_a_date(app: CollabApp, store: Store) -> None:
    item = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("s")
        assert isinstance(app.screen, modals.DatePrompt)
        app.screen.query_one(Input).value = "2026-12-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.item(item.id).due == date(2026, 12, 1)
        assert not isinstance(app.screen, modals.DatePrompt)


async def test_edit_item_with_the_form(app: CollabApp, store: Store) -> None:
    item = item_named(store, "weekly status report")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("e")
        assert isinstance(app.screen, modals.ItemForm)
        app.screen.query_one("#title", Input).value = "weekly status report, with risks"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.item(item.id).title == "weekly status report, with risks"
        assert "with risks" in screen_text(app)
        await pilot.press("z")
        assert store.item(item.id).title == "weekly status report to the bosses"


async def test_toggle_important_moves_quadrant(app: CollabApp, store: Store) -> None:
    item = item_named(store, "reply to the finance team")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert item.id in quadrant_ids(app, Quadrant.DELEGATE)
        select_item(app, item)
        await pilot.press("i")
        assert store.item(item.id).important
        assert item.id in quadrant_ids(app, Quadrant.DO_NOW)
        assert item.id not in quadrant_ids(app, Quadrant.DELEGATE)


async def test_toggle_urgent_moves_quadrant_and_back(app: CollabApp, store: Store) -> None:
    item = item_named(store, "book the joint debugging slot")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert item.id in quadrant_ids(app, Quadrant.SCHEDULE)
        select_item(app, item)
        await pilot.press("u")
        assert store.item(item.id).urgent is True
        assert item.id in quadrant_ids(app, Quadrant.DO_NOW)
        select_item(app, item)
        await pilot.press("u")
        assert store.item(item.id).urgent is None  # back to "from the due date"
        assert item.id in quadrant_ids(app, Quadrant.SCHEDULE)


async def test_open_linked_contact(app: CollabApp, store: Store) -> None:
    item = item_named(store, "send Ming the list")
    ming = contact_named(store, "小明")
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("o")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "contacts"
        assert app.current_view.selected_contact().id == ming.id
        text = screen_text(app)
        assert "order data accuracy" in text  # one of Ming's KPIs, in the brief
        assert "赵总" in text  # his boss


async def test_capture_a_meeting_line_and_undo_it(app: CollabApp, store: Store) -> None:
    line = "meet: @小蓝 @小明 agreed to retest together; owe: retest payment flow @小蓝 due:fri"
    before = len(store.interactions())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.press("c")
        assert isinstance(app.screen, modals.CaptureModal)
        app.screen.query_one(Input).value = line
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, modals.CaptureModal)
        item = item_named(store, "retest payment flow")
        assert item.kind is Kind.OWE and item.due == date(2026, 11, 27)
        assert len(store.interactions()) == before + 1
        meeting = store.interaction(item.interaction_id)
        assert meeting.item_ids == [item.id]
        await pilot.press("z")
        assert store.item(item.id) is None
        assert len(store.interactions()) == before


async def test_failed_capture_reopens_with_the_text(app: CollabApp, monkeypatch) -> None:
    def broken(store, text, today, again=False):
        raise StoreWriteError(store.path, OSError(28, "No space left on device"))

    monkeypatch.setattr("collab_tui.actions.capture", broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        app.screen.query_one(Input).value = "owe: send the spec @小蓝 due:fri"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, modals.CaptureModal)
        assert app.screen.query_one(Input).value == "owe: send the spec @小蓝 due:fri"
        assert any("No space left" in n.message for n in app._notifications)


async def test_pasting_three_lines_captures_all_three(app: CollabApp, store: Store) -> None:
    from textual import events

    block = "owe: send the spec @小蓝 due:fri\nwait: approval result @小明\n\nrisk: no test slot"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        app.screen.query_one(Input).post_message(events.Paste(block))
        await pilot.pause()
        assert app.screen.multi_line  # switched to one capture per line
        preview = str(app.screen.query_one("#preview").content)
        assert "send the spec" in preview and "approval result" in preview
        assert "no test slot" in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, modals.CaptureModal)
    titles = {i.title for i in store.items()}
    assert {"send the spec", "approval result", "no test slot"} <= titles


async def test_a_bad_line_in_a_paste_names_it_and_saves_none(app: CollabApp, store: Store) -> None:
    from textual import events

    before = len(store.items())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        app.screen.query_one(Input).post_message(events.Paste("owe: a @小蓝\ntask: b due:frday"))
        await pilot.pause()
        assert "line 2" in str(app.screen.query_one("#capture-error").content)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, modals.CaptureModal)  # refused, text kept
        assert "frday" in app.screen.text
    assert len(store.items()) == before


async def test_capturing_a_line_twice_is_taken_for_a_retry(app: CollabApp, store: Store) -> None:
    line = "owe: send the signed contract @小蓝 due:fri"
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await pilot.press("c")
            app.screen.query_one(Input).value = line
            await pilot.press("enter")
            await pilot.pause()
        # The repeat is not added, and the dialog does not come back asking again.
        assert not isinstance(app.screen, modals.CaptureModal)
        assert [i.title for i in store.items()].count("send the signed contract") == 1
        assert any("already saved" in n.message for n in app._notifications)


async def test_search_filters_items_including_cjk(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"report")
        targets = app.query_one("#today-list", RecordList).targets
        titles = {app.snapshot.items_by_id[t.id].title for t in targets if t.kind == "item"}
        assert titles == {"weekly status report to the bosses"}
        box = app.current_view.search_box
        box.value = "小明"
        await pilot.pause()
        targets = app.query_one("#today-list", RecordList).targets
        assert targets and all(
            any(
                app.snapshot.contacts_by_id[c].name == "小明"
                for c in app.snapshot.items_by_id[t.id].contact_ids
            )
            for t in targets
            if t.kind == "item"
        )
        await pilot.press("escape")
        assert app.current_view.query_text == ""
        assert len(app.query_one("#today-list", RecordList).targets) > len(targets)


async def test_search_contacts_by_kpi_department_and_name(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash")
        rows = app.query_one("#contact-list", RecordList)
        box = app.current_view.search_box
        for query, expected in (
            ("audit", {"刘经理"}),
            ("order data", {"小明", "赵总"}),
            ("小", {"小张", "小明", "小蓝"}),
            ("LIU", {"刘经理"}),
        ):
            box.value = query
            await pilot.pause()
            names = {app.snapshot.contacts_by_id[t.id].name for t in rows.targets}
            assert names == expected, query


async def test_contact_new_edit_log_delete(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        assert isinstance(app.screen, modals.ContactForm)
        app.screen.query_one("#name", Input).value = "王工"
        await pilot.press("ctrl+s")
        await pilot.pause()
        wang = contact_named(store, "王工")
        assert app.current_view.selected_contact().id == wang.id

        await pilot.press("e")
        app.screen.query_one("#department", Input).value = "Dept D · Risk"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.contact(wang.id).department == "Dept D · Risk"

        await pilot.press("l")
        assert isinstance(app.screen, modals.InteractionForm)
        app.screen.query_one("#summary", Input).value = "intro call"
        await pilot.press("ctrl+s")
        await pilot.pause()
        logged = [r for r in store.interactions() if r.summary == "intro call"]
        assert logged and logged[0].contact_ids == [wang.id]

        await pilot.press("delete")  # the log entry is linked: keep the name, or reassign
        assert isinstance(app.screen, modals.DeleteContactDialog)
        await pilot.click("#former")
        await pilot.pause()
        assert store.contact(wang.id).former
        assert wang.id not in [c.id for c in app.snapshot.contacts]
        await pilot.press("z")
        assert not store.contact(wang.id).former
        assert store.contact(wang.id).department == "Dept D · Risk"


async def test_log_filters_by_contact_and_tag(app: CollabApp, store: Store) -> None:
    zhou = contact_named(store, "周工")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        rows = app.query_one("#log-list", RecordList)
        everything = len(rows.targets)
        app.query_one("#log-contact").value = zhou.id
        await pilot.pause()
        assert 0 < len(rows.targets) < everything
        for target in rows.targets:
            assert zhou.id in store.interaction(target.id).contact_ids
        app.query_one("#log-contact").clear()
        await pilot.pause()
        assert len(rows.targets) == everything


async def test_help_lists_every_key(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").content)
        for words in (
            "Capture",
            "Snooze",
            "Important",
            "Urgent",
            "Undo",
            "Escalate",
            "Log a touch",
            "Delete",
            "ctrl+p",
        ):
            assert words in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_brief_jump(app: CollabApp, store: Store) -> None:
    lan = contact_named(store, "小蓝")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"brief: 小蓝")
        await until(pilot, lambda: app.screen.query_one(OptionList).option_count > 0)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "contacts"
        assert app.current_view.selected_contact().id == lan.id


async def test_light_and_dark_themes_render(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for theme in ("textual-light", "textual-dark"):
            app.theme = theme
            for key in "1234":
                await pilot.press(key)
                await pilot.pause()
                assert screen_text(app)


async def test_store_warnings_are_shown_once(db_path) -> None:
    db_path.parent.mkdir()
    db_path.parent.chmod(0o777)  # a data folder others can write to: the store warns
    app = make_app(db_path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications if "writable by other users" in n.message]
        assert len(shown) == 1 and str(db_path.parent) in shown[0]
