"""The worked example from the domain brief, dated relative to today.

An order-payment project across three departments: customers were charged before
their management approved the order, so payment must check the approval status.
Four meetings, follow-ups both ways, risks (one of them: the milestones that were never
agreed up front). ``write_demo`` fills an empty store with it.

The example is written in English or in Chinese (the interface language, or the
``language`` given): each text below is a pair ``pick("English", "中文")``, picked once when
the demo is written, so both versions have the same records, dates, links and people.
These texts are content (what a PM would have typed), not interface words, so they live
here rather than in ``words.py``. The Latin aliases (Chen, Liu, Lan...) stay in both.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from collab_tui import words
from collab_tui.model import (
    Contact,
    Escalation,
    Flow,
    Interaction,
    InteractionKind,
    Item,
    Kind,
    Level,
    Meeting,
    Milestone,
    Project,
    Rating,
    Role,
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
    return not (
        store.contacts()
        or store.items(active_only=False)
        or store.interactions()
        or store.meetings()
        or store.projects()
    )


_T = TypeVar("_T")

# The demo's tags in Chinese (English tags are the keys themselves); one table so every
# record uses the same tag, and `#订单` in a capture line finds them.
ZH_TAGS = {
    "orders": "订单",
    "boss": "领导",
    "payment": "支付",
    "approval": "审批",
    "architecture": "架构",
    "report": "汇报",
    "admin": "杂事",
}


class _Pick:
    """Picks the demo's text in one language: ``pick("English", "中文")``."""

    def __init__(self, language: str) -> None:
        self.chinese = language == "zh"

    def __call__(self, english: _T, chinese: _T) -> _T:
        return chinese if self.chinese else english

    def tags(self, *keys: str) -> list[str]:
        return [ZH_TAGS[key] if self.chinese else key for key in keys]


def write_demo(store: Store, today: date, language: str | None = None) -> dict[str, int]:
    """Fill an empty store with the example; returns how many records of each kind.

    ``language`` is "zh" (Chinese) or "en" (any other code: English); by default the
    interface language. Records go in with ``store.put`` so that their back-dated
    timestamps are kept (the status report and "done since" read them).
    """
    if not store_is_empty(store):
        raise DemoError(t("error.demo.not_empty"))
    pick = _Pick(language or words.language())
    with store.batch():
        people = _contacts(store, today, pick)
        meetings = _meetings(store, today, people, pick)
        items = _items(store, today, people, meetings, pick)
        for meeting in meetings.values():
            meeting.item_ids = [i.id for i in items if i.interaction_id == meeting.id]
            if meeting.item_ids:
                store.put(meeting)
        items += _playbook(store, today, people, meetings, items, pick)
        planned = _planned_meetings(store, today, people, pick)
        milestones = _project(store, today, people, pick)
    return {
        "contacts": len(people),
        "interactions": len(meetings),
        "items": len(items),
        "meetings": len(planned),
        "projects": 1,
        "milestones": len(milestones),
    }


def _planned_meetings(
    store: Store, today: date, people: dict[str, Contact], pick: _Pick
) -> list[Meeting]:
    """Today's API review with 小蓝 and 小明, and yesterday's debugging plan with 小张 whose
    outcome is still to be logged (the morning review asks for it)."""
    planned = [
        Meeting(
            title=pick("API review: approval status for payment", "接口评审：支付读取审批状态"),
            date=today,
            time="15:00",
            contact_ids=[people["lan"].id, people["ming"].id],
            tags=pick.tags("orders"),
        ),
        Meeting(
            title=pick("joint debugging plan", "联调计划"),
            date=today - timedelta(days=1),
            time="16:00",
            contact_ids=[people["zhang"].id],
            tags=pick.tags("orders"),
        ),
    ]
    for meeting in planned:
        meeting.created = meeting.updated = _at(today - timedelta(days=3))
    return [store.put(meeting) for meeting in planned]


