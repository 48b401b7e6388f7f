"""EmulatorTransport in an httpx.AsyncClient (the sync client is covered by every ``client`` test)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from claude_emulator import EmulatorApp, EmulatorTransport

from .conftest import HEADERS, message_body


def test_async_client() -> None:
    app = EmulatorApp()

    async def main() -> None:
        async with httpx.AsyncClient(base_url="http://e", headers=HEADERS, transport=EmulatorTransport(app)) as http:
            response = await http.post("/v1/messages", json=message_body("async"))
            assert response.json()["content"][0]["text"] == "Echo: async"
            app.enqueue(status=529, headers={"retry-after": "1"})
            response = await http.get("/v1/models")
            assert (response.status_code, response.headers["retry-after"]) == (529, "1")
            app.enqueue(delay=0.2)
            started = time.monotonic()
            await http.get("/v1/models")
            assert time.monotonic() - started >= 0.15
            app.enqueue(drop=True)
            with pytest.raises(httpx.RemoteProtocolError, match="Server disconnected"):
                await http.get("/v1/models")

    asyncio.run(main())
    assert [r.path for r in app.requests] == ["/v1/messages", "/v1/models", "/v1/models", "/v1/models"]


def test_sync_drop_and_default_app() -> None:
    transport = EmulatorTransport()
    transport.app.enqueue(drop=True)
    with httpx.Client(transport=transport) as http, pytest.raises(httpx.RemoteProtocolError):
        http.get("http://e/v1/models")
    assert len(transport.app.requests) == 1
