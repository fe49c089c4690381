"""The shell commands as a user runs them: real subprocesses, exit codes and output."""

from __future__ import annotations

import json

from tests.cli.conftest import TODAY


def test_help_lists_every_command(collab):
    result = collab("--help", db=False)
    assert result.code == 0
    for command in (
        "add",
        "done",
        "drop",
        "snooze",
        "contact",
        "today",
        "matrix",
        "who",
        "export",
        "import",
        "report",
        "demo",
    ):
        assert f"    {command}" in result.out
    sub = collab("add", "--help", db=False)
    assert sub.code == 0 and "examples:" in sub.out and "due:tomorrow" in sub.out


def test_version(collab):
    result = collab("--version", db=False)
    assert result.code == 0 and result.out.startswith("collab-tui ")


def test_add_prints_one_line_per_record_and_new_contacts(collab):
    result = collab("add", "owe: send the revised spec @小蓝 due:tomorrow #orders")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "new contact: 小蓝 (#1)",
        "added owe #1: send the revised spec -> 小蓝 · due Wed 25 Nov · #orders",
    ]
    again = collab("add", "wait: approval result @小蓝 due:+3d !")
    assert again.out.splitlines() == [
        "added wait #2: approval result <- 小蓝 · due Fri 27 Nov · important"
    ]


