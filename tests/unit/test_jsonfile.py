"""The JSON backup: lossless round trip, merge by id, whole-file validation."""

from __future__ import annotations

import json
from datetime import date

import pytest

from collab_tui import actions
from collab_tui.demo import write_demo
from collab_tui.interop import jsonfile
from collab_tui.model import Settings
from collab_tui.store import Store

TODAY = date(2026, 11, 24)
SECTIONS = (
    "settings",
    "contacts",
    "items",
    "interactions",
    "meetings",
    "escalations",
    "projects",
    "milestones",
)


@pytest.fixture
def open_store(tmp_path):
    opened = []

    def open_store(name: str = "collab.json") -> Store:
        store = Store.open(tmp_path / name)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


def test_export_shape(open_store):
    store = open_store()
    write_demo(store, TODAY)
    data = jsonfile.export_data(store)
    assert list(data) == ["format", "version", "exported", *SECTIONS]
    assert (data["format"], data["version"]) == ("collab-tui", 1)
    assert any(i["status"] == "done" for i in data["items"])  # closed items included
    json.dumps(data)  # plain JSON types only


def test_roundtrip_into_an_empty_file_is_exact(open_store):
    source = open_store("a.json")
    write_demo(source, TODAY)
    source.update_settings(Settings(urgency_horizon_days=3, cold_after_days=10))
    first = json.loads(json.dumps(jsonfile.export_data(source)))  # through real JSON text
    target = open_store("b.json")
    summary = jsonfile.import_data(target, first)
    total = sum(len(first[key]) for key in SECTIONS[1:])
    assert (summary.added, summary.updated, summary.unchanged) == (total, 0, 0)
    second = jsonfile.export_data(target)
    for key in SECTIONS:
        assert second[key] == first[key]
    # New records continue after the imported ids.
    item = actions.capture(target, "task: after import", TODAY).records[0]
    assert item.id == max(i["id"] for i in first["items"]) + 1


def test_merge_by_id_into_a_non_empty_file(open_store):
    store = open_store()
    actions.capture(store, "owe: one @Lan", TODAY)
    actions.capture(store, "task: two", TODAY)
    data = jsonfile.export_data(store)
    data["items"][0]["title"] = "one, renamed"
    data["items"].append({**data["items"][1], "id": 7, "title": "seven"})
    progress: list[tuple[int, int]] = []
    summary = jsonfile.import_data(store, data, progress=lambda d, t: progress.append((d, t)))
    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 2)
    assert store.item(1).title == "one, renamed" and store.item(7).title == "seven"
    assert progress[-1] == (4, 4)


def test_dry_run_changes_nothing(open_store):
    store = open_store()
    actions.capture(store, "task: two", TODAY)
    data = jsonfile.export_data(store)
    data["items"][0]["title"] = "changed"
    summary = jsonfile.import_data(store, data, dry_run=True)
    assert summary.updated == 1
    assert store.item(1).title == "two"


def test_unknown_keys_survive(open_store):
    store = open_store()
    actions.capture(store, "task: two", TODAY)
    data = jsonfile.export_data(store)
    data["items"][0]["from_the_future"] = {"x": 1}
    jsonfile.import_data(store, data)
    assert jsonfile.export_data(store)["items"][0]["from_the_future"] == {"x": 1}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"format": "other", "version": 1}, '"format"'),
        ({"format": "collab-tui", "version": 2}, "version 2"),
        ({"format": "collab-tui", "version": "1"}, '"version"'),
        ({"format": "collab-tui", "version": 1, "items": {}}, '"items" must be a list'),
        ({"format": "collab-tui", "version": 1, "items": [{"title": "x"}]}, "items[1]: id"),
        ({"format": "collab-tui", "version": 1, "items": [{"id": 1}]}, "(id 1): title: is missing"),
        (
            {
                "format": "collab-tui",
                "version": 1,
                "items": [{"id": 1, "title": "x"}, {"id": 1, "title": "y"}],
            },
            "appears twice",
        ),
        (
            {
                "format": "collab-tui",
                "version": 1,
                "items": [{"id": 1, "title": "x", "due": "soon"}],
            },
            "items[1] (id 1)",
        ),
        (
            {
                "format": "collab-tui",
                "version": 1,
                "items": [{"id": 1, "title": "x", "kind": "chore"}],
            },
            "items[1] (id 1)",
        ),
        (
            {
                "format": "collab-tui",
                "version": 1,
                "contacts": [{"id": 1, "name": "x", "kpis": [3]}],
            },
            "contacts[1] (id 1): kpis: entry 1: must be text, not 3",
        ),
        (
            {
                "format": "collab-tui",
                "version": 1,
                "interactions": [{"id": 1, "date": "2026-01-01", "contact_ids": ["a"]}],
            },
            "contact_ids: entry 1: must be a whole number, not 'a'",
        ),
    ],
)
def test_invalid_files_are_refused_whole(open_store, data, message):
    store = open_store()
    actions.capture(store, "task: keep me", TODAY)
    before = jsonfile.export_data(store)
    with pytest.raises(ValueError) as error:
        jsonfile.import_data(store, data)
    assert message in str(error.value)
    after = jsonfile.export_data(store)
    assert all(after[key] == before[key] for key in SECTIONS)
