"""The circuit breaker per deployment: opens after N failures within a window, skips its deployment
for a cool-down, lets one probe through, closes on success; shared by every client of the process."""

from __future__ import annotations

import threading
from typing import Any, List

import pytest
from claude_emulator import Emulator
from claude_fallback import DEFAULT_BREAKERS, Breakers, Fallback
from fallback_support import (  # noqa: F401
    PARAMS,
    Api,
    Clock,
    api_fixture,
    bedrock,
    breakers_fixture,
    clock_fixture,
    first_fixture,
    isolated_env_fixture,
    second_fixture,
    servers_fixture,
)

import claude_core


def test_the_states_of_one_breaker(clock: Clock) -> None:
    breakers = Breakers(failures=3, window=10, cooldown=5, clock=clock)
    assert breakers.state("a") == "closed" and breakers.allow("a")
    assert not breakers.failure("a")
    clock.advance(11)  # the first failure leaves the window
    assert not breakers.failure("a") and not breakers.failure("a")
    assert breakers.state("a") == "closed"
    assert breakers.failure("a")  # three within 10 s
    assert breakers.state("a") == "open" and not breakers.allow("a")
    assert breakers.state("b") == "closed"  # one breaker per deployment
    clock.advance(5)
    assert breakers.state("a") == "half-open"
    assert breakers.allow("a") and not breakers.allow("a")  # one probe at a time
    breakers.failure("a")  # the probe failed: another cool-down
    assert breakers.state("a") == "open"
    clock.advance(5)
    assert breakers.allow("a")
    clock.advance(5)
    assert breakers.allow("a")  # a probe that never reported frees its place after a cool-down
    assert breakers.success("a") and breakers.state("a") == "closed" and breakers.allow("a")


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match=r"failures=\.\.\.\) must be an int of at least 1"):
        Breakers(failures=0)
    with pytest.raises(ValueError, match=r"cooldown=\.\.\.\) must be a number of seconds"):
        Breakers(cooldown=-1)


def test_failures_from_many_threads_are_all_counted(clock: Clock) -> None:
    breakers = Breakers(failures=400, window=60, cooldown=5, clock=clock)
    opened: List[bool] = []

    def fail() -> None:
        for _ in range(50):
            opened.append(breakers.failure("a"))

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened.count(True) == 1 and breakers.state("a") == "open"


def test_the_breaker_opens_skips_half_opens_and_closes(
    api: Api, second: Emulator, breakers: Breakers, clock: Clock
) -> None:
    fallback = Fallback(["anthropic", bedrock(second)], breakers=breakers)
    client = api.make(fallback)
    create: Any = lambda c: c.messages.create(**PARAMS)  # noqa: E731
    for _ in range(2):  # two failovers within the window: A's breaker opens
        api.server.enqueue(status=529)
        assert api(create, client)._provider.name == "bedrock"
    assert breakers.state("anthropic") == "open"
    assert len(api.server.requests) == 2 and len(second.requests) == 2

    message = api(create, client)  # skipped: the call starts at Bedrock, A sees nothing
    assert message._provider.name == "bedrock" and len(api.server.requests) == 2

    other = api.make(fallback)  # every client of the process shares the breaker
    assert api(create, other)._provider.name == "bedrock" and len(api.server.requests) == 2

    clock.advance(5)  # the cool-down is over: one request probes A
    assert breakers.state("anthropic") == "half-open"
    api.server.enqueue(status=529)
    assert api(create, client)._provider.name == "bedrock"  # the probe failed: open again
    assert len(api.server.requests) == 3 and breakers.state("anthropic") == "open"

    clock.advance(5)
    message = api(create, client)  # this probe succeeds: closed
    assert message._provider is client._pipeline.provider and len(api.server.requests) == 4
    assert breakers.state("anthropic") == "closed"
    assert api(create, client)._provider is client._pipeline.provider


def test_when_every_deployment_is_open_the_first_is_tried(
    api: Api, second: Emulator, breakers: Breakers, clock: Clock
) -> None:
    fallback = Fallback(["anthropic", bedrock(second)], breakers=breakers)
    for name in ("anthropic", "bedrock:us-east-1"):
        breakers.failure(name)
        breakers.failure(name)
    client = api.make(fallback)
    api.server.enqueue(status=529)
    with pytest.raises(claude_core.OverloadedError):  # and no failover to an open deployment
        api(lambda c: c.messages.create(**PARAMS), client)
    assert len(api.server.requests) == 1 and second.requests == []


def test_a_chain_without_breakers_shares_the_process_wide_ones(second: Emulator) -> None:
    assert Fallback(["anthropic"]).breakers is DEFAULT_BREAKERS
    assert Fallback(["anthropic", bedrock(second)], breakers=Breakers()).breakers is not DEFAULT_BREAKERS


def test_concurrent_calls_share_the_breakers(first: Emulator, second: Emulator, breakers: Breakers) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    fallback = Fallback(["anthropic", bedrock(second)], breakers=breakers)
    for _ in range(4):
        first.enqueue(status=529)
    sync_client = claude_core.Anthropic(
        api_key=first.api_key, base_url=first.base_url, max_retries=0, plugins=[fallback]
    )
    with ThreadPoolExecutor(4) as pool:
        names = list(pool.map(lambda _: sync_client.messages.create(**PARAMS)._provider.name, range(4)))
    assert names == ["bedrock"] * 4 and breakers.state("anthropic") == "open"
    assert 2 <= len(first.requests) <= 4  # calls that started once the breaker had opened went to Bedrock
    first.reset()  # and any 529 left queued

    async def burst() -> List[str]:
        async with claude_core.AsyncAnthropic(
            api_key=first.api_key, base_url=first.base_url, max_retries=0, plugins=[fallback]
        ) as client:
            messages = await asyncio.gather(*[client.messages.create(**PARAMS) for _ in range(6)])
            return [message._provider.name for message in messages]

    assert asyncio.run(burst()) == ["bedrock"] * 6
    assert first.requests == [] and len(second.requests) == 10  # the open breaker kept A out of the burst
    sync_client.close()
