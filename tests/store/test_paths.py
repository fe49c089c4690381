from pathlib import Path

from collab_tui import paths


def test_collab_db_env_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("COLLAB_DB", str(tmp_path / "mine.json"))
    assert paths.default_db_path() == tmp_path / "mine.json"


def test_default_is_in_user_data_dir_and_not_created(_isolated_dirs):
    path = paths.default_db_path()
    data_home = Path(_isolated_dirs) / ".local" / "share"
    assert path == data_home / "collab-tui" / "collab.json"
    assert paths.demo_db_path() == data_home / "collab-tui" / "demo.json"
    assert not path.parent.exists()  # locations are computed, never created on the way


def test_linux_rule_agrees_with_platformdirs(monkeypatch, tmp_path):
    import sys

    import platformdirs
    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("the shortcut is Linux-only")

    def expected() -> Path:
        return Path(platformdirs.user_data_dir("collab-tui", appauthor=False))

    assert paths.data_dir() == expected()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.data_dir() == expected() == tmp_path / ".local" / "share" / "collab-tui"
