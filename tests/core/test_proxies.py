"""Corporate networks: the proxies the environment names are used, as httpx and the official SDK use them.

Requests go through a real forward proxy on 127.0.0.1 (:mod:`.local_proxy`): http targets as
absolute-URI requests, https targets through CONNECT tunnels (to a TLS front of the emulator,
whose certificate the test CA signed). Each case runs sync and async, plain and streamed, through
the default transport, ``DefaultHttpxClient`` and a user's own ``httpx`` client: ``HTTP_PROXY``,
``HTTPS_PROXY`` and ``ALL_PROXY`` (either case) choose the proxy per scheme, ``NO_PROXY`` connects
directly, ``trust_env=False`` on an ``http_client`` ignores the environment. Streams read through a
proxy are still read below httpx.
"""

from __future__ import annotations

import base64
import json
import os
import ssl
import subprocess
import sys
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from claude_emulator import Emulator

import claude_core
from claude_core._transport.socket_body import _connection

from ..conftest import MODEL, USER, Api
from .local_proxy import TLS, ForwardProxy, LocalServers

PARAMS: Any = {"model": MODEL, "max_tokens": 32, "messages": USER}
VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"]
ALL_VARIABLES = VARIABLES + [name.lower() for name in VARIABLES]


@pytest.fixture(scope="module")
def servers(emulator_server: Emulator) -> Iterator[LocalServers]:
    with LocalServers() as running:
        yield running


@pytest.fixture(scope="module")
def https_emulator(servers: LocalServers, emulator_server: Emulator) -> str:
    return servers.tls_front(emulator_server.port)


@pytest.fixture
def proxy(servers: LocalServers, monkeypatch: pytest.MonkeyPatch) -> ForwardProxy:
    """The proxy, with nothing passed through it yet, and no proxy variable set."""
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    servers.proxy.reset()
    return servers.proxy


def _trusting() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(TLS / "ca.pem"))


