"""httpx clients and transports with the SDK's defaults."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import sys
import threading
from typing import Any, Dict, List, Optional, Tuple, Union

import httpx
from httpx._utils import get_environment_proxies

from .._options import DEFAULT_TIMEOUT
from ..errors import AnthropicError
from .pools import ShardedTransport

#: Connection pools of the default transport.
SHARDS = 8

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DefaultHttpxClient",
    "DefaultAsyncHttpxClient",
    "default_transport",
    "environment_proxies",
    "load_tls_soon",
]

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


# The default transports of every client share one TLS context, made with its CA certificates
# only when the first https request is about to go out: loading them (what
# httpx.create_ssl_context() does) costs 1.5 MiB and milliseconds per context, and OpenSSL's
# set-up another half MiB, so a client that talks http:// (an emulator, a local gateway)
# never pays for them.
_tls_lock = threading.Lock()
_tls_context: Optional[ssl.SSLContext] = None
_tls_ready = False
_tls_loader: Optional[threading.Thread] = None


def load_tls_soon() -> None:
    """Start loading the CA certificates in a background thread, once per process.

    Called when a client that will talk https through the default transport is built: OpenSSL
    parses the CA bundle (tens of milliseconds) without holding the GIL, so by the first https
    request, after the imports and set-up in between, the certificates are loaded. The request
    waits for a load still running (the lock), and a load that failed is tried again by the
    request, which raises its error. Not a daemon thread: a process that exits while OpenSSL is
    still reading the bundle waits for it (milliseconds), as interpreter shutdown under a running
    daemon thread can crash Python 3.9 in OpenSSL.
    """
    global _tls_loader
    if _tls_ready or _tls_loader is not None:
        return
    _tls_loader = threading.Thread(target=_load_quietly, name="claude-core-tls")
    _tls_loader.start()


def _load_quietly() -> None:
    with contextlib.suppress(AnthropicError):  # the first https request tries again and raises it
        _load_tls_certificates()


def _reset_after_fork() -> None:
    """In a child process: a load the parent had running is gone with its thread (its lock may be
    held forever, its context half loaded), so the child starts afresh."""
    global _tls_lock, _tls_loader, _tls_context
    _tls_lock = threading.Lock()
    _tls_loader = None
    if not _tls_ready:
        _tls_context = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def _shared_tls_context() -> ssl.SSLContext:
    global _tls_context
    with _tls_lock:
        if _tls_context is None:
            # create_default_context() loads the system's CAs when given no CA location; a CA
            # directory that can hold no certificate gives its exact settings and no CA yet
            _tls_context = ssl.create_default_context(capath=os.devnull)
        return _tls_context


def _load_tls_certificates() -> None:
    """Load into the shared TLS context the CA certificates ``httpx.create_ssl_context()`` loads:
    ``SSL_CERT_FILE``'s or ``SSL_CERT_DIR``'s when set, else certifi's. Once per process.

    Raises :class:`AnthropicError` when they do not load: a connection error would be retried.
    """
    global _tls_ready
    if _tls_ready:
        return
    context = _shared_tls_context()
    with _tls_lock:
        if _tls_ready:
            return
        cafile = os.environ.get("SSL_CERT_FILE") or None
        capath = None if cafile else os.environ.get("SSL_CERT_DIR") or None
        if cafile is None and capath is None:
            import certifi  # here: only https with neither SSL_CERT_FILE nor SSL_CERT_DIR set needs it

            cafile = certifi.where()
        try:
            context.load_verify_locations(cafile=cafile, capath=capath)
        except OSError as exc:  # ssl.SSLError too
            raise AnthropicError(
                f"the CA certificates to verify https servers with did not load from {cafile or capath}: {exc}"
            ) from exc
        _tls_ready = True


def environment_proxies() -> Dict[str, Optional[str]]:
    """The proxies ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` (lowercase
    spellings win) name, read as an ``httpx.Client(trust_env=True)`` reads them: httpx's mount
    patterns (``https://``, ``all://*example.com``...) -> a proxy URL, or None (a ``NO_PROXY``
    host). Empty when no proxy is named (or ``NO_PROXY=*``)."""
    mounts: Dict[str, Optional[str]] = dict(get_environment_proxies())
    return mounts if any(url is not None for url in mounts.values()) else {}


def default_transport(is_async: bool) -> ShardedTransport:
    """httpx's transports with TCP keep-alive probes, in :data:`SHARDS` pools that share the
    connection limits (1000 connections, 100 kept alive); see :mod:`claude_core._transport.pools`.
    They verify https servers as httpx's own do, with the process's shared TLS context, and
    send through the proxies the environment names, read now, as an ``httpx.Client`` does (see
    :func:`environment_proxies` and :mod:`claude_core._transport.proxies`)."""
    limits = httpx.Limits(
        max_connections=MAX_CONNECTIONS // SHARDS, max_keepalive_connections=-(-MAX_KEEPALIVE // SHARDS)
    )
    options = _socket_options()
    kind = httpx.AsyncHTTPTransport if is_async else httpx.HTTPTransport
    proxies = environment_proxies()

    def make(tls: bool, proxy: Optional[httpx.Proxy]) -> Union[httpx.HTTPTransport, httpx.AsyncHTTPTransport]:
        # httpx takes any non-bool, non-str ``verify`` as the context itself, and httpcore uses
        # it only to connect to https origins (directly or through a proxy's tunnel), which the
        # sharded transport never sends to these
        context: Any = _shared_tls_context() if tls else None
        return kind(verify=context, limits=limits, socket_options=options, proxy=proxy)

    route = None
    if proxies:
        from .proxies import ProxyRoutes  # behind a proxy only

        route = ProxyRoutes(proxies).proxy_for
    return ShardedTransport(make, SHARDS, before_https=_load_tls_certificates, route=route)


_TRANSPORT_OPTIONS = ("verify", "cert", "trust_env", "http1", "http2", "limits")


def _with_defaults(kwargs: Dict[str, Any], is_async: bool) -> Dict[str, Any]:
    """``kwargs`` for an httpx client with the SDK's defaults. Without a ``transport=``, its
    transports set TCP keep-alive probes; it then mounts the proxies ``proxy=`` or (unless
    ``trust_env=False``) the environment names, as httpx would, under the ``mounts=`` given."""
    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
    kwargs.setdefault("follow_redirects", True)
    kwargs.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
    if "transport" in kwargs:
        return kwargs
    kind: Any = httpx.AsyncHTTPTransport if is_async else httpx.HTTPTransport
    options = {name: kwargs[name] for name in _TRANSPORT_OPTIONS if name in kwargs}
    options["socket_options"] = _socket_options()
    proxy = kwargs.pop("proxy", None)
    if proxy is not None:
        proxies: Dict[str, Any] = {"all://": proxy}
    else:
        proxies = environment_proxies() if kwargs.get("trust_env", True) else {}
    mounts = {pattern: None if url is None else kind(proxy=url, **options) for pattern, url in proxies.items()}
    mounts.update(kwargs.get("mounts") or {})
    kwargs["mounts"] = mounts
    kwargs["transport"] = kind(**options)
    return kwargs


class DefaultHttpxClient(httpx.Client):
    """An ``httpx.Client`` with the SDK's defaults; pass it as ``http_client=`` to customise."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs, is_async=False))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` with the SDK's defaults; pass it as ``http_client=`` to customise."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs, is_async=True))
