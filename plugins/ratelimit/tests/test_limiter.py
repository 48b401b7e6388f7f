"""The limiter over real HTTP against the emulator's rate limits, sync and async."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Iterator, List, Tuple

import pytest
from claude_emulator import Emulator, RateLimits
from claude_ratelimit import RateLimiter
from ratelimit_support import MODEL, RedisServer, free_port, redis_server  # noqa: F401

import claude_core
from claude_core import hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver
from claude_core.retries import WAIT_TAKEN_OVER

HI = [{"role": "user", "content": "Hi"}]


def client_for(mode: str, emu: Emulator, *plugins: object, **options: Any) -> Any:
    cls = claude_core.AsyncAnthropic if mode == "async" else claude_core.Anthropic
    options.setdefault("max_retries", 0)  # a 429 the limiter let through fails the test
    return cls(api_key=emu.api_key, base_url=emu.base_url, plugins=list(plugins), **options)


class Runner:
    """Runs the sync client's calls as they are, and the async client's on one event loop per test."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.loop = asyncio.new_event_loop() if mode == "async" else None

    def __call__(self, value: Any) -> Any:
        if self.loop is None:
            return value
        return self.loop.run_until_complete(value)

    def burst(self, client: Any, count: int, **params: Any) -> List[Any]:
        """``count`` creates at once: gathered in the async client, from four threads in the sync one."""
        params = {"model": MODEL, "max_tokens": 8, "messages": HI, **params}
        if self.loop is not None:

            async def main() -> List[Any]:
                calls = [client.messages.create(**params) for _ in range(count)]
                return list(await asyncio.gather(*calls, return_exceptions=True))

            return self(main())

        def one(_: int) -> Any:
            try:
                return client.messages.create(**params)
            except Exception as exc:
                return exc

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(one, range(count)))

    def close(self) -> None:
        if self.loop is not None:
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest) -> Iterator[Runner]:
    runner = Runner(request.param)
    yield runner
    runner.close()


def errors(results: List[Any]) -> List[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]


class StoppableClock:
    """Wall-clock time until stopped, then the last time it told."""

    def __init__(self) -> None:
        self.stopped = False
        self.last = time.time()

    def __call__(self) -> float:
        if not self.stopped:
            self.last = time.time()
        return self.last


def test_the_budget_follows_the_headers(run: Runner) -> None:
    limits = RateLimits(requests_per_minute=50, input_tokens_per_minute=10_000, output_tokens_per_minute=5_000)
    clock = StoppableClock()
    with Emulator(rate_limits=limits) as emu:
        limiter = RateLimiter(clock=clock)
        assert limiter.budget().requests.limit is None  # nothing known before the first answer
        client = client_for(run.mode, emu, limiter)
        raw = run(client.messages.with_raw_response.create(model=MODEL, max_tokens=100, messages=HI))
        clock.stopped = True  # at the answer's arrival: the buckets have not refilled since
        budget = limiter.budget()
        headers = raw.headers
        assert budget.requests.limit == int(headers["anthropic-ratelimit-requests-limit"]) == 50
        assert budget.requests.remaining == int(headers["anthropic-ratelimit-requests-remaining"]) == 49
        assert budget.input_tokens.limit == 10_000 and budget.output_tokens.limit == 5_000
        message = raw.parse()  # a legacy raw response parses without awaiting
        assert budget.input_tokens.remaining == 10_000 - message.usage.input_tokens
        assert budget.output_tokens.remaining == 5_000 - message.usage.output_tokens  # not max_tokens: settled
        reset = budget.requests.reset
        assert reset is not None and 0 < reset.timestamp() - time.time() <= 60 / 50 + 0.1


def test_a_burst_waits_for_the_budget_instead_of_drawing_429s(run: Runner) -> None:
    # 20 requests a minute, a minute lasting 3 s: one more request every 0.15 s once 20 are spent
    limits = RateLimits(requests_per_minute=20, time_scale=20)
    with Emulator(rate_limits=limits) as emu:
        unlimited = run.burst(client_for(run.mode, emu), 30)
        assert len(errors(unlimited)) >= 5  # without the limiter: 429s
        assert all(isinstance(error, claude_core.RateLimitError) for error in errors(unlimited))
        emu.reset()
        client = client_for(run.mode, emu, RateLimiter(minute=limits.minute))  # a minute lasting 3 s
        started = time.monotonic()
        results = run.burst(client, 30)
        elapsed = time.monotonic() - started
    assert errors(results) == []
    assert elapsed >= 10 * 0.15 * 0.9  # ten requests beyond the 20 the bucket held, at its refill rate


