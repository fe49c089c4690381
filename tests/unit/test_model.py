"""Records compare and show by their fields, as dataclasses do (model.ByValue)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from collab_tui.model import Contact, Interaction, Item, Kind, Role, Settings


def twin(item: Item) -> Item:
    return Item.from_dict(item.to_dict())


def test_records_with_equal_fields_are_equal():
    item = Item("send spec", kind=Kind.OWE, contact_ids=[1], due=date(2026, 12, 4))
    assert twin(item) == item and not (twin(item) != item)
    assert Settings() == Settings() and Role(3) == Role(3)


@pytest.mark.parametrize(
    "change",
    [
        lambda i: setattr(i, "title", "send the spec"),
        lambda i: i.contact_ids.append(2),
        lambda i: setattr(i, "due", None),
        lambda i: i.extra.update(colour="red"),
    ],
)
def test_any_field_changed_makes_them_differ(change):
    item = Item("send spec", contact_ids=[1], due=date(2026, 12, 4))
    other = twin(item)
    change(other)
    assert other != item and not (other == item)


def test_records_of_other_classes_are_never_equal():
    contact = Contact("Lan")
    assert contact != "Lan" and contact != Interaction(date(2026, 12, 3))
    assert Role(1) != Settings()


def test_records_are_unhashable_like_mutable_dataclasses():
    with pytest.raises(TypeError):
        hash(Item("x"))
    with pytest.raises(TypeError):
        {Role(1)}  # noqa: B018


def test_repr_names_each_field_in_order():
    assert repr(Role(3, ask="a 'test'")) == (
        "Role(contact_id=3, side=None, level=None, flow=None, step=0, ask=\"a 'test'\", gain='')"
    )
    shown = repr(Item("x"))
    assert shown.startswith("Item(title='x', kind=<Kind.TASK: 'task'>, id=0,")
    assert shown.endswith(")") and "extra={}" in shown


# --- built as @dataclass builds them (model.record) -------------------------------------


def test_built_from_positional_and_keyword_arguments_in_field_order():
    role = Role(7, None, None, None, 2, ask="review")
    assert (role.contact_id, role.step, role.ask, role.gain) == (7, 2, "review", "")
    assert Item("x", Kind.RISK).kind is Kind.RISK


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Item(), "missing required argument: 'title'"),
        (lambda: Item("x", titel="y"), "unexpected argument 'titel'"),
        (lambda: Item("x", title="y"), "two values for argument 'title'"),
        (lambda: Role(*range(8)), "takes 7 arguments, not 8"),
        (lambda: Interaction.from_dict({"summary": "no date"}), "required argument: 'date'"),
    ],
)
def test_wrong_arguments_are_a_type_error_naming_them(build, message):
    with pytest.raises(TypeError, match=message):
        build()


def test_each_record_gets_its_own_defaults():
    first, second = Item("a"), Item("b")
    first.tags.append("mine")
    first.extra["k"] = 1
    assert second.tags == [] and second.extra == {}
    assert first.uid != second.uid and first.created <= first.updated


def test_a_stored_dict_without_newer_fields_gets_their_defaults():
    item = Item.from_dict({"title": "from an old file", "id": 3})
    assert (item.title, item.id, item.after, item.every, item.extra) == (
        "from an old file", 3, [], None, {},
    )  # fmt: skip
    assert item == Item.from_dict(item.to_dict())


def test_dataclass_tools_still_work():
    item = Item("x", contact_ids=[1])
    assert [f.name for f in dataclasses.fields(item)][:3] == ["title", "kind", "id"]
    changed = dataclasses.replace(item, urgent=True)
    assert changed.urgent is True and changed.title == "x" and item.urgent is None
    assert changed.uid == item.uid
