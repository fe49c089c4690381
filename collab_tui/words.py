"""Every word the shell and the app show: labels, relative dates, headings.

One place for a translator. ``EN`` maps a key to its English text; ``t(key, **values)``
looks the key up in the active language's catalog (falling back to English) and fills in
its ``{placeholders}``. Callers never change for another language.

Translations are standard gettext catalogs kept in the package:
``locale/zh_CN/LC_MESSAGES/collab.po`` (msgctxt: the key, msgid: the English text) and the
``collab.mo`` compiled from it, read with ``gettext.GNUTranslations`` on the first lookup
in that language. ``scripts/catalog.py`` keeps the .po in step with ``EN`` (see
docs/TRANSLATING.md). A translation whose English has changed since is not used.

The language (``choose_language``): ``collab --lang`` > ``COLLAB_LANG`` > the app's
remembered choice (config.py) > ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` (zh* is Chinese)
> English.

Both front ends take their words from here and only style them: the shell (``render.py``,
``cli.py``) with Rich or plain text, the app (``tui/``) with Textual ``Content``.

Stdlib only and no I/O at import: ``collab add`` imports this module. The language is read
from the environment on the first lookup, not at import; gettext is imported only for a
language other than English.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path

__all__ = [
    "CATALOGS",
    "EN",
    "LANGUAGE_NAMES",
    "choose_language",
    "ago",
    "document_date",
    "format_date",
    "before_text",
    "label",
    "listing",
    "language",
    "relative",
    "set_language",
    "t",
    "with_details",
]

EN: dict[str, str] = {
    # --- labels of the model's enums: "<enum>.<value>" (see ``label``) -------------------
    "kind.task": "task",
    "kind.owe": "owe",
    "kind.wait": "wait",
    "kind.risk": "risk",
    # the kind spelled out, where it is chosen (the item form)
    "kind.task.choice": "task",
    "kind.owe.choice": "owe: I owe them",
    "kind.wait.choice": "wait: they owe me",
    "kind.risk.choice": "risk",
    # the word before the people an item concerns (the capture preview): "owe ... for 小蓝"
    "kind.task.direction": "with",
    "kind.owe.direction": "for",
    "kind.wait.direction": "from",
    "kind.risk.direction": "with",
    # the kind in a calendar entry's notes (the .ics export): who delivers
    "kind.task.calendar": "task",
    "kind.owe.calendar": "owe (I deliver this)",
    "kind.wait.calendar": "wait (they deliver this)",
    "kind.risk.calendar": "risk",
    "status.open": "open",
    "status.done": "done",
    "status.dropped": "dropped",
    "status.occurred": "occurred",
    "rating.low": "low",
    "rating.medium": "medium",
    "rating.high": "high",
    "stance.unknown": "unknown",
    "stance.refuses": "refuses",
    "stance.no-capacity": "interested, no capacity",
    "stance.eager": "eager",
    # short enough for the contact list at 80 columns ("" hides an unknown stance)
    "stance.unknown.short": "",
    "stance.refuses.short": "refuses",
    "stance.no-capacity.short": "no capacity",
    "stance.eager.short": "eager",
    "side.leading": "leading",
    "side.supporting": "supporting",
    "level.working": "working level",
    "level.leader": "senior leader",
    "level.working.short": "working",
    "level.leader.short": "leader",
    "flow.upstream": "upstream of me",
    "flow.downstream": "downstream of me",
    "interaction.meeting": "meeting",
    "interaction.call": "call",
    "interaction.chat": "chat",
    "interaction.email": "email",
    "quadrant.do_now": "Do now",
    "quadrant.schedule": "Schedule",
    "quadrant.delegate": "Delegate",
    "quadrant.drop": "Drop",
    # a quadrant as a section heading (the shell, the daily view)
    "quadrant.do_now.heading": "Do now: important and urgent",
    "quadrant.schedule.heading": "Schedule: important, not urgent",
    "quadrant.delegate.heading": "Delegate or keep short: urgent, not important",
    "quadrant.drop.heading": "Drop: neither",
    # a quadrant as a box title in the app's Matrix (a quarter of the screen wide)
    "quadrant.do_now.title": "Do now · important, urgent",
    "quadrant.schedule.title": "Schedule · important",
    "quadrant.delegate.title": "Delegate · urgent",
    "quadrant.drop.title": "Drop · neither",
    # --- dates -------------------------------------------------------------------------
    "weekday.0": "Mon",
    "weekday.1": "Tue",
    "weekday.2": "Wed",
    "weekday.3": "Thu",
    "weekday.4": "Fri",
    "weekday.5": "Sat",
    "weekday.6": "Sun",
    "month.1": "Jan",
    "month.2": "Feb",
    "month.3": "Mar",
    "month.4": "Apr",
    "month.5": "May",
    "month.6": "Jun",
    "month.7": "Jul",
    "month.8": "Aug",
    "month.9": "Sep",
    "month.10": "Oct",
    "month.11": "Nov",
    "month.12": "Dec",
    "date.short": "{weekday} {day} {month}",  # Fri 27 Nov
    "date.short_year": "{weekday} {day} {month} {year}",  # Fri 27 Nov 2027
    "date.long": "{weekday} {day} {month}, {year}",  # the daily view's heading
    "date.month_day": "{month} {day}",  # a far date in relative words: Mar 3
    "date.month_day_year": "{month} {day} {year}",
    "date.today": "today",
    "date.tomorrow": "tomorrow",
    "date.yesterday": "yesterday",
    # Counts here are 2 or more: 1 day is "tomorrow" / "yesterday", weeks start at 2.
    "date.in_days": "in {n} days",
    "date.in_weeks": "in {n} weeks",
    "date.days_late": "{n} days late",
    "date.weeks_late": "{n} weeks late",
    "date.days_ago": "{n} days ago",
    "date.weeks_ago": "{n} weeks ago",
    "date.with_relative": "{date} ({relative})",  # Fri 27 Nov (3 days late)
    "date.review": "review {date} ({relative})",
    "date.review_short": "rev {relative}",
    "date.moved": "{text}, moved {n}x",
    "date.since": "since {date} ({relative})",
    "date.future_since": "in the future: nothing can be done yet",
    "date.last_days": "the last {n} days",
    # --- the Markdown status report (collab_tui/interop/report.py, `collab report`, R in the
    # app), read by bosses in a chat or a mail. Markdown (#, **, -) is added by the code;
    # {title}, {names}, {summary}... are the user's text, already escaped.
    # How the report writes dates; not shown. "iso": 2026-11-20 everywhere. "words": as
    # date.month_day (11月20日), with the year (date.month_day_year) in the title and for
    # a date in another year than the report's end.
    "report.date.style": "iso",
    "report.title": "Status report: {since} to {today}",
    "report.tag": "Tag: {tag}",  # the report is about one #tag only
    # the summary line under the title: how many of each, then how many people we wait on
    "report.summary": (
        "Done {done} · slipped {slipped} · open risks {risks} · waiting on {people}"
    ),
    "report.people.one": "{n} person",
    "report.people.many": "{n} people",
    # the section headings
    "report.done": "Done since {since}",
    "report.slipped": "Slipped",
    "report.risks": "Open risks",
    "report.waiting": "Waiting on",
    "report.decisions": "Decisions",
    "report.nothing": "Nothing.",  # an empty section
    "report.no_one": "(no one named)",  # the group of waits that name nobody
    "report.with": "{line} — with {names}",  # the people an item is with, after its line
    "report.done.item": "{title} (done {date})",
    # a slipped item: its title, then what happened ({facts}, joined by report.facts_sep)
    "report.slipped.item": "{title}: {facts}",
    "report.facts_sep": "; ",
    "report.redated": "re-dated {dates}",  # 2026-11-20 → 2026-12-01 → 2026-12-08
    "report.no_date": "no date",  # the last of the re-dated dates, when the date was removed
    "report.overdue": "overdue: due {date}, {relative}",  # relative: "3 days late"
    "report.closed": "done {date}",
    "report.notes": "Notes: {notes}",
    # a risk: title, whether it happened, its rating (likelihood high, impact medium)
    "report.risk.occurred": "{title} (occurred)",
    "report.risk.item": "{title}: {rating}",
    "report.risk.likelihood": "likelihood {rating}",
    "report.risk.impact": "impact {rating}",
    "report.risk.mitigation": "Mitigation: {text}",
    "report.risk.owner": "Owner: {names}",
    "report.risk.review": "Review: {date}",
    "report.waiting.due": "{title} (due {date}, {relative})",  # relative: "in 3 days"
    # a log entry with decisions: "2026-11-19, meeting with 小蓝, Ming: what it was about"
    "report.log.head": "{date}, {kind}",
    "report.log.with": "{head} with {names}",
    "report.log.summary": "{head}: {summary}",
    # --- the daily view ----------------------------------------------------------------
    "today.overdue": "Overdue",
    "today.due_today": "Due today",
    "today.owe": "I owe",
    "today.waiting": "Waiting on",
    "today.risks": "Risks to review",
    "today.cold": "Overdue for contact",
    "today.cold.empty": "no one: everyone was in touch within their cadence",
    "today.cold.tag": "cold",
    "today.cold.last": "last contact {relative}",
    "today.cold.open": "{n} open",
    "today.nobody": "(nobody named)",
    "column.id": "id",
    "column.kind": "kind",
    "column.title": "title",
    "column.who": "who",
    "column.due": "due",
    "column.tags": "tags",
    "column.contact": "contact",
    "column.last_contact": "last contact",
    "column.open_items": "open items",
    "contacts.column.name": "Name",
    "contacts.column.department": "Department",
    "contacts.column.stance": "Stance",
    # --- the pre-meeting brief ---------------------------------------------------------
    "brief.also": "also",
    "brief.role": "role",
    "brief.boss_chain": "boss chain",
    "brief.reports": "reports",
    "brief.stance": "stance",
    "brief.roles": "roles",
    "brief.last_contact": "last contact",
    "brief.email": "email",
    "brief.phone": "phone",
    "brief.tags": "tags",
    "brief.kpis": "KPIs (what they are measured on)",
    "brief.concerns": "Concerns",
    "brief.gains": "What they gain from working with me",
    "brief.i_owe": "I owe them",
    "brief.they_owe": "They owe me",
    "brief.tasks": "Other open items with them",
    "brief.risks": "Linked risks",
    "brief.interactions": "Last interactions",
    "brief.interactions.count": "Last interactions ({n})",
    "brief.interactions.some": "Last interactions ({shown} of {n})",
    "brief.interactions.empty": "none logged yet",
    "brief.notes": "Notes",
    "brief.decided": "decided:",
    "brief.decision": "decided: {text}",  # a decision under a meeting in the shell's brief
    "brief.with": "with {names}",
    # --- shared phrases ----------------------------------------------------------------
    "none": "none",
    "nothing": "nothing",
    "none_recorded": "none recorded",
    "not_set": "not set",
    "never_logged": "never logged",
    "loading_log": "loading the log…",
    "important": "important",
    "capture.due": "due",
    "capture.review": "review",
    # what the shell says after a change ("said.<action>")
    "said.added": "added {what}",
    "said.complete": "done {what}",
    "said.drop": "dropped {what}",
    "said.reopen": "reopened {what}",
    "said.occurred": "happened: {what}",
    # the app's actions: palette title, footer word, help (collab_tui/tui/keymap.py)
    "help.key_row": "{word} — {help}",  # a row of the keys screen: footer word, what it does
    "act.tab.today": "Today",
    "act.tab.today.key": "Today",
    "act.tab.today.help": "Show the morning overview",
    "act.tab.matrix": "Matrix",
    "act.tab.matrix.key": "Matrix",
    "act.tab.matrix.help": "Show the Eisenhower matrix",
    "act.tab.contacts": "Contacts",
    "act.tab.contacts.key": "Contacts",
    "act.tab.contacts.help": "Show contacts and briefs",
    "act.tab.log": "Log",
    "act.tab.log.key": "Log",
    "act.tab.log.help": "Show the interaction log",
    "act.capture": "Capture",
    "act.capture.key": "Capture",
    "act.capture.help": "Quick capture: owe:, wait:, risk:, meet: ... one per line",
    "act.search": "Search",
    "act.search.key": "Search",
    "act.search.help": "Filter the current tab as you type",
    "act.review": "Morning review",
    "act.review.key": "Review",
    "act.review.help": "Walk overdue, due today, waiting, risks, going cold",
    "act.undo": "Undo",
    "act.undo.key": "Undo",
    "act.undo.help": "Undo the last change",
    "act.report": "Status report",
    "act.report.key": "Status report",
    "act.report.help": "Preview and save a Markdown status report",
    "act.settings": "Settings",
    "act.settings.key": "Settings",
    "act.settings.help": "Urgency horizon, going-cold days and the theme",
    # the footer's word for ctrl+p (Textual's command palette), at the right of the footer
    "app.palette.key": "palette",
    "app.palette.tooltip": "Open the command palette",
    "app.palette.prompt": "Search for commands… (or brief: NAME)",
    "act.help": "Keys",
    "act.help.key": "Keys",
    "act.help.help": "Every key binding",
    "act.quit": "Quit",
    "act.quit.key": "Quit",
    "act.quit.help": "Leave collab",
    "act.item.complete": "Item: done",
    "act.item.complete.key": "Done",
    "act.item.complete.help": "Complete the selected item",
    "act.item.drop": "Item: drop",
    "act.item.drop.key": "Drop",
    "act.item.drop.help": "Drop the selected item without doing it",
    "act.item.occurred": "Item: risk happened",
    "act.item.occurred.key": "Risk happened",
    "act.item.occurred.help": "The selected risk happened: it stays active until handled",
    "act.item.snooze": "Item: snooze",
    "act.item.snooze.key": "Snooze",
    "act.item.snooze.help": "Move the selected item's date",
    "act.item.edit": "Item: edit",
    "act.item.edit.key": "Edit",
    "act.item.edit.help": "Edit every field of the selected item",
    "act.item.important": "Item: toggle important",
    "act.item.important.key": "Important",
    "act.item.important.help": "Moves the item between quadrants",
    "act.item.urgent": "Item: toggle urgent",
    "act.item.urgent.key": "Urgent",
    "act.item.urgent.help": "Moves the item between quadrants",
    "act.item.open_contact": "Item: open contact",
    "act.item.open_contact.key": "Contact",
    "act.item.open_contact.help": "Show the brief of the item's counterpart",
    "act.contact.new": "Contact: new",
    "act.contact.new.key": "New",
    "act.contact.new.help": "Add a contact (on Contacts)",
    "act.contact.edit": "Contact: edit",
    "act.contact.edit.key": "Edit",
    "act.contact.edit.help": "Edit the selected contact (on Contacts)",
    "act.contact.log": "Log an interaction",
    "act.contact.log.key": "Log",
    "act.contact.log.help": "Log a meeting, call, chat or email",
    "act.contact.delete": "Contact: delete",
    "act.contact.delete.key": "Delete",
    "act.contact.delete.help": "Delete the selected contact; its links are shown first",
    "act.log.new": "Log an interaction",
    "act.log.new.key": "Log",
    "act.log.new.help": "Log a meeting, call, chat or email",
    # what a contact to be deleted is linked to (the dialog and `collab contact delete`)
    "links.open_item.one": "{n} open item",
    "links.open_item.many": "{n} open items",
    "links.risk.one": "{n} risk",
    "links.risk.many": "{n} risks",
    "links.closed_item.one": "{n} closed item",
    "links.closed_item.many": "{n} closed items",
    "links.log_entry.one": "{n} log entry",
    "links.log_entry.many": "{n} log entries",
    "links.more": "; and {n} more",
    "links.boss_of": "boss of {names}",
    "said.snooze": "snoozed {what}",
    "said.new_contact": "new contact: {name} (#{id})",
    "said.stance": "{name} is now: {stance} (kept in their stance history)",
    "said.updated_contact": "updated contact: {name} (#{id})",
    "describe.due": "due {date}",
    "describe.review": "review {date}",
    "describe.logged": "logged {kind} #{id}",
    "describe.item": "{kind} #{id}: {title}",  # owe #12: send the revised spec
    "describe.summary": "{text}: {summary}",  # a logged meeting, then what it was about
    # --- the app (collab_tui/tui/app.py): tab titles and notifications ---------------------
    "app.tab": "{n} {name}",  # a tab's title: "1 Today" (name: act.tab.<id>)
    "app.warning": "Warning: {warning}",
    "app.theme_not_saved": (
        "Theme {theme} applied but not remembered: could not write {path} ({reason})."
    ),
    "app.language_not_saved": (
        "{language} applied but not remembered: could not write {path} ({reason})."
    ),
    "app.settings_saved": (
        "Settings saved: urgent within {horizon} days, cold after {cold} days, theme {theme}."
    ),
    "app.log_unreadable": "Could not read the log: {error}",
    "app.report_written": "Wrote the status report to {path}",
    "app.no_contact_linked": "No contact linked to this row.",
    "app.nothing_captured": "Nothing captured.",
    "app.select_item": "Select an item first (Today or Matrix).",
    "app.select_contact": "Select a contact first.",
    "app.done": "Done: {title}  (z undoes)",
    "app.dropped": "Dropped: {title}  (z undoes)",
    "app.happened": "Happened: {title}; it stays active until handled  (z undoes)",
    "app.snoozed": "Snoozed to {date}: {title}",
    "app.snooze_prompt": "Snooze: {title}",  # the date prompt's title
    "app.saved_item": "Saved: {title}",
    "app.saved_item_note": "Saved: {title}. {note}",  # note: a kind change (actions)
    "app.important": "Important: {title}",
    "app.not_important": "Not important: {title}",
    "app.urgent": "Urgent: {title}",
    "app.not_urgent": "Not urgent: {title}",
    "app.saved_contact": "Saved contact: {name}",
    "app.deleted_contact.heir": "Deleted contact {name}: its links now go to {heir} (z to undo)",
    "app.deleted_contact.unlinked": (
        "Deleted contact {name}: nothing was linked to them (z to undo)"
    ),
    "app.deleted_contact.kept": (
        "Deleted contact {name}: kept as a former contact, so their items and log keep the "
        "name (z to undo)"
    ),
    "app.delete_unlinked_question": "Delete the contact {name}? Nothing is linked to them.",
    "app.checked_in": "Checked in",  # the summary of a touch logged without a note
    "app.nothing_to_undo": "Nothing to undo.",
    "app.undo_conflict": (
        "Cannot undo {change}: {kind} #{id} was changed since, and undo would overwrite that "
        "change."
    ),
    "app.undone": "Undone: {change}",
    # what a change is called in "Undone: ..." and "Cannot undo ..."
    "change.capture": "capture",
    "change.done": "done",
    "change.drop": "drop",
    "change.happened": "happened",
    "change.snooze": "snooze",
    "change.edit": "edit",
    "change.important": "important",
    "change.urgent": "urgent",
    "change.new_contact": "new contact",
    "change.edit_contact": "edit contact",
    "change.delete_contact": "delete contact",
    "change.log": "log",
    # the record kinds named in messages ("item #3", "contact #2")
    "record.item": "item",
    "record.contact": "contact",
    "record.interaction": "interaction",
    "log.people": "{names}:",  # before a summary in a row of the log: "Lan, Ming: agreed..."
    "list.sep": ", ",  # between the words of a list in running text
    # a name and what tells it apart: "小蓝 (Dept B, eager)", "赵总 (Director)"
    "name.with_details": "{name} ({details})",
    "name.details_sep": ", ",  # between those details (they are of different kinds)
    # --- the app's forms (collab_tui/tui/modals/): shared -------------------------------
    "form.save": "Save",
    "form.cancel": "Cancel",
    "form.ok": "OK",
    "form.hint": "Ctrl+S save · Esc cancel",
    "form.tags": "Tags",
    "form.tags.hint": "comma or space separated",
    "form.error": "✗ {error}",
    "form.deleted_meanwhile": (
        "✗ It was deleted meanwhile by another process. Esc closes this form."
    ),
    "form.nothing_visible": "nothing you can see",
    "form.changed_meanwhile": (
        "✗ Changed meanwhile by another process: {fields}. Your text is kept: Save again to "
        "apply it over those changes, or Esc to keep theirs."
    ),
    "form.notes": "Notes",
    "form.none": "(none)",  # a choice left empty
    "form.one_per_line": "one per line",
    # the item form
    "form.item.new_title": "New item",
    "form.item.edit_title": "Edit item #{id}",
    "form.item.title": "Title",
    "form.item.kind": "Kind",
    "form.item.important": "Important",
    "form.item.urgent": "Urgent",
    "form.item.urgent.auto": "auto (from the due date)",
    "form.item.urgent.yes": "urgent",
    "form.item.urgent.no": "not urgent",
    "form.item.due": "Due",
    "form.item.contacts": "Contacts",
    "form.item.status": "Status",
    "form.item.likelihood": "Likelihood",
    "form.item.impact": "Impact",
    "form.item.mitigation": "Mitigation",
    "form.item.review": "Review",
    # the contact form
    "form.contact.new_title": "New contact",
    "form.contact.edit_title": "Edit contact",
    "form.contact.name": "Name",
    "form.contact.aliases": "Aliases",
    "form.contact.aliases.hint": "comma separated, e.g. Lan, 蓝",
    "form.contact.department": "Department",
    "form.contact.organisation": "Organisation",
    "form.contact.title": "Job title",
    "form.contact.boss": "Boss",
    "form.contact.stance": "Stance",
    "form.contact.side": "Side",
    "form.contact.level": "Level",
    "form.contact.flow": "Flow",
    "form.contact.kpis": "KPIs",
    "form.contact.concerns": "Concerns",
    "form.contact.gains": "Gains",
    "form.contact.gains.hint": "what working with me gives them",
    "form.contact.email": "Email",
    "form.contact.phone": "Phone",
    # the interaction form
    "form.interaction.title": "Log an interaction",
    "form.interaction.summary": "Summary",
    "form.interaction.summary.hint": "what it was about",
    "form.interaction.date": "Date",
    "form.interaction.kind": "Kind",
    "form.interaction.with": "With",
    "form.interaction.decisions": "Decisions",
    # --- quick capture (collab_tui/tui/modals/capture.py); keep the grammar's keywords
    # (owe: wait: risk: meet: decided: due: review: @ # !) as they are
    "capture.examples": (
        "owe: send the spec @Lan due:fri  ·  meet: @Lan @Ming agreed ...; owe: retest due:fri\n"
        "kinds task: owe: wait: risk: meet: decided:  ·  @name  #tag  due:  review:  ! important"
    ),
    "capture.placeholder": "owe: send the spec @Lan due:fri",
    "capture.keys": "Enter capture · Esc cancel",
    "capture.keys.multi": "one capture per line · Enter new line · Ctrl+S capture all · Esc cancel",
    "capture.nothing_yet": "Nothing to capture yet.",
    "capture.line_error": "line {n}: {error}",
    "capture.disabled": "{keys} is disabled until this is fixed.",
    "capture.with": "with",  # a meeting's people
    "capture.stance": "stance now: {name}: {stance}",  # a stance: clause, previewed
    "capture.project": "▸ project {name}",  # the project a captured record joins
    "capture.decision": "decided: {text}",
    "capture.new_contact": "{name} (new contact)",  # a name that matches no contact yet
    # the settings form
    "form.settings.horizon": "Urgent within",
    "form.settings.cold": "Cold after",
    "form.settings.days": "days ({low} to {high})",
    "form.settings.theme": "Theme",
    "form.settings.language": "Language",
    "form.settings.hint": (
        "Urgent within: an item due that soon counts as urgent (the Matrix).\n"
        "Leaders, Working level: keep in touch that often, open items or not.\n"
        "Cold after: anyone else, only while they have open items.\n"
        "A contact's own cadence comes first. My boss: where escalations can go.\n"
        "The data file keeps these; this computer keeps the theme and the language."
    ),
    "form.settings.not_a_number": "✗ A whole number of days, {low} to {high}.",
    "form.close": "Close",
    # the status report (collab_tui/tui/modals/report.py)
    "form.report.scroll": "Scroll the preview",
    "form.report.hint": "PgUp/PgDn scroll · Ctrl+S save · Esc close",
    "form.report.since": "Since",
    "form.report.tag": "Tag",
    "form.report.tag.hint": "all items, or one tag: orders",
    "form.report.preview": "Preview",
    "form.report.path": "Save to",
    "form.report.cannot_build": "cannot build the report: {error}",
    "form.report.no_path": "type the name of the file to save the report in",
    "form.report.is_folder": "{path} is a folder: add a file name",
    "form.report.cannot_save": "cannot save to {path}: {reason}",
    "form.report.replace": "{path} exists. Replace it?",
    "form.yes": "Yes",
    "form.no": "No",
    "form.date.hint": "Enter OK · Esc cancel",
    # deleting a contact that has links (collab_tui/tui/modals/delete_contact.py)
    "form.delete.question": "Delete the contact {name}? Linked to them:",
    "form.delete.title": "Delete {name}",
    "form.delete.heir": "Reassign to…",
    "form.delete.reassign": "Reassign",
    "form.delete.former": "Keep as former contact",
    "form.delete.pick_heir": "Pick the contact to reassign the links to.",
    # date fields and contact pickers in the forms (collab_tui/tui/modals/_fields.py)
    "form.date.placeholder": "fri, tomorrow, +3d, eow, Dec 1, 2026-12-01",
    "form.date.required": "a date is required",
    "form.date.none": "no date",
    "form.contacts.none_yet": "no contacts yet",
    "form.contacts.filter": "filter contacts",
    # the key list (collab_tui/tui/modals/help.py): group titles, keys that are not ours
    "help.esc": "Esc to close",
    "help.everywhere": "Everywhere",
    "help.items": "Items (Today, Matrix)",
    "help.search": "Search box",
    "help.review": "Morning review (r)",
    "help.palette": "Command palette: every action, and brief: NAME",
    "help.panes": "Next / previous pane",
    "help.move": "Move in a list; mouse clicks and scrolls too",
    "help.keep_filter": "Keep the filter, back to the list",
    # --- the morning review (collab_tui/tui/screens/review.py); sections are today.*
    "review.key.done": "Done",
    "review.key.snooze": "Snooze",
    "review.key.escalate": "Escalate",
    "review.key.logged": "Log a touch",
    "review.key.next": "Next",
    "review.key.previous": "Previous",
    "review.finished": "Morning review · done",
    "review.went_through": (
        "You went through {n} records. Press q to go back, or p to look at the last one again."
    ),
    "review.empty": (
        "Nothing overdue, due today, waited on, to review or going cold. A good morning. "
        "Press q to go back."
    ),
    "review.progress.title": "Morning review",
    "review.progress.of": "{n} of {total}",
    "review.item_closed": "This item is closed now. n for the next one.",
    "review.nobody_linked": "Nobody is linked to this item.",
    "review.counterpart": "Counterpart",
    "review.boss": "boss",
    "review.kpis": "KPIs",
    "review.recent_interactions": "Recent interactions",
    "review.contact_gone": "This contact is gone. n for the next one.",
    "review.last_contact": "last contact {date}",
    "review.no_contact_yet": "no contact logged yet",
    "review.open_items": "Open items with them",
    "review.not_cold": "Not cold any more.",
    "review.contact_keys": "l logs a touch (a chat, call, mail or meeting) with them today.",
    "review.nobody_to_log": "Nobody is linked here to log contact with.",
    "review.items_only": "That key works on items; this is a contact.",
    # --- an item in full (collab_tui/tui/widgets/item_card.py): the detail screen, review
    "card.kind": "kind",
    "card.kind.important": "{kind}, important",
    "card.status": "status",
    "card.occurred": "occurred (the risk happened)",
    "card.due": "due",
    "card.review": "review",
    "card.created": "created",
    "card.closed": "closed",
    "card.tags": "tags",
    "card.likelihood": "likelihood",
    "card.impact": "impact",
    "card.not_rated": "not rated",
    "card.mitigation": "mitigation",
    "card.from": "from",
    "card.from.meeting": "{kind} on {date}: ",  # the meeting an item came from
    "card.slipped": "slipped",
    "card.slipped.once": "once",
    "card.slipped.times": "{n} times",
    "card.people": "people",
    "card.deleted_contact": "#{id} (deleted)",
    "card.recent_log": "Recent log with them",
    "card.none_open": "none open",
    "heading.count": "{title} ({count})",  # a heading with how many are under it
    # --- one item in full (collab_tui/tui/screens/item_detail.py); key words are act.*
    "detail.back": "Back",
    "detail.item": "Item",
    "detail.heading": "Item #{id}",
    "detail.gone": "Item #{id} is gone (deleted). Esc goes back.",
    "detail.gone.short": "Item #{id} is gone.",
    "detail.closed": "This item is {status}: z undoes that.",
    "detail.no_contact": "No contact linked to this item.",
    # the first-run screen (Textual markup: keep the [b]...[/] tags balanced)
    "app.welcome": (
        "[b]Welcome to collab[/b], your cockpit for work that depends on other people.\n"
        "\n"
        "This file is empty. Capture your first item: press [b reverse] c [/] and type, "
        "for example\n"
        "\n"
        "    [b]owe: send the spec @Lan due:fri[/b]\n"
        "\n"
        "[dim]owe:[/] something you owe someone, [dim]wait:[/] something you are waiting on,\n"
        "[dim]risk:[/] something that could go wrong, [dim]meet:[/] a meeting and what it "
        "decided.\n"
        "[dim]@name[/] links a contact (new names become contacts), [dim]#tag[/], "
        "[dim]due:fri[/], [dim]![/] important.\n"
        "\n"
        "Press [b reverse] ? [/] for every key, [b reverse] ctrl+p [/] for every command.\n"
        "Try the demo data first with [b]collab demo[/b] in a shell."
    ),
    # --- the tabs (collab_tui/tui/views/): search boxes, empty states
    "search.close": "Close search",
    "search.clear": "Clear search",
    "search.items": "Filter items by title, #tag or counterpart",
    "search.contacts": "Filter contacts by name, alias, department, KPI or concern",
    "search.log": "Filter the log by summary, decision, #tag or name",
    "matrix.next": "Next quadrant",
    "matrix.previous": "Previous quadrant",
    "contacts.no_match": "No contact matches “{query}”.",
    "contacts.none_selected": "No contact selected. Press n to add one.",
    "log.any_contact": "Any contact",
    "log.any_tag": "Any tag",
    "log.empty": "Nothing logged here. Press l to log a meeting, call or chat.",
    "log.open_items": "Open items from it",
    # the last row of the Log while older months are not read: Enter (or moving onto
    # it, when nothing filters the log) reads them; {month} is YYYY-MM
    "log.older": "▾ Older entries, before {month}: press Enter",
    "log.older_search": "▾ Search the months before {month} too: press Enter",
    "log.older_reading": "reading older months…",
    # the command palette's brief entries (collab_tui/tui/commands.py); keep "brief:"
    # as is in the title: people type it to find a brief
    "palette.brief": "brief: {name}",
    "palette.brief.help": "Show the pre-meeting brief",
    # moving in a list (collab_tui/tui/widgets/record_list.py)
    "list.up": "Up",
    "list.down": "Down",
    "list.page_up": "Page up",
    "list.page_down": "Page down",
    "list.first": "First",
    "list.last": "Last",
    "list.open": "Open",
    "list.and": "{rest} and {last}",  # the last two of a list: "a, b and c"
    # what a risk that becomes another kind keeps (actions.kind_change_note)
    "note.kind_change": "Changed to {kind}; its {fields} are kept (shown again if it is a risk).",
    "note.kept.likelihood": "likelihood",
    "note.kept.impact": "impact",
    "note.kept.mitigation": "mitigation",
    "note.kept.review": "review date",
    # --- errors: actions refused (collab_tui/actions.py, ActionError); the shell and the
    # app show them as they are. {id} is a record number, {fields} names of data fields.
    "error.action.already_captured": (
        "This line was already saved at {when} ({saved}); nothing was added again."
    ),
    "error.action.no_records": "no records",
    "error.action.not_a_risk": "#{id} is a {kind}, not a risk",
    "error.action.already": "#{id} is already {status}",
    "error.action.no_item": "no item #{id}",
    "error.action.item_field": "an item has no field {fields}",
    "error.action.no_title": "an item needs a title",
    "error.action.only_risk_occurs": "only a risk can have occurred",
    "error.action.risk_important": (
        "a risk is always important; snooze or edit its review date instead"
    ),
    "error.action.no_contact": "no contact #{id}",
    "error.action.no_name": "a contact needs a name",
    "error.action.unknown_contact_field": "unknown contact field: {fields}",
    "error.action.contact_field": "a contact has no field {fields}",
    "error.action.own_boss": "{name} cannot be their own boss",
    "error.action.no_boss": "no contact #{id} to be the boss",
    "error.action.boss_circle": "that boss would make {name} their own boss",
    "error.action.name_taken": "{name} is already a name or alias of {other} (#{id})",
    "error.action.reassign_self": "cannot reassign {name}'s links to themselves",
    "error.action.no_heir": "no contact #{id} to reassign the links to",
    "error.action.no_such_contact": "no contact called {name}",
    # {error} is the line above; {names} the closest contact names, comma-separated
    "error.action.did_you_mean": "{error}; did you mean {names}?",
    "error.action.one_of": "{field} must be one of {choices}, not {value}",
    "error.action.log_empty": "a log entry needs a summary or a decision",
    "error.action.log_no_date": "a log entry needs a date",
    "error.action.unknown_setting": "Unknown setting: {names}. Nothing was changed.",
    "error.action.settings_not_saved": "Settings not saved: {problems}.",
    # --- errors: dates (collab_tui/dates.py, DateError) ----------------------------------
    "error.date": '{reason} "{phrase}": {hint}',
    "error.date.unknown": "unknown date",
    "error.date.no_such": "no such date",
    "error.date.hint": "try today, tomorrow, fri, +3d, eow, 2026-12-01, 12/1, Dec 1, in 2 weeks",
    "error.date.collab_today": "COLLAB_TODAY must be YYYY-MM-DD, not {value}",
    # --- errors: the capture line (collab_tui/capture.py, CaptureError); the keywords
    # (owe: meet: due: review: @ # ...) are the grammar's and stay as they are
    "error.capture.ambiguous": '"@{name}" matches several contacts: {listed}; type more of it',
    "error.capture.empty": "nothing to capture: write a title, e.g. owe: send the spec @Lan",
    "error.capture.meet_first": "meet: must start the line, before the items it produced",
    "error.capture.decision_alone": "{word}: belongs in a line that starts with meet:",
    "error.capture.unterminated": "unterminated quote: {shown}",
    "error.capture.important": "{token} marks an item important; a {word}: cannot be",
    "error.capture.needs_project": "{token} needs a project's name or tag (project:orders)",
    "error.capture.twice": "{key}: given twice ({token})",
    "error.capture.review_risks_only": (
        "{token}: review: is for risks only (use due: on a {word}: item)"
    ),
    "error.capture.no_date_here": (
        "{token}: a {word}: clause takes no date (put it on an item: owe: ... {key}:fri)"
    ),
    "error.capture.example.name": 'a name, e.g. @Lan or @"Two Words"',
    "error.capture.example.tag": "a tag, e.g. #orders",
    "error.capture.quote_label": 'cannot read {token}: write {sigil}"Two Words"',
    "error.capture.bare_sigil": "a bare {sigil} ({token}): {sigil} must be followed by {example}",
    "error.capture.quote_date": 'cannot read {token}: write {key}"next week"',
    "error.capture.not_a_date.quoted": (
        'not a date: {shown} (try {key}fri, {key}+3d, {key}"next week", {key}2026-12-01)'
    ),
    "error.capture.needs_date": "{key} needs a date, e.g. {key}fri",
    "error.capture.not_a_date": (
        "not a date: {shown} (try {key}fri, {key}+3d, {key}next week, {key}2026-12-01)"
    ),
    "error.capture.no_title": "{kind}: needs a title (got: {got})",
    "error.capture.meet_empty": "meet: needs a summary or an @name",
    "error.capture.decision_empty": "{word}: needs the decision's text",
    "error.capture.stance": (
        "stance: takes one @name and where they stand now: eager, no-capacity, refuses or "
        "unknown (got: {got})"
    ),
    # --- errors: the data file (collab_tui/store/errors.py); each names the file --------
    "error.store.damaged": "The data file {path} is damaged. It was left untouched.",
    "error.store.damaged.why": (
        "The data file {path} is damaged ({reason}). It was left untouched."
    ),
    "error.store.no_backup": "No good backup was found (none verifies).",
    "error.store.backup_hint": (
        "The newest good backup (every file verified) is {backup}. Restore it with: "
        "{command} (the current files are moved aside, not deleted)."
    ),
    "error.store.path": "Cannot use {path}: {reason}. Nothing was changed.",
    "error.store.read_only": (
        "Cannot save {path}: the location is read-only ({reason}). Nothing was changed; the "
        "data can still be read."
    ),
    "error.store.read_only.old": (
        "Cannot save {path}: the location is read-only ({reason}). Nothing was changed; the "
        "file is from an older collab-tui and must be converted before it can be read: make "
        "the location writable, or open a copy of it elsewhere."
    ),
    "error.store.too_new": (
        "The data file {path} has schema version {version}, which is newer than this "
        "collab-tui understands. Upgrade collab-tui to open it."
    ),
    "error.store.not_saved": (
        "Could not save {path}: {reason}. Nothing was changed; the previous data is intact."
    ),
    "error.store.saved_in_journal": (
        "Could not finish saving {path}: {reason}. The change is saved (in {journal}) and "
        "will be completed the next time the data is opened; do not make it again."
    ),
    "error.store.saved_unconfirmed": (
        "The change was saved to {path}, but the disk reported an error while confirming it "
        "({reason}); do not make it again. It could still be lost if the computer loses power "
        "before the disk recovers."
    ),
    "error.store.unfinished": (
        "Could not complete an earlier save to {path}, kept in {journal}: {reason}. That save "
        "is not lost: it will be completed once this is fixed. Nothing else was changed; try "
        "again then."
    ),
    "error.store.journal_damaged": (
        "The journal {path} of an unfinished save is damaged ({reason}). The save it records "
        "may be only partly in the data files, so collab will not guess; nothing was changed. "
        "Restore the newest good backup ({backup}), or move the journal aside to use the data "
        "files as they are."
    ),
    "error.store.journal_damaged.no_backup": (
        "The journal {path} of an unfinished save is damaged ({reason}). The save it records "
        "may be only partly in the data files, so collab will not guess; nothing was changed. "
        "Restore a backup, or move the journal aside to use the data files as they are."
    ),
    "error.store.locked": (
        "The data file {path} is busy: another collab process has held its lock for more "
        "than {waited} s. Try again in a moment."
    ),
    "error.store.conflict": (
        "{kind} {id} was changed or deleted by another process since it was read. Reload it "
        "and try again."
    ),
    "error.store.conflict.in": (
        "{kind} {id} was changed or deleted by another process in {path} since it was read. "
        "Reload it and try again."
    ),
    "error.store.invalid": "{what} was not saved: {problems}. Nothing was changed.",
    # --- errors: restoring a backup (collab_tui/store/restore.py) -----------------------
    "error.sync.no_vdirsyncer": (
        "vdirsyncer is not installed: run `uv tool install vdirsyncer` (or install "
        "collab-tui[sync]), then collab sync again"
    ),
    "error.sync.not_set_up": (
        "sync is not set up: run `collab sync --setup URL` first (docs/INTEROP.md, "
        '"Sync your devices")'
    ),
    "error.sync.failed": "vdirsyncer {command} failed; nothing more was done:\n{output}",
    "error.restore.no_backups": "There are no backups of {path}. Nothing was changed.",
    "error.restore.none_verifies": (
        "No backup of {path} verifies (see `collab restore --list`). Nothing was changed."
    ),
    "error.restore.empty": "it holds no files",
    "error.restore.bad": "The backup {snapshot} does not verify ({problems}). Nothing was changed.",
    "error.restore.no_such": (
        "There is no backup named {name} in {folder} (see `collab restore --list`). Nothing "
        "was changed."
    ),
    "error.restore.midway": (
        "Restoring {path} failed midway ({reason}). The previous files are in {aside}; "
        "nothing was deleted. Run the restore again once the cause is fixed."
    ),
    "error.restore.changed": (
        "The backup {snapshot} changed while restoring ({name}: {error}). Nothing was changed."
    ),
    # --- `collab doctor` (collab_tui/store/doctor.py): what is wrong, then the repair.
    # {table} is a data table name (contacts, items, interactions), {record} a record kind
    # as stored (contact, item, interaction), {field} a data field's name.
    "doctor.temp": (
        "{path} was left by an interrupted save; it was removed (it held nothing the data "
        "files need)."
    ),
    "doctor.unreadable": (
        "{path} cannot be read ({error}); it is left untouched. Restore it from a backup in "
        "{folder}."
    ),
    "doctor.setting": (
        "{file}: the setting {field} is invalid: {problem}. The default is used meanwhile."
    ),
    "doctor.setting.repair": "reset {field} to its default ({default}); it is now {now}",
    "doctor.setting.no_default": "none: it is removed",
    "doctor.damaged": (
        "{file} {table} #{id} is damaged ({detail}); it is set aside: kept in the file, "
        "hidden from the app."
    ),
    "doctor.damaged.repair": "move {table} #{id} from {file} into {to}",
    "doctor.damaged.salvage": (
        "keep {table} #{id} with {fields} reset to the default; its original goes into {to}"
    ),
    "doctor.done.salvaged": "kept {table} #{id} with {fields} reset to the default",
    "doctor.duplicate": (
        "{table} #{id} is stored twice, in {kept} and in {dropped} (a save that was "
        "interrupted); the newer copy, in {kept}, is the one used."
    ),
    "doctor.duplicate.repair": "remove the older copy of {table} #{id} from {file}",
    "doctor.link": (
        "{record} #{id} {field} points to {table} #{target}, which does not exist (or is set "
        "aside as damaged)."
    ),
    "doctor.link.repair": "remove the link to {table} #{target} from {record} #{id}",
    # A link the record cannot do without (an escalation's item, a milestone's project).
    "doctor.link.left": (
        "It is left as is: {record} #{id} means nothing without it "
        "(`collab restore --list` shows the backups, which may still hold {table} #{target})."
    ),
    "doctor.counter": (
        "the id counter of {table} is {last}, behind the highest id in use ({highest}): the "
        "next new record would overwrite one."
    ),
    "doctor.counter.repair": "set the id counter of {table} to {highest}",
    "doctor.done.moved": "the damaged original(s) of {n} record(s) are kept in {path}",
    "doctor.done.duplicate": "removed the older copy of {table} #{id} from {file}",
    "doctor.done.settings": "reset the settings (they were {was})",
    "doctor.done.link": "removed the link to {table} #{target} from {record} #{id}",
    "doctor.done.counter": "set the id counter of {table} to {highest}",
    "doctor.quarantine_unreadable": (
        "{path} cannot be read ({error}), so nothing was moved into it. Move it away and run "
        "`collab doctor --repair` again."
    ),
    # --- why the data path cannot be used (collab_tui/store/places.py): the {reason} of
    # error.store.path / error.store.read_only
    "error.path.dangling_link": (
        "it is a symbolic link to {target}, which does not exist (create that file, e.g. "
        "`touch {target}`, to start a new data file there)"
    ),
    "error.path.parent_not_folder": "{parent} is not a folder",
    "error.path.part_not_folder": "a part of the path is not a folder",
    "error.path.is_folder": (
        "it is {kind}, not a data file (give a file name inside it, e.g. collab.json)"
    ),
    "error.path.not_a_file": "it is {kind}, not a data file",
    "error.path.kind.folder": "a folder",
    "error.path.kind.device": "a device",
    "error.path.kind.fifo": "a FIFO (named pipe)",
    "error.path.kind.socket": "a socket",
    "error.path.kind.other": "not a regular file",
    "error.path.companion_file": "collab keeps a regular file there, but it is {kind}",
    "error.path.companion_dir": "collab keeps a folder there, but it is {kind}",
    "error.path.link": (
        "it is a symbolic link (to {target}), and collab never follows links beside its data "
        "file; remove the link"
    ),
    "error.path.folder_read_only": "the folder {folder} is not writable",
    "error.path.file_read_only": "the file {path} is not writable",
    "error.path.lock_read_only": "its lock file {path} cannot be opened for writing",
    # --- warnings when the data opens (store/places.py, store/quarantine.py)
    "warning.folder_open": (
        "the data folder {folder} is writable by other users (mode {mode}): they could "
        "replace or plant files beside your data. Make it private with: chmod 700 {folder}"
    ),
    "warning.damaged.one": "1 damaged record is set aside: {first}.",
    "warning.damaged.many": "{n} damaged records are set aside: {first} (and {more} more).",
    "warning.settings": (
        "The settings in {file} are invalid ({field}: {problem}); the defaults are used."
    ),
    "warning.run_doctor": "{warnings} Run `collab doctor`.",
    # --- the shell's help (collab_tui/cli/parser.py); the example command lines stay in
    # the code, literal. "examples:" heads them.
    "cli.help.description": (
        "A terminal cockpit for working through people you do not manage.\n"
        "Run without a command to open the app."
    ),
    "cli.help.examples": "examples:",
    "cli.help.environment": (
        "COLLAB_DB picks the data file like --db; COLLAB_TODAY=YYYY-MM-DD freezes today."
    ),
    "cli.help.db": "the data file (default: $COLLAB_DB or the user data directory)",
    "cli.help.db_short": "the data file",
    "cli.help.lang": "the interface language: zh or en (default: see below)",
    "cli.help.lang_environment": (
        "COLLAB_LANG=zh|en picks the language like --lang; else the language chosen in the "
        "app (,), else the locale: LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8 and every zh* "
        "is Chinese)."
    ),
    "cli.lang.unknown": "unknown language {value}: use --lang {choices}",
    "cli.help.commands": "commands",
    "cli.help.json": "print JSON",
    "cli.help.output": "write here instead of stdout",
    "cli.help.id": "the item's number",
    "cli.help.add": "capture items, risks or a meeting in one line",
    "cli.help.add.grammar": (
        "kinds: task (default), owe, wait, risk, meet; @name, #tag, due:WHEN, review:WHEN,\n"
        "! for important, every:RULE (week, 2w, month, mon), after:#ID (waits on an item),\n"
        "meet: ... on:WHEN [TIME] plans a meeting. Unknown names become new contacts."
    ),
    "cli.help.add.text": "the capture line",
    "cli.help.add.again": (
        "add the line even if the same line was saved in the last 10 minutes (without it, a "
        "repeat is taken for a retry and not added twice)"
    ),
    "cli.help.done": "mark an item done",
    "cli.help.drop": "drop an item without doing it",
    "cli.help.reopen": "reopen a done or dropped item",
    "cli.help.happened": "a risk happened: it stays active, as a problem",
    "cli.help.snooze": "move an item's due date (a risk's review date)",
    "cli.help.snooze.when": "the new date, e.g. fri, +3d",
    "cli.help.contact": "create, update or delete a contact",
    "cli.help.contact.yes_note": (
        "With --yes and no --reassign-to, linked records keep 小张 as a former contact."
    ),
    "cli.help.contact.name": 'a name, or "delete NAME"',
    "cli.help.contact.reassign": (
        "with delete: move their items, log entries and reports to this contact"
    ),
    "cli.help.contact.yes": "with delete: do not ask (needed when not on a terminal)",
    "cli.help.contact.boss": "an existing contact",
    "cli.help.contact.kpi": "what they are measured on (repeat for more)",
    "cli.help.contact.concern": "what worries them (repeat for more)",
    "cli.help.contact.gain": "what working with you gives them",
    "cli.help.today": "the morning review: overdue, due today, owe, waiting, risks",
    "cli.help.today.date": "review another day (any date phrase)",
    "cli.help.matrix": "the Eisenhower matrix of active items",
    "cli.help.who": "the pre-meeting brief on a contact",
    "cli.help.who.name": "a name, alias or unique prefix",
    "cli.help.export": "write a backup, vCards, a calendar or a spreadsheet",
    "cli.help.export.what": "for csv: which records (default items)",
    "cli.help.export.bom": (
        "for csv: start with a byte-order mark, so that Excel and WPS show CJK text"
        " (the default; --no-bom for scripts)"
    ),
    "cli.help.import": "read a backup, vCards or a taskwarrior export",
    "cli.help.import.from": "the file's format (default: from the extension)",
    "cli.help.import.dry_run": "show what would change; save nothing",
    "cli.help.export.vdir": "for vcf or ics: one file per contact or to-do in folder DIR",
    "cli.help.sync": "sync contacts and to-dos with a CardDAV/CalDAV server (vdirsyncer)",
    "cli.help.sync.setup": "write the sync configuration for the server at URL",
    "cli.help.sync.calendar_url": "with --setup: the CalDAV URL, when not the same as URL",
    "cli.help.sync.username": "with --setup: the account's user name",
    "cli.help.sync.password_command": (
        "with --setup: a command that prints the password (default: the keyring)"
    ),
    "cli.help.sync.addressbook": "with --setup: the server's address book (default %(default)s)",
    "cli.help.sync.calendar": "with --setup: the server's task list (default %(default)s)",
    "cli.help.import.tz": (
        "for taskwarrior: the time zone it ran in (default: the zone recorded by the last"
        " import, else this machine's)"
    ),
    "cli.help.report": "a Markdown status report for your bosses",
    "cli.help.report.since": "start of the period (default: a week ago)",
    "cli.help.report.tag": "only records with this tag",
    "cli.help.restore": "put a verified backup back in place (the current files are moved aside)",
    "cli.help.restore.note": (
        "Backups are taken on the first save of each day (the newest 10 are kept)."
    ),
    "cli.help.restore.name": "the backup's name (default: the newest one that verifies)",
    "cli.help.restore.list": "list the backups, each verified",
    "cli.help.restore.dry_run": "show what would be done; change nothing",
    "cli.help.doctor": "check every file and record; repair what can be repaired",
    "cli.help.doctor.repair": "repair without asking (nothing is ever deleted)",
    "cli.help.demo": "write the worked example into a demo file and open it",
    "cli.not_an_id": "not an item number: {text}",
    "cli.help.version": "show the version and exit",
    # argparse's own words (cli/parser.py routes them here): each English is argparse's
    # text exactly; keep its %s, %r and %(name)s placeholders.
    "argparse.usage": "usage: ",
    "argparse.heading": "{heading}:",
    "argparse.positionals": "positional arguments",
    "argparse.options": "options",
    "argparse.help": "show this help message and exit",
    "argparse.argument": "argument %(argument_name)s: %(message)s",
    "argparse.error": "%(prog)s: error: %(message)s\n",
    "argparse.required": "the following arguments are required: %s",
    "argparse.one_of": "one of the arguments %s is required",
    "argparse.unrecognized": "unrecognized arguments: %s",
    "argparse.not_allowed": "not allowed with argument %s",
    "argparse.ignored": "ignored explicit argument %r",
    "argparse.expected_one": "expected one argument",
    "argparse.expected_at_most_one": "expected at most one argument",
    "argparse.expected_at_least_one": "expected at least one argument",
    "argparse.expected_n": "expected %s argument",
    "argparse.expected_n.plural": "expected %s arguments",
    "argparse.ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "argparse.unexpected": "unexpected option string: %s",
    "argparse.invalid_value": "invalid %(type)s value: %(value)r",
    "argparse.invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "argparse.cant_open": "can't open '%(filename)s': %(error)s",
    "argparse.unknown_parser": "unknown parser %(parser_name)r (choices: %(choices)s)",
    # --- what the shell prints (collab_tui/cli/commands.py) -----------------------------
    "cli.error": "collab: {message}",  # every error and warning line on stderr
    "cli.warning": "collab: warning: {message}",
    "cli.add.again": "{error} To add it a second time on purpose: collab add --again ...",
    "cli.contact.one_name": (
        "one contact name, not {n} words (quote a name with spaces), or: collab contact delete NAME"
    ),
    "cli.contact.delete_flags": "--reassign-to and --yes go with: collab contact delete NAME",
    "cli.contact.who": "{name} (#{id})",
    "cli.contact.unlinked": "Nothing is linked to {who}.",
    "cli.contact.linked": "Linked to {who}:",
    "cli.contact.outcome.heir": "its links go to {name} (#{id})",
    "cli.contact.outcome.removed": "it is removed",
    "cli.contact.outcome.former": "it is kept as a former contact, so those records keep the name",
    "cli.contact.needs_yes": "nothing was deleted; to delete {name} ({outcome}), add --yes",
    "cli.contact.question": "Delete {name}? ({outcome})",
    "cli.contact.not_deleted": "Nothing was deleted.",
    "cli.contact.deleted": "deleted contact {who}: {outcome}",
    # exports and imports: counts, progress labels ({format}: json, vcf, ics, csv)
    "cli.export.progress": "exporting {format}",
    "cli.export.records": "{n} records",
    "cli.export.contacts": "{n} contacts",
    "cli.export.active_items": "{n} active items",
    "cli.export.items": "{n} items",
    "cli.export.log": "{n} interactions",
    "cli.export.todos": "{n} to-dos (due dates and risk reviews) from {count}",
    "cli.export.and_meetings": "{what} and {n} planned meeting(s)",
    "cli.export.done": "exported {count} to {path}",
    "cli.report.written": "wrote the status report to {path}",
    # a vdir: one file per contact or to-do (collab export --vdir, collab import DIR)
    "cli.export.vdir_format": "--vdir takes --format vcf or ics",
    "cli.export.vdir_done": (
        "{written} files written, {unchanged} unchanged, {removed} removed, {held} changed "
        "there and left for the next import, in {path}"
    ),
    "cli.import.vdir_done": (
        "added {added}, updated {updated}, completed {completed}, unchanged {unchanged}, "
        "conflicts {conflicts}, kept {kept} (deleted there), skipped {skipped}"
    ),
    "cli.import.vdir_dry_run": (
        "dry run, nothing saved: would have added {added}, updated {updated}, completed "
        "{completed}, unchanged {unchanged}, conflicts {conflicts}, kept {kept} (deleted "
        "there), skipped {skipped}"
    ),
    "cli.import.conflict": "  conflict: {name}: changed on both sides; collab's later change kept",
    # collab sync
    "cli.sync.set_up": "sync is set up ({path}); run `collab sync`",
    "cli.sync.done": (
        "synced: {sent} sent, {added} added, {updated} updated, {completed} completed, "
        "{conflicts} conflicts, {kept} kept (deleted on the server), {skipped} skipped"
    ),
    "sync.what.contacts": "the changed contacts",
    "cli.import.progress": "importing {name}",
    "cli.import.unknown_format": (
        "cannot tell the format of {name}: use --from json|vcard|taskwarrior"
    ),
    "cli.import.unreadable": "cannot read {path}: {reason}",
    "cli.import.not_json": "{path} is not valid JSON: {error}",
    "cli.import.too_deep": "{path} is nested too deeply to be a collab-tui file",
    "cli.import.skipped": "  skipped {what}: {why}",
    "cli.import.done": (
        "added {added}, updated {updated}, unchanged {unchanged}, skipped {skipped}"
    ),
    "cli.import.dry_run": (
        "dry run, nothing saved: would have added {added}, updated {updated}, unchanged "
        "{unchanged}, skipped {skipped}"
    ),
    # what `collab import --dry-run` plans, one line per record ({what}: import.card.from,
    # import.task...; {fields}: the data fields that change, as named in the file's format)
    "import.add": "add {what}",
    "import.update": "update {what} ({fields})",
    "import.unchanged": "leave {what} alone (unchanged)",
    "import.update.card": "update {name} ({fields}) from {where}",  # where: import.card
    "import.unchanged.card": "leave {name} alone (unchanged) from {where}",
    "import.skip": "skip {what}: {why}",  # why: the reason, as the reader of the format gives it
    "import.card": "card {n} (line {line})",  # the n-th vCard in the file, from that line
    "import.card.from": "{name} from {where}",  # 小蓝 from card 3 (line 14)
    "import.task": "task {n}",  # the n-th task of a taskwarrior export
    "import.task.named": "task {n} ({name})",
    "import.card.named": "{where} ({name})",  # card 3 (line 14) (小蓝)
    "import.line": "line {line}",  # a line of the imported file
    # (the reasons below follow "skip {what}: ", or end the sentence of a refused file)
    "import.nothing_imported": "{error}. Nothing was imported.",  # the whole file refused
    "import.more": "{reasons} (and {n} more)",  # the first reasons, then how many others
    "import.reason": "{where}: {why}",
    "import.reason.sep": "; ",  # between reasons on one line
    # vCard files (BEGIN:VCARD, END:VCARD, FN, N and the other property names stay as they are)
    "import.vcard.none": "not a vCard file: no BEGIN:VCARD found",
    "import.vcard.unreadable": "no card in this vCard file can be read: {reasons}",
    "import.vcard.no_end": "no END:VCARD before the next card",
    "import.vcard.unterminated": "no END:VCARD (the file ends inside this card)",
    "import.vcard.outside": "text outside any BEGIN:VCARD/END:VCARD",
    "import.vcard.not_property": "line {line} is not a vCard property: {text}",
    "import.vcard.not_utf8": "line {line} is not UTF-8 text",
    "import.vcard.not_utf8_byte": "line {line} is not UTF-8 text (byte {byte})",  # 0xff
    # {name}: the card's name, or import.vcard.the_card; {prop}: NOTE, PHOTO...
    "import.vcard.too_long": (
        "{name}: {prop} (line {line}) is longer than {limit} characters, the most "
        "collab-tui imports; shorten it and import again"
    ),
    "import.vcard.the_card": "the card",
    "import.vcard.no_name": "the card has no name (FN or N)",
    # X-COLLAB-STANCE is 'keen', expected one of unknown, refuses, ... (values as written)
    "import.vcard.bad_value": "line {line}: {prop} is {value}, expected one of {allowed}",
    "import.vcard.same_email": "{n} contacts have the email {email}; cannot tell which",
    "import.vcard.same_name": "{n} contacts are named {name}; cannot tell which",
    # in the list of fields an update changes (the others are named as in the format)
    "import.vcard.other_properties": "other vCard properties",
    # {charset}: the CHARSET a vCard 2.1 line declares, quoted
    "import.vcard.charset": "line {line}: unknown character set {charset}",
    # taskwarrior exports (uuid, description, status, annotations... are its JSON keys)
    "import.taskwarrior.not_utf8": "not a taskwarrior export: not UTF-8 text ({error})",
    "import.taskwarrior.empty": "not a taskwarrior export: the file is empty",
    "import.taskwarrior.bad_line": "not a taskwarrior export: line {line} is not JSON ({error})",
    "import.taskwarrior.unusable": (
        "not a taskwarrior export: no task in it can be used ({reason})"
    ),
    "import.task.repeated": "the same uuid appears earlier in the file",
    "import.task.not_object": "expected a JSON object, got {type}",  # {type}: list, str...
    "import.task.no_uuid": "it has no uuid",
    "import.task.no_description": "it has no description",
    "import.task.recurring": "a recurrence template; its pending instances are imported",
    "import.task.status": "unknown status {status}",
    "import.task.not_date": "{value} is not a date",
    "import.task.bad_date": "{value} is not a taskwarrior date",
    "import.task.annotations": "annotations is not a list",
    "import.task.annotation": "an annotation has no description",
    "import.task.tags": "tags is not a list of words",
    "import.task.project": "project is not text",
    "import.task.depends": "depends is not a list of uuids",
    # {problem}: why the store would refuse it (too long, too deep...)
    "import.task.kept": "its other attributes cannot be kept: {problem}",
    # {zone}: what --tz was given, quoted
    "import.taskwarrior.bad_zone": (
        "{zone} is not a time zone: give a name such as Asia/Shanghai, UTC or +08:00"
    ),
    # collab-tui backups (JSON); "format", "version", "settings"... are the file's keys
    "import.json.not_object": "not a collab-tui backup: the file does not hold a JSON object",
    "import.json.format": 'not a collab-tui backup: "format" is {value}, expected "{expected}"',
    "import.json.version": 'not a collab-tui backup: "version" is {value}',
    "import.json.too_new": (
        "this backup is format version {version}; this collab-tui reads up to version "
        "{supported}: upgrade collab-tui to import it"
    ),
    "import.json.unknown_version": "unknown backup format version {version}",
    "import.json.settings_type": '"settings" must be an object',
    "import.json.settings_invalid": '"settings" is invalid: {problems}',
    "import.json.section_type": '"{section}" must be a list',  # contacts, items...
    "import.json.repeated_id": "{where}: id {id} appears twice in {section}",  # items[3]
    "import.json.row": "{where} (id {id})",  # items[3] (id 12)
    # the CSV export's tables (--what)
    "interop.csv.unknown_table": "unknown table {what}: choose one of {choices}",
    # the calendar export (.ics): what a calendar app shows of a due date or a risk review
    "interop.ics.review": "Review risk: {title}",  # the entry's title
    # the entry's notes, one "Label: value" a line
    "interop.ics.kind": "Kind: {kind}",  # kind.*.calendar
    "interop.ics.with": "With: {names}",
    "interop.ics.occurred": "Status: occurred (now a problem being handled)",
    "interop.ics.risk": "Risk: {rating}",  # report.risk.likelihood, report.risk.impact
    "interop.ics.due_date": "Due: {date}",  # 2026-12-01
    # collab restore
    "cli.restore.none": "no backups of {path} yet",
    "cli.restore.verified": "verified",
    "cli.restore.damaged": "DAMAGED: {problems}",
    "cli.restore.legacy": "(old format: parsed, no checksums)",
    "cli.restore.newest": "<- newest good",
    "cli.restore.files": "[data file + {n} history segments]",
    "cli.restore.restored": (
        "Restored {path} and {n} history segments from the backup {snapshot} (every file verified)."
    ),
    "cli.restore.would_restore": (
        "Would restore {path} and {n} history segments from the backup {snapshot} (every file "
        "verified)."
    ),
    "cli.restore.nothing_aside": "There were no current files to move aside.",
    "cli.restore.moved": "The current files ({files}) were moved to {path}; nothing deleted.",
    "cli.restore.would_move": (
        "The current files ({files}) would be moved to {path}; nothing deleted."
    ),
    "cli.restore.dry_run": "Dry run: nothing was changed.",
    # collab doctor (the findings themselves: doctor.*)
    "cli.doctor.well": "{path}: all is well (every file and record checked).",
    "cli.doctor.found": "{path}: {n} problem(s) found:",
    "cli.doctor.can": "collab doctor can:",
    "cli.doctor.ask": "Repair now (one transaction; no record is lost)?",
    "cli.doctor.declined": "Nothing was changed. Run `collab doctor --repair` to repair.",
    "cli.doctor.repaired": "repaired: {what}",
    "cli.doctor.still_wrong": "still wrong: {what}",
    "cli.confirm": "{question} [y/N] ",  # the answer stays y or yes
    "cli.no_app": (
        "the app is missing from this installation (collab_tui.tui); reinstall collab-tui, or "
        "use the shell commands: collab --help"
    ),
    "cli.demo.reopen": "opening the demo written earlier ({path}); delete it to start over",
    "cli.demo.not_empty": (
        "{path} already holds data; the demo only goes into an empty file (delete it, or pick "
        "another with --db PATH)"
    ),
    "cli.demo.written": (
        "wrote the demo ({contacts} contacts, {items} items, {interactions} meetings and "
        "chats) to {path}"
    ),
    "cli.demo.open": "open it with: {command}",
    "error.store.invalid.settings": "The settings",  # {what} of error.store.invalid
    "error.store.invalid.record": "{kind} {id}",  # Item 3
    # --- what is wrong with a record's field (collab_tui/validate.py) --------------------
    # Shown by `collab doctor`, the warning about damaged records, forms and `collab import`.
    # {field} is a data field's name as stored (title, due, tags...): it stays as it is.
    # {value} is the wrong value as stored ('soon', null, true) or one of problem.value.*;
    # {problem} one of the texts below. They follow problem.field or an entry's number, so
    # they have no subject ("is missing"), and may end up inside parentheses (doctor.damaged).
    "problem.field": "{field}: {problem}",
    "problem.record": "(record): {problem}",  # the record itself is not an object
    "problem.sep": "; ",  # between the problems of one record
    "problem.missing": "is missing",
    "problem.empty": "is empty",
    "problem.not_text": "must be text, not {value}",
    "problem.too_long": "is {n} characters long; at most {limit} are allowed",
    "problem.not_whole_number": "must be a whole number, not {value}",
    "problem.not_days": "must be a whole number of days, not {value}",
    "problem.out_of_range": "{value} is out of range ({low} to {high})",
    "problem.not_a_date": "must be a date (YYYY-MM-DD), not {value}",
    "problem.bad_date": "{value} is not a date (YYYY-MM-DD)",
    "problem.year_range": "{value} is outside the years {low} to {high}",
    "problem.not_a_timestamp": "must be a timestamp, not {value}",
    "problem.no_offset": "{value} has no UTC offset (like +00:00)",
    "problem.bad_timestamp": "{value} is not an ISO 8601 timestamp",
    "problem.not_boolean": "must be true or false, not {value}",
    "problem.not_one_of": "{value} is not one of {allowed}",  # allowed: "task / owe / wait"
    "problem.not_a_list": "must be a list, not {value}",
    "problem.too_many": "has {n} entries; at most {limit} are allowed",
    "problem.entry": "entry {n}: {problem}",  # the nth entry of a list field
    "problem.key": "{key}: {problem}",  # an entry of a field that maps keys to values
    "problem.not_an_object": "must be an object, not {value}",
    "problem.not_a_record": "must be a JSON object, not {value}",
    # a value under a key collab-tui does not know (kept as it is), too big for the file
    "problem.text_too_long": "a text of {n} characters; at most {limit} are allowed",
    "problem.too_large": "{value} is too large to store",
    "problem.too_deep": "is nested more than {depth} levels deep",
    "problem.key_not_text": "has a key that is not text ({value})",
    "problem.not_json": "{kind} is not a JSON value",  # kind: a Python type name
    # the id of a stored record disagrees with the key it is stored under (store/quarantine.py)
    "problem.id_differs": "{id} differs from its key {key}",
    "problem.key_out_of_range": "key {key} is out of range",
    # a short picture of a wrong value, as {value}
    "problem.value.list": "a list ({n} entries)",
    "problem.value.object": "an object ({n} keys)",
    "problem.value.digits": "a {n}-digit number",
    # a damaged record in a data file (warning.damaged.*): {problem} is problem.field
    "problem.damage.record": "{file} {table} #{id} {problem}",
    "problem.damage.settings": "{file} settings {problem}",
    # --- why a backup does not verify (collab_tui/store/backups.py; `collab restore --list`)
    "error.backup.manifest_unreadable": "{manifest} cannot be read: {reason}",
    "error.backup.manifest_damaged": "{manifest} is damaged",
    "error.backup.unlisted_data": "{manifest} does not list {name}",
    "error.backup.history_not_folder": "{path} is not a folder (a symbolic link?)",
    "error.backup.bad_name.quoted": "{name}: not a name a snapshot may hold",
    "error.backup.file": "{name}: {problem}",
    "error.backup.shared_inode": (
        "shares its inode with a live file: damage to one is damage to both"
    ),
    "error.backup.missing": "missing",
    "error.backup.unreadable": "cannot be read ({reason})",
    "error.backup.size": "size {size} bytes, the manifest says {expected}",
    "error.backup.checksum": "its sha256 does not match the manifest (damaged)",
    "error.backup.parse": "does not parse ({error})",
    "error.backup.bad_name": "not a name a snapshot may hold",
    "error.backup.unlisted": "not listed in {manifest}",
    # --- why the journal of an unfinished save is refused (collab_tui/store/journal.py)
    "error.journal.not_a_journal": "it is not a collab journal, or it is cut short",
    "error.journal.checksum": "its checksum does not match its contents",
    "error.journal.bad_size": "bad size {size}",
    "error.journal.header": "its header is malformed: {error}",
    "error.journal.sizes": "its sizes do not add up",
    "error.journal.foreign_file": "it names {name}, which is not a file of this data",
    # --- why a data file does not parse (collab_tui/store/storage.py, migrations.py)
    "error.parse.json": "not valid JSON: {error}",
    "error.parse.top_level": "top level is not an object",
    "error.parse.table": "table {table} is not an object",
    "error.parse.record": "table {table} has a malformed record {id}",
    "error.parse.no_version": "meta has no integer schema_version",
    "error.demo.not_empty": "the demo only goes into an empty file, and this one holds data",
    # --- projects, milestones, the stakeholder map (collab_tui/plan.py, issue #11)
    "record.project": "project",
    "record.milestone": "milestone",
    "project_status.active": "active",
    "project_status.done": "done",
    "project_status.dropped": "dropped",
    "milestone_status.done": "done",
    "milestone_status.overdue": "overdue",
    "milestone_status.slipped": "slipped",
    "milestone_status.unagreed": "not agreed",
    "milestone_status.on-track": "on track",
    "error.action.no_such_project": "no project called {name}",
    "error.action.project_ambiguous": "{name} matches several projects: {names}",
    "error.action.project_field": "a project has no field {fields}",
    "error.action.project_taken": "there is already a project called {name}",
    "error.action.project_tag_taken": "the tag #{tag} already belongs to the project {other}",
    "error.action.no_project": "there is no project #{id}",
    "error.action.no_milestone": "there is no milestone #{id}",
    "error.action.no_baseline": "a milestone needs a baseline date",
    "error.action.milestone_field": "a milestone has no field {fields}",
    "error.action.agree_with_whom": "say whom the milestone was agreed with (--with NAME)",
    "error.action.bad_step": "a step along the flow is a number from 0 to 1000, not {value}",
    "error.action.no_cause": "moving a forecast needs its cause (--cause TEXT)",
    "milestone.agreed_summary": "agreed milestone {name} for {date}",
    "milestone.slip": "slipped {n} days",
    "milestone.slip.one": "slipped 1 day",
    "milestone.slip_cause": "slipped {n} days: {cause}",
    "milestone.owner.me": "me",
    "milestone.agreed_with": "agreed with {names} on {date}",
    "milestone.not_agreed": "not agreed",
    "milestone.describe": "milestone #{id} {name} ({project})",
    "milestone.said.add": "added {what}, baseline {date}",
    "milestone.said.agree": "agreed {what} with {names}; logged as meeting #{log}",
    "milestone.said.move": "moved {what} to {date}: {slip}",
    "milestone.said.done": "done: {what}",
    "project.said.add": "added project {name} (#{tag})",
    "project.said.edit": "saved project {name} (#{tag})",
    "project.said.role": "{name} in {project}: {role}",
    "project.launch_at_risk": "launch at risk",
    "project.launch": "launch {date}",
    "project.no_launch": "no launch date",
    "project.goal": "goal",
    "project.tag": "tag",
    "project.status": "status",
    "project.heading": "Project: {name}",
    "project.list": "Projects",
    "project.none": "no projects yet: collab project add NAME --launch DATE",
    "project.milestones": "Milestones",
    "project.no_milestones": "no milestones yet: collab milestone add PROJECT NAME --baseline DATE",
    "project.roles": "People and roles",
    "project.risks": "Open risks",
    "project.items": "Open items",
    "project.next": "next: {name} {date}",
    "project.no_next": "no open milestone",
    "project.counts": "{slipped} slipped, {unagreed} not agreed, {risks} risks",
    "column.project": "project",
    "column.milestone": "milestone",
    "column.owner": "owner",
    "column.baseline": "baseline",
    "column.forecast": "forecast",
    "column.status": "status",
    "column.deviation": "deviation",
    "column.agreed": "agreed with",
    "column.launch": "launch",
    "column.next": "next milestone",
    "column.role": "our role",
    "column.stance": "stance",
    "column.department": "department",
    "column.owes": "open items",
    "column.boss": "boss",
    "column.ask": "our ask",
    "column.gain": "what they gain",
    "column.part": "role",
    "today.unagreed": "Milestones not agreed",
    "today.milestones": "Milestones: overdue, slipped, not agreed",
    "today.slipped": "Milestones slipped",
    "today.milestones_overdue": "Milestones overdue",
    "today.launch_at_risk": "Launch at risk",
    "map.heading": "Stakeholder map: {name}",
    "map.chain": "flow: {chain}",
    "map.me": "me",
    "map.band.upstream": "Upstream of me",
    "map.band.downstream": "Downstream of me",
    "map.band.none": "Not placed on the flow",
    "map.owes": "I owe {mine} · they owe {theirs}",
    "map.days": "{n}d",
    "map.no_contact": "never",
    "map.no_department": "(no department)",
    "map.empty": "nobody here",
    "map.no_boss": "no boss recorded",
    "report.project.title": "{name}: report against plan, {since} to {today}",
    "report.project.goal": "Goal: {goal}",
    "report.project.title_short": "Report against plan: {name}",
    "report.project.launch": "Launch: {date}",
    "report.project.launch_at_risk": "Launch: {date}, **at risk** (a forecast passes it)",
    "report.project.milestones": "Milestones",
    "report.project.deviation": "Deviation and cause",
    "report.project.no_deviation": "No milestone has slipped.",
    "report.project.slip": "**{name}**: {baseline} → {forecast}, {n} days late; cause: {cause}",
    "report.project.no_cause": "not recorded",
    "report.project.unagreed": "**{name}** ({date}) is not agreed with the teams it depends on",
    "report.project.escalations": "Escalations",
    "report.project.milestone_done": "Milestone **{name}** done {date}",
    "cli.project.usage": "say what to do: collab project add|list|show|edit|role ...",
    "cli.milestone.usage": "say what to do: collab milestone add|agree|move|done ...",
    "cli.project.one_name": "give one project name (quote a name with spaces)",
    "cli.help.project": "projects: add, list, show, edit, and each person's role in one",
    "cli.help.project.action": "add, list, show, edit or role",
    "cli.help.project.words": "the project's name (and for role, the contact's)",
    "cli.help.project.goal": "the one-line pitch",
    "cli.help.project.launch": "the launch date",
    "cli.help.project.role": "our role: leading or supporting",
    "cli.help.project.tag": "the tag that ties items to it (default: from the name)",
    "cli.help.project.status": "active, done or dropped",
    "cli.help.project.ask": "what we need from them in this project",
    "cli.help.project.gain": "what they gain from it",
    "cli.help.project.step": "where along the business flow they sit (1 = first)",
    "cli.help.milestone": "milestones: add, agree, move (with a cause), done",
    "cli.help.milestone.action": "add, agree, move or done",
    "cli.help.milestone.words": "add: PROJECT NAME; agree / done: ID; move: ID WHEN",
    "cli.help.milestone.baseline": "the planned date (add)",
    "cli.help.milestone.owner": "who owns it (a contact; default: me)",
    "cli.help.milestone.with": "whom it was agreed with (repeat for several)",
    "cli.help.milestone.cause": "why the forecast moves (required by move)",
    "cli.help.milestone.date": "when it was agreed or done (default: today)",
    "cli.help.map": "the stakeholder map of a project: upstream to downstream, by department",
    "cli.help.map.project": "the project's name or tag",
    "cli.help.report.project": "a report against plan for this project",
    "cli.help.report.sent": "remember today as the last report (the next starts here)",
    "cli.report.sent": "next report of {name} starts from {date}",
    "act.tab.projects": "Projects",
    "act.tab.projects.key": "Projects",
    "act.tab.projects.help": "Show projects, milestones and slips",
    "act.project.new": "Project: new",
    "act.project.new.key": "New project",
    "act.project.new.help": "Add a project (on Projects)",
    "act.project.edit": "Project: edit",
    "act.project.edit.key": "Edit",
    "act.project.edit.help": "Edit the selected project or milestone (on Projects)",
    "act.milestone.new": "Milestone: new",
    "act.milestone.new.key": "Milestone",
    "act.milestone.new.help": "Add a milestone to the selected project",
    "act.milestone.agree": "Milestone: agreed",
    "act.milestone.agree.key": "Agreed",
    "act.milestone.agree.help": "Record who agreed the selected milestone; logs it",
    "act.milestone.move": "Milestone: move forecast",
    "act.milestone.move.key": "Forecast",
    "act.milestone.move.help": "Move the selected milestone's forecast, with its cause",
    "act.milestone.done": "Milestone: done",
    "act.milestone.done.key": "Done",
    "act.milestone.done.help": "Mark the selected milestone done",
    "act.project.filter": "Project: filter the tabs",
    "act.project.filter.key": "Filter",
    "act.project.filter.help": "Only this project in Today, Matrix and the Log (again: all)",
    "act.project.map": "Project: stakeholder map",
    "act.project.map.key": "Map",
    "act.project.map.help": "The selected project's people, upstream to downstream",
    "review.milestone_keys": "Agree it or move its forecast on the Projects tab (5: a, f).",
    "projects.filter_on": "Showing project {name} only (p on Projects: everything)",
    "projects.filter_off": "Showing every project",
    "projects.filtered": "Project {name} only",
    "projects.empty": "No projects yet. n: a new project; then m: its milestones.",
    "projects.no_selection": "Select a project or one of its milestones first",
    "projects.no_milestone": "Select a milestone first",
    "projects.detail.goal": "goal",
    "projects.detail.launch": "launch",
    "projects.detail.role": "our role",
    "projects.detail.tag": "tag",
    "projects.detail.people": "people",
    "projects.detail.risks": "risks",
    "projects.detail.unagreed": "not agreed",
    "projects.detail.cause": "cause",
    "projects.detail.history": "earlier forecasts",
    "projects.detail.milestone": "milestone",
    "projects.detail.baseline": "baseline",
    "projects.detail.forecast": "forecast",
    "projects.detail.status": "status",
    "projects.detail.owner": "owner",
    "projects.detail.agreed": "agreed",
    "projects.saved": "Saved project {name}",
    "projects.milestone_saved": "Saved milestone {name}",
    "projects.agreed": "Milestone {name} agreed with {names}; logged (z to undo)",
    "projects.moved": "Milestone {name}: {slip}",
    "projects.moved_on_plan": "Milestone {name} is back on plan",
    "projects.done": "Milestone {name} done (z to undo)",
    "change.project": "project {name}",
    "change.milestone": "milestone {name}",
    "form.project.title": "Project",
    "form.project.new_title": "New project",
    "form.project.name": "Name",
    "form.project.goal": "Goal",
    "form.project.goal.hint": "the 30-second pitch, in one line",
    "form.project.launch": "Launch",
    "form.project.role": "Our role",
    "form.project.tag": "Tag",
    "form.project.tag.hint": "ties items to it: #tag (default: from the name)",
    "form.project.status": "Status",
    "form.milestone.title": "Milestone",
    "form.milestone.new_title": "New milestone: {project}",
    "form.milestone.name": "Name",
    "form.milestone.name.hint": "API definition, joint debugging, integration test ...",
    "form.milestone.baseline": "Baseline",
    "form.milestone.owner": "Owner",
    "form.milestone.notes": "Notes",
    "form.agree.title": "Agreed: {name}",
    "form.agree.with": "With",
    "form.agree.date": "On",
    "form.move.title": "Move forecast: {name}",
    "form.move.forecast": "Forecast",
    "form.move.cause": "Cause",
    "form.move.cause.hint": "why it moves (the report states it)",
    "form.role.title": "{name} in {project}",
    "form.role.side": "Side",
    "form.role.level": "Level",
    "form.role.flow": "Flow",
    "form.role.step": "Step",
    "form.role.step.hint": "place along the flow: 1 = first (empty: not placed)",
    "form.role.ask": "Our ask",
    "form.role.gain": "They gain",
    "map.key.escalation": "Escalation path",
    "map.key.role": "Role",
    "map.key.back": "Back",
    "map.key.brief": "Brief",
    "map.title": "Stakeholder map: {name}",
    "map.select": "Select a person on the map",
    "map.escalation_heading": "Escalation path for {name}",
    "map.escalation_hint": "escalate only with a proposed solution, after trying yourself",
    "map.person.role": "role",
    "map.person.ask": "our ask",
    "map.person.gain": "they gain",
    "map.person.owes": "open items",
    "map.person.last": "last contact",
    "map.person.stance": "stance",
    "map.person.kpis": "KPIs",
    "map.person.boss": "boss",
    # --- planned meetings, recurring and blocked items (issue 12, items 4-6) -------------
    "record.meeting": "planned meeting",
    "error.time": 'not a time of day "{phrase}": try 15:00, 9:30, 3pm, 15点, 下午3点半',
    "error.every": (
        'not a repeat rule "{phrase}": try week, 2w, month, mon, 每周, 每两周, 每月, 每周一'
    ),
    "error.capture.items_only": "{token}: only an item repeats or waits on another, not a {word}:",
    "error.capture.item_ref": "{token}: after: takes item numbers, e.g. after:#12 or after:12,14",
    "error.capture.decision_planned": (
        "{word}: belongs to a meeting that was held; a planned one has no decisions yet"
    ),
    "problem.not_every": "{value} is not a repeat rule (week, 2w, month, mon ...)",
    "problem.not_time": "{value} is not a time of day (HH:MM)",
    "error.capture.outcome_meet": (
        "an outcome is the meeting's own line: write what happened, without meet:"
    ),
    "error.action.every_needs_due": "a recurring item needs a due date to count from",
    "error.action.after_self": "item #{id} cannot wait on itself",
    "error.action.after_circle": "that would make item #{id} wait on itself (through others)",
    "error.action.meeting_empty": "a planned meeting needs a title or someone to meet",
    "error.action.meeting_no_date": "a planned meeting needs a date",
    "error.action.no_meeting": "no planned meeting #{id}",
    "said.planned": "planned {what}",
    "said.cancelled": "cancelled {what}",
    "said.next_in_series": "next: {what}",
    "said.series_stopped": "the series stops here",
    "said.unblocked": "no longer blocked: {what}",
    "describe.meeting": "meeting #{id} {when}",
    "describe.meeting.at": "{date} {time}",
    # the summary of a planned meeting's log entry: "{title}: what happened"
    "meeting.outcome_of": "{title}:",
    "error.date.collab_time": "COLLAB_TIME must be HH:MM, not {value}",
    "column.when": "when",
    "today.meetings": "Meetings today",
    "today.awaiting_outcome": "Meetings awaiting their outcome",
    "today.blocked": "Blocked",
    "today.outcome_hint": "l logs how it went",
    "blocked.by": "blocked by {ids}",
    "meetings.heading": "Planned meetings",
    "meetings.none": "no meetings planned",
    "meetings.outcome_due": "held? log its outcome: collab outcome {id}",
    "every.day": "every day",
    "every.days": "every {n} days",
    "every.week": "every week",
    "every.weeks": "every {n} weeks",
    "every.month": "every month",
    "every.months": "every {n} months",
    "every.weekday": "every {day}",
    "describe.after": "waits on {ids}",
    "date.repeats": "{text} · {every}",
    "cli.help.add.every": "make each item recurring: week, 2w, month, mon (every:RULE)",
    "cli.help.add.after": "each item waits on item ID (after:#ID); repeat for several",
    "cli.help.drop.stop_series": "a recurring item: end the series (no next one)",
    "cli.help.drop.note": (
        "Dropping a recurring item skips this occurrence: the next one is created, as when\n"
        "it is done. --stop-series ends the series instead."
    ),
    "cli.help.meet": "plan a meeting (on:WHEN [TIME]) or log one held today",
    "cli.help.meet.text": "what collab add takes after meet:",
    "cli.help.meet.note": (
        "on:WHEN [TIME] today or later plans the meeting (collab meetings, collab today);\n"
        "without on: it is logged as held today, with on: an earlier day as held then."
    ),
    "cli.help.meetings": "the planned meetings, in time order",
    "cli.help.outcome": "a planned meeting was held: log its outcome (a capture line)",
    "cli.help.outcome.id": "the planned meeting's number",
    "cli.help.outcome.text": "what happened; decision: and items as in collab add",
    "cli.help.cancel": "cancel a planned meeting",
    "act.plan_meeting": "Plan a meeting",
    "act.plan_meeting.key": "Meeting",
    "act.plan_meeting.help": "Plan a meeting: a day, a time, its people",
    "act.meeting.outcome": "Meeting: log its outcome",
    "act.meeting.outcome.key": "Outcome",
    "act.meeting.outcome.help": "The meeting was held: log how it went (one capture line)",
    "act.meeting.cancel": "Meeting: cancel",
    "act.meeting.cancel.key": "Cancel",
    "act.meeting.cancel.help": "Remove the selected planned meeting",
    "help.meetings": "Planned meetings (Today)",
    "app.select_meeting": "Select a planned meeting first (Today).",
    "app.blocked_no_escalation": "It is blocked by {ids}: chase or escalate that one instead.",
    "app.outcome_prompt": "How did it go? {title} with {names}",
    "app.cancel_meeting_question": "Cancel the meeting {title}?",
    "app.meeting_cancelled": "Cancelled: {title}  (z undoes)",
    "change.plan_meeting": "plan a meeting",
    "change.outcome": "log a meeting's outcome",
    "change.cancel_meeting": "cancel a meeting",
    "record.meeting.short": "meet",
    "card.every": "repeats",
    "card.after": "waits on",
    "card.after.blocking": "blocking",
    "card.after.clear": "finished",
    "card.after.closed": "(closed)",
    "card.when": "when",
    "form.item.every": "Repeats",
    "form.item.every.hint": "week, 2w, month, mon, 每周 … (empty: once)",
    "form.item.after": "Waits on",
    "form.item.after.hint": "item numbers, e.g. #12 #14",
    "form.item.after.bad": "Waits on: write item numbers, e.g. #12 #14",
    "form.meeting.title": "Plan a meeting",
    "form.meeting.about": "About",
    "form.meeting.about.hint": "what it is for, e.g. API review",
    "form.meeting.date": "Day",
    "form.meeting.time": "Time",
    "form.meeting.time.hint": "15:00, 3pm, 下午3点 (empty: no set time)",
    "form.meeting.with": "With",
    "form.meeting.log": "Log",
    "form.meeting.outcome.hint": "Enter logs it · Esc cancel",
    "form.meeting.outcome.placeholder": "agreed X; decision: …; owe: … due:fri",
    "review.meeting_keys": "l logs its outcome (one line: what happened; decision: …; owe: …).",
    "review.meeting_logged": "Its outcome is logged. n for the next one.",
    "series.question": "{title} repeats {every}. Skip only this one, or stop the series?",
    "series.skip": "Skip this one",
    "series.skip.key": "Skip",
    "series.stop": "Stop the series",
    "series.stop.key": "Stop series",
    # --- the counterpart playbook: stance next steps, escalation, cadence (docs/PLAYBOOK.md)
    # The next step each stance calls for (an item the PM accepts, edits or skips).
    "playbook.step.refuses": "Look for another team or an outside supplier instead of {name}",
    "playbook.step.no-capacity": "Offer {name} our own people; ask them only to review",
    "playbook.step.eager": (
        "Book the next meeting with {name} and both bosses; learn their KPIs first"
    ),
    # Why (shown with the suggestion)
    "playbook.why.refuses": "They said no: do not push. Find another team, or buy it outside.",
    "playbook.why.no-capacity": (
        "They want it but have no people: supply the people yourself and ask only for review."
    ),
    "playbook.why.eager": (
        "They are keen: book the next meeting with both bosses present, knowing their KPIs."
    ),
    "playbook.prompt.title": "Next step for {name}",
    "playbook.prompt.stance": "{name} is now: {stance}",
    "playbook.prompt.accept": "Add it",
    "playbook.prompt.hint": "Edit the step, then Add it; Escape skips",
    "brief.stance_history": "stance history",
    "brief.next_step": "next step",
    "brief.escalations": "Escalations",
    "today.escalations": "Escalations",
    "column.last_topic": "last topic",
    "escalation.owe_title": "{ask} (escalated: {subject})",
    "escalation.owe_default": "agree on {option}",
    "escalation.line": "#{id} on #{item} → {name}, {n} options",
    "escalation.shown": "Escalated to {name} on {date}: {ask}",
    "error.action.cadence": "a cadence is a whole number of days from {low} to {high}, not {value}",
    "error.escalation.no_option": (
        "an escalation needs at least one option: bring a solution, not only the problem"
    ),
    "error.escalation.option_name": "option {n} needs a name",
    "error.escalation.recommend": (
        "the recommendation must be one of the options (1 to {count}), not {n}"
    ),
    "error.escalation.no_problem": "an escalation needs the problem",
    "error.escalation.no_target": (
        "whom does it go to? No boss is recorded for the counterpart and my boss is not set"
    ),
    "problem.option_name": "every option needs a name",
    "report.escalations": "Escalations",
    "report.escalation.item": "{problem} (#{id}) → {name}",
    "report.escalation.due": "{line}, answer due {date}",
    "report.escalation.tried": "tried: {text}",
    "report.escalation.option": "option {n}: {name}",
    "report.escalation.recommended": "{name} (recommended)",
    "report.escalation.facts": "{line}: {facts}",
    "report.escalation.pros": "pros {text}",
    "report.escalation.cons": "cons {text}",
    "report.escalation.cost": "cost {text}",
    "report.escalation.ask": "the ask: {text}",
    "said.escalated": "escalation #{id} on #{item} to {name}",
    "cli.contact.my_boss": "{name} is now my boss (escalations can go to them)",
    "cli.contact.next_step": "next step (playbook): {what}",
    "card.escalated": "escalated",
    "review.cadence": "keep in touch",
    "review.last_topic": "last topic",
    "form.contact.cadence": "Keep in touch",
    "form.contact.cadence.hint": "every N days (empty: by level or tag; 0: do not follow)",
    "form.settings.cadence_leader": "Leaders",
    "form.settings.cadence_working": "Working level",
    "form.settings.my_boss": "My boss",
    "today.cold.every": "every {n} days",
    "form.escalation.title": "Escalate #{id}: {title}",
    "form.escalation.why": (
        "Escalate only after trying, and with a solution: options, a recommendation, the ask."
    ),
    "form.escalation.problem": "Problem",
    "form.escalation.problem.hint": "what is stuck, in a sentence",
    "form.escalation.tried": "Tried",
    "form.escalation.tried.hint": "what you did already",
    "form.escalation.option": "Option {n}",
    "form.escalation.name": "name",
    "form.escalation.pros": "pros",
    "form.escalation.cons": "cons",
    "form.escalation.cost": "cost",
    "form.escalation.recommend": "Recommend",
    "form.escalation.ask": "The ask",
    "form.escalation.ask.hint": "what the leader should decide or do",
    "form.escalation.to": "To",
    "form.escalation.due": "Answer by",
    "form.escalation.save": "Escalate",
    "form.touch.title": "Log a touch with {name}",
    "form.touch.note": "Note",
    "form.touch.note.hint": "what you talked about (empty: checked in)",
    "form.touch.kind": "Kind",
    "form.touch.save": "Log it",
    "change.escalate": "escalate",
    "change.next_step": "add the next step",
    "app.logged_touch": "Logged a {kind} with {name} today",
    "app.escalate.needs_item": (
        "An escalation starts from an item: pick an overdue wait, risk or item"
    ),
    "act.touch": "Contact: log a touch",
    "act.touch.key": "Touch",
    "act.touch.help": (
        "Note a chat, call, mail or meeting with the highlighted person (resets their cadence)"
    ),
    "act.item.escalate": "Item: escalate",
    "act.item.escalate.key": "Escalate",
    "act.item.escalate.help": (
        "Take the item to a leader with options, a recommendation and the ask"
    ),
    "cli.contact.step": "{kind}: {title}, due {due}",
    "cli.contact.accept_hint": "add it with --accept-next-step, or capture your own version",
    "cli.contact.accept_needs_stance": "--accept-next-step goes with --stance",
    "cli.help.contact.cadence": "keep in touch every DAYS days (0: do not follow)",
    "cli.help.contact.my_boss": "this contact is my own boss (for escalations)",
    "cli.help.contact.accept_next_step": "add the playbook's next step for the new stance",
    "cli.help.escalate": "take an item to a leader, with options and a recommendation",
    "cli.help.escalate.problem": "the problem, in a sentence",
    "cli.help.escalate.tried": "what was tried already",
    "cli.help.escalate.option": "an option (repeat it): name|pros|cons|cost",
    "cli.help.escalate.recommend": "the recommended option's number (default 1)",
    "cli.help.escalate.ask": "what you ask the leader to decide or do",
    "cli.help.escalate.to": "whom to (default: the counterpart's boss, else my boss)",
    "cli.help.escalate.due": "when the answer is due (default: in two days)",
    "cli.help.escalate.note": (
        "At least one option is required: escalate with a solution in hand. The escalation "
        "is linked to the item, its people and tags, and an owe item to the leader is "
        "added, due --due."
    ),
    "cli.escalate.bad_option": "an option is name|pros|cons|cost, not {text}",
}

CATALOGS: dict[str, dict[str, str]] = {"en": EN}  # languages kept as a dict (tests)
# Languages kept as gettext catalogs: code -> folder under collab_tui/locale/.
GETTEXT: dict[str, str] = {"zh": "zh_CN"}
DOMAIN = "collab"  # locale/<folder>/LC_MESSAGES/collab.mo
LOCALE_DIR = Path(__file__).parent / "locale"
# Each language named in itself, for the settings dialog (not translated).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh": "中文"}

_code: str | None = None  # the chosen language, resolved on first use
_lookup: Callable[[str], str | None] | None = None  # its catalog


def short_code(value: str) -> str:
    """'zh_CN.UTF-8', 'zh-Hans' -> 'zh'; 'C.UTF-8' -> 'c'."""
    return value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def known(code: str) -> bool:
    return code in CATALOGS or code in GETTEXT


def choose_language(
    option: str | None = None, remembered: Callable[[], object] | None = None
) -> str:
    """The interface language, first found of: ``option`` (``collab --lang``),
    ``COLLAB_LANG``, ``remembered()`` (the app's saved choice, read only when needed), then
    the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set decides, ``zh*``
    is Chinese, ``C`` / ``POSIX`` English). A language with no catalog is English.
    """
    for value in (option, os.environ.get("COLLAB_LANG")):
        if value:
            return short_code(value) if known(short_code(value)) else "en"
    saved = remembered() if remembered is not None else None
    if isinstance(saved, str) and known(short_code(saved)):
        return short_code(saved)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return short_code(value) if known(short_code(value)) else "en"
    return "en"


def language() -> str:
    """The active interface language ("en", "zh")."""
    return _code if _code is not None else choose_language()


def set_language(code: str | None = None) -> None:
    """Switch the catalog (None: choose again from the environment on the next lookup)."""
    global _code, _lookup
    _code = None if code is None else (short_code(code) if known(short_code(code)) else "en")
    _lookup = None


def _catalog(code: str) -> Callable[[str], str | None]:
    """A key -> text look-up for ``code`` (None: not translated)."""
    if code in CATALOGS:
        return CATALOGS[code].get
    import gettext  # only for a language other than English

    path = LOCALE_DIR / GETTEXT[code] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as file:
            translations = gettext.GNUTranslations(file)
    except (OSError, ValueError):  # a broken installation: English rather than a crash
        return EN.get
    # The English text is the msgid: a translation of an older English is not used.
    return lambda key: translations.pgettext(key, EN[key])


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the active language, ``{placeholders}`` filled in.

    A key missing from a translation falls back to English; a key missing from English
    is a bug and raises KeyError (tests cover every key the code uses).
    """
    global _lookup
    if _lookup is None:
        _lookup = _catalog(language())
    text = _lookup(key)
    if text is None:
        text = EN[key]
    return text.format(**values) if values else text


