"""The accumulator on its own: feed raw events, read the snapshot."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest

from claude_core.streaming import MessageAccumulator
from claude_core.types import TextBlock, ThinkingBlock, ToolUseBlock
from claude_core.types.stream_events import parse_stream_event

START = {
    "type": "message_start",
    "message": {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 1, "cache_read_input_tokens": 4},
    },
}


def events(*items: Dict[str, Any]) -> List[Any]:
    return [parse_stream_event(json.dumps(item)) for item in items]


def delta(index: int, **payload: Any) -> Dict[str, Any]:
    return {"type": "content_block_delta", "index": index, "delta": payload}


def feed(accumulator: MessageAccumulator, items: List[Dict[str, Any]]) -> None:
    for event in events(*items):
        accumulator.add(event)


def test_text_thinking_signature_tool_and_usage() -> None:
    accumulator = MessageAccumulator()
    feed(
        accumulator,
        [
            START,
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "thinking", "thinking": "", "signature": ""},
            },
            delta(0, type="thinking_delta", thinking="Let me "),
            delta(0, type="thinking_delta", thinking="think."),
            delta(0, type="signature_delta", signature="abc"),
            delta(0, type="signature_delta", signature="def"),
            {"type": "content_block_stop", "index": 0},
            {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}},
            delta(1, type="text_delta", text="Hello"),
            delta(1, type="text_delta", text=", world"),
            {"type": "content_block_stop", "index": 1},
            {
                "type": "content_block_start",
                "index": 2,
                "content_block": {"type": "tool_use", "id": "t1", "name": "f", "input": {}},
            },
            delta(2, type="input_json_delta", partial_json=""),
            delta(2, type="input_json_delta", partial_json='{"city": "Pa'),
        ],
    )
    # partial JSON, parsed on demand; an unfinished string is left out, as the official SDK does
    assert accumulator.tool_input(2) == {}
    feed(
        accumulator,
        [
            delta(2, type="input_json_delta", partial_json='ris", "days": [1, 2]}'),
            {"type": "content_block_stop", "index": 2},
            {
                "type": "message_delta",
                "delta": {"stop_reason": "tool_use", "stop_sequence": None},
                "usage": {"output_tokens": 42},
            },
            {"type": "message_stop"},
        ],
    )
    message = accumulator.message
    thinking, text, tool = message.content
    assert isinstance(thinking, ThinkingBlock) and thinking.thinking == "Let me think."
    assert thinking.signature == "abcdef"  # signature deltas are appended, never overwritten
    assert isinstance(text, TextBlock) and text.text == "Hello, world"
    assert isinstance(tool, ToolUseBlock) and tool.input == {"city": "Paris", "days": [1, 2]}
    assert message.stop_reason == "tool_use"
    assert message.usage.output_tokens == 42 and message.usage.input_tokens == 10
    assert message.usage.cache_read_input_tokens == 4
    assert accumulator.done


def test_trailing_strings_keeps_an_unfinished_string() -> None:
    accumulator = MessageAccumulator(trailing_strings=True)
    feed(
        accumulator,
        [
            START,
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "tool_use", "id": "t", "name": "f", "input": {}},
            },
            delta(0, type="input_json_delta", partial_json='{"city": "Pa'),
        ],
    )
    assert accumulator.tool_input(0) == {"city": "Pa"}


def test_citations_are_appended_to_the_text_block() -> None:
    accumulator = MessageAccumulator()
    citation = {
        "type": "char_location",
        "cited_text": "The grass is green.",
        "document_index": 0,
        "document_title": None,
        "start_char_index": 0,
        "end_char_index": 19,
    }
    feed(
        accumulator,
        [
            START,
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
            delta(0, type="citations_delta", citation=citation),
            delta(0, type="text_delta", text="Green."),
            {"type": "content_block_stop", "index": 0},
        ],
    )
    block = accumulator.message.content[0]
    assert isinstance(block, TextBlock) and block.text == "Green."
    assert block.citations is not None and block.citations[0].cited_text == "The grass is green."


def test_events_before_message_start_are_an_error() -> None:
    with pytest.raises(RuntimeError, match="before message_start"):
        feed(
            MessageAccumulator(),
            [{"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}],
        )


def test_reading_snapshots_between_deltas_keeps_them_current() -> None:
    accumulator = MessageAccumulator()
    feed(
        accumulator, [START, {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}]
    )
    seen = []
    for piece in ["a", "b", "c"]:
        feed(accumulator, [delta(0, type="text_delta", text=piece)])
        seen.append(accumulator.text(0))
        seen.append(accumulator.message.content[0].text)  # type: ignore[union-attr]
    assert seen == ["a", "a", "ab", "ab", "abc", "abc"]


def test_unknown_deltas_and_blocks_are_kept_not_fatal() -> None:
    accumulator = MessageAccumulator()
    feed(
        accumulator,
        [
            START,
            {"type": "content_block_start", "index": 0, "content_block": {"type": "hologram", "frames": 1}},
            delta(0, type="hologram_delta", frames=2),
            {"type": "content_block_stop", "index": 0},
            {"type": "brand_new_event", "payload": 1},
        ],
    )
    assert accumulator.message.content[0].type == "hologram"
