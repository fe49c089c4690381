"""Ours against a baseline revision, measured alternately in the same run.

    uv run python bench/compare.py --baseline REV [--years 1 3 10] [--rounds 5] [--runs 20]

The machine is shared and noisy, so absolute times mean little across runs; what this
prints is medians over ``--rounds`` rounds in which the baseline and ours take turns
(which goes first alternates), on the same generated 1-, 3- and 10-year data sets, and
the ratio ours / baseline. Both trees are installed the way a fresh clone is: ``uv sync
--frozen --compile-bytecode`` (the baseline in a temporary git worktree, removed after).

Rows: opening the data (hot file), add / saved edit / close of an item (each a durable
commit, median of ``--runs``), loading all history, and two whole processes: ``collab
add`` and ``collab today``.
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
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).resolve().parent / "probe.py"
TODAY = date(2026, 11, 23)


def install(tree: Path) -> None:
    subprocess.run(
        ["uv", "sync", "--frozen", "--compile-bytecode", "--quiet", "--project", str(tree)],
        check=True,
    )


def whole_process(tree: Path, data: Path, argv: list[str], runs: int) -> float:
    """Median ms of running ``collab --db DATA ARGV`` (a ``{n}`` in ARGV is the run number)."""
    env = {**os.environ, "COLLAB_TODAY": TODAY.isoformat()}
    samples = []
    for n in range(runs):
        words = [word.replace("{n}", str(n)) for word in argv]
        start = time.perf_counter()
        subprocess.run(
            [str(tree / ".venv" / "bin" / "collab"), "--db", str(data), *words],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(tree: Path, dataset: Path, work: Path, runs: int) -> dict[str, float]:
    """One round for one tree, on a fresh copy of the data set."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(dataset, work)
    data = work / "collab.json"
    done = subprocess.run(
        [str(tree / ".venv" / "bin" / "python"), str(PROBE), str(tree), str(data)]
        + ["--runs", str(runs)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    result["`collab add` (process)"] = whole_process(
        tree, data, ["add", "owe: send spec {n} @小蓝 due:fri"], max(3, runs // 4)
    )
    result["`collab today` (process)"] = whole_process(tree, data, ["today"], max(3, runs // 4))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="a git revision, e.g. HEAD~5")
    parser.add_argument("--years", type=float, nargs="+", default=[1, 3, 10])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20, help="timed saves per round")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="collab-compare-") as tmp:
        work = Path(tmp)
        baseline = work / "baseline"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet"]
            + [str(baseline), args.baseline],
            check=True,
        )
        try:
            print(f"installing {args.baseline} and ours ...", file=sys.stderr)
            install(baseline)
            install(REPO)
            trees = {"baseline": baseline, "ours": REPO}
            table: dict[tuple[float, str], dict[str, list[float]]] = {}
            for years in args.years:
                dataset = work / f"data-{years:g}y"
                print(f"generating {years:g} years of data...", file=sys.stderr)
                generate(dataset / "collab.json", TODAY, years=years)
                for round_no in range(args.rounds):
                    order = ["baseline", "ours"] if round_no % 2 == 0 else ["ours", "baseline"]
                    for name in order:
                        measured = measure(trees[name], dataset, work / "run", args.runs)
                        for row, ms in measured.items():
                            table.setdefault((years, row), {}).setdefault(name, []).append(ms)
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(baseline)],
                check=False,
            )

    print(f"baseline {args.baseline} vs ours; medians of {args.rounds} alternating rounds (ms)")
    print(f"{'data':>5}  {'operation':<28} {'baseline':>9} {'ours':>9} {'ours/base':>10}")
    for (years, row), samples in table.items():
        base, ours = statistics.median(samples["baseline"]), statistics.median(samples["ours"])
        print(f"{years:>4g}y  {row:<28} {base:9.2f} {ours:9.2f} {ours / base:9.2f}x")


if __name__ == "__main__":
    main()
