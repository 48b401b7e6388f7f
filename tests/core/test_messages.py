"""messages.create / count_tokens through the whole stack, over real HTTP to the emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any, Dict

import pytest

import claude_core
from claude_core.plugins import PLUGIN_GROUP, _entry_points
from claude_core.types import Message, MessageTokensCount, TextBlock
from tests.conftest import MODEL, USER, Api

EVERY_PARAMETER: Dict[str, Any] = {
    "model": MODEL,
    "max_tokens": 2048,
    "messages": [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "Look at this", "cache_control": {"type": "ephemeral", "ttl": "1h"}},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {
                    "type": "document",
                    "source": {"type": "text", "media_type": "text/plain", "data": "The grass is green."},
                    "title": "Facts",
                    "citations": {"enabled": True},
                },
            ],
        },
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "Let me check.", "signature": "sig=="},
                {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_01", "content": "Sunny", "is_error": False},
            ],
        },
    ],
    "system": [{"type": "text", "text": "You are terse.", "cache_control": {"type": "ephemeral"}}],
    "metadata": {"user_id": "user-123"},
    "stop_sequences": ["\n\nHuman:"],
    "temperature": 0.5,
    "top_k": 40,
    "top_p": 0.9,
    "tools": [
        {
            "name": "get_weather",
            "description": "Weather for a city",
            "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            "cache_control": {"type": "ephemeral"},
        },
        {"type": "web_search_20250305", "name": "web_search", "max_uses": 3},
    ],
    "tool_choice": {"type": "auto", "disable_parallel_tool_use": True},
    "thinking": {"type": "enabled", "budget_tokens": 1024},
    "output_config": {"effort": "high"},
    "service_tier": "standard_only",
}


def test_create_returns_a_typed_message(api: Api) -> None:
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=64, messages=USER))
    assert isinstance(message, Message)
    assert message.role == "assistant" and message.model == MODEL
    assert isinstance(message.content[0], TextBlock)
    assert "Hello there, Claude" in message.content[0].text
    assert message.stop_reason == "end_turn"
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0
    assert message._request_id is not None and message._request_id.startswith("req_")
    assert message.to_dict()["id"] == message.id
    assert json.loads(message.to_json())["content"][0]["type"] == "text"


def test_every_parameter_round_trips_into_the_body_exactly(api: Api) -> None:
    api(lambda c: c.messages.create(**EVERY_PARAMETER))
    sent = api.emulator.requests[-1]
    assert sent.method == "POST" and sent.path == "/v1/messages"
    assert sent.json() == EVERY_PARAMETER


@pytest.mark.parametrize(
    "extra",
    [
        {"thinking": {"type": "adaptive"}},
        {"thinking": {"type": "disabled"}},
        {"system": "plain string system prompt"},
        {"tool_choice": {"type": "tool", "name": "get_weather"}},
        {"tool_choice": {"type": "none"}},
        {"output_config": {"format": {"type": "json_schema", "schema": {"type": "object", "properties": {}}}}},
        {"speed": "fast"},
        {"service_tier": "auto"},
    ],
)
def test_parameter_variants_are_sent_as_given(api: Api, extra: Dict[str, Any]) -> None:
    params = {"model": MODEL, "max_tokens": 32, "messages": USER, **extra}
    api(lambda c: c.messages.create(**params))
    assert api.emulator.requests[-1].json() == params


def test_omitted_and_not_given_parameters_are_absent(api: Api) -> None:
    api(
        lambda c: c.messages.create(
            model=MODEL, max_tokens=32, messages=USER, temperature=claude_core.NOT_GIVEN, top_k=claude_core.omit
        )
    )
    assert api.emulator.requests[-1].json() == {"model": MODEL, "max_tokens": 32, "messages": USER}


def test_response_objects_can_be_sent_back_in_a_multi_turn_conversation(api: Api) -> None:
    first = api(lambda c: c.messages.create(model=MODEL, max_tokens=64, messages=USER))
    history = [*USER, {"role": "assistant", "content": first.content}, {"role": "user", "content": "And again"}]
    second = api(lambda c: c.messages.create(model=MODEL, max_tokens=64, messages=history))
    sent = api.emulator.requests[-1].json()
    assert sent["messages"][1]["content"] == [block.to_dict(mode="json") for block in first.content]
    assert "And again" in second.content[0].text


def test_extra_headers_query_body_and_timeout(api: Api) -> None:
    api(
        lambda c: c.messages.create(
            model=MODEL,
            max_tokens=16,
            messages=USER,
            extra_headers={"x-trace": "abc"},
            extra_query={"debug": "1"},
            extra_body={"metadata": {"user_id": "from-extra-body"}},
            timeout=12.5,
        )
    )
    sent = api.emulator.requests[-1]
    assert sent.headers["x-trace"] == "abc"
    assert sent.query == {"debug": "1"}
    assert sent.json()["metadata"] == {"user_id": "from-extra-body"}


def test_an_unknown_extra_body_field_fails_where_the_api_would(api: Api) -> None:
    with pytest.raises(claude_core.BadRequestError, match="custom_field"):
        api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER, extra_body={"custom_field": 1}))
    assert api.emulator.requests[-1].json()["custom_field"] == 1


def test_default_headers(api: Api) -> None:
    api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    headers = api.emulator.requests[-1].headers
    assert headers["anthropic-version"] == "2023-06-01"
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == "application/json"
    assert headers["x-api-key"] == api.emulator.api_key
    assert headers["user-agent"].startswith("claude-core/")
    assert "authorization" not in headers


def test_auth_token_is_sent_as_bearer(api: Api) -> None:
    client = api.make(api_key=None, auth_token=api.emulator.auth_token)
    api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER), client)
    headers = api.emulator.requests[-1].headers
    assert headers["authorization"] == f"Bearer {api.emulator.auth_token}"
    assert "x-api-key" not in headers


def test_api_key_from_the_environment(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", api.emulator.api_key)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", api.emulator.base_url)
    client = claude_core.AsyncAnthropic() if api.is_async else claude_core.Anthropic()
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER), client)
    assert message.content
    api.run(client.close())


def test_missing_required_arguments_raise_type_error_before_sending(api: Api) -> None:
    with pytest.raises(TypeError, match=r"messages.create\(\) missing required argument\(s\): 'max_tokens', 'model'"):
        api(lambda c: c.messages.create(messages=USER))
    with pytest.raises(TypeError, match="'messages'"):
        api(lambda c: c.messages.count_tokens(model=MODEL))
    assert api.emulator.requests == []


def test_wrong_types_reach_the_server_and_come_back_as_bad_request(api: Api) -> None:
    with pytest.raises(claude_core.BadRequestError) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens="many", messages=USER))
    assert caught.value.status_code == 400
    assert caught.value.type == "invalid_request_error"
    assert "max_tokens" in str(caught.value)


def test_max_tokens_and_stop_sequences_are_honoured(api: Api) -> None:
    short = api(lambda c: c.messages.create(model=MODEL, max_tokens=1, messages=USER))
    assert short.stop_reason == "max_tokens" and short.usage.output_tokens == 1
    stopped = api(lambda c: c.messages.create(model=MODEL, max_tokens=64, messages=USER, stop_sequences=["there"]))
    assert stopped.stop_reason == "stop_sequence" and stopped.stop_sequence == "there"
    assert "there" not in stopped.content[0].text


def test_count_tokens(api: Api) -> None:
    count = api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER, system="Be brief."))
    assert isinstance(count, MessageTokensCount)
    assert count.input_tokens > 0
    assert api.emulator.requests[-1].path == "/v1/messages/count_tokens"
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER, system="Be brief."))
    assert message.usage.input_tokens == count.input_tokens


def test_beta_messages_send_the_beta_header(api: Api) -> None:
    api(lambda c: c.beta.messages.create(model=MODEL, max_tokens=16, messages=USER, betas=["a-2025-01-01", "b-2025"]))
    sent = api.emulator.requests[-1]
    assert sent.headers["anthropic-beta"] == "a-2025-01-01,b-2025"
    assert sent.query == {"beta": "true"}
    assert "betas" not in sent.json()
    # the beta count_tokens adds the token-counting beta after the caller's, as the official SDK does
    api(lambda c: c.beta.messages.count_tokens(model=MODEL, messages=USER, betas=["tc-1"]))
    assert api.emulator.requests[-1].headers["anthropic-beta"] == "tc-1,token-counting-2024-11-01"
    api(lambda c: c.beta.messages.count_tokens(model=MODEL, messages=USER))
    assert api.emulator.requests[-1].headers["anthropic-beta"] == "token-counting-2024-11-01"
    api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER))
    assert "anthropic-beta" not in api.emulator.requests[-1].headers


def test_unknown_fields_and_block_types_are_kept(api: Api) -> None:
    body = {
        "id": "msg_future",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "hologram", "frames": 3}, {"type": "text", "text": "hi", "sparkle": True}],
        "stop_reason": "a_new_reason",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1, "new_counter": 7},
        "future_field": {"x": 1},
    }
    api.emulator.enqueue(status=200, json=body)
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    assert message.to_dict(mode="json") == body
    assert message.content[0].type == "hologram"
    assert message.stop_reason == "a_new_reason"


def test_invalid_response_shape_raises_validation_error_in_strict_mode(api: Api) -> None:
    body = {"id": "msg", "content": "not a list"}
    api.emulator.enqueue(status=200, json=body)
    lenient = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    assert lenient.content == "not a list" and lenient.to_dict() == body  # kept as sent, as the official
    api.emulator.enqueue(status=200, json=body)
    with pytest.raises(claude_core.APIResponseValidationError) as caught:
        api(
            lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER),
            api.make(_strict_response_validation=True),
        )
    assert caught.value.body == body


def test_with_raw_response(api: Api) -> None:
    raw = api(lambda c: c.messages.with_raw_response.create(model=MODEL, max_tokens=16, messages=USER))
    assert raw.status_code == 200
    assert raw.headers["request-id"].startswith("req_")
    assert raw.request_id == raw.headers["request-id"]
    message = api.run(raw.parse())
    assert isinstance(message, Message) and message._request_id == raw.request_id


def test_with_streaming_response_reads_lazily(api: Api) -> None:
    if api.is_async:

        async def go() -> Any:
            async with api.client.messages.with_streaming_response.create(
                model=MODEL, max_tokens=16, messages=USER
            ) as response:
                assert response.status_code == 200
                chunks = [chunk async for chunk in response.iter_bytes()]
            return b"".join(chunks)

        data = api.run(go())
    else:
        with api.client.messages.with_streaming_response.create(model=MODEL, max_tokens=16, messages=USER) as response:
            assert response.status_code == 200
            assert not response.http_response.is_closed
            data = b"".join(response.iter_bytes())
    assert json.loads(data)["type"] == "message"


def test_with_streaming_response_read_and_parse(api: Api) -> None:
    response = api(lambda c: c.messages.with_streaming_response.count_tokens(model=MODEL, messages=USER))
    parsed = api.run(response.parse())
    assert isinstance(parsed, MessageTokensCount)
    api.run(response.close())


#: Modules a plain ``messages.create`` has no use for: streaming, structured outputs, the
#: beta resources, the request parameter TypedDicts, the raw response classes, stevedore (no plugin is installed there)
#: and difflib (no mistyped keyword). For importlib.metadata see tests/core/test_entry_points.py.
_NOT_FOR_A_PLAIN_CALL = (
    "claude_core.streaming.stream",
    "claude_core._engine.readers",
    "claude_core.streaming.message_stream",
    "claude_core.streaming.accumulator",
    "claude_core.types.stream_events",
    "claude_core.types.parsed_message",
    "claude_core.resources.beta",
    "claude_core.resources._kwargs",
    "claude_core._response",
    "claude_core.types.anthropic_beta_param",
    "claude_core.types.block_params",
    "claude_core.types.message_param",
    "claude_core.types.model_param",
    "claude_core.types.request_params",
    "claude_core.types.server_block_params",
    "claude_core.types.tool_params",
    "stevedore",
    "difflib",
)


def test_a_plain_create_loads_only_what_it_uses(emulator: Any) -> None:
    code = (
        "import sys, claude_core\n"
        f"client = claude_core.Anthropic(api_key='k', base_url={emulator.base_url!r})\n"
        f"message = client.messages.create(model={MODEL!r}, max_tokens=8, messages={USER!r})\n"
        "assert message.content[0].type == 'text'\n"
        f"print([name for name in {_NOT_FOR_A_PLAIN_CALL!r} if name in sys.modules])\n"
    )
    # every installed plugin turned off: with none to load, as in a plain install
    installed = ",".join(entry.name for entry in _entry_points(PLUGIN_GROUP))
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    environment["CLAUDE_CORE_DISABLE_PLUGINS"] = installed
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_call_leaves_no_reference_cycle(emulator: Any, mode: str) -> None:
    """Each call's request, response and connection-pool objects are freed as the call ends, not
    left to the cyclic garbage collector (httpx's stream of a sent response refers back to it)."""
    code = f"""
import asyncio, gc, claude_core
params = dict(model={MODEL!r}, max_tokens=8, messages={USER!r})
async def calls(client):
    for _ in range(20):
        await client.messages.create(**params)
if {mode!r} == "sync":
    client = claude_core.Anthropic(api_key="k", base_url={emulator.base_url!r})
    run = lambda: [client.messages.create(**params) for _ in range(20)]
else:
    client = claude_core.AsyncAnthropic(api_key="k", base_url={emulator.base_url!r})
    loop = asyncio.new_event_loop()
    run = lambda: loop.run_until_complete(calls(client))
run()  # warm: first-use imports and caches
gc.collect()
gc.disable()
run()
print(gc.collect())
"""
    installed = ",".join(entry.name for entry in _entry_points(PLUGIN_GROUP))
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    environment["CLAUDE_CORE_DISABLE_PLUGINS"] = installed
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 20, "objects left in cycles by 20 calls"  # about 50 per call without the fix
