"""vCard import and export, on real-world files (khard's fixtures) and our own exports."""

from __future__ import annotations

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from collab_tui.interop import jsonfile
from collab_tui.interop.vcard import export_vcards, import_vcards, parse_vcards
from collab_tui.model import Contact, Flow, Level, Side, Stance

from .conftest import DATA

# --- the shared real-world files -------------------------------------------------------

GOOD_SHARED = [
    "altid.vcf", "category.vcf", "contact1.vcf", "contact2.vcf", "individual.vcf",
    "issue249.vcf", "joe.vcf", "korean-c.vcf", "korean-j.vcf", "labels.vcf", "minimal.vcf",
    "nickname.vcf", "no-nickname.vcf", "org.vcf", "photov3.vcf", "photov4.vcf", "post.vcf",
    "tel-value-uri.vcf", "text-bday.vcf",
]  # fmt: skip


def by_name(store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts()}


def snapshot(store) -> dict:
    data = jsonfile.export_data(store)
    data.pop("exported")
    return data


def test_every_good_shared_file_reads_as_one_card(shared_vcards):
    assert sorted(p.name for p in shared_vcards.glob("*.vcf")) == sorted(
        GOOD_SHARED + ["unparsable.vcf"]
    )
    for name in GOOD_SHARED:
        cards, problems = parse_vcards((shared_vcards / name).read_bytes())
        assert problems == [], name
        assert len(cards) == 1 and cards[0].name, name


def test_shared_files_map_onto_contacts(store, shared_vcards):
    text = b"".join((shared_vcards / name).read_bytes() for name in GOOD_SHARED)
    summary = import_vcards(store, text)
    assert (summary.added, summary.updated, summary.skipped) == (len(GOOD_SHARED), 0, [])
    people = by_name(store)

    joe = people["Joe Citizen"]
    assert joe.aliases == ["horrible_human_being"]
    assert joe.email == "jcitizen@foo.com"
    assert joe.uid == "6exhjr32bt783wwlr9u0sr8lfqse5x7zqc8y"
    assert people["contact with category"].tags == ["bar"]
    second = people["second contact"]
    assert (second.email, second.phone) == ("user@example.com", "0123456789")
    assert second.extra["vcard"]["lines"] == ["BDAY:20180120"]
    assert people["Wile E. Coyote"].organisation == "ACME Inc."
    acme = people["ACME Inc."]  # KIND:org, vCard 4.0
    assert acme.organisation == "ACME Inc." and "KIND:org" in acme.extra["vcard"]["lines"]
    assert people["labeled guy"].organisation == "Test Inc"
    assert people["bug 195"].phone == "67545678"  # TEL;VALUE=URI
    assert people["Michael Smith"].aliases == ["Mike"]  # no FN: the name comes from N
    assert people["Mike Jones"].email == "mj@example.org"
    assert people["최유림"].name == "최유림" and people["전도훈"].name == "전도훈"
    assert (
        people["with photo v3"]
        .extra["vcard"]["lines"][0]
        .startswith("PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo")
    )
    assert people["With post address"].extra["vcard"]["lines"] == [
        "ADR;TYPE=home:PostBox;Ext;Main Street 1;The City;SomeState;00000;HomeCountry"
    ]
    assert people["text birthday"].extra["vcard"]["lines"] == ["BDAY;VALUE=text:circa 1800"]
    altid = people["altid"]
    assert altid.notes.startswith("RFC6350 requires N to have cardinality <=1")
    assert altid.extra["vcard"]["lines"] == ["N;ALTID=1:representation;two;;;"]


def test_reimporting_the_shared_files_creates_no_duplicates(store, shared_vcards):
    text = b"".join((shared_vcards / name).read_bytes() for name in GOOD_SHARED)
    import_vcards(store, text)
    before = snapshot(store)
    again = import_vcards(store, text)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(GOOD_SHARED))
    assert snapshot(store) == before


