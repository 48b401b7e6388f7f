"""A retry may go elsewhere: ``RetryDecision(provider=...)`` sends the next attempt to
another deployment, prepared and signed for it, and the answering deployment stays
visible. Two emulator servers on two ports play the two deployments."""

from __future__ import annotations

from typing import Any, Callable, List, Tuple, Union

import pytest
from claude_emulator import Emulator

import claude_core
from claude_core import ClientOptions, hookimpl
from claude_core.providers import Provider
from claude_core.providers.anthropic import AnthropicProvider
from claude_core.retries import Attempt, RetryDecision

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 32, "messages": USER}
SECOND_KEY = "sk-ant-second-deployment"


@pytest.fixture
def second(deployment: Callable[[str], Emulator]) -> Emulator:
    return deployment(SECOND_KEY)


class Fallback:
    """Retries once, on the other deployment."""

    def __init__(self, target: Union[Provider, str]) -> None:
        self.target = target
        self.attempts: List[Attempt] = []

    @hookimpl
    def claude_retry_policy(self) -> "Fallback":
        return self

    def decide(self, attempt: Attempt) -> RetryDecision:
        self.attempts.append(attempt)
        return RetryDecision(attempt.retries_taken < 1, 0.0, provider=self.target)


def fallback_client(api: Api, second: Emulator) -> Tuple[Any, Provider, List[Tuple[str, Any]]]:
    target = AnthropicProvider(ClientOptions(base_url=second.base_url, api_key=SECOND_KEY))
    log: List[Tuple[str, Any]] = []
    return api.make(plugins=[Fallback(target)], provider_options={"observer": log}), target, log


def test_an_overload_on_the_first_deployment_is_answered_by_the_second(api: Api, second: Emulator) -> None:
    client, target, log = fallback_client(api, second)
    api.emulator.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message.content[0].text.startswith("Echo:")
    assert len(api.emulator.requests) == 1 and len(second.requests) == 1
    assert second.requests[0].headers["x-api-key"] == SECOND_KEY  # signed with the second deployment's key
    assert message._provider is target
    attempts = [entry for kind, entry in log if kind == "attempt"]
    assert [a.provider for a in attempts] == [client._pipeline.provider, target]
    assert log[-1][1].provider is target and log[-1][1].value is message


def test_raw_responses_name_the_deployment_that_answered(api: Api, second: Emulator) -> None:
    client, target, _ = fallback_client(api, second)
    api.emulator.enqueue(status=529)
    raw = api(lambda c: c.messages.with_raw_response.create(**PARAMS), client)
    assert raw.provider is target and str(raw.url).startswith(second.base_url)


def stream_text(api: Api, client: Any) -> Tuple[str, Any]:
    if api.is_async:

        async def go() -> Tuple[str, Any]:
            async with client.messages.stream(**PARAMS) as stream:
                return "".join([t async for t in stream.text_stream]), stream.provider

        return api.run(go())  # type: ignore[no-any-return]
    with client.messages.stream(**PARAMS) as stream:
        return "".join(stream.text_stream), stream.provider


def test_a_stream_that_fails_before_content_is_rerouted(api: Api, second: Emulator) -> None:
    client, target, log = fallback_client(api, second)
    api.emulator.enqueue(stream_error_after=2)  # message_start and a ping, then an overloaded error
    text, provider = stream_text(api, client)
    assert text.startswith("Echo:") and provider is target
    assert len(api.emulator.requests) == 1 and len(second.requests) == 1
    assert log[-1][1].provider is target and log[-1][1].completed


def test_a_stream_that_fails_after_content_is_never_rerouted(api: Api, second: Emulator) -> None:
    client, _, log = fallback_client(api, second)
    api.emulator.enqueue(stream_error_after=6)
    with pytest.raises(claude_core.OverloadedError) as caught:
        stream_text(api, client)
    assert len(second.requests) == 0
    assert log[-1][1].error is caught.value


def test_a_provider_name_reroutes_with_the_clients_options(api: Api) -> None:
    log: List[Tuple[str, Any]] = []
    client = api.make(plugins=[Fallback("emulator")], provider_options={"observer": log})
    api.emulator.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message._provider.name == "emulator"
    assert [r.path for r in api.emulator.requests] == ["/v1/messages", "/v1/messages"]
