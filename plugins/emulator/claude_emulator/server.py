"""A real HTTP/1.1 server for an EmulatorApp: asyncio streams on a background daemon thread.

One event loop serves every connection; the app runs on that loop (no thread hop per
request), replies are written in one buffer, connections are kept alive. ``Reply.delay``
and ``Pause`` body parts sleep on the connection's own task, so a slow reply never holds up
the others; streamed bodies are sent chunk by chunk (``Transfer-Encoding: chunked``, or
raw after a ``Content-Length`` when ``Reply.length`` is known) and ``DISCONNECT`` closes
the connection without the terminating chunk. Request bodies are read in pieces of at most
1 MiB; a multipart body over 1 MiB (a file upload) is spooled to a temporary file rather
than held in memory.
"""

from __future__ import annotations

import asyncio
import http
import os
import pathlib
import tempfile
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import (
    Any,
    AsyncIterator,
    BinaryIO,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Set,
    TextIO,
    Tuple,
    Type,
    Union,
    cast,
)
from urllib.parse import parse_qsl, unquote

import httpx

from ._ratelimits import RateLimits
from ._wire import MISSING, BodyPart, Disconnect, EmulatorRequest, Pause, RecordedRequest, Reply, close_body
from .app import EMULATOR_API_KEY, EMULATOR_AUTH_TOKEN, EmulatorApp

__all__ = ["Emulator"]

_READ_LIMIT = 1 << 20
_PIECE = 1 << 20  # request bodies are read in pieces of at most this size
_SPOOL_OVER = 1 << 20  # multipart bodies larger than this go to a temporary file
_SKIPPED_HEADERS = frozenset({"content-length", "transfer-encoding", "connection"})
_REASONS: Dict[int, str] = {status.value: status.phrase for status in http.HTTPStatus}
_REASONS[529] = "Overloaded"


class _BadRequest(Exception):
    pass


def _status_line(status: int) -> bytes:
    return f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}\r\n".encode("latin-1")


def _head(reply: Reply, *, length: Optional[int], keep_alive: bool) -> bytes:
    lines = [_status_line(reply.status)]
    for name, value in reply.headers:
        if name.lower() not in _SKIPPED_HEADERS:
            lines.append(f"{name}: {value}\r\n".encode("latin-1"))
    lines.append(b"transfer-encoding: chunked\r\n" if length is None else b"content-length: %d\r\n" % length)
    if not keep_alive:
        lines.append(b"connection: close\r\n")
    lines.append(b"\r\n")
    return b"".join(lines)


async def _chunked_pieces(reader: asyncio.StreamReader) -> AsyncIterator[bytes]:
    while True:
        size_line = await reader.readuntil(b"\r\n")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise _BadRequest("bad chunk size") from None
        if size == 0:
            while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                pass
            return
        while size > 0:
            piece = await reader.readexactly(min(size, _PIECE))
            size -= len(piece)
            yield piece
        await reader.readexactly(2)


async def _sized_pieces(reader: asyncio.StreamReader, length: int) -> AsyncIterator[bytes]:
    while length > 0:
        piece = await reader.readexactly(min(length, _PIECE))
        length -= len(piece)
        yield piece


