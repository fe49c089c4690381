"""Natural-language dates: ``parse_date`` (and ``describe_due``/``format_date`` from words).

Pure: "today" is always a parameter. The exact rules, with examples, are in
docs/DATES.md. Month arithmetic (month shifts, month ends) is python-dateutil's ``relativedelta``,
imported on first use: this module is on the path of ``collab add``, which must start
fast, and most dates in a capture are days and weekdays.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from collab_tui.words import format_date as _format_date
from collab_tui.words import relative, t

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

__all__ = [
    "DateError",
    "parse_date",
    "describe_due",
    "format_date",
    "add_months",
    "frozen_today",
    "frozen_clock",
    "parse_time",
    "parse_every",
]

# The message's words: error.date.* in collab_tui/words.py.


class DateError(ValueError):
    """A phrase that is not a date; the message names the phrase."""

    def __init__(self, phrase: str, reason: str | None = None) -> None:
        self.phrase = phrase
        reason = t("error.date.unknown") if reason is None else reason
        super().__init__(t("error.date", reason=reason, phrase=phrase, hint=t("error.date.hint")))


WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_UNIT_DAYS = {"d": 1, "day": 1, "days": 1, "w": 7, "week": 7, "weeks": 7}
_MONTH_UNITS = {"m": 1, "month": 1, "months": 1}

# The patterns are kept as text and compiled on first use (``re`` caches them): compiled
# at import, the fifteen of this module cost every `collab add` ~3 ms, and most captures
# give a weekday or no date at all. (?a), re.ASCII: \d must not match other scripts'
# digits, and \s stays plain.
_OFFSET = r"(?a)([+-])(\d{1,4}) ?(d|w|m)"
_IN_N = r"(?a)in (\d{1,4}|a|an|one) (days?|weeks?|months?)"
_ISO = r"(?a)(\d{4})-(\d{1,2})-(\d{1,2})"
_SLASH = r"(?a)(\d{1,2})/(\d{1,2})(?:/(\d{4}))?"
_DASH = r"(?a)(\d{1,2})-(\d{1,2})"  # 12-5: month first, as 12/5
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY = r"(?a)([a-z]+)\.? " + _ORD + r"(?:,? (\d{4}))?"
_DAY_MONTH = r"(?a)" + _ORD + r" ([a-z]+)\.?(?:,? (\d{4}))?"


def _relativedelta(*, months: int = 0, day: int | None = None) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    return relativedelta(months=months, day=day)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's end (Jan 31 + 1 = Feb 28)."""
    return day + _relativedelta(months=months)


def _next_weekday(today: date, weekday: int) -> date:
    """The first such weekday strictly after today: on a Friday, "fri" is a week away.

    Plain arithmetic rather than relativedelta: `due:fri` is the most common phrase and
    importing dateutil would cost every such `collab add` ~3 ms.
    """
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def parse_date(phrase: str, today: date) -> date:
    """The date a phrase means, relative to ``today``; DateError if it means none."""
    # NFKC: full-width digits and punctuation (１２月５日, １２－５) read as plain ones.
    text = " ".join(unicodedata.normalize("NFKC", phrase).split()).lower()
    shown = phrase.strip()
    try:
        found = _parse(text, today)
    except (ValueError, OverflowError):  # out of range, e.g. 2026-02-30 or +9999m near 9999
        raise DateError(shown, t("error.date.no_such")) from None
    if found is None:
        raise DateError(shown)
    return found


