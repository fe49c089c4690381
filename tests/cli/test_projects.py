"""collab project | milestone | map, today's milestone keys and the report against plan."""

from __future__ import annotations

from collab_tui.text import cell_width


def _setup(collab) -> None:
    for args in (
        ("contact", "刘经理", "--dept", "Dept B", "--level", "leader"),
        ("contact", "小蓝", "--dept", "Dept B", "--boss", "刘经理"),
        ("contact", "小明", "--dept", "Dept C"),
        ("contact", "Zhang", "--dept", "Dept A"),
        ("add", "wait: approval API @小蓝 #orders due:fri"),
        ("add", "risk: Ming's team has no slot @小明 #orders review:fri"),
    ):
        result = collab(*args)
        assert result.code == 0, result.err
    result = collab(
        "project", "add", "Order payment", "--launch", "2026-12-31", "--role", "leading",
        "--tag", "orders", "--goal", "charge only after approval", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.json()["tag"] == "orders" and result.json()["our_role"] == "leading"


def test_a_project_from_milestones_to_map_and_report(collab):
    _setup(collab)
    for name, step, flow in (("小明", "1", "upstream"), ("小蓝", "2", "upstream")):
        result = collab("project", "role", "orders", name, "--flow", flow, "--step", step)
        assert result.code == 0, result.err
    result = collab("project", "role", "orders", "Zhang", "--flow", "downstream", "--step", "3")
    assert "downstream of me" in result.out
    added = collab(
        "milestone", "add", "orders", "API definition", "--baseline", "2026-12-04",
        "--owner", "小蓝", "--json",
    )  # fmt: skip
    assert added.json()["status"] == "unagreed" and added.json()["owner_id"] == 2
    collab("milestone", "add", "orders", "joint debugging", "--baseline", "2026-12-20")

    # unagreed milestones are in today's review, in the shell and in --json
    today = collab("today", "--json").json()
    assert [m["name"] for m in today["unagreed_milestones"]] == [
        "API definition",
        "joint debugging",
    ]
    assert today["slipped_milestones"] == [] and today["launch_at_risk"] == []

    # moving a forecast needs a cause; nothing is saved without one
    refused = collab("milestone", "move", "2", "2027-01-05")
    assert refused.code != 0 and "cause" in refused.err
    moved = collab("milestone", "move", "2", "2027-01-05", "--cause", "design changed", "--json")
    assert moved.json()["slip_days"] == 16 and moved.json()["forecast_history"] == ["2026-12-20"]

    agreed = collab("milestone", "agree", "1", "--with", "小蓝", "--with", "Zhang", "--json")
    assert agreed.json()["agreed"] == "2026-11-24"
    assert agreed.json()["interaction"]["contact_ids"] == [2, 4]
    assert agreed.json()["interaction"]["tags"] == ["orders"]

    today = collab("today", "--json").json()
    assert [m["name"] for m in today["unagreed_milestones"]] == ["joint debugging"]
    assert [m["slip_days"] for m in today["slipped_milestones"]] == [16]
    assert today["launch_at_risk"][0]["name"] == "Order payment"
    text = collab("today").out
    assert "Milestones slipped (1)" in text and "design changed" in text

    listed = collab("project", "list", "--json").json()
    assert listed[0]["next_milestone"]["name"] == "API definition"
    assert listed[0]["launch_at_risk"] is True and len(listed[0]["risks"]) == 1

    shown = collab("project", "show", "orders").out
    assert "slipped 16 days: design changed" in shown and "agreed with 小蓝, Zhang" in shown

    # the map: the chain along the flow, departments, boss links; CJK names aligned
    drawn = collab("map", "orders").out
    assert "flow: 小明 → 小蓝 → me → Zhang" in drawn
    upstream = drawn.split("Upstream of me")[1].split("Downstream")[0].splitlines()[1:3]
    assert "Dept C" in upstream[0] and "↑ 刘经理" in upstream[1]
    # the columns after the names start at the same terminal column
    starts = [cell_width(line.split("  I owe")[0]) for line in upstream]
    assert starts[0] == starts[1]
    mapped = collab("map", "orders", "--json").json()
    lan = mapped["columns"][0]["departments"][1]["people"][0]
    assert lan["name"] == "小蓝" and lan["they_owe"] == [1] and lan["days_since_contact"] == 0
    assert lan["escalation"] == [{"id": 1, "name": "刘经理"}]

    done = collab("milestone", "done", "1")
    assert done.code == 0 and "done: milestone #1 API definition" in done.out

    report = collab("report", "--project", "orders", "--sent")
    assert report.code == 0, report.err
    assert "| API definition | 小蓝 | 2026-12-04 | 2026-12-04 | done | 小蓝, Zhang |" in report.out
    assert "**joint debugging**: 2026-12-20 → 2027-01-05, 16 days late; cause: design changed" in (
        report.out
    )
    assert "Milestone **API definition** done 2026-11-24" in report.out
    assert "- approval API (due 2026-11-27, in 3 days)" in report.out
    assert "**Ming's team has no slot**" in report.out
    assert collab("project", "show", "orders", "--json").json()["project"]["reported"] == (
        "2026-11-24"
    )


def test_project_errors_name_what_was_wrong(collab):
    _setup(collab)
    again = collab("project", "add", "order payment")
    assert again.code != 0 and "already a project called" in again.err
    missing = collab("map", "nothing")
    assert missing.code != 0 and "no project called 'nothing'" in missing.err
    no_date = collab("milestone", "add", "orders", "API")
    assert no_date.code != 0 and "baseline" in no_date.err
    assert collab("milestone", "agree", "9", "--with", "小蓝").code != 0
