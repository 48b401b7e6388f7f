"""httpx clients and transports with the SDK's defaults."""

from __future__ import annotations

import socket
import sys
from typing import Any, Dict, List, Tuple, Union

import httpx

from ._options import DEFAULT_TIMEOUT

__all__ = ["DEFAULT_CONNECTION_LIMITS", "DefaultHttpxClient", "DefaultAsyncHttpxClient", "default_transport"]

DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)


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


def default_transport(is_async: bool) -> Union[httpx.HTTPTransport, httpx.AsyncHTTPTransport]:
    """httpx's transport with connection limits 1000/100 and TCP keep-alive probes."""
    if is_async:
        return httpx.AsyncHTTPTransport(limits=DEFAULT_CONNECTION_LIMITS, socket_options=_socket_options())
    return httpx.HTTPTransport(limits=DEFAULT_CONNECTION_LIMITS, socket_options=_socket_options())


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
