"""Rotating keys: ``api_key=``/``auth_token=`` callables, sync or async, over real HTTP.

The key is fetched for the first request (a sync callable off the event loop in the
async client, an async one awaited on the loop), kept for the lifetime it states, and
fetched again after a 401, once for concurrent requests.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any, Callable, List, Optional

import pytest
from claude_emulator import Emulator

import claude_core
from claude_core.credentials import Expiring, RotatingCredentials, Secret

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}
OLD, NEW = "sk-ant-rotating-old", "sk-ant-rotating-new"


class Source:
    """A secret manager: hands out ``keys`` in turn (the last one from then on), noting each call's thread."""

    def __init__(self, *keys: str, lifetime: Optional[float] = None) -> None:
        self.keys = list(keys)
        self.lifetime = lifetime
        self.threads: List[int] = []

    @property
    def calls(self) -> int:
        return len(self.threads)

    def __call__(self) -> Any:
        key = self.keys[min(self.calls, len(self.keys) - 1)]
        self.threads.append(threading.get_ident())
        return key if self.lifetime is None else Expiring(key, self.lifetime)


def async_source(source: Source) -> Callable[[], Any]:
    """``source`` as an ``async def`` callable that checks it runs on the event loop."""

    async def fetch() -> Any:
        assert asyncio.current_task() is not None  # awaited on the loop, not in a worker thread
        await asyncio.sleep(0.01)
        return source()

    return fetch


@pytest.fixture
def rotated(deployment: Callable[[str], Emulator]) -> Emulator:
    """A deployment that accepts only the new key."""
    return deployment(NEW)


def keys_sent(server: Emulator) -> List[str]:
    return [request.headers["x-api-key"] for request in server.requests]


def test_a_callable_key_is_fetched_for_the_first_request_and_kept(api: Api, rotated: Emulator) -> None:
    source = Source(NEW)
    client = api.make(api_key=source, base_url=rotated.base_url)
    assert client.api_key is None  # nothing fetched yet
    for _ in range(3):
        api(lambda c: c.messages.create(**PARAMS), client)
    assert source.calls == 1 and keys_sent(rotated) == [NEW] * 3
    assert client.api_key == NEW  # the key last fetched
    if api.is_async:
        assert source.threads[0] != threading.get_ident()  # a sync callable runs off the event loop
    else:
        assert source.threads[0] == threading.get_ident()


def test_a_401_fetches_the_key_again_and_repeats_the_attempt(api: Api, rotated: Emulator) -> None:
    source = Source(OLD, NEW)  # the server already rotated to NEW
    client = api.make(api_key=source, base_url=rotated.base_url, max_retries=0)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message.content[0].text.startswith("Echo:")
    assert keys_sent(rotated) == [OLD, NEW] and source.calls == 2


def test_a_scripted_401_refreshes_once_then_a_second_is_raised(api: Api) -> None:
    source = Source(api.emulator.api_key)
    client = api.make(api_key=source)
    api.emulator.enqueue(status=401)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert source.calls == 2 and len(api.emulator.requests) == 2
    api.emulator.enqueue(status=401)
    api.emulator.enqueue(status=401)
    with pytest.raises(claude_core.AuthenticationError):
        api(lambda c: c.messages.create(**PARAMS), client)
    assert source.calls == 3 and len(api.emulator.requests) == 4  # one refresh per call


def test_a_stated_lifetime_is_kept_then_the_key_is_fetched_again(api: Api, rotated: Emulator) -> None:
    short, long = Source(NEW, lifetime=0.2), Source(NEW, lifetime=60.0)
    clients = [api.make(api_key=short, base_url=rotated.base_url), api.make(api_key=long, base_url=rotated.base_url)]
    for client in clients:
        api(lambda c: c.messages.create(**PARAMS), client)
        api(lambda c: c.messages.create(**PARAMS), client)
    assert (short.calls, long.calls) == (1, 1)
    time.sleep(0.3)
    for client in clients:
        api(lambda c: c.messages.create(**PARAMS), client)
    assert (short.calls, long.calls) == (2, 1)


