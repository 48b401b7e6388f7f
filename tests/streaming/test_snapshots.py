"""Snapshots are the state at their event, however the body was cut into HTTP chunks.

A small server sends a stream's SSE body in given chunks (each sent on its own, so one
client read may hold part of an event or many of them); every event's ``snapshot`` and
``current_message_snapshot`` read between events must equal what a reference applying one
event at a time gives. Bodies are the emulator's (text, tool use, thinking with signature,
citations) and generated ones (several blocks, unfinished JSON strings, any text).
"""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any, Dict, Iterator, List, Optional, Tuple

import httpx
import pydantic_core
import pytest
from claude_emulator import Emulator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claude_core
from tests.conftest import MODEL, TRANSPORT_MODES, aiohttp_transport
from tests.faults.server import ChunkedReply, FaultServer

PARAMS: Dict[str, Any] = {"model": MODEL, "max_tokens": 256, "messages": [{"role": "user", "content": "hi"}]}
HELPERS = {"text", "input_json", "thinking", "signature", "citation"}
TOOLS = [
    {
        "name": "get_weather",
        "description": "Weather",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}}},
    }
]
DOCUMENT = {
    "type": "document",
    "source": {"type": "text", "media_type": "text/plain", "data": "Grass is green. The sky is blue."},
    "title": "Facts",
    "citations": {"enabled": True},
}
EMULATOR_CASES: List[Dict[str, Any]] = [
    {"messages": [{"role": "user", "content": "one two three four five"}]},
    {"messages": [{"role": "user", "content": "Please call get_weather"}], "tools": TOOLS},
    {
        "messages": [{"role": "user", "content": "Think a bit"}],
        "thinking": {"type": "enabled", "budget_tokens": 1024},
        "max_tokens": 2048,
    },
    {"messages": [{"role": "user", "content": [DOCUMENT, {"type": "text", "text": "Which colour?"}]}]},
]


#: The async clients' transports: httpx's and claude-aiohttp's.
ASYNC_MODES = [mode for mode in TRANSPORT_MODES if mode != "sync"]


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as fault_server:
        yield fault_server


@pytest.fixture(scope="module")
def client(server: FaultServer) -> Iterator[claude_core.Anthropic]:
    with claude_core.Anthropic(api_key="k", base_url=server.base_url, max_retries=0) as sync_client:
        yield sync_client


@pytest.fixture(scope="module")
def emulator_bodies(emulator_server: Emulator) -> List[bytes]:
    """The raw SSE bodies the emulator streams for each case (pings included)."""
    headers = {"x-api-key": emulator_server.api_key, "anthropic-version": "2023-06-01"}
    bodies = []
    with httpx.Client(base_url=emulator_server.base_url, headers=headers) as http:
        for case in EMULATOR_CASES:
            body = {"model": MODEL, "max_tokens": 256, "stream": True, **case}
            with http.stream("POST", "/v1/messages", json=body) as response:
                assert response.status_code == 200
                bodies.append(response.read())
    return bodies


# -- generated streams --------------------------------------------------------------------

START = {
    "type": "message_start",
    "message": {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 5, "output_tokens": 1},
    },
}
words = st.text(max_size=6)
json_values = st.dictionaries(
    st.text(max_size=4),
    st.one_of(st.integers(), st.text(max_size=6), st.booleans(), st.none(), st.lists(st.integers(), max_size=3)),
    max_size=4,
)
citations = st.builds(
    lambda text, title: {
        "type": "char_location",
        "cited_text": text,
        "document_index": 0,
        "document_title": title,
        "start_char_index": 0,
        "end_char_index": len(text),
    },
    words,
    st.sampled_from([None, "Facts"]),
)


def _delta(index: int, **delta: Any) -> Dict[str, Any]:
    return {"type": "content_block_delta", "index": index, "delta": delta}


def _split(text: str, cuts: List[int]) -> List[str]:
    points = sorted({cut % (len(text) + 1) for cut in cuts} | {0, len(text)})
    return [text[a:b] for a, b in zip(points, points[1:])] or [""]


