"""The Markdown status report: sections, the period, the tag filter, escaping."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from collab_tui.interop.report import status_report
from collab_tui.model import Contact, Interaction, InteractionKind, Item, Kind, Rating, Status

TODAY = date(2026, 11, 24)
SINCE = date(2026, 11, 17)


def noon(day: int) -> datetime:
    return datetime(2026, 11, day, 12, tzinfo=UTC)


@pytest.fixture
def filled(store):
    lan = store.add(Contact(name="小蓝"))
    ming = store.add(Contact(name="Ming"))
    store.put(
        Item(
            title="API definition agreed",
            status=Status.DONE,
            closed=noon(18),
            contact_ids=[lan.id],
            tags=["orders"],
        )
    )
    store.put(Item(title="old thing", status=Status.DONE, closed=noon(2)))
    store.add(
        Item(
            title="send revised spec",
            kind=Kind.OWE,
            due=date(2026, 11, 21),
            contact_ids=[lan.id],
            notes="waiting for the architect",
            tags=["orders"],
        )
    )
    store.add(
        Item(
            title="joint debugging",
            due=date(2026, 12, 8),
            due_history=[date(2026, 11, 20), date(2026, 12, 1)],
            notes="Ming's team has no slot",
            tags=["orders"],
        )
    )
    store.add(
        Item(
            title="approval API may slip",
            kind=Kind.RISK,
            likelihood=Rating.MEDIUM,
            impact=Rating.HIGH,
            mitigation="agree milestones",
            review=date(2026, 12, 1),
            contact_ids=[lan.id, ming.id],
            tags=["orders"],
        )
    )
    store.add(
        Item(
            title="charged before approval",
            kind=Kind.RISK,
            status=Status.OCCURRED,
            impact=Rating.HIGH,
        )
    )
    store.add(Item(title="closed risk", kind=Kind.RISK, status=Status.DROPPED))
    store.add(
        Item(
            title="approval result",
            kind=Kind.WAIT,
            due=date(2026, 11, 27),
            contact_ids=[ming.id],
            tags=["orders"],
        )
    )
    store.add(Item(title="status API doc", kind=Kind.WAIT, contact_ids=[lan.id, ming.id]))
    store.add(Item(title="a reply from someone", kind=Kind.WAIT))
    store.add(
        Interaction(
            date=date(2026, 11, 19),
            summary="meeting 4, bosses present",
            contact_ids=[lan.id, ming.id],
            tags=["orders"],
            decisions=["fix the bug on Lan's side", "no slip"],
        )
    )
    store.add(
        Interaction(date=date(2026, 11, 10), summary="too early", decisions=["before the period"])
    )
    store.add(
        Interaction(date=date(2026, 11, 20), kind=InteractionKind.CHAT, summary="no decisions here")
    )
    return store


def section(report: str, heading: str) -> str:
    """The text under one '## ' heading, up to the next one."""
    start = report.index(f"## {heading}\n")
    end = report.find("\n## ", start + 1)
    return report[start : end if end != -1 else len(report)]


def test_title_and_summary(filled):
    report = status_report(filled, SINCE, None, TODAY)
    assert report.startswith("# Status report: 2026-11-17 to 2026-11-24\n")
    assert "Done 1 · slipped 2 · open risks 2 · waiting on 2 people" in report


def test_done_since(filled):
    done = section(status_report(filled, SINCE, None, TODAY), "Done since 2026-11-17")
    assert "- API definition agreed (done 2026-11-18) — with 小蓝" in done
    assert "old thing" not in done


def test_slipped_shows_overdue_and_redated_with_notes(filled):
    slipped = section(status_report(filled, SINCE, None, TODAY), "Slipped")
    assert (
        "- **send revised spec**: overdue: due 2026-11-21, 3 days late — with 小蓝\n"
        "  - Notes: waiting for the architect"
    ) in slipped
    assert (
        "- **joint debugging**: re-dated 2026-11-20 → 2026-12-01 → 2026-12-08\n"
        "  - Notes: Ming's team has no slot"
    ) in slipped


def test_open_risks(filled):
    risks = section(status_report(filled, SINCE, None, TODAY), "Open risks")
    assert (
        "- **approval API may slip**: likelihood medium, impact high\n"
        "  - Mitigation: agree milestones\n"
        "  - Owner: 小蓝, Ming\n"
        "  - Review: 2026-12-01"
    ) in risks
    assert risks.index("charged before approval** (occurred)") < risks.index("approval API")
    assert "closed risk" not in risks


def test_waiting_on_grouped_by_counterpart(filled):
    waiting = section(status_report(filled, SINCE, None, TODAY), "Waiting on")
    assert waiting.index("### Ming") < waiting.index("### 小蓝") < waiting.index("(no one")
    ming = waiting[waiting.index("### Ming") : waiting.index("### 小蓝")]
    assert "- approval result (due 2026-11-27, in 3 days)" in ming
    assert "- status API doc" in ming
    assert "- status API doc" in waiting[waiting.index("### 小蓝") :]
    assert "### (no one named)\n\n- a reply from someone" in waiting


def test_decisions_in_the_period_only(filled):
    decisions = section(status_report(filled, SINCE, None, TODAY), "Decisions")
    assert (
        "- 2026-11-19, meeting with 小蓝, Ming: meeting 4, bosses present\n"
        "  - fix the bug on Lan's side\n"
        "  - no slip"
    ) in decisions
    assert "too early" not in decisions and "no decisions here" not in decisions


def test_tag_filter(filled):
    report = status_report(filled, SINCE, "#orders", TODAY)
    assert "Tag: \\#orders" in report
    assert "charged before approval" not in report
    assert "a reply from someone" not in report
    assert "approval API may slip" in report and "meeting 4" in report


def test_empty_sections_say_nothing(store):
    report = status_report(store, SINCE, None, TODAY)
    for heading in ("Done since 2026-11-17", "Slipped", "Open risks", "Waiting on", "Decisions"):
        assert section(report, heading).strip().endswith("Nothing."), heading


def test_default_period_is_the_last_week(store):
    assert status_report(store, None, None, TODAY).startswith(
        "# Status report: 2026-11-17 to 2026-11-24"
    )


def test_user_text_cannot_make_headings_or_tables(store):
    evil = store.add(Contact(name="# Evil | boss"))
    store.add(
        Item(
            title="# heading?\n## more",
            kind=Kind.WAIT,
            contact_ids=[evil.id],
            due=date(2026, 11, 1),
            notes="| a | b |\n|---|---|\n> quote <script>",
        )
    )
    report = status_report(store, SINCE, None, TODAY)
    lines = report.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# Status report: 2026-11-17 to 2026-11-24",
        "## Done since 2026-11-17",
        "## Slipped",
        "## Open risks",
        "## Waiting on",
        "### \\# Evil \\| boss",
        "## Decisions",
    ]
    assert not any(line.startswith(("|", ">")) for line in lines)
    assert "\\| a \\| b \\| \\|---\\|---\\| \\> quote \\<script\\>" in report


# --- the report in Chinese (the words are report.* in collab_tui/words.py) ------------------


@pytest.fixture
def chinese():
    from collab_tui import words

    words.set_language("zh")
    yield
    words.set_language(None)


ENGLISH_WORDS = re.compile(
    r"Status report|Done|Slipped|Open risks|Waiting on|Decisions|Nothing|no one named|"
    r"\bwith\b|Notes:|Mitigation|Owner|Review|likelihood|impact|occurred|overdue|re-dated|"
    r"\bdue\b|\bdone\b|meeting|days late|in \d+ days"
)


def test_the_report_in_chinese(filled, chinese):
    report = status_report(filled, SINCE, None, TODAY)
    headings = [line for line in report.splitlines() if line.startswith("#")]
    assert headings == [
        "# 工作进展报告：2026年11月17日 至 2026年11月24日",
        "## 本期完成（自2026年11月17日起）",
        "## 延期",
        "## 未关闭的风险",
        "## 等待对方",
        "### Ming",
        "### 小蓝",
        "### （未指定对方）",
        "## 本期决定",
    ]
    assert "本期完成1项，延期2项，未关闭风险2个，等待2人答复。" in report
    assert "- 11月18日完成：API definition agreed（对接人：小蓝）" in report
    assert (
        "- **send revised spec**：原定11月21日截止，逾期3天（对接人：小蓝）\n"
        "  - 备注：waiting for the architect"
    ) in report
    assert "- **joint debugging**：改期 11月20日 → 12月1日 → 12月8日" in report
    assert (
        "- **approval API may slip**：可能性中、影响高\n"
        "  - 应对措施：agree milestones\n"
        "  - 负责人：小蓝、Ming\n"
        "  - 复查日期：12月1日"
    ) in report
    assert "- **charged before approval**（已发生）：影响高" in report
    assert "- approval result（11月27日截止，3天后）" in report
    assert "- 11月19日 会议（小蓝、Ming）：meeting 4, bosses present\n" in report
    # What is left in English is the user's own text, never the report's words.
    own_text = re.compile(r"API definition agreed|send revised spec|approval|Ming|meeting 4")
    assert not ENGLISH_WORDS.search(own_text.sub("", report)), ENGLISH_WORDS.findall(report)


def test_empty_sections_say_nothing_in_chinese(store, chinese):
    report = status_report(store, SINCE, None, TODAY)
    assert report.count("\n无。\n") == 5
    assert "本期完成0项，延期0项，未关闭风险0个，等待0人答复。" in report


def test_a_date_in_another_year_has_its_year_in_chinese(store, chinese):
    store.add(Item(title="年后再说", kind=Kind.WAIT, due=date(2027, 1, 4)))
    report = status_report(store, SINCE, None, TODAY)
    assert "- 年后再说（2027年1月4日截止，6周后）" in report


@pytest.mark.parametrize("language", ["en", "zh"])
def test_user_text_is_escaped_in_both_languages(store, language):
    from collab_tui import words

    words.set_language(language)
    try:
        evil = store.add(Contact(name="# Evil | boss"))
        store.add(
            Item(
                title="**bold** _it_ [link](x)",
                kind=Kind.RISK,
                mitigation="| a | b |",
                contact_ids=[evil.id],
                review=date(2026, 11, 30),
            )
        )
        store.add(
            Interaction(
                date=date(2026, 11, 20),
                summary="<b>hi</b> `code`",
                contact_ids=[evil.id],
                decisions=["# not a heading"],
            )
        )
        report = status_report(store, SINCE, None, TODAY)
    finally:
        words.set_language(None)
    assert "**\\*\\*bold\\*\\* \\_it\\_ \\[link\\](x)**" in report
    assert "\\| a \\| b \\|" in report
    assert "\\# Evil \\| boss" in report
    assert "\\<b\\>hi\\</b\\> \\`code\\`" in report
    assert "  - \\# not a heading" in report
    lines = report.splitlines()
    assert not any(line.startswith(("|", ">", "# Evil", "# not")) for line in lines)


def test_a_weekly_report_reads_only_its_weeks_unless_a_decision_links_further_back(store):
    """Items closed and decisions logged before the period come from months the report
    does not read (a damaged one from last year stops nothing); an item finished long
    ago that this week's decision names still counts for the tag."""
    from collab_tui.store import Store
    from collab_tui.store.store import segment_path

    long_ago = datetime(2025, 6, 3, 9, 0, tzinfo=UTC)
    old = store.put(
        Item("payment API v1", status=Status.DONE, tags=["orders"],
             created=long_ago, updated=long_ago, closed=long_ago)
    )  # fmt: skip
    store.add(Interaction(date=date(2025, 2, 3), summary="kick-off", decisions=["go"]))
    store.add(
        Interaction(
            date=date(2026, 11, 20), summary="v1 follow-up",
            decisions=["keep v1's error codes"], item_ids=[old.id],
        )
    )  # fmt: skip
    segment_path(store.path, "2025-02").write_bytes(b"{ damaged")
    with Store.open(store.path) as fresh:
        report = status_report(fresh, SINCE, tag="orders", today=TODAY)
        assert "keep v1's error codes" in report  # linked through the old item's tag
        assert re.search(r"\bgo\b", report) is None  # decided before the period
        assert "payment API v1" not in report  # finished long before the period
