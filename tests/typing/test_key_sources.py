"""Runs ``key_sources_module.py`` against the emulator: each typed rotating key does what its types say."""

from __future__ import annotations

import asyncio

from claude_emulator import Emulator

from claude_core import APIKeyCredentials

from . import key_sources_module as keys

MODEL = "claude-sonnet-4-5"


def test_sync_callables(emulator: Emulator) -> None:
    for client in (
        keys.sync_client(lambda: emulator.api_key, emulator.base_url),
        keys.expiring_client(emulator.api_key, emulator.base_url),
    ):
        with client:
            assert keys.key_in_use(client) is None
            client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "Hi"}])
            assert keys.key_in_use(client) == emulator.api_key
    assert [request.headers["x-api-key"] for request in emulator.requests] == [emulator.api_key] * 2


def test_async_callables(emulator: Emulator) -> None:
    async def main() -> None:
        for client in (keys.async_client("sk-ant-a", emulator.base_url), keys.token_client("tok-a", emulator.base_url)):
            async with client:
                await client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "Hi"}])

    asyncio.run(main())
    first, second = emulator.requests
    assert first.headers["x-api-key"] == "sk-ant-a" and second.headers["authorization"] == "Bearer tok-a"


def test_secrets_read_back() -> None:
    assert keys.revealed(APIKeyCredentials(api_key="sk-ant-b").api_key) == "sk-ant-b"
    assert keys.revealed(None) == ""
