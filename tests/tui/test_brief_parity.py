"""The brief's facts are computed once (facts.brief_facts): the shell and the app show the
same facts, headings and counts for every contact, and a catalog change reaches both."""

from __future__ import annotations

import pytest

from collab_tui import triage, words
from collab_tui.cli import output as render
from collab_tui.store import Store
from collab_tui.tui import state
from collab_tui.tui.widgets.brief import brief_rows

from .conftest import TODAY


def _both(store: Store, contact_id: int) -> tuple[list[render.Section], list]:
    contacts = store.contacts()
    brief = triage.brief(contact_id, store.items(), contacts, store.interactions(), TODAY)
    snapshot = state.load(store, TODAY, history=state.read_history(store))
    return render.brief_sections(brief, contacts, TODAY), brief_rows(brief, snapshot)


def _shell_facts(sections: list[render.Section]) -> list[tuple[str, str]]:
    first = sections[0]
    assert isinstance(first, render.Facts)
    return first.pairs


def _app_facts(rows: list) -> list[tuple[str, str]]:
    facts = []
    for left, right in rows[1:]:  # row 0 is the name
        if not left.plain.strip() and not right.plain:
            break  # the blank row before the first heading
        facts.append((left.plain.strip(), right.plain))
    return facts


def _shell_headings(sections: list[render.Section]) -> list[str]:
    headings = []
    for section in sections[1:]:
        if isinstance(section, render.Table):
            headings.append(f"{section.heading} ({len(section.rows)})")
        else:
            headings.append(section.heading)
    return headings


def _app_headings(rows: list) -> list[str]:
    return [
        rows[i + 1][1].plain
        for i, (left, right) in enumerate(rows[:-1])
        if not left.plain and not right.plain
    ]


def test_shell_and_app_show_the_same_brief_for_every_contact(store):
    contacts = store.contacts()
    assert len(contacts) >= 5
    for contact in contacts:
        sections, rows = _both(store, contact.id)
        assert _app_facts(rows) == _shell_facts(sections), contact.name
        assert _app_headings(rows) == _shell_headings(sections), contact.name
        bullets = {s.heading: s.lines for s in sections if isinstance(s, render.Lines)}
        for heading in (words.t("brief.kpis"), words.t("brief.concerns")):
            at = [right.plain for _, right in rows].index(heading)
            shown = []
            for left, right in rows[at + 1 :]:
                if not left.plain and not right.plain:
                    break  # the blank row before the next heading
                if left.plain == "  • ":
                    shown.append(right.plain)
            assert shown == bullets[heading], (contact.name, heading)


def test_the_brief_names_roles_and_silence_in_the_same_words(store):
    lan = next(c for c in store.contacts() if c.name == "小蓝")
    sections, rows = _both(store, lan.id)
    facts = dict(_shell_facts(sections))
    assert facts["roles"] == "supporting, working level, upstream of me"  # the form's labels
    assert facts["last contact"] == "Sat 21 Nov (2 days ago)"
    assert dict(_app_facts(rows)) == facts


@pytest.fixture
def pretend_translation(monkeypatch):
    catalog = {
        "brief.stance": "立场",
        "stance.eager": "积极",
        "brief.i_owe": "我欠他们",
        "date.days_ago": "{n} 天前",
    }
    monkeypatch.setitem(words.CATALOGS, "xx", catalog)
    monkeypatch.setenv("COLLAB_LANG", "xx")
    words.set_language(None)
    yield
    monkeypatch.delenv("COLLAB_LANG")
    words.set_language(None)


def test_a_catalog_reaches_both_front_ends(store, pretend_translation):
    lan = next(c for c in store.contacts() if c.name == "小蓝")
    sections, rows = _both(store, lan.id)
    shell = render.to_plain(sections)
    app = "\n".join(left.plain + right.plain for left, right in rows)
    for text in ("立场", "积极", "我欠他们", "(2 天前)"):
        assert text in shell and text in app, text


def test_every_label_of_the_brief_keeps_a_gap_before_its_value(store):
    """One label column for the whole brief, as wide as its widest label ("stance
    history") and a space: a value never runs into its label."""
    from datetime import date as day

    from collab_tui import actions

    lan = next(c for c in store.contacts() if c.name == "小蓝")
    actions.upsert_contact(store, "小蓝", on=day(2026, 11, 20), stance="refuses")
    _, rows = _both(store, lan.id)
    facts = []
    for left, right in rows[1:]:  # row 0 is the name; the facts end at the first blank row
        if not left.plain.strip() and not right.plain:
            break
        facts.append((left.plain, right.plain))
    assert any(label.startswith("stance history") for label, _ in facts)
    widths = {len(label) for label, _ in facts}
    assert len(widths) == 1 and all(label.endswith(" ") for label, _ in facts)
