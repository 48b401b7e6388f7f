"""Claude on Bedrock: InvokeModel, the event-stream, CountTokens, SigV4 checked with botocore, errors in AWS's shape."""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple
from urllib.parse import quote

import httpx
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.eventstream import EventStreamBuffer, EventStreamMessage
from claude_emulator import (
    EMULATOR_AWS_ACCESS_KEY_ID,
    EMULATOR_AWS_SECRET_ACCESS_KEY,
    EMULATOR_BEDROCK_API_KEY,
    Emulator,
    EmulatorApp,
    EmulatorRequest,
    EmulatorTransport,
    encode_eventstream_message,
)

from .conftest import HEADERS, message_body
from .sse import accumulate, parse_sse

MODEL_ID = "anthropic.claude-sonnet-4-5-20250929-v1:0"
MODEL = "claude-sonnet-4-5-20250929"
CREDENTIALS = (EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, None)
TOKEN_CREDENTIALS = ("ASIATEMPORARYEXAMPLE", "temporary/secret/key", "session-token-123")
VALIDATION = "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"
SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
    "Access Key and signing method. Consult the service documentation for details."
)


def bedrock_body(text: str = "Hello there, Claude", **extra: Any) -> Dict[str, Any]:
    body = message_body(text, **extra)
    del body["model"]
    body["anthropic_version"] = "bedrock-2023-05-31"
    return body


class Bedrock:
    """Raw httpx to the Bedrock routes, each request signed by botocore as a client would sign it."""

    def __init__(self, http: httpx.Client, base_url: str) -> None:
        self.http = http
        self.base_url = base_url

    def url(self, operation: str, model_id: str = MODEL_ID) -> str:
        return f"{self.base_url}/model/{quote(model_id, safe=':')}/{operation}"

    def request(
        self,
        operation: str,
        body: Any,
        *,
        model_id: str = MODEL_ID,
        credentials: Sequence[Optional[str]] = CREDENTIALS,
        region: str = "us-west-2",
        bearer: Optional[str] = None,
        sent: Optional[bytes] = None,
    ) -> httpx.Response:
        """POST ``body`` signed (or with ``bearer``); ``sent`` replaces the body after signing (tampering)."""
        url = self.url(operation, model_id)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"content-type": "application/json", "accept": "application/json"}
        if bearer is not None:
            headers["authorization"] = f"Bearer {bearer}"
        else:
            signed = AWSRequest(method="POST", url=url, data=content, headers=headers)
            SigV4Auth(Credentials(*credentials), "bedrock", region).add_auth(signed)
            headers = dict(signed.headers.items())
        return self.http.post(url, content=content if sent is None else sent, headers=headers)