# Enum class name -> key prefix (by name, so this module imports neither model nor triage).
_PREFIX = {
    "Kind": "kind",
    "Status": "status",
    "Rating": "rating",
    "Stance": "stance",
    "Side": "side",
    "Level": "level",
    "Flow": "flow",
    "InteractionKind": "interaction",
    "Quadrant": "quadrant",
    "ProjectStatus": "project_status",
    "MilestoneStatus": "milestone_status",
}


def label(member: StrEnum, form: str = "") -> str:
    """The words for an enum member: ``label(Stance.EAGER)`` is "eager".

    ``form`` picks a variant: "choice" (kinds in a form), "short" (stances in a list),
    "heading" / "title" (quadrants).
    """
    key = f"{_PREFIX[type(member).__name__]}.{member.value}"
    return t(f"{key}.{form}" if form else key)


# --- dates -------------------------------------------------------------------------------


def before_text(label: str) -> str:
    """``label`` ready to be followed by text: a space after it, except after full-width
    punctuation, which carries its own space ("decided: x", "决定：x")."""
    return label if label.endswith(("：", "，", "、", "。", "）")) else label + " "


def listing(parts: Iterable[str]) -> str:
    """Words of a list in running text: "小张, 小蓝" ("小张、小蓝" in Chinese)."""
    return t("list.sep").join(parts)


