"""The I/O of a call: :func:`run_sync` and :func:`run_async` drive :class:`~claude_core._engine.attempts.Call`.

They differ only in how they send, read, sleep and run a blocking step; every decision
is the call's. A body is read inside the attempt, so a connection that breaks or
stalls while the body arrives is an attempt that failed (retried like any connection
error), and a body that trickles in is cut off once the read timeout has passed in all.
"""

from __future__ import annotations

import inspect
import time
from typing import AsyncIterator, Iterator, Optional, Union

import httpx

from .._transport.errors import connection_error
from ..errors import AnthropicError
from .attempts import Call, Outcome

__all__ = ["run_sync", "run_async"]


class _BodyDeadline(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response stream that fails with a read timeout once ``seconds`` have passed in all."""

    def __init__(self, stream: Union[httpx.SyncByteStream, httpx.AsyncByteStream], seconds: float) -> None:
        self._stream = stream
        self._end = time.monotonic() + seconds
        self._seconds = seconds

    def _check(self) -> None:
        if time.monotonic() > self._end:
            raise httpx.ReadTimeout(f"the body took longer than the read timeout ({self._seconds} s)")

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:  # type: ignore[union-attr]
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:  # type: ignore[union-attr]
            self._check()
            yield chunk

    def close(self) -> None:
        self._stream.close()  # type: ignore[union-attr]

    async def aclose(self) -> None:
        await self._stream.aclose()  # type: ignore[union-attr]


#: The stream of a response whose body was read and closed. httpx's own stream of a sent
#: response refers back to the response, so without this every attempt's request, response
#: and connection-pool objects would wait for the cyclic garbage collector (which lets them
#: pile up for thousands of calls in a process with many long-lived objects).
_READ = httpx.ByteStream(b"")


def _reads_body(call: Call, response: httpx.Response) -> bool:
    """Whether the attempt reads the body now: error bodies always, success bodies for plain calls."""
    if response.status_code < 400 and not call.read_body:
        return False
    limit = call.body_timeout
    if limit is not None:
        response.stream = _BodyDeadline(response.stream, limit)
    return True


def _send_sync(http: httpx.Client, call: Call, request: httpx.Request) -> Outcome:
    try:
        response = http.send(request, stream=True)
        if _reads_body(call, response):
            try:
                response.read()
            finally:
                response.close()
                response.stream = _READ
        return response
    except AnthropicError:
        raise
    except Exception as exc:
        return connection_error(request, exc)


async def _send_async(http: httpx.AsyncClient, call: Call, request: httpx.Request) -> Outcome:
    try:
        response = await http.send(request, stream=True)
        if _reads_body(call, response):
            try:
                await response.aread()
            finally:
                await response.aclose()
                response.stream = _READ
        return response
    except AnthropicError:
        raise
    except Exception as exc:
        return connection_error(request, exc)


def run_sync(http: httpx.Client, call: Call, outcome: Optional[Outcome] = None) -> httpx.Response:
    """Run ``call`` until it has a successful response; ``outcome`` resumes a failed stream."""
    with call.scope():  # the observers' context (a tracer's current span)
        flow = call.flow
        step = flow.send(outcome)
        while True:
            try:
                if isinstance(step, httpx.Request):
                    outcome = _send_sync(http, call, step)
                elif isinstance(step, httpx.Response):
                    return step
                elif isinstance(step, float):
                    time.sleep(step)
                    outcome = None
                else:
                    step()
                    outcome = None
            except BaseException as exc:  # the call's observers hear of it; the flow re-raises it
                flow.throw(exc)
            step = flow.send(outcome)


async def run_async(http: httpx.AsyncClient, call: Call, outcome: Optional[Outcome] = None) -> httpx.Response:
    """The twin of :func:`run_sync`; blocking steps run in a worker thread, coroutine functions on the loop."""
    import anyio  # loaded by async use only: a sync client does not need it

    with call.scope():  # the observers' context (a tracer's current span)
        flow = call.flow
        step = flow.send(outcome)
        while True:
            try:
                if isinstance(step, httpx.Request):
                    outcome = await _send_async(http, call, step)
                elif isinstance(step, httpx.Response):
                    return step
                elif isinstance(step, float):
                    await anyio.sleep(step)
                    outcome = None
                elif inspect.iscoroutinefunction(step):
                    await step()
                    outcome = None
                else:
                    await anyio.to_thread.run_sync(step)
                    outcome = None
            except BaseException as exc:
                flow.throw(exc)
            step = flow.send(outcome)
