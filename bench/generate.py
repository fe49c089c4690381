"""A busy PM's three years of data, for benchmarks and for trying the app at scale.

About 300 contacts (CJK and Latin names, departments, bosses, KPIs), 20,000 items of
which about 500 are still active, and 10,000 interactions, ending on ``today``.

    uv run python bench/generate.py OUT.json --today 2026-11-23 [--seed 1] [--stock]
        [--projects 20 --milestones 150]

``generate`` writes our layout (hot file + monthly history) through the store's bulk
path; ``generate_stock`` writes the same records into one stock TinyDB JSONStorage file,
the baseline the benchmark compares against.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from collab_tui import model  # noqa: E402
from collab_tui.lookup import refresh_spelling  # noqa: E402
from collab_tui.model import (  # noqa: E402
    Contact,
    Interaction,
    Item,
    Kind,
    Milestone,
    Project,
    Role,
    Status,
)
from collab_tui.store import write_layout  # noqa: E402
from collab_tui.store.migrations import META_ID, new_meta  # noqa: E402

# Per three years (the default span); other spans scale items, interactions and days,
# while what is open now (ACTIVE) and the address book (CONTACTS) stay as they are.
CONTACTS = 300
ITEMS = 20_000
ACTIVE = 500
INTERACTIONS = 10_000
DAYS = 3 * 365

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "蓝", "军", "丽"]
LATIN_FIRST = ["Alice", "Bruno", "Chloé", "David", "Elena", "Farid", "Greta", "Hiro", "Ines"]
LATIN_LAST = ["Martin", "Schmidt", "Rossi", "Dubois", "Nakamura", "Silva", "Novak", "Berg"]
DEPARTMENTS = [
    ("支付部", "总部"),
    ("审批部", "总部"),
    ("订单部", "总部"),
    ("风控部", "总部"),
    ("Platform", "HQ"),
    ("Data", "HQ"),
    ("Legal", "HQ"),
    ("Finance", "HQ"),
    ("Sales EMEA", "Acme GmbH"),
    ("Integration", "Partner Co"),
    ("客服中心", "华东分公司"),
    ("物流部", "华南分公司"),
]
KPIS = [
    "审批时效 < 2h",
    "支付成功率 99.9%",
    "GMV +15%",
    "adoption 40%",
    "NPS > 50",
    "cost per order -10%",
    "incident count < 3/quarter",
    "revenue EMEA +8%",
    "上线准时率",
]
CONCERNS = ["no headcount this quarter", "合规风险", "their own launch in March", "预算冻结"]
TAGS = ["orders", "payment", "approval", "launch", "q3", "合规", "infra"]
VERBS = ["send", "review", "confirm", "schedule", "draft", "escalate", "retest", "align on"]
THINGS = [
    "the spec",
    "approval API",
    "joint debugging plan",
    "integration test",
    "预算",
    "上线计划",
    "the milestone dates",
    "the data contract",
    "status report",
]


def _stamp(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 19), rng.randint(0, 59)), tzinfo=UTC)


def _name(rng: random.Random, n: int) -> str:
    if n % 3 == 2:
        return f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)} {n}"
    return f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}{n}"


def add_projects(
    data: dict[str, Any], today: date, projects: int, milestones: int, seed: int = 1
) -> None:
    """``projects`` projects (each with ten people's roles and a tag its items carry) and
    ``milestones`` milestones spread over them, some slipped, some not agreed: in place."""
    rng = random.Random(seed + 1)
    contact_ids = [int(k) for k in data["contacts"]]
    table: dict[str, Any] = {}
    for n in range(1, projects + 1):
        stamp = _stamp(today - timedelta(days=rng.randint(30, 300)), rng)
        project = Project(
            name=f"Project {n} 项目{n}",
            id=n,
            goal="charge only approved orders",
            launch=today + timedelta(days=rng.randint(10, 200)),
            our_role=rng.choice(list(model.Side)),
            tag=f"p{n}",
            roles=[
                Role(c, flow=rng.choice(list(model.Flow)), step=s, ask="the approval API")
                for s, c in enumerate(rng.sample(contact_ids, 10), start=1)
            ],
            created=stamp,
            updated=stamp,
        )
        table[str(n)] = project.to_dict()
    data["projects"] = table
    table = {}
    for n in range(1, milestones + 1):
        baseline = today + timedelta(days=rng.randint(-60, 120))
        slipped = rng.random() < 0.3
        stamp = _stamp(today - timedelta(days=rng.randint(1, 60)), rng)
        milestone = Milestone(
            name=rng.choice(["API definition", "joint debugging", "integration test", "上线"]),
            baseline=baseline,
            project_id=rng.randint(1, projects),
            id=n,
            owner_id=rng.choice([None, *contact_ids[:50]]),
            forecast=baseline + timedelta(days=rng.randint(3, 20)) if slipped else None,
            forecast_history=[baseline] if slipped else [],
            cause="design change" if slipped else "",
            agreed=None if rng.random() < 0.4 else baseline - timedelta(days=30),
            done=baseline if baseline < today and rng.random() < 0.7 else None,
            created=stamp,
            updated=stamp,
        )
        table[str(n)] = milestone.to_dict()
    data["milestones"] = table
    data["meta"][META_ID]["last_ids"].update(projects=projects, milestones=milestones)
    # the newest items belong to the projects through their tags
    active = [d for d in data["items"].values() if d["status"] == "open"]
    for n, doc in enumerate(active):
        if projects and n % 3 == 0:
            doc["tags"] = [*doc["tags"], f"p{rng.randint(1, projects)}"]


def build(today: date, seed: int = 1, years: float = 3) -> dict[str, Any]:
    """The logical data set: ``{table: {doc_id: record dict}}`` with a meta table."""
    rng = random.Random(seed)
    n_items = max(ACTIVE * 2, round(ITEMS * years / 3))
    n_interactions = round(INTERACTIONS * years / 3)
    start = today - timedelta(days=round(DAYS * years / 3))

    def day_in(lo: date, hi: date) -> date:
        return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))

    contacts: list[Contact] = []
    leaders: dict[str, int] = {}
    for n in range(1, CONTACTS + 1):
        dept, org = rng.choice(DEPARTMENTS)
        leader = dept not in leaders
        created = _stamp(day_in(start, start + timedelta(days=200)), rng)
        contacts.append(
            Contact(
                name=("小蓝", "小张", "小明")[n - 1] if n <= 3 else _name(rng, n),
                id=n,
                department=dept,
                organisation=org,
                title="Director" if leader else "Engineer",
                boss_id=None if leader else leaders[dept],
                stance=rng.choice(list(model.Stance)),
                side=rng.choice(list(model.Side)),
                level=model.Level.LEADER if leader else model.Level.WORKING,
                flow=rng.choice(list(model.Flow)),
                kpis=rng.sample(KPIS, 2),
                concerns=rng.sample(CONCERNS, 1),
                gains="shared launch credit",
                email=f"p{n}@example.com",
                tags=rng.sample(TAGS, 1),
                created=created,
                updated=created,
            )
        )
        if leader:
            leaders[dept] = n

    interactions: list[Interaction] = []
    for n in range(1, n_interactions + 1):
        day = day_in(start, today)
        stamp = _stamp(day, rng)
        interactions.append(
            Interaction(
                date=day,
                summary=f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
                id=n,
                kind=rng.choice(list(model.InteractionKind)),
                contact_ids=rng.sample(range(1, CONTACTS + 1), rng.randint(1, 3)),
                decisions=[f"agreed to {rng.choice(VERBS)} {rng.choice(THINGS)}"]
                * rng.randint(0, 2),
                created=stamp,
                updated=stamp,
            )
        )

    items: list[Item] = []
    for n in range(1, n_items + 1):
        active = n > n_items - ACTIVE  # the newest ones are still open
        created_day = day_in(today - timedelta(days=60), today) if active else day_in(start, today)
        created = _stamp(created_day, rng)
        kind = rng.choices(list(Kind), weights=[5, 3, 3, 1])[0]
        item = Item(
            title=f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
            kind=kind,
            id=n,
            important=rng.random() < 0.4,
            due=created_day + timedelta(days=rng.randint(1, 30)),
            contact_ids=rng.sample(range(1, CONTACTS + 1), rng.randint(0, 2)),
            tags=rng.sample(TAGS, rng.randint(0, 2)),
            notes="" if rng.random() < 0.7 else "see meeting notes; 需要老板确认",
            created=created,
            updated=created,
            interaction_id=rng.randint(1, n_interactions) if rng.random() < 0.3 else None,
        )
        if kind is Kind.RISK:
            ratings = list(model.Rating)
            item.likelihood, item.impact = rng.choice(ratings), rng.choice(ratings)
            item.mitigation = "agree milestones up front"
            item.review = item.due
        if not active:
            closed = min(created + timedelta(days=rng.randint(0, 30)), _stamp(today, rng))
            item.status = Status.DONE if rng.random() < 0.9 else Status.DROPPED
            item.closed = item.updated = max(closed, created)
        items.append(item)

    meta = new_meta()
    meta["last_ids"] = {"contacts": CONTACTS, "items": n_items, "interactions": n_interactions}
    return {
        "meta": {META_ID: meta},
        # with their search keys, as the store saves every contact (lookup.refresh_spelling)
        "contacts": {str(c.id): refresh_spelling(c).to_dict() for c in contacts},
        "items": {str(i.id): i.to_dict() for i in items},
        "interactions": {str(i.id): i.to_dict() for i in interactions},
    }


def generate(
    path: Path,
    today: date,
    seed: int = 1,
    years: float = 3,
    projects: int = 0,
    milestones: int = 0,
) -> None:
    """Write the data set in our layout (hot file + monthly history) at ``path``."""
    data = build(today, seed, years)
    if projects:
        add_projects(data, today, projects, milestones, seed)
    # As the app leaves a file it has saved: the hot records' digest recorded, so a read
    # does not screen them again (a generated file without it cost every read ~10 ms).
    write_layout(Path(path), data, checked=True)


def generate_stock(path: Path, today: date, seed: int = 1) -> None:
    """Write the same records into ONE stock TinyDB JSONStorage file (the baseline)."""
    from tinydb import TinyDB

    db = TinyDB(path)  # default JSONStorage, exactly as `TinyDB(path)` in anyone's app
    db.storage.write(build(today, seed))
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="data file to write (its directory is created)")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", type=float, default=3, help="span of history (default 3)")
    parser.add_argument("--stock", action="store_true", help="write one stock TinyDB file")
    parser.add_argument("--projects", type=int, default=0, help="projects to add (default 0)")
    parser.add_argument("--milestones", type=int, default=0, help="milestones over them")
    args = parser.parse_args()
    if args.stock:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        generate_stock(args.out, args.today, args.seed)
    else:
        generate(args.out, args.today, args.seed, args.years, args.projects, args.milestones)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
