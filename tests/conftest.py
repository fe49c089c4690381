"""Shared fixtures: no test ever touches the user's real data or config directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.delenv("COLLAB_DB", raising=False)
    monkeypatch.delenv("COLLAB_TIME", raising=False)
    # English, whatever the machine's locale: tests of Chinese ask for it.
    for name in ("COLLAB_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield home
    from collab_tui import words

    words.set_language(None)  # choose again from the (restored) environment


@pytest.fixture
def store(tmp_path):
    """An empty store on a data file in tmp_path (suites with other needs override it)."""
    from collab_tui.store import Store

    opened = Store.open(tmp_path / "collab.json")
    yield opened
    opened.close()
