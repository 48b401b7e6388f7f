"""The first-party client's features on the Vertex clients, over real HTTP to the emulator, sync and async.

The tool runner (plain and ``stream=True``), ``messages.parse`` / ``messages.stream`` with
``output_format``, ``with_raw_response`` and call observers, each compared with the
first-party client for the same conversation. Every Vertex request carries a token the
emulator's token endpoint granted to the service account (retries are off).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pydantic
import pytest
from claude_emulator import Emulator
from google.oauth2 import service_account
from vertex_support import (  # noqa: F401
    FIRST_PARTY_MODEL,
    MESSAGES,
    MODEL,
    REGION,
    emulator_fixture,
    emulator_server_fixture,
    google_env_fixture,
    key_file_fixture,
    model_path,
    vertex_url,
)

from claude_core import beta_async_tool, beta_tool, hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult
from claude_core.types import ParsedMessage
from provider_vertex import AnthropicVertex, AsyncAnthropicVertex, VertexProvider
from tests.conftest import Api

ASK: Any = [{"role": "user", "content": "Please call get_weather now"}]
calls: List[str] = []


def _weather(location: str) -> str:
    """Get the weather for a city."""
    calls.append(location)
    return f"sunny in {location}"


async def _async_weather(location: str) -> str:
    """Get the weather for a city."""
    calls.append(location)
    return f"sunny in {location}"


class Address(pydantic.BaseModel):
    city: str
    postcode: Optional[str] = None


class Person(pydantic.BaseModel):
    name: str
    age: int
    nickname: Optional[str]
    addresses: List[Address]
    home: Address


class Driver(Api):
    """The suite's sync/async driver, with a Vertex client beside the first-party one."""

    key_file: Path

    def vertex(self, **kwargs: Any) -> Any:
        cls = AsyncAnthropicVertex if self.is_async else AnthropicVertex
        credentials = service_account.Credentials.from_service_account_file(str(self.key_file))
        options = {"region": REGION, "credentials": credentials, "base_url": vertex_url(self.emulator)}
        client = cls(**{**options, "max_retries": 0, **kwargs})
        self._clients.append(client)
        return client

    def first_party(self, **kwargs: Any) -> Any:
        return self.make(**{"max_retries": 0, **kwargs})

    def tool(self) -> Any:
        if self.is_async:
            return beta_async_tool(_async_weather, name="get_weather")
        return beta_tool(_weather, name="get_weather")


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, emulator: Emulator, key_file: Path) -> Iterator[Driver]:
    calls.clear()
    drive = Driver(request.param, emulator)
    drive.key_file = key_file
    yield drive
    drive.close()


def comparable(message: Any) -> Dict[str, Any]:
    """A message without what differs between the two deployments (id, model)."""
    data: Dict[str, Any] = message.to_dict()
    data.pop("id")
    data.pop("model")
    return data


def vertex_requests(emulator: Emulator) -> List[Any]:
    """The requests of a Vertex exchange, each checked to be a Vertex request with one granted token."""
    requests = list(emulator.requests)
    for request in requests:
        assert request.path.startswith("/v1/projects/emulator-project/locations/us-east5/publishers/anthropic/")
        assert request.headers["authorization"].startswith("Bearer ")
        assert "x-api-key" not in request.headers and "anthropic-version" not in request.headers
    assert emulator.vertex_token_grants == 1
    return requests


def exchange(driver: Driver, make: Callable[[Any, str], Any]) -> Any:
    """``make(client, model)`` on the Vertex client, then on the first-party one (emulator reset between)."""
    emulator = driver.emulator
    emulator.reset()
    got = make(driver.vertex(), MODEL)
    sent = vertex_requests(emulator)
    emulator.reset()
    want = make(driver.first_party(), FIRST_PARTY_MODEL)
    return got, want, sent, list(emulator.requests)


