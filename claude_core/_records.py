"""Records: classes declared as dataclasses are, whose methods are closures made here rather than code
``dataclasses`` compiles.

``@dataclasses.dataclass(frozen=True)`` writes the source of six methods and compiles each: about half a
millisecond a class on CPython 3.11, paid at import by every process, and the first request of a client imports
several such classes (the client's options, the retry policy's types, the observers'). ``@record``
makes the same class without compiling anything: ``dataclasses`` still collects the fields (so
``dataclasses.fields``, ``replace``, ``asdict`` and ``is_dataclass`` answer as for any dataclass,
and type checkers read the class as a dataclass), and the class gets ``__init__``, ``__repr__``,
``__eq__`` and ``__hash__`` as a frozen dataclass has them (unless it defines its own), and
``__setattr__``/``__delattr__`` that raise :class:`dataclasses.FrozenInstanceError`.
``@record(frozen=False)`` gives a mutable one, unhashable as a mutable dataclass with ``eq`` is.
Field options read: ``default``, ``default_factory``, ``repr``, ``compare`` and ``hash``.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Dict, FrozenSet, List, Tuple, Type, TypeVar, overload

from typing_extensions import dataclass_transform

__all__ = ["record"]

_T = TypeVar("_T")
_MISSING = dataclasses.MISSING


@overload
def record(cls: Type[_T], *, frozen: bool = True) -> Type[_T]: ...


@overload
def record(*, frozen: bool = True) -> Callable[[Type[_T]], Type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: Any = None, *, frozen: bool = True) -> Any:
    """Make ``cls`` a dataclass (frozen unless ``frozen=False``) without compiling its methods."""

    def make(cls: Any) -> Any:
        cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
        fields = dataclasses.fields(cls)
        methods: Dict[str, Any] = {
            "__init__": _initializer(cls.__qualname__, fields),
            "__repr__": _representer([f.name for f in fields if f.repr]),
            "__eq__": _comparer(tuple(f.name for f in fields if f.compare)),
            "__hash__": _hasher(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
            if frozen
            else None,
        }
        if frozen:
            methods.update(_frozen(cls, frozenset(f.name for f in fields)))
        for name, method in methods.items():
            if name not in cls.__dict__ or (name == "__hash__" and cls.__dict__[name] is None):
                setattr(cls, name, method)
        return cls

    return make if cls is None else make(cls)


def _initializer(qualname: str, fields: Tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    names = tuple(f.name for f in fields)
    count = len(names)
    known = frozenset(names)
    defaults = {f.name: f.default for f in fields if f.default is not _MISSING}
    factories = [(f.name, f.default_factory) for f in fields if f.default_factory is not _MISSING]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(f"{qualname}() takes {count} arguments but {len(args)} were given")
        given = dict(zip(names, args))
        for name in kwargs:
            if name in given:
                raise TypeError(f"{qualname}() got multiple values for argument {name!r}")
            if name not in known:
                raise TypeError(f"{qualname}() got an unexpected keyword argument {name!r}")
        given.update(kwargs)
        if len(given) < count:
            for name, factory in factories:
                if name not in given:
                    given[name] = factory()
            try:
                given = {name: given[name] if name in given else defaults[name] for name in names}
            except KeyError as missing:
                raise TypeError(f"{qualname}() missing required argument: {missing.args[0]!r}") from None
        elif kwargs:
            given = {name: given[name] for name in names}  # the fields' order, as a dataclass sets them
        # the instance's own dict, as pickle and copy write it: a frozen record's __setattr__ raises
        self.__dict__.update(given)

    return __init__


def _representer(names: List[str]) -> Callable[[object], str]:
    def __repr__(self: object) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _comparer(names: Tuple[str, ...]) -> Callable[[object, object], Any]:
    def __eq__(self: object, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, name) for name in names) == tuple(getattr(other, name) for name in names)

    return __eq__


def _hasher(names: Tuple[str, ...]) -> Callable[[object], int]:
    def __hash__(self: object) -> int:
        return hash(tuple(getattr(self, name) for name in names))

    return __hash__


def _frozen(cls: Any, names: FrozenSet[str]) -> Dict[str, Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}
