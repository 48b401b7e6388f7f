"""EmulatorTransport: an httpx transport (sync and async) that answers from an EmulatorApp in-process."""

from __future__ import annotations

import time
from typing import AsyncIterator, Dict, Iterable, Iterator, Optional

import anyio
import httpx

from ._wire import BodyPart, Disconnect, EmulatorRequest, Pause, Reply, close_body
from .app import EmulatorApp

__all__ = ["EmulatorTransport"]


_CUT = "peer closed connection without sending complete message body: incomplete chunked read"


class _ReplyStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A reply body handed to httpx chunk by chunk as it is produced, so streamed bodies stay streamed.

    ``Pause`` parts sleep (``time.sleep`` or the async library's sleep); ``DISCONNECT``
    raises ``httpx.RemoteProtocolError`` as a connection cut mid-body would.
    """

    def __init__(self, parts: Iterable[BodyPart], request: httpx.Request) -> None:
        self._parts = parts
        self._request = request

    def _cut(self) -> httpx.RemoteProtocolError:
        return httpx.RemoteProtocolError(_CUT, request=self._request)

    def __iter__(self) -> Iterator[bytes]:
        for part in self._parts:
            if isinstance(part, Pause):
                time.sleep(part.seconds)
            elif isinstance(part, Disconnect):
                raise self._cut()
            elif part:
                yield part

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self._parts:
            if isinstance(part, Pause):
                await anyio.sleep(part.seconds)
            elif isinstance(part, Disconnect):
                raise self._cut()
            elif part:
                yield part

    def close(self) -> None:
        close_body(self._parts)

    async def aclose(self) -> None:
        self.close()


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serve httpx requests from ``app`` without sockets, like ``httpx.MockTransport``.

    Works for both ``httpx.Client`` and ``httpx.AsyncClient``. ``Reply.delay`` sleeps
    (``time.sleep`` or the async library's sleep); ``Reply.drop`` raises
    ``httpx.RemoteProtocolError`` as a dropped connection would. Bodies are not read in
    advance: the response streams, part by part, as the app produces it.
    """

    def __init__(self, app: Optional[EmulatorApp] = None) -> None:
        self.app = app if app is not None else EmulatorApp()

    def __repr__(self) -> str:
        return f"EmulatorTransport({self.app!r})"

    def _handle(self, request: httpx.Request, body: bytes) -> Reply:
        url = request.url
        query: Dict[str, str] = {}
        for key, value in url.params.multi_items():
            query.setdefault(key, value)
        headers = httpx.Headers(request.headers)
        target = url.raw_path.decode("ascii")
        return self.app.handle(EmulatorRequest(request.method, url.path, query, headers, body, target=target))

    @staticmethod
    def _response(request: httpx.Request, reply: Reply) -> httpx.Response:
        if reply.drop:
            close_body(reply.body)
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        stream = _ReplyStream(reply.body, request)
        headers = list(reply.headers)
        if reply.length is not None:
            headers.append(("content-length", str(reply.length)))
        return httpx.Response(reply.status, headers=headers, stream=stream, request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        reply = self._handle(request, request.read())
        if reply.delay > 0:
            time.sleep(reply.delay)
        return self._response(request, reply)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        reply = self._handle(request, await request.aread())
        if reply.delay > 0:
            await anyio.sleep(reply.delay)
        return self._response(request, reply)
