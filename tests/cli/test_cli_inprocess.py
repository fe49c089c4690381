"""CLI paths that are awkward or slow as subprocesses: no TUI, progress bars, bad files."""

from __future__ import annotations

import io
import re
import sys

import pytest

from collab_tui import cli
from collab_tui.cli import commands


def test_no_tui_yet_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "collab_tui.tui.app", None)  # import now fails
    assert cli.main(["--db", str(tmp_path / "x.json")]) == 1
    assert "the app is missing from this installation" in capsys.readouterr().err


def test_progress_bar_is_silent_when_not_a_terminal(capsys):
    with commands.progress_bar("importing") as progress:
        for done in range(1, 1001):
            progress(done, 1000)
    assert capsys.readouterr() == ("", "")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_jobs_that_take_a_while(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with commands.progress_bar("exporting") as progress:  # over well before PROGRESS_DELAY
        for done in range(1, 1001):
            progress(done, 1000)
    assert terminal.getvalue() == ""
    monkeypatch.setattr(commands, "PROGRESS_DELAY", 0)
    with commands.progress_bar("exporting") as progress:
        for done in range(1, 1001):
            progress(done, 1000)
    assert "exporting" in terminal.getvalue()


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("COLLAB_TODAY", "2026-11-24")
    path = tmp_path / "data" / "collab.json"
    assert cli.main(["--db", str(path), "contact", "小蓝", "--email", "lan@example.com"]) == 0
    assert cli.main(["--db", str(path), "add", "owe: the spec @小蓝 due:fri #orders"]) == 0
    assert cli.main(["--db", str(path), "add", "risk: a slip @小蓝 review:+3d"]) == 0
    assert cli.main(["--db", str(path), "add", "meet: @小蓝 agreed on the spec"]) == 0
    assert cli.main(["--db", str(path), "add", "meet: @Joe budget is fine"]) == 0
    return path


@pytest.mark.parametrize(
    "args", [["json"], ["vcf"], ["ics"], ["csv", "--what", "items"], ["csv", "--what", "log"]]
)
def test_export_bar_never_reaches_the_file(db, tmp_path, monkeypatch, capsys, args):
    def export(name: str) -> bytes:
        out = tmp_path / name
        assert cli.main(["--db", str(db), "export", "--format", *args, "-o", str(out)]) == 0
        data = out.read_bytes()
        if args == ["json"]:
            data = re.sub(rb'"exported": "[^"]*"', b"", data)  # the time of the export
        return data

    plain = export("piped")
    out, err = capsys.readouterr()
    assert out == "" and re.fullmatch(r"exported [1-9]\d* [^\n]+ to \S+piped\n", err), err
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(commands, "PROGRESS_DELAY", 0)
    assert export("terminal") == plain
    shown = terminal.getvalue()
    assert "exporting" in shown and shown.endswith("terminal\n")
    assert capsys.readouterr().out == ""


BAD_FILES = {
    "missing": None,
    "directory": "",
    "binary": bytes(range(256)) * 8,
    "wrong shape": {
        "json": b'[{"uuid": "6f1c8a4e", "description": "a taskwarrior task"}]',
        "vcard": b'{"format": "collab-tui", "version": 1, "items": []}',
        "taskwarrior": b'{"format": "collab-tui", "version": 1, "items": []}',
    },
}


@pytest.mark.parametrize("kind", ["json", "vcard", "taskwarrior"])
@pytest.mark.parametrize("case", BAD_FILES)
def test_unreadable_imports_exit_2_and_store_nothing(db, tmp_path, capsys, kind, case):
    path = tmp_path / f"input.{ {'vcard': 'vcf'}.get(kind, 'json') }"
    content = BAD_FILES[case]
    if content == "":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content[kind] if isinstance(content, dict) else content)
    files = sorted(db.parent.rglob("*"))
    before = {f: f.read_bytes() for f in files if f.is_file()}
    capsys.readouterr()
    for dry_run in ([], ["--dry-run"]):
        code = cli.main(["--db", str(db), "import", "--from", kind, str(path), *dry_run])
        out, err = capsys.readouterr()
        assert code == 2, (out, err)
        assert out == "" and err.startswith("collab: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
    assert sorted(db.parent.rglob("*")) == files
    assert {f: f.read_bytes() for f in files if f.is_file()} == before
