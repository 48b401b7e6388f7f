"""The Google service-account flow over real HTTP: google-auth signs a JWT assertion, the
emulator's token endpoint verifies it and grants an access token, the Vertex routes accept
only tokens it granted and still valid.

A token is fetched before the first request and reused until it is about to expire;
concurrent requests share one fetch; the async client fetches in a worker thread while its
event loop keeps running; a refused token is replaced once and the attempt repeated.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar, List, Tuple

import pytest
from claude_emulator import Emulator
from google.auth import _helpers
from google.oauth2 import service_account
from vertex_support import (  # noqa: F401
    MESSAGES,
    MODEL,
    PROJECT,
    REGION,
    emulator_fixture,
    emulator_server_fixture,
    google_env_fixture,
    key_file_fixture,
    vertex_url,
)

from claude_core import AuthenticationError, PluginError
from provider_vertex import AnthropicVertex, AsyncAnthropicVertex

SCOPES = ["https://www.googleapis.com/auth/cloud-platform"]
CONCURRENT = 50


def bearer(request: Any) -> str:
    value: str = request.headers["authorization"]
    assert value.startswith("Bearer ")
    return value


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_application_default_credentials_fetch_once_and_reuse(
    emulator: Emulator, key_file: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))  # ADC: project and key from the file
    monkeypatch.setenv("CLOUD_ML_REGION", REGION)
    if mode == "sync":
        client = AnthropicVertex(base_url=vertex_url(emulator))
        for _ in range(2):
            assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
        with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
            assert stream.get_final_text()
        assert client.project_id == PROJECT and isinstance(client.credentials, service_account.Credentials)
    else:

        async def main() -> None:
            async with AsyncAnthropicVertex(base_url=vertex_url(emulator)) as client:
                for _ in range(2):
                    assert (await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)).content
                async with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
                    assert await stream.get_final_text()

        asyncio.run(main())
    assert emulator.vertex_token_grants == 1
    assert len({bearer(request) for request in emulator.requests}) == 1
    assert all(f"/projects/{PROJECT}/locations/{REGION}/" in request.path for request in emulator.requests)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_token_about_to_expire_is_refreshed(emulator: Emulator, tmp_path: Path, mode: str) -> None:
    """Tokens valid one second longer than google-auth's threshold: fresh, then due a refresh."""
    lifetime = int(_helpers.REFRESH_THRESHOLD.total_seconds()) + 1
    key = emulator.vertex_service_account(tmp_path / "short.json", token_lifetime=lifetime)
    credentials = service_account.Credentials.from_service_account_file(str(key), scopes=SCOPES)
    options = {"region": REGION, "credentials": credentials, "base_url": vertex_url(emulator)}

    def calls(client: Any) -> List[int]:
        grants = []
        for pause in (0.0, 0.0, 1.2):
            time.sleep(pause)
            assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
            grants.append(emulator.vertex_token_grants)
        return grants

    if mode == "sync":
        grants = calls(AnthropicVertex(**options))
    else:

        async def main() -> List[int]:
            grants = []
            async with AsyncAnthropicVertex(**options) as client:
                for pause in (0.0, 0.0, 1.2):
                    await asyncio.sleep(pause)
                    assert (await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)).content
                    grants.append(emulator.vertex_token_grants)
            return grants

        grants = asyncio.run(main())
    assert grants == [1, 1, 2]
    first, second, third = (bearer(request) for request in emulator.requests)
    assert first == second != third


class SlowCredentials(service_account.Credentials):  # type: ignore[misc]
    """Service-account credentials behind a slow token endpoint: each refresh takes half a second."""

    threads: ClassVar[List[int]] = []
    #: (start, end) on the monotonic clock of each slow part
    pauses: ClassVar[List[Tuple[float, float]]] = []

    def refresh(self, request: Any) -> None:
        SlowCredentials.threads.append(threading.get_ident())
        start = time.monotonic()
        time.sleep(0.5)
        SlowCredentials.pauses.append((start, time.monotonic()))
        super().refresh(request)


