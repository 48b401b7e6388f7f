"""Over real HTTP against the emulator's Bedrock mode, which recomputes every SigV4 signature with botocore."""

from __future__ import annotations

import asyncio
import json
from typing import Any, List

import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from conftest import FIRST_PARTY_MODEL, MESSAGES, MODEL

import claude_core
from claude_core import (
    BadRequestError,
    DeadlineExceededError,
    InternalServerError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    UnsupportedEndpointError,
)
from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock

KEYS = {"aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID, "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY}


def bedrock(emulator: Emulator, **kwargs: Any) -> AnthropicBedrock:
    options = {**KEYS, "aws_region": "us-east-1", "base_url": emulator.base_url, **kwargs}
    return AnthropicBedrock(**options)


def first_party(emulator: Emulator) -> claude_core.Anthropic:
    return claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url)


def comparable(message: Any) -> Any:
    data = message.to_dict()
    data.pop("id")
    data.pop("model")
    return data


def test_create_equals_first_party(emulator: Emulator) -> None:
    got = bedrock(emulator).messages.create(model=MODEL, max_tokens=64, messages=MESSAGES)
    want = first_party(emulator).messages.create(model=FIRST_PARTY_MODEL, max_tokens=64, messages=MESSAGES)
    assert comparable(got) == comparable(want)
    assert got._request_id is not None and "-" in got._request_id  # x-amzn-requestid
    sent = emulator.requests[0]
    assert sent.path == f"/model/{MODEL}/invoke"
    assert "x-api-key" not in sent.headers and "anthropic-version" not in sent.headers
    assert sent.headers["authorization"].startswith("AWS4-HMAC-SHA256")


def test_provider_name_and_provider_options(emulator: Emulator) -> None:
    client = claude_core.Anthropic(
        provider="bedrock", base_url=emulator.base_url, provider_options={**KEYS, "aws_region": "us-east-1"}
    )
    message = client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert message.content[0].type == "text"
    assert claude_core.AnthropicBedrock is AnthropicBedrock


def test_raw_stream_equals_first_party(emulator: Emulator) -> None:
    def events(client: Any, model: str) -> List[Any]:
        stream = client.messages.create(model=model, max_tokens=64, messages=MESSAGES, stream=True)
        return [event.to_dict() for event in stream]

    got = events(bedrock(emulator), MODEL)
    want = events(first_party(emulator), FIRST_PARTY_MODEL)
    assert [event["type"] for event in got] == [event["type"] for event in want]
    assert got[1:-1] == want[1:-1]  # message_start (id, model) and message_stop (Bedrock metrics) differ
    assert emulator.requests[0].path == f"/model/{MODEL}/invoke-with-response-stream"


def test_helper_stream_equals_first_party(emulator: Emulator) -> None:
    with bedrock(emulator).messages.stream(model=MODEL, max_tokens=64, messages=MESSAGES) as stream:
        got = stream.get_final_message()
    with first_party(emulator).messages.stream(model=FIRST_PARTY_MODEL, max_tokens=64, messages=MESSAGES) as stream:
        want = stream.get_final_message()
    assert comparable(got) == comparable(want)


def test_count_tokens_equals_first_party(emulator: Emulator) -> None:
    got = bedrock(emulator).messages.count_tokens(model=MODEL, messages=MESSAGES, system="Be brief.")
    want = first_party(emulator).messages.count_tokens(model=FIRST_PARTY_MODEL, messages=MESSAGES, system="Be brief.")
    assert got.input_tokens == want.input_tokens > 0
    raw = bedrock(emulator).messages.with_raw_response.count_tokens(model=MODEL, messages=MESSAGES)
    assert raw.parse().input_tokens > 0
    assert "inputTokens" in raw.http_response.json()  # the body as Bedrock sent it


@pytest.mark.parametrize(
    "model",
    [
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ],
)
def test_encoded_model_ids_sign_and_route(emulator: Emulator, model: str) -> None:
    message = bedrock(emulator).messages.create(model=model, max_tokens=16, messages=MESSAGES)
    assert message.content


def test_signature_verifies_after_a_retry(emulator: Emulator) -> None:
    emulator.enqueue(status=500)
    message = bedrock(emulator).messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert message.content
    first, second = emulator.requests
    assert first.headers["authorization"] != second.headers["authorization"] or (
        first.headers["x-amz-date"] == second.headers["x-amz-date"]
    )


def test_wrong_secret_is_refused_like_aws() -> None:
    with Emulator() as emu:
        client = AnthropicBedrock(
            aws_access_key=EMULATOR_AWS_ACCESS_KEY_ID,
            aws_secret_key="not-the-secret",
            aws_region="us-east-1",
            base_url=emu.base_url,
            max_retries=0,
        )
        with pytest.raises(PermissionDeniedError) as info:
            client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert info.value.type == "InvalidSignatureException"
    assert info.value.request_id


def test_session_token() -> None:
    token = "FwoGZXIvYXdzEmulatorSessionToken"
    with Emulator(aws_credentials=("ASIAEMULATOR0000TEMP", "temp/secret", token)) as emu:
        client = AnthropicBedrock(
            aws_access_key="ASIAEMULATOR0000TEMP",
            aws_secret_key="temp/secret",
            aws_session_token=token,
            aws_region="eu-west-1",
            base_url=emu.base_url,
        )
        emu.enqueue(status=503)
        assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
        assert emu.requests[-1].headers["x-amz-security-token"] == token
        missing = AnthropicBedrock(
            aws_access_key="ASIAEMULATOR0000TEMP",
            aws_secret_key="temp/secret",
            aws_region="eu-west-1",
            base_url=emu.base_url,
            max_retries=0,
        )
        with pytest.raises(PermissionDeniedError):
            missing.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)