def _playbook(
    store: Store,
    today: date,
    people: dict[str, Contact],
    meetings: dict[int, Interaction],
    items: list[Item],
    pick: _Pick,
) -> list[Item]:
    """小明's stance history, and the escalation before the bosses' meeting: two options
    (the new API, or fixing Lan's bug), taken to Lan's boss. Returns the items it adds."""
    day = timedelta(days=1)
    kickoff, _design, ming_joins, _bosses, _chat = sorted(meetings)
    ming = people["ming"]
    # Keen at the first chat; no people to spare once the work was on the table.
    ming.stance_history = [
        {"date": (today - 13 * day).isoformat(), "stance": "eager", "interaction_id": None},
        {
            "date": (today - 12 * day).isoformat(),
            "stance": Stance.NO_CAPACITY.value,
            "interaction_id": ming_joins,
        },
    ]
    store.put(ming)
    # The architect forgets a team that goes quiet: every two weeks, not a leader's month.
    zhou = people["zhou"]
    zhou.cadence_days = 14
    store.put(zhou)
    api = next(i for i in items if i.interaction_id == kickoff and i.kind is Kind.WAIT)
    liu = people["liu"]
    raised = today - 7 * day
    owe = Item(
        title=pick(
            "bring both options to the bosses' meeting (escalated: approval-status API)",
            "把两个方案带到领导会上（已升级：审批状态接口）",
        ),
        kind=Kind.OWE,
        important=True,
        due=today - 5 * day,
        contact_ids=[liu.id],
        tags=pick.tags("orders", "boss"),
        status=Status.DONE,
    )
    owe.created = owe.updated = _at(raised, 11)
    owe.closed = owe.updated = _at(today - 5 * day, 18)
    owe = store.put(owe)
    escalation = Escalation(
        item_id=api.id,
        problem=pick(
            "the approval-status API plus the event message slips the launch two weeks",
            "审批状态接口加事件消息，上线要推迟两周",
        ),
        tried=pick(
            "asked Lan's team twice for an earlier slot; the architect reviewed the design",
            "找小蓝团队要过两次更早的排期；架构师也评审过方案",
        ),
        options=[
            {
                "name": pick("build the new API and event", "新做接口和事件消息"),
                "pros": pick("a clean design for later flows", "方案干净，以后的流程也能用"),
                "cons": pick("launch slips two weeks", "上线推迟两周"),
                "cost": pick("Lan's team, 10 days", "小蓝团队 10 人天"),
            },
            {
                "name": pick("fix Lan's approval-status bug", "修复小蓝那边的审批状态bug"),
                "pros": pick("no slip; the data is already there", "不延期，数据本来就有"),
                "cons": pick("no event message for late approvals", "晚审批的订单没有消息通知"),
                "cost": pick("2 days", "2 人天"),
            },
        ],
        recommended=1,
        ask=pick(
            "agree to fix the bug instead of building the API",
            "同意改为修bug，不新做接口",
        ),
        to_id=liu.id,
        contact_ids=list(api.contact_ids),
        owe_item_id=owe.id,
        due=owe.due,
        raised=raised,
        tags=list(api.tags),
    )
    escalation.created = escalation.updated = _at(raised, 11)
    store.put(escalation)
    return [owe]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _contacts(store: Store, today: date, pick: _Pick) -> dict[str, Contact]:
    created = _at(today - timedelta(days=45))
    people: dict[str, Contact] = {}
    shop = pick("Shop Co.", "商城公司")
    payments = pick("Dept A (payments)", "支付部（A部门）")
    approvals = pick("Dept B (approvals)", "审批部（B部门）")
    order_data = pick("Dept C (order data)", "订单部（C部门）")

    def add(key: str, contact: Contact) -> None:
        contact.created = contact.updated = created
        people[key] = store.put(contact)

    add(
        "chen",
        Contact(
            name="老陈",
            aliases=["Chen"],
            department=payments,
            organisation=shop,
            title=pick("Head of Payments", "支付部负责人"),
            level=Level.LEADER,
            side=Side.LEADING,
            flow=Flow.DOWNSTREAM,
            stance=Stance.EAGER,
            kpis=pick(
                ["payment revenue", "complaint tickets per 10k orders"],
                ["支付收入", "万单投诉量"],
            ),
            concerns=pick(
                ["another quarter of complaints reaching the CEO"],
                ["又一个季度投诉捅到CEO那里"],
            ),
            gains=pick(
                "the complaint numbers on his monthly review go down",
                "他月度考核里的投诉数降下来",
            ),
            tags=pick.tags("orders", "boss"),
        ),
    )
    add(
        "liu",
        Contact(
            name="刘经理",
            aliases=["Liu"],
            department=approvals,
            organisation=shop,
            title=pick("Approvals manager", "审批业务经理"),
            level=Level.LEADER,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.NO_CAPACITY,
            kpis=pick(["approval turnaround time", "audit findings"], ["审批时效", "审计问题数"]),
            concerns=pick(
                ["his team is staffed for maintenance only this quarter"],
                ["这个季度团队的人只够做运维"],
            ),
            gains=pick(
                "an audit finding closed without new headcount",
                "不加人就能关掉一个审计问题",
            ),
            tags=pick.tags("orders", "boss"),
        ),
    )
    add(
        "zhao",
        Contact(
            name="赵总",
            aliases=["Zhao"],
            department=order_data,
            organisation=shop,
            title=pick("Director, order platform", "订单平台总监"),
            level=Level.LEADER,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.UNKNOWN,
            kpis=pick(
                ["platform availability", "roadmap delivered on time"],
                ["平台可用性", "路线图按时交付"],
            ),
            concerns=pick(
                ["side requests pulling people off the roadmap"],
                ["临时需求把人从路线图上抽走"],
            ),
            gains=pick(
                "automatic approvals become visible, a roadmap item he owes anyway",
                "自动审批变得可见，这本来就是他路线图上要交付的",
            ),
            tags=pick.tags("orders", "boss"),
        ),
    )
    add(
        "zhang",
        Contact(
            name="小张",
            aliases=["Zhang"],
            department=payments,
            organisation=shop,
            title=pick("Payment engineer, owns order payment", "支付开发，负责订单支付"),
            boss_id=people["chen"].id,
            level=Level.WORKING,
            side=Side.LEADING,
            flow=Flow.DOWNSTREAM,
            stance=Stance.EAGER,
            kpis=pick(["payment success rate", "payment incidents"], ["支付成功率", "支付故障数"]),
            concerns=pick(
                ["charging before approval keeps generating complaints", "launch date"],
                ["审批前扣款，投诉一直不断", "上线时间"],
            ),
            gains=pick(
                "the complaint tickets stop landing on his team",
                "投诉工单不再落到他们组",
            ),
            email="zhang@example.com",
            phone="+86 138 0000 0001",
            notes=pick(
                "Prefers a short written agenda before meetings.",
                "开会前希望先收到一份简短的书面议程。",
            ),
            tags=pick.tags("orders", "payment"),
        ),
    )
    add(
        "lan",
        Contact(
            name="小蓝",
            aliases=["Lan"],
            department=approvals,
            organisation=shop,
            title=pick("Approval system owner", "审批系统负责人"),
            boss_id=people["liu"].id,
            level=Level.WORKING,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.EAGER,
            kpis=pick(
                ["approval turnaround time", "approval system stability"],
                ["审批时效", "审批系统稳定性"],
            ),
            concerns=pick(
                ["no room for a new API this quarter", "being blamed for payment complaints"],
                ["这个季度排不进新接口", "支付投诉算到她头上"],
            ),
            gains=pick(
                "a bug fixed in her system instead of a new API to maintain",
                "修掉自己系统的一个bug，不用多维护一个新接口",
            ),
            email="lan@example.com",
            tags=pick.tags("orders", "approval"),
        ),
    )
    add(
        "ming",
        Contact(
            name="小明",
            aliases=["Ming"],
            department=order_data,
            organisation=shop,
            title=pick("Order information owner", "订单信息负责人"),
            boss_id=people["zhao"].id,
            level=Level.WORKING,
            side=Side.SUPPORTING,
            flow=Flow.UPSTREAM,
            stance=Stance.NO_CAPACITY,
            kpis=pick(
                ["order data accuracy", "share of orders approved automatically"],
                ["订单数据准确率", "自动审批订单占比"],
            ),
            concerns=pick(
                ["the sprint is fully booked until next quarter"],
                ["到下个季度前迭代都排满了"],
            ),
            gains=pick(
                "fewer questions from downstream teams about automatic approvals",
                "下游团队少来问自动审批的事",
            ),
            email="ming@example.com",
            tags=pick.tags("orders"),
        ),
    )
    add(
        "zhou",
        Contact(
            name="周工",
            aliases=["Zhou"],
            department=pick("Architecture", "架构组"),
            organisation=shop,
            title=pick("Solution architect", "解决方案架构师"),
            level=Level.LEADER,
            side=Side.SUPPORTING,
            stance=Stance.EAGER,
            kpis=pick(
                ["cross-team designs signed off", "incidents caused by integrations"],
                ["跨团队方案评审通过数", "系统对接引发的故障数"],
            ),
            concerns=pick(
                ["point-to-point APIs multiplying between departments"],
                ["部门之间的点对点接口越来越多"],
            ),
            gains=pick(
                "an event-based design he can reuse elsewhere",
                "一套别处也能复用的事件驱动方案",
            ),
            tags=pick.tags("orders", "architecture"),
        ),
    )
    return people


