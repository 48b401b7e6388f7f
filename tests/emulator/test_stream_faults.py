"""Scripted stream faults from ``enqueue``: error events, drops, stalls, truncation, raw SSE, pacing."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Dict, List, Tuple

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp, EmulatorTransport

from .conftest import HEADERS, message_body
from .sse import accumulate, names, parse_sse, stream_bytes, without_id

BODY = dict(message_body("one two three four five six seven eight"), stream=True)


def _normal(client: httpx.Client) -> List[Tuple[str, Dict[str, Any]]]:
    return parse_sse(stream_bytes(client, BODY)[1])


def _read_until_error(client: httpx.Client) -> Tuple[bytes, BaseException]:
    chunks: List[bytes] = []
    with pytest.raises(httpx.TransportError) as caught, client.stream("POST", "/v1/messages", json=BODY) as response:
        assert response.status_code == 200
        for chunk in response.iter_bytes():
            chunks.append(chunk)
    return b"".join(chunks), caught.value


@pytest.mark.parametrize("error_type", [None, "api_error"])
def test_stream_error_after(client: httpx.Client, emu: Emulator, error_type: Any) -> None:
    normal = _normal(client)
    extra = {} if error_type is None else {"error_type": error_type}
    emu.enqueue(stream_error_after=4, **extra)
    response, raw = stream_bytes(client, BODY)
    assert response.status_code == 200
    events = parse_sse(raw)
    assert [name for name, _ in events[:4]] == [name for name, _ in normal[:4]]
    assert len(events) == 5
    name, data = events[4]
    expected_type = error_type or "overloaded_error"
    assert name == "error"
    assert set(data) == {"type", "error"} and set(data["error"]) == {"type", "message"}
    assert data["error"]["type"] == expected_type
    assert names(_normal(client))[-1] == "message_stop"  # the fault applied once


def test_drop_after_events(client: httpx.Client, emu: Emulator) -> None:
    normal = _normal(client)
    emu.enqueue(drop_after_events=6)
    raw, error = _read_until_error(client)
    assert isinstance(error, httpx.RemoteProtocolError)
    events = parse_sse(raw)
    assert events[1:] == normal[1:6] and events[0][0] == "message_start"
    assert names(_normal(client))[-1] == "message_stop"  # a new connection works


def test_drop_after_more_events_than_the_stream_has(client: httpx.Client, emu: Emulator) -> None:
    normal = _normal(client)
    emu.enqueue(drop_after_events=10_000)
    raw, error = _read_until_error(client)
    assert isinstance(error, httpx.RemoteProtocolError)
    assert without_id(accumulate(parse_sse(raw))) == without_id(accumulate(normal))


def test_truncate_after_events(client: httpx.Client, emu: Emulator) -> None:
    normal = _normal(client)
    emu.enqueue(truncate_after_events=5)
    _, raw = stream_bytes(client, BODY)  # ends cleanly: no transport error
    events = parse_sse(raw)
    assert [e[0] for e in events] == [e[0] for e in normal[:5]]
    assert "message_stop" not in names(events)
    assert names(_normal(client))[-1] == "message_stop"


def _timed_stream(client: httpx.Client) -> Tuple[float, float, List[str]]:
    """Seconds until the 3rd event arrived, seconds until the end, and every event name."""
    started = time.monotonic()
    third = 0.0
    seen: List[str] = []
    with client.stream("POST", "/v1/messages", json=BODY) as response:
        for line in response.iter_lines():
            if line.startswith("event: "):
                seen.append(line[len("event: ") :])
                if len(seen) == 3:
                    third = time.monotonic() - started
    return third, time.monotonic() - started, seen


def test_stall_after_events(client: httpx.Client, emu: Emulator) -> None:
    normal = names(_normal(client), pings=True)
    emu.enqueue(stall_after_events=3, stall_seconds=0.3)
    third, total, seen = _timed_stream(client)
    assert total >= 0.3 * 0.8
    assert third < 0.2  # the events before the stall were streamed, not held back
    assert seen == normal


def test_stall_with_pings(client: httpx.Client, emu: Emulator) -> None:
    normal = _normal(client)
    emu.enqueue(stall_after_events=3, stall_seconds=0.3, stall_pings=True)
    started = time.monotonic()
    events = parse_sse(stream_bytes(client, BODY)[1])
    assert time.monotonic() - started >= 0.3 * 0.8
    assert names(events, pings=True)[3:9] == ["ping"] * 6
    assert len(events) == len(normal) + 6
    assert without_id(accumulate(events)) == without_id(accumulate(normal))


def test_stream_faults_apply_to_streaming_requests_only(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(stream_error_after=1, headers={"x-faulted": "1"})
    response = client.post("/v1/messages", json=message_body("plain"))
    assert response.status_code == 200 and response.headers["x-faulted"] == "1"
    assert response.json()["content"][0]["text"] == "Echo: plain"
    assert names(_normal(client))[-1] == "message_stop"  # consumed by the first request


SCRIPT = b'event: message_start\ndata: {"type":"message_start"}\n\nevent: bogus\ndata: x\n\n'


def test_sse_script_replaces_any_reply(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(sse=SCRIPT)
    response = client.post("/v1/messages", json=message_body())  # not even a streaming request
    assert (response.status_code, response.content) == (200, SCRIPT)
    assert response.headers["content-type"] == "text/event-stream"
    emu.enqueue(sse=SCRIPT, status=201, headers={"content-type": "text/plain"})
    response = client.get("/v1/models")
    assert (response.status_code, response.content, response.headers["content-type"]) == (201, SCRIPT, "text/plain")
    with pytest.raises(ValueError):
        emu.enqueue(sse=SCRIPT, body=b"x")


def test_faults_through_the_async_transport() -> None:
    app = EmulatorApp()

    async def main() -> None:
        async with httpx.AsyncClient(base_url="http://e", headers=HEADERS, transport=EmulatorTransport(app)) as http:
            app.enqueue(drop_after_events=2)
            async with http.stream("POST", "/v1/messages", json=BODY) as response:
                with pytest.raises(httpx.RemoteProtocolError):
                    async for _ in response.aiter_bytes():
                        pass
            app.enqueue(stall_after_events=1, stall_seconds=0.2, stream_error_after=3)
            started = asyncio.get_running_loop().time()
            async with http.stream("POST", "/v1/messages", json=BODY) as response:
                raw = b"".join([chunk async for chunk in response.aiter_bytes()])
            assert asyncio.get_running_loop().time() - started >= 0.2 * 0.8
            assert names(parse_sse(raw), pings=True) == ["message_start", "ping", "content_block_start", "error"]

    asyncio.run(main())


@pytest.mark.parametrize("mode", ["http", "transport"])
def test_event_delay_paces_every_event(mode: str) -> None:
    app = EmulatorApp(event_delay=0.01)
    body = dict(message_body("a b c d e f g h i j"), stream=True)
    with Emulator(app) as emu:
        if mode == "http":
            http = httpx.Client(base_url=emu.base_url, headers=HEADERS)
        else:
            http = httpx.Client(base_url="http://e", headers=HEADERS, transport=EmulatorTransport(app))
        with http:
            started = time.monotonic()
            with http.stream("POST", "/v1/messages", json=body) as response:
                chunks = list(response.iter_raw())
            elapsed = time.monotonic() - started
    events = parse_sse(b"".join(chunks))
    assert elapsed >= (len(events) - 1) * 0.01 * 0.8
    assert names(events)[-1] == "message_stop"
    if mode == "transport":
        assert len(chunks) == len(events)  # one chunk per event


def test_a_stalled_stream_does_not_block_the_server(emu: Emulator) -> None:
    emu.enqueue(stall_after_events=1, stall_seconds=0.5)

    async def main() -> float:
        async with httpx.AsyncClient(base_url=emu.base_url, headers=HEADERS) as http:

            async def slow() -> bytes:
                async with http.stream("POST", "/v1/messages", json=BODY) as response:
                    return b"".join([chunk async for chunk in response.aiter_bytes()])

            task = asyncio.ensure_future(slow())
            await asyncio.sleep(0.05)
            loop = asyncio.get_running_loop()
            started = loop.time()
            assert (await http.post("/v1/messages", json=BODY)).status_code == 200
            elapsed = loop.time() - started
            assert names(parse_sse(await task))[-1] == "message_stop"
            return elapsed

    assert asyncio.run(main()) < 0.3
