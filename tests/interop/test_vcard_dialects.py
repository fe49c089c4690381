"""The vCards people actually have: Outlook and Android 2.1, iOS, Google and Thunderbird.

The fixtures under data/ are written after those programs' exports (CJK names, their
groups, labels, photos and line breaks); each is read as it is, with CRLF and LF line ends,
and with and without a UTF-8 byte-order mark. Exports must be clean vCard 3.0: no 2.1
parameter survives (a CardDAV server such as Radicale refuses them with HTTP 400).
"""

from __future__ import annotations

import re

import pytest
import vobject

from collab_tui.interop.vcard import export_vcards, import_vcards, parse_vcards
from collab_tui.model import Contact, Stance

from .conftest import DATA

# file -> {name: (email, phone, organisation, department, title)}
DIALECTS = {
    "outlook-2.1.vcf": {
        "王小明": ("wangxm@example.cn", "+86 10 6666 8888", "示例公司", "订单部", "产品经理"),
    },
    "android-2.1.vcf": {
        "李雷": ("lilei@mail.example.org", "010-8888-6666", "示例公司", "支付部", "架构师"),
        "Anna Smith": ("anna@partner.example.net", "+44 7700 900123", "Partner Ltd", "", ""),
    },
    "ios.vcf": {
        "陈静": ("cj@icloud.example.com", "+86 136 0000 4444", "示例公司", "财务部", "财务经理"),
    },
    "google-cjk.vcf": {
        "赵敏": ("zhaomin@example.cn", "+86 135 0000 5555", "示例集团", "", "采购总监"),
    },
    "thunderbird-cjk.vcf": {
        "孙悦": ("sunyue@example.cn", "010-6000-1234", "示例公司", "法务部", "法务"),
    },
}

# What a 3.0 card must not carry: 2.1's encodings, CHARSET and bare type parameters.
NOT_V3 = re.compile(
    r"^[^:]*;(CHARSET=|ENCODING=(QUOTED-PRINTABLE|BASE64|8BIT)|QUOTED-PRINTABLE|BASE64|"
    r"(WORK|HOME|CELL|PREF|VOICE|INTERNET|JPEG)[;:])",
    re.IGNORECASE,
)


def variant(data: bytes, newline: bytes, bom: bool) -> bytes:
    """The same file with other line ends, and with or without a byte-order mark."""
    data = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\n", newline)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def fields(contact: Contact) -> tuple[str, ...]:
    c = contact
    return (c.email, c.phone, c.organisation, c.department, c.title)


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", [b"\r\n", b"\n"], ids=["crlf", "lf"])
@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_every_dialect_reads_in_every_form(store, name, newline, bom):
    data = variant((DATA / name).read_bytes(), newline, bom)
    summary = import_vcards(store, data)
    assert summary.skipped == []
    people = {c.name: fields(c) for c in store.contacts()}
    assert people == DIALECTS[name]
    # A str (a file already decoded) reads the same, for the UTF-8 ones.
    if name != "outlook-2.1.vcf":
        cards, problems = parse_vcards(data.decode("utf-8"))
        assert problems == [] and [c.name for c in cards] == list(DIALECTS[name])


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_every_dialect_exports_as_clean_vcard_3_and_comes_back_unchanged(store, name):
    import_vcards(store, (DATA / name).read_bytes())
    text = export_vcards(store.contacts())
    lines = unfolded(text)
    assert [line for line in lines if NOT_V3.match(line)] == []
    for card in vobject.readComponents(text):
        assert card.version.value == "3.0"
    for photo in (line for line in lines if line.startswith("PHOTO")):
        assert photo.startswith("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ")
    again = import_vcards(store, text)
    assert (again.added, again.updated, again.skipped) == (0, 0, [])


