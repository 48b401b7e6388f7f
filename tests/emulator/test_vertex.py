"""Claude on Vertex AI: rawPredict, streamRawPredict and count-tokens behind the emulator's OAuth tokens."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, Iterator, Optional

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp, EmulatorRequest, EmulatorTransport

from .conftest import HEADERS, message_body
from .errors import error_message
from .google_auth import HttpxRequest, credentials
from .sse import accumulate, parse_sse

VERSION = "vertex-2023-10-16"
MODEL_ID = "claude-sonnet-4-5@20250929"
MODEL = "claude-sonnet-4-5-20250929"
MODELS = "/v1/projects/my-project/locations/us-east5/publishers/anthropic/models"
COUNT_TOKENS = f"{MODELS}/count-tokens:rawPredict"


def vertex_body(text: str = "Hello there, Claude", **extra: Any) -> Dict[str, Any]:
    body = message_body(text, **extra)
    del body["model"]
    body["anthropic_version"] = VERSION
    return body


def predict(model_id: str = MODEL_ID, method: str = "rawPredict") -> str:
    return f"{MODELS}/{model_id}:{method}"


def without_id(message: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in message.items() if key != "id"}


def google_error(response: httpx.Response, status: int, google_status: str) -> str:
    """The message of a Google-shaped error reply, after checking its status and shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body == {"error": {"code": status, "message": body["error"]["message"], "status": google_status}}
    return str(body["error"]["message"])


ROUTES = [predict(), predict(method="streamRawPredict"), COUNT_TOKENS]


def route_body(path: str, **extra: Any) -> Dict[str, Any]:
    if path == COUNT_TOKENS:
        body = {key: value for key, value in vertex_body().items() if key != "max_tokens"}
        return dict(body, model=MODEL_ID, **extra)
    return vertex_body(stream=True, **extra) if path.endswith("streamRawPredict") else vertex_body(**extra)


