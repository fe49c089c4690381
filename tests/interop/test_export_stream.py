"""The JSON export streams the stored dicts: the same bytes as the object round trip.

``collab export --format json`` used to build every record (``from_dict``), clean it and
turn it back into a dict (``to_dict``) before writing; it now writes stored dicts that
are already in that form as they are, and in chunks. ``old_export`` below is the old
code path: every byte must match it, on ordinary data and on stored forms the round trip
changes (control characters, other timestamp spellings, missing or unknown keys).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from collab_tui import cli
from collab_tui.demo import write_demo
from collab_tui.interop import jsonfile
from collab_tui.model import Contact, Interaction, Item, Kind, Status, clean
from collab_tui.store import Store, durable, write_layout
from collab_tui.store.migrations import META_ID, new_meta

TODAY = date(2026, 11, 24)
STAMP = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


def old_export(store: Store, exported: datetime) -> bytes:
    """The export as it was written before streaming: records built, cleaned, dumped."""
    data: dict[str, Any] = {
        "format": "collab-tui",
        "version": 1,
        "exported": exported.isoformat(),
        "settings": store.settings.to_dict(),
    }
    for section, records in (
        ("contacts", store.contacts()),
        ("items", store.items(active_only=False)),
        ("interactions", store.interactions()),
        ("meetings", store.meetings()),
        ("escalations", store.escalations()),
        ("projects", store.projects()),
        ("milestones", store.milestones()),
    ):
        data[section] = [clean(r).to_dict() for r in sorted(records, key=lambda r: r.id)]
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def item_doc(id: int, **changes: Any) -> dict[str, Any]:
    doc = Item(title=f"item {id}", id=id, status=Status.DONE).to_dict()
    doc.update(created="2024-03-01T10:00:00+00:00", updated="2024-03-05T10:00:00+00:00")
    doc.update(closed="2024-03-05T10:00:00+00:00", uid=f"{id:032x}")
    doc.update(changes)
    return doc


def odd_docs() -> dict[str, dict[str, dict[str, Any]]]:
    """Stored forms the round trip rewrites, beside ordinary ones, in several months."""
    contact = Contact(name="小蓝", id=1, uid="c" * 32, created=STAMP, updated=STAMP).to_dict()
    dirty_contact = {**contact, "id": 2, "name": "Lan\x1b[31m", "kpis": ["a\x07", "ok"]}
    reordered = {key: contact[key] for key in reversed(contact)} | {"id": 3}
    items = {
        1: item_doc(1),  # ordinary: written as it is
        2: item_doc(2, title="bell\x07 and tab\there"),  # control characters: cleaned
        3: item_doc(3, notes="line\r\nnext\x1b"),  # multi-line field: \r\n and ESC
        4: item_doc(4, updated="2024-04-05T10:00:00Z", closed="2024-04-05T10:00:00Z"),
        5: item_doc(5, updated="2024-05-05T10:00:00.000000+00:00"),
        6: item_doc(6, closed="2024-06-05T10:00:00.123456+05:30", due="2024-06-01"),
        7: item_doc(7, due_history=["2024-05-01", "2024-05-20"], kind=Kind.RISK.value),
        8: {**item_doc(8), "from_the_future": {"x": 1}},  # an unknown key: kept
        9: {k: v for k, v in item_doc(9).items() if k not in ("mitigation", "review")},
        10: item_doc(10, tags=["q3", "合规\x9b"], likelihood="high", impact="low"),
        11: item_doc(11, status="open", closed=None, due="2026-12-01"),  # hot file
        # stored before Item.hidden_until existed: the field is filled in, no round trip
        12: {k: v for k, v in item_doc(12).items() if k != "hidden_until"},
    }
    entry = Interaction(date=date(2025, 1, 2), id=1, uid="e" * 32, created=STAMP).to_dict()
    entry["updated"] = entry["created"]
    interactions = {
        1: entry,
        2: {**entry, "id": 2, "date": "2025-02-03", "decisions": ["ship\x1b it"]},
        3: {**entry, "id": 3, "date": "2023-07-04", "summary": "多行\n总结"},
    }
    meta = new_meta()
    meta["last_ids"] = {"contacts": 3, "items": 12, "interactions": 3}
    return {
        "meta": {META_ID: meta},
        "contacts": {str(d["id"]): d for d in (contact, dirty_contact, reordered)},
        "items": {str(k): v for k, v in items.items()},
        "interactions": {str(k): v for k, v in interactions.items()},
    }


@pytest.fixture
def odd_store(tmp_path: Path):
    path = tmp_path / "collab.json"
    write_layout(path, odd_docs())
    with Store.open(path) as store:
        assert len(list(store.history.glob("*.json"))) >= 5  # spread over months
        assert store.problems == []  # every odd form is valid: none was set aside
        yield store


def test_odd_stored_forms_export_the_same_bytes(odd_store):
    expected = old_export(odd_store, STAMP)
    assert jsonfile.export_json(odd_store, exported=STAMP) == expected
    exported = orjson.loads(expected)
    assert exported["items"][1]["title"] == "bell and tab here"  # the round trip did clean


@pytest.mark.parametrize("per_chunk", [1, 2, 3, 1000])
def test_chunks_join_to_one_document_whatever_their_size(odd_store, monkeypatch, per_chunk):
    monkeypatch.setattr(jsonfile, "RECORDS_PER_CHUNK", per_chunk)
    chunks = list(jsonfile.export_chunks(odd_store, STAMP))
    assert b"".join(chunks) == old_export(odd_store, STAMP)


def test_the_export_keeps_no_history_file_and_settles_a_copy_left_in_two(odd_store):
    """The history is read a file at a time and let go; a record a crash left in two
    months is written once, the newer copy, as loading the history settles it."""
    from collab_tui.store import durable

    odd_store.close()
    path = odd_store.path
    months = sorted(odd_store.history.glob("*.json"))
    with_items = [m for m in months if orjson.loads(m.read_bytes()).get("items")]
    source, target = with_items[0], next(m for m in months if m != with_items[0])
    record_id, doc = next(iter(orjson.loads(source.read_bytes())["items"].items()))
    copy = {**doc, "title": "the newer copy", "updated": "2099-01-01T00:00:00+00:00"}
    other = orjson.loads(target.read_bytes())
    other.setdefault("items", {})[record_id] = copy
    durable.write_atomic(target, orjson.dumps(other))
    with Store.open(path) as store:
        data = orjson.loads(jsonfile.export_json(store, exported=STAMP))
        assert store._segments == {}  # nothing kept
        with Store.open(path) as loaded:
            assert data == orjson.loads(old_export(loaded, STAMP))  # as a full load has it
    ids = [row["id"] for row in data["items"]]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    assert next(r for r in data["items"] if r["id"] == int(record_id))["title"] == "the newer copy"


def test_demo_data_exports_the_same_bytes(tmp_path):
    with Store.open(tmp_path / "collab.json") as store:
        write_demo(store, TODAY)
        assert jsonfile.export_json(store, exported=STAMP) == old_export(store, STAMP)


def test_an_empty_store_exports_empty_sections(tmp_path):
    with Store.open(tmp_path / "collab.json") as store:
        assert jsonfile.export_json(store, exported=STAMP) == old_export(store, STAMP)


def test_export_data_is_the_callers_to_change(odd_store):
    data = jsonfile.export_data(odd_store, exported=STAMP)
    data["items"][0]["title"] = "changed"
    data["items"][0]["tags"].append("changed")
    assert odd_store.item(1).title == "item 1" and odd_store.item(1).tags == []


def test_the_command_writes_the_same_file_and_stdout(odd_store, tmp_path, capsysbinary):
    out = tmp_path / "backup.json"
    assert (
        cli.main(["--db", str(odd_store.path), "export", "--format", "json", "-o", str(out)]) == 0
    )
    assert cli.main(["--db", str(odd_store.path), "export", "--format", "json"]) == 0
    printed = capsysbinary.readouterr().out
    for written in (out.read_bytes(), printed):
        data = orjson.loads(written)
        assert written == old_export(odd_store, datetime.fromisoformat(data["exported"]))


def test_a_failing_stream_leaves_the_previous_file(tmp_path):
    target = tmp_path / "backup.json"
    target.write_bytes(b"previous")

    def chunks():
        yield b"half a "
        raise RuntimeError("broke while exporting")

    with pytest.raises(RuntimeError):
        durable.write_atomic(target, chunks(), mode=None)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]  # no temp file left


def test_an_import_spread_over_months_stores_what_the_export_said(odd_store, tmp_path):
    """A restore puts every record in its month and exports the very same records."""
    backup = jsonfile.export_json(odd_store, exported=STAMP)
    with Store.open(tmp_path / "restored" / "collab.json") as restored:
        summary = jsonfile.import_data(restored, orjson.loads(backup))
        assert (summary.added, summary.updated) == (18, 0)
        months = sorted(p.stem for p in restored.history.glob("*.json"))
        assert months == sorted({"2023-07", "2024-03", "2024-04", "2024-06", "2025-01", "2025-02"})
        again = jsonfile.export_json(restored, exported=STAMP)
    assert orjson.loads(again)["items"] == orjson.loads(backup)["items"]
    with Store.open(tmp_path / "restored" / "collab.json") as reopened:
        assert again == old_export(reopened, STAMP)


def test_only_records_the_round_trip_changes_are_built(odd_store, monkeypatch):
    expected = old_export(odd_store, STAMP)
    built: list[int] = []
    original = Item.from_dict.__func__  # type: ignore[attr-defined]

    def counting(cls, data):
        built.append(data["id"])
        return original(cls, data)

    monkeypatch.setattr(Item, "from_dict", classmethod(counting))
    assert jsonfile.export_json(odd_store, exported=STAMP) == expected
    assert sorted(built) == [2, 3, 4, 5, 8, 9, 10]  # 1, 6, 7, 11 and 12 are not built
