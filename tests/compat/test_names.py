"""Names packages built on the official SDK import: each is importable at the same path under
``claude_core``, and is the object the client runs."""

from __future__ import annotations

import importlib
from typing import Any, Dict, List

import pydantic
import pytest

import claude_core
from claude_core import transform_schema

#: Non-type names from ../shared/COMPAT_SURFACE.md for features that exist today (Bedrock,
#: Vertex and Foundry clients come with their providers).
PATHS = [
    ("claude_core", "transform_schema"),
    ("claude_core", "NOT_GIVEN"),
    ("claude_core", "not_given"),
    ("claude_core", "omit"),
    ("claude_core", "HUMAN_PROMPT"),
    ("claude_core", "AI_PROMPT"),
    ("claude_core", "Stream"),
    ("claude_core", "AsyncStream"),
    ("claude_core", "Client"),
    ("claude_core", "AsyncClient"),
    ("claude_core", "DefaultHttpxClient"),
    ("claude_core", "DefaultAsyncHttpxClient"),
    ("claude_core._streaming", "Stream"),
    ("claude_core._streaming", "AsyncStream"),
    ("claude_core.lib.streaming", "MessageStreamManager"),
    ("claude_core.lib.streaming._messages", "MessageStreamManager"),
    ("claude_core.lib.streaming._messages", "AsyncMessageStreamManager"),
    ("claude_core.resources.messages", "Messages"),
    ("claude_core.resources.messages", "AsyncMessages"),
    ("claude_core.resources.beta.messages.messages", "Messages"),
    ("claude_core.resources.beta.messages.messages", "AsyncMessages"),
    ("claude_core.resources.completions", "Completions"),
    ("claude_core.resources.completions", "AsyncCompletions"),
    ("claude_core", "LegacyAPIResponse"),
    ("claude_core._legacy_response", "LegacyAPIResponse"),
    ("claude_core.lib.tools", "beta_tool"),
    ("claude_core.lib.tools", "BetaToolRunner"),
    ("claude_core.lib.tools", "BetaAsyncToolRunner"),
]


@pytest.mark.parametrize(("module", "name"), PATHS)
def test_name_is_importable_at_the_official_path(module: str, name: str) -> None:
    assert getattr(importlib.import_module(module), name) is not None


def test_re_exports_are_the_objects_the_client_runs() -> None:
    from claude_core import _streaming, lib
    from claude_core.streaming import message_stream, stream

    assert _streaming.Stream is stream.Stream is claude_core.Stream
    assert lib.streaming.MessageStreamManager is message_stream.MessageStreamManager
    assert claude_core.not_given is claude_core.NOT_GIVEN
    from claude_core import _legacy_response, _response
    from claude_core.resources import completions

    assert _legacy_response.LegacyAPIResponse is _response.LegacyAPIResponse is claude_core.LegacyAPIResponse
    assert type(claude_core.Anthropic(api_key="k").completions) is completions.Completions
    from claude_core import tools
    from claude_core.tools import runner

    assert lib.tools.BetaToolRunner is tools.BetaToolRunner is runner.BetaToolRunner
    assert lib.tools.beta_tool is tools.beta_tool is claude_core.beta_tool
    assert type(claude_core.AsyncAnthropic(api_key="k").completions) is completions.AsyncCompletions
    client = claude_core.Anthropic(api_key="k")
    assert type(client.messages.stream(model="m", max_tokens=1, messages=[])) is message_stream.MessageStreamManager


# transform_schema: each case with what the official SDK 0.79.0 returns for it.
CASES: List[Dict[str, Any]] = [
    {
        "in": {"type": "integer", "minimum": 1, "maximum": 10, "description": "A number"},
        "out": {"type": "integer", "description": "A number\n\n{minimum: 1, maximum: 10}"},
    },
    {
        "in": {
            "type": "object",
            "properties": {
                "a": {"type": "string", "format": "email"},
                "b": {"type": "string", "format": "binary", "enum": ["x", "y"]},
                "c": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 5},
                "d": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/X", "description": "z"}]},
            },
            "required": ["a"],
            "additionalProperties": True,
            "title": "T",
        },
        "out": {
            "type": "object",
            "title": "T",
            "properties": {
                "a": {"type": "string", "format": "email"},
                "b": {"type": "string", "description": "{enum: ['x', 'y'], format: binary}"},
                "c": {"type": "array", "items": {"type": "number"}, "description": "{maxItems: 5, minItems: 2}"},
                "d": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/X"}]},
            },
            "additionalProperties": False,
            "required": ["a"],
        },
    },
    {
        "in": {"$defs": {"X": {"type": "object", "properties": {}}}, "allOf": [{"type": "boolean"}], "default": True},
        "out": {
            "$defs": {"X": {"type": "object", "properties": {}, "additionalProperties": False}},
            "allOf": [{"type": "boolean"}],
            "description": "{default: True}",
        },
    },
    {
        "in": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "out": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    },
]


@pytest.mark.parametrize("case", CASES)
def test_transform_schema_gives_what_the_official_sdk_gives(case: Dict[str, Any]) -> None:
    original = repr(case["in"])
    assert transform_schema(case["in"]) == case["out"]
    assert repr(case["in"]) == original  # the input is not changed


def test_transform_schema_of_a_pydantic_model() -> None:
    class Person(pydantic.BaseModel):
        name: str
        age: int = 3

    assert transform_schema(Person) == {
        "type": "object",
        "title": "Person",
        "properties": {
            "name": {"type": "string", "title": "Name"},
            "age": {"type": "integer", "title": "Age", "description": "{default: 3}"},
        },
        "additionalProperties": False,
        "required": ["name"],
    }


def test_transform_schema_needs_a_type() -> None:
    with pytest.raises(ValueError, match="needs a 'type', 'anyOf', 'oneOf' or 'allOf'"):
        transform_schema({"enum": [1, 2]})