@st.composite
def generated_events(draw: Any) -> List[Dict[str, Any]]:
    events: List[Dict[str, Any]] = [START]
    for index in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["text", "tool_use", "thinking"]))
        deltas: List[Dict[str, Any]]
        if kind == "text":
            block: Dict[str, Any] = {"type": "text", "text": draw(st.sampled_from(["", "So: "]))}
            if draw(st.booleans()):
                block["citations"] = None
            deltas = [_delta(index, type="text_delta", text=text) for text in draw(st.lists(words, max_size=6))]
            for citation in draw(st.lists(citations, max_size=2)):
                at = draw(st.integers(0, len(deltas)))
                deltas.insert(at, _delta(index, type="citations_delta", citation=citation))
        elif kind == "tool_use":
            block = {"type": "tool_use", "id": f"toolu_{index}", "name": "get_weather", "input": {}}
            raw = json.dumps(draw(json_values), ensure_ascii=draw(st.booleans()))
            pieces = _split(raw, draw(st.lists(st.integers(0, 200), max_size=6)))
            deltas = [_delta(index, type="input_json_delta", partial_json=piece) for piece in pieces]
        else:
            block = {"type": "thinking", "thinking": "", "signature": ""}
            deltas = [_delta(index, type="thinking_delta", thinking=text) for text in draw(st.lists(words, max_size=5))]
            signature = draw(st.sampled_from(["c2ln", "EqQBCgIYAhIM"]))
            deltas += [
                _delta(index, type="signature_delta", signature=s)
                for s in _split(signature, [draw(st.integers(0, 12))])
            ]
        events += [{"type": "content_block_start", "index": index, "content_block": block}, *deltas]
        events.append({"type": "content_block_stop", "index": index})
    stop = {"stop_reason": draw(st.sampled_from(["end_turn", "max_tokens"])), "stop_sequence": None}
    usage = {"output_tokens": draw(st.integers(1, 99)), "input_tokens": draw(st.sampled_from([None, 7]))}
    events += [{"type": "message_delta", "delta": stop, "usage": usage}, {"type": "message_stop"}]
    for _ in range(draw(st.integers(0, 2))):
        events.insert(draw(st.integers(1, len(events))), {"type": "ping"})
    return events


def sse(events: List[Dict[str, Any]]) -> bytes:
    return b"".join(
        f"event: {event['type']}\ndata: {json.dumps(event, separators=(',', ':'))}\n\n".encode() for event in events
    )


def parse_events(body: bytes) -> List[Dict[str, Any]]:
    """The events of a body the tests made or the emulator sent (one ``data:`` line each), pings left out."""
    events = []
    for frame in body.decode().split("\n\n"):
        for line in frame.split("\n"):
            if line.startswith("data: "):
                event = json.loads(line[len("data: ") :])
                if event["type"] != "ping":
                    events.append(event)
    return events


# -- the reference: one event at a time, on plain dicts ------------------------------------


def reference(events: List[Dict[str, Any]]) -> List[Tuple[Dict[str, Any], Any]]:
    """After each event: the message, and the snapshot of the helper event it makes (if any)."""
    message: Dict[str, Any] = {}
    buffers: Dict[int, str] = {}
    starts: Dict[int, Any] = {}
    states: List[Tuple[Dict[str, Any], Any]] = []
    for event in events:
        snapshot: Any = None
        kind = event["type"]
        if kind == "message_start":
            message = copy.deepcopy(event["message"])
        elif kind == "content_block_start":
            block = copy.deepcopy(event["content_block"])
            if block["type"] == "text":  # messages.stream() sets every field of a block, as the official
                block.setdefault("citations", None)
            message["content"].append(block)
            starts[event["index"]] = copy.deepcopy(block.get("input"))
            buffers[event["index"]] = ""
        elif kind == "content_block_delta":
            block, delta = message["content"][event["index"]], event["delta"]
            if delta["type"] == "text_delta":
                block["text"] += delta["text"]
                snapshot = block["text"]
            elif delta["type"] == "thinking_delta":
                block["thinking"] += delta["thinking"]
                snapshot = block["thinking"]
            elif delta["type"] == "signature_delta":
                block["signature"] += delta["signature"]
            elif delta["type"] == "citations_delta":
                block["citations"] = [*(block.get("citations") or []), delta["citation"]]
                snapshot = block["citations"]
            elif delta["type"] == "input_json_delta":
                raw = buffers[event["index"]] = buffers[event["index"]] + delta["partial_json"]
                if raw.strip():
                    block["input"] = pydantic_core.from_json(raw, allow_partial=True)
                snapshot = block["input"]
        elif kind == "message_delta":
            message["stop_reason"] = event["delta"]["stop_reason"]
            message["stop_sequence"] = event["delta"]["stop_sequence"]
            for field, value in event["usage"].items():
                if value is not None:
                    message["usage"][field] = value
        states.append((copy.deepcopy(message), copy.deepcopy(snapshot)))
    return states


