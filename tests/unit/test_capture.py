"""The one-line capture grammar and name resolution (today frozen: Mon 23 Nov 2026)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from collab_tui.capture import (
    AmbiguousName,
    Capture,
    CaptureError,
    Draft,
    MeetingDraft,
    parse,
    plan,
    resolve_name,
)
from collab_tui.model import Contact, Kind

TODAY = date(2026, 11, 23)
FRI = date(2026, 11, 27)


def one(text: str) -> Draft:
    capture = parse(text, TODAY)
    assert capture.meeting is None
    assert len(capture.drafts) == 1
    return capture.drafts[0]


# --- the issue's examples -------------------------------------------------------------


def test_risk_example():
    assert one("risk: approval API may slip @小蓝 #orders review:fri") == Draft(
        Kind.RISK, "approval API may slip", ["小蓝"], ["orders"], review=FRI
    )


def test_owe_example():
    assert one("owe: send the revised spec @Lan due:tomorrow") == Draft(
        Kind.OWE, "send the revised spec", ["Lan"], due=date(2026, 11, 24)
    )


def test_wait_example():
    assert one("wait: approval result @Ming due:+3d !") == Draft(
        Kind.WAIT, "approval result", ["Ming"], due=date(2026, 11, 26), important=True
    )


def test_meeting_example():
    capture = parse(
        "meet: @Lan @Ming agreed to fix the approval bug instead of a new API; "
        "owe: retest payment flow due:fri; risk: Ming's team has no slot @Ming",
        TODAY,
    )
    assert capture == Capture(
        MeetingDraft("agreed to fix the approval bug instead of a new API", ["Lan", "Ming"]),
        [
            # no @name of its own: inherits the meeting's people
            Draft(Kind.OWE, "retest payment flow", ["Lan", "Ming"], due=FRI),
            Draft(Kind.RISK, "Ming's team has no slot", ["Ming"]),
        ],
    )
    assert capture.names() == ["Lan", "Ming"]


# --- clauses and kinds ----------------------------------------------------------------


def test_default_kind_is_task_and_title_whitespace_collapses():
    assert one("  call   the   architect  ") == Draft(Kind.TASK, "call the architect")


def test_kind_words_are_case_insensitive_and_may_touch_the_title():
    assert one("OWE:send spec").kind is Kind.OWE
    assert one("owe:send spec").title == "send spec"
    assert one("Task: x").kind is Kind.TASK


def test_full_width_punctuation_from_cjk_input_methods():
    capture = parse("owe：发送规格 ＠小蓝 due：fri；wait：审批结果 ＠小明 ！", TODAY)
    assert capture.drafts == [
        Draft(Kind.OWE, "发送规格", ["小蓝"], due=FRI),
        Draft(Kind.WAIT, "审批结果", ["小明"], important=True),
    ]


def test_unknown_word_with_colon_is_title_text():
    assert one("foo: bar") == Draft(Kind.TASK, "foo: bar")
    assert one("note: owe: x") == Draft(Kind.TASK, "note: owe: x")


def test_several_items_without_a_meeting():
    capture = parse("owe: a @Lan; wait: b @Ming; c", TODAY)
    assert [(d.kind, d.title, d.names) for d in capture.drafts] == [
        (Kind.OWE, "a", ["Lan"]),
        (Kind.WAIT, "b", ["Ming"]),
        (Kind.TASK, "c", []),
    ]


def test_empty_clauses_are_skipped():
    assert len(parse("a;; ;b;", TODAY).drafts) == 2


def test_semicolon_inside_quotes_does_not_split():
    assert one('say "a; b" to @Lan').title == 'say "a; b" to'


def test_decisions_belong_to_the_meeting():
    capture = parse(
        "meet: weekly sync @小张 #orders; decision: @小蓝 fixes the approval bug; "
        "decided: no new API; owe: retest due:fri",
        TODAY,
    )
    assert capture.meeting == MeetingDraft(
        "weekly sync",
        ["小张", "小蓝"],
        ["orders"],
        ["@小蓝 fixes the approval bug", "no new API"],
    )
    # items inherit the people named on the meet: clause itself
    assert capture.drafts == [Draft(Kind.OWE, "retest", ["小张"], due=FRI)]


def test_meeting_with_only_names():
    capture = parse("meet: @Lan; owe: spec", TODAY)
    assert capture.meeting == MeetingDraft("", ["Lan"])
    assert capture.drafts[0].names == ["Lan"]


def test_meeting_item_tags_are_not_inherited():
    capture = parse("meet: sync @Lan #orders; owe: spec", TODAY)
    assert capture.drafts[0].tags == []


# --- tokens ---------------------------------------------------------------------------


def test_names_any_script_quoted_and_trailing_punctuation():
    draft = one('ask @小蓝, @"Li Lei". @Ming! @Lan) @张三？ about it')
    assert draft.names == ["小蓝", "Li Lei", "Ming", "Lan", "张三"]
    assert draft.title == "ask about it"


def test_quoted_name_collapses_spaces_and_duplicates_are_dropped():
    assert one('x @"Two   Words" @two words @Lan @lan').names == ["Two Words", "two", "Lan"]


def test_tags_and_issue_numbers():
    draft = one("fix bug #123 #orders #Orders #支付,")
    assert draft.tags == ["orders", "支付"]
    assert draft.title == "fix bug #123"


def test_important_only_as_standalone_token():
    assert one("x !").important
    assert not one("x wow!").important
    assert one("x wow!").title == "x wow!"


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("x due:fri", FRI),
        ("x DUE:Fri", FRI),
        ('x due:"next week"', date(2026, 11, 30)),
        ("x due:next week", date(2026, 11, 30)),
        ("x due:in 3 days", date(2026, 11, 26)),
        ("x due:Dec 1", date(2026, 12, 1)),
        ("x due:Dec 1 2027", date(2027, 12, 1)),
        ("x due:12/1", date(2026, 12, 1)),
        ("x due:2026-12-01", date(2026, 12, 1)),
        ("x due: fri", FRI),  # a space after the colon is forgiven
    ],
)
def test_due_phrases(text, due):
    draft = one(text)
    assert draft.due == due
    assert draft.title == "x"


def test_when_takes_the_longest_run_that_is_a_date():
    draft = one("owe: spec due:fri review draft @Lan")
    assert draft.due == FRI
    assert draft.title == "spec review draft"
    assert one("x due:tomorrow 3 things").title == "x 3 things"


def test_review_on_a_risk():
    draft = one("risk: slip review:+2w due:eom")
    assert (draft.review, draft.due) == (date(2026, 12, 7), date(2026, 11, 30))


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "message"),
    [
        ("owe:", "owe:", "owe: needs a title"),
        ("owe: @Lan due:fri", "owe:", "owe: needs a title"),
        ("@Lan", "task:", "task: needs a title"),
        ("", "", "nothing to capture"),
        (" ; ", "", "nothing to capture"),
        ('say "hello to @Lan', '"hello to @Lan', "unterminated quote"),
        ("x @", "@", "bare @"),
        ("x @,", "@,", "bare @"),
        ('x @""', '@""', "bare @"),
        ("x #", "#", "bare #"),
        ("owe: x review:fri", "review:fri", "review: is for risks only"),
        ("x due:blah", "due:blah", "not a date: due:blah"),
        ("x due:2026-02-30", "due:2026-02-30", "not a date"),
        ('x due:"next year"', 'due:"next year"', "not a date"),
        ("x due:", "due:", "needs a date"),
        ("x due:fri due:mon", "due:mon", "given twice"),
        ("owe: a; meet: b", "meet:", "meet: must start the line"),
        ("owe: a; decision: b", "decision:", "decision: belongs in a line"),
        ("decided: b", "decided:", "belongs in a line that starts with meet:"),
        ("meet: sync due:fri", "due:fri", "takes no date"),
        ("meet: sync !", "!", "a meet: cannot be"),
        ("meet: #orders", "meet:", "meet: needs a summary or an @name"),
        ("meet: @Lan; decision:", "decision:", "needs the decision's text"),
        ('x @"Lan"y', '@"Lan"y', "cannot read"),
    ],
)
def test_errors_name_the_bad_token(text, token, message):
    with pytest.raises(CaptureError, match=message) as caught:
        parse(text, TODAY)
    assert caught.value.token == token
    assert isinstance(caught.value, ValueError)
    assert token in str(caught.value) or token in ("", "task:")


@given(st.text())
@example('meet: "a; b" @"x ; y"; decision: z; owe: q due:"fri')
@example("risk: 小蓝 @小蓝 ＠＃ # @ ! ！ review:：due: ; ; decided：")
def test_any_text_parses_or_raises_capture_error(text):
    try:
        capture = parse(text, TODAY)
    except CaptureError as error:
        assert isinstance(error.token, str)
        return
    assert isinstance(capture, Capture)
    for draft in capture.drafts:
        assert draft.title == " ".join(draft.title.split()) != ""


GRAMMAR_WORDS = [
    "owe:",
    "meet:",
    "risk:",
    "decision:",
    "due:",
    "review:",
    "fri",
    "next",
    "week",
    "+3d",
    "Dec",
    "1",
]
ALPHABET = st.sampled_from(list('abc 小蓝明 "";；:：@＠#＃!！') + GRAMMAR_WORDS)


@given(st.lists(ALPHABET, max_size=25).map("".join))
def test_grammar_shaped_text_parses_or_raises_capture_error(text):
    try:
        parse(text, TODAY)
    except CaptureError:
        pass


# --- names ----------------------------------------------------------------------------


def contacts() -> list[Contact]:
    return [
        Contact("小张", id=1, aliases=["Zhang"]),
        Contact("小蓝", id=2, aliases=["Lan", "Lan Lan"]),
        Contact("小明", id=3, aliases=["Ming"]),
        Contact("Li Lei", id=4),
        Contact("Li Na", id=5),
        Contact("ＡＢＣ Team", id=6),  # full-width letters
    ]


@pytest.mark.parametrize(
    ("name", "contact_id"),
    [
        ("小蓝", 2),
        ("lan", 2),  # alias, case-insensitive
        ("LAN", 2),
        ("Lan Lan", 2),
        ("zh", 1),  # unique prefix of an alias
        ("Li Le", 4),
        ("abc team", 6),  # NFKC: full-width equals half-width
        ("小张", 1),
        ("Nobody", None),
        ("", None),
    ],
)
def test_resolve_name(name, contact_id):
    found = resolve_name(name, contacts())
    assert (found.id if found else None) == contact_id


def test_exact_match_wins_over_prefix():
    people = [Contact("Lan", id=1), Contact("Lana", id=2)]
    assert resolve_name("lan", people).id == 1


def test_ambiguous_prefix_lists_candidates():
    with pytest.raises(AmbiguousName) as caught:
        resolve_name("li", contacts())
    assert caught.value.token == "li"
    assert [c.id for c in caught.value.candidates] == [4, 5]
    assert "Li Lei (#4), Li Na (#5)" in str(caught.value)
    assert isinstance(caught.value, CaptureError)


def test_ambiguous_prefix_of_cjk_names():
    # Candidates are listed in pinyin order: xiao lan, xiao ming, xiao zhang.
    with pytest.raises(AmbiguousName, match="小蓝.*小明.*小张"):
        resolve_name("小", contacts())


def test_two_contacts_with_the_same_name_are_ambiguous():
    with pytest.raises(AmbiguousName):
        resolve_name("Lan", [Contact("Lan", id=1), Contact("lan", id=2)])


def test_plan_resolves_each_name_once_and_lists_new_ones_in_order():
    capture = parse("meet: @Lan @Wang sync; owe: spec @lan @Wang; wait: x @Zhao @wang", TODAY)
    result = plan(capture, contacts())
    assert result.capture is capture
    assert result.resolved["Lan"].id == 2
    assert result.resolved["lan"].id == 2
    assert result.resolved["Wang"] is None
    assert result.resolved["wang"] is None
    assert result.new_names == ["Wang", "Zhao"]
    assert result.new_name_for("wang") == "Wang"


def test_plan_raises_on_an_ambiguous_name():
    with pytest.raises(AmbiguousName):
        plan(parse("x @Li", TODAY), contacts())


def test_capture_path_imports_stay_light():
    code = (
        "import sys, collab_tui.capture\n"
        "heavy = {'textual', 'rich', 'dateutil', 'calendar'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_chinese_dates_in_due_and_review() -> None:
    (wait,) = parse("wait: 审批结果 @小明 due:明天", TODAY).drafts
    assert wait.due == date(2026, 11, 24) and wait.title == "审批结果"
    (owe,) = parse("owe: 接口文档 @小蓝 due：下周三", TODAY).drafts  # full-width colon
    assert owe.due == date(2026, 12, 2)
    (risk,) = parse("risk: 联调可能延期 review:月底", TODAY).drafts
    assert risk.review == date(2026, 11, 30)


def test_chinese_kind_and_field_words_with_full_width_punctuation() -> None:
    line = "会议：@小蓝 @小明 确认接口方案；决定：不新增接口；我欠：重新测试支付流程 截止：周五 ！"
    capture = parse(line, TODAY)
    assert capture.meeting is not None
    assert capture.meeting.summary == "确认接口方案"
    assert capture.meeting.names == ["小蓝", "小明"]
    assert capture.meeting.decisions == ["不新增接口"]
    (owe,) = capture.drafts
    assert (owe.kind, owe.title, owe.due, owe.important) == (
        Kind.OWE,
        "重新测试支付流程",
        date(2026, 11, 27),
        True,
    )
    (risk,) = parse("风险：联调可能延期 @小明 复查：月底", TODAY).drafts
    assert (risk.kind, risk.review) == (Kind.RISK, date(2026, 11, 30))
    for word, kind in [("任务", Kind.TASK), ("承诺", Kind.OWE), ("等待", Kind.WAIT)]:
        (draft,) = parse(f"{word}：整理需求 到期：明天", TODAY).drafts
        assert (draft.kind, draft.title, draft.due) == (kind, "整理需求", date(2026, 11, 24))


def test_chinese_words_follow_the_same_rules_as_the_english_ones() -> None:
    with pytest.raises(CaptureError, match="review"):
        parse("任务：整理需求 复查：明天", TODAY)  # only a risk has a review date
    with pytest.raises(CaptureError):
        parse("决定：不新增接口", TODAY)  # a decision belongs to a meeting
    (draft,) = parse("整理需求 任务：不是开头", TODAY).drafts  # a kind word only leads a clause
    assert draft.kind is Kind.TASK and "任务：不是开头" in draft.title


@pytest.mark.parametrize(
    ("line", "stances"),
    [
        ("meet: plan @小蓝; stance: @小明 no-capacity", [("小明", "no-capacity")]),
        ("meet: plan; stance: @Ming no capacity; stance: @Lan EAGER",
         [("Ming", "no-capacity"), ("Lan", "eager")]),
        ("会议：排期 @小蓝；立场：@小明 没人力", [("小明", "no-capacity")]),
        ("开会：@小明；立场：＠小明 积极", [("小明", "eager")]),
        ("meet: x; stance: @Ming refuses; stance: @ming eager", [("Ming", "eager")]),  # corrected
    ],
)  # fmt: skip
def test_a_stance_clause_sets_where_one_person_stands(line, stances):
    meeting = parse(line, TODAY).meeting
    assert meeting is not None and meeting.stances == stances
    for name, _ in stances:  # the person joins the meeting
        assert name in meeting.names


@pytest.mark.parametrize(
    "line",
    [
        "stance: @小明 eager",  # no meeting
        "meet: x; stance: eager",  # nobody
        "meet: x; stance: @a @b eager",  # two people
        "meet: x; stance: @a happy",  # not a stance
        "meet: x on:fri; stance: @a eager",  # a planned meeting has not shown anything yet
        "meet: x; stance: @a eager due:fri",  # no dates
    ],
)
def test_a_bad_stance_clause_is_an_error_naming_it(line):
    with pytest.raises(CaptureError, match="stance"):
        parse(line, TODAY)