def _first_party_shape(body: Dict[str, Any]) -> Dict[str, Any]:
    body = dict(body)
    body.pop("model", None)
    body.pop("anthropic_version", None)
    return body


# -- the tool runner ---------------------------------------------------------------------------


def test_tool_runner_turns_and_final_message_equal_first_party(driver: Driver) -> None:
    def make(client: Any, model: str) -> Any:
        runner = client.beta.messages.tool_runner(
            model=model, max_tokens=100, tools=[driver.tool()], messages=ASK, max_iterations=6
        )
        turns = driver.collect(runner)
        return turns, driver.run(runner.until_done())

    (got_turns, got_final), (want_turns, want_final), sent, want_sent = exchange(driver, make)
    assert [turn.stop_reason for turn in got_turns] == ["tool_use", "end_turn"]
    assert [comparable(turn) for turn in got_turns] == [comparable(turn) for turn in want_turns]
    assert got_final is got_turns[-1] and comparable(got_final) == comparable(want_final)
    assert got_final.content[0].text == "Echo: [tool result toolu_emu_1: sunny in value for location]"
    assert calls == ["value for location", "value for location"]  # once per client
    assert [request.path for request in sent] == [model_path()] * 2
    # the same history is sent, in Vertex's body shape
    assert [_first_party_shape(request.json()) for request in sent] == [_first_party_shape(r.json()) for r in want_sent]
    assert all(request.json()["anthropic_version"] == "vertex-2023-10-16" for request in sent)
    assert all("model" not in request.json() for request in sent)


def test_streaming_tool_runner_equals_first_party(driver: Driver) -> None:
    def make(client: Any, model: str) -> Any:
        runner = client.beta.messages.tool_runner(
            model=model, max_tokens=100, tools=[driver.tool()], messages=ASK, max_iterations=6, stream=True
        )
        if driver.is_async:

            async def turns() -> Any:
                seen = []
                async for stream in runner:
                    text = "".join([piece async for piece in stream.text_stream])
                    seen.append((text, await stream.get_final_message()))
                return seen

            seen = driver.run(turns())
        else:
            seen = [("".join(stream.text_stream), stream.get_final_message()) for stream in runner]
        return seen, driver.run(runner.until_done())

    (got_turns, got_final), (want_turns, want_final), sent, _ = exchange(driver, make)
    assert [message.stop_reason for _, message in got_turns] == ["tool_use", "end_turn"]
    assert [(text, comparable(message)) for text, message in got_turns] == [
        (text, comparable(message)) for text, message in want_turns
    ]
    assert got_turns[1][0] == "Echo: [tool result toolu_emu_1: sunny in value for location]"
    assert comparable(got_final) == comparable(want_final)
    assert [request.path for request in sent] == [model_path(method="streamRawPredict")] * 2
    assert all(request.json()["stream"] is True for request in sent)


# -- structured outputs ------------------------------------------------------------------------


def test_parse_equals_first_party(driver: Driver) -> None:
    def make(client: Any, model: str) -> Any:
        return driver.run(client.messages.parse(model=model, max_tokens=1024, messages=MESSAGES, output_format=Person))

    got, want, sent, want_sent = exchange(driver, make)
    assert isinstance(got, ParsedMessage) and isinstance(got.parsed_output, Person)
    assert got.parsed_output == want.parsed_output
    assert got.content[0].parsed_output == got.parsed_output
    assert comparable(got) == comparable(want)
    assert sent[0].json()["output_config"] == want_sent[0].json()["output_config"]


def test_stream_with_output_format_equals_first_party(driver: Driver) -> None:
    def make(client: Any, model: str) -> Any:
        manager = client.messages.stream(model=model, max_tokens=1024, messages=MESSAGES, output_format=Address)
        if driver.is_async:

            async def read() -> Any:
                async with manager as stream:
                    text = "".join([piece async for piece in stream.text_stream])
                    return text, await stream.get_final_message()

            return driver.run(read())
        with manager as stream:
            return "".join(stream.text_stream), stream.get_final_message()

    (got_text, got), (want_text, want), sent, _ = exchange(driver, make)
    assert isinstance(got, ParsedMessage) and isinstance(got.parsed_output, Address)
    assert got.parsed_output == want.parsed_output == Address.model_validate_json(got_text)
    assert got_text == want_text
    assert sent[0].path == model_path(method="streamRawPredict")


