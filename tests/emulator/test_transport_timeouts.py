"""The in-process emulator (``provider="emulator"``) honours the client's timeouts as HTTP does:
a scripted delay or a silence mid-stream longer than ``timeout`` ends in ``APITimeoutError``
once the timeout has passed, sync and async, without waiting out the delay.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Iterator

import httpx
import pytest
from claude_emulator import EmulatorApp, EmulatorTransport

import claude_core

pytestmark = pytest.mark.filterwarnings("ignore:claude_core skipped plugins")  # the core's broken test plugin

MODEL = "claude-sonnet-4-5"
PARAMS: Any = {"model": MODEL, "max_tokens": 50, "messages": [{"role": "user", "content": "one two three four"}]}


class InProcess:
    """A sync or async ``provider="emulator"`` client over ``app``, and a way to run calls on it."""

    def __init__(self, mode: str, app: EmulatorApp) -> None:
        self.mode = mode
        cls = claude_core.AsyncAnthropic if mode == "async" else claude_core.Anthropic
        self.client: Any = cls(provider="emulator", provider_options={"emulator_app": app}, max_retries=0)

    def run(self, fn: Callable[[Any], Any]) -> Any:
        if self.mode == "sync":
            return fn(self.client)

        async def call() -> Any:
            return await fn(self.client)

        return asyncio.run(call())

    def stream_text(self, **options: Any) -> str:
        if self.mode == "sync":
            with self.client.messages.stream(**PARAMS, **options) as stream:
                return "".join(stream.text_stream)

        async def read() -> str:
            async with self.client.messages.stream(**PARAMS, **options) as stream:
                return "".join([text async for text in stream.text_stream])

        return asyncio.run(read())


@pytest.fixture
def app() -> EmulatorApp:
    return EmulatorApp()


@pytest.fixture(params=["sync", "async"])
def in_process(request: pytest.FixtureRequest, app: EmulatorApp) -> Iterator[InProcess]:
    yield InProcess(request.param, app)


def _timed(fn: Callable[[], Any]) -> float:
    started = time.monotonic()
    with pytest.raises(claude_core.APITimeoutError):
        fn()
    return time.monotonic() - started


def test_a_delay_longer_than_the_timeout_is_a_timeout(in_process: InProcess, app: EmulatorApp) -> None:
    app.enqueue(delay=5)
    took = _timed(lambda: in_process.run(lambda c: c.messages.create(**PARAMS, timeout=0.2)))
    assert 0.2 <= took < 2


def test_the_clients_own_timeout_applies(app: EmulatorApp) -> None:
    client = claude_core.Anthropic(provider="emulator", provider_options={"emulator_app": app}, timeout=0.2)
    app.enqueue(delay=5)
    app.enqueue(delay=5)
    took = _timed(lambda: client.with_options(max_retries=1).messages.create(**PARAMS))
    assert 0.4 <= took < 4  # two attempts, each cut at 0.2 s (plus the retry's back-off)
    assert len(app.requests) == 2


def test_a_shorter_delay_is_answered(in_process: InProcess, app: EmulatorApp) -> None:
    app.enqueue(delay=0.1)
    message = in_process.run(lambda c: c.messages.create(**PARAMS, timeout=2))
    assert message.content[0].text == "Echo: one two three four"


def test_a_stream_that_stalls_longer_than_the_timeout_is_a_timeout(in_process: InProcess, app: EmulatorApp) -> None:
    app.enqueue(stall_after_events=4, stall_seconds=5)
    # the read timeout alone ends it: the SDK's stream watchdog is set far off
    took = _timed(lambda: in_process.stream_text(timeout=0.3, stream_idle_timeout=30))
    assert 0.3 <= took < 2


def test_a_stream_kept_alive_by_pings_is_not_a_timeout(in_process: InProcess, app: EmulatorApp) -> None:
    """Each read gets the timeout afresh (the SDK's own watchdog, which ignores pings, set apart)."""
    app.enqueue(stall_after_events=4, stall_seconds=0.6, stall_pings=True)  # a ping every 0.05 s
    assert in_process.stream_text(timeout=0.3, stream_idle_timeout=5) == "Echo: one two three four"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_transport_raises_httpx_read_timeout(app: EmulatorApp, mode: str) -> None:
    """Below the SDK: the error httpx raises over a socket, after the read timeout, not the delay."""
    app.enqueue(delay=5)
    app.enqueue(stall_after_events=2, stall_seconds=5)
    body = dict(PARAMS, stream=True)
    timeout = httpx.Timeout(5, read=0.2)
    headers = {"x-api-key": "k", "anthropic-version": "2023-06-01"}
    started = time.monotonic()
    if mode == "sync":
        with httpx.Client(transport=EmulatorTransport(app), base_url="http://emu", headers=headers) as http:
            with pytest.raises(httpx.ReadTimeout):
                http.post("/v1/messages", json=PARAMS, timeout=timeout)
            with http.stream("POST", "/v1/messages", json=body, timeout=timeout) as response:
                assert response.status_code == 200
                with pytest.raises(httpx.ReadTimeout):
                    response.read()
    else:

        async def run() -> None:
            async with httpx.AsyncClient(
                transport=EmulatorTransport(app), base_url="http://emu", headers=headers
            ) as http:
                with pytest.raises(httpx.ReadTimeout):
                    await http.post("/v1/messages", json=PARAMS, timeout=timeout)
                async with http.stream("POST", "/v1/messages", json=body, timeout=timeout) as response:
                    assert response.status_code == 200
                    with pytest.raises(httpx.ReadTimeout):
                        await response.aread()

        asyncio.run(run())
    assert time.monotonic() - started < 2
