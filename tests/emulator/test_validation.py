"""Validation as strict as the API's: unknown fields, unknown models, the context window.

Everything the SDK's types let a caller send must be accepted, so the emulator fails a
user's test exactly where production would, and nowhere else.
"""

from __future__ import annotations

import typing
from typing import Any, Dict, FrozenSet, Iterator, List

import httpx
import pytest
from claude_emulator import Emulator

import claude_core
from claude_core.types.model_param import ModelParam
from claude_core.types.request_params import (
    BetaMessageCountTokensParams,
    BetaMessageCreateParams,
    MessageCountTokensParams,
    MessageCreateParams,
)

from .conftest import MODEL, message_body
from .errors import error_message

USER = [{"role": "user", "content": "Hello"}]
#: A valid value for every top-level field of POST /v1/messages (beta ones included).
SAMPLES: Dict[str, Any] = {
    "model": MODEL,
    "max_tokens": 2048,
    "messages": USER,
    "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
    "metadata": {"user_id": "user-1"},
    "stop_sequences": ["STOP"],
    "stream": False,
    "temperature": 0.5,
    "top_k": 5,
    "top_p": 0.9,
    "tools": [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}],
    "tool_choice": {"type": "auto"},
    "thinking": {"type": "enabled", "budget_tokens": 1024},
    "output_config": {"effort": "low"},
    "service_tier": "auto",
    "container": "container_1",
    "inference_geo": "us",
    "cache_control": {"type": "ephemeral"},
    "speed": "standard",
    "diagnostics": {"previous_message_id": "msg_1"},
    "mcp_servers": [{"type": "url", "url": "https://mcp.example.com/sse", "name": "example"}],
    "context_management": {"edits": [{"type": "clear_tool_uses_20250919"}]},
    "betas": ["context-management-2025-06-27"],
}
BETA_ONLY = {"mcp_servers", "context_management", "betas"}


def _keys(params: Any) -> FrozenSet[str]:
    return frozenset(params.__required_keys__ | params.__optional_keys__)


def _count_body(**extra: Any) -> Dict[str, Any]:
    body = message_body(**extra)
    body.pop("max_tokens")
    return body


# -- unknown fields -------------------------------------------------------------------


def test_samples_cover_every_parameter_the_sdk_types_name() -> None:
    assert _keys(MessageCreateParams) | {"stream"} == set(SAMPLES) - BETA_ONLY
    assert _keys(BetaMessageCreateParams) | {"stream"} == set(SAMPLES)
    assert _keys(BetaMessageCountTokensParams) - _keys(MessageCountTokensParams) == BETA_ONLY


def test_every_sdk_parameter_is_accepted(client: httpx.Client) -> None:
    body = {k: v for k, v in SAMPLES.items() if k not in BETA_ONLY}
    response = client.post("/v1/messages", json=body)
    assert response.status_code == 200, response.text
    counted = client.post("/v1/messages/count_tokens", json={k: body[k] for k in _keys(MessageCountTokensParams)})
    assert counted.status_code == 200, counted.text


def test_every_beta_parameter_is_accepted_on_beta_requests(client: httpx.Client) -> None:
    response = client.post("/v1/messages", params={"beta": "true"}, json=SAMPLES)
    assert response.status_code == 200, response.text
    count_body = {k: SAMPLES[k] for k in _keys(BetaMessageCountTokensParams)}
    counted = client.post("/v1/messages/count_tokens", params={"beta": "true"}, json=count_body)
    assert counted.status_code == 200, counted.text


@pytest.mark.parametrize("field", ["temprature", "max_token", "anthropic_version", "custom_field"])
def test_unknown_field_is_400(client: httpx.Client, field: str) -> None:
    response = client.post("/v1/messages", json=message_body(**{field: 0.5}))
    assert error_message(response, 400, "invalid_request_error") == f"{field}: Extra inputs are not permitted"
    counted = client.post("/v1/messages/count_tokens", json=_count_body(**{field: 0.5}))
    assert error_message(counted, 400, "invalid_request_error") == f"{field}: Extra inputs are not permitted"


@pytest.mark.parametrize("field", sorted(BETA_ONLY - {"betas"}))
def test_beta_fields_need_a_beta_request(client: httpx.Client, field: str) -> None:
    body = message_body(**{field: SAMPLES[field]})
    response = client.post("/v1/messages", json=body)
    assert error_message(response, 400, "invalid_request_error") == f"{field}: Extra inputs are not permitted"
    assert client.post("/v1/messages", params={"beta": "true"}, json=body).status_code == 200


@pytest.mark.parametrize("field", ["max_tokens", "stream", "stop_sequences", "temperature", "metadata"])
def test_count_tokens_takes_fewer_fields(client: httpx.Client, field: str) -> None:
    response = client.post("/v1/messages/count_tokens", json=dict(_count_body(), **{field: SAMPLES[field]}))
    assert error_message(response, 400, "invalid_request_error") == f"{field}: Extra inputs are not permitted"


