"""The budget's rules on a fake clock, in process and in Redis (the Lua twin): the same cases, the same answers."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Iterator, Optional, Tuple

import httpx
import pytest
from claude_ratelimit._local import LocalStore
from claude_ratelimit._model import HORIZON, PROBE_WAIT, budget_of, read_headers, retry_after
from claude_ratelimit._redis import RedisStore
from ratelimit_support import FakeClock, RedisServer, redis_server  # noqa: F401

KEY = "budget"
NOTHING = (0.0, 0.0, 0.0)
NO_PRESET: Tuple[Optional[float], ...] = (None, None, None)


@pytest.fixture(params=["in-process", "redis"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "in-process":
        yield LocalStore()
        return
    server: RedisServer = request.getfixturevalue("redis_server")
    redis_store = RedisStore(server.url, prefix=f"test:{uuid.uuid4().hex}:", ttl=600, timeout=2)
    yield redis_store
    redis_store.close()


def limits(
    now: float, requests: Tuple[float, float, float], *, tokens: Optional[Tuple[float, float, float]] = None
) -> Any:
    """Header limits as read_headers returns them: (limit, remaining, seconds until reset) made absolute."""
    req = (requests[0], requests[1], now + requests[2])
    tok = None if tokens is None else (tokens[0], tokens[1], now + tokens[2])
    return (req, tok, tok)


def test_the_first_request_goes_alone_until_headers_tell_the_limits(store: Any) -> None:
    clock = FakeClock()
    assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (True, 0.0)
    assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (False, PROBE_WAIT)
    # its answer: 100 requests per minute, 99 left, full again in 0.6 s
    store.update(KEY, clock(), (1, 10, 5), limits(clock(), (100, 99, 0.6)), NOTHING, 0.0, 6.0)
    budget = budget_of(store.state(KEY), clock())
    assert budget.requests.limit == 100 and budget.requests.remaining == 99
    assert budget.input_tokens.limit is None
    for _ in range(99):
        assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (True, 0.0)
    assert budget_of(store.state(KEY), clock()).requests.remaining == 0


def test_an_empty_bucket_gives_turns_in_order_as_it_refills(store: Any) -> None:
    clock = FakeClock()
    store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0)
    # 100 per 6 s (a minute, time-compressed ten times): 30 used, full again in 1.8 s
    store.update(KEY, clock(), (1, 0, 0), limits(clock(), (100, 70, 1.8)), NOTHING, 0.0, 6.0)
    state = store.state(KEY)
    assert state["requests:rate"] == pytest.approx(100 / 6)
    for _ in range(70):
        assert store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0) == (True, 0.0)
    waits = [store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0) for _ in range(3)]
    assert [granted for granted, _ in waits] == [True, True, True]
    assert [wait for _, wait in waits] == pytest.approx([0.06, 0.12, 0.18])  # one refill each, in turn
    # no turns beyond the horizon: ask again once it is near
    while True:
        granted, wait = store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0)
        if not granted:
            break
        assert wait <= HORIZON
    assert 0 < wait <= 0.06  # the first turn beyond the horizon is less than one refill beyond it


def test_an_older_header_does_not_undo_a_newer_one(store: Any) -> None:
    clock = FakeClock()
    store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0)
    store.update(KEY, clock(), (1, 0, 0), limits(clock(), (100, 50, 3)), NOTHING, 0.0, 6.0)
    store.update(KEY, clock(), NOTHING, limits(clock(), (100, 60, 2.4)), NOTHING, 0.0, 6.0)  # answered before: older
    assert budget_of(store.state(KEY), clock()).requests.remaining == 50
    clock.advance(0.6)  # 10 refilled (100 per 6 s), and the server saw 20 more requests
    store.update(KEY, clock(), NOTHING, limits(clock(), (100, 40, 3.6)), NOTHING, 0.0, 6.0)
    assert budget_of(store.state(KEY), clock()).requests.remaining == 40


def test_requests_under_way_count_until_their_own_answer_arrives(store: Any) -> None:
    clock = FakeClock()
    store.reserve(KEY, clock(), (1, 100, 50), NO_PRESET, 6.0)
    store.update(KEY, clock(), (1, 100, 50), limits(clock(), (100, 99, 0.6), tokens=(1000, 900, 6)), NOTHING, 0.0, 6.0)
    for _ in range(3):
        store.reserve(KEY, clock(), (1, 100, 50), NO_PRESET, 6.0)
    budget = budget_of(store.state(KEY), clock())
    assert (budget.requests.remaining, budget.input_tokens.remaining) == (96, 600)
    # one answer: the server counted it (98 left) and its reservation is given back
    store.update(KEY, clock(), (1, 100, 50), limits(clock(), (100, 98, 1.2), tokens=(1000, 800, 12)), NOTHING, 0.0, 6.0)
    budget = budget_of(store.state(KEY), clock())
    assert (budget.requests.remaining, budget.input_tokens.remaining) == (96, 600)


def test_preset_limits_without_headers_charge_the_estimate_and_the_usage_corrects_it(store: Any) -> None:
    clock = FakeClock()
    preset = (60.0, 6000.0, 600.0)
    assert store.reserve(KEY, clock(), (1, 500, 400), preset, 6.0) == (True, 0.0)
    store.update(KEY, clock(), (1, 500, 400), (None, None, None), (1, 500, 400), 0.0, 6.0)
    budget = budget_of(store.state(KEY), clock())
    assert (budget.requests.remaining, budget.input_tokens.remaining, budget.output_tokens.remaining) == (59, 5500, 200)
    store.adjust(KEY, clock(), (0, 100, 390))  # it used 400 input tokens and 10 output tokens
    budget = budget_of(store.state(KEY), clock())
    assert (budget.input_tokens.remaining, budget.output_tokens.remaining) == (5600, 590)
    assert store.reserve(KEY, clock(), (1, 500, 400), preset, 6.0) == (True, 0.0)  # 590 left: 400 fit
    # 400 under way and 400 more do not fit in the bucket (600): ask again once 200 were answered
    # (2 s of refill), or by the horizon, when an answer may have corrected what it holds
    assert store.reserve(KEY, clock(), (1, 500, 400), preset, 6.0) == (False, pytest.approx(HORIZON))
    clock.advance(1.2)  # full again, but still 400 under way
    assert store.reserve(KEY, clock(), (1, 500, 400), preset, 6.0)[0] is False
    store.update(KEY, clock(), (1, 500, 400), (None, None, None), (1, 500, 10), 0.0, 6.0)
    assert store.reserve(KEY, clock(), (1, 500, 400), preset, 6.0) == (True, 0.0)


def test_a_429_closes_the_budget_until_its_retry_after(store: Any) -> None:
    clock = FakeClock()
    store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0)
    store.update(KEY, clock(), (1, 0, 0), limits(clock(), (100, 80, 12)), NOTHING, clock() + 2.5, 6.0)
    assert store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0) == (False, pytest.approx(2.5))
    clock.advance(2.5)
    assert store.reserve(KEY, clock(), (1, 0, 0), NO_PRESET, 6.0) == (True, 0.0)


def test_a_request_larger_than_the_limit_waits_for_a_full_bucket(store: Any) -> None:
    clock = FakeClock()
    preset = (None, 1000.0, None)
    assert store.reserve(KEY, clock(), (1, 5000, 0), preset, 6.0) == (True, 0.0)
    clock.advance(0.1)
    assert store.reserve(KEY, clock(), (1, 5000, 0), preset, 6.0)[0] is False  # the first holds the whole bucket


def test_headers_are_read_as_the_api_writes_them() -> None:
    headers = httpx.Headers(
        {
            "anthropic-ratelimit-requests-limit": "50",
            "anthropic-ratelimit-requests-remaining": "49",
            "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:01Z",
            "anthropic-ratelimit-tokens-limit": "8000",
            "anthropic-ratelimit-tokens-remaining": "7000",
            "anthropic-ratelimit-tokens-reset": "2026-01-01T00:00:07.5+00:00",
            "retry-after": "3",
        }
    )
    epoch = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc).timestamp()
    requests, input_tokens, output_tokens = read_headers(headers)
    assert requests == (50, 49, epoch + 1)
    assert input_tokens == output_tokens == (8000, 7000, epoch + 7.5)  # -tokens-* stands in for both
    headers["anthropic-ratelimit-input-tokens-limit"] = "4000"
    headers["anthropic-ratelimit-input-tokens-remaining"] = "3999"
    headers["anthropic-ratelimit-input-tokens-reset"] = "2026-01-01T00:00:00.123456Z"
    assert read_headers(headers)[1:] == ((4000, 3999, pytest.approx(epoch + 0.123456)), None)
    assert retry_after(headers) == 3.0
    headers["retry-after-ms"] = "1500"
    assert retry_after(headers) == 1.5
    assert retry_after(httpx.Headers({"retry-after": "soon"})) is None
    assert read_headers(httpx.Headers({"anthropic-ratelimit-requests-limit": "5"})) == (None, None, None)


def test_a_request_blocked_by_answers_under_way_looks_again_by_the_horizon(store: Any) -> None:
    # 1000 input tokens a minute (a real one); one request holds 700, another asks for 700: it
    # waits for the first's answer, which may correct the 700 down at any moment, not for the
    # 24 s the bucket would take to refill the 400 over the limit
    clock = FakeClock()
    preset = (None, 1000.0, None)
    assert store.reserve(KEY, clock(), (1, 700, 0), preset, 60.0) == (True, 0.0)
    granted, wait = store.reserve(KEY, clock(), (1, 700, 0), preset, 60.0)
    assert granted is False and wait == pytest.approx(HORIZON)
    store.update(KEY, clock(), (1, 700, 0), (None, None, None), (1, 12, 0), 0.0, 60.0)  # it used 12
    clock.advance(wait)
    assert store.reserve(KEY, clock(), (1, 700, 0), preset, 60.0) == (True, 0.0)


def test_turns_are_given_only_while_what_is_reserved_fits_in_a_full_bucket(store: Any) -> None:
    # A full bucket stops refilling: requests still on their way to the server when it filled
    # up would find less than a turn counted on, so no more than the limit is ever reserved.
    clock = FakeClock()
    preset = (10.0, None, None)  # 10 requests per 6 s: one every 0.6 s
    for _ in range(10):
        assert store.reserve(KEY, clock(), (1, 0, 0), preset, 6.0) == (True, 0.0)
    assert store.reserve(KEY, clock(), (1, 0, 0), preset, 6.0) == (False, pytest.approx(0.6))
    clock.advance(5.0)  # refilled, but the ten are still under way
    assert store.reserve(KEY, clock(), (1, 0, 0), preset, 6.0)[0] is False
    store.update(KEY, clock(), (1, 0, 0), (None, None, None), (1, 0, 0), 0.0, 6.0)  # one answered
    assert store.reserve(KEY, clock(), (1, 0, 0), preset, 6.0) == (True, pytest.approx(0.6))  # 9 left, 9 under way


def test_answers_without_any_limits_let_requests_go_without_waiting_for_each_other(store: Any) -> None:
    clock = FakeClock()
    assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (True, 0.0)
    store.update(KEY, clock(), (1, 10, 5), (None, None, None), (1, 10, 5), 0.0, 6.0)  # a gateway that drops them
    for _ in range(3):
        assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (True, 0.0)
    store.update(KEY, clock(), (1, 10, 5), limits(clock(), (3, 0, 6)), NOTHING, 0.0, 6.0)  # then limits appear
    assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0)[0] is False


def test_a_request_that_got_no_answer_does_not_open_the_budget(store: Any) -> None:
    clock = FakeClock()
    store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0)
    store.update(KEY, clock(), (1, 10, 5), (None, None, None), NOTHING, 0.0, 6.0)  # a connection error
    assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (True, 0.0)
    assert store.reserve(KEY, clock(), (1, 10, 5), NO_PRESET, 6.0) == (False, PROBE_WAIT)
