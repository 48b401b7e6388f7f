"""``claude_route_call`` chooses where a call's first attempt goes, and each ``Attempt`` a
retry policy sees names its deployment, its endpoint and the retries taken there: what
fallback routing with a circuit breaker stands on. Two emulator servers play two deployments."""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Tuple, Union

import pytest
from claude_emulator import Emulator

import claude_core
from claude_core import ClientOptions, hookimpl
from claude_core.observers import CallInfo
from claude_core.providers import Provider
from claude_core.providers.anthropic import AnthropicProvider
from claude_core.retries import Attempt, RetryDecision

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 32, "messages": USER}
SECOND_KEY = "sk-ant-routed-deployment"


@pytest.fixture
def second(deployment: Callable[[str], Emulator]) -> Emulator:
    return deployment(SECOND_KEY)


class Router:
    """Starts every call at ``target``; keeps what it was asked."""

    def __init__(self, target: Union[Provider, str, None]) -> None:
        self.target = target
        self.calls: List[CallInfo] = []

    @hookimpl
    def claude_route_call(self, call: CallInfo) -> Union[Provider, str, None]:
        self.calls.append(call)
        return self.target


def test_a_routed_call_starts_at_the_deployment_the_hook_names(api: Api, second: Emulator) -> None:
    target = AnthropicProvider(ClientOptions(base_url=second.base_url, api_key=SECOND_KEY))
    router = Router(target)
    log: List[Tuple[str, Any]] = []
    client = api.make(plugins=[router], provider_options={"observer": log})
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message._provider is target
    assert len(api.emulator.requests) == 0 and len(second.requests) == 1
    assert second.requests[0].headers["x-api-key"] == SECOND_KEY
    [call] = router.calls
    assert (call.endpoint, call.model, call.stream, call.is_async) == ("messages.create", MODEL, False, api.is_async)
    assert call.provider is not target  # the client's own deployment, where the call would have gone
    assert [entry.provider for kind, entry in log if kind == "attempt"] == [target]
    assert log[-1][1].provider is target


def test_none_leaves_the_call_at_the_clients_deployment(api: Api, second: Emulator) -> None:
    router = Router(None)
    client = api.make(plugins=[router])
    api(lambda c: c.messages.count_tokens(**{k: v for k, v in PARAMS.items() if k != "max_tokens"}), client)
    assert len(api.emulator.requests) == 1 and len(second.requests) == 0
    assert [call.endpoint for call in router.calls] == ["messages.count_tokens"]


class CreateOnly(AnthropicProvider):
    endpoints = frozenset({"messages.create"})


def test_a_deployment_that_does_not_serve_the_endpoint_fails_the_call(api: Api, second: Emulator) -> None:
    target = CreateOnly(ClientOptions(base_url=second.base_url, api_key=SECOND_KEY))
    client = api.make(plugins=[Router(target)])
    with pytest.raises(claude_core.UnsupportedEndpointError, match=r"models\.list is not supported"):
        api(lambda c: c.models.list(), client)
    assert len(api.emulator.requests) == 0 and len(second.requests) == 0


class Recording:
    """Two retries where the call is, then one move to ``target``, then the default rules there."""

    def __init__(self, target: Provider) -> None:
        self.target = target
        self.seen: List[Attempt] = []

    @hookimpl
    def claude_retry_policy(self) -> "Recording":
        return self

    def decide(self, attempt: Attempt) -> RetryDecision:
        self.seen.append(attempt)
        if attempt.provider is not self.target:
            return RetryDecision(True, 0.0, provider=self.target if attempt.provider_retries >= 2 else None)
        return RetryDecision(attempt.provider_retries < 1, 0.0)


def test_each_attempt_names_its_deployment_endpoint_and_retries_there(api: Api, second: Emulator) -> None:
    target = AnthropicProvider(ClientOptions(base_url=second.base_url, api_key=SECOND_KEY))
    policy = Recording(target)
    client = api.make(plugins=[policy], max_retries=9)
    for _ in range(3):
        api.emulator.enqueue(status=529)
    second.enqueue(status=500)
    second.enqueue(status=503)
    with pytest.raises(claude_core.InternalServerError):
        api(lambda c: c.messages.create(**PARAMS), client)
    first: Optional[Provider] = policy.seen[0].provider
    assert first is not None and first is not target
    assert [(a.provider is target, a.provider_retries, a.retries_taken) for a in policy.seen] == [
        (False, 0, 0),
        (False, 1, 1),
        (False, 2, 2),
        (True, 0, 3),
        (True, 1, 4),
    ]
    assert {(a.endpoint, a.model) for a in policy.seen} == {("messages.create", MODEL)}
    assert len(api.emulator.requests) == 3 and len(second.requests) == 2


class BackHome:
    """Starts calls at ``away``; after a failure there, sends the call back to the client's own deployment."""

    def __init__(self, away: Provider) -> None:
        self.away = away
        self.home: Optional[Provider] = None

    @hookimpl
    def claude_route_call(self, call: CallInfo) -> Provider:
        return self.away

    @hookimpl
    def claude_retry_policy(self, provider: Provider) -> "BackHome":
        self.home = provider
        return self

    def decide(self, attempt: Attempt) -> RetryDecision:
        return RetryDecision(attempt.provider is self.away, 0.0, provider=self.home)


def test_the_retry_policy_hook_gets_the_clients_own_provider(api: Api, second: Emulator) -> None:
    away = AnthropicProvider(ClientOptions(base_url=second.base_url, api_key=SECOND_KEY))
    policy = BackHome(away)
    client = api.make(plugins=[policy])
    second.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert policy.home is not None and message._provider is policy.home  # the client's own deployment, not a copy
    assert len(second.requests) == 1 and len(api.emulator.requests) == 1
