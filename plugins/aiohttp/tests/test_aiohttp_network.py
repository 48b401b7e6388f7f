"""Over aiohttp, on real sockets: timeouts, refused connections, https with a test CA, proxies from the environment."""

from __future__ import annotations

import socket
import ssl
import time
from typing import Iterator, List

import httpx
import pytest
from aiohttp_support import PARAMS, Seen, client, delta_text, emu, fresh  # noqa: F401  (emu, fresh: fixtures)
from claude_aiohttp import AiohttpTransport
from claude_emulator import Emulator

import claude_core
from tests.core.local_proxy import TLS, ForwardProxy, LocalServers

PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"]


@pytest.fixture
def blackhole() -> Iterator[str]:
    """A base URL whose TCP handshakes never finish: a listener whose accept queue is full."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers: List[socket.socket] = []
    for _ in range(4):  # a queue of backlog + 1: these fill it, and later SYNs are dropped
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    for s in fillers:
        s.close()
    listener.close()


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


async def test_a_connect_that_does_not_finish_is_a_connect_timeout(emu: Emulator, blackhole: str) -> None:
    timeout = httpx.Timeout(30, connect=0.3)
    async with client(emu, Seen(), base_url=blackhole, max_retries=0, timeout=timeout) as c:
        started = time.monotonic()
        with pytest.raises(claude_core.APITimeoutError) as caught:
            await c.messages.create(**PARAMS)
    assert 0.25 <= time.monotonic() - started < 5
    assert isinstance(caught.value.__cause__, httpx.ConnectTimeout)


async def test_a_refused_connection_is_a_connection_error_retried_as_with_httpx(emu: Emulator) -> None:
    url = f"http://127.0.0.1:{_unused_port()}"
    async with client(emu, Seen(), base_url=url, max_retries=1) as c:
        with pytest.raises(claude_core.APIConnectionError) as caught:
            await c.messages.create(**PARAMS)
    assert type(caught.value) is claude_core.APIConnectionError
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


async def test_a_reply_slower_than_the_read_timeout_is_a_timeout(emu: Emulator) -> None:
    async with client(emu, Seen(), max_retries=0, timeout=httpx.Timeout(30, read=0.3)) as c:
        emu.enqueue(delay=3)
        started = time.monotonic()
        with pytest.raises(claude_core.APITimeoutError) as caught:
            await c.messages.create(**PARAMS)
    assert time.monotonic() - started < 2
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


@pytest.mark.parametrize("shape", ["create", "stream"])
async def test_a_stream_that_stalls_times_out_after_the_read_timeout(emu: Emulator, shape: str) -> None:
    async with client(emu, Seen(), max_retries=0, timeout=httpx.Timeout(30, read=0.4)) as c:
        emu.enqueue(stall_after_events=3, stall_seconds=4)
        started = time.monotonic()
        with pytest.raises(claude_core.APITimeoutError):
            if shape == "create":
                async for _event in await c.messages.create(**PARAMS, stream=True):
                    pass
            else:
                async with c.messages.stream(**PARAMS) as stream:
                    async for _text in stream.text_stream:
                        pass
    assert 0.35 <= time.monotonic() - started < 3


async def test_each_read_has_the_whole_read_timeout(emu: Emulator) -> None:
    # a stream slower overall than the read timeout, but never silent that long, completes
    async with client(emu, Seen(), timeout=httpx.Timeout(30, read=0.5)) as c:
        emu.enqueue(stall_after_events=2, stall_seconds=0.3)
        events = [e async for e in await c.messages.create(**PARAMS, stream=True)]
    assert events[-1].type == "message_stop"


async def test_the_stream_watchdog_trips_over_aiohttp(emu: Emulator) -> None:
    async with client(emu, Seen(), max_retries=0, stream_idle_timeout=0.4) as c:
        emu.enqueue(stall_after_events=3, stall_seconds=4)
        started = time.monotonic()
        with pytest.raises(claude_core.APITimeoutError):
            async for _event in await c.messages.create(**PARAMS, stream=True):
                pass
    assert time.monotonic() - started < 3


# -- https and proxies ------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers(emu: Emulator) -> Iterator[LocalServers]:
    with LocalServers() as running:
        yield running


@pytest.fixture
def https_url(servers: LocalServers, emu: Emulator) -> str:
    return servers.tls_front(emu.port)


@pytest.fixture
def proxy(servers: LocalServers, monkeypatch: pytest.MonkeyPatch) -> ForwardProxy:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    servers.proxy.reset()
    return servers.proxy


async def _create_and_stream(c: claude_core.AsyncAnthropic) -> str:
    async with c:
        message = await c.messages.create(**PARAMS)
        events = [e async for e in await c.messages.create(**PARAMS, stream=True)]
    assert message.content[0].text == delta_text(events)
    return str(message.content[0].text)


async def test_https_servers_are_verified_with_ssl_cert_file(
    emu: Emulator, https_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    assert (await _create_and_stream(client(emu, Seen(), base_url=https_url))).startswith("Echo:")


async def test_https_servers_are_verified_with_ssl_cert_dir(
    emu: Emulator, https_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.setenv("SSL_CERT_DIR", str(TLS / "capath"))
    assert (await _create_and_stream(client(emu, Seen(), base_url=https_url))).startswith("Echo:")


async def test_an_untrusted_https_server_is_refused(
    emu: Emulator, https_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)  # certifi's CAs do not hold the test CA
    async with client(emu, Seen(), base_url=https_url, max_retries=0) as c:
        with pytest.raises(claude_core.APIConnectionError) as caught:
            await c.messages.create(**PARAMS)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert "CERTIFICATE_VERIFY_FAILED" in repr(caught.value.__cause__.__cause__)


async def test_a_context_given_as_verify_is_used(emu: Emulator, https_url: str) -> None:
    trusting = ssl.create_default_context(cafile=str(TLS / "ca.pem"))
    seen = Seen()
    c = claude_core.AsyncAnthropic(
        api_key=emu.api_key, base_url=https_url, plugins=[AiohttpTransport(verify=trusting), seen]
    )
    assert (await _create_and_stream(c)).startswith("Echo:")
    assert seen.over_aiohttp()


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
async def test_http_requests_go_through_the_proxy_the_environment_names(
    emu: Emulator, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    await _create_and_stream(client(emu, Seen()))
    url = f"{emu.base_url}/v1/messages"
    assert [(p.method, p.target) for p in proxy.passed] == [("POST", url), ("POST", url)]
    assert all(p.headers["x-api-key"] == emu.api_key for p in proxy.passed)


async def test_proxy_credentials_in_the_url_are_sent_to_the_proxy(
    emu: Emulator, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url.replace("http://", "http://user:s3cret@"))
    await _create_and_stream(client(emu, Seen()))
    assert [p.headers.get("proxy-authorization") for p in proxy.passed] == ["Basic dXNlcjpzM2NyZXQ="] * 2


async def test_no_proxy_hosts_connect_directly(
    emu: Emulator, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    await _create_and_stream(client(emu, Seen()))
    assert proxy.passed == []


async def test_https_requests_go_through_one_kept_alive_connect_tunnel(
    emu: Emulator, proxy: ForwardProxy, https_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    await _create_and_stream(client(emu, Seen(), base_url=https_url))
    target = https_url[len("https://") :]
    assert [(p.method, p.target) for p in proxy.passed] == [("CONNECT", target)]
    assert proxy.tunnelled_bytes > 0


async def test_an_unsupported_proxy_scheme_is_a_clear_error(
    emu: Emulator, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(
        claude_core.PluginError, match=r"http:// proxies only, and HTTP_PROXY is socks5://127\.0\.0\.1:1080"
    ):
        async with client(emu, Seen()) as c:
            await c.messages.create(**PARAMS)