def test_android_quoted_printable_with_soft_line_breaks(store):
    summary = import_vcards(store, (DATA / "android-2.1.vcf").read_bytes())
    assert (summary.added, summary.skipped) == (2, [])
    lei = next(c for c in store.contacts() if c.name == "李雷")
    assert lei.notes == "喜欢先看数据，不喜欢电话会。\n周五下午不在, 有事发邮件"
    assert lei.phone == "010-8888-6666"  # TEL;WORK;PREF, though TEL;CELL comes first
    assert lei.extra["vcard"]["n"] == "N:李;雷;;;"
    kept = lei.extra["vcard"]["lines"]
    # Decoded across the soft break; a comma in a 2.1 value is escaped in its 3.0 form.
    assert "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;雷子;1;;;;;;;;;;;;;" in kept
    assert "ADR;TYPE=WORK:;;望京街 10 号;北京;;100102;中国" in kept
    assert "TEL;TYPE=CELL:138 0000 2222" in kept
    photo = next(line for line in kept if line.startswith("PHOTO"))
    assert photo.startswith("PHOTO;ENCODING=b;TYPE=JPEG:/9j/") and " " not in photo
    exported = unfolded(export_vcards(store.contacts()))
    assert "TEL;TYPE=WORK,pref:010-8888-6666" in exported
    assert "EMAIL;TYPE=HOME,pref:lilei@mail.example.org" in exported


def test_outlook_text_in_its_own_character_set(store):
    import_vcards(store, (DATA / "outlook-2.1.vcf").read_bytes())
    (wang,) = store.contacts()
    assert wang.notes == "请先发邮件，再打电话\n周五下午不在"
    assert wang.email == "wangxm@example.cn"  # EMAIL;PREF;INTERNET, the first one anyway
    kept = wang.extra["vcard"]["lines"]
    assert "LABEL;TYPE=WORK,PREF:建国路 1 号\\n北京\\, 北京 100000\\n中国" in kept
    assert "EMAIL;TYPE=INTERNET:xiaoming@mail.example.org" in kept
    assert any(line.startswith("X-MS-OL-DESIGN:<card xmlns=") for line in kept)
    assert wang.extra["vcard"]["n"] == "N;LANGUAGE=zh-cn:王;小明"
    card = next(vobject.readComponents(export_vcards([wang])))
    assert card.label.value == "建国路 1 号\n北京, 北京 100000\n中国"


def test_apple_groups_stay_with_their_labels(store):
    import_vcards(store, (DATA / "ios.vcf").read_bytes())
    (chen,) = store.contacts()
    assert chen.email == "cj@icloud.example.com"  # item2, type=pref
    lines = unfolded(export_vcards([chen]))
    at = lines.index("item2.EMAIL;TYPE=INTERNET,pref:cj@icloud.example.com")
    assert lines[at + 1] == "item2.X-ABLabel:私人"
    at = lines.index("item3.TEL;TYPE=VOICE,pref:+86 136 0000 4444")
    assert lines[at + 1] == "item3.X-ABLabel:_$!<Mobile>!$_"
    at = lines.index("item1.EMAIL;type=INTERNET:chenjing@example.cn")
    assert lines[at + 1] == "item1.X-ABLabel:_$!<Work>!$_"
    # Only the primary email and phone are marked pref; other properties keep theirs.
    marked = [line.split(":")[0] for line in lines if "pref" in line.split(":")[0].lower()]
    assert marked == [
        "item2.EMAIL;TYPE=INTERNET,pref",
        "item3.TEL;TYPE=VOICE,pref",
        "item4.URL;type=pref",
        "item5.X-ABRELATEDNAMES;type=pref",
    ]


def test_thunderbird_4_forms_are_written_as_3(store):
    import_vcards(store, (DATA / "thunderbird-cjk.vcf").read_bytes())
    lines = unfolded(export_vcards(store.contacts()))
    assert "EMAIL;TYPE=INTERNET,pref:sunyue@example.cn" in lines
    assert "EMAIL:sy@mail.example.org" in lines
    assert any(line.startswith("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ") for line in lines)
    assert not any("data:" in line for line in lines)