def dump(value: Any) -> Any:
    """Models as the JSON dicts of what the API sent; other values as they are."""
    if isinstance(value, list):
        return [dump(item) for item in value]
    return value.to_dict(mode="json") if hasattr(value, "to_dict") else value


# -- reading a stream ----------------------------------------------------------------------

#: What a reader saw: (raw event number, a snapshot, what it was read for: None for the
#: message snapshot, a helper event, a text from text_stream, or a Marker).
Seen = List[Tuple[int, Dict[str, Any], Any]]


class Marker:
    """What a reader noted besides the message snapshot (never equal to any text read)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BLOCK = Marker("content_block of content_block_stop")
MESSAGE = Marker("message of message_stop")


class Reader:
    """Reads a stream as ``plan`` says ("iterate"; "text"; ``n``: n events, then text_stream;
    ``("texts", n)``: n texts, then iteration), noting the snapshot at each step; sync and
    async share the bookkeeping."""

    def __init__(self, events: List[Dict[str, Any]], plan: Any) -> None:
        self.plan = plan
        self.texts = [i for i, event in enumerate(events) if event.get("delta", {}).get("type") == "text_delta"]
        self.position = -1  # the last raw event handed out
        self.seen: Seen = []
        self.helpers: List[Tuple[int, Any]] = []

    def event(self, stream: Any, event: Any) -> None:
        if event.type in HELPERS:
            self.helpers.append((self.position, event))
            self.seen.append((self.position, dump(stream.current_message_snapshot), event))
            return
        self.position += 1
        self.seen.append((self.position, dump(stream.current_message_snapshot), None))
        if event.type == "content_block_stop":
            self.seen.append((self.position, dump(event.content_block), BLOCK))
        elif event.type == "message_stop":
            self.seen.append((self.position, dump(event.message), MESSAGE))

    def text(self, stream: Any, text: str) -> None:
        self.position = next(i for i in self.texts if i > self.position)
        self.seen.append((self.position, dump(stream.current_message_snapshot), text))


def check(events: List[Dict[str, Any]], reader: Reader) -> None:
    states = reference(events)
    for position, snapshot, extra in reader.seen:
        message, helper = states[position]
        if extra is BLOCK:
            index = events[position]["index"]
            assert snapshot == message["content"][index], (position, "content_block")
            continue
        assert snapshot == message, (position, extra)
        if extra is not None and not isinstance(extra, (str, Marker)) and extra.type != "signature":
            assert dump(extra.snapshot) == helper, (position, extra)
    for position, event in reader.helpers:  # read again after the end: still the state at that event
        if event.type != "signature":
            assert dump(event.snapshot) == states[position][1]
            assert event.to_dict(mode="json")["snapshot"] == states[position][1]


def read_sync(client: claude_core.Anthropic, events: List[Dict[str, Any]], plan: Any) -> Reader:
    reader = Reader(events, plan)
    with client.messages.stream(**PARAMS) as stream:
        if plan == "text":
            for text in stream.text_stream:
                reader.text(stream, text)
            return reader
        if isinstance(plan, int):  # some events, then text_stream reads the rest
            for _ in range(plan):
                reader.event(stream, next(stream))
            for text in stream.text_stream:
                reader.text(stream, text)
        if isinstance(plan, tuple):  # some texts, leave text_stream, iterate the rest
            for _, text in zip(range(plan[1]), stream.text_stream):
                reader.text(stream, text)
        for event in stream:
            reader.event(stream, event)
    return reader


async def read_async(base_url: str, events: List[Dict[str, Any]], plan: Any, mode: str = "async") -> Reader:
    """``read_sync`` with an async client, over httpx's transport (``async``) or aiohttp's (``async-aiohttp``)."""
    reader = Reader(events, plan)
    plugins = [aiohttp_transport()] if mode == "async-aiohttp" else []
    client = claude_core.AsyncAnthropic(api_key="k", base_url=base_url, max_retries=0, plugins=plugins)
    async with client, client.messages.stream(**PARAMS) as stream:
        if plan == "text":
            async for text in stream.text_stream:
                reader.text(stream, text)
            return reader
        if isinstance(plan, int):
            for _ in range(plan):
                reader.event(stream, await stream.__anext__())
            async for text in stream.text_stream:
                reader.text(stream, text)
        if isinstance(plan, tuple):
            texts = stream.text_stream
            for _ in range(plan[1]):
                try:
                    reader.text(stream, await texts.__anext__())
                except StopAsyncIteration:
                    break
        async for event in stream:
            reader.event(stream, event)
    return reader


def chunked(body: bytes, cuts: List[int]) -> List[bytes]:
    points = sorted({cut % (len(body) + 1) for cut in cuts} | {0, len(body)})
    return [body[a:b] for a, b in zip(points, points[1:])]


plans = st.one_of(
    st.just("iterate"), st.just("text"), st.integers(1, 6), st.tuples(st.just("texts"), st.integers(1, 6))
)


def cuts_for(body: bytes) -> Any:
    """Where to cut ``body``: anywhere, or between events (so that some reads hold nothing but
    text deltas, the client's fast path); few cuts weighted, many events per read being the
    case that matters."""
    anywhere = st.integers(0, len(body))
    between = st.sampled_from([i + 2 for i in range(len(body)) if body.startswith(b"\n\n", i)])
    return st.one_of(
        st.just([]),
        st.lists(anywhere, max_size=3),
        st.lists(anywhere, max_size=24),
        st.lists(between, max_size=8),
        st.lists(st.one_of(anywhere, between), max_size=12),
    )


def body_of(data: Any, emulator_bodies: List[bytes]) -> bytes:
    if data.draw(st.booleans(), label="from the emulator"):
        body: bytes = data.draw(st.sampled_from(emulator_bodies), label="emulator body")
        return body
    return sse(data.draw(generated_events(), label="events"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_sync_snapshots_are_the_state_at_each_event(
    data: Any, server: FaultServer, client: claude_core.Anthropic, emulator_bodies: List[bytes]
) -> None:
    body = body_of(data, emulator_bodies)
    plan = data.draw(plans, label="plan")
    server.enqueue(ChunkedReply(chunked(body, data.draw(cuts_for(body), label="cuts"))))
    events = parse_events(body)
    check(events, read_sync(client, events, plan))


@pytest.mark.parametrize("mode", ASYNC_MODES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_async_snapshots_are_the_state_at_each_event(
    data: Any, server: FaultServer, emulator_bodies: List[bytes], mode: str
) -> None:
    body = body_of(data, emulator_bodies)
    plan = data.draw(plans, label="plan")
    server.enqueue(ChunkedReply(chunked(body, data.draw(cuts_for(body), label="cuts"))))
    events = parse_events(body)
    check(events, asyncio.run(read_async(server.base_url, events, plan, mode)))


def frames(body: bytes, per_read: int) -> List[bytes]:
    """``body`` cut between events, ``per_read`` events (pings included) to each chunk."""
    parts = [frame + b"\n\n" for frame in body.split(b"\n\n") if frame]
    return [b"".join(parts[i : i + per_read]) for i in range(0, len(parts), per_read)]


@pytest.mark.parametrize("per_read", [2, 3, 5, 8])
@pytest.mark.parametrize("plan", ["iterate", "text", 3, ("texts", 4)])
def test_reads_of_whole_text_deltas(
    server: FaultServer, client: claude_core.Anthropic, per_read: int, plan: Any
) -> None:
    """Reads of nothing but text deltas take the client's fast path (kept as texts, not events)."""
    texts = [f"w{i} " for i in range(13)] + ["caf\u00e9 \U0001f600", 'a "quote" \\ done']
    events: List[Dict[str, Any]] = [
        START,
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        *[_delta(0, type="text_delta", text=text) for text in texts],
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 9},
        },
        {"type": "message_stop"},
    ]
    server.enqueue(ChunkedReply(frames(sse(events), per_read)))
    check(events, read_sync(client, events, plan))


