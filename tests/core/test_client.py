"""Client options, copies, closing, logging, custom httpx clients, the in-process emulator provider."""

from __future__ import annotations

import logging

import httpx
import pytest

import claude_core
from tests.conftest import MODEL, USER, Api


def create(api: Api, client: object = None) -> object:
    return api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)


def test_with_options_shares_the_connection_pool(api: Api) -> None:
    create(api)
    copy = api.client.with_options(max_retries=5, default_headers={"x-copy": "1"})
    assert copy.max_retries == 5 and api.client.max_retries == 2
    create(api, copy)
    assert copy._connection.http_client is api.client._connection.http_client
    assert api.emulator.requests[-1].headers["x-copy"] == "1"
    create(api)
    assert "x-copy" not in api.emulator.requests[-1].headers


def test_set_default_headers_replaces_and_omit_removes(api: Api) -> None:
    client = api.make(default_headers={"x-a": "1", "x-b": "2"})
    replaced = client.copy(set_default_headers={"x-c": "3"})
    create(api, replaced)
    headers = api.emulator.requests[-1].headers
    assert "x-a" not in headers and headers["x-c"] == "3"
    with pytest.raises(ValueError, match="not both"):
        client.copy(default_headers={}, set_default_headers={})
    no_version = api.make(default_headers={"anthropic-version": claude_core.omit})
    with pytest.raises(claude_core.BadRequestError, match="anthropic-version"):
        create(api, no_version)


def test_default_query(api: Api) -> None:
    client = api.make(default_query={"tenant": "t1"})
    create(api, client)
    assert api.emulator.requests[-1].query == {"tenant": "t1"}


def test_bad_options_are_rejected_with_the_parameter_name() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        claude_core.Anthropic(api_key="k", max_retries=-1)
    with pytest.raises(ValueError, match="timeout"):
        claude_core.Anthropic(api_key="k", timeout=0)
    with pytest.raises(TypeError, match=r"http_client=\.\.\.\) takes an httpx\.AsyncClient instance"):
        claude_core.AsyncAnthropic(api_key="k", http_client=httpx.Client())


def test_context_manager_closes_the_pool(emulator) -> None:  # type: ignore[no-untyped-def]
    with claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        create_sync = client.messages.create(model=MODEL, max_tokens=8, messages=USER)
        assert create_sync.content
        http = client._connection.http_client
    assert http is not None and http.is_closed


async def test_async_context_manager_closes_the_pool(emulator) -> None:  # type: ignore[no-untyped-def]
    async with claude_core.AsyncAnthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        message = await client.messages.create(model=MODEL, max_tokens=8, messages=USER)
        assert message.content
        http = client._connection.http_client
    assert http is not None and http.is_closed


def test_custom_http_client_keeps_sdk_defaults(api: Api) -> None:
    seen: list = []

    def hook(request: httpx.Request) -> None:
        seen.append(request.url.path)

    if api.is_async:

        async def ahook(request: httpx.Request) -> None:
            hook(request)

        http = claude_core.DefaultAsyncHttpxClient(event_hooks={"request": [ahook]})
    else:
        http = claude_core.DefaultHttpxClient(event_hooks={"request": [hook]})
    assert http.timeout == claude_core.DEFAULT_TIMEOUT
    client = api.make(http_client=http)
    create(api, client)
    assert seen == ["/v1/messages"]
    assert client.timeout == claude_core.DEFAULT_TIMEOUT


def test_emulator_provider_needs_no_server_and_no_key(api: Api) -> None:
    client = (
        claude_core.AsyncAnthropic(provider="emulator") if api.is_async else claude_core.Anthropic(provider="emulator")
    )
    message = create(api, client)
    assert "Hello there" in message.content[0].text  # type: ignore[attr-defined]
    count = api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER), client)
    assert count.input_tokens == message.usage.input_tokens  # type: ignore[attr-defined]
    assert api.emulator.requests == []
    api.run(client.close())


def test_logging_never_shows_secrets(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    secret = api.emulator.api_key
    with caplog.at_level(logging.DEBUG, logger="claude_core"):
        api.emulator.enqueue(status=500, json={}, headers={"retry-after-ms": "1"})
        create(api)
    text = caplog.text
    assert "Request: POST" in text and "Retrying" in text
    assert secret not in text
    assert "<redacted>" in text


def test_anthropic_log_env_switches_logging_on() -> None:
    import subprocess
    import sys

    code = (
        "import claude_core, logging\n"
        "c = claude_core.Anthropic(provider='emulator', api_key='sk-ant-emulator-key')\n"
        "c.messages.create(model='claude-sonnet-4-5', max_tokens=8, messages=[{'role':'user','content':'hi'}])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"ANTHROPIC_LOG": "debug", "PATH": ""},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Request: POST http://emulator.invalid/v1/messages" in result.stderr
    assert "sk-ant-emulator-key" not in result.stderr


def test_client_properties(api: Api) -> None:
    assert str(api.client.base_url) == api.emulator.base_url + "/"
    assert api.client.api_key == api.emulator.api_key
    assert api.client.default_headers["anthropic-version"] == "2023-06-01"
    assert "sk-" not in repr(api.client)
