"""Shared fixtures: one emulator server per session, clients in sync and async flavours."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Callable, Iterator, List

import pytest
from claude_emulator import Emulator

import claude_core


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emulator(emulator_server: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "CLAUDE_CORE_DISABLE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    emulator_server.reset()
    yield emulator_server
    emulator_server.reset()


class Api:
    """Runs the same test against the sync or the async client.

    ``api(lambda c: c.messages.create(...))`` calls the lambda with the client and
    awaits the result on this test's event loop when the client is async.
    """

    def __init__(self, mode: str, emulator: Emulator) -> None:
        self.mode = mode
        self.emulator = emulator
        self.loop = asyncio.new_event_loop() if mode != "sync" else None
        self._clients: List[Any] = []
        self.client = self.make()

    @property
    def is_async(self) -> bool:
        return self.mode != "sync"

    def make(self, **kwargs: Any) -> Any:
        kwargs.setdefault("api_key", self.emulator.api_key)
        kwargs.setdefault("base_url", self.emulator.base_url)
        if self.mode == "async-aiohttp":
            kwargs["plugins"] = [*kwargs.get("plugins", ()), aiohttp_transport()]
        cls = claude_core.AsyncAnthropic if self.is_async else claude_core.Anthropic
        client = cls(**kwargs)
        self._clients.append(client)
        return client

    def run(self, value: Any) -> Any:
        if inspect.isawaitable(value):
            assert self.loop is not None
            return self.loop.run_until_complete(_await(value))
        return value

    def __call__(self, fn: Callable[[Any], Any], client: Any = None) -> Any:
        return self.run(fn(client if client is not None else self.client))

    def collect(self, paginator: Any) -> List[Any]:
        if self.is_async:

            async def gather() -> List[Any]:
                return [item async for item in paginator]

            return self.run(gather())
        return list(paginator)

    def close(self) -> None:
        for client in self._clients:
            self.run(client.close())
        if self.loop is not None:
            # finalise the async generators httpx leaves suspended when a stream ends in an error
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()


async def _await(value: Any) -> Any:
    return await value


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Api]:
    driver = Api(request.param, emulator)
    yield driver
    driver.close()


#: ``api`` modes for the suites that also run over the other async transports (claude-aiohttp's).
TRANSPORT_MODES = ["sync", "async", "async-aiohttp"]


def aiohttp_transport() -> Any:
    """claude-aiohttp's plugin; a test that needs it is skipped where that distribution is not installed."""
    return pytest.importorskip("claude_aiohttp").AiohttpTransport()


@pytest.fixture(params=TRANSPORT_MODES)
def api_over_transports(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Api]:
    """``api``, plus async clients over aiohttp: a suite's conftest renames it ``api`` to run over both transports."""
    if request.param == "async-aiohttp":
        aiohttp_transport()  # skipped before a loop is made
    driver = Api(request.param, emulator)
    yield driver
    driver.close()


USER = [{"role": "user", "content": "Hello there, Claude"}]
MODEL = "claude-sonnet-4-5"
