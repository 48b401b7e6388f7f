"""A real HTTP forward proxy and a TLS front on 127.0.0.1, served by an asyncio loop in a thread.

:class:`ForwardProxy` does what a corporate proxy does: a request whose target is an absolute
``http://`` URL is sent on to that origin (in origin form, hop-by-hop headers dropped, one
request per upstream connection, the origin's ``connection: close`` passed back), and
``CONNECT host:port`` opens a tunnel that relays bytes both ways. It records every request
line and header it received (:attr:`ForwardProxy.passed`) and counts the bytes its tunnels
carried. :meth:`LocalServers.tls_front` gives an https URL for a plain-http server (the
emulator): TLS ends there, with ``tls/server.pem`` (signed by ``tls/ca.pem``, valid for 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Awaitable, Callable, Dict, List, NamedTuple, Optional, Set, Tuple, Type
from urllib.parse import urlsplit

TLS = Path(__file__).parent / "tls"
_HOP_BY_HOP = {"connection", "proxy-connection", "proxy-authorization", "keep-alive", "te", "upgrade"}

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class Passed(NamedTuple):
    """A request the proxy received: its method, its target as sent, and its headers (names lowercased)."""

    method: str
    target: str
    headers: Dict[str, str]


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: Callable[[int], None]) -> None:
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            count(len(data))
            writer.write(data)
            await writer.drain()
    except OSError:  # reset, or TLS closed uncleanly
        pass
    finally:
        writer.close()


async def _relay(
    a: Tuple[asyncio.StreamReader, asyncio.StreamWriter],
    b: Tuple[asyncio.StreamReader, asyncio.StreamWriter],
    count: Callable[[int], None],
) -> None:
    await asyncio.gather(_copy(a[0], b[1], count), _copy(b[0], a[1], count))


def _parse(head: bytes) -> Tuple[str, str, List[Tuple[str, str]]]:
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ")
    headers = []
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
    return method, target, headers


class ForwardProxy:
    def __init__(self) -> None:
        self.passed: List[Passed] = []
        self.tunnelled_bytes = 0
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset(self) -> None:
        self.passed.clear()
        self.tunnelled_bytes = 0

    def _count(self, size: int) -> None:
        self.tunnelled_bytes += size

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                method, target, headers = _parse(await reader.readuntil(b"\r\n\r\n"))
                self.passed.append(Passed(method, target, {name.lower(): value for name, value in headers}))
                if method == "CONNECT":
                    host, _, port = target.rpartition(":")
                    upstream = await asyncio.open_connection(host, int(port))
                    writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    await _relay((reader, writer), upstream, self._count)
                    return
                await self._forward(method, target, headers, reader, writer)
                return  # the origin answered with "connection: close", which the client got
        except (asyncio.IncompleteReadError, OSError):
            pass
        finally:
            writer.close()

    async def _forward(
        self,
        method: str,
        target: str,
        headers: List[Tuple[str, str]],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        url = urlsplit(target)
        if url.scheme != "http" or url.hostname is None:
            writer.write(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            return
        length = int(dict((name.lower(), value) for name, value in headers).get("content-length", "0"))
        body = await reader.readexactly(length)
        up_reader, up_writer = await asyncio.open_connection(url.hostname, url.port or 80)
        path = (url.path or "/") + (f"?{url.query}" if url.query else "")
        lines = [f"{method} {path} HTTP/1.1"]
        lines += [f"{name}: {value}" for name, value in headers if name.lower() not in _HOP_BY_HOP]
        lines.append("connection: close")
        up_writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await _copy(up_reader, writer, lambda size: None)  # until the origin closes
        up_writer.close()


class LocalServers:
    """An asyncio loop in a daemon thread serving a :class:`ForwardProxy` and TLS fronts until closed."""

    def __init__(self) -> None:
        self.proxy = ForwardProxy()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="local-proxy", daemon=True)
        self._servers: List[asyncio.AbstractServer] = []
        self._tasks: Set["asyncio.Task[Any]"] = set()

    def __enter__(self) -> "LocalServers":
        self._thread.start()
        self.proxy.port = self._listen(self.proxy.serve)
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def tls_front(self, port: int) -> str:
        """An https URL whose connections are relayed, decrypted, to the http server on ``port``."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS / "server.pem")

        async def front(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                upstream = await asyncio.open_connection("127.0.0.1", port)
                await _relay((reader, writer), upstream, lambda size: None)
            except OSError:
                writer.close()

        return f"https://127.0.0.1:{self._listen(front, context)}"

    def _listen(self, handler: Handler, context: Optional[ssl.SSLContext] = None) -> int:
        async def tracked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            self._tasks.add(task)
            try:
                await handler(reader, writer)
            finally:
                self._tasks.discard(task)

        async def start() -> int:
            server = await asyncio.start_server(tracked, "127.0.0.1", 0, ssl=context)
            self._servers.append(server)
            port: int = server.sockets[0].getsockname()[1]
            return port

        return asyncio.run_coroutine_threadsafe(start(), self._loop).result(10)

    async def _close(self) -> None:
        for server in self._servers:
            server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers:
            await server.wait_closed()
