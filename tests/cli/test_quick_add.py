"""`collab add` skips building the full argparse tree; it must read the same things."""

from __future__ import annotations

import pytest

from collab_tui.cli import cmd_add, quick_add_args
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
    quick = quick_add_args(argv)
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
        ["today"],
        ["add", "-x", "text"],
        ["--db"],
        ["done", "3"],
    ],
)
def test_anything_else_goes_through_argparse(argv):
    assert quick_add_args(argv) is None
