"""Pilot tests of the playbook flows: a stance change offers the next step, the item key
escalates, ``t`` logs a touch, the item card shows an escalation."""

from __future__ import annotations

from textual.widgets import Input, Select

from collab_tui.model import InteractionKind, Stance
from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp
from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, TODAY, screen_text, until


async def _edit_contact(app: CollabApp, pilot, name: str) -> modals.ContactForm:  # type: ignore[no-untyped-def]
    contact = next(c for c in app.snapshot.contacts if c.name == name)
    app.open_contact_form(contact)
    await until(pilot, lambda: isinstance(app.screen, modals.ContactForm))
    return app.screen  # type: ignore[return-value]


async def test_a_new_stance_offers_the_next_step_to_accept(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_contact(app, pilot, "小明")
        form.query_one("#stance", Select).value = Stance.EAGER
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, modals.NextStepPrompt))
        assert "both bosses" in screen_text(app)
        prompt = app.screen
        prompt.query_one("#title", Input).value = "book the bosses' meeting with 小明"
        before = len(store.items())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, modals.NextStepPrompt))
        ming = next(c for c in store.contacts() if c.name == "小明")
        assert ming.stance is Stance.EAGER
        assert ming.stance_history[-1] == {
            "date": TODAY.isoformat(),
            "stance": "eager",
            "interaction_id": None,
        }
        assert len(store.items()) == before + 1
        added = max(store.items(), key=lambda i: i.id)
        assert added.title == "book the bosses' meeting with 小明"
        assert added.contact_ids == [ming.id]


async def test_the_next_step_can_be_skipped(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await _edit_contact(app, pilot, "小明")
        form.query_one("#stance", Select).value = Stance.REFUSES
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, modals.NextStepPrompt))
        before = len(store.items())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, modals.NextStepPrompt)
        assert len(store.items()) == before


async def test_t_logs_a_touch_with_the_overdue_contact(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (cold,) = app.snapshot.agenda.going_cold
        today_list = app.view("today").query_one(RecordList)
        assert today_list.select_target("contact", cold.contact.id)
        today_list.focus()
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, modals.TouchForm))
        app.screen.query_one("#note", Input).value = "coffee about the event design"
        app.screen.query_one("#kind", Select).value = InteractionKind.CALL
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, modals.TouchForm))
        latest = max(store.interactions(), key=lambda r: r.id)
        assert latest.kind is InteractionKind.CALL and latest.contact_ids == [cold.contact.id]
        assert latest.date == TODAY and latest.summary == "coffee about the event design"
        assert app.snapshot.agenda.going_cold == []  # the touch reset the cadence


async def test_the_item_key_escalates_and_the_card_shows_it(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # the Matrix (Today opens on a planned meeting)
        item = app.current_view.selected_item()
        assert item is not None
        await pilot.press("E")
        form = app.screen
        assert isinstance(form, modals.EscalationForm) and form.item.id == item.id
        form.query_one("#problem", Input).value = "stuck"
        form.query_one("#option-1-name", Input).value = "ask again"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, modals.EscalationForm))
        assert any(e.item_id == item.id for e in store.escalations())
        await pilot.press("1")
        assert "Escalations (1)" in screen_text(app)  # Today lists the open one
        await pilot.press("2", "enter")  # the item's detail
        await pilot.pause()
        assert "escalated" in screen_text(app)


async def test_the_review_shows_the_cadence_and_last_topic_of_a_quiet_contact(
    app: CollabApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.position = len(review.steps) - 1  # the last step: 周工, quiet for 3 weeks
        review.redraw()
        await pilot.pause()
        text = screen_text(app)
        assert "Overdue for contact" in text and "周工" in text
        assert "every 14 days" in text and "Design change" in text
