"""The fault server's faults are real: raw httpx sees exactly the failure each one promises."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, Iterator, List, Tuple

import httpx
import pytest

from tests.faults.server import (
    MESSAGE,
    Behaviour,
    FaultServer,
    ResetAfterHeaders,
    ResetMidBody,
    StallMidBody,
    TrickleJson,
    TricklePings,
)

PATH = "/v1/messages"
BODY: Dict[str, Any] = {"model": "claude-sonnet-4-5", "max_tokens": 16, "messages": [{"role": "user", "content": "Hi"}]}


@pytest.fixture
def http(fault_server: FaultServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fault_server.base_url, timeout=5.0) as client:
        yield client


def _events(raw: bytes) -> List[str]:
    return [line.split(": ", 1)[1] for line in raw.decode().splitlines() if line.startswith("event: ")]


def _read_until_cut(http: httpx.Client, body: Dict[str, Any]) -> Tuple[str, bytes, float]:
    """POST ``body`` with a 0.3 s read timeout: the content type, every body byte, and the seconds until
    the server cut the body short."""
    received = b""
    start = time.monotonic()
    cut = pytest.raises(httpx.RemoteProtocolError, match="incomplete")
    with http.stream("POST", PATH, json=body, timeout=0.3) as reply, cut:
        for chunk in reply.iter_raw():
            received += chunk
    return reply.headers["content-type"], received, time.monotonic() - start


def test_normal_replies_json_then_sse_on_one_kept_alive_connection(
    fault_server: FaultServer, http: httpx.Client
) -> None:
    """With nothing queued the server answers like the API, and keeps the connection for the next request."""
    reply = http.post(PATH, json=BODY)
    streamed = http.post(PATH, json={**BODY, "stream": True})
    assert reply.headers["content-type"] == "application/json"
    assert reply.json() == MESSAGE
    assert streamed.headers["content-type"] == "text/event-stream"
    assert streamed.headers["transfer-encoding"] == "chunked"
    assert _events(streamed.content) == [
        "message_start",
        "ping",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    assert [json.loads(r.body).get("stream") for r in fault_server.requests] == [None, True]
    assert fault_server.connections == 1


@pytest.mark.parametrize("fault", [ResetAfterHeaders(), ResetMidBody()], ids=["after_headers", "mid_body"])
def test_reset_fails_the_body_read_with_a_connection_reset(
    fault_server: FaultServer, http: httpx.Client, fault: Behaviour
) -> None:
    """The status and headers arrive; reading the body then fails with ECONNRESET (httpx.ReadError)."""
    fault_server.enqueue(fault)
    with http.stream("POST", PATH, json=BODY) as reply:
        assert reply.status_code == 200
        with pytest.raises(httpx.ReadError, match="reset"):
            reply.read()


def test_stall_mid_body_trips_a_read_timeout(fault_server: FaultServer, http: httpx.Client) -> None:
    """Half a body, then silence: a read timeout fires during the body, not before the headers."""
    fault_server.enqueue(StallMidBody(5.0))
    with http.stream("POST", PATH, json=BODY, timeout=0.5) as reply:
        assert reply.status_code == 200
        start = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            reply.read()
    assert 0.4 < time.monotonic() - start < 2.0


def test_trickle_json_sends_only_spaces_until_max_seconds(fault_server: FaultServer, http: httpx.Client) -> None:
    """A space every 0.05 s beats a 0.3 s read timeout; nothing else comes, and the body lasts ``max_seconds``."""
    fault_server.enqueue(TrickleJson(interval=0.05, max_seconds=0.8))
    content_type, received, elapsed = _read_until_cut(http, BODY)
    assert content_type == "application/json"
    assert elapsed >= 0.8
    assert len(received) >= 10
    assert received.strip() == b""


def test_trickle_pings_send_only_pings_after_message_start(fault_server: FaultServer, http: httpx.Client) -> None:
    """``message_start``, then a ping every 0.05 s and nothing else, for ``max_seconds``."""
    fault_server.enqueue(TricklePings(interval=0.05, max_seconds=0.8))
    content_type, received, elapsed = _read_until_cut(http, {**BODY, "stream": True})
    assert content_type == "text/event-stream"
    assert elapsed >= 0.8
    events = _events(received)
    assert events[0] == "message_start"
    assert len(events) >= 10
    assert set(events[1:]) == {"ping"}


def test_behaviours_are_taken_in_order_then_normal_replies_resume(
    fault_server: FaultServer, http: httpx.Client
) -> None:
    """Each request takes the next queued behaviour; every request and connection is counted."""
    fault_server.enqueue(ResetAfterHeaders(), ResetMidBody())
    for _ in range(2):
        with pytest.raises(httpx.ReadError):
            http.post(PATH, json=BODY)
    assert http.post(PATH, json=BODY).json() == MESSAGE
    assert len(fault_server.requests) == 3
    assert fault_server.connections == 3


def test_close_ends_a_running_trickle_at_once(fault_server: FaultServer, http: httpx.Client) -> None:
    """Closing the server stops a trickle long before its ``max_seconds``."""
    fault_server.enqueue(TrickleJson(interval=0.05, max_seconds=20.0))
    with http.stream("POST", PATH, json=BODY, timeout=2.0) as reply:
        assert reply.status_code == 200
        start = time.monotonic()
        fault_server.close()
        with pytest.raises(httpx.RemoteProtocolError):
            reply.read()
    assert time.monotonic() - start < 1.0
