"""Credentials: explicit arguments beat every plugin, the environment beats plugins that look
elsewhere; discovery and refresh run off the event loop; a 401 refreshes once and repeats."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from typing import Any, Callable, List, Optional

import httpx
import pytest
from claude_emulator import Emulator

import claude_core
from claude_core import hookimpl
from claude_core.credentials import RefreshableCredentials

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}
NEW_KEY = "sk-ant-rotated"


class Vault:
    """A credentials plugin that looks elsewhere (a keyring, a vault) and notes where it ran."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.threads: List[int] = []

    @hookimpl
    def claude_credentials(self) -> claude_core.APIKeyCredentials:
        self.threads.append(threading.get_ident())
        time.sleep(0.05)  # a blocking lookup
        return claude_core.APIKeyCredentials(api_key=self.key)


def test_an_explicit_key_beats_the_environment_and_every_plugin(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-from-env")
    vault = Vault("sk-from-vault")
    client = api.make(plugins=[vault])  # api_key= the emulator's key
    api(lambda c: c.messages.create(**PARAMS), client)
    assert api.emulator.requests[-1].headers["x-api-key"] == api.emulator.api_key
    assert vault.threads == []  # not even asked


def test_the_environment_beats_plugins_that_look_elsewhere(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", api.emulator.api_key)
    vault = Vault("sk-from-vault")
    client = api.make(api_key=None, plugins=[vault])
    api(lambda c: c.messages.create(**PARAMS), client)
    assert api.emulator.requests[-1].headers["x-api-key"] == api.emulator.api_key
    assert vault.threads == []


def test_a_plugin_answers_when_nothing_explicit_is_there_off_the_event_loop(api: Api) -> None:
    vault = Vault(api.emulator.api_key)
    client = api.make(api_key=None, plugins=[vault])
    caller = threading.get_ident()
    api(lambda c: c.messages.create(**PARAMS), client)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert len(vault.threads) == 1  # resolved once per client
    if api.is_async:
        assert vault.threads[0] != caller  # a worker thread: the event loop kept running
    else:
        assert vault.threads[0] == caller


def test_the_event_loop_runs_while_credentials_are_found() -> None:
    async def main() -> int:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        with Emulator() as emu:
            client = claude_core.AsyncAnthropic(base_url=emu.base_url, plugins=[Vault(emu.api_key)], api_key=None)
            task = asyncio.ensure_future(ticker())
            await client.messages.create(**PARAMS)
            task.cancel()
            await client.close()
        return ticks

    assert asyncio.run(main()) >= 3  # the 50 ms lookup did not block the loop


class Rotating:
    """Credentials that expire: ``refresh`` fetches the new key (slowly) and counts itself."""

    def __init__(self, key: str, due: bool = False) -> None:
        self.key = key
        self.due = due
        self.refreshes = 0
        self.threads: List[int] = []
        self.lock = threading.Lock()

    def needs_refresh(self) -> bool:
        return self.due

    def refresh(self) -> None:
        self.threads.append(threading.get_ident())
        time.sleep(0.05)
        with self.lock:
            self.key, self.due = NEW_KEY, False
            self.refreshes += 1


class RotatingPlugin:
    def __init__(self, credentials: Rotating) -> None:
        self.credentials = credentials

    @hookimpl
    def claude_credentials(self) -> Rotating:
        return self.credentials

    @hookimpl
    def claude_sign_request(self, request: httpx.Request, credentials: Any) -> Optional[httpx.Request]:
        if not isinstance(credentials, Rotating):
            return None
        request.headers["x-api-key"] = credentials.key
        return request


@pytest.fixture
def rotated(deployment: Callable[[str], Emulator]) -> Emulator:
    return deployment(NEW_KEY)


def rotating_client(api: Api, server: Emulator, credentials: Rotating, **kwargs: Any) -> Any:
    assert isinstance(credentials, RefreshableCredentials)
    return api.make(api_key=None, base_url=server.base_url, plugins=[RotatingPlugin(credentials)], **kwargs)


def test_due_credentials_are_refreshed_before_the_attempt(api: Api, rotated: Emulator) -> None:
    credentials = Rotating("sk-expired", due=True)
    client = rotating_client(api, rotated, credentials)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert credentials.refreshes == 1 and len(rotated.requests) == 1
    assert rotated.requests[0].headers["x-api-key"] == NEW_KEY


def test_a_401_refreshes_once_and_repeats_the_attempt(api: Api, rotated: Emulator) -> None:
    credentials = Rotating("sk-revoked")
    log: List[Any] = []
    client = rotating_client(api, rotated, credentials, max_retries=0, provider_options={"observer": log})
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message.content[0].text.startswith("Echo:")
    assert [r.headers["x-api-key"] for r in rotated.requests] == ["sk-revoked", NEW_KEY]
    assert credentials.refreshes == 1
    if api.is_async:
        assert credentials.threads[0] != threading.get_ident()
    attempts = [entry for kind, entry in log if kind == "attempt"]
    assert [(a.number, a.response.status_code) for a in attempts] == [(0, 401), (1, 200)]
    assert log[-1][1].attempts == 2


def test_a_second_401_is_raised(api: Api, rotated: Emulator) -> None:
    credentials = Rotating("sk-revoked")
    client = rotating_client(api, rotated, credentials)
    rotated.enqueue(status=401)
    rotated.enqueue(status=401)
    with pytest.raises(claude_core.AuthenticationError):
        api(lambda c: c.messages.create(**PARAMS), client)
    assert len(rotated.requests) == 2 and credentials.refreshes == 1


def test_static_credentials_are_not_repeated_after_a_401(api: Api, rotated: Emulator) -> None:
    client = api.make(api_key="sk-wrong", base_url=rotated.base_url)  # rotated accepts NEW_KEY only
    with pytest.raises(claude_core.AuthenticationError):
        api(lambda c: c.messages.create(**PARAMS), client)
    assert len(rotated.requests) == 1


def test_concurrent_401s_share_one_refresh(rotated: Emulator) -> None:
    credentials = Rotating("sk-revoked")

    async def main() -> None:
        client = claude_core.AsyncAnthropic(
            base_url=rotated.base_url, api_key=None, plugins=[RotatingPlugin(credentials)]
        )
        await client.messages.create(**PARAMS)  # resolve the credentials first
        credentials.key = "sk-revoked-again"
        await asyncio.gather(*[client.messages.create(**PARAMS) for _ in range(8)])
        await client.close()

    asyncio.run(main())
    assert credentials.refreshes == 2  # the first call's, then one for the eight
    assert len(rotated.requests) == 2 + 16


class Places:
    """A credentials plugin that finds nothing, and says where it looked (for ``anthropic`` only)."""

    def __init__(self, place: str) -> None:
        self.place = place

    @hookimpl
    def claude_credentials(self) -> None:
        return None

    @hookimpl
    def claude_credential_places(self, provider: Any) -> Optional[str]:
        return self.place if provider.name == "anthropic" else None


class Silent:
    @hookimpl
    def claude_credential_places(self) -> None:
        return None


class PassThroughSigner:
    """A signer for other credentials: the request reaches the core's check through the hook."""

    @hookimpl
    def claude_sign_request(self, credentials: Any) -> None:
        return None


@pytest.mark.parametrize("signer", [False, True], ids=["built-in signer", "another signer"])
def test_no_credentials_lists_every_place_looked(api: Api, signer: bool) -> None:
    plugins: List[Any] = [Places("the test vault (path 'claude/api-key')"), Silent()]
    client = api.make(api_key=None, plugins=plugins + ([PassThroughSigner()] if signer else []))
    with pytest.raises(claude_core.MissingCredentialsError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    message = str(caught.value)
    looked, advice = message.split("): ")
    prefix = "no credentials for the 'anthropic' provider (looked in: "
    assert looked.startswith(prefix)
    places = looked[len(prefix) :].split("; ")  # installed plugins (a keyring) may add theirs
    assert places[:3] == ["the api_key= and auth_token= arguments", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"]
    assert "the test vault (path 'claude/api-key')" in places[3:] and "None" not in message
    assert (
        advice == "pass api_key= (or auth_token=) to the client, set ANTHROPIC_API_KEY, or install a credentials plugin"
    )
    assert api.emulator.requests == []


def test_an_auth_header_of_the_callers_own_needs_no_credentials(api: Api) -> None:
    client = api.make(api_key=None, default_headers={"x-api-key": api.emulator.api_key}, plugins=[Places("x")])
    api(lambda c: c.messages.create(**PARAMS), client)
    assert api.emulator.requests[-1].headers["x-api-key"] == api.emulator.api_key


class Declining:
    """A signer that signs nothing: the client asks every signer on its first requests, then settles."""

    @hookimpl(tryfirst=True)
    def claude_sign_request(self, request: httpx.Request) -> Optional[httpx.Request]:
        return None


def test_every_first_request_is_signed_while_threads_settle_the_signer(emulator: Emulator) -> None:
    emulator.reset()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns between any two lines: a flag read twice shows it
    try:
        _first_requests_from_threads(emulator)
    finally:
        sys.setswitchinterval(interval)
    assert all(request.headers.get("x-api-key") == emulator.api_key for request in emulator.requests)


def _first_requests_from_threads(emulator: Emulator) -> None:
    from concurrent.futures import ThreadPoolExecutor

    for _ in range(10):  # each client starts with its signer unsettled
        client = claude_core.Anthropic(
            api_key=emulator.api_key, base_url=emulator.base_url, plugins=[Declining()], max_retries=0
        )
        with client, ThreadPoolExecutor(8) as pool:
            calls = [pool.submit(client.messages.create, model=MODEL, max_tokens=8, messages=USER) for _ in range(8)]
            for call in calls:
                assert call.result().content  # a request built unsigned would be a 401
