"""The shell front door: ``collab ...``.

Start-up time matters (``collab add`` runs right after a meeting), so this module
imports only the standard library at the top; Rich is imported inside the commands
that draw tables or progress bars, and Textual only when the TUI opens.

Exit status: 0 done; 1 the data file could not be used (corrupt, too new, locked, a
failed write): the store's message goes to stderr; 2 bad input (a capture error naming
the bad token, a bad date, an unreadable import file): nothing was saved.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

from collab_tui import __version__
from collab_tui.words import t

EXIT_OK, EXIT_STORE, EXIT_INPUT = 0, 1, 2
PROGRESS_DELAY = 0.5  # seconds an import or export runs before its progress bar appears


class UsageError(ValueError):
    """Bad input on the command line; exit status 2."""


# --- entry point -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = quick_add_args(argv) or build_parser().parse_args(argv)
    from collab_tui.store import StoreError

    try:
        args.today = today_from_env()
        return args.handler(args)
    except StoreError as error:
        _error(str(error))
        return EXIT_STORE
    except ValueError as error:  # ActionError, CaptureError, DateError, bad files
        _error(str(error))
        return EXIT_INPUT
    except BrokenPipeError:  # `collab today | head`: the reader left; that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # writing -o FILE, say
        _error(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
        return EXIT_STORE
    except KeyboardInterrupt:
        return 130


def quick_add_args(argv: list[str]) -> SimpleNamespace | None:
    """``collab [--db P] add [--db P] TEXT...`` read without building the full parser.

    ``collab add`` runs right after a meeting and must start as fast as taskwarrior;
    importing argparse and building the tree of every command costs it ~10 ms. Anything else (help,
    other options, text starting with "-") returns None and goes through argparse.
    """
    db: str | None = None
    words: list[str] = []
    rest = iter(argv)
    for word in rest:
        if word == "--db":
            db = next(rest, None)
            if db is None:
                return None
        elif word.startswith("--db="):
            db = word.removeprefix("--db=")
        elif word.startswith("-"):
            return None
        else:
            words.append(word)
    if len(words) < 2 or words[0] != "add":
        return None
    return SimpleNamespace(db=db, text=words[1:], again=False, handler=cmd_add)


def _error(message: str) -> None:
    print(f"collab: {_plain(message)}", file=sys.stderr)


def today_from_env() -> date:
    """Today, unless COLLAB_TODAY=YYYY-MM-DD freezes it (tests, demos, screenshots)."""
    from collab_tui.dates import frozen_today

    return frozen_today() or date.today()


def db_path(args: argparse.Namespace) -> Path:
    """--db, else COLLAB_DB, else the default file in the user data directory."""
    from collab_tui import paths

    given = getattr(args, "db", None)
    return Path(given).expanduser() if given else paths.default_db_path()


@contextmanager
def open_store(args: argparse.Namespace, path: Path | None = None) -> Iterator[Any]:
    from collab_tui.store import Store

    store = Store.open(path or db_path(args))
    for warning in store.warnings:
        print(f"collab: warning: {_plain(warning)}", file=sys.stderr)
    try:
        yield store
    finally:
        warn_about_damage(store)
        store.close()


def warn_about_damage(store: Any) -> None:
    """One line on stderr when records were set aside or the settings are invalid."""
    from collab_tui.store import quarantine

    warning = quarantine.summary(store.problems)
    if warning:
        _error(warning)


# --- argument parsing -------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="collab",
        description=(
            "A terminal cockpit for working through people you do not manage.\n"
            "Run without a command to open the app."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            '  collab add "owe: send the revised spec @小蓝 due:tomorrow"\n'
            "  collab today\n"
            "  collab who 小蓝\n"
            "  collab demo\n\n"
            "COLLAB_DB picks the data file like --db; COLLAB_TODAY=YYYY-MM-DD freezes today."
        ),
    )
    parser.add_argument("--version", action="version", version=f"collab-tui {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the data file (default: $COLLAB_DB or the user data directory)",
    )
    parser.set_defaults(handler=cmd_tui)
    # --db also after the command name; SUPPRESS keeps the value given before it.
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the data file")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], summary: str, examples: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=[db_after],
            epilog="examples:\n" + examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler)
        return sub

    sub = command(
        "add",
        cmd_add,
        "capture items, risks or a meeting in one line",
        '  collab add "owe: send the revised spec @小蓝 due:tomorrow"\n'
        '  collab add "wait: approval result @Ming due:+3d !"\n'
        '  collab add "risk: approval API may slip @小蓝 #orders review:fri"\n'
        '  collab add "meet: @Lan @Ming agreed to fix the bug; owe: retest payment due:fri"\n'
        "\nkinds: task (default), owe, wait, risk, meet; @name, #tag, due:WHEN, review:WHEN,\n"
        "! for important. Unknown names become new contacts.",
    )
    sub.add_argument("text", nargs="+", metavar="TEXT", help="the capture line")
    sub.add_argument(
        "--again",
        action="store_true",
        help="add the line even if the same line was saved in the last 10 minutes "
        "(without it, a repeat is taken for a retry and not added twice)",
    )

    for name, handler, verb in (
        ("done", cmd_done, "mark an item done"),
        ("drop", cmd_drop, "drop an item without doing it"),
        ("reopen", cmd_reopen, "reopen a done or dropped item"),
        ("happened", cmd_happened, "a risk happened: it stays active, as a problem"),
    ):
        sub = command(name, handler, verb, f"  collab {name} 12\n  collab {name} '#12'")
        sub.add_argument("id", type=item_id, metavar="ID", help="the item's number")

    sub = command(
        "snooze",
        cmd_snooze,
        "move an item's due date (a risk's review date)",
        "  collab snooze 12 fri\n  collab snooze 12 +3d\n  collab snooze 12 next week",
    )
    sub.add_argument("id", type=item_id, metavar="ID", help="the item's number")
    sub.add_argument("when", nargs="+", metavar="WHEN", help="the new date, e.g. fri, +3d")

    sub = command(
        "contact",
        cmd_contact,
        "create, update or delete a contact",
        '  collab contact 小蓝 --dept "Dept B" --boss 刘经理 --stance eager\n'
        '  collab contact Lan --kpi "approval turnaround" --concern "no capacity"\n'
        "  collab contact delete 小张 --reassign-to 小蓝\n"
        "  collab contact delete 小张 --yes   (linked records keep 小张 as a former contact)",
    )
    sub.add_argument("name", nargs="+", metavar="NAME", help='a name, or "delete NAME"')
    sub.add_argument(
        "--reassign-to",
        metavar="NAME",
        help="with delete: move their items, log entries and reports to this contact",
    )
    sub.add_argument(
        "--yes", action="store_true", help="with delete: do not ask (needed when not on a terminal)"
    )
    sub.add_argument("--dept", dest="department", metavar="TEXT")
    sub.add_argument("--org", dest="organisation", metavar="TEXT")
    sub.add_argument("--title", metavar="TEXT")
    sub.add_argument("--boss", metavar="NAME", help="an existing contact")
    sub.add_argument("--stance", choices=["refuses", "no-capacity", "eager", "unknown"])
    sub.add_argument("--side", choices=["leading", "supporting"])
    sub.add_argument("--level", choices=["working", "leader"])
    sub.add_argument("--flow", choices=["upstream", "downstream"])
    sub.add_argument(
        "--kpi",
        dest="kpis",
        action="append",
        metavar="TEXT",
        help="what they are measured on (repeat for more)",
    )
    sub.add_argument(
        "--concern",
        dest="concerns",
        action="append",
        metavar="TEXT",
        help="what worries them (repeat for more)",
    )
    sub.add_argument(
        "--gain", dest="gains", metavar="TEXT", help="what working with you gives them"
    )
    sub.add_argument("--alias", dest="aliases", action="append", metavar="A")
    sub.add_argument("--tag", dest="tags", action="append", metavar="TAG")
    sub.add_argument("--email", metavar="TEXT")
    sub.add_argument("--phone", metavar="TEXT")
    sub.add_argument("--note", dest="notes", metavar="TEXT")

    sub = command(
        "today",
        cmd_today,
        "the morning review: overdue, due today, owe, waiting, risks",
        "  collab today\n  collab today --date tomorrow\n  collab today --json | jq .overdue",
    )
    sub.add_argument("--date", metavar="D", help="review another day (any date phrase)")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command(
        "matrix",
        cmd_matrix,
        "the Eisenhower matrix of active items",
        "  collab matrix\n  collab matrix --json",
    )
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command(
        "who",
        cmd_who,
        "the pre-meeting brief on a contact",
        "  collab who 小蓝\n  collab who lan --json",
    )
    sub.add_argument("name", metavar="NAME", help="a name, alias or unique prefix")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command(
        "export",
        cmd_export,
        "write a backup, vCards, a calendar or a spreadsheet",
        "  collab export --format json -o backup.json\n"
        "  collab export --format vcf -o contacts.vcf\n"
        "  collab export --format ics -o follow-ups.ics\n"
        "  collab export --format csv --what contacts -o contacts.csv",
    )
    sub.add_argument("--format", required=True, choices=["json", "vcf", "ics", "csv"])
    sub.add_argument(
        "--what",
        choices=["items", "contacts", "log"],
        default="items",
        help="for csv: which records (default items)",
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    sub = command(
        "import",
        cmd_import,
        "read a backup, vCards or a taskwarrior export",
        "  collab import backup.json\n  collab import contacts.vcf --dry-run\n"
        "  task export > tasks.json && collab import --from taskwarrior tasks.json",
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument(
        "--from",
        dest="source",
        choices=["json", "vcard", "taskwarrior"],
        help="the file's format (default: from the extension)",
    )
    sub.add_argument("--dry-run", action="store_true", help="show what would change; save nothing")

    sub = command(
        "report",
        cmd_report,
        "a Markdown status report for your bosses",
        "  collab report\n  collab report --since 2026-03-01 --tag orders -o status.md",
    )
    sub.add_argument("--since", metavar="DATE", help="start of the period (default: a week ago)")
    sub.add_argument("--tag", metavar="TAG", help="only records with this tag")
    sub.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    sub = command(
        "restore",
        cmd_restore,
        "put a verified backup back in place (the current files are moved aside)",
        "  collab restore --list\n  collab restore --dry-run\n  collab restore\n"
        "  collab restore 2026-11-20T091500.123456\n"
        "\nBackups are taken on the first save of each day (the newest 10 are kept).",
    )
    sub.add_argument(
        "snapshot",
        nargs="?",
        metavar="SNAPSHOT",
        help="the backup's name (default: the newest one that verifies)",
    )
    sub.add_argument("--list", action="store_true", help="list the backups, each verified")
    sub.add_argument(
        "--dry-run", action="store_true", help="show what would be done; change nothing"
    )

    sub = command(
        "doctor",
        cmd_doctor,
        "check every file and record; repair what can be repaired",
        "  collab doctor\n  collab doctor --repair",
    )
    sub.add_argument(
        "--repair", action="store_true", help="repair without asking (nothing is ever deleted)"
    )

    command(
        "demo",
        cmd_demo,
        "write the worked example into a demo file and open it",
        "  collab demo\n  collab demo --db /tmp/demo.json",
    )
    return parser


def item_id(text: str) -> int:
    """'12' or '#12'."""
    import argparse

    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an item number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"not an item number: {text!r}")
    return value


# --- commands that change things ----------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    from collab_tui import actions

    lines = " ".join(args.text).splitlines()  # a pasted block: one capture per line
    with open_store(args) as store:
        try:
            result = actions.capture_lines(store, lines, args.today, again=args.again)
        except actions.ActionError as error:
            repeat = actions.AlreadyCaptured
            if not (isinstance(error, repeat) or isinstance(error.__cause__, repeat)):
                raise
            raise actions.ActionError(
                f"{error} To add it a second time on purpose: collab add --again ..."
            ) from None
    for line in result.lines:
        print(_plain(line))
    return EXIT_OK


def _item_command(action: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from collab_tui import actions

        with open_store(args) as store:
            item = getattr(actions, action)(store, args.id)
            names = {c.id: c.name for c in store.contacts()}
        said = t(f"said.{action}", what=actions.describe_item(item, names, args.today))
        print(_plain(said))
        return EXIT_OK

    return run


cmd_done = _item_command("complete")
cmd_drop = _item_command("drop")
cmd_reopen = _item_command("reopen")
cmd_happened = _item_command("occurred")


def cmd_snooze(args: argparse.Namespace) -> int:
    from collab_tui import actions

    with open_store(args) as store:
        item = actions.snooze(store, args.id, " ".join(args.when), args.today)
        names = {c.id: c.name for c in store.contacts()}
    print(_plain(t("said.snooze", what=actions.describe_item(item, names, args.today))))
    return EXIT_OK


def cmd_contact(args: argparse.Namespace) -> int:
    from collab_tui import actions

    if len(args.name) == 2 and args.name[0] == "delete":
        return cmd_contact_delete(args, args.name[1])
    if len(args.name) != 1:
        raise UsageError(
            f"one contact name, not {len(args.name)} words (quote a name with spaces), "
            "or: collab contact delete NAME"
        )
    if args.reassign_to or args.yes:
        raise UsageError("--reassign-to and --yes go with: collab contact delete NAME")
    args.name = args.name[0]
    fields = {
        key: getattr(args, key)
        for key in (
            "department",
            "organisation",
            "title",
            "boss",
            "stance",
            "side",
            "level",
            "flow",
            "kpis",
            "concerns",
            "gains",
            "aliases",
            "tags",
            "email",
            "phone",
            "notes",
        )
    }
    with open_store(args) as store:
        contact, created = actions.upsert_contact(store, args.name, **fields)
    said = "said.new_contact" if created else "said.updated_contact"
    print(_plain(t(said, name=contact.name, id=contact.id)))
    return EXIT_OK


def cmd_contact_delete(args: argparse.Namespace, name: str) -> int:
    """Show what is linked, ask (or --yes), then delete: reassign or keep a former contact."""
    from collab_tui import actions
    from collab_tui.model import current_contacts

    with open_store(args) as store:
        contacts = current_contacts(store.contacts())
        contact = actions.find_contact(name, contacts)
        heir = actions.find_contact(args.reassign_to, contacts) if args.reassign_to else None
        links = actions.links_of(store, contact.id)
        who = f"{contact.name} (#{contact.id})"
        if links.empty:
            print(_plain(f"Nothing is linked to {who}."))
        else:
            print(_plain(f"Linked to {who}:"))
            for line in links.lines():
                print(_plain(f"  - {line}"))
        if heir is not None:
            outcome = f"its links go to {heir.name} (#{heir.id})"
        elif links.empty:
            outcome = "it is removed"
        else:
            outcome = "it is kept as a former contact, so those records keep the name"
        if not args.yes:
            if not sys.stdin.isatty():
                _error(f"nothing was deleted; to delete {contact.name} ({outcome}), add --yes")
                return EXIT_INPUT
            if not _confirm(_plain(f"Delete {contact.name}? ({outcome})")):
                print("Nothing was deleted.")
                return EXIT_OK
        actions.delete_contact(store, contact.id, heir.id if heir is not None else None)
    print(_plain(f"deleted contact {who}: {outcome}"))
    return EXIT_OK


# --- commands that show things --------------------------------------------------------------


def cmd_today(args: argparse.Namespace) -> int:
    from collab_tui import render, triage
    from collab_tui.dates import parse_date

    day = parse_date(args.date, args.today) if args.date else args.today
    with open_store(args) as store:
        items = store.items()
        contacts = store.contacts()
        agenda = triage.agenda(items, contacts, store.interactions(), day, store.settings)
    if args.json:
        _print_json(render.agenda_json(agenda, day))
    else:
        _show(render.agenda_sections(agenda, contacts, day), args)
    return EXIT_OK


def cmd_matrix(args: argparse.Namespace) -> int:
    from collab_tui import render, triage

    with open_store(args) as store:
        contacts = store.contacts()
        quadrants = triage.matrix(store.items(), args.today, store.settings)
    if args.json:
        _print_json(render.matrix_json(quadrants))
    else:
        _show(render.matrix_sections(quadrants, contacts, args.today), args)
    return EXIT_OK


def cmd_who(args: argparse.Namespace) -> int:
    from collab_tui import actions, render, triage
    from collab_tui.model import current_contacts

    with open_store(args) as store:
        contacts = store.contacts()
        contact = actions.find_contact(args.name, current_contacts(contacts))
        brief = triage.brief(contact.id, store.items(), contacts, store.interactions(), args.today)
    if args.json:
        _print_json(render.brief_json(brief))
    else:
        _show(render.brief_sections(brief, contacts, args.today), args)
    return EXIT_OK


def _show(sections: list[Any], args: argparse.Namespace) -> None:
    """Rich tables on a terminal, plain text when piped (and Rich is never imported)."""
    from collab_tui import render

    if sys.stdout.isatty() and not os.environ.get("NO_COLOR_TABLES"):
        render.print_rich(sections)
    else:
        sys.stdout.write(render.to_plain(sections))


def _print_json(data: Any) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- import, export, report --------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    rows = {"total": 0}  # records the exporter went through, from its progress calls

    with progress_bar(f"exporting {args.format}") as bar, open_store(args) as store:

        def progress(done: int, total: int) -> None:
            rows["total"] = total
            bar(done, total)

        if args.format == "json":
            import orjson

            from collab_tui.interop import jsonfile

            data = jsonfile.export_data(store, progress=progress)
            # orjson: ~20x faster than json.dumps(indent=...) on three years of records.
            payload: str | bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
            what = "records"
        elif args.format == "vcf":
            from collab_tui.interop import vcard
            from collab_tui.model import current_contacts

            payload = vcard.export_vcards(current_contacts(store.contacts()), progress=progress)
            what = "contacts"
        elif args.format == "ics":
            from collab_tui.interop import ics

            items = store.items()
            payload = ics.export_ics(
                items, store.contacts(), args.today, store.settings, progress=progress
            )
            what = "active items"
        else:
            from collab_tui.interop import csvfile

            payload = csvfile.export_csv(store, args.what, progress=progress)
            what = {"items": "items", "contacts": "contacts", "log": "interactions"}[args.what]
    _write_output(payload, args.output)
    if args.output and args.output != "-":
        count = f"{rows['total']} {what}"
        if args.format == "ics":
            todos = payload.count(b"BEGIN:VTODO\r\n") if isinstance(payload, bytes) else 0
            count = f"{todos} to-dos (due dates and risk reviews) from {count}"
        _note(f"exported {count} to {args.output}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from collab_tui.dates import parse_date
    from collab_tui.interop import report

    since = parse_date(args.since, args.today) if args.since else args.today - timedelta(days=7)
    tag = args.tag.lstrip("#") if args.tag else None
    with open_store(args) as store:
        text = report.status_report(store, since, tag, args.today)
    _write_output(text, args.output)
    if args.output and args.output != "-":
        _note(f"wrote the status report to {args.output}")
    return EXIT_OK


def _note(message: str) -> None:
    """A one-line summary on stderr, so that stdout stays what was asked for."""
    print(_plain(message), file=sys.stderr)


def _write_output(payload: str | bytes, output: str | None) -> None:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if output and output != "-":
        from collab_tui.store import durable

        # Atomic: a failed or interrupted export never leaves half a file in its place.
        durable.write_atomic(Path(output), data, mode=None)
    else:
        if isinstance(payload, str) and sys.stdout.isatty():
            data = _plain(payload).encode("utf-8")  # no escapes from stored text on a terminal
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def guess_source(path: Path, source: str | None) -> str:
    if source:
        return source
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    raise UsageError(f"cannot tell the format of {path.name}: use --from json|vcard|taskwarrior")


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


def parse_json_file(path: Path, data: bytes) -> Any:
    import json

    try:
        return json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from None
    except RecursionError:
        raise UsageError(f"{path} is nested too deeply to be a collab-tui file") from None


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    source = guess_source(path, args.source)
    from collab_tui.interop import gc_paused

    with progress_bar(f"importing {path.name}") as progress, gc_paused():
        raw = read_input(path)
        # vCards and taskwarrior exports go in as bytes: those importers read the encoding
        # card by card / line by line and skip just the broken part.
        payload: Any = parse_json_file(path, raw) if source == "json" else raw
        with open_store(args) as store:  # opened only once the file could be read
            if source == "json":
                from collab_tui.interop import jsonfile

                summary = jsonfile.import_data(
                    store, payload, progress=progress, dry_run=args.dry_run
                )
            elif source == "vcard":
                from collab_tui.interop import vcard

                summary = vcard.import_vcards(store, payload, args.dry_run, progress=progress)
            else:
                from collab_tui.interop import taskwarrior

                summary = taskwarrior.import_taskwarrior(
                    store, payload, progress=progress, dry_run=args.dry_run
                )
    print_summary(summary, args.dry_run)
    return EXIT_OK


def print_summary(summary: Any, dry_run: bool) -> None:
    """The counts, then why each skipped record was skipped (a dry run: every change)."""
    if dry_run and hasattr(summary, "lines"):
        for line in summary.lines():
            print(_plain(f"  {line}"))
    else:
        for what, why in summary.skipped:
            print(_plain(f"  skipped {what}: {why}"))
    prefix = "dry run, nothing saved: would have " if dry_run else ""
    print(
        f"{prefix}added {summary.added}, updated {summary.updated}, "
        f"unchanged {summary.unchanged}, skipped {len(summary.skipped)}"
    )


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback, and a Rich bar on stderr for long jobs.

    The bar appears only on a terminal and only once the job has run for PROGRESS_DELAY
    seconds, so a quick one never flashes a bar; until the first call it pulses (the
    store is still loading). It goes to stderr and is cleared when the block ends, so it
    is never part of the output or of a file written. Rich is imported only for a bar.
    """
    if not sys.stderr.isatty():
        yield _no_progress
        return
    import threading

    lock = threading.Lock()
    state: dict[str, Any] = {"bar": None, "done": 0, "total": None, "shown": 0, "over": False}

    def start() -> None:
        from rich.console import Console
        from rich.progress import Progress

        with lock:
            if state["over"]:
                return
            bar = Progress(console=Console(stderr=True), transient=True)
            state["task"] = bar.add_task(label, total=state["total"], completed=state["done"])
            bar.start()
            state["bar"] = bar

    def progress(done: int, total: int) -> None:
        with lock:
            state["done"], state["total"] = done, total
            bar = state["bar"]
            # Rich redraws ten times a second; 200 updates a job are plenty.
            if bar is not None and (done >= total or done - state["shown"] >= total / 200):
                state["shown"] = done
                bar.update(state["task"], completed=done, total=total)

    timer = None
    if PROGRESS_DELAY <= 0:
        start()
    else:
        timer = threading.Timer(PROGRESS_DELAY, start)
        timer.daemon = True
        timer.start()
    try:
        yield progress
    finally:
        if timer is not None:
            timer.cancel()
            timer.join()  # a bar being started right now is then stopped below
        with lock:
            state["over"] = True
            bar = state["bar"]
        if bar is not None:
            bar.stop()


