"""The quick commands leave with os._exit (issue #10): their output and exit status must
still arrive whole."""

from __future__ import annotations

import pytest

from collab_tui.cli import QUICK_COMMANDS, _command_word


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["add", "x"], "add"),
        (["--db", "today", "who", "x"], "who"),  # "today" is the --db value
        (["--lang=zh", "--db=p", "matrix"], "matrix"),
        (["--lang", "en", "today", "--json"], "today"),
        (["--help"], None),
    ],
)
def test_the_command_word(argv, word):
    assert _command_word(argv) == word


def test_quick_commands_flush_every_line_and_keep_their_status(collab):
    lines = "\n".join(f"owe: follow-up number {n} @Someone{n % 7}" for n in range(300))
    added = collab("add", lines)
    assert added.code == 0, added.err
    assert len(added.out.splitlines()) >= 300  # every line of a long answer arrives
    again = collab("add", "owe: follow-up number 5 @Someone5")
    assert again.code == 2 and "already saved" in again.err  # the status survives os._exit
    today = collab("today")
    assert today.code == 0 and today.out.count("follow-up number") >= 300
    assert {"add", "today", "who", "matrix"} == QUICK_COMMANDS