# -- raw responses and observers ---------------------------------------------------------------


def test_with_raw_response_create(driver: Driver) -> None:
    client = driver.vertex()
    raw = driver.run(client.messages.with_raw_response.create(model=MODEL, max_tokens=64, messages=MESSAGES))
    (request,) = vertex_requests(driver.emulator)
    rid = raw.headers["request-id"]
    assert rid and raw.request_id == rid
    assert raw.status_code == 200 and raw.http_response.request.url.path == request.path == model_path()
    message = driver.run(raw.parse())
    assert message._request_id == rid
    want = driver.run(driver.first_party().messages.create(model=FIRST_PARTY_MODEL, max_tokens=64, messages=MESSAGES))
    assert comparable(message) == comparable(want)


class Watch:
    """A per-client plugin that records what call observers are told."""

    def __init__(self) -> None:
        self.started: List[CallInfo] = []
        self.attempts: List[AttemptRecord] = []
        self.ended: List[CallResult] = []

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[CallObserver]:
        self.started.append(call)
        watch = self

        class Observer(CallObserver):
            def attempt(self, record: AttemptRecord) -> None:
                watch.attempts.append(record)

            def end(self, result: CallResult) -> None:
                watch.ended.append(result)

        return Observer()


def _observe(driver: Driver, client: Any, model: str) -> None:
    """A retried create, a helper stream and a token count on ``client``."""
    driver.emulator.enqueue(status=500)  # one retried attempt, signed again
    driver.run(client.messages.create(model=model, max_tokens=64, messages=MESSAGES))
    if driver.is_async:

        async def stream() -> None:
            async with client.messages.stream(model=model, max_tokens=64, messages=MESSAGES) as events:
                await events.get_final_message()

        driver.run(stream())
    else:
        with client.messages.stream(model=model, max_tokens=64, messages=MESSAGES) as events:
            events.get_final_message()
    driver.run(client.messages.count_tokens(model=model, messages=MESSAGES))


def test_observers_see_vertex_calls(driver: Driver) -> None:
    watch, first_party = Watch(), Watch()
    _observe(driver, driver.vertex(plugins=[watch], max_retries=2), MODEL)
    vertex_requests(driver.emulator)
    driver.emulator.reset()
    _observe(driver, driver.first_party(plugins=[first_party], max_retries=2), FIRST_PARTY_MODEL)

    assert [(c.endpoint, c.stream) for c in watch.started] == [(c.endpoint, c.stream) for c in first_party.started]
    assert all(call.provider.name == "vertex" and isinstance(call.provider, VertexProvider) for call in watch.started)
    assert all(call.model == MODEL and call.is_async == driver.is_async for call in watch.started)
    assert [(r.number, status(r)) for r in watch.attempts] == [(r.number, status(r)) for r in first_party.attempts]
    assert [str(record.request.url.path) for record in watch.attempts] == [
        model_path(),
        model_path(),
        model_path(method="streamRawPredict"),
        model_path("count-tokens"),
    ]
    assert [result.attempts for result in watch.ended] == [2, 1, 1]
    assert all(result.provider.name == "vertex" and result.error is None for result in watch.ended)
    assert all(result.request_id and result.request_id.startswith("req_") for result in watch.ended)
    assert [(r.usage, r.stop_reason) for r in watch.ended] == [(r.usage, r.stop_reason) for r in first_party.ended]


def status(record: AttemptRecord) -> Optional[int]:
    return record.response.status_code if record.response is not None else None