def _no_progress(done: int, total: int) -> None:
    pass


# --- recovery ---------------------------------------------------------------------------------


def cmd_restore(args: argparse.Namespace) -> int:
    from collab_tui.store import restore

    path = db_path(args)
    if args.list:
        verdicts = restore.list_snapshots(path)
        if not verdicts:
            print(_plain(f"no backups of {path} yet"))
        newest_good = next((v for v in verdicts if v.good), None)
        for verdict in verdicts:
            segments = sum(1 for name in verdict.files if "/" in name)
            state = "verified" if verdict.good else "DAMAGED: " + "; ".join(verdict.problems)
            legacy = " (old format: parsed, no checksums)" if verdict.legacy else ""
            mark = "  <- newest good" if verdict is newest_good else ""
            print(
                _plain(
                    f"{verdict.snapshot.name}  {state}{legacy}  "
                    f"[data file + {segments} history segments]{mark}"
                )
            )
        return EXIT_OK
    done = restore.restore(path, args.snapshot, dry_run=args.dry_run)
    segments = sum(1 for name in done.files if "/" in name)
    verb = "Would restore" if done.dry_run else "Restored"
    print(
        _plain(
            f"{verb} {done.path} and {segments} history segments from the backup "
            f"{done.snapshot} (every file verified)."
        )
    )
    if done.moved_aside is None:
        print("There were no current files to move aside.")
    else:
        moved = ", ".join(done.moved)
        verb = "would be moved" if done.dry_run else "were moved"
        print(_plain(f"The current files ({moved}) {verb} to {done.moved_aside}; nothing deleted."))
    if done.dry_run:
        print("Dry run: nothing was changed.")
    return EXIT_OK


