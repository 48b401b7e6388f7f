"""Response objects built from decoded JSON without running pydantic's validators.

A response is trusted data from the API, so, like the official SDK, the client does not validate
every value: :func:`construct` checks the *shape* (an object where a model is expected, a list
where a list is, every required field present, a known ``type`` in a closed union) and converts
what a plain JSON value cannot be (nested models, tagged unions, datetimes); scalars are kept as
sent. The objects are the same as ``Model.model_validate(data)`` would give for a valid body
(``==``, ``model_fields_set``, extra fields, dumps), but pydantic never builds a validator for
them: that saves the memory and the start-up time of compiling the schemas of every block type.
A client made with ``_strict_response_validation=True`` has pydantic validate instead.

Each model's plan is worked out once, from its pydantic fields, on first use; the result is
I/O-free and shared by the sync and async clients.
"""

from __future__ import annotations

import datetime as _dt
import sys
import types
from typing import Any, Callable, Dict, List, Optional, Tuple, Type, TypeVar, Union, overload

import pydantic
from typing_extensions import Annotated, Literal, get_args, get_origin

from ._discriminator import UNKNOWN_TAG

__all__ = ["ResponseShapeError", "construct"]

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)

#: ``value -> converted value``; ``None`` where the JSON value is kept as it is.
Convert = Callable[[Any], Any]

_UNION_TYPES: Tuple[Any, ...] = (Union, types.UnionType) if sys.version_info >= (3, 10) else (Union,)
_IMMUTABLE = (type(None), bool, int, float, str, bytes, tuple, frozenset)
_REQUIRED = object()
_ABSENT = object()
_set_attribute = object.__setattr__


