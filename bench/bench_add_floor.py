"""How close can any Python `collab add` come to `task add`? (issue #10)

    uv run python bench/bench_add_floor.py [--years 3] [--runs 21]

Whole processes on a copy of a generated data set, taking turns in rounds (the order
rotates each round), against `task add` with 5,000 pending tasks:

- ``python -c pass``: this venv's interpreter starting and stopping (with ``site``, as
  the ``collab`` script starts);
- ``python -c "import re, json"``: the least a capture needs (the grammar's patterns and
  the data file's format);
- ``floor_add.py``: a stdlib-only prototype of the durable part of an add (lock, read,
  decode meta and contacts, splice one item in, temp file + fsync + rename + directory
  fsync), without the grammar, dates, checks, retry guard or words;
- ``collab add``: the product.

Prints medians and each one's ratio to `task add`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import TODAY, taskwarrior  # noqa: E402
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LINE = "owe: send spec {n} @小蓝 due:fri"


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{argv} exited {done.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=3)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    if shutil.which("task") is None:
        raise SystemExit("taskwarrior (`task`) is not on PATH")
    python = str(REPO / ".venv" / "bin" / "python")
    collab = str(REPO / ".venv" / "bin" / "collab")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COLLAB_TODAY"] = TODAY.isoformat()
    with tempfile.TemporaryDirectory(prefix="collab-bench-floor-") as tmp:
        work = Path(tmp)
        task_env = taskwarrior(work)
        generate(work / "data" / "collab.json", TODAY, years=args.years)
        ours = work / "ours" / "collab.json"
        proto = work / "proto" / "collab.json"
        for copy in (ours, proto):
            shutil.copytree(work / "data", copy.parent)
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "task add": (["task", "add", "send the spec {n}", "due:friday"], task_env),
            "python -c pass": ([python, "-c", "pass"], env),
            'python -c "import re, json"': ([python, "-c", "import re, json"], env),
            "floor_add.py (prototype)": (
                [python, str(REPO / "bench" / "floor_add.py"), str(proto), LINE], env),
            "collab add": ([collab, "--db", str(ours), "add", LINE], env),
        }  # fmt: skip
        for argv, case_env in cases.values():  # warm-up: .pyc written, daily backup taken
            timed([w.replace("{n}", "warm-up") for w in argv], case_env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        names = list(cases)
        for n in range(args.runs):
            turn = names[n % len(names) :] + names[: n % len(names)]
            for name in turn:
                argv, case_env = cases[name]
                times[name].append(timed([w.replace("{n}", str(n)) for w in argv], case_env))
    base = statistics.median(times["task add"])
    print(f"{args.years:g}-year data, medians of {args.runs} runs taken in turns")
    print(f"{'process':<30} {'ms':>7} {'/ task add':>10}")
    for name in names:
        ms = statistics.median(times[name])
        print(f"{name:<30} {ms:7.1f} {ms / base:9.2f}x")


if __name__ == "__main__":
    main()