# --- doctor ---------------------------------------------------------------------------------


def cmd_doctor(args: argparse.Namespace) -> int:
    """Report every problem; repair with consent (--repair, or y at the prompt)."""
    from collab_tui.store import Store, doctor

    path = db_path(args)
    temps = doctor.leftover_temps(path)  # before opening: opening removes them
    store = Store.open(path)
    try:
        findings = doctor.examine(store, temps)
        if not findings:
            print(_plain(f"{path}: all is well (every file and record checked)."))
            return EXIT_OK
        print(_plain(f"{path}: {len(findings)} problem(s) found:"))
        for finding in findings:
            print(_plain(f"  - {finding.what}"))
        repairs = [f.repair for f in findings if f.repair]
        if not repairs:
            return EXIT_OK if all(f.kind == "temp" for f in findings) else EXIT_STORE
        print("collab doctor can:")
        for repair in repairs:
            print(_plain(f"  - {repair}"))
        if not (args.repair or _confirm("Repair now (one transaction; no record is lost)?")):
            print("Nothing was changed. Run `collab doctor --repair` to repair.")
            return EXIT_STORE
        for line in doctor.repair(store):
            print(_plain(f"repaired: {line}"))
        remaining = [f for f in doctor.examine(store) if f.kind != "temp"]
        for finding in remaining:
            print(_plain(f"still wrong: {finding.what}"))
        return EXIT_STORE if remaining else EXIT_OK
    finally:
        store.close()


