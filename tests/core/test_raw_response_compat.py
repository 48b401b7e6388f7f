"""Raw responses like the official SDK's: LegacyAPIResponse for with_raw_response, APIResponse for
with_streaming_response, over real HTTP to the emulator, sync and async."""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict, List

import httpx

import claude_core
from claude_core._response import LegacyAPIResponse
from claude_core.types import Message, MessageTokensCount
from tests.conftest import MODEL, USER, Api

OVERLOADED = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
RATE_LIMITED = {"type": "error", "error": {"type": "rate_limit_error", "message": "Slow down"}}
PARAMS: Dict[str, Any] = dict(model=MODEL, max_tokens=16, messages=USER)


def raw_create(api: Api, **extra: Any) -> Any:
    return api(lambda c: c.messages.with_raw_response.create(**PARAMS, **extra))


def test_raw_response_is_a_read_legacy_response(api: Api) -> None:
    raw = raw_create(api)
    assert isinstance(raw, LegacyAPIResponse)  # from the async client too
    assert isinstance(raw.http_response, httpx.Response)
    assert isinstance(raw.http_request, httpx.Request) and raw.http_request is raw.http_response.request
    assert raw.method == "POST" and raw.http_request.method == "POST"
    assert isinstance(raw.url, httpx.URL) and raw.url.path == "/v1/messages"
    assert str(raw.url) == f"{api.emulator.base_url}/v1/messages"
    assert raw.status_code == 200
    assert isinstance(raw.headers, httpx.Headers) and raw.headers["Content-Type"].startswith("application/json")
    assert raw.request_id == raw.headers["request-id"] and raw.request_id.startswith("req_")
    assert raw.http_version == "HTTP/1.1"
    assert raw.is_closed is True
    assert isinstance(raw.elapsed, datetime.timedelta) and raw.elapsed >= datetime.timedelta(0)
    assert raw.retries_taken == 0
    assert repr(raw) == f"<LegacyAPIResponse [200 OK] POST {raw.url}>"


def test_content_and_text_are_properties_json_and_read_methods(api: Api) -> None:
    raw = raw_create(api)
    assert isinstance(raw.content, bytes) and raw.content == raw.http_response.content
    assert isinstance(raw.text, str) and raw.text == raw.content.decode("utf-8")
    body = raw.json()
    assert body == json.loads(raw.content) and body["type"] == "message"
    assert raw.read() == raw.content


def test_parse_returns_the_stamped_object_once(api: Api) -> None:
    raw = raw_create(api)
    message = raw.parse()  # not awaited, from the async client too
    assert isinstance(message, Message) and message.id == raw.json()["id"]
    assert raw.parse() is message
    assert message._request_id == raw.request_id
    assert message._provider is raw.provider and raw.provider.name == "anthropic"


def test_parse_to_another_type(api: Api) -> None:
    raw = raw_create(api)
    assert raw.parse(to=dict) == raw.json()
    assert raw.parse(to=str) == raw.text
    assert raw.parse(to=bytes) == raw.content
    assert raw.parse(to=httpx.Response) is raw.http_response
    as_model = raw.parse(to=Message)
    assert isinstance(as_model, Message) and as_model._request_id == raw.request_id
    assert raw.parse(to=Message) is as_model and raw.parse() is not as_model


def test_raw_response_of_other_calls(api: Api) -> None:
    counted = api(lambda c: c.messages.with_raw_response.count_tokens(model=MODEL, messages=USER))
    assert isinstance(counted, LegacyAPIResponse) and counted.url.path == "/v1/messages/count_tokens"
    assert isinstance(counted.parse(), MessageTokensCount)
    model = api(lambda c: c.models.with_raw_response.retrieve(MODEL))
    assert model.method == "GET" and model.status_code == 200 and model.parse().id == model.json()["id"]


def test_retries_taken_counts_the_retries(api: Api) -> None:
    api.emulator.enqueue(status=529, json=OVERLOADED, headers={"retry-after-ms": "1"})
    api.emulator.enqueue(status=429, json=RATE_LIMITED, headers={"retry-after-ms": "1"})
    raw = raw_create(api)
    assert raw.retries_taken == 2 and len(api.emulator.requests) == 3
    assert raw.status_code == 200 and isinstance(raw.parse(), Message)


def test_retries_taken_of_a_streaming_response(api: Api) -> None:
    api.emulator.enqueue(status=529, json=OVERLOADED, headers={"retry-after-ms": "1"})
    response = api(lambda c: c.messages.with_streaming_response.count_tokens(model=MODEL, messages=USER))
    assert response.retries_taken == 1
    api.run(response.close())


