"""Open streams of one connection pool, so that a stream dropped unclosed is closed safely.

Closing an httpx response takes httpcore's pool lock. If that happened in a finalizer
(a stream collected by the garbage collector while the same thread is inside a request
holding that lock) the process would deadlock (httpcore#990). So a stream's reader is
held here while it is open, its httpx iterators are never garbage, and a dropped stream
only appends its reader to a queue (no lock taken); the client closes the queued readers
at its next request, on the caller's thread, outside every lock.
"""

from __future__ import annotations

import collections
from typing import Any, Deque, List, Set

__all__ = ["StreamRegistry"]


class StreamRegistry:
    """The readers of the streams a connection pool has open."""

    def __init__(self) -> None:
        self._open: Set[Any] = set()
        self._abandoned: Deque[Any] = collections.deque()

    def __contains__(self, reader: object) -> bool:
        return reader in self._open

    def add(self, reader: Any) -> None:
        self._open.add(reader)

    def discard(self, reader: Any) -> None:
        self._open.discard(reader)

    def abandon(self, reader: Any) -> None:
        """A stream was dropped unclosed; safe to call from a finalizer."""
        if reader in self._open:
            self._abandoned.append(reader)

    def take_abandoned(self) -> List[Any]:
        """The readers of dropped streams that are still open, to be closed now (closing one
        discards it from the registry)."""
        taken: List[Any] = []
        while self._abandoned:
            reader = self._abandoned.popleft()
            if reader in self._open and reader not in taken:
                taken.append(reader)
        return taken
