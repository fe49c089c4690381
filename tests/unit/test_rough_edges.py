"""Issue #7's rough edges: control characters, long titles, the happened verb, kind changes."""

from __future__ import annotations

import io
import sys
from datetime import date

import orjson
import pytest

from collab_tui import actions, cli, text, triage
from collab_tui.cli import output as render
from collab_tui.interop import csvfile, ics, jsonfile, report, vcard
from collab_tui.model import Contact, Interaction, Item, Kind, Rating, Status
from collab_tui.store import Store
from collab_tui.store import store as store_module

TODAY = date(2026, 11, 24)
DIRTY = "pay\x1b[31ment\x07 fix\x7f\x9b"  # ESC, BEL, DEL and a C1 control
CLEAN = "pay[31ment fix"
CONTROLS = ("\x1b", "\x07", "\x7f", "\x9b")


def has_controls(text: str) -> bool:
    return any(c in text for c in CONTROLS)


# --- control characters at the store's write boundary --------------------------------------


def test_every_text_field_is_cleaned_when_stored(store):
    contact = store.add(
        Contact(name="小蓝", title=DIRTY, kpis=[DIRTY], concerns=[DIRTY], notes="a\tb\n" + DIRTY)
    )
    item = store.add(
        Item(title=DIRTY, tags=[DIRTY], notes="line 1\nline\t2\x1b", mitigation="m\x07\nn")
    )
    entry = store.add(Interaction(date=TODAY, summary=DIRTY, decisions=[DIRTY]))
    contact, item, entry = store.contact(contact.id), store.item(item.id), store.interaction(1)
    assert contact.title == CLEAN and contact.kpis == [CLEAN] and contact.concerns == [CLEAN]
    assert contact.notes == "a\tb\n" + CLEAN  # multi-line fields keep tab and newline
    assert item.title == CLEAN and item.tags == [CLEAN]
    assert item.notes == "line 1\nline\t2" and item.mitigation == "m\nn"
    assert entry.summary == CLEAN and entry.decisions == [CLEAN]


def test_a_one_line_field_gets_a_space_for_a_newline(store):
    item = store.add(Item(title="first\nsecond\ttab"))
    assert store.item(item.id).title == "first second tab"


def test_edits_through_actions_are_cleaned(store):
    contact, _ = actions.upsert_contact(store, "小蓝", kpis=[DIRTY], gains=DIRTY)
    stored = store.contact(contact.id)
    assert stored.kpis == [CLEAN] and stored.gains == CLEAN


# --- ... and in every export, even for a file written before the store cleaned ---------------


@pytest.fixture
def old_file(store, monkeypatch):
    """Records holding control characters, as an older version could have written them."""
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "clean", lambda record: record, raising=False)
        lan = store.add(Contact(name="小蓝", title=DIRTY, kpis=[DIRTY]))
        store.add(Item(title=DIRTY, contact_ids=[lan.id], due=TODAY, notes=DIRTY))
        store.add(
            Item(
                title="risk " + DIRTY,
                kind=Kind.RISK,
                important=True,
                mitigation=DIRTY,
                review=TODAY,
                contact_ids=[lan.id],
            )
        )
        store.add(Interaction(date=TODAY, summary=DIRTY, decisions=[DIRTY], contact_ids=[1]))
    assert has_controls(store.item(1).title)  # really stored dirty
    return store


def test_json_export_has_no_control_characters(old_file):
    data = jsonfile.export_data(old_file)
    assert data["items"][0]["title"] == CLEAN
    assert not has_controls(repr(data))


@pytest.mark.parametrize("what", ["items", "contacts", "log"])
def test_csv_export_has_no_control_characters(old_file, what):
    text = csvfile.export_csv(old_file, what)
    assert CLEAN in text and not has_controls(text)


def test_vcard_export_has_no_control_characters(old_file):
    text = vcard.export_vcards(old_file.contacts())
    assert CLEAN in text and not has_controls(text)


def test_ics_export_has_no_control_characters(old_file):
    data = ics.export_ics(old_file.items(), old_file.contacts(), TODAY)
    text = data.decode()
    assert CLEAN in text and not has_controls(text)


def test_markdown_report_has_no_control_characters(old_file):
    text = report.status_report(old_file, TODAY, None, TODAY)
    assert "pay" in text and not has_controls(text)


# --- long titles in shell tables ---------------------------------------------------------------


