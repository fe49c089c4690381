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


# --- Chinese phrases (docs/DATES.md, "中文"), today Monday 23 Nov 2026 ----------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("今天", date(2026, 11, 23)),
        ("明天", date(2026, 11, 24)),
        ("后天", date(2026, 11, 25)),
        ("大后天", date(2026, 11, 26)),
        ("昨天", date(2026, 11, 22)),
        ("前天", date(2026, 11, 21)),
        # a bare weekday is the next one strictly after today, as `fri` is
        ("周五", date(2026, 11, 27)),
        ("星期五", date(2026, 11, 27)),
        ("礼拜五", date(2026, 11, 27)),
        ("周一", date(2026, 11, 30)),
        ("星期天", date(2026, 11, 29)),
        ("礼拜日", date(2026, 11, 29)),
        # this week's, next week's, the week after next (weeks start on Monday)
        ("本周五", date(2026, 11, 27)),
        ("这周五", date(2026, 11, 27)),
        ("这个周五", date(2026, 11, 27)),
        ("下周一", date(2026, 11, 30)),
        ("下个星期一", date(2026, 11, 30)),
        ("下礼拜一", date(2026, 11, 30)),
        ("下周三", date(2026, 12, 2)),
        ("下下周三", date(2026, 12, 9)),
        ("下周", date(2026, 11, 30)),
        ("下个月", date(2026, 12, 1)),
        ("周末", date(2026, 11, 28)),
        ("本周末", date(2026, 11, 28)),
        ("月底", date(2026, 11, 30)),
        ("本月底", date(2026, 11, 30)),
        ("年底", date(2026, 12, 31)),
        # N days / weeks / months later, Arabic or Chinese numerals
        ("3天后", date(2026, 11, 26)),
        ("三天后", date(2026, 11, 26)),
        ("十五天后", date(2026, 12, 8)),
        ("二十三天后", date(2026, 12, 16)),
        ("两周后", date(2026, 12, 7)),
        ("2个星期后", date(2026, 12, 7)),
        ("1个月后", date(2026, 12, 23)),
        ("三天以后", date(2026, 11, 26)),
        # month and day: the next such date on or after today, as 12/5
        ("12月5日", date(2026, 12, 5)),
        ("12月5号", date(2026, 12, 5)),
        ("11月22日", date(2027, 11, 22)),
        ("2026年12月5日", date(2026, 12, 5)),
        ("12-5", date(2026, 12, 5)),
        ("１２月５日", date(2026, 12, 5)),  # full-width digits
        (" 明天 ", date(2026, 11, 24)),
    ],
)
def test_chinese_phrases(phrase: str, expected: date) -> None:
    assert parse_date(phrase, TODAY) == expected


def test_chinese_weekdays_follow_the_english_rules_on_the_day_itself() -> None:
    friday, saturday, sunday = date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29)
    assert parse_date("周五", friday) == parse_date("fri", friday) == date(2026, 12, 4)
    assert parse_date("本周五", saturday) == friday  # this week's Friday, even when past
    assert parse_date("周末", sunday) == sunday


@pytest.mark.parametrize(
    "phrase", ["周", "下周八", "下下下周一", "一百天后", "十十天后", "13月1日", "2月30日", "明天吧"]
)
def test_chinese_phrases_not_understood_fail_loudly(phrase: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(phrase, TODAY)
    assert error.value.phrase == phrase
