"""The I/O-free mapping from a call to the conventions' attributes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from claude_otel import _attributes as attrs

import claude_core


@pytest.mark.parametrize(
    ("name", "expected"),
    [("anthropic", "anthropic"), ("emulator", "anthropic"), ("bedrock", "aws.bedrock"), ("vertex", "gcp.vertex_ai")],
)
def test_provider_names(name: str, expected: str) -> None:
    assert attrs.provider_name(name) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.anthropic.com", {"server.address": "api.anthropic.com", "server.port": 443}),
        ("http://user:pw@127.0.0.1:8080/v1?x=1", {"server.address": "127.0.0.1", "server.port": 8080}),
        ("http://[::1]:99999", {}),
        (None, {}),
    ],
)
def test_server_attributes_never_carry_credentials(url: Any, expected: Any) -> None:
    assert attrs.server_attributes(url) == expected


def test_error_type_is_low_cardinality() -> None:
    assert attrs.error_type(RuntimeError("boom")) == "RuntimeError"
    error = claude_core.APIConnectionError(request=httpx.Request("POST", "https://api.anthropic.com/v1/messages"))
    assert attrs.error_type(error) == "claude_core.errors.APIConnectionError"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("gen_ai_latest_experimental", True), ("http, gen_ai_latest_experimental ", True), ("http", False), ("", False)],
)
def test_stability_opt_in(value: str, expected: bool) -> None:
    assert attrs.latest_experimental({"OTEL_SEMCONV_STABILITY_OPT_IN": value}) is expected


def test_content_switch_needs_true() -> None:
    assert attrs.capture_content({"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "True"}) is True
    assert attrs.capture_content({"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "1"}) is False
    assert attrs.capture_content({}) is False


def test_tool_blocks_become_parts() -> None:
    body = {
        "messages": [
            {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {"a": 1}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "ok"}]},
            {"role": "user", "content": [{"type": "image", "source": {"data": "...."}}]},
        ]
    }
    import json

    assert json.loads(attrs.input_messages(body)["gen_ai.input.messages"]) == [
        {"role": "assistant", "parts": [{"type": "tool_call", "id": "t1", "name": "f", "arguments": {"a": 1}}]},
        {"role": "user", "parts": [{"type": "tool_call_response", "id": "t1", "response": "ok"}]},
        {"role": "user", "parts": [{"type": "image"}]},
    ]
