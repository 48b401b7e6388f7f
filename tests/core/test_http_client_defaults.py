"""What a client takes from an ``http_client=`` of one's own, and what the SDK's httpx clients set up.

As in the official SDK: without ``timeout=``, a client takes its ``http_client``'s timeout only
when that is not httpx's default (5 s), else the SDK's 600 s, and every request carries it.
``DefaultHttpxClient`` / ``DefaultAsyncHttpxClient`` and the default transport open their
connections with TCP keep-alive probes (after 60 s idle, every 60 s, 5 of them), which a plain
``httpx`` client does not.
"""

from __future__ import annotations

import socket
from typing import Any, Dict, List

import httpx
import pytest

import claude_core

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}


def _hooked(api: Api, kind: str, sent: List[Dict[str, Any]], **kwargs: Any) -> Any:
    """An ``http_client`` of ``kind`` that records each request's timeout extension."""

    def remember(request: httpx.Request) -> None:
        sent.append(request.extensions["timeout"])

    async def aremember(request: httpx.Request) -> None:
        remember(request)

    hooks = {"request": [aremember if api.is_async else remember]}
    if kind == "httpx":
        made: Any = httpx.AsyncClient if api.is_async else httpx.Client
    else:
        made = claude_core.DefaultAsyncHttpxClient if api.is_async else claude_core.DefaultHttpxClient
    return made(event_hooks=hooks, **kwargs)


@pytest.mark.parametrize(
    ("kind", "kwargs", "read"),
    [
        ("httpx", {}, 600.0),  # httpx's default 5 s: the SDK's instead
        ("httpx", {"timeout": 5.0}, 600.0),  # the same, spelt out: httpx's default all the same
        ("httpx", {"timeout": 30.0}, 30.0),
        ("httpx", {"timeout": httpx.Timeout(7.0, read=45.0)}, 45.0),
        ("DefaultHttpxClient", {}, 600.0),
        ("DefaultHttpxClient", {"timeout": 12.0}, 12.0),
    ],
)
def test_a_client_takes_its_http_clients_timeout_unless_it_is_httpxs_default(
    api: Api, kind: str, kwargs: Dict[str, Any], read: float
) -> None:
    sent: List[Dict[str, Any]] = []
    client = api.make(http_client=_hooked(api, kind, sent, **kwargs))
    assert api(lambda c: c.messages.create(**PARAMS), client).content[0].text
    assert client.timeout.read == read
    assert [timeout["read"] for timeout in sent] == [read]


def test_a_timeout_argument_wins_over_the_http_clients(api: Api) -> None:
    sent: List[Dict[str, Any]] = []
    client = api.make(http_client=_hooked(api, "httpx", sent, timeout=30.0), timeout=90.0)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert [timeout["read"] for timeout in sent] == [90.0]


def test_the_http_clients_own_timeout_is_enforced(api: Api) -> None:
    api.emulator.enqueue(delay=2.0)
    client = api.make(http_client=_hooked(api, "httpx", [], timeout=0.3), max_retries=0)
    with pytest.raises(claude_core.APITimeoutError):
        api(lambda c: c.messages.create(**PARAMS), client)


def _keepalive(api: Api, client: Any) -> Dict[str, int]:
    """The keep-alive options of the socket the client's call went over."""
    raw = api(lambda c: c.messages.with_raw_response.create(**PARAMS), client)
    sock = raw.http_response.extensions["network_stream"].get_extra_info("socket")
    options = {"SO_KEEPALIVE": sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)}
    for name in ("TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT"):
        if hasattr(socket, name):
            options[name] = sock.getsockopt(socket.IPPROTO_TCP, getattr(socket, name))
    return options


@pytest.mark.skipif(not hasattr(socket, "TCP_KEEPIDLE"), reason="Linux's keep-alive socket options")
@pytest.mark.parametrize("kind", ["default transport", "DefaultHttpxClient", "httpx"])
def test_connections_probe_idle_peers_with_tcp_keepalive(api: Api, kind: str) -> None:
    http_client = None if kind == "default transport" else _hooked(api, kind, [])
    found = _keepalive(api, api.make(http_client=http_client))
    if kind == "httpx":
        assert found["SO_KEEPALIVE"] == 0
    else:
        assert found == {"SO_KEEPALIVE": 1, "TCP_KEEPIDLE": 60, "TCP_KEEPINTVL": 60, "TCP_KEEPCNT": 5}
