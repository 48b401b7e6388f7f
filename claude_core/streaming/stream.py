"""Raw event streams: ``messages.create(..., stream=True)`` returns a :class:`Stream`.

The decisions live in :class:`~claude_core.streaming.core.StreamCore`; :class:`Stream`
and :class:`AsyncStream` read bytes, sleep before a retry, and hand events out.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, AsyncIterator, Callable, Dict, Generic, Iterator, List, Optional, Type, TypeVar

import httpx

from ..errors import AnthropicError, APIConnectionError, APIStatusError
from .core import StreamCore, wire_error

__all__ = ["Stream", "AsyncStream", "Retrier"]

T = TypeVar("T")


class Retrier(Generic[T]):
    """Re-sends a stream's request when it failed before delivering anything.

    ``decide(error)`` returns the delay before retrying, or None to give up; ``send``
    (sync or async, depending on the client) returns ``(request, response)``.
    """

    def __init__(self, decide: Callable[[AnthropicError], Optional[float]], send: Callable[[], T]) -> None:
        self.decide = decide
        self.send = send


class _StreamBase:
    def __init__(self, core: StreamCore, retrier: Optional[Retrier[Any]]) -> None:
        self._core = core
        self._retrier = retrier
        self._batch: List[Dict[str, Any]] = []  # decoded events not yet handed out, from _pos on
        self._pos = 0

    @property
    def response(self) -> httpx.Response:
        return self._core.response

    @property
    def _request_id(self) -> Optional[str]:
        request_id: Optional[str] = self._core.response.headers.get("request-id")
        return request_id

    @property
    def request_id(self) -> Optional[str]:
        return self._request_id

    def _rest(self) -> Optional[List[Dict[str, Any]]]:
        """The events of the current batch not handed out yet, if any; the batch is then done."""
        if self._pos >= len(self._batch):
            return None
        rest = self._batch[self._pos :]
        self._batch, self._pos = [], 0
        return rest

    def _delay_or_raise(self, exc: Exception) -> float:
        """After a failed read: the wait before retrying, or the failure raised as the SDK's error.

        Only failures of the connection or of the API are retried, and only while nothing
        was delivered; the retry policy decides the rest.
        """
        error = wire_error(exc, self._core)
        delay = None
        retriable = isinstance(error, (APIConnectionError, APIStatusError))
        if retriable and not self._core.delivered and self._retrier is not None:
            delay = self._retrier.decide(error)
        if delay is None:
            if error is exc:
                raise exc
            raise error from exc
        return delay


class Stream(_StreamBase, Generic[T]):
    """Iterate the raw events of a streamed response. Close it (or use ``with``) if you stop early."""

    def __init__(self, core: StreamCore, retrier: Optional[Retrier[Any]] = None) -> None:
        super().__init__(core, retrier)
        self._batches = self._read()
        self._dict_iterator = self._dicts()
        self._iterator = self._events()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def _events(self) -> Iterator[T]:
        typed = self._core.typed
        for data in self._dict_iterator:
            yield typed(data)

    def _dicts(self) -> Iterator[Dict[str, Any]]:
        """The decoded events one by one; shares its position with :meth:`_take`."""
        while True:
            if self._pos >= len(self._batch):
                batch = next(self._batches, None)
                if batch is None:
                    return
                self._batch, self._pos = batch, 0
                continue
            item = self._batch[self._pos]
            self._pos += 1
            yield item

    def _take(self) -> Optional[List[Dict[str, Any]]]:
        """The rest of the current batch of decoded events, or the next batch; None at the end."""
        rest = self._rest()
        return rest if rest is not None else next(self._batches, None)

    def _read(self) -> Iterator[List[Dict[str, Any]]]:
        """Batches of decoded events, retried transparently while nothing was delivered."""
        core = self._core
        while True:
            try:
                for chunk in core.response.iter_bytes():
                    batch = core.feed(chunk)
                    if batch.has_events():
                        yield batch
                    core.raise_pending()
                batch = core.end()
                if batch.has_events():
                    yield batch
                core.raise_pending()
                return
            except (AnthropicError, httpx.HTTPError, OSError) as exc:
                core.response.close()
                time.sleep(self._delay_or_raise(exc))
                assert self._retrier is not None
                request, response = self._retrier.send()
                core.restart(request, response)

    def close(self) -> None:
        self._core.response.close()

    def __enter__(self) -> "Stream[T]":
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncStream(_StreamBase, Generic[T]):
    """The async twin of :class:`Stream`: ``async for event in stream``."""

    def __init__(self, core: StreamCore, retrier: Optional[Retrier[Any]] = None) -> None:
        super().__init__(core, retrier)
        self._batches = self._read()
        self._dict_iterator = self._dicts()
        self._iterator = self._events()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def _events(self) -> AsyncIterator[T]:
        typed = self._core.typed
        async for data in self._dict_iterator:
            yield typed(data)

    async def _dicts(self) -> AsyncIterator[Dict[str, Any]]:
        """The decoded events one by one; shares its position with :meth:`_take`."""
        while True:
            if self._pos >= len(self._batch):
                batch = await self._next_batch()
                if batch is None:
                    return
                self._batch, self._pos = batch, 0
                continue
            item = self._batch[self._pos]
            self._pos += 1
            yield item

    async def _take(self) -> Optional[List[Dict[str, Any]]]:
        """The rest of the current batch of decoded events, or the next batch; None at the end."""
        rest = self._rest()
        return rest if rest is not None else await self._next_batch()

    async def _next_batch(self) -> Optional[List[Dict[str, Any]]]:
        try:
            return await self._batches.__anext__()
        except StopAsyncIteration:
            return None

    async def _read(self) -> AsyncIterator[List[Dict[str, Any]]]:
        import anyio

        core = self._core
        while True:
            try:
                chunks = core.response.aiter_bytes()
                while True:
                    left = core.seconds_left()
                    try:
                        if left is None:
                            chunk = await chunks.__anext__()
                        else:
                            with anyio.fail_after(left):
                                chunk = await chunks.__anext__()
                    except StopAsyncIteration:
                        break
                    except TimeoutError:
                        raise core.timed_out() from None
                    batch = core.feed(chunk)
                    if batch.has_events():
                        yield batch
                    core.raise_pending()
                batch = core.end()
                if batch.has_events():
                    yield batch
                core.raise_pending()
                return
            except (AnthropicError, httpx.HTTPError, OSError) as exc:
                await core.response.aclose()
                await anyio.sleep(self._delay_or_raise(exc))
                assert self._retrier is not None
                request, response = await self._retrier.send()
                core.restart(request, response)

    async def close(self) -> None:
        await self._core.response.aclose()

    async def __aenter__(self) -> "AsyncStream[T]":
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()
