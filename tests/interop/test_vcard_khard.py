"""Round trips through khard (a development dependency): collab-tui's vCards in a vdir,
read and edited by khard, then imported again.

khard re-sorts a card's properties and renames Apple groups when it saves; what must
hold is what a PM relies on: the primary phone and email stay primary, collab-tui's own
fields (KPIs, stance, boss) survive, nobody is duplicated, and a second import changes
nothing.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from collab_tui.interop.vcard import export_vcards, import_vcards
from collab_tui.model import Contact, Stance

from .conftest import DATA

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("khard") is None,
    reason="khard is not installed (it is a dev dependency: uv sync --dev)",
)

CONFIG = """\
[addressbooks]
[[collab]]
path = {book}

[general]
debug = no
default_action = list
editor = /bin/true
merge_editor = /bin/true

[vcard]
preferred_version = 3.0
search_in_source_files = no
skip_unparsable = no
"""


@pytest.fixture
def khard(tmp_path):
    """``khard ARGS`` on a temporary address book (a vdir: one .vcf file per contact)."""
    book = tmp_path / "book"
    book.mkdir()
    config = tmp_path / "khard.conf"
    config.write_text(CONFIG.format(book=book), encoding="utf-8")

    def run(*args: str, answer: str = "") -> str:
        done = subprocess.run(
            [sys.executable, "-m", "khard", "-c", str(config), *args],
            input=answer,  # khard asks before it saves an edit
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"},
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run.book = book  # type: ignore[attr-defined]
    return run


def write_vdir(text: str, book: Path) -> None:
    """An export split into one file per card, named by UID, as vdirsyncer keeps them."""
    for card in text.split("BEGIN:VCARD\r\n")[1:]:
        card = "BEGIN:VCARD\r\n" + card
        uid = next(line[4:] for line in card.split("\r\n") if line.startswith("UID:"))
        (book / f"{uid}.vcf").write_text(card, encoding="utf-8", newline="")


def read_vdir(book: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(book.glob("*.vcf")))


def test_khard_reads_the_export_and_sees_the_primary_phone_and_email(store, khard):
    import_vcards(store, (DATA / "android-2.1.vcf").read_bytes())
    import_vcards(store, (DATA / "ios.vcf").read_bytes())
    write_vdir(export_vcards(store.contacts()), khard.book)
    listed = khard("list", "--parsable", "--display", "formatted_name")
    assert sorted(line.split("\t")[1] for line in listed.splitlines()) == [
        "Anna Smith",
        "李雷",
        "陈静",
    ]
    phones = khard("phone", "--parsable", "--display", "formatted_name")
    assert "010-8888-6666\t李雷\tWORK, pref" in phones.splitlines()
    assert "+86 136 0000 4444\t陈静\t_$!<Mobile>!$_, VOICE, pref" in phones.splitlines()
    emails = khard("email", "--parsable", "--display", "formatted_name")
    assert "cj@icloud.example.com\t陈静\t私人, INTERNET, pref" in emails.splitlines()


def test_an_edit_in_khard_comes_back_and_nothing_else_moves(store, khard):
    import_vcards(store, (DATA / "android-2.1.vcf").read_bytes())
    boss = store.add(Contact(name="王总", title="VP"))
    lei = next(c for c in store.contacts() if c.name == "李雷")
    lei.kpis, lei.stance, lei.boss_id = ["payment success rate"], Stance.EAGER, boss.id
    store.put(lei)
    write_vdir(export_vcards(store.contacts()), khard.book)

    # A title-only edit in khard, which rewrites (and re-sorts) the whole card.
    template = khard("show", "--format", "yaml", "李雷")
    assert "Title: 架构师" in template
    edited = khard.book.parent / "edit.yaml"
    edited.write_text(template.replace("Title: 架构师", "Title: 首席架构师"), encoding="utf-8")
    khard("edit", "--input-file", str(edited), "李雷", answer="y\n")

    summary = import_vcards(store, read_vdir(khard.book))
    assert summary.added == 0 and summary.skipped == []
    changed = {c.name: c.fields for c in summary.changes if c.action == "update"}
    assert list(changed) == ["李雷"] and changed["李雷"][0] == "title"
    assert len(store.contacts()) == 3
    lei = next(c for c in store.contacts() if c.name == "李雷")
    assert lei.title == "首席架构师"
    assert (lei.phone, lei.email) == ("010-8888-6666", "lilei@mail.example.org")
    assert lei.kpis == ["payment success rate"] and lei.stance is Stance.EAGER
    assert lei.boss_id == boss.id
    kept = lei.extra["vcard"]["lines"]
    assert any(line.startswith("PHOTO;ENCODING=b;TYPE=JPEG:") for line in kept)

    # Out again, through khard again (it only reads), in again: nothing changes.
    write_vdir(export_vcards(store.contacts()), khard.book)
    khard("list")
    again = import_vcards(store, read_vdir(khard.book))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
