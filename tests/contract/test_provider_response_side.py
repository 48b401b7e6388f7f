"""Providers own their response side: the request-id header, error bodies and stream framing.

The ``claude-test-testcloud`` fixture registers provider ``testcloud`` through its entry
point; it answers in shapes of its own, as Bedrock and Vertex do."""

from __future__ import annotations

from typing import Any

import pytest

import claude_core

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}
START = (
    b'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message",'
    b'"role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,'
    b'"usage":{"input_tokens":1,"output_tokens":1}}}\n\n'
)


def cloud(api: Api, **kwargs: Any) -> Any:
    return api.make(provider="testcloud", max_retries=0, **kwargs)


def test_the_request_id_comes_from_the_providers_header(api: Api) -> None:
    api.emulator.enqueue(headers={"x-testcloud-request-id": "tc-1"})
    message = api(lambda c: c.messages.create(**PARAMS), cloud(api))
    assert message._request_id == "tc-1"
    api.emulator.enqueue(headers={"x-testcloud-request-id": "tc-2"})
    raw = api(lambda c: c.messages.with_raw_response.create(**PARAMS), cloud(api))
    assert raw.request_id == "tc-2" and api.run(raw.parse())._request_id == "tc-2"


def test_error_bodies_map_through_the_provider(api: Api) -> None:
    body = {"error": {"code": 400, "message": "bad thing", "status": "INVALID_ARGUMENT"}}
    api.emulator.enqueue(status=400, json=body, headers={"x-testcloud-request-id": "tc-3"})
    with pytest.raises(claude_core.BadRequestError) as caught:
        api(lambda c: c.messages.create(**PARAMS), cloud(api))
    assert str(caught.value) == "testcloud INVALID_ARGUMENT: bad thing"
    assert caught.value.request_id == "tc-3" and caught.value.body == body


def test_an_exception_frame_in_a_stream_becomes_a_typed_error(api: Api) -> None:
    frame = b'event: exception\ndata: {"status":"RESOURCE_EXHAUSTED","message":"slow down"}\n\n'
    api.emulator.enqueue(sse=START + frame, headers={"x-testcloud-request-id": "tc-4"})

    def read(c: Any) -> Any:
        if api.is_async:

            async def go() -> Any:
                return [event async for event in await c.messages.create(stream=True, **PARAMS)]

            return go()
        return list(c.messages.create(stream=True, **PARAMS))

    with pytest.raises(claude_core.RateLimitError) as caught:
        api(read, cloud(api))
    assert caught.value.status_code == 429 and "slow down" in str(caught.value)
    assert caught.value.request_id == "tc-4"