@pytest.fixture(params=["http", "transport"])
def vertex(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[httpx.Client]:
    """An httpx.Client with a valid access token: over real HTTP to ``emu``, or in-process to its app."""
    headers = {"authorization": f"Bearer {emu.vertex_access_token()}"}
    if request.param == "http":
        http = httpx.Client(base_url=emu.base_url, headers=headers)
    else:
        transport = EmulatorTransport(emu.app)
        http = httpx.Client(base_url="https://us-east5-aiplatform.googleapis.com", headers=headers, transport=transport)
    with http:
        yield http


@pytest.fixture
def first_party(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as http:
        yield http


# -- the three routes answer as the first-party ones ------------------------------------------


def test_raw_predict_equals_messages(vertex: httpx.Client, first_party: httpx.Client) -> None:
    response = vertex.post(predict(), json=vertex_body(temperature=0.5))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    message = response.json()
    assert message["id"].startswith("msg_vrtx_") and message["model"] == MODEL
    expected = first_party.post("/v1/messages", json=message_body(model=MODEL, temperature=0.5)).json()
    assert without_id(message) == without_id(expected)


def test_raw_predict_with_tools_and_thinking(vertex: httpx.Client, first_party: httpx.Client) -> None:
    tools = [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}]
    thinking = {"type": "enabled", "budget_tokens": 1024}
    body = vertex_body("What is the weather in SF?", tools=tools, thinking=thinking, max_tokens=2048)
    message = vertex.post(predict(), json=body).json()
    assert message["stop_reason"] == "tool_use" and message["content"][0]["type"] == "thinking"
    expected = message_body("What is the weather in SF?", model=MODEL, tools=tools, thinking=thinking, max_tokens=2048)
    assert without_id(message) == without_id(first_party.post("/v1/messages", json=expected).json())


def test_stream_raw_predict_equals_the_first_party_stream(vertex: httpx.Client, first_party: httpx.Client) -> None:
    words = "one two three four five six seven eight"
    response = vertex.post(predict(method="streamRawPredict"), json=vertex_body(words, stream=True))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/event-stream"
    events = parse_sse(response.content)
    first = parse_sse(first_party.post("/v1/messages", json=message_body(words, model=MODEL, stream=True)).content)
    assert [name for name, _ in events] == [name for name, _ in first]
    assert events[0][1]["message"]["id"].startswith("msg_vrtx_")
    assert events[1:] == first[1:]
    raw = vertex.post(predict(), json=vertex_body(words)).json()
    assert without_id(accumulate(events)) == without_id(raw)


def test_event_chunks_send_one_event_per_chunk() -> None:
    app = EmulatorApp(event_chunks=True, require_auth=False)
    body = json.dumps(vertex_body("one two three four five", stream=True)).encode()
    reply = app.handle(EmulatorRequest("POST", predict(method="streamRawPredict"), body=body))
    parts = list(reply.body)
    assert len(parts) > 5
    for part in parts:
        assert isinstance(part, bytes) and len(parse_sse(part)) == 1


def test_count_tokens_equals_first_party(vertex: httpx.Client, first_party: httpx.Client) -> None:
    tools = [{"name": "lookup", "description": "Look it up", "input_schema": {"type": "object"}}]
    messages = [{"role": "user", "content": "count these words please"}]
    body = {"model": MODEL_ID, "messages": messages, "system": "Be brief.", "tools": tools}
    response = vertex.post(COUNT_TOKENS, json=dict(body, anthropic_version=VERSION))
    assert response.status_code == 200, response.text
    expected = first_party.post(
        "/v1/messages/count_tokens", json={"model": MODEL, "messages": messages, "system": "Be brief.", "tools": tools}
    ).json()
    assert response.json() == expected and set(expected) == {"input_tokens"}


@pytest.mark.parametrize(
    ("model_id", "model"),
    [
        (MODEL_ID, MODEL),
        ("claude-haiku-4-5@20251001", "claude-haiku-4-5-20251001"),
        ("claude-3-5-haiku@20241022", "claude-3-5-haiku-20241022"),
        ("claude-opus-4-1@20250805", "claude-opus-4-1-20250805"),
        ("claude-sonnet-4@20250514", "claude-sonnet-4-20250514"),
        ("claude-opus-4-6", "claude-opus-4-6"),
        ("claude-sonnet-4-5", "claude-sonnet-4-5"),
        ("claude-opus-4-5@latest", "claude-opus-4-5"),
    ],
)
def test_model_ids(vertex: httpx.Client, model_id: str, model: str) -> None:
    response = vertex.post(predict(model_id), json=vertex_body())
    assert response.status_code == 200, response.text
    assert response.json()["model"] == model
    counted = vertex.post(COUNT_TOKENS, json=dict(route_body(COUNT_TOKENS), model=model_id))
    assert counted.status_code == 200, counted.text


@pytest.mark.parametrize("model_id", ["claude-nope@20250101", "gemini-2.0-flash", "claude-sonnet-4-5@"])
def test_unknown_model_is_google_404(vertex: httpx.Client, model_id: str) -> None:
    message = google_error(vertex.post(predict(model_id), json=vertex_body()), 404, "NOT_FOUND")
    assert message == f"Publisher Model `{MODELS[4:]}/{model_id}` not found."


def test_unknown_model_in_count_tokens_is_the_first_party_404(vertex: httpx.Client) -> None:
    response = vertex.post(COUNT_TOKENS, json=dict(route_body(COUNT_TOKENS), model="claude-nope"))
    assert error_message(response, 404, "not_found_error") == "model: claude-nope"


def test_betas_come_in_the_header(vertex: httpx.Client) -> None:
    servers = [{"type": "url", "url": "https://mcp.example.com/sse", "name": "example"}]
    body = vertex_body(mcp_servers=servers)
    assert vertex.post(predict(), json=body).status_code == 400  # a beta-only field, without betas
    beta = {"anthropic-beta": "mcp-client-2025-04-04"}
    assert vertex.post(predict(), json=body, headers=beta).status_code == 200


# -- bodies Vertex refuses ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_answers(vertex: httpx.Client, path: str) -> None:
    assert vertex.post(path, json=route_body(path)).status_code == 200


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize(
    ("version", "message"),
    [
        (None, "anthropic_version: Field required"),
        ("bedrock-2023-05-31", "anthropic_version: Input should be 'vertex-2023-10-16'"),
        ("2023-06-01", "anthropic_version: Input should be 'vertex-2023-10-16'"),
    ],
)
def test_anthropic_version_is_required(vertex: httpx.Client, path: str, version: Optional[str], message: str) -> None:
    body = route_body(path)
    if version is None:
        del body["anthropic_version"]
    else:
        body["anthropic_version"] = version
    assert error_message(vertex.post(path, json=body), 400, "invalid_request_error") == message


@pytest.mark.parametrize("path", ROUTES[:2])
def test_model_in_a_messages_body_is_refused(vertex: httpx.Client, path: str) -> None:
    body = dict(route_body(path), model=MODEL)
    message = error_message(vertex.post(path, json=body), 400, "invalid_request_error")
    assert message.startswith("model: Extra inputs are not permitted")


def test_count_tokens_needs_a_model(vertex: httpx.Client) -> None:
    body = {key: value for key, value in route_body(COUNT_TOKENS).items() if key != "model"}
    assert error_message(vertex.post(COUNT_TOKENS, json=body), 400, "invalid_request_error") == "model: Field required"


def test_stream_must_match_the_method(vertex: httpx.Client) -> None:
    streamed = vertex.post(predict(method="streamRawPredict"), json=vertex_body())
    assert "streamRawPredict" in error_message(streamed, 400, "invalid_request_error")
    raw = vertex.post(predict(), json=vertex_body(stream=True))
    assert "streamRawPredict" in error_message(raw, 400, "invalid_request_error")
    assert vertex.post(predict(), json=vertex_body(stream=False)).status_code == 200


@pytest.mark.parametrize("path", ROUTES)
def test_first_party_validation_applies(vertex: httpx.Client, path: str) -> None:
    typo = vertex.post(path, json=route_body(path, temprature=1))
    assert error_message(typo, 400, "invalid_request_error") == "temprature: Extra inputs are not permitted"
    broken = vertex.post(path, content=b"{not json", headers={"content-type": "application/json"})
    assert "invalid JSON" in error_message(broken, 400, "invalid_request_error")
    listed = vertex.post(path, json=[route_body(path)])
    assert error_message(listed, 400, "invalid_request_error") == "body: Input should be a valid JSON object"


# -- Google's refusals: tokens and paths --------------------------------------------------------


@pytest.mark.parametrize("path", ROUTES)
def test_a_token_is_required(emu: Emulator, path: str) -> None:
    with httpx.Client(base_url=emu.base_url) as http:
        missing = http.post(path, json=route_body(path), headers=HEADERS)  # a first-party key is no token
        assert google_error(missing, 401, "UNAUTHENTICATED").startswith("Request is missing required authentication")
        assert missing.headers["www-authenticate"].startswith("Bearer ")
        for authorization in ("Bearer ya29.made-up", f"Basic {emu.vertex_access_token()}", "Bearer"):
            wrong = http.post(path, json=route_body(path), headers={"authorization": authorization})
            message = google_error(wrong, 401, "UNAUTHENTICATED")
            assert message.startswith("Request had invalid authentication credentials.")
        expired = {"authorization": f"Bearer {emu.vertex_access_token(lifetime=0)}"}
        google_error(http.post(path, json=route_body(path), headers=expired), 401, "UNAUTHENTICATED")
    assert len(emu.requests) == 5


def test_a_google_auth_token_is_accepted(emu: Emulator, tmp_path: pathlib.Path) -> None:
    creds = credentials(emu.vertex_service_account(tmp_path / "key.json"))
    creds.refresh(HttpxRequest())
    headers = {"authorization": f"Bearer {creds.token}", "anthropic-beta": "context-1m-2025-08-07"}
    response = httpx.post(emu.base_url + predict(), json=vertex_body(), headers=headers)
    assert response.status_code == 200, response.text
    recorded = emu.requests[-1]
    assert recorded.path == predict() and recorded.json()["anthropic_version"] == VERSION
    assert recorded.headers["authorization"] == f"Bearer {creds.token}"
    assert recorded.headers["anthropic-beta"] == "context-1m-2025-08-07"


def test_no_auth_app_needs_no_token() -> None:
    app = EmulatorApp(require_auth=False)
    reply = app.handle(EmulatorRequest("POST", predict(), body=json.dumps(vertex_body()).encode()))
    assert reply.status == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"{MODELS}/{MODEL_ID}:predict"),
        ("POST", f"{MODELS}/count-tokens:streamRawPredict"),
        ("POST", "/v1/projects/p/locations/us-east5/publishers/google/models/gemini-2.0-flash:rawPredict"),
        ("POST", "/v1/projects/my-project"),
        ("GET", predict()),
        ("POST", f"{MODELS}/{MODEL_ID}:rawPredict/extra"),
    ],
)
def test_unknown_path_is_google_404(vertex: httpx.Client, method: str, path: str) -> None:
    google_error(vertex.request(method, path, json=vertex_body()), 404, "NOT_FOUND")