def test_unparsable_card_is_reported_with_its_position_and_skipped(store, shared_vcards):
    existing = store.add(Contact(name="second contact with minimal Vcard", notes="mine"))
    text = b"".join(
        (shared_vcards / name).read_bytes() for name in ("minimal.vcf", "unparsable.vcf", "joe.vcf")
    )
    summary = import_vcards(store, text)
    assert (summary.added, summary.updated) == (2, 0)
    assert summary.skipped == [("card 2 (line 5)", "no END:VCARD before the next card")]
    assert sorted(by_name(store)) == sorted(
        ["minimal contact", "Joe Citizen", "second contact with minimal Vcard"]
    )
    assert store.contact(existing.id).to_dict() == existing.to_dict()


def test_unparsable_file_alone_is_an_unreadable_file(store, shared_vcards):
    with pytest.raises(ValueError, match=r"no card .* card 1 \(line 1\): no END:VCARD"):
        import_vcards(store, (shared_vcards / "unparsable.vcf").read_bytes())
    assert store.contacts() == []


def test_korean_names_match_by_exact_name_on_reimport(store, shared_vcards):
    text = (shared_vcards / "korean-c.vcf").read_bytes() + (
        shared_vcards / "korean-j.vcf"
    ).read_bytes()
    assert import_vcards(store, text).added == 2
    summary = import_vcards(store, text)  # no UID, no email: exact name
    assert (summary.added, summary.unchanged) == (0, 2)
    assert sorted(c.name for c in store.contacts()) == ["전도훈", "최유림"]


# --- broken cards ----------------------------------------------------------------------


def test_broken_cards_are_skipped_and_the_rest_imports(store):
    good = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nN:One;Good;;;\r\nEND:VCARD\r\n"
    garbage = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Line\r\nthis is not a property\r\nEND:VCARD\r\n"
    latin1 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9 Latin\r\nEND:VCARD\r\n".encode("latin-1")
    bad_stance = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odd\r\nX-COLLAB-STANCE:grumpy\r\nEND:VCARD\r\n"
    no_name = "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:x@example.com\r\nEND:VCARD\r\n"
    last = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:小蓝\r\nEND:VCARD\r\n"
    data = (
        good.encode()
        + garbage.encode()
        + latin1
        + bad_stance.encode()
        + no_name.encode()
        + last.encode()
    )
    summary = import_vcards(store, data)
    assert summary.added == 2
    assert summary.skipped == [
        ("card 2 (line 6)", "line 9 is not a vCard property: this is not a property"),
        ("card 3 (line 11)", "line 13 is not UTF-8 text (byte 0xe9)"),
        (
            "card 4 (line 15)",
            "line 18: X-COLLAB-STANCE is 'grumpy', expected one of "
            "unknown, refuses, no-capacity, eager",
        ),
        ("card 5 (line 20)", "the card has no name (FN or N)"),
    ]
    assert sorted(c.name for c in store.contacts()) == ["Good One", "小蓝"]


def test_a_str_read_with_surrogateescape_reports_bad_encoding():
    text = b"BEGIN:VCARD\nFN:Jos\xe9\nEND:VCARD\n".decode("utf-8", "surrogateescape")
    cards, problems = parse_vcards(text)
    assert cards == [] and problems == [("card 1 (line 1)", "line 2 is not UTF-8 text")]


def test_text_outside_cards_is_reported_once():
    text = "junk\nmore junk\nBEGIN:VCARD\nFN:A\nEND:VCARD\n"
    cards, problems = parse_vcards(text)
    assert [c.name for c in cards] == ["A"]
    assert problems == [("line 1", "text outside any BEGIN:VCARD/END:VCARD")]


def test_a_file_that_is_not_a_vcard_is_a_value_error_and_changes_nothing(store):
    store.add(Contact(name="Kept"))
    before = snapshot(store)
    with pytest.raises(ValueError, match="no BEGIN:VCARD"):
        import_vcards(store, b'{"format": "collab-tui"}')
    assert snapshot(store) == before


# --- our own fixtures in the styles of common exporters ---------------------------------


