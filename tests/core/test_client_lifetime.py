"""A client's life: ``is_closed()``, and the connection pool closed when a client that was
never closed is garbage-collected (as the official SDK does), never a user's ``http_client``."""

from __future__ import annotations

import asyncio
import gc
import sys
import warnings
from typing import Any, Iterator, List

import httpx
import pytest
from claude_emulator import Emulator

import claude_core

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 8, "messages": USER}


def test_is_closed(api: Api) -> None:
    client = api.make()
    assert client.is_closed() is False
    api(lambda c: c.messages.create(**PARAMS), client)
    copy = client.with_options(max_retries=1)
    assert client.is_closed() is False and copy.is_closed() is False
    api.run(client.close())
    assert client.is_closed() is True and copy.is_closed() is True  # they share the pool


def test_is_closed_follows_a_users_http_client(api: Api) -> None:
    http: Any = httpx.AsyncClient() if api.is_async else httpx.Client()
    client = api.make(http_client=http)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert client.is_closed() is False
    api.run(http.aclose() if api.is_async else http.close())
    assert client.is_closed() is True


class Leaks:
    """Records what collecting garbage reports: ResourceWarnings (sockets collected open),
    any other warning, and exceptions raised in finalizers."""

    def __init__(self) -> None:
        self.warnings: List[warnings.WarningMessage] = []
        self.unraisable: List[Any] = []

    @property
    def resource_warnings(self) -> List[str]:
        return [str(w.message) for w in self.warnings if issubclass(w.category, ResourceWarning)]

    @property
    def socket_warnings(self) -> List[str]:
        """The sockets collected open (what a sync pool leaks). An asyncio transport that an earlier
        async test left can be freed by any later collection, so sync tests count only these."""
        return [message for message in self.resource_warnings if message.startswith("unclosed <socket.socket")]

    @property
    def other_warnings(self) -> List[str]:
        return [str(w.message) for w in self.warnings if not issubclass(w.category, ResourceWarning)]


@pytest.fixture
def leaks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Leaks]:
    gc.collect()  # what earlier tests left is not this test's
    found = Leaks()
    monkeypatch.setattr(sys, "unraisablehook", found.unraisable.append)
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        found.warnings = recorded
        yield found


def make(emulator: Emulator, cls: Any, **kwargs: Any) -> Any:
    return cls(api_key=emulator.api_key, base_url=emulator.base_url, **kwargs)


def test_a_sync_client_never_closed_closes_its_pool_when_collected(emulator: Emulator, leaks: Leaks) -> None:
    client = make(emulator, claude_core.Anthropic)
    client.messages.create(**PARAMS)
    copy = client.with_options(max_retries=0)  # shares the pool
    del client
    gc.collect()
    assert copy.messages.create(**PARAMS).content  # the pool lives while a copy does
    del copy
    gc.collect()
    assert leaks.socket_warnings == [] and leaks.unraisable == []


def test_a_stream_outlives_its_collected_client(emulator: Emulator, leaks: Leaks) -> None:
    stream = make(emulator, claude_core.Anthropic).messages.create(stream=True, **PARAMS)
    gc.collect()
    assert [event.type for event in stream][-1] == "message_stop"
    del stream
    gc.collect()
    assert leaks.socket_warnings == [] and leaks.unraisable == []


def test_a_users_http_client_is_never_closed_by_collection(emulator: Emulator, leaks: Leaks) -> None:
    with httpx.Client() as http:
        client = make(emulator, claude_core.Anthropic, http_client=http)
        client.messages.create(**PARAMS)
        del client
        gc.collect()
        assert not http.is_closed
        assert make(emulator, claude_core.Anthropic, http_client=http).messages.create(**PARAMS).content
    assert leaks.socket_warnings == []


def test_an_async_client_never_closed_closes_its_pool_when_collected_on_the_loop(
    emulator: Emulator, leaks: Leaks
) -> None:
    async def main() -> None:
        client = make(emulator, claude_core.AsyncAnthropic)
        await client.messages.create(**PARAMS)
        stream = await client.messages.create(stream=True, **PARAMS)
        del client
        gc.collect()
        assert [event.type async for event in stream][-1] == "message_stop"  # the stream keeps the pool
        del stream
        gc.collect()
        for _ in range(3):  # the close scheduled on the loop runs
            await asyncio.sleep(0)

    asyncio.run(main())
    gc.collect()
    assert leaks.resource_warnings == [] and leaks.unraisable == [] and leaks.other_warnings == []


def test_an_async_client_collected_without_an_event_loop_neither_raises_nor_warns(
    emulator: Emulator, leaks: Leaks
) -> None:
    async def main() -> Any:
        client = make(emulator, claude_core.AsyncAnthropic)
        await client.messages.create(**PARAMS)
        return client

    client = asyncio.run(main())
    del client
    gc.collect()  # no loop runs here: nothing can await the close
    # what the finalizer let go of: asyncio's transports, which report themselves unclosed
    # (ResourceWarning) as they do under the official SDK; collected here, not in a later test
    gc.collect()
    assert leaks.unraisable == [] and leaks.other_warnings == []


def test_an_async_users_http_client_is_never_closed_by_collection(emulator: Emulator, leaks: Leaks) -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            client = make(emulator, claude_core.AsyncAnthropic, http_client=http)
            await client.messages.create(**PARAMS)
            del client
            gc.collect()
            await asyncio.sleep(0)
            assert not http.is_closed
            assert (
                await make(emulator, claude_core.AsyncAnthropic, http_client=http).messages.create(**PARAMS)
            ).content

    asyncio.run(main())
    assert leaks.unraisable == []