class ResponseShapeError(ValueError):
    """A response body that does not have the shape of its model, naming where: ``content[0].text: ...``."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where, self.problem = where, problem

    def within(self, outer: str) -> ResponseShapeError:
        """The same error, seen from the value that holds this one at ``outer``."""
        return ResponseShapeError(outer + self.where, self.problem)


@overload
def construct(kind: Type[ModelT], data: Any) -> ModelT: ...
@overload
def construct(kind: Any, data: Any) -> Any: ...
def construct(kind: Any, data: Any) -> Any:
    """A ``kind`` (a model, or a type such as a union of blocks) built from the decoded JSON ``data``.

    Raises :class:`ResponseShapeError` when ``data`` does not have the shape of ``kind``.
    """
    try:
        return _builder(kind)(data)
    except ResponseShapeError as exc:
        raise exc.within(getattr(kind, "__name__", "value")) from None


_builders: Dict[Any, Convert] = {}


def _builder(kind: Any) -> Convert:
    builder = _builders.get(kind)
    if builder is None:
        if isinstance(kind, type) and issubclass(kind, pydantic.BaseModel):
            builder = _model_builder(kind)
        else:
            builder = _converter(kind) or _keep
        _builders[kind] = builder
    return builder


def _keep(value: Any) -> Any:
    return value


def _shape_error(expected: str, value: Any) -> ResponseShapeError:
    return ResponseShapeError("", f"expected {expected}, got {type(value).__name__}")


def _model_builder(cls: Any) -> Convert:
    """The builder of one model: each field converted, defaults filled in, extras kept."""
    #: ``(name, convert, default)``: the default is :data:`_REQUIRED`, a value, or the field
    #: itself when its default is mutable, so that each object gets its own, as pydantic gives it.
    plan: List[Tuple[str, Optional[Convert], Any]] = []
    for name, info in cls.__pydantic_fields__.items():
        convert = _converter(info.annotation, info.discriminator, info.metadata)
        if info.is_required():
            default: Any = _REQUIRED
        else:
            default = info.get_default(call_default_factory=True)
            if not isinstance(default, _IMMUTABLE):
                default = info
        plan.append((name, convert, default))
    names = frozenset(cls.__pydantic_fields__)
    keep_extra = cls.model_config.get("extra") == "allow"
    plain = not (cls.__private_attributes__ or cls.__pydantic_post_init__ or cls.__pydantic_root_model__)
    new = cls.__new__
    field_info = pydantic.fields.FieldInfo

    def build(data: Any) -> Any:
        if not isinstance(data, dict):
            raise _shape_error(f"an object ({cls.__name__})", data)
        values: Dict[str, Any] = {}
        present = 0
        given = data.get
        for name, convert, default in plan:
            value = given(name, _ABSENT)
            if value is not _ABSENT:
                if convert is not None:
                    try:
                        value = convert(value)
                    except ResponseShapeError as exc:
                        raise exc.within(f".{name}") from None
                values[name] = value
                present += 1
            elif default is _REQUIRED:
                raise ResponseShapeError(f".{name}", "required field missing")
            elif type(default) is field_info:
                values[name] = default.get_default(call_default_factory=True)
            else:
                values[name] = default
        if keep_extra:  # pydantic counts extra fields as set
            extra: Optional[Dict[str, Any]] = (
                {} if present == len(data) else {key: value for key, value in data.items() if key not in names}
            )
            fields_set = set(data)
        else:
            extra, fields_set = None, set(names.intersection(data))
        if not plain:
            return cls.model_construct(fields_set, **values, **(extra or {}))
        model = new(cls)
        _set_attribute(model, "__dict__", values)
        _set_attribute(model, "__pydantic_fields_set__", fields_set)
        _set_attribute(model, "__pydantic_extra__", extra)
        _set_attribute(model, "__pydantic_private__", None)
        return model

    return build


def _converter(annotation: Any, discriminator: Any = None, metadata: Any = ()) -> Optional[Convert]:
    """How a value of ``annotation`` is built from JSON, or ``None`` to keep the JSON value."""
    tagged = discriminator is not None or any(isinstance(item, pydantic.Discriminator) for item in metadata)
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extras = get_args(annotation)
        return _converter(inner, discriminator, (*metadata, *extras))
    if origin in _UNION_TYPES:
        return _union(get_args(annotation), tagged)
    if origin in (list, List):
        (item,) = get_args(annotation) or (Any,)
        return _list(_converter(item))
    if origin in (dict, Dict):
        args = get_args(annotation)
        return _dict(_converter(args[1]) if len(args) == 2 else None)
    if origin is Literal or not isinstance(annotation, type):
        return None
    if issubclass(annotation, pydantic.BaseModel):
        return _model(annotation)
    if issubclass(annotation, (_dt.datetime, _dt.date)):
        return _datetime(annotation)
    return None


def _model(cls: type) -> Convert:
    from ._base import BaseModel

    if not issubclass(cls, BaseModel):  # a caller's own model: its validators are part of its contract
        return cls.model_validate  # type: ignore[attr-defined, no-any-return]
    return lambda value: _builder(cls)(value)


def _list(convert: Optional[Convert]) -> Convert:
    def build(value: Any) -> Any:
        if not isinstance(value, list):
            raise _shape_error("a list", value)
        if convert is None:
            return value
        built = []
        for index, item in enumerate(value):
            try:
                built.append(convert(item))
            except ResponseShapeError as exc:
                raise exc.within(f"[{index}]") from None
        return built

    return build


def _dict(convert: Optional[Convert]) -> Convert:
    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _shape_error("an object", value)
        if convert is None:
            return value
        built = {}
        for key, item in value.items():
            try:
                built[key] = convert(item)
            except ResponseShapeError as exc:
                raise exc.within(f".{key}") from None
        return built

    return build


def _datetime(kind: type) -> Convert:
    adapter: List[Any] = []

    def build(value: Any) -> Any:
        if not adapter:  # a pydantic adapter for one type, built when a datetime is first met
            adapter.append(pydantic.TypeAdapter(kind))
        try:
            return adapter[0].validate_python(value)
        except pydantic.ValidationError as exc:
            raise ResponseShapeError("", exc.errors()[0]["msg"]) from None

    return build


def _union(members: Tuple[Any, ...], tagged: bool) -> Optional[Convert]:
    optional = type(None) in members
    members = tuple(member for member in members if member is not type(None))
    if tagged:
        convert: Optional[Convert] = _tagged(members)
    elif len(members) == 1:
        convert = _converter(members[0])
    else:
        convert = _by_shape(members)
    if convert is None or not optional:
        return convert
    inner = convert
    return lambda value: None if value is None else inner(value)


def _tag_of(member: Any) -> Tuple[Any, str]:
    """``(model, tag)`` of one member of a tagged union: its ``Tag(...)``, else its ``type`` literal."""
    if get_origin(member) is Annotated:
        model, *extras = get_args(member)
        for extra in extras:
            if isinstance(extra, pydantic.Tag):
                return model, extra.tag
        member = model
    values = get_args(member.__pydantic_fields__["type"].annotation)
    return member, values[0]


def _tagged(members: Tuple[Any, ...]) -> Convert:
    """A union picked by the value's ``type``; one tagged :data:`UNKNOWN_TAG` takes the others."""
    table: Dict[Any, Convert] = {}
    for member in members:
        model, tag = _tag_of(member)
        table[tag] = _model(model)
    fallback = table.pop(UNKNOWN_TAG, None)
    known = ", ".join(repr(tag) for tag in table)

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _shape_error("an object", value)
        convert = table.get(value.get("type"), fallback)
        if convert is None:
            raise ResponseShapeError(".type", f"expected one of {known}, got {value.get('type')!r}")
        return convert(value)

    return build


def _by_shape(members: Tuple[Any, ...]) -> Optional[Convert]:
    """A union without a tag: the member that takes an object, or a list, picked by the value's shape."""
    for_object = [convert for member in members if _takes(member, dict) for convert in [_converter(member)]]
    for_list = [convert for member in members if _takes(member, list) for convert in [_converter(member)]]
    if not any(for_object) and not any(for_list):
        return None

    def build(value: Any) -> Any:
        candidates = for_object if isinstance(value, dict) else for_list if isinstance(value, list) else []
        error: Optional[ResponseShapeError] = None
        for convert in candidates:
            if convert is None:
                return value
            try:
                return convert(value)
            except ResponseShapeError as exc:
                error = error or exc
        if error is not None:
            raise error
        return value

    return build


def _takes(member: Any, kind: type) -> bool:
    """Whether JSON values of ``kind`` (dict or list) can be a ``member``."""
    origin = get_origin(member)
    if origin is Annotated:
        return _takes(get_args(member)[0], kind)
    if origin in _UNION_TYPES:
        return any(_takes(arg, kind) for arg in get_args(member))
    if kind is list:
        return origin in (list, List)
    return origin in (dict, Dict) or (isinstance(member, type) and issubclass(member, pydantic.BaseModel))
