"""What the full screens share: the app they act through and redrawing on a new snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from collab_tui.tui.state import Snapshot

if TYPE_CHECKING:
    from collab_tui.tui.app import CollabApp


class SnapshotScreen(Screen[None]):
    """A screen drawn from one ``Snapshot``; the app hands it each fresh one via ``show``."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__()
        self.snapshot = snapshot

    @property
    def collab(self) -> CollabApp:
        return cast("CollabApp", self.app)

    def on_mount(self) -> None:
        self.redraw()

    def show(self, snapshot: Snapshot) -> None:
        """A fresh snapshot (after a change here or elsewhere): draw the same place again."""
        self.snapshot = snapshot
        if self.is_mounted:
            self.redraw()

    def redraw(self) -> None:
        raise NotImplementedError
