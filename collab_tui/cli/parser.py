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
from collab_tui.words import EN, t

# --- argument parsing -------------------------------------------------------------------


def argparse_in_our_words() -> None:
    """argparse's own words ("usage:", "options", its error messages) from words.py.

    argparse looks each one up with gettext's ``_`` / ``ngettext`` (domain "argparse") when
    it prints it; those two names are routed to our catalog: the keys "argparse.*", whose
    English is argparse's text. A text we do not know stays as argparse wrote it.
    """
    keys = {EN[key]: key for key in EN if key.startswith("argparse.")}

    def translate(message: str) -> str:
        key = keys.get(message)
        return message if key is None else t(key)

    def ntranslate(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural)

    setattr(argparse, "_", translate)  # noqa: B010 (argparse's own, untyped, name)
    setattr(argparse, "ngettext", ntranslate)  # noqa: B010


def build_parser() -> argparse.ArgumentParser:
    import argparse

    argparse_in_our_words()
    parser = argparse.ArgumentParser(
        prog="collab",
        description=t("cli.help.description"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            t("cli.help.examples")
            + "\n"
            + '  collab add "owe: send the revised spec @小蓝 due:tomorrow"\n'
            "  collab today\n"
            "  collab who 小蓝\n"
            "  collab demo\n\n" + t("cli.help.environment") + "\n" + t("cli.help.lang_environment")
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"collab-tui {__version__}",
        help=t("cli.help.version"),
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=t("cli.help.db"),
    )
    # Read (and taken out of the arguments) by cli.main before this parser is built, so
    # that the help itself is in that language; declared here for --help.
    parser.add_argument("--lang", metavar="zh|en", help=t("cli.help.lang"))
    parser.set_defaults(handler=cmd_tui)
    # --db also after the command name; SUPPRESS keeps the value given before it.
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help=t("cli.help.db_short")
    )
    commands = parser.add_subparsers(title=t("cli.help.commands"), metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], summary: str, examples: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=[db_after],
            epilog=t("cli.help.examples") + "\n" + examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler)
        return sub

    sub = command(
        "add",
        cmd_add,
        t("cli.help.add"),
        '  collab add "owe: send the revised spec @小蓝 due:tomorrow"\n'
        '  collab add "wait: approval result @Ming due:+3d !"\n'
        '  collab add "risk: approval API may slip @小蓝 #orders review:fri"\n'
        '  collab add "meet: @Lan @Ming agreed to fix the bug; owe: retest payment due:fri"\n'
        "\n" + t("cli.help.add.grammar"),
    )
    sub.add_argument("text", nargs="+", metavar="TEXT", help=t("cli.help.add.text"))
    sub.add_argument("--again", action="store_true", help=t("cli.help.add.again"))

    for name, handler, verb in (
        ("done", cmd_done, "cli.help.done"),
        ("drop", cmd_drop, "cli.help.drop"),
        ("reopen", cmd_reopen, "cli.help.reopen"),
        ("happened", cmd_happened, "cli.help.happened"),
    ):
        sub = command(name, handler, t(verb), f"  collab {name} 12\n  collab {name} '#12'")
        sub.add_argument("id", type=item_id, metavar="ID", help=t("cli.help.id"))

    sub = command(
        "snooze",
        cmd_snooze,
        t("cli.help.snooze"),
        "  collab snooze 12 fri\n  collab snooze 12 +3d\n  collab snooze 12 next week",
    )
    sub.add_argument("id", type=item_id, metavar="ID", help=t("cli.help.id"))
    sub.add_argument("when", nargs="+", metavar="WHEN", help=t("cli.help.snooze.when"))

    sub = command(
        "contact",
        cmd_contact,
        t("cli.help.contact"),
        '  collab contact 小蓝 --dept "Dept B" --boss 刘经理 --stance eager\n'
        '  collab contact Lan --kpi "approval turnaround" --concern "no capacity"\n'
        "  collab contact delete 小张 --reassign-to 小蓝\n"
        "  collab contact delete 小张 --yes   " + t("cli.help.contact.yes_note"),
    )
    sub.add_argument("name", nargs="+", metavar="NAME", help=t("cli.help.contact.name"))
    sub.add_argument("--reassign-to", metavar="NAME", help=t("cli.help.contact.reassign"))
    sub.add_argument("--yes", action="store_true", help=t("cli.help.contact.yes"))
    sub.add_argument("--dept", dest="department", metavar="TEXT")
    sub.add_argument("--org", dest="organisation", metavar="TEXT")
    sub.add_argument("--title", metavar="TEXT")
    sub.add_argument("--boss", metavar="NAME", help=t("cli.help.contact.boss"))
    sub.add_argument("--stance", choices=["refuses", "no-capacity", "eager", "unknown"])
    sub.add_argument("--side", choices=["leading", "supporting"])
    sub.add_argument("--level", choices=["working", "leader"])
    sub.add_argument("--flow", choices=["upstream", "downstream"])
    sub.add_argument(
        "--kpi",
        dest="kpis",
        action="append",
        metavar="TEXT",
        help=t("cli.help.contact.kpi"),
    )
    sub.add_argument(
        "--concern",
        dest="concerns",
        action="append",
        metavar="TEXT",
        help=t("cli.help.contact.concern"),
    )
    sub.add_argument("--gain", dest="gains", metavar="TEXT", help=t("cli.help.contact.gain"))
    sub.add_argument("--alias", dest="aliases", action="append", metavar="A")
    sub.add_argument("--tag", dest="tags", action="append", metavar="TAG")
    sub.add_argument("--email", metavar="TEXT")
    sub.add_argument("--phone", metavar="TEXT")
    sub.add_argument("--note", dest="notes", metavar="TEXT")

    sub = command(
        "today",
        cmd_today,
        t("cli.help.today"),
        "  collab today\n  collab today --date tomorrow\n  collab today --json | jq .overdue",
    )
    sub.add_argument("--date", metavar="D", help=t("cli.help.today.date"))
    sub.add_argument("--json", action="store_true", help=t("cli.help.json"))

    sub = command(
        "matrix",
        cmd_matrix,
        t("cli.help.matrix"),
        "  collab matrix\n  collab matrix --json",
    )
    sub.add_argument("--json", action="store_true", help=t("cli.help.json"))

    sub = command(
        "who",
        cmd_who,
        t("cli.help.who"),
        "  collab who 小蓝\n  collab who lan --json",
    )
    sub.add_argument("name", metavar="NAME", help=t("cli.help.who.name"))
    sub.add_argument("--json", action="store_true", help=t("cli.help.json"))

    sub = command(
        "export",
        cmd_export,
        t("cli.help.export"),
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
        help=t("cli.help.export.what"),
    )
    sub.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.output"))

    sub = command(
        "import",
        cmd_import,
        t("cli.help.import"),
        "  collab import backup.json\n  collab import contacts.vcf --dry-run\n"
        "  task export > tasks.json && collab import --from taskwarrior tasks.json",
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument(
        "--from",
        dest="source",
        choices=["json", "vcard", "taskwarrior"],
        help=t("cli.help.import.from"),
    )
    sub.add_argument("--dry-run", action="store_true", help=t("cli.help.import.dry_run"))

    sub = command(
        "report",
        cmd_report,
        t("cli.help.report"),
        "  collab report\n  collab report --since 2026-03-01 --tag orders -o status.md",
    )
    sub.add_argument("--since", metavar="DATE", help=t("cli.help.report.since"))
    sub.add_argument("--tag", metavar="TAG", help=t("cli.help.report.tag"))
    sub.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.output"))

    sub = command(
        "restore",
        cmd_restore,
        t("cli.help.restore"),
        "  collab restore --list\n  collab restore --dry-run\n  collab restore\n"
        "  collab restore 2026-11-20T091500.123456\n"
        "\n" + t("cli.help.restore.note"),
    )
    sub.add_argument("snapshot", nargs="?", metavar="SNAPSHOT", help=t("cli.help.restore.name"))
    sub.add_argument("--list", action="store_true", help=t("cli.help.restore.list"))
    sub.add_argument("--dry-run", action="store_true", help=t("cli.help.restore.dry_run"))

    sub = command(
        "doctor",
        cmd_doctor,
        t("cli.help.doctor"),
        "  collab doctor\n  collab doctor --repair",
    )
    sub.add_argument("--repair", action="store_true", help=t("cli.help.doctor.repair"))

    command(
        "demo",
        cmd_demo,
        t("cli.help.demo"),
        "  collab demo\n  collab demo --db /tmp/demo.json",
    )
    return parser


def item_id(text: str) -> int:
    """'12' or '#12'."""
    import argparse

    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.not_an_id", text=repr(text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli.not_an_id", text=repr(text)))
    return value
