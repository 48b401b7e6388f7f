"""Tracers' patches on the Vertex clients' beta messages, over real calls to the emulator's Vertex AI mode.

Tracing instrumentations wrap, with wrapt, ``create`` (and ``stream``) of the first-party beta
``Messages`` and of the provider's beta ``Messages`` (``anthropic.lib.vertex._beta_messages``).
As with the official SDK, where Vertex's beta messages is a class of its own, each call is
wrapped once: a first-party call by the first patch, a Vertex call by the second.
"""

from __future__ import annotations

from typing import Any, Iterator, List

import pytest
from claude_emulator import Emulator
from vertex_support import (  # noqa: F401
    FIRST_PARTY_MODEL,
    MESSAGES,
    MODEL,
    PROJECT,
    REGION,
    emulator_fixture,
    emulator_server_fixture,
    google_env_fixture,
    model_path,
    vertex_url,
)

import claude_core
from claude_core.resources.beta.messages import messages as core_beta
from provider_vertex import AnthropicVertex, AsyncAnthropicVertex
from tests.conftest import Api
from tests.tracer_patches import BETA_MESSAGES, PLAIN_MESSAGES, Spans, late_import, spans_fixture  # noqa: F401

VERTEX_BETA = "lib.vertex._beta_messages"


def options(emulator: Emulator) -> Any:
    token = emulator.vertex_access_token()
    return {"region": REGION, "project_id": PROJECT, "access_token": token, "base_url": vertex_url(emulator)}


class Driver(Api):
    """The suite's sync/async driver, with a Vertex client beside the first-party one."""

    def vertex(self) -> Any:
        cls = AsyncAnthropicVertex if self.is_async else AnthropicVertex
        client = cls(**options(self.emulator), max_retries=0)
        self._clients.append(client)
        return client

    def first_party(self) -> Any:
        return self.make(max_retries=0)

    def create(self, client: Any, **kwargs: Any) -> Any:
        model = MODEL if isinstance(client, (AnthropicVertex, AsyncAnthropicVertex)) else FIRST_PARTY_MODEL
        return self.run(client.beta.messages.create(model=model, max_tokens=16, messages=MESSAGES, **kwargs))


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Driver]:
    drive = Driver(request.param, emulator)
    yield drive
    drive.close()


def vertex_paths(emulator: Emulator) -> List[str]:
    requests = list(emulator.requests)
    for request in requests:
        assert request.headers["authorization"].startswith("Bearer ")
    emulator.reset()
    return [request.path for request in requests]


@pytest.mark.parametrize("vertex_first", [False, True], ids=["core-patched-first", "vertex-patched-first"])
def test_a_patch_at_each_path_wraps_each_beta_create_once(driver: Driver, spans: Spans, vertex_first: bool) -> None:
    patches = [(BETA_MESSAGES, "first-party"), (VERTEX_BETA, "vertex")]
    for path, label in reversed(patches) if vertex_first else patches:
        spans.patch_both(path, "create", label)

    message = driver.create(driver.first_party())
    assert spans.take() == ["first-party"]
    assert message.content[0].type == "text"
    assert driver.emulator.requests[0].path == "/v1/messages"
    driver.emulator.reset()

    message = driver.create(driver.vertex())
    assert spans.take() == ["vertex"]
    assert message.content[0].type == "text"
    assert vertex_paths(driver.emulator) == [model_path()]


def test_a_streamed_create_goes_through_the_patched_create(driver: Driver, spans: Spans) -> None:
    spans.patch_both(BETA_MESSAGES, "create", "first-party")
    spans.patch_both(VERTEX_BETA, "create", "vertex")

    stream = driver.create(driver.vertex(), stream=True)
    assert spans.take() == ["vertex"]
    events = driver.collect(stream)
    assert [events[0].type, events[-1].type] == ["message_start", "message_stop"]
    assert vertex_paths(driver.emulator) == [model_path(method="streamRawPredict")]

    driver.collect(driver.create(driver.first_party(), stream=True))
    assert spans.take() == ["first-party"]


