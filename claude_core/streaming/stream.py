"""Raw event streams: ``messages.create(..., stream=True)`` returns a :class:`Stream`.

A stream hands out the events of a reader (the engine's, :mod:`claude_core._engine.readers`:
it reads the body, retries a stream that failed before any content, and keeps the decoded
events); :class:`EventReader` and :class:`AsyncEventReader` say what a stream uses of it.
The decisions live in :class:`~claude_core.streaming.core.StreamCore`. A reader is held
by the client's :class:`~claude_core.streaming.registry.StreamRegistry` while open, so a
stream dropped without ``close()`` is closed at the client's next request instead of by
the garbage collector.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, AsyncIterator, Callable, Dict, Generic, Iterator, List, Optional, Protocol, Type, TypeVar

import httpx

from ..providers import Provider
from .core import StreamCore
from .registry import StreamRegistry

__all__ = ["Stream", "AsyncStream", "EventReader", "AsyncEventReader"]

T = TypeVar("T")
E = TypeVar("E")


class _Attempts(Protocol):
    attempts: int  # requests sent for the call so far


class _ReaderState(Protocol):
    """What a stream reads of any reader: its core, its registry, its batch cursor and its call."""

    core: StreamCore
    registry: StreamRegistry
    #: decoded events not handed out yet, from ``pos`` on (``MessageStream`` moves ``pos`` too)
    batch: List[Dict[str, Any]]
    pos: int

    @property
    def call(self) -> _Attempts:
        """The call the reader reads for (its attempts give a response view's ``retries_taken``)."""

    def events(self, convert: Callable[[Dict[str, Any]], E], owner: object) -> Any: ...


class EventReader(_ReaderState, Protocol):
    """What :class:`Stream` (and ``MessageStream``) call on the reader they wrap."""

    def events(self, convert: Callable[[Dict[str, Any]], E], owner: object) -> Iterator[E]: ...
    def take(self) -> Optional[List[Dict[str, Any]]]: ...
    def close(self) -> None: ...


class AsyncEventReader(_ReaderState, Protocol):
    """What :class:`AsyncStream` (and ``AsyncMessageStream``) call on the reader they wrap."""

    def events(self, convert: Callable[[Dict[str, Any]], E], owner: object) -> AsyncIterator[E]: ...
    async def take(self) -> Optional[List[Dict[str, Any]]]: ...
    async def aclose(self) -> None: ...


R = TypeVar("R", bound=_ReaderState)


class _StreamBase(Generic[R]):
    _iterator: Any

    def __init__(self, reader: R) -> None:
        self._reader = reader
        self._iterator = reader.events(reader.core.typed, self)

    @property
    def response(self) -> httpx.Response:
        return self._reader.core.response

    @property
    def provider(self) -> Provider:
        """The deployment that is answering (another than the client's after a rerouting retry)."""
        return self._reader.core.provider

    @property
    def _request_id(self) -> Optional[str]:
        core = self._reader.core
        return core.provider.request_id(core.response)

    @property
    def request_id(self) -> Optional[str]:
        return self._request_id

    def __del__(self) -> None:
        # dropped without close(): the client closes the reader at its next request
        reader = getattr(self, "_reader", None)
        if reader is not None:
            reader.registry.abandon(reader)


# Stream and AsyncStream twin only for typed signatures: sync iteration and closing vs async.
class Stream(_StreamBase[EventReader], Generic[T]):
    """Iterate the raw events of a streamed response. Close it (or use ``with``) if you stop early."""

    _iterator: Iterator[T]

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> "Stream[T]":
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncStream(_StreamBase[AsyncEventReader], Generic[T]):
    """The async twin of :class:`Stream`: ``async for event in stream``."""

    _iterator: AsyncIterator[T]

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        await self._reader.aclose()

    async def __aenter__(self) -> "AsyncStream[T]":
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()
