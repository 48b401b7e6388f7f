"""Stream bodies read from the socket in whole reads, below httpx's per-chunk layers.

The API flushes every stream event as an HTTP chunk of its own. Read through httpx, each
chunk is one h11 event, passed up through httpcore's and httpx's generators: about 15 µs
per event, more than decoding the event costs. When a response comes over httpx's own
HTTP/1.1 transport (the default), chunked and not compressed, :func:`body_chunks` reads
the connection's socket directly instead, 64 KiB at a time as httpcore does, and cuts the
chunks with :class:`~claude_core._chunked.ChunkedDecoder`: a read that holds many events
is handed on as one piece. Timeouts, errors and closing stay httpx's: each read has the
request's read timeout, failures are raised as the httpx exceptions httpcore's would have
become, and at the end h11 is given the last chunk's size line and the trailer section to
read, so the connection goes back to the pool for the next request exactly as after httpx's own reading.

Anything else (HTTP/2, a proxy, a transport a plugin wraps or replaces, a compressed or
sized body, tracing through httpcore's ``trace`` extension) is read with
``iter_bytes()``, unchanged.
"""

from __future__ import annotations

from typing import Any, AsyncIterator, Callable, ContextManager, Dict, Iterator, NamedTuple, Optional

import h11
import httpx

from ._chunked import ChunkedDecoder
from ._shards import _Released

__all__ = ["body_chunks", "abody_chunks"]

#: What httpcore reads at a time (``HTTP11Connection.READ_NUM_BYTES``).
READ_SIZE = 64 * 1024
_LAST_SIZE = b"0\r\n"


class _Layers(NamedTuple):
    """The private classes a default response body passes through, outermost first
    (typed ``Any``: their private attributes are read, after an exact type check)."""

    bound: Any  # httpx's BoundSyncStream / BoundAsyncStream
    response_stream: Any  # httpx's ResponseStream / AsyncResponseStream
    pool_stream: Any  # httpcore's PoolByteStream
    http11_stream: Any  # httpcore's HTTP11ConnectionByteStream
    chunked_reader: Any  # h11's ChunkedReader
    httpx_errors: Callable[[], ContextManager[None]]  # httpx's map_httpcore_exceptions


def _layers() -> Dict[bool, _Layers]:
    """The layers by ``is_async``; none when these private names moved (another httpx,
    httpcore or h11 than this was written for), and then every body is read by httpx."""
    try:
        from h11._readers import ChunkedReader
        from httpcore._async import connection_pool as async_pool
        from httpcore._async import http11 as async_http11
        from httpcore._sync import connection_pool, http11
        from httpx._client import BoundAsyncStream, BoundSyncStream
        from httpx._transports.default import AsyncResponseStream, ResponseStream, map_httpcore_exceptions

        sync = (connection_pool.PoolByteStream, http11.HTTP11ConnectionByteStream)
        async_ = (async_pool.PoolByteStream, async_http11.HTTP11ConnectionByteStream)
    except (ImportError, AttributeError):
        return {}
    return {
        False: _Layers(BoundSyncStream, ResponseStream, *sync, ChunkedReader, map_httpcore_exceptions),
        True: _Layers(BoundAsyncStream, AsyncResponseStream, *async_, ChunkedReader, map_httpcore_exceptions),
    }


_LAYERS = _layers()


def _connection(response: httpx.Response, *, is_async: bool) -> Optional[Any]:
    """The HTTP/1.1 connection whose socket holds ``response``'s body, when it may be read directly."""
    layers = _LAYERS.get(is_async)
    headers = response.headers
    if (
        layers is None
        or response.is_stream_consumed
        or response.is_closed
        or response.http_version != "HTTP/1.1"
        or headers.get("transfer-encoding", "").lower() != "chunked"
        or headers.get("content-encoding", "identity").lower() != "identity"
        or "trace" in response.request.extensions
    ):
        return None
    stream: Any = response.stream
    if type(stream) is not layers.bound:
        return None
    stream = stream._stream
    if type(stream) is _Released:  # the default transport's shards
        stream = stream._stream
    if type(stream) is not layers.response_stream or type(stream._httpcore_stream) is not layers.pool_stream:
        return None
    stream = stream._httpcore_stream._stream
    if type(stream) is not layers.http11_stream or stream._closed:
        return None
    connection = stream._connection
    state = getattr(connection, "_h11_state", None)
    reader: Any = getattr(state, "_reader", None)
    if (
        type(state) is not h11.Connection
        or state.their_state is not h11.SEND_BODY
        or type(reader) is not layers.chunked_reader
        or reader._bytes_in_chunk
        or reader._bytes_to_discard
        or reader._reading_trailer
        or state._receive_buffer_closed
    ):
        return None
    return connection


def _take_buffered(connection: Any) -> bytes:
    """The body bytes h11 received with the headers; h11 is left holding none."""
    state = connection._h11_state
    held = bytes(state._receive_buffer)
    state._receive_buffer = type(state._receive_buffer)()
    return held


def _read_timeout(response: httpx.Response) -> Optional[float]:
    return response.request.extensions.get("timeout", {}).get("read")  # type: ignore[no-any-return]


def _incomplete() -> httpx.RemoteProtocolError:
    message = "peer closed connection without sending complete message body: incomplete chunked read"
    return httpx.RemoteProtocolError(message)


def body_chunks(response: httpx.Response) -> Iterator[bytes]:
    """``response``'s body as it arrives: read below httpx where it may be, else ``iter_bytes()``."""
    connection = _connection(response, is_async=False)
    if connection is None:
        return response.iter_bytes()
    return _read(response, connection)


def _read(response: httpx.Response, connection: Any) -> Iterator[bytes]:
    decoder = ChunkedDecoder()
    feed = decoder.feed
    data = feed(_take_buffered(connection))
    if data:
        yield data
    read, timeout, httpx_errors = connection._network_stream.read, _read_timeout(response), _LAYERS[False].httpx_errors
    while not decoder.done:
        with httpx_errors():
            wire = read(READ_SIZE, timeout)
        if not wire:
            raise _incomplete()
        data = feed(wire)
        if data:
            yield data
    connection._h11_state.receive_data(_LAST_SIZE + decoder.rest)
    for _ in response.iter_raw():  # h11 reads the trailer section; httpx releases the connection
        pass


def abody_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The twin of :func:`body_chunks` for an ``httpx.AsyncClient`` response."""
    connection = _connection(response, is_async=True)
    if connection is None:
        return response.aiter_bytes()
    return _aread(response, connection)


async def _aread(response: httpx.Response, connection: Any) -> AsyncIterator[bytes]:
    decoder = ChunkedDecoder()
    feed = decoder.feed
    data = feed(_take_buffered(connection))
    if data:
        yield data
    read, timeout, httpx_errors = connection._network_stream.read, _read_timeout(response), _LAYERS[True].httpx_errors
    while not decoder.done:
        with httpx_errors():
            wire = await read(READ_SIZE, timeout)
        if not wire:
            raise _incomplete()
        data = feed(wire)
        if data:
            yield data
    connection._h11_state.receive_data(_LAST_SIZE + decoder.rest)
    async for _ in response.aiter_raw():
        pass