def test_an_async_callable_is_awaited_on_the_loop_and_refreshed_after_a_401(rotated: Emulator) -> None:
    source = Source(OLD, NEW)

    async def main() -> None:
        async with claude_core.AsyncAnthropic(api_key=async_source(source), base_url=rotated.base_url) as client:
            await client.messages.create(**PARAMS)
            await client.messages.create(**PARAMS)

    asyncio.run(main())
    assert keys_sent(rotated) == [OLD, NEW, NEW] and source.calls == 2
    assert source.threads == [threading.get_ident()] * 2  # the loop's thread


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_concurrent_requests_share_one_fetch_and_one_refresh(rotated: Emulator, kind: str) -> None:
    source = Source(NEW, OLD, NEW)

    async def main() -> None:
        key: Any = source if kind == "sync" else async_source(source)
        async with claude_core.AsyncAnthropic(api_key=key, base_url=rotated.base_url) as client:
            await asyncio.gather(*[client.messages.create(**PARAMS) for _ in range(8)])
            assert source.calls == 1  # one fetch for the eight
            rotated.app.api_keys = (OLD,)  # the server rotates back: NEW is refused now
            await asyncio.gather(*[client.messages.create(**PARAMS) for _ in range(8)])
            assert source.calls == 2  # one refresh for the eight 401s
            rotated.app.api_keys = (NEW,)
            await asyncio.gather(*[client.messages.create(**PARAMS) for _ in range(8)])

    asyncio.run(main())
    assert source.calls == 3 and len(rotated.requests) == 8 + 16 + 16


def test_a_callable_auth_token_is_sent_as_a_bearer_token(api: Api) -> None:
    source = Source("tok-rotating")
    client = api.make(api_key=None, auth_token=source)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert api.emulator.requests[-1].headers["authorization"] == "Bearer tok-rotating"
    assert "x-api-key" not in api.emulator.requests[-1].headers
    assert client.auth_token == "tok-rotating" and client.api_key is None


def test_a_copy_keeps_the_callable(api: Api, rotated: Emulator) -> None:
    source = Source(NEW)
    client = api.make(api_key=source, base_url=rotated.base_url)
    copy = client.with_options(max_retries=0)
    api(lambda c: c.messages.create(**PARAMS), copy)
    assert copy.options.api_key_callable is source and copy.options.api_key is None
    assert keys_sent(rotated) == [NEW]


def test_a_sync_client_refuses_an_async_callable() -> None:
    async def fetch() -> str:
        return NEW

    with pytest.raises(TypeError, match="async callable"):
        claude_core.Anthropic(api_key=fetch)
    with pytest.raises(TypeError, match="takes a str or a callable"):
        claude_core.Anthropic(api_key=42)  # type: ignore[arg-type]


def test_a_callable_that_fails_or_returns_no_str_is_a_plugin_error(api: Api) -> None:
    def broken() -> str:
        raise RuntimeError("the vault is sealed")

    wrong: Any = lambda: b"sk-ant-bytes-LEAK"  # noqa: E731
    for source, text in ((broken, "RuntimeError: the vault is sealed"), (wrong, "returned a bytes")):
        client = api.make(api_key=source)
        with pytest.raises(claude_core.PluginError, match=text) as caught:
            api(lambda c: c.messages.create(**PARAMS), client)
        assert caught.value.plugin == "RotatingCredentials" and "LEAK" not in str(caught.value)
    assert api.emulator.requests == []


def test_rotating_credentials_never_print_and_compare_by_identity() -> None:
    credentials = RotatingCredentials(api_key=Source(NEW), auth_token="tok-static")
    assert credentials.needs_refresh() and credentials.api_key is None
    assert credentials.auth_token == Secret("tok-static")
    credentials.refresh()
    assert credentials.api_key == Secret(NEW) and not credentials.needs_refresh()
    assert NEW not in repr(credentials) + str(credentials.api_key) + repr(credentials.api_key)
    assert credentials != RotatingCredentials(api_key=Source(NEW), auth_token="tok-static")
    assert repr(Expiring(NEW, 5.0)) == "Expiring(expires_in=5.0)"
