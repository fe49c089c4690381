"""Imports and the JSON export at two sizes: time, peak memory, and how each grows.

    uv run python bench/bench_io.py [--runs 3] [--small 5] [--large 10]
    uv run python bench/bench_io.py --code /tmp/before   # another checkout's code, same data

Each row runs the whole process ``python -m collab_tui ...`` (this venv's interpreter,
bytecode as the venv has it) at a small and a large size, twice the small one, and
prints the median time, the child's peak resident memory (``ru_maxrss`` from ``wait4``)
and large / small: about 2 is linear, about 4 quadratic.

| row | small | large |
|---|---|---|
| restore a JSON backup into a new file | ``--small`` years of data | ``--large`` years |
| JSON import, items all closed in one month | 5,000 items | 10,000 items |
| vCard import (new cards) | 4,000 cards | 8,000 cards |
| taskwarrior import (tasks completed in one month) | 5,000 tasks | 10,000 tasks |
| ``export --format json`` of a restored file | ``--small`` years | ``--large`` years |

The data sets come from ``generate.py`` (backups written by ``collab export``) and
``bench_import.py`` (vCards); the export reads the file the restore wrote, as a user's
file looks after a restore (its history segments checked once). ``--code DIR`` runs the
collab processes on the code in DIR (e.g. ``git archive REV | tar -x -C DIR``) with
this venv, on the same data, for a before / after table.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other bench scripts

import bench_import  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)


def run(args: list[str], code: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of one ``python -m collab_tui ARGS`` process."""
    env = {**os.environ, "PYTHONPATH": str(code), "COLLAB_TODAY": TODAY.isoformat()}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "collab_tui", *args],
        cwd=code,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"collab {' '.join(args)} failed:\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def closed_in_one_month(count: int, path: Path) -> Path:
    """A backup of ``count`` done items, all closed in March 2026."""
    items = []
    for n in range(1, count + 1):
        items.append(
            {
                **{"title": f"closed thing {n}", "kind": "task", "id": n, "important": False},
                **{"urgent": None, "due": "2026-03-04", "contact_ids": [], "tags": ["q3"]},
                **{"notes": "talked to ops", "status": "done", "due_history": []},
                "created": "2026-03-01T10:00:00+00:00",
                "updated": "2026-03-05T10:00:00+00:00",
                "closed": "2026-03-05T10:00:00+00:00",
                **{"interaction_id": None, "likelihood": None, "impact": None},
                **{"mitigation": "", "review": None, "uid": f"{n:032x}"},
            }
        )
    backup = {"format": "collab-tui", "version": 1, "exported": "2026-11-23T00:00:00+00:00"}
    path.write_text(json.dumps({**backup, "items": items}), encoding="utf-8")
    return path


def taskwarrior_export(count: int, path: Path) -> Path:
    """``task export`` of ``count`` completed tasks, all ended in March 2026."""
    rows = [
        {
            **{"id": 0, "description": f"closed task {n}", "status": "completed"},
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            **{"entry": "20260301T100000Z", "modified": "20260305T100000Z"},
            **{"end": "20260305T100000Z", "due": "20260304T000000Z", "project": "launch"},
            **{"tags": ["q3"], "priority": "H" if n % 3 == 0 else "L", "urgency": 1.0},
            "annotations": [{"entry": "20260302T100000Z", "description": "talked to ops"}],
        }
        for n in range(count)
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def median_run(make_args: Any, runs: int, code: Path) -> tuple[float, float]:
    """Median seconds and peak MiB over ``runs`` runs; ``make_args(i)`` per run."""
    results = [run(make_args(i), code) for i in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def prepare(work: Path, small: float, large: float) -> None:
    """Write every input file into ``work`` (run in its own process: see ``main``)."""
    import generate  # imports collab_tui: kept out of the measuring process

    for years, label in ((small, "small"), (large, "large")):
        db = work / f"gen-{label}" / "collab.json"
        generate.generate(db, TODAY, years=years)
        backup = work / f"backup-{label}.json"
        run(["--db", str(db), "export", "--format", "json", "-o", str(backup)], ROOT)
        shutil.rmtree(db.parent)
    for n in (5000, 10000):
        closed_in_one_month(n, work / f"month-{n}.json")
        taskwarrior_export(n, work / f"tasks-{n}.json")
    for n in (4000, 8000):
        bench_import.write_cards(work / f"cards-{n}.vcf", n)


def measure(runs: int, small: float, large: float, code: Path, work: Path) -> list[tuple]:
    rows: list[tuple] = []

    def into_new(source: str, label: str, extra: tuple[str, ...] = ()) -> Any:
        def make(i: int) -> list[str]:
            db = work / f"db-{label}-{i}" / "collab.json"
            shutil.rmtree(db.parent, ignore_errors=True)
            return ["--db", str(db), "import", *extra, str(work / source)]

        return make

    def row(name: str, sizes: tuple[str, str], small_args: Any, large_args: Any) -> None:
        a = median_run(small_args, runs, code)
        b = median_run(large_args, runs, code)
        rows.append((name, sizes, a, b))
        print(f"  {name}: {a[0]:.2f} s {a[1]:.0f} MiB / {b[0]:.2f} s {b[1]:.0f} MiB",
              file=sys.stderr)  # fmt: skip

    years = (f"{small:g} y", f"{large:g} y")
    row(
        "JSON restore (a backup of N years)",
        years,
        into_new("backup-small.json", "small"),
        into_new("backup-large.json", "large"),
    )
    row(
        "JSON export of the restored file",
        years,
        lambda i: [*export_args(work / "db-small-0"), str(work / "out-small.json")],
        lambda i: [*export_args(work / "db-large-0"), str(work / "out-large.json")],
    )
    row(
        "JSON import, items closed in one month",
        ("5,000", "10,000"),
        into_new("month-5000.json", "m5"),
        into_new("month-10000.json", "m10"),
    )
    row(
        "vCard import (new cards)",
        ("4,000", "8,000"),
        into_new("cards-4000.vcf", "v4"),
        into_new("cards-8000.vcf", "v8"),
    )
    tw = ("--from", "taskwarrior")
    row(
        "taskwarrior import (completed in one month)",
        ("5,000", "10,000"),
        into_new("tasks-5000.json", "t5", tw),
        into_new("tasks-10000.json", "t10", tw),
    )
    return rows


def export_args(db_dir: Path) -> list[str]:
    return ["--db", str(db_dir / "collab.json"), "export", "--format", "json", "-o"]


def table(rows: list[tuple]) -> str:
    lines = [
        "| what | small | large | time small | time large | ×time | MiB small | MiB large |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (s_size, l_size), (s_time, s_mem), (l_time, l_mem) in rows:
        lines.append(
            f"| {name} | {s_size} | {l_size} | {s_time:.2f} s | {l_time:.2f} s "
            f"| {l_time / s_time:.2f} | {s_mem:.0f} | {l_mem:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=float, default=5, help="years of data (default 5)")
    parser.add_argument("--large", type=float, default=10, help="years of data (default 10)")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose code runs")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare, args.small, args.large)
        return
    with tempfile.TemporaryDirectory(prefix="collab-bench-io-") as tmp:
        # The inputs are made by another process: a child's ru_maxrss starts from its
        # parent's peak (fork, then exec), so this one must stay small.
        sizes = ["--small", str(args.small), "--large", str(args.large)]
        subprocess.run([sys.executable, __file__, "--prepare", tmp, *sizes], check=True)
        rows = measure(args.runs, args.small, args.large, args.code.resolve(), Path(tmp))
    print(table(rows))


if __name__ == "__main__":
    main()
