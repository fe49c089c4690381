"""The shell's commands: one ``cmd_*`` function per ``collab`` verb, and their helpers.

Rich is imported inside the commands that draw tables or progress bars, Textual only
when the TUI opens: ``collab add`` must start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

from collab_tui.words import t

EXIT_OK, EXIT_STORE, EXIT_INPUT = 0, 1, 2
PROGRESS_DELAY = 0.5  # seconds an import or export runs before its progress bar appears


class UsageError(ValueError):
    """Bad input on the command line; exit status 2."""


def _error(message: str) -> None:
    print(t("cli.error", message=_plain(message)), file=sys.stderr)


def today_from_env() -> date:
    """Today, unless COLLAB_TODAY=YYYY-MM-DD freezes it (tests, demos, screenshots)."""
    from collab_tui.dates import frozen_today

    return frozen_today() or date.today()


def clock_from_env() -> time:
    """The time of day, unless COLLAB_TIME (or COLLAB_TODAY) freezes it (dates.frozen_clock)."""
    from datetime import datetime

    from collab_tui.dates import frozen_clock

    return frozen_clock() or datetime.now().time()


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
        print(t("cli.warning", message=_plain(warning)), file=sys.stderr)
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


# --- commands that change things ----------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    from collab_tui import actions

    lines = " ".join(args.text).splitlines()  # a pasted block: one capture per line
    # --every / --after: the grammar's every: and after: words, on each line's last clause
    extra = [f"every:{args.every}"] if getattr(args, "every", None) else []
    extra += [f"after:#{i}" for i in getattr(args, "after", None) or []]
    if extra:
        lines = [" ".join([line, *extra]) if line.strip() else line for line in lines]
    with open_store(args) as store:
        try:
            result = actions.capture_lines(
                store, lines, args.today, again=getattr(args, "again", False)
            )
        except actions.ActionError as error:
            repeat = actions.AlreadyCaptured
            if not (isinstance(error, repeat) or isinstance(error.__cause__, repeat)):
                raise
            raise actions.ActionError(t("cli.add.again", error=error)) from None
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


def _close_command(action: str) -> Callable[[argparse.Namespace], int]:
    """done / drop: also say what comes next in a series and what it no longer blocks."""

    def run(args: argparse.Namespace) -> int:
        from collab_tui import actions
        from collab_tui.model import Status

        status = Status.DONE if action == "complete" else Status.DROPPED
        stop = bool(getattr(args, "stop_series", False))
        with open_store(args) as store:
            closed = actions.close_item(store, args.id, status, args.today, stop_series=stop)
            names = {c.id: c.name for c in store.contacts()}
        said = [t(f"said.{action}", what=actions.describe_item(closed.item, names, args.today))]
        said += actions.describe_closed(closed, names, args.today)
        for line in said:
            print(_plain(line))
        return EXIT_OK

    return run


cmd_done = _close_command("complete")
cmd_drop = _close_command("drop")
cmd_reopen = _item_command("reopen")
cmd_happened = _item_command("occurred")


def cmd_snooze(args: argparse.Namespace) -> int:
    from collab_tui import actions

    with open_store(args) as store:
        item = actions.snooze(store, args.id, " ".join(args.when), args.today)
        names = {c.id: c.name for c in store.contacts()}
    print(_plain(t("said.snooze", what=actions.describe_item(item, names, args.today))))
    return EXIT_OK


def cmd_meet(args: argparse.Namespace) -> int:
    """`collab meet TEXT`: `collab add "meet: TEXT"` (on:WHEN plans it, see CAPTURE.md)."""
    args.text = ["meet: " + " ".join(args.text)]
    return cmd_add(args)


def cmd_outcome(args: argparse.Namespace) -> int:
    from collab_tui import actions

    with open_store(args) as store:
        result = actions.log_meeting_outcome(store, args.id, " ".join(args.text), args.today)
    for line in result.lines:
        print(_plain(line))
    return EXIT_OK


def cmd_cancel(args: argparse.Namespace) -> int:
    from collab_tui import actions

    with open_store(args) as store:
        meeting = actions.cancel_meeting(store, args.id)
        names = {c.id: c.name for c in store.contacts()}
    what = actions.describe_meeting(meeting, names, args.today)
    print(_plain(t("said.cancelled", what=what)))
    return EXIT_OK


def cmd_meetings(args: argparse.Namespace) -> int:
    from collab_tui import triage
    from collab_tui.cli import output as render

    clock = clock_from_env()
    with open_store(args) as store:
        meetings = triage.sort_meetings(store.meetings())
        contacts = store.contacts()
    if args.json:
        _print_json(render.meetings_json(meetings, args.today, clock))
    else:
        _show([render.meetings_table(meetings, contacts, args.today, clock)], args)
    return EXIT_OK


def cmd_contact(args: argparse.Namespace) -> int:
    from collab_tui import actions, triage
    from collab_tui.cli import output as render
    from collab_tui.words import format_date, label

    if len(args.name) == 2 and args.name[0] == "delete":
        return cmd_contact_delete(args, args.name[1])
    if len(args.name) != 1:
        raise UsageError(t("cli.contact.one_name", n=len(args.name)))
    if args.reassign_to or args.yes:
        raise UsageError(t("cli.contact.delete_flags"))
    if args.accept_next_step and not args.stance:
        raise UsageError(t("cli.contact.accept_needs_stance"))
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
    fields["cadence_days"] = args.cadence
    with open_store(args) as store:
        contact, created = actions.upsert_contact(store, args.name, on=args.today, **fields)
        if args.my_boss:
            actions.set_my_boss(store, contact.id)
        step = triage.next_step(contact, args.today) if args.stance else None
        added = (
            actions.add_item(store, step) if step is not None and args.accept_next_step else None
        )
        names = {c.id: c.name for c in store.contacts()}
    if args.json:
        _print_json(
            {
                "contact": contact.to_dict(),
                "created": created,
                "next_step": render.step_json(step, contact) if step is not None else None,
                "added": added.to_dict() if added is not None else None,
            }
        )
        return EXIT_OK
    said = "said.new_contact" if created else "said.updated_contact"
    print(_plain(t(said, name=contact.name, id=contact.id)))
    if args.my_boss:
        print(_plain(t("cli.contact.my_boss", name=contact.name)))
    if added is not None:
        print(_plain(t("said.added", what=actions.describe_item(added, names, args.today))))
    elif step is not None:
        due = format_date(step.due, args.today) if step.due else ""
        what = t("cli.contact.step", kind=label(step.kind), title=step.title, due=due)
        print(_plain(t("cli.contact.next_step", what=what)))
        print(_plain(t("cli.contact.accept_hint")))
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
        who = t("cli.contact.who", name=contact.name, id=contact.id)
        if links.empty:
            print(_plain(t("cli.contact.unlinked", who=who)))
        else:
            print(_plain(t("cli.contact.linked", who=who)))
            for line in links.lines():
                print(_plain(f"  - {line}"))
        if heir is not None:
            outcome = t("cli.contact.outcome.heir", name=heir.name, id=heir.id)
        elif links.empty:
            outcome = t("cli.contact.outcome.removed")
        else:
            outcome = t("cli.contact.outcome.former")
        if not args.yes:
            if not sys.stdin.isatty():
                _error(t("cli.contact.needs_yes", name=contact.name, outcome=outcome))
                return EXIT_INPUT
            if not _confirm(_plain(t("cli.contact.question", name=contact.name, outcome=outcome))):
                print(t("cli.contact.not_deleted"))
                return EXIT_OK
        actions.delete_contact(store, contact.id, heir.id if heir is not None else None)
    print(_plain(t("cli.contact.deleted", who=who, outcome=outcome)))
    return EXIT_OK


def cmd_escalate(args: argparse.Namespace) -> int:
    """Take an item to a leader with options, a recommendation and the ask."""
    from collab_tui import actions
    from collab_tui.dates import parse_date
    from collab_tui.model import OPTION_FIELDS, Contact, current_contacts

    options = []
    for text in args.option or []:
        parts = [part.strip() for part in text.split("|")]
        if len(parts) > len(OPTION_FIELDS):
            raise UsageError(t("cli.escalate.bad_option", text=repr(text)))
        options.append(dict(zip(OPTION_FIELDS, parts, strict=False)))
    due = parse_date(args.due, args.today) if args.due else None
    with open_store(args) as store:
        contacts = current_contacts(store.contacts())
        item = store.item(args.id)
        if item is None:
            raise actions.ActionError(t("error.action.no_item", id=args.id))
        target: Contact | None
        if args.to:
            target = actions.find_contact(args.to, contacts)
        else:
            target = actions.escalation_target(item, contacts, store.settings)
        escalation, owe = actions.escalate(
            store,
            args.id,
            problem=args.problem or "",
            options=options,
            to_id=target.id if target is not None else None,
            due=due,
            today=args.today,
            tried=args.tried or "",
            recommended=(args.recommend or 1) - 1,
            ask=args.ask or "",
        )
        names = {c.id: c.name for c in store.contacts()}
    if args.json:
        _print_json({"escalation": escalation.to_dict(), "owe": owe.to_dict()})
        return EXIT_OK
    to = names.get(escalation.to_id or 0, "")
    print(_plain(t("said.escalated", id=escalation.id, item=args.id, name=to)))
    print(_plain(t("said.added", what=actions.describe_item(owe, names, args.today))))
    return EXIT_OK


# --- commands that show things --------------------------------------------------------------


def cmd_today(args: argparse.Namespace) -> int:
    from collab_tui import plan, triage
    from collab_tui.cli import output as render
    from collab_tui.cli import projects as project_output
    from collab_tui.dates import parse_date

    day = parse_date(args.date, args.today) if args.date else args.today
    with open_store(args) as store:
        items = store.items()
        contacts = store.contacts()
        # The last contact dates come from the store's summary: no history is read.
        last = store.last_contact_dates(day)
        # Another day is reviewed from its morning; today at the time it is now.
        clock = clock_from_env() if day == args.today else None
        agenda = triage.agenda(
            items,
            contacts,
            (),
            day,
            store.settings,
            last_contact=last,
            meetings=store.meetings(),
            clock=clock,
            escalations=store.escalations(),
        )
        topics = store.last_topics([c.contact.id for c in agenda.going_cold], day)
        for cold in agenda.going_cold:
            cold.last_topic = topics.get(cold.contact.id, "")
        projects = store.projects()
        milestones = plan.milestone_agenda(projects, store.milestones(), day)
    if args.json:
        data = render.agenda_json(agenda, day)
        data.update(project_output.milestone_agenda_json(milestones, day))
        _print_json(data)
    else:
        sections = render.agenda_sections(agenda, contacts, day)
        extra = project_output.milestone_agenda_sections(milestones, projects, contacts, day)
        # after the risks (an unagreed milestone is a risk too), before the blocked items
        # and "Going cold", as on the app's Today
        _show([*sections[:-2], *extra, *sections[-2:]], args)
    return EXIT_OK


def cmd_matrix(args: argparse.Namespace) -> int:
    from collab_tui import triage
    from collab_tui.cli import output as render

    with open_store(args) as store:
        contacts = store.contacts()
        items = store.items()
        quadrants = triage.matrix(items, args.today, store.settings)
    blocked = render.blocked_map(items)
    if args.json:
        _print_json(render.matrix_json(quadrants))
    else:
        _show(render.matrix_sections(quadrants, contacts, args.today, blocked), args)
    return EXIT_OK


def cmd_who(args: argparse.Namespace) -> int:
    from collab_tui import actions, triage
    from collab_tui.cli import output as render
    from collab_tui.model import current_contacts

    with open_store(args) as store:
        contacts = store.contacts()
        contact = actions.find_contact(args.name, current_contacts(contacts))
        # The newest interactions, their count and the last contact come from the store's
        # summary: no history is read.
        log = store.contact_log(contact.id, args.today, triage.BRIEF_INTERACTIONS)
        # Their items and what those wait on (whether they are blocked), not all 500.
        items = store.items(where=lambda d: contact.id in (d.get("contact_ids") or ()))
        waited_on = {i for item in items for i in item.after} - {item.id for item in items}
        if waited_on:
            items += store.items(where=lambda d: d.get("id") in waited_on)
        brief = triage.brief(
            contact.id, items, contacts, log.recent, args.today, store.escalations()
        )
        brief.all_interactions_count = log.total
        brief.last_contact = log.last_contact
    if args.json:
        _print_json(render.brief_json(brief))
    else:
        _show(render.brief_sections(brief, contacts, args.today, render.blocked_map(items)), args)
    return EXIT_OK


def _show(sections: list[Any], args: argparse.Namespace) -> None:
    """Styled, wrapped tables on a terminal, plain text when piped."""
    from collab_tui.cli import output as render

    if sys.stdout.isatty() and not os.environ.get("NO_COLOR_TABLES"):
        render.print_terminal(sections)
    else:
        sys.stdout.write(render.to_plain(sections))


def _print_json(data: Any) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- projects (their code and words are in cli/projects.py, imported when used) -------------


def cmd_project(args: argparse.Namespace) -> int:
    from collab_tui.cli.projects import run_project

    return run_project(args)


def cmd_milestone(args: argparse.Namespace) -> int:
    from collab_tui.cli.projects import run_milestone

    return run_milestone(args)


def cmd_map(args: argparse.Namespace) -> int:
    from collab_tui.cli.projects import run_map

    return run_map(args)


# --- import, export, report --------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    if args.vdir:
        return _export_vdir(args)
    rows = {"total": 0}  # records the exporter went through, from its progress calls

    with (
        progress_bar(t("cli.export.progress", format=args.format)) as bar,
        open_store(args) as store,
    ):

        def progress(done: int, total: int) -> None:
            rows["total"] = total
            bar(done, total)

        if args.format == "json":
            from collab_tui.interop import jsonfile

            # Written as it is made, while the store is open: never whole in memory.
            payload: str | bytes | Iterator[bytes] = jsonfile.export_chunks(
                store, progress=progress
            )
            _write_output(payload, args.output)
            what = "cli.export.records"
        elif args.format == "vcf":
            from collab_tui.interop import vcard
            from collab_tui.model import current_contacts

            payload = vcard.export_vcards(current_contacts(store.contacts()), progress=progress)
            what = "cli.export.contacts"
        elif args.format == "ics":
            from collab_tui.interop import ics

            # Closed items too: they stay in calendars, completed, for ics.CLOSED_DAYS.
            items = ics.calendar_items(store, args.today)
            payload = ics.export_ics(
                items, store.contacts(), args.today, progress=progress, meetings=store.meetings()
            )
            what = "cli.export.items"
        else:
            from collab_tui.interop import csvfile

            # A BOM unless --no-bom: without it Excel shows CJK names garbled.
            bom = args.bom is not False
            payload = csvfile.export_csv(store, args.what, progress=progress, bom=bom)
            what = f"cli.export.{args.what}"
    if not isinstance(payload, Iterator):
        _write_output(payload, args.output)
    if args.output and args.output != "-":
        count = t(what, n=rows["total"])
        if args.format == "ics":
            todos = payload.count(b"BEGIN:VTODO\r\n") if isinstance(payload, bytes) else 0
            count = t("cli.export.todos", n=todos, count=count)
            events = payload.count(b"BEGIN:VEVENT\r\n") if isinstance(payload, bytes) else 0
            if events:
                count = t("cli.export.and_meetings", what=count, n=events)
        _note(t("cli.export.done", count=count, path=args.output))
    return EXIT_OK


def _export_vdir(args: argparse.Namespace) -> int:
    from collab_tui.interop import vdir

    if args.format not in ("vcf", "ics"):
        raise UsageError(t("cli.export.vdir_format"))
    folder = Path(args.vdir).expanduser()
    ext = vdir.CONTACTS if args.format == "vcf" else vdir.TODOS
    state = vdir.SyncState(db_path(args))
    with open_store(args) as store:
        done = vdir.export_to(store, folder, ext, state.vdir(folder), args.today)
    state.save()
    _note(t("cli.export.vdir_done", **vars(done), path=folder))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Export to the vdirs, run vdirsyncer, import what came back; again if that changed
    anything, so that one run leaves both sides the same."""
    from collab_tui.interop import vdir, vdirsyncer

    vdirsyncer.program()  # missing: say so before anything is written
    if args.setup:
        path = vdirsyncer.write_config(
            args.setup,
            args.calendar_url or "",
            args.username or "",
            args.password_command or "",
            args.addressbook,
            args.calendar,
        )
        vdirsyncer.discover()
        print(t("cli.sync.set_up", path=path))
        return EXIT_OK
    if not vdirsyncer.config_path().exists():
        raise vdirsyncer.SyncError(t("error.sync.not_set_up"))
    folders = ((vdirsyncer.contacts_vdir(), vdir.CONTACTS), (vdirsyncer.todos_vdir(), vdir.TODOS))
    state = vdir.SyncState(db_path(args))
    result = vdir.VdirImport()
    sent = removed = 0
    with open_store(args) as store:
        for round_ in (1, 2):
            written = 0
            for folder, ext in folders:
                done = vdir.export_to(store, folder, ext, state.vdir(folder), args.today)
                written += done.written + done.removed
                sent += done.written
                removed += done.removed
            state.save()
            if round_ == 2 and not written:
                break  # what came back needs nothing sent
            vdirsyncer.sync()
            if round_ == 2:
                break
            for folder, _ext in folders:
                result.merge(vdir.import_vdir(store, folder, state.vdir(folder), args.today))
            state.save()
    counts = {"sent": sent, "removed": removed, **result.counts()}
    if args.json:
        skipped = [{"what": what, "why": why} for what, why in result.skipped]
        _print_json({**counts, "conflicted": result.conflicts, "skipped_records": skipped})
        return EXIT_OK
    _print_vdir_details(result)
    print(t("cli.sync.done", **counts))
    return EXIT_OK


