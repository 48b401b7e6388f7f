"""Stream bodies read from the socket in whole reads, below httpx's per-chunk layers.

The API flushes every stream event as an HTTP chunk of its own. Read through httpx, each
chunk is one h11 event, passed up through httpcore's and httpx's generators: about 15 µs
per event, more than decoding the event costs. When a response comes over httpx's own
HTTP/1.1 transport (the default, whether it connects directly or through an HTTP proxy:
a forwarded request or a CONNECT tunnel ends in the same HTTP/1.1 connection), chunked and
not compressed, :func:`body_chunks` reads the connection's socket directly instead, 64 KiB
at a time as httpcore does, and cuts the chunks with
:class:`~claude_core._transport.chunked.ChunkedDecoder`: a read that holds many events is handed on
as one piece. Timeouts, errors and closing stay httpx's: each read has the request's read
timeout, failures are raised as the httpx exceptions httpcore's would have become,
``response.num_bytes_downloaded`` counts the body bytes as httpx counts them, and at the
end h11 is given the last chunk's size line and the trailer section to read, so the
connection goes back to the pool for the next request exactly as after httpx's own reading.

Everything the direct read uses of httpx's, httpcore's and h11's private parts is looked up
and checked before it reads a byte; anything unexpected there (another version's
internals: a missing attribute, another type) means the body is read with httpx's
``iter_bytes()``, as is anything else: HTTP/2, a transport a plugin replaces (a wrapper
that hands on the inner transport's response as it is keeps the direct read), a compressed
or sized body, tracing through httpcore's ``trace`` extension. The versions tested are
pinned in the distribution's dependencies.
"""

from __future__ import annotations

from typing import Any, AsyncIterator, Callable, ContextManager, Dict, Iterator, NamedTuple, Optional

import h11
import httpx

from .chunked import ChunkedDecoder
from .pools import _Released

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
        # here, under try: other versions' private modules may lack these names
        from h11._readers import ChunkedReader
        from httpcore._async import connection_pool as async_pool
        from httpcore._async import http11 as async_http11
        from httpcore._sync import connection_pool, http11
        from httpx._client import BoundAsyncStream, BoundSyncStream
        from httpx._transports.default import AsyncResponseStream, ResponseStream, map_httpcore_exceptions

        sync = (connection_pool.PoolByteStream, http11.HTTP11ConnectionByteStream)
        async_ = (async_pool.PoolByteStream, async_http11.HTTP11ConnectionByteStream)
    except Exception:  # moved or changed internals
        return {}
    return {
        False: _Layers(BoundSyncStream, ResponseStream, *sync, ChunkedReader, map_httpcore_exceptions),
        True: _Layers(BoundAsyncStream, AsyncResponseStream, *async_, ChunkedReader, map_httpcore_exceptions),
    }


_LAYERS = _layers()


def _connection(response: httpx.Response, *, is_async: bool) -> Optional[Any]:
    """The HTTP/1.1 connection whose socket holds ``response``'s body, when it may be read
    directly; None for any other response, and when anything read on the way is not as expected."""
    try:
        return _checked_connection(response, is_async)
    except Exception:  # other versions' internals: httpx reads the body
        return None


def _checked_connection(response: httpx.Response, is_async: bool) -> Optional[Any]:
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
        or type(response._num_bytes_downloaded) is not int
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


class _Direct(NamedTuple):
    """What a direct read of one body uses, all looked up before it starts."""

    read: Callable[..., Any]  # the network stream's ``read(max_bytes, timeout)``, sync or async
    buffered: bytes  # the body bytes h11 received with the headers
    end: Callable[[bytes], None]  # h11's ``receive_data``, for the last chunk's size line and the trailers
    httpx_errors: Callable[[], ContextManager[None]]


def _direct(response: httpx.Response, is_async: bool) -> Optional[_Direct]:
    """How to read ``response``'s body directly; None to read it with httpx."""
    connection = _connection(response, is_async=is_async)
    if connection is None:
        return None
    try:
        read = connection._network_stream.read
        state = connection._h11_state
        end = state.receive_data
        buffer = state._receive_buffer
        held, empty = bytes(buffer), type(buffer)()
    except Exception:  # other versions' internals: httpx reads the body
        return None
    state._receive_buffer = empty  # h11 is left holding none of the body: it is read here
    return _Direct(read, held, end, _LAYERS[is_async].httpx_errors)


def _read_timeout(response: httpx.Response) -> Optional[float]:
    return response.request.extensions.get("timeout", {}).get("read")  # type: ignore[no-any-return]


def _incomplete() -> httpx.RemoteProtocolError:
    message = "peer closed connection without sending complete message body: incomplete chunked read"
    return httpx.RemoteProtocolError(message)


def body_chunks(response: httpx.Response) -> Iterator[bytes]:
    """``response``'s body as it arrives: read below httpx where it may be, else ``iter_bytes()``."""
    direct = _direct(response, is_async=False)
    if direct is None:
        return response.iter_bytes()
    return _read(response, direct)


def _read(response: httpx.Response, direct: _Direct) -> Iterator[bytes]:
    decoder = ChunkedDecoder()
    feed = decoder.feed
    data = feed(direct.buffered)
    if data:
        response._num_bytes_downloaded += len(data)
        yield data
    read, timeout, httpx_errors = direct.read, _read_timeout(response), direct.httpx_errors
    while not decoder.done:
        with httpx_errors():
            wire = read(READ_SIZE, timeout)
        if not wire:
            raise _incomplete()
        data = feed(wire)
        if data:
            response._num_bytes_downloaded += len(data)
            yield data
    direct.end(_LAST_SIZE + decoder.rest)
    downloaded = response._num_bytes_downloaded
    for _ in response.iter_raw():  # h11 reads the trailer section; httpx releases the connection
        pass
    response._num_bytes_downloaded += downloaded  # iter_raw() counted from 0


def abody_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The twin of :func:`body_chunks` for an ``httpx.AsyncClient`` response."""
    direct = _direct(response, is_async=True)
    if direct is None:
        return response.aiter_bytes()
    return _aread(response, direct)


async def _aread(response: httpx.Response, direct: _Direct) -> AsyncIterator[bytes]:
    decoder = ChunkedDecoder()
    feed = decoder.feed
    data = feed(direct.buffered)
    if data:
        response._num_bytes_downloaded += len(data)
        yield data
    read, timeout, httpx_errors = direct.read, _read_timeout(response), direct.httpx_errors
    while not decoder.done:
        with httpx_errors():
            wire = await read(READ_SIZE, timeout)
        if not wire:
            raise _incomplete()
        data = feed(wire)
        if data:
            response._num_bytes_downloaded += len(data)
            yield data
    direct.end(_LAST_SIZE + decoder.rest)
    downloaded = response._num_bytes_downloaded
    async for _ in response.aiter_raw():
        pass
    response._num_bytes_downloaded += downloaded