@pytest.fixture(params=["http", "transport"])
def bedrock(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[Bedrock]:
    if request.param == "http":
        with httpx.Client() as http:
            yield Bedrock(http, emu.base_url)
    else:
        with httpx.Client(transport=EmulatorTransport(emu.app)) as http:
            yield Bedrock(http, "http://bedrock-runtime.us-west-2.amazonaws.com")


@pytest.fixture
def first_party(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as http:
        yield http


def messages(raw: bytes, pieces: int = 7) -> List[EventStreamMessage]:
    """Decode an event-stream body with botocore's parser, fed in odd-sized pieces."""
    buffer = EventStreamBuffer()
    decoded: List[EventStreamMessage] = []
    for at in range(0, len(raw), pieces):
        buffer.add_data(raw[at : at + pieces])
        decoded.extend(buffer)
    assert buffer._data == b""  # nothing left over
    return decoded


def stream_events(raw: bytes) -> List[Tuple[str, Dict[str, Any]]]:
    events = []
    for message in messages(raw):
        assert message.headers == {
            ":event-type": "chunk",
            ":content-type": "application/json",
            ":message-type": "event",
        }
        payload = json.loads(message.payload)
        assert set(payload) == {"bytes", "p"} and payload["p"]
        event = json.loads(base64.b64decode(payload["bytes"]))
        events.append((event["type"], event))
    return events


def without_id(message: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in message.items() if key != "id"}


def assert_bedrock_error(response: httpx.Response, status: int, error_type: str, message: Optional[str] = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["x-amzn-errortype"].partition(":")[0] == error_type
    assert response.headers["x-amzn-requestid"]
    body = response.json()
    assert set(body) == {"message"}
    if message is not None:
        assert body["message"] == message


# -- invoke, stream, count-tokens ---------------------------------------------------------


def test_invoke_equals_messages(bedrock: Bedrock, first_party: httpx.Client) -> None:
    response = bedrock.request("invoke", bedrock_body(temperature=0.5))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-amzn-requestid"]
    message = response.json()
    assert message["id"].startswith("msg_bdrk_")
    expected = first_party.post("/v1/messages", json=message_body(model=MODEL, temperature=0.5)).json()
    assert without_id(message) == without_id(expected)
    assert response.headers["x-amzn-bedrock-input-token-count"] == str(message["usage"]["input_tokens"])
    assert response.headers["x-amzn-bedrock-output-token-count"] == str(message["usage"]["output_tokens"])


def test_invoke_with_tools_and_betas(bedrock: Bedrock, first_party: httpx.Client) -> None:
    tools = [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}]
    body = bedrock_body("What is the weather in SF?", tools=tools, anthropic_beta=["context-1m-2025-08-07"])
    response = bedrock.request("invoke", body)
    assert response.status_code == 200, response.text
    expected = first_party.post(
        "/v1/messages", json=message_body("What is the weather in SF?", model=MODEL, tools=tools)
    ).json()
    assert without_id(response.json()) == without_id(expected)
    assert response.json()["stop_reason"] == "tool_use"


def test_stream_accumulates_to_the_invoke_reply(bedrock: Bedrock, first_party: httpx.Client) -> None:
    thinking = {"type": "enabled", "budget_tokens": 1024}
    body = bedrock_body("one two three four five six seven eight", thinking=thinking, max_tokens=2048)
    response = bedrock.request("invoke-with-response-stream", body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/vnd.amazon.eventstream"
    assert response.headers["x-amzn-bedrock-content-type"] == "application/json"
    assert response.headers["x-amzn-requestid"]
    events = stream_events(response.content)
    names = [name for name, _ in events]
    assert "ping" not in names
    assert names[0] == "message_start" and names[-1] == "message_stop"
    metrics = events[-1][1]["amazon-bedrock-invocationMetrics"]
    invoked = bedrock.request("invoke", body).json()
    assert without_id(accumulate(events)) == without_id(invoked)
    assert metrics["inputTokenCount"] == invoked["usage"]["input_tokens"]
    assert metrics["outputTokenCount"] == invoked["usage"]["output_tokens"]
    # the same events as the first-party stream, but for the pings and Bedrock's metrics
    first_body = message_body(
        body["messages"][0]["content"], model=MODEL, stream=True, thinking=thinking, max_tokens=2048
    )
    first = parse_sse(first_party.post("/v1/messages", json=first_body).content)
    first = [(name, data) for name, data in first if name != "ping"]
    assert [name for name, _ in first] == names
    assert events[1:-1] == first[1:-1]


def test_event_chunks_send_one_frame_per_chunk() -> None:
    app = EmulatorApp(event_chunks=True, require_auth=False)
    body = json.dumps(bedrock_body("one two three four five")).encode()
    reply = app.handle(EmulatorRequest("POST", f"/model/{MODEL_ID}/invoke-with-response-stream", body=body))
    parts = list(reply.body)
    assert len(parts) > 5
    for part in parts:
        assert isinstance(part, bytes)
        assert len(messages(part, pieces=len(part))) == 1


def test_count_tokens_equals_first_party(bedrock: Bedrock, first_party: httpx.Client) -> None:
    tools = [{"name": "lookup", "description": "Look it up", "input_schema": {"type": "object"}}]
    body = bedrock_body("count these words please", system="Be brief.", tools=tools)
    wrapped = {"input": {"invokeModel": {"body": base64.b64encode(json.dumps(body).encode()).decode()}}}
    response = bedrock.request("count-tokens", wrapped)
    assert response.status_code == 200, response.text
    assert response.headers["x-amzn-requestid"]
    expected = first_party.post(
        "/v1/messages/count_tokens",
        json={"model": MODEL, "messages": body["messages"], "system": "Be brief.", "tools": tools},
    ).json()
    assert response.json() == {"inputTokens": expected["input_tokens"]}


@pytest.mark.parametrize(
    "wrapped",
    [
        {"input": {"invokeModel": {"body": "not base64!"}}},
        {"input": {"converse": {"messages": []}}},
        {"input": {}},
        {"input": {"invokeModel": {"body": base64.b64encode(b'{"messages": []}').decode()}}},
    ],
)
def test_count_tokens_rejects(bedrock: Bedrock, wrapped: Dict[str, Any]) -> None:
    assert_bedrock_error(bedrock.request("count-tokens", wrapped), 400, "ValidationException")


# -- exception frames and faults --------------------------------------------------------------


@pytest.mark.parametrize(
    ("error_type", "exception"),
    [
        ("overloaded_error", "throttlingException"),
        ("rate_limit_error", "throttlingException"),
        ("api_error", "internalServerException"),
        ("invalid_request_error", "validationException"),
        ("timeout_error", "modelTimeoutException"),
        ("throttlingException", "throttlingException"),
        ("modelStreamErrorException", "modelStreamErrorException"),
        ("validationException", "validationException"),
        ("internalServerException", "internalServerException"),
        ("serviceUnavailableException", "serviceUnavailableException"),
        ("modelTimeoutException", "modelTimeoutException"),
    ],
)
def test_exception_frames(bedrock: Bedrock, emu: Emulator, error_type: str, exception: str) -> None:
    body = bedrock_body("one two three four five six seven eight")
    normal = messages(bedrock.request("invoke-with-response-stream", body).content)
    emu.enqueue(stream_error_after=3, error_type=error_type)
    response = bedrock.request("invoke-with-response-stream", body)
    assert response.status_code == 200
    got = messages(response.content)
    assert len(got) == 4
    assert [m.payload for m in got[:3]][1:] == [m.payload for m in normal[1:3]]
    assert got[3].headers == {
        ":exception-type": exception,
        ":content-type": "application/json",
        ":message-type": "exception",
    }
    payload = json.loads(got[3].payload)
    assert set(payload) == {"message"} and payload["message"]


def test_stream_drop_and_truncate(bedrock: Bedrock, emu: Emulator) -> None:
    body = bedrock_body("one two three four five six seven eight")
    emu.enqueue(truncate_after_events=2)
    assert len(messages(bedrock.request("invoke-with-response-stream", body).content)) == 2
    emu.enqueue(drop_after_events=2)
    with pytest.raises(httpx.RemoteProtocolError):
        bedrock.request("invoke-with-response-stream", body)


def test_raw_eventstream_fault(bedrock: Bedrock, emu: Emulator) -> None:
    raw = encode_eventstream_message([(":message-type", "event"), (":event-type", "unknownEvent")], b"{}")
    emu.enqueue(sse=raw)
    response = bedrock.request("invoke-with-response-stream", bedrock_body())
    assert response.headers["content-type"] == "application/vnd.amazon.eventstream"
    assert response.content == raw


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (429, "ThrottlingException"),
        (500, "InternalServerException"),
        (503, "ServiceUnavailableException"),
        (408, "ModelTimeoutException"),
    ],
)
def test_status_faults_in_bedrock_shape(bedrock: Bedrock, emu: Emulator, status: int, error_type: str) -> None:
    emu.enqueue(status=status, headers={"retry-after": "0"})
    response = bedrock.request("invoke", bedrock_body())
    assert_bedrock_error(response, status, error_type)
    assert response.headers["retry-after"] == "0"
    assert bedrock.request("invoke", bedrock_body()).status_code == 200


def test_requests_are_recorded(bedrock: Bedrock, emu: Emulator) -> None:
    arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    bedrock.request("invoke", bedrock_body(), model_id=arn)
    recorded = emu.requests[-1]
    assert recorded.path == f"/model/{arn}/invoke"
    assert recorded.target == f"/model/{quote(arn, safe=':')}/invoke"
    assert json.loads(recorded.body)["anthropic_version"] == "bedrock-2023-05-31"
    assert recorded.headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=")


# -- model ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model_id", "model"),
    [
        (MODEL_ID, MODEL),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", MODEL),
        ("eu.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"),
        ("apac.anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku-20241022"),
        ("global.anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
        (
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0",
            "claude-opus-4-1-20250805",
        ),
        (
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            MODEL,
        ),
    ],
)
def test_model_ids(bedrock: Bedrock, model_id: str, model: str) -> None:
    response = bedrock.request("invoke", bedrock_body(), model_id=model_id)
    assert response.status_code == 200, response.text
    assert response.json()["model"] == model


@pytest.mark.parametrize(
    "model_id",
    [
        "anthropic.claude-unknown-v1:0",
        "meta.llama3-8b-instruct-v1:0",
        "arn:aws:bedrock:us-east-1:1:application-inference-profile/abc123",
    ],
)
def test_unknown_model_id(bedrock: Bedrock, model_id: str) -> None:
    response = bedrock.request("invoke", bedrock_body(), model_id=model_id)
    assert_bedrock_error(response, 400, "ValidationException", "The provided model identifier is invalid.")
    assert response.headers["x-amzn-errortype"] == VALIDATION


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (dict(bedrock_body(), model=MODEL), "extraneous key [model]"),
        (dict(bedrock_body(), stream=True), "extraneous key [stream]"),
        ({k: v for k, v in bedrock_body().items() if k != "anthropic_version"}, "required key [anthropic_version]"),
        (dict(bedrock_body(), anthropic_version="2023-06-01"), "anthropic_version"),
        (dict(bedrock_body(), anthropic_beta="not-a-list"), "anthropic_beta"),
        ({k: v for k, v in bedrock_body().items() if k != "max_tokens"}, "max_tokens: Field required"),
        (dict(bedrock_body(), temprature=1), "temprature: Extra inputs are not permitted"),
        (b"{not json", "Malformed input request"),
    ],
)
@pytest.mark.parametrize("operation", ["invoke", "invoke-with-response-stream"])
def test_validation_errors(bedrock: Bedrock, operation: str, body: Any, message: str) -> None:
    response = bedrock.request(operation, body)
    assert_bedrock_error(response, 400, "ValidationException")
    assert response.headers["x-amzn-errortype"] == VALIDATION
    assert message in response.json()["message"]


