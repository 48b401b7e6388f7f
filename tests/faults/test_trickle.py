"""A reply that trickles forever without content ends in :class:`claude_core.APITimeoutError`.

The server answers 200 and then keeps the connection busy: a JSON body of one space every
``interval`` seconds, or an SSE stream of ``message_start`` and then only pings. Each byte
comes well within the read timeout, so a per-read timeout never fires; the client's
``timeout`` must still bound the wait for content. Each trickle outlasts the test's time
bound, so an SDK that waits for the server to give up fails on the bound.
"""

from __future__ import annotations

from typing import Callable, Dict

import pytest

import claude_core
from tests.faults.calls import SHAPES, Caller
from tests.faults.server import Behaviour, FaultServer, TrickleJson, TricklePings

#: The trickle each call shape is given: what would keep that shape's read busy.
TRICKLES: Dict[str, Callable[..., Behaviour]] = {
    "create": TrickleJson,
    "create_stream": TricklePings,
    "stream": TricklePings,
}
#: The default policy's longest wait before the 1st retry.
BACKOFF = 0.5
SLACK = 2.0


@pytest.mark.parametrize("shape", SHAPES)
def test_a_never_ending_trickle_ends_in_a_timeout(call: Caller, fault_server: FaultServer, shape: str) -> None:
    """``timeout=2.0``, ``max_retries=0``: one attempt, ``APITimeoutError`` after about the timeout, within 6 s."""
    timeout, bound = 2.0, 6.0
    fault_server.enqueue(TRICKLES[shape](interval=0.5, max_seconds=bound + 2))
    outcome = call(shape, timeout=timeout, max_retries=0)
    outcome.assert_raised(claude_core.APITimeoutError)
    assert len(fault_server.requests) == 1, outcome.describe()
    assert 0.9 * timeout <= outcome.elapsed < bound, outcome.describe()


@pytest.mark.parametrize("shape", SHAPES)
def test_a_timed_out_trickle_is_retried_then_raised(call: Caller, fault_server: FaultServer, shape: str) -> None:
    """``timeout=0.5``, ``max_retries=1``, two trickles: two attempts, then ``APITimeoutError``.

    The whole call ends within two timeouts, one backoff and some slack.
    """
    timeout = 0.5
    bound = 2 * timeout + BACKOFF + SLACK
    trickle = TRICKLES[shape]
    fault_server.enqueue(
        trickle(interval=0.1, max_seconds=bound + 2),
        trickle(interval=0.1, max_seconds=bound + 2),
    )
    outcome = call(shape, timeout=timeout, max_retries=1)
    outcome.assert_raised(claude_core.APITimeoutError)
    assert len(fault_server.requests) == 2, outcome.describe()
    assert 2 * 0.9 * timeout <= outcome.elapsed < bound, outcome.describe()