def test_the_whole_stream_in_one_read(server: FaultServer, client: claude_core.Anthropic) -> None:
    """The issue's case: every event in one chunk; the first text event still shows only its own text."""
    events: List[Dict[str, Any]] = [
        START,
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        *[_delta(0, type="text_delta", text=text) for text in ("Echo: ", "one ", "two ", "three")],
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 4},
        },
        {"type": "message_stop"},
    ]
    server.enqueue(ChunkedReply([sse(events)]))
    with client.messages.stream(**PARAMS) as stream:
        texts = [event for event in stream if event.type == "text"]
        assert [event.snapshot for event in texts] == ["Echo: ", "Echo: one ", "Echo: one two ", "Echo: one two three"]
    server.enqueue(ChunkedReply([sse(events)]))
    with client.messages.stream(**PARAMS) as stream:
        seen: List[Optional[str]] = []
        for _ in stream.text_stream:
            snapshot = stream.current_message_snapshot
            seen.append(snapshot.content[0].text)  # type: ignore[union-attr]
            assert snapshot.stop_reason is None
        assert seen == ["Echo: ", "Echo: one ", "Echo: one two ", "Echo: one two three"]
        assert stream.get_final_message().stop_reason == "end_turn"


def test_broken_tool_input_fails_the_stream_at_its_block_stop(
    server: FaultServer, client: claude_core.Anthropic
) -> None:
    events: List[Dict[str, Any]] = [
        START,
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "tool_use", "id": "t", "name": "f", "input": {}},
        },
        _delta(0, type="input_json_delta", partial_json='{"a": ]'),
        {"type": "content_block_stop", "index": 0},
        {"type": "message_stop"},
    ]
    server.enqueue(ChunkedReply([sse(events)]))

    def final() -> Any:
        with client.messages.stream(**PARAMS) as stream:
            return stream.get_final_message()

    with pytest.raises(claude_core.APIResponseValidationError, match="Malformed stream"):
        final()


@pytest.mark.parametrize("mode", TRANSPORT_MODES)
@pytest.mark.parametrize("plan", ["text", "iterate", ("texts", 1)])
def test_texts_that_read_like_markers(server: FaultServer, client: claude_core.Anthropic, mode: str, plan: Any) -> None:
    """A found case: one body in one chunk whose texts are "block" and "message"."""
    events: List[Dict[str, Any]] = [
        START,
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        _delta(0, type="text_delta", text="block"),
        _delta(0, type="text_delta", text="message"),
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 1},
        },
        {"type": "message_stop"},
    ]
    server.enqueue(ChunkedReply([sse(events)]))
    reader = (
        read_sync(client, events, plan)
        if mode == "sync"
        else asyncio.run(read_async(server.base_url, events, plan, mode))
    )
    texts = [
        extra if isinstance(extra, str) else extra.text
        for _, _, extra in reader.seen
        if extra is not None and not isinstance(extra, Marker)
    ]
    assert texts == ["block", "message"]
    check(events, reader)
