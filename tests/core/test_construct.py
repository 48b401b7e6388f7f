"""Response objects are built without pydantic validators, yet equal to what validation gives.

The oracle is pydantic itself: for generated bodies of every response model of the SDK,
``construct(Model, body)`` must equal ``Model.model_validate(body)`` in value, class, fields set,
extras and dumps (those of a beta call too). Bodies with fields left out or of another shape are
built as the official SDK builds them (``tests/compat/test_response_objects.py`` compares them
with its objects); only a body that is not an object raises ``APIResponseValidationError``.
"""

from __future__ import annotations

import datetime
import importlib
import json
import os
import pkgutil
import subprocess
import sys
from typing import Any, Dict, List, Type

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typing_extensions import Annotated, Literal, get_args, get_origin

import claude_core
import claude_core.types
from claude_core.types import Message
from claude_core.types._base import BaseModel, is_beta
from claude_core.types._construct import construct, mark_beta
from claude_core.types._deferred import Deferred
from tests.conftest import MODEL, USER, Api


def _response_models() -> List[Type[BaseModel]]:
    for module in pkgutil.walk_packages(claude_core.types.__path__, "claude_core.types."):
        importlib.import_module(module.name)
    found, todo = set(), [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found and not sub.__pydantic_generic_metadata__["parameters"]:
                found.add(sub)
                todo.append(sub)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


MODELS = _response_models()


def _values(annotation: Any, draw: Any, depth: int) -> Any:
    """A JSON value of ``annotation``, as the API could send it."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        deferred = [extra for extra in args[1:] if isinstance(extra, Deferred)]
        return _values(deferred[0].resolve() if deferred else args[0], draw, depth)
    if origin is Literal:
        return draw(st.sampled_from(args))
    if origin is not None and str(origin) in ("typing.Union", "<class 'types.UnionType'>"):
        members = [arg for arg in args if arg is not type(None) or depth < 4]
        return _values(draw(st.sampled_from(members)), draw, depth + 1)
    if origin is list:
        return [_values(args[0], draw, depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 3 else 0)))]
    if origin is dict:
        return {"k": _values(args[1], draw, depth + 1)} if draw(st.booleans()) else {}
    if annotation is type(None):
        return None
    if annotation in (str, Any, object):
        return draw(st.sampled_from(["x", "text with ünïcode", ""]))
    if annotation is bool:
        return draw(st.booleans())
    if annotation is int:
        return draw(st.integers(0, 10**6))
    if annotation is float:
        return draw(st.sampled_from([0.5, 1.0]))
    if annotation is datetime.datetime:
        return draw(st.sampled_from(["2025-01-02T03:04:05Z", "2025-01-02T03:04:05.123456+02:00"]))
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return _body(annotation, draw, depth + 1)
    raise AssertionError(f"no generator for {annotation!r}")


def _body(cls: Type[pydantic.BaseModel], draw: Any, depth: int = 0) -> Dict[str, Any]:
    body: Dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        if info.is_required() or (depth < 4 and draw(st.booleans())):
            annotation = info.annotation
            if info.discriminator is not None or info.metadata:
                annotation = Annotated[(annotation, *info.metadata)] if info.metadata else annotation
            body[name] = _values(annotation, draw, depth)
    if draw(st.booleans()):
        body["field_from_a_newer_api"] = {"nested": [1, "two"]}
    return body


@st.composite
def bodies(draw: Any) -> Any:
    cls = draw(st.sampled_from(MODELS))
    return cls, _body(cls, draw)


def _same(built: Any, validated: Any) -> None:
    assert type(built) is type(validated)
    if isinstance(validated, pydantic.BaseModel):
        assert built.model_fields_set == validated.model_fields_set
        assert built.model_extra == validated.model_extra
        for name in type(validated).model_fields:
            _same(getattr(built, name), getattr(validated, name))
    elif isinstance(validated, list):
        assert len(built) == len(validated)
        for one, other in zip(built, validated):
            _same(one, other)
    else:
        assert built == validated


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_constructed_objects_equal_validated_ones(case: Any) -> None:
    cls, body = case
    validated = cls.model_validate(json.loads(json.dumps(body)))
    built = construct(cls, json.loads(json.dumps(body)))
    assert built == validated
    _same(built, validated)
    assert built.model_dump() == validated.model_dump()
    assert built.to_json() == validated.to_json()
    assert built.to_dict() == validated.to_dict()
    assert built.model_dump_json() == validated.model_dump_json()

    beta = construct(cls, json.loads(json.dumps(body)), beta=True)  # the objects of a beta call
    marked = mark_beta(cls.model_validate(json.loads(json.dumps(body))))
    assert beta == marked and beta.model_dump_json() == marked.model_dump_json()
    assert beta.model_dump(exclude_unset=True) == built.model_dump(exclude_unset=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), st.data())
def test_a_body_without_a_field_is_built_with_the_field_unset(case: Any, data: Any) -> None:
    """As the official SDK: a field left out (a gateway's trimmed body) is None and not set."""
    cls, body = case
    if not cls.model_fields:
        return
    name = data.draw(st.sampled_from(sorted(cls.model_fields)))
    trimmed = {key: value for key, value in body.items() if key != name}
    built = construct(cls, json.loads(json.dumps(trimmed)))
    assert name not in built.model_fields_set
    assert name not in built.model_dump(exclude_unset=True)
    if cls.model_fields[name].is_required():
        assert getattr(built, name) is None
    full = construct(cls, json.loads(json.dumps(body)))
    for other in cls.model_fields:
        if other != name:
            assert getattr(built, other) == getattr(full, other)


def test_every_model_is_covered() -> None:
    names = {cls.__name__ for cls in MODELS}
    assert {"Message", "Usage", "TextBlock", "ToolUseBlock", "MessageBatch", "ModelInfo", "FileMetadata"} <= names
    beta_objects = {
        "ContextManagementResponse",
        "ServerToolCaller",
        "WebFetchBlock",
        "CompactionIterationUsage",
        "Skill",
    }
    assert beta_objects <= names  # the nested objects of beta features, loaded when first met
    assert len(MODELS) > 80


def test_unknown_block_types_are_kept() -> None:
    body = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": "hi"}, {"type": "hologram", "frames": [1, 2]}],
        "stop_reason": "a_new_reason",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 2},
    }
    message = construct(Message, body)
    assert message == Message.model_validate(body)
    assert message.content[1].type == "hologram" and message.content[1].frames == [1, 2]  # type: ignore[union-attr]
    assert message.stop_reason == "a_new_reason"


