"""The first-party client's features on the Bedrock clients, over real HTTP to the emulator, sync and async.

The tool runner (plain and ``stream=True``), ``messages.parse`` / ``messages.stream`` with
``output_format``, ``with_raw_response`` and call observers, each compared with the
first-party client for the same conversation; every Bedrock request is SigV4-signed and
verified by the emulator (a request that does not verify is a 403, and retries are off).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Optional

import pydantic
import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from claude_emulator._bedrock import AwsCredentials, check_auth
from conftest import FIRST_PARTY_MODEL, MESSAGES, MODEL

from claude_core import APIResponseValidationError, beta_async_tool, beta_tool, hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult
from claude_core.types import ParsedMessage
from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock, BedrockProvider
from tests.conftest import Api

ASK: Any = [{"role": "user", "content": "Please call get_weather now"}]
KEYS = {"aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID, "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY}
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
    """The suite's sync/async driver, with a Bedrock client beside the first-party one."""

    def bedrock(self, **kwargs: Any) -> Any:
        cls = AsyncAnthropicBedrock if self.is_async else AnthropicBedrock
        options = {**KEYS, "aws_region": "us-east-1", "base_url": self.emulator.base_url, "max_retries": 0}
        client = cls(**{**options, **kwargs})
        self._clients.append(client)
        return client

    def first_party(self, **kwargs: Any) -> Any:
        return self.make(**{"max_retries": 0, **kwargs})

    def tool(self) -> Any:
        if self.is_async:
            return beta_async_tool(_async_weather, name="get_weather")
        return beta_tool(_weather, name="get_weather")


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Driver]:
    calls.clear()
    drive = Driver(request.param, emulator)
    yield drive
    drive.close()


def comparable(message: Any) -> Dict[str, Any]:
    """A message without what differs between the two deployments (id, model)."""
    data: Dict[str, Any] = message.to_dict()
    data.pop("id")
    data.pop("model")
    return data


def bedrock_requests(emulator: Emulator) -> List[Any]:
    """The requests of a Bedrock exchange, each checked to be signed and to verify with botocore."""
    credentials = AwsCredentials(EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY)
    requests = list(emulator.requests)
    for request in requests:
        assert request.path.startswith(f"/model/{MODEL}/")
        assert request.headers["authorization"].startswith(f"AWS4-HMAC-SHA256 Credential={EMULATOR_AWS_ACCESS_KEY_ID}/")
        assert "/us-east-1/bedrock/aws4_request" in request.headers["authorization"]
        assert "x-api-key" not in request.headers and "anthropic-version" not in request.headers
        check_auth(request, credentials, ())  # the emulator's own check, again: raises if it does not verify
    return requests


def exchange(driver: Driver, make: Callable[[Any, str], Any], bedrock_kwargs: Any = None) -> Any:
    """``make(client, model)`` on the Bedrock client, then on the first-party one (emulator reset between)."""
    emulator = driver.emulator
    emulator.reset()
    got = make(driver.bedrock(**(bedrock_kwargs or {})), MODEL)
    sent = bedrock_requests(emulator)
    emulator.reset()
    want = make(driver.first_party(), FIRST_PARTY_MODEL)
    return got, want, sent, list(emulator.requests)


# -- the tool runner ---------------------------------------------------------------------------


def _strip_model(body: Dict[str, Any]) -> Dict[str, Any]:
    body = dict(body)
    body.pop("model", None)
    body.pop("anthropic_version", None)
    body.pop("stream", None)
    return body


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
    assert [request.path for request in sent] == [f"/model/{MODEL}/invoke"] * 2
    # the same history is sent, in Bedrock's body shape, the runner's structured-outputs beta
    # (a header first-party) in the body
    bodies = [_strip_model(request.json()) for request in sent]
    assert [body.pop("anthropic_beta") for body in bodies] == [["structured-outputs-2025-12-15"]] * 2
    assert all(r.headers["anthropic-beta"] == "structured-outputs-2025-12-15" for r in want_sent)
    assert bodies == [_strip_model(r.json()) for r in want_sent]
    assert all(request.json()["anthropic_version"] == "bedrock-2023-05-31" for request in sent)
    assert all("model" not in request.json() and "stream" not in request.json() for request in sent)


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
    assert [request.path for request in sent] == [f"/model/{MODEL}/invoke-with-response-stream"] * 2


# -- structured outputs ------------------------------------------------------------------------


def test_parse_equals_first_party(driver: Driver) -> None:
    def make(client: Any, model: str) -> Any:
        return driver.run(client.messages.parse(model=model, max_tokens=1024, messages=MESSAGES, output_format=Person))

    got, want, sent, want_sent = exchange(driver, make)
    assert isinstance(got, ParsedMessage) and isinstance(got.parsed_output, Person)
    assert got.parsed_output == want.parsed_output
    assert got.content[0].parsed_output == got.parsed_output
    assert comparable(got) == comparable(want)
    assert got._request_id and "-" in got._request_id  # x-amzn-requestid
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
    assert sent[0].path == f"/model/{MODEL}/invoke-with-response-stream"


