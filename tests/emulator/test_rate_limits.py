"""Rate limits like the API's, over real HTTP: per-key token buckets, ``anthropic-ratelimit-*`` headers and 429s."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime
import subprocess
import threading
import time
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp, EmulatorTransport, RateLimits
from claude_emulator.cli import main as cli_main

import claude_core

from ..conftest import Api
from .conftest import HEADERS, MODEL, message_body
from .test_cli import BANNER, ENV, _command

#: A time scale so small that nothing refills while a test runs: header values are exact.
FROZEN = 1e-6
KINDS = ("requests", "input-tokens", "output-tokens", "tokens")
USER = [{"role": "user", "content": "Hi"}]
BEDROCK_INVOKE = "/model/anthropic.claude-sonnet-4-5-20250929-v1:0/invoke"


@contextlib.contextmanager
def serving(**limits: Any) -> Iterator[Emulator]:
    with Emulator(rate_limits=RateLimits(**limits)) as emu:
        yield emu


def http(emu: Emulator, key: str = "sk-ant-one") -> httpx.Client:
    return httpx.Client(base_url=emu.base_url, headers={**HEADERS, "x-api-key": key})


def ratelimit(response: httpx.Response, kind: str, field: str) -> int:
    return int(response.headers[f"anthropic-ratelimit-{kind}-{field}"])


def reset_at(response: httpx.Response, kind: str) -> datetime.datetime:
    value = response.headers[f"anthropic-ratelimit-{kind}-reset"]
    assert value.endswith("Z")
    return datetime.datetime.fromisoformat(value[:-1]).replace(tzinfo=datetime.timezone.utc)


@pytest.fixture(params=["sync", "async"])
def limited_api(request: pytest.FixtureRequest) -> Iterator[Api]:
    """A sync or async claude_core client of an emulator limited to 2 requests a (frozen) minute."""
    with serving(requests_per_minute=2, time_scale=FROZEN) as emu:
        driver = Api(request.param, emu)
        yield driver
        driver.close()


# -- headers ----------------------------------------------------------------------------


def test_every_answer_carries_the_headers_and_they_decrease() -> None:
    limits = {"requests_per_minute": 5, "input_tokens_per_minute": 10_000, "output_tokens_per_minute": 2_000}
    with serving(**limits, time_scale=FROZEN) as emu, http(emu) as client:
        before = datetime.datetime.now(datetime.timezone.utc)
        first = client.post("/v1/messages", json=message_body("one two three"))
        second = client.post("/v1/messages", json=message_body("four"))
    assert first.status_code == second.status_code == 200
    used_in = [reply.json()["usage"]["input_tokens"] for reply in (first, second)]
    used_out = [reply.json()["usage"]["output_tokens"] for reply in (first, second)]
    for kind, limit in (("requests", 5), ("input-tokens", 10_000), ("output-tokens", 2_000), ("tokens", 2_000)):
        assert ratelimit(first, kind, "limit") == ratelimit(second, kind, "limit") == limit
    assert [ratelimit(reply, "requests", "remaining") for reply in (first, second)] == [4, 3]
    assert ratelimit(first, "input-tokens", "remaining") == 10_000 - used_in[0]
    assert ratelimit(second, "input-tokens", "remaining") == 10_000 - sum(used_in)
    assert ratelimit(second, "output-tokens", "remaining") == 2_000 - sum(used_out)
    # the most restrictive token limit: here the output tokens, with fewer left
    assert ratelimit(second, "tokens", "remaining") == ratelimit(second, "output-tokens", "remaining")
    # reset: when the bucket is full again, far away with a minute this long; later as more is used
    assert reset_at(first, "requests") > before + datetime.timedelta(days=1)
    assert reset_at(second, "requests") > reset_at(first, "requests")
    assert "retry-after" not in second.headers


def test_only_the_configured_limits_have_headers() -> None:
    with serving(input_tokens_per_minute=500) as emu, http(emu) as client:
        reply = client.post("/v1/messages", json=message_body())
    names = {name for name in reply.headers if name.startswith("anthropic-ratelimit-")}
    assert names == {
        f"anthropic-ratelimit-{kind}-{field}"
        for kind in ("input-tokens", "tokens")
        for field in ("limit", "remaining", "reset")
    }
    assert ratelimit(reply, "tokens", "remaining") == ratelimit(reply, "input-tokens", "remaining")


def test_without_rate_limits_nothing_changes(emu: Emulator) -> None:
    assert emu.app.rate_limits is None
    with http(emu) as client:
        for _ in range(3):
            reply = client.post("/v1/messages", json=message_body())
            assert reply.status_code == 200
            assert not [name for name in reply.headers if name.startswith("anthropic-ratelimit-")]


def test_other_endpoints_are_not_limited() -> None:
    count = {"model": MODEL, "messages": USER}
    with serving(requests_per_minute=1, time_scale=FROZEN) as emu, http(emu) as client:
        for _ in range(3):
            counted = client.post("/v1/messages/count_tokens", json=count)
            assert counted.status_code == 200 and "anthropic-ratelimit-requests-limit" not in counted.headers
            assert client.get("/v1/models").status_code == 200
            completion = {"model": MODEL, "max_tokens_to_sample": 5, "prompt": "\n\nHuman: Hi\n\nAssistant:"}
            assert client.post("/v1/complete", json=completion).status_code == 200
        assert client.post("/v1/messages", json=message_body()).status_code == 200
        assert client.post("/v1/messages", json=message_body()).status_code == 429


# -- 429 --------------------------------------------------------------------------------


def test_a_request_over_the_limit_is_a_429_that_takes_nothing() -> None:
    with serving(requests_per_minute=2, input_tokens_per_minute=1_000, time_scale=0.01) as emu, http(emu) as client:
        client.post("/v1/messages", json=message_body())
        last = client.post("/v1/messages", json=message_body())
        refused = client.post("/v1/messages", json=message_body())
        again = client.post("/v1/messages", json=message_body())
    assert last.status_code == 200 and refused.status_code == again.status_code == 429
    body = refused.json()
    assert body["type"] == "error" and body["error"]["type"] == "rate_limit_error"
    assert "2 requests per minute" in body["error"]["message"]
    assert body["request_id"] == refused.headers["request-id"]
    # a minute lasts 6000 s: one request comes back in 3000 s
    assert 2990 <= float(refused.headers["retry-after-ms"]) / 1000 <= 3000
    assert int(refused.headers["retry-after"]) == 3000
    assert ratelimit(refused, "requests", "remaining") == 0
    # the refused requests took no input tokens
    assert ratelimit(again, "input-tokens", "remaining") == ratelimit(last, "input-tokens", "remaining")


def test_the_client_raises_rate_limit_error_without_retries(limited_api: Api) -> None:
    client = limited_api.make(max_retries=0)
    ask = dict(model=MODEL, max_tokens=20, messages=[{"role": "user", "content": "Hi"}])
    for _ in range(2):
        limited_api(lambda c: c.messages.create(**ask), client)
    with pytest.raises(claude_core.RateLimitError) as raised:
        limited_api(lambda c: c.messages.create(**ask), client)
    assert raised.value.status_code == 429
    assert raised.value.body["error"]["type"] == "rate_limit_error"
    assert int(raised.value.response.headers["retry-after"]) >= 1
    assert len(limited_api.emulator.requests) == 3


def test_max_tokens_over_the_whole_limit_is_never_retried(limited_api: Api) -> None:
    with serving(output_tokens_per_minute=100) as emu:
        client = limited_api.make(base_url=emu.base_url)
        with pytest.raises(claude_core.RateLimitError) as raised:
            limited_api(
                lambda c: c.messages.create(model=MODEL, max_tokens=101, messages=[{"role": "user", "content": "Hi"}]),
                client,
            )
        assert len(emu.requests) == 1  # x-should-retry: false
        assert raised.value.response.headers["x-should-retry"] == "false"
        assert "retry-after" not in raised.value.response.headers
        assert "max_tokens" in raised.value.body["error"]["message"]
        message = limited_api(
            lambda c: c.messages.create(model=MODEL, max_tokens=100, messages=[{"role": "user", "content": "Hi"}]),
            client,
        )
        assert message.content[0].text == "Echo: Hi"


def test_under_concurrency_exactly_the_limit_gets_through() -> None:
    results: List[int] = []
    with serving(requests_per_minute=20, time_scale=FROZEN) as emu:

        def send() -> None:
            with http(emu) as client:
                for _ in range(5):
                    results.append(client.post("/v1/messages", json=message_body()).status_code)

        threads = [threading.Thread(target=send) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(results) == [200] * 20 + [429] * 10


def test_async_burst_gets_exactly_the_limit_through() -> None:
    async def burst(emu: Emulator) -> List[Optional[int]]:
        async with claude_core.AsyncAnthropic(api_key="sk-ant-async", base_url=emu.base_url, max_retries=0) as client:

            async def one() -> Optional[int]:
                try:
                    await client.messages.create(
                        model=MODEL, max_tokens=10, messages=[{"role": "user", "content": "x"}]
                    )
                except claude_core.RateLimitError as error:
                    return error.status_code
                return None

            return list(await asyncio.gather(*[one() for _ in range(12)]))

    with serving(requests_per_minute=8, time_scale=FROZEN) as emu:
        outcomes = asyncio.run(burst(emu))
    assert outcomes.count(None) == 8 and outcomes.count(429) == 4


# -- refill -----------------------------------------------------------------------------


def test_buckets_refill_over_scaled_time() -> None:
    # a minute lasts 3 s: one request comes back every second
    with serving(requests_per_minute=3, time_scale=20) as emu, http(emu) as client:
        statuses = [client.post("/v1/messages", json=message_body()).status_code for _ in range(3)]
        refused = client.post("/v1/messages", json=message_body())
        wait = int(refused.headers["retry-after-ms"]) / 1000
        assert 0.5 < wait <= 1 and refused.headers["retry-after"] == "1"
        full_in = reset_at(refused, "requests") - datetime.datetime.now(datetime.timezone.utc)
        assert 2 < full_in.total_seconds() <= 3
        time.sleep(wait + 0.01)
        later = client.post("/v1/messages", json=message_body())
    assert statuses == [200, 200, 200] and refused.status_code == 429 and later.status_code == 200


def test_the_client_waits_retry_after_and_succeeds(api: Api) -> None:
    with serving(requests_per_minute=2, time_scale=120) as emu:  # a request back every 0.25 s
        client = api.make(base_url=emu.base_url, max_retries=3)
        started = time.monotonic()
        for _ in range(4):
            message = api(
                lambda c: c.messages.create(model=MODEL, max_tokens=10, messages=[{"role": "user", "content": "Hi"}]),
                client,
            )
            assert message.content[0].text == "Echo: Hi"
        elapsed = time.monotonic() - started
        statuses = len(emu.requests)
    assert statuses > 4  # some were refused, then retried after retry-after-ms
    assert elapsed >= 0.4  # two requests beyond the first two needed two refills of 0.25 s (minus a little)


# -- output tokens ----------------------------------------------------------------------


def test_unused_output_tokens_come_back() -> None:
    with serving(output_tokens_per_minute=1_000, time_scale=FROZEN) as emu, http(emu) as client:
        first = client.post("/v1/messages", json=message_body("short", max_tokens=600))
        # 600 were reserved, but only the reply's few output tokens stay spent
        second = client.post("/v1/messages", json=message_body("short", max_tokens=600))
    assert second.status_code == 200
    spent = first.json()["usage"]["output_tokens"] + second.json()["usage"]["output_tokens"]
    assert spent < 50
    assert ratelimit(second, "output-tokens", "remaining") == 1_000 - spent


def test_a_stream_carries_the_headers_and_refunds_at_its_end() -> None:
    body = message_body("stream me", max_tokens=700, stream=True)
    limits = RateLimits(output_tokens_per_minute=1_000, requests_per_minute=10, time_scale=FROZEN)
    # paced events: the stream is still being generated while the test sends another request
    app = EmulatorApp(rate_limits=limits, event_delay=0.05)
    with Emulator(app) as emu, http(emu) as client:
        with client.stream("POST", "/v1/messages", json=body) as streamed:
            # sent before the body: the whole max_tokens is reserved
            assert ratelimit(streamed, "output-tokens", "remaining") == 300
            assert ratelimit(streamed, "requests", "remaining") == 9
            # while it is open, another 700 do not fit
            assert client.post("/v1/messages", json=message_body(max_tokens=700)).status_code == 429
            text = streamed.read().decode()
        output_tokens = int(text.rsplit('"output_tokens":', 1)[1].split("}", 1)[0])
        after = client.post("/v1/messages", json=message_body(max_tokens=700))
    assert after.status_code == 200
    assert (
        ratelimit(after, "output-tokens", "remaining") == 1_000 - output_tokens - after.json()["usage"]["output_tokens"]
    )


def test_a_stream_through_the_client_settles(api: Api) -> None:
    with serving(output_tokens_per_minute=500, time_scale=FROZEN) as emu:
        client = api.make(base_url=emu.base_url, max_retries=0)
        ask = dict(model=MODEL, max_tokens=400, messages=[{"role": "user", "content": "Hello"}])

        async def drain_async(c: Any) -> Any:
            async with c.messages.stream(**ask) as stream:
                return await stream.get_final_message(), stream.response.headers

        def drain(c: Any) -> Any:
            if api.is_async:
                return drain_async(c)
            with c.messages.stream(**ask) as stream:
                return stream.get_final_message(), stream.response.headers

        final, headers = api(drain, client)
        assert int(headers["anthropic-ratelimit-output-tokens-remaining"]) == 100
        # the 400 reserved came back but the reply's output tokens: a second 400 fits
        second, headers = api(drain, client)
        spent = final.usage.output_tokens + second.usage.output_tokens
        raw = api(lambda c: c.messages.with_raw_response.create(**dict(ask, max_tokens=5)), client)
    third = raw.parse() if not api.is_async else api.run(raw.parse())
    remaining = int(raw.headers["anthropic-ratelimit-output-tokens-remaining"])
    assert remaining == 500 - spent - third.usage.output_tokens


def test_in_process_the_transport_streams_and_settles_too() -> None:
    app = EmulatorApp(rate_limits=RateLimits(output_tokens_per_minute=1_000, time_scale=FROZEN))
    with httpx.Client(base_url="http://emulator.test", headers=HEADERS, transport=EmulatorTransport(app)) as client:
        with client.stream("POST", "/v1/messages", json=message_body("Hi", max_tokens=800, stream=True)) as streamed:
            assert ratelimit(streamed, "output-tokens", "remaining") == 200
            assert client.post("/v1/messages", json=message_body(max_tokens=800)).status_code == 429
            streamed.read()
        after = client.post("/v1/messages", json=message_body(max_tokens=800))
    assert after.status_code == 200
    assert ratelimit(after, "output-tokens", "remaining") > 200


def test_a_queued_fault_takes_nothing() -> None:
    with serving(requests_per_minute=2, time_scale=FROZEN) as emu, http(emu) as client:
        emu.enqueue(status=529)
        overloaded = client.post("/v1/messages", json=message_body())
        answered = client.post("/v1/messages", json=message_body())
    assert overloaded.status_code == 529 and "anthropic-ratelimit-requests-remaining" not in overloaded.headers
    assert ratelimit(answered, "requests", "remaining") == 1


# -- keys -------------------------------------------------------------------------------


def test_each_key_has_its_own_buckets() -> None:
    with serving(requests_per_minute=1, time_scale=FROZEN) as emu:
        with http(emu, "sk-ant-a") as a, http(emu, "sk-ant-b") as b:
            assert a.post("/v1/messages", json=message_body()).status_code == 200
            assert a.post("/v1/messages", json=message_body()).status_code == 429
            assert b.post("/v1/messages", json=message_body()).status_code == 200
            assert b.post("/v1/messages", json=message_body()).status_code == 429
        bearer = {"anthropic-version": "2023-06-01", "authorization": "Bearer tok-1"}
        with httpx.Client(base_url=emu.base_url, headers=bearer) as token:
            assert token.post("/v1/messages", json=message_body()).status_code == 200
            assert token.post("/v1/messages", json=message_body()).status_code == 429
        emu.reset()  # every bucket full again
        with http(emu, "sk-ant-a") as a:
            assert ratelimit(a.post("/v1/messages", json=message_body()), "requests", "remaining") == 0


def test_bedrock_routes_share_one_bucket_and_answer_in_bedrock_shape() -> None:
    messages = [{"role": "user", "content": "Hi"}]
    body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 20, "messages": messages}
    limits = RateLimits(requests_per_minute=1, time_scale=FROZEN)
    with Emulator(rate_limits=limits, bedrock_api_keys=["bedrock-key-1", "bedrock-key-2"]) as emu:
        first = httpx.post(
            f"{emu.base_url}{BEDROCK_INVOKE}", json=body, headers={"authorization": "Bearer bedrock-key-1"}
        )
        other = httpx.post(
            f"{emu.base_url}{BEDROCK_INVOKE}", json=body, headers={"authorization": "Bearer bedrock-key-2"}
        )
        first_party = httpx.post(f"{emu.base_url}/v1/messages", json=message_body(), headers=HEADERS)
    assert first.status_code == 200
    assert not [name for name in first.headers if name.startswith("anthropic-ratelimit-")]
    assert other.status_code == 429
    assert other.headers["x-amzn-errortype"].startswith("ThrottlingException")
    assert "1 requests per minute" in other.json()["message"]
    assert first_party.status_code == 200  # the first-party key has buckets of its own


def test_vertex_routes_share_one_bucket() -> None:
    path = f"/v1/projects/p/locations/us-east5/publishers/anthropic/models/{MODEL}@20250929:rawPredict"
    body = {"anthropic_version": "vertex-2023-10-16", "max_tokens": 20, "messages": [{"role": "user", "content": "Hi"}]}
    with serving(requests_per_minute=1, time_scale=FROZEN) as emu:
        tokens = [emu.vertex_access_token(), emu.vertex_access_token()]
        replies = [
            httpx.post(f"{emu.base_url}{path}", json=body, headers={"authorization": f"Bearer {token}"})
            for token in tokens
        ]
    assert [reply.status_code for reply in replies] == [200, 429]
    assert [ratelimit(reply, "requests", "remaining") for reply in replies] == [0, 0]
    assert replies[1].json()["error"]["type"] == "rate_limit_error"


# -- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"requests_per_minute": 0}, "requests_per_minute"),
        ({"input_tokens_per_minute": -5}, "input_tokens_per_minute"),
        ({"output_tokens_per_minute": 2.5}, "output_tokens_per_minute"),
        ({"requests_per_minute": True}, "requests_per_minute"),
        ({"requests_per_minute": "10"}, "requests_per_minute"),
        ({"requests_per_minute": 1, "time_scale": 0}, "time_scale"),
        ({"requests_per_minute": 1, "time_scale": float("nan")}, "time_scale"),
        ({"requests_per_minute": 1, "time_scale": "fast"}, "time_scale"),
    ],
)
def test_bad_limits_name_the_parameter(kwargs: Dict[str, Any], name: str) -> None:
    with pytest.raises(ValueError, match=f"^{name} should be a positive"):
        RateLimits(**kwargs)


def test_rate_limits_must_be_a_rate_limits() -> None:
    with pytest.raises(TypeError, match=r"rate_limits should be a claude_emulator.RateLimits\(...\) or None, not dict"):
        EmulatorApp(rate_limits={"requests_per_minute": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="rate_limits= to the EmulatorApp given as app="):
        Emulator(EmulatorApp(), rate_limits=RateLimits(requests_per_minute=1))
    limits = RateLimits(requests_per_minute=3)
    assert EmulatorApp(rate_limits=limits).rate_limits is limits
    with pytest.raises(dataclasses.FrozenInstanceError):
        limits.requests_per_minute = 4  # type: ignore[misc]


# -- command line -----------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[List["subprocess.Popen[str]"]]:
    processes: List["subprocess.Popen[str]"] = []
    yield processes
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def test_serve_flags_set_the_limits(served: List["subprocess.Popen[str]"]) -> None:
    args = ["--port", "0", "--quiet", "--rpm", "2", "--itpm", "1000", "--otpm", "300"]
    process = subprocess.Popen(
        _command(*args, "--rate-limit-time-scale", "0.01"), stdout=subprocess.PIPE, text=True, env=ENV
    )
    served.append(process)
    assert process.stdout is not None
    match = BANNER.fullmatch(process.stdout.readline())
    assert match, "no banner"
    assert match.group(3) == (
        "any API key accepted; rate limits: 2 requests, 1000 input tokens, 300 output tokens per minute, "
        "a minute lasting 6000 s"
    )
    with httpx.Client(base_url=match.group(1), headers=HEADERS) as client:
        first = client.post("/v1/messages", json=message_body(max_tokens=100))
        client.post("/v1/messages", json=message_body(max_tokens=100))
        refused = client.post("/v1/messages", json=message_body(max_tokens=100))
    assert [ratelimit(first, kind, "limit") for kind in KINDS] == [2, 1000, 300, 300]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) == 3000


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--rpm", "0"], "argument --rpm: a rate limit must be at least 1 per minute, not 0"),
        (["--itpm", "lots"], "argument --itpm: not a whole number: 'lots'"),
        (["--otpm", "10", "--rate-limit-time-scale", "-1"], "the time scale must be a positive number, not -1"),
        (["--rate-limit-time-scale", "60"], "give --rpm, --itpm or --otpm with it"),
    ],
)
def test_bad_serve_flags(args: List[str], complaint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(["serve", "--port", "0", *args])
    assert exited.value.code == 2
    assert complaint in capsys.readouterr().err
