"""Records compare and show by their fields, as dataclasses do (model.ByValue)."""

from __future__ import annotations

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
