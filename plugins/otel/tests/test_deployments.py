"""Provider names of Bedrock and Vertex AI clients, a fallback hop from one deployment to another,
the tool runner's ``invoke_agent`` and ``execute_tool`` spans, and which span is current while a call's
requests are sent and a tool runs: over real HTTP against emulators, sync and async."""

from __future__ import annotations

import json
from typing import Any, List

import httpx
import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
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
    second_fixture,
    server_fixture,
    servers_fixture,
    telemetry_fixture,
)

from claude_core import beta_tool

BEDROCK_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
VERTEX_MODEL = "claude-sonnet-4-5@20250929"
AWS_KEYS = {"aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID, "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY}


def _port(server: Emulator) -> int:
    return int(server.base_url.rsplit(":", 1)[1].split("/")[0])


def test_bedrock_provider_name(api: Api, telemetry: Telemetry) -> None:
    from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock

    cls = AsyncAnthropicBedrock if api.is_async else AnthropicBedrock
    client = api.make(cls, aws_region="us-east-1", base_url=api.server.base_url, **AWS_KEYS)
    message = api(lambda c: c.messages.create(**{**PARAMS, "model": BEDROCK_MODEL}), client)
    span = telemetry.span()
    got = attributes(span)
    assert span.name == f"chat {BEDROCK_MODEL}"
    assert got["gen_ai.provider.name"] == "aws.bedrock"
    assert got["gen_ai.request.model"] == BEDROCK_MODEL
    assert got["gen_ai.response.id"] == message.id
    assert got["server.address"] == "127.0.0.1" and got["server.port"] == _port(api.server)
    for value in got.values():
        assert EMULATOR_AWS_SECRET_ACCESS_KEY not in str(value)
    telemetry.exporter.clear()
    events = raw_stream(api, client, model=BEDROCK_MODEL)  # Bedrock's event-stream framing, its request ids
    assert events[-1].type == "message_stop"
    streamed = attributes(telemetry.span())
    assert streamed["gen_ai.provider.name"] == "aws.bedrock"
    assert streamed["gen_ai.response.time_to_first_chunk"] > 0


def test_vertex_provider_name(api: Api, telemetry: Telemetry) -> None:
    from provider_vertex import AnthropicVertex, AsyncAnthropicVertex

    cls = AsyncAnthropicVertex if api.is_async else AnthropicVertex
    token = api.server.vertex_access_token()
    client = api.make(
        cls, region="us-east5", project_id="otel-project", access_token=token, base_url=f"{api.server.base_url}/v1"
    )
    api(lambda c: c.messages.create(**{**PARAMS, "model": VERTEX_MODEL}), client)
    span = telemetry.span()
    got = attributes(span)
    assert span.name == f"chat {VERTEX_MODEL}"
    assert got["gen_ai.provider.name"] == "gcp.vertex_ai"
    assert got["server.port"] == _port(api.server)
    for value in got.values():
        assert token not in str(value)


def test_a_fallback_hop_shows_both_deployments(api: Api, second: Emulator, telemetry: Telemetry) -> None:
    from claude_fallback import Bedrock, Breakers, Fallback

    bedrock = Bedrock("us-east-1", base_url=second.base_url, **AWS_KEYS)
    fallback = Fallback(["anthropic", bedrock], breakers=Breakers(failures=2, window=10, cooldown=5))
    client = api.make(plugins=[fallback])
    api.server.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message._provider.name == "bedrock"
    span = telemetry.span()
    got = attributes(span)
    assert span.name == f"chat {MODEL}"
    assert got["gen_ai.provider.name"] == "aws.bedrock"  # the deployment that answered
    assert got["server.port"] == _port(second)
    assert got["http.request.resend_count"] == 1
    hops = [dict(event.attributes or {}) for event in span.events if event.name == "gen_ai.client.attempt"]
    assert [(hop["gen_ai.provider.name"], hop["server.port"], hop["http.response.status_code"]) for hop in hops] == [
        ("anthropic", _port(api.server), 529),
        ("aws.bedrock", _port(second), 200),
    ]


@beta_tool
def get_weather(city: str) -> str:
    """The weather in a city."""
    return f"sunny in {city}"


@beta_tool
def broken_weather(city: str) -> str:
    """The weather in a city."""
    raise RuntimeError("no weather today")


def _run_tools(api: Api, client: Any, tool: Any) -> Any:
    ask = [{"role": "user", "content": f"What is the weather in Paris? Call {tool.name}"}]
    if api.is_async:
        from claude_core import beta_async_tool

        function = tool.func if hasattr(tool, "func") else None
        assert function is not None

        @beta_async_tool(name=tool.name)
        async def async_tool(city: str) -> str:
            """The weather in a city."""
            return str(function(city))

        runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=64, tools=[async_tool], messages=ask)
        return api.run(runner.until_done())
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=64, tools=[tool], messages=ask)
    return runner.until_done()


