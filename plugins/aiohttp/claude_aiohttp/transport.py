"""An ``httpx.AsyncBaseTransport`` that sends over one ``aiohttp.ClientSession``.

Per request it maps httpx's timeouts onto aiohttp's (``connect`` to the TCP connect and,
with ``pool``, to the whole wait for a connection; ``read`` to every read, the response
headers' included), picks the proxy the environment names for the URL, verifies https
servers with :func:`~claude_aiohttp.tls.verifying_context`, and hands back an
``httpx.Response`` whose body is read from the socket as it arrives. aiohttp's exceptions
are raised as httpx's (:mod:`claude_aiohttp.errors`).
"""

from __future__ import annotations

import base64
import ssl
import urllib.request
from typing import Any, AsyncIterator, Dict, Optional, Tuple, Union

import aiohttp
import httpx
from yarl import URL

from .errors import as_httpx
from .tls import verifying_context

__all__ = ["AiohttpAsyncTransport"]

_Body = Union[bytes, AsyncIterator[bytes], None]


class AiohttpAsyncTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests over an aiohttp session (made on the first request, in its event loop).

    The keyword arguments are :class:`~claude_aiohttp.AiohttpTransport`'s.
    """

    def __init__(
        self,
        *,
        limit: int = 1000,
        limit_per_host: int = 0,
        keepalive_expiry: float = 15.0,
        verify: Union[bool, ssl.SSLContext] = True,
        trust_env: bool = True,
    ) -> None:
        self._connector_options: Dict[str, Any] = dict(
            limit=limit, limit_per_host=limit_per_host, keepalive_timeout=keepalive_expiry
        )
        self._verify = verify
        self._tls: Optional[ssl.SSLContext] = verify if isinstance(verify, ssl.SSLContext) else None
        self._proxies = _environment_proxies() if trust_env else {}
        self._session: Optional[aiohttp.ClientSession] = None

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(**self._connector_options)
        # the SDK's headers go as they are: no default headers, no cookies kept, no
        # decompression (httpx decodes the body), no proxy or .netrc lookup (done here)
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            trust_env=False,
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
        )
        return self._session

    def _ssl(self, url: URL) -> Union[bool, ssl.SSLContext]:
        if url.scheme != "https" or self._verify is False:
            return self._verify is not False
        if self._tls is None:
            self._tls = verifying_context()
        return self._tls

    def _proxy(self, url: URL) -> Tuple[Optional[URL], Optional[Dict[str, str]]]:
        """The proxy for ``url``, and the headers for it (credentials in its URL as ``Proxy-Authorization``)."""
        proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
        if proxy is None or (url.host is not None and urllib.request.proxy_bypass(url.host)):
            return None, None
        if proxy.user is None:
            return proxy, None
        credentials = base64.b64encode(f"{proxy.user}:{proxy.password or ''}".encode()).decode("ascii")
        return proxy.with_user(None), {"Proxy-Authorization": f"Basic {credentials}"}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session or self._open()
        url = URL(str(request.url), encoded=True)
        headers = [(name, value) for name, value in request.headers.multi_items() if name != "transfer-encoding"]
        proxy, proxy_headers = self._proxy(url)
        if proxy_headers and url.scheme == "http":  # no tunnel: the request itself carries them
            headers.extend(proxy_headers.items())
        try:
            response = await session.request(
                request.method,
                url,
                headers=headers,
                data=_body(request),
                allow_redirects=False,
                compress=None,
                timeout=_timeout(request.extensions.get("timeout") or {}),
                ssl=self._ssl(url),
                proxy=proxy,
                proxy_headers=proxy_headers,
                server_hostname=request.extensions.get("sni_hostname"),
            )
        except Exception as exc:
            raise as_httpx(exc, request) from exc
        return httpx.Response(
            response.status,
            headers=response.raw_headers,
            stream=_ResponseBody(response, request),
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("ascii", "replace"),
            },
        )

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()


class _ResponseBody(httpx.AsyncByteStream):
    """A response's body, each chunk as it arrives (one SSE event when the server sends one per chunk)."""

    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request
        # aiohttp (3.14) does not tell the body's reader of a framing error after the headers:
        # it closes the connection, and the read would wait for ever (its read timeout dropped)
        protocol = response.connection.protocol if response.connection is not None else None
        self._closed = protocol.closed if protocol is not None else None
        if self._closed is not None:
            self._closed.add_done_callback(self._connection_lost)

    def _connection_lost(self, _closed: object) -> None:
        content = self._response.content
        if content.exception() is None and not content.is_eof():
            connection = self._response.connection
            cause = connection.protocol.exception() if connection and connection.protocol else None
            reason = repr(cause) if cause is not None else "the connection closed on a malformed body"
            content.set_exception(aiohttp.ClientPayloadError(f"Response payload is not completed: {reason}"))

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        try:
            async for chunk in content.iter_any():
                yield chunk
        except Exception as exc:
            # aiohttp drops the bytes it received but not yet handed over when the connection
            # is lost; httpx hands them over first (the events that arrived before the drop)
            unread = _unread(content)
            if unread:
                yield unread
            raise as_httpx(exc, self._request) from exc

    async def aclose(self) -> None:
        if self._closed is not None:
            self._closed.remove_done_callback(self._connection_lost)
        # a body read to its end gives the connection back to the pool; one left half read closes it
        self._response.release()


def _unread(content: aiohttp.StreamReader) -> bytes:
    """The body bytes aiohttp holds that no read returned yet (read from its private buffer:
    b"" if this aiohttp keeps them elsewhere)."""
    buffer = getattr(content, "_buffer", None)
    if not buffer:
        return b""
    return b"".join(buffer)[getattr(content, "_buffer_offset", 0) :]


def _body(request: httpx.Request) -> _Body:
    try:
        content = request.content
    except httpx.RequestNotRead:  # a streamed body (a file upload): sent as it is read
        return _chunks(request.stream)
    return content or None


async def _chunks(stream: Any) -> AsyncIterator[bytes]:
    async for chunk in stream:
        yield chunk


def _timeout(timeout: Dict[str, Optional[float]]) -> aiohttp.ClientTimeout:
    connect = timeout.get("connect")
    pool = timeout.get("pool")
    return aiohttp.ClientTimeout(
        total=None,
        # aiohttp's ``connect`` bounds the wait for a pool slot and the connection, TLS included
        connect=None if pool is None or connect is None else pool + connect,
        sock_connect=connect,
        sock_read=timeout.get("read"),
    )


def _environment_proxies() -> Dict[str, URL]:
    """``HTTP_PROXY``, ``HTTPS_PROXY`` and ``ALL_PROXY`` (lowercase spellings win), by scheme."""
    found: Dict[str, URL] = {}
    for scheme, value in urllib.request.getproxies_environment().items():
        if scheme not in ("http", "https", "all") or not value:
            continue
        url = URL(value if "://" in value else f"http://{value}")
        if url.scheme != "http":
            raise ValueError(
                f"aiohttp sends through http:// proxies only, and {scheme.upper()}_PROXY is {url.with_user(None)}: "
                "use an http:// proxy, or httpx's transport (provider_options={'transport': 'httpx'})"
            )
        found[scheme] = url
    return found
