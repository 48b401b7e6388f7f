"""Authentication and the anthropic-version header, on every endpoint."""

from __future__ import annotations

from typing import Dict

import httpx
import pytest
from claude_emulator import EMULATOR_AUTH_TOKEN, EmulatorApp, EmulatorTransport

from .conftest import message_body

ENDPOINTS = [("POST", "/v1/messages"), ("POST", "/v1/messages/count_tokens"), ("GET", "/v1/models"), ("GET", "/v1/x")]


def _send(client: httpx.Client, method: str, path: str, headers: Dict[str, str]) -> httpx.Response:
    body = message_body() if method == "POST" else None
    return client.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_missing_key(client: httpx.Client, method: str, path: str) -> None:
    client.headers.pop("x-api-key")
    response = _send(client, method, path, {})
    assert response.status_code == 401
    body = response.json()
    assert body == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "x-api-key header is required"},
        "request_id": response.headers["request-id"],
    }


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_wrong_key(client: httpx.Client, method: str, path: str) -> None:
    response = _send(client, method, path, {"x-api-key": "sk-ant-wrong"})
    assert response.status_code == 401
    assert response.json()["error"] == {"type": "authentication_error", "message": "invalid x-api-key"}


def test_bearer_token(client: httpx.Client) -> None:
    client.headers.pop("x-api-key")
    ok = _send(client, "POST", "/v1/messages", {"authorization": f"Bearer {EMULATOR_AUTH_TOKEN}"})
    assert ok.status_code == 200
    bad = _send(client, "POST", "/v1/messages", {"authorization": "Bearer nope"})
    assert bad.status_code == 401
    assert bad.json()["error"]["type"] == "authentication_error"


def test_missing_version(client: httpx.Client) -> None:
    client.headers.pop("anthropic-version")
    response = _send(client, "POST", "/v1/messages", {})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "message": "anthropic-version: header is required",
    }


def test_custom_keys_and_no_auth() -> None:
    custom = httpx.Client(base_url="http://e", transport=EmulatorTransport(EmulatorApp(api_keys=["k1"])))
    assert custom.get("/v1/models", headers={"x-api-key": "k1", "anthropic-version": "2023-06-01"}).status_code == 200
    open_app = httpx.Client(base_url="http://e", transport=EmulatorTransport(EmulatorApp(require_auth=False)))
    assert open_app.get("/v1/models").status_code == 200
