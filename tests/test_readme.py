"""The README's commands run as shown, in order, on a new data file (en and zh)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def commands(readme: Path) -> list[list[str]]:
    """Every `collab ...` line of the README's sh blocks (continuations joined, comments
    dropped), without the app itself and the demo (which open or fill other files)."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", readme.read_text(encoding="utf-8"), re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words[:2] == ["uv", "run"]:
                words = words[2:]
            if words[:1] == ["collab"] and len(words) > 1 and words[1] != "demo":
                found.append(words[1:])
    return found


@pytest.mark.parametrize("readme", ["README.md", "README.zh-CN.md"])
def test_the_readme_commands_run_as_shown(readme, tmp_path):
    shown = commands(ROOT / readme)
    assert len(shown) > 10  # the sequences are there
    env = {
        **os.environ,
        "COLLAB_DB": str(tmp_path / "collab.json"),
        "COLLAB_TODAY": "2026-11-24",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONIOENCODING": "utf-8",
    }
    for words in shown:
        done = subprocess.run(
            [sys.executable, "-m", "collab_tui", *words],
            capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path,
            timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, (words, done.stderr)
