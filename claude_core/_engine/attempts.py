"""One call's life, free of I/O: attempts, retries, reroutes, credential refreshes, observers.

:meth:`Call._attempts` is a generator. It yields what the driver must do next and
receives the outcome:

* an ``httpx.Request``: send it; the driver sends back the response (its body read when
  the call reads bodies or the status is an error) or the connection error;
* a float: sleep that many seconds;
* a callable: run it (credential discovery or refresh, which may block; the async
  driver runs it in a worker thread, or awaits it on the event loop when it is a
  coroutine function);
* an ``httpx.Response``: the call succeeded, the driver returns it.

A stream that fails before any content reached the caller resumes the generator with
its error, so streamed and plain calls share one retry loop.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Any, Awaitable, Callable, ContextManager, Dict, Generator, List, Optional, Union

import httpx

from .._headers import merge_headers
from .._logs import logger, redact_headers
from .._options import CallOptions
from .._types import RequestMode, StreamOptions
from ..errors import APIConnectionError
from ..providers import APIRequest, Provider
from ..retries import Attempt, RetryDecision
from ..types import Usage
from ..types._construct import construct
from .parsing import beta_call, stamp, validating

if TYPE_CHECKING:
    from ..observers import CallInfo, CallObserver
    from ..streaming.accumulator import MessageAccumulator
    from ..streaming.context import StreamContext
    from ..streaming.core import StreamCore
    from .pipeline import HttpClient, Pipeline

__all__ = ["Call", "Step", "Outcome"]

Outcome = Union[httpx.Response, APIConnectionError, BaseException, None]
Step = Union[httpx.Request, httpx.Response, float, Callable[[], None], Callable[[], Awaitable[None]]]

_RETRY_AT_ONCE = RetryDecision(True, 0.0)
#: The legacy Text Completions endpoint: its streams carry ``completion`` events, not a message.
COMPLETIONS_ENDPOINT = "completions.create"


class Call:
    """One API call: its prepared request, its current deployment and its observers."""

    def __init__(
        self,
        pipeline: Pipeline,
        http: HttpClient,
        request: APIRequest,
        opts: CallOptions,
        *,
        read_body: bool,
        stream: Optional[StreamOptions],
        accumulator: Optional[MessageAccumulator],
    ) -> None:
        self.pipeline = pipeline
        self.http = http
        if stream is not None:
            request.body = {**(request.body or {}), "stream": True}
            request.stream = True
        self.original = request  # never prepared: each deployment prepares its own copy
        self.deployment = pipeline.primary
        self.deployment.provider.check_supported(request)  # refused before any credential is looked for
        #: The deployment's own copy of the call, prepared once its credentials are resolved
        #: (off the event loop in the async client: preparing may need them, e.g. a project id).
        self.prepared: Optional[APIRequest] = None
        self.retries_taken = 0
        self.provider_retries = 0  # retries taken at the current deployment
        self.attempts = 0  # requests sent: retries, and the repeat after a refresh for rejected credentials
        self.read_body = read_body and stream is None
        self.opts = opts
        timeout = pipeline.timeout_for(opts)
        #: For a plain call the read timeout bounds the whole body, not just each read.
        self.body_timeout = timeout.read if self.read_body else None
        self._info: Optional[CallInfo] = None
        if pipeline.routing:
            target = pipeline.relay.call("claude_route_call", call=self.info())
            if target is not None:
                self._reroute(target)
        self.observers: List[CallObserver] = self._observers() if pipeline.observing else []
        self.started = time.monotonic() if self.observers else 0.0
        self.ended = False
        self.idle_timeout: Optional[float] = None
        self.deadline_at: Optional[float] = None
        self.accumulator = accumulator
        if stream is not None:
            self._watch_stream(stream, timeout)
        self.flow: Generator[Step, Outcome, None] = self._attempts()

    @property
    def provider(self) -> Provider:
        return self.deployment.provider

    def info(self) -> CallInfo:
        """The call as routing plugins and observers see it, made once."""
        info = self._info
        if info is None:
            from ..observers import CallInfo  # only a call that is routed or observed needs it

            body = self.original.body
            info = self._info = CallInfo(
                endpoint=self.original.endpoint,
                provider=self.pipeline.provider,
                model=body.get("model") if body else None,
                stream=self.original.stream,
                is_async=self.pipeline.is_async,
                options=self.pipeline.options,
                body=body,
            )
        return info

    def _model(self) -> Optional[str]:
        body = self.original.body
        model = body.get("model") if body else None
        return model if isinstance(model, str) else None

    def _observers(self) -> List[CallObserver]:
        return self.pipeline.observing.observers(self.info())

    def _for_provider(self) -> APIRequest:
        """The request a deployment's provider prepares: the call's own, with its per-call
        ``extra_headers`` (Bedrock reads ``anthropic-beta`` into its body, as the official SDK does)."""
        request = self.original.copy()
        if self.opts.extra_headers:
            request.headers = merge_headers(request.headers, self.opts.extra_headers)
        return request

    # -- the attempts -----------------------------------------------------------------

    def _attempts(self) -> Generator[Step, Outcome, None]:
        pipeline = self.pipeline
        refreshed_after_rejection = False
        try:
            while True:
                deployment = self.deployment
                if not deployment.resolved:
                    yield deployment.resolve
                if self.prepared is None:
                    self.prepared = deployment.provider.prepare(self._for_provider())
                if deployment.needs_refresh():
                    yield deployment.refresher(None)
                generation = deployment.generation
                builtin_signing = deployment.builtin_signing  # once: a thread may settle the signer meanwhile
                request = pipeline.build(self.http, deployment, self.prepared, self.opts, builtin_signing)
                if not builtin_signing:
                    request = deployment.sign(request)
                if logger.isEnabledFor(10):
                    logger.debug(
                        "Request: %s %s headers=%s", request.method, request.url, redact_headers(request.headers)
                    )
                self.attempts += 1
                outcome = yield request
                response: Optional[httpx.Response] = None
                error: Optional[BaseException] = None
                if isinstance(outcome, httpx.Response) and outcome.status_code < 400:
                    if self.observers:
                        self._record(request, outcome, None, None)
                    resumed = yield outcome  # resumed only by a stream that failed before any content
                    error = resumed if isinstance(resumed, BaseException) else None
                elif isinstance(outcome, httpx.Response):
                    response = outcome
                else:
                    error = outcome
                rotated = (
                    response is not None
                    and deployment.refreshable
                    and deployment.provider.credentials_rejected(response)
                )
                if rotated and not refreshed_after_rejection:  # the secret may have rotated: refresh, repeat once
                    refreshed_after_rejection = True
                    self._record(request, response, None, _RETRY_AT_ONCE)
                    yield deployment.refresher(generation)
                    continue
                max_retries = pipeline.options.max_retries
                attempt = Attempt(
                    request,
                    self.retries_taken,
                    max_retries,
                    response=response,
                    error=error,
                    provider=deployment.provider,
                    endpoint=self.original.endpoint,
                    model=self._model(),
                    provider_retries=self.provider_retries,
                )
                decision = pipeline.retry_policy.decide(attempt)
                self._record(request, response, error, decision)
                if not decision.retry:
                    raise deployment.provider.status_error(response) if response is not None else error  # type: ignore[misc]
                moved = decision.provider is not None and self._reroute(decision.provider)
                logger.info(
                    "Retrying %s %s in %.3f s (retry %d)",
                    request.method,
                    request.url,
                    decision.delay,
                    self.retries_taken + 1,
                )
                yield float(max(decision.delay, 0.0))
                self.retries_taken += 1
                self.provider_retries = 0 if moved else self.provider_retries + 1
        except GeneratorExit:
            raise
        except BaseException as exc:
            self.end(error=exc)
            raise

    def _reroute(self, target: Union[Provider, str]) -> bool:
        """Move the call to ``target``'s deployment; whether it moved."""
        deployment = self.pipeline.deployment(target)
        if deployment is not self.deployment:
            deployment.provider.check_supported(self.original)
            self.prepared = None
            self.deployment = deployment
            self.provider_retries = 0
            return True
        return False

    # -- observers --------------------------------------------------------------------

    def _record(
        self,
        request: httpx.Request,
        response: Optional[httpx.Response],
        error: Optional[BaseException],
        decision: Optional[RetryDecision],
    ) -> None:
        if self.observers:
            from ..observers import AttemptRecord  # observers only

            self._tell("attempt", AttemptRecord(self.attempts - 1, self.provider, request, response, error, decision))

    def scope(self) -> ContextManager[None]:
        """The context the drivers run the attempts in: the observers' (:meth:`CallObserver.active`)."""
        if not self.observers:
            return contextlib.nullcontext()
        from ..observers import scope  # observers only

        return scope(self.observers)

    def _tell(self, method: str, news: Any) -> None:
        from ..observers import tell  # observers only

        tell(self.observers, method, news)

    def end(
        self,
        *,
        value: Any = None,
        error: Optional[BaseException] = None,
        response: Optional[httpx.Response] = None,
        completed: bool = True,
    ) -> None:
        """Tell the observers how the call ended; only the first call counts."""
        if self.ended or not self.observers:
            return
        self.ended = True
        if response is None and error is not None:
            response = getattr(error, "response", None)
        usage = getattr(value, "usage", None)
        stop_reason = getattr(value, "stop_reason", None)
        if value is None and response is not None and self.read_body and response.is_success:
            usage, stop_reason = _usage_of_body(response)
        from ..observers import CallResult  # observers only

        result = CallResult(
            endpoint=self.original.endpoint,
            provider=self.provider,
            attempts=self.attempts,
            value=value,
            error=error,
            response=response,
            request_id=self.provider.request_id(response) if response is not None else None,
            usage=usage,
            stop_reason=stop_reason,
            completed=completed,
            duration=time.monotonic() - self.started,
        )
        self._tell("end", result)

    # -- results ----------------------------------------------------------------------

    def finish(self, response: httpx.Response, parse: Callable[[httpx.Response], Any], mode: RequestMode) -> Any:
        """What a plain call returns, from its successful response (the body read unless streamed)."""
        provider = self.provider
        if type(provider).shape_response is not Provider.shape_response:
            parse = _shaped(parse, provider, self.original.endpoint)
        if self.pipeline.options.strict_response_validation:
            parse = validating(parse)
        if self.original.query.get("beta") == "true":  # every beta call has it (providers drop it later)
            parse = beta_call(parse)
        if mode is RequestMode.PARSE:
            try:
                value = stamp(parse(response), response, self.provider)
            except BaseException as exc:
                self.end(error=exc, response=response)
                raise
            self.end(value=value, response=response)
            return value
        self.end(response=response)
        from .responses import APIResponse, AsyncAPIResponse, LegacyAPIResponse  # for raw calls only

        if mode is RequestMode.RAW:
            cls: Any = LegacyAPIResponse
        else:
            cls = AsyncAPIResponse if self.pipeline.is_async else APIResponse
        return cls(response, parse, provider=self.provider, retries_taken=self.attempts - 1)

    # -- streams ----------------------------------------------------------------------

    def _watch_stream(self, stream: StreamOptions, timeout: httpx.Timeout) -> None:
        """The watchdog's limits: between content events (default: the read timeout) and overall."""
        options = self.pipeline.options
        idle = stream.get("stream_idle_timeout", options.stream_idle_timeout)
        self.idle_timeout = idle if idle is not None else timeout.read
        deadline = stream.get("deadline")
        self.deadline_at = time.monotonic() + deadline if deadline is not None else None
        limits = [limit for limit in (self.idle_timeout, deadline) if limit is not None]
        if limits:
            # a silent connection trips the watchdog through httpx's read timeout
            read = min(limits) if timeout.read is None else min(timeout.read, *limits)
            self.opts = _with_timeout(
                self.opts, httpx.Timeout(timeout.connect, read=read, write=timeout.write, pool=timeout.pool)
            )
        legacy = self.original.endpoint == COMPLETIONS_ENDPOINT  # its events are not a message's
        if self.accumulator is None and not legacy and (self.pipeline.stream_hooks or self.observers):
            from ..streaming.accumulator import MessageAccumulator  # here: only a watched stream needs it

            self.accumulator = MessageAccumulator(beta=self.original.query.get("beta") == "true")

    def stream_core(self, response: httpx.Response) -> StreamCore:
        """The I/O-free reader of a streamed response, around the first successful response."""
        # here: only a stream needs them, a plain create does not load them
        from ..streaming.core import StreamCore
        from ..types.stream_events import event_builder

        if self.original.endpoint == COMPLETIONS_ENDPOINT:
            # here: only a legacy Text Completions stream needs it
            from ..streaming.completion_events import completion_ended, validate_completion

            return StreamCore(
                response,
                self.provider,
                validate=validate_completion,
                idle_timeout=self.idle_timeout,
                deadline=self.deadline_at,
                ends_with=completion_ended,
            )
        core = StreamCore(
            response,
            self.provider,
            validate=event_builder(
                strict=self.pipeline.options.strict_response_validation,
                beta=self.original.query.get("beta") == "true",
            ),
            accumulator=self.accumulator,
            idle_timeout=self.idle_timeout,
            deadline=self.deadline_at,
        )
        pipeline = self.pipeline
        watchers: List[CallObserver] = []
        if self.observers:
            from ..observers import tell, watches_events  # observers only

            watchers = [observer for observer in self.observers if watches_events(observer)]
        if pipeline.stream_hooks:
            relay = pipeline.relay
            model = (self.original.body or {}).get("model")
            from ..streaming.context import StreamContext  # only a stream that plugins watch needs it

            contexts: Dict[int, StreamContext] = {}

            def observer(event: Any, snapshot: MessageAccumulator) -> None:
                if watchers:
                    tell(watchers, "event", event, snapshot)
                context = contexts.get(id(core.response))
                if context is None:  # one per attempt: a retry may have gone to another deployment
                    provider = core.provider
                    context = StreamContext(provider.name, model, provider.request_id(core.response))
                    contexts[id(core.response)] = context
                relay.call("claude_stream_event", event=event, snapshot=snapshot, context=context)

            core.observer = observer
        elif watchers:

            def told(event: Any, snapshot: MessageAccumulator) -> None:
                tell(watchers, "event", event, snapshot)

            core.observer = told
        return core


def _shaped(
    parse: Callable[[httpx.Response], Any], provider: Provider, endpoint: str
) -> Callable[[httpx.Response], Any]:
    """``parse`` of the provider's response put in the first-party shape (``Provider.shape_response``)."""

    def shaped(response: httpx.Response) -> Any:
        return parse(provider.shape_response(endpoint, response))

    return shaped


def _with_timeout(opts: CallOptions, timeout: httpx.Timeout) -> CallOptions:
    return CallOptions(opts.extra_headers, opts.extra_query, opts.extra_body, timeout)


def _usage_of_body(response: httpx.Response) -> Any:
    """Usage and stop reason of a raw response body, when it is a message."""
    try:
        body = response.json()
    except ValueError:
        return None, None
    if not isinstance(body, dict) or not isinstance(body.get("usage"), dict):
        return None, None
    try:
        return construct(Usage, body["usage"]), body.get("stop_reason")
    except ValueError:
        return None, None