def _meetings(
    store: Store, today: date, people: dict[str, Contact], pick: _Pick
) -> dict[int, Interaction]:
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
            tags=pick.tags("orders"),
        )
        meeting.created = meeting.updated = _at(day, 16)
        return store.put(meeting)

    api_due = today - timedelta(days=20)
    meetings = [
        add(
            30,
            pick(
                "Kick-off: Zhang asks Lan for an approval-status API so payment can check it",
                "启动会：小张请小蓝提供审批状态接口，支付扣款前先查",
            ),
            ids("zhang", "lan"),
            pick(
                [
                    f"Lan's team provides an approval-status API, definition by {api_due:%d %b}",
                    "payment calls it before charging",
                ],
                [
                    f"小蓝团队提供审批状态接口，{api_due.month}月{api_due.day}日前给出接口定义",
                    "支付扣款前先调这个接口",
                ],
            ),
        ),
        add(
            21,
            pick(
                "Design change: payment also needs a message when approval happens later",
                "方案变更：后来才审批通过的订单，支付还要收到消息通知",
            ),
            ids("zhang", "lan", "zhou"),
            pick(
                [
                    "add an approval-event message as well as the API",
                    "architect: the launch slips two weeks",
                ],
                ["接口之外再加一个审批事件消息", "架构师：上线推迟两周"],
            ),
        ),
        add(
            12,
            pick(
                "Automatic approvals come from Ming's system, so Ming joins",
                "自动审批来自小明的系统，拉小明进来",
            ),
            ids("zhang", "lan", "ming"),
            pick(
                [
                    "automatic approvals must carry a flag from order information",
                    "Ming's team has no slot this sprint",
                ],
                ["自动审批要带上订单信息里的标记", "小明团队这个迭代排不出人"],
            ),
        ),
        add(
            5,
            pick(
                "With the bosses: the approval data was already there",
                "拉上各方领导：审批数据其实早就有了",
            ),
            ids("chen", "liu", "zhao", "zhang", "lan", "ming"),
            pick(
                [
                    "no new API: Lan fixes the approval-status bug on her side instead",
                    "no slip: the original launch date holds",
                    "milestones get agreed in writing this time",
                ],
                [
                    "不做新接口，改由小蓝修复她那边的审批状态bug",
                    "不延期：按原定日期上线",
                    "这次把里程碑书面确认下来",
                ],
            ),
        ),
        add(
            2,
            pick("the fix is on the test environment", "修复已部署到测试环境"),
            ids("lan"),
            pick(
                ["retest the payment flow once the fix is deployed"],
                ["修复上线后重测支付流程"],
            ),
            kind=InteractionKind.CHAT,
        ),
    ]
    return {m.id: m for m in meetings}


