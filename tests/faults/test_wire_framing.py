"""Stream bodies read below httpx: any legal chunked framing gives the same events, bad framing fails cleanly.

Over a raw socket server, the SSE body of a whole reply is cut into HTTP chunks anywhere
(inside events, inside JSON), with size lines in any legal spelling (upper and lower
case hex, leading zeros, chunk extensions, trailing whitespace) and optional trailers,
and the wire bytes are then written to the socket in arbitrary pieces. Every framing
gives the same events and text, sync and async, and the connection then serves the next
request (it went back to the pool). Malformed framing and a body cut short end in
``APIConnectionError``, never a raw httpx exception.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Tuple

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import claude_core
from claude_core._transport.socket_body import _connection

from ..conftest import TRANSPORT_MODES, aiohttp_transport
from .calls import PARAMS
from .server import FaultServer, WireReply, sse_events

BODY = b"".join(sse_events())
EXPECTED_TYPES = [
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
]


def _size_line(size: int, spelling: Tuple[bool, int, bool, bool]) -> bytes:
    upper, zeros, extension, space = spelling
    digits = b"0" * zeros + (b"%X" % size if upper else b"%x" % size)
    return digits + (b";name=value" if extension else b"") + (b" \t" if space else b"") + b"\r\n"


@st.composite
def framings(draw: Any) -> List[bytes]:
    """The wire bytes of :data:`BODY` in some legal chunked framing, cut into socket writes."""
    cuts = sorted(draw(st.sets(st.integers(1, len(BODY) - 1), max_size=12)))
    bounds = [0, *cuts, len(BODY)]
    spelling = st.tuples(st.booleans(), st.integers(0, 3), st.booleans(), st.booleans())
    wire = b""
    for start, end in zip(bounds, bounds[1:]):
        wire += _size_line(end - start, draw(spelling)) + BODY[start:end] + b"\r\n"
    wire += _size_line(0, draw(spelling)) + (b"x-trailer: 1\r\n" if draw(st.booleans()) else b"") + b"\r\n"
    writes = sorted(draw(st.sets(st.integers(1, len(wire) - 1), max_size=10)))
    marks = [0, *writes, len(wire)]
    return [wire[start:end] for start, end in zip(marks, marks[1:])]


def _sync_round(base_url: str) -> Tuple[List[str], str, str]:
    with claude_core.Anthropic(api_key="sk-ant-wire", base_url=base_url, max_retries=0) as client:
        with client.messages.create(**PARAMS, stream=True) as events:
            types, text = [], ""
            for event in events:
                types.append(event.type)
                if event.type == "content_block_delta":
                    text += event.delta.text
        after = client.messages.create(**PARAMS).content[0].text
    return types, text, after


async def _async_round(base_url: str, **options: Any) -> Tuple[List[str], str, str]:
    async with claude_core.AsyncAnthropic(api_key="sk-ant-wire", base_url=base_url, max_retries=0, **options) as client:
        async with await client.messages.create(**PARAMS, stream=True) as events:
            types, text = [], ""
            async for event in events:
                types.append(event.type)
                if event.type == "content_block_delta":
                    text += event.delta.text
        after = (await client.messages.create(**PARAMS)).content[0].text
    return types, text, after


def _round(mode: str, base_url: str) -> Tuple[List[str], str, str]:
    if mode == "sync":
        return _sync_round(base_url)
    plugins = [aiohttp_transport()] if mode == "async-aiohttp" else []
    return asyncio.run(_async_round(base_url, plugins=plugins))


@pytest.mark.parametrize("mode", TRANSPORT_MODES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=framings())
def test_any_chunked_framing_gives_the_same_events(mode: str, pieces: List[bytes]) -> None:
    # aiohttp's parser refuses whitespace after a chunk extension, which RFC 9112's grammar has no room for
    assume(mode != "async-aiohttp" or b";name=value \t" not in b"".join(pieces))
    with FaultServer() as server:
        server.enqueue(WireReply(pieces))
        types, text, after = _round(mode, server.base_url)
        assert (types, text, after) == (EXPECTED_TYPES, "ok", "ok")
        assert server.connections == 1, "the stream's connection was not reused for the next request"


BAD_FRAMINGS: Dict[str, List[bytes]] = {
    "a size that is not hex": [b"zz\r\n" + BODY + b"\r\n0\r\n\r\n"],
    "data longer than its size": [b"%x\r\n" % (len(BODY) - 5) + BODY + b"\r\n0\r\n\r\n"],
    "a negative size": [b"-5\r\nhello\r\n0\r\n\r\n"],
    "a size line that never ends": [b"1" * 20_000],
}


@pytest.mark.parametrize("mode", TRANSPORT_MODES)
@pytest.mark.parametrize("framing", list(BAD_FRAMINGS))
def test_malformed_framing_is_a_connection_error(mode: str, framing: str) -> None:
    with FaultServer() as server:
        server.enqueue(WireReply(BAD_FRAMINGS[framing], close=True))
        with pytest.raises(claude_core.APIConnectionError) as caught:
            _round(mode, server.base_url)
        assert type(caught.value) is claude_core.APIConnectionError
        assert "RemoteProtocolError" in str(caught.value)


@pytest.mark.parametrize("mode", TRANSPORT_MODES)
def test_a_body_closed_before_its_last_chunk_is_a_connection_error(mode: str) -> None:
    half = BODY[: len(BODY) // 2]
    with FaultServer() as server:
        server.enqueue(WireReply([b"%x\r\n" % len(half) + half + b"\r\n"], close=True))
        # httpx's wording, or aiohttp's
        with pytest.raises(claude_core.APIConnectionError, match=r"incomplete chunked read|payload is not completed"):
            _round(mode, server.base_url)


def test_the_default_transport_is_read_below_httpx() -> None:
    """A guard against an httpx or httpcore upgrade silently turning the direct read off."""
    with FaultServer() as server, claude_core.Anthropic(api_key="sk-ant-wire", base_url=server.base_url) as client:
        with client.messages.create(**PARAMS, stream=True) as events:
            assert _connection(events.response, is_async=False) is not None
            assert [event.type for event in events] == EXPECTED_TYPES

        async def read_async() -> None:
            async with claude_core.AsyncAnthropic(api_key="sk-ant-wire", base_url=server.base_url) as aclient:
                aevents = await aclient.messages.create(**PARAMS, stream=True)
                async with aevents:
                    assert _connection(aevents.response, is_async=True) is not None
                    assert [event.type async for event in aevents] == EXPECTED_TYPES

        asyncio.run(read_async())
