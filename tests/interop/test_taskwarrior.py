"""Import from `task export` (the fixture was written by taskwarrior 2.6.2 in Asia/Shanghai)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from collab_tui import triage
from collab_tui.interop import jsonfile
from collab_tui.interop.taskwarrior import (
    EXTRA_KEY,
    UUID_KEY,
    import_taskwarrior,
    local_zone_name,
    named_zone,
    read_tasks,
)
from collab_tui.model import Item, Kind, Status

from .conftest import DATA

SHANGHAI = ZoneInfo("Asia/Shanghai")
EXPORT = DATA / "taskwarrior-export.json"


def items_by_title(store) -> dict[str, Item]:
    return {i.title: i for i in store.items(active_only=False)}


def snapshot(store) -> dict:
    data = jsonfile.export_data(store)
    data.pop("exported")
    return data


def test_the_real_export_maps_onto_items(store):
    summary = import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    assert summary.added == 8
    assert summary.skipped == [
        (
            "task 5 (Weekly status report)",
            "a recurrence template; its pending instances are imported",
        )
    ]
    items = items_by_title(store)
    spec = items["Send revised spec to Lan"]
    assert spec.kind is Kind.TASK and spec.status is Status.OPEN
    assert spec.due == date(2026, 12, 3)  # 20261202T160000Z is midnight in Shanghai
    assert spec.important is True  # priority H
    assert spec.tags == ["spec", "orders.payment"]  # project as a tag
    assert spec.extra[UUID_KEY] == "cf321903-da16-4e3e-901a-8f614acc9776"
    assert spec.created == datetime(2026, 11, 23, 17, 10, 4, tzinfo=UTC)  # entry

    review = items["Review approval API draft"]
    assert review.important is False  # priority M
    assert review.notes == "2026-11-24: Lan says the draft is on the wiki"
    slot = items["Book joint debugging slot with 小明"]
    assert slot.tags == ["debug", "小明"]
    assert slot.notes == "2026-11-24: 小明's team has no slot before December"
    assert slot.due is None
    assert items["Chase integration test plan"].status is Status.OPEN  # waiting until a date
    assert items['Fix "quoted" title, with comma; and = sign'].tags == ["misc"]

    kickoff = items["Old kickoff deck"]
    assert kickoff.status is Status.DONE
    assert kickoff.closed == datetime(2026, 11, 23, 17, 10, 4, tzinfo=UTC)
    laptop = items["Order new laptop"]
    assert laptop.status is Status.DROPPED and laptop.closed is not None


def test_reimport_updates_instead_of_duplicating(store):
    import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    before = snapshot(store)
    again = import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 8)
    assert snapshot(store) == before


def test_a_newer_export_updates_and_records_the_slip(store):
    import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    tasks = json.loads(EXPORT.read_text())
    spec = next(t for t in tasks if t["description"] == "Send revised spec to Lan")
    spec["due"] = "20261209T160000Z"
    spec["status"] = "completed"
    spec["end"] = "20261205T100000Z"
    summary = import_taskwarrior(store, json.dumps(tasks), tz=SHANGHAI)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 7)
    item = items_by_title(store)["Send revised spec to Lan"]
    assert item.due == date(2026, 12, 10)
    assert item.due_history == [date(2026, 12, 3)]
    assert item.status is Status.DONE
    assert item.closed == datetime(2026, 12, 5, 10, tzinfo=UTC)


def test_what_collab_added_survives_a_reimport(store):
    import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    item = items_by_title(store)["Review approval API draft"]
    item.kind = Kind.WAIT
    item.contact_ids = []
    store.put(item)
    import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    assert items_by_title(store)["Review approval API draft"].kind is Kind.WAIT


def test_one_object_per_line_is_accepted(store):
    lines = "\n".join(json.dumps(t, ensure_ascii=False) for t in json.loads(EXPORT.read_text()))
    assert import_taskwarrior(store, lines, tz=SHANGHAI).added == 8


def test_older_taskwarrior_format_with_waiting_status():
    # taskwarrior 2.4/2.5: one object per line with a trailing comma, status "waiting".
    text = (
        '{"uuid":"a-1","description":"later","status":"waiting","entry":"20250101T000000Z",'
        '"wait":"20250301T000000Z"},\n'
        '{"uuid":"a-2","description":"now","status":"pending"}\n'
    )
    tasks = read_tasks(text)
    assert [t["uuid"] for t in tasks] == ["a-1", "a-2"]


def test_a_single_object_is_one_task(store):
    summary = import_taskwarrior(store, '{"uuid": "x", "description": "one"}', tz=SHANGHAI)
    assert summary.added == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("not json at all", "line 1 is not JSON"),
        ('[{"uuid": "x"', "line 1 is not JSON"),
        ("BEGIN:VCARD\nFN:x\nEND:VCARD", "line 1 is not JSON"),
    ],
)
def test_unreadable_input_is_a_value_error_and_stores_nothing(store, text, message):
    store.add(Item(title="kept"))
    before = snapshot(store)
    with pytest.raises(ValueError, match=message):
        import_taskwarrior(store, text)
    assert snapshot(store) == before


def test_not_utf8_is_a_value_error(store):
    with pytest.raises(ValueError, match="not UTF-8"):
        import_taskwarrior(store, b'[{"description": "caf\xe9"}]')


def test_bad_tasks_are_skipped_with_reasons(store):
    tasks = [
        {"uuid": "1", "description": "fine", "due": "20261201T000000Z"},
        {"uuid": "2", "description": "bad date", "due": "tomorrow"},
        {"uuid": "3"},
        {"description": "no uuid"},
        {"uuid": "5", "description": "odd", "status": "archived"},
        "not an object",
        {"uuid": "1", "description": "fine again"},
    ]
    summary = import_taskwarrior(store, json.dumps(tasks), tz=UTC)
    assert summary.added == 1
    assert summary.skipped == [
        ("task 2 (bad date)", "'tomorrow' is not a taskwarrior date"),
        ("task 3", "it has no description"),
        ("task 4 (no uuid)", "it has no uuid"),
        ("task 5 (odd)", "unknown status 'archived'"),
        ("task 6", "expected a JSON object, got str"),
        ("task 7 (fine again)", "the same uuid appears earlier in the file"),
    ]
    (item,) = store.items()
    assert item.due == date(2026, 12, 1)


def test_progress(store):
    calls = []
    import_taskwarrior(store, EXPORT.read_bytes(), progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (8, 8) and len(calls) == 8


def test_a_collab_backup_is_not_a_taskwarrior_export(store):
    with pytest.raises(ValueError, match="no task in it can be used .task 1: it has no uuid"):
        import_taskwarrior(store, '{"format": "collab-tui", "version": 1}')


def test_an_empty_export_imports_nothing(store):
    assert import_taskwarrior(store, "[\n]\n").total == 0


def test_dry_run_stores_nothing_and_says_what_it_would_do(store):
    dry = import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged, len(dry.skipped)) == (8, 0, 0, 1)
    assert store.items(active_only=False) == []
    assert "add task 1 (Send revised spec to Lan)" in dry.lines()

    import_taskwarrior(store, EXPORT.read_bytes(), tz=SHANGHAI)
    before = snapshot(store)
    saved = store.path.read_bytes()
    tasks = json.loads(EXPORT.read_text("utf-8"))
    tasks[0]["due"] = "20261209T160000Z"  # re-dated
    tasks[7]["status"] = "pending"  # reopened
    tasks.append({"uuid": "new-1", "description": "Brand new", "status": "pending"})
    dry = import_taskwarrior(store, json.dumps(tasks), tz=SHANGHAI, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged, len(dry.skipped)) == (1, 2, 6, 1)
    assert dry.lines() == [
        "update task 1 (Send revised spec to Lan) (due)",
        "leave task 2 (Review approval API draft) alone (unchanged)",
        "leave task 3 (Book joint debugging slot with 小明) alone (unchanged)",
        "leave task 4 (Chase integration test plan) alone (unchanged)",
        'leave task 6 (Fix "quoted" title, with comma; and = s…) alone (unchanged)',
        "leave task 7 (Weekly status report) alone (unchanged)",
        "update task 8 (Old kickoff deck) (status)",
        "leave task 9 (Order new laptop) alone (unchanged)",
        "add task 10 (Brand new)",
        "skip task 5 (Weekly status report): a recurrence template; its pending instances "
        "are imported",
    ]
    assert snapshot(store) == before
    assert store.path.read_bytes() == saved
    real = import_taskwarrior(store, json.dumps(tasks), tz=SHANGHAI)
    assert (real.added, real.updated, real.unchanged) == (dry.added, dry.updated, dry.unchanged)


# --- time zones, wait, and what collab-tui keeps for taskwarrior -------------------------

EXTRA = DATA / "taskwarrior-3-extra.json"  # taskwarrior 3.x, with depends, UDAs, wait


def test_the_zone_is_recorded_and_reused_wherever_the_next_import_runs(store, monkeypatch):
    import_taskwarrior(store, EXPORT.read_bytes(), tz="Asia/Shanghai")
    before = snapshot(store)
    assert items_by_title(store)["Send revised spec to Lan"].extra[EXTRA_KEY]["tz"] == (
        "Asia/Shanghai"
    )
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # the machine moved, or another one
    again = import_taskwarrior(store, EXPORT.read_bytes())
    assert (again.added, again.updated, again.unchanged) == (0, 0, 8)
    assert snapshot(store) == before
    # A task new to this store gets the zone of the earlier import too.
    new = [{"uuid": "n-1", "description": "new", "due": "20261202T160000Z"}]
    import_taskwarrior(store, json.dumps(new))
    assert items_by_title(store)["new"].due == date(2026, 12, 3)


def test_the_first_import_reads_dates_in_the_machines_zone(store, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    import_taskwarrior(store, EXPORT.read_bytes())
    spec = items_by_title(store)["Send revised spec to Lan"]
    assert spec.due == date(2026, 12, 2)  # 16:00 UTC is 11:00 in New York
    assert spec.extra[EXTRA_KEY]["tz"] == "America/New_York"
    assert local_zone_name() == "America/New_York"


def test_tz_corrects_the_dates_without_faking_a_slip(store):
    import_taskwarrior(store, EXPORT.read_bytes(), tz="UTC")  # the wrong zone
    assert items_by_title(store)["Send revised spec to Lan"].due == date(2026, 12, 2)
    fixed = import_taskwarrior(store, EXPORT.read_bytes(), tz="Asia/Shanghai")
    assert fixed.updated == 8  # the zone is recorded on every task
    spec = items_by_title(store)["Send revised spec to Lan"]
    assert spec.due == date(2026, 12, 3) and spec.due_history == []


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "+8", "../etc/passwd"])
def test_a_bad_zone_is_a_value_error(store, zone):
    with pytest.raises(ValueError, match="is not a time zone"):
        import_taskwarrior(store, EXPORT.read_bytes(), tz=zone)
    assert store.items(active_only=False) == []


def test_fixed_offsets_and_zone_objects_are_accepted(store):
    import_taskwarrior(store, EXPORT.read_bytes(), tz="+08:00")
    spec = items_by_title(store)["Send revised spec to Lan"]
    assert spec.due == date(2026, 12, 3) and spec.extra[EXTRA_KEY]["tz"] == "+08:00"
    assert named_zone("-05:30").utcoffset(None) == -timedelta(hours=5, minutes=30)


def test_wait_hides_the_item_until_that_day(store):
    import_taskwarrior(store, EXTRA.read_bytes(), tz=SHANGHAI)
    debugging = items_by_title(store)["Joint debugging with 小明"]
    assert debugging.hidden_until == date(2026, 12, 2)  # waits until Dec 2 in Shanghai
    settings = store.settings

    def in_matrix(today: date) -> bool:
        quadrants = triage.matrix(store.items(), today, settings).values()
        return debugging.title in [i.title for q in quadrants for i in q]

    def in_review(today: date) -> bool:
        agenda = triage.agenda(store.items(), [], [], today, settings)
        listed = agenda.overdue + agenda.due_today + agenda.do_now
        return debugging.title in [i.title for i in listed]

    assert not in_matrix(date(2026, 11, 24)) and not in_matrix(date(2026, 12, 1))
    assert in_matrix(date(2026, 12, 2))
    # Due Dec 8: on that day it would be in the review, unless still hidden.
    assert in_review(date(2026, 12, 8))
    debugging.hidden_until = date(2026, 12, 9)
    store.put(debugging)
    assert not in_review(date(2026, 12, 8)) and in_review(date(2026, 12, 9))


def test_scheduled_start_until_depends_and_custom_fields_are_kept(store):
    import_taskwarrior(store, EXTRA.read_bytes(), tz=SHANGHAI)
    items = items_by_title(store)
    assert items["Agree milestones with 小蓝"].extra[EXTRA_KEY] == {
        "tz": "Asia/Shanghai",
        "scheduled": "20261126T160000Z",
        "start": "20261124T013000Z",
        "uda": {"estimate": "PT2H", "client": "示例公司"},
    }
    assert items["Joint debugging with 小明"].extra[EXTRA_KEY]["depends"] == [
        "0f6c1d2e-1111-4a0b-9c3d-5e6f7a8b9c01",
        "0f6c1d2e-3333-4a0b-9c3d-5e6f7a8b9c03",
    ]
    assert items["Collect approval result"].extra[EXTRA_KEY]["until"] == "20261231T160000Z"
    # Through a backup and back, and a re-import: nothing changes.
    backup = jsonfile.export_data(store)
    before = snapshot(store)
    assert import_taskwarrior(store, EXTRA.read_bytes()).unchanged == 3
    assert snapshot(store) == before
    assert {i["title"]: i for i in backup["items"]}["Agree milestones with 小蓝"]["taskwarrior"][
        "uda"
    ] == {"estimate": "PT2H", "client": "示例公司"}


def test_a_changed_custom_field_is_named_in_the_dry_run(store):
    import_taskwarrior(store, EXTRA.read_bytes(), tz=SHANGHAI)
    tasks = json.loads(EXTRA.read_text("utf-8"))
    tasks[0]["estimate"] = "PT4H"
    tasks[1]["wait"] = "20261203T160000Z"
    tasks[1]["depends"] = "0f6c1d2e-1111-4a0b-9c3d-5e6f7a8b9c01"  # the 2.5 form: a string
    dry = import_taskwarrior(store, json.dumps(tasks), dry_run=True)
    assert dry.lines()[:2] == [
        "update task 1 (Agree milestones with 小蓝) (uda)",
        "update task 2 (Joint debugging with 小明) (hidden_until, depends)",
    ]


def test_bad_depends_skips_the_task(store):
    tasks = [{"uuid": "1", "description": "x", "depends": [1, 2]}]
    with pytest.raises(ValueError, match="depends is not a list of uuids"):
        import_taskwarrior(store, json.dumps(tasks), tz=UTC)
