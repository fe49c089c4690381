"""Issue #7 in the app: deleting a linked contact, the happened key, kind changes, long notes."""

from __future__ import annotations

from textual.widgets import Select

from collab_tui import actions
from collab_tui.model import Kind, Status
from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import NOTE_WIDTH, CollabApp
from collab_tui.tui.modals.help import HelpScreen

from .conftest import SIZE, screen_text
from .test_app import contact_named, item_named, select_item


async def test_deleting_a_linked_contact_lists_the_links_and_reassigns(
    app: CollabApp, store: Store
) -> None:
    zhang, lan = contact_named(store, "小张"), contact_named(store, "小蓝")
    linked = actions.links_of(store, zhang.id)
    moved = [i.id for i in [*linked.open_items, *linked.risks]]
    assert moved and linked.interactions
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        app.current_view.reveal_contact(zhang.id)
        await pilot.press("delete")
        assert isinstance(app.screen, modals.DeleteContactDialog)
        text = screen_text(app)
        assert "open item" in text and "risk" in text and "log entr" in text
        app.screen.query_one("#heir", Select).value = lan.id
        await pilot.click("#reassign")
        await pilot.pause()
        assert store.contact(zhang.id) is None
        for item_id in moved:
            contact_ids = store.item(item_id).contact_ids
            assert lan.id in contact_ids and zhang.id not in contact_ids
        assert any("links now go to 小蓝" in n.message for n in app._notifications)
        await pilot.press("z")  # undo puts the contact and every link back
        await pilot.pause()
        assert store.contact(zhang.id) is not None
        assert all(zhang.id in store.item(i).contact_ids for i in moved)


async def test_cancel_deletes_nothing(app: CollabApp, store: Store) -> None:
    zhang = contact_named(store, "小张")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        app.current_view.reveal_contact(zhang.id)
        await pilot.press("delete")
        await pilot.press("escape")
        await pilot.pause()
        assert store.contact(zhang.id) == zhang


async def test_h_marks_a_risk_happened_and_the_row_says_occurred(
    app: CollabApp, store: Store
) -> None:
    risk = item_named(store, "Ming's team has no slot")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        select_item(app, risk)
        await pilot.press("h")
        await pilot.pause()
        assert store.item(risk.id).status is Status.OCCURRED
        row = next(line for line in screen_text(app).splitlines() if "no slot" in line)
        assert "occurred" in row and "risk" not in row.split("Ming")[0]
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Risk happened" in screen_text(app)


async def test_changing_a_risks_kind_says_its_fields_are_kept(app: CollabApp, store: Store) -> None:
    risk = item_named(store, "Ming's team has no slot")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        select_item(app, risk)
        await pilot.press("e")
        app.screen.query_one("#kind", Select).value = Kind.TASK
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = store.item(risk.id)
        assert stored.kind.value == "task" and stored.mitigation == risk.mitigation
        assert any(
            "Changed to task; its likelihood, impact, mitigation and review date are kept"
            in n.message
            for n in app._notifications
        )


async def test_a_notification_quoting_a_huge_title_is_cut(app: CollabApp, store: Store) -> None:
    item = item_named(store, "weekly status report")
    item = actions.edit_item(store, item, {"title": "长" * 1000})
    async with app.run_test(size=SIZE) as pilot:
        select_item(app, item)
        await pilot.press("d")
        await pilot.pause()
        (note,) = [n.message for n in app._notifications if n.message.startswith("Done")]
        # The report recurs: a second line names the next one, cut as well.
        done, following = note.splitlines()
        assert len(done) <= NOTE_WIDTH and done.endswith("…")
        assert following.startswith("next: ") and len(following) <= NOTE_WIDTH