def test_concurrent_async_requests_share_one_refresh_off_the_event_loop(emulator: Emulator, key_file: Path) -> None:
    SlowCredentials.threads, SlowCredentials.pauses = [], []
    credentials = SlowCredentials.from_service_account_file(str(key_file), scopes=SCOPES)
    ticks: List[float] = []

    async def ticker(stop: asyncio.Event) -> None:
        while not stop.is_set():
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    async def main() -> List[Any]:
        stop = asyncio.Event()
        ticking = asyncio.create_task(ticker(stop))
        async with AsyncAnthropicVertex(
            region=REGION, credentials=credentials, base_url=vertex_url(emulator)
        ) as client:
            calls = [client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES) for _ in range(CONCURRENT)]
            messages = await asyncio.gather(*calls)
        stop.set()
        await ticking
        return messages

    loop_thread = threading.get_ident()  # asyncio.run runs the loop in this thread
    messages = asyncio.run(main())
    assert all(message.content for message in messages)
    assert emulator.vertex_token_grants == 1 and len(SlowCredentials.threads) == 1
    assert loop_thread not in SlowCredentials.threads, "the refresh ran on the event loop"
    # the loop kept running while the refresh slept: a refresh on the loop would leave no tick inside it
    ((start, end),) = SlowCredentials.pauses
    during = [tick for tick in ticks if start < tick < end]
    assert len(during) >= 5, f"the event loop ticked {len(during)} times during the 0.5 s refresh"
    assert len(emulator.requests) == CONCURRENT
    assert len({bearer(request) for request in emulator.requests}) == 1


def test_concurrent_threads_share_one_refresh(emulator: Emulator, key_file: Path) -> None:
    SlowCredentials.threads = []
    credentials = SlowCredentials.from_service_account_file(str(key_file), scopes=SCOPES)
    client = AnthropicVertex(region=REGION, credentials=credentials, base_url=vertex_url(emulator))
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        calls = [
            pool.submit(client.messages.create, model=MODEL, max_tokens=16, messages=MESSAGES)
            for _ in range(CONCURRENT)
        ]
        assert all(call.result().content for call in calls)
    assert emulator.vertex_token_grants == 1 and len(SlowCredentials.threads) == 1
    assert len({bearer(request) for request in emulator.requests}) == 1


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_refused_token_forces_one_refresh(emulator: Emulator, key_file: Path, mode: str) -> None:
    """google-auth holds a token it thinks valid for an hour; Vertex AI refuses it (revoked)."""
    credentials = service_account.Credentials.from_service_account_file(str(key_file), scopes=SCOPES)
    credentials.token = "revoked-token"
    credentials.expiry = _helpers.utcnow() + datetime.timedelta(hours=1)
    options = {"region": REGION, "credentials": credentials, "base_url": vertex_url(emulator), "max_retries": 0}
    if mode == "sync":
        message = AnthropicVertex(**options).messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    else:

        async def main() -> Any:
            async with AsyncAnthropicVertex(**options) as client:
                return await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)

        message = asyncio.run(main())
    assert message.content
    refused, repeated = emulator.requests
    assert bearer(refused) == "Bearer revoked-token" and bearer(repeated) == f"Bearer {credentials.token}"
    assert emulator.vertex_token_grants == 1


def test_a_second_refusal_is_raised(emulator: Emulator) -> None:
    calls: List[str] = []

    def token() -> str:
        calls.append("called")
        return "never-valid"

    client = AnthropicVertex(
        region=REGION, project_id=PROJECT, access_token=token, base_url=vertex_url(emulator), max_retries=2
    )
    with pytest.raises(AuthenticationError) as info:
        client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert info.value.type == "UNAUTHENTICATED"
    assert len(emulator.requests) == 2 and len(calls) == 2  # one refresh per call, 401s are not retried


def test_a_key_the_token_endpoint_refuses(emulator: Emulator, tmp_path: Path) -> None:
    with Emulator() as other:  # a key registered with another emulator: its assertion does not verify here
        foreign = json.loads(other.vertex_service_account(tmp_path / "foreign.json").read_text())
    foreign["token_uri"] = emulator.token_uri
    credentials = service_account.Credentials.from_service_account_info(foreign, scopes=SCOPES)
    client = AnthropicVertex(region=REGION, credentials=credentials, base_url=vertex_url(emulator))
    with pytest.raises(PluginError, match="invalid_grant") as info:
        client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert info.value.hook == "credentials.refresh"
    assert emulator.requests == [] and emulator.vertex_token_grants == 0


def test_the_async_client_finds_adc_and_its_project_off_the_event_loop(
    emulator: Emulator, key_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No project_id given: the project comes from the Application Default Credentials, which
    are looked for (files, gcloud, the metadata server) in a worker thread, never on the loop."""
    import google.auth

    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    monkeypatch.setenv("CLOUD_ML_REGION", REGION)
    found_on: List[int] = []
    default = google.auth.default

    def recording_default(*args: Any, **kwargs: Any) -> Any:
        found_on.append(threading.get_ident())
        return default(*args, **kwargs)

    monkeypatch.setattr(google.auth, "default", recording_default)

    async def main() -> int:
        async with AsyncAnthropicVertex(base_url=vertex_url(emulator)) as client:
            assert (await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)).content
        return threading.get_ident()

    loop_thread = asyncio.run(main())
    assert len(found_on) == 1 and found_on[0] != loop_thread
    assert f"/projects/{PROJECT}/locations/{REGION}/" in emulator.requests[-1].path
