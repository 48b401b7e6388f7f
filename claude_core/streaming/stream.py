"""Raw event streams: ``messages.create(..., stream=True)`` returns a :class:`Stream`.

The decisions live in :class:`~claude_core.streaming.core.StreamCore` and in the call's
attempts (:class:`~claude_core._engine.attempts.Call`: a failure before any content resumes them,
so streams retry, reroute and are observed like every call). A reader reads bytes and
sleeps; :class:`Stream` and :class:`AsyncStream` hand its events out. A reader is held
by the client's :class:`~claude_core.streaming.registry.StreamRegistry` while open, so a
stream dropped without ``close()`` is closed at the client's next request instead of by
the garbage collector.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, AsyncIterator, Callable, Dict, Generic, Iterator, List, Optional, Type, TypeVar

import httpx

from .._transport.socket_body import abody_chunks, body_chunks
from ..errors import AnthropicError
from .core import StreamCore, retriable, wire_error
from .registry import StreamRegistry

if TYPE_CHECKING:
    from .._engine.attempts import Call
    from ..providers import Provider

__all__ = ["Stream", "AsyncStream", "SyncReader", "AsyncReader"]

T = TypeVar("T")
_READ_ERRORS = (AnthropicError, httpx.HTTPError, OSError)


class _Reader:
    """What both readers share: the batch cursor and how a stream settles."""

    def __init__(self, core: StreamCore, call: Call, registry: StreamRegistry) -> None:
        self.core = core
        self.call = call
        self.registry = registry
        self.batch: List[Dict[str, Any]] = []  # decoded events not yet handed out, from pos on
        self.pos = 0
        registry.add(self)

    def rest(self) -> Optional[List[Dict[str, Any]]]:
        """The events of the current batch not handed out yet, if any; the batch is then done."""
        if self.pos >= len(self.batch):
            return None
        rest = self.batch[self.pos :]
        self.batch, self.pos = [], 0
        return rest

    def failed(self, exc: Exception) -> AnthropicError:
        """After a failed read: the error to retry with, or raise it as the SDK's error."""
        error = wire_error(exc, self.core)
        if retriable(error, self.core):
            return error
        self.settle(error=error)
        if error is exc:
            raise exc
        raise error from exc

    def settle(self, *, error: Optional[BaseException] = None, completed: bool = True) -> None:
        """The stream ended: release it and tell the call's observers."""
        self.registry.discard(self)
        call = self.call
        if call.observers:
            accumulator = self.core.accumulator
            value = accumulator.message if error is None and accumulator is not None and accumulator.done else None
            call.end(value=value, error=error, response=self.core.response, completed=completed)

    def restarted(self, response: httpx.Response) -> None:
        self.core.restart(response, self.call.provider)


class SyncReader(_Reader):
    def __init__(self, core: StreamCore, call: Call, registry: StreamRegistry, http: httpx.Client) -> None:
        super().__init__(core, call, registry)
        self.http = http
        self.batches = self._read()

    def events(self, convert: Callable[[Dict[str, Any]], T], owner: object) -> Iterator[T]:
        """The decoded events one by one, converted; shares its position with :meth:`take`.

        ``owner`` (the stream handing the events out) is kept alive by the iteration, so
        a loop over a stream nobody else holds does not count as dropping it.
        """
        while True:
            batch, pos = self.batch, self.pos
            if pos < len(batch):
                self.pos = pos + 1
                yield convert(batch[pos])
                continue
            fresh = next(self.batches, None)
            if fresh is None:
                return
            self.batch, self.pos = list(fresh), 0

    def take(self) -> Optional[List[Dict[str, Any]]]:
        """The rest of the current batch of decoded events, or the next batch; None at the end."""
        rest = self.rest()
        return rest if rest is not None else next(self.batches, None)

    def _read(self) -> Iterator[List[Dict[str, Any]]]:
        """Batches of decoded events, retried transparently while nothing was delivered."""
        from .._engine.send import run_sync

        core = self.core
        while True:
            try:
                feed = core.feed
                for chunk in body_chunks(core.response):
                    batch = feed(chunk)
                    if batch.has_events():
                        yield batch
                    if core.error is not None:
                        raise core.error
                batch = core.end()
                if batch.has_events():
                    yield batch
                core.raise_pending()
                self.settle()
                return
            except _READ_ERRORS as exc:
                core.response.close()
                error = self.failed(exc)
                try:
                    response = run_sync(self.http, self.call, error)
                except BaseException:
                    self.registry.discard(self)
                    raise
                self.restarted(response)

    def close(self) -> None:
        self.core.response.close()
        if self in self.registry:
            self.settle(completed=False)


class AsyncReader(_Reader):
    def __init__(self, core: StreamCore, call: Call, registry: StreamRegistry, http: httpx.AsyncClient) -> None:
        super().__init__(core, call, registry)
        self.http = http
        self.batches = self._read()

    async def events(self, convert: Callable[[Dict[str, Any]], T], owner: object) -> AsyncIterator[T]:
        """The twin of :meth:`SyncReader.events`."""
        while True:
            batch, pos = self.batch, self.pos
            if pos < len(batch):
                self.pos = pos + 1
                yield convert(batch[pos])
                continue
            fresh = await self._next_batch()
            if fresh is None:
                return
            self.batch, self.pos = list(fresh), 0

    async def take(self) -> Optional[List[Dict[str, Any]]]:
        rest = self.rest()
        return rest if rest is not None else await self._next_batch()

    async def _next_batch(self) -> Optional[List[Dict[str, Any]]]:
        try:
            return await self.batches.__anext__()
        except StopAsyncIteration:
            return None

    async def _read(self) -> AsyncIterator[List[Dict[str, Any]]]:
        import anyio

        from .._engine.send import run_async

        core = self.core
        while True:
            chunks = abody_chunks(core.response)
            try:
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
                self.settle()
                return
            except _READ_ERRORS as exc:
                # close httpx's async generator here, or the garbage collector leaves its aclose() unawaited
                await chunks.aclose()  # type: ignore[attr-defined]
                await core.response.aclose()
                error = self.failed(exc)
                try:
                    response = await run_async(self.http, self.call, error)
                except BaseException:
                    self.registry.discard(self)
                    raise
                self.restarted(response)

    async def aclose(self) -> None:
        await self.core.response.aclose()
        if self in self.registry:
            self.settle(completed=False)


class _StreamBase:
    _reader: _Reader

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


class Stream(_StreamBase, Generic[T]):
    """Iterate the raw events of a streamed response. Close it (or use ``with``) if you stop early."""

    _reader: SyncReader

    def __init__(self, reader: SyncReader) -> None:
        self._reader = reader
        self._iterator: Iterator[T] = reader.events(reader.core.typed, self)

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


class AsyncStream(_StreamBase, Generic[T]):
    """The async twin of :class:`Stream`: ``async for event in stream``."""

    _reader: AsyncReader

    def __init__(self, reader: AsyncReader) -> None:
        self._reader = reader
        self._iterator: AsyncIterator[T] = reader.events(reader.core.typed, self)

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
