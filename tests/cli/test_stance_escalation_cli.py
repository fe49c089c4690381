"""The playbook in the shell: a stance's next step, escalate, the cadence in today --json."""

from __future__ import annotations


def _setup(collab) -> None:
    for args in (
        ("contact", "刘经理", "--level", "leader"),
        ("contact", "小蓝", "--boss", "刘经理", "--level", "working"),
        ("add", "wait: approval API @小蓝 due:2026-11-20 #orders"),
    ):
        assert collab(*args).code == 0


def test_a_stance_prints_the_next_step_and_can_accept_it(collab):
    result = collab("contact", "小明", "--stance", "no-capacity")
    assert result.code == 0
    assert "next step (playbook): owe: Offer 小明 our own people" in result.out
    assert "--accept-next-step" in result.out
    assert collab("today", "--json").json()["owe"] == []  # only suggested
    result = collab("contact", "小明", "--stance", "eager", "--accept-next-step", "--json")
    data = result.json()
    assert data["contact"]["stance_history"][-1]["stance"] == "eager"
    assert data["next_step"]["title"] == data["added"]["title"]
    assert data["next_step"]["playbook"] == "eager" and "id" not in data["next_step"]
    assert data["added"]["id"] > 0
    who = collab("who", "小明", "--json").json()
    assert who["stance_history"] == data["contact"]["stance_history"]
    assert "both bosses" in who["next_step"]["title"]
    assert collab("contact", "小明", "--accept-next-step").code == 2


def test_escalate_refuses_zero_options_then_creates_the_escalation(collab):
    _setup(collab)
    refused = collab("escalate", "1", "--problem", "the API slips")
    assert refused.code != 0 and "at least one option" in refused.err
    assert collab("today", "--json").json()["escalations"] == []
    result = collab(
        "escalate",
        "1",
        "--problem",
        "the API slips two weeks",
        "--tried",
        "asked twice",
        "--option",
        "new API|clean design|2 weeks late|10 days",
        "--option",
        "fix Lan's bug|no slip||2 days",
        "--recommend",
        "2",
        "--ask",
        "approve the fix",
        "--due",
        "fri",
        "--json",
    )
    assert result.code == 0, result.err
    data = result.json()
    escalation, owe = data["escalation"], data["owe"]
    assert escalation["options"][1] == {
        "name": "fix Lan's bug",
        "pros": "no slip",
        "cons": "",
        "cost": "2 days",
    }
    assert escalation["recommended"] == 1 and escalation["tags"] == ["orders"]
    assert owe["kind"] == "owe" and owe["due"] == "2026-11-27" == escalation["due"]
    today = collab("today", "--json").json()
    assert [e["id"] for e in today["escalations"]] == [escalation["id"]]
    assert "fix Lan's bug (recommended)" in collab("report").out
    assert collab("escalate", "1", "--option", "a|b|c|d|e", "--problem", "x").code == 2


def test_today_json_lists_who_is_overdue_for_contact(collab):
    _setup(collab)
    assert collab("contact", "小蓝", "--cadence", "7").code == 0
    assert collab("add", "meet: @小蓝 talked about the flag").code == 0
    data = collab("today", "--json", "--date", "2026-12-10").json()
    (entry,) = [c for c in data["cadence"] if c["name"] == "小蓝"]
    assert entry["cadence_days"] == 7 and entry["days_overdue"] == 9
    assert entry["last_topic"] == "talked about the flag" and entry["stance"] == "unknown"
    assert entry["last_contact"] == "2026-11-24" and entry["open_items"] == [1]
    names = {c["name"] for c in data["cadence"]}
    assert "刘经理" not in names  # a leader: every 30 days, added today
    assert collab("add", "call: @小蓝 quick check").code == 0
    data = collab("today", "--json", "--date", "2026-11-25").json()
    assert data["cadence"] == [] and data["going_cold"] == []