def _project(store: Store, today: date, people: dict[str, Contact], pick: _Pick) -> list[Milestone]:
    """The order-payment project: its plan from the kick-off, the slip announced in
    meeting 2 (the approval-event message), the way back in meeting 4 (the data was
    already there: Lan fixes a bug instead), and three milestones never agreed up front.
    Everyone's place on the map: 小明 → 小蓝 → me → 小张, bosses in their departments."""
    day = timedelta(days=1)
    launch = today + 16 * day  # planned at the kick-off; held in meeting 4
    project = Project(
        name=pick("Order payment", "订单支付"),
        goal=pick(
            "Charge only approved orders: payment checks the approval status first",
            "只扣已审批的订单：支付扣款前先查审批状态",
        ),
        launch=launch,
        our_role=Side.LEADING,
        tag=pick.tags("orders")[0],
        roles=[
            Role(
                people["ming"].id,
                flow=Flow.UPSTREAM,
                step=1,
                ask=pick("a flag on automatically approved orders", "自动审批的订单带上标记"),
                gain=pick("fewer manual approval requests", "少处理人工审批请求"),
            ),
            Role(
                people["lan"].id,
                flow=Flow.UPSTREAM,
                step=2,
                ask=pick("the approval status, correct and on time", "准确及时的审批状态"),
                gain=pick("no more complaints about approvals", "不再有审批相关的投诉"),
            ),
            Role(
                people["zhang"].id,
                side=Side.LEADING,
                flow=Flow.DOWNSTREAM,
                step=3,
                ask=pick("check the approval before charging", "扣款前检查审批状态"),
                gain=pick("complaint tickets down", "投诉量下降"),
            ),
            Role(people["liu"].id),
            Role(people["zhao"].id),
            Role(people["chen"].id, side=Side.LEADING),
            Role(people["zhou"].id),
        ],
        created=_at(today - 30 * day, 9),
        updated=_at(today - 5 * day, 18),
    )
    project = store.put(project)

    def add(milestone: Milestone, changed_ago: int) -> Milestone:
        milestone.project_id = project.id
        milestone.created = _at(today - 30 * day, 17)
        milestone.updated = _at(today - changed_ago * day, 18)
        return store.put(milestone)

    return [
        add(
            Milestone(
                pick("API definition", "接口定义"),
                today - 20 * day,
                owner_id=people["lan"].id,
                done=today - 5 * day,
                notes=pick(
                    "No new API in the end: the approval data was already there.",
                    "最后没做新接口：审批数据本来就有。",
                ),
            ),
            5,
        ),
        add(
            Milestone(
                pick("joint debugging", "开发联调"),
                today + 2 * day,
                owner_id=people["zhang"].id,
                forecast=today + 2 * day,
                forecast_history=[today + 2 * day, today + 16 * day],
                cause=pick(
                    "back on plan: Lan fixes the approval-status bug instead of a new API",
                    "回到原计划：不做新接口，改由小蓝修复审批状态bug",
                ),
                notes=pick(
                    "Meeting 2 moved it two weeks (payment also needed an approval-event "
                    "message); meeting 4 brought it back.",
                    "第二次会议推迟两周（支付还需要审批事件消息）；第四次会议恢复原计划。",
                ),
            ),
            5,
        ),
        add(
            Milestone(
                pick("integration test", "集成测试"),
                today + 9 * day,
                forecast=today + 12 * day,
                forecast_history=[today + 9 * day, today + 23 * day],
                cause=pick(
                    "the payment flow is retested after Lan's fix", "小蓝修复后要重测支付流程"
                ),
            ),
            2,
        ),
    ]