def with_details(name: str, details: Iterable[str]) -> str:
    """'小蓝 (Dept B, eager)'; the name alone when there are no details."""
    shown = t("name.details_sep").join(details)
    return t("name.with_details", name=name, details=shown) if shown else name


def format_date(day: date, today: date | None = None) -> str:
    """'Fri 27 Nov'; with the year added when ``today`` is given and the year differs."""
    parts = {
        "weekday": t(f"weekday.{day.weekday()}"),
        "day": day.day,
        "month": t(f"month.{day.month}"),
        "year": day.year,
    }
    if today is not None and day.year != today.year:
        return t("date.short_year", **parts)
    return t("date.short", **parts)


def every_label(rule: str) -> str:
    """A repeat rule as words: 'every week', 'every 2 weeks', 'every Mon' (dates.parse_every)."""
    weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    if rule in weekdays:
        return t("every.weekday", day=t(f"weekday.{weekdays.index(rule)}"))
    if rule in ("day", "week", "month"):
        return t(f"every.{rule}")
    unit = {"d": "days", "w": "weeks", "m": "months"}[rule[-1]]
    return t(f"every.{unit}", n=rule[:-1])


def long_date(day: date) -> str:
    """'Mon 23 Nov, 2026': the heading of the daily view."""
    return t(
        "date.long",
        weekday=t(f"weekday.{day.weekday()}"),
        day=day.day,
        month=t(f"month.{day.month}"),
        year=day.year,
    )


