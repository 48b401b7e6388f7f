"""Raw event streams: ``messages.create(..., stream=True)`` returns a :class:`Stream`.

:class:`StreamCore` holds every decision and no I/O: it turns received bytes into
events, skips pings, raises the typed error of an ``event: error``, watches for stalls,
feeds the accumulator and the ``claude_stream_event`` hook, and holds back
``message_start`` until content follows, so a stream that fails before any content
reached the caller can be retried without the caller seeing anything twice.
:class:`Stream` and :class:`AsyncStream` only read bytes and sleep.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, AsyncIterator, Callable, Generic, Iterator, List, Optional, Type, TypeVar

import httpx

from ..errors import (
    AnthropicError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    error_from_stream_event,
)
from .accumulator import MessageAccumulator
from .sse import ServerSentEvent, SSEDecoder

__all__ = ["Stream", "AsyncStream", "StreamCore", "IncompleteStreamError", "Observer"]

T = TypeVar("T")
#: Called with each delivered event and the accumulator (the ``claude_stream_event`` hook).
Observer = Callable[[Any, MessageAccumulator], None]


class IncompleteStreamError(APIConnectionError):
    """The stream ended without ``message_stop``: the message would be truncated."""


class StreamCore:
    """The I/O-free part of a stream. ``feed`` bytes, then ``end`` at end of body."""

    def __init__(
        self,
        request: httpx.Request,
        response: httpx.Response,
        *,
        parse: Callable[[str], Any],
        accumulator: Optional[MessageAccumulator] = None,
        observer: Optional[Observer] = None,
        idle_timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        new_decoder: Callable[[], Any] = SSEDecoder,
    ) -> None:
        self.request = request
        self.response = response
        self._parse = parse
        self.accumulator = accumulator
        self._observer = observer
        self._idle_timeout = idle_timeout
        self._deadline = deadline  # a time.monotonic() value
        self._new_decoder = new_decoder
        self._decoder = new_decoder()
        self._held: List[Any] = []
        self.delivered = False
        self.finished = False
        self._last_event = time.monotonic()

    def restart(self, request: httpx.Request, response: httpx.Response) -> None:
        """Start over on a new response after a retry (nothing was delivered)."""
        self.request = request
        self.response = response
        self._decoder = self._new_decoder()
        self._held = []
        self.finished = False
        self._last_event = time.monotonic()

    def seconds_left(self) -> Optional[float]:
        """How long the next read may wait before a watchdog fires (None: no limit)."""
        limits = []
        now = time.monotonic()
        if self._idle_timeout is not None:
            limits.append(self._last_event + self._idle_timeout - now)
        if self._deadline is not None:
            limits.append(self._deadline - now)
        return max(min(limits), 0.0) if limits else None

    def feed(self, chunk: bytes) -> List[Any]:
        out: List[Any] = []
        for sse in self._decoder.feed(chunk):
            self._one(sse, out)
        self._watch()
        return out

    def end(self) -> List[Any]:
        out: List[Any] = []
        for sse in self._decoder.close():
            self._one(sse, out)
        self._release(out)
        if not self.finished:
            raise IncompleteStreamError(
                request=self.request,
                message="The stream ended before message_stop: the response is incomplete.",
            )
        return out

    def timed_out(self) -> APITimeoutError:
        now = time.monotonic()
        if self._deadline is not None and now >= self._deadline:
            return APITimeoutError(self.request, "The stream passed its deadline.")
        return APITimeoutError(self.request, f"No stream event for {self._idle_timeout} s (stream_idle_timeout).")

    def _watch(self) -> None:
        left = self.seconds_left()
        if left is not None and left <= 0:
            raise self.timed_out()

    def _one(self, sse: ServerSentEvent, out: List[Any]) -> None:
        name = sse.event
        if name == "ping":
            return
        if name == "error":
            raise error_from_stream_event(sse.data, self.response)
        try:
            event = self._parse(sse.data)
        except ValueError as exc:
            raise APIResponseValidationError(
                self.response, sse.data, message=f"Could not parse stream event {name!r}: {exc}"
            ) from exc
        self._last_event = time.monotonic()
        if event.type == "message_start" and not self.delivered:
            self._held.append(event)
            return
        if event.type == "message_stop":
            self.finished = True
        if self._held:
            self._release(out)
        self._deliver(event, out)

    def _release(self, out: List[Any]) -> None:
        held, self._held = self._held, []
        for event in held:
            self._deliver(event, out)

    def _deliver(self, event: Any, out: List[Any]) -> None:
        self.delivered = True
        accumulator = self.accumulator
        if accumulator is not None:
            accumulator.add(event)
            if self._observer is not None:
                self._observer(event, accumulator)
        out.append(event)


def wire_error(exc: Exception, core: StreamCore) -> AnthropicError:
    """Map an exception raised while reading a stream into the SDK's tree."""
    if isinstance(exc, AnthropicError):
        return exc
    request = core.request
    error: APIConnectionError
    if isinstance(exc, httpx.TimeoutException):
        left = core.seconds_left()
        # the read timeout was shortened to the watchdog's limits: say which one fired
        error = (
            core.timed_out()
            if left is not None and left <= 0
            else APITimeoutError(request, "Timed out reading the stream.")
        )
    else:
        error = APIConnectionError(request=request, message=f"Connection lost mid-stream: {type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error


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

    def _retry_delay(self, error: AnthropicError) -> Optional[float]:
        """Retry only failures of the connection or the API, and only before any delivery."""
        if self._core.delivered or self._retrier is None:
            return None
        if not isinstance(error, (APIConnectionError, APIStatusError)):
            return None
        return self._retrier.decide(error)


class Stream(_StreamBase, Generic[T]):
    """Iterate the raw events of a streamed response. Close it (or use ``with``) if you stop early."""

    def __init__(self, core: StreamCore, retrier: Optional[Retrier[Any]] = None) -> None:
        super().__init__(core, retrier)
        self._iterator = self._events()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def _events(self) -> Iterator[T]:
        core = self._core
        while True:
            try:
                for chunk in core.response.iter_bytes():
                    yield from core.feed(chunk)
                yield from core.end()
                return
            except (AnthropicError, httpx.HTTPError, OSError) as exc:
                error = wire_error(exc, core)
                core.response.close()
                delay = self._retry_delay(error)
                if delay is None:
                    if error is exc:
                        raise
                    raise error from exc
                time.sleep(delay)
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
        self._iterator = self._events()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def _events(self) -> AsyncIterator[T]:
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
                    for event in core.feed(chunk):
                        yield event
                for event in core.end():
                    yield event
                return
            except (AnthropicError, httpx.HTTPError, OSError) as exc:
                error = wire_error(exc, core)
                await core.response.aclose()
                delay = self._retry_delay(error)
                if delay is None:
                    if error is exc:
                        raise
                    raise error from exc
                await anyio.sleep(delay)
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