# -- queued faults and recording -----------------------------------------------------------------


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize(("status", "error_type"), [(529, "overloaded_error"), (429, "rate_limit_error")])
def test_status_faults(vertex: httpx.Client, emu: Emulator, path: str, status: int, error_type: str) -> None:
    emu.enqueue(status=status, headers={"retry-after": "0"})
    response = vertex.post(path, json=route_body(path))
    assert error_message(response, status, error_type)
    assert response.headers["retry-after"] == "0"
    assert vertex.post(path, json=route_body(path)).status_code == 200


def test_stream_faults(vertex: httpx.Client, emu: Emulator) -> None:
    path, body = predict(method="streamRawPredict"), vertex_body("one two three four five", stream=True)
    emu.enqueue(stream_error_after=3, error_type="overloaded_error")
    events = parse_sse(vertex.post(path, json=body).content)
    assert len(events) == 4 and events[-1][0] == "error"
    assert events[-1][1]["error"]["type"] == "overloaded_error"
    emu.enqueue(truncate_after_events=2)
    assert len(parse_sse(vertex.post(path, json=body).content)) == 2
    emu.enqueue(drop_after_events=2)
    with pytest.raises(httpx.RemoteProtocolError):
        vertex.post(path, json=body)
    raw = b'event: ping\ndata: {"type":"ping"}\n\n'
    emu.enqueue(sse=raw)
    assert vertex.post(path, json=body).content == raw


def test_a_fault_is_served_before_the_token_check(emu: Emulator) -> None:
    emu.enqueue(status=503)
    response = httpx.post(emu.base_url + predict(), json=vertex_body())
    assert response.status_code == 503
    assert google_error(httpx.post(emu.base_url + predict(), json=vertex_body()), 401, "UNAUTHENTICATED")


def test_token_requests_take_no_faults(emu: Emulator, tmp_path: pathlib.Path) -> None:
    creds = credentials(emu.vertex_service_account(tmp_path / "key.json"))
    emu.enqueue(status=529)
    creds.refresh(HttpxRequest())  # the token endpoint is not the Claude API: the fault waits
    headers = {"authorization": f"Bearer {creds.token}"}
    response = httpx.post(emu.base_url + predict(), json=vertex_body(), headers=headers)
    assert error_message(response, 529, "overloaded_error") == "Overloaded"
    assert [request.path for request in emu.requests] == [predict()]
