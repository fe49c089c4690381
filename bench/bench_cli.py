"""The shell against taskwarrior, whole processes, paired and alternating in one run.

    uv run python bench/bench_cli.py [--years 1 3 10] [--runs 15] [--exe PATH] [--tty]

For each data set (``generate.py --years N``, a fresh copy per command), runs ``collab
add`` against ``task add`` (5,000 pending tasks) and ``collab today``, ``collab who NAME``
and ``collab matrix`` against ``task next``, the two commands taking turns. Prints the
median wall time of each, the ratio, and each process's peak memory (``ru_maxrss`` from
``wait4``). Output goes to a pipe; ``--tty`` also runs the read commands on a terminal
(under ``script -qc``, which adds its own start-up to both sides alike).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
WHO = "小蓝"  # a contact of the generated data set


def run(argv: list[str], env: dict[str, str], tty: bool = False) -> tuple[float, float]:
    """Wall ms and peak MiB of one process, its output to a pipe (or a terminal).

    Peak memory comes from GNU time: Linux keeps ``ru_maxrss`` across fork and exec, so a
    child of this (large) benchmark process would report at least our own size.
    """
    with tempfile.NamedTemporaryFile(prefix="collab-rss-") as rss:
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss.name, *argv]
        if tty:
            argv = ["script", "-qec", shlex.join(argv), "/dev/null"]
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{argv} exited {done.returncode}")
        return elapsed, int(Path(rss.name).read_text().split()[-1]) / 1024


def taskwarrior(work: Path) -> dict[str, str]:
    """A throw-away taskwarrior with 5,000 pending tasks; its environment."""
    data = work / "task"
    data.mkdir(parents=True)
    rc = work / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.0\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    pending = [
        {"description": f"pending task {n}", "status": "pending", "entry": "20260101T090000Z"}
        for n in range(5000)
    ]
    subprocess.run(
        ["task", "import"], input=json.dumps(pending), text=True, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[1, 3, 10])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exe", type=Path, default=REPO / ".venv" / "bin" / "collab")
    parser.add_argument("--tty", action="store_true", help="also on a terminal (script -qc)")
    args = parser.parse_args()
    if shutil.which("task") is None:
        raise SystemExit("taskwarrior (`task`) is not on PATH")

    rows: list[tuple[str, str, float, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="collab-bench-cli-") as tmp:
        work = Path(tmp)
        task_env = taskwarrior(work)
        # As on a user's machine: the first run writes our package's .pyc (uv compiles only
        # the dependencies; ours is an editable install), the warm-up run below.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["COLLAB_TODAY"] = TODAY.isoformat()
        exe = str(args.exe)
        for years in args.years:
            dataset = work / f"data-{years:g}y"
            print(f"generating {years:g} years ...", file=sys.stderr)
            generate(dataset / "collab.json", TODAY, years=years)
            db = work / "run" / "collab.json"
            shutil.rmtree(db.parent, ignore_errors=True)
            shutil.copytree(dataset, db.parent)
            cases: list[tuple[str, list[str], list[str], bool]] = [
                ("add", ["add", "owe: send spec {n} @小蓝 due:fri"],
                 ["add", "send the spec {n}", "due:friday"], False),
                ("today", ["today"], ["next"], False),
                ("who", ["who", WHO], ["next"], False),
                ("matrix", ["matrix"], ["next"], False),
            ]  # fmt: skip
            if args.tty:
                cases += [(f"{name} (tty)", a, b, True) for name, a, b, _ in cases[1:]]
            for name, ours, theirs, tty in cases:
                ours_t, ours_m, task_t, task_m = [], [], [], []
                warm = [exe, "--db", str(db), *(w.replace("{n}", "warm-up") for w in ours)]
                run(warm, env)
                for n in range(args.runs):
                    mine = [exe, "--db", str(db), *(w.replace("{n}", str(n)) for w in ours)]
                    peer = ["task", *(w.replace("{n}", str(n)) for w in theirs)]
                    pair = [(mine, env, ours_t, ours_m), (peer, task_env, task_t, task_m)]
                    for argv, e, times, mems in pair if n % 2 == 0 else pair[::-1]:
                        ms, mib = run(argv, e, tty)
                        times.append(ms)
                        mems.append(mib)
                rows.append(
                    (f"{years:g}y", name, statistics.median(ours_t), statistics.median(task_t),
                     max(ours_m), max(task_m))
                )  # fmt: skip

    print(f"medians of {args.runs} alternating runs; peak memory is the largest ru_maxrss")
    print(f"{'data':>5}  {'command':<12} {'collab ms':>9} {'task ms':>8} {'ratio':>6}"
          f" {'collab MiB':>10} {'task MiB':>8}")  # fmt: skip
    for data, name, ours_ms, task_ms, ours_mib, task_mib in rows:
        print(f"{data:>5}  {name:<12} {ours_ms:9.1f} {task_ms:8.1f} {ours_ms / task_ms:5.2f}x"
              f" {ours_mib:10.1f} {task_mib:8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
