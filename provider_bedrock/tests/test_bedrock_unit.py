"""The I/O-free pieces: request mapping, region and credential resolution, event-stream decoding, errors."""

from __future__ import annotations

import base64
import binascii
import json
import struct
from pathlib import Path
from typing import Any, Dict, List, Optional

import boto3
import httpx
import pytest
from conftest import MODEL
from provider_bedrock.plugin import AWSCredentials, BedrockAPIKey, claude_credentials, sign_sigv4

from claude_core import (
    AnthropicError,
    BadRequestError,
    ClientOptions,
    DeadlineExceededError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    UnsupportedEndpointError,
)
from claude_core.providers import APIRequest
from provider_bedrock import BedrockProvider, EventStreamDecoder


def provider(**extra: Any) -> BedrockProvider:
    base_url = extra.pop("base_url", None)
    api_key = extra.pop("api_key", None)
    return BedrockProvider(ClientOptions(provider="bedrock", base_url=base_url, api_key=api_key, extra=extra))


def create(body: Dict[str, Any], stream: bool = False, headers: Optional[Dict[str, str]] = None) -> APIRequest:
    if stream:
        body = {**body, "stream": True}
    return APIRequest("messages.create", "POST", "/v1/messages", body=body, headers=dict(headers or {}), stream=stream)


BODY = {"model": MODEL, "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}

# -- request mapping --------------------------------------------------------------------


def test_invoke_path_and_body() -> None:
    prepared = provider(aws_region="us-west-2").prepare(create(dict(BODY)))
    assert prepared.path == f"/model/{MODEL}/invoke"
    assert prepared.body == {
        "max_tokens": 10,
        "messages": [{"role": "user", "content": "Hi"}],
        "anthropic_version": "bedrock-2023-05-31",
    }


def test_stream_path_drops_stream_and_keeps_a_given_version() -> None:
    prepared = provider().prepare(create({**BODY, "anthropic_version": "custom"}, stream=True))
    assert prepared.path == f"/model/{MODEL}/invoke-with-response-stream"
    assert "stream" not in prepared.body and "model" not in prepared.body  # type: ignore[operator]
    assert prepared.body["anthropic_version"] == "custom"  # type: ignore[index]


@pytest.mark.parametrize(
    ("model", "path"),
    [
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        (
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1:0",
        ),
        ("model with space", "model%20with%20space"),
    ],
)
def test_model_ids_are_quoted_like_the_official(model: str, path: str) -> None:
    prepared = provider().prepare(create({**BODY, "model": model}))
    assert prepared.path == f"/model/{path}/invoke"


def test_betas_go_into_the_body_and_the_beta_query_is_dropped() -> None:
    request = create(dict(BODY), headers={"anthropic-beta": "a-1, b-2"})
    request.query["beta"] = "true"
    prepared = provider().prepare(request)
    assert prepared.body["anthropic_beta"] == ["a-1", "b-2"]  # type: ignore[index]
    assert "beta" not in prepared.query
    assert prepared.headers["anthropic-beta"] == "a-1, b-2"  # still sent, as the official does


def test_count_tokens_wraps_the_invoke_body() -> None:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}
    call = APIRequest("messages.count_tokens", "POST", "/v1/messages/count_tokens", body=body)
    prepared = provider().prepare(call)
    assert prepared.path == f"/model/{MODEL}/count-tokens"
    inner = prepared.body["input"]["invokeModel"]["body"]  # type: ignore[index]
    assert json.loads(base64.b64decode(inner)) == {
        "messages": [{"role": "user", "content": "Hi"}],
        "anthropic_version": "bedrock-2023-05-31",
    }


def test_count_tokens_response_is_reshaped() -> None:
    request = httpx.Request("POST", "http://x")
    response = httpx.Response(200, json={"inputTokens": 17}, headers={"x-amzn-requestid": "rid"}, request=request)
    shaped = provider().shape_response("messages.count_tokens", response)
    assert shaped.json() == {"input_tokens": 17}
    assert shaped.headers["x-amzn-requestid"] == "rid"
    assert provider().shape_response("messages.create", response) is response


