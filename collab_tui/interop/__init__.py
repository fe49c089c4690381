"""Moving data in and out: the JSON backup, vCard, iCalendar, CSV, the Markdown report.

Every importer returns an ``ImportSummary`` and takes an optional
``progress(done, total)`` callback so that the CLI can draw a progress bar; nothing
in this package imports Rich or Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int], None]


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.skipped)
