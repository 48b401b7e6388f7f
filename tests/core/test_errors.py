"""Every error status maps to its class, with the server's type and message."""

from __future__ import annotations

from typing import Type

import pytest
from claude_emulator import Emulator

import claude_core
from claude_core import errors
from tests.conftest import MODEL, USER, Api

CASES = [
    (400, "invalid_request_error", errors.BadRequestError),
    (401, "authentication_error", errors.AuthenticationError),
    (403, "permission_error", errors.PermissionDeniedError),
    (404, "not_found_error", errors.NotFoundError),
    (409, "invalid_request_error", errors.ConflictError),
    (413, "request_too_large", errors.RequestTooLargeError),
    (422, "invalid_request_error", errors.UnprocessableEntityError),
    (429, "rate_limit_error", errors.RateLimitError),
    (500, "api_error", errors.InternalServerError),
    (502, "api_error", errors.InternalServerError),
    (529, "overloaded_error", errors.OverloadedError),
    (418, "teapot_error", errors.APIStatusError),
]


@pytest.mark.parametrize(("status", "error_type", "cls"), CASES)
def test_status_maps_to_class(api: Api, status: int, error_type: str, cls: Type[Exception]) -> None:
    body = {"type": "error", "error": {"type": error_type, "message": f"boom {status}"}, "request_id": "req_x"}
    api.emulator.enqueue(status=status, json=body, headers={"request-id": "req_err_1"})
    client = api.make(max_retries=0)
    with pytest.raises(cls) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)
    error = caught.value
    assert type(error) is cls
    assert isinstance(error, claude_core.APIStatusError)
    assert error.status_code == status
    assert error.body == body
    assert error.type == error_type
    assert error.request_id == "req_err_1"
    assert f"boom {status}" in str(error) and error_type in str(error)
    assert len(api.emulator.requests) == 1


def test_errors_are_exported_at_top_level() -> None:
    for name in errors.__all__:
        if name[0].isupper():
            assert getattr(claude_core, name) is getattr(errors, name)


def test_real_validation_error_from_the_emulator(api: Api) -> None:
    with pytest.raises(claude_core.BadRequestError) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=[]))
    assert caught.value.body["error"]["type"] == "invalid_request_error"


def test_wrong_key_is_authentication_error_without_leaking_the_key(api: Api) -> None:
    with Emulator(api_keys=["sk-ant-the-right-key"]) as strict:  # checks keys, as the API does
        client = api.make(api_key="sk-ant-wrong-secret-value", base_url=strict.base_url)
        with pytest.raises(claude_core.AuthenticationError) as caught:
            api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)
    assert "sk-ant-wrong-secret-value" not in str(caught.value)
    assert "sk-ant-wrong-secret-value" not in repr(caught.value)
    assert "sk-ant-wrong-secret-value" not in repr(client) + repr(client.options)


def test_no_credentials_is_a_clear_error(api: Api) -> None:
    client = api.make(api_key=None)
    with pytest.raises(claude_core.MissingCredentialsError, match="ANTHROPIC_API_KEY"):
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)
    assert api.emulator.requests == []


def test_non_json_error_body(api: Api) -> None:
    api.emulator.enqueue(status=502, body=b"<html>bad gateway</html>")
    client = api.make(max_retries=0)
    with pytest.raises(claude_core.InternalServerError) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)
    assert caught.value.body == "<html>bad gateway</html>"
