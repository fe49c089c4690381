"""Schema 3: projects and milestones in the hot file; schema 2 files migrate, with a backup;
a schema-2 reader refuses a file with projects; every new field is checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from collab_tui import validate
from collab_tui.model import Contact, Item, Milestone, Project, Role, Side
from collab_tui.store import Store, StoreTooNew, backups
from collab_tui.store import store as store_module
from collab_tui.store.migrations import SCHEMA_VERSION


@pytest.fixture
def db(tmp_path):
    return tmp_path / "collab.json"


def _as_schema_2(db) -> None:
    data = orjson.loads(db.read_bytes())
    for table in ("projects", "milestones"):
        del data[table]
        del data["meta"]["1"]["last_ids"][table]
    data["meta"]["1"]["schema_version"] = 2
    data["meta"]["1"].pop("records_digest", None)
    db.write_bytes(orjson.dumps(data))


def test_a_schema_2_file_migrates_after_a_backup(db):
    with Store.open(db) as store:
        lan = store.add(Contact("小蓝", side=Side.SUPPORTING))
        store.add(Item("approval API", tags=["orders"], contact_ids=[lan.id]))
    _as_schema_2(db)
    with Store.open(db) as store:
        assert store.projects() == [] and store.milestones() == []
        assert store.contacts()[0].side is Side.SUPPORTING  # the default every role falls back to
        project = store.add(Project("Order payment", tag="orders"))
        assert project.id == 1
        assert store.add(Milestone("API", date(2026, 12, 4), project_id=1)).id == 1
    data = orjson.loads(db.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 3
    assert data["meta"]["1"]["last_ids"]["projects"] == 1
    assert backups.snapshots(db), "the migration takes a backup first"


def test_one_step_to_schema_3_adds_meetings_projects_and_milestones(db):
    """The composed 2 -> 3 step runs both parts' steps; running it again changes nothing."""
    import copy

    from collab_tui.store.migrations import MIGRATIONS, _v2_to_v3

    assert MIGRATIONS[2] is _v2_to_v3
    with Store.open(db) as store:
        store.add(Contact("小蓝"))
    data = orjson.loads(db.read_bytes())
    for table in ("meetings", "projects", "milestones"):
        del data[table]
        del data["meta"]["1"]["last_ids"][table]
    data["meta"]["1"]["schema_version"] = 2
    data["meta"]["1"].pop("records_digest", None)
    once = _v2_to_v3(copy.deepcopy(data))
    assert all(once[table] == {} for table in ("meetings", "projects", "milestones"))
    assert {k: once["meta"]["1"]["last_ids"][k] for k in ("meetings", "projects")} == {
        "meetings": 0,
        "projects": 0,
    }
    assert _v2_to_v3(copy.deepcopy(once)) == once
    db.write_bytes(orjson.dumps(data))
    with Store.open(db) as store:
        assert store.meetings() == [] and store.projects() == [] and store.milestones() == []
        assert store.contacts()[0].name == "小蓝"
    assert orjson.loads(db.read_bytes())["meta"]["1"]["schema_version"] == 3


def test_a_file_with_projects_is_refused_by_a_schema_2_reader(db, monkeypatch):
    with Store.open(db) as store:
        store.add(Project("Order payment", tag="orders", roles=[Role(1)]))
    before = db.read_bytes()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    with pytest.raises(StoreTooNew) as info:
        Store.open(db)
    assert "newer" in str(info.value)
    assert db.read_bytes() == before


def test_projects_and_milestones_stay_in_the_hot_file(db):
    with Store.open(db) as store:
        store.add(Project("p", tag="p"))
        store.add(Milestone("m", date(2020, 1, 1), project_id=1, done=date(2020, 1, 2)))
    data = orjson.loads(db.read_bytes())
    assert list(data["projects"]) == ["1"] and list(data["milestones"]) == ["1"]


def _problems(table, **fields):
    base = {
        "projects": {"id": 1, "name": "p"},
        "milestones": {"id": 1, "name": "m", "project_id": 1, "baseline": "2026-12-04"},
    }[table]
    return {p.field for p in validate.check_record(table, {**base, **fields})}


def test_validate_checks_the_new_fields():
    assert _problems("projects") == set()
    assert _problems("projects", launch="soon") == {"launch"}
    assert _problems("projects", our_role="boss") == {"our_role"}
    assert _problems("projects", status="paused") == {"status"}
    assert _problems("projects", roles=[{"contact_id": 2, "flow": "upstream", "step": 1}]) == set()
    assert _problems("projects", roles=[{"side": "leading"}]) == {"roles"}
    assert _problems("projects", roles=[{"contact_id": 2, "level": "king"}]) == {"roles"}
    assert _problems("projects", roles=[{"contact_id": 2, "step": -1}]) == {"roles"}
    assert _problems("milestones") == set()
    assert _problems("milestones", baseline=None) == {"baseline"}
    assert _problems("milestones", forecast="2026-13-01") == {"forecast"}
    assert _problems("milestones", agreed_with=["小蓝"]) == {"agreed_with"}
    assert _problems("milestones", forecast_history=["x"]) == {"forecast_history"}
    missing = validate.check_record("milestones", {"id": 1, "name": "m"})
    assert {p.field for p in missing} == {"project_id", "baseline"}


def test_records_round_trip_exactly():
    project = Project("订单支付", id=1, launch=date(2026, 12, 31), roles=[Role(2, step=3)])
    milestone = Milestone(
        "接口定义", date(2026, 12, 4), project_id=1, id=1, forecast_history=[date(2026, 12, 1)]
    )
    assert Project.from_dict(project.to_dict()) == project
    assert Milestone.from_dict(milestone.to_dict()) == milestone
    assert not validate.check_record("projects", project.to_dict())
    assert not validate.check_record("milestones", milestone.to_dict())


def test_doctor_salvages_a_damaged_project_and_milestone():
    from collab_tui.store import doctor

    for table, doc, field in (
        ("projects", {"id": 1, "name": "p", "roles": [{"contact_id": 1, "level": "x"}]}, "roles"),
        ("milestones", {"id": 1, "name": "m", "project_id": 1, "baseline": "2026-12-04",
                        "forecast": "soon"}, "forecast"),
    ):  # fmt: skip
        problems = [
            doctor.Damage(Path("c.json"), table, "1", p.field, p.message)
            for p in validate.check_record(table, doc)
        ]
        fixed = doctor.salvage(table, doc, problems)
        assert fixed is not None and fixed[field] in ([], None)
