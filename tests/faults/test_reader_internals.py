"""The stream reader below httpx against changed library internals, and what it leaves on the response.

The direct read (``claude_core._transport.socket_body``) uses private attributes of httpx, httpcore and h11.
Here each of them in turn is "renamed" as a new version of its library might rename it: the
library's own code still finds it, any other module gets ``AttributeError``. Every stream then
still gives the same events, read by httpx instead, sync and async, and its connection still
serves the next request; no ``AttributeError`` reaches the caller. A stream read directly keeps
``response.num_bytes_downloaded`` true, as httpx's own reading would.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any, Callable, List, Optional, Tuple

import h11
import h11._readers
import httpcore._async.connection_pool
import httpcore._async.http11
import httpcore._sync.connection_pool
import httpcore._sync.http11
import httpx
import httpx._client
import pytest

import claude_core
from claude_core._transport.socket_body import _connection, _direct

from .calls import PARAMS
from .server import FaultServer, sse_events

BODY = b"".join(sse_events())
Check = Callable[[httpx.Response], None]


def _renamed(name: str, owner: str) -> property:
    """An attribute that only the modules of package ``owner`` still find under ``name``."""

    def get(obj: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.split(".")[0] != owner:
            raise AttributeError(f"{type(obj).__name__!r} object has no attribute {name!r}")
        return obj.__dict__[name]

    def put(obj: Any, value: Any) -> None:
        obj.__dict__[name] = value

    def delete(obj: Any) -> None:
        del obj.__dict__[name]

    return property(get, put, delete)


INTERNALS: List[Tuple[Any, Any, str, str]] = [  # sync class, async class, attribute, its package
    (httpx.Response, httpx.Response, "_num_bytes_downloaded", "httpx"),
    (httpx._client.BoundSyncStream, httpx._client.BoundAsyncStream, "_stream", "httpx"),
    (
        httpcore._sync.connection_pool.PoolByteStream,
        httpcore._async.connection_pool.PoolByteStream,
        "_stream",
        "httpcore",
    ),
    (httpcore._sync.http11.HTTP11Connection, httpcore._async.http11.AsyncHTTP11Connection, "_h11_state", "httpcore"),
    (
        httpcore._sync.http11.HTTP11Connection,
        httpcore._async.http11.AsyncHTTP11Connection,
        "_network_stream",
        "httpcore",
    ),
    (h11.Connection, h11.Connection, "_receive_buffer", "h11"),
    (h11._readers.ChunkedReader, h11._readers.ChunkedReader, "_bytes_in_chunk", "h11"),
]


def _sync_round(base_url: str, check: Check) -> Tuple[List[str], str, int]:
    with claude_core.Anthropic(api_key="sk-ant-internals", base_url=base_url, max_retries=0) as client:
        with client.messages.create(**PARAMS, stream=True) as events:
            check(events.response)
            types = [event.type for event in events]
            downloaded = events.response.num_bytes_downloaded
        after = client.messages.create(**PARAMS).content[0].text
    return types, after, downloaded


async def _async_round(base_url: str, check: Check) -> Tuple[List[str], str, int]:
    async with claude_core.AsyncAnthropic(api_key="sk-ant-internals", base_url=base_url, max_retries=0) as client:
        async with await client.messages.create(**PARAMS, stream=True) as events:
            check(events.response)
            types = [event.type async for event in events]
            downloaded = events.response.num_bytes_downloaded
        after = (await client.messages.create(**PARAMS)).content[0].text
    return types, after, downloaded


def _round(mode: str, check: Check) -> Tuple[List[str], str, int, int]:
    with FaultServer() as server:
        if mode == "async":
            found = asyncio.run(_async_round(server.base_url, check))
        else:
            found = _sync_round(server.base_url, check)
        return (*found, server.connections)


def _types() -> List[str]:
    """The events the stream yields: every frame's but the ping's."""
    names = [frame.split(b"\n", 1)[0][len(b"event: ") :].decode() for frame in sse_events()]
    return [name for name in names if name != "ping"]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_stream_read_directly_counts_its_body_bytes_as_httpx_does(mode: str) -> None:
    def read_directly(response: httpx.Response) -> None:
        assert _connection(response, is_async=mode == "async") is not None

    types, after, downloaded, connections = _round(mode, read_directly)
    assert (types, after, connections) == (_types(), "ok", 1)
    assert downloaded == len(BODY)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("internal", INTERNALS, ids=[f"{i[0].__name__}.{i[2]}" for i in INTERNALS])
def test_a_renamed_internal_falls_back_to_httpx(
    mode: str, internal: Tuple[Any, Any, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_class, async_class, name, owner = internal
    monkeypatch.setattr(async_class if mode == "async" else sync_class, name, _renamed(name, owner), raising=False)
    seen: List[Optional[object]] = []

    def falls_back(response: httpx.Response) -> None:
        seen.append(_direct(response, is_async=mode == "async"))

    types, after, downloaded, connections = _round(mode, falls_back)
    assert seen == [None]  # read by httpx
    assert (types, after, connections) == (_types(), "ok", 1)
    if name != "_num_bytes_downloaded":
        assert downloaded == len(BODY)
