"""``@record_class``: a dataclass whose ``__init__``, ``__eq__`` and ``__repr__`` are shared.

``@dataclass`` writes out those methods as source for each class and compiles them when
the module is imported: for the ~60 record classes here, every ``collab`` command and the
app's start paid for it (the model's import alone took 54 M instructions, now 17 M;
`collab add` as a whole went from 325 M to 269 M: ``bench/bench_instructions.py``).
``@record_class`` lets ``dataclass`` collect the fields (``fields()`` and
``dataclasses.replace()`` work as usual) and gives the class one shared, generic version
of each method instead. Type checkers read it as ``@dataclass`` (``dataclass_transform``).

The shared ``__init__`` checks its arguments as the generated one does, but costs a few
microseconds more a call; ``build`` makes a record from known field values without it
(``model.from_dict``, 30,000 records at a load). A class's own ``__eq__`` or ``__repr__``
is kept. No ``__post_init__``, ``InitVar``, ``kw_only`` or slots: none is used here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import Any, NamedTuple, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")


class _Fields(NamedTuple):
    names: tuple[str, ...]  # every field, in declaration order
    known: frozenset[str]
    defaults: dict[str, Any]  # name -> default value
    factories: dict[str, Callable[[], Any]]  # name -> what makes its default
    compared: tuple[str, ...]  # fields that ``==`` compares (``field(compare=False)``: not)
    shown: tuple[str, ...]  # fields ``repr`` shows (``field(repr=False)``: not)


_FIELDS: dict[type, _Fields] = {}


def _fields_of(cls: type) -> _Fields:
    found = _FIELDS.get(cls)
    if found is None:
        every = fields(cls)
        names = tuple(f.name for f in every)
        found = _FIELDS[cls] = _Fields(
            names,
            frozenset(names),
            {f.name: f.default for f in every if f.default is not MISSING},
            {f.name: f.default_factory for f in every if f.default_factory is not MISSING},
            tuple(f.name for f in every if f.compare),
            tuple(f.name for f in every if f.repr),
        )
    return found


def _with_defaults(cls: type, values: dict[str, Any], spec: _Fields) -> dict[str, Any]:
    """``values`` (known fields only) completed with the defaults, made in field order."""
    if len(values) < len(spec.names):
        for name in spec.names:
            if name not in values:
                if name in spec.factories:
                    values[name] = spec.factories[name]()
                elif name in spec.defaults:
                    values[name] = spec.defaults[name]
                else:
                    raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
    return values


def build(cls: type[_T], values: dict[str, Any]) -> _T:
    """A record of ``cls`` from ``values`` (field name -> value, known fields only), the
    fields it lacks set to their defaults; not through ``__init__``. Takes ``values``."""
    made = cls.__new__(cls)
    made.__dict__.update(_with_defaults(cls, values, _fields_of(cls)))
    return made


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    spec = _fields_of(cls)
    if len(args) > len(spec.names):
        raise TypeError(f"{cls.__name__}() takes {len(spec.names)} arguments, not {len(args)}")
    values = dict(zip(spec.names, args, strict=False))  # args: the first fields
    for name, value in kwargs.items():
        if name in values or name not in spec.known:
            problem = "got two values for" if name in values else "got an unexpected"
            raise TypeError(f"{cls.__name__}() {problem} argument {name!r}")
        values[name] = value
    # Not setattr: a frozen record refuses it, and this is its only way in.
    self.__dict__.update(_with_defaults(cls, values, spec))


def _eq(self: Any, other: object) -> object:  # a bool, or NotImplemented
    if other.__class__ is not self.__class__:
        return NotImplemented
    return all(getattr(self, n) == getattr(other, n) for n in _fields_of(type(self)).compared)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _fields_of(type(self)).shown)
    return f"{type(self).__qualname__}({shown})"


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, n) for n in _fields_of(type(self)).compared))


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


@overload
@dataclass_transform(field_specifiers=(field,))
def record_class(cls: type[_T], /) -> type[_T]: ...


@overload
def record_class(*, frozen: bool = False) -> Callable[[type[_T]], type[_T]]: ...


def record_class(cls: type[_T] | None = None, /, *, frozen: bool = False) -> Any:
    """``@record_class`` or ``@record_class(frozen=True)``: see the module's docstring."""

    def make(cls: type[_T]) -> type[_T]:
        own = cls.__dict__
        made = dataclass(init=False, eq=False, repr=False)(cls)
        methods: dict[str, Any] = {"__init__": _init, "__eq__": _eq, "__repr__": _repr}
        if frozen:  # immutable, so hashable by value, like @dataclass(frozen=True)
            methods |= {
                "__hash__": _hash,
                "__setattr__": _refuse_set,
                "__delattr__": _refuse_delete,
            }
        else:
            methods["__hash__"] = None  # mutable and compared by value: unhashable
        for name, method in methods.items():
            if name not in own:  # the class's own (an __eq__ defined brings __hash__ None)
                setattr(made, name, method)
        return made

    return make if cls is None else make(cls)