@pytest.mark.parametrize(
    ("endpoint", "names"),
    [
        ("messages.batches.create", "Message Batches"),
        ("messages.batches.list", "Message Batches"),
        ("beta.files.upload", "Files API"),
        ("models.list", "Models API"),
        ("something.new", "first-party client"),
    ],
)
def test_unsupported_endpoints_name_the_alternative(endpoint: str, names: str) -> None:
    with pytest.raises(UnsupportedEndpointError, match=names) as info:
        provider().prepare(APIRequest(endpoint, "GET", "/v1/whatever"))
    assert "claude_core.Anthropic" in str(info.value)


def test_no_first_party_auth_or_version_headers() -> None:
    assert dict(provider().default_headers()) == {}
    assert BedrockProvider.api_key_auth is False


# -- base URL and region ----------------------------------------------------------------


def test_base_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    assert provider(aws_region="eu-west-3").base_url() == "https://bedrock-runtime.eu-west-3.amazonaws.com"
    monkeypatch.setenv("ANTHROPIC_BEDROCK_BASE_URL", "https://vpce.example")
    assert provider(aws_region="eu-west-3").base_url() == "https://vpce.example"
    assert provider(base_url="https://arg.example").base_url() == "https://arg.example"


def write_profile(tmp: Path, name: str, region: Optional[str], keys: bool = True) -> None:
    section = "default" if name == "default" else f"profile {name}"
    lines = [f"[{section}]"] + ([f"region = {region}"] if region else [])
    (tmp / "aws-config").write_text("\n".join(lines) + "\n")
    if keys:
        (tmp / "aws-credentials").write_text(
            f"[{name}]\naws_access_key_id = AKIDPROFILE{name.upper()}\naws_secret_access_key = secret-{name}\n"
        )


@pytest.mark.parametrize(
    ("argument", "aws_region", "aws_default_region", "profile_region", "expected"),
    [
        ("ap-south-1", "us-east-2", "us-west-1", "eu-central-1", "ap-south-1"),
        (None, "us-east-2", "us-west-1", "eu-central-1", "us-east-2"),
        (None, None, "us-west-1", "eu-central-1", "us-west-1"),
        (None, None, None, "eu-central-1", "eu-central-1"),
    ],
)
def test_region_precedence(
    monkeypatch: pytest.MonkeyPatch,
    aws_env: Path,
    argument: Optional[str],
    aws_region: Optional[str],
    aws_default_region: Optional[str],
    profile_region: str,
    expected: str,
) -> None:
    write_profile(aws_env, "work", profile_region)
    if aws_region:
        monkeypatch.setenv("AWS_REGION", aws_region)
    if aws_default_region:
        monkeypatch.setenv("AWS_DEFAULT_REGION", aws_default_region)
    extra: Dict[str, Any] = {"aws_profile": "work"}
    if argument:
        extra["aws_region"] = argument
    assert provider(**extra).region == expected


def test_region_of_the_default_profile_and_of_aws_profile(monkeypatch: pytest.MonkeyPatch, aws_env: Path) -> None:
    write_profile(aws_env, "default", "sa-east-1")
    assert provider().region == "sa-east-1"
    write_profile(aws_env, "other", "ca-central-1")
    monkeypatch.setenv("AWS_PROFILE", "other")
    assert provider().region == "ca-central-1"


def test_region_of_a_boto3_session() -> None:
    session = boto3.Session(aws_access_key_id="AK", aws_secret_access_key="SK", region_name="me-south-1")
    assert provider(aws_session=session).region == "me-south-1"


def test_no_region_is_an_error_naming_the_four_places() -> None:
    with pytest.raises(AnthropicError) as info:
        provider().base_url()
    message = str(info.value)
    for place in ("aws_region=", "AWS_REGION", "AWS_DEFAULT_REGION", "profile"):
        assert place in message


