"""Fixtures for the Pilot tests: a demo store in tmp_path, today frozen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from collab_tui import demo, words
from collab_tui.store import Store
from collab_tui.tui.app import CollabApp, make_app

TODAY = date(2026, 11, 23)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pilot waits for animations (the tab underline slides) after every key press.
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def _history_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The app reads the log after its first frame; in a thread it would arrive at a time
    # tests cannot rely on. test_startup.py turns the thread back on for its own tests.
    monkeypatch.setattr(CollabApp, "history_in_thread", False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "collab" / "data.json"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    store = Store.open(db_path)
    demo.write_demo(store, TODAY)
    yield store
    store.close()


@pytest.fixture
def empty_store(db_path: Path) -> Iterator[Store]:
    store = Store.open(db_path)
    yield store
    store.close()


@pytest.fixture
def app(store: Store) -> CollabApp:
    return make_app(store, TODAY)


@pytest.fixture
def zh_app(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CollabApp]:
    """The app in Chinese on the Chinese demo (as under a zh_CN locale)."""
    monkeypatch.setenv("COLLAB_LANG", "zh")
    words.set_language(None)
    store = Store.open(db_path)
    demo.write_demo(store, TODAY)
    yield make_app(store, TODAY)
    store.close()


async def until(pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition`` holds: no fixed sleeps, no flaky timing."""
    for _ in range(int(seconds / 0.01)):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition never held")


def screen_text(app: CollabApp) -> str:
    """What the terminal shows, as plain text (for asserting on visible words)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)