def test_the_messages_and_beta_patches_wrap_only_their_own_calls(driver: Driver, spans: Spans) -> None:
    spans.patch_both(PLAIN_MESSAGES, "create", "messages")
    spans.patch_both(BETA_MESSAGES, "create", "first-party beta")
    spans.patch_both(VERTEX_BETA, "create", "vertex beta")
    vertex, first_party = driver.vertex(), driver.first_party()

    driver(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES), vertex)
    assert spans.take() == ["messages"]  # Vertex's plain messages is the first-party class, as in the official SDK
    driver(lambda c: c.messages.create(model=FIRST_PARTY_MODEL, max_tokens=16, messages=MESSAGES), first_party)
    assert spans.take() == ["messages"]
    driver.create(vertex)
    assert spans.take() == ["vertex beta"]
    driver.create(first_party)
    assert spans.take() == ["first-party beta"]


def test_a_patch_of_stream_at_each_path_wraps_each_stream_once(driver: Driver, spans: Spans) -> None:
    """Instrumentations also wrap ``stream``; the official Vertex beta class has a copy of its own, as here."""
    spans.patch_both(BETA_MESSAGES, "stream", "first-party")
    spans.patch_both(VERTEX_BETA, "stream", "vertex")

    async def final_async(manager: Any) -> Any:
        async with manager as stream:
            return await stream.get_final_message()

    def final(client: Any, model: str) -> Any:
        manager = client.beta.messages.stream(model=model, max_tokens=16, messages=MESSAGES)
        if driver.is_async:
            return driver.run(final_async(manager))
        with manager as stream:
            return stream.get_final_message()

    assert final(driver.vertex(), MODEL).content[0].type == "text"
    assert spans.take() == ["vertex"]
    assert vertex_paths(driver.emulator) == [model_path(method="streamRawPredict")]
    assert final(driver.first_party(), FIRST_PARTY_MODEL).content[0].type == "text"
    assert spans.take() == ["first-party"]


def test_a_raw_response_create_goes_through_the_patched_create(driver: Driver, spans: Spans) -> None:
    spans.patch_both(BETA_MESSAGES, "create", "first-party")
    spans.patch_both(VERTEX_BETA, "create", "vertex")
    client = driver.vertex()
    raw = driver.run(client.beta.messages.with_raw_response.create(model=MODEL, max_tokens=16, messages=MESSAGES))
    assert spans.take() == ["vertex"]
    assert raw.parse().content[0].type == "text"
    raw = driver.run(client.with_raw_response.beta.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES))
    assert spans.take() == ["vertex"]
    assert raw.http_response.status_code == 200
    assert vertex_paths(driver.emulator) == [model_path()] * 2


def test_the_vertex_beta_classes_are_at_the_official_paths(driver: Driver) -> None:
    from claude_core.lib.vertex import _beta, _beta_messages

    client = driver.vertex()
    sync_or_async = "Async" if driver.is_async else ""
    beta_class, messages_class = type(client.beta), type(client.beta.messages)
    assert beta_class is getattr(_beta, f"{sync_or_async}Beta")
    assert messages_class is getattr(_beta_messages, f"{sync_or_async}Messages")
    core_class = getattr(core_beta, f"{sync_or_async}Messages")
    assert issubclass(messages_class, core_class) and messages_class is not core_class
    assert type(driver.first_party().beta.messages) is core_class
    assert vars(messages_class)["create"] is vars(core_class)["create"]  # the first-party function, copied


def test_the_vertex_path_imported_after_the_core_class_was_patched(emulator: Emulator) -> None:
    result = late_import(
        {
            "provider": "vertex",
            "distribution": "provider_vertex",
            "client": "AnthropicVertex",
            "options": options(emulator),
            "model": MODEL,
            "api_key": emulator.api_key,
            "base_url": emulator.base_url,
        }
    )
    assert result == {
        "loaded before the provider path": [],
        "sync": ["vertex", "first-party"],
        "async": ["vertex", "first-party"],
    }
    assert [request.path for request in emulator.requests] == [model_path(), "/v1/messages"] * 2
    assert claude_core.AnthropicVertex is AnthropicVertex
