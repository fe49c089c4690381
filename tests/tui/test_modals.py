"""Pilot tests of the modals: each is pushed on a bare App and driven by keys and clicks."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea
from textual.widgets._select import SelectOverlay

from collab_tui import actions, model
from collab_tui.model import (
    Contact,
    Interaction,
    InteractionKind,
    Item,
    Kind,
    Rating,
    Stance,
    Status,
)
from collab_tui.store import Store
from collab_tui.tui.modals import (
    CaptureModal,
    ConfirmDialog,
    ContactForm,
    DatePrompt,
    InteractionForm,
    ItemForm,
)
from collab_tui.tui.modals._base import ErrorLine

TODAY = date(2026, 3, 4)  # a Wednesday
FRIDAY = date(2026, 3, 6)
EVIL = "[@click=app.quit]Evil[/]"

UNSET = object()


def people() -> list[Contact]:
    return [
        Contact(name="小张", id=1, department="A", aliases=["Zhang"]),
        Contact(name="小蓝", id=2, department="B", aliases=["Lan"], boss_id=6),
        Contact(name="小明", id=3, department="C", aliases=["Ming"]),
        Contact(name=EVIL, id=4),
        Contact(name="[/]", id=5, department="[b]x"),
        Contact(name="Boss Wang", id=6, boss_id=7),
        Contact(name="Big Boss", id=7),
    ]


class ModalApp(App):
    """Pushes one modal at start and keeps what it was dismissed with."""

    def __init__(self, modal, theme: str = "textual-dark") -> None:
        super().__init__()
        self.modal = modal
        self.result = UNSET
        self.initial_theme = theme

    def on_mount(self) -> None:
        self.theme = self.initial_theme
        self.push_screen(self.modal, self._dismissed)

    def _dismissed(self, value) -> None:
        self.result = value


def run(modal, size=(100, 30), theme: str = "textual-dark"):
    app = ModalApp(modal, theme)
    return app, app.run_test(size=size)


def error_text(screen, selector: str = "ErrorLine") -> str:
    return " ".join(str(e.content) for e in screen.query(selector) if e.has_class("-shown"))


async def type_text(pilot, text: str) -> None:
    # pilot.press takes key names; typing CJK or punctuation goes in as characters.
    await pilot.press(*text)


# --- ConfirmDialog -------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "expected"), [("y", True), ("n", False), ("escape", False)])
async def test_confirm_keys(key, expected):
    app, ctx = run(ConfirmDialog("Delete 小蓝?"))
    async with ctx as pilot:
        await pilot.press(key)
        assert app.result is expected


async def test_confirm_enter_defaults_to_no_and_mouse_yes_works():
    app, ctx = run(ConfirmDialog("Delete?"))
    async with ctx as pilot:
        await pilot.press("enter")
        assert app.result is False
    app, ctx = run(ConfirmDialog("Delete?"))
    async with ctx as pilot:
        await pilot.click("#yes")
        assert app.result is True


async def test_confirm_shows_question_literally():
    app, ctx = run(ConfirmDialog(f"Delete {EVIL}?"))
    async with ctx as pilot:
        question = app.screen.query_one("#question", Static)
        assert str(question.content) == f"Delete {EVIL}?"
        await pilot.click("#question")  # a click on the text runs nothing
        assert app.is_running and app.result is UNSET


# --- DatePrompt ---------------------------------------------------------------------------


async def test_date_prompt_returns_the_date_and_shows_it_live():
    app, ctx = run(DatePrompt("Snooze until", TODAY))
    async with ctx as pilot:
        await type_text(pilot, "fri")
        feedback = app.screen.query_one("DateField .feedback", Static)
        assert "Fri 6 Mar" in str(feedback.content)
        await pilot.press("enter")
        assert app.result == FRIDAY


async def test_date_prompt_keeps_open_on_a_bad_phrase():
    app, ctx = run(DatePrompt("Snooze until", TODAY))
    async with ctx as pilot:
        await type_text(pilot, "frday")
        await pilot.press("enter")
        assert app.result is UNSET
        feedback = app.screen.query_one("DateField .feedback", Static)
        assert "frday" in str(feedback.content) and feedback.has_class("-error")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("enter")  # empty: still refused (None means cancel)
        assert app.result is UNSET
        await type_text(pilot, "+2d")
        await pilot.press("ctrl+s")
        assert app.result == date(2026, 3, 6)


async def test_date_prompt_initial_text_cursor_at_end_and_escape():
    app, ctx = run(DatePrompt("Review on", TODAY, initial="2026-03-1"))
    async with ctx as pilot:
        line = app.screen.query_one(Input)
        assert line.has_focus and line.cursor_position == len("2026-03-1")
        await pilot.press("0", "enter")
        assert app.result == date(2026, 3, 10)
    app, ctx = run(DatePrompt(EVIL, TODAY))
    async with ctx as pilot:
        await pilot.press("escape")
        assert app.result is None


# --- the forms save through actions, on a real store ---------------------------------------


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "collab.json")
    with store.batch():
        for contact in people():
            store.put(contact)
    yield store
    store.close()


def item_form(store, **changes) -> ItemForm:
    item = store.put(an_item(**changes))
    form = ItemForm(store.item(item.id), store.contacts(), TODAY)
    form.save = lambda fields: actions.edit_item(store, form.item, fields)
    return form


def contact_form(store, contact_id: int | None) -> ContactForm:
    contact = store.contact(contact_id) if contact_id else None
    form = ContactForm(contact, store.contacts())
    form.save = lambda fields: actions.save_contact(store, form.contact, fields)
    return form


def interaction_form(store, contact_ids=()) -> InteractionForm:
    return InteractionForm(
        store.contacts(),
        TODAY,
        contact_ids,
        save=lambda fields: actions.log_interaction(store, **fields),
    )


# --- ItemForm -----------------------------------------------------------------------------


def an_item(**changes) -> Item:
    fields = dict(
        title="send the spec",
        kind=Kind.OWE,
        id=9,
        due=FRIDAY,
        contact_ids=[2],
        tags=["orders"],
    )
    fields.update(changes)
    return Item(**fields)


async def test_item_form_edits_a_copy(store):
    form = item_form(store)
    item = form.item
    app, ctx = run(form)
    async with ctx as pilot:
        await type_text(pilot, " v2")
        await pilot.press("enter")
    edited = app.result
    assert isinstance(edited, Item) and edited is not item
    assert edited.title == "send the spec v2"
    assert item.title == "send the spec"  # the original is untouched
    assert (edited.kind, edited.due, edited.contact_ids, edited.tags, edited.id) == (
        Kind.OWE,
        FRIDAY,
        [2],
        ["orders"],
        9,
    )
    assert edited.due_history == []
    assert store.item(9).title == "send the spec v2"  # saved


async def test_item_form_every_field(store):
    app, ctx = run(item_form(store))
    async with ctx as pilot:
        screen = app.screen
        screen.query_one("#important", Checkbox).focus()
        await pilot.press("space")
        screen.query_one("#urgent", Select).value = "yes"
        due = screen.query_one("#due Input", Input)
        due.value = "mon"
        tags = screen.query_one("#tags", Input)
        tags.value = "#orders, payment  launch"
        screen.query_one("#notes", TextArea).text = "a note with [/] in it"
        picker = screen.query_one(SelectionList)
        picker.focus()
        await pilot.press("space")  # 小张 (first, highlighted) ticked
        screen.query_one("#status", Select).value = Status.DONE
        await pilot.press("ctrl+s")
    edited = app.result
    assert edited.important is True and edited.urgent is True
    assert edited.due == date(2026, 3, 9)
    assert edited.due_history == [FRIDAY]  # re-dated: the slip is kept
    assert edited.tags == ["orders", "payment", "launch"]
    assert edited.notes == "a note with [/] in it"
    assert edited.contact_ids == [2, 1]
    assert edited.status is Status.DONE and edited.closed is not None


async def test_item_form_bad_date_keeps_it_open(store):
    app, ctx = run(item_form(store))
    async with ctx as pilot:
        app.screen.query_one("#due Input", Input).value = "someday soon"
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        feedback = app.screen.query_one("#due .feedback", Static)
        assert "someday soon" in str(feedback.content)
        app.screen.query_one("#due Input", Input).value = ""  # empty = no date
        await pilot.press("ctrl+s")
    assert app.result.due is None


async def test_item_form_requires_a_title_and_escape_cancels(store):
    app, ctx = run(item_form(store, title="x"))
    async with ctx as pilot:
        await pilot.press("backspace", "enter")
        assert app.result is UNSET
        assert "needs a title" in error_text(app.screen)
        await pilot.press("escape")
        assert app.result is None


async def test_item_form_risk_fields_follow_the_kind(store):
    app, ctx = run(item_form(store))
    async with ctx as pilot:
        screen = app.screen
        assert not screen.query_one("#risk-fields").display
        # Choose "risk" in the kind Select from the keyboard: open, move down, pick.
        screen.query_one("#kind", Select).focus()
        await pilot.press("enter", "down", "down", "enter")  # owe -> wait -> risk
        await pilot.pause()
        assert screen.query_one("#kind", Select).value is Kind.RISK
        assert screen.query_one("#risk-fields").display
        assert screen.query_one("#important", Checkbox).value  # a risk is important
        screen.query_one("#likelihood", Select).value = Rating.HIGH
        screen.query_one("#impact", Select).value = Rating.MEDIUM
        screen.query_one("#mitigation", TextArea).text = "ask Ming's boss for a slot"
        screen.query_one("#review Input", Input).value = "bogus"
        await pilot.press("ctrl+s")
        assert app.result is UNSET  # a bad review date is refused like a bad due date
        screen.query_one("#review Input", Input).value = "fri"
        await pilot.press("ctrl+s")
    risk = app.result
    assert risk.kind is Kind.RISK
    assert (risk.likelihood, risk.impact, risk.review) == (Rating.HIGH, Rating.MEDIUM, FRIDAY)
    assert risk.mitigation == "ask Ming's boss for a slot"


async def test_item_form_occurred_is_for_risks_only(store):
    app, ctx = run(item_form(store))
    async with ctx as pilot:
        app.screen.query_one("#status", Select).value = Status.OCCURRED
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        assert "only a risk" in error_text(app.screen)


async def test_contact_picker_filters_and_keeps_choices(store):
    app, ctx = run(item_form(store, contact_ids=[2, 99]))
    async with ctx as pilot:
        screen = app.screen
        search = screen.query_one("#contact-filter", Input)
        search.focus()
        await type_text(pilot, "Ming")
        listing = screen.query_one(SelectionList)
        assert listing.option_count == 1
        await pilot.press("enter", "space")  # Enter in the filter moves into the list
        await pilot.press("shift+tab")
        search.value = ""
        await pilot.pause()
        assert listing.option_count == len(store.contacts())
        await pilot.press("ctrl+s")
    # 2 kept, 99 (a contact since deleted) kept, 3 added.
    assert app.result.contact_ids == [2, 99, 3]


async def test_item_form_mouse_save_and_cancel(store):
    app, ctx = run(item_form(store))
    async with ctx as pilot:
        await pilot.click("#cancel")
    assert app.result is None
    app, ctx = run(item_form(store))
    async with ctx as pilot:
        await pilot.click("#save")
    assert isinstance(app.result, Item)


# --- ContactForm -------------------------------------------------------------------------


async def test_contact_form_new_contact(store):
    app, ctx = run(contact_form(store, None))
    async with ctx as pilot:
        await type_text(pilot, "小红")
        screen = app.screen
        screen.query_one("#aliases", Input).value = "Hong, Red Xiao"
        screen.query_one("#department", Input).value = "D"
        screen.query_one("#boss", Select).value = 7
        screen.query_one("#stance", Select).value = Stance.NO_CAPACITY
        screen.query_one("#flow", Select).value = model.Flow.UPSTREAM
        screen.query_one("#kpis", TextArea).text = "approval rate\n\n  time to approve \n"
        screen.query_one("#concerns", TextArea).text = "headcount"
        screen.query_one("#gains", Input).value = "fewer complaints"
        screen.query_one("#tags", Input).value = "orders"
        await pilot.press("ctrl+s")
    contact = app.result
    assert isinstance(contact, Contact) and contact.id == 8  # saved, after the 7 people
    assert store.contact(8).name == "小红"
    assert contact.name == "小红" and contact.aliases == ["Hong", "Red Xiao"]
    assert contact.department == "D" and contact.boss_id == 7
    assert contact.stance is Stance.NO_CAPACITY and contact.flow is model.Flow.UPSTREAM
    assert contact.side is None and contact.level is None
    assert contact.kpis == ["approval rate", "time to approve"]
    assert contact.concerns == ["headcount"] and contact.gains == "fewer complaints"
    assert contact.tags == ["orders"]


async def test_contact_form_edit_keeps_what_it_does_not_show(store):
    lan = store.contact(2)
    lan.kpis = ["approval latency"]
    lan.extra = {"future": 1}
    store.put(lan)
    app, ctx = run(contact_form(store, 2))
    async with ctx as pilot:
        boss = app.screen.query_one("#boss", Select)
        assert boss.value == 6
        # The boss list is everyone else: not 小蓝 herself.
        assert 2 not in {value for _label, value in boss._options}
        app.screen.query_one("#boss", Select).value = Select.NULL
        await pilot.press("enter")
    edited = app.result
    assert edited is not lan and edited.id == 2 and edited.uid == lan.uid
    assert edited.boss_id is None and edited.kpis == ["approval latency"]
    assert edited.extra == {"future": 1} and edited.aliases == ["Lan"]


async def test_contact_form_name_errors(store):
    app, ctx = run(contact_form(store, None))
    async with ctx as pilot:
        await pilot.press("enter")
        assert app.result is UNSET
        assert "needs a name" in error_text(app.screen)
        await type_text(pilot, "小明")
        await pilot.press("enter")
        assert app.result is UNSET
        assert "already a name or alias of 小明" in error_text(app.screen)
        # An alias counts too: "Lan" is 小蓝's, so a new "lan" would make @Lan ambiguous.
        app.screen.query_one("#name", Input).value = "lan"
        await pilot.press("enter")
        assert app.result is UNSET
        assert "already a name or alias of 小蓝" in error_text(app.screen)
        await pilot.press("escape")
    assert app.result is None


async def test_contact_form_refuses_a_boss_loop(store):
    # Boss Wang reports to Big Boss (7); 小蓝 reports to Boss Wang
    app, ctx = run(contact_form(store, 7))
    async with ctx as pilot:
        app.screen.query_one("#boss", Select).value = 2
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        assert "their own boss" in error_text(app.screen)
    assert store.contact(7).boss_id is None


async def test_contact_form_shows_markup_names_literally():
    app, ctx = run(ContactForm(None, people()), size=(80, 24))
    async with ctx as pilot:
        boss = app.screen.query_one("#boss", Select)
        boss.focus()
        await pilot.press("enter")  # open the list: every label renders
        await pilot.pause()
        overlay = boss.query_one(SelectOverlay)
        labels = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert any(label.startswith(EVIL) for label in labels)
        assert any(label.startswith("[/]") and "[b]x" in label for label in labels)
        # Pick the evil contact with the mouse: nothing runs, the label stays literal.
        evil_index = next(i for i, label in enumerate(labels) if label.startswith(EVIL))
        await pilot.press(*["down"] * evil_index, "enter")
        await pilot.pause()
        assert boss.value == 4
        assert app.is_running
        await pilot.click(boss)
        await pilot.pause()
        assert app.is_running and app.result is UNSET


async def test_contact_picker_labels_are_literal_and_clickable(store):
    app, ctx = run(item_form(store, contact_ids=[]), size=(80, 24))
    async with ctx as pilot:
        listing = app.screen.query_one(SelectionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert labels[:3] == ["小张  Zhang, A", "小蓝  Lan, B", "小明  Ming, C"]
        assert labels[3] == EVIL and labels[4] == "[/]  [b]x"
        listing.scroll_to_widget(listing)
        await pilot.click(listing, offset=(5, 3))  # the evil one: ticked, nothing runs
        await pilot.pause()
        assert app.is_running and listing.selected == [4]
        await pilot.press("ctrl+s")
    assert app.result.contact_ids == [4]


# --- InteractionForm -------------------------------------------------------------------------


async def test_interaction_form_defaults(store):
    app, ctx = run(interaction_form(store, contact_ids=[2, 3]))
    async with ctx as pilot:
        await type_text(pilot, "API")
        await pilot.press("enter")
    logged = app.result
    assert isinstance(logged, Interaction) and logged.id == 1  # saved
    assert logged.date == TODAY and logged.kind is InteractionKind.MEETING
    assert logged.contact_ids == [2, 3] and logged.summary == "API"


async def test_interaction_form_fields_and_errors(store):
    app, ctx = run(interaction_form(store))
    async with ctx as pilot:
        await pilot.press("enter")  # nothing written yet: refused
        assert app.result is UNSET and "summary or a decision" in error_text(app.screen)
        screen = app.screen
        screen.query_one("#date Input", Input).value = "yesterdy"
        screen.query_one("#decisions", TextArea).text = "API by 3/20\nno slip"
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        assert "yesterdy" in str(screen.query_one("#date .feedback", Static).content)
        screen.query_one("#date Input", Input).value = "yesterday"
        screen.query_one("#kind", Select).value = InteractionKind.CALL
        screen.query_one("#tags", Input).value = "orders"
        await pilot.press("ctrl+s")
    logged = app.result
    assert logged.date == date(2026, 3, 3) and logged.kind is InteractionKind.CALL
    assert logged.decisions == ["API by 3/20", "no slip"] and logged.summary == ""
    assert logged.tags == ["orders"] and logged.contact_ids == []


# --- CaptureModal -----------------------------------------------------------------------------


def preview_text(app) -> str:
    return str(app.screen.query_one("#preview", Static).content)


async def test_capture_preview_and_enter():
    app, ctx = run(CaptureModal(people(), TODAY))
    async with ctx as pilot:
        app.screen.query_one(Input).value = "owe: send the spec @Lan due:fri"
        await type_text(pilot, " !")  # typing updates the preview too
        text = preview_text(app)
        assert "owe" in text and "send the spec" in text and "小蓝" in text
        assert "Fri 6 Mar" in text and "important" in text
        assert "new contact" not in text
        await pilot.press("enter")
    assert app.result == "owe: send the spec @Lan due:fri !"


async def test_capture_preview_of_a_planned_meeting_shows_its_day_and_time():
    app, ctx = run(CaptureModal(people(), TODAY))
    async with ctx as pilot:
        app.screen.query_one(Input).value = "meet: API sign-off @Lan on:fri 15:00"
        await pilot.pause()
        first = preview_text(app).splitlines()[0]
        assert first.startswith("planned meeting") and "Fri 6 Mar (in 2 days) 15:00" in first
        app.screen.query_one(Input).value = "会议：接口对齐 @Lan 时间：周五 下午3点"
        await pilot.pause()
        assert "Fri 6 Mar (in 2 days) 15:00" in preview_text(app).splitlines()[0]
        app.screen.query_one(Input).value = "meet: API review @Lan"  # held: logged today
        await pilot.pause()
        first = preview_text(app).splitlines()[0]
        assert first.startswith("meeting") and "Wed 4 Mar" in first and "15:00" not in first


async def test_capture_meeting_preview_with_new_contact():
    line = "meet: @Lan @小明 @小王 agreed the API #orders; owe: retest due:fri; risk: no slot"
    app, ctx = run(CaptureModal(people(), TODAY))
    async with ctx as pilot:
        app.screen.query_one(Input).value = line
        await pilot.pause()
        text = preview_text(app)
        lines = text.splitlines()
        assert lines[0].startswith("meeting") and "Wed 4 Mar" in lines[0]
        assert "小蓝, 小明, 小王 (new contact)" in lines[0] and "#orders" in lines[0]
        assert "retest" in lines[1] and "Fri 6 Mar" in lines[1] and "└" in lines[1]
        assert "risk" in lines[2] and "important" in lines[2]
        await pilot.press("ctrl+s")
    assert app.result == line


async def test_capture_preview_shows_a_stance_change_under_its_meeting():
    app, ctx = run(CaptureModal(people(), TODAY))
    async with ctx as pilot:
        app.screen.query_one(Input).value = "meet: plan @Lan; stance: @小明 no-capacity"
        await pilot.pause()
        lines = preview_text(app).splitlines()
        assert lines[0].startswith("meeting") and "小蓝, 小明" in lines[0]
        assert lines[1].strip() == "stance now: 小明: interested, no capacity"


async def test_capture_preview_of_a_stance_in_chinese_reads_as_one_sentence():
    from collab_tui import words

    words.set_language("zh")
    try:
        app, ctx = run(CaptureModal(people(), TODAY))
        async with ctx as pilot:
            app.screen.query_one(Input).value = "会议：排期 @Lan；立场：@小明 没人手"
            await pilot.pause()
            assert preview_text(app).splitlines()[1].strip() == "立场更新：小明：有意愿但没人力"
    finally:
        words.set_language(None)


async def test_capture_preview_names_the_project_each_record_joins():
    from collab_tui.model import Project

    projects = [
        Project("Checkout revamp", id=1, tag="checkout"),
        Project("Orders", id=2, tag="orders"),
    ]
    app, ctx = run(CaptureModal(people(), TODAY, projects=projects))
    async with ctx as pilot:
        line = "meet: sync @Lan project:check; decided: ship; owe: retest; task: x project:orders"
        app.screen.query_one(Input).value = line
        await pilot.pause()
        lines = preview_text(app).splitlines()
        assert lines[0].endswith("▸ project Checkout revamp")  # on the meeting's own line
        assert "project" not in lines[1] and "ship" in lines[1]  # its decision
        assert lines[2].endswith("▸ project Checkout revamp")  # from its meeting
        assert lines[3].endswith("▸ project Orders")
        app.screen.query_one(Input).value = "owe: retest project:nope"
        await pilot.pause()
        assert "no project" in str(app.screen.query_one("#capture-error").render())
        await pilot.press("enter")
        assert app.screen is not None and isinstance(app.screen, CaptureModal)  # refused


async def test_capture_error_blocks_enter():
    app, ctx = run(CaptureModal(people(), TODAY))
    async with ctx as pilot:
        app.screen.query_one(Input).value = "owe: spec due:"
        await type_text(pilot, "frday")
        assert "frday" in error_text(app.screen)
        await pilot.press("enter")
        assert app.result is UNSET
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "fri")
        assert error_text(app.screen) == ""
        await pilot.press("enter")
    assert app.result == "owe: spec due:fri"


async def test_capture_ambiguous_name_and_empty_line():
    contacts = people() + [Contact(name="小蓝花", id=8)]
    app, ctx = run(CaptureModal(contacts, TODAY))
    async with ctx as pilot:
        await pilot.press("enter")  # empty: nothing to capture
        assert app.result is UNSET
        app.screen.query_one(Input).value = "wait: approval @"
        await type_text(pilot, "小")
        assert "several contacts" in error_text(app.screen)
        await pilot.press("enter")
        assert app.result is UNSET
        await pilot.press("escape")
    assert app.result is None


async def test_capture_prefill_cursor_at_end_and_markup_literal():
    app, ctx = run(CaptureModal(people(), TODAY, prefill="owe: fix @Boss Wang"), size=(80, 24))
    async with ctx as pilot:
        line = app.screen.query_one(Input)
        assert line.has_focus and line.cursor_position == len(line.value)
        line.value = 'task: check [b]x[/b] @"[/]" @[@click=app.quit]Evil[/]'
        await pilot.pause()
        text = preview_text(app)
        assert "[b]x[/b]" in text and EVIL in text and "[/]" in text


# --- looks -------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize(
    "make",
    [
        lambda: CaptureModal(people(), TODAY, prefill="meet: @Lan; owe: spec due:fri"),
        lambda: ItemForm(an_item(kind=Kind.RISK), people(), TODAY),
        lambda: ContactForm(people()[1], people()),
        lambda: InteractionForm(people(), TODAY, [1]),
        lambda: DatePrompt("Snooze", TODAY, "fri"),
        lambda: ConfirmDialog("Delete?"),
    ],
)
async def test_every_modal_fits_80x24_and_renders_in_both_themes(make, theme):
    app, ctx = run(make(), size=(80, 24), theme=theme)
    async with ctx as pilot:
        await pilot.pause()
        region = app.screen.query_one("#dialog").region
        assert region.width <= 80 and region.height <= 24 and region.y >= 0
        for button in app.screen.query("Button"):  # the buttons are never scrolled away
            assert region.contains_region(button.region)
        assert app.export_screenshot()  # renders without error
        assert app.result is UNSET


@pytest.mark.parametrize(
    "make",
    [
        lambda: ItemForm(an_item(kind=Kind.RISK), people(), TODAY),
        lambda: ContactForm(people()[1], people()),
    ],
)
async def test_tab_walks_every_field_into_view_at_80x24(make):
    app, ctx = run(make(), size=(80, 24))
    async with ctx as pilot:
        fields = app.screen.query_one("#fields")
        seen = []
        while len(seen) < 30 and "save" not in seen:
            await pilot.press("tab")
            focused = app.focused
            seen.append(focused.id)
            if fields in focused.ancestors:
                assert fields.region.contains_region(focused.region)
        assert {"notes", "tags", "save"} <= set(seen)


async def test_error_lines_take_no_space_until_shown():
    app, ctx = run(ItemForm(an_item(), people(), TODAY))
    async with ctx:
        assert all(not e.display for e in app.screen.query(ErrorLine))