def test_no_region_needed_with_a_base_url_and_an_api_key() -> None:
    bedrock = provider(base_url="https://vpce.example", api_key="k")
    assert bedrock.base_url() == "https://vpce.example"
    assert isinstance(claude_credentials(bedrock, bedrock.options), BedrockAPIKey)


# -- credentials ------------------------------------------------------------------------


def frozen(credentials: Any) -> Any:
    assert isinstance(credentials, AWSCredentials)
    return credentials.frozen()


def test_explicit_keys_with_a_session_token() -> None:
    bedrock = provider(aws_region="us-east-1", aws_access_key="AK", aws_secret_key="SK", aws_session_token="TOK")
    found = frozen(claude_credentials(bedrock, bedrock.options))
    assert (found.access_key, found.secret_key, found.token) == ("AK", "SK", "TOK")


def test_half_a_key_pair_is_an_error() -> None:
    bedrock = provider(aws_region="us-east-1", aws_access_key="AK")
    with pytest.raises(MissingCredentialsError, match="together"):
        claude_credentials(bedrock, bedrock.options)


def test_profile_from_a_temporary_config(aws_env: Path) -> None:
    write_profile(aws_env, "work", "eu-north-1")
    bedrock = provider(aws_profile="work")
    credentials = claude_credentials(bedrock, bedrock.options)
    assert frozen(credentials).access_key == "AKIDPROFILEWORK"
    assert credentials.region == "eu-north-1"


def test_unknown_profile_is_a_clear_error(aws_env: Path) -> None:
    bedrock = provider(aws_profile="nope", aws_region="us-east-1")
    with pytest.raises(MissingCredentialsError, match="nope"):
        claude_credentials(bedrock, bedrock.options)


def test_boto3_session_credentials() -> None:
    session = boto3.Session(aws_access_key_id="AKSESSION", aws_secret_access_key="SK", region_name="us-east-1")
    bedrock = provider(aws_session=session)
    assert frozen(claude_credentials(bedrock, bedrock.options)).access_key == "AKSESSION"


def test_default_chain_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "SKENV")
    bedrock = provider(aws_region="us-east-1")
    assert frozen(claude_credentials(bedrock, bedrock.options)).access_key == "AKENV"


def test_bearer_token_from_argument_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    bedrock = provider(aws_region="us-east-1", api_key="ABSK-arg")
    found = claude_credentials(bedrock, bedrock.options)
    assert isinstance(found, BedrockAPIKey) and found.token == "ABSK-arg"
    assert "ABSK" not in repr(found)
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "ABSK-env")
    bedrock = provider(aws_region="us-east-1")
    found = claude_credentials(bedrock, bedrock.options)
    assert isinstance(found, BedrockAPIKey) and found.token == "ABSK-env"
    # explicit AWS keys beat the environment's bearer token
    bedrock = provider(aws_region="us-east-1", aws_access_key="AK", aws_secret_key="SK")
    assert isinstance(claude_credentials(bedrock, bedrock.options), AWSCredentials)


def test_no_credentials_is_a_clear_error() -> None:
    bedrock = provider(aws_region="us-east-1")
    with pytest.raises(MissingCredentialsError, match="AWS_BEARER_TOKEN_BEDROCK"):
        claude_credentials(bedrock, bedrock.options)


def test_other_providers_are_not_answered() -> None:
    from claude_core.providers.anthropic import AnthropicProvider

    assert claude_credentials(AnthropicProvider(ClientOptions()), ClientOptions()) is None


