"""The TUI's first frame in a real terminal (tmux), against a bare Textual app.

    uv run python bench/bench_tui_tmux.py [--years 3 10] [--runs 9]

`bench_tui.py` times the first frame headless; this runs both apps with Textual's real
terminal driver inside a tmux pane of 120x36 (the escape sequences written to a real
pseudo-terminal, tmux drawing them). Each run: a fresh process started in a new detached
tmux session; the app writes the monotonic clock at its first frame (as `bench_tui.py` does)
to a file and exits. Time from just before ``tmux new-session`` to that clock, so tmux's
own start-up counts for both sides alike; runs alternate between `collab` on a generated
data set and a bare app with a Header, a DataTable and a Footer. Prints medians and the
ratio (target: collab <= 1.3x bare).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
SIZE = (120, 36)

RUNNER = r"""
import os, sys, time
from datetime import date

mode, db, out = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "bare":
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            self.query_one(DataTable).add_columns("a", "b", "c")

    app = Bare()
else:
    from collab_tui.tui.app import make_app

    app = make_app(db, date.fromisoformat(sys.argv[4]))


async def first_frame(pilot):
    import asyncio

    while not pilot.app._dom_ready:  # set when the first frame is composed (Ready)
        await asyncio.sleep(0)
    with open(out, "w") as file:
        file.write(str(time.monotonic_ns()))
    pilot.app.exit()


app.run(auto_pilot=first_frame)  # the real terminal driver: tmux's pseudo-terminal
"""


def one_run(runner: Path, mode: str, db: Path, work: Path, n: int) -> float:
    out = work / f"ready-{mode}-{n}"
    session = f"collab-bench-{os.getpid()}-{mode}-{n}"
    command = shlex.join([sys.executable, str(runner), mode, str(db), str(out), TODAY])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("TEXTUAL", None)
    start = time.monotonic_ns()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
         command],
        env=env, check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (out.exists() and out.read_text().strip()):
        if time.monotonic() > deadline:
            subprocess.run(["tmux", "kill-session", "-t", session], check=False)
            raise SystemExit(f"{mode}: no first frame within 60 s")
        time.sleep(0.002)
    ready = int(out.read_text())
    while (
        subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0
    ):
        time.sleep(0.01)
    return (ready - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[3, 10])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not on PATH (apt-get install tmux)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="collab-bench-tmux-") as tmp:
        work = Path(tmp)
        runner = work / "runner.py"
        runner.write_text(RUNNER, encoding="utf-8")
        for years in args.years:
            db = work / f"data-{years:g}y" / "collab.json"
            # In a child: generating ten years must not grow this process.
            subprocess.run(
                [sys.executable, str(REPO / "bench" / "generate.py"), str(db), "--today", TODAY,
                 "--years", f"{years:g}"],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            times: dict[str, list[float]] = {"bare": [], "collab": []}
            one_run(runner, "bare", db, work, -1)  # warm-up: .pyc files, the file cache
            one_run(runner, "collab", db, work, -1)
            for n in range(args.runs):
                order = ["bare", "collab"] if n % 2 == 0 else ["collab", "bare"]
                for mode in order:
                    times[mode].append(one_run(runner, mode, db, work, n))
            bare, ours = statistics.median(times["bare"]), statistics.median(times["collab"])
            rows.append((years, bare, ours))
    print(f"first frame in tmux ({SIZE[0]}x{SIZE[1]}), medians of {args.runs} alternating runs")
    print(f"{'data':>5} {'bare ms':>8} {'collab ms':>10} {'ratio':>6}")
    for years, bare, ours in rows:
        print(f"{years:4g}y {bare:8.1f} {ours:10.1f} {ours / bare:5.2f}x")


if __name__ == "__main__":
    main()
