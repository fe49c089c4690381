"""Start-up reads only the hot data; the log is read (in a thread) when the Log tab opens.
Footer, report, palette."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Button, TabbedContent

from collab_tui import triage
from collab_tui.facts import brief_facts
from collab_tui.model import Contact, Interaction, Item, Kind, one_line
from collab_tui.store import Store
from collab_tui.tui import app as app_module
from collab_tui.tui.app import CollabApp, make_app
from collab_tui.tui.modals.confirm import ConfirmDialog
from collab_tui.tui.modals.delete_contact import DeleteContactDialog
from collab_tui.tui.screens.review import ReviewScreen
from collab_tui.tui.state import read_history
from collab_tui.tui.widgets.hanging import HangingLines

from .conftest import SIZE, TODAY, screen_text, until


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The log is read in a thread that waits for the test to open this gate."""
    opened = threading.Event()

    def gated_read(store: Store, *read: object):  # type: ignore[no-untyped-def]
        assert opened.wait(10)
        return read_history(store, *read)

    monkeypatch.setattr(CollabApp, "history_in_thread", True)
    monkeypatch.setattr(app_module, "read_history", gated_read)
    return opened


def footer_text(app: CollabApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_no_history_is_read_until_the_log_tab_opens(
    store: Store, db_path: Path, gate: threading.Event
) -> None:
    """Today (who is going cold), the matrix, the briefs and the item cards come from the
    hot file and its summary of the log: not one history segment is read for them."""
    fresh = Store.open(db_path)  # the fixture's store read the segments writing the demo
    try:
        app = make_app(fresh, TODAY)
        whole_log = fresh_history(db_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            cold = [(c.contact.id, c.last_contact) for c in app.snapshot.agenda.going_cold]
            expected = triage.agenda(
                store.items(), store.contacts(), whole_log, TODAY, store.settings
            ).going_cold
            assert cold == [(c.contact.id, c.last_contact) for c in expected] and cold
            assert "Overdue for contact (" in screen_text(
                app
            ) and "loading the log" not in screen_text(app)
            await pilot.press("2", "3")  # the matrix, then Contacts with the first brief
            contact = app.view("contacts").selected_contact()
            assert contact is not None
            brief = triage.brief(contact.id, store.items(), store.contacts(), whole_log, TODAY)
            text = app.query_one("#brief", HangingLines).plain_text
            assert brief_facts(brief, TODAY).interactions_heading in text.splitlines()
            assert all(one_line(r.summary)[:20] in text for r in brief.last_interactions)
            assert not app.snapshot.history_loaded and not fresh._segments  # nothing read
            await pilot.press("4")
            assert "loading the log…" in screen_text(app)
            gate.set()
            await until(pilot, lambda: app.snapshot.history_loaded)
            assert app.view("log").record_list.targets
            assert not fresh._segments  # read one month at a time, none kept
            assert "loading the log…" not in screen_text(app)
    finally:
        fresh.close()


def fresh_history(db_path: Path) -> list[Interaction]:
    other = Store.open(db_path)
    try:
        return other.interactions()
    finally:
        other.close()


async def test_changes_while_the_log_loads_are_not_lost(
    app: CollabApp, gate: threading.Event, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Store.open(db_path)  # another process writes while the app reads the log
        try:
            met = other.add(Interaction(date=TODAY, summary="hallway chat about refunds"))
            item = other.add(Item(title="chase the refund", kind=Kind.TASK, due=TODAY))
        finally:
            other.close()
        await until(pilot, lambda: item.id in app.snapshot.items_by_id)  # the poll saw it
        assert not app.snapshot.history_loaded
        await pilot.press("4")  # the Log tab starts reading; the gate holds the read
        ours = app.change(  # and the app saves one of its own
            "log",
            lambda: app.store.add(Interaction(date=TODAY, summary="our own note")),
            created=lambda r: [r],
        )
        gate.set()
        await until(pilot, lambda: app.snapshot.history_loaded)
        assert {met.id, ours.id} <= set(app.snapshot.interactions_by_id)
        assert met.id in {r.id for r in app.snapshot.interactions}


async def test_capital_r_opens_the_status_report_and_escape_closes_it(app: CollabApp) -> None:
    from collab_tui.tui.modals.report import ReportModal

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await until(pilot, lambda: isinstance(app.screen, ReportModal))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ReportModal))
        assert app.query_one(TabbedContent).active == "today"


async def test_a_saved_report_is_announced(app: CollabApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await until(pilot, lambda: type(app.screen).__name__ == "ReportModal")
        app.screen.dismiss(tmp_path / "report.md")
        wanted = f"Wrote the status report to {tmp_path / 'report.md'}"
        await until(pilot, lambda: wanted in [n.message for n in app._notifications])


async def test_number_keys_do_not_switch_tabs_under_a_dialog(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.press("D")
        dialogs = (ConfirmDialog, DeleteContactDialog)  # the latter when something is linked
        await until(pilot, lambda: isinstance(app.screen, dialogs))
        app.screen.query(Button).first().focus()
        await pilot.press("1", "2", "4")
        assert isinstance(app.screen, dialogs)
        assert app.query_one(TabbedContent).active == "contacts"
        await pilot.press("escape")
        await pilot.press("1")
        assert app.query_one(TabbedContent).active == "today"


@pytest.mark.parametrize("tab", ["1", "2", "3", "4"])
async def test_the_footer_keeps_keys_and_quit_visible_at_80_columns(
    app: CollabApp, tab: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(tab)
        footer = footer_text(app)
        assert "? Keys" in footer and "q Quit" in footer and "c Capture" in footer


async def test_first_run_footer_has_no_item_keys(empty_store: Store) -> None:
    app = make_app(empty_store, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = footer_text(app)
        assert "c Capture" in footer and "? Keys" in footer
        assert "Done" not in footer and "Snooze" not in footer and "Edit" not in footer


async def test_review_footer_shows_the_review_keys_only(app: CollabApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        footer = footer_text(app)
        assert "Done" in footer and "Escalate" in footer
        assert "Search" not in footer and "Review" not in footer and "? Keys" in footer


async def test_palette_shows_a_department_literally(store: Store) -> None:
    store.add(Contact(name="Backslash Bo", department="R&D\\[b]lab\\"))
    app = make_app(store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"brief: Backslash")
        await until(pilot, lambda: "R&D\\[b]lab\\" in screen_text(app))
        assert isinstance(app.screen, CommandPalette)


async def test_the_palette_offers_the_status_report(app: CollabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Status report")
        await until(pilot, lambda: "Preview and save a Markdown status report" in screen_text(app))


def test_start_up_reads_only_the_hot_data(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_history() -> list[Interaction]:
        raise AssertionError("the log was read before the first frame")

    monkeypatch.setattr(store, "interactions", no_history)
    app = make_app(store, date(2026, 11, 23))
    assert not app.snapshot.history_loaded and app.snapshot.items
