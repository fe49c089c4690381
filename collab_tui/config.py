"""This machine's display preferences (the theme), kept apart from the data.

The theme suits the terminal it is seen in (a light terminal at work, a dark one at
home), not the data, so it lives in ``paths.config_path()`` rather than in the data
file's settings: changing it then never writes the data file (no backup, no undo entry,
no conflict with another process saving), and the data file's format stays as it is.
A missing or unreadable file means the defaults; a write replaces the file atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from collab_tui.paths import config_path


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The saved preferences; {} when there are none or the file cannot be read."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
        import json  # here: with no preferences saved, `collab add` need not import it

        data = json.loads(text)
    except (OSError, ValueError):
        return {}  # a damaged preferences file only costs the defaults
    return data if isinstance(data, dict) else {}


def save_config(changes: dict[str, Any], path: Path | None = None) -> dict[str, Any]:
    """Merge ``changes`` into the saved preferences and write them atomically (OSError on
    failure: the previous file is then untouched)."""
    import json

    from collab_tui.store.durable import ensure_dir, write_atomic

    path = path or config_path()
    config = {**load_config(path), **changes}
    ensure_dir(path.parent)
    write_atomic(path, (json.dumps(config, indent=2, ensure_ascii=False) + "\n").encode())
    return config