def test_truncate_counts_cjk_as_two_columns():
    assert text.truncate("abc", 5) == "abc"
    assert text.truncate("长" * 10, 9) == "长长长长…"
    assert render.cell_width(text.truncate("长" * 10, 9)) <= 9
    assert text.truncate("x" * 100, 10) == "x" * 9 + "…"


def test_a_very_long_title_does_not_pad_every_row_of_today(store):
    actions.capture(store, "owe: " + "长" * 990 + " @小蓝 due:fri", TODAY)
    actions.capture(store, "owe: short one @小张 due:fri", TODAY)
    sections = render.agenda_sections(
        triage.agenda(store.items(), store.contacts(), [], TODAY, store.settings),
        store.contacts(),
        TODAY,
    )
    lines = render.to_plain(sections).splitlines()
    assert max(render.cell_width(line) for line in lines) < 200
    (short,) = [line for line in lines if "short one" in line]
    assert "-> 小张" in short


def test_collab_today_piped_stays_narrow(store, capsys, monkeypatch):
    actions.capture(store, "owe: " + "x" * 990 + " @小蓝 due:fri", TODAY)
    path = store.path
    store.close()
    monkeypatch.setenv("COLLAB_TODAY", TODAY.isoformat())
    for command in ("today", "matrix"):
        assert cli.main(["--db", str(path), command]) == 0
        out = capsys.readouterr().out
        assert "x" * 79 + "…" in out, command
        assert max(len(line) for line in out.splitlines()) < 200, command


# --- a risk happened -------------------------------------------------------------------------


def test_shell_happened_verb_and_occurred_label(store, capsys, monkeypatch):
    actions.capture(store, "risk: the API may slip @小蓝", TODAY)
    path = store.path
    store.close()
    monkeypatch.setenv("COLLAB_TODAY", TODAY.isoformat())
    assert cli.main(["--db", str(path), "happened", "1"]) == 0
    assert "happened: risk #1: the API may slip" in capsys.readouterr().out
    with Store.open(path) as reopened:
        assert reopened.item(1).status is Status.OCCURRED
    assert cli.main(["--db", str(path), "today"]) == 0
    assert "#1  occurred  the API may slip" in capsys.readouterr().out
    assert cli.main(["--db", str(path), "happened", "1"]) == 2  # already
    assert "already occurred" in capsys.readouterr().err


# --- kind changes keep the risk fields, and say so ------------------------------------------------


@pytest.fixture
def risk(store):
    (item,) = actions.capture(store, "risk: the API may slip @小蓝 review:fri", TODAY).records
    return actions.edit_item(
        store, item, {"likelihood": Rating.HIGH, "impact": Rating.MEDIUM, "mitigation": "plan B"}
    )


def test_a_kind_change_keeps_the_risk_fields_and_says_so(store, risk):
    task = actions.edit_item(store, risk, {"kind": Kind.TASK, "due": TODAY})
    stored = store.item(task.id)
    assert (stored.likelihood, stored.impact, stored.mitigation) == (
        Rating.HIGH,
        Rating.MEDIUM,
        "plan B",
    )
    note = actions.kind_change_note(risk, stored)
    assert note.startswith("Changed to task; its likelihood, impact, mitigation and review")
    assert actions.kind_change_note(risk, risk) == ""


def test_exports_keep_the_risk_fields_of_a_former_risk(store, risk):
    actions.edit_item(store, risk, {"kind": Kind.TASK, "due": TODAY})
    calendar = ics.export_ics(store.items(), store.contacts(), TODAY).decode()
    assert "likelihood high" in calendar and "plan B" in calendar
    assert "plan B" in csvfile.export_csv(store, "items")
    (row,) = jsonfile.export_data(store)["items"]
    assert row["kind"] == "task" and row["likelihood"] == "high" and row["mitigation"] == "plan B"


# --- the one writer for -o ----------------------------------------------------------------------


def test_export_to_a_file_is_atomic(store, tmp_path, monkeypatch):
    from collab_tui.store import durable

    path = store.path
    store.close()
    target = tmp_path / "out.json"
    target.write_text("old")
    calls = []
    real = durable.write_atomic
    monkeypatch.setattr(durable, "write_atomic", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["--db", str(path), "export", "--format", "json", "-o", str(target)]) == 0
    assert [a[0] for a in calls if a[0] == target] == [target]
    assert orjson.loads(target.read_bytes())["format"]