def test_sampling_types_are_checked(client: httpx.Client) -> None:
    for field, value, message in [("top_k", 0.5, "top_k: Input should be a valid integer"), ("top_p", "x", "top_p")]:
        response = client.post("/v1/messages", json=message_body(**{field: value}))
        assert error_message(response, 400, "invalid_request_error").startswith(message)


# -- models ---------------------------------------------------------------------------


def _literal_models() -> List[str]:
    literal = typing.get_args(ModelParam)[0]
    return list(typing.get_args(literal))


def _listed(client: httpx.Client) -> List[str]:
    return [model["id"] for model in client.get("/v1/models", params={"limit": 1000}).json()["data"]]


def test_the_model_list_covers_the_sdk_types(client: httpx.Client) -> None:
    listed = _listed(client)
    assert len(listed) == len(set(listed))
    for model in _literal_models():
        response = client.get(f"/v1/models/{model}")
        assert response.status_code == 200, model
        assert response.json()["id"] in listed, model
    dated = [model for model in _literal_models() if model[-8:].isdigit()]
    assert set(dated) <= set(listed)
    assert {"claude-opus-4-6", "claude-sonnet-4-6", "claude-3-haiku-20240307"} <= set(listed)


@pytest.mark.parametrize("model", _literal_models())
def test_every_sdk_model_is_served(client: httpx.Client, model: str) -> None:
    response = client.post("/v1/messages", json=message_body("hi", model=model))
    assert response.status_code == 200, response.text
    assert response.json()["model"] == model


@pytest.mark.parametrize(
    ("alias", "model_id"),
    [
        ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
        ("claude-opus-4-0", "claude-opus-4-20250514"),
        ("claude-sonnet-4-0", "claude-sonnet-4-20250514"),
        ("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219"),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"),
    ],
)
def test_aliases_are_served(client: httpx.Client, alias: str, model_id: str) -> None:
    assert client.get(f"/v1/models/{alias}").json()["id"] == model_id
    assert alias not in _listed(client)
    for model in (alias, model_id):
        assert client.post("/v1/messages", json=message_body(model=model)).status_code == 200
        assert client.post("/v1/messages/count_tokens", json=_count_body(model=model)).status_code == 200


@pytest.mark.parametrize("model", ["claude-nope", "claude-sonnet-4", "claude-3-5-sonnet-20241022", "gpt-4o"])
def test_unknown_model_is_404(client: httpx.Client, model: str) -> None:
    assert error_message(client.post("/v1/messages", json=message_body(model=model)), 404, "not_found_error") == (
        f"model: {model}"
    )
    assert error_message(client.get(f"/v1/models/{model}"), 404, "not_found_error") == f"model: {model}"


@pytest.mark.filterwarnings("ignore:claude_core skipped plugins")  # the core's deliberately broken test plugin
def test_unknown_model_through_the_sdk(emu: Emulator) -> None:
    client = claude_core.Anthropic(api_key=emu.api_key, base_url=emu.base_url)
    with client, pytest.raises(claude_core.NotFoundError) as caught:
        client.messages.create(model="claude-nope", max_tokens=8, messages=USER)  # type: ignore[arg-type]
    assert caught.value.body["error"] == {"type": "not_found_error", "message": "model: claude-nope"}  # type: ignore[index]
    assert len(emu.requests) == 1  # a 404 is not retried


# -- the context window ---------------------------------------------------------------


@pytest.fixture(scope="module")
def long_text() -> Iterator[str]:
    yield "word " * 160_000 + "x"  # 800,001 characters: 200,001 tokens at 4 characters each


def test_prompt_over_the_context_window_is_400(client: httpx.Client, long_text: str) -> None:
    response = client.post("/v1/messages", json=message_body(long_text))
    message = error_message(response, 400, "invalid_request_error")
    assert message == "prompt is too long: 200001 tokens > 200000 maximum"
    counted = client.post("/v1/messages/count_tokens", json=_count_body(text=long_text))
    assert counted.json() == {"input_tokens": 200_001}  # counting a long prompt is how to find out


def test_system_and_tools_count_too(client: httpx.Client, long_text: str) -> None:
    half = len(long_text) // 2
    body = message_body(long_text[:half], system=long_text[half:])
    assert error_message(client.post("/v1/messages", json=body), 400, "invalid_request_error").startswith(
        "prompt is too long"
    )


def test_prompt_that_fits_is_answered(client: httpx.Client, long_text: str) -> None:
    response = client.post("/v1/messages", json=message_body(long_text[:-1], max_tokens=3))
    assert response.status_code == 200, response.text[:200]
    assert response.json()["usage"]["input_tokens"] == 200_000
    assert response.json()["content"][0]["text"] == "Echo: word word"


def test_the_1m_context_beta(client: httpx.Client, long_text: str) -> None:
    beta = {"anthropic-beta": "some-other-beta,context-1m-2025-08-07"}
    response = client.post("/v1/messages", json=message_body(long_text, max_tokens=2), headers=beta)
    assert response.status_code == 200, response.text[:200]
    small = client.post("/v1/messages", json=message_body(long_text, model="claude-haiku-4-5"), headers=beta)
    assert error_message(small, 400, "invalid_request_error") == "prompt is too long: 200001 tokens > 200000 maximum"