def test_refreshable_credentials_refresh_through_botocore() -> None:
    from botocore.credentials import RefreshableCredentials

    from claude_core.credentials import RefreshableCredentials as Protocol

    calls: List[int] = []

    def fetch() -> Dict[str, str]:
        calls.append(1)
        return {
            "access_key": f"AK{len(calls)}",
            "secret_key": "SK",
            "token": "TOK",
            "expiry_time": "2000-01-01T00:00:00Z" if len(calls) == 1 else "2999-01-01T00:00:00Z",
        }

    botocore_credentials = RefreshableCredentials.create_from_metadata(fetch(), fetch, "test")
    wrapped = AWSCredentials(botocore_credentials, "us-east-1")
    assert isinstance(wrapped, Protocol)
    assert wrapped.needs_refresh()  # expired
    wrapped.refresh()
    assert not wrapped.needs_refresh()
    assert wrapped.frozen().access_key == "AK2"


# -- signing ----------------------------------------------------------------------------


def test_sigv4_headers() -> None:
    from botocore.credentials import Credentials

    request = httpx.Request(
        "POST",
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/a%2Fb:0/invoke",
        headers={"connection": "keep-alive", "content-type": "application/json"},
        content=b"{}",
    )
    sign_sigv4(request, Credentials("AK", "SK", "TOK"), "us-east-1")
    authorization = request.headers["authorization"]
    assert authorization.startswith("AWS4-HMAC-SHA256 Credential=AK/")
    assert "/us-east-1/bedrock/aws4_request" in authorization
    assert "connection" not in authorization.split("SignedHeaders=")[1].split(",")[0]
    assert request.headers["x-amz-security-token"] == "TOK"
    assert "x-amz-date" in request.headers


# -- event-stream decoding --------------------------------------------------------------


def encode_eventstream_message(headers: Dict[str, str], payload: bytes) -> bytes:
    """One AWS event-stream frame (string headers only): a test helper, checked against botocore's parser."""
    raw = b"".join(
        struct.pack(">B", len(name)) + name.encode() + struct.pack(">BH", 7, len(value.encode())) + value.encode()
        for name, value in headers.items()
    )
    total = 12 + len(raw) + len(payload) + 4
    prelude = struct.pack(">II", total, len(raw))
    prelude += struct.pack(">I", binascii.crc32(prelude) & 0xFFFFFFFF)
    message = prelude + raw + payload
    return message + struct.pack(">I", binascii.crc32(message) & 0xFFFFFFFF)


def chunk_frame(event: Dict[str, Any]) -> bytes:
    payload = json.dumps({"bytes": base64.b64encode(json.dumps(event).encode()).decode(), "p": "abc"}).encode()
    return bytes(encode_eventstream_message({":message-type": "event", ":event-type": "chunk"}, payload))


def exception_frame(kind: str, message: str = "boom") -> bytes:
    headers = {":message-type": "exception", ":exception-type": kind, ":content-type": "application/json"}
    return bytes(encode_eventstream_message(headers, json.dumps({"message": message}).encode()))


