"""Conversations recorded with the official SDK replay through claude-core, request for request.

``cassettes/conversation_*.yaml`` were recorded by ``record_conversation_cassettes.py`` with
``anthropic==0.79.0`` against the emulator: a three-turn tool conversation with ``create`` and a
two-turn one with ``messages.stream()`` and thinking, each later request carrying the earlier
replies dumped with ``model_dump()`` (see ``conversations.py``). claude-core replays them, sync and
async, with vcrpy matching each request body as JSON: its replies must dump to the same blocks,
down to the fields the official sets (``citations: None`` on a streamed text block).

One deliberate difference is allowed: the official's streamed text blocks also dump
``parsed_output: None``, which the API refuses as an extra input; claude-core leaves it out, so the
matcher drops it from the recorded bodies.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Callable, Iterator, List, Tuple

import pytest
import vcr

import claude_core
from tests.compat.conversations import streamed, streamed_async, tool_calls, tool_calls_async

CASSETTES = Path(__file__).parent / "cassettes"


def _without_parsed_output(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_parsed_output(item) for key, item in value.items() if key != "parsed_output"}
    if isinstance(value, list):
        return [_without_parsed_output(item) for item in value]
    return value


def json_body(sent: Any, recorded: Any) -> None:
    """vcrpy matcher: the bodies are the same JSON (raises AssertionError when not)."""
    ours = json.loads(sent.body or b"null")
    theirs = _without_parsed_output(json.loads(recorded.body or b"null"))
    assert ours == theirs, f"request body differs:\nsent     {ours}\nrecorded {theirs}"


REPLAY = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none", match_on=["method", "uri", "json_body"])
REPLAY.register_matcher("json_body", json_body)


@pytest.fixture(params=["sync", "async"])
def replay(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    """``replay(cassette, sync_run, async_run)``: the replies and how many recorded answers played."""
    for name in ("ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    def run(cassette: str, sync_run: Callable[[Any], Any], async_run: Callable[[Any], Any]) -> Tuple[List[Any], int]:
        with REPLAY.use_cassette(cassette, allow_playback_repeats=False) as tape:
            if request.param == "async":

                async def go() -> Any:
                    async with claude_core.AsyncAnthropic(api_key="sk-ant-replay", max_retries=0) as client:
                        return await async_run(client)

                replies = asyncio.run(go())
            else:
                with claude_core.Anthropic(api_key="sk-ant-replay", max_retries=0) as client:
                    replies = sync_run(client)
            assert tape.all_played, "a recorded request was not sent"
            return replies, tape.play_count

    yield run


def test_a_tool_conversation_sends_what_the_official_sdk_sent(replay: Callable[..., Any]) -> None:
    replies, played = replay("conversation_tool_calls.yaml", tool_calls, tool_calls_async)
    assert played == 3
    assert [[block.type for block in reply.content] for reply in replies] == [["text", "tool_use"], ["text"], ["text"]]
    assert "18 °C" in replies[1].content[0].text


def test_a_streamed_conversation_sends_what_the_official_sdk_sent(replay: Callable[..., Any]) -> None:
    replies, played = replay("conversation_streamed.yaml", streamed, streamed_async)
    assert played == 2
    first = replies[0]
    assert [block.type for block in first.content] == ["thinking", "text", "tool_use"]
    assert first.content[1].model_dump() == {"citations": None, "text": first.content[1].text, "type": "text"}
    assert "18 °C" in replies[1].content[-1].text


def test_a_block_dumped_with_a_field_missing_does_not_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """The matcher notices what the issue was about: a streamed text block dumped without ``citations``."""
    original = claude_core.types.TextBlock.model_dump

    def without_citations(self: Any, **kwargs: Any) -> Any:
        dumped = original(self, **kwargs)
        dumped.pop("citations", None)
        return dumped

    monkeypatch.setattr(claude_core.types.TextBlock, "model_dump", without_citations)
    refused = (vcr.errors.CannotOverwriteExistingCassetteException, claude_core.APIConnectionError)
    client = claude_core.Anthropic(api_key="sk-ant-replay", max_retries=0)
    with REPLAY.use_cassette("conversation_streamed.yaml") as tape, client, pytest.raises(refused):
        streamed(client)
    assert tape.play_count == 1  # the first turn matched; the second, built from it, did not