def test_google_export_then_updated_export_updates_in_place(store):
    first = import_vcards(store, (DATA / "google.vcf").read_bytes())
    assert (first.added, first.skipped) == (3, [])
    lan = by_name(store)["Lan Wei"]
    assert lan.aliases == ["小蓝"]
    assert (lan.organisation, lan.department, lan.title) == (
        "Example Corp",
        "Order Approval",
        "Product Owner",
    )
    assert lan.email == "lan.wei@dept-b.example.com"
    assert lan.notes == "Prefers a written agenda.\nAsk about the Q3 audit."
    assert lan.tags == ["myContacts", "Partners"]
    assert lan.extra["vcard"]["lines"][0] == "EMAIL;TYPE=INTERNET;TYPE=HOME:lanlan@mail.example.org"
    # What the PM added in collab-tui must survive the next import.
    lan.kpis = ["approval lead time"]
    lan.stance = Stance.EAGER
    store.put(lan)

    second = import_vcards(store, (DATA / "google-updated.vcf").read_bytes())
    assert (second.added, second.updated, second.unchanged) == (1, 2, 1)
    people = by_name(store)
    assert len(people) == 4
    lan = people["Lan Wei"]
    assert (lan.title, lan.phone) == ("Senior Product Owner", "+86 139 0000 1111")
    assert lan.kpis == ["approval lead time"] and lan.stance is Stance.EAGER
    assert people["小明"].phone == "+86 137 0000 2222"
    assert people["Priya Raman"].organisation == "Partner Ltd"
    changes = {c.name: c for c in second.changes}
    assert changes["Lan Wei"].fields == ["title", "phone"]
    assert changes["Zhang San"].action == "unchanged"


def test_dry_run_lists_changes_and_stores_nothing(store):
    import_vcards(store, (DATA / "google.vcf").read_bytes())
    before = snapshot(store)
    summary = import_vcards(store, (DATA / "google-updated.vcf").read_bytes(), dry_run=True)
    assert snapshot(store) == before
    assert (summary.added, summary.updated, summary.unchanged) == (1, 2, 1)
    assert summary.lines() == [
        "update Lan Wei (title, phone) from card 1 (line 1)",
        "update 小明 (phone) from card 2 (line 16)",
        "leave Zhang San alone (unchanged) from card 3 (line 25)",
        "add Priya Raman from card 4 (line 35)",
    ]


def test_apple_export_keeps_photo_address_and_labels(store):
    summary = import_vcards(store, (DATA / "apple.vcf").read_bytes())
    assert summary.added == 2
    zhang = by_name(store)["张伟"]
    assert zhang.aliases == ["小张"]
    assert (zhang.organisation, zhang.department, zhang.title) == (
        "示例公司",
        "支付部",
        "支付负责人",
    )
    assert zhang.email == "zhangwei@example.cn"  # the pref one
    assert zhang.phone == "+86 135 0000 3333"
    kept = zhang.extra["vcard"]["lines"]
    assert "BDAY;value=date:1988-03-02" in kept
    assert "item3.ADR;type=WORK;type=pref:;;建国路 1 号;北京;;100000;中国" in kept
    assert any(line.startswith("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ") for line in kept)
    assert zhang.extra["vcard"]["n"] == "N:张;伟;;;"

    exported = export_vcards(store.contacts())
    for line in kept + ["N:张;伟;;;"]:
        assert line in exported.replace("\r\n ", "")  # unfolded
    # And it comes back identical in a fresh store.
    again = parse_vcards(exported)[0]
    assert [c.fields.get("name") for c in again] == ["张伟", "Example Corp Procurement"]
    assert again[0].kept == kept


def test_thunderbird_vcard4_matches_an_existing_contact_by_email(store):
    import_vcards(store, (DATA / "google.vcf").read_bytes())
    summary = import_vcards(store, (DATA / "thunderbird.vcf").read_bytes())
    assert (summary.added, summary.updated) == (1, 1)
    lan = next(c for c in store.contacts() if c.email == "lan.wei@dept-b.example.com")
    assert lan.name == "小蓝"  # the card's FN replaces the name
    assert lan.phone == "+86-138-0013-8000"  # from a tel: URI
    assert lan.uid == "urn:uuid:0b9e8c58-7f0c-4b8f-9b4d-2a9d0d1e7a11"  # adopted for next time
    assert "FN;ALTID=1;LANGUAGE=en:Lan" in lan.extra["vcard"]["lines"]
    olga = by_name(store)["Olga Petrova"]
    assert olga.email == "ops@partner.example.net"  # PREF=1
    assert olga.extra["vcard"]["lines"] == ["EMAIL:oncall@partner.example.net"]
    assert len(store.contacts()) == 4


