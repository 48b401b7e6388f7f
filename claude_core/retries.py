"""Retry decisions: what the pipeline asks after every failed attempt.

The logic is free of I/O; the pipeline does the sleeping (``time.sleep`` or
``anyio.sleep``) so one policy serves the sync and the async client.
"""

from __future__ import annotations

import email.utils
import random
import time
from typing import TYPE_CHECKING, Mapping, Optional, Union

import httpx
from typing_extensions import Protocol, runtime_checkable

from ._records import record

if TYPE_CHECKING:
    from .providers import Provider

__all__ = [
    "Attempt",
    "RetryDecision",
    "RetryPolicy",
    "DefaultRetryPolicy",
    "RETRYABLE_STATUSES",
    "WAIT_TAKEN_OVER",
    "retry_after_seconds",
]

RETRYABLE_STATUSES = frozenset({408, 409, 429})
#: A response extension (``response.extensions[WAIT_TAKEN_OVER] = True``) by which a transport or
#: a transport wrapper says it holds the next attempt back itself until the server's
#: ``retry-after`` (a rate limiter that closed its budget does): the default policy then retries
#: at once rather than wait a second time, and the response's headers stay as the server sent them.
WAIT_TAKEN_OVER = "claude_core.wait_taken_over"
INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
MAX_SERVER_DELAY = 60.0


@record
class Attempt:
    """One finished attempt that did not succeed.

    Exactly one of ``response`` (a non-success answer, its body read) and ``error`` is
    set. ``error`` is the :class:`~claude_core.APIConnectionError` or
    :class:`~claude_core.APITimeoutError` the send raised, or, for a stream that failed
    before any content reached the caller, the error it failed with (a typed
    :class:`~claude_core.APIStatusError` for an ``event: error``).
    """

    request: httpx.Request
    retries_taken: int
    max_retries: int
    response: Optional[httpx.Response] = None
    error: Optional[BaseException] = None
    provider: Optional[Provider] = None
    """The deployment the attempt went to (None only in an ``Attempt`` made by hand)."""
    endpoint: Optional[str] = None
    """The operation of the call (``"messages.create"``, ``"messages.batches.create"``...)."""
    model: Optional[str] = None
    """The model the call asked for, as the caller named it (before any deployment mapped it)."""
    provider_retries: int = 0
    """Retries taken at ``provider`` since the call moved there (``retries_taken`` counts them all)."""


@record
class RetryDecision:
    """Retry after ``delay`` seconds, or give up (``retry=False``).

    ``provider`` sends the next attempt to another deployment: a provider name (with the
    client's options) or a :class:`~claude_core.providers.Provider` instance (with its
    own, e.g. another ``base_url`` or region). The call is then prepared for that
    provider and signed with its credentials; later attempts stay there until a
    decision names another. A stream is only ever retried before content reached the
    caller, so a reroute never repeats or mixes content.
    """

    retry: bool
    delay: float = 0.0
    provider: Union[Provider, str, None] = None


@runtime_checkable
class RetryPolicy(Protocol):
    """Anything with a ``decide`` method; returned by the ``claude_retry_policy`` hook."""

    def decide(self, attempt: Attempt) -> RetryDecision: ...


class DefaultRetryPolicy:
    """The official SDK's rules.

    Retries connection errors, timeouts, 408, 409, 429 and every status >= 500, at most
    ``attempt.max_retries`` times. ``x-should-retry: true|false`` from the server
    overrides the status rule. The wait is the server's ``retry-after-ms`` or
    ``retry-after`` (seconds or an HTTP date) when it lies in (0, 60] seconds, otherwise
    exponential backoff ``min(0.5 * 2**n, 8)`` seconds reduced by up to 25 % jitter; none
    when the transport took the wait over (:data:`WAIT_TAKEN_OVER`).
    """

    def __init__(self, *, rand: "random.Random | None" = None) -> None:
        self._random = rand or random.Random()

    def __repr__(self) -> str:
        return "DefaultRetryPolicy()"

    def decide(self, attempt: Attempt) -> RetryDecision:
        if attempt.retries_taken >= attempt.max_retries:
            return RetryDecision(False)
        response = attempt.response
        if response is not None and not self.should_retry(response):
            return RetryDecision(False)
        status = getattr(attempt.error, "status_code", None)  # an error event inside a stream
        if isinstance(status, int) and not (status in RETRYABLE_STATUSES or status >= 500):
            return RetryDecision(False)
        if response is not None and response.extensions.get(WAIT_TAKEN_OVER):
            return RetryDecision(True, 0.0)
        server_delay = retry_after_seconds(response.headers) if response is not None else None
        if server_delay is not None and 0 < server_delay <= MAX_SERVER_DELAY:
            return RetryDecision(True, server_delay)
        return RetryDecision(True, self.backoff(attempt.retries_taken))

    @staticmethod
    def should_retry(response: httpx.Response) -> bool:
        override = response.headers.get("x-should-retry")
        if override == "true":
            return True
        if override == "false":
            return False
        status = response.status_code
        return status in RETRYABLE_STATUSES or status >= 500

    def backoff(self, retries_taken: int) -> float:
        delay = min(INITIAL_DELAY * 2.0**retries_taken, MAX_DELAY)
        return delay * (1 - 0.25 * self._random.random())


def retry_after_seconds(headers: Mapping[str, str]) -> Optional[float]:
    """The server's requested wait in seconds, or None when it names none we can read."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return float(millis) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return email.utils.mktime_tz(parsed) - time.time()
