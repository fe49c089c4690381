"""Pilot tests of ReportModal: the status report previewed live, then saved to a file."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Markdown, Static

from collab_tui.interop.report import status_report
from collab_tui.store import durable
from collab_tui.tui.modals import ConfirmDialog, ReportModal
from collab_tui.tui.modals._base import ErrorLine

TODAY = date(2026, 11, 23)  # the demo store of conftest is dated from this day
UNSET = object()


class ModalApp(App):
    """Pushes the modal at start and keeps what it was dismissed with."""

    def __init__(self, modal: ReportModal, theme: str) -> None:
        super().__init__()
        self.modal = modal
        self.result: object = UNSET
        self.initial_theme = theme

    def on_mount(self) -> None:
        self.theme = self.initial_theme
        self.push_screen(self.modal, self._dismissed)

    def _dismissed(self, value: object) -> None:
        self.result = value


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default file goes to ~: keep ~ inside tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def run(store, size=(80, 24), theme="textual-dark"):
    modal = ReportModal(store, TODAY)
    app = ModalApp(modal, theme)
    return app, modal, app.run_test(size=size)


async def wait_for_preview(pilot, modal: ReportModal, expected: str) -> None:
    """Wait out the typing delay until the preview holds ``expected``, then its blocks."""
    markdown = modal.query_one(Markdown)
    for _ in range(40):
        await pilot.pause(0.05)
        if markdown.source == expected and modal.text == expected:
            await pilot.pause()
            return
    raise AssertionError(f"preview never showed:\n{expected}\nbut:\n{markdown.source}")


def headings(modal: ReportModal, level: str = "MarkdownH2") -> list[str]:
    return [str(block.content) for block in modal.query(level)]


def feedback(modal: ReportModal) -> Static:
    return modal.query_one("#since .feedback", Static)


async def set_since(pilot, modal: ReportModal, phrase: str) -> None:
    since = modal.query_one("#since Input", Input)
    since.focus()
    since.value = phrase
    since.cursor_position = len(phrase)
    await pilot.pause()


async def type_since(pilot, modal: ReportModal, phrase: str) -> None:
    await set_since(pilot, modal, "")
    await pilot.press(*phrase)


async def set_path(pilot, modal: ReportModal, value: str) -> None:
    modal.query_one("#path", Input).value = value
    await pilot.pause()  # let Input.Changed (which clears the error line) go through first


def path_error(modal: ReportModal) -> str:
    error = modal.query_one("#path-error", ErrorLine)
    return str(error.content) if error.has_class("-shown") else ""


# --- preview ------------------------------------------------------------------------------


async def test_preview_at_80x24_in_both_themes_and_escape(store, home):
    app, modal, ctx = run(store)
    async with ctx as pilot:
        await pilot.pause()
        expected = status_report(store, None, None, TODAY)
        assert modal.text == expected == modal.query_one(Markdown).source
        assert headings(modal, "MarkdownH1") == ["Status report: 2026-11-16 to 2026-11-23"]
        assert headings(modal) == [
            "Done since 2026-11-16",
            "Slipped",
            "Open risks",
            "Waiting on",
            "Escalations",  # the demo's, raised a week ago
            "Decisions",
        ]
        assert "since Mon 16 Nov (7 days ago)" in str(feedback(modal).content)
        assert modal.query_one("#path", Input).value == str(home / "collab-report-2026-11-23.md")
        assert modal.query_one("#since Input", Input).has_focus
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            # Everything fits on an 80x24 terminal: the fields, the preview, the buttons.
            for selector in ("#since Input", "#tag", "#preview", "#path", "#save", "#cancel"):
                region = modal.query_one(selector).region
                assert region.height >= 1 and region.right <= 80 and region.bottom <= 24
            assert modal.query_one("#preview").region.height >= 8
        await pilot.press("pagedown")  # scrolls the preview while a field has the focus
        assert modal.query_one("#preview").scroll_y > 0
        assert modal.query_one("#since Input", Input).has_focus
        await pilot.press("escape")
    assert app.result is None and not list(home.iterdir())


async def test_changing_since_and_tag_rerenders(store):
    app, modal, ctx = run(store)
    async with ctx as pilot:
        await type_since(pilot, modal, "-3w")  # typed key by key: one rebuild after the pause
        expected = status_report(store, date(2026, 11, 2), None, TODAY)
        await wait_for_preview(pilot, modal, expected)
        assert headings(modal, "MarkdownH1") == ["Status report: 2026-11-02 to 2026-11-23"]
        assert "Done since 2026-11-02" in headings(modal)
        assert "since Mon 2 Nov (3 weeks ago)" in str(feedback(modal).content)

        modal.query_one("#tag", Input).value = "#admin"
        expected = status_report(store, date(2026, 11, 2), "admin", TODAY)
        await wait_for_preview(pilot, modal, expected)
        assert "Tag: \\#admin" in modal.text


async def test_since_phrases_then_enter_in_the_file_name_saves(store, home):
    app, modal, ctx = run(store)
    async with ctx as pilot:
        target = home / "collab-report-2026-11-23.md"  # the default
        default = status_report(store, None, None, TODAY)

        # A bad phrase: the error inline, the last good preview kept, nothing saved.
        await set_since(pilot, modal, "frday")
        for _ in range(100):  # the typing delay, then the check
            await pilot.pause(0.01)
            if feedback(modal).has_class("-error"):
                break
        assert feedback(modal).has_class("-error") and "frday" in str(feedback(modal).content)
        assert modal.text == default == modal.query_one(Markdown).source
        await pilot.press("ctrl+s")
        assert app.result is UNSET and not target.exists()
        assert modal.query_one("#since Input", Input).has_focus

        # Empty means the default week.
        await set_since(pilot, modal, "")
        await pilot.press("enter")
        assert "the last 7 days" in str(feedback(modal).content)
        assert modal.text == default

        # Enter in "since" rebuilds at once and does not save.
        await set_since(pilot, modal, "-1d")
        await pilot.press("enter")
        assert modal.text == status_report(store, date(2026, 11, 22), None, TODAY)
        assert "(yesterday)" in str(feedback(modal).content)
        assert app.result is UNSET and not target.exists()

        # Enter in the file name saves what the preview shows.
        modal.query_one("#path", Input).focus()
        await pilot.press("enter")
    assert app.result == target
    assert target.read_text(encoding="utf-8") == status_report(
        store, date(2026, 11, 22), None, TODAY
    )


# --- saving -------------------------------------------------------------------------------


async def test_save_writes_the_report(store, home):
    app, modal, ctx = run(store)
    async with ctx as pilot:
        await type_since(pilot, modal, "-3w")
        await set_path(pilot, modal, "~/status.md")  # expanded
        await pilot.press("ctrl+s")  # at once, before the preview caught up: same text
    target = home / "status.md"
    assert app.result == target
    expected = status_report(store, date(2026, 11, 2), None, TODAY)
    assert target.read_bytes() == expected.encode("utf-8")
    assert [p.name for p in home.iterdir()] == ["status.md"]  # no temporary file left


async def test_existing_file_asks_before_replacing(store, tmp_path):
    target = tmp_path / "status.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    app, modal, ctx = run(store)
    async with ctx as pilot:
        await set_path(pilot, modal, str(target))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.screen is modal and app.result is UNSET
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.click("#save")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
    assert app.result == target
    assert target.read_text(encoding="utf-8") == status_report(store, None, None, TODAY)
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions


async def test_a_failed_write_is_shown_inline(store, tmp_path):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    before = sorted(tmp_path.iterdir())
    cases = [
        ("missing/status.md", "No such file or directory"),
        ("a-file/status.md", "Not a directory"),
        ("a-folder", "is a folder"),
        ("", "type the name of the file"),
    ]
    app, modal, ctx = run(store)
    async with ctx as pilot:
        for where, reason in cases:
            modal.query_one("#since Input", Input).focus()
            await set_path(pilot, modal, str(tmp_path / where) if where else "  ")
            await pilot.press("ctrl+s")
            assert app.screen is modal and app.result is UNSET
            assert reason in path_error(modal), where
            assert modal.query_one("#path", Input).has_focus
            await pilot.press("x")  # editing the file name clears the error
            assert path_error(modal) == ""
        await pilot.click("#cancel")  # Close
    assert app.result is None
    assert sorted(tmp_path.iterdir()) == before  # no stray temporary file


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
async def test_permission_denied_is_shown_inline(store, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        app, modal, ctx = run(store)
        async with ctx as pilot:
            await set_path(pilot, modal, str(locked / "status.md"))
            await pilot.press("ctrl+s")
            assert app.result is UNSET and "Permission denied" in path_error(modal)
    finally:
        locked.chmod(0o700)


def test_write_atomically_new_file_mode_and_utf8(tmp_path):
    target = tmp_path / "out" / "r.md"
    target.parent.mkdir()
    umask = os.umask(0o022)
    try:
        durable.write_atomic(target, "小蓝 — ok\n".encode(), mode=None)
    finally:
        os.umask(umask)
    assert target.read_bytes() == "小蓝 — ok\n".encode()
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]
