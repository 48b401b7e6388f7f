"""What production refuses, the emulator refuses: thinking budgets, tools without a schema,
base64 that does not decode, bodies over 32 MB. Over real HTTP and in-process, and through the
SDK (sync and async), with the API's status, error type and message.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Dict

import httpx
import pytest

import claude_core

from ..conftest import Api
from .conftest import MODEL, message_body
from .errors import error_message

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n not really an image").decode()
BUDGET_MESSAGE = "`max_tokens` must be greater than `thinking.budget_tokens`"
WEATHER = {"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}


def _image(data: str) -> Dict[str, Any]:
    return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}


def _pdf(data: str) -> Dict[str, Any]:
    return {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}}


def _user(*blocks: Dict[str, Any]) -> Any:
    return [{"role": "user", "content": [*blocks, {"type": "text", "text": "What is this?"}]}]


#: (body changes, the start of the 400's message)
REFUSED = {
    "budget under 1024": (
        {"thinking": {"type": "enabled", "budget_tokens": 1023}, "max_tokens": 4096},
        "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
    ),
    "budget equal to max_tokens": (
        {"thinking": {"type": "enabled", "budget_tokens": 2048}, "max_tokens": 2048},
        BUDGET_MESSAGE,
    ),
    "budget over max_tokens": (
        {"thinking": {"type": "enabled", "budget_tokens": 1024}, "max_tokens": 100},
        BUDGET_MESSAGE,
    ),
    "enabled without a budget": (
        {"thinking": {"type": "enabled"}, "max_tokens": 4096},
        "thinking.enabled.budget_tokens: Field required",
    ),
    "budget not an integer": (
        {"thinking": {"type": "enabled", "budget_tokens": "2048"}, "max_tokens": 4096},
        "thinking.enabled.budget_tokens: Input should be a valid integer",
    ),
    "tool without input_schema": (
        {"tools": [WEATHER, {"name": "get_time", "description": "Time"}]},
        "tools.1.custom.input_schema: Field required",
    ),
    "custom-typed tool without input_schema": (
        {"tools": [{"type": "custom", "name": "get_time"}]},
        "tools.0.custom.input_schema: Field required",
    ),
    "image that does not decode": (
        {"messages": _user(_image("not base64!"))},
        "messages.0.content.0.image.source.base64: invalid base64 data",
    ),
    "image with bad padding": (
        {"messages": _user(_image(PNG[:-3]))},
        "messages.0.content.0.image.source.base64: invalid base64 data",
    ),
    "document that does not decode": (
        {"messages": _user(_image(PNG), _pdf("%PDF-1.4"))},
        "messages.0.content.1.document.source.base64: invalid base64 data",
    ),
    "image in a tool result": (
        {
            "messages": [
                {"role": "user", "content": "use get_weather"},
                {
                    "role": "assistant",
                    "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}],
                },
                {
                    "role": "user",
                    "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": [_image("@@@@")]}],
                },
            ],
            "tools": [WEATHER],
        },
        "messages.2.content.0.tool_result.content.0.image.source.base64: invalid base64 data",
    ),
}

#: What production takes and the emulator must take too.
ACCEPTED = {
    "budget of 1024 under max_tokens": {"thinking": {"type": "enabled", "budget_tokens": 1024}, "max_tokens": 1025},
    "budget over max_tokens with interleaved thinking": {
        "thinking": {"type": "enabled", "budget_tokens": 8192},
        "max_tokens": 2048,
    },
    "adaptive thinking needs no budget": {"thinking": {"type": "adaptive"}},
    "server tools need no input_schema": {"tools": [{"type": "web_search_20250305", "name": "web_search"}]},
    "base64 that decodes": {"messages": _user(_image(PNG), _pdf(base64.b64encode(b"%PDF-1.4").decode()))},
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_as_production_refuses(client: httpx.Client, case: str) -> None:
    changes, message = REFUSED[case]
    response = client.post("/v1/messages", json=message_body(**changes))
    assert error_message(response, 400, "invalid_request_error").startswith(message)


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_accepted_as_production_accepts(client: httpx.Client, case: str) -> None:
    headers = {"anthropic-beta": "interleaved-thinking-2025-05-14"} if "interleaved" in case else {}
    response = client.post("/v1/messages", json=message_body(**ACCEPTED[case]), headers=headers)
    assert response.status_code == 200, response.text


def test_interleaved_thinking_is_the_only_way_past_max_tokens(client: httpx.Client) -> None:
    body = message_body(**ACCEPTED["budget over max_tokens with interleaved thinking"])
    response = client.post("/v1/messages", json=body, headers={"anthropic-beta": "files-api-2025-04-14"})
    assert error_message(response, 400, "invalid_request_error").startswith(BUDGET_MESSAGE)


def test_count_tokens_checks_the_budget_floor_but_not_max_tokens(client: httpx.Client) -> None:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}
    low = client.post("/v1/messages/count_tokens", json=dict(body, thinking={"type": "enabled", "budget_tokens": 512}))
    assert "greater than or equal to 1024" in error_message(low, 400, "invalid_request_error")
    ok = client.post("/v1/messages/count_tokens", json=dict(body, thinking={"type": "enabled", "budget_tokens": 9000}))
    assert ok.status_code == 200, ok.text


def test_a_batch_request_is_checked_the_same_way(client: httpx.Client) -> None:
    params = message_body(thinking={"type": "enabled"}, max_tokens=4096)
    batch = client.post("/v1/messages/batches", json={"requests": [{"custom_id": "a", "params": params}]}).json()
    assert client.get(f"/v1/messages/batches/{batch['id']}").json()["processing_status"] == "ended"
    result = json.loads(client.get(f"/v1/messages/batches/{batch['id']}/results").content)["result"]
    assert result["type"] == "errored"
    assert result["error"]["error"] == {
        "type": "invalid_request_error",
        "message": "thinking.enabled.budget_tokens: Field required",
    }


def test_a_body_over_32_mb_is_413_before_it_is_parsed(client: httpx.Client) -> None:
    over = b"{" + b" " * (32 << 20)  # not even JSON: the size is refused first
    response = client.post("/v1/messages", content=over, headers={"content-type": "application/json"})
    message = error_message(response, 413, "request_too_large")
    assert message == "Request exceeds the maximum allowed number of bytes."


def test_a_body_of_32_mb_is_parsed(client: httpx.Client) -> None:
    body = b"{" + b" " * ((32 << 20) - 2) + b"}"
    response = client.post("/v1/messages", content=body, headers={"content-type": "application/json"})
    assert "model: Field required" in error_message(response, 400, "invalid_request_error")


def test_the_sdk_raises_the_production_errors(api: Api) -> None:
    params: Dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}
    with pytest.raises(
        claude_core.BadRequestError, match="budget_tokens: Input should be greater than or equal to 1024"
    ):
        api(lambda c: c.messages.create(max_tokens=4096, thinking={"type": "enabled", "budget_tokens": 1000}, **params))
    with pytest.raises(claude_core.BadRequestError, match="input_schema: Field required"):
        api(lambda c: c.messages.create(max_tokens=64, tools=[{"name": "f", "description": "d"}], **params))
    big = [{"role": "user", "content": "x" * (33 << 20)}]
    with pytest.raises(claude_core.RequestTooLargeError) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=64, messages=big), api.make(max_retries=0))
    assert caught.value.status_code == 413 and caught.value.type == "request_too_large"
