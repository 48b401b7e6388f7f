"""A call that fails on deployment A is answered by deployment B with B's model id: over real HTTP,
A a first-party emulator, B an emulator serving Bedrock's routes and checking each SigV4 signature."""

from __future__ import annotations

import json
import logging
from typing import Any, List, Tuple

import pytest
from claude_emulator import Emulator
from claude_fallback import Breakers, Fallback
from fallback_support import (  # noqa: F401
    BEDROCK_MODEL,
    MESSAGES,
    MODEL,
    PARAMS,
    Api,
    api_fixture,
    bedrock,
    breakers_fixture,
    clock_fixture,
    first_fixture,
    isolated_env_fixture,
    raw_stream,
    second_fixture,
    servers_fixture,
    stream_text,
)

import claude_core
from claude_core import beta_tool, hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult

#: The faults that fail over: an overload, and a connection reset without an answer.
FAULTS = [pytest.param({"status": 529}, id="529"), pytest.param({"drop": True}, id="reset")]


class Hops(CallObserver):
    """An observer of the test's own: every attempt's deployment, and the call's end."""

    def __init__(self) -> None:
        self.attempts: List[AttemptRecord] = []
        self.results: List[CallResult] = []

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> "Hops":
        return self

    def attempt(self, record: AttemptRecord) -> None:
        self.attempts.append(record)

    def end(self, result: CallResult) -> None:
        self.results.append(result)


def chain(second: Emulator, breakers: Breakers, **kwargs: Any) -> Fallback:
    return Fallback(["anthropic", bedrock(second)], breakers=breakers, **kwargs)


def bedrock_paths(second: Emulator) -> List[str]:
    return [request.path for request in second.requests]


@pytest.mark.parametrize("fault", FAULTS)
def test_create_fails_over_to_bedrock_with_its_model_id(
    api: Api, second: Emulator, breakers: Breakers, fault: Any, caplog: pytest.LogCaptureFixture
) -> None:
    fallback = chain(second, breakers)
    hops = Hops()
    client = api.make(fallback, plugins=[hops])
    api.server.enqueue(**fault)
    with caplog.at_level(logging.WARNING, logger="claude_fallback"):
        raw = api(lambda c: c.messages.with_raw_response.create(**PARAMS), client)
    message = api.run(raw.parse())
    assert message.content[0].text == "Echo: Hello there, Claude"
    assert len(api.server.requests) == 1
    assert bedrock_paths(second) == [f"/model/{BEDROCK_MODEL}/invoke"]
    assert second.requests[0].headers["authorization"].startswith("AWS4-HMAC-SHA256")
    # the deployment that answered, and its request id (Bedrock's x-amzn-requestid)
    bedrock_provider = fallback.chain[1].provider()
    assert message._provider is bedrock_provider and raw.provider is bedrock_provider
    assert fallback.deployment_of(message._provider) is fallback.chain[1]
    assert message._request_id == raw.http_response.headers["x-amzn-requestid"] == raw.request_id
    # observers see each hop
    assert [record.provider for record in hops.attempts] == [client._pipeline.provider, bedrock_provider]
    assert hops.attempts[0].decision is not None and hops.attempts[0].decision.provider is bedrock_provider
    assert hops.results[-1].provider is bedrock_provider and hops.results[-1].request_id == message._request_id
    # one warning per failover, naming both deployments and the cold prompt cache
    [line] = [r.getMessage() for r in caplog.records if r.name == "claude_fallback"]
    assert "'anthropic'" in line and "'bedrock:us-east-1'" in line and "Prompt caching does not carry over" in line


@pytest.mark.parametrize("fault", FAULTS)
def test_raw_stream_fails_over(api: Api, second: Emulator, breakers: Breakers, fault: Any) -> None:
    fallback = chain(second, breakers)
    client = api.make(fallback)
    api.server.enqueue(**fault)
    events, provider = raw_stream(api, client)
    assert events[0].type == "message_start" and events[-1].type == "message_stop"
    assert provider is fallback.chain[1].provider()
    assert bedrock_paths(second) == [f"/model/{BEDROCK_MODEL}/invoke-with-response-stream"]