def _far(day: date, today: date) -> str:
    month = t(f"month.{day.month}")
    if day.year == today.year:
        return t("date.month_day", month=month, day=day.day)
    return t("date.month_day_year", month=month, day=day.day, year=day.year)


def _distance(days: int) -> tuple[str, int] | None:
    """("days"|"weeks", count) for a distance of 2..60 days; None beyond."""
    if days <= 13:
        return "days", days
    if days <= 60:
        return "weeks", (days + 3) // 7  # nearest whole week
    return None


def relative(day: date, today: date) -> str:
    """How far ``day`` is from today, as a due date: 'tomorrow', 'in 3 weeks', '2 days late'."""
    days = (day - today).days
    if days == 0:
        return t("date.today")
    if days == 1:
        return t("date.tomorrow")
    if days == -1:
        return t("date.yesterday")
    amount = _distance(abs(days))
    if amount is None:
        return _far(day, today)
    unit, n = amount
    return t(f"date.in_{unit}", n=n) if days > 0 else t(f"date.{unit}_late", n=n)


def ago(day: date, today: date) -> str:
    """How long ago ``day`` was (a last contact): 'yesterday', '3 days ago', '2 weeks ago'.

    A day after today reads as in ``relative`` ('in 3 days').
    """
    days = (today - day).days
    if days < 2:
        return relative(day, today)
    amount = _distance(days)
    if amount is None:
        return _far(day, today)
    unit, n = amount
    return t(f"date.{unit}_ago", n=n)


def document_date(day: date, today: date | None = None) -> str:
    """A date in a document (the status report): '2026-11-20', or in words ('11月20日') if
    the language's ``report.date.style`` says so, with the year when ``today`` is None or
    in another year."""
    if t("report.date.style") != "words":
        return day.isoformat()
    return _far(day, today or date.min)


def with_relative(day: date, today: date, words: str | None = None) -> str:
    """'Fri 27 Nov (3 days late)'; ``words`` replaces the relative part ('3 days ago')."""
    return t(
        "date.with_relative",
        date=format_date(day, today),
        relative=relative(day, today) if words is None else words,
    )