def _print_vdir_details(result: Any) -> None:
    for name in result.conflicts:
        print(_plain(t("cli.import.conflict", name=name)))
    for what, why in result.skipped:
        print(_plain(t("cli.import.skipped", what=what, why=why)))


def cmd_report(args: argparse.Namespace) -> int:
    from collab_tui.dates import parse_date
    from collab_tui.interop import report

    since = parse_date(args.since, args.today) if args.since else None
    tag = args.tag.lstrip("#") if args.tag else None
    with open_store(args) as store:
        if args.project:
            from collab_tui import actions

            project = actions.find_project(args.project, store.projects())
            text = report.project_report(store, project, since, args.today)
        else:
            since = since or args.today - timedelta(days=7)
            text = report.status_report(store, since, tag, args.today)
        _write_output(text, args.output)
        if args.project and args.sent:
            # after the report is out: the next one starts from today
            project = actions.mark_reported(store, project.id, args.today)
            _note(t("cli.report.sent", name=project.name, date=args.today.isoformat()))
    if args.output and args.output != "-":
        _note(t("cli.report.written", path=args.output))
    return EXIT_OK


def _note(message: str) -> None:
    """A one-line summary on stderr, so that stdout stays what was asked for."""
    print(_plain(message), file=sys.stderr)


def _write_output(payload: str | bytes | Iterator[bytes], output: str | None) -> None:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if output and output != "-":
        from collab_tui.store import durable

        # Atomic: a failed or interrupted export never leaves half a file in its place.
        durable.write_atomic(Path(output), data, mode=None)
    else:
        if isinstance(payload, str) and sys.stdout.isatty():
            data = _plain(payload).encode("utf-8")  # no escapes from stored text on a terminal
        sys.stdout.flush()
        for chunk in (data,) if isinstance(data, bytes) else data:
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()


