"""``collab sync``'s link to CardDAV/CalDAV servers: vdirsyncer, run as a program.

collab-tui speaks no DAV itself. It keeps two vdirs (``vdir.py``) and has vdirsyncer
(https://vdirsyncer.pimutils.org) sync each with a collection on the server: contacts
with an address book, to-dos with a task list. The configuration, vdirsyncer's status
and the vdirs live in ``paths.sync_dir()``. Passwords are never written by collab: the
configuration tells vdirsyncer to run a command for them (the system keyring by
default, ``keyring get collab-tui USER``).

vdirsyncer is found on the PATH or beside this Python (``collab-tui[sync]`` installs it
there); when it is missing, ``SyncError`` says how to install it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from collab_tui.paths import sync_dir
from collab_tui.words import t

KEYRING_SERVICE = "collab-tui"
COLLECTION = "collab"  # the local name of the synced collection (a subfolder of a vdir)
# The server's collections, created by `collab sync --setup` when missing: collab's own,
# so that the phone's whole address book does not pour into collab (two names: one server
# cannot have an address book and a calendar at the same path).
ADDRESSBOOK, CALENDAR = "collab-contacts", "collab-todos"
TIMEOUT = 600  # seconds one vdirsyncer run may take


class SyncError(ValueError):
    """vdirsyncer is missing, not set up, or failed: the message says which and what to do."""


def config_path(base: Path | None = None) -> Path:
    return (base or sync_dir()) / "vdirsyncer.conf"


def contacts_vdir(base: Path | None = None) -> Path:
    return (base or sync_dir()) / "contacts" / COLLECTION


def todos_vdir(base: Path | None = None) -> Path:
    return (base or sync_dir()) / "todos" / COLLECTION


def write_config(
    url: str,
    calendar_url: str = "",
    username: str = "",
    password_command: str = "",
    addressbook: str = ADDRESSBOOK,
    calendar: str = CALENDAR,
    base: Path | None = None,
) -> Path:
    """Write the vdirsyncer configuration for ``url`` (atomically); returns its path.

    ``calendar_url`` is for servers whose CalDAV lives elsewhere (Fastmail, iCloud).
    With a ``username``, the password comes from ``password_command`` (split like a
    shell would) or else from the keyring; nothing secret is written.
    """
    from collab_tui.store.durable import ensure_dir, write_atomic

    base = base or sync_dir()
    for folder in (contacts_vdir(base), todos_vdir(base), base / "status"):
        ensure_dir(folder)
    credentials: dict[str, object] = {}
    if username:
        command = shlex.split(password_command) or ["keyring", "get", KEYRING_SERVICE, username]
        credentials = {"username": username, "password.fetch": ["command", *command]}
    sections: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (("general",), {"status_path": str(base / "status") + os.sep})
    ]
    pairs = [
        ("collab_contacts", "carddav", url, addressbook, contacts_vdir(base), ".vcf", {}),
        (
            "collab_todos",
            "caldav",
            calendar_url or url,
            calendar,
            todos_vdir(base),
            ".ics",
            {"item_types": ["VTODO"]},
        ),
    ]
    for pair, kind, server, collection, folder, ext, more in pairs:
        # The server's answer wins in vdirsyncer; collab then compares it with its own
        # records (LAST-MODIFIED / REV against `updated`) and re-exports what it keeps.
        sections += [
            (
                ("pair", pair),
                {
                    "a": pair + "_local",
                    "b": pair + "_server",
                    "collections": [[COLLECTION, COLLECTION, collection]],
                    "conflict_resolution": "b wins",
                },
            ),
            (
                ("storage", pair + "_local"),
                {"type": "filesystem", "path": str(folder.parent), "fileext": ext},
            ),
            (("storage", pair + "_server"), {"type": kind, "url": server, **credentials, **more}),
        ]
    text = ""
    for name, entries in sections:
        text += f"[{' '.join(name)}]\n"
        text += "".join(f"{key} = {_value(value)}\n" for key, value in entries.items()) + "\n"
    path = config_path(base)
    try:
        changed = path.read_text(encoding="utf-8") != text
    except FileNotFoundError:
        changed = False
    if changed:
        # vdirsyncer's status describes the old server: kept, it would read the new one's
        # missing items as deletions and delete the local files.
        shutil.rmtree(base / "status", ignore_errors=True)
        ensure_dir(base / "status")
    write_atomic(path, text.encode("utf-8"))
    return path


def _value(value: object) -> str:
    """A value as vdirsyncer reads it (JSON), so quotes and backslashes cannot break out."""
    return json.dumps(value, ensure_ascii=False)


def program() -> str:
    """The vdirsyncer to run: on the PATH, or installed beside this Python."""
    beside = Path(sys.executable).parent / "vdirsyncer"
    found = shutil.which("vdirsyncer") or (str(beside) if beside.exists() else None)
    if found is None:
        raise SyncError(t("error.sync.no_vdirsyncer"))
    return found


def discover(base: Path | None = None) -> None:
    """Find the collections; create on the server those that are missing (answering yes)."""
    _run(["discover"], base, answers="y\n" * 4)


def sync(base: Path | None = None) -> None:
    _run(["sync"], base)


def _run(arguments: list[str], base: Path | None, answers: str = "") -> None:
    config = config_path(base)
    if not config.exists():
        raise SyncError(t("error.sync.not_set_up"))
    try:
        done = subprocess.run(
            [program(), "--config", str(config), *arguments],
            input=answers,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SyncError(t("error.sync.failed", command=arguments[0], output=str(error))) from None
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip().splitlines()[-8:]
        raise SyncError(t("error.sync.failed", command=arguments[0], output="\n".join(output)))
