"""Reading the log a month at a time, newest first, without keeping the history files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest

from collab_tui.model import Interaction, Item, Kind, Status
from collab_tui.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = tmp_path / "data" / "collab.json"
    with Store.open(db) as writer, writer.batch():
        for month in range(1, 13):
            for day in (3, 17):
                writer.add(Interaction(date=date(2025, month, day), summary=f"{month}/{day}"))
        done = writer.add(Item(title="closed in March", kind=Kind.TASK))
    with Store.open(db) as closer:  # closed now: this month's file holds only an item
        done.status = Status.DONE
        closer.update(done)
    reader = Store.open(db)
    yield reader
    reader.close()


def test_months_come_newest_first_each_newest_first(store: Store) -> None:
    months = [(m, rs) for m, rs in store.interactions_by_month() if rs]
    assert [m for m, _ in months] == [f"2025-{n:02d}" for n in range(12, 0, -1)]
    for month, records in months:
        assert [r.date for r in records] == [
            date.fromisoformat(f"{month}-17"),
            date.fromisoformat(f"{month}-03"),
        ]
    assert sorted(r.id for _, rs in months for r in rs) == [r.id for r in store.interactions()]


def test_the_streaming_read_leaves_no_history_file_cached(store: Store) -> None:
    assert sum(len(records) for _, records in store.interactions_by_month()) == 24
    assert store._segments == {} and store._cold_index is None
    store.interactions()  # the whole-log read keeps them all, for comparison
    assert len(store._segments) >= 12


def test_before_and_since_bound_the_months(store: Store) -> None:
    assert [m for m, _ in store.interactions_by_month(before="2025-04")] == [
        "2025-03",
        "2025-02",
        "2025-01",
    ]
    found = [m for m, rs in store.interactions_by_month(since="2025-11") if rs]
    assert found == ["2025-12", "2025-11"]
    first = next(store.interactions_by_month(before="2026-01"))  # stopping reads no more
    assert first[0] == "2025-12" and store._segments == {}


def test_a_damaged_record_is_left_out_and_the_file_left_alone(store: Store) -> None:
    segment = store.history / "2025-05.json"
    data = orjson.loads(segment.read_bytes())
    doc_id = next(iter(data["interactions"]))
    data["interactions"][doc_id]["date"] = "not a date"
    raw = orjson.dumps(data)
    segment.write_bytes(raw)
    months = dict(store.interactions_by_month())
    assert [r.summary for r in months["2025-05"]] == ["5/17", "5/3"][: len(months["2025-05"])]
    assert len(months["2025-05"]) == 1
    assert segment.read_bytes() == raw  # nothing written: the damaged record is not lost


def test_the_history_by_file_is_read_under_one_lock(store: Store) -> None:
    """An export reads every file under the lock: another process's save (an item
    reopened moves from a month into the hot file) waits for the last one."""
    from collab_tui.store import StoreLocked

    files = store.history_by_file()
    first = next(files)
    assert first["interactions"] == {} and first["items"] == {}  # the hot file: no items
    with pytest.raises(StoreLocked):
        with Store.open(store.path, lock_timeout=0.2) as other:
            other.add(Item(title="written during the export"))
    rest = list(files)
    assert sum(len(f["interactions"]) for f in rest) == 24
    assert [d["title"] for f in rest for d in f["items"].values()] == ["closed in March"]
    assert store._segments == {}  # read and let go
    with Store.open(store.path, lock_timeout=0.2) as other:  # free again
        other.add(Item(title="after the export"))
