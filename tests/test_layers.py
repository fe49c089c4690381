"""The layering in docs/ARCHITECTURE.md, checked in fresh interpreters.

`collab add` must start fast, so its path imports neither Textual nor Rich; the pure
layers and the store never import Textual at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest


def _run(code: str, tmp_path, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={
            "PATH": "",
            "HOME": str(tmp_path),
            "COLLAB_TODAY": "2026-11-24",
            "PYTHONIOENCODING": "utf-8",
            **env,
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_add_path_imports_neither_textual_nor_rich(tmp_path):
    db = tmp_path / "collab.json"
    out = _run(
        f"""
        import sys
        from collab_tui import cli
        code = cli.main(["--db", {str(db)!r}, "add", "owe: send the spec @小蓝 due:fri"])
        assert code == 0, code
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")))
        """,
        tmp_path,
    )
    assert out.strip().splitlines()[-1] == "[]"


# Imported where they are used (see the comments at those imports): what each quick
# command, with a contact and an item in the file and no escalation, leaves unimported.
QUICK_LEAVE_OUT = {
    "add": ["argparse", "collab_tui.cli.output", "collab_tui.facts", "collab_tui.triage"],
    "who": ["argparse", "collab_tui.capture"],
    "matrix": ["argparse", "collab_tui.actions", "collab_tui.capture", "collab_tui.facts"],
    "today": ["argparse", "collab_tui.actions", "collab_tui.capture", "collab_tui.facts"],
}


@pytest.mark.parametrize("command", QUICK_LEAVE_OUT)
def test_quick_commands_import_only_what_they_use(tmp_path, command):
    from datetime import date

    from collab_tui import actions
    from collab_tui.store import Store

    db = tmp_path / "collab.json"
    with Store.open(db) as store:
        actions.capture(store, "owe: send the spec @小蓝 due:fri", date(2026, 11, 24))
    argv = {"add": ["add", "wait: the budget @小蓝"], "who": ["who", "小蓝"]}.get(
        command, [command]
    )
    out = _run(
        f"""
        import io, contextlib, sys
        from collab_tui import cli
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["--db", {str(db)!r}, *{argv!r}])
        assert code == 0, code
        print(sorted(m for m in {QUICK_LEAVE_OUT[command]!r} if m in sys.modules))
        """,
        tmp_path,
    )
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("module", ["collab_tui.dates", "collab_tui.capture"])
def test_the_grammar_compiles_no_pattern_at_import(module):
    """Patterns kept as text are compiled (and cached) by ``re`` when first matched: compiled
    at import, those of dates and capture cost every `collab add` ~4 ms, and a capture
    mostly gives a weekday or no date."""
    import importlib
    import re

    names = vars(importlib.import_module(module))
    assert [name for name, value in names.items() if isinstance(value, re.Pattern)] == []


def test_core_layers_never_import_textual(tmp_path):
    out = _run(
        """
        import sys
        import collab_tui.model, collab_tui.dates, collab_tui.capture, collab_tui.triage
        import collab_tui.store, collab_tui.actions, collab_tui.demo, collab_tui.cli.output
        import collab_tui.interop.jsonfile
        print(sorted(m for m in sys.modules if m.split(".")[0] == "textual"))
        """,
        tmp_path,
    )
    assert out.strip() == "[]"


def test_pinyin_is_imported_only_to_spell_chinese(tmp_path):
    out = _run(
        """
        import sys
        import collab_tui.spelling, collab_tui.lookup, collab_tui.capture, collab_tui.store
        from collab_tui.spelling import spell
        spell("Lisa Wong", personal=True)  # Latin only: no pinyin needed
        print("pypinyin" in sys.modules, end=" ")
        spell("小蓝", personal=True)
        print("pypinyin" in sys.modules)
        """,
        tmp_path,
    )
    assert out.split() == ["False", "True"]


def _package_dataclasses() -> list[tuple[str, type]]:
    """(dotted name, class) of every dataclass defined in the package."""
    import dataclasses
    import importlib
    import pkgutil

    import collab_tui

    found = []
    for module_info in pkgutil.walk_packages(collab_tui.__path__, "collab_tui."):
        if module_info.name.endswith("__main__"):
            continue  # runs the program
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                found.append((f"{module.__name__}.{name}", value))
    return found


def test_every_dataclass_has_a_docstring():
    """Without one, ``@dataclass`` writes one from ``inspect.signature`` at import time (a
    millisecond or more of every command's start-up, per class)."""
    missing = [
        name
        for name, cls in _package_dataclasses()
        if (cls.__doc__ or "").startswith(f"{name.rsplit('.', 1)[1]}(")
    ]
    assert missing == []


def test_every_dataclass_is_a_record_class():
    """``@record_class``, not ``@dataclass``: no ``__init__``/``__eq__``/``__repr__``
    generated and compiled at import (~3 M instructions a class, at every start)."""
    from collab_tui import records

    classes = _package_dataclasses()
    assert len(classes) > 50
    generated = [name for name, cls in classes if cls.__init__ is not records._init]
    assert generated == []


# Not needed for the TUI's first frame: imported when first used (the other tabs when first
# shown, the screens and modals when opened, the palette's provider when it opens, actions
# and the capture grammar on the first change).
ON_USE = [
    "collab_tui.actions",
    "collab_tui.capture",
    "collab_tui.facts",  # Today's escalations (none in a new file) and the briefs
    "collab_tui.interop",
    "collab_tui.tui.commands",
    "collab_tui.tui.modals.capture",
    "collab_tui.tui.modals.help",
    "collab_tui.tui.modals.report",
    "collab_tui.tui.screens.item_detail",
    "collab_tui.tui.screens.review",
    "collab_tui.tui.screens.stakeholder_map",
    "collab_tui.tui.views.contacts",
    "collab_tui.tui.views.log",
    "collab_tui.tui.views.matrix",
    "collab_tui.tui.views.projects",
    "collab_tui.tui.widgets.brief",
    "collab_tui.tui.widgets.item_card",
]


def test_the_tui_imports_what_it_shows_first_only(tmp_path):
    """Importing the app, and running it to its first frame, leaves the rest unimported;
    the first frame has the Today tab built only, and no search box before `/`."""
    report = tmp_path / "first_frame.json"
    out = _run(
        f"""
        import asyncio, json, sys
        from datetime import date
        on_use = {ON_USE!r}
        from collab_tui.tui.app import make_app
        print(sorted(m for m in on_use if m in sys.modules))
        app = make_app({str(tmp_path / "collab.json")!r}, date(2026, 11, 24))

        async def first_frame(pilot):
            while not pilot.app._dom_ready:
                await asyncio.sleep(0)
            seen = {{
                "imported": sorted(m for m in on_use if m in sys.modules),
                "views": [type(v).__name__ for v in pilot.app.views],
                "search_boxes": len(pilot.app.query("SearchBox")),
            }}
            with open({str(report)!r}, "w", encoding="utf-8") as file:
                json.dump(seen, file)
            pilot.app.exit()

        app.run(headless=True, size=(120, 36), auto_pilot=first_frame)
        """,
        tmp_path,
    )
    assert out.strip().splitlines()[0] == "[]"
    seen = json.loads(report.read_text(encoding="utf-8"))
    assert seen == {"imported": [], "views": ["TodayView"], "search_boxes": 0}
