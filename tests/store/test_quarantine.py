"""Damaged records are set aside at load (never lost); bad records are refused at save."""

from __future__ import annotations

import orjson
import pytest

from collab_tui.interop import jsonfile
from collab_tui.model import Contact, Item, Settings, Status
from collab_tui.store import Store
from collab_tui.store.errors import RecordInvalid


def deep(levels: int) -> list:
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.fixture
def path(tmp_path):
    return tmp_path / "collab.json"


def edit_file(path, change) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def seed(path) -> None:
    with Store.open(path) as store:
        store.add(Contact("Lee"))
        store.add(Item("send the spec", contact_ids=[1]))
        store.add(Item("book the room"))
        done = store.add(Item("old work"))
        done.status = Status.DONE
        store.update(done)  # item 3 now lives in a history segment


def test_case7_a_bad_date_in_the_main_file_is_set_aside_and_kept(path):
    seed(path)
    edit_file(path, lambda d: d["items"]["1"].update(due="not-a-date"))

    with Store.open(path) as store:
        assert [i.id for i in store.items()] == [2]
        assert store.item(1) is None
        assert [tuple(p)[1:] for p in store.problems] == [
            ("items", "1", "due", "'not-a-date' is not a date (YYYY-MM-DD)")
        ]
        assert str(store.problems[0]).startswith("collab.json items #1 due: ")
        exported = jsonfile.export_data(store)  # export of the rest works
        assert [i["id"] for i in exported["items"]] == [2, 3]
        store.add(Item("captured after"))  # saving rewrites the main file...

    on_disk = orjson.loads(path.read_bytes())["items"]
    assert on_disk["1"]["due"] == "not-a-date"  # ...with the damaged record as it was
    assert on_disk["1"]["title"] == "send the spec"
    assert sorted(on_disk) == ["1", "2", "4"]


def test_damaged_record_in_a_history_segment_is_set_aside_and_kept(path):
    seed(path)
    segment = next((path.parent / "collab.history").glob("*.json"))
    edit_file(segment, lambda d: d["items"]["3"].update(tags=None))
    with Store.open(path) as store:
        assert [i.id for i in store.items(active_only=False)] == [1, 2]
        assert [(p.file, p.id, p.field) for p in store.problems] == [(segment, "3", "tags")]
        moved = store.item(2)
        moved.status = Status.DONE
        store.update(moved)  # rewrites the same segment
    assert orjson.loads(segment.read_bytes())["items"]["3"]["tags"] is None


def test_a_record_too_deep_to_write_with_orjson_is_still_written_back(path):
    seed(path)
    text = path.read_text()
    deep = "[" * 600 + "]" * 600
    path.write_text(text.replace('"title":"book the room"', f'"deep":{deep},"title":"x"', 1))
    with Store.open(path) as store:
        assert [p.id for p in store.problems] == ["2"]
        store.add(Item("another"))
    assert deep in path.read_text().replace(" ", "")


def test_bad_settings_read_as_defaults_and_stay_until_repaired(path):
    seed(path)
    edit_file(path, lambda d: d["meta"]["1"]["settings"].update(urgency_horizon_days=10**12))
    with Store.open(path) as store:
        assert store.settings == Settings(urgency_horizon_days=2, cold_after_days=14)
        assert [(p.table, p.field) for p in store.problems] == [
            ("settings", "urgency_horizon_days")
        ]
        store.add(Item("still saves"))
    meta = orjson.loads(path.read_bytes())["meta"]["1"]
    assert meta["settings"]["urgency_horizon_days"] == 10**12


@pytest.mark.parametrize(
    "record",
    [
        Item("x" * 1001),
        Item("tags", tags=None),  # type: ignore[arg-type]
        Item("link", contact_ids=[2**40]),
        Item("deep", extra={"nest": deep(80)}),
        Item("huge", extra={"n": 10**30}),
        Contact("Lee", notes="n" * 100_001),
    ],
)
def test_bad_records_are_refused_and_nothing_is_written(path, record):
    seed(path)
    before = path.read_bytes()
    with Store.open(path) as store:
        with pytest.raises(RecordInvalid) as error:
            store.add(record)
        assert "was not saved" in str(error.value)
        assert "Nothing was changed" in str(error.value)
        assert isinstance(error.value, ValueError)  # the CLI: a clean message, exit 2
    assert path.read_bytes() == before


def test_update_and_put_are_checked_too(path):
    seed(path)
    with Store.open(path) as store:
        item = store.item(1)
        item.due_history = ["soon"]  # type: ignore[list-item]
        with pytest.raises(RecordInvalid, match="Item 1 was not saved: due_history"):
            store.update(item)
        with pytest.raises(RecordInvalid, match="Item 99"):
            store.put(Item("x", id=99, notes=None))  # type: ignore[arg-type]
        with pytest.raises(RecordInvalid, match="urgency_horizon_days"):
            store.update_settings(Settings(urgency_horizon_days=10**12))
        assert store.item(99) is None
        assert store.settings == Settings()


@pytest.mark.parametrize(
    "poison",
    [
        lambda d: d["items"][0].update(tags=None),
        lambda d: d["settings"].update(urgency_horizon_days=10**12),
        lambda d: d["items"][0].update(id=10**30),
        lambda d: d["items"][0].update(nested=deep(300)),
    ],
)
def test_case6_poison_backups_are_refused_whole(path, poison):
    seed(path)
    with Store.open(path) as store:
        backup = jsonfile.export_data(store)
        poison(backup)
        before = path.read_bytes()
        with pytest.raises(ValueError, match="Nothing was imported"):
            jsonfile.import_data(store, backup)
        assert path.read_bytes() == before
        assert len(store.items(active_only=False)) == 3
        assert store.problems == []


def test_a_segment_checked_before_is_not_checked_again_until_its_bytes_change(path, monkeypatch):
    from collab_tui.store import quarantine

    calls: list[str] = []
    real = quarantine.screen

    def counting(file, data, hot):
        calls.append(file.name)
        return real(file, data, hot)

    monkeypatch.setattr(quarantine, "screen", counting)
    seed(path)  # closing item 3 wrote its history segment
    segment = next((path.parent / "collab.history").glob("*.json"))
    calls.clear()
    with Store.open(path) as store:
        store.items(active_only=False)
    assert segment.name not in calls  # written by the store: its digest is on record
    # A change by hand (here: a record broken in place) is checked again, and caught.
    edit_file(segment, lambda d: d["items"]["3"].update(due="not-a-date"))
    with Store.open(path) as store:
        store.items(active_only=False)
        assert segment.name in calls
        assert [(p.file, p.id, p.field) for p in store.problems] == [(segment, "3", "due")]


def test_a_refused_record_says_what_is_wrong_in_chinese(path):
    from collab_tui import words

    seed(path)
    words.set_language("zh")
    try:
        with Store.open(path) as store:
            with pytest.raises(RecordInvalid) as error:
                store.add(Item("x" * 1_001, tags=["ok", "t" * 1_001]))
    finally:
        words.set_language(None)
    assert str(error.value).endswith(
        "title：长达 1,001 个字符，最多 1,000 个；tags：第2项：长达 1,001 个字符，最多 1,000 个。"
        "未做任何更改。"
    )
    assert error.value.problems[0].field == "title"  # the field's name stays as stored
