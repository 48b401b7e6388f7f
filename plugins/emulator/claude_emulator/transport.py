"""EmulatorTransport: an httpx transport (sync and async) that answers from an EmulatorApp in-process."""

from __future__ import annotations

import time
from typing import AsyncIterator, Dict, Iterable, Iterator, Optional

import anyio
import httpx

from ._wire import EmulatorRequest, Reply
from .app import EmulatorApp

__all__ = ["EmulatorTransport"]


class _ReplyStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A reply body handed to httpx chunk by chunk, so streamed bodies stay streamed."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            yield chunk


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serve httpx requests from ``app`` without sockets, like ``httpx.MockTransport``.

    Works for both ``httpx.Client`` and ``httpx.AsyncClient``. ``Reply.delay`` sleeps
    (``time.sleep`` or the async library's sleep); ``Reply.drop`` raises
    ``httpx.RemoteProtocolError`` as a dropped connection would.
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
        return self.app.handle(EmulatorRequest(request.method, url.path, query, httpx.Headers(request.headers), body))

    @staticmethod
    def _response(request: httpx.Request, reply: Reply) -> httpx.Response:
        if reply.drop:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        return httpx.Response(reply.status, headers=reply.headers, stream=_ReplyStream(reply.body), request=request)

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