def test_streaming_response_shape_sync(emulator: Any) -> None:
    api = Api("sync", emulator)
    try:
        with api.client.messages.with_streaming_response.create(**PARAMS) as response:
            assert isinstance(response, claude_core.APIResponse)
            assert response.is_closed is False and response.retries_taken == 0
            assert response.method == "POST" and response.url.path == "/v1/messages"
            assert response.status_code == 200 and response.http_version == "HTTP/1.1"
            assert response.request_id == response.headers["request-id"]
            lines = list(response.iter_lines())
        assert response.is_closed is True and isinstance(response.elapsed, datetime.timedelta)
        assert json.loads("".join(lines))["type"] == "message"

        with api.client.messages.with_streaming_response.create(**PARAMS) as response:
            text = "".join(response.iter_text())
        assert json.loads(text)["type"] == "message"

        with api.client.messages.with_streaming_response.create(**PARAMS) as response:
            data = response.read()
            assert response.text() == data.decode() and response.json() == json.loads(data)
            message = response.parse()
            assert isinstance(message, Message) and response.parse() is message
            assert message._request_id == response.request_id
            assert response.parse(to=dict)["id"] == message.id

        response = api.client.messages.with_streaming_response.create(**PARAMS)
        response.close()
        assert response.is_closed is True
    finally:
        api.close()


def test_streaming_response_shape_async(emulator: Any) -> None:
    api = Api("async", emulator)

    async def go() -> None:
        client = api.client
        async with client.messages.with_streaming_response.create(**PARAMS) as response:
            assert isinstance(response, claude_core.AsyncAPIResponse)
            assert response.is_closed is False and response.retries_taken == 0
            assert response.method == "POST" and response.status_code == 200
            lines = [line async for line in response.iter_lines()]
        assert response.is_closed is True and isinstance(response.elapsed, datetime.timedelta)
        assert json.loads("".join(lines))["type"] == "message"

        async with client.messages.with_streaming_response.create(**PARAMS) as response:
            text = "".join([chunk async for chunk in response.iter_text()])
        assert json.loads(text)["type"] == "message"

        async with client.messages.with_streaming_response.create(**PARAMS) as response:
            chunks = [chunk async for chunk in response.iter_bytes()]
        assert json.loads(b"".join(chunks))["type"] == "message"

        async with client.messages.with_streaming_response.create(**PARAMS) as response:
            data = await response.read()
            assert await response.text() == data.decode() and await response.json() == json.loads(data)
            message = await response.parse()
            assert isinstance(message, Message) and await response.parse() is message
            assert (await response.parse(to=dict))["id"] == message.id

        response = await client.messages.with_streaming_response.create(**PARAMS)
        await response.close()
        assert response.is_closed is True

    try:
        api.run(go())
    finally:
        api.close()


def event_types(api: Api, stream: Any) -> List[str]:
    return [event.type for event in api.collect(stream)]


def test_raw_response_of_a_stream_hands_out_the_stream(api: Api) -> None:
    raw = raw_create(api, stream=True)
    assert raw.status_code == 200 and raw.method == "POST"
    assert raw.headers["content-type"].startswith("text/event-stream")
    stream = api.run(raw.parse())
    assert isinstance(stream, claude_core.AsyncStream if api.is_async else claude_core.Stream)
    assert api.run(raw.parse()) is stream
    types = event_types(api, stream)
    assert types[0] == "message_start" and types[-1] == "message_stop"


def test_streaming_response_of_a_stream_hands_out_the_stream(api: Api) -> None:
    response = api(lambda c: c.messages.with_streaming_response.create(stream=True, **PARAMS))
    assert isinstance(response, claude_core.AsyncAPIResponse if api.is_async else claude_core.APIResponse)
    stream = api.run(response.parse())
    assert event_types(api, stream)[-1] == "message_stop"
    api.run(response.close())


def test_raw_response_of_a_stream_is_a_legacy_response_counting_retries(api: Api) -> None:
    api.emulator.enqueue(status=529, json=OVERLOADED, headers={"retry-after-ms": "1"})
    raw = raw_create(api, stream=True)
    assert raw.retries_taken == 1
    assert isinstance(raw, LegacyAPIResponse)
    stream = raw.parse()
    assert event_types(api, stream)[-1] == "message_stop"


def test_legacy_api_response_is_exported() -> None:
    assert getattr(claude_core, "LegacyAPIResponse", None) is LegacyAPIResponse
