"""The Log reads the newest months first and older ones on demand, and searches older
months without keeping them: years of history are never all in memory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from collab_tui.model import Contact, Interaction
from collab_tui.store import Store
from collab_tui.tui import state
from collab_tui.tui.app import CollabApp, make_app
from collab_tui.tui.widgets.record_list import RecordList

from .conftest import SIZE, TODAY, screen_text, until

MONTHS = [f"{year}-{month:02d}" for year in (2025, 2026) for month in range(1, 13)][:23]
# 2025-01 ... 2026-11: three entries a month, on the 5th, 12th and 19th


@pytest.fixture
def years_store(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """Two years of log, three entries a month; a page is five entries (two months)."""
    monkeypatch.setattr(state, "PAGE", 5)
    store = Store.open(db_path)
    with store.batch():
        lan = store.add(Contact(name="小蓝"))
        for month in MONTHS:
            for day in (5, 12, 19):
                words = "ancient archive" if (month, day) == ("2025-02", 12) else "weekly sync"
                store.add(
                    Interaction(
                        date=date.fromisoformat(f"{month}-{day:02d}"),
                        summary=f"{words} {month}-{day:02d}",
                        contact_ids=[lan.id] if day == 5 else [],
                    )
                )
    store.close()
    reopened = Store.open(db_path)  # nothing of the history cached
    yield reopened
    reopened.close()


@pytest.fixture
def years_app(years_store: Store) -> CollabApp:
    return make_app(years_store, TODAY)


def shown_dates(app: CollabApp) -> list[date]:
    rows = app.query_one("#log-list", RecordList)
    view = app.view("log")
    found = {r.id: r for r in app.snapshot.interactions}
    if view._older is not None:
        found.update((r.id, r) for r in view._older.found)
    return [found[t.id].date for t in rows.targets if t.kind == "interaction"]


async def test_the_log_shows_the_newest_months_first_and_reads_older_ones_on_demand(
    years_app: CollabApp, years_store: Store
) -> None:
    async with years_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: years_app.snapshot.history_loaded)
        dates = shown_dates(years_app)
        # The two newest months (a page is five: whole months until there are five).
        assert dates == sorted(dates, reverse=True)
        assert {d.isoformat()[:7] for d in dates} == {"2026-11", "2026-10"}
        assert "Older entries, before 2026-10" in screen_text(years_app)
        rows = years_app.query_one("#log-list", RecordList)
        # Scrolling to the end reads the next page; the cursor lands on its first entry.
        await pilot.press("end")
        await until(pilot, lambda: len(shown_dates(years_app)) == 12)
        dates = shown_dates(years_app)
        assert dates == sorted(dates, reverse=True)
        assert dates[6] == date(2026, 9, 19)
        assert rows.target is not None and rows.target.kind == "interaction"
        assert years_app.snapshot.interactions_by_id[rows.target.id].date == dates[6]
        assert "Older entries, before 2026-08" in screen_text(years_app)
        # Enter on the last row reads more too.
        await pilot.press("end", "enter")
        await until(pilot, lambda: len(shown_dates(years_app)) >= 18)
        assert not years_store._segments  # each month was read and let go


async def test_a_search_finds_an_entry_in_an_old_month(
    years_app: CollabApp, years_store: Store
) -> None:
    async with years_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: years_app.snapshot.history_loaded)
        await pilot.press("slash", *"ancient", "enter")  # Enter: back to the list
        await pilot.pause()
        assert shown_dates(years_app) == []  # not in the months read
        assert "Search the months before 2026-10 too" in screen_text(years_app)
        rows = years_app.query_one("#log-list", RecordList)
        assert rows.target is not None and rows.target.kind == "older"
        await pilot.press("enter")
        await until(pilot, lambda: shown_dates(years_app) == [date(2025, 2, 12)])
        assert "Search the months before" not in screen_text(years_app)  # searched them all
        await pilot.press("home")
        await pilot.pause()
        detail = years_app.query_one("#log-detail", Static)
        assert "ancient archive 2025-02-12" in str(detail.content)
        # Only the match is kept, not the months searched.
        assert [r.id for r in years_app.view("log")._older.found] == [rows.target.id]
        assert len(years_app.snapshot.interactions) == 6 and not years_store._segments
        # A longer query narrows what was found; the pages' filter still applies.
        await pilot.press("slash", "end", "space", *"arch")
        await pilot.pause()
        assert years_app.view("log").query_text == "ancient arch"
        assert shown_dates(years_app) == [date(2025, 2, 12)]


async def test_a_search_by_person_goes_on_a_page_of_matches_at_a_time(
    years_app: CollabApp, years_store: Store
) -> None:
    """小蓝 is in one entry a month, found through the pinyin initials: each Enter
    searches back until five more are found."""
    async with years_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: years_app.snapshot.history_loaded)
        await pilot.press("slash", *"xl", "enter")
        await pilot.pause()
        assert len(shown_dates(years_app)) == 2  # 2026-11-05 and 2026-10-05
        await pilot.press("end", "enter")
        await until(pilot, lambda: len(shown_dates(years_app)) == 7)
        dates = shown_dates(years_app)
        assert dates == sorted(dates, reverse=True) and {d.day for d in dates} == {5}
        assert "Search the months before 2026-05 too" in screen_text(years_app)


async def test_an_old_entry_found_and_edited_stays_found(
    years_app: CollabApp, years_store: Store
) -> None:
    async with years_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: years_app.snapshot.history_loaded)
        await pilot.press("slash", *"ancient", "enter", "enter")
        await until(pilot, lambda: shown_dates(years_app) == [date(2025, 2, 12)])
        found = years_app.view("log")._older.found[0]
        years_app.change(
            "edit",
            lambda: years_store.update(
                Interaction.from_dict({**found.to_dict(), "summary": "ancient archive, reread"})
            ),
            before=[found],
        )
        await pilot.pause()
        [kept] = years_app.view("log")._older.found
        assert kept.summary == "ancient archive, reread"
        assert shown_dates(years_app) == [date(2025, 2, 12)]


async def test_older_months_are_read_and_searched_in_a_thread(
    years_app: CollabApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CollabApp, "history_in_thread", True)
    async with years_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: years_app.snapshot.history_loaded)
        await pilot.press("end")  # the next page
        await until(pilot, lambda: len(shown_dates(years_app)) == 12)
        await pilot.press("slash", *"ancient", "enter", "enter")  # then a search
        await until(pilot, lambda: shown_dates(years_app) == [date(2025, 2, 12)])
        assert "reading older months" not in screen_text(years_app)


async def test_another_process_writing_rereads_only_the_months_shown(
    years_app: CollabApp, db_path: Path
) -> None:
    async with years_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: years_app.snapshot.history_loaded)
        with Store.open(db_path) as other:
            other.add(Interaction(date=date(2026, 11, 20), summary="fresh from elsewhere"))
            other.add(Interaction(date=date(2025, 3, 1), summary="old, from elsewhere"))
        years_app.poll_store()
        await pilot.pause()
        history = years_app.snapshot.history
        assert history.since == "2026-10" and len(history.interactions) == 7
        assert shown_dates(years_app)[0] == date(2026, 11, 20)
        assert "fresh from elsewhere" in screen_text(years_app)
        assert "old, from elsewhere" not in screen_text(years_app)
        assert not years_app.store._segments


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_log_row_from_another_year_keeps_the_gap_before_its_kind(language):
    from types import SimpleNamespace

    from collab_tui import words
    from collab_tui.text import cell_width
    from collab_tui.tui.content import interaction_line

    words.set_language(language)
    try:
        shown = SimpleNamespace(today=date(2026, 11, 23), names=lambda ids: "")
        kind = words.label(Interaction(date=date(2026, 1, 1)).kind)
        this_year = interaction_line(Interaction(date=date(2026, 9, 3), summary="a"), shown).plain
        older = interaction_line(Interaction(date=date(2019, 12, 28), summary="b"), shown).plain
        assert older.split(kind)[0].endswith("  ")  # never "28 Dec 2019meeting"
        day = words.format_date(date(2026, 9, 3), date(2026, 11, 23))
        assert cell_width(this_year.split(kind)[0]) > cell_width(day) + 1  # the column
    finally:
        words.set_language(None)