def _calls(api: Api, client: Any) -> List[str]:
    """A plain create and a stream on ``client``; their texts, after checking the stream was read below httpx."""
    plain = api(lambda c: c.messages.create(**PARAMS), client).content[0].text
    if api.is_async:

        async def read() -> str:
            async with await client.messages.create(**PARAMS, stream=True) as events:
                assert _connection(events.response, is_async=True) is not None, "not read below httpx"
                return "".join([e.delta.text async for e in events if e.type == "content_block_delta"])

        streamed = api.run(read())
    else:
        with client.messages.create(**PARAMS, stream=True) as events:
            assert _connection(events.response, is_async=False) is not None, "not read below httpx"
            streamed = "".join(e.delta.text for e in events if e.type == "content_block_delta")
    assert plain and streamed == plain  # the emulator answers the same prompt the same way
    return [plain, streamed]


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
def test_http_requests_go_through_the_proxy_the_environment_names(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    _calls(api, api.make())
    url = f"{api.emulator.base_url}/v1/messages"
    assert [(p.method, p.target) for p in proxy.passed] == [("POST", url), ("POST", url)]
    assert all(p.headers["x-api-key"] == api.emulator.api_key for p in proxy.passed)


def test_proxy_credentials_in_the_url_are_sent_as_proxy_authorization(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url.replace("http://", "http://corp%40user:s3cret@"))
    api(lambda c: c.messages.create(**PARAMS), api.make())
    expected = "Basic " + base64.b64encode(b"corp@user:s3cret").decode()
    assert [p.headers.get("proxy-authorization") for p in proxy.passed] == [expected]


def test_transport_wrappers_see_the_requests_that_go_through_a_proxy(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the claude-test-wrappers fixture plugin stamps each request its two wrappers see
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    api(lambda c: c.messages.create(**PARAMS), api.make(provider_options={"wrappers": []}))
    assert [p.headers.get("x-wrapped") for p in proxy.passed] == ["outer,inner"]


def test_an_https_proxy_variable_does_not_carry_http_requests(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    _calls(api, api.make())
    assert proxy.passed == []


def _http_client(api: Api, kind: str, **kwargs: Any) -> Any:
    if kind == "default transport":
        return None
    if kind == "httpx":
        return httpx.AsyncClient(**kwargs) if api.is_async else httpx.Client(**kwargs)
    made = claude_core.DefaultAsyncHttpxClient if api.is_async else claude_core.DefaultHttpxClient
    return made(**kwargs)


@pytest.mark.parametrize("kind", ["default transport", "DefaultHttpxClient"])
@pytest.mark.parametrize(
    ("no_proxy", "proxied"),
    [("127.0.0.1", False), ("localhost,127.0.0.1", False), ("*", False), ("example.com,10.0.0.0", True)],
)
def test_no_proxy_hosts_connect_directly(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, kind: str, no_proxy: str, proxied: bool
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    _calls(api, api.make(http_client=_http_client(api, kind)))
    assert len(proxy.passed) == (2 if proxied else 0)


@pytest.mark.parametrize("kind", ["httpx", "DefaultHttpxClient"])
@pytest.mark.parametrize("trust_env", [True, False])
def test_an_http_client_uses_the_environment_unless_trust_env_is_false(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, kind: str, trust_env: bool
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    _calls(api, api.make(http_client=_http_client(api, kind, trust_env=trust_env)))
    assert len(proxy.passed) == (2 if trust_env else 0)


def test_default_httpx_client_takes_a_proxy_argument_over_the_environment(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    _calls(api, api.make(http_client=_http_client(api, "DefaultHttpxClient", proxy=proxy.url), max_retries=0))
    assert len(proxy.passed) == 2


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy", "ALL_PROXY"])
def test_https_requests_go_through_a_connect_tunnel(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, https_emulator: str, variable: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    http = _http_client(api, "DefaultHttpxClient", verify=_trusting())
    _calls(api, api.make(base_url=https_emulator, http_client=http))
    target = https_emulator.replace("https://", "")
    assert [(p.method, p.target) for p in proxy.passed] == [("CONNECT", target)]  # one tunnel, kept alive
    assert proxy.tunnelled_bytes > 2000  # the TLS handshake and both calls went through it


def test_an_http_proxy_variable_does_not_carry_https_requests(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, https_emulator: str
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    http = _http_client(api, "DefaultHttpxClient", verify=_trusting())
    _calls(api, api.make(base_url=https_emulator, http_client=http))
    assert proxy.passed == []


#: In a fresh interpreter (the default transport's TLS context is made once per process, with the CA
#: certificates ``SSL_CERT_FILE`` names): plain and streamed calls, sync then async, to the https URL
#: given, through the default transport; prints their texts and whether each stream was read below httpx.
_FRESH = """
import asyncio, json, sys
import claude_core
from claude_core._transport.socket_body import _connection

params = {"model": "claude-sonnet-4-5", "max_tokens": 32, "messages": [{"role": "user", "content": "hi"}]}
found = []
with claude_core.Anthropic(api_key="k", base_url=sys.argv[1], max_retries=0) as client:
    found.append(client.messages.create(**params).content[0].text)
    with client.messages.create(**params, stream=True) as events:
        found.append(_connection(events.response, is_async=False) is not None)
        found.append("".join(e.delta.text for e in events if e.type == "content_block_delta"))

async def main():
    async with claude_core.AsyncAnthropic(api_key="k", base_url=sys.argv[1], max_retries=0) as client:
        found.append((await client.messages.create(**params)).content[0].text)
        async with await client.messages.create(**params, stream=True) as events:
            found.append(_connection(events.response, is_async=True) is not None)
            found.append("".join([e.delta.text async for e in events if e.type == "content_block_delta"]))

asyncio.run(main())
print(json.dumps(found))
"""


@pytest.mark.parametrize("no_proxy", ["", "127.0.0.1"])
def test_the_default_transport_tunnels_https_through_the_proxy(
    proxy: ForwardProxy, https_emulator: str, no_proxy: str
) -> None:
    environment = _environment(SSL_CERT_FILE=str(TLS / "ca.pem"), HTTPS_PROXY=proxy.url, NO_PROXY=no_proxy)
    result = subprocess.run(
        [sys.executable, "-c", _FRESH, https_emulator], capture_output=True, text=True, env=environment, timeout=60
    )
    assert result.returncode == 0, result.stderr
    plain, direct_read, streamed, aplain, adirect_read, astreamed = json.loads(result.stdout)
    assert plain and plain == streamed == aplain == astreamed
    assert direct_read and adirect_read
    target = https_emulator.replace("https://", "")
    if no_proxy:
        assert proxy.passed == []
    else:  # one tunnel per client
        assert [(p.method, p.target) for p in proxy.passed] == [("CONNECT", target)] * 2
        assert proxy.tunnelled_bytes > 4000


def test_an_unusable_proxy_setting_is_a_clear_error_that_shows_no_password(
    api: Api, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "ftp://corp:s3cret@127.0.0.1:21")
    with pytest.raises(claude_core.AnthropicError, match=r"HTTP_PROXY.*not usable.*Unknown scheme") as caught:
        api(lambda c: c.messages.create(**PARAMS), api.make())
    assert "s3cret" not in str(caught.value)


def _environment(**proxies: str) -> Dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ALL_VARIABLES and not k.startswith(("ANTHROPIC_", "SSL_CERT_"))
    }
    environment.update(proxies)
    return environment


def test_a_client_that_talks_http_through_a_proxy_makes_no_tls_context(
    proxy: ForwardProxy, emulator_server: Emulator
) -> None:
    code = (
        "import sys, claude_core\n"
        "from claude_core._transport import default as _http\n"
        "with claude_core.Anthropic(api_key='k', base_url=sys.argv[1]) as client:\n"
        f"    client.messages.create(**{PARAMS!r})\n"
        "print(_http._tls_context is None)\n"
    )
    environment = _environment(HTTP_PROXY=proxy.url, HTTPS_PROXY=proxy.url)
    result = subprocess.run(
        [sys.executable, "-c", code, emulator_server.base_url],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
    assert [p.method for p in proxy.passed] == ["POST"]
