"""The fault queue and request recording, over real HTTP and in-process."""

from __future__ import annotations

import time

import httpx
import pytest
from claude_emulator import Emulator

from .conftest import message_body


def test_requests_are_recorded(client: httpx.Client, emu: Emulator) -> None:
    client.post("/v1/messages", params={"beta": "true"}, json=message_body("hi"), headers={"anthropic-beta": "a,b"})
    client.get("/v1/models", params={"limit": 2})
    first, second = emu.requests
    assert (first.method, first.path, first.query) == ("POST", "/v1/messages", {"beta": "true"})
    assert first.headers["Anthropic-Beta"] == "a,b"  # case-insensitive
    assert first.json() == message_body("hi")
    assert (second.method, second.path, second.query, second.body) == ("GET", "/v1/models", {"limit": "2"}, b"")


def test_status_and_headers_are_delivered(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(status=429, headers={"retry-after": "3"})
    response = client.post("/v1/messages", json=message_body())
    assert response.status_code == 429
    assert response.headers["retry-after"] == "3"
    body = response.json()
    assert body["type"] == "error" and body["error"]["type"] == "rate_limit_error"
    assert body["request_id"] == response.headers["request-id"]
    assert client.post("/v1/messages", json=message_body()).status_code == 200
    assert len(emu.requests) == 2


def test_faults_are_fifo_and_apply_to_any_endpoint(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(status=529)
    emu.enqueue(status=500, json={"custom": True})
    emu.enqueue(status=200, body=b"raw", headers={"content-type": "text/plain"})
    first = client.get("/v1/models")
    second = client.post("/v1/messages", json=message_body())
    third = client.get("/v1/models/whatever")
    assert (first.status_code, first.json()["error"]["type"]) == (529, "overloaded_error")
    assert (second.status_code, second.json()) == (500, {"custom": True})
    assert (third.status_code, third.text, third.headers["content-type"]) == (200, "raw", "text/plain")
    assert client.get("/v1/models").status_code == 200


def test_fault_without_status_keeps_normal_reply(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(headers={"x-extra": "1"})
    response = client.post("/v1/messages", json=message_body("x"))
    assert response.status_code == 200
    assert response.headers["x-extra"] == "1"
    assert response.json()["content"][0]["text"] == "Echo: x"


def test_delay(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(delay=0.3)
    started = time.monotonic()
    assert client.get("/v1/models").status_code == 200
    assert time.monotonic() - started >= 0.25
    started = time.monotonic()
    client.get("/v1/models")
    assert time.monotonic() - started < 0.25


def test_delay_can_time_out(emu: Emulator) -> None:
    emu.enqueue(delay=1.0)
    with httpx.Client(base_url=emu.base_url, timeout=0.1) as http, pytest.raises(httpx.ReadTimeout):
        http.get("/v1/models")


def test_drop(client: httpx.Client, emu: Emulator) -> None:
    client.get("/v1/models")  # a kept-alive connection gets dropped too
    emu.enqueue(drop=True)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v1/messages", json=message_body())
    assert client.post("/v1/messages", json=message_body()).status_code == 200
    assert len(emu.requests) == 3


def test_reset(emu: Emulator) -> None:
    emu.enqueue(status=500)
    with httpx.Client(base_url=emu.base_url) as http:
        http.get("/v1/models")
    emu.enqueue(status=500)
    emu.reset()
    assert emu.requests == []
    with httpx.Client(base_url=emu.base_url) as http:
        assert http.get("/v1/models").status_code == 401  # no fault left, no credentials


def test_json_and_body_are_exclusive(emu: Emulator) -> None:
    with pytest.raises(ValueError):
        emu.enqueue(status=200, json={}, body=b"{}")
