"""Regenerate the SVG screenshots in screens/ (the README shows them).

    uv run python scripts/screenshots.py [--lang en|zh] [--out DIR] [--size 120x36] [NAME...]

English shots go to screens/, Chinese ones (the interface and the demo in Chinese) to
screens/zh/; without --lang both are taken.

Each shot runs the app headless on the demo data (or an empty file for the first-run
screen) written into a temporary directory, with "today" frozen at 2026-11-23, at a fixed
terminal size. The output is deterministic: the same code gives the same files.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from collab_tui import demo, words  # noqa: E402
from collab_tui.store import Store  # noqa: E402
from collab_tui.tui.app import CollabApp, make_app  # noqa: E402

TODAY = date(2026, 11, 23)
SIZE = (120, 36)
ROOT = Path(__file__).resolve().parents[1]
CAPTURE_EXAMPLE = {
    "en": "meet: @小蓝 @小明 agreed to fix the approval bug; owe: retest payment flow due:fri",
    "zh": "会议：@小蓝 @小明 商定先修审批bug；我欠：重测支付流程 截止：周五",
}
OUT = {"en": ROOT / "screens", "zh": ROOT / "screens" / "zh"}
BRIEF_CONTACT = "小蓝"  # the Contacts shot shows her brief

Steps = Callable[[Pilot, CollabApp], Awaitable[None]]


async def settle(pilot: Pilot) -> None:
    """Let every pending refresh and animation finish."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def freeze_cursors(app: CollabApp) -> None:
    """A blinking cursor would make the shot depend on timing: keep it shown."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def type_text(pilot: Pilot, app: CollabApp, text: str) -> None:
    """Type as a user does: ASCII one key at a time; a run of other characters at once, as
    an input method hands it over (Pilot has no key for a full-width "：")."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            await pilot.press(*run)
        else:
            app.screen.query_one("#line", Input).insert_text_at_cursor(run)
            await pilot.pause()


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.press(*pressed)


async def shot_today(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "1")


async def shot_matrix(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "2")


async def shot_contacts(pilot: Pilot, app: CollabApp) -> None:
    contact = next(c for c in app.snapshot.contacts if c.name == BRIEF_CONTACT)
    await keys(pilot, "3")
    app.open_contact(contact.id)


async def shot_log(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "4")


async def shot_capture(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "c")
    await settle(pilot)
    await freeze_cursors(app)
    await type_text(pilot, app, CAPTURE_EXAMPLE[words.language()])


async def shot_help(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "question_mark")


async def shot_review(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "r")


async def shot_item(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "2")  # Today starts with the meetings; the Matrix with that item
    await settle(pilot)
    await keys(pilot, "enter")  # the first overdue item


async def shot_plan_meeting(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "m")
    await settle(pilot)
    await freeze_cursors(app)


async def shot_settings(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "comma")


async def shot_escalation(pilot: Pilot, app: CollabApp) -> None:
    await keys(
        pilot, "r", "n", "e"
    )  # past the meeting awaiting its outcome: the first overdue item


async def shot_projects(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "5")


async def shot_map(pilot: Pilot, app: CollabApp) -> None:
    await keys(pilot, "5")
    await settle(pilot)
    await keys(pilot, "s")  # the stakeholder map of the demo project


# name -> (demo data?, steps)
SHOTS: dict[str, tuple[bool, Steps]] = {
    "today": (True, shot_today),
    "matrix": (True, shot_matrix),
    "contacts": (True, shot_contacts),
    "log": (True, shot_log),
    "capture": (True, shot_capture),
    "help": (True, shot_help),
    "review": (True, shot_review),
    "item": (True, shot_item),
    "settings": (True, shot_settings),
    "plan-meeting": (True, shot_plan_meeting),
    "escalation": (True, shot_escalation),
    "projects": (True, shot_projects),
    "map": (True, shot_map),
    "first-run": (False, shot_today),
}


async def take(
    name: str, with_demo: bool, steps: Steps, size: tuple[int, int], language: str
) -> str:
    """The SVG of one shot, taken in a fresh temporary data directory."""
    with tempfile.TemporaryDirectory(prefix="collab-shot-") as tmp:
        os.environ["XDG_CONFIG_HOME"] = tmp  # the default theme, not the one saved here
        os.environ["COLLAB_LANG"] = language  # the interface and the demo's texts
        words.set_language(None)
        store = Store.open(Path(tmp) / "collab" / "data.json")
        try:
            if with_demo:
                demo.write_demo(store, TODAY)
            app = make_app(store, TODAY)
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                await steps(pilot, app)
                await settle(pilot)
                await freeze_cursors(app)
                await settle(pilot)
                return app.export_screenshot(title=f"collab · {name}")
        finally:
            store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(OUT), help="one language only (default both)")
    parser.add_argument("--out", type=Path, help="output directory (default screens/[zh/])")
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="WIDTHxHEIGHT")
    parser.add_argument(
        "only", nargs="*", metavar="NAME", help=f"shots to take (default all): {', '.join(SHOTS)}"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.only if name not in SHOTS]
    if unknown:
        parser.error(f"unknown shot: {', '.join(unknown)}")
    width, height = (int(n) for n in args.size.lower().split("x"))
    for language in [args.lang] if args.lang else list(OUT):
        out = args.out or OUT[language]
        out.mkdir(parents=True, exist_ok=True)
        for name in args.only or list(SHOTS):
            with_demo, steps = SHOTS[name]
            svg = asyncio.run(take(name, with_demo, steps, (width, height), language))
            path = out / f"{name}.svg"
            path.write_text(svg, encoding="utf-8")
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
