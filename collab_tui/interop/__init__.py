"""Moving data in and out: the JSON backup, vCard, iCalendar, CSV, the Markdown report.

Every importer returns an ``ImportSummary`` and takes an optional
``progress(done, total)`` callback so that the CLI can draw a progress bar; nothing
in this package imports Rich or Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, TypeVar

from collab_tui.records import record_class

if TYPE_CHECKING:
    from collab_tui.store import Store

Progress = Callable[[int, int], None]
PlanT = TypeVar("PlanT")


@record_class
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.skipped)


def plan_then_commit(
    store: Store, plan: Callable[[], PlanT], apply: Callable[[PlanT], None], dry_run: bool = False
) -> PlanT:
    """Plan an import with no lock held, then apply the plan in one store transaction.

    Reading and matching a big file can take seconds; meanwhile other commands (a
    ``collab add``) must not find the data "busy". So ``plan()`` runs on the cached data
    outside any transaction, and only ``apply(plan)`` runs inside ``store.batch()``: one
    lock, one commit. If another process saved in between, the batch has re-read the
    data, and the plan is made again against it, so a record added meanwhile is matched
    (updated) rather than duplicated. A dry run only plans.
    """
    store.refresh()  # plan against what is on disk now, not what was read at open
    generation = store.generation
    planned = plan()
    if dry_run:
        return planned
    with store.batch():
        if store.generation != generation:
            planned = plan()  # another process saved meanwhile; plan against its data
        apply(planned)
    return planned