def test_unknown_operation(bedrock: Bedrock) -> None:
    assert_bedrock_error(bedrock.request("converse", bedrock_body()), 404, "UnknownOperationException")


# -- authentication -------------------------------------------------------------------------


def test_signature_verifies_with_session_token() -> None:
    with Emulator(aws_credentials=TOKEN_CREDENTIALS) as emu, httpx.Client() as http:
        assert emu.aws_credentials == TOKEN_CREDENTIALS
        bedrock = Bedrock(http, emu.base_url)
        response = bedrock.request("invoke", bedrock_body(), credentials=TOKEN_CREDENTIALS, region="eu-west-1")
        assert response.status_code == 200, response.text
        assert emu.requests[-1].headers["x-amz-security-token"] == "session-token-123"
        # the same signed request again (a retry signed anew) also verifies
        assert bedrock.request("invoke", bedrock_body(), credentials=TOKEN_CREDENTIALS).status_code == 200
        missing = bedrock.request("invoke", bedrock_body(), credentials=TOKEN_CREDENTIALS[:2])
        assert_bedrock_error(missing, 403, "UnrecognizedClientException")
        wrong = bedrock.request("invoke", bedrock_body(), credentials=(*TOKEN_CREDENTIALS[:2], "other-token"))
        assert_bedrock_error(wrong, 403, "UnrecognizedClientException")