def test_the_tool_runner_gets_an_invoke_agent_span_with_its_turns_and_tools_under_it(
    api: Api, telemetry: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    final = _run_tools(api, api.make(), get_weather)
    assert "sunny in" in final.content[0].text
    spans = sorted(telemetry.spans(), key=lambda span: span.start_time or 0)
    names = [span.name for span in spans]
    assert names == ["invoke_agent", f"chat {MODEL}", "execute_tool get_weather", f"chat {MODEL}"]
    run, first_turn, tool, last_turn = spans
    assert run.parent is None and run.kind is SpanKind.INTERNAL
    for child in (first_turn, tool, last_turn):
        assert child.parent is not None and child.parent.span_id == run.context.span_id
    assert run.end_time is not None and last_turn.end_time is not None and run.end_time >= last_turn.end_time
    got_run = attributes(run)
    assert got_run["gen_ai.operation.name"] == "invoke_agent"
    assert got_run["gen_ai.provider.name"] == "anthropic" and got_run["gen_ai.request.model"] == MODEL
    assert got_run["gen_ai.response.id"] == final.id and got_run["gen_ai.response.finish_reasons"] == ("end_turn",)
    assert got_run["claude.tool_runner.turns"] == 2
    got = attributes(tool)
    assert tool.kind is SpanKind.INTERNAL
    assert got["gen_ai.operation.name"] == "execute_tool"
    assert got["gen_ai.tool.name"] == "get_weather"
    assert got["gen_ai.tool.call.id"].startswith("toolu_")
    assert set(json.loads(got["gen_ai.tool.call.arguments"])) == {"city"}
    assert "sunny in" in got["gen_ai.tool.call.result"]
    assert attributes(first_turn)["gen_ai.response.finish_reasons"] == ("tool_use",)
    # tools and runs are not GenAI client operations: no token usage or duration points for them
    assert len(telemetry.points("gen_ai.client.operation.duration")) == 1  # one series: both turns
    assert telemetry.points("gen_ai.client.operation.duration")[0].count == 2


def test_a_tools_own_spans_nest_under_its_execute_tool_span(api: Api, telemetry: Telemetry) -> None:
    tracer = telemetry.tracer_provider.get_tracer("weather service")

    @beta_tool
    def get_weather(city: str) -> str:
        """The weather in a city."""
        with tracer.start_as_current_span("weather lookup"):
            return f"sunny in {city}"

    _run_tools(api, api.make(), get_weather)
    spans = {span.name: span for span in telemetry.spans()}
    lookup, tool = spans["weather lookup"], spans["execute_tool get_weather"]
    assert lookup.parent is not None and lookup.parent.span_id == tool.context.span_id


def test_a_calls_span_is_current_while_its_requests_are_sent(api: Api, telemetry: Telemetry) -> None:
    from opentelemetry import trace

    current: List[Any] = []

    def hook(request: httpx.Request) -> None:  # where an HTTP client instrumentation starts its span
        current.append(trace.get_current_span().get_span_context().span_id)

    async def ahook(request: httpx.Request) -> None:
        hook(request)

    hooks: Any = {"request": [ahook if api.is_async else hook]}
    http: Any = httpx.AsyncClient(event_hooks=hooks) if api.is_async else httpx.Client(event_hooks=hooks)
    client = api.make(http_client=http, max_retries=1)
    api.server.enqueue(status=529, headers={"retry-after-ms": "1"})
    api(lambda c: c.messages.create(**PARAMS), client)
    span = telemetry.span()
    assert current == [span.context.span_id] * 2  # the attempt that failed, and its retry
    assert not trace.get_current_span().get_span_context().is_valid  # nothing left current


def test_the_httpx_instrumentations_spans_are_children_of_the_calls(api: Api, telemetry: Telemetry) -> None:
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    http: Any = httpx.AsyncClient() if api.is_async else httpx.Client()
    HTTPXClientInstrumentor.instrument_client(http, tracer_provider=telemetry.tracer_provider)
    client = api.make(http_client=http, max_retries=1)
    api.server.enqueue(status=529, headers={"retry-after-ms": "1"})
    api(lambda c: c.messages.create(**PARAMS), client)
    spans = telemetry.spans()
    (call,) = [span for span in spans if span.name.startswith("chat ")]
    requests = [span for span in spans if span is not call]
    assert [span.name for span in requests] == ["POST", "POST"]  # the attempt that failed, and its retry
    statuses = [
        attributes(span).get("http.response.status_code", attributes(span).get("http.status_code")) for span in requests
    ]
    assert statuses == [529, 200]  # (the instrumentation's older attribute name unless told otherwise)
    for request in requests:
        assert request.parent is not None and request.parent.span_id == call.context.span_id


def test_a_failing_tool_sets_error_type(api: Api, telemetry: Telemetry) -> None:
    _run_tools(api, api.make(), broken_weather)
    (tool,) = [span for span in telemetry.spans() if span.name == "execute_tool broken_weather"]
    assert tool.status.status_code is StatusCode.ERROR
    assert attributes(tool)["error.type"] == "RuntimeError"
    assert "gen_ai.tool.call.result" not in attributes(tool)  # content capture is off


def test_a_run_under_a_span_of_yours_groups_its_spans(api: Api, telemetry: Telemetry) -> None:
    tracer = telemetry.tracer_provider.get_tracer("test")
    with tracer.start_as_current_span("weather agent") as parent:
        _run_tools(api, api.make(), get_weather)
    spans = telemetry.spans()
    (root,) = [span for span in spans if span.name == "weather agent"]
    (run,) = [span for span in spans if span.name == "invoke_agent"]
    assert run.parent is not None and run.parent.span_id == parent.get_span_context().span_id
    children = [span for span in spans if span not in (root, run)]
    assert len(children) == 3
    for child in children:
        assert child.parent is not None and child.parent.span_id == run.context.span_id
        assert child.context.trace_id == root.context.trace_id
