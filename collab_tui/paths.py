"""Where collab-tui keeps its data. Functions only: nothing is created at import time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "collab-tui"


def data_dir() -> Path:
    """The platform's per-user data directory for collab-tui (not created here)."""
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (the XDG rule), without importing it: it
        # pulls in tempfile, shutil and random, ~8 ms of every `collab add`.
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / APP_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The user's data file: ``$COLLAB_DB`` if set, else ``<user data dir>/collab.json``."""
    override = os.environ.get("COLLAB_DB")
    if override:
        return Path(override).expanduser()
    return data_dir() / "collab.json"


def demo_db_path() -> Path:
    """The demo file, kept apart from the user's own data: ``<user data dir>/demo.json``."""
    return data_dir() / "demo.json"


def config_dir() -> Path:
    """The platform's per-user config directory for collab-tui (not created here)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return Path(base) / APP_NAME
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """This machine's display preferences (the theme): ``<user config dir>/config.json``."""
    return config_dir() / "config.json"