@pytest.mark.parametrize("where", ["in-process", "redis"])
def test_a_short_streamed_reply_gives_back_the_output_tokens_it_did_not_use(
    run: Runner, where: str, request: pytest.FixtureRequest
) -> None:
    redis_url = request.getfixturevalue("redis_server").url if where == "redis" else None
    # 1000 output tokens a minute in real time: max_tokens=900 is reserved, the reply uses a few
    with Emulator(rate_limits=RateLimits(output_tokens_per_minute=1000)) as emu:
        limiter = RateLimiter(redis_url=redis_url)
        client = client_for(run.mode, emu, limiter)
        started = time.monotonic()
        for _ in range(3):  # without the correction the second would wait (900 - 100) / (1000 / 60) = 48 s
            if run.mode == "async":

                async def read() -> Any:
                    async with client.messages.stream(model=MODEL, max_tokens=900, messages=HI) as stream:
                        return await stream.get_final_message()

                message = run(read())
            else:
                with client.messages.stream(model=MODEL, max_tokens=900, messages=HI) as stream:
                    message = stream.get_final_message()
            assert message.usage.output_tokens < 20
        assert time.monotonic() - started < 5
        if run.mode == "async":
            run(asyncio.sleep(0.05))  # the async client corrects a Redis budget in a task of its loop
        output = limiter.budget().output_tokens
        assert output.remaining is not None and 1000 - 3 * 20 <= output.remaining <= 1000


def test_without_headers_the_configured_limits_are_charged_and_corrected_to_the_usage(run: Runner) -> None:
    with Emulator() as emu:  # no rate limits, no headers: the limiter counts by itself
        limiter = RateLimiter(requests_per_minute=10, output_tokens_per_minute=1000)
        client = client_for(run.mode, emu, limiter)
        message = run(client.messages.create(model=MODEL, max_tokens=900, messages=HI))
        budget = limiter.budget()
        assert budget.requests.remaining == 9
        assert budget.output_tokens.remaining == 1000 - message.usage.output_tokens  # 900 given back, less what it used
        assert budget.input_tokens.limit is None


class AttemptLog:
    """Records every attempt of every call of the clients it is given to."""

    def __init__(self) -> None:
        self.records: List[AttemptRecord] = []

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> CallObserver:
        log = self

        class Recorder(CallObserver):
            def attempt(self, record: AttemptRecord) -> None:
                log.records.append(record)

        return Recorder()


def test_a_429_that_still_happens_is_waited_once(run: Runner) -> None:
    # 10 requests a minute, a minute lasting 10 s: a request refills every second
    limits = RateLimits(requests_per_minute=10, time_scale=6)
    with Emulator(rate_limits=limits) as emu:
        limiter = RateLimiter(minute=limits.minute)
        log = AttemptLog()
        client = client_for(run.mode, emu, limiter, log, max_retries=2)
        run(client.messages.create(model=MODEL, max_tokens=8, messages=HI))
        assert limiter.budget().requests.remaining == 9
        other = client_for("sync", emu)  # another program with the same key, unknown to the limiter
        for _ in range(9):
            other.messages.create(model=MODEL, max_tokens=8, messages=HI)
        started = time.monotonic()
        run(client.messages.create(model=MODEL, max_tokens=8, messages=HI))  # 429, then a retry
        elapsed = time.monotonic() - started
    _, refused, retried = log.records
    assert refused.response is not None and refused.response.status_code == 429
    asked = int(refused.response.headers["retry-after-ms"]) / 1000  # the server's own wait, left as it sent it
    assert refused.response.extensions[WAIT_TAKEN_OVER] is True  # the limiter holds the retry back ...
    assert refused.decision is not None and refused.decision.delay == 0.0  # ... so the policy does not wait again
    assert retried.response is not None and retried.response.status_code == 200
    assert 0.3 < asked <= 1.0
    assert asked * 0.9 <= elapsed < asked + 0.45  # once: twice would be 2 * asked


def test_other_endpoints_pass_through_without_waiting(run: Runner) -> None:
    with Emulator(rate_limits=RateLimits(requests_per_minute=2)) as emu:
        limiter = RateLimiter()
        client = client_for(run.mode, emu, limiter)
        for _ in range(2):
            run(client.messages.create(model=MODEL, max_tokens=8, messages=HI))
        assert limiter.budget().requests.remaining == 0  # the next create would wait 30 s
        started = time.monotonic()
        for _ in range(3):
            run(client.messages.count_tokens(model=MODEL, messages=HI))
            run(client.models.retrieve(MODEL))
        assert time.monotonic() - started < 2
        assert limiter.budget().requests.remaining == 0


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the emulator"
        time.sleep(0.005)