@pytest.mark.parametrize("fault", FAULTS)
def test_helper_stream_fails_over(api: Api, second: Emulator, breakers: Breakers, fault: Any) -> None:
    fallback = chain(second, breakers)
    client = api.make(fallback)
    api.server.enqueue(**fault)
    text, provider = stream_text(api, client)
    assert text == "Echo: Hello there, Claude" and provider is fallback.chain[1].provider()
    assert bedrock_paths(second) == [f"/model/{BEDROCK_MODEL}/invoke-with-response-stream"]


def test_a_stream_error_before_content_fails_over(api: Api, second: Emulator, breakers: Breakers) -> None:
    client = api.make(chain(second, breakers))
    api.server.enqueue(stream_error_after=1)  # message_start, then an overloaded error: no content yet
    text, _ = stream_text(api, client)
    assert text == "Echo: Hello there, Claude"
    assert len(api.server.requests) == 1 and len(second.requests) == 1


def test_never_after_stream_content_reached_the_caller(api: Api, second: Emulator, breakers: Breakers) -> None:
    hops = Hops()
    client = api.make(chain(second, breakers), plugins=[hops])
    api.server.enqueue(stream_error_after=6)  # text has been delivered by then
    with pytest.raises(claude_core.OverloadedError):
        stream_text(api, client)
    assert second.requests == [] and len(api.server.requests) == 1
    assert hops.results[-1].error is not None
    assert breakers.state("anthropic") == "closed"  # one failure of two


@pytest.mark.parametrize("fault", FAULTS)
def test_count_tokens_fails_over(api: Api, second: Emulator, breakers: Breakers, fault: Any) -> None:
    client = api.make(chain(second, breakers))
    api.server.enqueue(**fault)
    count = api(lambda c: c.messages.count_tokens(model=MODEL, messages=MESSAGES), client)
    want = api(lambda c: c.messages.count_tokens(model=MODEL, messages=MESSAGES), api.make())
    assert count.input_tokens == want.input_tokens > 0
    assert bedrock_paths(second) == [f"/model/{BEDROCK_MODEL}/count-tokens"]


@beta_tool
def get_weather(city: str) -> str:
    """The weather in a city."""
    return f"sunny in {city}"


def test_the_tool_runner_fails_over_turn_by_turn(api: Api, second: Emulator, breakers: Breakers) -> None:
    fallback = chain(second, breakers)
    client = api.make(fallback)
    api.server.enqueue(status=529)  # the first turn fails over; the second starts at A again
    ask = [{"role": "user", "content": "What is the weather in Paris? Call get_weather"}]
    if api.is_async:
        from claude_core import beta_async_tool

        @beta_async_tool
        async def get_weather_async(city: str) -> str:
            """The weather in a city."""
            return f"sunny in {city}"

        runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=64, tools=[get_weather_async], messages=ask)
        final = api.run(runner.until_done())
    else:
        runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=64, tools=[get_weather], messages=ask)
        final = runner.until_done()
    assert final.stop_reason == "end_turn" and "sunny in" in final.content[0].text
    [turn_one] = second.requests
    assert turn_one.path == f"/model/{BEDROCK_MODEL}/invoke"
    assert len(api.server.requests) == 2  # the failed first turn, then the second turn at A
    assert final._provider is not fallback.chain[1].provider()


def test_the_deployments_own_retries_come_first(api: Api, second: Emulator, breakers: Breakers) -> None:
    client = api.make(chain(second, breakers), max_retries=1)
    api.server.enqueue(status=529, headers={"retry-after-ms": "1"})
    api.server.enqueue(status=503, headers={"retry-after-ms": "1"})
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert len(api.server.requests) == 2 and len(second.requests) == 1
    assert message._provider.name == "bedrock"


