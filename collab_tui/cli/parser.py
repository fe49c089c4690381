"""The argparse tree of every ``collab`` verb (built only when ``collab add``'s fast path
does not apply: it costs ``collab add`` ~10 ms)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NamedTuple

from collab_tui import __version__
from collab_tui.cli.commands import (
    cmd_add,
    cmd_cancel,
    cmd_contact,
    cmd_demo,
    cmd_doctor,
    cmd_done,
    cmd_drop,
    cmd_escalate,
    cmd_export,
    cmd_happened,
    cmd_import,
    cmd_map,
    cmd_matrix,
    cmd_meet,
    cmd_meetings,
    cmd_milestone,
    cmd_outcome,
    cmd_project,
    cmd_reopen,
    cmd_report,
    cmd_restore,
    cmd_snooze,
    cmd_sync,
    cmd_today,
    cmd_tui,
    cmd_who,
)
from collab_tui.words import EN, t

# --- argument parsing -------------------------------------------------------------------


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


# An argument: its flags and argparse settings; a "help" setting is a words.py key.
Argument = tuple[tuple[str, ...], dict[str, Any]]

JSON: Argument = (("--json",), {"action": "store_true", "help": "cli.help.json"})
OUTPUT: Argument = (("-o", "--output"), {"metavar": "FILE", "help": "cli.help.output"})
ITEM_ID: Argument = (("id",), {"type": item_id, "metavar": "ID", "help": "cli.help.id"})
TEXT: dict[str, Any] = {"metavar": "TEXT"}


class Command(NamedTuple):
    """One verb: its handler, its summary (a words key), its example lines and arguments."""

    name: str
    handler: Callable[[argparse.Namespace], int]
    examples: tuple[str, ...]
    arguments: tuple[Argument, ...] = ()
    note_key: str = ""  # a paragraph after the examples

    @property
    def summary(self) -> str:
        return f"cli.help.{self.name}"

    def note(self) -> str:
        return "\n\n" + t(self.note_key) if self.note_key else ""


def _item_verb(name: str, handler: Callable[[argparse.Namespace], int]) -> Command:
    return Command(name, handler, (f"  collab {name} 12", f"  collab {name} '#12'"), (ITEM_ID,))


COMMANDS: tuple[Command, ...] = (
    Command(
        "add",
        cmd_add,
        (
            '  collab add "owe: send the revised spec @小蓝 due:tomorrow"',
            '  collab add "wait: approval result @Ming due:+3d !"',
            '  collab add "risk: approval API may slip @小蓝 #orders review:fri"',
            '  collab add "meet: @Lan @Ming agreed to fix the bug; owe: retest payment due:fri"',
        ),
        (
            (("text",), {"nargs": "+", **TEXT, "help": "cli.help.add.text"}),
            (("--again",), {"action": "store_true", "help": "cli.help.add.again"}),
            (("--every",), {"metavar": "RULE", "help": "cli.help.add.every"}),
            (
                ("--after",),
                {
                    "type": item_id,
                    "action": "append",
                    "metavar": "ID",
                    "help": "cli.help.add.after",
                },
            ),
        ),
        note_key="cli.help.add.grammar",
    ),
    _item_verb("done", cmd_done),
    Command(
        "drop",
        cmd_drop,
        ("  collab drop 12", "  collab drop 12 --stop-series"),
        (
            ITEM_ID,
            (("--stop-series",), {"action": "store_true", "help": "cli.help.drop.stop_series"}),
        ),
        note_key="cli.help.drop.note",
    ),
    _item_verb("reopen", cmd_reopen),
    _item_verb("happened", cmd_happened),
    Command(
        "snooze",
        cmd_snooze,
        ("  collab snooze 12 fri", "  collab snooze 12 +3d", "  collab snooze 12 next week"),
        (ITEM_ID, (("when",), {"nargs": "+", "metavar": "WHEN", "help": "cli.help.snooze.when"})),
    ),
    Command(
        "contact",
        cmd_contact,
        (
            '  collab contact 小蓝 --dept "Dept B" --boss 刘经理 --stance eager',
            '  collab contact Lan --kpi "approval turnaround" --concern "no capacity"',
            "  collab contact 小明 --stance no-capacity --accept-next-step",
            "  collab contact 小明 --cadence 7",
            "  collab contact 王总 --level leader --my-boss",
            "  collab contact delete 小张 --reassign-to 小蓝",
            "  collab contact delete 小张 --yes",
        ),
        (
            (("name",), {"nargs": "+", "metavar": "NAME", "help": "cli.help.contact.name"}),
            (("--reassign-to",), {"metavar": "NAME", "help": "cli.help.contact.reassign"}),
            (("--yes",), {"action": "store_true", "help": "cli.help.contact.yes"}),
            (("--dept",), {"dest": "department", **TEXT}),
            (("--org",), {"dest": "organisation", **TEXT}),
            (("--title",), TEXT),
            (("--boss",), {"metavar": "NAME", "help": "cli.help.contact.boss"}),
            (("--stance",), {"choices": ["refuses", "no-capacity", "eager", "unknown"]}),
            (("--side",), {"choices": ["leading", "supporting"]}),
            (("--level",), {"choices": ["working", "leader"]}),
            (("--flow",), {"choices": ["upstream", "downstream"]}),
            (
                ("--kpi",),
                {"dest": "kpis", "action": "append", **TEXT, "help": "cli.help.contact.kpi"},
            ),
            (
                ("--concern",),
                {
                    "dest": "concerns",
                    "action": "append",
                    **TEXT,
                    "help": "cli.help.contact.concern",
                },
            ),
            (("--gain",), {"dest": "gains", **TEXT, "help": "cli.help.contact.gain"}),
            (("--alias",), {"dest": "aliases", "action": "append", "metavar": "A"}),
            (("--tag",), {"dest": "tags", "action": "append", "metavar": "TAG"}),
            (("--email",), TEXT),
            (("--phone",), TEXT),
            (("--note",), {"dest": "notes", **TEXT}),
            (
                ("--cadence",),
                {"type": int, "metavar": "DAYS", "help": "cli.help.contact.cadence"},
            ),
            (("--my-boss",), {"action": "store_true", "help": "cli.help.contact.my_boss"}),
            (
                ("--accept-next-step",),
                {"action": "store_true", "help": "cli.help.contact.accept_next_step"},
            ),
            JSON,
        ),
        note_key="cli.help.contact.yes_note",
    ),
    Command(
        "escalate",
        cmd_escalate,
        (
            '  collab escalate 12 --problem "approval API slips 2 weeks" \\',
            '      --tried "asked Lan twice; no slot" \\',
            '      --option "new API|clean design|2 weeks late|Lan\'s team, 10 days" \\',
            '      --option "fix Lan\'s bug|no slip|design stays as is|2 days" \\',
            '      --recommend 2 --ask "approve the bug fix this sprint" --due fri',
            '  collab escalate 12 --problem ... --option "A|..." --to 刘经理 --json',
        ),
        (
            ITEM_ID,
            (("--problem",), {**TEXT, "help": "cli.help.escalate.problem"}),
            (("--tried",), {**TEXT, "help": "cli.help.escalate.tried"}),
            (
                ("--option",),
                {
                    "action": "append",
                    "metavar": "NAME|PROS|CONS|COST",
                    "help": "cli.help.escalate.option",
                },
            ),
            (
                ("--recommend",),
                {"type": int, "metavar": "N", "help": "cli.help.escalate.recommend"},
            ),
            (("--ask",), {**TEXT, "help": "cli.help.escalate.ask"}),
            (("--to",), {"metavar": "NAME", "help": "cli.help.escalate.to"}),
            (("--due",), {"metavar": "DATE", "help": "cli.help.escalate.due"}),
            JSON,
        ),
        note_key="cli.help.escalate.note",
    ),
    Command(
        "today",
        cmd_today,
        ("  collab today", "  collab today --date tomorrow", "  collab today --json | jq .overdue"),
        ((("--date",), {"metavar": "D", "help": "cli.help.today.date"}), JSON),
    ),
    Command(
        "meet",
        cmd_meet,
        (
            '  collab meet "API review @小蓝 @小明 on:fri 15:00"',
            '  collab meet "会议：接口评审 @小蓝 时间：周五 下午3点"',
            '  collab meet "@Lan agreed to fix the bug; owe: retest payment due:fri"',
        ),
        ((("text",), {"nargs": "+", **TEXT, "help": "cli.help.meet.text"}),),
        note_key="cli.help.meet.note",
    ),
    Command("meetings", cmd_meetings, ("  collab meetings", "  collab meetings --json"), (JSON,)),
    Command(
        "outcome",
        cmd_outcome,
        (
            '  collab outcome 3 "agreed the new API; decision: ship fri; owe: send spec due:mon"',
            "  collab outcome 3",
        ),
        (
            (("id",), {"type": item_id, "metavar": "ID", "help": "cli.help.outcome.id"}),
            (("text",), {"nargs": "*", **TEXT, "help": "cli.help.outcome.text"}),
        ),
    ),
    Command(
        "cancel",
        cmd_cancel,
        ("  collab cancel 3",),
        ((("id",), {"type": item_id, "metavar": "ID", "help": "cli.help.outcome.id"}),),
    ),
    Command("matrix", cmd_matrix, ("  collab matrix", "  collab matrix --json"), (JSON,)),
    Command(
        "who",
        cmd_who,
        ("  collab who 小蓝", "  collab who lan --json"),
        ((("name",), {"metavar": "NAME", "help": "cli.help.who.name"}), JSON),
    ),
    Command(
        "export",
        cmd_export,
        (
            "  collab export --format json -o backup.json",
            "  collab export --format vcf -o contacts.vcf",
            "  collab export --format ics -o follow-ups.ics",
            "  collab export --format csv --what contacts -o contacts.csv",
            "  collab export --format vcf --vdir ~/.contacts/work",
        ),
        (
            (("--format",), {"required": True, "choices": ["json", "vcf", "ics", "csv"]}),
            (("--vdir",), {"metavar": "DIR", "help": "cli.help.export.vdir"}),
            (
                ("--what",),
                {
                    "choices": ["items", "contacts", "log"],
                    "default": "items",
                    "help": "cli.help.export.what",
                },
            ),
            OUTPUT,
            (
                ("--bom",),
                {"action": argparse.BooleanOptionalAction, "help": "cli.help.export.bom"},
            ),
        ),
    ),
    Command(
        "import",
        cmd_import,
        (
            "  collab import backup.json",
            "  collab import contacts.vcf --dry-run",
            "  task export > tasks.json && collab import --from taskwarrior tasks.json",
            "  collab import ~/.contacts/work",
            "  collab import --from taskwarrior tasks.json --tz Asia/Shanghai",
        ),
        (
            (("file",), {"metavar": "FILE"}),
            (
                ("--from",),
                {
                    "dest": "source",
                    "choices": ["json", "vcard", "taskwarrior"],
                    "help": "cli.help.import.from",
                },
            ),
            (("--dry-run",), {"action": "store_true", "help": "cli.help.import.dry_run"}),
            (("--tz",), {"metavar": "ZONE", "help": "cli.help.import.tz"}),
        ),
    ),
    Command(
        "sync",
        cmd_sync,
        (
            "  collab sync --setup https://dav.example.com/ --username me",
            "  collab sync",
            "  collab sync --json",
        ),
        (
            (("--setup",), {"metavar": "URL", "help": "cli.help.sync.setup"}),
            (("--calendar-url",), {"metavar": "URL", "help": "cli.help.sync.calendar_url"}),
            (("--username",), {"metavar": "NAME", "help": "cli.help.sync.username"}),
            (
                ("--password-command",),
                {"metavar": "COMMAND", "help": "cli.help.sync.password_command"},
            ),
            (
                ("--addressbook",),
                {
                    "metavar": "NAME",
                    "default": "collab-contacts",
                    "help": "cli.help.sync.addressbook",
                },
            ),
            (
                ("--calendar",),
                {"metavar": "NAME", "default": "collab-todos", "help": "cli.help.sync.calendar"},
            ),
            JSON,
        ),
    ),
    Command(
        "report",
        cmd_report,
        (
            "  collab report",
            "  collab report --since 2026-03-01 --tag orders -o status.md",
            "  collab report --project orders --sent",
        ),
        (
            (("--since",), {"metavar": "DATE", "help": "cli.help.report.since"}),
            (("--tag",), {"metavar": "TAG", "help": "cli.help.report.tag"}),
            (("--project",), {"metavar": "PROJECT", "help": "cli.help.report.project"}),
            (("--sent",), {"action": "store_true", "help": "cli.help.report.sent"}),
            OUTPUT,
        ),
    ),
    Command(
        "project",
        cmd_project,
        (
            '  collab project add "Order payment" --launch 2026-12-31 --role leading --tag orders',
            '  collab project add 订单支付 --goal "先审批后扣款" --launch 12月31日',
            "  collab project list",
            "  collab project show orders --json",
            '  collab project role orders 小蓝 --flow upstream --step 2 --ask "approval API"',
            "  collab project edit orders --status done",
        ),
        (
            (
                ("action",),
                {
                    "choices": ["add", "list", "show", "edit", "role"],
                    "help": "cli.help.project.action",
                },
            ),
            (("words",), {"nargs": "*", "metavar": "NAME", "help": "cli.help.project.words"}),
            (("--name",), TEXT),
            (("--goal",), {**TEXT, "help": "cli.help.project.goal"}),
            (("--launch",), {"metavar": "DATE", "help": "cli.help.project.launch"}),
            (
                ("--role",),
                {
                    "dest": "our_role",
                    "choices": ["leading", "supporting"],
                    "help": "cli.help.project.role",
                },
            ),
            (("--tag",), {"metavar": "TAG", "help": "cli.help.project.tag"}),
            (
                ("--status",),
                {"choices": ["active", "done", "dropped"], "help": "cli.help.project.status"},
            ),
            (("--side",), {"choices": ["leading", "supporting"]}),
            (("--level",), {"choices": ["working", "leader"]}),
            (("--flow",), {"choices": ["upstream", "downstream"]}),
            (("--step",), {"type": int, "metavar": "N", "help": "cli.help.project.step"}),
            (("--ask",), {**TEXT, "help": "cli.help.project.ask"}),
            (("--gain",), {**TEXT, "help": "cli.help.project.gain"}),
            JSON,
        ),
    ),
    Command(
        "milestone",
        cmd_milestone,
        (
            '  collab milestone add orders "API definition" --baseline 2026-12-04 --owner 小蓝',
            "  collab milestone agree 3 --with 小蓝 --with 小张",
            '  collab milestone move 3 +14d --cause "design changed: approval message needed"',
            "  collab milestone done 3",
        ),
        (
            (
                ("action",),
                {"choices": ["add", "agree", "move", "done"], "help": "cli.help.milestone.action"},
            ),
            (("words",), {"nargs": "*", "metavar": "ARG", "help": "cli.help.milestone.words"}),
            (("--baseline",), {"metavar": "DATE", "help": "cli.help.milestone.baseline"}),
            (("--owner",), {"metavar": "NAME", "help": "cli.help.milestone.owner"}),
            (
                ("--with",),
                {
                    "dest": "agreed_with",
                    "action": "append",
                    "metavar": "NAME",
                    "help": "cli.help.milestone.with",
                },
            ),
            (("--cause",), {**TEXT, "help": "cli.help.milestone.cause"}),
            (("--date",), {"metavar": "DATE", "help": "cli.help.milestone.date"}),
            JSON,
        ),
    ),
    Command(
        "map",
        cmd_map,
        ("  collab map orders", "  collab map 订单支付 --json"),
        (
            (("project",), {"nargs": "+", "metavar": "PROJECT", "help": "cli.help.map.project"}),
            JSON,
        ),
    ),
    Command(
        "restore",
        cmd_restore,
        (
            "  collab restore --list",
            "  collab restore --dry-run",
            "  collab restore",
            "  collab restore 2026-11-20T091500.123456",
        ),
        (
            (("snapshot",), {"nargs": "?", "metavar": "SNAPSHOT", "help": "cli.help.restore.name"}),
            (("--list",), {"action": "store_true", "help": "cli.help.restore.list"}),
            (("--dry-run",), {"action": "store_true", "help": "cli.help.restore.dry_run"}),
        ),
        note_key="cli.help.restore.note",
    ),
    Command(
        "doctor",
        cmd_doctor,
        ("  collab doctor", "  collab doctor --repair"),
        ((("--repair",), {"action": "store_true", "help": "cli.help.doctor.repair"}),),
    ),
    Command("demo", cmd_demo, ("  collab demo", "  collab demo --db /tmp/demo.json")),
)


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


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal's, else 80."""
    import os
    import sys

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout, with section headings in our words' punctuation ("选项：")."""

    def __init__(self, prog: str, **settings: Any) -> None:
        # argparse would import shutil (and with it bz2 and lzma, ~3 ms of every command)
        # just to ask the terminal's width; the same answer, from os.
        settings.setdefault("width", _terminal_columns() - 2)
        super().__init__(prog, **settings)
        self.headings: set[str] = set()

    def start_section(self, heading: str | None) -> None:
        if heading:
            self.headings.add(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self.headings:
            text = text.replace(f"{heading}:\n", t("argparse.heading", heading=heading) + "\n")
        return text


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``collab`` parser; with ``command`` (the command word of the arguments to
    parse) only that command's subparser, if it is one: building all of them costs every
    command ~8 ms. Any other word (a typo, a help request) gets them all."""
    import argparse

    argparse_in_our_words()
    parser = argparse.ArgumentParser(
        prog="collab",
        description=t("cli.help.description"),
        formatter_class=HelpFormatter,
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
    db_after = argparse.ArgumentParser(add_help=False, formatter_class=HelpFormatter)
    db_after.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help=t("cli.help.db_short")
    )
    # prog given: argparse would otherwise lay out the whole usage to find it (~3 ms)
    commands = parser.add_subparsers(
        title=t("cli.help.commands"), metavar="COMMAND", prog=parser.prog
    )

    only = [spec for spec in COMMANDS if spec.name == command]
    for spec in only or COMMANDS:
        sub = commands.add_parser(
            spec.name,
            help=t(spec.summary),
            description=t(spec.summary),
            parents=[db_after],
            epilog="\n".join([t("cli.help.examples"), *spec.examples]) + spec.note(),
            formatter_class=HelpFormatter,
        )
        sub.set_defaults(handler=spec.handler)
        for flags, settings in spec.arguments:
            if "help" in settings:
                settings = {**settings, "help": t(settings["help"])}
            sub.add_argument(*flags, **settings)
    return parser
