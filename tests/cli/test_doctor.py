"""Damaged data through the CLI: the warning, poison imports, and `collab doctor`."""

from __future__ import annotations

import json

import orjson


def edit(path, change) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def seed(collab) -> None:
    assert collab("add", "owe: send the signed contract @Lee due:fri").code == 0
    assert collab("add", "book the room").code == 0


def test_case7_one_bad_date_in_the_main_file_blocks_nothing(collab, tmp_path):
    seed(collab)
    edit(collab.db, lambda d: d["items"]["1"].update(due="not-a-date"))

    for command in (["today"], ["matrix"], ["who", "Lee"], ["export", "--format", "ics"]):
        result = collab(*command)
        assert result.code == 0, (command, result.err)
        assert result.err.count("collab: 1 damaged record is set aside") == 1
        assert "collab.json items #1 due: 'not-a-date' is not a date" in result.err
        assert "Run `collab doctor`." in result.err
    backup = tmp_path / "backup.json"
    assert collab("export", "--format", "json", "-o", str(backup)).code == 0
    assert [i["title"] for i in json.loads(backup.read_text())["items"]] == ["book the room"]
    assert collab("add", "after the damage").code == 0
    assert orjson.loads(collab.db.read_bytes())["items"]["1"]["due"] == "not-a-date"


def test_case6_poison_imports_are_refused_and_everything_still_works(collab, tmp_path):
    seed(collab)
    backup = tmp_path / "backup.json"
    assert collab("export", "--format", "json", "-o", str(backup)).code == 0
    good = json.loads(backup.read_text())
    poisons = {
        "tags": (lambda d: d["items"][0].update(tags=None), "items[1] (id 1): tags: must be"),
        "horizon": (lambda d: d["settings"].update(urgency_horizon_days=10**12), "settings"),
        "id": (lambda d: d["items"][0].update(id=10**30), "items[1]: id: a 31-digit number"),
    }
    for name, (poison, words) in poisons.items():
        data = json.loads(json.dumps(good))
        poison(data)
        bad = tmp_path / f"{name}.json"
        bad.write_text(json.dumps(data))
        result = collab("import", str(bad))
        assert result.code == 2, result.err
        assert words in result.err and "Nothing was imported" in result.err
        assert "Traceback" not in result.err
    text = backup.read_text()
    deep = tmp_path / "deep.json"
    deep.write_text(text.replace('"title"', '"x": ' + "[" * 5000 + "]" * 5000 + ', "title"', 1))
    result = collab("import", str(deep))
    assert (result.code, "Traceback" in result.err) == (2, False)
    assert "nested too deeply" in result.err

    for command in (["today"], ["matrix"], ["who", "Lee"], ["export", "--format", "ics"]):
        result = collab(*command)
        assert (result.code, result.err) == (0, ""), command


def test_doctor_reports_then_repairs_a_damaged_record(collab):
    seed(collab)
    assert collab("doctor").out.endswith("all is well (every file and record checked).\n")
    edit(collab.db, lambda d: d["items"]["1"].update(tags=None))

    report = collab("doctor")
    assert report.code == 1
    assert "collab.json items #1 is damaged (tags: must be a list, not null)" in report.out
    assert "Nothing was changed" in report.out
    assert orjson.loads(collab.db.read_bytes())["items"]["1"]["tags"] is None

    repaired = collab("doctor", "--repair")
    assert repaired.code == 0, repaired.out
    quarantine = orjson.loads((collab.db.parent / "collab.quarantine.json").read_bytes())
    [entry] = quarantine["records"]
    assert (entry["file"], entry["table"], entry["id"]) == ("collab.json", "items", "1")
    assert entry["record"]["title"] == "send the signed contract"
    assert entry["record"]["tags"] is None  # the original, as it was
    # Only its tags were damaged: the item stays in use, with no tags.
    assert "kept items #1 with tags reset to the default" in repaired.out
    kept = orjson.loads(collab.db.read_bytes())["items"]["1"]
    assert kept["title"] == "send the signed contract" and kept["tags"] == []
    assert collab("doctor").code == 0
    assert collab("today").err == ""


def test_doctor_cannot_guess_a_missing_title_so_it_quarantines_the_record(collab):
    seed(collab)
    edit(collab.db, lambda d: d["items"]["1"].pop("title"))
    report = collab("doctor")
    assert "move items #1 from collab.json into collab.quarantine.json" in report.out
    assert collab("doctor", "--repair").code == 0
    assert "1" not in orjson.loads(collab.db.read_bytes())["items"]
    quarantine = orjson.loads((collab.db.parent / "collab.quarantine.json").read_bytes())
    assert [entry["id"] for entry in quarantine["records"]] == ["1"]


def test_doctor_repairs_a_half_finished_close(collab):
    seed(collab)
    open_copy = orjson.loads(collab.db.read_bytes())["items"]["1"]
    assert collab("done", "1").code == 0
    # An older version crashed between the two writes of the close: the open copy is
    # still in the main file, the done copy already in history.
    edit(collab.db, lambda d: d["items"].update({"1": open_copy}))

    report = collab("doctor")
    assert report.code == 1
    assert "items #1 is stored twice, in collab.history/" in report.out
    assert collab("doctor", "--repair").code == 0
    assert "1" not in orjson.loads(collab.db.read_bytes())["items"]
    [segment] = (collab.db.parent / "collab.history").glob("*.json")
    assert orjson.loads(segment.read_bytes())["items"]["1"]["status"] == "done"
    assert collab("doctor").code == 0