def _confirm(question: str) -> bool:
    """A y/N prompt, only when a person is at the terminal; otherwise no."""
    if not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


# --- the app and the demo ------------------------------------------------------------------------


def _tui_runner() -> Callable[..., Any] | None:
    try:
        from collab_tui.tui.app import run
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("collab_tui.tui"):
            return None
        raise
    return run


def cmd_tui(args: argparse.Namespace) -> int:
    run = _tui_runner()
    if run is None:
        _error(
            "the app is missing from this installation (collab_tui.tui); reinstall "
            "collab-tui, or use the shell commands: collab --help"
        )
        return EXIT_STORE
    run(db_path(args))  # the app reads COLLAB_TODAY itself (dates.frozen_today)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from collab_tui import demo, paths

    # Only an explicit --db: COLLAB_DB names the user's own file, which the demo never touches.
    path = Path(args.db).expanduser() if getattr(args, "db", None) else paths.demo_db_path()
    run = _tui_runner() if sys.stdout.isatty() else None
    with open_store(args, path) as store:
        already_there = not demo.store_is_empty(store)
        if already_there and run is not None and not getattr(args, "db", None):
            # A second `collab demo`: open the demo written last time, untouched.
            print(f"opening the demo written earlier ({path}); delete it to start over")
        elif already_there:
            _error(
                f"{path} already holds data; the demo only goes into an empty file "
                "(delete it, or pick another with --db PATH)"
            )
            return EXIT_STORE
        else:
            counts = demo.write_demo(store, args.today)
    if run is not None:
        run(path)
        return EXIT_OK
    print(
        _plain(
            f"wrote the demo ({counts['contacts']} contacts, {counts['items']} items, "
            f"{counts['interactions']} meetings and chats) to {path}"
        )
    )
    print(_plain(f"open it with: collab --db {_shell_quote(str(path))}"))
    return EXIT_OK


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _plain(text: str) -> str:
    from collab_tui.model import plain

    return plain(text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
