"""Calls over aiohttp against the emulator over real HTTP: replies, streams, retries, files, reuse, close."""

from __future__ import annotations

import asyncio
import gc
import time
import warnings
from typing import List

import pytest
from aiohttp_support import PARAMS, Seen, client, delta_text, emu, fresh  # noqa: F401  (emu, fresh: fixtures)
from claude_emulator import Emulator, EmulatorApp

import claude_core


async def test_create_and_both_stream_shapes_go_over_aiohttp(emu: Emulator) -> None:
    seen = Seen()
    async with client(emu, seen) as c:
        message = await c.messages.create(**PARAMS)
        events = [event async for event in await c.messages.create(**PARAMS, stream=True)]
        async with c.messages.stream(**PARAMS) as stream:
            texts = [text async for text in stream.text_stream]
            final = await stream.get_final_message()
    assert message.content[0].text == delta_text(events) == "".join(texts) == final.content[0].text
    assert message.content[0].text.startswith("Echo: Hello there")
    assert events[0].type == "message_start" and events[-1].type == "message_stop"
    assert seen.over_aiohttp()
    assert all(r.headers["x-api-key"] == emu.api_key for r in emu.requests)
    assert len(emu.requests) == 3


async def _arrivals(c: claude_core.AsyncAnthropic) -> List[float]:
    async with c:
        return [time.monotonic() async for _event in await c.messages.create(**PARAMS, stream=True)]


async def test_stream_events_arrive_one_by_one_as_the_server_sends_them() -> None:
    delay = 0.15
    with Emulator(app=EmulatorApp(event_chunks=True, event_delay=delay)) as paced:
        over_httpx = await _arrivals(claude_core.AsyncAnthropic(api_key=paced.api_key, base_url=paced.base_url))
        over_aiohttp = await _arrivals(client(paced, Seen()))

    def paused(arrivals: List[float]) -> List[bool]:
        return [later - earlier >= delay * 0.6 for earlier, later in zip(arrivals, arrivals[1:])]

    # each event is handed over when its chunk arrives, as over httpx: not buffered until the body ends
    assert len(over_aiohttp) == len(over_httpx) >= 5
    assert paused(over_aiohttp) == paused(over_httpx)
    assert sum(paused(over_aiohttp)) >= 3


async def test_a_dropped_connection_is_retried_then_raised_as_a_connection_error(emu: Emulator) -> None:
    async with client(emu, Seen(), max_retries=1) as c:
        emu.enqueue(drop=True)
        message = await c.messages.create(**PARAMS)
        assert message.content[0].text.startswith("Echo:")
        assert len(emu.requests) == 2
        emu.enqueue(drop=True)
        emu.enqueue(drop=True)
        with pytest.raises(claude_core.APIConnectionError) as caught:
            await c.messages.create(**PARAMS)
    assert type(caught.value) is claude_core.APIConnectionError
    assert type(caught.value.__cause__).__module__ == "httpx"  # raised as httpx's own would be


async def _until_dropped(emu: Emulator, c: claude_core.AsyncAnthropic) -> List[str]:
    received: List[str] = []
    async with c:
        emu.enqueue(drop_after_events=3)
        with pytest.raises(claude_core.APIConnectionError, match="mid-stream") as caught:
            async for event in await c.messages.create(**PARAMS, stream=True):
                received.append(event.type)
    assert type(caught.value) is claude_core.APIConnectionError
    return received


async def test_a_dropped_stream_is_a_connection_error_after_the_events_that_arrived(emu: Emulator) -> None:
    over_httpx = await _until_dropped(
        emu, claude_core.AsyncAnthropic(api_key=emu.api_key, base_url=emu.base_url, max_retries=0)
    )
    over_aiohttp = await _until_dropped(emu, client(emu, Seen(), max_retries=0))
    assert over_aiohttp == over_httpx
    assert over_aiohttp[0] == "message_start"


async def test_status_errors_and_retries_after_them(emu: Emulator) -> None:
    async with client(emu, Seen(), max_retries=2) as c:
        emu.enqueue(status=529)
        emu.enqueue(status=500)
        message = await c.messages.create(**PARAMS)
        assert message.content[0].text.startswith("Echo:")
        assert len(emu.requests) == 3
        emu.enqueue(status=400)
        with pytest.raises(claude_core.BadRequestError):
            await c.messages.create(**PARAMS)


async def test_connections_are_reused(emu: Emulator) -> None:
    seen = Seen()
    async with client(emu, seen) as c:
        for _ in range(3):
            await c.messages.count_tokens(model=PARAMS["model"], messages=PARAMS["messages"])
        await asyncio.gather(*(c.messages.create(**PARAMS) for _ in range(4)))
        session = seen.transports[0]._session
        connector = session.connector
        # the keep-alive pool holds the four connections the concurrent calls opened, no more
        assert sum(len(held) for held in connector._conns.values()) == 4
    assert session.closed


async def test_files_upload_and_download(emu: Emulator) -> None:
    content = bytes(range(256)) * 300  # 75 KiB, not text
    async with client(emu, Seen()) as c:
        uploaded = await c.beta.files.upload(file=("data.bin", content, "application/octet-stream"))
        assert uploaded.size_bytes == len(content)
        downloaded = await c.beta.files.download(uploaded.id)
        assert await downloaded.read() == content


AIOHTTP_UNCLOSED = ("Unclosed client session", "Unclosed connector", "Unclosed connection", "Unclosed response")


async def test_closing_the_client_closes_the_session_without_warnings(emu: Emulator) -> None:
    seen = Seen()
    gc.collect()  # what earlier tests left behind warns now, not inside the block below
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = client(emu, seen)
        await c.messages.create(**PARAMS)
        async with c.messages.stream(**PARAMS) as stream:
            async for _event in stream:
                break  # left half read
        await c.close()
        del c, stream
        gc.collect()
        await asyncio.sleep(0)
    assert seen.transports[0]._session is None
    # aiohttp's own warnings only: a socket another test leaked may be collected here too
    assert [str(w.message) for w in caught if str(w.message).startswith(AIOHTTP_UNCLOSED)] == []
