"""`collab sync` against a real CardDAV/CalDAV server (Radicale) through vdirsyncer.

The "phone" is a second vdirsyncer configuration with its own vdirs, edited the way khard
or todoman edit files: a contact's title changed, a to-do completed, another re-dated and
renamed, a contact and a to-do added, a contact deleted. One Radicale serves the module.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from collab_tui import actions
from collab_tui.interop import vdirsyncer
from collab_tui.store import Store

pytest.importorskip("radicale", reason="radicale is a development dependency (uv sync)")

USER = "pm"
PASSWORD = ["--username", USER, "--password-command", "echo any"]  # Radicale: no auth


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Radicale on 127.0.0.1 with an empty storage folder; stopped at the end, always."""
    try:
        vdirsyncer.program()
    except vdirsyncer.SyncError:
        pytest.skip("vdirsyncer is not installed (a development dependency: uv sync)")
    storage = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
            "--storage-filesystem-folder",
            str(storage),
            "--logging-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Radicale did not start: {process.stderr.read()!r}")
                time.sleep(0.05)  # polling a starting server: there is nothing to wait on
        yield f"http://127.0.0.1:{port}/", storage / "collection-root" / USER
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sync(collab) -> dict:
    result = collab("sync", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def server_files(root: Path) -> dict[str, bytes]:
    return {
        f"{p.parent.name}/{p.name}": p.read_bytes()
        for p in sorted(root.glob("*/*"))
        if p.suffix in (".vcf", ".ics")
    }


def data_of(collab) -> dict:
    result = collab("export", "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_bytes().decode()
    for old, new in changes:
        assert re.search(old, text, re.MULTILINE), (old, text)
        text = re.sub(old, new, text, count=1, flags=re.MULTILINE)
    path.write_bytes(text.encode())


def file_with(folder: Path, text: str) -> Path:
    (found,) = [p for p in folder.iterdir() if text.encode() in p.read_bytes()]
    return found


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def test_contacts_and_todos_go_both_ways_and_settle(server, collab, tmp_path):
    url, root = server
    store = Store.open(collab.db)  # seeded in this process: quicker than five commands
    actions.upsert_contact(store, "刘经理", title="Director")
    actions.upsert_contact(
        store, "小蓝", kpis=["approval turnaround"], stance="eager", boss="刘经理"
    )
    actions.upsert_contact(store, "Ming", department="Payments")
    today = date(2026, 11, 24)
    actions.capture(store, "owe: send the revised spec @小蓝 due:2026-11-25 #orders !", today)
    actions.capture(store, "wait: approval result @Ming due:2026-11-27", today)
    store.close()

    setup = collab("sync", "--setup", url, *PASSWORD)
    assert setup.code == 0, setup.err
    first = sync(collab)
    assert first["sent"] == 5 and first["added"] == 0 and first["conflicts"] == 0
    on_server = server_files(root)
    assert sum(name.endswith(".vcf") for name in on_server) == 3
    assert sum(name.endswith(".ics") for name in on_server) == 2

    # The phone: its own vdirs, synced with the same server, edited like khard / todoman.
    phone = tmp_path / "phone"
    vdirsyncer.write_config(url, username=USER, password_command="echo any", base=phone)
    vdirsyncer.discover(phone)
    vdirsyncer.sync(phone)
    cards, todos = vdirsyncer.contacts_vdir(phone), vdirsyncer.todos_vdir(phone)
    assert len(list(cards.iterdir())) == 3 and len(list(todos.iterdir())) == 2
    edit(
        file_with(cards, "FN:小蓝"),
        (r"^END:VCARD", "TITLE:Lead architect\r\nEND:VCARD"),
        (r"^X-COLLAB-STANCE:eager", "X-COLLAB-STANCE:refuses"),  # a stale echo: ignored
        (r"^REV:.*$", f"REV:{stamp()}\r"),
    )
    file_with(cards, "FN:Ming").unlink()
    (cards / "wang-fang-1.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:wang-fang-1\r\nFN:\xe7\x8e\x8b\xe8\x8a\xb3\r\n"
        b"N:\xe7\x8e\x8b;\xe8\x8a\xb3;;;\r\nEMAIL:wang@example.com\r\nEND:VCARD\r\n"
    )
    edit(
        file_with(todos, "SUMMARY:send the revised spec"),
        (r"^STATUS:NEEDS-ACTION", "STATUS:COMPLETED"),
        (r"^LAST-MODIFIED:.*$", f"LAST-MODIFIED:{stamp()}\r"),
    )
    edit(
        file_with(todos, "SUMMARY:approval result"),
        (r"^SUMMARY:approval result", "SUMMARY:approval result (final)"),
        (r"^DUE;VALUE=DATE:20261127", "DUE;VALUE=DATE:20261204"),
        (r"^LAST-MODIFIED:.*$", f"LAST-MODIFIED:{stamp()}\r"),
    )
    (todos / "phone-1.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//todoman//EN\r\nBEGIN:VTODO\r\n"
        b"UID:phone-1\r\nDTSTAMP:20261124T080000Z\r\nSUMMARY:call Ming\r\n"
        b"DUE;VALUE=DATE:20261201\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    vdirsyncer.sync(phone)

    back = sync(collab)
    assert back["added"] == 2  # 王芳 and "call Ming"
    assert back["completed"] == 1 and back["conflicts"] == 0
    assert back["kept"] == 1  # Ming, deleted on the phone, is kept in collab
    assert back["updated"] == 2  # 小蓝's title; the approval's title and date

    data = data_of(collab)
    contacts = {c["name"]: c for c in data["contacts"]}
    assert sorted(contacts) == ["Ming", "刘经理", "小蓝", "王芳"]  # no duplicates
    lan = contacts["小蓝"]
    assert lan["title"] == "Lead architect"
    assert lan["kpis"] == ["approval turnaround"] and lan["stance"] == "eager"
    assert lan["boss_id"] == contacts["刘经理"]["id"]
    items = {i["title"]: i for i in data["items"]}
    assert sorted(items) == ["approval result (final)", "call Ming", "send the revised spec"]
    assert items["send the revised spec"]["status"] == "done"
    assert items["approval result (final)"]["due"] == "2026-12-04"
    assert items["approval result (final)"]["due_history"] == ["2026-11-27"]
    assert items["call Ming"]["due"] == "2026-12-01"

    # The server now holds collab's versions: Ming stays deleted there, the rest once each.
    on_server = server_files(root)
    assert sum(name.endswith(".vcf") for name in on_server) == 3
    assert sum(name.endswith(".ics") for name in on_server) == 3
    assert any(b"STATUS:COMPLETED" in data for data in on_server.values())

    # Three syncs in a row change nothing, on either side.
    stored = collab.db.read_bytes()
    for _ in range(2):
        again = sync(collab)
        assert again["sent"] == again["removed"] == again["added"] == again["updated"] == 0
        assert again["completed"] == again["conflicts"] == again["kept"] == 0
    assert collab("sync").out == (
        "synced: 0 sent, 0 added, 0 updated, 0 completed, 0 conflicts, "
        "0 kept (deleted on the server), 0 skipped\n"
    )
    assert server_files(root) == on_server
    assert collab.db.read_bytes() == stored

    vdirsyncer.sync(phone)  # and the phone sees one of each, collab's fields included
    assert len(list(cards.iterdir())) == 3 and len(list(todos.iterdir())) == 3
    assert b"X-COLLAB-STANCE:eager" in file_with(cards, "FN:小蓝").read_bytes()
