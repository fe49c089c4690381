"""Do projects slow the reads down? Three years of data, without and with projects.

    uv run python bench/bench_projects.py [--years 3] [--projects 20] [--milestones 150]
        [--runs 15]

Generates the data set twice (``generate.py``; the second with ``--projects`` projects and
``--milestones`` milestones, a third of the open items tagged for one), then runs
``collab today`` and ``collab who 小蓝`` on each, the two data sets taking turns, and
prints the median (and the fastest, the least disturbed by a busy machine) wall time and
peak memory of each with the ratios; ``collab project
list`` and ``collab map`` on the second show what the new reads cost.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import REPO, TODAY, run  # noqa: E402
from generate import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=3)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--milestones", type=int, default=150)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exe", type=Path, default=REPO / ".venv" / "bin" / "collab")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COLLAB_TODAY"] = TODAY.isoformat()
    exe = str(args.exe)
    with tempfile.TemporaryDirectory(prefix="collab-bench-projects-") as tmp:
        work = Path(tmp)
        plain, projects = work / "plain" / "collab.json", work / "projects" / "collab.json"
        print(f"generating {args.years:g} years, twice ...", file=sys.stderr)
        generate(plain, TODAY, years=args.years)
        generate(projects, TODAY, years=args.years, projects=args.projects,
                 milestones=args.milestones)  # fmt: skip
        print(
            f"hot file: {plain.stat().st_size / 1e6:.2f} MB without projects, "
            f"{projects.stat().st_size / 1e6:.2f} MB with",
        )
        print(
            f"{'command':<14}{'median w/o':>11}{'with':>8}{'ratio':>7}"
            f"{'min w/o':>9}{'with':>8}{'ratio':>7}{'MiB w/o':>9}{'with':>6}"
        )
        for command in (["today"], ["who", "小蓝"]):
            times: dict[Path, list[float]] = {plain: [], projects: []}
            mems: dict[Path, list[float]] = {plain: [], projects: []}
            for db in (plain, projects):
                run([exe, "--db", str(db), *command], env)  # warm-up: .pyc, page cache
            for n in range(args.runs):
                for db in (plain, projects) if n % 2 == 0 else (projects, plain):
                    ms, mib = run([exe, "--db", str(db), *command], env)
                    times[db].append(ms)
                    mems[db].append(mib)
            a, b = statistics.median(times[plain]), statistics.median(times[projects])
            low, high = min(times[plain]), min(times[projects])
            print(
                f"{' '.join(command):<14}{a:>9.0f}ms{b:>6.0f}ms{b / a:>7.2f}"
                f"{low:>7.0f}ms{high:>6.0f}ms{high / low:>7.2f}"
                f"{max(mems[plain]):>9.0f}{max(mems[projects]):>6.0f}"
            )
        for command in (["project", "list"], ["map", "p1"], ["report", "--project", "p1"]):
            run([exe, "--db", str(projects), *command], env)
            spent = [run([exe, "--db", str(projects), *command], env)[0] for _ in range(args.runs)]
            print(f"{' '.join(command):<24}{statistics.median(spent):>6.0f}ms (median)")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
