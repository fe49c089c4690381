"""Every exporter reports progress(done, total) and writes the same bytes with or without it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from collab_tui.interop import csvfile, ics, jsonfile, vcard
from collab_tui.model import Contact, Interaction, Item, Kind

TODAY = date(2026, 11, 24)
STAMP = datetime(2026, 11, 24, 9, 0).astimezone()


@pytest.fixture
def filled(store):
    with store.batch():
        people = [store.add(Contact(name=f"Person {n}", email=f"p{n}@x.org")) for n in range(5)]
        for n in range(7):
            due = date(2026, 12, n + 1) if n % 2 else None
            store.add(Item(title=f"item {n}", kind=Kind.OWE, due=due, contact_ids=[n % 5 + 1]))
        store.add(Item(title="a risk", kind=Kind.RISK, review=date(2026, 12, 9)))
        for n in range(3):
            store.add(Interaction(date=date(2026, 11, n + 1), summary=f"chat {n}",
                                  contact_ids=[people[n].id]))  # fmt: skip
    return store


EXPORTS = {
    "json": lambda s, p: jsonfile.export_data(s, exported=STAMP, progress=p),
    "vcf": lambda s, p: vcard.export_vcards(s.contacts(), progress=p),
    "ics": lambda s, p: ics.export_ics(s.items(), s.contacts(), TODAY, progress=p),
    "csv items": lambda s, p: csvfile.export_csv(s, "items", progress=p),
    "csv contacts": lambda s, p: csvfile.export_csv(s, "contacts", progress=p),
    "csv log": lambda s, p: csvfile.export_csv(s, "log", progress=p),
}
TOTALS = {"json": 16, "vcf": 5, "ics": 8, "csv items": 8, "csv contacts": 5, "csv log": 3}


@pytest.mark.parametrize("kind", EXPORTS)
def test_progress_counts_every_record_and_changes_nothing(filled, kind):
    calls: list[tuple[int, int]] = []
    with_bar = EXPORTS[kind](filled, lambda done, total: calls.append((done, total)))
    total = TOTALS[kind]
    assert calls == [(done, total) for done in range(1, total + 1)]
    assert with_bar == EXPORTS[kind](filled, None)


def test_nothing_to_export_reports_nothing(store):
    calls: list[tuple[int, int]] = []
    for export in EXPORTS.values():
        export(store, lambda done, total: calls.append((done, total)))
    assert calls == []