def test_tampered_body_fails(bedrock: Bedrock) -> None:
    tampered = json.dumps(bedrock_body("something else")).encode()
    response = bedrock.request("invoke", bedrock_body(), sent=tampered)
    assert_bedrock_error(response, 403, "InvalidSignatureException", SIGNATURE_MISMATCH)
    assert response.headers["x-amzn-errortype"].endswith(":http://internal.amazon.com/coral/com.amazon.coral.service/")


def test_wrong_secret_fails(bedrock: Bedrock) -> None:
    response = bedrock.request("invoke", bedrock_body(), credentials=(EMULATOR_AWS_ACCESS_KEY_ID, "wrong-secret"))
    assert_bedrock_error(response, 403, "InvalidSignatureException", SIGNATURE_MISMATCH)


def test_unknown_access_key_fails(bedrock: Bedrock) -> None:
    response = bedrock.request("invoke", bedrock_body(), credentials=("AKIAOTHER", EMULATOR_AWS_SECRET_ACCESS_KEY))
    assert_bedrock_error(response, 403, "UnrecognizedClientException")


def test_wrong_service_fails(emu: Emulator) -> None:
    url = f"{emu.base_url}/model/{MODEL_ID}/invoke"
    content = json.dumps(bedrock_body()).encode()
    signed = AWSRequest(method="POST", url=url, data=content, headers={"content-type": "application/json"})
    SigV4Auth(Credentials(*CREDENTIALS), "s3", "us-east-1").add_auth(signed)
    response = httpx.post(url, content=content, headers=dict(signed.headers.items()))
    assert_bedrock_error(response, 403, "InvalidSignatureException")