def _message(**changes: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": "hi"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 2},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not ...}


@pytest.mark.parametrize(
    ("body", "read", "expected"),
    [
        (_message(usage=...), lambda m: (m.usage, "usage" in m.model_fields_set), (None, False)),
        (_message(usage=None), lambda m: (m.usage, "usage" in m.model_fields_set), (None, True)),
        (_message(content=None), lambda m: m.content, None),
        (_message(content={"type": "text"}), lambda m: m.content, {"type": "text"}),
        (_message(content=["hi"]), lambda m: m.content, ["hi"]),
        (
            _message(content=[{"type": "text"}]),
            lambda m: (m.content[0].text, m.content[0].to_dict()),
            (None, {"type": "text"}),
        ),
        (_message(usage=[1]), lambda m: m.usage, [1]),
        (_message(container={"id": "c", "expires_at": "soon"}), lambda m: m.container.expires_at, "soon"),
    ],
)
def test_a_body_of_another_shape_is_built_as_it_came(api: Api, body: Any, read: Any, expected: Any) -> None:
    """What gateways and compatible servers send is built, as the official SDK builds it: a
    missing field is None and not set, a value of another shape than its type kept as sent."""
    api.emulator.enqueue(status=200, json=body)
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    assert read(message) == expected
    assert message.id == "msg_1" and message.to_dict() == body


@pytest.mark.parametrize("body", [[1, 2], "a string", 3])
def test_a_body_that_is_not_an_object_raises(api: Api, body: Any) -> None:
    api.emulator.enqueue(status=200, json=body)
    with pytest.raises(claude_core.APIResponseValidationError, match="Message: expected an object") as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    assert caught.value.body == body
    assert isinstance(caught.value.__cause__, ValueError)


def test_a_closed_union_keeps_an_unknown_type_as_sent() -> None:
    from claude_core.types.messages import MessageBatchIndividualResponse

    built = construct(MessageBatchIndividualResponse, {"custom_id": "a", "result": {"type": "teleported", "n": 1}})
    assert built.result == {"type": "teleported", "n": 1}


def test_fields_are_read_by_alias() -> None:
    import pydantic as pd

    class Aliased(BaseModel):
        stop: str = pd.Field(alias="stop-reason")
        plain: int = 0

    built = construct(Aliased, {"stop-reason": "end", "plain": 2})
    assert built == Aliased.model_validate({"stop-reason": "end", "plain": 2})
    assert built.stop == "end" and built.model_fields_set == {"stop", "plain"}
    assert construct(Aliased, {"stop": "by name"}).stop == "by name"  # populate_by_name, as pydantic


def test_beta_objects_are_marked_and_dump_as_the_official_beta_models(api: Api) -> None:
    body = _message(content=[{"type": "tool_use", "id": "t", "name": "n", "input": {}}])
    for beta in (False, True):
        api.emulator.enqueue(status=200, json=body)
        message = api(
            lambda c, beta=beta: (c.beta.messages if beta else c.messages).create(
                model=MODEL, max_tokens=16, messages=USER
            )
        )
        assert is_beta(message) is beta and is_beta(message.content[0]) is beta
        dumped = message.model_dump()
        assert ("context_management" in dumped) is beta and ("caller" in dumped["content"][0]) is beta
        assert message.to_dict() == body


def test_datetimes_are_parsed_as_pydantic_parses_them() -> None:
    from claude_core.types import ModelInfo

    body = {"id": "m", "type": "model", "display_name": "M", "created_at": "2025-02-19T00:00:00Z"}
    info = construct(ModelInfo, body)
    assert info.created_at == datetime.datetime(2025, 2, 19, tzinfo=datetime.timezone.utc)
    assert info == ModelInfo.model_validate(body)


def test_a_plain_create_compiles_no_pydantic_validator(emulator: Any) -> None:
    """In a fresh interpreter without plugins: the models stay unbuilt, pydantic's plugin scan never runs."""
    script = f"""
import sys, claude_core
from claude_core.types import Message, TextBlock, Usage
client = claude_core.Anthropic(api_key="k", base_url={emulator.base_url!r})
message = client.messages.create(model={MODEL!r}, max_tokens=16, messages={USER!r})
with client.messages.stream(model={MODEL!r}, max_tokens=16, messages={USER!r}) as stream:
    streamed = stream.get_final_message()
assert message.content[0].text and streamed.content[0].text, (message, streamed)
built = [cls.__name__ for cls in (Message, TextBlock, Usage) if cls.__pydantic_complete__]
assert not built, built
assert "pydantic.plugin._loader" not in sys.modules
beta_objects = ("callers", "context_management", "iterations", "server_tool_results", "skills")
loaded = [name for name in beta_objects if "claude_core.types." + name in sys.modules]
assert not loaded, loaded  # the models of beta objects load when one is first met
print("ok")
"""
    from claude_core.plugins import PLUGIN_GROUP, _entry_points

    installed = ",".join(point.name for point in _entry_points(PLUGIN_GROUP))  # the test fixtures
    env = {**os.environ, "CLAUDE_CORE_DISABLE_PLUGINS": installed}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


WRONG_TYPE = {**_message(), "usage": {"input_tokens": "many", "output_tokens": 2}}


def test_values_are_kept_as_sent_by_default(api: Api) -> None:
    api.emulator.enqueue(status=200, json=WRONG_TYPE)
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    assert message.usage.input_tokens == "many"  # as the official SDK's default: the shape only is checked


@pytest.mark.parametrize("how", ["create", "copy", "raw"])
def test_strict_response_validation_validates_every_value(api: Api, how: str) -> None:
    strict = api.make(_strict_response_validation=True)
    if how == "copy":
        strict = strict.with_options(max_retries=0)
    assert strict._strict_response_validation is True

    def call(client: Any) -> Any:
        if how != "raw":
            return client.messages.create(model=MODEL, max_tokens=16, messages=USER)
        if api.is_async:

            async def parsed() -> Any:
                raw = await client.messages.with_raw_response.create(model=MODEL, max_tokens=16, messages=USER)
                return raw.parse()  # the legacy raw response parses at once, as in the official SDK

            return parsed()
        return client.messages.with_raw_response.create(model=MODEL, max_tokens=16, messages=USER).parse()

    api.emulator.enqueue(status=200, json=WRONG_TYPE)
    with pytest.raises(claude_core.APIResponseValidationError, match="input_tokens") as caught:
        api(call, strict)
    assert isinstance(caught.value.__cause__, pydantic.ValidationError)
    api.emulator.enqueue(status=200, json=_message())
    assert api(call, strict) == Message.model_validate(_message())


def test_strict_response_validation_takes_a_bool() -> None:
    with pytest.raises(TypeError, match="_strict_response_validation must be True or False, got 'yes'"):
        claude_core.Anthropic(api_key="k", _strict_response_validation="yes")  # type: ignore[arg-type]