# -- raw responses and observers ---------------------------------------------------------------


def test_with_raw_response_create(driver: Driver) -> None:
    client = driver.bedrock()
    raw = driver.run(client.messages.with_raw_response.create(model=MODEL, max_tokens=64, messages=MESSAGES))
    (request,) = bedrock_requests(driver.emulator)
    rid = raw.headers["x-amzn-requestid"]
    assert rid and "-" in rid and raw.request_id == rid
    assert raw.status_code == 200 and raw.http_response.request.url.path == request.path == f"/model/{MODEL}/invoke"
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


def _observe(driver: Driver, client: Any, model: str) -> Any:
    """A retried create, a helper stream and a token count on ``client``: the request ids of the first two."""
    driver.emulator.enqueue(status=500)  # one retried attempt, signed again
    message = driver.run(client.messages.create(model=model, max_tokens=64, messages=MESSAGES))
    if driver.is_async:

        async def stream() -> Any:
            async with client.messages.stream(model=model, max_tokens=64, messages=MESSAGES) as events:
                await events.get_final_message()
                return events.request_id

        stream_id = driver.run(stream())
    else:
        with client.messages.stream(model=model, max_tokens=64, messages=MESSAGES) as events:
            events.get_final_message()
            stream_id = events.request_id
    driver.run(client.messages.count_tokens(model=model, messages=MESSAGES))
    return message._request_id, stream_id


def test_observers_see_bedrock_calls(driver: Driver) -> None:
    watch, first_party = Watch(), Watch()
    message_id, stream_id = _observe(driver, driver.bedrock(plugins=[watch], max_retries=2), MODEL)
    requests = bedrock_requests(driver.emulator)
    driver.emulator.reset()
    _observe(driver, driver.first_party(plugins=[first_party], max_retries=2), FIRST_PARTY_MODEL)

    # the same calls as the first-party client's, told the same way
    assert [(c.endpoint, c.stream) for c in watch.started] == [(c.endpoint, c.stream) for c in first_party.started]
    assert len(watch.started) == 3 and watch.started[-1].endpoint == "messages.count_tokens"
    assert all(call.provider.name == "bedrock" and isinstance(call.provider, BedrockProvider) for call in watch.started)
    assert all(call.model == MODEL and call.is_async == driver.is_async for call in watch.started)
    assert [(r.number, status(r)) for r in watch.attempts] == [(r.number, status(r)) for r in first_party.attempts]
    assert [(r.number, status(r)) for r in watch.attempts] == [(0, 500), (1, 200), (0, 200), (0, 200)]
    assert watch.attempts[0].decision is not None and watch.attempts[0].decision.retry
    assert all(record.provider.name == "bedrock" for record in watch.attempts)
    assert [str(record.request.url.path) for record in watch.attempts] == [
        f"/model/{MODEL}/invoke",
        f"/model/{MODEL}/invoke",
        f"/model/{MODEL}/invoke-with-response-stream",
        f"/model/{MODEL}/count-tokens",
    ]
    # observers see the request as signed and sent
    assert [record.request.headers["authorization"] for record in watch.attempts] == [
        request.headers["authorization"] for request in requests
    ]

    assert [result.endpoint for result in watch.ended] == [call.endpoint for call in watch.started]
    assert all(result.provider.name == "bedrock" and result.error is None for result in watch.ended)
    assert [result.attempts for result in watch.ended] == [2, 1, 1]
    response_ids = [request_id(record) for record in watch.attempts[1:]]
    assert all(rid and "-" in rid for rid in response_ids)  # Bedrock's x-amzn-requestid, a UUID
    assert [result.request_id for result in watch.ended] == response_ids
    assert [result.request_id for result in watch.ended[:2]] == [message_id, stream_id]
    assert [(r.usage, r.stop_reason) for r in watch.ended] == [(r.usage, r.stop_reason) for r in first_party.ended]
    assert watch.ended[0].stop_reason == watch.ended[1].stop_reason == "end_turn"


def status(record: AttemptRecord) -> Optional[int]:
    return record.response.status_code if record.response is not None else None


def request_id(record: AttemptRecord) -> Optional[str]:
    assert record.response is not None
    value: Optional[str] = record.response.headers.get("x-amzn-requestid")
    return value


def test_strict_response_validation_reaches_the_bedrock_clients(driver: Driver) -> None:
    reply = {
        "id": "msg_bedrock",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": "hi"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": "many", "output_tokens": 1},
    }
    strict = driver.bedrock(_strict_response_validation=True)
    assert strict._strict_response_validation is True
    driver.emulator.enqueue(status=200, json=reply)
    with pytest.raises(APIResponseValidationError, match="input_tokens"):
        driver.run(strict.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES))
    driver.emulator.enqueue(status=200, json=reply)
    lenient = driver.run(driver.bedrock().messages.create(model=MODEL, max_tokens=16, messages=MESSAGES))
    assert lenient.usage.input_tokens == "many"  # the shape is checked, values are kept as sent
    assert len(bedrock_requests(driver.emulator)) == 2