def test_doctor_resets_bad_settings_and_removes_broken_links(collab):
    seed(collab)
    edit(collab.db, lambda d: d["meta"]["1"]["settings"].update(cold_after_days=-5))
    edit(collab.db, lambda d: d["items"]["2"].update(contact_ids=[77]))
    report = collab("doctor")
    assert report.code == 1
    assert "the setting cold_after_days is invalid: -5 is out of range (1 to 3650)" in report.out
    assert "item #2 contact_ids points to contacts #77, which does not exist" in report.out

    repaired = collab("doctor", "--repair")
    assert repaired.code == 0, repaired.out
    assert '"cold_after_days":-5' in repaired.out  # the old values are shown
    meta = orjson.loads(collab.db.read_bytes())["meta"]["1"]
    assert meta["settings"]["cold_after_days"] == 14
    assert orjson.loads(collab.db.read_bytes())["items"]["2"]["contact_ids"] == []
    assert collab("doctor").code == 0


def test_doctor_reports_leftover_temp_files(collab):
    seed(collab)
    leftover = collab.db.parent / ".collab.json.0123456789ab.tmp"
    leftover.write_text("half a save")
    report = collab("doctor")
    assert str(leftover) in report.out and "interrupted save" in report.out
    assert not leftover.exists()
    assert report.code == 0  # the store removes them when it opens: nothing left to do


def test_doctor_and_the_warning_name_the_damaged_field_in_chinese(collab):
    seed(collab)
    edit(collab.db, lambda d: d["items"]["1"].update(due="not-a-date", tags=None))

    report = collab("--lang", "zh", "doctor")
    assert report.code == 1
    assert "due：'not-a-date' 不是 YYYY-MM-DD 格式的日期" in report.out
    assert "tags：应为列表，不是 null" in report.out
    assert "collab.json 中的 items #1 已损坏（" in report.out
    assert "must be" not in report.out and "is not a date" not in report.out

    warned = collab("--lang", "zh", "today")
    assert warned.code == 0, warned.err
    assert "有1条损坏的记录已被隔离：collab.json 中 items #1 的 " in warned.err
    assert "not a date" not in warned.err and "must be" not in warned.err
    # English as before
    assert "(due: 'not-a-date' is not a date (YYYY-MM-DD); " in collab("doctor").out


def test_doctor_finds_links_to_deleted_records_in_every_kind_of_record(collab):
    """`after`, escalations, projects' roles and milestones too. A link a record cannot do
    without (an escalation's item, a milestone's project) is reported and left as is."""
    from datetime import date

    from collab_tui.model import Contact, Escalation, Item, Milestone, Project, Role
    from collab_tui.store import Store

    seed(collab)
    with Store.open(collab.db) as store:
        lee, item = store.contacts()[0], store.items()[0]
        ghost = store.add(Contact("Ghost"))
        waiting = store.add(Item("wait on it", after=[item.id, 999]))
        project = store.add(
            Project("Checkout", tag="checkout", roles=[Role(lee.id), Role(ghost.id)])
        )
        beta = store.add(Milestone("beta", date(2026, 12, 1), project_id=project.id,
                                   owner_id=ghost.id, agreed_with=[lee.id, ghost.id]))  # fmt: skip
        orphan = store.add(Milestone("orphan", date(2026, 12, 1), project_id=77))
        raised = store.add(
            Escalation(item_id=item.id, to_id=ghost.id, contact_ids=[lee.id, ghost.id])
        )
        lost = store.add(Escalation(item_id=555, problem="the approval API slips"))
        store.delete(ghost)

    report = collab("doctor")
    assert report.code == 1
    g = ghost.id
    for line in (
        f"item #{waiting.id} after points to items #999",
        f"project #{project.id} roles points to contacts #{g}",
        f"milestone #{beta.id} owner_id points to contacts #{g}",
        f"milestone #{beta.id} agreed_with points to contacts #{g}",
        f"escalation #{raised.id} to_id points to contacts #{g}",
        f"escalation #{raised.id} contact_ids points to contacts #{g}",
        f"milestone #{orphan.id} project_id points to projects #77",
        f"escalation #{lost.id} item_id points to items #555",
    ):
        assert line in report.out, line
    assert report.out.count("It is left as is") == 2

    repaired = collab("doctor", "--repair")
    assert repaired.code == 1  # the two it leaves are still wrong, and said so
    assert repaired.out.count("It is left as is") >= 2
    with Store.open(collab.db) as store:
        assert store.item(waiting.id).after == [item.id]
        assert [r.contact_id for r in store.project(project.id).roles] == [lee.id]
        kept = store.milestone(beta.id)
        assert (kept.owner_id, kept.agreed_with) == (None, [lee.id])
        escalation = store.escalation(raised.id)
        assert (escalation.to_id, escalation.contact_ids) == (None, [lee.id])
        assert store.escalation(lost.id).problem == "the approval API slips"  # kept
        assert store.milestone(orphan.id).project_id == 77


def test_doctor_checks_the_id_counters_of_projects_and_milestones(collab):
    """A counter behind its highest id would hand out an id twice: for every table."""
    assert collab("project", "add", "Checkout", "--tag", "checkout").code == 0
    assert collab("milestone", "add", "checkout", "beta", "--baseline", "2026-12-04").code == 0
    edit(collab.db, lambda d: d["meta"]["1"]["last_ids"].update(projects=0, milestones=0))
    report = collab("doctor")
    assert report.code == 1
    for table in ("projects", "milestones"):
        assert f"the id counter of {table}" in report.out, report.out
    assert collab("doctor", "--repair").code == 0
    last_ids = orjson.loads(collab.db.read_bytes())["meta"]["1"]["last_ids"]
    assert (last_ids["projects"], last_ids["milestones"]) == (1, 1)
