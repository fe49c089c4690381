"""Do projects slow the reads down? Three years of data, without and with projects.

    uv run python bench/bench_projects.py [--years 3] [--projects 20] [--milestones 150]
        [--runs 15]

Generates the data set twice (``generate.py``; the second with ``--projects`` projects and
``--milestones`` milestones, a third of the open items tagged for one), then runs
``collab today`` and ``collab who 小蓝`` on each, the two data sets taking turns, and
prints the median wall time, the median CPU time (user + system: what to compare on a
busy machine) and the peak memory of each, with the ratios; ``collab project
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

from bench_cli import REPO, TODAY  # noqa: E402
from generate import generate  # noqa: E402


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall ms, CPU ms (user + system) and peak MiB of one process (GNU time).

    CPU time is what to compare on a machine other jobs are using: the wall time then
    includes waiting for a core.
    """
    import subprocess
    import time

    with tempfile.NamedTemporaryFile(prefix="collab-rss-") as out:
        argv = ["/usr/bin/time", "-f", "%U %S %M", "-o", out.name, *argv]
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{argv} exited {done.returncode}")
        user, system, rss = Path(out.name).read_text().split()[-3:]
        return wall, (float(user) + float(system)) * 1000, int(rss) / 1024


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
            f"{'command':<14}{'wall w/o':>9}{'with':>8}{'ratio':>7}"
            f"{'CPU w/o':>9}{'with':>8}{'ratio':>7}{'MiB w/o':>9}{'with':>6}"
        )
        for command in (["today"], ["who", "小蓝"]):
            walls: dict[Path, list[float]] = {plain: [], projects: []}
            cpus: dict[Path, list[float]] = {plain: [], projects: []}
            mems: dict[Path, list[float]] = {plain: [], projects: []}
            for db in (plain, projects):
                run([exe, "--db", str(db), *command], env)  # warm-up: .pyc, page cache
            for n in range(args.runs):
                for db in (plain, projects) if n % 2 == 0 else (projects, plain):
                    wall, cpu, mib = run([exe, "--db", str(db), *command], env)
                    walls[db].append(wall)
                    cpus[db].append(cpu)
                    mems[db].append(mib)
            a, b = statistics.median(walls[plain]), statistics.median(walls[projects])
            c, d = statistics.median(cpus[plain]), statistics.median(cpus[projects])
            print(
                f"{' '.join(command):<14}{a:>7.0f}ms{b:>6.0f}ms{b / a:>7.2f}"
                f"{c:>7.0f}ms{d:>6.0f}ms{d / c:>7.2f}"
                f"{max(mems[plain]):>9.0f}{max(mems[projects]):>6.0f}"
            )
        for command in (["project", "list"], ["map", "p1"], ["report", "--project", "p1"]):
            run([exe, "--db", str(projects), *command], env)
            spent = [run([exe, "--db", str(projects), *command], env)[1] for _ in range(args.runs)]
            print(f"{' '.join(command):<24}{statistics.median(spent):>6.0f}ms CPU (median)")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
