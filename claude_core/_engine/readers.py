"""Stream readers: the I/O of a streamed call, after its first successful response.

A reader reads the body off the socket (:mod:`claude_core._transport.socket_body`), hands
each chunk to the stream's I/O-free :class:`~claude_core.streaming.core.StreamCore` and
keeps the decoded events for the public :class:`~claude_core.streaming.stream.Stream`.
A read that fails before any content reached the caller resumes the call's attempts
(:func:`~claude_core._engine.send.run_sync` / :func:`~claude_core._engine.send.run_async`),
so streams retry, reroute and are observed like every call. The stall watchdog is the
core's: it says how long the next read may wait, and :func:`~claude_core.streaming.core.wire_error`
says whether a read that failed was the watchdog firing. :class:`SyncReader` and
:class:`AsyncReader` differ only in how they read: a blocking read is bound by the read
timeout, which the call shortened to the watchdog's limits; an awaited read is bound
exactly by the time the core has left.

A reader is held by the client's :class:`~claude_core.streaming.registry.StreamRegistry`
while open, so a stream dropped without ``close()`` is closed at the client's next
request instead of by the garbage collector.
"""

from __future__ import annotations

import contextlib
from typing import Any, AsyncIterator, Callable, Dict, Iterator, List, Optional, TypeVar

import anyio
import httpx

from .._transport.socket_body import abody_chunks, body_chunks
from ..errors import AnthropicError
from ..streaming.core import Batch, StreamCore, retriable, wire_error
from ..streaming.registry import StreamRegistry
from .attempts import Call
from .send import run_async, run_sync

__all__ = ["SyncReader", "AsyncReader"]

T = TypeVar("T")
_READ_ERRORS = (AnthropicError, httpx.HTTPError, OSError)  # OSError includes an awaited read's TimeoutError


class _Reader:
    """What both readers share: the batch cursor and how a stream settles."""

    def __init__(self, core: StreamCore, call: Call, registry: StreamRegistry) -> None:
        self.core = core
        self.call = call
        self.registry = registry
        self.batch: List[Dict[str, Any]] = []  # decoded events not yet handed out, from pos on
        self.pos = 0
        registry.add(self)

    def handed_out(self, convert: Callable[[Dict[str, Any]], T]) -> Iterator[T]:
        """The events of the current batch not handed out yet, converted one by one; the
        position moves with each, so :meth:`rest` (``text_stream``) goes on from there."""
        while True:
            batch, pos = self.batch, self.pos
            if pos >= len(batch):
                return
            self.pos = pos + 1
            yield convert(batch[pos])

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

    def ending(self) -> Iterator[Batch]:
        """At the end of the body: its last events, then the stream settles (or its failure is raised)."""
        core = self.core
        batch = core.end()
        if batch.has_events():
            yield batch
        core.raise_pending()
        self.settle()

    @contextlib.contextmanager
    def resuming(self) -> Iterator[None]:
        """Around resuming the call's attempts: a failure there is the stream's end."""
        try:
            yield
        except BaseException:
            self.registry.discard(self)
            raise

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
            yield from self.handed_out(convert)
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
        core = self.core
        while True:
            try:
                feed = core.feed
                for chunk in body_chunks(core.response):  # each read bound by the (shortened) read timeout
                    batch = feed(chunk)
                    if batch.has_events():
                        yield batch
                    core.raise_pending()
                yield from self.ending()
                return
            except _READ_ERRORS as exc:
                core.response.close()
                error = self.failed(exc)
                with self.resuming():
                    self.restarted(run_sync(self.http, self.call, error))

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
            for event in self.handed_out(convert):
                yield event
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
        core = self.core
        while True:
            chunks = abody_chunks(core.response)
            try:
                while True:
                    wait = core.seconds_left()
                    try:
                        if wait is None:
                            chunk = await chunks.__anext__()
                        else:
                            with anyio.fail_after(wait):  # its TimeoutError: see wire_error
                                chunk = await chunks.__anext__()
                    except StopAsyncIteration:
                        break
                    batch = core.feed(chunk)
                    if batch.has_events():
                        yield batch
                    core.raise_pending()
                for batch in self.ending():
                    yield batch
                return
            except _READ_ERRORS as exc:
                # close httpx's async generator here, or the garbage collector leaves its aclose() unawaited
                await chunks.aclose()  # type: ignore[attr-defined]
                await core.response.aclose()
                error = self.failed(exc)
                with self.resuming():
                    self.restarted(await run_async(self.http, self.call, error))

    async def aclose(self) -> None:
        await self.core.response.aclose()
        if self in self.registry:
            self.settle(completed=False)