def guess_source(path: Path, source: str | None) -> str:
    if source:
        return source
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    raise UsageError(t("cli.import.unknown_format", name=path.name))


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(
            t("cli.import.unreadable", path=path, reason=error.strerror or error)
        ) from None


def parse_json_file(path: Path, data: bytes) -> Any:
    import json

    try:
        return json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise UsageError(t("cli.import.not_json", path=path, error=error)) from None
    except RecursionError:
        raise UsageError(t("cli.import.too_deep", path=path)) from None


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.is_dir() and not args.source:  # a vdir; `--from FORMAT` wants a file
        return _import_vdir(args, path)
    source = guess_source(path, args.source)
    from collab_tui.store.store import gc_paused

    with progress_bar(t("cli.import.progress", name=path.name)) as progress, gc_paused():
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
                    store, payload, progress=progress, tz=args.tz, dry_run=args.dry_run
                )
    print_summary(summary, args.dry_run)
    return EXIT_OK


def _import_vdir(args: argparse.Namespace, folder: Path) -> int:
    from collab_tui.interop import vdir

    state = vdir.SyncState(db_path(args))
    with open_store(args) as store:
        result = vdir.import_vdir(store, folder, state.vdir(folder), args.today, args.dry_run)
    if not args.dry_run:
        state.save()
    _print_vdir_details(result)
    print(
        t("cli.import.vdir_dry_run" if args.dry_run else "cli.import.vdir_done", **result.counts())
    )
    return EXIT_OK


