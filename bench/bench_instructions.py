"""Instructions each process executes, counted by valgrind: ours, a baseline, taskwarrior.

    uv run python bench/bench_instructions.py [--baseline DIR] [--years 3] [--tui]

Wall time on this shared 2-core machine moves by up to 2x between runs; the number of
instructions a process executes does not (to about 0.1 %). This counts them with
callgrind for whole processes on a generated data set: ``collab add``, ``today``, ``who``
and ``matrix`` (ours, and ``--baseline DIR``'s code, e.g. ``git archive REV | tar -x -C
DIR``), against ``task add`` / ``task next`` with 5,000 pending tasks, and two floors:
``python -c pass`` and ``floor_add.py`` (the least any Python add can do, see there).
``--tui``: also the app to its first frame, headless, against a bare Textual app, in three
phases (the imports; the app made, the store read; the first frame drawn).

Each collab case starts as the ``collab`` script does (``collab_tui.cli.run``), with
``PYTHONPATH`` set to its side's code, on its own copy of the data, after a warm-up run
that writes the ``.pyc`` and takes the day's backup, as on a user's machine.
Instructions are not time: Python runs fewer of them per nanosecond than taskwarrior's
C++ (more branches and cache misses), so a ratio of counts understates the ratio of times;
``bench_cli.py`` gives the times. Needs ``valgrind`` (Debian: ``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import TODAY, WHO, taskwarrior  # noqa: E402
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PYTHON = str(REPO / ".venv" / "bin" / "python")
AS_THE_SCRIPT = (
    "import sys; from collab_tui.cli import run; sys.argv[0] = 'collab'; sys.exit(run())"
)
COMMANDS = {
    "add": ["add", "owe: send spec {n} @小蓝 due:fri"],
    "today": ["today"],
    "who": ["who", WHO],
    "matrix": ["matrix"],
}
PEER = {"add": ["add", "send the spec {n}", "due:friday"]}  # the others: `task next`
# The app to its first frame, headless at 120x36, against bench_tui.py's bare Textual app
# (Header, DataTable, Footer), ending at a phase: "imports" (the app's modules), "made"
# (the app object: for collab, the store read and the first screen's data computed) or
# "frame" (the first frame composed and drawn).
TUI_RUNNER = r"""
import asyncio, os, sys
from datetime import date

mode, phase, db, today = sys.argv[1:5]
if mode == "bare":
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            self.query_one(DataTable).add_columns("a", "b", "c")
else:
    from collab_tui.tui.app import make_app
if phase == "imports":
    os._exit(0)
app = Bare() if mode == "bare" else make_app(db, date.fromisoformat(today))
if phase == "made":
    os._exit(0)


async def first_frame(pilot):
    while not pilot.app._dom_ready:
        await asyncio.sleep(0)
    os._exit(0)


app.run(headless=True, size=(120, 36), auto_pilot=first_frame)
"""


def instructions(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    """Millions of instructions ``argv`` executes (its output thrown away)."""
    with tempfile.NamedTemporaryFile(prefix="collab-callgrind-") as out:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", *argv],
            env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{argv} exited {done.returncode}:\n{done.stderr[-2000:]}")
    refs = re.search(r"refs:\s+([\d,]+)", done.stderr)
    if refs is None:
        raise SystemExit(f"no instruction count from valgrind for {argv}")
    return int(refs.group(1).replace(",", "")) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout's code to compare")
    parser.add_argument("--years", type=float, default=3)
    parser.add_argument("--tui", action="store_true", help="also the app's first frame")
    args = parser.parse_args()
    for program in ("valgrind", "task"):
        if shutil.which(program) is None:
            raise SystemExit(f"`{program}` is not on PATH")
    sides = {"ours": REPO}
    if args.baseline is not None:
        sides = {"baseline": args.baseline.resolve(), **sides}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users
    env["COLLAB_TODAY"] = TODAY.isoformat()
    with tempfile.TemporaryDirectory(prefix="collab-bench-instr-") as tmp:
        work = Path(tmp)
        task_env = taskwarrior(work)
        data = work / "data" / "collab.json"
        generate(data, TODAY, years=args.years)
        print(f"{args.years:g}-year data; millions of instructions (callgrind)")
        floors = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "floor_add.py": [PYTHON, str(REPO / "bench" / "floor_add.py"), "{db}", "owe: x @小蓝"],
        }
        task_add = instructions(["task", *(w.replace("{n}", "1") for w in PEER["add"])], task_env)
        task_next = instructions(["task", "next"], task_env)
        print(f"{'task add':<16} {task_add:8.1f}\n{'task next':<16} {task_next:8.1f}")
        for name, argv in floors.items():
            db = _fresh_copy(data, work / "floor")
            argv = [w.replace("{db}", str(db)) for w in argv]
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)  # warm-up
            count = instructions(argv, env)
            print(f"{name:<16} {count:8.1f}  {count / task_add:5.2f}x task add")
        header = "".join(f" {side:>9}" for side in sides)
        print(f"\n{'command':<16}{header} {'ratio':>6} {'/ task':>7}")
        for command, words in COMMANDS.items():
            counts = {}
            for side, code in sides.items():
                db = _fresh_copy(data, work / side)
                side_env = {**env, "PYTHONPATH": str(code), "COLLAB_DB": str(db)}
                argv = [PYTHON, "-c", AS_THE_SCRIPT, *(w.replace("{n}", "1") for w in words)]
                warm = [PYTHON, "-c", AS_THE_SCRIPT, *(w.replace("{n}", "0") for w in words)]
                subprocess.run(warm, env=side_env, cwd=code, stdout=subprocess.DEVNULL, check=True)
                counts[side] = instructions(argv, side_env, cwd=code)
            peer = task_add if command == "add" else task_next
            ours = counts["ours"]
            ratio = f"{ours / counts['baseline']:5.2f}x" if "baseline" in counts else ""
            shown = "".join(f" {counts[side]:9.1f}" for side in sides)
            print(f"{command:<16}{shown} {ratio:>6} {ours / peer:6.2f}x")
        if args.tui:
            _tui(work, data, sides, env)


def _tui(work: Path, data: Path, sides: dict[str, Path], env: dict[str, str]) -> None:
    runner = work / "tui_runner.py"
    runner.write_text(TUI_RUNNER)
    apps = {"bare": REPO, **sides}
    print(f"\nthe app to its first frame{'':<7}" + "".join(f" {app:>9}" for app in apps))
    counts: dict[str, dict[str, float]] = {app: {} for app in apps}
    for phase in ("imports", "made", "frame"):
        for app, code in apps.items():
            db = _fresh_copy(data, work / f"tui-{app}")
            argv = [PYTHON, str(runner), "bare" if app == "bare" else "collab", phase,
                    str(db), TODAY.isoformat()]  # fmt: skip
            side_env = {**env, "PYTHONPATH": str(code)}
            subprocess.run(argv, env=side_env, cwd=code, check=True)  # warm-up
            counts[app][phase] = instructions(argv, side_env, cwd=code)
        shown = "".join(f" {counts[app][phase]:9.1f}" for app in apps)
        print(f"  up to {phase:<26}{shown}")
    frames = "".join(f" {counts[app]['frame'] / counts['bare']['frame']:8.2f}x" for app in apps)
    print(f"  first frame / bare app{'':<10}{frames}")


def _fresh_copy(data: Path, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(data.parent, folder)
    return folder / data.name


if __name__ == "__main__":
    main()
