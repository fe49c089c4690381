"""The quick commands (add, today, matrix, who) skip argparse in their usual forms; they
must read what argparse reads."""

from __future__ import annotations

import pytest

from collab_tui.cli import cmd_add, quick_args
from collab_tui.cli.parser import build_parser


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "owe: send the spec @小蓝 due:fri"],
        ["--db", "/tmp/x.json", "add", "owe:", "send", "the", "spec"],
        ["add", "--db", "/tmp/x.json", "wait: approval @Ming !"],
        ["add", "--db=/tmp/x.json", "risk: slip #orders"],
    ],
)
def test_quick_path_reads_what_argparse_reads(argv):
    quick = quick_args(argv)
    full = build_parser().parse_args(argv)
    assert quick is not None
    assert quick.handler is cmd_add
    assert (quick.db, quick.text) == (full.db, full.text)


@pytest.mark.parametrize(
    "argv",
    [
        ["add"],  # argparse explains that TEXT is missing
        ["add", "--help"],
        ["--version"],
        ["add", "-x", "text"],
        ["add", "--json", "text"],
        ["--db"],
        ["--db", "--json", "today"],
        ["done", "3"],
        ["today", "--date", "fri"],
        ["today", "extra"],
        ["who"],
        ["who", "a", "b"],
        ["who", "-a"],
        ["matrix", "--all"],
    ],
)
def test_anything_else_goes_through_argparse(argv):
    assert quick_args(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["today"],
        ["today", "--json"],
        ["--db", "/tmp/x.json", "today"],
        ["matrix", "--db=/tmp/x.json", "--json"],
        ["matrix"],
        ["who", "小蓝"],
        ["who", "lan", "--json"],
        ["who", "--db", "/tmp/x.json", "张 伟"],
    ],
)
def test_the_quick_reads_read_what_argparse_reads(argv):
    quick = quick_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


def _example_argvs() -> list[list[str]]:
    import shlex

    from collab_tui.cli.parser import COMMANDS

    argvs = []
    for spec in COMMANDS:
        # A line ending in a backslash goes on: the escalate example spans four.
        text = "\n".join(spec.examples).replace("\\\n", " ")
        for line in text.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] != ["collab"]:
                continue  # e.g. taskwarrior's own `task export` before an import
            words = words[1:]
            # the shell's part of a pipeline example (| jq, > FILE && ...) is not ours
            stop = next((i for i, w in enumerate(words) if w in ("|", ">", "&&")), None)
            argvs.append(words[:stop])
    return argvs


@pytest.mark.parametrize("argv", _example_argvs(), ids=" ".join)
def test_a_parser_of_one_command_reads_what_the_whole_parser_reads(argv):
    """Every example of the help, parsed by the parser built for its command alone."""
    from collab_tui.cli import _command_word

    word = _command_word(argv)
    one = build_parser(word)
    assert len(one._subparsers._group_actions[0].choices) == 1  # only that command's
    assert vars(one.parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["today"], ["matrix"], ["who", "nobody"], ["add", "task: x"]])
def test_the_quick_commands_run_without_argparse(tmp_path, argv):
    """Their usual forms never import argparse (nor build a parser): a fresh process
    runs one and reports whether argparse was loaded."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from collab_tui.cli import main\n"
        f"main(['--db', {str(tmp_path / 'collab.json')!r}, *{argv!r}])\n"
        "print('argparse loaded' if 'argparse' in sys.modules else 'no argparse')\n"
    )
    env = {"COLLAB_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "no argparse", done.stderr
