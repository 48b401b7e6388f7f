"""httpx clients and transports with the SDK's defaults."""

from __future__ import annotations

import socket
import sys
from typing import Any, Dict, List, Tuple, Union

import httpx

from ._options import DEFAULT_TIMEOUT
from ._shards import ShardedTransport

#: Connection pools of the default transport.
SHARDS = 8

__all__ = ["DEFAULT_CONNECTION_LIMITS", "DefaultHttpxClient", "DefaultAsyncHttpxClient", "default_transport"]

MAX_CONNECTIONS = 1000
MAX_KEEPALIVE = 100
DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE)


def _socket_options() -> List[Tuple[int, int, int]]:
    options = [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]
    if sys.platform == "darwin":
        options.append((socket.IPPROTO_TCP, getattr(socket, "TCP_KEEPALIVE", 0x10), 60))
    elif hasattr(socket, "TCP_KEEPIDLE"):
        options.append((socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60))
    if hasattr(socket, "TCP_KEEPINTVL"):
        options.append((socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 60))
    if hasattr(socket, "TCP_KEEPCNT"):
        options.append((socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5))
    return options


def default_transport(is_async: bool) -> ShardedTransport:
    """httpx's transports with TCP keep-alive probes, in :data:`SHARDS` pools that share the
    connection limits (1000 connections, 100 kept alive); see :mod:`claude_core._shards`."""
    limits = httpx.Limits(
        max_connections=MAX_CONNECTIONS // SHARDS, max_keepalive_connections=-(-MAX_KEEPALIVE // SHARDS)
    )
    options = _socket_options()
    kind = httpx.AsyncHTTPTransport if is_async else httpx.HTTPTransport
    # one TLS context for every pool: loading the CA bundle costs time and memory
    context = httpx.create_ssl_context()

    def make() -> Union[httpx.HTTPTransport, httpx.AsyncHTTPTransport]:
        return kind(verify=context, limits=limits, socket_options=options)

    return ShardedTransport(make, SHARDS)


def _with_defaults(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
    kwargs.setdefault("follow_redirects", True)
    if "transport" not in kwargs:
        kwargs.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
    return kwargs


class DefaultHttpxClient(httpx.Client):
    """An ``httpx.Client`` with the SDK's defaults; pass it as ``http_client=`` to customise."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` with the SDK's defaults; pass it as ``http_client=`` to customise."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs))
