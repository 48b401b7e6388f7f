"""Authentication and the anthropic-version header, on every endpoint.

By default any non-empty key or bearer token is accepted; ``api_keys=`` / ``auth_tokens=``
(``--api-key`` / ``--auth-token`` on the command line) accept only the given ones.
"""

from __future__ import annotations

from typing import Dict, Iterator

import httpx
import pytest
from claude_emulator import EMULATOR_API_KEY, EMULATOR_AUTH_TOKEN, Emulator, EmulatorApp, EmulatorTransport

import claude_core

from .conftest import MODEL, message_body

ENDPOINTS = [
    ("POST", "/v1/messages"),
    ("POST", "/v1/messages/count_tokens"),
    ("POST", "/v1/complete"),
    ("GET", "/v1/models"),
    ("GET", "/v1/x"),
]
VERSION = {"anthropic-version": "2023-06-01"}


def _send(client: httpx.Client, method: str, path: str, headers: Dict[str, str]) -> httpx.Response:
    body = message_body() if method == "POST" else None
    return client.request(method, path, json=body, headers=headers)


def _missing_key_body(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "x-api-key header is required"},
        "request_id": response.headers["request-id"],
    }


@pytest.fixture(scope="module")
def strict() -> Iterator[Emulator]:
    """A server that accepts only ``sk-ant-strict`` (or the bearer token ``tok-strict``)."""
    with Emulator(api_keys=["sk-ant-strict"], auth_tokens=["tok-strict"]) as emu:
        yield emu


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_missing_key(client: httpx.Client, method: str, path: str) -> None:
    client.headers.pop("x-api-key")
    _missing_key_body(_send(client, method, path, {}))


@pytest.mark.parametrize("headers", [{"x-api-key": ""}, {"authorization": "Bearer"}, {"authorization": ""}])
def test_empty_credentials_are_missing(client: httpx.Client, headers: Dict[str, str]) -> None:
    client.headers.pop("x-api-key")
    response = _send(client, "GET", "/v1/models", headers)
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"


@pytest.mark.parametrize("key", ["sk-ant-api03-a-real-looking-key", "anything", EMULATOR_API_KEY])
def test_any_key_is_accepted_by_default(client: httpx.Client, key: str) -> None:
    response = client.post("/v1/messages", json=message_body("any key"), headers={"x-api-key": key})
    assert response.status_code == 200, response.text
    assert response.json()["content"][0]["text"] == "Echo: any key"


@pytest.mark.parametrize("token", ["sk-ant-oat01-some-oauth-token", EMULATOR_AUTH_TOKEN])
def test_any_bearer_token_is_accepted_by_default(client: httpx.Client, token: str) -> None:
    client.headers.pop("x-api-key")
    response = client.post("/v1/messages", json=message_body(), headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    bad = client.post("/v1/messages", json=message_body(), headers={"authorization": f"Basic {token}"})
    assert bad.status_code == 401
    assert bad.json()["error"] == {"type": "authentication_error", "message": "invalid bearer token"}


@pytest.mark.filterwarnings("ignore:claude_core skipped plugins")  # the core's deliberately broken test plugin
def test_sdk_client_with_its_own_key(emu: Emulator) -> None:
    """Code that already holds a production key runs unchanged against the default emulator."""
    with claude_core.Anthropic(api_key="sk-ant-api03-production", base_url=emu.base_url) as client:
        message = client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "hi"}])
    assert message.content[0].text == "Echo: hi"  # type: ignore[union-attr]
    assert emu.requests[-1].headers["x-api-key"] == "sk-ant-api03-production"


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_strict_wrong_key(strict: Emulator, method: str, path: str) -> None:
    with httpx.Client(base_url=strict.base_url, headers={**VERSION, "x-api-key": "sk-ant-wrong"}) as http:
        response = _send(http, method, path, {})
    assert response.status_code == 401
    assert response.json() == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        "request_id": response.headers["request-id"],
    }


def test_strict_keys_and_tokens(strict: Emulator) -> None:
    assert (strict.api_key, strict.auth_token, strict.app.strict) == ("sk-ant-strict", "tok-strict", True)
    with httpx.Client(base_url=strict.base_url, headers=VERSION) as http:
        assert http.get("/v1/models", headers={"x-api-key": "sk-ant-strict"}).status_code == 200
        assert http.get("/v1/models", headers={"authorization": "Bearer tok-strict"}).status_code == 200
        wrong = http.get("/v1/models", headers={"authorization": "Bearer tok-wrong"})
        assert wrong.status_code == 401
        assert wrong.json()["error"] == {"type": "authentication_error", "message": "invalid bearer token"}
        _missing_key_body(http.get("/v1/models"))


@pytest.mark.filterwarnings("ignore:claude_core skipped plugins")
def test_strict_through_the_sdk(strict: Emulator) -> None:
    client = claude_core.Anthropic(api_key="sk-ant-wrong", base_url=strict.base_url, max_retries=0)
    with client, pytest.raises(claude_core.AuthenticationError) as caught:
        client.models.list()
    assert caught.value.status_code == 401
    assert caught.value.body["error"]["message"] == "invalid x-api-key"  # type: ignore[index]


def test_strict_keys_only_reject_every_bearer_token() -> None:
    app = EmulatorApp(api_keys=["k1", "k2"])
    with httpx.Client(base_url="http://e", headers=VERSION, transport=EmulatorTransport(app)) as http:
        assert [http.get("/v1/models", headers={"x-api-key": k}).status_code for k in ("k1", "k2", "k3")] == [
            200,
            200,
            401,
        ]
        assert http.get("/v1/models", headers={"authorization": "Bearer k1"}).status_code == 401


def test_strict_can_be_switched_on_at_runtime() -> None:
    app = EmulatorApp()
    http = httpx.Client(base_url="http://e", headers={**VERSION, "x-api-key": "old"}, transport=EmulatorTransport(app))
    with http:
        assert http.get("/v1/models").status_code == 200
        app.api_keys = ("new",)
        assert http.get("/v1/models").status_code == 401
        assert http.get("/v1/models", headers={"x-api-key": "new"}).status_code == 200


def test_bad_credential_lists() -> None:
    with pytest.raises(TypeError, match="api_keys"):
        EmulatorApp(api_keys="sk-one-string")
    with pytest.raises(ValueError, match="auth_tokens"):
        EmulatorApp(auth_tokens=[""])
    with pytest.raises(TypeError, match="api_keys"):
        Emulator(EmulatorApp(), api_keys=["k"])


def test_missing_version(client: httpx.Client) -> None:
    client.headers.pop("anthropic-version")
    response = _send(client, "POST", "/v1/messages", {})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "message": "anthropic-version: header is required",
    }


def test_no_auth() -> None:
    open_app = httpx.Client(base_url="http://e", transport=EmulatorTransport(EmulatorApp(require_auth=False)))
    with open_app:
        assert open_app.get("/v1/models").status_code == 200
