"""Where collab-tui keeps its data. Functions only: nothing is created at import time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "collab-tui"


def _user_dir(xdg_variable: str, xdg_default: str, platformdirs_function: str) -> Path:
    """A per-user directory for collab-tui (not created here).

    On Linux, what platformdirs answers (the XDG rule) without importing it: it pulls in
    tempfile, shutil and random, ~8 ms of every `collab add`.
    """
    if sys.platform.startswith("linux"):
        base = os.environ.get(xdg_variable, "").strip() or os.path.expanduser(xdg_default)
        return Path(base) / APP_NAME
    import platformdirs

    return Path(getattr(platformdirs, platformdirs_function)(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The platform's per-user data directory for collab-tui (not created here)."""
    return _user_dir("XDG_DATA_HOME", "~/.local/share", "user_data_dir")


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
    return _user_dir("XDG_CONFIG_HOME", "~/.config", "user_config_dir")


def config_path() -> Path:
    """This machine's display preferences (the theme): ``<user config dir>/config.json``."""
    return config_dir() / "config.json"


def sync_dir() -> Path:
    """``collab sync``'s files: the vdirsyncer configuration and status, the vdirs, and
    what was last synced (``<user config dir>/sync``; not created here)."""
    return config_dir() / "sync"
