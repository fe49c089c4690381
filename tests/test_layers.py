"""The layering in docs/ARCHITECTURE.md, checked in fresh interpreters.

`collab add` must start fast, so its path imports neither Textual nor Rich; the pure
layers and the store never import Textual at all.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


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


def test_every_dataclass_has_a_docstring():
    """Without one, ``@dataclass`` writes one from ``inspect.signature`` at import time (a
    millisecond or more of every command's start-up, per class)."""
    import dataclasses
    import importlib
    import pkgutil

    import collab_tui

    missing = []
    for module_info in pkgutil.walk_packages(collab_tui.__path__, "collab_tui."):
        if module_info.name.endswith("__main__"):
            continue  # runs the program
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
                and (value.__doc__ or "").startswith(f"{name}(")
            ):
                missing.append(f"{module.__name__}.{name}")
    assert missing == []
