"""Secrets never print: the Secret type, the credentials holding them, and the request errors keep."""

from __future__ import annotations

import copy
import pickle

import httpx
import pytest

import claude_core
from claude_core.credentials import APIKeyCredentials, Secret

KEY = "sk-ant-secret-0123"


def test_a_secret_shows_only_redacted() -> None:
    secret = Secret(KEY)
    assert (repr(secret), str(secret), f"{secret}", "{}".format(secret)) == (  # noqa: UP032
        "Secret('<redacted>')",
        "<redacted>",
        "<redacted>",
        "<redacted>",
    )
    assert secret.get_secret_value() == KEY
    assert secret == Secret(KEY) and hash(secret) == hash(Secret(KEY)) and secret != Secret("other")
    assert secret != KEY  # a secret never equals a str
    assert bool(secret) and not Secret("")
    assert copy.copy(secret) is secret and copy.deepcopy(secret) is secret
    with pytest.raises(TypeError, match="not pickled"):
        pickle.dumps(secret)
    with pytest.raises(TypeError, match="takes a str"):
        Secret(b"bytes")  # type: ignore[arg-type]


def test_api_key_credentials_take_str_and_hold_secrets() -> None:
    credentials = APIKeyCredentials(api_key=KEY, auth_token=Secret("tok"))
    assert credentials.api_key == Secret(KEY) and credentials.auth_token == Secret("tok")
    assert credentials == APIKeyCredentials(api_key=Secret(KEY), auth_token="tok")
    assert credentials != APIKeyCredentials(api_key=KEY)
    assert repr(credentials) == "APIKeyCredentials(api_key='<redacted>', auth_token='<redacted>')"
    assert repr(APIKeyCredentials()) == "APIKeyCredentials(api_key=None, auth_token=None)"
    with pytest.raises(AttributeError):
        credentials.api_key = Secret("other")  # type: ignore[misc]


def test_callable_keys_never_show_in_options() -> None:
    client = claude_core.Anthropic(api_key=lambda: KEY, auth_token="tok-" + KEY)
    options = repr(client.options)
    assert KEY not in options + repr(client) and "api_key_callable='<redacted>'" in options


def request_with_secrets() -> httpx.Request:
    headers = {"x-api-key": KEY, "authorization": f"Bearer {KEY}", "x-team": "search"}
    return httpx.Request("POST", "https://api.example/v1/messages", headers=headers, content=b'{"a": 1}')


def test_errors_keep_a_redacted_copy_of_the_request() -> None:
    request = request_with_secrets()
    response = httpx.Response(401, json={"error": {"type": "authentication_error"}}, request=request)
    error = claude_core.AuthenticationError("Error code: 401", response=response, body=response.json())
    for kept in (error.request, error.response.request):
        assert isinstance(kept, httpx.Request) and kept.method == "POST" and str(kept.url) == str(request.url)
        assert kept.headers["x-api-key"] == kept.headers["authorization"] == "<redacted>"
        assert kept.headers["x-team"] == "search" and kept.content == b'{"a": 1}'
    assert request.headers["x-api-key"] == KEY  # the request that was sent is left as it was
    timeout = claude_core.APITimeoutError(request)
    assert KEY not in repr(timeout.request.headers) + str(timeout)


def test_a_request_without_secrets_is_kept_as_it_is() -> None:
    request = httpx.Request("GET", "https://api.example/v1/models")
    assert claude_core.APIConnectionError(request=request).request is request
