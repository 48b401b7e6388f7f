"""Response objects built from decoded JSON without running pydantic's validators.

A response is trusted data from the API, so, like the official SDK, the client does not validate
every value: :func:`construct` converts what a plain JSON value cannot be (nested models, tagged
unions, datetimes) and keeps the rest as sent. It is lenient as the official SDK's ``construct``
is, since gateways and Anthropic-compatible servers omit fields: a missing field is left unset
(``None``, out of ``model_fields_set`` and of ``exclude_unset`` dumps), and a value of another
shape than its type (``content: null``, a list where an object is expected, a date that does not
parse) is kept as it came. Only a body that is not a JSON object at all is refused. The objects
are the same as ``Model.model_validate(data)`` would give for a valid body (``==``,
``model_fields_set``, extra fields, dumps), but pydantic never builds a validator for them: that
saves the memory and the start-up time of compiling the schemas of every block type. A client
made with ``_strict_response_validation=True`` has pydantic validate instead.

``beta=True`` builds the objects of a beta call: their dumps are those of the official ``Beta*``
models (see :class:`~claude_core.types._base.TwinModel`).

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

from ._base import BETA, BaseModel, TwinModel
from ._deferred import Deferred
from ._discriminator import UNKNOWN_TAG, given_tag

__all__ = ["ResponseShapeError", "construct", "mark_beta"]

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
ValueT = TypeVar("ValueT")

#: ``value -> converted value``; ``None`` where the JSON value is kept as it is.
Convert = Callable[[Any], Any]

_UNION_TYPES: Tuple[Any, ...] = (Union, types.UnionType) if sys.version_info >= (3, 10) else (Union,)
_IMMUTABLE = (type(None), bool, int, float, str, bytes, tuple, frozenset)
_ABSENT = object()
_set_attribute = object.__setattr__


class ResponseShapeError(ValueError):
    """A response body that is not a JSON object where a model is expected."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where, self.problem = where, problem


@overload
def construct(kind: Type[ModelT], data: Any, *, beta: bool = False) -> ModelT: ...
@overload
def construct(kind: Any, data: Any, *, beta: bool = False) -> Any: ...
def construct(kind: Any, data: Any, *, beta: bool = False) -> Any:
    """A ``kind`` (a model, or a type such as a union of blocks) built from the decoded JSON ``data``.

    ``beta``: the objects of a beta call. Raises :class:`ResponseShapeError` when ``kind`` is a
    model and ``data`` not a JSON object; inside it, any value is taken (see the module).
    """
    if isinstance(kind, type) and issubclass(kind, pydantic.BaseModel) and not isinstance(data, dict):
        raise ResponseShapeError(kind.__name__, f"expected an object, got {type(data).__name__}")
    return _builder(kind, beta)(data)


_builders: Dict[Tuple[Any, bool], Convert] = {}


def _builder(kind: Any, beta: bool) -> Convert:
    builder = _builders.get((kind, beta))
    if builder is None:
        if isinstance(kind, type) and issubclass(kind, pydantic.BaseModel):
            builder = _model_builder(kind, beta)
        else:
            builder = _converter(kind, beta) or _keep
        _builders[kind, beta] = builder
    return builder


def _keep(value: Any) -> Any:
    return value


