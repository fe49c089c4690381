"""Deleting a contact: what is linked is shown, and reassigned or kept under a name."""

from __future__ import annotations

import io
import sys
from datetime import date

import pytest

from collab_tui import actions, cli, triage
from collab_tui.actions import ActionError
from collab_tui.interop import csvfile, vcard
from collab_tui.store import Store

TODAY = date(2026, 11, 24)


@pytest.fixture
def linked(store):
    """小张 (#1) with an open item, a risk, a meeting and a report (小明)."""
    actions.capture(store, "owe: send the spec @小张 @小蓝 due:fri", TODAY)
    actions.capture(store, "risk: the API may slip @小张", TODAY)
    actions.capture(store, "meet: @小张 @小蓝 agreed on the scope", TODAY)
    actions.upsert_contact(store, "小明", boss="小张")
    return store


def ids(store, name):
    return actions.find_contact_exact(name, store.contacts()).id


def test_links_of_lists_items_risks_meetings_and_reports(linked):
    links = actions.links_of(linked, ids(linked, "小张"))
    assert [i.title for i in links.open_items] == ["send the spec"]
    assert [i.title for i in links.risks] == ["the API may slip"]
    assert [i.summary for i in links.interactions] == ["agreed on the scope"]
    assert [c.name for c in links.reports] == ["小明"]
    text = "\n".join(links.lines())
    assert "1 open item: #1 send the spec" in text and "1 risk: #2 the API may slip" in text
    assert "1 log entry: meeting Tue 24 Nov agreed on the scope" in text
    assert "boss of 小明" in text


def test_delete_without_reassigning_keeps_a_former_contact_whose_name_still_shows(linked):
    zhang = ids(linked, "小张")
    actions.delete_contact(linked, zhang)
    former = linked.contact(zhang)
    assert former is not None and former.former
    contacts = linked.contacts()
    names = {c.id: c.name for c in contacts}
    item = linked.item(1)
    assert actions.describe_item(item, names, TODAY).endswith("-> 小张, 小蓝 · due Fri 27 Nov")
    (meeting,) = linked.interactions()
    assert "with 小张, 小蓝:" in actions.describe_interaction(meeting, names)
    # Gone from look-ups, the going-cold list and the vCard export; a new 小张 can come.
    with pytest.raises(ActionError):
        actions.find_contact("小张", [c for c in contacts if not c.former])
    assert "小张" not in vcard.export_vcards([c for c in contacts if not c.former])
    rows = csvfile.export_csv(linked, "contacts").splitlines()
    assert not any(row.startswith(f"{zhang},") for row in rows)  # not a row of their own
    assert any("小明" in row and "小张" in row for row in rows)  # still named as the boss
    new, created = actions.upsert_contact(linked, "小张")
    assert created and new.id != zhang
    agenda = triage.agenda(linked.items(), linked.contacts(), [], date(2027, 3, 1), linked.settings)
    assert zhang not in [c.contact.id for c in agenda.going_cold]
    # The CSV keeps the name in the items table.
    assert "小张; 小蓝" in csvfile.export_csv(linked, "items")


def test_capture_does_not_link_a_former_contact(linked):
    zhang = ids(linked, "小张")
    actions.delete_contact(linked, zhang)
    result = actions.capture(linked, "task: call @小张", TODAY)
    assert [c.name for c in result.new_contacts] == ["小张"]
    assert result.records[0].contact_ids != [zhang]


def test_delete_with_nothing_linked_removes_the_record(store):
    contact, _ = actions.upsert_contact(store, "小张")
    actions.delete_contact(store, contact.id)
    assert store.contact(contact.id) is None


def test_reassign_moves_every_link_in_one_transaction(linked):
    zhang, lan, ming = ids(linked, "小张"), ids(linked, "小蓝"), ids(linked, "小明")
    actions.delete_contact(linked, zhang, reassign_to=lan)
    assert linked.contact(zhang) is None
    assert linked.item(1).contact_ids == [lan]  # no duplicate: 小蓝 was there already
    assert linked.item(2).contact_ids == [lan]
    assert linked.interactions()[0].contact_ids == [lan]
    assert linked.contact(ming).boss_id == lan


def test_reassigning_to_a_report_does_not_make_them_their_own_boss(linked):
    zhang, ming = ids(linked, "小张"), ids(linked, "小明")
    actions.delete_contact(linked, zhang, reassign_to=ming)
    assert linked.contact(ming).boss_id is None
    assert linked.item(2).contact_ids == [ming]


def test_reassign_to_an_unknown_contact_changes_nothing(linked):
    before = [linked.item(1).to_dict(), [c.to_dict() for c in linked.contacts()]]
    with pytest.raises(ActionError, match="no contact #99"):
        actions.delete_contact(linked, ids(linked, "小张"), reassign_to=99)
    assert before == [linked.item(1).to_dict(), [c.to_dict() for c in linked.contacts()]]


# --- the shell ------------------------------------------------------------------------


def run(capsys, db, *args):
    code = cli.main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(linked):
    path = linked.path
    linked.close()
    return path


def test_shell_delete_refuses_without_yes_when_not_on_a_terminal(db, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, db, "contact", "delete", "小张")
    assert code == 2
    assert "1 open item: #1 send the spec" in out and "boss of 小明" in out
    assert "nothing was deleted" in err and "--yes" in err
    with Store.open(db) as store:
        assert not store.contact(1).former


def test_shell_delete_yes_keeps_a_former_contact(db, capsys):
    code, out, _ = run(capsys, db, "contact", "delete", "小张", "--yes")
    assert code == 0 and "former contact" in out
    code, out, _ = run(capsys, db, "today")
    assert "-> 小张, 小蓝" in out and "#1  owe" in out


def test_shell_delete_reassign(db, capsys):
    code, out, _ = run(capsys, db, "contact", "delete", "小张", "--reassign-to", "小蓝", "--yes")
    assert code == 0 and "go to 小蓝" in out
    with Store.open(db) as store:
        assert store.contact(1) is None and store.item(2).contact_ids == [2]


def test_shell_contact_still_creates_and_updates(db, capsys):
    code, out, _ = run(capsys, db, "contact", "小蓝", "--dept", "Dept B")
    assert code == 0 and "updated contact: 小蓝" in out
    code, _, err = run(capsys, db, "contact", "小蓝", "--yes")
    assert code == 2 and "collab contact delete" in err
