"""The AWS attributes and the constructor of ``AnthropicBedrock`` and ``AsyncAnthropicBedrock``
(one definition serves both), checked against signed calls to the emulator."""

from __future__ import annotations

import inspect
from typing import Any, Iterator

import httpx
import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from conftest import MESSAGES, MODEL

from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock
from tests.conftest import Api


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Api]:
    drive = Api(request.param, emulator)
    yield drive
    drive.close()


def bedrock_class(api: Api) -> Any:
    return AsyncAnthropicBedrock if api.is_async else AnthropicBedrock


def test_the_aws_attributes_are_what_the_client_signs_with(api: Api) -> None:
    given = {"aws_profile": "unused-profile"}  # keys given: the profile is not read
    client = bedrock_class(api)(
        aws_access_key=EMULATOR_AWS_ACCESS_KEY_ID,
        aws_secret_key=EMULATOR_AWS_SECRET_ACCESS_KEY,
        aws_region="eu-west-3",
        base_url=api.emulator.base_url,
        provider_options=given,  # the arguments and provider_options both become the options
        max_retries=0,
    )
    copy = client.with_options(timeout=30.0)
    for each in (client, copy):
        assert (each.aws_access_key, each.aws_secret_key) == (
            EMULATOR_AWS_ACCESS_KEY_ID,
            EMULATOR_AWS_SECRET_ACCESS_KEY,
        )
        assert (each.aws_session_token, each.aws_profile, each.aws_region) == (None, "unused-profile", "eu-west-3")
        assert api.run(each.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)).content
    for request in api.emulator.requests:
        authorization = request.headers["authorization"]
        assert f"Credential={EMULATOR_AWS_ACCESS_KEY_ID}/" in authorization and "/eu-west-3/bedrock/" in authorization
        assert "x-amz-security-token" not in request.headers


def test_an_attribute_not_given_is_none_and_none_can_be_assigned(api: Api) -> None:
    client = bedrock_class(api)(api_key=api.emulator.bedrock_api_key, base_url=api.emulator.base_url)
    assert [client.aws_access_key, client.aws_secret_key, client.aws_session_token, client.aws_profile] == [None] * 4
    with pytest.raises(AttributeError, match="aws_profile is read-only"):
        client.aws_profile = "other"
    assert api.run(client.messages.count_tokens(model=MODEL, messages=MESSAGES)).input_tokens > 0
    assert api.emulator.requests[-1].headers["authorization"] == f"Bearer {api.emulator.bedrock_api_key}"


def test_sync_and_async_take_the_same_keyword_parameters() -> None:
    sync, async_ = (inspect.signature(cls).parameters for cls in (AnthropicBedrock, AsyncAnthropicBedrock))
    assert [(p.name, p.kind, p.default) for p in sync.values()] == [
        (p.name, p.kind, p.default) for p in async_.values()
    ]
    assert list(sync)[:6] == [
        "aws_secret_key",
        "aws_access_key",
        "aws_region",
        "aws_profile",
        "aws_session_token",
        "aws_session",
    ]
    with pytest.raises(TypeError, match=r"http_client=\.\.\.\) takes an httpx.Client"):
        AnthropicBedrock(aws_region="us-east-1", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
