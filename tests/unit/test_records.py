"""``@record_class`` behaves as ``@dataclass`` does for what this code base uses."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, field

import pytest

from collab_tui.records import build, record_class


@record_class
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


@record_class
class Point3(Point):
    z: int = 0


@record_class(frozen=True)
class Key:
    name: str
    level: int = 1


@record_class
class Custom:
    value: int

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Custom) and abs(self.value - other.value) < 2

    def __repr__(self) -> str:
        return f"<{self.value}>"


def test_fields_repr_and_equality_skip_what_field_says_to():
    one, two = Point(1, tags=["a"]), Point(1, tags=["a"])
    one.cache["seen"] = 1
    assert one == two  # cache: compare=False
    assert repr(one) == "Point(x=1, y=0, tags=['a'])"  # cache: repr=False
    assert one != Point(1, 2, ["a"]) and one != (1, 0, ["a"])


def test_a_subclass_takes_its_bases_fields_first():
    point = Point3(1, 2, [], {}, 3)
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "tags", "cache", "z"]
    assert (point.x, point.y, point.z) == (1, 2, 3)
    assert Point3(1) != Point(1)  # another class


def test_a_frozen_record_refuses_changes_and_hashes_by_value():
    key = Key("send")
    with pytest.raises(FrozenInstanceError):
        key.name = "other"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del key.level  # type: ignore[misc]
    assert {Key("send"): 1}[key] == 1 and hash(key) == hash(Key("send", 1))
    assert dataclasses.replace(key, level=2) == Key("send", 2)


def test_a_mutable_record_is_unhashable():
    with pytest.raises(TypeError):
        hash(Point(1))


def test_a_class_keeps_its_own_eq_and_repr():
    assert Custom(1) == Custom(2) and repr(Custom(5)) == "<5>"


def test_build_fills_the_defaults_without_init():
    built = build(Point, {"x": 4})
    assert built == Point(4) and built.tags is not Point(4).tags
    with pytest.raises(TypeError, match="missing required argument: 'x'"):
        build(Point, {"y": 1})
