"""Runs the typed user module against the emulator over HTTP, sync and async.

``user_module.py`` is checked statically by ``tox -e typing`` (mypy --strict and pyright, zero
errors). These tests prove it is also correct at runtime: each function does what its types say.
To check the module against the official SDK, replace ``claude_core`` by ``anthropic`` in a copy
and run ``mypy --strict`` on it where ``anthropic`` 0.79 is installed; it passes unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import AsyncIterator, Iterator

import pytest
from claude_emulator import Emulator

import claude_core
from claude_core.types import Message, MessageCreateParams, TextBlock

from . import user_module as user


@pytest.fixture
def client(emulator: Emulator) -> Iterator[claude_core.Anthropic]:
    with claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        yield client


@pytest.fixture
async def aclient(emulator: Emulator) -> AsyncIterator[claude_core.AsyncAnthropic]:
    async with claude_core.AsyncAnthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        yield client


def test_uses_no_claude_core_only_name() -> None:
    """Every ``claude_core`` name the module imports exists at the same path in the official SDK."""
    source = Path(user.__file__).read_text(encoding="utf-8")
    imported = re.findall(r"^from (claude_core[\w.]*) import", source, re.MULTILINE)
    assert set(imported) == {
        "claude_core",
        "claude_core.pagination",
        "claude_core.types",
        "claude_core.types.beta",
        "claude_core.types.message",
        "claude_core.types.raw_content_block_delta_event",
        "claude_core.types.tool_result_block_param",
    }
    assert "Unknown" not in source


def test_ask_narrows_every_block(client: claude_core.Anthropic) -> None:
    message = user.ask(client, "What colour is the sky?")
    lines = [user.describe(block) for block in message.content]

    assert lines[0].startswith("thinking (") and lines[0].endswith("signed True)")
    assert lines[1].startswith("text 'Echo:") and "citing chars 0-16 of document 0" in lines[1]
    assert user.texts(message) == [block.text for block in message.content if isinstance(block, TextBlock)]
    summary = user.usage_summary(message.usage)
    assert summary["input"] == message.usage.input_tokens > 0
    assert summary["output"] == message.usage.output_tokens > 0
    assert summary["cache_write"] == summary["cache_read"] == summary["web_searches"] == 0


def test_describe_covers_server_tool_blocks() -> None:
    message = Message.model_validate(
        {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": user.MODEL,
            "content": [
                {"type": "redacted_thinking", "data": "abc"},
                {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "sky"}},
                {
                    "type": "web_search_tool_result",
                    "tool_use_id": "srvtoolu_1",
                    "content": [
                        {
                            "type": "web_search_result",
                            "url": "https://a.example",
                            "title": "A",
                            "encrypted_content": "e",
                        }
                    ],
                },
                {
                    "type": "web_search_tool_result",
                    "tool_use_id": "srvtoolu_2",
                    "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
                },
                {"type": "container_upload", "file_id": "file_1"},
                {"type": "hologram", "depth": 3},
            ],
            "stop_reason": "end_turn",
            "usage": {"input_tokens": 1, "output_tokens": 2, "server_tool_use": {"web_search_requests": 1}},
        }
    )
    assert [user.describe(block) for block in message.content] == [
        "redacted thinking (3 bytes)",
        "server tool call web_search id=srvtoolu_1",
        "web results ['https://a.example']",
        "web search failed: max_uses_exceeded",
        "a container_upload block",
        "a hologram block",  # an unknown block still parses, and still has its type
    ]
    assert [user.describe_beta(block) for block in message.content][-2:] == ["uploaded file_1", "hologram"]
    assert user.usage_summary(message.usage)["web_searches"] == 1
    assert user.pdf_source()["media_type"] == "application/pdf"


def test_tool_round_trip(client: claude_core.Anthropic) -> None:
    first, second = user.tool_round_trip(client)

    assert first.stop_reason == "tool_use"
    (call,) = user.tool_calls(first)
    assert call.name == "get_weather" and "city" in call.input
    assert user.describe(call).startswith("tool call get_weather(city")
    assert second.stop_reason == "end_turn"
    use, result = user.replay_tool_use(call)
    assert use["id"] == result["tool_use_id"] == call.id


def test_raw_response_count_tokens_and_errors(client: claude_core.Anthropic) -> None:
    status, request_id, message = user.raw_create(client)
    assert status == 200 and request_id and user.texts(message) == ["Echo: Hello"]
    assert user.count(client, "How many tokens is this?") > 0
    assert user.texts(user.ask_with_optional_settings(client, "Hi")) == user.texts(
        user.ask_with_optional_settings(client, "Hi", temperature=0.5)
    )
    assert user.status_of_bad_request(client) == 400


def test_streams(client: claude_core.Anthropic) -> None:
    pieces, stop = user.stream_raw(client, "one two three")
    assert stop == "end_turn"
    assert pieces[0].startswith("<start msg_") and pieces[1] == "<block 0 text>"
    assert "".join(p for p in pieces if not p.startswith("<")) == "Echo: one two three"
    assert pieces[-2:] == [f"<out={len(['Echo:', 'one', 'two', 'three'])}>", "<stop>"]

    streamed, last_snapshot, final = user.stream_helper(client, "one two three")
    assert streamed == last_snapshot == "Echo: one two three"
    assert user.texts(final) == [streamed]


def test_model_pages(client: claude_core.Anthropic) -> None:
    by_page, iterated = user.model_ids(client, page_size=2)
    assert by_page == iterated and len(by_page) > 2
    model, label = user.newest_model(client)
    assert model == by_page[0] and label.endswith(")")


def test_tool_helpers_and_structured_streams(client: claude_core.Anthropic) -> None:
    reasons, text = user.run_tools(client)
    assert reasons == ["tool_use", "end_turn"] and text == "Echo: [tool result toolu_emu_1: Sunny in value for city]"
    assert user.stream_tools(client) == ["I'll use lookup_weather.", text]
    forecast = user.stream_structured(client)
    assert isinstance(forecast, user.Forecast) and forecast.days == [1]


def test_batches_and_files(client: claude_core.Anthropic) -> None:
    params: MessageCreateParams = {
        "model": "claude-sonnet-4-5",
        "max_tokens": 32,
        "messages": [{"role": "user", "content": "Hi"}],
    }
    bad: MessageCreateParams = {**params, "model": "claude-nonexistent-1"}
    batch = client.messages.batches.create(
        requests=[{"custom_id": "a", "params": params}, {"custom_id": "b", "params": bad}]
    )
    client.messages.batches.wait(batch.id, poll_interval=0.01)
    assert user.batch_texts(client, batch.id) == {"a": "Echo: Hi", "b": "error: not_found_error"}
    file_id, size, data = user.store_and_fetch(client, b"\x00\x01 bytes")
    assert file_id.startswith("file_") and size == 8 and data == b"\x00\x01 bytes"


def test_beta(client: claude_core.Anthropic) -> None:
    message, lines = user.ask_beta(client, "Hi")
    assert lines == ["Echo: Hi"] and message.usage.input_tokens > 0


async def test_async(aclient: claude_core.AsyncAnthropic) -> None:
    message = await user.ask_async(aclient, "Hello")
    assert user.texts(message) == ["Echo: Hello"]

    pieces, stop = await user.stream_raw_async(aclient, "one two")
    assert stop == "end_turn" and "".join(p for p in pieces if not p.startswith("<")) == "Echo: one two"

    text, final = await user.stream_helper_async(aclient, "one two")
    assert text == "Echo: one two" and user.texts(final) == [text]

    assert await user.count_async(aclient, "Hello") > 0
    by_page, iterated = await user.model_ids_async(aclient, page_size=3)
    assert by_page == iterated and len(by_page) > 3