def test_khard_card_with_nicknames_and_org_units(store):
    import_vcards(store, (DATA / "khard.vcf").read_bytes())
    (ming,) = store.contacts()
    assert ming.aliases == ["小明", "Mingming"]
    assert ming.department == "Order Information / Platform"
    assert ming.tags == ["orders", "upstream"]
    assert ming.extra["vcard"]["lines"] == ["X-TWITTER:@mingli"]


def test_two_contacts_with_the_same_name_are_not_guessed(store):
    store.add(Contact(name="Wang Fang"))
    store.add(Contact(name="Wang Fang"))
    summary = import_vcards(store, "BEGIN:VCARD\nFN:Wang Fang\nTITLE:PM\nEND:VCARD\n")
    assert summary.skipped == [
        ("card 1 (line 1) (Wang Fang)", "2 contacts are named Wang Fang; cannot tell which")
    ]
    assert [c.title for c in store.contacts()] == ["", ""]


def test_the_same_person_twice_in_one_file_is_one_contact(store):
    card = "BEGIN:VCARD\nUID:u-1\nFN:Dup\nTITLE:{}\nEND:VCARD\n"
    summary = import_vcards(store, card.format("first") + card.format("second"))
    assert summary.added == 1
    (dup,) = store.contacts()
    assert dup.title == "second"


