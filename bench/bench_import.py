"""How `collab import` of a vCard file scales: it must be linear in the number of cards.

    uv run python bench/bench_import.py [--runs 3] [--sizes 1000,2000,4000,8000] [--big]
    uv run python bench/bench_import.py --write cards.vcf --cards 4000   # just the file

Generates address books of realistic cards (CJK and Latin names, emails, phones, an
organisation, categories, a note, a photo-less Apple-style extra property, a boss link)
and times the whole process ``collab import FILE --db TMP`` into a fresh database, as a
user of a fresh clone runs it. Prints the median of ``--runs`` runs per size and the
ratio time(n) / time(n/2): about 2 means linear, about 4 quadratic. ``--big`` adds one
run of 100,000 cards. A second table times re-importing the same file into the database
the first import filled (every card then matches a stored contact: the update path).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静磊洋勇艳杰涛明蓝军丽"
LATIN_FIRST = ["Alice", "Bruno", "Chloé", "David", "Elena", "Farid", "Greta", "Hiro", "Ines"]
LATIN_LAST = ["Martin", "Schmidt", "Rossi", "Dubois", "Nakamura", "Silva", "Novak", "Berg"]
ORGS = ["支付部", "Platform", "Data", "Legal", "Acme GmbH", "华东分公司", "Partner Co"]
TAGS = ["orders", "payment", "approval", "launch", "q3", "合规", "infra"]
NOTE_WORDS = ["met at the offsite", "prefers email", "需要审批", "owns the budget", "on leave"]


def card(number: int, rng: random.Random) -> str:
    """One vCard 3.0 card; every name, email and UID is unique within a file."""
    uid = f"bench-{number:07d}"
    if rng.random() < 0.5:
        family, given = rng.choice(SURNAMES), rng.choice(GIVEN) + rng.choice(GIVEN)
        name, n_line = f"{family}{given}{number}", f"N:{family};{given}{number};;;"
        email = f"user{number}@example.cn"
    else:
        first, last = rng.choice(LATIN_FIRST), rng.choice(LATIN_LAST)
        name, n_line = f"{first} {last} {number}", f"N:{last} {number};{first};;;"
        email = f"{first.lower()}.{number}@example.com"
    note = "\\n".join(rng.choice(NOTE_WORDS) for _ in range(rng.randint(1, 4)))
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{uid}",
        f"FN:{name}",
        n_line,
        f"ORG:{rng.choice(ORGS)};Team {number % 40}",
        f"TITLE:{rng.choice(['PM', '经理', 'Engineer', 'Director'])}",
        f"EMAIL;TYPE=INTERNET,pref:{email}",
        f"TEL;TYPE=CELL:+86 138 {number % 10000:04d} {rng.randint(0, 9999):04d}",
        f"NOTE:{note}",
        "CATEGORIES:" + ",".join(rng.sample(TAGS, 2)),
        f"X-ABUID:{uid}:ABPerson",
    ]
    if number % 10:  # nine in ten have a boss: the first card of their group of ten
        lines.append(f"X-COLLAB-BOSS:bench-{number - number % 10:07d}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def write_cards(path: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    path.write_text("".join(card(n, rng) for n in range(count)), encoding="utf-8")
    return path


def collab_command() -> list[str]:
    """`uv run collab` as a fresh clone runs it; the venv's script if uv is missing."""
    if shutil.which("uv"):
        return ["uv", "run", "--quiet", "collab"]
    return [sys.executable, "-m", "collab_tui"]


def time_import(vcf: Path, db: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [*collab_command(), "import", str(vcf), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"collab import failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def measure(sizes: list[int], runs: int, work: Path) -> tuple[dict[int, float], dict[int, float]]:
    fresh: dict[int, float] = {}
    again: dict[int, float] = {}
    for size in sizes:
        vcf = write_cards(work / f"cards-{size}.vcf", size)
        first, second = [], []
        for run in range(runs if size <= 10_000 else 1):
            db = work / f"db-{size}-{run}" / "collab.json"
            first.append(time_import(vcf, db))
            second.append(time_import(vcf, db))  # every card now matches: updates
            shutil.rmtree(db.parent)
        fresh[size], again[size] = statistics.median(first), statistics.median(second)
        print(f"  {size:>7,} cards: {fresh[size]:7.2f} s, re-import {again[size]:7.2f} s",
              file=sys.stderr)  # fmt: skip
    return fresh, again


def table(title: str, times: dict[int, float]) -> str:
    rows = [f"| {title} | seconds (median) | time(n) / time(n/2) |", "|---:|---:|---:|"]
    for size, seconds in times.items():
        half = times.get(size // 2)
        ratio = f"{seconds / half:.2f}" if half else ""
        rows.append(f"| {size:,} | {seconds:.2f} | {ratio} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--big", action="store_true", help="also one run of 100,000 cards")
    parser.add_argument("--write", type=Path, help="only write a file of --cards cards")
    parser.add_argument("--cards", type=int, default=1000)
    args = parser.parse_args()
    if args.write:
        write_cards(args.write, args.cards)
        return
    sizes = [int(s) for s in args.sizes.split(",")] + ([100_000] if args.big else [])
    with tempfile.TemporaryDirectory(prefix="collab-bench-import-") as tmp:
        fresh, again = measure(sizes, args.runs, Path(tmp))
    print(table("cards, new", fresh))
    print()
    print(table("cards, re-import", again))


if __name__ == "__main__":
    main()
