"""One span per call, following the GenAI semantic conventions: over real HTTP against the emulator,
with the OpenTelemetry SDK's in-memory exporter and metric reader, sync and async."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict

import pytest
from claude_otel import Tracing
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import SpanKind, StatusCode
from otel_support import (  # noqa: F401
    MESSAGES,
    MODEL,
    PARAMS,
    Api,
    Telemetry,
    api_fixture,
    attributes,
    isolated_env_fixture,
    raw_stream,
    server_fixture,
    servers_fixture,
    stream_text,
    telemetry_fixture,
)

import claude_core


def test_create_span_has_the_conventions_attributes(api: Api, telemetry: Telemetry) -> None:
    client = api.make()
    message = api(
        lambda c: c.messages.create(**PARAMS, temperature=0.5, top_p=0.9, top_k=7, stop_sequences=["STOP"]), client
    )
    span = telemetry.span()
    assert span.name == f"chat {MODEL}"
    assert span.kind is SpanKind.CLIENT
    assert span.status.status_code is StatusCode.UNSET
    got = attributes(span)
    usage = message.usage
    port = int(api.server.base_url.rsplit(":", 1)[1].split("/")[0])
    assert got == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.request.model": MODEL,
        "gen_ai.request.max_tokens": 32,
        "gen_ai.request.temperature": 0.5,
        "gen_ai.request.top_p": 0.9,
        "gen_ai.request.top_k": 7,
        "gen_ai.request.stop_sequences": ("STOP",),
        "gen_ai.request.stream": False,
        "gen_ai.response.id": message.id,
        "gen_ai.response.model": message.model,
        "gen_ai.response.finish_reasons": (message.stop_reason,),
        "gen_ai.usage.input_tokens": usage.input_tokens
        + (usage.cache_read_input_tokens or 0)
        + (usage.cache_creation_input_tokens or 0),
        "gen_ai.usage.output_tokens": usage.output_tokens,
        "gen_ai.usage.cache_read.input_tokens": usage.cache_read_input_tokens or 0,
        "gen_ai.usage.cache_creation.input_tokens": usage.cache_creation_input_tokens or 0,
        "server.address": "127.0.0.1",
        "server.port": port,
    }
    # one attempt, no resend
    assert [event.name for event in span.events] == ["gen_ai.client.attempt"]
    assert dict(span.events[0].attributes or {})["http.response.status_code"] == 200


class Recording(Sampler):
    """A sampler that keeps what it was asked about, and drops every span."""

    def __init__(self) -> None:
        self.asked: Dict[str, Dict[str, Any]] = {}

    def should_sample(
        self,
        parent_context: Any,
        trace_id: int,
        name: str,
        kind: Any = None,
        attributes: Any = None,
        links: Any = None,
        trace_state: Any = None,
    ) -> SamplingResult:
        self.asked[name] = dict(attributes or {})
        return SamplingResult(Decision.DROP)

    def get_description(self) -> str:
        return "recording"


def test_sampling_attributes_are_given_at_span_start(api: Api, telemetry: Telemetry) -> None:
    """A sampler sees the operation, provider, model and server when the span starts."""
    sampler = Recording()
    client = api.make(plugins=[Tracing(tracer_provider=TracerProvider(sampler=sampler))])
    api(lambda c: c.messages.create(**PARAMS), client)
    start = sampler.asked[f"chat {MODEL}"]
    assert start["gen_ai.operation.name"] == "chat"
    assert start["gen_ai.provider.name"] == "anthropic"
    assert start["gen_ai.request.model"] == MODEL
    assert start["server.address"] == "127.0.0.1"
    assert "gen_ai.response.id" not in start


def _check_stream_span(telemetry: Telemetry) -> None:
    span = telemetry.span()
    got = attributes(span)
    assert span.name == f"chat {MODEL}"
    assert got["gen_ai.request.stream"] is True
    assert got["gen_ai.response.finish_reasons"] == ("end_turn",)
    assert got["gen_ai.response.id"].startswith("msg_")
    assert got["gen_ai.usage.output_tokens"] > 0
    first = got["gen_ai.response.time_to_first_chunk"]
    assert span.end_time is not None and span.start_time is not None
    assert 0 < first <= (span.end_time - span.start_time) / 1e9
    points = telemetry.points("gen_ai.client.operation.time_to_first_chunk")
    assert len(points) == 1 and points[0].count == 1 and points[0].sum == pytest.approx(first)


def test_raw_stream_span(api: Api, telemetry: Telemetry) -> None:
    events = raw_stream(api, api.make())
    assert events[-1].type == "message_stop"
    _check_stream_span(telemetry)


def test_message_stream_span(api: Api, telemetry: Telemetry) -> None:
    assert stream_text(api, api.make()) == "Echo: Hello there, Claude"
    _check_stream_span(telemetry)


def test_count_tokens_span(api: Api, telemetry: Telemetry) -> None:
    count = api(lambda c: c.messages.count_tokens(model=MODEL, messages=MESSAGES), api.make())
    assert count.input_tokens > 0
    span = telemetry.span()
    assert span.name == f"count_tokens {MODEL}"
    got = attributes(span)
    assert got["gen_ai.operation.name"] == "count_tokens"
    assert "gen_ai.request.stream" not in got
    assert not [key for key in got if key.startswith("gen_ai.usage.")]
    assert telemetry.points("gen_ai.client.token.usage") == []  # counting tokens uses none


def test_other_endpoints_get_no_span(api: Api, telemetry: Telemetry) -> None:
    api(lambda c: c.models.retrieve(MODEL), api.make())
    assert telemetry.spans() == []


def test_a_400_sets_error_type_and_status(api: Api, telemetry: Telemetry) -> None:
    api.server.enqueue(status=400)
    with pytest.raises(claude_core.BadRequestError):
        api(lambda c: c.messages.create(**PARAMS), api.make(max_retries=2))
    span = telemetry.span()
    assert span.status.status_code is StatusCode.ERROR
    got = attributes(span)
    assert got["error.type"] == "invalid_request_error"
    assert "http.request.resend_count" not in got  # a 400 is not retried
    assert "gen_ai.response.id" not in got
    assert [event.name for event in span.events] == ["gen_ai.client.attempt", "exception"]
    (duration,) = telemetry.points("gen_ai.client.operation.duration")
    assert duration.attributes["error.type"] == "invalid_request_error"


def test_a_529_after_every_retry(api: Api, telemetry: Telemetry) -> None:
    for _ in range(3):
        api.server.enqueue(status=529)
    client = api.make(max_retries=2)
    with pytest.raises(claude_core.OverloadedError):
        api(lambda c: c.messages.create(**PARAMS), client)
    span = telemetry.span()
    got = attributes(span)
    assert got["error.type"] == "overloaded_error"
    assert got["http.request.resend_count"] == 2
    attempts = [dict(event.attributes or {}) for event in span.events if event.name == "gen_ai.client.attempt"]
    assert [a["http.request.resend_count"] for a in attempts] == [0, 1, 2]
    assert [a["http.response.status_code"] for a in attempts] == [529, 529, 529]
    assert [a["claude.retry"] for a in attempts] == [True, True, False]
    assert [a["error.type"] for a in attempts] == ["529", "529", "529"]


def test_a_retry_then_success_shows_the_resend(api: Api, telemetry: Telemetry) -> None:
    api.server.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), api.make(max_retries=2))
    span = telemetry.span()
    got = attributes(span)
    assert span.status.status_code is StatusCode.UNSET
    assert got["http.request.resend_count"] == 1
    assert got["gen_ai.response.id"] == message.id
    attempts = [dict(event.attributes or {}) for event in span.events]
    assert [a["http.response.status_code"] for a in attempts] == [529, 200]
    assert [a.get("error.type") for a in attempts] == ["529", None]
    assert attempts[0]["claude.retry"] is True and attempts[0]["claude.retry.delay"] >= 0
    assert len(api.server.requests) == 2


def test_a_stream_retried_after_a_529_measures_its_first_chunk(api: Api, telemetry: Telemetry) -> None:
    api.server.enqueue(status=529)
    assert stream_text(api, api.make(max_retries=1)) == "Echo: Hello there, Claude"
    got = attributes(telemetry.span())
    assert got["http.request.resend_count"] == 1
    assert got["gen_ai.response.time_to_first_chunk"] > 0


def test_metrics_follow_the_conventions(api: Api, telemetry: Telemetry) -> None:
    message = api(lambda c: c.messages.create(**PARAMS), api.make())
    assert telemetry.unit("gen_ai.client.operation.duration") == "s"
    assert telemetry.unit("gen_ai.client.token.usage") == "{token}"
    (duration,) = telemetry.points("gen_ai.client.operation.duration")
    assert duration.count == 1 and duration.sum > 0
    assert dict(duration.attributes) == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.request.model": MODEL,
        "gen_ai.response.model": message.model,
        "server.address": "127.0.0.1",
        "server.port": duration.attributes["server.port"],
    }
    tokens = {
        point.attributes["gen_ai.token.type"]: point.sum for point in telemetry.points("gen_ai.client.token.usage")
    }
    assert tokens == {"input": message.usage.input_tokens, "output": message.usage.output_tokens}
    assert telemetry.points("gen_ai.client.operation.time_to_first_chunk") == []  # not a stream


CACHED: Any = {
    "id": "msg_cached",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [{"type": "text", "text": "Hi"}],
    "stop_reason": "max_tokens",
    "stop_sequence": None,
    "usage": {"input_tokens": 5, "output_tokens": 2, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 40},
}


@pytest.mark.parametrize("opt_in", [None, "http,gen_ai_latest_experimental"])
def test_input_tokens_include_cache_reads_and_writes(
    api: Api, telemetry: Telemetry, monkeypatch: pytest.MonkeyPatch, opt_in: Any
) -> None:
    if opt_in:
        monkeypatch.setenv("OTEL_SEMCONV_STABILITY_OPT_IN", opt_in)
    api.server.enqueue(status=200, json=CACHED)
    api(lambda c: c.messages.create(**PARAMS), api.make())
    got = attributes(telemetry.span())
    assert got["gen_ai.usage.input_tokens"] == 145
    assert got["gen_ai.usage.cache_read.input_tokens"] == 100
    written = "cache_write" if opt_in else "cache_creation"
    other = "cache_creation" if opt_in else "cache_write"
    assert got[f"gen_ai.usage.{written}.input_tokens"] == 40
    assert f"gen_ai.usage.{other}.input_tokens" not in got
    assert got["gen_ai.response.finish_reasons"] == ("max_tokens",)


def test_content_is_captured_only_when_switched_on(
    api: Api, telemetry: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    api(lambda c: c.messages.create(**PARAMS, system="Be brief"), api.make())
    assert not [key for key in attributes(telemetry.span()) if "messages" in key or "system" in key]
    telemetry.exporter.clear()
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    api(lambda c: c.messages.create(**PARAMS, system="Be brief"), api.make())  # read once per client
    got = attributes(telemetry.span())
    assert json.loads(got["gen_ai.input.messages"]) == [
        {"role": "user", "parts": [{"type": "text", "content": "Hello there, Claude"}]}
    ]
    assert json.loads(got["gen_ai.system_instructions"]) == [{"type": "text", "content": "Be brief"}]
    assert json.loads(got["gen_ai.output.messages"]) == [
        {
            "role": "assistant",
            "parts": [{"type": "text", "content": "Echo: Hello there, Claude"}],
            "finish_reason": "end_turn",
        }
    ]


def test_no_secret_in_any_attribute(api: Api, telemetry: Telemetry, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    api.server.enqueue(status=529)
    client = api.make(max_retries=1, default_headers={"X-Custom-Secret": "hunter2-secret"})
    api(lambda c: c.messages.create(**PARAMS), client)
    raw_stream(api, client)
    api.server.enqueue(status=401)
    with pytest.raises(claude_core.AuthenticationError):
        api(lambda c: c.messages.create(**PARAMS), client)
    spans = telemetry.spans()
    assert len(spans) == 3
    values = []
    for span in spans:
        values.extend(str(value) for value in (span.attributes or {}).values())
        for event in span.events:
            values.extend(str(value) for value in (event.attributes or {}).values())
    assert values
    for value in values:
        assert api.server.api_key not in value
        assert "hunter2-secret" not in value


def test_a_stream_failing_after_content_records_the_error(api: Api, telemetry: Telemetry) -> None:
    api.server.enqueue(stream_error_after=4)
    with pytest.raises(claude_core.APIStatusError):
        raw_stream(api, api.make(max_retries=2))
    span = telemetry.span()
    got = attributes(span)
    assert span.status.status_code is StatusCode.ERROR
    assert got["error.type"] == "overloaded_error"
    assert got["gen_ai.response.time_to_first_chunk"] > 0  # content had arrived: not retried
    assert "http.request.resend_count" not in got


def test_a_stream_closed_early_ends_its_span(api: Api, telemetry: Telemetry) -> None:
    client = api.make()
    if api.is_async:

        async def go() -> None:
            async with client.messages.stream(**PARAMS) as stream:
                async for _ in stream:
                    break

        api.run(go())
    else:
        with client.messages.stream(**PARAMS) as stream:
            for _ in stream:
                break
    span = telemetry.span()
    got = attributes(span)
    assert span.status.status_code is StatusCode.UNSET
    assert "error.type" not in got
    assert got["gen_ai.response.time_to_first_chunk"] > 0


def test_a_dropped_connection(api: Api, telemetry: Telemetry) -> None:
    api.server.enqueue(drop=True)
    with pytest.raises(claude_core.APIConnectionError):
        api(lambda c: c.messages.create(**PARAMS), api.make())
    span = telemetry.span()
    got = attributes(span)
    assert got["error.type"] == "claude_core.errors.APIConnectionError"
    (attempt,) = [dict(event.attributes or {}) for event in span.events if event.name == "gen_ai.client.attempt"]
    assert attempt["error.type"] == "claude_core.errors.APIConnectionError"
    assert "http.response.status_code" not in attempt


def test_concurrent_streams_each_get_their_own_first_chunk(server: Any, telemetry: Telemetry) -> None:
    api = Api("async", server, telemetry)
    client = api.make()

    async def one(delay: float) -> str:
        await asyncio.sleep(delay)
        async with client.messages.stream(**PARAMS) as stream:
            return str(await stream.get_final_text())

    async def many() -> Any:
        return await asyncio.gather(*(one(0.01 * n) for n in range(4)))

    try:
        assert api.run(many()) == ["Echo: Hello there, Claude"] * 4
    finally:
        api.close()
    spans = telemetry.spans()
    assert len(spans) == 4
    assert all(attributes(span)["gen_ai.response.time_to_first_chunk"] > 0 for span in spans)
    assert len({attributes(span)["gen_ai.response.id"] for span in spans}) == 4
    (point,) = telemetry.points("gen_ai.client.operation.time_to_first_chunk")
    assert point.count == 4