def test_lines_an_older_version_kept_as_they_came_are_written_as_3():
    contact = Contact(
        name="Old",
        email="old@example.com",
        extra={
            "vcard": {
                "lines": [
                    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ",
                    "TEL;WORK;PREF:010-1",
                    "EMAIL;PREF=1:second@example.com",
                    "ADR;PREF=1:;;Street;City;;;",
                    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E4=BD=A0, =E5=A5=BD",
                    "LOGO;VALUE=uri:data:image/png;base64,iVBORw0KGgo",
                    "TEL;VALUE=uri;TYPE=cell:tel:+86-1",
                    "URL;VALUE=uri:https://example.com/a,b",
                ]
            }
        },
    )
    lines = unfolded(export_vcards([contact]))
    assert "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ" in lines
    assert "TEL;TYPE=WORK:010-1" in lines  # pref only on the primary
    assert "EMAIL:second@example.com" in lines
    assert "ADR;TYPE=pref:;;Street;City;;;" in lines
    assert "NOTE:你\\, 好" in lines
    assert "LOGO;ENCODING=b;TYPE=PNG:iVBORw0KGgo" in lines
    assert "TEL;TYPE=cell:+86-1" in lines
    assert "URL;VALUE=uri:https://example.com/a,b" in lines


def test_the_primary_survives_an_address_book_that_resorts_the_card(store):
    import_vcards(store, (DATA / "android-2.1.vcf").read_bytes())
    lei = next(c for c in store.contacts() if c.name == "李雷")
    lei.kpis, lei.stance = ["payment success rate"], Stance.EAGER
    store.put(lei)
    lines = unfolded(export_vcards([lei]))
    body = lines[1:-2]  # an address book re-sorts the properties (khard does) ...
    resorted = ["BEGIN:VCARD", *sorted(body), "END:VCARD", ""]
    again = import_vcards(store, "\r\n".join(resorted))
    assert (again.updated, again.unchanged) == (0, 1)
    # ... and one that also drops the pref marks: the current phone and email are kept.
    unmarked = [line.replace(",pref", "") for line in resorted]
    assert [line for line in unmarked if line.startswith("TEL")][0] == "TEL;TYPE=CELL:138 0000 2222"
    import_vcards(store, "\r\n".join(unmarked))
    lei = next(c for c in store.contacts() if c.name == "李雷")
    assert (lei.phone, lei.email) == ("010-8888-6666", "lilei@mail.example.org")
    assert lei.kpis == ["payment success rate"] and lei.stance is Stance.EAGER
    assert "TEL;TYPE=CELL:138 0000 2222" in lei.extra["vcard"]["lines"]


def test_pref_in_a_card_decides_the_primary_phone(store):
    import_vcards(store, (DATA / "android-2.1.vcf").read_bytes())
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李雷\r\nTEL;TYPE=WORK:010-8888-6666\r\n"
        "TEL;TYPE=CELL,pref:138 0000 2222\r\nEND:VCARD\r\n"
    )
    summary = import_vcards(store, card)
    assert summary.changes[0].fields == ["phone", "other vCard properties"]
    lei = next(c for c in store.contacts() if c.name == "李雷")
    assert lei.phone == "138 0000 2222"
    assert lei.extra["vcard"]["lines"] == ["TEL;TYPE=WORK:010-8888-6666"]
    assert lei.extra["vcard"]["email"] == {"group": "", "types": ["HOME"]}  # no EMAIL here


def test_an_unknown_character_set_skips_the_card_with_a_reason(store):
    bad = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bad\r\n"
        "NOTE;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:=41\r\nEND:VCARD\r\n"
    )
    good = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Good\r\nEND:VCARD\r\n"
    summary = import_vcards(store, bad + good)
    assert summary.skipped == [("card 1 (line 1)", "line 4: unknown character set 'klingon'")]
    assert [c.name for c in store.contacts()] == ["Good"]


def test_a_gb2312_line_that_is_not_gb2312_is_reported_at_its_line(store):
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=gb2312:\xff\xfe\r\nEND:VCARD\r\n"
    with pytest.raises(ValueError, match="line 3 is not UTF-8 text .byte 0xff."):
        import_vcards(store, card)
    folded = b"BEGIN:VCARD\r\nFN:ok\r\nNOTE:fine\r\n and \xe9\r\nEND:VCARD\r\n"
    with pytest.raises(ValueError, match="line 4 is not UTF-8 text .byte 0xe9."):
        import_vcards(store, folded)
    unknown = b"BEGIN:VCARD\r\nFN;CHARSET=x-mac-klingon:\xe9\r\nEND:VCARD\r\n"
    with pytest.raises(ValueError, match="line 2: unknown character set 'x-mac-klingon'"):
        import_vcards(store, unknown)
