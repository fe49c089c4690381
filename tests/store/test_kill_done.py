"""kill -9 while closing items: never a half-closed item, never a lost acknowledged close.

Closing moves an item from the hot file into a history segment: two files in one save.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from collab_tui.model import Item, Status
from collab_tui.store import Store

REPO = Path(__file__).resolve().parents[2]
KILLS = 40
TIME_BOUND = 20.0  # seconds; on a slow machine fewer kills, but at least MIN_KILLS
MIN_KILLS = 15


def half_closed(db: Path) -> list[str]:
    """Ids active in the hot file and closed in a history segment at once."""
    hot = json.loads(db.read_bytes())["items"]
    cold: set[str] = set()
    for segment in db.with_name("collab.history").glob("*.json"):
        cold.update(json.loads(segment.read_bytes()).get("items", {}))
    return sorted(set(hot) & cold)


def test_kill_9_while_closing_never_half_closes(tmp_path: Path) -> None:
    db = tmp_path / "collab.json"
    with Store.open(db) as store, store.batch():
        for n in range(600):
            store.add(Item(f"task {n} for 小蓝"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child_script = str(Path(__file__).with_name("kill_done_child.py"))
    rng = random.Random(8)
    acknowledged: set[int] = set()
    kills = 0
    deadline = time.monotonic() + TIME_BOUND
    while kills < KILLS and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, child_script, str(db)], stdout=subprocess.PIPE, env=env, text=True
        )
        first = child.stdout.readline()  # it is closing: now kill it mid-stride
        time.sleep(rng.uniform(0, 0.06))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += 1
        acknowledged |= {int(line.split()[1]) for line in [first, *out.splitlines()] if line}

        store = Store.open(db)  # the next open finishes whatever the kill interrupted
        assert half_closed(db) == [], f"after kill {kills}"
        assert not db.with_name("collab.json.journal").exists()
        statuses = {i.id: i.status for i in store.items(active_only=False)}
        assert len(statuses) == 600
        assert all(statuses[i] is Status.DONE for i in acknowledged), f"after kill {kills}"
        store.close()
    print(f"{kills} kills, {len(acknowledged)} acknowledged closes, 0 half-closed")
    assert kills >= MIN_KILLS and len(acknowledged) > kills