def test_progress_is_reported_card_by_card(store):
    calls = []
    import_vcards(
        store, (DATA / "google.vcf").read_bytes(), progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


# --- export and the round trip -----------------------------------------------------------


def full_contacts(store) -> tuple[Contact, Contact]:
    boss = store.add(
        Contact(
            name="王 大明",
            aliases=["Boss Wang"],
            organisation="Example Corp",
            department="Order Approval",
            title="Director",
            level=Level.LEADER,
            stance=Stance.NO_CAPACITY,
            kpis=["approval SLA"],
        )
    )
    lan = store.add(
        Contact(
            name="小蓝",
            aliases=["Lan", "Lan, the approver"],
            department="Order Approval; backend",
            organisation="Example Corp",
            title="Owner, approval API",
            boss_id=boss.id,
            stance=Stance.EAGER,
            side=Side.SUPPORTING,
            level=Level.WORKING,
            flow=Flow.UPSTREAM,
            kpis=["approval lead time < 2h", "zero wrong charges; audited"],
            concerns=["team has no slot in Q3", "back\\slash and\nnew line"],
            gains="fewer complaints, a shared dashboard",
            email="lan@example.com",
            phone="+86 138 0013 8000",
            notes="Likes written agendas.\nAsk about the audit; bring data.",
            tags=["orders", "approval"],
        )
    )
    return boss, lan


COLLAB_FIELDS = [
    "name", "aliases", "department", "organisation", "title", "stance", "side", "level",
    "flow", "kpis", "concerns", "gains", "email", "phone", "notes", "tags", "uid",
]  # fmt: skip


def test_export_then_import_is_lossless_for_every_collab_field(store, tmp_path):
    from collab_tui.store import Store

    boss, lan = full_contacts(store)
    text = export_vcards(store.contacts())

    other = Store.open(tmp_path / "other" / "collab.json")
    summary = import_vcards(other, text)
    assert (summary.added, summary.skipped) == (2, [])
    copies = {c.uid: c for c in other.contacts()}
    for original in (boss, lan):
        copy = copies[original.uid]
        for name in COLLAB_FIELDS:
            assert getattr(copy, name) == getattr(original, name), name
    assert copies[lan.uid].boss_id == copies[boss.uid].id
    assert copies[boss.uid].boss_id is None
    other.close()

    # Into the store it came from: everything matches, nothing changes.
    again = import_vcards(store, text)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_a_boss_named_by_uid_but_unknown_is_kept_and_written_back(store):
    card = "BEGIN:VCARD\nVERSION:3.0\nUID:me\nFN:Me\nX-COLLAB-BOSS:someone-else\nEND:VCARD\n"
    import_vcards(store, card)
    (me,) = store.contacts()
    assert me.boss_id is None
    assert "X-COLLAB-BOSS:someone-else" in export_vcards([me])
    # Once the boss arrives, a re-import links them.
    boss = "BEGIN:VCARD\nVERSION:3.0\nUID:someone-else\nFN:The Boss\nEND:VCARD\n"
    import_vcards(store, boss + card)
    me = by_name(store)["Me"]
    assert me.boss_id == by_name(store)["The Boss"].id
    assert "X-COLLAB-BOSS:someone-else" in export_vcards(store.contacts())


def test_export_is_valid_vcard_3_that_vobject_reads(store):
    full_contacts(store)
    import_vcards(store, (DATA / "apple.vcf").read_bytes())
    text = export_vcards(store.contacts())
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")
    cards = list(vobject.readComponents(text))
    assert len(cards) == 4
    for card in cards:
        assert card.version.value == "3.0"
        assert card.fn.value and card.uid.value
        assert card.contents.get("n")
    lan = next(c for c in cards if c.fn.value == "小蓝")
    assert lan.org.value == ["Example Corp", "Order Approval; backend"]
    assert lan.categories.value == ["orders", "approval"]
    assert lan.note.value == "Likes written agendas.\nAsk about the audit; bring data."
    assert [k.value for k in lan.contents["x-collab-kpi"]] == [
        "approval lead time < 2h",
        "zero wrong charges; audited",
    ]


def test_export_of_nothing_is_empty():
    assert export_vcards([]) == ""


# --- properties ------------------------------------------------------------------------

# Realistic text: any letters, marks, digits, punctuation and symbols (CJK and vCard's own
# separators , ; \ : included), inner spaces, no leading/trailing blanks.
_word = st.text(
    alphabet=st.characters(categories=["L", "M", "N", "P", "S"]), min_size=1, max_size=12
)
_text = st.lists(_word, min_size=1, max_size=4).map(" ".join)
_multiline = st.lists(_text, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(
    name=_text,
    aliases=st.lists(_text, max_size=3, unique=True),
    organisation=_text,
    department=_text,
    title=_text,
    kpis=st.lists(_multiline, max_size=3),
    concerns=st.lists(_text, max_size=3),
    gains=_multiline,
    email=_word,
    phone=_word,
    notes=_multiline,
    tags=st.lists(_word, max_size=3, unique=True),
    stance=st.sampled_from(Stance),
    side=st.sampled_from([None, *Side]),
    level=st.sampled_from([None, *Level]),
    flow=st.sampled_from([None, *Flow]),
)
def test_any_contact_survives_export_then_import(**fields):
    original = Contact(**fields)
    cards, problems = parse_vcards(export_vcards([original]))
    assert problems == []
    (card,) = cards
    copy = Contact(name=card.name)
    copy.__dict__.update(card.fields)
    copy.uid = card.uid
    for name in COLLAB_FIELDS:
        assert getattr(copy, name) == getattr(original, name), name


@settings(max_examples=200, deadline=None)
@given(st.text() | st.binary())
def test_any_input_parses_or_is_a_value_error(data):
    try:
        cards, problems = parse_vcards(data)
    except ValueError:
        return
    assert all(card.name for card in cards)
    assert all(isinstance(where, str) and why for where, why in problems)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["BEGIN:VCARD", "END:VCARD", "FN:x", "N:a;b", "bad line",
                                 " folded", "X-COLLAB-STANCE:eager", "", "FN:\xe9"]),
                max_size=12))  # fmt: skip
def test_any_mix_of_card_lines_parses_or_is_a_value_error(lines):
    try:
        parse_vcards("\r\n".join(lines))
    except ValueError:
        pass