def test_add_meeting_creates_interaction_and_linked_items(collab):
    result = collab(
        "add",
        "meet: @Lan @Ming agreed to fix the approval bug; owe: retest payment flow due:fri; "
        "risk: Ming's team has no slot @Ming",
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["new contact: Lan (#1)", "new contact: Ming (#2)"]
    assert lines[2] == "logged meeting #1 with Lan, Ming: agreed to fix the approval bug"
    assert lines[3].startswith("added owe #1: retest payment flow -> Lan, Ming")
    assert lines[4].startswith("added risk #2: Ming's team has no slot @ Ming")
    backup = collab("export", "--format", "json").json()
    (meeting,) = backup["interactions"]
    assert meeting["item_ids"] == [1, 2]
    assert [item["interaction_id"] for item in backup["items"]] == [1, 1]


def test_bad_capture_exits_2_names_the_token_and_saves_nothing(collab):
    result = collab("add", "owe: send spec @Lan due:someday")
    assert result.code == 2
    assert "due:someday" in result.err
    assert "Traceback" not in result.err
    assert collab("export", "--format", "json").json()["contacts"] == []


def test_done_drop_reopen_snooze(collab):
    collab("add", "task: one due:today")
    collab("add", "task: two due:today")
    done = collab("done", "1")
    assert done.code == 0 and done.out.startswith("done task #1: one")
    assert collab("done", "1").err == "collab: #1 is already done\n"
    assert collab("done", "1").code == 2
    assert collab("drop", "#2").out.startswith("dropped task #2")
    assert collab("reopen", "2").out.startswith("reopened task #2")
    snoozed = collab("snooze", "2", "next", "week")
    assert snoozed.code == 0
    assert "due Mon 30 Nov" in snoozed.out
    item = collab("export", "--format", "json").json()["items"][1]
    assert item["due"] == "2026-11-30" and item["due_history"] == [TODAY]


def test_unknown_id_and_bad_date_exit_2(collab):
    collab("add", "task: one")
    missing = collab("done", "99")
    assert (missing.code, missing.err) == (2, "collab: no item #99\n")
    bad = collab("snooze", "1", "someday")
    assert bad.code == 2 and "someday" in bad.err
    assert collab("done", "abc").code == 2  # argparse: not an item number


def test_contact_create_update_and_who(collab):
    assert collab("contact", "刘经理", "--title", "Approvals manager").code == 0
    created = collab(
        "contact",
        "小蓝",
        "--dept",
        "Dept B",
        "--boss",
        "刘经理",
        "--stance",
        "eager",
        "--side",
        "supporting",
        "--level",
        "working",
        "--flow",
        "upstream",
        "--kpi",
        "approval turnaround",
        "--kpi",
        "stability",
        "--concern",
        "no capacity",
        "--gain",
        "fewer escalations",
        "--alias",
        "Lan",
        "--email",
        "lan@example.com",
    )
    assert created.code == 0, created.err
    # a stance set offers the playbook's next step (tests/cli/test_playbook_cli.py)
    assert created.out.startswith("new contact: 小蓝 (#2)\nnext step (playbook): task: Book")
    updated = collab("contact", "lan", "--kpi", "audit findings")
    assert updated.out == "updated contact: 小蓝 (#2)\n"
    collab("add", "owe: send the spec @Lan due:fri")
    collab("add", "wait: approval result @Lan due:tomorrow")

    brief = collab("who", "lan")
    assert brief.code == 0, brief.err
    for text in (
        "小蓝",
        "刘经理",
        "eager",
        "supporting",
        "approval turnaround",
        "audit findings",
        "no capacity",
        "fewer escalations",
        "send the spec",
        "approval result",
    ):
        assert text in brief.out
    data = collab("who", "小", "--json").json()
    assert data["contact"]["name"] == "小蓝"
    assert data["contact"]["kpis"] == ["approval turnaround", "stability", "audit findings"]
    assert [b["name"] for b in data["boss_chain"]] == ["刘经理"]


def test_contact_errors(collab):
    assert collab("contact", "Ming", "--boss", "Nobody").code == 2
    bad = collab("contact", "Ming", "--stance", "grumpy")
    assert bad.code == 2 and "invalid choice" in bad.err
    collab("contact", "Lan")
    collab("contact", "Lang")
    ambiguous = collab("who", "La")
    assert ambiguous.code == 2 and "Lan" in ambiguous.err and "Lang" in ambiguous.err
    unknown = collab("who", "Zed")
    assert (unknown.code, unknown.err) == (2, "collab: no contact called 'Zed'\n")


def test_today_json_keys_and_plain_output(collab):
    collab("add", "owe: overdue thing @小蓝 due:2026-11-20")
    collab("add", "wait: due today thing @小明 due:today !")
    collab("add", "risk: milestones never agreed review:today")
    data = collab("today", "--json").json()
    assert list(data) == [
        "date",
        "overdue",
        "due_today",
        "do_now",
        "owe",
        "waiting",
        "risks_to_review",
        "meetings_today",
        "awaiting_outcome",
        "blocked",
        "going_cold",
        "cadence",
        "escalations",
        "unagreed_milestones",
        "slipped_milestones",
        "overdue_milestones",
        "launch_at_risk",
    ]
    assert data["date"] == TODAY
    assert [i["title"] for i in data["overdue"]] == ["overdue thing"]
    assert [i["title"] for i in data["due_today"]] == ["due today thing"]
    assert [i["title"] for i in data["risks_to_review"]] == ["milestones never agreed"]
    plain = collab("today")  # piped: plain text, no escapes
    assert plain.code == 0
    assert "\x1b" not in plain.out
    assert "Overdue (1)" in plain.out and "overdue thing" in plain.out and "小蓝" in plain.out
    other_day = collab("today", "--date", "2026-11-30", "--json").json()
    assert other_day["date"] == "2026-11-30"
    assert collab("today", "--date", "whenever").code == 2


def test_matrix_json(collab):
    collab("add", "task: urgent and important due:today !")
    collab("add", "task: someday maybe")
    collab("add", "risk: a risk review:+2w")
    data = collab("matrix", "--json").json()
    assert list(data) == ["do_now", "schedule", "delegate", "drop"]
    assert [i["title"] for i in data["do_now"]] == ["urgent and important"]
    assert [i["title"] for i in data["schedule"]] == ["a risk"]
    assert [i["title"] for i in data["drop"]] == ["someday maybe"]
    text = collab("matrix").out
    assert "Do now" in text and "someday maybe" in text


def test_user_text_with_escapes_is_printed_plain(collab):
    collab("contact", "Evil\x1b[31m[bold]Name[/]")
    out = collab("who", "Evil").out
    assert "\x1b" not in out and "[bold]Name[/]" in out


def test_export_import_json_roundtrip(collab, tmp_path):
    collab("add", "meet: @小蓝 kick-off; owe: send the spec due:fri #orders")
    collab("done", "1")
    backup = tmp_path / "backup.json"
    result = collab("export", "--format", "json", "-o", str(backup))
    assert result.code == 0 and "exported 3 records" in result.err
    other = tmp_path / "other.json"
    imported = collab("--db", str(other), "import", str(backup), db=False)
    assert imported.code == 0, imported.err
    assert "added 3, updated 0, unchanged 0, skipped 0" in imported.out
    again = collab("--db", str(other), "export", "--format", "json", db=False).json()
    first = json.loads(backup.read_text("utf-8"))
    for key in ("contacts", "items", "interactions", "settings"):
        assert again[key] == first[key]
    dry = collab("--db", str(other), "import", str(backup), "--dry-run", db=False)
    assert "dry run" in dry.out and "unchanged 3" in dry.out


def test_import_bad_files_exit_2_and_change_nothing(collab, tmp_path):
    collab("add", "task: keep me")
    before = collab("export", "--format", "json").json()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    assert collab("import", str(broken)).code == 2
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "collab-tui", "version": 99}), "utf-8")
    result = collab("import", str(wrong))
    assert result.code == 2 and "version 99" in result.err
    bad_item = tmp_path / "bad.json"
    bad_item.write_text(
        json.dumps(
            {
                "format": "collab-tui",
                "version": 1,
                "items": [
                    {"id": 1, "title": "changed"},
                    {"id": 2, "title": "x", "due": "not a date"},
                ],
            }
        ),
        "utf-8",
    )
    assert collab("import", str(bad_item)).code == 2
    missing = collab("import", str(tmp_path / "missing.json"))
    assert missing.code == 2 and "cannot read" in missing.err
    unknown = collab("import", str(tmp_path / "notes.txt"))
    assert unknown.code == 2 and "--from" in unknown.err
    after = collab("export", "--format", "json").json()
    assert after["items"] == before["items"]


