"""Chunks of plain text deltas take a fast path; it must agree with the general one exactly."""

from __future__ import annotations

import json
from typing import Any, List

from claude_emulator import EmulatorApp
from hypothesis import given, settings
from hypothesis import strategies as st

import claude_core
from claude_core import ClientOptions
from claude_core.providers.anthropic import AnthropicProvider

START = {
    "type": "message_start",
    "message": {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    },
}


def sse(events: List[Any], ensure_ascii: bool) -> bytes:
    frames = [
        f"event: {event['type']}\ndata: {json.dumps(event, separators=(',', ':'), ensure_ascii=ensure_ascii)}\n\n"
        for event in events
    ]
    return "".join(frames).encode()


def stream_events(texts: List[str], ensure_ascii: bool) -> bytes:
    deltas = [
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": text}} for text in texts
    ]
    return sse(
        [
            START,
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
            *deltas,
            {"type": "content_block_stop", "index": 0},
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": 2},
            },
            {"type": "message_stop"},
        ],
        ensure_ascii,
    )


def client_for(body: bytes) -> Any:
    app = EmulatorApp()
    app.enqueue(sse=body)
    return claude_core.Anthropic(provider="emulator", provider_options={"emulator_app": app})


#: The first-party provider: where a core gets its SSE decoder and error mapping.
PROVIDER = AnthropicProvider(ClientOptions())
PARAMS = {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=8), min_size=1, max_size=400), st.booleans())
def test_text_stream_final_text_and_typed_events_agree(texts: List[str], ensure_ascii: bool) -> None:
    body = stream_events(texts, ensure_ascii)
    with client_for(body).messages.stream(**PARAMS) as stream:
        assert list(stream.text_stream) == texts
        assert stream.get_final_text() == "".join(texts)
    with client_for(body).messages.stream(**PARAMS) as stream:
        typed = [event.text for event in stream if event.type == "text"]
    assert typed == texts


def test_near_miss_shapes_take_the_general_path() -> None:
    odd = (
        b"event: content_block_delta\n"
        b'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","extra":1}}\n\n'
    )
    body = stream_events(["x"], True).replace(b"event: content_block_stop", odd + b"event: content_block_stop", 1)
    with client_for(body).messages.stream(**PARAMS) as stream:
        assert stream.get_final_text() == "xa"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(max_size=8), min_size=1, max_size=300),
    st.booleans(),
    st.lists(st.integers(0, 100_000), max_size=12),
)
def test_every_chunking_gives_the_same_texts_and_events(texts: List[str], ensure_ascii: bool, cuts: List[int]) -> None:
    import httpx

    from claude_core.streaming import MessageAccumulator
    from claude_core.streaming.core import StreamCore
    from claude_core.streaming.message_stream import _texts
    from claude_core.types.stream_events import validate_stream_event

    body = stream_events(texts, ensure_ascii)
    points = sorted({cut % (len(body) + 1) for cut in cuts} | {0, len(body)})
    chunks = [body[a:b] for a, b in zip(points, points[1:])]
    request = httpx.Request("POST", "http://x")
    accumulator = MessageAccumulator()
    core = StreamCore(
        httpx.Response(200, request=request), PROVIDER, validate=validate_stream_event, accumulator=accumulator
    )
    seen_texts: List[str] = []
    events: List[Any] = []
    for chunk in chunks:
        batch = core.feed(chunk)
        pairs = batch.texts if batch.texts is not None else _texts(batch)
        seen_texts += [text for _, text in pairs]
        events += list(batch)
    events += list(core.end())
    assert core.error is None
    assert seen_texts == texts
    deltas = [event["delta"]["text"] for event in events if event["type"] == "content_block_delta"]
    assert deltas == texts
    assert accumulator.message.content[0].text == "".join(texts)  # type: ignore[union-attr]


def test_the_fast_path_is_taken_for_plain_text_chunks() -> None:
    import httpx

    from claude_core.streaming import MessageAccumulator
    from claude_core.streaming.core import StreamCore
    from claude_core.types.stream_events import validate_stream_event

    body = stream_events([f"w{i} " for i in range(50)], True)
    head = body.index(b"event: content_block_delta")
    tail = body.index(b"event: content_block_stop")
    request = httpx.Request("POST", "http://x")
    core = StreamCore(
        httpx.Response(200, request=request), PROVIDER, validate=validate_stream_event, accumulator=MessageAccumulator()
    )
    core.feed(body[:head])
    batch = core.feed(body[head:tail])
    assert batch._text_block == 0 and batch.texts is not None and len(batch.texts) == 50
    assert list.__len__(batch) == 0  # no event dicts built ...
    assert batch[0]["delta"]["text"] == "w0 "  # ... until someone reads them
