"""The counterpart playbook's pure rules and actions: stance history and next steps,
escalation with options, the keep-in-touch cadence (and the schema-3 migration)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from collab_tui import actions, capture, triage, validate
from collab_tui.facts import brief_facts
from collab_tui.interop import report
from collab_tui.model import (
    Contact,
    Escalation,
    Interaction,
    InteractionKind,
    Item,
    Kind,
    Level,
    Settings,
    Stance,
)
from collab_tui.store import SCHEMA_VERSION, Store, backups

TODAY = date(2026, 11, 24)
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "collab.json") as opened:
        yield opened


def _contact(name: str, **fields) -> Contact:
    contact = Contact(name=name, **fields)
    contact.created = LONG_AGO
    return contact


# --- cadence --------------------------------------------------------------------------------


def test_cadence_comes_from_the_contact_then_tags_then_level():
    settings = Settings(cadence_tags={"vip": 7, "orders": 21})
    assert triage.cadence(_contact("a", cadence_days=3, level=Level.LEADER), settings) == (3, True)
    assert triage.cadence(_contact("b", tags=["orders", "vip"]), settings) == (7, True)
    assert triage.cadence(_contact("c", level=Level.LEADER), settings) == (30, True)
    assert triage.cadence(_contact("d", level=Level.WORKING), settings) == (14, True)
    # neither: the old rule (followed only with open items, after cold_after_days)
    assert triage.cadence(_contact("e"), settings) == (14, False)


def _cold(contacts, last, items=()):
    agenda = triage.agenda(items, contacts, (), TODAY, Settings(), last_contact=last)
    return {c.contact.name: c for c in agenda.going_cold}


def test_leaders_and_working_partners_are_followed_without_open_items():
    boss = _contact("boss", id=1, level=Level.LEADER)
    partner = _contact("partner", id=2, level=Level.WORKING)
    nobody = _contact("nobody", id=3)  # no level: only with open items
    off = _contact("off", id=4, level=Level.WORKING, cadence_days=0)
    last = {i: TODAY - timedelta(days=20) for i in (1, 2, 3, 4)}
    cold = _cold([boss, partner, nobody, off], last)
    assert set(cold) == {"partner"}  # 20 days: past 14, not past 30
    assert cold["partner"].cadence_days == 14 and cold["partner"].days_overdue == 6
    item = Item("chase", id=9, contact_ids=[3])
    assert set(_cold([boss, partner, nobody, off], last, [item])) == {"partner", "nobody"}


def test_any_logged_interaction_resets_the_cadence():
    partner = _contact("partner", id=2, level=Level.WORKING)
    assert _cold([partner], {2: TODAY - timedelta(days=15)})
    assert not _cold([partner], {2: TODAY - timedelta(days=1)})


def test_a_touch_is_logged_and_read_back_through_the_summary(store):
    partner = store.add(_contact("partner", level=Level.WORKING))
    store.put(Interaction(date=TODAY - timedelta(days=40), summary="kick-off", contact_ids=[1]))
    touch = actions.log_touch(store, partner.id, "call", "", TODAY)
    assert touch.kind is InteractionKind.CALL and touch.summary  # "checked in"
    assert store.last_contact_dates(TODAY)[partner.id] == TODAY
    assert store.last_topics([partner.id], TODAY) == {partner.id: touch.summary}


def test_capture_has_words_for_each_kind_of_touch():
    for line, kind in (
        ("call: @小明 asked about the flag", "call"),
        ("chat: @小明 quick check", "chat"),
        ("mail: @小明 sent the field list", "email"),
        ("电话：@小明 问了标记的事", "call"),
        ("聊天：@小明 打了个招呼", "chat"),
        ("邮件：@小明 发了字段清单", "email"),
        ("meet: @小明 review", "meeting"),
    ):
        parsed = capture.parse(line, TODAY)
        assert parsed.meeting is not None and parsed.meeting.kind == kind, line
    with pytest.raises(capture.CaptureError):
        capture.parse("owe: x; call: @小明 late", TODAY)  # a touch starts the line


def test_a_captured_call_is_logged_as_a_call(store):
    result = actions.capture(store, "call: @小明 asked about the flag; owe: send it", TODAY)
    logged = [r for r in result.records if isinstance(r, Interaction)]
    assert logged[0].kind is InteractionKind.CALL


# --- stance history and next steps -------------------------------------------------------------


def test_each_stance_has_a_next_step_and_unknown_has_none():
    ming = _contact("小明", id=6, tags=["orders"])
    assert triage.next_step(ming, TODAY) is None
    steps = {}
    for stance in (Stance.REFUSES, Stance.NO_CAPACITY, Stance.EAGER):
        ming.stance = stance
        step = triage.next_step(ming, TODAY)
        assert step is not None and "小明" in step.title and step.contact_ids == [6]
        assert step.due is not None and step.due > TODAY and step.tags == ["orders"]
        steps[stance] = step
    assert steps[Stance.NO_CAPACITY].kind is Kind.OWE  # I offer the people
    assert len({s.title for s in steps.values()}) == 3


def test_setting_a_stance_keeps_it_with_its_date_and_meeting(store):
    ming, _ = actions.upsert_contact(store, "小明", stance="eager", on=TODAY - timedelta(days=2))
    ming = actions.save_contact(
        store, ming, {"stance": "no-capacity"}, on=TODAY, interaction_id=None
    )
    assert ming.stance_history == [
        {"date": "2026-11-22", "stance": "eager", "interaction_id": None},
        {"date": "2026-11-24", "stance": "no-capacity", "interaction_id": None},
    ]
    # a second change the same day corrects that day's entry
    ming, _ = actions.upsert_contact(store, "小明", stance="eager", on=TODAY, interaction_id=4)
    assert ming.stance_history[-1] == {"date": "2026-11-24", "stance": "eager", "interaction_id": 4}
    assert len(ming.stance_history) == 2
    # saving other fields leaves the history alone
    ming = actions.save_contact(store, ming, {"department": "C"}, on=TODAY)
    assert len(store.contact(ming.id).stance_history) == 2


def test_the_brief_shows_the_stance_history_and_the_next_step(store):
    ming, _ = actions.upsert_contact(store, "小明", stance="eager", on=TODAY - timedelta(days=2))
    ming, _ = actions.upsert_contact(store, "小明", stance="no-capacity", on=TODAY)
    brief = triage.brief(ming.id, [], store.contacts(), [], TODAY)
    facts = {f.label: f.value for f in brief_facts(brief, TODAY).facts}
    assert facts["stance history"].count("→") == 1
    assert facts["stance history"].endswith("interested, no capacity")
    assert "our own people" in facts["next step"]


def test_an_accepted_next_step_is_saved_as_an_item(store):
    ming, _ = actions.upsert_contact(store, "小明", stance="eager", on=TODAY)
    step = triage.next_step(ming, TODAY)
    assert step is not None
    saved = actions.add_item(store, step)
    assert saved.id and store.item(saved.id).contact_ids == [ming.id]
    with pytest.raises(actions.ActionError):
        actions.add_item(store, Item(title="  "))


def test_a_cadence_out_of_range_is_refused(store):
    with pytest.raises(actions.ActionError, match="cadence"):
        actions.upsert_contact(store, "小明", cadence_days=-3)
    contact, _ = actions.upsert_contact(store, "小明", cadence_days=7)
    assert store.contact(contact.id).cadence_days == 7


# --- escalation ---------------------------------------------------------------------------------

OPTIONS = [
    {"name": "new API", "pros": "clean", "cons": "2 weeks late", "cost": "10 days"},
    {"name": "fix Lan's bug", "pros": "no slip", "cons": "", "cost": "2 days"},
]


@pytest.fixture
def escalation_setup(store):
    liu = store.add(Contact(name="刘经理", level=Level.LEADER))
    lan = store.add(Contact(name="小蓝", boss_id=liu.id))
    item = store.add(Item("approval API", kind=Kind.WAIT, contact_ids=[lan.id], tags=["orders"]))
    return store, liu, lan, item


def test_the_default_target_is_the_counterparts_boss_then_mine(escalation_setup):
    store, liu, lan, item = escalation_setup
    assert actions.escalation_target(item, store.contacts(), store.settings) == liu
    me = store.add(Contact(name="王总"))
    alone = Item("solo", contact_ids=[me.id])
    assert actions.escalation_target(alone, store.contacts(), store.settings) is None
    actions.set_my_boss(store, me.id)
    assert actions.escalation_target(alone, store.contacts(), store.settings).name == "王总"


def test_an_escalation_without_an_option_is_refused_and_saves_nothing(escalation_setup):
    store, liu, _lan, item = escalation_setup
    blank = [{"name": "", "pros": "", "cons": "", "cost": ""}]
    for options in ([], blank):
        with pytest.raises(actions.ActionError, match="at least one option"):
            actions.escalate(store, item.id, "slips", options, liu.id, None, TODAY)
    with pytest.raises(actions.ActionError, match="option 1 needs a name"):
        actions.escalate(store, item.id, "slips", [{"pros": "x"}], liu.id, None, TODAY)
    with pytest.raises(actions.ActionError, match="recommendation"):
        actions.escalate(store, item.id, "slips", OPTIONS, liu.id, None, TODAY, recommended=2)
    with pytest.raises(actions.ActionError, match="problem"):
        actions.escalate(store, item.id, " ", OPTIONS, liu.id, None, TODAY)
    with pytest.raises(actions.ActionError, match="whom"):
        actions.escalate(store, item.id, "slips", OPTIONS, None, None, TODAY)
    assert store.escalations() == [] and len(store.items()) == 1


def test_an_escalation_links_the_item_people_and_tags_and_adds_an_owe_item(escalation_setup):
    store, liu, lan, item = escalation_setup
    escalation, owe = actions.escalate(
        store,
        item.id,
        "the API slips two weeks",
        OPTIONS,
        liu.id,
        TODAY + timedelta(days=3),
        TODAY,
        tried="asked twice",
        recommended=1,
        ask="approve the bug fix",
    )
    assert store.escalations() == [escalation]
    assert escalation.item_id == item.id and escalation.contact_ids == [lan.id]
    assert escalation.to_id == liu.id and escalation.tags == ["orders"]
    assert escalation.options[1]["name"] == "fix Lan's bug" and escalation.raised == TODAY
    assert owe.kind is Kind.OWE and owe.contact_ids == [liu.id] and owe.tags == ["orders"]
    assert owe.due == TODAY + timedelta(days=3) == escalation.due
    assert escalation.owe_item_id == owe.id and "approve the bug fix" in owe.title
    agenda = triage.agenda(
        store.items(), store.contacts(), (), TODAY, store.settings, escalations=store.escalations()
    )
    assert agenda.escalations == [escalation]
    brief = triage.brief(lan.id, store.items(), store.contacts(), [], TODAY, store.escalations())
    assert brief.escalations == [escalation]
    text = report.status_report(store, TODAY - timedelta(days=7), None, TODAY)
    assert "## Escalations" in text and "fix Lan's bug (recommended)" in text
    assert "cost 10 days" in text and "the ask: approve the bug fix" in text
    # undo removes both records
    actions.undo(store, [], [escalation, owe], {})
    assert store.escalations() == [] and store.item(owe.id) is None


def test_an_escalation_round_trips_and_is_validated():
    escalation = Escalation(item_id=3, problem="p", options=OPTIONS, raised=TODAY, id=1)
    doc = escalation.to_dict()
    assert Escalation.from_dict(doc) == escalation
    assert validate.check_record("escalations", doc) == []
    bad = {**doc, "options": [{"name": ""}], "recommended": -1}
    assert {p.field for p in validate.check_record("escalations", bad)} == {
        "options",
        "recommended",
    }
    contact = Contact(name="x", id=1, stance_history=[{"date": "x", "stance": "eager"}]).to_dict()
    assert [p.field for p in validate.check_record("contacts", contact)] == ["stance_history"]
    contact = Contact(name="x", id=1, cadence_days=-1).to_dict()
    assert [p.field for p in validate.check_record("contacts", contact)] == ["cadence_days"]
    assert validate.check_settings({"cadence_tags": {"vip": 0}, "my_boss_id": "me"})


# --- the schema-3 migration -------------------------------------------------------------------


def test_a_schema_2_file_is_migrated_after_a_backup(tmp_path: Path):
    db = tmp_path / "collab.json"
    with Store.open(db) as store:
        store.add(Contact(name="小蓝"))
    data = orjson.loads(db.read_bytes())
    del data["escalations"]
    meta = data["meta"]["1"]
    meta["schema_version"] = 2
    del meta["last_ids"]["escalations"]
    db.write_bytes(orjson.dumps(data))
    before = set(backups.snapshots(db))
    with Store.open(db) as store:
        assert [c.name for c in store.contacts()] == ["小蓝"]
        assert store.escalations() == []
    migrated = orjson.loads(db.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 3
    assert migrated["escalations"] == {} and migrated["meta"]["1"]["last_ids"]["escalations"] == 0
    (snapshot,) = set(backups.snapshots(db)) - before  # the schema-2 file, kept
    old = orjson.loads((snapshot / db.name).read_bytes())
    assert old["meta"]["1"]["schema_version"] == 2


def test_doctor_salvages_a_damaged_escalation_field_but_not_a_missing_option():
    from collab_tui.store import doctor
    from collab_tui.validate import Problem

    doc = Escalation(item_id=3, problem="p", options=OPTIONS, id=1).to_dict()
    doc["due"] = "someday"
    fixed = doctor.salvage("escalations", doc, [Problem("due", "bad")])
    assert fixed is not None and fixed["due"] is None and fixed["options"] == OPTIONS
    assert doctor.salvage("escalations", doc, [Problem("options", "bad")]) is None


def test_last_topics_from_the_summary_match_the_history(store):
    """The topic of each contact's last interaction on or before today, read from the log's
    summary in one pass: the same answers as the history gives, planned ones skipped (b's
    summary keeps only planned ones: the history answers)."""
    a = store.add(_contact("a"))
    b = store.add(_contact("b"))
    c = store.add(_contact("c"))
    store.put(Interaction(date=TODAY - timedelta(days=9), summary="old", contact_ids=[a.id]))
    store.put(Interaction(date=TODAY - timedelta(days=2), summary="", decisions=["ship", "wait"],
                          contact_ids=[a.id, b.id]))  # fmt: skip
    for days in (1, 2, 3):  # planned: newer than today, filling b's summary
        store.put(Interaction(date=TODAY + timedelta(days=days), summary=f"next {days}",
                              contact_ids=[b.id]))  # fmt: skip
    history = {}
    for cid in (a.id, b.id, c.id):
        past = sorted((i for i in store.interactions() if cid in i.contact_ids and i.date <= TODAY),
                      key=lambda i: (i.date, i.id))  # fmt: skip
        if past:
            history[cid] = past[-1].summary or "; ".join(past[-1].decisions)
    assert history == {a.id: "ship; wait", b.id: "ship; wait"}
    assert store.last_topics([a.id, b.id, c.id], TODAY) == history
