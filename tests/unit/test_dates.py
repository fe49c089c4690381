"""parse_date / describe_due / format_date, with today frozen on Monday 23 Nov 2026."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collab_tui.dates import DateError, add_months, describe_due, format_date, parse_date

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("  TODAY ", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 22)),
        # weekdays: strictly after today, so "mon" on a Monday is a week away
        ("mon", date(2026, 11, 30)),
        ("monday", date(2026, 11, 30)),
        ("tue", date(2026, 11, 24)),
        ("tues", date(2026, 11, 24)),
        ("wed", date(2026, 11, 25)),
        ("thu", date(2026, 11, 26)),
        ("thur", date(2026, 11, 26)),
        ("Thurs", date(2026, 11, 26)),
        ("fri", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("next week", date(2026, 11, 30)),
        ("next   Week", date(2026, 11, 30)),
        ("next month", date(2026, 12, 1)),
        ("+3d", date(2026, 11, 26)),
        ("+2w", date(2026, 12, 7)),
        ("+1m", date(2026, 12, 23)),
        ("-2d", date(2026, 11, 21)),
        ("+0d", date(2026, 11, 23)),
        ("in 3 days", date(2026, 11, 26)),
        ("in 1 day", date(2026, 11, 24)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in a week", date(2026, 11, 30)),
        ("in 1 month", date(2026, 12, 23)),
        ("in 2 months", date(2027, 1, 23)),
        ("eow", date(2026, 11, 27)),
        ("eom", date(2026, 11, 30)),
        ("2026-12-01", date(2026, 12, 1)),
        ("2027-1-5", date(2027, 1, 5)),
        ("12/1", date(2026, 12, 1)),
        ("11/23", date(2026, 11, 23)),  # today itself counts
        ("11/22", date(2027, 11, 22)),  # passed: next year
        ("1/15", date(2027, 1, 15)),
        ("12/1/2027", date(2027, 12, 1)),
        ("Dec 1", date(2026, 12, 1)),
        ("dec 1st", date(2026, 12, 1)),
        ("1 Dec", date(2026, 12, 1)),
        ("December 1", date(2026, 12, 1)),
        ("Dec 1 2027", date(2027, 12, 1)),
        ("Dec 1, 2027", date(2027, 12, 1)),
        ("1 December 2027", date(2027, 12, 1)),
        ("Sept 3", date(2027, 9, 3)),
        ("Nov 20", date(2027, 11, 20)),
    ],
)
def test_parse_date(phrase, expected):
    assert parse_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), date(2026, 11, 27)),  # Mon -> this Friday
        (date(2026, 11, 27), date(2026, 11, 27)),  # Fri -> today
        (date(2026, 11, 28), date(2026, 12, 4)),  # Sat -> next Friday
        (date(2026, 11, 29), date(2026, 12, 4)),  # Sun -> next Friday
    ],
)
def test_eow(today, expected):
    assert parse_date("eow", today) == expected


def test_friday_on_a_friday_is_a_week_away():
    assert parse_date("fri", date(2026, 11, 27)) == date(2026, 12, 4)


def test_next_week_from_sunday_is_tomorrow():
    assert parse_date("next week", date(2026, 11, 29)) == date(2026, 11, 30)


def test_months_clamp_to_month_end():
    assert parse_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("eom", date(2028, 2, 3)) == date(2028, 2, 29)
    assert parse_date("eom", date(2026, 12, 5)) == date(2026, 12, 31)
    assert parse_date("next month", date(2026, 12, 31)) == date(2027, 1, 1)
    assert add_months(date(2026, 11, 30), -11) == date(2025, 12, 30)


def test_feb_29_waits_for_a_leap_year():
    assert parse_date("2/29", TODAY) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "phrase",
    [
        "blah",
        "",
        "   ",
        "next",
        "fri 12",
        "+3x",
        "in some days",
        "2026-02-30",
        "2/30",
        "13/1",
        "Feb 30",
        "Foo 1",
        "12/1/27",
        "+99999d",
        "2026-13-01",
        "in 3",
    ],
)
def test_unknown_phrases_are_errors_naming_the_phrase(phrase):
    with pytest.raises(DateError) as caught:
        parse_date(phrase, TODAY)
    assert caught.value.phrase == phrase.strip()
    assert f'"{phrase.strip()}"' in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_error_message_suggests_forms():
    with pytest.raises(DateError, match=r'unknown date "blah": try today, tomorrow, fri, \+3d'):
        parse_date("blah", TODAY)
    with pytest.raises(DateError, match='no such date "2026-02-30"'):
        parse_date("2026-02-30", TODAY)


def test_other_scripts_digits_are_not_numbers():
    with pytest.raises(DateError):
        parse_date("+٣d", TODAY)  # Arabic-Indic three


@given(st.text(max_size=30), st.dates())
def test_parse_date_returns_a_date_or_raises_date_error(phrase, today):
    try:
        assert isinstance(parse_date(phrase, today), date)
    except DateError:
        pass


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 11, 23), "today"),
        (date(2026, 11, 24), "tomorrow"),
        (date(2026, 11, 22), "yesterday"),
        (date(2026, 11, 26), "in 3 days"),
        (date(2026, 11, 20), "3 days late"),
        (TODAY + timedelta(days=13), "in 13 days"),
        (TODAY + timedelta(days=14), "in 2 weeks"),
        (TODAY + timedelta(days=21), "in 3 weeks"),
        (TODAY - timedelta(days=21), "3 weeks late"),
        (TODAY + timedelta(days=60), "in 9 weeks"),
        (date(2026, 3, 3), "Mar 3"),
        (date(2027, 3, 3), "Mar 3 2027"),
    ],
)
def test_describe_due(due, expected):
    assert describe_due(due, TODAY) == expected


def test_format_date():
    assert format_date(date(2026, 11, 27)) == "Fri 27 Nov"
    assert format_date(date(2027, 1, 4), TODAY) == "Mon 4 Jan 2027"
    assert format_date(date(2026, 12, 1), TODAY) == "Tue 1 Dec"
