"""Closing the connection pool a client made for itself once nothing refers to it any more.

As in the official SDK, a client that is never closed does not leave its sockets to be
collected unclosed (each a ``ResourceWarning``): :func:`close_when_collected` registers a
``weakref.finalize`` on the httpx client the SDK made, which closes its transports when
that client is collected, that is once the client, its ``with_options`` copies and every
stream read through it are gone. The finalizer holds the transports (and so their sockets)
until it runs, so they are closed, never collected open. A user's own ``http_client`` is
never registered: its owner closes it.

In the async client closing is awaited: when the collecting thread runs an event loop the
close is scheduled on it; without one nothing is done, silently, as the official SDK does.
"""

from __future__ import annotations

import contextlib
import weakref
from typing import TYPE_CHECKING, Any, List, Set, Union

import httpx

if TYPE_CHECKING:
    import asyncio

__all__ = ["close_when_collected"]

#: Scheduled closes, kept until done (the event loop holds only weak references to its tasks).
_closing: Set["asyncio.Task[None]"] = set()


def close_when_collected(http: Union[httpx.Client, httpx.AsyncClient]) -> weakref.finalize:  # type: ignore[type-arg]
    """Close ``http``'s transports when ``http`` is garbage-collected; returns the finalizer
    (``detach()`` it when the client is closed explicitly)."""
    transports: List[Any] = [http._transport, *(t for t in http._mounts.values() if t is not None)]
    close = _aclose_soon if isinstance(http, httpx.AsyncClient) else _close
    finalizer = weakref.finalize(http, close, transports)
    finalizer.atexit = False  # at interpreter exit the process's sockets close anyway
    return finalizer


def _close(transports: List[httpx.BaseTransport]) -> None:
    for transport in transports:
        with contextlib.suppress(Exception):  # a finalizer has no caller to tell
            transport.close()


def _aclose_soon(transports: List[httpx.AsyncBaseTransport]) -> None:
    import asyncio  # here: a sync program never pays for it

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # no event loop to await the close on
    task = loop.create_task(_aclose(transports))
    _closing.add(task)
    task.add_done_callback(_closing.discard)


async def _aclose(transports: List[httpx.AsyncBaseTransport]) -> None:
    for transport in transports:
        with contextlib.suppress(Exception):  # a pool made on another, closed loop cannot be closed
            await transport.aclose()
