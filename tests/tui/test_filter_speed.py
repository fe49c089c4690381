"""Filtering as you type stays cheap: no layout of the whole screen per key, and the Log's
inline filter finds exactly what ``Snapshot.interaction_matches`` finds."""

from __future__ import annotations

import pytest
from textual.screen import Screen

from collab_tui.store import Store
from collab_tui.tui.app import CollabApp
from collab_tui.tui.state import load, read_history
from collab_tui.tui.views.log import matching

from .conftest import SIZE, TODAY


@pytest.mark.parametrize(
    "query", ["", "spec", "SPEC", "spec the", "the spec", "zzz", "payments", "老陈", "chen", "#"]
)
def test_the_log_filter_finds_what_interaction_matches_finds(store: Store, query: str) -> None:
    snapshot = load(store, TODAY, history=read_history(store))
    records = snapshot.interactions
    assert records
    wanted = [r for r in records if snapshot.interaction_matches(r, query)]
    assert matching(records, query, snapshot) == wanted


@pytest.mark.parametrize(("tab", "view"), [("1", "today"), ("2", "matrix"), ("3", "contacts")])
async def test_typing_a_filter_does_not_lay_out_the_screen_again(
    app: CollabApp, monkeypatch: pytest.MonkeyPatch, tab: str, view: str
) -> None:
    layouts: list[Screen] = []
    refresh_layout = Screen._refresh_layout

    def counted(self: Screen, *args: object, **kwargs: object) -> None:
        layouts.append(self)
        refresh_layout(self, *args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(tab, "slash")
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await pilot.press("e")
        await pilot.pause()
        assert app.view(view).query_text == "e"
        assert layouts == []