def test_tampered_header_fails(emu: Emulator) -> None:
    url = f"{emu.base_url}/model/{MODEL_ID}/invoke"
    content = json.dumps(bedrock_body()).encode()
    signed = AWSRequest(method="POST", url=url, data=content, headers={"content-type": "application/json"})
    SigV4Auth(Credentials(*CREDENTIALS), "bedrock", "us-east-1").add_auth(signed)
    headers = dict(signed.headers.items(), **{"content-type": "text/plain"})
    assert_bedrock_error(httpx.post(url, content=content, headers=headers), 403, "InvalidSignatureException")
    # headers that are not signed (user-agent, accept-encoding) may change freely
    headers = dict(signed.headers.items(), **{"user-agent": "x", "accept-encoding": "identity"})
    assert httpx.post(url, content=content, headers=headers).status_code == 200


def test_missing_authorization(bedrock: Bedrock) -> None:
    response = bedrock.http.post(bedrock.url("invoke"), json=bedrock_body())
    assert_bedrock_error(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token")
    response = bedrock.http.post(
        bedrock.url("invoke"), json=bedrock_body(), headers={"authorization": "AWS4-HMAC-SHA256 x"}
    )
    assert_bedrock_error(response, 403, "IncompleteSignatureException")


def test_bedrock_api_key(bedrock: Bedrock) -> None:
    assert bedrock.request("invoke", bedrock_body(), bearer=EMULATOR_BEDROCK_API_KEY).status_code == 200
    response = bedrock.request("invoke", bedrock_body(), bearer="ABSKwrong")
    assert_bedrock_error(response, 403, "UnrecognizedClientException")


def test_configured_bedrock_api_keys() -> None:
    with Emulator(bedrock_api_keys=["ABSKmine"]) as emu, httpx.Client() as http:
        assert emu.bedrock_api_key == "ABSKmine"
        bedrock = Bedrock(http, emu.base_url)
        assert bedrock.request("invoke", bedrock_body(), bearer="ABSKmine").status_code == 200
        assert bedrock.request("invoke", bedrock_body(), bearer=EMULATOR_BEDROCK_API_KEY).status_code == 403
        assert bedrock.request("count-tokens", {"input": {}}, bearer=EMULATOR_BEDROCK_API_KEY).status_code == 403


def test_first_party_keys_do_not_open_bedrock(emu: Emulator) -> None:
    response = httpx.post(f"{emu.base_url}/model/{MODEL_ID}/invoke", json=bedrock_body(), headers=HEADERS)
    assert_bedrock_error(response, 403, "MissingAuthenticationTokenException")


def test_aws_credentials_are_checked() -> None:
    with pytest.raises(TypeError):
        EmulatorApp(aws_credentials="AKID")
    with pytest.raises(ValueError):
        EmulatorApp(aws_credentials=("AKID", ""))
    with pytest.raises(TypeError):
        Emulator(app=EmulatorApp(), aws_credentials=("AKID", "secret"))


# -- the encoder against botocore's parser ----------------------------------------------------


def test_encoder_round_trips_through_botocore() -> None:
    payloads = [b"", b"{}", "é".encode() * 1000, bytes(range(256)) * 300]
    raw = b"".join(
        encode_eventstream_message([(":message-type", "event"), (":event-type", f"e{i}"), ("x-é", "välue")], payload)
        for i, payload in enumerate(payloads)
    )
    decoded = messages(raw, pieces=13)
    assert [m.payload for m in decoded] == payloads
    assert [m.headers for m in decoded] == [
        {":message-type": "event", ":event-type": f"e{i}", "x-é": "välue"} for i in range(len(payloads))
    ]
