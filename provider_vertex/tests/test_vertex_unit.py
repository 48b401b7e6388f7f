"""The I/O-free pieces: request mapping, region, URL and project resolution, credentials, errors, the transport."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import google.auth.credentials
import google.auth.exceptions
import httpx
import pytest
from google.auth import _helpers
from google.oauth2 import service_account
from provider_vertex._google_transport import Request
from provider_vertex.plugin import (
    GoogleCredentials,
    StaticToken,
    TokenFunction,
    claude_credentials,
    claude_sign_request,
)
from vertex_support import (  # noqa: F401
    MODEL,
    PROJECT,
    emulator_fixture,
    emulator_server_fixture,
    google_env_fixture,
    key_file_fixture,
)

from claude_core import (
    AnthropicError,
    APIKeyCredentials,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ClientOptions,
    DeadlineExceededError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    UnsupportedEndpointError,
)
from claude_core.credentials import RefreshableCredentials
from claude_core.providers import APIRequest, body_bytes
from claude_core.providers.anthropic import AnthropicProvider
from provider_vertex import AnthropicVertex, VertexProvider


def provider(**extra: Any) -> VertexProvider:
    base_url = extra.pop("base_url", None)
    extra.setdefault("region", "us-east5")
    return VertexProvider(ClientOptions(provider="vertex", base_url=base_url, extra=extra))


def create(body: Dict[str, Any], stream: bool = False, headers: Optional[Dict[str, str]] = None) -> APIRequest:
    if stream:
        body = {**body, "stream": True}
    return APIRequest("messages.create", "POST", "/v1/messages", body=body, headers=dict(headers or {}), stream=stream)


BODY = {"max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}], "model": MODEL, "temperature": 0.5}
MODELS = f"/projects/{PROJECT}/locations/us-east5/publishers/anthropic/models"

# -- request mapping --------------------------------------------------------------------


def test_raw_predict_path_and_body_bytes() -> None:
    prepared = provider(project_id=PROJECT).prepare(create(dict(BODY)))
    assert prepared.path == f"{MODELS}/{MODEL}:rawPredict"  # unquoted, after the base URL's /v1
    assert body_bytes(prepared.body or {}) == (
        b'{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"temperature":0.5,'
        b'"anthropic_version":"vertex-2023-10-16"}'
    )


def test_stream_raw_predict_keeps_stream_and_a_given_version() -> None:
    prepared = provider(project_id=PROJECT).prepare(create({**BODY, "anthropic_version": "custom"}, stream=True))
    assert prepared.path == f"{MODELS}/{MODEL}:streamRawPredict"
    assert prepared.body is not None and "model" not in prepared.body
    assert prepared.body["stream"] is True and prepared.body["anthropic_version"] == "custom"


def test_count_tokens_keeps_the_model_in_the_body() -> None:
    body = {"messages": [{"role": "user", "content": "Hi"}], "model": MODEL}
    call = APIRequest("messages.count_tokens", "POST", "/v1/messages/count_tokens", body=body, query={"beta": "true"})
    prepared = provider(project_id=PROJECT).prepare(call)
    assert prepared.path == f"{MODELS}/count-tokens:rawPredict"
    assert list(prepared.body or {}) == ["messages", "model", "anthropic_version"]
    assert prepared.query == {}


def test_betas_stay_a_header_and_the_beta_query_is_dropped() -> None:
    request = create(dict(BODY), headers={"anthropic-beta": "a-1,b-2"})
    request.query["beta"] = "true"
    prepared = provider(project_id=PROJECT).prepare(request)
    assert prepared.headers["anthropic-beta"] == "a-1,b-2"
    assert "beta" not in prepared.query and "anthropic_beta" not in (prepared.body or {})


def test_a_create_without_model_is_an_error() -> None:
    with pytest.raises(AnthropicError, match="needs model="):
        provider(project_id=PROJECT).prepare(create({"max_tokens": 1, "messages": []}))


@pytest.mark.parametrize(
    ("endpoint", "names"),
    [
        ("messages.batches.create", "Message Batches"),
        ("messages.batches.list", "Message Batches"),
        ("beta.files.upload", "Files API"),
        ("models.list", "Models API"),
        ("completions.create", "Text Completions"),
        ("something.new", "not served by Vertex AI"),
    ],
)
def test_unsupported_endpoints_name_the_alternative(endpoint: str, names: str) -> None:
    with pytest.raises(UnsupportedEndpointError, match=names) as info:
        provider().prepare(APIRequest(endpoint, "GET", "/v1/whatever"))  # before any project is needed
    assert "claude_core.Anthropic" in str(info.value)


def test_no_first_party_auth_or_version_headers() -> None:
    assert dict(provider().default_headers()) == {}
    assert VertexProvider.api_key_auth is False
    assert VertexProvider.request_id_header == "request-id"


# -- region and base URL ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "url"),
    [
        ("global", "https://aiplatform.googleapis.com/v1"),
        ("us", "https://aiplatform.us.rep.googleapis.com/v1"),
        ("eu", "https://aiplatform.eu.rep.googleapis.com/v1"),
        ("us-east5", "https://us-east5-aiplatform.googleapis.com/v1"),
        ("europe-west1", "https://europe-west1-aiplatform.googleapis.com/v1"),
    ],
)
def test_base_url_of_each_kind_of_location(region: str, url: str) -> None:
    client = AnthropicVertex(region=region, project_id="p", access_token="t")
    assert str(client.base_url) == url + "/"
    assert client.region == region


def test_base_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_VERTEX_BASE_URL", "https://psc.example/v1")
    assert provider(region="global").base_url() == "https://psc.example/v1"
    assert provider(region="global", base_url="https://arg.example/v1").base_url() == "https://arg.example/v1"


def test_region_precedence_and_its_absence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUD_ML_REGION", "europe-west4")
    assert AnthropicVertex(project_id="p", access_token="t").region == "europe-west4"
    assert AnthropicVertex(region="us-east5", project_id="p", access_token="t").region == "us-east5"
    monkeypatch.delenv("CLOUD_ML_REGION")
    with pytest.raises(AnthropicError, match=r"no region for the 'vertex' provider.*CLOUD_ML_REGION"):
        AnthropicVertex(project_id="p", access_token="t")  # raised at construction, as the official client does
    with pytest.raises(AnthropicError, match="no region"):
        VertexProvider(ClientOptions(provider="vertex")).base_url()


# -- project ------------------------------------------------------------------------------


def test_project_precedence(monkeypatch: pytest.MonkeyPatch, key_file: Path) -> None:
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))  # ADC names emulator-project
    credentials = service_account.Credentials.from_service_account_file(str(key_file))
    monkeypatch.setenv("ANTHROPIC_VERTEX_PROJECT_ID", "from-env")
    assert provider(project_id="from-arg", credentials=credentials).project_id == "from-arg"
    assert provider(credentials=credentials).project_id == "from-env"
    monkeypatch.delenv("ANTHROPIC_VERTEX_PROJECT_ID")
    assert provider(credentials=credentials).project_id == PROJECT  # the key's project
    adc = provider()
    assert adc.project_id == PROJECT and adc.loaded_credentials is not None  # the ADC's project
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "from-google-env")
    assert provider().project_id == "from-google-env"  # google.auth.default's own precedence


def test_no_project_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, key_file: Path, tmp_path: Path) -> None:
    with pytest.raises(AnthropicError, match=r"no Google Cloud project.*ANTHROPIC_VERTEX_PROJECT_ID"):
        provider(access_token="t").project_id  # noqa: B018 - a token names no project
    info = json.loads(key_file.read_text())
    del info["project_id"]
    anonymous = tmp_path / "no-project.json"
    anonymous.write_text(json.dumps(info))
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(anonymous))
    with pytest.raises(AnthropicError, match="no Google Cloud project"):
        provider().prepare(create(dict(BODY)))


def test_no_credentials_at_all_is_a_clear_error() -> None:
    with pytest.raises(MissingCredentialsError, match="GOOGLE_APPLICATION_CREDENTIALS") as info:
        provider().project_id  # noqa: B018
    assert isinstance(info.value.__cause__, google.auth.exceptions.DefaultCredentialsError)


# -- errors ---------------------------------------------------------------------------------


def google_body(code: int, status: str) -> Dict[str, Any]:
    return {"error": {"code": code, "message": "the reason", "status": status}}


@pytest.mark.parametrize(
    ("status", "body", "cls", "kind"),
    [
        (400, google_body(400, "INVALID_ARGUMENT"), BadRequestError, "INVALID_ARGUMENT"),
        (401, google_body(401, "UNAUTHENTICATED"), AuthenticationError, "UNAUTHENTICATED"),
        (403, google_body(403, "PERMISSION_DENIED"), PermissionDeniedError, "PERMISSION_DENIED"),
        (404, google_body(404, "NOT_FOUND"), NotFoundError, "NOT_FOUND"),
        (429, [google_body(429, "RESOURCE_EXHAUSTED")], RateLimitError, "RESOURCE_EXHAUSTED"),
        (500, google_body(500, "INTERNAL"), InternalServerError, "INTERNAL"),
        (503, google_body(503, "UNAVAILABLE"), ServiceUnavailableError, "UNAVAILABLE"),
        (504, [google_body(504, "DEADLINE_EXCEEDED")], DeadlineExceededError, "DEADLINE_EXCEEDED"),
        (
            529,
            {"type": "error", "error": {"type": "overloaded_error", "message": "the reason"}},
            OverloadedError,
            "overloaded_error",
        ),
        (
            400,
            {"type": "error", "error": {"type": "invalid_request_error", "message": "the reason"}},
            BadRequestError,
            "invalid_request_error",
        ),
        (418, {"error": {"code": 418, "message": "the reason"}}, APIStatusError, None),
    ],
)
def test_status_errors(status: int, body: Any, cls: type, kind: Optional[str]) -> None:
    request = httpx.Request("POST", "https://x")
    response = httpx.Response(status, json=body, headers={"request-id": "req_1"}, request=request)
    error = provider().status_error(response)
    assert type(error) is cls
    assert error.status_code == status and error.request_id == "req_1" and error.body == body
    assert error.type == kind
    assert error.message == f"Error code: {status} - {kind}: the reason"


def test_a_body_that_is_not_json() -> None:
    page = "\n <html>Bad Gateway</html>\n\n"
    response = httpx.Response(502, text=page, request=httpx.Request("POST", "https://x"))
    error = provider().status_error(response)
    # the page stripped is the body and the message, as in the official SDK
    assert type(error) is InternalServerError and error.message == error.body == "<html>Bad Gateway</html>"


# -- credentials ----------------------------------------------------------------------------


class FakeGoogle(google.auth.credentials.Credentials):  # type: ignore[misc]
    """Google credentials whose refresh hands out numbered tokens valid ``lifetime`` seconds."""

    def __init__(self, lifetime: float = 3600) -> None:
        super().__init__()
        self.lifetime = lifetime
        self.refreshes: List[Any] = []

    def refresh(self, request: Any) -> None:
        self.refreshes.append(request)
        self.token = f"token-{len(self.refreshes)}"
        self.expiry = _helpers.utcnow() + datetime.timedelta(seconds=self.lifetime)


def test_google_credentials_refresh_when_missing_or_expiring_and_when_forced() -> None:
    fake = FakeGoogle()
    wrapped = GoogleCredentials(fake)
    assert isinstance(wrapped, RefreshableCredentials)
    assert wrapped.needs_refresh() and wrapped.token is None
    wrapped.refresh()
    assert wrapped.token == "token-1" and not wrapped.needs_refresh()
    assert isinstance(fake.refreshes[0], Request)  # google-auth's transport, over httpx
    wrapped.refresh()  # forced (a 401): a new token although the old one looks valid
    assert wrapped.token == "token-2"
    fake.expiry = _helpers.utcnow() + _helpers.REFRESH_THRESHOLD - datetime.timedelta(seconds=1)
    assert wrapped.needs_refresh()  # about to expire
    assert "token" not in repr(wrapped)


def test_a_token_function_is_called_on_first_use_and_when_forced() -> None:
    tokens = iter(["first", "second"])
    wrapped = TokenFunction(lambda: next(tokens))
    assert isinstance(wrapped, RefreshableCredentials)
    assert wrapped.needs_refresh() and wrapped.token is None
    wrapped.refresh()
    assert wrapped.token == "first" and not wrapped.needs_refresh()
    wrapped.refresh()
    assert wrapped.token == "second"
    with pytest.raises(MissingCredentialsError, match="returned NoneType"):
        TokenFunction(lambda: None).refresh()  # type: ignore[arg-type, return-value]


def test_a_static_token_never_refreshes() -> None:
    static = StaticToken("s3cr3t")
    assert not isinstance(static, RefreshableCredentials)
    assert "s3cr3t" not in repr(static)


def options(**extra: Any) -> ClientOptions:
    return ClientOptions(provider="vertex", extra={"region": "us-east5", **extra})


def credentials_for(**extra: Any) -> Any:
    opts = options(**extra)
    return claude_credentials(provider=VertexProvider(opts), options=opts)


def test_credentials_precedence(monkeypatch: pytest.MonkeyPatch, key_file: Path) -> None:
    fake = FakeGoogle()
    assert isinstance(credentials_for(access_token="t", credentials=fake), StaticToken)
    assert isinstance(credentials_for(access_token=lambda: "t", credentials=fake), TokenFunction)
    given = credentials_for(credentials=fake)
    assert isinstance(given, GoogleCredentials) and given.credentials is fake
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    adc = credentials_for()
    assert isinstance(adc, GoogleCredentials) and isinstance(adc.credentials, service_account.Credentials)
    assert adc.credentials.scopes == ["https://www.googleapis.com/auth/cloud-platform"]
    other = options(access_token="t")
    assert claude_credentials(provider=AnthropicProvider(other), options=other) is None  # another provider's call


def test_credentials_without_scopes_get_the_cloud_platform_scope(key_file: Path) -> None:
    unscoped = service_account.Credentials.from_service_account_file(str(key_file))
    wrapped = credentials_for(credentials=unscoped)
    assert wrapped.credentials.scopes == ["https://www.googleapis.com/auth/cloud-platform"]


@pytest.mark.parametrize(
    ("extra", "match"),
    [({"access_token": 42}, "takes a str or a function"), ({"credentials": "key.json"}, "google-auth credentials")],
)
def test_wrong_credential_types(extra: Dict[str, Any], match: str) -> None:
    with pytest.raises(MissingCredentialsError, match=match):
        credentials_for(**extra)


def test_signing_sets_bearer_unless_the_call_set_authorization() -> None:
    sign = claude_sign_request
    signed = sign(request=httpx.Request("POST", "https://x"), credentials=StaticToken("t0k"), provider=provider())
    assert signed is not None and signed.headers["authorization"] == "Bearer t0k"
    own = httpx.Request("POST", "https://x", headers={"Authorization": "Bearer mine"})
    assert sign(request=own, credentials=StaticToken("t0k"), provider=provider()) is own
    assert own.headers["authorization"] == "Bearer mine"
    assert sign(request=own, credentials=APIKeyCredentials(api_key="k"), provider=provider()) is None
    with pytest.raises(MissingCredentialsError, match="no access token"):
        sign(request=httpx.Request("POST", "https://x"), credentials=TokenFunction(lambda: "t"), provider=provider())


# -- google-auth's transport ------------------------------------------------------------------


def test_transport_sends_and_reads() -> None:
    seen: List[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"access_token": "a"}, headers={"x-one": "1"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        response = Request(client)(
            "https://oauth2.example/token", method="POST", body=b"grant=x", headers={"a": "b"}, timeout=7
        )
    assert (response.status, response.headers["x-one"], json.loads(response.data)) == (200, "1", {"access_token": "a"})
    (sent,) = seen
    assert (sent.method, str(sent.url), sent.content, sent.headers["a"]) == (
        "POST",
        "https://oauth2.example/token",
        b"grant=x",
        "b",
    )
    assert sent.extensions["timeout"]["read"] == 7


def test_transport_failures_are_google_transport_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    failing = httpx.Client(transport=httpx.MockTransport(handler))
    with failing, pytest.raises(google.auth.exceptions.TransportError, match="ConnectError: refused"):
        Request(failing)("https://metadata.example/")
    with pytest.raises(google.auth.exceptions.TransportError, match=r"InvalidURL|UnsupportedProtocol"):
        Request()("nope://x")


# -- lazy names in claude_core ----------------------------------------------------------


def test_lazy_names_and_the_missing_distribution(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import claude_core
    import provider_vertex

    assert claude_core.AsyncAnthropicVertex is provider_vertex.AsyncAnthropicVertex
    monkeypatch.delitem(claude_core.__dict__, "AnthropicVertex", raising=False)
    monkeypatch.setitem(sys.modules, "provider_vertex", None)
    with pytest.raises(ImportError, match=r"python3 -m pip install \./provider_vertex\)$"):
        claude_core.AnthropicVertex  # noqa: B018


def test_secrets_stay_out_of_reprs() -> None:
    client = AnthropicVertex(region="us-east5", project_id="p", access_token="s3cr3t")
    assert "s3cr3t" not in repr(client.options)
    assert "s3cr3t" not in repr(TokenFunction(lambda: "s3cr3t"))
    assert client.access_token == "s3cr3t" and client.credentials is None
