"""The worked example from the domain brief, dated relative to today.

An order-payment project across three departments: customers were charged before
their management approved the order, so payment must check the approval status.
Four meetings, follow-ups both ways, risks (one of them: the milestones that were never
agreed up front). ``write_demo`` fills an empty store with it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from collab_tui.model import (
    Contact,
    Flow,
    Interaction,
    InteractionKind,
    Item,
    Kind,
    Level,
    Rating,
    Side,
    Stance,
    Status,
)
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store


class DemoError(ValueError):
    """The demo would overwrite data: it only ever goes into an empty file."""


def store_is_empty(store: Store) -> bool:
    return not (store.contacts() or store.items(active_only=False) or store.interactions())


def write_demo(store: Store, today: date) -> dict[str, int]:
    """Fill an empty store with the example; returns how many records of each kind.

    Records go in with ``store.put`` so that their back-dated timestamps are kept (the
    status report and "done since" read them).
    """
    if not store_is_empty(store):
        raise DemoError(t("error.demo.not_empty"))
    with store.batch():
        people = _contacts(store, today)
        meetings = _meetings(store, today, people)
        items = _items(store, today, people, meetings)
        for meeting in meetings.values():
            meeting.item_ids = [i.id for i in items if i.interaction_id == meeting.id]
            if meeting.item_ids:
                store.put(meeting)
    return {"contacts": len(people), "interactions": len(meetings), "items": len(items)}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _contacts(store: Store, today: date) -> dict[str, Contact]:
    created = _at(today - timedelta(days=45))
    people: dict[str, Contact] = {}

    def add(key: str, contact: Contact) -> None:
        contact.created = contact.updated = created
        people[key] = store.put(contact)

    add(
        "chen",
        Contact(
            name="老陈",
            aliases=["Chen"],
            department="Dept A (payments)",
            organisation="Shop Co.",
            title="Head of Payments",
            level=Level.LEADER,
            side=Side.LEADING,
            flow=Flow.DOWNSTREAM,
            stance=Stance.EAGER,
            kpis=["payment revenue", "complaint tickets per 10k orders"],
            concerns=["another quarter of complaints reaching the CEO"],
            gains="the complaint numbers on his monthly review go down",
            tags=["orders", "boss"],
        ),
    )
    add(
        "liu",
        Contact(
            name="刘经理",
            aliases=["Liu"],
            department="Dept B (approvals)",
            organisation="Shop Co.",
            title="Approvals manager",
            level=Level.LEADER,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.NO_CAPACITY,
            kpis=["approval turnaround time", "audit findings"],
            concerns=["his team is staffed for maintenance only this quarter"],
            gains="an audit finding closed without new headcount",
            tags=["orders", "boss"],
        ),
    )
    add(
        "zhao",
        Contact(
            name="赵总",
            aliases=["Zhao"],
            department="Dept C (order data)",
            organisation="Shop Co.",
            title="Director, order platform",
            level=Level.LEADER,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.UNKNOWN,
            kpis=["platform availability", "roadmap delivered on time"],
            concerns=["side requests pulling people off the roadmap"],
            gains="automatic approvals become visible, a roadmap item he owes anyway",
            tags=["orders", "boss"],
        ),
    )
    add(
        "zhang",
        Contact(
            name="小张",
            aliases=["Zhang"],
            department="Dept A (payments)",
            organisation="Shop Co.",
            title="Payment engineer, owns order payment",
            boss_id=people["chen"].id,
            level=Level.WORKING,
            side=Side.LEADING,
            flow=Flow.DOWNSTREAM,
            stance=Stance.EAGER,
            kpis=["payment success rate", "payment incidents"],
            concerns=["charging before approval keeps generating complaints", "launch date"],
            gains="the complaint tickets stop landing on his team",
            email="zhang@example.com",
            phone="+86 138 0000 0001",
            notes="Prefers a short written agenda before meetings.",
            tags=["orders", "payment"],
        ),
    )
    add(
        "lan",
        Contact(
            name="小蓝",
            aliases=["Lan"],
            department="Dept B (approvals)",
            organisation="Shop Co.",
            title="Approval system owner",
            boss_id=people["liu"].id,
            level=Level.WORKING,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.EAGER,
            kpis=["approval turnaround time", "approval system stability"],
            concerns=["no room for a new API this quarter", "being blamed for payment complaints"],
            gains="a bug fixed in her system instead of a new API to maintain",
            email="lan@example.com",
            tags=["orders", "approval"],
        ),
    )
    add(
        "ming",
        Contact(
            name="小明",
            aliases=["Ming"],
            department="Dept C (order data)",
            organisation="Shop Co.",
            title="Order information owner",
            boss_id=people["zhao"].id,
            level=Level.WORKING,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.NO_CAPACITY,
            kpis=["order data accuracy", "share of orders approved automatically"],
            concerns=["the sprint is fully booked until next quarter"],
            gains="fewer questions from downstream teams about automatic approvals",
            email="ming@example.com",
            tags=["orders"],
        ),
    )
    add(
        "zhou",
        Contact(
            name="周工",
            aliases=["Zhou"],
            department="Architecture",
            organisation="Shop Co.",
            title="Solution architect",
            level=Level.LEADER,
            side=Side.SUPPORTING,
            stance=Stance.EAGER,
            kpis=["cross-team designs signed off", "incidents caused by integrations"],
            concerns=["point-to-point APIs multiplying between departments"],
            gains="an event-based design he can reuse elsewhere",
            tags=["orders", "architecture"],
        ),
    )
    return people


def _meetings(store: Store, today: date, people: dict[str, Contact]) -> dict[int, Interaction]:
    def ids(*keys: str) -> list[int]:
        return [people[k].id for k in keys]

    def add(
        days_ago: int,
        summary: str,
        contacts: list[int],
        decisions: list[str],
        kind: InteractionKind = InteractionKind.MEETING,
    ) -> Interaction:
        day = today - timedelta(days=days_ago)
        meeting = Interaction(
            date=day,
            summary=summary,
            kind=kind,
            contact_ids=contacts,
            decisions=decisions,
            tags=["orders"],
        )
        meeting.created = meeting.updated = _at(day, 16)
        return store.put(meeting)

    api_due = today - timedelta(days=20)
    meetings = [
        add(
            30,
            "Kick-off: Zhang asks Lan for an approval-status API so payment can check it",
            ids("zhang", "lan"),
            [
                f"Lan's team provides an approval-status API, definition by {api_due:%d %b}",
                "payment calls it before charging",
            ],
        ),
        add(
            21,
            "Design change: payment also needs a message when approval happens later",
            ids("zhang", "lan", "zhou"),
            [
                "add an approval-event message as well as the API",
                "architect: the launch slips two weeks",
            ],
        ),
        add(
            12,
            "Automatic approvals come from Ming's system, so Ming joins",
            ids("zhang", "lan", "ming"),
            [
                "automatic approvals must carry a flag from order information",
                "Ming's team has no slot this sprint",
            ],
        ),
        add(
            5,
            "With the bosses: the approval data was already there",
            ids("chen", "liu", "zhao", "zhang", "lan", "ming"),
            [
                "no new API: Lan fixes the approval-status bug on her side instead",
                "no slip: the original launch date holds",
                "milestones get agreed in writing this time",
            ],
        ),
        add(
            2,
            "the fix is on the test environment",
            ids("lan"),
            ["retest the payment flow once the fix is deployed"],
            kind=InteractionKind.CHAT,
        ),
    ]
    return {m.id: m for m in meetings}


def _items(
    store: Store, today: date, people: dict[str, Contact], meetings: dict[int, Interaction]
) -> list[Item]:
    meeting_ids = sorted(meetings)
    kickoff, design, ming_joins, bosses, _chat = meeting_ids
    day = timedelta(days=1)
    added: list[Item] = []

    def add(
        title: str,
        kind: Kind,
        who: tuple[str, ...] = (),
        due: int | None = None,
        important: bool = False,
        status: Status = Status.OPEN,
        meeting: int | None = None,
        created_ago: int = 10,
        closed_ago: int | None = None,
        tags: tuple[str, ...] = ("orders",),
        **extra: Any,
    ) -> None:
        item = Item(
            title=title,
            kind=kind,
            contact_ids=[people[k].id for k in who],
            due=today + due * day if due is not None else None,
            important=important,
            status=status,
            interaction_id=meeting,
            tags=list(tags),
            **extra,
        )
        item.created = item.updated = _at(today - created_ago * day, 17)
        if closed_ago is not None:
            item.closed = item.updated = _at(today - closed_ago * day, 18)
        added.append(store.put(item))

    # Follow-ups I owe.
    add(
        "send the revised payment design",
        Kind.OWE,
        ("lan", "zhou"),
        due=-18,
        important=True,
        status=Status.DONE,
        meeting=design,
        created_ago=21,
        closed_ago=19,
    )
    add(
        "send Ming the list of order fields payment reads",
        Kind.OWE,
        ("ming",),
        due=-3,
        important=True,
        meeting=ming_joins,
        created_ago=12,
        notes="He needs it to size the automatic-approval flag.",
    )
    add(
        "weekly status report to the bosses",
        Kind.OWE,
        ("chen",),
        due=0,
        important=True,
        created_ago=6,
        tags=("orders", "report"),
    )
    add(
        "retest the payment flow after Lan's fix",
        Kind.OWE,
        ("zhang",),
        due=3,
        important=True,
        meeting=bosses,
        created_ago=5,
    )
    add(
        "share customer complaint samples",
        Kind.OWE,
        ("lan",),
        due=-28,
        status=Status.DONE,
        meeting=kickoff,
        created_ago=30,
        closed_ago=27,
    )
    add(
        "draft the written milestones (API, joint debugging, integration test)",
        Kind.OWE,
        ("zhang", "lan", "ming"),
        due=2,
        important=True,
        meeting=bosses,
        created_ago=5,
    )
    # Follow-ups I am waiting on.
    add(
        "approval-status API definition",
        Kind.WAIT,
        ("lan",),
        due=-20,
        status=Status.DROPPED,
        meeting=kickoff,
        created_ago=30,
        closed_ago=5,
        notes="Replaced by the bug fix agreed with the bosses.",
    )
    add(
        "fix the approval-status bug",
        Kind.WAIT,
        ("lan",),
        due=1,
        important=True,
        meeting=bosses,
        created_ago=5,
        due_history=[today - day],
        notes="Slipped a day: the test environment was down.",
    )
    add(
        "confirm which orders are approved automatically",
        Kind.WAIT,
        ("ming",),
        due=-2,
        meeting=ming_joins,
        created_ago=12,
    )
    add(
        "architecture sign-off for the approval check",
        Kind.WAIT,
        ("zhou",),
        due=0,
        important=True,
        meeting=design,
        created_ago=21,
    )
    add(
        "headcount answer for the approval work",
        Kind.WAIT,
        ("liu",),
        due=-9,
        status=Status.DONE,
        created_ago=14,
        closed_ago=5,
    )
    # Plain tasks, one per quadrant.
    add(
        "book the joint debugging slot",
        Kind.TASK,
        ("zhang", "lan"),
        due=7,
        important=True,
        created_ago=4,
    )
    add(
        "reply to the finance team's payment survey",
        Kind.TASK,
        due=1,
        created_ago=3,
        tags=("admin",),
    )
    add("tidy the project wiki page", Kind.TASK, created_ago=8, tags=("admin",))
    # Risks.
    add(
        "milestones (API definition, joint debugging, integration test) were never agreed",
        Kind.RISK,
        ("zhang", "lan", "ming"),
        important=True,
        meeting=bosses,
        created_ago=5,
        likelihood=Rating.HIGH,
        impact=Rating.HIGH,
        review=today,
        mitigation="agree the three milestones in writing with all three teams and bosses",
    )
    add(
        "Ming's team has no slot for the automatic-approval flag",
        Kind.RISK,
        ("ming",),
        important=True,
        meeting=ming_joins,
        created_ago=12,
        likelihood=Rating.MEDIUM,
        impact=Rating.HIGH,
        review=today + 10 * day,
        mitigation="offer one of our developers to pair with Ming's team",
    )
    add(
        "customers still charged before approval until the fix ships",
        Kind.RISK,
        ("zhang", "lan"),
        important=True,
        status=Status.OCCURRED,
        meeting=kickoff,
        created_ago=30,
        closed_ago=8,
        likelihood=Rating.HIGH,
        impact=Rating.MEDIUM,
        review=today + 3 * day,
        mitigation="refund within a day and apologise; daily check",
    )
    add(
        "the launch slips two weeks for the approval-event message",
        Kind.RISK,
        ("zhou",),
        important=True,
        status=Status.DONE,
        meeting=design,
        created_ago=21,
        closed_ago=5,
        likelihood=Rating.HIGH,
        impact=Rating.HIGH,
        mitigation="look for data that is already there before building anything new",
    )
    return added
