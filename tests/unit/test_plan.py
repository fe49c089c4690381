"""The milestone rules and the stakeholder map (today Mon 23 Nov 2026)."""

from __future__ import annotations

from datetime import date, timedelta

from collab_tui.model import (
    Contact,
    Flow,
    Item,
    Kind,
    Level,
    Milestone,
    Project,
    ProjectStatus,
    Role,
    Settings,
    Side,
    Stance,
)
from collab_tui.plan import (
    MilestoneStatus,
    belongs,
    flow_chain,
    is_overdue,
    is_slipped,
    is_unagreed,
    launch_at_risk,
    milestone_agenda,
    milestone_quadrant,
    milestone_status,
    next_milestone,
    overview,
    project_by_tag,
    slip_days,
    stakeholder_map,
)
from collab_tui.triage import Quadrant

TODAY = date(2026, 11, 23)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


PROJECT = Project("Order payment", id=1, tag="orders", launch=days(20))


def milestone(id: int, baseline: date, **fields) -> Milestone:
    return Milestone(f"m{id}", baseline, project_id=1, id=id, **fields)


def test_an_unagreed_milestone_is_a_risk_in_schedule_until_agreed():
    m = milestone(1, days(10))
    assert is_unagreed(m)
    assert milestone_quadrant(m, TODAY, Settings()) is Quadrant.SCHEDULE
    assert milestone_status(m, TODAY) is MilestoneStatus.UNAGREED
    assert milestone_agenda([PROJECT], [m], TODAY).unagreed == [m]
    m.agreed, m.agreed_with = TODAY, [2]
    assert not is_unagreed(m)
    assert milestone_agenda([PROJECT], [m], TODAY).empty
    assert milestone_status(m, TODAY) is MilestoneStatus.ON_TRACK


def test_a_milestone_due_within_the_horizon_is_do_now_and_done_leaves_the_matrix():
    m = milestone(1, days(2))
    assert milestone_quadrant(m, TODAY, Settings()) is Quadrant.DO_NOW
    m.done = TODAY
    assert milestone_quadrant(m, TODAY, Settings()) is None
    assert not is_unagreed(m) and milestone_status(m, TODAY) is MilestoneStatus.DONE


def test_a_forecast_past_the_baseline_is_a_slip_with_its_days_and_cause():
    m = milestone(1, days(5), forecast=days(19), cause="design changed", agreed=TODAY)
    assert is_slipped(m) and slip_days(m) == 14
    assert milestone_status(m, TODAY) is MilestoneStatus.SLIPPED
    assert milestone_agenda([PROJECT], [m], TODAY).slipped == [m]
    earlier = milestone(2, days(5), forecast=days(3))
    assert not is_slipped(earlier) and slip_days(earlier) == 0


def test_a_milestone_past_its_date_and_not_done_is_overdue():
    m = milestone(1, days(-10), forecast=days(-1), agreed=days(-20))
    assert is_overdue(m, TODAY) and not is_overdue(m, days(-1))
    assert milestone_status(m, TODAY) is MilestoneStatus.OVERDUE
    assert milestone_agenda([PROJECT], [m], TODAY).overdue == [m]
    m.done = days(-1)
    assert not is_overdue(m, TODAY)


def test_launch_is_at_risk_when_any_open_forecast_passes_it():
    on_time = milestone(1, days(10))
    late = milestone(2, days(10), forecast=days(21))
    assert not launch_at_risk(PROJECT, [on_time])
    assert launch_at_risk(PROJECT, [on_time, late])
    late.done = days(21)
    assert not launch_at_risk(PROJECT, [on_time, late])
    assert not launch_at_risk(Project("no launch", id=2), [milestone(3, days(99))])
    agenda = milestone_agenda([PROJECT], [milestone(4, days(30))], TODAY)
    assert agenda.launch_at_risk == [PROJECT]


def test_finished_projects_leave_the_review():
    finished = Project("old", id=1, status=ProjectStatus.DONE)
    assert milestone_agenda([finished], [milestone(1, days(-3))], TODAY).empty


def test_items_belong_through_the_project_tag():
    assert belongs(["#Orders"], PROJECT) and not belongs(["other"], PROJECT)
    assert not belongs(["x"], Project("untagged", id=3))
    assert project_by_tag(["x", "orders"], [PROJECT]) is PROJECT
    assert project_by_tag(["x"], [PROJECT]) is None


