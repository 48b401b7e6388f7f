"""HTTP cassettes recorded with the official SDK 0.79.0 replay through claude-core.

The cassettes in ``cassettes/`` were recorded with vcrpy by ``anthropic==0.79.0`` against
the emulator (host rewritten to api.anthropic.com, keys filtered). They are replayed here
with a matcher on the raw body bytes, the keyword arguments written in another order than
at recording: the bodies must come out byte for byte the same. Nothing listens on the
network: vcrpy answers from the cassette, and a request it does not find fails the test.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
import vcr
from vcr.errors import CannotOverwriteExistingCassetteException

import claude_core

CASSETTES = Path(__file__).parent / "cassettes"
REPLAY = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none", match_on=["method", "uri", "raw_body"])

TOOLS = [
    {
        "name": "get_weather",
        "description": "The weather in a city.",
        "input_schema": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "e.g. Zürich"}},
            "required": ["city"],
        },
    }
]

# The calls as recorded, their keyword arguments reversed (extra_* and the required ones first).
CREATE_WITH_TOOLS = dict(
    reversed(
        list(
            {
                "model": "claude-sonnet-4-5",
                "max_tokens": 256,
                "system": "You are terse. Réponds brièvement.",
                "messages": [{"role": "user", "content": "What is the weather in Zürich?"}],
                "tools": TOOLS,
                "tool_choice": {"type": "auto"},
                "temperature": 0.2,
                "metadata": {"user_id": "user-42"},
            }.items()
        )
    )
)
CREATE_STREAM = {
    "top_k": 5,
    "stop_sequences": ["\n\nHuman:"],
    "messages": [{"role": "user", "content": "Say hello"}],
    "system": "Be brief.",
    "stream": True,
    "max_tokens": 64,
    "model": "claude-sonnet-4-5",
}
STREAM_HELPER = {
    "system": [{"type": "text", "text": "Be kind."}],
    "messages": [{"role": "user", "content": "Tell me a short story"}],
    "temperature": 0.7,
    "model": "claude-sonnet-4-5",
    "max_tokens": 64,
}
COUNT_TOKENS = {
    "messages": [{"role": "user", "content": "How many tokens is this? ✓"}],
    "tools": TOOLS,
    "system": "Count me.",
    "model": "claude-sonnet-4-5",
}


@pytest.fixture(params=["sync", "async"])
def replay(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    """``replay(cassette, sync_call, async_call)``: the call's result and how many recorded answers
    it played, with the cassette answering, through the sync or the async client."""
    for name in ("ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    def run(cassette: str, sync_call: Callable[[Any], Any], async_call: Callable[[Any], Any]) -> Tuple[Any, int]:
        with REPLAY.use_cassette(cassette) as tape:
            if request.param == "async":

                async def go() -> Any:
                    async with claude_core.AsyncAnthropic(api_key="sk-ant-replay", max_retries=0) as client:
                        return await async_call(client)

                result = asyncio.run(go())
            else:
                with claude_core.Anthropic(api_key="sk-ant-replay", max_retries=0) as client:
                    result = sync_call(client)
            return result, tape.play_count

    yield run


def test_create_with_tools_and_system(replay: Callable[..., Any]) -> None:
    async def acall(client: Any) -> Any:
        return await client.messages.create(**CREATE_WITH_TOOLS)

    message, played = replay(
        "create_with_tools_and_system.yaml", lambda c: c.messages.create(**CREATE_WITH_TOOLS), acall
    )
    assert played == 1
    assert message.role == "assistant" and message.content


def test_create_stream_true(replay: Callable[..., Any]) -> None:
    async def acall(client: Any) -> List[Any]:
        return [event async for event in await client.messages.create(**CREATE_STREAM)]

    events, played = replay("create_stream_true.yaml", lambda c: list(c.messages.create(**CREATE_STREAM)), acall)
    assert played == 1
    assert [event.type for event in events][:2] == ["message_start", "content_block_start"]
    assert events[-1].type == "message_stop"


def test_messages_stream_helper(replay: Callable[..., Any]) -> None:
    def call(client: Any) -> Any:
        with client.messages.stream(**STREAM_HELPER) as stream:
            return stream.get_final_message()

    async def acall(client: Any) -> Any:
        async with client.messages.stream(**STREAM_HELPER) as stream:
            return await stream.get_final_message()

    message, played = replay("messages_stream_helper.yaml", call, acall)
    assert played == 1
    assert message.content[0].text


def test_count_tokens(replay: Callable[..., Any]) -> None:
    async def acall(client: Any) -> Any:
        return await client.messages.count_tokens(**COUNT_TOKENS)

    count, played = replay("count_tokens.yaml", lambda c: c.messages.count_tokens(**COUNT_TOKENS), acall)
    assert played == 1
    assert count.input_tokens > 0


def test_a_changed_body_does_not_match(replay: Callable[..., Any]) -> None:
    """The matcher is strict: one value changed and the cassette has no answer."""
    changed: Dict[str, Any] = {**COUNT_TOKENS, "system": "Count me!"}

    async def acall(client: Any) -> Any:
        return await client.messages.count_tokens(**changed)

    with pytest.raises((CannotOverwriteExistingCassetteException, claude_core.APIConnectionError)):
        replay("count_tokens.yaml", lambda c: c.messages.count_tokens(**changed), acall)
