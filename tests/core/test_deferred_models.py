"""A reply creates only the response model classes it holds: every other block, citation and usage
part is created the first time a value of it is built, validated, or its name is read, with the
other models of its module (the thinking blocks, the citations, the MCP blocks, ...).

Each check runs in a fresh interpreter (plugins off), where no model class exists yet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import ModuleType
from typing import Any, Dict, List

import pydantic
import pytest

import claude_core.types
from claude_core.plugins import PLUGIN_GROUP, _entry_points
from claude_core.types import citation_locations, citations, content, message, server_tool_blocks, thinking_blocks
from tests.conftest import MODEL, USER

#: The classes a plain text reply needs: the two bases, the message, its usage, its text block.
PLAIN = {"BaseModel", "TwinModel", "Message", "Usage", "TextBlock"}

#: Prints the claude_core model classes created so far (``built()``) and the types modules loaded.
PRELUDE = """
import json, sys, pydantic, claude_core
def built():
    found, todo = set(), [pydantic.BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(cls.__name__ for cls in found if cls.__module__.startswith("claude_core"))
def loaded(*modules):
    return [name for name in modules if "claude_core.types." + name in sys.modules]
"""


def _models_of(*modules: ModuleType) -> List[str]:
    """The names of the model classes the modules define."""
    return sorted(
        name
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, pydantic.BaseModel) and value.__module__ == module.__name__
    )


def _run(code: str) -> Any:
    """The JSON value the script prints last, run in a fresh interpreter without plugins."""
    installed = ",".join(entry.name for entry in _entry_points(PLUGIN_GROUP))  # the test fixtures
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    environment["CLAUDE_CORE_DISABLE_PLUGINS"] = installed
    result = subprocess.run(
        [sys.executable, "-c", PRELUDE + code], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_a_plain_create_creates_only_the_models_its_reply_holds(emulator: Any) -> None:
    created = _run(f"""
client = claude_core.Anthropic(api_key="k", base_url={emulator.base_url!r})
message = client.messages.create(model={MODEL!r}, max_tokens=8, messages={USER!r})
assert [block.type for block in message.content] == ["text"] and message.content[0].citations is None
assert message.usage.output_tokens > 0
print(json.dumps(built()))
""")
    assert {"Message", "Usage", "TextBlock"} <= set(created) <= PLAIN, created


DOCUMENT_TURN: List[Dict[str, Any]] = [
    {
        "role": "user",
        "content": [
            {
                "type": "document",
                "source": {"type": "text", "media_type": "text/plain", "data": "The sky is blue. Grass is green."},
                "citations": {"enabled": True},
            },
            {"type": "text", "text": "What colour is the sky?"},
        ],
    }
]


def test_a_reply_creates_the_models_of_the_blocks_and_citations_it_holds(emulator: Any) -> None:
    """A thinking block and a cited text: the models of the thinking blocks and of the citations are
    created, no other block's."""
    result = _run(f"""
client = claude_core.Anthropic(api_key="k", base_url={emulator.base_url!r})
client.messages
before = built()
message = client.messages.create(
    model={MODEL!r}, max_tokens=2048, thinking={{"type": "enabled", "budget_tokens": 1024}}, messages={DOCUMENT_TURN!r}
)
from claude_core.types import CitationCharLocation, TextBlock, ThinkingBlock
thinking, text = message.content
assert isinstance(thinking, ThinkingBlock) and isinstance(text, TextBlock), message
assert isinstance(text.citations[0], CitationCharLocation), text
print(json.dumps({{"new": sorted(set(built()) - set(before)), "cited": text.citations[0].cited_text}}))
""")
    assert result == {"new": _models_of(thinking_blocks, citation_locations), "cited": "The sky is blue."}
    assert {"CitationCharLocation", "ThinkingBlock"} <= set(result["new"])


BODY: Dict[str, Any] = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [
        {"type": "thinking", "thinking": "Short.", "signature": "sig"},
        {
            "type": "text",
            "text": "Blue.",
            "citations": [
                {
                    "type": "char_location",
                    "cited_text": "The sky is blue.",
                    "document_index": 0,
                    "document_title": None,
                    "start_char_index": 0,
                    "end_char_index": 16,
                }
            ],
        },
        {"type": "a_block_of_tomorrow", "payload": 1},
    ],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 3, "output_tokens": 2, "server_tool_use": {"web_search_requests": 1}},
}


@pytest.mark.parametrize("first", ["construct", "strict validation"])
def test_deferred_blocks_and_citations_build_validate_and_dump_as_before(first: str) -> None:
    """Built, or validated strictly, first in a fresh interpreter: the same objects either way, of
    the real classes, dumping the body as sent. Building loads only the modules of what the body
    holds; strict validation compiles the schema of every block, as before."""
    result = _run(f"""
from claude_core.types import Message
from claude_core.types._construct import construct
body = {BODY!r}
deferred = ("thinking_blocks", "citation_locations", "_unknown", "usage_details", "code_execution_blocks", "mcp_blocks")
assert not loaded(*deferred), loaded(*deferred)
if {first!r} == "construct":
    built_message = construct(Message, body)
    after_building = loaded(*deferred)
    validated = Message.model_validate(body, strict=True)
else:
    validated = Message.model_validate(body, strict=True)
    built_message = construct(Message, body)
    after_building = None
assert built_message == validated == Message.model_validate(body)
assert built_message.model_fields_set == validated.model_fields_set
from claude_core.types import CitationCharLocation, ServerToolUsage, ThinkingBlock, UnknownBlock
for one in (built_message, validated):
    thinking, text, unknown = one.content
    assert type(thinking) is ThinkingBlock and type(unknown) is UnknownBlock, one.content
    assert type(text.citations[0]) is CitationCharLocation and type(one.usage.server_tool_use) is ServerToolUsage
    assert json.loads(one.to_json()) == body and one.to_dict() == body
    assert json.loads(one.model_dump_json()) == one.model_dump(mode="json")
print(json.dumps(after_building))
""")
    if first == "construct":
        assert result == ["thinking_blocks", "citation_locations", "_unknown", "usage_details"]


def test_a_name_loads_its_model_when_first_read() -> None:
    result = _run("""
import claude_core.types.content as content
assert not loaded("server_tool_blocks")
from claude_core.types.content import ServerToolUseBlock
from claude_core.types.server_tool_use_block import ServerToolUseBlock as official_path
assert ServerToolUseBlock is claude_core.types.ServerToolUseBlock is official_path
print(json.dumps([name for name in built() if name not in ("BaseModel", "TwinModel")]))
""")
    assert result == sorted(["TextBlock", *_models_of(server_tool_blocks)])  # the named model's module, and content's


@pytest.mark.parametrize("module", [content, citations, message], ids=lambda module: module.__name__)
def test_every_name_of_the_split_modules_is_the_package_s_object(module: Any) -> None:
    for name in module.__all__:
        assert getattr(module, name) is getattr(claude_core.types, name), name
        assert name in dir(module)
    with pytest.raises(AttributeError, match="no_such_name"):
        assert module.no_such_name is None


def test_type_hints_of_a_model_with_deferred_fields_resolve() -> None:
    # typing.get_type_hints reads a class's annotations in its module: the deferred field types'
    # names there are the real models now, so the classes keep their annotations as objects
    import typing

    for model in (claude_core.types.Usage, claude_core.types.Message):
        hints = typing.get_type_hints(model)
        assert set(model.model_fields) <= set(hints)
    assert message.CacheCreation is claude_core.types.CacheCreation
