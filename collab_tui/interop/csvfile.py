"""Spreadsheets: one CSV table per record type (items, contacts, the log).

One row per record with a header row; lists are joined with "; ", contacts appear by
name, dates and times in ISO 8601. A cell a spreadsheet would run as a formula is
prefixed with a single quote (OWASP's advice on CSV injection).

With ``bom`` the text starts with a byte-order mark: Excel (Windows and Mac) and WPS read a
CSV without one in the system's legacy code page, so CJK names come out garbled; with it
they, LibreOffice, Numbers and Google Sheets all read UTF-8.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import TYPE_CHECKING, Any

from collab_tui.interop import Progress
from collab_tui.model import Contact, Interaction, Item, clean
from collab_tui.words import t

if TYPE_CHECKING:
    from collab_tui.store import Store

WHAT = ("items", "contacts", "log")
JOIN = "; "
BOM = "\ufeff"
# Spreadsheets treat a cell starting with one of these as a formula (or, for tab and
# carriage return, strip it and look at what follows).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ITEM_COLUMNS = [
    "id", "kind", "title", "status", "important", "urgent", "due", "contacts", "tags",
    "notes", "likelihood", "impact", "mitigation", "review", "due_history", "created",
    "updated", "closed", "uid",
]  # fmt: skip
CONTACT_COLUMNS = [
    "id", "name", "aliases", "organisation", "department", "title", "boss", "stance",
    "side", "level", "flow", "kpis", "concerns", "gains", "email", "phone", "tags",
    "notes", "created", "updated", "uid",
]  # fmt: skip
LOG_COLUMNS = [
    "id", "date", "kind", "contacts", "summary", "decisions", "items", "tags", "created",
    "updated", "uid",
]  # fmt: skip


def export_csv(store: Store, what: str, progress: Progress | None = None, bom: bool = False) -> str:
    """The table for ``what`` ("items", "contacts" or "log") as CSV text (CRLF rows).

    ``progress(done, total)`` is called after each row; ``bom`` starts the text with U+FEFF,
    which spreadsheet programs take as "this is UTF-8".
    """
    table = _export_table(store, what, progress)
    return BOM + table if bom else table


def _export_table(store: Store, what: str, progress: Progress | None) -> str:
    if what not in WHAT:
        raise ValueError(t("interop.csv.unknown_table", what=repr(what), choices=", ".join(WHAT)))
    # clean: a file written before the store cleaned text may still hold control characters.
    contacts = sorted((clean(c) for c in store.contacts()), key=lambda c: c.id)
    names = {c.id: c.name for c in contacts}
    if what == "items":
        items = sorted((clean(i) for i in store.items(active_only=False)), key=lambda i: i.id)
        return _table(ITEM_COLUMNS, [_item_row(i, names) for i in items], progress)
    if what == "contacts":
        current = [c for c in contacts if not c.former]  # former ones only lend their names
        return _table(CONTACT_COLUMNS, [_contact_row(c, names) for c in current], progress)
    titles = {i.id: clean(i).title for i in store.items(active_only=False)}
    log = sorted((clean(r) for r in store.interactions()), key=lambda r: (r.date, r.id))
    return _table(LOG_COLUMNS, [_log_row(r, names, titles) for r in log], progress)


def safe_cell(value: Any) -> str:
    """A cell as text, quoted with a leading ' if a spreadsheet would run it."""
    text = _text(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _table(columns: list[str], rows: list[dict[str, Any]], progress: Progress | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(row[column]) for column in columns])
        if progress is not None:
            progress(done, total)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, list):
        return JOIN.join(_text(v) for v in value)
    if hasattr(value, "value"):  # an enum
        return str(value.value)
    return str(value)


def _people(ids: list[int], names: dict[int, str]) -> list[str]:
    return [names.get(i, f"#{i}") for i in ids]


def _item_row(item: Item, names: dict[int, str]) -> dict[str, Any]:
    row = {column: getattr(item, column, None) for column in ITEM_COLUMNS}
    row["contacts"] = _people(item.contact_ids, names)
    return row


def _contact_row(contact: Contact, names: dict[int, str]) -> dict[str, Any]:
    row = {column: getattr(contact, column, None) for column in CONTACT_COLUMNS}
    row["boss"] = names.get(contact.boss_id, "") if contact.boss_id is not None else ""
    return row


def _log_row(entry: Interaction, names: dict[int, str], titles: dict[int, str]) -> dict[str, Any]:
    row = {column: getattr(entry, column, None) for column in LOG_COLUMNS}
    row["contacts"] = _people(entry.contact_ids, names)
    row["items"] = [titles.get(i, f"#{i}") for i in entry.item_ids]
    return row