def print_summary(summary: Any, dry_run: bool) -> None:
    """The counts, then why each skipped record was skipped (a dry run: every change)."""
    if dry_run and hasattr(summary, "lines"):
        for line in summary.lines():
            print(_plain(f"  {line}"))
    else:
        for what, why in summary.skipped:
            print(_plain(t("cli.import.skipped", what=what, why=why)))
    counts = {
        "added": summary.added,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": len(summary.skipped),
    }
    print(t("cli.import.dry_run" if dry_run else "cli.import.done", **counts))


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
            print(_plain(t("cli.restore.none", path=path)))
        newest_good = next((v for v in verdicts if v.good), None)
        for verdict in verdicts:
            segments = sum(1 for name in verdict.files if "/" in name)
            state = (
                t("cli.restore.verified")
                if verdict.good
                else t("cli.restore.damaged", problems="; ".join(verdict.problems))
            )
            legacy = " " + t("cli.restore.legacy") if verdict.legacy else ""
            mark = "  " + t("cli.restore.newest") if verdict is newest_good else ""
            files = t("cli.restore.files", n=segments)
            print(_plain(f"{verdict.snapshot.name}  {state}{legacy}  {files}{mark}"))
        return EXIT_OK
    done = restore.restore(path, args.snapshot, dry_run=args.dry_run)
    segments = sum(1 for name in done.files if "/" in name)
    key = "cli.restore.would_restore" if done.dry_run else "cli.restore.restored"
    print(_plain(t(key, path=done.path, n=segments, snapshot=done.snapshot)))
    if done.moved_aside is None:
        print(t("cli.restore.nothing_aside"))
    else:
        moved = ", ".join(done.moved)
        key = "cli.restore.would_move" if done.dry_run else "cli.restore.moved"
        print(_plain(t(key, files=moved, path=done.moved_aside)))
    if done.dry_run:
        print(t("cli.restore.dry_run"))
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
            print(_plain(t("cli.doctor.well", path=path)))
            return EXIT_OK
        print(_plain(t("cli.doctor.found", path=path, n=len(findings))))
        for finding in findings:
            print(_plain(f"  - {finding.what}"))
        repairs = [f.repair for f in findings if f.repair]
        if not repairs:
            return EXIT_OK if all(f.kind == "temp" for f in findings) else EXIT_STORE
        print(t("cli.doctor.can"))
        for repair in repairs:
            print(_plain(f"  - {repair}"))
        if not (args.repair or _confirm(t("cli.doctor.ask"))):
            print(t("cli.doctor.declined"))
            return EXIT_STORE
        for line in doctor.repair(store):
            print(_plain(t("cli.doctor.repaired", what=line)))
        remaining = [f for f in doctor.examine(store) if f.kind != "temp"]
        for finding in remaining:
            print(_plain(t("cli.doctor.still_wrong", what=finding.what)))
        return EXIT_STORE if remaining else EXIT_OK
    finally:
        store.close()


def _confirm(question: str) -> bool:
    """A y/N prompt, only when a person is at the terminal; otherwise no."""
    if not sys.stdin.isatty():
        return False
    try:
        # the answers stay y / yes whatever the language of the question
        return input(t("cli.confirm", question=question)).strip().lower() in ("y", "yes")
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
        _error(t("cli.no_app"))
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
            print(t("cli.demo.reopen", path=path))
        elif already_there:
            _error(t("cli.demo.not_empty", path=path))
            return EXIT_STORE
        else:
            counts = demo.write_demo(store, args.today)
    if run is not None:
        run(path)
        return EXIT_OK
    print(
        _plain(
            t(
                "cli.demo.written",
                contacts=counts["contacts"],
                items=counts["items"],
                interactions=counts["interactions"],
                path=path,
            )
        )
    )
    print(_plain(t("cli.demo.open", command=f"collab --db {_shell_quote(str(path))}")))
    return EXIT_OK


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _plain(text: str) -> str:
    from collab_tui.model import plain

    return plain(text)
