"""Setting up a streamed call: the watchdog's timeouts, the stream's retry, its hooks.

Shared by the sync and the async client, which only differ in how they send.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Optional, Tuple

import httpx

from ._pipeline import CallOptions, Pipeline
from .errors import AnthropicError
from .providers import APIRequest
from .retries import Attempt
from .streaming.accumulator import MessageAccumulator
from .streaming.context import StreamContext
from .streaming.core import StreamCore

__all__ = ["StreamSetup"]


class StreamSetup:
    """Everything one streamed call needs besides the I/O."""

    def __init__(
        self,
        pipeline: Pipeline,
        call: APIRequest,
        opts: CallOptions,
        *,
        idle_timeout: Optional[float],
        deadline: Optional[float],
        accumulator: Optional[MessageAccumulator],
    ) -> None:
        self.pipeline = pipeline
        call.body = {**(call.body or {}), "stream": True}
        call.stream = True
        self.call = pipeline.provider.prepare(call)
        self.deadline_at = time.monotonic() + deadline if deadline is not None else None
        self.idle_timeout = idle_timeout
        self.opts = self._with_watchdog_timeout(opts, idle_timeout, deadline)
        self.retries_taken = 0
        if accumulator is None and pipeline.stream_hooks:
            accumulator = MessageAccumulator()
        self.accumulator = accumulator
        self.core: Optional[StreamCore] = None

    def _with_watchdog_timeout(
        self, opts: CallOptions, idle: Optional[float], deadline: Optional[float]
    ) -> CallOptions:
        """A silent connection trips the watchdog through httpx's read timeout."""
        limits = [limit for limit in (idle, deadline) if limit is not None]
        if not limits:
            return opts
        base = self.pipeline.timeout_for(opts)
        read = min(limits) if base.read is None else min(base.read, *limits)
        return CallOptions(
            extra_headers=opts.extra_headers,
            extra_query=opts.extra_query,
            extra_body=opts.extra_body,
            timeout=httpx.Timeout(base.connect, read=read, write=base.write, pool=base.pool),
            max_retries=opts.max_retries,
        )

    def flow(self, http: Any) -> Any:
        return self.pipeline.attempts(http, self.call, self.opts, self.retries_taken)

    def started(self, result: Tuple[httpx.Response, int]) -> StreamCore:
        """Build the stream's core around the first successful response."""
        response, self.retries_taken = result
        pipeline = self.pipeline
        observer: Optional[Callable[[Any, MessageAccumulator], None]] = None
        if pipeline.stream_hooks:
            body = self.call.body or {}
            context = StreamContext(
                provider=pipeline.provider.name,
                model=body.get("model"),
                request_id=response.headers.get("request-id"),
            )

            def observer(event: Any, snapshot: MessageAccumulator) -> None:
                pipeline.relay.call("claude_stream_event", event=event, snapshot=snapshot, context=context)

        from .types.stream_events import validate_stream_event

        self.core = StreamCore(
            response.request,
            response,
            validate=validate_stream_event,
            accumulator=self.accumulator,
            observer=observer,
            idle_timeout=self.idle_timeout,
            deadline=self.deadline_at,
            new_decoder=pipeline.provider.stream_decoder,
        )
        return self.core

    def restarted(self, result: Tuple[httpx.Response, int]) -> Tuple[httpx.Request, httpx.Response]:
        response, self.retries_taken = result
        return response.request, response

    def decide(self, error: AnthropicError) -> Optional[float]:
        """Ask the retry policy about a stream that failed before delivering anything."""
        assert self.core is not None
        attempt = Attempt(self.core.request, self.retries_taken, self.pipeline.max_retries(self.opts), error=error)
        decision = self.pipeline.retry_policy.decide(attempt)
        if not decision.retry:
            return None
        self.retries_taken += 1
        return max(decision.delay, 0.0)
