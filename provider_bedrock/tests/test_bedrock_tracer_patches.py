"""Tracers' patches on the Bedrock clients' beta messages, over real signed calls to the emulator.

Tracing instrumentations wrap, with wrapt, ``create`` (and ``stream``) of both the first-party
beta ``Messages`` and ``anthropic.lib.bedrock._beta_messages.Messages``. As with the official
SDK, where Bedrock's beta messages is a class of its own, each call is wrapped once: a
first-party call by the first patch, a Bedrock call by the second.
"""

from __future__ import annotations

from typing import Any, Iterator, List

import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from conftest import FIRST_PARTY_MODEL, MESSAGES, MODEL

import claude_core
from claude_core.resources.beta.messages import messages as core_beta
from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock
from tests.conftest import Api
from tests.tracer_patches import BETA_MESSAGES, PLAIN_MESSAGES, Spans, late_import, spans_fixture  # noqa: F401

BEDROCK_BETA = "lib.bedrock._beta_messages"
KEYS = {"aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID, "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY}
OPTIONS = {**KEYS, "aws_region": "us-east-1", "max_retries": 0}


class Driver(Api):
    """The suite's sync/async driver, with a Bedrock client beside the first-party one."""

    def bedrock(self) -> Any:
        cls = AsyncAnthropicBedrock if self.is_async else AnthropicBedrock
        client = cls(**OPTIONS, base_url=self.emulator.base_url)
        self._clients.append(client)
        return client

    def first_party(self) -> Any:
        return self.make(max_retries=0)

    def create(self, client: Any, **kwargs: Any) -> Any:
        model = MODEL if isinstance(client, (AnthropicBedrock, AsyncAnthropicBedrock)) else FIRST_PARTY_MODEL
        return self.run(client.beta.messages.create(model=model, max_tokens=16, messages=MESSAGES, **kwargs))


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Driver]:
    drive = Driver(request.param, emulator)
    yield drive
    drive.close()


def signed_bedrock_paths(emulator: Emulator) -> List[str]:
    requests = list(emulator.requests)
    for request in requests:
        assert request.headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=")
    emulator.reset()
    return [request.path for request in requests]


@pytest.mark.parametrize("bedrock_first", [False, True], ids=["core-patched-first", "bedrock-patched-first"])
def test_a_patch_at_each_path_wraps_each_beta_create_once(driver: Driver, spans: Spans, bedrock_first: bool) -> None:
    patches = [(BETA_MESSAGES, "first-party"), (BEDROCK_BETA, "bedrock")]
    for path, label in reversed(patches) if bedrock_first else patches:
        spans.patch_both(path, "create", label)

    message = driver.create(driver.first_party())
    assert spans.take() == ["first-party"]
    assert message.content[0].type == "text"
    assert driver.emulator.requests[0].path == "/v1/messages"
    driver.emulator.reset()

    message = driver.create(driver.bedrock())
    assert spans.take() == ["bedrock"]
    assert message.content[0].type == "text"
    assert signed_bedrock_paths(driver.emulator) == [f"/model/{MODEL}/invoke"]


def test_a_streamed_create_goes_through_the_patched_create(driver: Driver, spans: Spans) -> None:
    spans.patch_both(BETA_MESSAGES, "create", "first-party")
    spans.patch_both(BEDROCK_BETA, "create", "bedrock")

    stream = driver.create(driver.bedrock(), stream=True)
    assert spans.take() == ["bedrock"]
    events = driver.collect(stream)
    assert [events[0].type, events[-1].type] == ["message_start", "message_stop"]
    assert signed_bedrock_paths(driver.emulator) == [f"/model/{MODEL}/invoke-with-response-stream"]

    driver.collect(driver.create(driver.first_party(), stream=True))
    assert spans.take() == ["first-party"]