EVENTS: List[Dict[str, Any]] = [
    {"type": "message_start", "message": {"id": "m"}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": 'he said "hi" \u00e9'}},
    {"type": "message_stop"},
]


def test_frames_check_with_botocores_parser() -> None:
    from botocore.eventstream import EventStreamBuffer

    buffer = EventStreamBuffer()
    buffer.add_data(chunk_frame(EVENTS[0]))
    (message,) = list(buffer)
    assert message.headers[":event-type"] == "chunk"


def test_decoder_split_anywhere() -> None:
    other = bytes(encode_eventstream_message({":message-type": "event", ":event-type": "metadata"}, b"{}"))
    data = b"".join([chunk_frame(EVENTS[0]), other, chunk_frame(EVENTS[1]), chunk_frame(EVENTS[2])])
    expected = [(event["type"], event) for event in EVENTS]
    for size in (1, 7, 64, len(data)):
        decoder = EventStreamDecoder()
        pairs = []
        for start in range(0, len(data), size):
            pairs.extend(decoder.feed_pairs(data[start : start + size]))
        pairs.extend(decoder.close_pairs())
        assert [(name, json.loads(text)) for name, text in pairs] == expected


@pytest.mark.parametrize(
    ("kind", "cls", "status"),
    [
        ("throttlingException", RateLimitError, 429),
        ("modelStreamErrorException", InternalServerError, 500),
        ("validationException", BadRequestError, 400),
        ("internalServerException", InternalServerError, 500),
        ("serviceUnavailableException", ServiceUnavailableError, 503),
        ("modelTimeoutException", DeadlineExceededError, 408),
        ("somethingNewException", InternalServerError, 500),
    ],
)
def test_exception_frames_become_typed_errors(kind: str, cls: type, status: int) -> None:
    decoder = EventStreamDecoder()
    ((name, data),) = decoder.feed_pairs(exception_frame(kind, "went wrong"))
    assert name == "error"
    response = httpx.Response(200, headers={"x-amzn-requestid": "rid-1"}, request=httpx.Request("POST", "http://x"))
    error = provider().stream_error(data, response)
    assert type(error) is cls
    assert error.status_code == status
    assert error.request_id == "rid-1"
    assert "went wrong" in str(error) and kind in str(error)


# -- error responses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_type", "cls"),
    [
        (400, "ValidationException", BadRequestError),
        (403, "AccessDeniedException", PermissionDeniedError),
        (403, "InvalidSignatureException", PermissionDeniedError),
        (404, "ResourceNotFoundException", NotFoundError),
        (408, "ModelTimeoutException", DeadlineExceededError),
        (429, "ThrottlingException", RateLimitError),
        (500, "InternalServerException", InternalServerError),
        (503, "ServiceUnavailableException", ServiceUnavailableError),
        (502, None, InternalServerError),
    ],
)
def test_status_errors(status: int, error_type: Optional[str], cls: type) -> None:
    headers = {"x-amzn-requestid": "rid-2"}
    if error_type:
        headers["x-amzn-errortype"] = f"{error_type}:http://internal.amazon.com/coral/com.amazon.bedrock/"
    response = httpx.Response(
        status, json={"message": "the reason"}, headers=headers, request=httpx.Request("POST", "http://x")
    )
    error = provider().status_error(response)
    assert type(error) is cls
    assert error.status_code == status
    assert error.request_id == "rid-2"
    assert "the reason" in error.message
    if error_type:
        assert error.type == error_type and error_type in error.message


# -- lazy names in claude_core ----------------------------------------------------------


def test_lazy_names_and_the_missing_distribution(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import claude_core
    import provider_bedrock

    assert claude_core.AsyncAnthropicBedrock is provider_bedrock.AsyncAnthropicBedrock
    monkeypatch.delitem(claude_core.__dict__, "AnthropicBedrock", raising=False)
    monkeypatch.setitem(sys.modules, "provider_bedrock", None)
    with pytest.raises(ImportError, match=r"python3 -m pip install \./provider_bedrock\)$"):
        claude_core.AnthropicBedrock  # noqa: B018


def test_secrets_stay_out_of_reprs() -> None:
    from provider_bedrock import AnthropicBedrock

    client = AnthropicBedrock(aws_access_key="AKID", aws_secret_key="s3cr3t", aws_session_token="t0k3n", aws_region="x")
    text = repr(client.options)
    assert "s3cr3t" not in text and "t0k3n" not in text


@pytest.mark.parametrize(
    "status, error_type, rejected",
    [
        (403, "ExpiredTokenException", True),
        (403, "UnrecognizedClientException:http://internal.amazon.com/coral/", True),
        (403, "InvalidSignatureException", True),
        (401, None, True),
        (403, "AccessDeniedException", False),  # a policy refuses: new credentials do not help
        (400, "ExpiredTokenException", False),
    ],
)
def test_stale_credentials_are_told_from_other_refusals(status: int, error_type: Optional[str], rejected: bool) -> None:
    headers = {"x-amzn-errortype": error_type} if error_type else {}
    assert provider().credentials_rejected(httpx.Response(status, headers=headers)) is rejected
