"""https through the default transports: verified as httpx verifies, with one TLS context per process,
made with its CA certificates at the first https request.

The server is a local HTTPS server with a certificate that a test CA signed (``tls/ca.pem``, also
as ``tls/capath/<subject hash>.0``; the server's key and certificate, valid 2000 to 2999, are
``tls/server.pem``). No trust store holds that CA: the default verification refuses the server, a
client whose ``http_client`` trusts the CA reaches it, and so does a default client run with
``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` naming the CA.
"""

from __future__ import annotations

import http.server
import json
import os
import ssl
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

import claude_core

from ..conftest import MODEL, USER, Api

TLS = Path(__file__).parent / "tls"
CA = TLS / "ca.pem"
PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}
REPLY = json.dumps(
    {
        "id": "msg_tls",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": "over TLS"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 3, "output_tokens": 2},
    }
).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(REPLY)))
        self.end_headers()
        self.wfile.write(REPLY)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def https_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "server.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _refused(api: Api, client: Any) -> None:
    with pytest.raises(claude_core.APIConnectionError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    assert "CERTIFICATE_VERIFY_FAILED" in repr(caught.value.__cause__)


def test_the_default_transport_refuses_a_server_no_trusted_ca_signed(api: Api, https_url: str) -> None:
    _refused(api, api.make(base_url=https_url, max_retries=0))


def test_an_http_client_of_ones_own_verifies_with_its_own_context(api: Api, https_url: str) -> None:
    trusting = ssl.create_default_context(cafile=str(CA))
    kind = claude_core.DefaultAsyncHttpxClient if api.is_async else claude_core.DefaultHttpxClient
    client = api.make(base_url=https_url, max_retries=0, http_client=kind(verify=trusting))
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message.content[0].text == "over TLS"
    # the default transports still refuse the server: the shared context is not the client's
    _refused(api, api.make(base_url=https_url, max_retries=0))


#: In a fresh interpreter: a call over http://, then one over https://; prints whether the shared
#: context existed after the first, its settings, and the settings of ``httpx.create_ssl_context()``.
_FRESH = """
import json, sys, httpx, claude_core
from claude_core._transport import default as _http
from claude_emulator import Emulator

def settings(context):
    return [str(getattr(context, name)) for name in (
        "protocol", "verify_mode", "check_hostname", "options", "verify_flags", "minimum_version",
        "maximum_version", "post_handshake_auth", "hostname_checks_common_name", "keylog_filename",
    )] + [context.cert_store_stats(), sorted(ca["serialNumber"] for ca in context.get_ca_certs())]

params = {"model": "claude-sonnet-4-5", "max_tokens": 8, "messages": [{"role": "user", "content": "hi"}]}
with Emulator() as emu, claude_core.Anthropic(api_key="k", base_url=emu.base_url) as plain:
    plain.messages.create(**params)
after_http = _http._tls_context is None
try:
    with claude_core.Anthropic(api_key="k", base_url=sys.argv[1], max_retries=0) as secure:
        reply = secure.messages.create(**params).content[0].text
except claude_core.APIConnectionError as exc:
    reply = repr(exc.__cause__)
print(json.dumps({
    "after_http": after_http, "reply": reply,
    "shared": settings(_http._tls_context), "httpx": settings(httpx.create_ssl_context()),
}))
"""


def _fresh(https_url: str, **env: str) -> Dict[str, Any]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SSL_CERT_", "ANTHROPIC_", "CLAUDE_CORE_"))}
    result = subprocess.run(
        [sys.executable, "-c", _FRESH, https_url],
        capture_output=True,
        text=True,
        env={**environment, **env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found: Dict[str, Any] = json.loads(result.stdout)
    return found


def test_certifi_verifies_as_in_httpx_and_loads_at_the_first_https_request(https_url: str) -> None:
    found = _fresh(https_url)
    assert found["after_http"] is True  # an http:// call made no TLS context (so loaded no CA either)
    assert "CERTIFICATE_VERIFY_FAILED" in found["reply"]
    assert found["shared"] == found["httpx"]
    assert found["shared"][-2]["x509_ca"] > 100  # certifi's bundle, as SSL_CERT_* are unset


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "SSL_CERT_DIR"])
def test_ssl_cert_variables_choose_the_cas_as_in_httpx(https_url: str, variable: str) -> None:
    # SSL_CERT_DIR names a directory of certificates named by subject hash (``openssl rehash``),
    # read as verifying needs them: only the shared context, which verified the server, holds one
    by_file = variable == "SSL_CERT_FILE"
    found = _fresh(https_url, **{variable: str(CA if by_file else TLS / "capath")})
    assert found["reply"] == "over TLS"
    compared = slice(None) if by_file else slice(-2)
    assert found["shared"][compared] == found["httpx"][compared]


def test_ca_certificates_that_do_not_load_fail_the_first_https_request_at_once(https_url: str) -> None:
    code = (
        "import sys, claude_core\n"
        "client = claude_core.Anthropic(api_key='k', base_url=sys.argv[1], max_retries=5)\n"
        "try:\n"
        f"    client.messages.create(**{PARAMS!r})\n"
        "except claude_core.APIConnectionError:\n"
        "    print('retried as a connection error')\n"
        "except claude_core.AnthropicError as exc:\n"
        "    print(exc)\n"
    )
    missing = str(TLS / "missing.pem")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    result = subprocess.run(
        [sys.executable, "-c", code, https_url],
        capture_output=True,
        text=True,
        env={**environment, "SSL_CERT_FILE": missing},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"did not load from {missing}" in result.stdout


#: In a fresh interpreter: an http:// client starts no CA load; an https:// one starts it in the
#: background when built, so it is done before the first request, which then answers.
_BUILT = """
import json, sys, claude_core
from claude_core._transport import default as _http

params = {"model": "claude-sonnet-4-5", "max_tokens": 8, "messages": [{"role": "user", "content": "hi"}]}
claude_core.Anthropic(api_key="k", base_url="http://127.0.0.1:9")
after_http = [_http._tls_loader is None, _http._tls_context is None]
client = claude_core.Anthropic(api_key="k", base_url=sys.argv[1], max_retries=0)
loader = _http._tls_loader
loader.join(30)
loaded_before_the_request = _http._tls_ready
reply = client.messages.create(**params).content[0].text
found = {"after_http": after_http, "loader": loader.name, "daemon": loader.daemon}
found.update(loaded=loaded_before_the_request, reply=reply)
print(json.dumps(found))
"""


def test_an_https_client_loads_the_ca_certificates_in_the_background_when_built(https_url: str) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SSL_CERT_", "ANTHROPIC_", "CLAUDE_CORE_"))}
    result = subprocess.run(
        [sys.executable, "-c", _BUILT, https_url],
        capture_output=True,
        text=True,
        env={**environment, "SSL_CERT_FILE": str(CA)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["after_http"] == [True, True]
    assert found["loader"] == "claude-core-tls"
    assert found["daemon"] is False  # shutdown waits for a load inside OpenSSL
    assert found["loaded"] is True
    assert found["reply"] == "over TLS"


#: A process forks while the background load holds the lock (held here by hand, to be sure):
#: the child's first https request must not wait for a thread the fork did not copy.
_FORKED = """
import os, sys, claude_core
from claude_core._transport import default as _http

params = {"model": "claude-sonnet-4-5", "max_tokens": 8, "messages": [{"role": "user", "content": "hi"}]}
_http._tls_lock.acquire()
claude_core.Anthropic(api_key="k", base_url=sys.argv[1], max_retries=0)
pid = os.fork()
if pid == 0:
    client = claude_core.Anthropic(api_key="k", base_url=sys.argv[1], max_retries=0, timeout=10)
    os._exit(0 if client.messages.create(**params).content[0].text == "over TLS" else 3)
_http._tls_lock.release()
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_child_forked_during_the_background_load_talks_https(https_url: str) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SSL_CERT_", "ANTHROPIC_", "CLAUDE_CORE_"))}
    result = subprocess.run(
        [sys.executable, "-c", _FORKED, https_url],
        capture_output=True,
        text=True,
        env={**environment, "SSL_CERT_FILE": str(CA)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_processes_that_exit_as_soon_as_an_https_client_is_built_exit_cleanly() -> None:
    """A script that builds a client and ends (a CLI's ``--help``, an import check) exits while the
    background CA load may still be inside OpenSSL: shutdown waits for it rather than finalising
    under it, which crashed Python 3.9 with SIGSEGV about once in 60 exits on a loaded machine.
    Many at once, to load the machine as CI does."""
    code = "import claude_core\nclaude_core.Anthropic(api_key='k')\n"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SSL_CERT_", "ANTHROPIC_", "CLAUDE_CORE_"))}
    processes = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        for _ in range(24)
    ]
    outcomes = [(process.wait(60), process.communicate()[1]) for process in processes]
    assert outcomes == [(0, b"")] * len(processes)