def test_the_messages_and_beta_patches_wrap_only_their_own_calls(driver: Driver, spans: Spans) -> None:
    spans.patch_both(PLAIN_MESSAGES, "create", "messages")
    spans.patch_both(BETA_MESSAGES, "create", "first-party beta")
    spans.patch_both(BEDROCK_BETA, "create", "bedrock beta")
    bedrock, first_party = driver.bedrock(), driver.first_party()

    driver(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES), bedrock)
    assert spans.take() == ["messages"]  # Bedrock's plain messages is the first-party class, as in the official SDK
    driver(lambda c: c.messages.create(model=FIRST_PARTY_MODEL, max_tokens=16, messages=MESSAGES), first_party)
    assert spans.take() == ["messages"]
    driver.create(bedrock)
    assert spans.take() == ["bedrock beta"]
    driver.create(first_party)
    assert spans.take() == ["first-party beta"]


def test_a_patch_of_stream_at_each_path_wraps_each_stream_once(driver: Driver, spans: Spans) -> None:
    """The instrumentations also wrap ``stream`` at the Bedrock path (absent there in the official SDK)."""
    spans.patch_both(BETA_MESSAGES, "stream", "first-party")
    spans.patch_both(BEDROCK_BETA, "stream", "bedrock")

    async def final_async(manager: Any) -> Any:
        async with manager as stream:
            return await stream.get_final_message()

    def final(client: Any, model: str) -> Any:
        manager = client.beta.messages.stream(model=model, max_tokens=16, messages=MESSAGES)
        if driver.is_async:
            return driver.run(final_async(manager))
        with manager as stream:
            return stream.get_final_message()

    assert final(driver.bedrock(), MODEL).content[0].type == "text"
    assert spans.take() == ["bedrock"]
    assert signed_bedrock_paths(driver.emulator) == [f"/model/{MODEL}/invoke-with-response-stream"]
    assert final(driver.first_party(), FIRST_PARTY_MODEL).content[0].type == "text"
    assert spans.take() == ["first-party"]


def test_a_raw_response_create_goes_through_the_patched_create(driver: Driver, spans: Spans) -> None:
    spans.patch_both(BETA_MESSAGES, "create", "first-party")
    spans.patch_both(BEDROCK_BETA, "create", "bedrock")
    client = driver.bedrock()
    raw = driver.run(client.beta.messages.with_raw_response.create(model=MODEL, max_tokens=16, messages=MESSAGES))
    assert spans.take() == ["bedrock"]
    assert raw.parse().content[0].type == "text"
    raw = driver.run(client.with_raw_response.beta.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES))
    assert spans.take() == ["bedrock"]
    assert raw.http_response.status_code == 200
    assert signed_bedrock_paths(driver.emulator) == [f"/model/{MODEL}/invoke"] * 2


def test_the_bedrock_beta_classes_are_at_the_official_paths(driver: Driver) -> None:
    from claude_core.lib.bedrock import _beta, _beta_messages

    client = driver.bedrock()
    sync_or_async = "Async" if driver.is_async else ""
    beta_class, messages_class = type(client.beta), type(client.beta.messages)
    assert beta_class is getattr(_beta, f"{sync_or_async}Beta")
    assert messages_class is getattr(_beta_messages, f"{sync_or_async}Messages")
    core_class = getattr(core_beta, f"{sync_or_async}Messages")
    assert issubclass(messages_class, core_class) and messages_class is not core_class
    assert type(driver.first_party().beta.messages) is core_class
    assert vars(messages_class)["create"] is vars(core_class)["create"]  # the first-party function, copied


def test_the_bedrock_path_imported_after_the_core_class_was_patched(emulator: Emulator) -> None:
    result = late_import(
        {
            "provider": "bedrock",
            "distribution": "provider_bedrock",
            "client": "AnthropicBedrock",
            "options": {**OPTIONS, "base_url": emulator.base_url},
            "model": MODEL,
            "api_key": emulator.api_key,
            "base_url": emulator.base_url,
        }
    )
    assert result == {
        "loaded before the provider path": [],
        "sync": ["bedrock", "first-party"],
        "async": ["bedrock", "first-party"],
    }
    assert [request.path for request in emulator.requests] == [f"/model/{MODEL}/invoke", "/v1/messages"] * 2
    assert claude_core.AnthropicBedrock is AnthropicBedrock
