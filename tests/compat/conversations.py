"""Conversations whose later requests are built from earlier replies with ``model_dump()``.

The way integration libraries keep a conversation: each reply's blocks are dumped with
``block.model_dump()`` and sent back as the assistant turn. ``record_conversation_cassettes.py``
runs them with the official SDK 0.79.0 (recording the requests); ``test_conversation_cassettes.py``
replays them with claude-core, whose requests must match the recorded ones as JSON.
"""

from __future__ import annotations

from typing import Any, Dict, List

__all__ = ["TOOL_CALLS", "STREAMED", "tool_calls", "tool_calls_async", "streamed", "streamed_async"]

TOOLS = [
    {
        "name": "get_weather",
        "description": "The weather in a city.",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    }
]
#: The calls of each turn but ``messages``.
TOOL_CALLS: Dict[str, Any] = {"model": "claude-sonnet-4-5", "max_tokens": 256, "tools": TOOLS}
STREAMED: Dict[str, Any] = {**TOOL_CALLS, "max_tokens": 2048, "thinking": {"type": "enabled", "budget_tokens": 1024}}
ASK = [{"role": "user", "content": "Please call get_weather"}]


def _answered(messages: List[Any], reply: Any) -> List[Any]:
    """``messages`` with ``reply`` dumped back as the assistant turn, and the result of its tool call."""
    call = next(block for block in reply.content if block.type == "tool_use")
    return [
        *messages,
        {"role": "assistant", "content": [block.model_dump() for block in reply.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "18 °C"}]},
    ]


def _thanked(messages: List[Any], reply: Any) -> List[Any]:
    return [
        *messages,
        {"role": "assistant", "content": [block.model_dump() for block in reply.content]},
        {"role": "user", "content": "Thanks!"},
    ]


def tool_calls(client: Any) -> List[Any]:
    """Three turns with ``create``: a tool call, its result, a thank-you. Returns the replies."""
    first = client.messages.create(messages=ASK, **TOOL_CALLS)
    messages = _answered(ASK, first)
    second = client.messages.create(messages=messages, **TOOL_CALLS)
    third = client.messages.create(messages=_thanked(messages, second), **TOOL_CALLS)
    return [first, second, third]


async def tool_calls_async(client: Any) -> List[Any]:
    first = await client.messages.create(messages=ASK, **TOOL_CALLS)
    messages = _answered(ASK, first)
    second = await client.messages.create(messages=messages, **TOOL_CALLS)
    third = await client.messages.create(messages=_thanked(messages, second), **TOOL_CALLS)
    return [first, second, third]


def streamed(client: Any) -> List[Any]:
    """Two turns with ``messages.stream()`` and thinking: the blocks sent back were built from a stream."""
    with client.messages.stream(messages=ASK, **STREAMED) as stream:
        first = stream.get_final_message()
    with client.messages.stream(messages=_answered(ASK, first), **STREAMED) as stream:
        second = stream.get_final_message()
    return [first, second]


async def streamed_async(client: Any) -> List[Any]:
    async with client.messages.stream(messages=ASK, **STREAMED) as stream:
        first = await stream.get_final_message()
    async with client.messages.stream(messages=_answered(ASK, first), **STREAMED) as stream:
        second = await stream.get_final_message()
    return [first, second]
