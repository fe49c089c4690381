"""Instructions each process executes, counted by valgrind: ours, a baseline, taskwarrior.

    uv run python bench/bench_instructions.py [--baseline DIR] [--years 3]

Wall time on this shared 2-core machine moves by up to 2x between runs; the number of
instructions a process executes does not (to about 0.1 %). This counts them with
callgrind for whole processes on a generated data set: ``collab add``, ``today``, ``who``
and ``matrix`` (ours, and ``--baseline DIR``'s code, e.g. ``git archive REV | tar -x -C
DIR``), against ``task add`` / ``task next`` with 5,000 pending tasks, and two floors:
``python -c pass`` and ``floor_add.py`` (the least any Python add can do, see there).

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


def _fresh_copy(data: Path, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(data.parent, folder)
    return folder / data.name


if __name__ == "__main__":
    main()