def test_vcard_ics_csv_and_report(collab, tmp_path):
    collab("contact", "小蓝", "--kpi", "turnaround", "--email", "lan@example.com")
    collab("add", "owe: send the spec @小蓝 due:fri #orders")
    collab("add", "risk: slip @小蓝 review:+3d #orders")
    vcf = tmp_path / "contacts.vcf"
    assert collab("export", "--format", "vcf", "-o", str(vcf)).code == 0
    assert "BEGIN:VCARD" in vcf.read_text("utf-8") and "小蓝" in vcf.read_text("utf-8")
    dry = collab("import", str(vcf), "--dry-run")
    assert dry.code == 0 and "unchanged 1" in dry.out
    ics = collab("export", "--format", "ics")
    assert ics.code == 0 and "BEGIN:VTODO" in ics.out
    csv = collab("export", "--format", "csv", "--what", "contacts")
    assert csv.code == 0 and "小蓝" in csv.out
    report = collab("report", "--tag", "orders")
    assert report.code == 0 and "slip" in report.out
    out = tmp_path / "status.md"
    assert collab("report", "--since", "2026-11-01", "-o", str(out)).code == 0
    assert "send the spec" in out.read_text("utf-8") or "slip" in out.read_text("utf-8")


def test_import_taskwarrior(collab, tmp_path):
    tasks = tmp_path / "tasks.json"
    tasks.write_text(
        json.dumps(
            [
                {
                    "uuid": "6f1c8a4e-0000-4000-8000-000000000001",
                    "description": "write docs",
                    "status": "pending",
                    "entry": "20261101T090000Z",
                    "tags": ["orders"],
                    "priority": "H",
                },
                {
                    "uuid": "6f1c8a4e-0000-4000-8000-000000000002",
                    "description": "old thing",
                    "status": "completed",
                    "entry": "20261001T090000Z",
                    "end": "20261002T090000Z",
                },
            ]
        ),
        "utf-8",
    )
    result = collab("import", "--from", "taskwarrior", str(tasks))
    assert result.code == 0, result.err
    assert "added 2" in result.out
    items = collab("export", "--format", "json").json()["items"]
    assert {i["title"]: i["status"] for i in items} == {"write docs": "open", "old thing": "done"}


def test_store_errors_exit_1_without_traceback(collab):
    collab.db.parent.mkdir(parents=True, exist_ok=True)
    collab.db.write_text("{ this is not a data file", "utf-8")
    result = collab("today")
    assert result.code == 1
    assert str(collab.db) in result.err and "Traceback" not in result.err
    assert collab("add", "task: x").code == 1
    assert collab.db.read_text("utf-8") == "{ this is not a data file"


def test_collab_db_environment_variable(collab, tmp_path):
    path = tmp_path / "env.json"
    assert collab("add", "task: via env", db=False, env={"COLLAB_DB": str(path)}).code == 0
    assert path.exists()
    result = collab("--db", str(path), "today", "--json", db=False)
    assert result.code == 0


