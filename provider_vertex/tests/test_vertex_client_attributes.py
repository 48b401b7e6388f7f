"""The Google Cloud attributes of ``AnthropicVertex`` and ``AsyncAnthropicVertex`` (one definition
serves both), checked against calls to the emulator's Vertex AI routes."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Iterator

import pytest
import vertex_support as support
from claude_emulator import Emulator
from google.oauth2 import service_account
from vertex_support import emulator_fixture, emulator_server_fixture, google_env_fixture, key_file_fixture  # noqa: F401

from provider_vertex import AnthropicVertex, AsyncAnthropicVertex
from tests.conftest import Api


@pytest.fixture(name="api", params=["sync", "async"])
def api_fixture(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Api]:
    drive = Api(request.param, emulator)
    yield drive
    drive.close()


def make(api: Api, **kwargs: Any) -> Any:
    cls = AsyncAnthropicVertex if api.is_async else AnthropicVertex
    return cls(base_url=support.vertex_url(api.emulator), **kwargs)


def test_a_token_function_is_the_access_token_the_calls_send(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUD_ML_REGION", "europe-west1")  # the region is resolved by the constructor
    token = api.emulator.vertex_access_token()

    def fetch() -> str:
        return token

    client = make(api, project_id=support.PROJECT, access_token=fetch)
    monkeypatch.delenv("CLOUD_ML_REGION")
    assert (client.access_token, client.region, client.project_id, client.credentials) == (
        fetch,
        "europe-west1",
        support.PROJECT,
        None,
    )
    assert api.run(
        client.with_options(max_retries=0).messages.create(model=support.MODEL, max_tokens=8, messages=support.MESSAGES)
    )
    sent = api.emulator.requests[-1]
    assert sent.headers["authorization"] == f"Bearer {token}"
    assert sent.path == support.model_path(region="europe-west1")
    with pytest.raises(AttributeError, match="access_token is read-only"):
        client.access_token = "other"


def test_given_credentials_name_the_project(api: Api, key_file: Path) -> None:
    credentials = service_account.Credentials.from_service_account_file(str(key_file))
    client = make(api, provider_options={"region": "us", "credentials": credentials})
    assert client.credentials is credentials and client.access_token is None
    assert (client.region, client.project_id) == ("us", support.PROJECT)
    assert api.run(client.messages.count_tokens(model=support.MODEL, messages=support.MESSAGES)).input_tokens > 0
    assert api.emulator.requests[-1].path == support.model_path("count-tokens", region="us")


def test_the_constructors_differ_only_in_the_http_client_they_take() -> None:
    sync, async_ = (inspect.signature(cls).parameters for cls in (AnthropicVertex, AsyncAnthropicVertex))
    assert {name: (p.kind, p.default) for name, p in sync.items()} == {
        name: (p.kind, p.default) for name, p in async_.items()
    }
    assert list(sync)[:5] == ["region", "project_id", "access_token", "credentials", "base_url"]