def test_a_timeout_fails_over_after_the_deployments_own_retries(
    api: Api, second: Emulator, breakers: Breakers, caplog: pytest.LogCaptureFixture
) -> None:
    hops = Hops()
    # B answers at once on 127.0.0.1: 0.5 s leaves a loaded machine room; A holds every answer 3 s
    client = api.make(chain(second, breakers), plugins=[hops], max_retries=1, timeout=0.5)
    api.server.enqueue(delay=3.0)
    api.server.enqueue(delay=3.0)
    with caplog.at_level(logging.WARNING, logger="claude_fallback"):
        message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message.content[0].text == "Echo: Hello there, Claude"
    assert message._provider.name == "bedrock"
    assert len(api.server.requests) == 2  # A timed out, was retried once there, timed out again
    assert bedrock_paths(second) == [f"/model/{BEDROCK_MODEL}/invoke"]
    seen = [(r.provider.name, type(r.error).__name__, r.decision is not None) for r in hops.attempts]
    assert seen == [
        ("anthropic", "APITimeoutError", True),
        ("anthropic", "APITimeoutError", True),
        ("bedrock", "NoneType", False),
    ]
    [line] = [r.getMessage() for r in caplog.records if "failing over" in r.getMessage()]
    assert "'anthropic' (APITimeoutError) after 1 retries there" in line and "'bedrock:us-east-1'" in line
    assert breakers.state("anthropic") == "open"  # both timeouts counted: the breaker's 2 failures


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413])
def test_a_4xx_about_the_request_is_not_failed_over(
    api: Api, second: Emulator, breakers: Breakers, status: int
) -> None:
    client = api.make(chain(second, breakers))
    api.server.enqueue(status=status)
    with pytest.raises(claude_core.APIStatusError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    assert caught.value.status_code == status
    assert second.requests == [] and breakers.state("anthropic") == "closed"


def test_a_configured_4xx_fails_over(api: Api, second: Emulator, breakers: Breakers) -> None:
    client = api.make(chain(second, breakers, on_status=[403]))
    api.server.enqueue(status=403)
    assert api(lambda c: c.messages.create(**PARAMS), client)._provider.name == "bedrock"


def test_a_rate_limit_fails_over_only_when_configured(api: Api, second: Emulator, breakers: Breakers) -> None:
    client = api.make(chain(second, breakers))
    api.server.enqueue(status=429)
    with pytest.raises(claude_core.RateLimitError):
        api(lambda c: c.messages.create(**PARAMS), client)
    assert second.requests == []
    client = api.make(chain(second, breakers, on_status=[429]))
    api.server.enqueue(status=429)
    assert api(lambda c: c.messages.create(**PARAMS), client)._provider.name == "bedrock"


def test_the_last_deployment_failing_raises_its_error(api: Api, second: Emulator, breakers: Breakers) -> None:
    client = api.make(chain(second, breakers))
    api.server.enqueue(status=529)
    second.enqueue(status=503)
    with pytest.raises(claude_core.APIStatusError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    error = caught.value
    assert error.status_code == 503 and error.request_id == error.response.headers["x-amzn-requestid"]
    assert str(error.response.url).startswith(second.base_url)
    assert len(api.server.requests) == 1 and len(second.requests) == 1


def test_an_unmapped_model_skips_the_deployment_with_a_logged_reason(
    api: Api, second: Emulator, breakers: Breakers, caplog: pytest.LogCaptureFixture
) -> None:
    fallback = chain(second, breakers)
    client = api.make(fallback)
    api.server.enqueue(status=529)
    params = {**PARAMS, "model": "claude-made-up-1"}  # first-party takes any name; Bedrock has no id for it
    with caplog.at_level(logging.WARNING, logger="claude_fallback"), pytest.raises(claude_core.OverloadedError):
        api(lambda c: c.messages.create(**params), client)
    assert second.requests == []
    [line] = [r.getMessage() for r in caplog.records if r.name == "claude_fallback"]
    assert "skipping 'bedrock:us-east-1' for model 'claude-made-up-1'" in line and "models=" in line


def test_a_model_override_is_sent(api: Api, second: Emulator, breakers: Breakers) -> None:
    profile = "global.anthropic.claude-haiku-4-5-20251001-v1:0"
    fallback = Fallback(["anthropic", bedrock(second, models={"claude-made-up-1": profile})], breakers=breakers)
    client = api.make(fallback)
    api.server.enqueue(status=529)
    api(lambda c: c.messages.create(**{**PARAMS, "model": "claude-made-up-1"}), client)
    assert bedrock_paths(second) == [f"/model/{profile}/invoke"]


def test_an_inference_profile_prefixes_the_model_id(api: Api, second: Emulator, breakers: Breakers) -> None:
    fallback = Fallback(["anthropic", bedrock(second, inference_profile="eu")], breakers=breakers)
    client = api.make(fallback)
    api.server.enqueue(status=529)
    api(lambda c: c.messages.create(**{**PARAMS, "model": "claude-opus-4-6"}), client)
    assert bedrock_paths(second) == ["/model/eu.anthropic.claude-opus-4-6-v1/invoke"]
    assert json.loads(second.requests[0].body)["anthropic_version"] == "bedrock-2023-05-31"


def test_batches_stay_on_the_clients_deployment(api: Api, second: Emulator, breakers: Breakers) -> None:
    fallback = Fallback([bedrock(second), "anthropic"], breakers=breakers)  # messages start at Bedrock
    client = api.make(fallback)
    request = {"custom_id": "one", "params": PARAMS}
    api.server.enqueue(status=529)
    with pytest.raises(claude_core.OverloadedError):
        api(lambda c: c.messages.batches.create(requests=[request]), client)
    batch = api(lambda c: c.messages.batches.create(requests=[request]), client)
    assert batch.id and batch._provider is client._pipeline.provider
    assert second.requests == [] and [r.path for r in api.server.requests] == ["/v1/messages/batches"] * 2
    files = api(lambda c: c.beta.files.list(), client)
    assert files.data == [] and api.server.requests[-1].path == "/v1/files"
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message._provider is fallback.chain[0].provider()


def test_a_deployment_that_does_not_serve_an_endpoint_is_a_clear_error(second: Emulator, breakers: Breakers) -> None:
    from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY

    from provider_bedrock import AnthropicBedrock

    client = AnthropicBedrock(
        aws_access_key=EMULATOR_AWS_ACCESS_KEY_ID,
        aws_secret_key=EMULATOR_AWS_SECRET_ACCESS_KEY,
        aws_region="us-east-1",
        base_url=second.base_url,
        plugins=[Fallback(["bedrock", "anthropic"], breakers=breakers)],
    )
    with pytest.raises(claude_core.UnsupportedEndpointError, match="Message Batches API is not served by Amazon"):
        client.messages.batches.create(requests=[{"custom_id": "one", "params": PARAMS}])
    assert second.requests == []


def test_every_hop_is_observed_across_three_failures(api: Api, second: Emulator, breakers: Breakers) -> None:
    hops = Hops()
    client = api.make(chain(second, breakers), plugins=[hops], max_retries=1)
    api.server.enqueue(status=500, headers={"retry-after-ms": "1"})
    api.server.enqueue(drop=True)
    second.enqueue(status=503, headers={"retry-after-ms": "1"})
    api(lambda c: c.messages.create(**PARAMS), client)
    seen: List[Tuple[str, bool]] = [(r.provider.name, r.decision is not None) for r in hops.attempts]
    assert seen == [("anthropic", True), ("anthropic", True), ("bedrock", True), ("bedrock", False)]


def test_a_chain_may_fail_back_to_the_clients_own_deployment(api: Api, second: Emulator, breakers: Breakers) -> None:
    fallback = Fallback([bedrock(second), "anthropic"], breakers=breakers)
    client = api.make(fallback)
    second.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message._provider.name == "anthropic" and fallback.deployment_of(message._provider) is fallback.chain[1]
    [sent] = api.server.requests
    assert sent.headers["x-api-key"] == api.server.api_key and sent.json()["model"] == MODEL
    assert bedrock_paths(second) == [f"/model/{BEDROCK_MODEL}/invoke"]
