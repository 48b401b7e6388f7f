"""Over real HTTP against the emulator's Vertex AI mode, which accepts only the access tokens it issued."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any, List

import pytest
from claude_emulator import Emulator
from google.oauth2 import service_account
from vertex_support import (  # noqa: F401
    FIRST_PARTY_MODEL,
    MESSAGES,
    MODEL,
    PROJECT,
    REGION,
    emulator_fixture,
    emulator_server_fixture,
    google_env_fixture,
    key_file_fixture,
    model_path,
    vertex_url,
)

import claude_core
from claude_core import (
    AuthenticationError,
    BadRequestError,
    DeadlineExceededError,
    NotFoundError,
    OverloadedError,
    RateLimitError,
    ServiceUnavailableError,
    UnsupportedEndpointError,
)
from provider_vertex import AnthropicVertex, AsyncAnthropicVertex


def vertex(emulator: Emulator, **kwargs: Any) -> AnthropicVertex:
    options = {
        "region": REGION,
        "project_id": PROJECT,
        "access_token": emulator.vertex_access_token(),
        "base_url": vertex_url(emulator),
        **kwargs,
    }
    return AnthropicVertex(**options)


def first_party(emulator: Emulator) -> claude_core.Anthropic:
    return claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url)


def comparable(message: Any) -> Any:
    data = message.to_dict()
    data.pop("id")
    data.pop("model")
    return data


def test_create_equals_first_party(emulator: Emulator) -> None:
    got = vertex(emulator).messages.create(model=MODEL, max_tokens=64, messages=MESSAGES)
    want = first_party(emulator).messages.create(model=FIRST_PARTY_MODEL, max_tokens=64, messages=MESSAGES)
    assert comparable(got) == comparable(want)
    assert got._request_id is not None and got._request_id.startswith("req_")  # request-id, passed through
    sent = emulator.requests[0]
    assert sent.path == model_path()
    assert json.loads(sent.body) == {"max_tokens": 64, "messages": MESSAGES, "anthropic_version": "vertex-2023-10-16"}
    assert "x-api-key" not in sent.headers and "anthropic-version" not in sent.headers
    assert sent.headers["authorization"].startswith("Bearer ")


def test_provider_name_and_provider_options(emulator: Emulator) -> None:
    options = {"region": REGION, "project_id": PROJECT, "access_token": emulator.vertex_access_token()}
    client = claude_core.Anthropic(provider="vertex", base_url=vertex_url(emulator), provider_options=options)
    message = client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert message.content[0].type == "text"
    assert emulator.requests[0].path == model_path()
    assert claude_core.AnthropicVertex is AnthropicVertex


@pytest.mark.parametrize("region", ["global", "us", "eu", "europe-west1"])
def test_each_kind_of_location_goes_into_the_path(emulator: Emulator, region: str) -> None:
    client = vertex(emulator, region=region)  # base_url given: the region's host is not used
    assert client.messages.count_tokens(model=MODEL, messages=MESSAGES).input_tokens > 0
    assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    assert [request.path for request in emulator.requests] == [
        model_path("count-tokens", region=region),
        model_path(region=region),
    ]


def test_raw_stream_equals_first_party(emulator: Emulator) -> None:
    def events(client: Any, model: str) -> List[Any]:
        stream = client.messages.create(model=model, max_tokens=64, messages=MESSAGES, stream=True)
        return [event.to_dict() for event in stream]

    got = events(vertex(emulator), MODEL)
    sent = emulator.requests[0]
    want = events(first_party(emulator), FIRST_PARTY_MODEL)
    assert [event["type"] for event in got] == [event["type"] for event in want]
    assert got[1:] == want[1:]  # message_start differs in id and model
    assert sent.path == model_path(method="streamRawPredict")
    assert json.loads(sent.body)["stream"] is True and "model" not in json.loads(sent.body)


def test_helper_stream_equals_first_party(emulator: Emulator) -> None:
    with vertex(emulator).messages.stream(model=MODEL, max_tokens=64, messages=MESSAGES) as stream:
        got = stream.get_final_message()
    with first_party(emulator).messages.stream(model=FIRST_PARTY_MODEL, max_tokens=64, messages=MESSAGES) as stream:
        want = stream.get_final_message()
    assert comparable(got) == comparable(want)
    assert list(json.loads(emulator.requests[0].body))[-2:] == ["stream", "anthropic_version"]


def test_count_tokens_equals_first_party(emulator: Emulator) -> None:
    client = vertex(emulator)
    got = client.messages.count_tokens(model=MODEL, messages=MESSAGES, system="Be brief.")
    want = first_party(emulator).messages.count_tokens(model=FIRST_PARTY_MODEL, messages=MESSAGES, system="Be brief.")
    assert got.input_tokens == want.input_tokens > 0
    beta = client.beta.messages.count_tokens(model=MODEL, messages=MESSAGES, betas=["context-1m-2025-08-07"])
    assert beta.input_tokens > 0
    sent = emulator.requests[0], emulator.requests[2]
    assert [request.path for request in sent] == [model_path("count-tokens")] * 2
    assert all(json.loads(request.body)["model"] == MODEL for request in sent)
    assert sent[1].headers["anthropic-beta"] == "context-1m-2025-08-07,token-counting-2024-11-01" and not sent[1].query


def test_betas_are_a_header(emulator: Emulator) -> None:
    vertex(emulator).beta.messages.create(
        model=MODEL, max_tokens=16, messages=MESSAGES, betas=["context-1m-2025-08-07"]
    )
    sent = emulator.requests[-1]
    assert sent.headers["anthropic-beta"] == "context-1m-2025-08-07"
    assert "anthropic_beta" not in json.loads(sent.body) and not sent.query
    assert sent.path == model_path()


def test_access_token_as_a_function(emulator: Emulator) -> None:
    calls: List[str] = []

    def token() -> str:
        calls.append("called")
        return emulator.vertex_access_token()

    client = vertex(emulator, access_token=token)
    for _ in range(3):
        assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    assert len(calls) == 1  # on first use only
    assert len({request.headers["authorization"] for request in emulator.requests}) == 1


def test_a_refused_token_from_a_function_is_replaced_once(emulator: Emulator) -> None:
    tokens = iter(["revoked-elsewhere", emulator.vertex_access_token()])
    client = vertex(emulator, access_token=lambda: next(tokens), max_retries=0)
    assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    refused, repeated = emulator.requests  # the 401, then the repeat with the new token
    assert refused.headers["authorization"] == "Bearer revoked-elsewhere" != repeated.headers["authorization"]


def test_a_string_token_is_never_refreshed(emulator: Emulator) -> None:
    client = vertex(emulator, access_token=emulator.vertex_access_token(lifetime=1), max_retries=0)
    assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    time.sleep(1.2)
    with pytest.raises(AuthenticationError) as info:
        client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert info.value.type == "UNAUTHENTICATED" and info.value.body["error"]["code"] == 401  # type: ignore[index]
    assert len(emulator.requests) == 2  # no refresh, no repeat


def test_google_errors_from_vertex_are_typed(emulator: Emulator) -> None:
    with pytest.raises(NotFoundError) as info:
        vertex(emulator, max_retries=0).messages.create(model="claude-nope@1", max_tokens=16, messages=MESSAGES)
    assert info.value.type == "NOT_FOUND" and "not found" in info.value.message


def google_body(code: int, message: str, status: str) -> Any:
    return {"error": {"code": code, "message": message, "status": status}}


def anthropic_body(kind: str, message: str) -> Any:
    return {"type": "error", "error": {"type": kind, "message": message}}


@pytest.mark.parametrize(
    ("status", "body", "cls", "kind"),
    [
        (429, [google_body(429, "Quota exceeded", "RESOURCE_EXHAUSTED")], RateLimitError, "RESOURCE_EXHAUSTED"),
        (503, google_body(503, "Unavailable", "UNAVAILABLE"), ServiceUnavailableError, "UNAVAILABLE"),
        (504, google_body(504, "Deadline", "DEADLINE_EXCEEDED"), DeadlineExceededError, "DEADLINE_EXCEEDED"),
        (529, anthropic_body("overloaded_error", "Overloaded"), OverloadedError, "overloaded_error"),
        (400, anthropic_body("invalid_request_error", "bad"), BadRequestError, "invalid_request_error"),
    ],
)
def test_error_bodies_of_both_shapes(emulator: Emulator, status: int, body: Any, cls: type, kind: str) -> None:
    emulator.enqueue(status=status, json=body, headers={"request-id": "req_vertex_1"})
    with pytest.raises(cls) as info:
        vertex(emulator, max_retries=0).messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert info.value.status_code == status and info.value.type == kind
    assert info.value.request_id == "req_vertex_1"


def test_a_server_error_is_retried_with_the_same_token(emulator: Emulator) -> None:
    emulator.enqueue(status=503, json=google_body(503, "Unavailable", "UNAVAILABLE"))
    assert vertex(emulator).messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    first, second = emulator.requests
    assert first.headers["authorization"] == second.headers["authorization"]


def test_unsupported_endpoints(emulator: Emulator) -> None:
    client = vertex(emulator)
    with pytest.raises(UnsupportedEndpointError, match="first-party client"):
        client.models.list()
    with pytest.raises(UnsupportedEndpointError, match="Batches"):
        client.messages.batches.list()
    with pytest.raises(UnsupportedEndpointError, match="Files"):
        client.beta.files.list()
    assert emulator.requests == []


def test_service_account_credentials_object(emulator: Emulator, key_file: Path) -> None:
    credentials = service_account.Credentials.from_service_account_file(str(key_file))
    client = vertex(emulator, access_token=None, project_id=None, credentials=credentials)
    assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    assert client.project_id == PROJECT  # the key's project
    assert emulator.vertex_token_grants == 1


def test_async_client(emulator: Emulator) -> None:
    async def main() -> None:
        options = {"region": REGION, "project_id": PROJECT, "base_url": vertex_url(emulator)}
        async with AsyncAnthropicVertex(access_token=emulator.vertex_access_token(), **options) as client:
            emulator.enqueue(status=429)
            message = await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
            assert message.content
            async with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
                assert await stream.get_final_text()
            count = await client.messages.count_tokens(model=MODEL, messages=MESSAGES)
            assert count.input_tokens > 0

    asyncio.run(main())
    assert [request.path for request in emulator.requests] == [
        model_path(),
        model_path(),
        model_path(method="streamRawPredict"),
        model_path("count-tokens"),
    ]
