"""``"stream": true``: SSE framing and order, streamed content equal to non-streamed, benchmark knobs."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, List

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp, EmulatorTransport

from .conftest import HEADERS, message_body
from .sse import accumulate, names, parse_sse, stream_bytes, without_id

WEATHER = {
    "name": "get_weather",
    "description": "Weather for a city",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "days": {"type": "integer"}, "metric": {"type": "boolean"}},
    },
}
DOCUMENT = {
    "type": "document",
    "source": {"type": "text", "media_type": "text/plain", "data": "The grass is green. The sky is blue."},
    "title": "Facts",
    "citations": {"enabled": True},
}
THINKING = {"type": "enabled", "budget_tokens": 1024}

CASES: Dict[str, Dict[str, Any]] = {
    "echo": message_body("Hello there, Claude"),
    "max_tokens": message_body("a b c d e f", max_tokens=3),
    "stop_sequence": message_body("alpha STOP beta", stop_sequences=["STOP"]),
    "thinking": message_body("think first", thinking=THINKING, max_tokens=2048),
    "adaptive": message_body("think first", thinking={"type": "adaptive"}),
    "tool": message_body("use get_weather for Paris", tools=[WEATHER]),
    "tool_and_thinking": message_body("use get_weather", tools=[WEATHER], thinking=THINKING, max_tokens=2048),
    "citations": message_body(messages=[{"role": "user", "content": [DOCUMENT, {"type": "text", "text": "Color?"}]}]),
}


def _stream(body: Dict[str, Any]) -> Dict[str, Any]:
    return dict(body, stream=True)


def test_frames_headers_and_order(client: httpx.Client) -> None:
    response, raw = stream_bytes(client, _stream(message_body("one two three four five six seven")))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/event-stream"
    assert response.headers["request-id"].startswith("req_emu_")
    if not isinstance(client._transport, EmulatorTransport):
        assert response.headers["transfer-encoding"] == "chunked"
    events = parse_sse(raw)
    all_names = names(events, pings=True)
    assert all_names[:3] == ["message_start", "ping", "content_block_start"]
    assert names(events) == ["message_start", "content_block_start"] + ["content_block_delta"] * 8 + [
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    # a ping after message_start, then after every fifth event
    after_start = all_names[2:]
    pings = [i for i, name in enumerate(after_start) if name == "ping"]
    assert pings == [5, 11]
    start = events[0][1]["message"]
    assert start["content"] == [] and start["stop_reason"] is None and start["stop_sequence"] is None
    assert start["usage"]["output_tokens"] == 1 and start["usage"]["input_tokens"] > 0
    delta = next(data for name, data in events if name == "message_delta")
    assert delta == {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": 8},
    }
    texts = [data["delta"]["text"] for name, data in events if name == "content_block_delta"]
    assert texts[:3] == ["Echo: ", "one ", "two "]


@pytest.mark.parametrize("case", sorted(CASES))
def test_stream_accumulates_to_the_non_streaming_message(client: httpx.Client, case: str) -> None:
    body = CASES[case]
    plain = client.post("/v1/messages", json=body).json()
    _, raw = stream_bytes(client, _stream(body))
    streamed = accumulate(parse_sse(raw))
    assert streamed["id"] != plain["id"]
    assert without_id(streamed) == without_id(plain)


def test_content_is_streamed_as_documented(client: httpx.Client) -> None:
    body = message_body("use get_weather please", tools=[WEATHER], thinking=THINKING, max_tokens=2048)
    plain = client.post("/v1/messages", json=body).json()
    thinking, text, tool = plain["content"]
    events = parse_sse(stream_bytes(client, _stream(body))[1])
    starts = [data["content_block"] for name, data in events if name == "content_block_start"]
    assert starts == [
        {"type": "thinking", "thinking": "", "signature": ""},
        {"type": "text", "text": "", "citations": None},
        {"type": "tool_use", "id": tool["id"], "name": "get_weather", "input": {}},
    ]
    deltas: Dict[int, List[Dict[str, Any]]] = {0: [], 1: [], 2: []}
    for name, data in events:
        if name == "content_block_delta":
            deltas[data["index"]].append(data["delta"])
    signatures = [d["signature"] for d in deltas[0] if d["type"] == "signature_delta"]
    assert signatures == [thinking["signature"]]  # whole, in one delta, as the API sends it
    assert [d["type"] for d in deltas[0]][-1] == "signature_delta"
    assert len([d for d in deltas[0] if d["type"] == "thinking_delta"]) > 3
    assert "".join(d["text"] for d in deltas[1]) == text["text"] == "I'll use get_weather."
    chunks = [d["partial_json"] for d in deltas[2]]
    assert chunks[0] == "" and all(len(c) <= 7 for c in chunks) and len(chunks) > 3
    assert json.loads("".join(chunks)) == tool["input"]
    assert plain["stop_reason"] == "tool_use"


def test_citations_delta_comes_before_the_text(client: httpx.Client) -> None:
    events = parse_sse(stream_bytes(client, _stream(CASES["citations"]))[1])
    kinds = [data["delta"]["type"] for name, data in events if name == "content_block_delta"]
    assert kinds[0] == "citations_delta" and set(kinds[1:]) == {"text_delta"}
    citation = events[names(events, pings=True).index("content_block_delta")][1]["delta"]["citation"]
    assert citation["cited_text"] == "The grass is green."


@pytest.mark.parametrize("mode", ["http", "transport"])
def test_async_clients_stream(emu: Emulator, mode: str) -> None:
    async def main() -> List[bytes]:
        if mode == "http":
            http = httpx.AsyncClient(base_url=emu.base_url, headers=HEADERS)
        else:
            http = httpx.AsyncClient(base_url="http://e", headers=HEADERS, transport=EmulatorTransport(emu.app))
        async with http, http.stream("POST", "/v1/messages", json=_stream(CASES["tool"])) as response:
            return [chunk async for chunk in response.aiter_bytes()]

    streamed = accumulate(parse_sse(b"".join(asyncio.run(main()))))
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as http:
        assert without_id(streamed) == without_id(http.post("/v1/messages", json=CASES["tool"]).json())


# -- benchmark knobs ----------------------------------------------------------------


def _deltas(events: List[Any], kind: str) -> List[Dict[str, Any]]:
    return [data["delta"] for name, data in events if name == "content_block_delta" and data["delta"]["type"] == kind]


def test_text_deltas_knob(client: httpx.Client) -> None:
    headers = {"x-emulator-text-deltas": "250"}
    body = message_body(max_tokens=5)
    plain = client.post("/v1/messages", json=body, headers=headers).json()
    events = parse_sse(stream_bytes(client, _stream(body), headers=headers)[1])
    texts = [d["text"] for d in _deltas(events, "text_delta")]
    assert len(texts) == 250 and texts[:2] == ["w0 ", "w1 "]
    assert "".join(texts) == plain["content"][0]["text"]
    assert plain["usage"]["output_tokens"] == 250 and plain["stop_reason"] == "end_turn"
    assert without_id(accumulate(events)) == without_id(plain)


def test_text_deltas_knob_honours_stop_sequences(client: httpx.Client) -> None:
    headers = {"x-emulator-text-deltas": "10"}
    body = message_body(stop_sequences=["w3 "])
    plain = client.post("/v1/messages", json=body, headers=headers).json()
    assert plain["content"][0]["text"] == "w0 w1 w2 "
    assert (plain["stop_reason"], plain["stop_sequence"]) == ("stop_sequence", "w3 ")
    events = parse_sse(stream_bytes(client, _stream(body), headers=headers)[1])
    assert len(_deltas(events, "text_delta")) == 3


@pytest.mark.parametrize("chunks", [1, 7, 300])
def test_tool_chunks_knob(client: httpx.Client, chunks: int) -> None:
    headers = {"x-emulator-tool-chunks": str(chunks)}
    body = message_body("no tool named here", tools=[WEATHER])
    plain = client.post("/v1/messages", json=body, headers=headers).json()
    assert [b["type"] for b in plain["content"]] == ["tool_use"] and plain["stop_reason"] == "tool_use"
    events = parse_sse(stream_bytes(client, _stream(body), headers=headers)[1])
    parts = [d["partial_json"] for d in _deltas(events, "input_json_delta")]
    assert len(parts) == chunks and all(parts)
    assert json.loads("".join(parts)) == plain["content"][0]["input"]
    assert set(plain["content"][0]["input"]) == {"items"}
    if chunks > 1:
        assert all(12 <= len(p) <= 24 for p in parts)


def test_tool_chunks_knob_needs_tools(client: httpx.Client) -> None:
    plain = client.post("/v1/messages", json=message_body("x"), headers={"x-emulator-tool-chunks": "5"}).json()
    assert plain["content"] == [{"type": "text", "text": "Echo: x", "citations": None}]


def test_no_ping_knob(client: httpx.Client) -> None:
    events = parse_sse(stream_bytes(client, _stream(message_body("a " * 40)), headers={"x-emulator-no-ping": "1"})[1])
    assert "ping" not in names(events, pings=True)
    assert names(events)[-1] == "message_stop"


@pytest.mark.parametrize(("name", "value"), [("x-emulator-text-deltas", "-1"), ("x-emulator-tool-chunks", "0")])
def test_bad_knob_is_400(client: httpx.Client, name: str, value: str) -> None:
    response = client.post("/v1/messages", json=message_body(), headers={name: value})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(name)


def test_big_stream_is_sent_in_big_chunks() -> None:
    app = EmulatorApp()
    headers = dict(HEADERS, **{"x-emulator-text-deltas": "5000"})
    http = httpx.Client(base_url="http://e", headers=headers, transport=EmulatorTransport(app))
    with http, http.stream("POST", "/v1/messages", json=_stream(message_body())) as response:
        chunks = list(response.iter_raw())
    assert len(chunks) < 20 and max(len(c) for c in chunks) == 65536
    assert len(_deltas(parse_sse(b"".join(chunks)), "text_delta")) == 5000
