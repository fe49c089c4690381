"""CSV export: one row per record, readable lists, no formulas a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from collab_tui.interop.csvfile import (
    CONTACT_COLUMNS,
    ITEM_COLUMNS,
    LOG_COLUMNS,
    export_csv,
    safe_cell,
)
from collab_tui.model import Contact, Interaction, Item, Kind, Rating, Stance, Status


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def filled(store):
    boss = store.add(Contact(name="王大明", title="Director"))
    lan = store.add(
        Contact(
            name="小蓝",
            aliases=["Lan", "Lanlan"],
            boss_id=boss.id,
            stance=Stance.EAGER,
            kpis=["lead time", '=HYPERLINK("http://evil")'],
            notes="line one\nline two, with comma",
            email="lan@example.com",
            phone="+86 138 0013 8000",
        )
    )
    spec = store.add(
        Item(
            title="=1+2 send spec",
            kind=Kind.OWE,
            important=True,
            due=date(2026, 11, 25),
            contact_ids=[lan.id, boss.id],
            tags=["orders", "spec"],
            notes='she said "asap"',
        )
    )
    store.add(
        Item(
            title="approval API may slip",
            kind=Kind.RISK,
            likelihood=Rating.HIGH,
            impact=Rating.MEDIUM,
            mitigation="-ask for a slot early",
            review=date(2026, 12, 1),
        )
    )
    store.add(Item(title="@done thing", status=Status.DONE))
    store.add(
        Interaction(
            date=date(2026, 11, 20),
            summary="+fix the bug instead",
            contact_ids=[lan.id],
            decisions=["no new API", "retest by Friday"],
            item_ids=[spec.id],
        )
    )
    return store


def test_items_table(filled):
    table = rows(export_csv(filled, "items"))
    assert list(table[0]) == ITEM_COLUMNS
    assert [r["id"] for r in table] == ["1", "2", "3"]  # closed items too
    spec = table[0]
    assert spec["title"] == "'=1+2 send spec"
    assert spec["kind"] == "owe" and spec["important"] == "yes" and spec["urgent"] == ""
    assert spec["due"] == "2026-11-25"
    assert spec["contacts"] == "小蓝; 王大明"
    assert spec["tags"] == "orders; spec"
    assert spec["notes"] == 'she said "asap"'
    assert spec["created"].startswith("20")  # ISO 8601
    risk = table[1]
    assert (risk["likelihood"], risk["impact"], risk["review"]) == ("high", "medium", "2026-12-01")
    assert risk["mitigation"] == "'-ask for a slot early"
    assert table[2]["title"] == "'@done thing" and table[2]["status"] == "done"
    assert table[2]["closed"]


def test_contacts_table(filled):
    table = rows(export_csv(filled, "contacts"))
    assert list(table[0]) == CONTACT_COLUMNS
    lan = table[1]
    assert lan["name"] == "小蓝" and lan["boss"] == "王大明"
    assert lan["aliases"] == "Lan; Lanlan"
    assert lan["stance"] == "eager" and lan["side"] == ""
    assert lan["kpis"] == 'lead time; =HYPERLINK("http://evil")'  # not at the start: harmless
    assert lan["notes"] == "line one\nline two, with comma"
    assert lan["phone"] == "'+86 138 0013 8000"


def test_log_table(filled):
    table = rows(export_csv(filled, "log"))
    assert list(table[0]) == LOG_COLUMNS
    (entry,) = table
    assert entry["date"] == "2026-11-20" and entry["kind"] == "meeting"
    assert entry["contacts"] == "小蓝"
    assert entry["summary"] == "'+fix the bug instead"
    assert entry["decisions"] == "no new API; retest by Friday"
    assert entry["items"] == "'=1+2 send spec"


def test_empty_store_gives_just_the_header(store):
    assert export_csv(store, "items") == ",".join(ITEM_COLUMNS) + "\r\n"


def test_a_bom_only_when_asked_and_only_once(filled):
    plain = export_csv(filled, "contacts")
    marked = export_csv(filled, "contacts", bom=True)
    assert not plain.startswith("\ufeff")
    assert marked == "\ufeff" + plain
    # What a spreadsheet does with the BOM: it reads UTF-8 and drops the mark.
    table = rows(marked.encode("utf-8").decode("utf-8-sig"))
    assert list(table[0])[0] == "id"
    assert [row["name"] for row in table] == ["王大明", "小蓝"]


def test_unknown_table_is_a_value_error(store):
    with pytest.raises(ValueError, match="items, contacts, log"):
        export_csv(store, "people")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (True, "yes"),
        (7, "7"),
        (date(2026, 1, 2), "2026-01-02"),
        (["a", "b"], "a; b"),
        (["=x", "y"], "'=x; y"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
