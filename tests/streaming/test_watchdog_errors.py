"""Which failed read of a stream is the stall watchdog firing: the decision both readers share
(``streaming.core.wire_error``), over every transport's way of timing a read."""

from __future__ import annotations

from typing import Optional

import httpx
import pytest

import claude_core
from claude_core import ClientOptions
from claude_core.providers.anthropic import AnthropicProvider
from claude_core.streaming.core import StreamCore, wire_error
from claude_core.types.stream_events import validate_stream_event

PROVIDER = AnthropicProvider(ClientOptions(api_key="k"))


def core_for(read_timeout: Optional[float], idle_timeout: Optional[float]) -> StreamCore:
    """A stream's core whose request was sent with ``read_timeout`` and watched for ``idle_timeout``."""
    timeout = httpx.Timeout(5.0, read=read_timeout)
    request = httpx.Request("POST", "http://x", extensions={"timeout": timeout.as_dict()})
    response = httpx.Response(200, request=request)
    return StreamCore(response, PROVIDER, validate=validate_stream_event, idle_timeout=idle_timeout)


def test_a_read_timeout_that_is_the_idle_limit_is_the_watchdog_even_before_its_time() -> None:
    # aiohttp starts a read's clock when the last bytes arrived, before the core read them: its
    # timeout may come while the core's own clock still has a moment left
    core = core_for(read_timeout=30.0, idle_timeout=30.0)
    assert core.seconds_left() is not None and core.seconds_left() > 0  # type: ignore[operator]
    error = wire_error(httpx.ReadTimeout("timed out"), core)
    assert isinstance(error, claude_core.APITimeoutError)
    assert str(error) == "No stream event for 30.0 s (stream_idle_timeout)."
    assert isinstance(error.__cause__, httpx.ReadTimeout)


def test_a_read_timeout_shorter_than_the_idle_limit_is_its_own() -> None:
    core = core_for(read_timeout=10.0, idle_timeout=30.0)  # the caller's read timeout is the shorter
    error = wire_error(httpx.ReadTimeout("timed out"), core)
    assert isinstance(error, claude_core.APITimeoutError)
    assert str(error) == "Timed out reading the stream."


@pytest.mark.parametrize("exc", [TimeoutError(), httpx.ConnectTimeout("no"), httpx.PoolTimeout("no")])
def test_other_timeouts_are_the_watchdog_only_once_its_time_is_up(exc: Exception) -> None:
    core = core_for(read_timeout=30.0, idle_timeout=30.0)
    assert "stream_idle_timeout" not in str(wire_error(exc, core))
    expired = core_for(read_timeout=30.0, idle_timeout=0.0)
    assert "stream_idle_timeout" in str(wire_error(exc, expired))


def test_without_a_watchdog_a_read_timeout_is_its_own() -> None:
    error = wire_error(httpx.ReadTimeout("timed out"), core_for(read_timeout=None, idle_timeout=None))
    assert str(error) == "Timed out reading the stream."
