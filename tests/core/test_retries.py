"""Retries: which failures are retried, how often, and how long the SDK waits.

The tests against the emulator run sync, async over httpx's transport and async over aiohttp's
(claude-aiohttp): a status, a dropped connection, a timeout or a refused connection is retried
or raised the same whichever transport carries it."""

from __future__ import annotations

import time
from typing import Dict, Iterator

import pytest

import claude_core
from claude_core.retries import WAIT_TAKEN_OVER, Attempt, DefaultRetryPolicy
from tests.conftest import MODEL, USER, Api

OVERLOADED = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}


@pytest.fixture
def api(api_over_transports: Api) -> Iterator[Api]:
    """The conftest's ``api``, plus async clients over aiohttp (as tests/streaming and tests/faults opt in)."""
    yield api_over_transports


def create(api: Api, client: object = None) -> object:
    return api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 503, 529])
def test_retryable_statuses_are_retried_then_succeed(api: Api, status: int) -> None:
    api.emulator.enqueue(status=status, json=OVERLOADED, headers={"retry-after-ms": "1"})
    api.emulator.enqueue(status=status, json=OVERLOADED, headers={"retry-after-ms": "1"})
    message = create(api)
    assert message.content  # type: ignore[attr-defined]
    assert len(api.emulator.requests) == 3


def test_gives_up_after_max_retries(api: Api) -> None:
    for _ in range(4):
        api.emulator.enqueue(status=529, json=OVERLOADED, headers={"retry-after-ms": "1"})
    with pytest.raises(claude_core.OverloadedError):
        create(api, api.make(max_retries=3))
    assert len(api.emulator.requests) == 4


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413, 422])
def test_client_errors_are_not_retried(api: Api, status: int) -> None:
    api.emulator.enqueue(status=status, json={"type": "error", "error": {"type": "x", "message": "no"}})
    with pytest.raises(claude_core.APIStatusError):
        create(api)
    assert len(api.emulator.requests) == 1


def test_x_should_retry_overrides_the_status(api: Api) -> None:
    api.emulator.enqueue(status=400, json=OVERLOADED, headers={"x-should-retry": "true", "retry-after-ms": "1"})
    assert create(api)
    assert len(api.emulator.requests) == 2
    api.emulator.reset()
    api.emulator.enqueue(status=529, json=OVERLOADED, headers={"x-should-retry": "false"})
    with pytest.raises(claude_core.OverloadedError):
        create(api)
    assert len(api.emulator.requests) == 1


def test_retry_after_seconds_is_honoured(api: Api) -> None:
    api.emulator.enqueue(status=429, json=OVERLOADED, headers={"retry-after": "0.3"})
    start = time.monotonic()
    create(api)
    assert 0.25 <= time.monotonic() - start < 2.0


def test_retry_after_ms_wins_over_retry_after(api: Api) -> None:
    api.emulator.enqueue(status=429, json=OVERLOADED, headers={"retry-after-ms": "50", "retry-after": "30"})
    start = time.monotonic()
    create(api)
    assert time.monotonic() - start < 2.0


def test_max_retries_zero_and_with_options(api: Api) -> None:
    api.emulator.enqueue(status=500, json=OVERLOADED)
    with pytest.raises(claude_core.InternalServerError):
        create(api, api.client.with_options(max_retries=0))
    assert len(api.emulator.requests) == 1


def test_dropped_connection_is_retried_then_raises_connection_error(api: Api) -> None:
    api.emulator.enqueue(drop=True)
    assert create(api)
    assert len(api.emulator.requests) == 2
    api.emulator.reset()
    for _ in range(2):
        api.emulator.enqueue(drop=True)
    with pytest.raises(claude_core.APIConnectionError) as caught:
        create(api, api.make(max_retries=1))
    assert not isinstance(caught.value, claude_core.APITimeoutError)
    assert len(api.emulator.requests) == 2


def test_timeout_raises_api_timeout_error(api: Api) -> None:
    api.emulator.enqueue(delay=1.0, status=200, json={})
    client = api.make(max_retries=0, timeout=0.2)
    start = time.monotonic()
    with pytest.raises(claude_core.APITimeoutError):
        create(api, client)
    assert time.monotonic() - start < 0.9


def test_per_call_timeout_overrides_the_client(api: Api) -> None:
    api.emulator.enqueue(delay=1.0, status=200, json={})
    with pytest.raises(claude_core.APITimeoutError):
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER, timeout=0.2), api.make(max_retries=0))


def test_connection_refused_is_connection_error(api: Api) -> None:
    client = api.make(base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(claude_core.APIConnectionError):
        create(api, client)


def _attempt(status: int, headers: Dict[str, str], retries_taken: int = 0):  # type: ignore[no-untyped-def]
    import httpx

    request = httpx.Request("POST", "https://example.invalid/v1/messages")
    return Attempt(request, retries_taken, 2, response=httpx.Response(status, headers=headers, request=request))


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "7"}, 7.0),
        ({"retry-after-ms": "120000", "retry-after": "2"}, None),  # out of range: backoff, retry-after ignored
        ({"retry-after": "61"}, None),
        ({"retry-after": "0"}, None),
    ],
)
def test_default_policy_server_delays(headers: Dict[str, str], expected: object) -> None:
    decision = DefaultRetryPolicy().decide(_attempt(429, headers))
    assert decision.retry
    if expected is None:
        assert 0.375 <= decision.delay <= 0.5
    else:
        assert decision.delay == expected


def test_default_policy_http_date_and_backoff_growth() -> None:
    from email.utils import formatdate

    decision = DefaultRetryPolicy().decide(_attempt(503, {"retry-after": formatdate(time.time() + 10, usegmt=True)}))
    assert 8 <= decision.delay <= 10.5
    delays = [DefaultRetryPolicy().backoff(n) for n in range(6)]
    assert all(0.75 * min(0.5 * 2**n, 8) <= d <= min(0.5 * 2**n, 8) for n, d in enumerate(delays))
    assert not DefaultRetryPolicy().decide(_attempt(503, {}, retries_taken=2)).retry


def test_a_wait_the_transport_took_over_is_not_waited_again() -> None:
    attempt = _attempt(429, {"retry-after": "7"})
    assert attempt.response is not None
    attempt.response.extensions[WAIT_TAKEN_OVER] = True
    decision = DefaultRetryPolicy().decide(attempt)
    assert decision.retry and decision.delay == 0.0
    assert attempt.response.headers["retry-after"] == "7"  # the server's, as it sent it
    spent = _attempt(429, {"retry-after": "7"}, retries_taken=2)  # the retries still count
    assert spent.response is not None
    spent.response.extensions[WAIT_TAKEN_OVER] = True
    assert not DefaultRetryPolicy().decide(spent).retry
