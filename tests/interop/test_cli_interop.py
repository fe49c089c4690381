"""`collab import/export/report` as subprocesses, on the interop formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from icalendar import Calendar

from .conftest import DATA


def backup(collab, db=None) -> dict:
    result = collab("export", "--format", "json", **({"db": db} if db else {}))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    data.pop("exported")
    return data


def test_vcard_import_reimport_and_dry_run(collab):
    first = collab("import", str(DATA / "google.vcf"))
    assert first.code == 0, first.err
    assert first.out.strip().endswith("added 3, updated 0, unchanged 0, skipped 0")
    again = collab("import", str(DATA / "google.vcf"))
    assert again.out.strip().endswith("added 0, updated 0, unchanged 3, skipped 0")

    before = backup(collab)
    dry = collab("import", str(DATA / "google-updated.vcf"), "--dry-run")
    assert dry.code == 0, dry.err
    assert "update Lan Wei (title, phone) from card 1 (line 1)" in dry.out
    assert "add Priya Raman from card 4 (line 35)" in dry.out
    assert "dry run, nothing saved: would have added 1, updated 2, unchanged 1" in dry.out
    assert backup(collab) == before

    real = collab("import", str(DATA / "google-updated.vcf"))
    assert "added 1, updated 2, unchanged 1, skipped 0" in real.out
    assert len(backup(collab)["contacts"]) == 4


def test_broken_cards_are_listed_and_the_rest_imported(collab, tmp_path, shared_vcards):
    mixed = tmp_path / "mixed.vcf"
    mixed.write_bytes(
        (shared_vcards / "joe.vcf").read_bytes()
        + (shared_vcards / "unparsable.vcf").read_bytes()
        + (shared_vcards / "korean-c.vcf").read_bytes()
    )
    result = collab("import", str(mixed))
    assert result.code == 0, result.err
    assert "skipped card 2 (line 10): no END:VCARD before the next card" in result.out
    assert "added 2, updated 0, unchanged 0, skipped 1" in result.out
    names = sorted(c["name"] for c in backup(collab)["contacts"])
    assert names == ["Joe Citizen", "최유림"]


def test_unreadable_files_exit_2_and_change_nothing(collab, tmp_path, shared_vcards):
    collab("import", str(DATA / "khard.vcf"))
    before = backup(collab)
    junk = tmp_path / "junk.vcf"
    junk.write_text("hello\n")
    for args in (
        [str(junk)],
        [str(shared_vcards / "unparsable.vcf")],
        [str(tmp_path / "missing.vcf")],
        ["--from", "taskwarrior", str(junk)],
        ["--from", "taskwarrior", str(DATA / "google.vcf")],
    ):
        result = collab("import", *args)
        assert result.code == 2, (args, result.out, result.err)
        assert result.err.startswith("collab: "), args
    assert backup(collab) == before


def test_vcard_export_round_trips_through_another_data_file(collab, tmp_path):
    collab("contact", "小蓝", "--dept", "Order Approval", "--kpi", "lead time", "--stance",
           "eager", "--alias", "Lan")  # fmt: skip
    collab("contact", "老陈", "--title", "Director")
    collab("contact", "小蓝", "--boss", "老陈")
    collab("import", str(DATA / "apple.vcf"))
    out = tmp_path / "contacts.vcf"
    result = collab("export", "--format", "vcf", "-o", str(out))
    assert result.code == 0, result.err
    assert "exported 4 contacts" in result.err and result.out == ""

    other = tmp_path / "other" / "collab.json"
    imported = collab("import", str(out), db=other)
    assert "added 4, updated 0, unchanged 0, skipped 0" in imported.out, imported.err
    mine = {c["uid"]: c for c in backup(collab)["contacts"]}
    theirs = {c["uid"]: c for c in backup(collab, db=other)["contacts"]}
    assert mine.keys() == theirs.keys()
    for uid, contact in mine.items():
        copy = theirs[uid]
        for key in ("name", "aliases", "department", "title", "stance", "kpis", "email"):
            assert copy[key] == contact[key], key
    lan = next(c for c in theirs.values() if c["name"] == "小蓝")
    assert theirs_by_id(theirs)[lan["boss_id"]]["name"] == "老陈"
    # Back into the first file: nothing changes.
    back = collab("import", str(out))
    assert "added 0, updated 0, unchanged 4" in back.out


def theirs_by_id(contacts: dict) -> dict:
    return {c["id"]: c for c in contacts.values()}


def test_ics_export(collab, tmp_path):
    collab("add", "owe: send the revised spec @Lan due:2026-11-25 #orders !")
    collab("add", "risk: approval API may slip @Lan review:2026-12-01")
    collab("add", "task: no date here")
    result = collab("export", "--format", "ics")
    assert result.code == 0 and result.err == "", result.err  # no summary mixed into a pipe
    out = tmp_path / "follow-ups.ics"
    written = collab("export", "--format", "ics", "-o", str(out))
    assert written.out == "" and out.read_bytes().replace(b"\r\n", b"\n") == result.out.encode()
    assert written.err == f"exported 2 to-dos (due dates and risk reviews) from 3 items to {out}\n"
    calendar = Calendar.from_ical(result.out.encode())
    todos = {str(t["SUMMARY"]): t for t in calendar.walk("VTODO")}
    assert sorted(todos) == ["Review risk: approval API may slip", "send the revised spec"]
    spec = todos["send the revised spec"]
    assert spec.decoded("DUE") == date(2026, 11, 25)
    assert int(spec["PRIORITY"]) == 1
    assert str(spec["UID"]).endswith("@collab-tui")


def test_csv_export(collab, tmp_path):
    collab("add", "owe: =cmd|' /C calc'!A0 @Lan due:2026-11-25 #orders")
    out = tmp_path / "items.csv"
    result = collab("export", "--format", "csv", "--what", "items", "-o", str(out))
    assert result.code == 0 and result.out == "", result.err
    assert result.err == f"exported 1 items to {out}\n"
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,kind,title,")  # a BOM: Excel then reads UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    (row,) = rows
    assert row["title"].startswith("'=cmd")
    assert row["contacts"] == "Lan" and row["tags"] == "orders"
    collab("add", "wait: approval result @王小明")
    contacts = collab("export", "--format", "csv", "--what", "contacts", "--no-bom")
    assert contacts.out.startswith("id,name,")  # for scripts: no BOM
    assert [r["name"] for r in csv.DictReader(io.StringIO(contacts.out))] == ["Lan", "王小明"]


def test_taskwarrior_dates_do_not_depend_on_the_machines_zone(collab, tmp_path):
    args = ("import", "--from", "taskwarrior", str(DATA / "taskwarrior-export.json"))
    first = collab(*args, extra_env={"TZ": "Asia/Shanghai"})
    assert "added 8" in first.out, first.err
    dates = {i["title"]: i["due"] for i in backup(collab)["items"]}
    assert dates["Send revised spec to Lan"] == "2026-12-03"
    # The same file on a machine in California: the zone recorded by the first import holds.
    again = collab(*args, extra_env={"TZ": "America/Los_Angeles"})
    assert "added 0, updated 0, unchanged 8, skipped 1" in again.out, again.err
    assert {i["title"]: i["due"] for i in backup(collab)["items"]} == dates
    # A fresh store in California, told where taskwarrior ran: the same dates.
    fresh = tmp_path / "fresh.json"
    told = collab(*args, "--tz", "Asia/Shanghai", db=fresh, extra_env={"TZ": "America/Los_Angeles"})
    assert told.code == 0, told.err
    assert {i["title"]: i["due"] for i in backup(collab, db=fresh)["items"]} == dates
    bad = collab(*args, "--tz", "Shanghai", db=fresh)
    assert bad.code == 2
    assert "'Shanghai' is not a time zone: give a name such as Asia/Shanghai" in bad.err


def test_outlook_and_android_cards_in_clean_vcard_3_out(collab, tmp_path):
    for name in ("outlook-2.1.vcf", "android-2.1.vcf"):
        result = collab("import", str(DATA / name))
        assert result.code == 0 and "skipped 0" in result.out, result.err
    out = tmp_path / "contacts.vcf"
    assert collab("export", "--format", "vcf", "-o", str(out)).code == 0
    text = out.read_text("utf-8").replace("\r\n ", "")
    assert "FN:王小明" in text and "FN:李雷" in text
    assert "TEL;TYPE=WORK,pref:010-8888-6666" in text
    assert "CHARSET" not in text and "QUOTED-PRINTABLE" not in text and "BASE64" not in text


def test_report(collab, tmp_path):
    collab("add", "wait: approval result @小明 due:2026-11-27 #orders")
    collab("add", "meet: @小蓝 agreed to fix the bug instead #orders")
    out = tmp_path / "status.md"
    result = collab("report", "--since", "2026-11-01", "--tag", "orders", "-o", str(out))
    assert result.code == 0 and result.out == "", result.err
    assert result.err == f"wrote the status report to {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Status report: 2026-11-01 to 2026-11-24\n")
    assert "### 小明\n\n- approval result (due 2026-11-27, in 3 days)" in text
    assert "## Decisions" in text


def test_taskwarrior_import(collab):
    args = ("import", "--from", "taskwarrior", str(DATA / "taskwarrior-export.json"))
    env = {"TZ": "Asia/Shanghai"}  # where the fixture was written
    dry = collab(*args, "--dry-run", extra_env=env)
    assert dry.code == 0, dry.err
    assert "  add task 1 (Send revised spec to Lan)\n" in dry.out
    assert "  skip task 5 (Weekly status report): a recurrence template" in dry.out
    assert (
        "dry run, nothing saved: would have added 8, updated 0, unchanged 0, skipped 1" in dry.out
    )
    first = collab(*args, extra_env=env)  # still adds all 8: the dry run stored nothing
    assert first.code == 0, first.err
    assert "added 8, updated 0, unchanged 0, skipped 1" in first.out
    assert "skipped task 5 (Weekly status report): a recurrence template" in first.out
    again = collab(*args, extra_env=env)
    assert "added 0, updated 0, unchanged 8, skipped 1" in again.out
    items = {i["title"]: i for i in backup(collab)["items"]}
    assert items["Send revised spec to Lan"]["due"] == "2026-12-03"
    assert items["Old kickoff deck"]["status"] == "done"


def test_interop_modules_import_neither_rich_nor_textual():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from collab_tui.interop import csvfile, ics, report, taskwarrior, vcard\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
