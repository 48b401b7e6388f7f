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


def _read_timeout(request: httpx.Request) -> Optional[float]:
    """The request's read timeout (seconds; None: none), as httpx hands it to every transport."""
    timeout = request.extensions.get("timeout")
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return None if value is None else float(value)


def _wait(waited: float, seconds: float, read_timeout: Optional[float]) -> float:
    """How long to sleep for a silence of ``seconds`` after ``waited`` already: up to the read timeout."""
    if read_timeout is None:
        return seconds
    return max(0.0, min(seconds, read_timeout - waited))


def _read_timeout_error(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("timed out", request=request)


class _ReplyStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A reply body handed to httpx chunk by chunk as it is produced, so streamed bodies stay streamed.

    ``Pause`` parts sleep (``time.sleep`` or the async library's sleep); a silence (pauses
    with no data between them) longer than the request's read timeout raises
    ``httpx.ReadTimeout`` once the timeout has passed, as a socket read would; ``DISCONNECT``
    raises ``httpx.RemoteProtocolError`` as a connection cut mid-body would.
    """

    def __init__(self, parts: Iterable[BodyPart], request: httpx.Request) -> None:
        self._parts = parts
        self._request = request
        self._read_timeout = _read_timeout(request)

    def _cut(self) -> httpx.RemoteProtocolError:
        return httpx.RemoteProtocolError(_CUT, request=self._request)

    def __iter__(self) -> Iterator[bytes]:
        waited = 0.0
        for part in self._parts:
            if isinstance(part, Pause):
                pause = _wait(waited, part.seconds, self._read_timeout)
                time.sleep(pause)
                waited += pause
                if pause < part.seconds:  # the read timeout passed first
                    raise _read_timeout_error(self._request)
            elif isinstance(part, Disconnect):
                raise self._cut()
            elif part:
                waited = 0.0
                yield part

    async def __aiter__(self) -> AsyncIterator[bytes]:
        waited = 0.0
        for part in self._parts:
            if isinstance(part, Pause):
                pause = _wait(waited, part.seconds, self._read_timeout)
                await anyio.sleep(pause)
                waited += pause
                if pause < part.seconds:  # the read timeout passed first
                    raise _read_timeout_error(self._request)
            elif isinstance(part, Disconnect):
                raise self._cut()
            elif part:
                waited = 0.0
                yield part

    def close(self) -> None:
        close_body(self._parts)

    async def aclose(self) -> None:
        self.close()


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serve httpx requests from ``app`` without sockets, like ``httpx.MockTransport``.

    Works for both ``httpx.Client`` and ``httpx.AsyncClient``. ``Reply.delay`` sleeps
    (``time.sleep`` or the async library's sleep), and a delay (or a silence mid-body) longer
    than the request's read timeout ends in ``httpx.ReadTimeout`` when the timeout has passed,
    as over a socket, so a client's ``timeout=`` works in-process too; ``Reply.drop`` raises
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
            delay = _wait(0.0, reply.delay, _read_timeout(request))
            time.sleep(delay)
            if delay < reply.delay:
                close_body(reply.body)
                raise _read_timeout_error(request)
        return self._response(request, reply)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        reply = self._handle(request, await request.aread())
        if reply.delay > 0:
            delay = _wait(0.0, reply.delay, _read_timeout(request))
            await anyio.sleep(delay)
            if delay < reply.delay:
                close_body(reply.body)
                raise _read_timeout_error(request)
        return self._response(request, reply)