def test_overview_next_milestone_and_lists():
    a = milestone(1, days(5))
    b = milestone(2, days(3), forecast=days(8), agreed=TODAY)
    done = milestone(3, days(-5), done=days(-5))
    risk = Item("API may slip", Kind.RISK, id=7, tags=["orders"])
    other = Item("unrelated", id=8)
    view = overview(PROJECT, [a, b, done], [risk, other], TODAY)
    assert [m.id for m in view.milestones] == [3, 1, 2]
    assert view.next is a and next_milestone([done]) is None
    assert view.slipped == [b] and view.unagreed == [a]
    assert view.items == [risk] and view.risks == [risk]


def test_roles_per_project_fall_back_to_the_contacts_own_fields():
    lan = Contact("小蓝", id=2, side=Side.SUPPORTING, level=Level.WORKING, gains="fewer complaints")
    project = Project("p", id=1, roles=[Role(2, side=Side.LEADING, ask="approval API")])
    role = project.role_of(lan)
    assert (role.side, role.level, role.ask, role.gain) == (
        Side.LEADING,
        Level.WORKING,
        "approval API",
        "fewer complaints",
    )
    assert Project("q", id=2).role_of(lan).side is Side.SUPPORTING
    assert Project.from_dict(project.to_dict()) == project


def test_the_map_lays_people_out_along_the_flow_by_department():
    boss = Contact("刘经理", id=9, department="Dept B")
    ming = Contact("小明", id=1, department="Dept C", stance=Stance.NO_CAPACITY)
    lan = Contact("小蓝", id=2, department="Dept B", boss_id=9)
    zhang = Contact("小张", id=3, department="Dept A")
    stranger = Contact("Lisa", id=4, department="Dept B")
    project = Project(
        "Order payment",
        id=1,
        tag="orders",
        roles=[
            Role(2, flow=Flow.UPSTREAM, step=2),
            Role(1, flow=Flow.UPSTREAM, step=1),
            Role(3, flow=Flow.DOWNSTREAM, step=4),
        ],
    )
    waiting = Item("approval API", Kind.WAIT, id=5, contact_ids=[2, 4], tags=["orders"])
    view = overview(project, [], [waiting], TODAY)
    columns = stakeholder_map(view, [boss, ming, lan, zhang, stranger], {2: days(-3)})
    assert [c.flow for c in columns] == [Flow.UPSTREAM, Flow.DOWNSTREAM, None]
    upstream = columns[0]
    assert [dept for dept, _ in upstream.departments] == ["Dept C", "Dept B"]
    lan_entry = upstream.departments[1][1][0]
    assert lan_entry.they_owe == [waiting] and lan_entry.days_since_contact(TODAY) == 3
    assert lan_entry.boss is boss and lan_entry.escalation == [boss]
    assert [p.contact.name for p in columns[2].people] == ["Lisa"]  # on an item, not placed
    up, down = flow_chain(columns)
    assert [p.contact.name for p in up] == ["小明", "小蓝"]
    assert [p.contact.name for p in down] == ["小张"]


# --- capture: project:NAME / 项目：NAME -------------------------------------------------


def test_capture_reads_the_project_word_in_both_scripts():
    from collab_tui.capture import CaptureError, parse

    parsed = parse(
        "meet: @Lan API review 项目：订单; owe: spec due:fri; wait: data project:x", TODAY
    )
    assert parsed.meeting is not None and parsed.meeting.project == "订单"
    assert [d.project for d in parsed.drafts] == [None, "x"]
    assert parse('task: plan project:"Order payment"', TODAY).drafts[0].project == ("Order payment")
    assert parse("task: plan project: orders", TODAY).drafts[0].project == "orders"
    for bad in ("task: x project:", "task: x project:a project:b"):
        try:
            parse(bad, TODAY)
        except CaptureError as error:
            assert "project" in error.token
        else:
            raise AssertionError(bad)


def test_captured_records_join_the_project_through_its_tag(store):
    from collab_tui import actions

    actions.save_project(store, None, {"name": "Order payment", "tag": "orders"})
    result = actions.capture(
        store, "meet: @Lan review project:order; owe: spec; wait: data #x 项目：orders", TODAY
    )
    meeting, owe, wait = result.records
    assert meeting.tags == ["orders"] and owe.tags == ["orders"]  # inherited from the meeting
    assert wait.tags == ["x", "orders"]
    try:
        actions.capture(store, "owe: y project:nope", TODAY)
    except actions.ActionError as error:
        assert "no project called 'nope'" in str(error)
    assert len(store.items()) == 2  # nothing of the refused line was saved
