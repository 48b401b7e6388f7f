"""What the otel plugin's tests share: emulator servers, an OpenTelemetry SDK with in-memory
exporters, clients traced by it in sync and async flavours.

Not a ``conftest.py`` (pytest imports every ``conftest.py`` of a folder that is not a package as
the one module ``conftest``): test modules import the fixtures they use from here.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
from claude_emulator import Emulator
from claude_otel import Tracing
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import claude_core

MODEL = "claude-sonnet-4-5"
MESSAGES: Any = [{"role": "user", "content": "Hello there, Claude"}]
PARAMS: Any = {"model": MODEL, "max_tokens": 32, "messages": MESSAGES}

#: Settings of the machine that would change where a test's calls go or what they record.
_ISOLATED_ENV = (
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_BEDROCK_BASE_URL",
    "ANTHROPIC_VERTEX_BASE_URL",
    "ANTHROPIC_VERTEX_PROJECT_ID",
    "CLOUD_ML_REGION",
    "CLAUDE_CORE_DISABLE_PLUGINS",
    "CLAUDE_FALLBACK",
    "CLAUDE_OTEL",
    "OTEL_SDK_DISABLED",
    "OTEL_SEMCONV_STABILITY_OPT_IN",
    "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_BEARER_TOKEN_BEDROCK",
    "GOOGLE_APPLICATION_CREDENTIALS",
)


@pytest.fixture(name="isolated_env", autouse=True)
def isolated_env_fixture(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _ISOLATED_ENV:
        monkeypatch.delenv(name, raising=False)
    for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        empty = tmp_path / name.lower()
        empty.write_text("")
        monkeypatch.setenv(name, str(empty))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(name="servers", scope="module")
def servers_fixture() -> Iterator[List[Emulator]]:
    with Emulator() as a, Emulator() as b:
        yield [a, b]


@pytest.fixture(name="server")
def server_fixture(servers: List[Emulator]) -> Emulator:
    for each in servers:
        each.reset()
    return servers[0]


@pytest.fixture(name="second")
def second_fixture(server: Emulator, servers: List[Emulator]) -> Emulator:
    """A second emulator (reset with the first), for a deployment of another provider."""
    return servers[1]


class Telemetry:
    """An OpenTelemetry SDK of the test's own: spans and metrics kept in memory."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])
        self.plugin = Tracing(tracer_provider=self.tracer_provider, meter_provider=self.meter_provider)

    def spans(self) -> List[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def span(self) -> ReadableSpan:
        """The one span the test made."""
        spans = self.spans()
        assert len(spans) == 1, [span.name for span in spans]
        return spans[0]

    def points(self, name: str) -> List[Any]:
        """The data points of metric ``name``."""
        data = self.reader.get_metrics_data()
        found: List[Any] = []
        for resource in data.resource_metrics if data else []:
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    if metric.name == name:
                        found.extend(metric.data.data_points)
        return found

    def unit(self, name: str) -> Optional[str]:
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else []:
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    if metric.name == name:
                        return str(metric.unit)
        return None


@pytest.fixture(name="telemetry")
def telemetry_fixture() -> Iterator[Telemetry]:
    telemetry = Telemetry()
    yield telemetry
    telemetry.tracer_provider.shutdown()
    telemetry.meter_provider.shutdown()


class Api:
    """Runs one test with the sync or the async client: ``api(lambda c: c.messages.create(...), client)``."""

    def __init__(self, mode: str, server: Emulator, telemetry: Telemetry) -> None:
        self.mode = mode
        self.server = server
        self.telemetry = telemetry
        self.loop = asyncio.new_event_loop() if mode == "async" else None
        self._clients: List[Any] = []

    @property
    def is_async(self) -> bool:
        return self.mode == "async"

    def make(self, cls: Optional[Any] = None, **kwargs: Any) -> Any:
        """A client traced by the test's SDK (first-party at the emulator unless ``cls`` says otherwise)."""
        if cls is None:
            cls = claude_core.AsyncAnthropic if self.is_async else claude_core.Anthropic
            kwargs.setdefault("api_key", self.server.api_key)
            kwargs.setdefault("base_url", self.server.base_url)
        kwargs.setdefault("max_retries", 0)
        kwargs["plugins"] = [self.telemetry.plugin, *kwargs.get("plugins", [])]
        client = cls(**kwargs)
        self._clients.append(client)
        return client

    def run(self, value: Any) -> Any:
        if inspect.isawaitable(value):
            assert self.loop is not None
            return self.loop.run_until_complete(_await(value))
        return value

    def __call__(self, fn: Callable[[Any], Any], client: Any) -> Any:
        return self.run(fn(client))

    def close(self) -> None:
        for client in self._clients:
            self.run(client.close())
        if self.loop is not None:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()


async def _await(value: Any) -> Any:
    return await value


@pytest.fixture(name="api", params=["sync", "async"])
def api_fixture(request: pytest.FixtureRequest, server: Emulator, telemetry: Telemetry) -> Iterator[Api]:
    driver = Api(request.param, server, telemetry)
    yield driver
    driver.close()


def stream_text(api: Api, client: Any, **params: Any) -> str:
    """The text of ``messages.stream()``, read to its end."""
    params = {**PARAMS, **params}
    if api.is_async:

        async def go() -> str:
            async with client.messages.stream(**params) as stream:
                return "".join([text async for text in stream.text_stream])

        return str(api.run(go()))
    with client.messages.stream(**params) as stream:
        return "".join(stream.text_stream)


def raw_stream(api: Api, client: Any, **params: Any) -> List[Any]:
    """The events of ``messages.create(stream=True)``, read to the end."""
    params = {**PARAMS, **params}
    if api.is_async:

        async def go() -> List[Any]:
            stream = await client.messages.create(stream=True, **params)
            return [event async for event in stream]

        return list(api.run(go()))
    return list(client.messages.create(stream=True, **params))


def attributes(span: ReadableSpan) -> Dict[str, Any]:
    return dict(span.attributes or {})
