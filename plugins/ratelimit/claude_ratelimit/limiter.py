"""``RateLimiter``: the plugin object, its settings, and the budget it keeps per API key."""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional, Set, Tuple, Union
from urllib.parse import urlsplit

import httpx

from claude_core import hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult
from claude_core.retries import WAIT_TAKEN_OVER

from ._local import LOCAL
from ._model import Budget, HeaderLimits, Needs, Presets, budget_of, read_headers, retry_after
from ._ticket import EXTENSION, Ticket, budget_key, is_limited

if TYPE_CHECKING:
    from ._redis import RedisStore

__all__ = ["RateLimiter", "logger"]

logger = logging.getLogger("claude_core.ratelimit")
Transport = Union[httpx.BaseTransport, httpx.AsyncBaseTransport]
_NOTHING: Needs = (0.0, 0.0, 0.0)


class Update(NamedTuple):
    """One change a response makes to a budget, applied by the transport (sync, or awaited)."""

    store: Any
    key: str
    now: float
    release: Needs
    limits: HeaderLimits
    charge: Needs
    gate: float
    minute: float


def _positive(name: str, value: object, *, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} should be a positive number{' or None' if allow_none else ''}, not {value!r}")


class RateLimiter:
    """Keeps a client's Messages requests within the API's rate limits, waiting instead of drawing 429s.

    Pass it to clients (``Anthropic(plugins=[limiter])``), or set ``CLAUDE_RATELIMIT=1`` /
    ``CLAUDE_RATELIMIT_REDIS_URL`` to give every client of the process one (see
    :mod:`claude_ratelimit.plugin`). The budget belongs to an API key (at a host), not to the
    limiter: every limiter and client of a process using the same key shares one budget, and
    with ``redis_url`` every process using that Redis shares it.

    :param redis_url: ``redis://`` (or ``rediss://``, ``unix://``) URL of the Redis server
        holding the fleet's budgets; None keeps them in this process.
    :param name: the budget's name, instead of a hash of the host and the API key (give
        several keys of one organisation one name; a name is also what ``budget()`` reads).
    :param requests_per_minute: the limits known beforehand, used until the API's headers
        tell them (by default the first request goes alone and its headers tell them).
    :param input_tokens_per_minute: see ``requests_per_minute``.
    :param output_tokens_per_minute: see ``requests_per_minute``.
    :param count_tokens: reserve the exact input tokens, counted by the API's count_tokens
        endpoint before each request (one more round trip), instead of an estimate.
    :param chars_per_token: the estimate of input tokens: the request body's length in bytes
        divided by this (3.5: a little more than the API counts for English text and JSON).
    :param redis_prefix: the prefix of the Redis keys (one hash per budget).
    :param redis_timeout: seconds to wait for Redis before budgeting in process instead.
    :param redis_retry: seconds to budget in process after Redis failed, before trying it again.
    :param key_ttl: seconds an idle budget is kept in Redis.
    :param minute: the length in seconds of the minute the limits are counted in: the
        buckets refill at the limit per ``minute``. 60 for the API; an emulator whose time is
        compressed (``RateLimits(time_scale=...)``) has a shorter one (``RateLimits.minute``).
    :param clock: wall-clock seconds (``time.time``); tests pass a fake one.
    """

    def __init__(
        self,
        *,
        redis_url: Optional[str] = None,
        name: Optional[str] = None,
        requests_per_minute: Optional[int] = None,
        input_tokens_per_minute: Optional[int] = None,
        output_tokens_per_minute: Optional[int] = None,
        count_tokens: bool = False,
        chars_per_token: float = 3.5,
        redis_prefix: str = "claude_ratelimit:",
        redis_timeout: float = 0.5,
        redis_retry: float = 5.0,
        key_ttl: float = 600.0,
        minute: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if redis_url is not None and (not isinstance(redis_url, str) or "://" not in redis_url):
            raise ValueError(
                f"redis_url should be a Redis URL such as 'redis://localhost:6379/0', or None, not {redis_url!r}"
            )
        if name is not None and (not isinstance(name, str) or not name):
            raise ValueError(f"name should be a non-empty string naming the budget, or None, not {name!r}")
        for option, value in (
            ("requests_per_minute", requests_per_minute),
            ("input_tokens_per_minute", input_tokens_per_minute),
            ("output_tokens_per_minute", output_tokens_per_minute),
        ):
            _positive(option, value)
        for option, number in (
            ("chars_per_token", chars_per_token),
            ("redis_timeout", redis_timeout),
            ("redis_retry", redis_retry),
            ("key_ttl", key_ttl),
            ("minute", minute),
        ):
            _positive(option, number, allow_none=False)
        self.redis_url = redis_url
        self.name = name
        self.count_tokens = bool(count_tokens)
        self.chars_per_token = float(chars_per_token)
        self.minute = float(minute)
        self._presets: Presets = (
            None if requests_per_minute is None else float(requests_per_minute),
            None if input_tokens_per_minute is None else float(input_tokens_per_minute),
            None if output_tokens_per_minute is None else float(output_tokens_per_minute),
        )
        self._redis_options = (redis_prefix, key_ttl, redis_timeout)
        self._redis_retry = redis_retry
        self._redis: Optional[RedisStore] = None
        self._redis_state_lock = threading.Lock()
        self._redis_down_until: Optional[float] = None
        self._clock = clock
        self._last_key: Optional[str] = None
        self._tasks: Set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:
        where = "in process" if self.redis_url is None else f"redis at {_where(self.redis_url)}"
        return f"RateLimiter({where}{'' if self.name is None else f', name={self.name!r}'})"

    # -- hooks --------------------------------------------------------------------------

    @hookimpl
    def claude_wrap_transport(self, transport: Transport, is_async: bool) -> Transport:
        from ._transport import AsyncLimitedTransport, LimitedTransport  # the limiter's clients only

        inner = getattr(transport, "_limited_inner", transport)  # one limiter per client: this one
        if is_async:
            return AsyncLimitedTransport(inner, self)  # type: ignore[arg-type]
        return LimitedTransport(inner, self)  # type: ignore[arg-type]

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[CallObserver]:
        return _Corrector(self) if call.endpoint == "messages.create" else None

    # -- the budget ---------------------------------------------------------------------

    def budget(self, key: Optional[str] = None) -> Budget:
        """The budget now: per dimension its limit, what a request may take now, and when it is full again.

        :param key: the budget's name; by default ``name``, else the budget of the API key
            this limiter's clients used last. All fields are None before the first response.
        """
        key = key or self.name or self._last_key
        now = self._clock()
        if key is None:
            return budget_of({}, now)
        store = self._redis_store()
        if store is not None:
            try:
                return budget_of(store.state(key), now)
            except Exception as exc:
                self._redis_failed(exc)
        return budget_of(LOCAL.state(key), now)

    # -- what the transports and the observer call --------------------------------------

    def ticket(self, request: httpx.Request) -> Optional[Ticket]:
        """The reservation a request needs; None for requests the limits do not count."""
        if not is_limited(request):
            return None
        key = self._last_key = budget_key(request, self.name)
        return Ticket(request, key, self.chars_per_token)

    def reserve(self, ticket: Ticket) -> Tuple[bool, float]:
        store = self._redis_store()
        if store is not None:
            try:
                answer = store.reserve(ticket.key, self._clock(), ticket.needs, self._presets, self.minute)
            except Exception as exc:
                self._redis_failed(exc)
            else:
                self._redis_ok()
                ticket.store = store
                return answer
        ticket.store = LOCAL
        return LOCAL.reserve(ticket.key, self._clock(), ticket.needs, self._presets, self.minute)

    async def areserve(self, ticket: Ticket) -> Tuple[bool, float]:
        store = self._redis_store()
        if store is not None:
            try:
                answer = await store.areserve(ticket.key, self._clock(), ticket.needs, self._presets, self.minute)
            except Exception as exc:
                self._redis_failed(exc)
            else:
                self._redis_ok()
                ticket.store = store
                return answer
        ticket.store = LOCAL
        return LOCAL.reserve(ticket.key, self._clock(), ticket.needs, self._presets, self.minute)

    def release(self, ticket: Ticket) -> Update:
        """The update that gives back a reservation whose request got no response."""
        return Update(
            ticket.store, ticket.key, self._clock(), ticket.needs, (None, None, None), _NOTHING, 0.0, self.minute
        )

    def settle(self, ticket: Ticket, request: httpx.Request, response: httpx.Response) -> Update:
        """The update a response to a Messages request makes; a 429 also closes the budget until its
        ``retry-after``, and is handed up marked :data:`~claude_core.retries.WAIT_TAKEN_OVER`, so
        the retry policy retries at once and the retry waits here, once."""
        release, limits, charge = ticket.answered(response, self._presets)
        now = self._clock()
        gate = 0.0
        if response.status_code == 429:
            wait = retry_after(response.headers)
            if wait is not None:
                gate = now + wait
                response.extensions[WAIT_TAKEN_OVER] = True
        else:
            request.extensions[EXTENSION] = (self, ticket)  # for the observer's correction
        return Update(ticket.store, ticket.key, now, release, limits, charge, gate, self.minute)

    def observe(self, request: httpx.Request, response: httpx.Response) -> Optional[Update]:
        """The update a response to another endpoint makes: its headers, if it has any."""
        limits = read_headers(response.headers)
        if all(found is None for found in limits):
            return None
        key = self._last_key = budget_key(request, self.name)
        store = self._redis_store() or LOCAL
        return Update(store, key, self._clock(), _NOTHING, limits, _NOTHING, 0.0, self.minute)

    def apply(self, update: Update) -> None:
        store = update.store
        if store is LOCAL or store is None:
            LOCAL.update(*update[1:])
            return
        try:
            store.update(*update[1:])
        except Exception as exc:  # its reservation was in Redis: nothing to give back here
            self._redis_failed(exc)

    async def aapply(self, update: Update) -> None:
        store = update.store
        if store is LOCAL or store is None:
            LOCAL.update(*update[1:])
            return
        try:
            await store.aupdate(*update[1:])
        except Exception as exc:
            self._redis_failed(exc)

    def correct(self, ticket: Ticket, deltas: Needs) -> None:
        """Give back what a reply did not use, once its usage is known."""
        store = ticket.store
        if store is LOCAL:
            LOCAL.adjust(ticket.key, self._clock(), deltas)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                store.adjust(ticket.key, self._clock(), deltas)
            except Exception as exc:
                self._redis_failed(exc)
            return
        task = loop.create_task(self._acorrect(store, ticket.key, deltas))  # never block the loop on Redis
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _acorrect(self, store: RedisStore, key: str, deltas: Needs) -> None:
        try:
            await store.aadjust(key, self._clock(), deltas)
        except Exception as exc:
            self._redis_failed(exc)

    # -- Redis, and budgeting in process while it is away -------------------------------

    def _redis_store(self) -> Optional[RedisStore]:
        """The Redis store, or None: no Redis configured, or it failed less than ``redis_retry`` ago."""
        if self.redis_url is None:
            return None
        if self._redis_down_until is not None and time.monotonic() < self._redis_down_until:
            return None
        if self._redis is None:
            from ._redis import RedisStore  # redis is imported only for a limiter that uses it

            prefix, ttl, timeout = self._redis_options
            self._redis = RedisStore(self.redis_url, prefix=prefix, ttl=ttl, timeout=timeout)
        return self._redis

    def _redis_failed(self, exc: BaseException) -> None:
        with self._redis_state_lock:  # threads failing together warn once
            first = self._redis_down_until is None
            self._redis_down_until = time.monotonic() + self._redis_retry
        if first:
            logger.warning(
                "Redis at %s failed (%s: %s): rate limits are budgeted in this process alone until it is back "
                "(tried again every %g s)",
                _where(self.redis_url or ""),
                type(exc).__name__,
                exc,
                self._redis_retry,
            )

    def _redis_ok(self) -> None:
        if self._redis_down_until is None:
            return
        with self._redis_state_lock:
            back = self._redis_down_until is not None
            self._redis_down_until = None
        if back:
            logger.warning(
                "Redis at %s is back: rate limits are budgeted fleet-wide again", _where(self.redis_url or "")
            )


def _where(url: str) -> str:
    """A Redis URL without its password, for logs."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{'' if parts.port is None else f':{parts.port}'}{parts.path}"


class _Corrector(CallObserver):
    """Corrects a Messages call's reservation to its usage, once the reply (or stream) ended."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter
        self.ticket: Optional[Ticket] = None

    def attempt(self, record: AttemptRecord) -> None:
        found = record.request.extensions.get(EXTENSION)
        if found is not None and found[0] is self.limiter and record.response is not None and record.decision is None:
            self.ticket = found[1]

    def end(self, result: CallResult) -> None:
        ticket = self.ticket
        if ticket is not None and result.usage is not None:
            deltas = ticket.deltas(result.usage)
            if deltas is not None:
                self.limiter.correct(ticket, deltas)