def _items(
    store: Store,
    today: date,
    people: dict[str, Contact],
    meetings: dict[int, Interaction],
    pick: _Pick,
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
            tags=pick.tags(*tags),
            **extra,
        )
        item.created = item.updated = _at(today - created_ago * day, 17)
        if closed_ago is not None:
            item.closed = item.updated = _at(today - closed_ago * day, 18)
        added.append(store.put(item))

    # Follow-ups I owe.
    add(
        pick("send the revised payment design", "发修订版支付方案"),
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
        pick(
            "send Ming the list of order fields payment reads", "把支付要读的订单字段清单发给小明"
        ),
        Kind.OWE,
        ("ming",),
        due=-3,
        important=True,
        meeting=ming_joins,
        created_ago=12,
        notes=pick(
            "He needs it to size the automatic-approval flag.",
            "他要靠这份清单评估自动审批标记的工作量。",
        ),
    )
    add(
        pick("weekly status report to the bosses", "给领导发项目周报"),
        Kind.OWE,
        ("chen",),
        due=0,
        important=True,
        created_ago=6,
        tags=("orders", "report"),
        every="week",  # a recurring item: done, next week's is created
    )
    add(
        pick("retest the payment flow after Lan's fix", "小蓝修复后重测支付流程"),
        Kind.OWE,
        ("zhang",),
        due=3,
        important=True,
        meeting=bosses,
        created_ago=5,
    )
    add(
        pick("share customer complaint samples", "提供客户投诉样例"),
        Kind.OWE,
        ("lan",),
        due=-28,
        status=Status.DONE,
        meeting=kickoff,
        created_ago=30,
        closed_ago=27,
    )
    add(
        pick(
            "draft the written milestones (API, joint debugging, integration test)",
            "起草书面里程碑（接口定义、开发联调、集成测试）",
        ),
        Kind.OWE,
        ("zhang", "lan", "ming"),
        due=2,
        important=True,
        meeting=bosses,
        created_ago=5,
    )
    # Follow-ups I am waiting on.
    add(
        pick("approval-status API definition", "审批状态接口定义"),
        Kind.WAIT,
        ("lan",),
        due=-20,
        status=Status.DROPPED,
        meeting=kickoff,
        created_ago=30,
        closed_ago=5,
        notes=pick(
            "Replaced by the bug fix agreed with the bosses.",
            "和领导定了改修bug，这项不做了。",
        ),
    )
    add(
        pick("fix the approval-status bug", "修复审批状态bug"),
        Kind.WAIT,
        ("lan",),
        due=1,
        important=True,
        meeting=bosses,
        created_ago=5,
        due_history=[today - day],
        notes=pick(
            "Slipped a day: the test environment was down.",
            "晚了一天：测试环境挂了。",
        ),
    )
    add(
        pick("confirm which orders are approved automatically", "确认哪些订单走自动审批"),
        Kind.WAIT,
        ("ming",),
        due=-2,
        meeting=ming_joins,
        created_ago=12,
    )
    add(
        pick("architecture sign-off for the approval check", "审批校验方案的架构评审结论"),
        Kind.WAIT,
        ("zhou",),
        due=0,
        important=True,
        meeting=design,
        created_ago=21,
    )
    add(
        pick("headcount answer for the approval work", "审批改造能否给人的答复"),
        Kind.WAIT,
        ("liu",),
        due=-9,
        status=Status.DONE,
        created_ago=14,
        closed_ago=5,
    )
    # Plain tasks, one per quadrant.
    add(
        pick("book the joint debugging slot", "约联调时间"),
        Kind.TASK,
        ("zhang", "lan"),
        due=7,
        important=True,
        created_ago=4,
    )
    add(
        pick("reply to the finance team's payment survey", "回复财务部的支付调研问卷"),
        Kind.TASK,
        due=1,
        created_ago=3,
        tags=("admin",),
    )
    add(
        pick("tidy the project wiki page", "整理项目wiki页面"),
        Kind.TASK,
        created_ago=8,
        tags=("admin",),
    )
    # Risks.
    add(
        pick(
            "milestones (API definition, joint debugging, integration test) were never agreed",
            "关键节点（接口定义、开发联调、集成测试）一直没有约定",
        ),
        Kind.RISK,
        ("zhang", "lan", "ming"),
        important=True,
        meeting=bosses,
        created_ago=5,
        likelihood=Rating.HIGH,
        impact=Rating.HIGH,
        review=today,
        mitigation=pick(
            "agree the three milestones in writing with all three teams and bosses",
            "和三个团队及各自领导书面确认这三个节点",
        ),
    )
    add(
        pick(
            "Ming's team has no slot for the automatic-approval flag",
            "小明团队排不出人做自动审批标记",
        ),
        Kind.RISK,
        ("ming",),
        important=True,
        meeting=ming_joins,
        created_ago=12,
        likelihood=Rating.MEDIUM,
        impact=Rating.HIGH,
        review=today + 10 * day,
        mitigation=pick(
            "offer one of our developers to pair with Ming's team",
            "我们出一名开发，和小明团队一起做",
        ),
    )
    add(
        pick(
            "customers still charged before approval until the fix ships",
            "修复上线前，客户仍会在审批前被扣款",
        ),
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
        mitigation=pick(
            "refund within a day and apologise; daily check",
            "一天内退款并致歉；每天检查一遍",
        ),
    )
    add(
        pick(
            "the launch slips two weeks for the approval-event message",
            "为了审批事件消息，上线推迟两周",
        ),
        Kind.RISK,
        ("zhou",),
        important=True,
        status=Status.DONE,
        meeting=design,
        created_ago=21,
        closed_ago=5,
        likelihood=Rating.HIGH,
        impact=Rating.HIGH,
        mitigation=pick(
            "look for data that is already there before building anything new",
            "先找现成的数据，再考虑新做",
        ),
    )
    # The retest waits on Lan's fix: blocked until the fix is done.
    retest, fix = added[3], added[7]
    retest.after = [fix.id]
    store.put(retest)
    return added