def test_bedrock_api_key_as_bearer(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    client = AnthropicBedrock(api_key=emulator.bedrock_api_key, base_url=emulator.base_url)  # no region needed
    assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    assert emulator.requests[-1].headers["authorization"] == f"Bearer {emulator.bedrock_api_key}"
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", emulator.bedrock_api_key)
    assert AnthropicBedrock(base_url=emulator.base_url).messages.count_tokens(model=MODEL, messages=MESSAGES)


def test_profile_credentials_from_a_temporary_config(emulator: Emulator, aws_env: Any) -> None:
    (aws_env / "aws-config").write_text("[profile emu]\nregion = ap-northeast-1\n")
    (aws_env / "aws-credentials").write_text(
        f"[emu]\naws_access_key_id = {EMULATOR_AWS_ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {EMULATOR_AWS_SECRET_ACCESS_KEY}\n"
    )
    client = AnthropicBedrock(aws_profile="emu", base_url=emulator.base_url)
    assert client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content
    assert client.aws_region == "ap-northeast-1"
    assert "/ap-northeast-1/bedrock/aws4_request" in emulator.requests[-1].headers["authorization"]


@pytest.mark.parametrize(
    ("error_type", "cls", "status"),
    [
        ("throttlingException", RateLimitError, 429),
        ("modelStreamErrorException", InternalServerError, 500),
        ("validationException", BadRequestError, 400),
        ("internalServerException", InternalServerError, 500),
        ("serviceUnavailableException", ServiceUnavailableError, 503),
        ("modelTimeoutException", DeadlineExceededError, 408),
    ],
)
def test_exception_frames_map_to_classes(emulator: Emulator, error_type: str, cls: type, status: int) -> None:
    emulator.enqueue(stream_error_after=3, error_type=error_type)  # after content: not retried
    stream = bedrock(emulator).messages.create(model=MODEL, max_tokens=64, messages=MESSAGES, stream=True)
    with pytest.raises(cls) as info:
        for _ in stream:
            pass
    assert info.value.status_code == status
    assert info.value.request_id


def test_exception_frame_before_content_is_retried(emulator: Emulator) -> None:
    emulator.enqueue(stream_error_after=0, error_type="throttlingException")
    with bedrock(emulator).messages.stream(model=MODEL, max_tokens=64, messages=MESSAGES) as stream:
        text = stream.get_final_text()
    assert text
    assert len(emulator.requests) == 2
    assert emulator.requests[0].headers["x-amz-date"] and emulator.requests[1].headers["authorization"]


def test_error_responses_are_typed(emulator: Emulator) -> None:
    with pytest.raises(BadRequestError) as info:
        bedrock(emulator, max_retries=0).messages.create(
            model="anthropic.no-such-model-v1:0", max_tokens=16, messages=MESSAGES
        )
    assert info.value.type == "ValidationException"
    assert info.value.request_id


def test_unsupported_endpoints(emulator: Emulator) -> None:
    client = bedrock(emulator)
    with pytest.raises(UnsupportedEndpointError, match="first-party client"):
        client.models.list()
    with pytest.raises(UnsupportedEndpointError, match="Batches"):
        client.messages.batches.list()
    assert emulator.requests == []


def test_async_client(emulator: Emulator) -> None:
    async def main() -> None:
        async with AsyncAnthropicBedrock(**KEYS, aws_region="us-east-1", base_url=emulator.base_url) as client:
            emulator.enqueue(status=429)
            message = await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
            assert message.content
            async with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
                assert await stream.get_final_text()
            count = await client.messages.count_tokens(model=MODEL, messages=MESSAGES)
            assert count.input_tokens > 0

    asyncio.run(main())


def test_betas_reach_the_body(emulator: Emulator) -> None:
    client = bedrock(emulator)
    client.beta.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES, betas=["context-1m-2025-08-07"])
    sent = emulator.requests[-1]
    assert json.loads(sent.body)["anthropic_beta"] == ["context-1m-2025-08-07"]
    assert "beta=true" not in str(sent.query)


def test_betas_in_extra_headers_reach_the_body(emulator: Emulator) -> None:
    """As the official SDK: an ``anthropic-beta`` given per call in ``extra_headers`` goes in the body too."""
    client = bedrock(emulator)
    headers = {"Anthropic-Beta": "context-1m-2025-08-07,interleaved-thinking-2025-05-14"}
    client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES, extra_headers=headers)
    sent = emulator.requests[-1]
    assert json.loads(sent.body)["anthropic_beta"] == ["context-1m-2025-08-07", "interleaved-thinking-2025-05-14"]
    client.beta.messages.create(
        model=MODEL, max_tokens=16, messages=MESSAGES, betas=["a-1"], extra_headers={"anthropic-beta": "b-2"}
    )
    assert json.loads(emulator.requests[-1].body)["anthropic_beta"] == ["b-2"]  # the header given last wins

    async def main() -> None:
        async with AsyncAnthropicBedrock(**KEYS, aws_region="us-east-1", base_url=emulator.base_url) as client:
            await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES, extra_headers=headers)

    asyncio.run(main())
    assert json.loads(emulator.requests[-1].body)["anthropic_beta"] == [
        "context-1m-2025-08-07",
        "interleaved-thinking-2025-05-14",
    ]
