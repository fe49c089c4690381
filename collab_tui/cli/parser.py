"""The argparse tree of every ``collab`` verb (built only when ``collab add``'s fast path
does not apply: it costs ``collab add`` ~10 ms)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from collab_tui import __version__
from collab_tui.cli.commands import (
    cmd_add,
    cmd_contact,
    cmd_demo,
    cmd_doctor,
    cmd_done,
    cmd_drop,
    cmd_export,
    cmd_happened,
    cmd_import,
    cmd_matrix,
    cmd_reopen,
    cmd_report,
    cmd_restore,
    cmd_snooze,
    cmd_today,
    cmd_tui,
    cmd_who,
)

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