def _model_builder(cls: Any, beta: bool) -> Convert:
    """The builder of one model: each field converted, defaults filled in, extras kept."""
    #: ``(name, keys, convert, default)``: ``keys`` the JSON keys the field is read from (its
    #: alias, then its name); the default a value, or the field itself when its default is
    #: mutable, so that each object gets its own, as pydantic gives it (a required field: None).
    plan: List[Tuple[str, Tuple[str, ...], Optional[Convert], Any]] = []
    by_name = cls.model_config.get("populate_by_name", False) or cls.model_config.get("validate_by_name", False)
    for name, info in cls.__pydantic_fields__.items():
        convert = _converter(info.annotation, beta, info.discriminator, info.metadata)
        if info.is_required():
            default: Any = None
        else:
            default = info.get_default(call_default_factory=True)
            if not isinstance(default, _IMMUTABLE):
                default = info
        alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
        keys = (name,) if alias is None or alias == name else (alias, name) if by_name else (alias,)
        plan.append((name, keys, convert, default))
    sent_keys = frozenset(key for _, keys, _, _ in plan for key in keys)
    keep_extra = cls.model_config.get("extra") == "allow"
    plain = not (cls.__private_attributes__ or cls.__pydantic_post_init__ or cls.__pydantic_root_model__)
    private = BETA if beta and issubclass(cls, TwinModel) else None
    new = cls.__new__
    field_info = pydantic.fields.FieldInfo

    def build(data: Any) -> Any:
        if not isinstance(data, dict):
            return data  # as the official SDK: a value of another shape is kept as sent
        values: Dict[str, Any] = {}
        fields_set = set()
        present = 0
        given = data.get
        for name, keys, convert, default in plan:
            value = given(keys[0], _ABSENT)
            if value is _ABSENT and len(keys) > 1:
                value = given(keys[1], _ABSENT)
            if value is not _ABSENT:
                values[name] = value if convert is None else convert(value)
                fields_set.add(name)
                present += 1
            elif type(default) is field_info:
                values[name] = default.get_default(call_default_factory=True)
            else:
                values[name] = default
        extra: Optional[Dict[str, Any]] = None
        if keep_extra:  # pydantic counts extra fields as set
            extra = {} if present == len(data) else {key: value for key, value in data.items() if key not in sent_keys}
            fields_set.update(extra)
        if not plain:
            model = cls.model_construct(fields_set, **values, **(extra or {}))
            if private is not None:  # model_construct leaves no private state of its own here
                _set_attribute(model, "__pydantic_private__", private)
        else:
            model = new(cls)
            _set_attribute(model, "__dict__", values)
            _set_attribute(model, "__pydantic_fields_set__", fields_set)
            _set_attribute(model, "__pydantic_extra__", extra)
            _set_attribute(model, "__pydantic_private__", private)
        return model

    return build


def _converter(annotation: Any, beta: bool, discriminator: Any = None, metadata: Any = ()) -> Optional[Convert]:
    """How a value of ``annotation`` is built from JSON, or ``None`` to keep the JSON value."""
    for item in metadata:
        if isinstance(item, Deferred):
            return _deferred(item, beta)
    tagged = discriminator is not None or any(isinstance(item, pydantic.Discriminator) for item in metadata)
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extras = get_args(annotation)
        return _converter(inner, beta, discriminator, (*metadata, *extras))
    if origin in _UNION_TYPES:
        return _union(get_args(annotation), tagged, beta)
    if origin in (list, List):
        (item,) = get_args(annotation) or (Any,)
        return _list(_converter(item, beta))
    if origin in (dict, Dict):
        args = get_args(annotation)
        return _dict(_converter(args[1], beta) if len(args) == 2 else None)
    if origin is Literal or not isinstance(annotation, type):
        return None
    if issubclass(annotation, pydantic.BaseModel):
        return _model(annotation, beta)
    if issubclass(annotation, (_dt.datetime, _dt.date)):
        return _datetime(annotation)
    return None


def _deferred(deferred: Deferred, beta: bool) -> Convert:
    """The converter of a :func:`~claude_core.types._deferred.deferred` type, its module loaded at the first value."""
    converters: List[Convert] = []

    def build(value: Any) -> Any:
        if not converters:
            converters.append(_converter(deferred.resolve(), beta) or _keep)
        return converters[0](value)

    return build


def _model(cls: type, beta: bool) -> Convert:
    if not issubclass(cls, BaseModel):  # a caller's own model: its validators are part of its contract
        return cls.model_validate  # type: ignore[attr-defined, no-any-return]
    return lambda value: _builder(cls, beta)(value)


def _list(convert: Optional[Convert]) -> Convert:
    def build(value: Any) -> Any:
        if convert is None or not isinstance(value, list):
            return value
        return [convert(item) for item in value]

    return build


def _dict(convert: Optional[Convert]) -> Convert:
    def build(value: Any) -> Any:
        if convert is None or not isinstance(value, dict):
            return value
        return {key: convert(item) for key, item in value.items()}

    return build


