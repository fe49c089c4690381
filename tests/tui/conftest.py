"""Fixtures for the Pilot tests: a demo store in tmp_path, today frozen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from collab_tui import demo
from collab_tui.store import Store
from collab_tui.tui.app import CollabApp, make_app

TODAY = date(2026, 11, 23)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pilot waits for animations (the tab underline slides) after every key press.
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")


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


def screen_text(app: CollabApp) -> str:
    """What the terminal shows, as plain text (for asserting on visible words)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)
