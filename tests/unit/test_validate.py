"""validate.py: the limits and checks every record and the settings pass through."""

from __future__ import annotations

import pytest

from collab_tui.model import Contact, Interaction, Item
from collab_tui.validate import MAX_ID, check_record, check_settings, valid_settings

GOOD = {
    "items": Item("send the spec").to_dict() | {"id": 12},
    "contacts": Contact("Lee").to_dict() | {"id": 3},
    "interactions": Interaction.from_dict({"date": "2026-11-24", "id": 5}).to_dict(),
}


def deep(levels: int) -> list:
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.mark.parametrize("table", list(GOOD))
def test_a_record_as_the_model_writes_it_passes(table):
    assert check_record(table, GOOD[table]) == []


@pytest.mark.parametrize(
    ("table", "changes", "field", "words"),
    [
        ("items", {"tags": None}, "tags", "must be a list, not null"),
        ("items", {"tags": [3]}, "tags", "entry 1: must be text"),
        ("items", {"tags": ["x"] * 1001}, "tags", "at most 1,000"),
        ("items", {"due": "not-a-date"}, "due", "'not-a-date' is not a date"),
        ("items", {"due": "20261124"}, "due", "is not a date"),
        ("items", {"due": "1899-12-31"}, "due", "outside the years 1900 to 9999"),
        ("items", {"due": 5}, "due", "must be a date"),
        ("items", {"hidden_until": "soon"}, "hidden_until", "'soon' is not a date"),
        ("items", {"due_history": ["2026-13-01"]}, "due_history", "entry 1"),
        ("items", {"created": "yesterday"}, "created", "not an ISO 8601 timestamp"),
        ("items", {"updated": "2026-11-24T08:00:00"}, "updated", "no UTC offset"),
        ("items", {"updated": None}, "updated", "must be a timestamp, not null"),
        ("items", {"closed": 1}, "closed", "must be a timestamp"),
        ("items", {"id": 10**30}, "id", "out of range"),
        ("items", {"id": 0}, "id", "out of range"),
        ("items", {"id": MAX_ID + 1}, "id", "out of range"),
        ("items", {"id": 1.0}, "id", "must be a whole number"),
        ("items", {"id": True}, "id", "must be a whole number"),
        ("items", {"contact_ids": [2**31]}, "contact_ids", "out of range"),
        ("items", {"contact_ids": "1,2"}, "contact_ids", "must be a list"),
        ("items", {"interaction_id": -1}, "interaction_id", "out of range"),
        ("items", {"kind": "chore"}, "kind", "not one of task / owe / wait / risk"),
        ("items", {"status": None}, "status", "not one of"),
        ("items", {"likelihood": "huge"}, "likelihood", "not one of low / medium / high"),
        ("items", {"important": "yes"}, "important", "must be true or false"),
        ("items", {"urgent": 1}, "urgent", "must be true or false"),
        ("items", {"title": "x" * 1001}, "title", "1,001 characters long; at most 1,000"),
        ("items", {"title": ""}, "title", "is empty"),
        ("items", {"notes": "x" * 100_001}, "notes", "at most 100,000"),
        ("items", {"notes": None}, "notes", "must be text, not null"),
        ("items", {"mitigation": ["a"]}, "mitigation", "must be text"),
        ("items", {"whatever": 10**30}, "whatever", "too large to store"),
        ("items", {"whatever": deep(65)}, "whatever", "nested more than 64 levels"),
        ("items", {"extra": {"a": deep(70)}}, "extra", "nested more than 64 levels"),
        ("contacts", {"boss_id": "Ming"}, "boss_id", "must be a whole number"),
        ("contacts", {"stance": "hostile"}, "stance", "not one of"),
        ("contacts", {"side": "left"}, "side", "not one of leading / supporting"),
        ("contacts", {"aliases": None}, "aliases", "must be a list"),
        ("contacts", {"kpis": ["k" * 1001]}, "kpis", "entry 1: is 1,001 characters"),
        ("contacts", {"gains": "g" * 100_001}, "gains", "at most 100,000"),
        ("contacts", {"email": 5}, "email", "must be text"),
        ("interactions", {"date": None}, "date", "must be a date"),
        ("interactions", {"kind": "fax"}, "kind", "not one of meeting / call / chat / email"),
        ("interactions", {"item_ids": [None]}, "item_ids", "entry 1"),
        ("interactions", {"decisions": None}, "decisions", "must be a list"),
        ("interactions", {"summary": 3}, "summary", "must be text"),
    ],
)
def test_each_problem_names_the_field_and_what_is_wrong(table, changes, field, words):
    problems = check_record(table, GOOD[table] | changes)
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message


@pytest.mark.parametrize(
    ("table", "missing"),
    [("items", "title"), ("contacts", "name"), ("interactions", "date"), ("items", "id")],
)
def test_required_fields(table, missing):
    doc = {k: v for k, v in GOOD[table].items() if k != missing}
    assert [(p.field, p.message) for p in check_record(table, doc)] == [(missing, "is missing")]


def test_unknown_keys_within_limits_are_allowed():
    doc = GOOD["items"] | {"vcard": {"lines": ["X-A:1"] * 2000}, "score": 1.5, "n": None}
    assert check_record("items", doc) == []


@pytest.mark.parametrize("doc", [None, [], "x", 3])
def test_a_record_that_is_not_an_object(doc):
    assert check_record("items", doc)[0].message.startswith("must be a JSON object")


def test_odd_input_never_raises():
    nasty = {
        "id": float("nan"),
        "title": b"bytes",
        "tags": [[], {}],
        "due": "9999-99-99",
        "created": "9" * 100,
        "whatever": {1: object()},
    }
    fields = {p.field for p in check_record("items", nasty)}
    assert fields == {"id", "title", "tags", "due", "created", "whatever"}


@pytest.mark.parametrize(
    ("settings", "fields"),
    [
        ({"urgency_horizon_days": 2, "cold_after_days": 14}, []),
        ({}, []),
        ({"urgency_horizon_days": 10**12}, ["urgency_horizon_days"]),
        ({"urgency_horizon_days": -1}, ["urgency_horizon_days"]),
        ({"urgency_horizon_days": 366}, ["urgency_horizon_days"]),
        ({"urgency_horizon_days": True}, ["urgency_horizon_days"]),
        ({"cold_after_days": 0}, ["cold_after_days"]),
        ({"cold_after_days": 3651}, ["cold_after_days"]),
        ({"cold_after_days": "14"}, ["cold_after_days"]),
        (
            {"cold_after_days": None, "urgency_horizon_days": 2.5},
            ["urgency_horizon_days", "cold_after_days"],
        ),
    ],
)
def test_settings(settings, fields):
    assert sorted(p.field for p in check_settings(settings)) == sorted(fields)


def test_valid_settings_drops_only_the_bad_values():
    assert valid_settings({"urgency_horizon_days": 10**12, "cold_after_days": 30}) == {
        "cold_after_days": 30
    }
    assert valid_settings(None) == {}
