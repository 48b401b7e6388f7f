"""Response objects equal the official SDK's, field for field, in every dump mode.

``official_objects.json`` holds what the official SDK 0.79.0 built from the streams and bodies
of ``response_inputs.py`` (recorded once by ``record_official_objects.py``, since CI does not
install it). Here claude-core gets the same inputs from the emulator, over HTTP, sync and async,
through ``messages`` and ``beta.messages``, ``stream()`` and ``create()``; every dump of the
message, its usage and each block must be the same, JSON strings byte for byte, and every
nested object a model where the official's is.

Two deliberate differences: the official's stream helpers make text blocks ``ParsedTextBlock``,
whose ``model_dump()`` has ``parsed_output: None``, which the API refuses when the block is sent
back; claude-core never dumps ``parsed_output``, so it is left out of the official's dumps here.
And a block of a type the SDK does not know is an ``UnknownBlock`` holding what was sent, where
the official makes it a ``TextBlock`` with ``text: None``: only the dumps of what was sent compare.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict

import pytest

from tests.compat.response_inputs import BODIES, PARAMS, STREAMS, python_value, record, record_events, sse
from tests.conftest import Api

OFFICIAL: Dict[str, Any] = json.loads((Path(__file__).parent / "official_objects.json").read_text())
CASES = sorted(key for key in OFFICIAL if key.startswith(("create/", "stream/")))
EVENT_CASES = sorted(key for key in OFFICIAL if key.startswith("events/"))


def _without_parsed_output(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_parsed_output(item) for key, item in value.items() if key != "parsed_output"}
    if isinstance(value, list):
        return [_without_parsed_output(item) for item in value]
    if isinstance(value, str):
        return re.sub(r',"parsed_output":null', "", value)
    return value


def _built(api: Api, case: str) -> Any:
    how, name, resource_name = case.split("/")

    def resource(client: Any) -> Any:
        return client.beta.messages if resource_name == "beta" else client.messages

    if how == "create":
        api.emulator.enqueue(status=200, json=BODIES[name])
        return api(lambda client: resource(client).create(**PARAMS))
    api.emulator.enqueue(sse=sse(STREAMS[name]))
    if api.is_async:

        async def final(client: Any) -> Any:
            async with resource(client).stream(**PARAMS) as stream:
                return await stream.get_final_message()

        return api(final)

    def final_sync(client: Any) -> Any:
        with resource(client).stream(**PARAMS) as stream:
            return stream.get_final_message()

    return api(final_sync)


#: The dumps of what the API sent only (``exclude_unset``).
SENT_ONLY = ("model_dump_exclude_unset", "to_dict", "to_json")


def _sent_only(dumps: Dict[str, Any]) -> Dict[str, Any]:
    return {mode: dumps[mode] for mode in SENT_ONLY}


@pytest.mark.parametrize("case", CASES)
def test_objects_dump_as_the_official_sdks(api: Api, case: str) -> None:
    message = _built(api, case)
    ours = json.loads(json.dumps(record(message), default=python_value))
    official = _without_parsed_output(OFFICIAL[case])
    assert ours["usage"] == official["usage"]
    if "/unknown_block/" in case:
        from claude_core.types import UnknownBlock

        assert isinstance(message.content[0], UnknownBlock) and message.content[0].frames == [1, 2]
        assert _sent_only(ours["message"]) == _sent_only(official["message"])
        assert _sent_only(ours["blocks"][0]) == _sent_only(official["blocks"][0])
        return
    assert ours["message"] == official["message"]
    assert ours["blocks"] == official["blocks"]


@pytest.mark.parametrize("case", EVENT_CASES)
def test_raw_stream_events_dump_as_the_official_sdks(api: Api, case: str) -> None:
    _, name, resource_name = case.split("/")
    api.emulator.enqueue(sse=sse(STREAMS[name]))
    resource = (lambda client: client.beta.messages) if resource_name == "beta" else (lambda client: client.messages)
    events = api.collect(api(lambda client: resource(client).create(**PARAMS, stream=True)))
    ours = json.loads(json.dumps(record_events(events), default=python_value))
    assert ours == OFFICIAL[case]


def test_the_fixture_covers_streams_and_bodies_of_both_apis() -> None:
    assert OFFICIAL["anthropic_version"] == "0.79.0"
    assert {f"stream/{name}/beta" for name in STREAMS} <= set(CASES)
    assert {f"create/{name}/beta" for name in BODIES} <= set(CASES)
    assert {f"events/{name}/beta" for name in STREAMS} <= set(EVENT_CASES)
    assert {"stream/standard/messages", "create/standard/messages", "create/no_usage/messages"} <= set(CASES)


def test_a_stream_built_text_block_has_citations_set_as_the_official_sdks(api: Api) -> None:
    """The case of the issue: a block built from a stream is sent back with ``model_dump()``."""
    message = _built(api, "stream/minimal/messages")
    block = message.content[0]
    assert block.model_fields_set == {"citations", "text", "type"}
    assert block.model_dump() == {"citations": None, "text": "Hi", "type": "text"}
    assert block.to_dict() == {"citations": None, "text": "Hi", "type": "text"}
    beta = _built(api, "stream/minimal/beta").content[0]  # the beta helper keeps what the start sent
    assert beta.to_dict() == {"text": "Hi", "type": "text"} and beta.model_dump()["citations"] is None


def test_nested_beta_objects_are_models(api: Api) -> None:
    from claude_core.types.beta import (
        BetaClearToolUses20250919EditResponse,
        BetaCompactionIterationUsage,
        BetaContextManagementResponse,
        BetaServerToolCaller,
        BetaSkill,
        BetaWebFetchBlock,
    )

    message = _built(api, "create/beta/beta")
    assert isinstance(message.context_management, BetaContextManagementResponse)
    assert isinstance(message.context_management.applied_edits[0], BetaClearToolUses20250919EditResponse)
    assert message.context_management.model_dump()["applied_edits"][0]["cleared_tool_uses"] == 2
    assert isinstance(message.usage.iterations[0], BetaCompactionIterationUsage)
    assert isinstance(message.container.skills[0], BetaSkill)
    fetched = message.content[2].content
    assert isinstance(fetched, BetaWebFetchBlock) and fetched.content.source.data == "The page."
    caller = next(block.caller for block in message.content if getattr(block, "caller", None) is not None)
    assert isinstance(caller, BetaServerToolCaller) and caller.tool_id == "srvtoolu_02"


def test_stream_events_hold_models(api: Api) -> None:
    from claude_core.types.beta import BetaContainer, BetaContextManagementResponse

    api.emulator.enqueue(sse=sse(STREAMS["beta"]))
    stream = api(lambda client: client.beta.messages.create(**PARAMS, stream=True))
    delta = next(event for event in api.collect(stream) if event.type == "message_delta")
    assert isinstance(delta.context_management, BetaContextManagementResponse)
    assert delta.context_management.applied_edits[1].cleared_thinking_turns == 1
    assert isinstance(delta.delta.container, BetaContainer) and delta.delta.container.skills[0].skill_id == "pptx"
    assert (
        delta.usage.iterations[0].type == "compaction" and delta.usage.iterations[0].model_dump()["input_tokens"] == 100
    )
