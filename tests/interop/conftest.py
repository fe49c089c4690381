"""Fixtures for the interop tests: a real store in tmp_path, the shared vCards, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# Real-world vCards from khard's test suite, next to the project (absent in a user's clone).
SHARED_VCARDS = Path(__file__).parents[2] / ".." / "shared" / "testdata" / "vcards"


@pytest.fixture
def shared_vcards() -> Path:
    if not SHARED_VCARDS.is_dir():
        pytest.skip("../shared/testdata/vcards is not here (only in the project workspace)")
    return SHARED_VCARDS.resolve()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def collab(tmp_path, _isolated_dirs):
    """Run ``python -m collab_tui --db tmp/collab.json ARGS`` with today frozen."""
    env = {
        **os.environ,
        "COLLAB_TODAY": "2026-11-24",
        "PYTHONIOENCODING": "utf-8",
        "HOME": str(_isolated_dirs),
        "XDG_DATA_HOME": str(_isolated_dirs / ".local" / "share"),
    }
    env.pop("COLLAB_DB", None)
    db = tmp_path / "cli" / "collab.json"

    def run(*args: str, db: Path = db, extra_env: dict[str, str] | None = None) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "collab_tui", "--db", str(db), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**env, **(extra_env or {})},
            cwd=tmp_path,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    run.db = db  # type: ignore[attr-defined]
    return run
