"""Run ``python -m collab_tui`` as a subprocess on a data file in tmp_path, today frozen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

TODAY = "2026-11-24"  # a Tuesday


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


class Collab:
    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.db = db
        self.env = env

    def __call__(
        self,
        *args: str,
        db: bool = True,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        command = [sys.executable, "-m", "collab_tui"]
        if db:
            command += ["--db", str(self.db)]
        done = subprocess.run(
            [*command, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**self.env, **(env or {})},
            input=stdin,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def collab(tmp_path, _isolated_dirs) -> Collab:
    env = {
        **os.environ,
        "COLLAB_TODAY": TODAY,
        "PYTHONIOENCODING": "utf-8",
        "HOME": str(_isolated_dirs),
        "XDG_DATA_HOME": str(_isolated_dirs / ".local" / "share"),
    }
    env.pop("COLLAB_DB", None)
    return Collab(tmp_path / "data" / "collab.json", env)
