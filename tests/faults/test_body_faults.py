"""A non-streaming call whose body read fails is a connection error, retried like any other.

The status line and headers of a 200 arrive, then the body read fails: the connection is
reset (after the headers, or half-way through the body) or stalls past the read timeout.
``messages.create`` must raise :class:`claude_core.APIConnectionError` (for the stall
:class:`claude_core.APITimeoutError`), never a raw ``httpx`` exception, and the retry
policy must see the failure like a failed send.
"""

from __future__ import annotations

from typing import Callable, Type

import pytest

import claude_core
from tests.faults.calls import Caller
from tests.faults.server import Behaviour, FaultServer, ResetAfterHeaders, ResetMidBody, StallMidBody

TIMEOUT = 1.0
#: The default policy's longest waits before the 1st and the 2nd retry.
BACKOFFS = (0.5, 1.0)
SLACK = 1.5

FAULTS = [
    pytest.param(ResetAfterHeaders, claude_core.APIConnectionError, 0.0, id="reset_after_headers"),
    pytest.param(ResetMidBody, claude_core.APIConnectionError, 0.0, id="reset_mid_body"),
    pytest.param(lambda: StallMidBody(5.0), claude_core.APITimeoutError, TIMEOUT, id="stall_mid_body"),
]


@pytest.mark.parametrize(("fault", "error", "attempt_seconds"), FAULTS)
def test_body_fault_is_retried_then_raised_as_the_sdk_error(
    call: Caller,
    fault_server: FaultServer,
    fault: Callable[[], Behaviour],
    error: Type[Exception],
    attempt_seconds: float,
) -> None:
    """Three faults, ``max_retries=2``: three attempts, then exactly the SDK's error, in bounded time."""
    fault_server.enqueue(fault(), fault(), fault())
    outcome = call("create", max_retries=2, timeout=TIMEOUT)
    outcome.assert_raised(error)
    assert len(fault_server.requests) == 3, outcome.describe()
    assert outcome.elapsed < 3 * attempt_seconds + sum(BACKOFFS) + SLACK, outcome.describe()


@pytest.mark.parametrize(("fault", "error", "attempt_seconds"), FAULTS)
def test_body_fault_is_retried_and_the_retry_returns_the_message(
    call: Caller,
    fault_server: FaultServer,
    fault: Callable[[], Behaviour],
    error: Type[Exception],
    attempt_seconds: float,
) -> None:
    """One fault, ``max_retries=2``: the second attempt's Message is returned."""
    fault_server.enqueue(fault())
    outcome = call("create", max_retries=2, timeout=TIMEOUT)
    assert outcome.error is None, outcome.describe()
    assert outcome.text == "ok"
    assert len(fault_server.requests) == 2, outcome.describe()
    assert outcome.elapsed < attempt_seconds + BACKOFFS[0] + SLACK, outcome.describe()
