"""POST /v1/messages and /v1/messages/count_tokens: validation, deterministic replies, token counts."""

from __future__ import annotations

from typing import Any, Dict

import httpx
import pytest

from .conftest import MODEL, message_body


def _error(response: httpx.Response, status: int, error_type: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    request_id = response.headers["request-id"]
    assert request_id.startswith("req_emu_")
    body = response.json()
    assert set(body) == {"type", "error", "request_id"}
    assert body["type"] == "error"
    assert body["request_id"] == request_id
    assert set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == error_type
    message = body["error"]["message"]
    assert isinstance(message, str)
    return message


def test_create_message_shape(client: httpx.Client) -> None:
    response = client.post("/v1/messages", json=message_body("Hello there, Claude"))
    assert response.status_code == 200
    assert response.headers["request-id"].startswith("req_emu_")
    message = response.json()
    assert message["id"].startswith("msg_emu_")
    assert message == {
        "id": message["id"],
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": "Echo: Hello there, Claude", "citations": None}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 5,  # ceil(19 / 4)
            "output_tokens": 4,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }
    assert b'", "' not in response.content  # compact JSON


def test_beta_query_is_accepted(client: httpx.Client) -> None:
    response = client.post("/v1/messages", params={"beta": "true"}, json=message_body())
    assert response.status_code == 200


def test_replies_are_deterministic(client: httpx.Client) -> None:
    body = message_body(
        system="Be brief.",
        messages=[
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "ok"},
            {"role": "user", "content": [{"type": "text", "text": "one"}, {"type": "text", "text": "two"}]},
        ],
    )
    first, second = (client.post("/v1/messages", json=body).json() for _ in range(2))
    assert first["id"] != second["id"]
    first.pop("id"), second.pop("id")
    assert first == second
    assert first["content"][0]["text"] == "Echo: one two"


def test_tool_results_are_mentioned(client: httpx.Client) -> None:
    content = [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "42 degrees"}]
    body = message_body(
        messages=[
            {"role": "user", "content": "weather?"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "w", "input": {}}]},
            {"role": "user", "content": content},
        ]
    )
    text = client.post("/v1/messages", json=body).json()["content"][0]["text"]
    assert "toolu_1" in text and "42 degrees" in text


def test_max_tokens_truncates_words(client: httpx.Client) -> None:
    message = client.post("/v1/messages", json=message_body("a b c d e f", max_tokens=3)).json()
    assert message["content"][0]["text"] == "Echo: a b"
    assert message["stop_reason"] == "max_tokens"
    assert message["stop_sequence"] is None
    assert message["usage"]["output_tokens"] == 3


def test_stop_sequence_cuts_before_first_occurrence(client: httpx.Client) -> None:
    body = message_body("alpha STOP beta HALT gamma", stop_sequences=["HALT", "STOP"])
    message = client.post("/v1/messages", json=body).json()
    assert message["content"][0]["text"] == "Echo: alpha "
    assert message["stop_reason"] == "stop_sequence"
    assert message["stop_sequence"] == "STOP"
    assert message["usage"]["output_tokens"] == 2


def test_stop_sequence_beyond_max_tokens_is_not_reached(client: httpx.Client) -> None:
    body = message_body("a b c d STOP", max_tokens=2, stop_sequences=["STOP"])
    message = client.post("/v1/messages", json=body).json()
    assert (message["stop_reason"], message["content"][0]["text"]) == ("max_tokens", "Echo: a")


def test_count_tokens_matches_usage(client: httpx.Client) -> None:
    tools = [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}]
    body = message_body("How is the weather in Paris today?", system=[{"type": "text", "text": "Be nice"}], tools=tools)
    usage = client.post("/v1/messages", json=body).json()["usage"]
    body.pop("max_tokens")
    counted = client.post("/v1/messages/count_tokens", json=body)
    assert counted.status_code == 200
    assert counted.json() == {"input_tokens": usage["input_tokens"]}
    assert usage["input_tokens"] > 10


def test_count_tokens_validates_too(client: httpx.Client) -> None:
    response = client.post("/v1/messages/count_tokens", json={"model": MODEL})
    assert _error(response, 400, "invalid_request_error") == "messages: Field required"


def _without(field: str) -> Dict[str, Any]:
    body = message_body()
    body.pop(field)
    return body


INVALID = [
    (_without("model"), "model: Field required"),
    (_without("max_tokens"), "max_tokens: Field required"),
    (_without("messages"), "messages: Field required"),
    (message_body(max_tokens=0), "max_tokens: Input should be greater than or equal to 1"),
    (message_body(max_tokens="10"), "max_tokens: Input should be a valid integer"),
    (message_body(max_tokens=True), "max_tokens: Input should be a valid integer"),
    (message_body(messages=[]), "messages: at least one message is required"),
    (message_body(messages="hi"), "messages: Input should be a valid list"),
    (message_body(messages=[{"role": "system", "content": "x"}]), "messages.0.role: Input should be 'user' or"),
    (message_body(messages=[{"role": "assistant", "content": "x"}]), 'messages: first message must use the "user"'),
    (message_body(messages=[{"role": "user", "content": 3}]), "messages.0.content: Input should be a valid string"),
    (message_body(messages=[{"role": "user", "content": [{"text": "x"}]}]), "messages.0.content.0.type: Field"),
    (message_body(temperature=1.5), "temperature: Input should be less than or equal to 1"),
    (message_body(temperature=-0.1), "temperature: Input should be greater than or equal to 0"),
    (message_body(temperature="hot"), "temperature: Input should be a valid number"),
    ([1, 2], "body: Input should be a valid JSON object"),
]


@pytest.mark.parametrize(("body", "message"), INVALID)
def test_validation_errors(client: httpx.Client, body: Any, message: str) -> None:
    response = client.post("/v1/messages", json=body)
    assert _error(response, 400, "invalid_request_error").startswith(message)


def test_body_not_json(client: httpx.Client) -> None:
    response = client.post("/v1/messages", content=b"{nope", headers={"content-type": "application/json"})
    assert "error parsing the body" in _error(response, 400, "invalid_request_error")


@pytest.mark.parametrize("model", ["gpt-4", "claude-future-9", "claude-nope", "claude-sonnet-4-5-20990101"])
def test_unknown_model_is_404(client: httpx.Client, model: str) -> None:
    response = client.post("/v1/messages", json=message_body(model=model))
    assert _error(response, 404, "not_found_error") == f"model: {model}"
    body = message_body(model=model)
    body.pop("max_tokens")
    counted = client.post("/v1/messages/count_tokens", json=body)
    assert _error(counted, 404, "not_found_error") == f"model: {model}"


UNKNOWN_ROUTES = [("GET", "/v1/nothing"), ("GET", "/v1/messages"), ("DELETE", "/v1/models")]


@pytest.mark.parametrize(("method", "path"), UNKNOWN_ROUTES)
def test_unknown_routes_are_404(client: httpx.Client, method: str, path: str) -> None:
    _error(client.request(method, path), 404, "not_found_error")
