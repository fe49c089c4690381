"""Time the store of one source tree on one data set; print the medians as JSON.

    python bench/probe.py REPO DATA_FILE [--runs 20]

Run with REPO's own interpreter (``REPO/.venv/bin/python``) by ``compare.py``: the package
is imported from REPO, so the same probe measures a baseline tree and ours alike. Only
API both have is used (Store.open, items, add, update, interactions).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repo", type=Path)
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo))

    from collab_tui.model import Item, Status
    from collab_tui.store import Store

    def clock(action, *args) -> float:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        action(*args)
        return (time.perf_counter() - start) * 1000

    result: dict[str, float] = {}
    store: Store | None = None

    def open_store() -> None:
        nonlocal store
        store = Store.open(args.data)

    result["open (hot file)"] = clock(open_store)
    assert store is not None

    # First, as the app does after its first frame; the saves below then record what it
    # found (a steady state for the `collab today` runs that follow).
    def load_history() -> None:
        store.items(active_only=False)
        store.interactions()

    result["load all history"] = clock(load_history)
    store.add(Item("warm-up: the day's first save also takes a backup"))
    active = [i.id for i in store.items()]
    adds, edits, closes = [], [], []
    for n in range(args.runs):
        adds.append(clock(store.add, Item(f"new item {n}")))
        item = store.item(active[n])
        item.notes = f"edited {n}"
        edits.append(clock(store.update, item))
        closing = store.item(active[-1 - n])
        closing.status = Status.DONE
        closes.append(clock(store.update, closing))
    result["add an item"] = statistics.median(adds)
    result["saved edit"] = statistics.median(edits)
    result["close an item"] = statistics.median(closes)

    store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
