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
