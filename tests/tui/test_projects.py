"""Pilot tests of the Projects tab, milestone edits, the project filter and the map."""

from __future__ import annotations

from textual.widgets import Input

from collab_tui.store import Store
from collab_tui.tui import modals
from collab_tui.tui.app import CollabApp
from collab_tui.tui.modals._fields import DateField
from collab_tui.tui.screens.stakeholder_map import StakeholderMapScreen
from collab_tui.tui.views.projects import ProjectsView

from .conftest import TODAY, screen_text, until


def projects_view(app: CollabApp) -> ProjectsView:
    view = app.view("projects")
    assert isinstance(view, ProjectsView)
    return view


async def test_projects_tab_lists_the_project_with_its_next_milestone_and_slips(
    app: CollabApp,
) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("5")
        text = screen_text(app)
        assert "Order payment" in text and "launch Wed 9 Dec" in text
        assert "next: joint debugging in 2 days" in text
        assert "1 slipped, 2 not agreed, 3 risks" in text
        assert "slipped 3 days: the payment flow" in text
        assert projects_view(app).selected_project() is not None


async def test_move_a_forecast_needs_a_cause_then_slips_and_undoes(
    app: CollabApp, store: Store
) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("5", "down", "down")  # the project, then joint debugging
        view = projects_view(app)
        milestone = view.selected_milestone()
        assert milestone is not None and milestone.name == "joint debugging"
        await pilot.press("f")
        form = app.screen
        form.query_one("#forecast", DateField).input.value = "2026-12-01"
        await pilot.press("ctrl+s")
        assert app.screen is form  # no cause: refused, the form stays with the error
        assert "cause" in screen_text(app)
        form.query_one("#cause", Input).value = "Lan's fix needs another test round"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form)
        moved = store.milestone(milestone.id)
        assert moved is not None and moved.forecast is not None
        assert (moved.forecast - moved.baseline).days == 6
        assert moved.cause == "Lan's fix needs another test round"
        assert "slipped 6 days" in screen_text(app)
        await pilot.press("z")
        assert store.milestone(milestone.id).forecast == milestone.forecast  # type: ignore[union-attr]


async def test_agreeing_a_milestone_logs_it_with_the_people(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("5", "down", "down")
        milestone = projects_view(app).selected_milestone()
        assert milestone is not None and milestone.agreed is None
        before = len(store.interactions())
        await pilot.press("a")  # the owner (小张) starts ticked
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen.children[0], Input))
        agreed = store.milestone(milestone.id)
        assert agreed is not None and agreed.agreed == TODAY
        assert agreed.agreed_with == [milestone.owner_id]
        log = store.interactions()
        assert len(log) == before + 1 and log[-1].contact_ids == [milestone.owner_id]
        assert "1 slipped, 1 not agreed" in screen_text(app)


async def test_new_project_and_milestone_through_the_forms(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("5", "n")
        app.screen.query_one("#name", Input).value = "Refund flow"
        app.screen.query_one("#launch", DateField).input.value = "2027-01-15"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(p.name == "Refund flow" for p in store.projects()))
        project = next(p for p in store.projects() if p.name == "Refund flow")
        assert project.tag == "refund-flow"
        assert projects_view(app).selected_project().id == project.id  # type: ignore[union-attr]
        await pilot.press("m")  # on Projects: a milestone (elsewhere m plans a meeting)
        assert isinstance(app.screen, modals.MilestoneForm)
        app.screen.query_one("#name", Input).value = "API definition"
        app.screen.query_one("#baseline", DateField).input.value = "2026-12-10"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(store.milestones(project.id)))
        assert store.milestones(project.id)[0].owner_id is None  # me


async def test_project_filter_narrows_today_and_the_log(app: CollabApp) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        all_items = len(app.snapshot.items)
        await pilot.press("5", "p")
        assert app.snapshot.project is not None
        assert 0 < len(app.snapshot.items) < all_items  # the admin tasks are left out
        await pilot.press("1")
        assert "Project Order payment only" in screen_text(app)
        await pilot.press("5", "p")
        assert app.snapshot.project is None and len(app.snapshot.items) == all_items


def test_project_filter_narrows_the_planned_meetings(store: Store) -> None:
    """The demo's meetings carry the project's tag and stay; an untagged one is left out."""
    from collab_tui import actions
    from collab_tui.tui.state import load

    other = actions.plan_meeting(store, "dentist", TODAY, "09:00", [])
    project = store.projects()[0]
    everything = load(store, TODAY)
    narrowed = load(store, TODAY, project_id=project.id)
    assert other.id in {m.id for m in everything.meetings}
    assert {m.id for m in narrowed.meetings} == {m.id for m in store.meetings()} - {other.id}
    assert other not in narrowed.agenda.meetings_today


async def test_the_map_shows_the_flow_and_the_escalation_path(app: CollabApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "s")
        assert isinstance(app.screen, StakeholderMapScreen)
        text = screen_text(app)
        assert "flow: 小明 → 小蓝 → me → 小张" in text
        assert "Upstream of me (4)" in text and "Dept C (order data)" in text
        assert "boss  赵总" in screen_text(app)  # 小明, the first on the flow
        await pilot.press("e")
        text = screen_text(app)
        assert "Escalation path for 小明" in text and "1. ↑ 赵总" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, StakeholderMapScreen)


async def test_r_on_projects_previews_the_report_against_plan(app: CollabApp) -> None:
    from textual.widgets import Markdown

    from collab_tui.tui.modals.report import ReportModal

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "R")
        assert isinstance(app.screen, ReportModal)
        assert app.screen.project is not None
        assert "Order payment: report against plan" in app.screen.text
        assert "Deviation and cause" in app.screen.text
        assert app.screen.query_one(Markdown) is not None


async def test_r_on_the_map_edits_the_persons_role(app: CollabApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "s")  # 小明 is highlighted, first on the flow
        await pilot.press("r")
        app.screen.query_one("#ask", Input).value = "the flag, this sprint"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StakeholderMapScreen))
        project = store.projects()[0]
        ming = next(c for c in store.contacts() if c.name == "小明")
        assert project.role_of(ming).ask == "the flag, this sprint"
        assert "the flag, this sprint" in screen_text(app)
