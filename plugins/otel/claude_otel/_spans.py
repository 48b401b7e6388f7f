"""A call's span and measurements: the part of the plugin that uses OpenTelemetry.

Imported only once a client is to be traced (a tracer provider is configured).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, ContextManager, Dict, Mapping, Optional

from opentelemetry import metrics, trace
from opentelemetry.trace import SpanKind, StatusCode

from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult

from . import _attributes as attrs

if TYPE_CHECKING:
    from .tracing import Tracing

__all__ = ["Instruments", "CallSpan", "instruments_for"]

_SCOPE = "claude_otel"
_VERSION = "0.1.0"
#: The conventions' advisory bucket boundaries.
_SECONDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
_TOKENS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]
#: Metric attributes taken from the span's.
_METRIC_KEYS = (
    "gen_ai.operation.name",
    "gen_ai.provider.name",
    "gen_ai.request.model",
    "gen_ai.response.model",
    "server.address",
    "server.port",
    "error.type",
)


def _configured(provider: object, api_module: str) -> bool:
    """Whether a tracer or meter provider is a real one: the API's own (proxy, no-op) are not."""
    return not type(provider).__module__.startswith(api_module)


class Instruments:
    """What one client's spans and measurements are made with, decided on its first call."""

    def __init__(self, tracer: trace.Tracer, meter: Optional[metrics.Meter], server: Mapping[str, Any]) -> None:
        self.tracer = tracer
        self.server = server
        self.capture = attrs.capture_content()
        self.latest = attrs.latest_experimental()
        self.duration: Optional[metrics.Histogram] = None
        self.tokens: Optional[metrics.Histogram] = None
        self.first_chunk: Optional[metrics.Histogram] = None
        if meter is not None:
            self.duration = meter.create_histogram(
                "gen_ai.client.operation.duration",
                unit="s",
                description="GenAI operation duration",
                explicit_bucket_boundaries_advisory=_SECONDS,
            )
            self.tokens = meter.create_histogram(
                "gen_ai.client.token.usage",
                unit="{token}",
                description="Number of input and output tokens used",
                explicit_bucket_boundaries_advisory=_TOKENS,
            )
            self.first_chunk = meter.create_histogram(
                "gen_ai.client.operation.time_to_first_chunk",
                unit="s",
                description="Time to receive the first chunk of a streamed response",
                explicit_bucket_boundaries_advisory=_SECONDS,
            )


def instruments_for(
    tracer_provider: Optional[trace.TracerProvider], meter_provider: Optional[metrics.MeterProvider], call: CallInfo
) -> Optional[Instruments]:
    """A client's instruments, or None when no tracer provider is configured (the API's default)."""
    tracer_source = tracer_provider or trace.get_tracer_provider()
    if not _configured(tracer_source, "opentelemetry.trace"):
        return None
    meter_source = meter_provider or metrics.get_meter_provider()
    meter = meter_source.get_meter(_SCOPE, _VERSION) if _configured(meter_source, "opentelemetry.metrics") else None
    base_url = call.options.base_url
    if base_url is None and call.provider.name == "anthropic":
        base_url = call.provider.base_url()  # the environment's or the API's: cheap, never blocks
    # (a cloud deployment's own URL may need its region resolved: its attempts tell instead)
    return Instruments(tracer_source.get_tracer(_SCOPE, _VERSION), meter, attrs.server_attributes(base_url))


