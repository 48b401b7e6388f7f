"""Rate limits like the API's: token buckets per key for requests, input tokens and output tokens per minute.

Each configured limit is a bucket holding up to ``limit`` units, full at first and refilled
continuously at ``limit`` per minute (a minute lasts ``60 / time_scale`` real seconds). A
Messages request costs 1 request, its input tokens (the count its ``usage`` reports) and its
``max_tokens`` of output tokens, reserved up front and refunded down to the output tokens of
the reply once it (or its stream) ends. A request that does not fit takes nothing and is a
429 ``rate_limit_error`` with ``retry-after``. Every answer carries the
``anthropic-ratelimit-*`` headers of the limits configured.

:func:`admit` and :func:`limit_reply` are the app's side of it: a first-party request draws
on its credential's limits (:func:`limit_key`), a Bedrock or Vertex request on its route's.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import threading
import time
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

from ._wire import APIErrorReply, BodyPart, EmulatorRequest, Reply, close_body, rfc3339

__all__ = ["RateLimits", "RateLimiter", "Reservation", "SettleOnEnd", "admit", "limit_key", "limit_reply"]

Headers = List[Tuple[str, str]]


def _check_limit(name: str, value: Optional[int]) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} should be a positive integer (per minute) or None for no limit, not {value!r}")


@dataclasses.dataclass(frozen=True)
class RateLimits:
    """Per-minute limits for the emulator's Messages endpoints, applied per API key.

    :param requests_per_minute: requests per minute (None: no limit).
    :param input_tokens_per_minute: input tokens per minute, as the replies' ``usage`` counts
        them (None: no limit).
    :param output_tokens_per_minute: output tokens per minute; a request reserves its
        ``max_tokens`` and gets back what its reply did not use (None: no limit).
    :param time_scale: how many emulated minutes pass per real minute: with 60 a "minute"
        lasts one real second, for time-compressed tests. Headers and ``retry-after`` are in
        real time.
    """

    requests_per_minute: Optional[int] = None
    input_tokens_per_minute: Optional[int] = None
    output_tokens_per_minute: Optional[int] = None
    time_scale: float = 1.0

    def __post_init__(self) -> None:
        _check_limit("requests_per_minute", self.requests_per_minute)
        _check_limit("input_tokens_per_minute", self.input_tokens_per_minute)
        _check_limit("output_tokens_per_minute", self.output_tokens_per_minute)
        scale = self.time_scale
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
            raise ValueError(
                f"time_scale should be a positive number (1: real time; 60: a minute per second), not {scale!r}"
            )

    @property
    def minute(self) -> float:
        """How many real seconds one rate-limit minute lasts."""
        return 60.0 / self.time_scale

    def describe(self) -> str:
        """``50 requests, 20000 input tokens per minute``: the configured limits, for a banner."""
        parts = [
            f"{limit} {what}"
            for limit, what in (
                (self.requests_per_minute, "requests"),
                (self.input_tokens_per_minute, "input tokens"),
                (self.output_tokens_per_minute, "output tokens"),
            )
            if limit is not None
        ]
        if not parts:
            return "no rate limits"
        scale = "" if self.time_scale == 1 else f", a minute lasting {self.minute:g} s"
        return f"rate limits: {', '.join(parts)} per minute{scale}"


class _Bucket:
    """``level`` of ``capacity`` units, refilled at ``rate`` units per real second up to ``capacity``."""

    __slots__ = ("capacity", "level", "rate", "updated")

    def __init__(self, capacity: int, minute: float, now: float) -> None:
        self.capacity = capacity
        self.rate = capacity / minute
        self.level = float(capacity)
        self.updated = now

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self, cost: int) -> float:
        """Seconds until ``cost`` fits (0: it fits now); infinite when it exceeds the capacity."""
        if cost > self.capacity:
            return math.inf
        return max(0.0, (cost - self.level) / self.rate)

    def until_full(self) -> float:
        return (self.capacity - self.level) / self.rate


_KINDS = ("requests", "input-tokens", "output-tokens")
_NAMES = {"requests": "requests", "input-tokens": "input tokens", "output-tokens": "output tokens"}


class Reservation:
    """What one admitted request took: its output-token reservation is settled once, when its reply ends."""

    def __init__(self, limiter: "RateLimiter", key: str, reserved: int, headers: Headers) -> None:
        self._limiter = limiter
        self._key = key
        self._reserved = reserved
        self._settled = False
        #: The ``anthropic-ratelimit-*`` headers right after admission.
        self.headers = headers

    def settle(self, output_tokens: int) -> Headers:
        """Give back the reserved output tokens the reply did not use; the headers after that."""
        refund = 0 if self._settled else max(0, self._reserved - output_tokens)
        self._settled = True
        return self._limiter.refund(self._key, refund)


class RateLimiter:
    """The buckets of every key, behind one lock (the server's loop and test threads share them).

    ``clock`` (monotonic seconds) drives the buckets and ``wall`` (epoch seconds) dates the
    reset headers; both are injectable for tests.
    """

    def __init__(
        self,
        limits: RateLimits,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._wall = wall
        self._lock = threading.Lock()
        self._buckets: Dict[str, Dict[str, _Bucket]] = {}
        self._capacities = {
            kind: capacity
            for kind, capacity in zip(
                _KINDS,
                (limits.requests_per_minute, limits.input_tokens_per_minute, limits.output_tokens_per_minute),
            )
            if capacity is not None
        }

    def reset(self) -> None:
        """Fill every bucket again (forget every key)."""
        with self._lock:
            self._buckets.clear()

    def admit(self, key: str, input_tokens: int, max_tokens: int) -> Reservation:
        """Take one request's cost from ``key``'s buckets, or raise a 429 :class:`APIErrorReply` taking nothing."""
        costs = {"requests": 1, "input-tokens": input_tokens, "output-tokens": max_tokens}
        with self._lock:
            now = self._clock()
            buckets = self._refilled(key, now)
            waits = {kind: bucket.wait(costs[kind]) for kind, bucket in buckets.items()}
            if any(wait > 0 for wait in waits.values()):
                raise self._exceeded(buckets, waits, costs)
            for kind, bucket in buckets.items():
                bucket.level -= costs[kind]
            headers = self._headers(buckets)
        reserved = max_tokens if "output-tokens" in buckets else 0
        return Reservation(self, key, reserved, headers)

    def refund(self, key: str, output_tokens: int) -> Headers:
        """Put ``output_tokens`` back in ``key``'s output-token bucket; the headers after that."""
        with self._lock:
            buckets = self._refilled(key, self._clock())
            bucket = buckets.get("output-tokens")
            if bucket is not None:
                bucket.level = min(bucket.capacity, bucket.level + output_tokens)
            return self._headers(buckets)

    def _refilled(self, key: str, now: float) -> Dict[str, _Bucket]:
        buckets = self._buckets.get(key)
        if buckets is None:
            minute = self.limits.minute
            buckets = {kind: _Bucket(capacity, minute, now) for kind, capacity in self._capacities.items()}
            self._buckets[key] = buckets
        for bucket in buckets.values():
            bucket.refill(now)
        return buckets

    def _headers(self, buckets: Dict[str, _Bucket]) -> Headers:
        wall = self._wall()
        headers: Headers = []
        for kind, bucket in buckets.items():
            headers.extend(_triple(kind, bucket, wall))
        tokens = [buckets[kind] for kind in ("input-tokens", "output-tokens") if kind in buckets]
        if tokens:  # the most restrictive token limit at the moment: the one with the least left
            headers.extend(_triple("tokens", min(tokens, key=lambda bucket: bucket.level), wall))
        return headers

    def _exceeded(self, buckets: Dict[str, _Bucket], waits: Dict[str, float], costs: Dict[str, int]) -> APIErrorReply:
        kind = max(waits, key=lambda one: waits[one])
        limit = buckets[kind].capacity
        wait = waits[kind]
        headers = self._headers(buckets)
        if math.isinf(wait):
            what = "max_tokens" if kind == "output-tokens" else "input tokens"
            message = (
                f"This request would exceed your rate limit of {limit} {_NAMES[kind]} per minute on its own "
                f"({costs[kind]} {what}); reduce it to at most {limit}."
            )
            headers.append(("x-should-retry", "false"))
        else:
            message = (
                f"This request would exceed your rate limit of {limit} {_NAMES[kind]} per minute. "
                "Please try again later; the anthropic-ratelimit-* response headers show your current usage."
            )
            milliseconds = max(1, math.ceil(wait * 1000))
            headers.append(("retry-after", str(max(1, math.ceil(wait)))))
            headers.append(("retry-after-ms", str(milliseconds)))
        return APIErrorReply(429, message, headers=headers)


def _triple(kind: str, bucket: _Bucket, wall: float) -> Iterator[Tuple[str, str]]:
    reset = datetime.datetime.fromtimestamp(wall + bucket.until_full(), datetime.timezone.utc)
    yield f"anthropic-ratelimit-{kind}-limit", str(bucket.capacity)
    yield f"anthropic-ratelimit-{kind}-remaining", str(max(0, math.floor(bucket.level)))
    yield f"anthropic-ratelimit-{kind}-reset", rfc3339(reset)


class SettleOnEnd:
    """A streamed reply body that settles its reservation once the body is sent, cut or abandoned."""

    def __init__(self, body: Iterable[BodyPart], reservation: Reservation, output_tokens: int) -> None:
        self._body = body
        self._reservation: Optional[Reservation] = reservation
        self._output_tokens = output_tokens

    def __iter__(self) -> Iterator[BodyPart]:
        yield from self._body
        self.close()

    def close(self) -> None:
        close_body(self._body)
        reservation, self._reservation = self._reservation, None
        if reservation is not None:
            reservation.settle(self._output_tokens)


def admit(
    limiter: Optional[RateLimiter],
    key: Optional[str],
    request: EmulatorRequest,
    input_tokens: int,
    params: Mapping[str, Any],
) -> Optional[Reservation]:
    """Take a Messages request's cost from the rate limits of ``key`` (None: the request's credential).

    None when no limits are set; raises a 429 when the request does not fit.
    """
    if limiter is None:
        return None
    key = key if key is not None else limit_key(request)
    return limiter.admit(key, input_tokens, int(params["max_tokens"]))


def limit_key(request: EmulatorRequest) -> str:
    """Whose rate limits a first-party request draws on: its ``x-api-key``, else its bearer token."""
    api_key: str = request.headers.get("x-api-key", "").strip()
    if api_key:
        return f"x-api-key {api_key}"
    authorization: str = request.headers.get("authorization", "").strip()
    return f"authorization {authorization}"


def limit_reply(reply: Reply, reservation: Optional[Reservation], output_tokens: int, *, streamed: bool) -> Reply:
    """A first-party Messages reply with the ``anthropic-ratelimit-*`` headers of its reservation, if any.

    A whole reply settles the reservation now and carries the headers after that; a streamed
    one carries the headers at admission and settles once its body ends.
    """
    if reservation is None:
        return reply
    if streamed:
        reply.headers.extend(reservation.headers)
        reply.body = SettleOnEnd(reply.body, reservation, output_tokens)
    else:
        reply.headers.extend(reservation.settle(output_tokens))
    return reply
