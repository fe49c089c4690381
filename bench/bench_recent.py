"""Work on recent history at 1, 3 and 10 years: time and peak memory, ours against a
baseline checkout, taking turns (issue #10: cost follows what is open and recent).

    uv run python bench/bench_recent.py --baseline /tmp/base [--years 1 3 10] [--runs 5]
        [--cases CASE ...]

``--baseline DIR``: another checkout's code (e.g. ``git archive REV | tar -x -C DIR``),
run with this venv on the same data. Each case is one fresh process on a fresh copy of
the generated data set whose day's backup is already taken (as after the morning's
first save).

Saves (``python -c``; the time of the save alone, and the process's peak RSS, VmHWM):

- ``edit note``: the newest past log entry gets a longer summary (a typo fixed after a
  meeting);
- ``move date``: a log entry of two months ago is moved a month back;
- ``reopen``: an item closed about a year ago is reopened.

Whole commands (``python -m collab_tui``; wall time and GNU time's peak RSS):

- ``export ics``: ``collab export --format ics`` (active items and the last 30 days'
  closed ones, what calendars and ``collab sync`` take);
- ``report``: ``collab report``, the last week's status report;
- ``who, copied`` and ``add, copied``: ``collab who 小蓝`` and ``collab add`` on a copy
  of the data folder whose history files got new modification times (a new computer, a
  restored backup, a sync tool that does not keep times), before any save there.

The baseline and ours alternate (which goes first alternates by run); the table gives
medians and ours / baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"

# Runs in the child: open, find the record (reading one month at most), time the save.
CHILD = r"""
import sys, time
from datetime import date, timedelta
from collab_tui.model import Item, Status
from collab_tui.store import Store

case, path, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
store = Store.open(path)
if case == "reopen":
    month = (today - timedelta(days=365)).isoformat()[:7]
    docs = store._month_data(month)["items"].values()
    doc = next(d for d in docs if d["status"] == "done")
    record = Item.from_dict(doc)
    record.status = Status.OPEN
else:
    back = 0 if case == "edit note" else 62
    month = (today - timedelta(days=back)).isoformat()[:7]
    _, records = next(iter(store.interactions_by_month(since=month)))
    record = next(r for r in records if r.date <= today)
    if case == "edit note":
        record.summary += " (fixed)"
    else:
        record.date -= timedelta(days=31)
start = time.perf_counter()
store.update(record)
took = (time.perf_counter() - start) * 1000
# VmHWM: this process's peak since its exec (ru_maxrss would carry over the parent's).
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1]
print(f"{took:.2f} {int(hwm) / 1024:.1f}")
"""
SAVES = ("edit note", "move date", "reopen")
COMMANDS = {
    "export ics": ["export", "--format", "ics", "-o", "{out}"],
    "report": ["report"],
    "who, copied": ["who", "小蓝"],
    "add, copied": ["add", "task: the first capture on the new computer"],
}
CASES = (*SAVES, *COMMANDS)


def run_case(code: Path, case: str, source: Path, work: Path) -> tuple[float, float]:
    """(ms, peak MiB of the process) of one case on a fresh copy of ``source``'s data."""
    copy = work / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(source.parent, copy)
    if case.endswith(", copied"):  # every history file newer than it was saved
        for segment in (copy / source.with_suffix(".history").name).iterdir():
            os.utime(segment)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users
    env.update(PYTHONPATH=str(code), COLLAB_TODAY=TODAY)
    data = str(copy / source.name)
    if case in SAVES:
        argv = [sys.executable, "-c", CHILD, case, data, TODAY]
    else:
        words = [w.replace("{out}", str(work / "out")) for w in COMMANDS[case]]
        argv = ["/usr/bin/time", "-f", "TIME %e %M", sys.executable, "-m", "collab_tui",
                "--db", data, *words]  # fmt: skip
    done = subprocess.run(argv, env=env, cwd=code, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{case} on {code} failed:\n{done.stderr}")
    if case in SAVES:
        ms, mib = done.stdout.split()
        return float(ms), float(mib)
    seconds, kib = done.stderr.rsplit("TIME ", 1)[1].split()
    return float(seconds) * 1000, float(kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--years", type=float, nargs="+", default=[1, 3, 10])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", nargs="+", choices=CASES, default=CASES, metavar="CASE")
    args = parser.parse_args()
    sides = {"baseline": args.baseline.resolve(), "ours": ROOT}
    print(f"{'data':>5} {'case':<12} {'baseline ms':>11} {'ours ms':>8} {'ratio':>6} "
          f"{'baseline MiB':>12} {'ours MiB':>9}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="collab-bench-edit-") as tmp:
        work = Path(tmp)
        for years in args.years:
            source = work / f"{years:g}y" / "collab.json"
            generate(source, date.fromisoformat(TODAY), years=years)
            run_case(ROOT, "edit note", source, work)  # the day's backup, kept in the source
            shutil.copytree(work / "copy" / "collab.backups", source.parent / "collab.backups")
            for case in args.cases:
                results: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
                for n in range(args.runs):
                    order = list(sides) if n % 2 == 0 else list(reversed(sides))
                    for name in order:
                        results[name].append(run_case(sides[name], case, source, work))
                base_ms, ours_ms = (statistics.median(r[0] for r in results[s]) for s in sides)
                base_mib, ours_mib = (statistics.median(r[1] for r in results[s]) for s in sides)
                print(f"{years:>4g}y {case:<12} {base_ms:11.1f} {ours_ms:8.1f} "
                      f"{ours_ms / base_ms:5.2f}x {base_mib:12.1f} {ours_mib:9.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