@contextlib.contextmanager
def in_background(run: Runner) -> Iterator[Callable[[Callable[[], Any]], "Future[Any]"]]:
    """Starts calls while the test goes on: the sync client's in threads, the async client's on its
    loop, run by a thread of its own meanwhile."""
    if run.loop is None:
        with ThreadPoolExecutor(4) as pool:
            yield pool.submit
        return
    loop = run.loop
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield lambda call: asyncio.run_coroutine_threadsafe(call(), loop)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def test_count_tokens_reserves_the_exact_input_tokens(run: Runner) -> None:
    # The API counts 700 input tokens where the body's size (about 90 bytes) suggests 26: by the
    # estimate two requests fit the 1000 a minute at once, by the count only one at a time.
    limits = RateLimits(input_tokens_per_minute=1000, time_scale=60)  # a minute lasting 1 s
    with Emulator(rate_limits=limits) as emu:
        limiter = RateLimiter(count_tokens=True, input_tokens_per_minute=1000, minute=limits.minute)
        client = client_for(run.mode, emu, limiter)
        emu.enqueue(status=200, json={"input_tokens": 700})  # the first request's count
        emu.enqueue(delay=2.0)  # the first request itself, answered 2 s later
        emu.enqueue(status=200, json={"input_tokens": 700})  # the second request's count
        with in_background(run) as start:
            first = start(lambda: client.messages.create(model=MODEL, max_tokens=8, messages=HI))
            wait_until(lambda: len(emu.requests) >= 2)  # its count, then the request: under way
            assert limiter.budget().input_tokens.remaining == 1000 - 700  # the count is reserved
            second = start(lambda: client.messages.create(model=MODEL, max_tokens=8, messages=HI))
            wait_until(lambda: len(emu.requests) >= 3)  # its count
            time.sleep(0.4)
            assert not first.done() and len(emu.requests) == 3  # 700 + 700 > 1000: it waits for the first
            results = [first.result(timeout=15), second.result(timeout=15)]
        assert [message.type for message in results] == ["message", "message"]
        paths = [request.path for request in emu.requests]
        assert paths == ["/v1/messages/count_tokens", "/v1/messages"] * 2
        assert emu.requests[0].headers["x-api-key"] == emu.api_key


def test_an_async_wait_for_the_budget_leaves_the_loop_running() -> None:
    # 2 requests a minute, a minute lasting 3 s: the third request waits about 1.5 s for its turn
    limits = RateLimits(requests_per_minute=2, time_scale=20)
    with Emulator(rate_limits=limits) as emu:
        client = client_for("async", emu, RateLimiter(minute=limits.minute))
        ticks: List[float] = []

        async def ticker(stop: asyncio.Event) -> None:
            while not stop.is_set():
                ticks.append(time.monotonic())
                await asyncio.sleep(0.01)

        async def main() -> Tuple[float, float]:
            for _ in range(2):
                await client.messages.create(model=MODEL, max_tokens=8, messages=HI)
            stop = asyncio.Event()
            task = asyncio.ensure_future(ticker(stop))
            started = time.monotonic()
            await client.messages.create(model=MODEL, max_tokens=8, messages=HI)
            ended = time.monotonic()
            stop.set()
            await task
            await client.close()
            return started, ended

        loop = asyncio.new_event_loop()
        try:
            started, ended = loop.run_until_complete(main())
        finally:
            loop.close()
    waited = ended - started
    assert waited >= 0.9  # it did wait for the budget
    moments = [started, *[tick for tick in ticks if started < tick < ended], ended]
    longest = max(later - earlier for earlier, later in zip(moments, moments[1:]))
    assert longest < waited / 4, f"the loop stood still {longest:.3f} s of the {waited:.3f} s wait"
    assert len(moments) >= 20


def test_redis_unreachable_is_one_warning_and_limits_in_process(run: Runner, caplog: pytest.LogCaptureFixture) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with Emulator(rate_limits=RateLimits(requests_per_minute=20, time_scale=20)) as emu:
        limiter = RateLimiter(redis_url=nowhere, redis_timeout=0.2, redis_retry=60.0, minute=3.0)  # not retried here
        client = client_for(run.mode, emu, limiter)
        with caplog.at_level(logging.WARNING, logger="claude_core.ratelimit"):
            results = run.burst(client, 30)
        assert errors(results) == []
        assert limiter.budget().requests.limit == 20  # the in-process budget
    warnings = [record for record in caplog.records if record.name == "claude_core.ratelimit"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert nowhere.rsplit("/", 1)[0] in warnings[0].getMessage() and "in this process" in warnings[0].getMessage()


def test_the_budget_is_rebuilt_after_redis_restarts(run: Runner, redis_server: RedisServer) -> None:
    import redis

    with Emulator(rate_limits=RateLimits(requests_per_minute=20, time_scale=60)) as emu:
        limiter = RateLimiter(redis_url=redis_server.url, redis_retry=0.2, minute=1.0)
        client = client_for(run.mode, emu, limiter)
        assert errors(run.burst(client, 25)) == []
        keys = redis.Redis.from_url(redis_server.url).keys("claude_ratelimit:*")
        assert len(keys) == 1 and emu.api_key.encode() not in keys[0]  # a hash of the key, never the key
        redis_server.restart()  # nothing saved: the budget is gone
        assert redis.Redis.from_url(redis_server.url).keys("*") == []
        assert errors(run.burst(client, 25)) == []
        budget = limiter.budget()
        assert budget.requests.limit == 20 and budget.requests.remaining is not None
        assert redis.Redis.from_url(redis_server.url).keys("claude_ratelimit:*") == keys  # rebuilt in Redis


def test_bad_settings_name_the_parameter() -> None:
    with pytest.raises(ValueError, match="redis_url"):
        RateLimiter(redis_url="localhost:6379")
    with pytest.raises(ValueError, match="requests_per_minute"):
        RateLimiter(requests_per_minute=0)
    with pytest.raises(ValueError, match="chars_per_token"):
        RateLimiter(chars_per_token=-1)
    assert "secret" not in repr(RateLimiter(redis_url="redis://:secret@localhost:6379/0"))