def _parse(text: str, today: date) -> date | None:
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    if text in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[text])
    if text == "next week":
        return _next_weekday(today, 0)
    if text == "next month":
        return add_months(today.replace(day=1), 1)
    if text == "eow":
        # The working week ends on Friday; at the weekend that is the coming Friday.
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if text == "eom":
        return today + _relativedelta(day=31)  # day=31 clamps to the month's last day
    if match := re.fullmatch(_OFFSET, text):
        sign = 1 if match[1] == "+" else -1
        return _shift(today, sign * int(match[2]), match[3])
    if match := re.fullmatch(_IN_N, text):
        count = int(match[1]) if match[1].isdigit() else 1
        return _shift(today, count, match[2])
    if match := re.fullmatch(_ISO, text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := re.fullmatch(_SLASH, text):
        return _month_day(int(match[1]), int(match[2]), match[3], today)
    if match := re.fullmatch(_DASH, text):
        return _month_day(int(match[1]), int(match[2]), None, today)
    if (match := re.fullmatch(_MONTH_DAY, text)) and match[1] in MONTHS:
        return _month_day(MONTHS[match[1]], int(match[2]), match[3], today)
    if (match := re.fullmatch(_DAY_MONTH, text)) and match[2] in MONTHS:
        return _month_day(MONTHS[match[2]], int(match[1]), match[3], today)
    if not text.isascii():
        return _parse_zh(text, today)
    return None


# --- Chinese phrases (docs/DATES.md, "中文") ------------------------------------------------

_ZH_DAYS = {
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "大后天": 3,
    "昨天": -1,
    "前天": -2,
}
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_ZH_NUMBER = r"(\d{1,4}|[零〇一二两三四五六七八九十]{1,3})"
_ZH_WEEK = r"(?:周|星期|礼拜)"
# 周五 / 本周五 / 这周五 / 下周五 / 下个星期五 / 下下周五
_ZH_WEEKDAY_RE = r"(本|这个?|下个?|下下个?)?" + _ZH_WEEK + r"([一二三四五六日天])"
_ZH_AFTER = _ZH_NUMBER + r"(天|周|个星期|个礼拜|星期|个月)[以之]?后"
_ZH_DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?"


def _zh_number(text: str) -> int | None:
    """3, 三, 两, 十五, 二十, 二十三: whole numbers below 100 in Chinese or Arabic digits."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _ZH_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    ten_count = _ZH_DIGITS.get(tens) if tens else 1
    one_count = _ZH_DIGITS.get(ones) if ones else 0
    if ten_count is None or one_count is None:
        return None
    return ten_count * 10 + one_count


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())  # weeks start on Monday


def _parse_zh(text: str, today: date) -> date | None:
    """A Chinese date phrase, or None. The rules mirror the English ones (docs/DATES.md)."""
    text = text.replace(" ", "")
    if text in _ZH_DAYS:
        return today + timedelta(days=_ZH_DAYS[text])
    if text in ("下周", "下个星期", "下星期", "下礼拜", "下个礼拜"):
        return _week_start(today) + timedelta(days=7)
    if text == "下个月":
        return add_months(today.replace(day=1), 1)
    if text in ("周末", "本周末", "这周末"):
        return today if today.weekday() == 6 else _week_start(today) + timedelta(days=5)
    if text in ("月底", "本月底", "这个月底"):
        return today + _relativedelta(day=31)
    if text in ("年底", "今年年底"):
        return date(today.year, 12, 31)
    if match := re.fullmatch(_ZH_WEEKDAY_RE, text):
        which, weekday = match[1], _ZH_WEEKDAY[match[2]]
        if which is None:  # 周五: the next Friday strictly after today, like `fri`
            return _next_weekday(today, weekday)
        weeks = {"本": 0, "这": 0, "这个": 0, "下": 1, "下个": 1, "下下": 2, "下下个": 2}[which]
        return _week_start(today) + timedelta(days=7 * weeks + weekday)
    if match := re.fullmatch(_ZH_AFTER, text):
        count = _zh_number(match[1])
        if count is None:
            return None
        unit = {"天": "d", "周": "w", "个星期": "w", "星期": "w", "个礼拜": "w", "个月": "m"}
        return _shift(today, count, unit[match[2]])
    if match := re.fullmatch(_ZH_DATE, text):
        return _month_day(int(match[2]), int(match[3]), match[1], today)
    return None


def _shift(today: date, count: int, unit: str) -> date:
    if unit in _MONTH_UNITS:
        return add_months(today, count)
    return today + timedelta(days=count * _UNIT_DAYS[unit])


def _month_day(month: int, day: int, year: str | None, today: date) -> date:
    if year is not None:
        return date(int(year), month, day)
    date(2000, month, day)  # raises for a day no year has (2/30); 2000 is a leap year
    # Without a year: the next such date on or after today (Feb 29 waits for a leap year).
    for candidate_year in range(today.year, today.year + 8):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise ValueError("unreachable")  # pragma: no cover - a leap year comes within 8 years


# The formatters live with the other display words (collab_tui/words.py); these names stay
# for the callers that know them from here.
describe_due = relative
format_date = _format_date


def frozen_today() -> date | None:
    """The day COLLAB_TODAY=YYYY-MM-DD freezes (tests, demos, screenshots), else None.

    The one place that reads it: the shell and the app agree on what today is.
    """
    frozen = os.environ.get("COLLAB_TODAY", "").strip()
    if not frozen:
        return None
    try:
        return date.fromisoformat(frozen)
    except ValueError:
        raise DateError(t("error.date.collab_today", value=repr(frozen))) from None


# --- times of day (a planned meeting's time) -------------------------------------------------

_CLOCK = r"(?a)(\d{1,2})(?::(\d{2}))? ?(am|pm)?"
# 15点 / 下午3点 / 3点半 / 15点30 / 15点30分 / 晚上8点
_ZH_CLOCK = r"(上午|早上|中午|下午|晚上)?" + _ZH_NUMBER + r"[点時时](半|(\d{1,2})分?)?"
_AFTERNOON = ("下午", "晚上")


class TimeError(ValueError):
    """A phrase that is not a time of day; the message names it."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        super().__init__(t("error.time", phrase=phrase))


def parse_time(phrase: str) -> str:
    """A time of day as "HH:MM" (24-hour): 15:00, 9:30, 3pm, 3:30pm, 15点, 下午3点半."""
    text = unicodedata.normalize("NFKC", phrase).replace(" ", "").lower()
    hour: int | None = None
    minute = 0
    if match := re.fullmatch(_CLOCK, text):
        if match[2] is None and match[3] is None:
            raise TimeError(phrase.strip())  # a bare number is not a time
        hour, minute = int(match[1]), int(match[2] or 0)
        if match[3]:
            if not 1 <= hour <= 12:
                raise TimeError(phrase.strip())
            hour = hour % 12 + (12 if match[3] == "pm" else 0)
    elif match := re.fullmatch(_ZH_CLOCK, text):
        hour = _zh_number(match[2])
        minute = 30 if match[3] == "半" else int(match[4] or 0)
        if hour is not None and match[1] in _AFTERNOON and hour < 12:
            hour += 12
    if hour is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise TimeError(phrase.strip())
    return f"{hour:02d}:{minute:02d}"


def is_time(phrase: str) -> bool:
    try:
        parse_time(phrase)
    except TimeError:
        return False
    return True


# --- repeat rules (a recurring item's ``every``) -----------------------------------------------

# The stored rule is canonical: "day", "Nd", "week", "Nw", "month", "Nm" (N >= 2), or a
# weekday "mon".."sun". docs/DATES.md lists what is typed for them, English and Chinese.
_EVERY_WORDS = {
    "day": "day", "daily": "day", "d": "day",
    "week": "week", "weekly": "week", "w": "week",
    "fortnight": "2w", "fortnightly": "2w", "biweekly": "2w",
    "month": "month", "monthly": "month", "m": "month",
    "每天": "day", "每日": "day", "每周": "week", "每星期": "week", "每个星期": "week",
    "每月": "month", "每个月": "month",
}  # fmt: skip
_EVERY_N = r"(?a)(\d{1,3}) ?(d|days?|w|weeks?|m|months?)"
_ZH_EVERY_N = r"每" + _ZH_NUMBER + r"(天|日|周|个?星期|个月)"
_ZH_EVERY_WEEKDAY = r"每" + _ZH_WEEK + r"([一二三四五六日天])"
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class RuleError(ValueError):
    """Text that is not a repeat rule; the message names it and shows good ones."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        super().__init__(t("error.every", phrase=phrase))


def parse_every(phrase: str) -> str:
    """The canonical rule a typed repeat phrase means (``week``, ``2w``, ``mon``...)."""
    text = unicodedata.normalize("NFKC", phrase).replace(" ", "").lower()
    if text in _EVERY_WORDS:
        return _EVERY_WORDS[text]
    if text in WEEKDAYS:
        return _WEEKDAY_NAMES[WEEKDAYS[text]]
    if match := re.fullmatch(_ZH_EVERY_WEEKDAY, text):
        return _WEEKDAY_NAMES[_ZH_WEEKDAY[match[1]]]
    count: int | None = None
    unit = ""
    if match := re.fullmatch(_EVERY_N, text):
        count, unit = int(match[1]), match[2][0]
    elif match := re.fullmatch(_ZH_EVERY_N, text):
        count = _zh_number(match[1])
        unit = {"天": "d", "日": "d", "个月": "m"}.get(match[2], "w")
    if count is None or count < 1:
        raise RuleError(phrase.strip())
    if count == 1:
        return {"d": "day", "w": "week", "m": "month"}[unit]
    return f"{count}{unit}"


def is_every_rule(rule: str) -> bool:
    """Is ``rule`` a canonical rule, as stored (what validate accepts)?"""
    try:
        return parse_every(rule) == rule
    except RuleError:
        return False


def next_in_rule(rule: str, day: date) -> date:
    """The first date of the series ``rule`` strictly after ``day``."""
    if rule in _WEEKDAY_NAMES:
        return _next_weekday(day, _WEEKDAY_NAMES.index(rule))
    if rule in ("day", "week", "month"):
        count, unit = 1, rule[0]
    else:
        count, unit = int(rule[:-1]), rule[-1]
    return _shift(day, count, unit)


def first_in_rule(rule: str, today: date) -> date:
    """Where a new series starts without a due date: today, or (a weekday rule) the next
    such weekday, today included."""
    if rule in _WEEKDAY_NAMES:
        return next_in_rule(rule, today - timedelta(days=1))
    return today


def frozen_clock() -> time | None:
    """The time of day COLLAB_TIME=HH:MM freezes, else None (use the real clock).

    With COLLAB_TODAY and no COLLAB_TIME the clock reads 09:00 (the morning review), so a
    frozen day shows the same meetings as passed or to come on every run.
    """
    frozen = os.environ.get("COLLAB_TIME", "").strip()
    if frozen:
        try:
            return time.fromisoformat(parse_time(frozen))
        except TimeError:
            raise DateError(t("error.date.collab_time", value=repr(frozen))) from None
    return time(9, 0) if frozen_today() is not None else None