def test_demo_writes_its_own_file_and_refuses_data(collab, tmp_path):
    demo_db = tmp_path / "demo.json"
    result = collab("demo", "--db", str(demo_db), db=False)
    assert result.code == 0, result.err
    assert str(demo_db) in result.out and "collab --db" in result.out
    agenda = collab("--db", str(demo_db), "today", "--json", db=False).json()
    assert agenda["overdue"] and agenda["due_today"] and agenda["risks_to_review"]
    again = collab("demo", "--db", str(demo_db), db=False)
    assert again.code == 1 and "already holds data" in again.err
    # Without --db it goes to the demo file in the data directory, never the user's file.
    default = collab("demo", db=False, env={"COLLAB_DB": str(tmp_path / "mine.json")})
    assert default.code == 0 and "demo.json" in default.out
    assert not (tmp_path / "mine.json").exists()


def test_demo_is_written_in_the_interface_language(collab, tmp_path, monkeypatch):
    import re

    import pytest

    from collab_tui import words

    # The demo follows words.language(); skip where COLLAB_LANG=zh does not choose Chinese
    # yet (a branch without the Chinese catalog).
    monkeypatch.setenv("COLLAB_LANG", "zh")
    words.set_language(None)
    try:
        if words.language() != "zh":
            pytest.skip("COLLAB_LANG=zh does not choose Chinese on this branch")
    finally:
        monkeypatch.delenv("COLLAB_LANG")
        words.set_language(None)

    from collab_tui.store import Store

    def titles(db):
        with Store.open(db) as store:
            return [item.title for item in store.items(active_only=False)]

    cjk = re.compile(r"[\u4e00-\u9fff]")
    chinese = collab("demo", "--db", str(tmp_path / "zh.json"), db=False, env={"COLLAB_LANG": "zh"})
    assert chinese.code == 0, chinese.err
    english = collab("demo", "--db", str(tmp_path / "en.json"), db=False)
    assert english.code == 0, english.err
    zh_titles, en_titles = titles(tmp_path / "zh.json"), titles(tmp_path / "en.json")
    assert len(zh_titles) == len(en_titles) == 19
    assert all(cjk.search(title) for title in zh_titles)
    assert not any(cjk.search(title) for title in en_titles)
    assert "审批状态接口定义" in zh_titles and "approval-status API definition" in en_titles


def test_bad_collab_today_exits_2(collab):
    result = collab("today", env={"COLLAB_TODAY": "tuesday"})
    assert result.code == 2 and "COLLAB_TODAY" in result.err


def test_too_new_file_exits_1(collab):
    assert collab("add", "task: x").code == 0
    data = json.loads(collab.db.read_text("utf-8"))
    data["meta"]["1"]["schema_version"] = 99
    collab.db.write_text(json.dumps(data), "utf-8")
    result = collab("today")
    assert result.code == 1 and "version 99" in result.err and "Traceback" not in result.err


def test_write_failure_exits_1_and_keeps_the_file(collab):
    import os

    if os.geteuid() == 0:
        import pytest

        pytest.skip("root can write into a read-only directory")
    assert collab("add", "task: x").code == 0
    before = collab.db.read_bytes()
    collab.db.parent.chmod(0o500)  # no new files: the atomic save cannot write its temp file
    try:
        result = collab("add", "task: y")
    finally:
        collab.db.parent.chmod(0o700)
    assert result.code == 1 and "Traceback" not in result.err
    assert collab.db.read_bytes() == before


def test_db_option_after_the_command(collab, tmp_path):
    path = tmp_path / "after.json"
    assert collab("add", "task: here", "--db", str(path), db=False).code == 0
    assert collab("today", "--json", "--db", str(path), db=False).json()["date"] == TODAY


def test_add_repeated_is_a_retry_not_a_duplicate(collab):
    line = "owe: send the signed contract @Lee due:fri"
    assert collab("add", line).code == 0
    repeat = collab("add", line)
    assert repeat.code == 2
    assert "already saved" in repeat.err and "--again" in repeat.err
    assert len(collab("today", "--json").json()["owe"]) == 1
    again = collab("add", "--again", line)
    assert again.code == 0, again.err
    assert len(collab("today", "--json").json()["owe"]) == 2


def test_add_with_several_lines_captures_each_line(collab):
    block = "owe: send the spec @小蓝 due:fri\nwait: approval result @小明\n"
    result = collab("add", block)
    assert result.code == 0, result.err
    today = collab("today", "--json").json()
    assert [i["title"] for i in today["owe"]] == ["send the spec"]
    assert [i["title"] for i in today["waiting"]] == ["approval result"]
    bad = collab("add", "task: one\ntask: two due:frday")
    assert bad.code == 2 and "line 2" in bad.err and "frday" in bad.err
    titles = [i["title"] for q in collab("matrix", "--json").json().values() for i in q]
    assert "one" not in titles and len(titles) == 2
