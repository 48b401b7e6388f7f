"""What the fallback plugin's tests share: two (or three) emulator servers as deployments, clients
in sync and async flavours, a clock to drive the breakers.

Emulator A is the first-party deployment; emulator B serves Bedrock's routes, each request's
SigV4 signature checked with the emulator's AWS credentials; emulator C serves Vertex AI's.

Not a ``conftest.py``: pytest imports each ``conftest.py`` of a folder that is not a package
as the one module ``conftest``, and ``provider_bedrock/tests`` imports its constants from
``conftest``. Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional

import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from claude_fallback import Bedrock, Breakers, Fallback, Vertex

import claude_core

MODEL = "claude-sonnet-4-5"
BEDROCK_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
VERTEX_MODEL = "claude-sonnet-4-5@20250929"
MESSAGES: Any = [{"role": "user", "content": "Hello there, Claude"}]
PARAMS: Any = {"model": MODEL, "max_tokens": 32, "messages": MESSAGES}
PROJECT = "fallback-project"

#: Settings of the machine that would change where a test's calls go or how they are signed.
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
    "CLAUDE_FALLBACK_ON_STATUS",
    "CLAUDE_FALLBACK_BREAKER",
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
    with Emulator() as a, Emulator() as b, Emulator() as c:
        yield [a, b, c]


@pytest.fixture(name="first")
def first_fixture(servers: List[Emulator]) -> Emulator:
    """Deployment A: first-party."""
    for server in servers:
        server.reset()
    return servers[0]


@pytest.fixture(name="second")
def second_fixture(first: Emulator, servers: List[Emulator]) -> Emulator:
    """Deployment B: Bedrock (reset with A)."""
    return servers[1]


@pytest.fixture(name="third")
def third_fixture(first: Emulator, servers: List[Emulator]) -> Emulator:
    """Deployment C: Vertex AI (reset with A)."""
    return servers[2]


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(name="clock")
def clock_fixture() -> Clock:
    return Clock()


@pytest.fixture(name="breakers")
def breakers_fixture(clock: Clock) -> Breakers:
    """Breakers of the test's own (the process-wide ones would carry state from test to test)."""
    return Breakers(failures=2, window=10, cooldown=5, clock=clock)


def bedrock(server: Emulator, region: str = "us-east-1", **kwargs: Any) -> Bedrock:
    """Deployment B as Bedrock, signed with SigV4 and the emulator's AWS credentials."""
    return Bedrock(
        region,
        aws_access_key=EMULATOR_AWS_ACCESS_KEY_ID,
        aws_secret_key=EMULATOR_AWS_SECRET_ACCESS_KEY,
        base_url=server.base_url,
        **kwargs,
    )


def vertex(server: Emulator, **kwargs: Any) -> Vertex:
    """Deployment C as Vertex AI, with an access token the emulator issued."""
    settings = {
        "project_id": PROJECT,
        "access_token": server.vertex_access_token(),
        "base_url": f"{server.base_url}/v1",
        **kwargs,
    }
    return Vertex("us-east5", **settings)


class Api:
    """Runs one test with the sync or the async client: ``api(lambda c: c.messages.create(...))``."""

    def __init__(self, mode: str, server: Emulator) -> None:
        self.mode = mode
        self.server = server
        self.loop = asyncio.new_event_loop() if mode == "async" else None
        self._clients: List[Any] = []

    @property
    def is_async(self) -> bool:
        return self.mode == "async"

    def make(self, fallback: Optional[Fallback] = None, **kwargs: Any) -> Any:
        """A first-party client of deployment A, with ``fallback`` among its plugins."""
        kwargs.setdefault("api_key", self.server.api_key)
        kwargs.setdefault("base_url", self.server.base_url)
        kwargs.setdefault("max_retries", 0)
        if fallback is not None:
            kwargs["plugins"] = [fallback, *kwargs.get("plugins", [])]
        cls = claude_core.AsyncAnthropic if self.is_async else claude_core.Anthropic
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
def api_fixture(request: pytest.FixtureRequest, first: Emulator) -> Iterator[Api]:
    driver = Api(request.param, first)
    yield driver
    driver.close()


def stream_text(api: Api, client: Any, **params: Any) -> Any:
    """The text of ``messages.stream()`` and the deployment that answered it."""
    params = {**PARAMS, **params}
    if api.is_async:

        async def go() -> Any:
            async with client.messages.stream(**params) as stream:
                return "".join([text async for text in stream.text_stream]), stream.provider

        return api.run(go())
    with client.messages.stream(**params) as stream:
        return "".join(stream.text_stream), stream.provider


def raw_stream(api: Api, client: Any, **params: Any) -> Any:
    """The events of ``messages.create(stream=True)`` and the deployment that answered it."""
    params = {**PARAMS, **params}
    if api.is_async:

        async def go() -> Any:
            stream = await client.messages.create(stream=True, **params)
            return [event async for event in stream], stream.provider

        return api.run(go())
    stream = client.messages.create(stream=True, **params)
    return list(stream), stream.provider
