"""Store benchmark: our store vs stock TinyDB on the same three-year data set.

    uv run python bench/bench_store.py [--runs 50] [--stock-runs 10] [--cli-runs 15]

Prints medians in milliseconds and the ratio stock / ours, all measured in this run.
See bench/README.md for what exactly is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import generate, generate_stock  # noqa: E402
from tinydb import TinyDB  # noqa: E402

from collab_tui.model import Item, Status, now  # noqa: E402
from collab_tui.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[int], None], runs: int) -> list[float]:
    samples = []
    for n in range(runs):
        start = time.perf_counter()
        action(n)
        samples.append(time.perf_counter() - start)
    return samples


def bench_ours(path: Path, runs: int) -> dict[str, float]:
    store = Store.open(path)
    store.add(Item("warm-up: the day's first save also takes a backup snapshot"))
    active = [i.id for i in store.items()]
    edits = [store.item(active[n]) for n in range(runs)]
    closes = [store.item(active[-1 - n]) for n in range(runs)]

    def edit(n: int) -> None:
        edits[n].notes = f"edited {n}"
        store.update(edits[n])

    def add(n: int) -> None:
        store.add(Item(f"new item {n}", due=TODAY + timedelta(days=3)))

    def close(n: int) -> None:
        closes[n].status = Status.DONE
        store.update(closes[n])

    return {
        "saved edit (active item)": median_ms(timed(edit, runs)),
        "add an item": median_ms(timed(add, runs)),
        "close an item": median_ms(timed(close, runs)),
    }


def bench_stock(path: Path, runs: int) -> dict[str, float]:
    db = TinyDB(path)  # stock JSONStorage: re-reads and rewrites the whole file per change
    items = db.table("items")
    active = [
        int(doc_id) for doc_id, doc in db.storage.read()["items"].items() if doc["status"] == "open"
    ]

    def edit(n: int) -> None:
        items.update({"notes": f"edited {n}", "updated": now().isoformat()}, doc_ids=[active[n]])

    def add(n: int) -> None:
        items.insert(Item(f"new item {n}", due=TODAY + timedelta(days=3)).to_dict())

    def close(n: int) -> None:
        stamp = now().isoformat()
        items.update(
            {"status": "done", "closed": stamp, "updated": stamp}, doc_ids=[active[-1 - n]]
        )

    return {
        "saved edit (active item)": median_ms(timed(edit, runs)),
        "add an item": median_ms(timed(add, runs)),
        "close an item": median_ms(timed(close, runs)),
    }


def run_process(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def collab_cli() -> Path | None:
    exe = REPO / ".venv" / "bin" / "collab"
    if not exe.exists():
        return None
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    return exe if "--db" in help_text and "add" in help_text else None


def bench_cli(work: Path, runs: int) -> dict[str, float] | None:
    exe = collab_cli()
    task = shutil.which("task")
    if exe is None or task is None:
        return None
    db = work / "cli" / "collab.json"
    generate(db, TODAY)
    env = {**os.environ, "COLLAB_TODAY": TODAY.isoformat()}
    ours = [
        run_process(
            [str(exe), "--db", str(db), "add", f"owe: send the spec #bench due:fri {n}"], env
        )
        for n in range(runs)
    ]

    # taskwarrior with 5,000 pending tasks in a throw-away TASKDATA and taskrc.
    taskdata = work / "task"
    taskdata.mkdir()
    taskrc = work / "taskrc"
    taskrc.write_text(
        f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.0\n"
    )
    task_env = {**os.environ, "TASKRC": str(taskrc), "TASKDATA": str(taskdata)}
    pending = [
        {
            "description": f"pending task {n}",
            "status": "pending",
            "entry": "20260101T090000Z",
            "project": "bench",
        }
        for n in range(5000)
    ]
    subprocess.run(
        [task, "import"],
        input=json.dumps(pending),
        text=True,
        env=task_env,
        check=True,
        capture_output=True,
    )
    theirs = [
        run_process([task, "add", f"send the spec {n}", "due:friday"], task_env)
        for n in range(runs)
    ]
    return {
        "`collab add` (whole process)": median_ms(ours),
        "`task add`, 5,000 pending": median_ms(theirs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="store benchmark")
    parser.add_argument("--runs", type=int, default=50, help="timed saves on our store")
    parser.add_argument("--stock-runs", type=int, default=10, help="timed saves on stock TinyDB")
    parser.add_argument("--cli-runs", type=int, default=15, help="process runs for `add`")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="collab-bench-") as tmp:
        work = Path(tmp)
        ours_path, stock_path = work / "ours" / "collab.json", work / "stock.json"
        print("generating the three-year data set (ours and stock) ...", file=sys.stderr)
        generate(ours_path, TODAY)
        generate_stock(stock_path, TODAY)
        sizes = (
            sum(f.stat().st_size for f in ours_path.parent.rglob("*.json")),
            ours_path.stat().st_size,
            stock_path.stat().st_size,
        )
        ours = bench_ours(ours_path, args.runs)
        stock = bench_stock(stock_path, args.stock_runs)
        cli = bench_cli(work, args.cli_runs)

    print(
        f"data: 300 contacts, 20,000 items (500 active), 10,000 interactions; "
        f"ours {sizes[0] / 1e6:.1f} MB of which hot file {sizes[1] / 1e3:.0f} kB; "
        f"stock file {sizes[2] / 1e6:.1f} MB"
    )
    print(f"{'operation':<28} {'ours ms':>9} {'stock ms':>9} {'stock/ours':>11}")
    for name, ms in ours.items():
        print(f"{name:<28} {ms:9.2f} {stock[name]:9.2f} {stock[name] / ms:10.0f}x")
    print(f"(medians; ours {args.runs} runs with fsync, stock {args.stock_runs} runs, no fsync)")
    if cli is None:
        print("whole-process `collab add` vs `task add`: skipped (no .venv/bin/collab or task)")
    else:
        (our_name, our_ms), (task_name, task_ms) = cli.items()
        print(f"{our_name:<32} {our_ms:8.1f} ms")
        print(f"{task_name:<32} {task_ms:8.1f} ms   (task / collab: {task_ms / our_ms:.2f})")
        print(f"(medians of {args.cli_runs} runs each)")


if __name__ == "__main__":
    main()
