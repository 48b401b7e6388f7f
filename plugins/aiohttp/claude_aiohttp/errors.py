"""aiohttp's exceptions as the httpx exceptions httpx's own transport raises for the same failure.

claude_core turns httpx's timeouts into ``APITimeoutError`` and the rest into
``APIConnectionError``; the original aiohttp exception stays as the cause.
"""

from __future__ import annotations

import asyncio
from typing import Tuple, Type

import aiohttp
import httpx

__all__ = ["as_httpx"]

# most specific first: the first class the exception is an instance of wins
_MAP: Tuple[Tuple[Type[BaseException], Type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),  # SocketTimeoutError: no byte within the read timeout
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientHttpProxyError, httpx.ProxyError),
    (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, DNS, TLS handshake and certificate
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),  # the body ended early or is malformed
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # a malformed response
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.NonHttpUrlClientError, httpx.UnsupportedProtocol),
    (aiohttp.ClientError, httpx.ReadError),
    (asyncio.TimeoutError, httpx.ReadTimeout),
    (OSError, httpx.ReadError),
)


def as_httpx(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    """The httpx exception for ``exc`` (raise it ``from exc``); ``exc`` itself if it is one."""
    if isinstance(exc, httpx.TransportError):
        return exc
    for source, target in _MAP:
        if isinstance(exc, source):
            return target(str(exc) or type(exc).__name__, request=request)
    return httpx.TransportError(f"{type(exc).__name__}: {exc}", request=request)
