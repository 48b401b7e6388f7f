"""Streams from gateways that leave fields out are built from what arrived, as the official SDK does.

Where the official's stream helper stops with a ``TypeError`` (a text block without ``text``, a
``message_start`` without ``usage`` then a ``message_delta``), claude-core builds the message from
the events it got. ``_strict_response_validation=True`` refuses such events instead.
"""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

import claude_core
from tests.compat.response_inputs import sse
from tests.conftest import MODEL, USER, Api

START = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [],
    "stop_reason": None,
    "stop_sequence": None,
}


def _events(start_block: Dict[str, Any], delta: Dict[str, Any], **message: Any) -> List[Dict[str, Any]]:
    return [
        {"type": "message_start", "message": {**START, **message}},
        {"type": "content_block_start", "index": 0, "content_block": start_block},
        {"type": "content_block_delta", "index": 0, "delta": delta},
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 3}},
        {"type": "message_stop"},
    ]


WITHOUT_USAGE = _events({"type": "text", "text": ""}, {"type": "text_delta", "text": "Hi"})
WITHOUT_TEXT = _events({"type": "text"}, {"type": "text_delta", "text": "Hi"}, usage={"input_tokens": 1})
WITHOUT_INPUT = _events(
    {"type": "tool_use", "id": "toolu_1", "name": "n"},
    {"type": "input_json_delta", "partial_json": '{"a": 1}'},
    usage={"input_tokens": 1, "output_tokens": 1},
)


def _final(api: Api, events: List[Dict[str, Any]], client: Any = None, beta: bool = False) -> Any:
    api.emulator.enqueue(sse=sse(events))

    def resource(c: Any) -> Any:
        return c.beta.messages if beta else c.messages

    if api.is_async:

        async def final(c: Any) -> Any:
            async with resource(c).stream(model=MODEL, max_tokens=16, messages=USER) as stream:
                return await stream.get_final_message()

        return api(final, client)

    def final_sync(c: Any) -> Any:
        with resource(c).stream(model=MODEL, max_tokens=16, messages=USER) as stream:
            return stream.get_final_message()

    return api(final_sync, client)


def _raw_events(api: Api, events: List[Dict[str, Any]]) -> List[Any]:
    api.emulator.enqueue(sse=sse(events))
    stream = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER, stream=True))
    return api.collect(stream)


@pytest.mark.parametrize("beta", [False, True])
def test_a_message_start_without_usage_takes_the_usage_of_message_delta(api: Api, beta: bool) -> None:
    message = _final(api, WITHOUT_USAGE, beta=beta)
    assert message.content[0].text == "Hi" and message.stop_reason == "end_turn"
    assert message.usage.output_tokens == 3 and "usage" in message.model_fields_set
    assert message.usage.to_dict() == {"output_tokens": 3}


def test_raw_events_without_usage_are_built(api: Api) -> None:
    events = _raw_events(api, WITHOUT_USAGE)
    assert [event.type for event in events] == [event["type"] for event in WITHOUT_USAGE]
    start = events[0].message
    assert start.usage is None and "usage" not in start.model_fields_set
    assert events[0].to_dict() == WITHOUT_USAGE[0]


def test_a_text_block_started_without_text_gets_its_deltas(api: Api) -> None:
    message = _final(api, WITHOUT_TEXT)
    assert message.content[0].text == "Hi"
    assert message.content[0].to_dict() == {"citations": None, "text": "Hi", "type": "text"}
    assert message.usage.to_dict() == {"input_tokens": 1, "output_tokens": 3}


def test_a_tool_use_started_without_input_gets_its_json(api: Api) -> None:
    message = _final(api, WITHOUT_INPUT)
    block = message.content[0]
    assert block.input == {"a": 1} and block.to_dict() == {
        "id": "toolu_1",
        "input": {"a": 1},
        "name": "n",
        "type": "tool_use",
    }


def test_strict_response_validation_refuses_an_event_without_its_fields(api: Api) -> None:
    strict = api.make(_strict_response_validation=True)
    api.emulator.enqueue(sse=sse(WITHOUT_USAGE))
    stream = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER, stream=True), strict)
    with pytest.raises(claude_core.APIResponseValidationError, match="usage"):
        api.collect(stream)