class CallSpan(CallObserver):
    """One call's span, from the call's start to its end."""

    def __init__(self, plugin: Tracing, instruments: Instruments, call: CallInfo, operation: str) -> None:
        self.plugin = plugin
        self.instruments = instruments
        self.operation = operation
        self.stream = call.stream
        self.started = time.monotonic()
        started_ns = time.time_ns()  # the span starts then too: time to first chunk never exceeds its length
        model = call.model if isinstance(call.model, str) else None
        start = attrs.start_attributes(operation, call.provider.name, model, call.stream, call.body)
        start.update(instruments.server)
        kind = SpanKind.INTERNAL if operation in attrs.IN_PROCESS else SpanKind.CLIENT
        self.attributes = start
        # a child of the current span: the tool runner's run, for its turns and tool calls
        self.span = instruments.tracer.start_span(
            attrs.span_name(operation, start), kind=kind, attributes=start, start_time=started_ns
        )
        if instruments.capture:
            if operation == "execute_tool":
                tool = call.body if isinstance(call.body, Mapping) else {}
                self.span.set_attribute("gen_ai.tool.call.arguments", attrs.as_json(tool.get("input")))
            elif operation != "invoke_agent":
                self.span.set_attributes(attrs.input_messages(call.body))
        self.server: Dict[str, Any] = {}
        self.time_to_first_chunk: Optional[float] = None

    def attempt(self, record: AttemptRecord) -> None:
        event: Dict[str, Any] = {
            "http.request.resend_count": record.number,
            "gen_ai.provider.name": attrs.provider_name(record.provider.name),
        }
        event.update(attrs.server_attributes(str(record.request.url)))
        if record.response is not None:
            status = record.response.status_code
            event["http.response.status_code"] = status
            if status >= 400:
                event["error.type"] = str(status)  # as HTTP client spans say it
        if record.error is not None:
            event["error.type"] = attrs.error_type(record.error)
        if record.decision is not None:
            event["claude.retry"] = record.decision.retry
            if record.decision.retry:
                event["claude.retry.delay"] = float(record.decision.delay)
        self.span.add_event("gen_ai.client.attempt", event)
        self.server = {k: v for k, v in event.items() if k.startswith("server.")}
        if record.number > 0:
            self.span.set_attribute("http.request.resend_count", record.number)

    def event(self, event: Any, snapshot: Any) -> None:
        """An event of the call's stream reached the caller: the first one (``message_start``,
        which the core holds back until content follows) gives the time to the first chunk."""
        if self.time_to_first_chunk is None:
            seconds = time.monotonic() - self.started
            self.time_to_first_chunk = seconds
            self.span.set_attribute("gen_ai.response.time_to_first_chunk", seconds)

    def active(self) -> ContextManager[Any]:
        """The span is the current one while the call's attempts (a tool's function, a run's
        turns) run: the HTTP client's spans and the tool's own nest under it."""
        return trace.use_span(self.span, end_on_exit=False, record_exception=False, set_status_on_exception=False)

    def end(self, result: CallResult) -> None:
        span = self.span
        instruments = self.instruments
        final: Dict[str, Any] = {"gen_ai.provider.name": attrs.provider_name(result.provider.name)}
        final.update(self.server)
        if self.operation == "invoke_agent":
            final.update(attrs.response_attributes(result.value, None))
            final["claude.tool_runner.turns"] = result.attempts
        elif self.operation != "execute_tool":
            final.update(attrs.response_attributes(result.value, result.stop_reason))
            usage = attrs.usage_attributes(result.usage, instruments.latest) if self.operation != "count_tokens" else {}
            final.update(usage)
            if instruments.capture and result.error is None:
                final.update(attrs.output_messages(result.value, result.stop_reason))
        elif instruments.capture and result.error is None and result.value is not None:
            final["gen_ai.tool.call.result"] = attrs.as_json(result.value)
        if result.error is not None:
            final["error.type"] = attrs.error_type(result.error)
            span.set_status(StatusCode.ERROR, type(result.error).__name__)
            span.record_exception(result.error, escaped=True)
        span.set_attributes(final)
        span.end()
        self.attributes.update(final)
        self._measure(result)

    def _measure(self, result: CallResult) -> None:
        instruments = self.instruments
        if self.operation in attrs.IN_PROCESS:
            return
        metric_attributes = {key: self.attributes[key] for key in _METRIC_KEYS if key in self.attributes}
        if instruments.duration is not None:
            seconds = result.duration if result.duration is not None else time.monotonic() - self.started
            instruments.duration.record(seconds, metric_attributes)
        if instruments.first_chunk is not None and self.time_to_first_chunk is not None:
            instruments.first_chunk.record(self.time_to_first_chunk, metric_attributes)
        if instruments.tokens is not None and self.operation != "count_tokens":
            input_tokens = self.attributes.get("gen_ai.usage.input_tokens")
            output_tokens = self.attributes.get("gen_ai.usage.output_tokens")
            if input_tokens is not None:
                instruments.tokens.record(input_tokens, {**metric_attributes, "gen_ai.token.type": "input"})
            if output_tokens is not None:
                instruments.tokens.record(output_tokens, {**metric_attributes, "gen_ai.token.type": "output"})
