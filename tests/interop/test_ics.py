"""The iCalendar export: VTODOs for due dates and risk reviews, stable UIDs, RFC 5545."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from collab_tui.interop.ics import export_ics
from collab_tui.model import Contact, Item, Kind, Rating, Status

TODAY = date(2026, 11, 24)
STAMP = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def sample() -> tuple[list[Item], list[Contact]]:
    lan = Contact(name="小蓝", id=1)
    ming = Contact(name="Ming", id=2)
    items = [
        Item(
            title="send the revised spec",
            kind=Kind.OWE,
            id=1,
            important=True,
            due=date(2026, 11, 25),
            contact_ids=[1],
            tags=["orders", "spec"],
            notes="Lan wants the error codes.\nAlso the retry policy.",
        ),
        Item(title="approval result", kind=Kind.WAIT, id=2, due=date(2026, 12, 20),
             contact_ids=[2]),
        Item(title="book a room", id=3, due=date(2026, 11, 24)),  # urgent, not important
        Item(title="important later", id=4, important=True, due=date(2027, 1, 10)),
        Item(
            title="approval API may slip",
            kind=Kind.RISK,
            id=5,
            review=date(2026, 12, 1),
            contact_ids=[1, 2],
            likelihood=Rating.MEDIUM,
            impact=Rating.HIGH,
            mitigation="agree milestones up front",
        ),
        Item(title="no date", id=6),
        Item(title="done already", id=7, due=date(2026, 11, 20), status=Status.DONE),
        Item(title="dropped risk", kind=Kind.RISK, id=8, review=date(2026, 11, 30),
             status=Status.DROPPED),
        Item(title="it happened", kind=Kind.RISK, id=9, review=date(2026, 12, 15),
             due=date(2026, 11, 28), status=Status.OCCURRED),
    ]  # fmt: skip
    for item in items:
        item.uid = f"uid{item.id}"
        item.created = item.updated = STAMP
    return items, [lan, ming]


def todos(data: bytes) -> dict[str, dict]:
    calendar = Calendar.from_ical(data)
    return {str(todo["UID"]): todo for todo in calendar.walk("VTODO")}


def test_calendar_header_is_rfc5545():
    items, contacts = sample()
    data = export_ics(items, contacts, TODAY)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//collab-tui//collab-tui//EN"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_one_vtodo_per_due_date_and_per_active_risk_review():
    items, contacts = sample()
    found = todos(export_ics(items, contacts, TODAY))
    assert sorted(found) == sorted(
        [
            "uid1@collab-tui",
            "uid2@collab-tui",
            "uid3@collab-tui",
            "uid4@collab-tui",
            "uid5-review@collab-tui",
            "uid9@collab-tui",
            "uid9-review@collab-tui",
        ]
    )


def test_fields_of_a_follow_up():
    items, contacts = sample()
    todo = todos(export_ics(items, contacts, TODAY))["uid1@collab-tui"]
    assert str(todo["SUMMARY"]) == "send the revised spec"
    assert todo.decoded("DUE") == date(2026, 11, 25)
    assert not isinstance(todo.decoded("DUE"), datetime)  # VALUE=DATE
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert todo.decoded("DTSTAMP") == STAMP
    assert todo["CATEGORIES"].cats == ["orders", "spec"]
    description = str(todo["DESCRIPTION"])
    assert "Kind: owe" in description and "With: 小蓝" in description
    assert "Lan wants the error codes.\nAlso the retry policy." in description


def test_priority_comes_from_the_stored_flags_not_from_today():
    items, contacts = sample()
    found = todos(export_ics(items, contacts, TODAY))
    priority = {uid: int(todo["PRIORITY"]) for uid, todo in found.items()}
    assert priority["uid1@collab-tui"] == 1  # important
    assert priority["uid4@collab-tui"] == 1  # important, due much later: still 1
    assert priority["uid3@collab-tui"] == 9  # due today but not marked urgent: low
    assert priority["uid2@collab-tui"] == 9
    assert priority["uid5-review@collab-tui"] == 1  # every risk is important
    items[2].urgent = True
    assert int(todos(export_ics(items, contacts, TODAY))["uid3@collab-tui"]["PRIORITY"]) == 5


def test_the_same_record_exports_the_same_bytes_on_any_day():
    """Without a new LAST-MODIFIED nothing may change: no property follows the day."""
    items, contacts = sample()
    later = date(2027, 1, 9)  # item 4 is now due tomorrow, item 1 long overdue
    assert export_ics(items, contacts, TODAY) == export_ics(items, contacts, later)


def test_a_closed_item_stays_completed_for_thirty_days_then_goes():
    items, contacts = sample()
    done, dropped = items[6], items[7]
    done.closed = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    dropped.closed = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    found = todos(export_ics(items, contacts, TODAY))
    assert str(found["uid7@collab-tui"]["STATUS"]) == "COMPLETED"
    assert found["uid7@collab-tui"].decoded("COMPLETED") == done.closed
    assert str(found["uid8-review@collab-tui"]["STATUS"]) == "CANCELLED"
    day_30 = date(2026, 12, 20)  # 29 days after closing: still there
    assert "uid7@collab-tui" in todos(export_ics(items, contacts, day_30))
    gone = todos(export_ics(items, contacts, date(2026, 12, 21)))
    assert "uid7@collab-tui" not in gone and "uid8-review@collab-tui" in gone


def test_risk_review_entry():
    items, contacts = sample()
    todo = todos(export_ics(items, contacts, TODAY))["uid5-review@collab-tui"]
    assert str(todo["SUMMARY"]) == "Review risk: approval API may slip"
    assert todo.decoded("DUE") == date(2026, 12, 1)
    description = str(todo["DESCRIPTION"])
    assert "With: 小蓝, Ming" in description
    assert "Risk: likelihood medium, impact high" in description
    assert "Mitigation: agree milestones up front" in description


def test_reexport_is_identical_so_calendars_update_rather_than_double():
    items, contacts = sample()
    assert export_ics(items, contacts, TODAY) == export_ics(items, contacts, TODAY)
    items[0].due = date(2026, 11, 27)
    changed = todos(export_ics(items, contacts, TODAY))
    assert changed["uid1@collab-tui"].decoded("DUE") == date(2026, 11, 27)
    assert len(changed) == 7


def test_control_characters_and_newlines_in_titles_do_not_break_the_file():
    item = Item(title="evil\x1b[31m title\nBEGIN:VEVENT", id=1, due=TODAY, notes="a\x00b")
    data = export_ics([item], [], TODAY)
    (todo,) = todos(data).values()
    assert str(todo["SUMMARY"]) == "evil[31m title BEGIN:VEVENT"
    assert b"\x1b" not in data and b"\x00" not in data
    assert b"\r\nBEGIN:VEVENT" not in data


def test_empty_calendar_is_still_valid():
    data = export_ics([], [], TODAY)
    assert list(Calendar.from_ical(data).walk("VTODO")) == []


def test_an_occurred_risk_says_so():
    items, contacts = sample()
    todo = todos(export_ics(items, contacts, TODAY))["uid9@collab-tui"]
    assert "Status: occurred" in str(todo["DESCRIPTION"])


def test_planned_meetings_are_events_on_their_day_or_at_their_time():
    from collab_tui.interop.ics import read_todos
    from collab_tui.model import Meeting

    items, contacts = sample()
    timed = Meeting("API review", date(2026, 11, 27), "15:00", id=1, contact_ids=[1, 2],
                    tags=["orders"], notes="bring the error codes")  # fmt: skip
    all_day = Meeting("offsite \x1b[31mday", date(2026, 12, 3), id=2)
    for meeting in (timed, all_day):
        meeting.uid = f"m{meeting.id}"
        meeting.created = meeting.updated = STAMP
    data = export_ics(items, contacts, TODAY, meetings=[all_day, timed])
    events = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert list(events) == ["m1-meeting@collab-tui", "m2-meeting@collab-tui"]  # by date
    review = events["m1-meeting@collab-tui"]
    assert str(review["SUMMARY"]) == "API review"
    assert review.decoded("DTSTART") == datetime(2026, 11, 27, 15, 0)  # floating local time
    assert review.decoded("DURATION") == timedelta(hours=1)  # not recorded: a calendar's hour
    assert "小蓝" in str(review["DESCRIPTION"]) and "bring the error codes" in str(
        review["DESCRIPTION"]
    )
    assert review["CATEGORIES"].cats == ["orders"]
    offsite = events["m2-meeting@collab-tui"]
    assert offsite.decoded("DTSTART") == date(2026, 12, 3)  # VALUE=DATE: the whole day
    assert "DURATION" not in offsite
    assert str(offsite["SUMMARY"]) == "offsite [31mday"  # no terminal control characters
    assert "DESCRIPTION" not in offsite
    # the to-dos are as before, and reading the file back takes only them
    assert todos(data) == todos(export_ics(items, contacts, TODAY))
    assert {t.uid for t in read_todos(data)} == set(todos(data))
    assert export_ics(items, contacts, TODAY, meetings=[timed, all_day]) == data  # stable


def test_collab_export_ics_has_the_planned_meetings(collab, tmp_path):
    assert collab("meet", "API review @小蓝 on:2026-11-27 15:00").code == 0
    out = tmp_path / "cal.ics"
    done = collab("export", "--format", "ics", "-o", str(out))
    assert done.code == 0
    assert "and 1 planned meeting(s) to" in done.err + done.out
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["API review"]
    assert events[0].decoded("DTSTART") == datetime(2026, 11, 27, 15, 0)


def test_the_calendar_reads_only_the_history_of_its_weeks(store):
    """Active items and those closed in the last thirty days, from those months alone:
    a damaged month from last year does not stop the export (nor is it read)."""
    from collab_tui.interop.ics import calendar_items, shown_since
    from collab_tui.store.store import segment_path

    def closed_on(title: str, when: datetime, due: date) -> Item:
        return store.put(
            Item(title, due=due, status=Status.DONE, created=when, updated=when, closed=when)
        )

    old = closed_on("closed last year", datetime(2025, 11, 2, 9, 0, tzinfo=UTC), date(2025, 11, 1))
    edge = closed_on("closed 29 days ago", datetime(2026, 10, 26, 23, 0, tzinfo=UTC), TODAY)
    gone = closed_on("closed 30 days ago", datetime(2026, 10, 25, 23, 0, tzinfo=UTC), TODAY)
    active = store.add(Item("still open", due=TODAY))
    assert shown_since(TODAY) == date(2026, 10, 26)
    segment_path(store.path, "2025-11").write_bytes(b"{ damaged")
    listed = calendar_items(store, TODAY)
    assert [i.id for i in listed] == [active.id, edge.id]
    assert {old.id, gone.id}.isdisjoint(i.id for i in listed)
    exported = todos(export_ics(listed, [], TODAY))
    assert {str(todo["SUMMARY"]) for todo in exported.values()} == {
        "still open",
        "closed 29 days ago",
    }
