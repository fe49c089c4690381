"""CLI paths that are awkward as subprocesses: the TUI missing, the progress callback."""

from __future__ import annotations

import sys

from collab_tui import cli


def test_no_tui_yet_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "collab_tui.tui.app", None)  # import now fails
    assert cli.main(["--db", str(tmp_path / "x.json")]) == 1
    assert "the TUI is not built yet" in capsys.readouterr().err


def test_progress_bar_is_silent_when_not_a_terminal(capsys):
    with cli.progress_bar("importing") as progress:
        for done in range(1, 1001):
            progress(done, 1000)
    assert capsys.readouterr() == ("", "")