def _datetime(kind: type) -> Convert:
    adapter: List[Any] = []

    def build(value: Any) -> Any:
        if not adapter:  # a pydantic adapter for one type, built when a datetime is first met
            adapter.append(pydantic.TypeAdapter(kind))
        try:
            return adapter[0].validate_python(value)
        except pydantic.ValidationError:
            return value  # kept as sent, as the official SDK keeps a date it cannot parse

    return build


def _union(members: Tuple[Any, ...], tagged: bool, beta: bool) -> Optional[Convert]:
    optional = type(None) in members
    members = tuple(member for member in members if member is not type(None))
    if tagged:
        convert: Optional[Convert] = _tagged(members, beta)
    elif len(members) == 1:
        convert = _converter(members[0], beta)
    else:
        convert = _by_shape(members, beta)
    if convert is None or not optional:
        return convert
    inner = convert
    return lambda value: None if value is None else inner(value)


def _tag_of(member: Any) -> str:
    """The tag of one member of a tagged union: its ``Tag(...)``, else its model's ``type`` literal."""
    tag = given_tag(member)
    if tag is None:
        model = get_args(member)[0] if get_origin(member) is Annotated else member
        tag = get_args(model.__pydantic_fields__["type"].annotation)[0]
    return tag


def _tagged(members: Tuple[Any, ...], beta: bool) -> Convert:
    """A union picked by the value's ``type``; one tagged :data:`UNKNOWN_TAG` takes the others.
    In a closed union, a value of an unknown ``type`` is kept as sent. A deferred member's model
    loads when a value of its tag is first met."""
    table: Dict[Any, Convert] = {}
    for member in members:
        table[_tag_of(member)] = _converter(member, beta) or _keep
    fallback = table.pop(UNKNOWN_TAG, _keep)

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return table.get(value.get("type"), fallback)(value)

    return build


def _by_shape(members: Tuple[Any, ...], beta: bool) -> Optional[Convert]:
    """A union without a tag: the member that takes an object, or a list, picked by the value's
    shape; of several models, the first whose required fields and ``type`` the value has."""
    for_object = [(member, _converter(member, beta)) for member in members if _takes(member, dict)]
    for_list = [(member, _converter(member, beta)) for member in members if _takes(member, list)]
    if not any(convert for _, convert in for_object) and not any(convert for _, convert in for_list):
        return None

    def build(value: Any) -> Any:
        candidates = for_object if isinstance(value, dict) else for_list if isinstance(value, list) else []
        for member, convert in candidates:
            if len(candidates) == 1 or not isinstance(value, dict) or _fits(member, value):
                return value if convert is None else convert(value)
        return value

    return build


def _fits(member: Any, value: Dict[str, Any]) -> bool:
    """Whether the object ``value`` has what model ``member`` requires (its ``type`` included)."""
    if get_origin(member) is Annotated:
        member = get_args(member)[0]
    if not (isinstance(member, type) and issubclass(member, pydantic.BaseModel)):
        return True
    for name, info in member.__pydantic_fields__.items():
        if name == "type" and get_origin(info.annotation) is Literal:
            if value.get("type") not in get_args(info.annotation):
                return False
        elif info.is_required() and (info.alias or name) not in value:
            return False
    return True


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


#: Values that hold no model: skipped without a look.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def mark_beta(value: ValueT) -> ValueT:
    """``value`` (a validated model, or a list of them) and the models it holds marked as the objects of a beta call."""
    # a loop over a stack rather than recursion: a batch's results mark every line's objects
    pending: List[Any] = [value]
    pop, push, extend = pending.pop, pending.append, pending.extend
    while pending:
        item = pop()
        if isinstance(item, pydantic.BaseModel):
            if isinstance(item, TwinModel):
                _set_attribute(item, "__pydantic_private__", BETA)
            for held in item.__dict__.values():
                if type(held) not in _SCALARS:
                    push(held)
            if item.__pydantic_extra__:
                extend(item.__pydantic_extra__.values())
        elif isinstance(item, list):
            extend(item)
    return value
