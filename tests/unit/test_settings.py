"""actions.update_settings (checked against the data file's limits) and config.py (the
theme, kept per machine in the XDG config dir, written atomically)."""

from __future__ import annotations

import json

import pytest

from collab_tui import actions, config, paths
from collab_tui.actions import ActionError
from collab_tui.store import Store


def test_update_settings_saves_and_survives_reopening(store, tmp_path):
    saved = actions.update_settings(store, urgency_horizon_days=5)
    assert saved.urgency_horizon_days == 5 and saved.cold_after_days == 14
    store.close()
    reopened = Store.open(tmp_path / "collab.json")
    try:
        assert reopened.settings.urgency_horizon_days == 5
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"urgency_horizon_days": 366}, "urgency_horizon_days 366 is out of range"),
        ({"cold_after_days": 0}, "cold_after_days"),
        ({"cold_after_days": "30"}, "whole number"),
        ({"theme": "nord"}, "Unknown setting: theme"),
    ],
)
def test_update_settings_refuses_bad_values_and_changes_nothing(store, changes, words):
    with pytest.raises(ActionError, match=words):
        actions.update_settings(store, **{"urgency_horizon_days": 3, **changes})
    assert store.settings.urgency_horizon_days == 2  # nothing saved, not even the good one


def test_config_lives_under_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert paths.config_path() == tmp_path / "cfg" / "collab-tui" / "config.json"
    assert config.load_config() == {}  # nothing saved yet: the defaults
    config.save_config({"theme": "nord"})
    config.save_config({"other": 1})  # merged, not replaced
    assert json.loads(paths.config_path().read_text()) == {"theme": "nord", "other": 1}
    assert [p.name for p in paths.config_path().parent.iterdir()] == ["config.json"]  # no temp


def test_a_damaged_config_file_means_the_defaults(tmp_path):
    path = tmp_path / "config.json"
    for text in ("{not json", "[1, 2]"):
        path.write_text(text)
        assert config.load_config(path) == {}