def _body_pieces(reader: asyncio.StreamReader, headers: httpx.Headers) -> Tuple[AsyncIterator[bytes], int]:
    """The request body as pieces of at most 1 MiB, and its length (-1: chunked, not known)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _chunked_pieces(reader), -1
    try:
        length = int(headers.get("content-length", "0"))
    except ValueError:
        raise _BadRequest("bad content-length") from None
    return _sized_pieces(reader, max(length, 0)), length


async def _read_body(reader: asyncio.StreamReader, headers: httpx.Headers) -> Tuple[bytes, Optional[BinaryIO]]:
    """The body in memory, or, for a multipart body over 1 MiB (or chunked), spooled to a temporary file."""
    pieces, length = _body_pieces(reader, headers)
    multipart = headers.get("content-type", "").lower().startswith("multipart/")
    if not (multipart and (length < 0 or length > _SPOOL_OVER)):
        return b"".join([piece async for piece in pieces]), None
    spool = tempfile.TemporaryFile(prefix="claude-emulator-upload-")  # noqa: SIM115 - closed once answered
    try:
        async for piece in pieces:
            spool.write(piece)
    except BaseException:
        spool.close()
        raise
    return b"", cast(BinaryIO, spool)


def _parse_head(head: bytes) -> Tuple[str, str, Dict[str, str], List[Tuple[str, str]], str, str]:
    lines = head[:-4].decode("latin-1").split("\r\n")
    try:
        method, target, version = lines[0].split(" ", 2)
    except ValueError:
        raise _BadRequest("bad request line") from None
    raw_path, _, query_string = target.partition("?")
    query: Dict[str, str] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        query.setdefault(key, value)
    headers: List[Tuple[str, str]] = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            raise _BadRequest("bad header line")
        headers.append((name.strip(), value.strip()))
    return method, unquote(raw_path), query, headers, version, target


def log_line(method: str, path: str, status: Optional[int], seconds: float) -> str:
    """One request of the access log: ``POST /v1/messages 200 3.1 ms`` (status ``-``: dropped unanswered)."""
    return f"{method} {path} {'-' if status is None else status} {seconds * 1000:.1f} ms"


class _Connections:
    """Serves HTTP/1.1 connections for one app on the current event loop; logs each request to ``log``."""

    def __init__(self, app: EmulatorApp, log: Optional[TextIO] = None) -> None:
        self.app = app
        self.log = log
        self.tasks: Set["asyncio.Task[Any]"] = set()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.tasks.add(task)
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.CancelledError):
            # CancelledError: the emulator is stopping; ending quietly keeps asyncio from logging it.
            pass
        except _BadRequest:
            writer.write(_status_line(400) + b"content-length: 0\r\nconnection: close\r\n\r\n")
        finally:
            if task is not None:
                self.tasks.discard(task)
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; return whether the connection stays open."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False  # the client closed between requests
        started = time.perf_counter()
        method, path, query, header_list, version, target = _parse_head(head)
        headers = httpx.Headers(header_list)
        connection = headers.get("connection", "").lower()
        keep_alive = "close" not in connection and (version == "HTTP/1.1" or "keep-alive" in connection)
        if headers.get("expect", "").lower() == "100-continue":
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        body, spool = await _read_body(reader, headers)
        try:
            reply = self.app.handle(EmulatorRequest(method, path, query, headers, body, spool, target))
        finally:
            if spool is not None:
                spool.close()
        try:
            if reply.delay > 0:
                await asyncio.sleep(reply.delay)
            if reply.drop:
                return False
            return await self._write(writer, reply, keep_alive) and keep_alive
        finally:
            close_body(reply.body)  # sent, cut or dropped
            if self.log is not None:
                status = None if reply.drop else reply.status
                print(log_line(method, path, status, time.perf_counter() - started), file=self.log, flush=True)

    async def _write(self, writer: asyncio.StreamWriter, reply: Reply, keep_alive: bool) -> bool:
        """Send ``reply``; return False when its body cut the connection."""
        body = reply.body
        if isinstance(body, (bytes, bytearray)):
            body = [bytes(body)]
        if isinstance(body, Sequence) and len(body) <= 1 and all(isinstance(part, bytes) for part in body):
            content = body[0] if body else b""
            assert isinstance(content, bytes)
            writer.write(_head(reply, length=len(content), keep_alive=keep_alive) + content)
            if writer.transport.get_write_buffer_size() > 65536:
                await writer.drain()
            return True
        writer.write(_head(reply, length=reply.length, keep_alive=keep_alive))
        sent = await self._write_parts(writer, body, chunked=reply.length is None)
        if sent is None:
            return False
        if reply.length is None:
            writer.write(b"0\r\n\r\n")
        await writer.drain()
        return reply.length is None or sent == reply.length

    @staticmethod
    async def _write_parts(writer: asyncio.StreamWriter, body: Iterable[BodyPart], *, chunked: bool) -> Optional[int]:
        """Send the parts of a streamed body (each a chunk, when ``chunked``); the bytes sent, None when cut."""
        sent = 0
        for part in body:
            if isinstance(part, Pause):
                await writer.drain()
                await asyncio.sleep(part.seconds)
            elif isinstance(part, Disconnect):
                await writer.drain()
                return None
            elif part:
                writer.write(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
                sent += len(part)
                await writer.drain()
        return sent

    async def close_all(self) -> None:
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class Emulator:
    """A Claude API emulator listening on ``host:port`` (port 0: a free port), served from a daemon thread.

    Use it as a context manager (``with Emulator() as emu:``) or call :meth:`start` and
    :meth:`stop`. Point any client at :attr:`base_url` with :attr:`api_key`.

    Any non-empty key or bearer token is accepted unless ``api_keys`` or ``auth_tokens``
    turn on strict checking (see :class:`EmulatorApp`); ``batch_step`` is how many requests
    of a message batch finish at each poll (default 1); ``aws_credentials`` and
    ``bedrock_api_keys`` are what the Bedrock routes accept; ``rate_limits`` (a
    :class:`RateLimits`) limits the Messages endpoints per key as the API does. Pass those or
    ``app``, not both.
    With ``log`` (a text stream, e.g. ``sys.stderr``) every request gets a line there once
    answered: method, path, status and the time taken in milliseconds.
    The Vertex AI routes accept the access tokens of the local token endpoint
    (:meth:`vertex_service_account`, :meth:`vertex_access_token`). :meth:`stop` deletes the
    files uploaded to the app.
    """

    def __init__(
        self,
        app: Optional[EmulatorApp] = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_keys: Optional[Iterable[str]] = None,
        auth_tokens: Optional[Iterable[str]] = None,
        batch_step: Optional[int] = None,
        aws_credentials: Optional[Sequence[Optional[str]]] = None,
        bedrock_api_keys: Optional[Iterable[str]] = None,
        rate_limits: Optional[RateLimits] = None,
        log: Optional[TextIO] = None,
    ) -> None:
        options = (api_keys, auth_tokens, batch_step, aws_credentials, bedrock_api_keys, rate_limits)
        if app is not None and any(option is not None for option in options):
            raise TypeError(
                "pass api_keys=, auth_tokens=, batch_step=, aws_credentials=, bedrock_api_keys= and rate_limits= "
                "to the EmulatorApp given as app=, not to Emulator"
            )
        if app is None:
            step = 1 if batch_step is None else batch_step
            app = EmulatorApp(
                api_keys=api_keys,
                auth_tokens=auth_tokens,
                batch_step=step,
                aws_credentials=aws_credentials,
                bedrock_api_keys=bedrock_api_keys,
                rate_limits=rate_limits,
            )
        self.app = app
        self.host = host
        self.log = log
        self._requested_port = port
        self._port: Optional[int] = None
        self._thread: Optional[threading.Thread] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._stop: Optional[asyncio.Event] = None
        self._ready = threading.Event()
        self._error: Optional[BaseException] = None

    def __repr__(self) -> str:
        return f"Emulator(base_url={self.base_url if self._port else None!r})"

    # -- lifecycle --------------------------------------------------------------------

    def start(self) -> "Emulator":
        """Start serving; returns once the port is bound (raises if it cannot be)."""
        if self._thread is not None:
            raise RuntimeError("the emulator is already running")
        self._ready.clear()
        self._error = None
        self._thread = threading.Thread(target=self._run, name="claude-emulator", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            self._thread = None
            raise self._error
        return self

    def stop(self) -> None:
        """Stop serving, close open connections, wait for the thread to end and delete uploaded files."""
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None:
            return
        if loop is not None and stop is not None:
            loop.call_soon_threadsafe(stop.set)
        thread.join()
        self._thread = None
        self._port = None
        self.app.close()

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:  # reported to start()
            self._error = exc
        finally:
            loop.close()
            self._loop = None
            self._ready.set()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        connections = _Connections(self.app, self.log)
        server = await asyncio.start_server(
            connections.serve, self.host, self._requested_port, limit=_READ_LIMIT, reuse_address=True
        )
        self._port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            server.close()
            await connections.close_all()
            await server.wait_closed()

    # -- what clients need ------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_key(self) -> str:
        """The key to give clients: the first of ``api_keys``, else :data:`EMULATOR_API_KEY` (any key works then)."""
        return self.app.api_keys[0] if self.app.api_keys else EMULATOR_API_KEY

    @property
    def auth_token(self) -> str:
        """The bearer token to give clients: the first of ``auth_tokens``, else :data:`EMULATOR_AUTH_TOKEN`."""
        return self.app.auth_tokens[0] if self.app.auth_tokens else EMULATOR_AUTH_TOKEN

    @property
    def aws_credentials(self) -> Tuple[str, str, Optional[str]]:
        """``(access key id, secret key, session token or None)``: what to sign Bedrock requests with."""
        credentials = self.app.aws_credentials
        return credentials.access_key, credentials.secret_key, credentials.token

    @property
    def bedrock_api_key(self) -> str:
        """A Bedrock API key the Bedrock routes accept as a bearer token (the first of ``bedrock_api_keys``)."""
        return self.app.bedrock_api_keys[0]

    @property
    def requests(self) -> List[RecordedRequest]:
        return self.app.requests

    @property
    def token_uri(self) -> str:
        """The local Google OAuth token endpoint: ``{base_url}/oauth2/token``."""
        return f"{self.base_url}/oauth2/token"

    def vertex_service_account(
        self,
        path: Union[str, "os.PathLike[str]"],
        *,
        project_id: str = "emulator-project",
        token_lifetime: int = 3600,
    ) -> pathlib.Path:
        """Write a Google service-account key file whose ``token_uri`` is :attr:`token_uri`; returns ``path``.

        Call it once the emulator runs. google-auth's service-account credentials made from
        the file get access tokens from the emulator, valid ``token_lifetime`` seconds (see
        :meth:`EmulatorApp.vertex_service_account`).
        """
        return self.app.vertex_service_account(
            path, token_uri=self.token_uri, project_id=project_id, token_lifetime=token_lifetime
        )

    def vertex_access_token(self, lifetime: int = 3600) -> str:
        """See :meth:`EmulatorApp.vertex_access_token`."""
        return self.app.vertex_access_token(lifetime)

    @property
    def vertex_token_grants(self) -> int:
        """See :attr:`EmulatorApp.vertex_token_grants`."""
        return self.app.vertex_token_grants

    def enqueue(
        self,
        status: Optional[int] = None,
        headers: Optional[Mapping[str, str]] = None,
        json: Any = MISSING,
        body: Optional[bytes] = None,
        delay: float = 0.0,
        drop: bool = False,
        *,
        stream_error_after: Optional[int] = None,
        error_type: str = "overloaded_error",
        drop_after_events: Optional[int] = None,
        stall_after_events: Optional[int] = None,
        stall_seconds: float = 0.0,
        stall_pings: bool = False,
        truncate_after_events: Optional[int] = None,
        sse: Optional[bytes] = None,
    ) -> None:
        """See :meth:`EmulatorApp.enqueue`."""
        self.app.enqueue(
            status=status,
            headers=headers,
            json=json,
            body=body,
            delay=delay,
            drop=drop,
            stream_error_after=stream_error_after,
            error_type=error_type,
            drop_after_events=drop_after_events,
            stall_after_events=stall_after_events,
            stall_seconds=stall_seconds,
            stall_pings=stall_pings,
            truncate_after_events=truncate_after_events,
            sse=sse,
        )

    def reset(self) -> None:
        """See :meth:`EmulatorApp.reset`."""
        self.app.reset()

    def expire_batch(self, batch_id: str) -> None:
        """See :meth:`EmulatorApp.expire_batch`."""
        self.app.expire_batch(batch_id)
