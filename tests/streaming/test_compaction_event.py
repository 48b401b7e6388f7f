"""A ``compaction_delta`` yields a ``compaction`` event after the raw delta, as the official beta
MessageStream does (``BetaCompactionEvent``), over HTTP to the emulator, sync and async."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import pytest
from claude_core.lib.streaming._beta_types import BetaCompactionEvent

from claude_core.streaming.events import CompactionEvent
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
    "usage": {"input_tokens": 9, "output_tokens": 1},
}


def _events(summary: Optional[str]) -> List[Dict[str, Any]]:
    return [
        {"type": "message_start", "message": START},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "compaction", "content": None}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "compaction_delta", "content": summary}},
        {"type": "content_block_stop", "index": 0},
        {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "Go on"}},
        {"type": "content_block_stop", "index": 1},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 3}},
        {"type": "message_stop"},
    ]


def _stream(api: Api, events: List[Dict[str, Any]]) -> Tuple[List[Any], Any]:
    api.emulator.enqueue(sse=sse(events))
    params: Dict[str, Any] = dict(model=MODEL, max_tokens=16, messages=USER, betas=["compact-2026-01-12"])
    if api.is_async:

        async def go(c: Any) -> Tuple[List[Any], Any]:
            async with c.beta.messages.stream(**params) as stream:
                return [event async for event in stream], await stream.get_final_message()

        return api(go)  # type: ignore[no-any-return]

    def go_sync(c: Any) -> Tuple[List[Any], Any]:
        with c.beta.messages.stream(**params) as stream:
            return list(stream), stream.get_final_message()

    return api(go_sync)  # type: ignore[no-any-return]


@pytest.mark.parametrize("summary", ["The user asked for a plan; we agreed on three steps.", None])
def test_a_compaction_delta_yields_a_compaction_event(api: Api, summary: Optional[str]) -> None:
    events, message = _stream(api, _events(summary))
    kinds = [event.type for event in events]
    assert kinds == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "compaction",
        "content_block_stop",
        "content_block_start",
        "content_block_delta",
        "text",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    compaction = events[3]
    assert isinstance(compaction, BetaCompactionEvent) and BetaCompactionEvent is CompactionEvent
    assert compaction.content == summary and compaction.index == 0
    assert compaction.model_dump() == {"type": "compaction", "content": summary}
    assert compaction.to_dict() == {"type": "compaction", "content": summary}
    assert compaction == CompactionEvent(content=summary)
    assert message.content[0].type == "compaction" and message.content[0].content == summary
    assert events[4].content_block.content == summary
    assert message.content[1].text == "Go on"
