"""The connection a client and its ``with_options`` copies share: one httpx client, made on the
first request around the transport the hooks give, and the streams open on it.

A stream dropped without ``close()`` is closed at the client's next request (see
:mod:`claude_core.streaming.registry`), never by the garbage collector; :meth:`Connection.abandoned`
hands those out and the client closes them, sync or async.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Iterator, Optional, Type, TypeVar, Union

import httpx

from .._logs import logger
from .._transport.pool_finalizer import close_when_collected
from ..streaming.registry import StreamRegistry

if TYPE_CHECKING:
    from .pipeline import Pipeline

__all__ = ["Connection"]

HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)


class Connection:
    """One httpx client (the caller's ``http_client``, or made on first use), shared by copies."""

    def __init__(self, http_client: Optional[Union[httpx.Client, httpx.AsyncClient]]) -> None:
        self.http_client = http_client
        self.lock = threading.Lock()
        self.streams = StreamRegistry()
        self.closed = False
        #: Closes the pool the SDK made when its httpx client is collected (never a user's ``http_client``).
        self._finalizer: Any = None

    def is_closed(self) -> bool:
        """Whether the pool was closed: by ``close()``, or a user's ``http_client`` closed by its owner."""
        http = self.http_client
        return self.closed or (http is not None and http.is_closed)

    def http(self, kind: Type[HttpClientT], pipeline: Pipeline, owner: str) -> HttpClientT:
        """The httpx client, made now around ``pipeline``'s transport if this is the first request."""
        if self.closed:
            raise RuntimeError(
                f"this {owner} was closed (close() ends the connection pool it shares with its "
                "with_options copies): create a new client"
            )
        http = self.http_client
        if http is None:
            with self.lock:
                if self.http_client is None:
                    transport: Any = pipeline.transport()
                    self.http_client = kind(transport=transport, timeout=pipeline.timeout, follow_redirects=True)
                    self._finalizer = close_when_collected(self.http_client)
                http = self.http_client
        return http  # type: ignore[return-value]

    def abandoned(self) -> Iterator[Any]:
        """The readers of streams dropped unclosed, each handed out once, for the caller to close."""
        return iter(self.streams.take_abandoned())

    def closing(self) -> Optional[Union[httpx.Client, httpx.AsyncClient]]:
        """Mark the connection closed; the httpx client for the caller to close, if one was made or given."""
        self.closed = True
        if self._finalizer is not None:  # the pool is closed now: nothing is left for the finalizer
            self._finalizer.detach()
        return self.http_client


def log_unclosable(exc: BaseException) -> None:
    """A dropped stream that failed to close: nobody waits for it, so it is logged, not raised."""
    logger.warning("closing a stream that was dropped unclosed failed", exc_info=exc)
