"""Installed plugins cost a first-party call nothing: their heavy dependencies load with their provider.

With every distribution of the repository installed (as the tox environment has them), a fresh
interpreter makes first-party creates (over https with a CA it trusts through ``SSL_CERT_FILE``,
then over http to the emulator, with the key as an argument and from the environment): every
plugin module is loaded, but not botocore, boto3, google-auth, keyring, the providers' own
modules, the emulator's app, nor stevedore (the providers' entry points are not read). Then in
the same process a signed Bedrock call and a Vertex AI call work, and a client with no key
gets the one stored in the OS keyring (keyrings.alt's file backend), through claude-keyring.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator

from .test_tls import CA, https_url  # noqa: F401  (https_url: the local TLS server, a fixture)

#: Dependencies and modules that only a provider's or a feature's own calls may load.
HEAVY = (
    "botocore",
    "boto3",
    "google.auth",
    "google.oauth2",
    "keyring",
    "keyrings",
    "provider_bedrock.provider",
    "provider_bedrock._client",
    "provider_vertex.provider",
    "provider_vertex._client",
    "provider_vertex._google_transport",
    "claude_emulator.app",
    "stevedore",
    "redis",
    "opentelemetry",
    "aiohttp",
    "claude_fallback.routing",
    "claude_ratelimit.limiter",
    "claude_otel._spans",
    # claude-cli's click and rich (and rich's pygments): httpx's own command line loads them when
    # httpx is imported and all three are installed, unless claude_core defers it
    "click",
    "rich",
    "pygments",
)
#: The plugin modules of this repository's distributions, which every client's first request loads.
PLUGINS = (
    "provider_bedrock.plugin",
    "provider_vertex.plugin",
    "claude_keyring.plugin",
    "claude_emulator.plugin",
    "claude_fallback.plugin",
    "claude_ratelimit.plugin",
    "claude_otel.plugin",
    "claude_aiohttp.plugin",
)
STORED_KEY = "sk-ant-api03-stored-in-the-keyring-plugin-costs"
BEDROCK_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
VERTEX_MODEL = "claude-sonnet-4-5@20250929"

#: Run in a fresh interpreter: one call after the other, each followed by the heavy modules loaded so far.
_CHILD = """
import asyncio, json, os, sys

import claude_core

args = json.loads(sys.argv[1])
HEAVY, PLUGINS = args["heavy"], args["plugins"]
out = {}


def create(model, **options):
    params = {"model": model, "max_tokens": 8, "messages": [{"role": "user", "content": "Hello there"}]}
    if args["mode"] == "sync":
        with claude_core.Anthropic(max_retries=0, **options) as client:
            return client.messages.create(**params).content[0].text

    async def go():
        async with claude_core.AsyncAnthropic(max_retries=0, **options) as client:
            return (await client.messages.create(**params)).content[0].text

    return asyncio.run(go())


def step(name, model="claude-sonnet-4-5", **options):
    reply = create(model, **options)
    out[name] = {"reply": reply, "heavy": [module for module in HEAVY if module in sys.modules]}


step("https", api_key="sk-ant-https", base_url=args["https"])
out["plugins"] = [module for module in PLUGINS if module in sys.modules]
step("http", api_key="sk-ant-http", base_url=args["http"])
os.environ["ANTHROPIC_API_KEY"] = "sk-ant-environment"
step("environment", base_url=args["http"])
del os.environ["ANTHROPIC_API_KEY"]
step("bedrock", args["bedrock_model"], provider="bedrock", base_url=args["http"], provider_options=args["aws"])
step("vertex", args["vertex_model"], provider="vertex", base_url=args["http"] + "/v1", provider_options=args["gcp"])
step("keyring", base_url=args["http"])
print(json.dumps(out))
"""


def _environment(tmp_path: Path) -> Dict[str, str]:
    """This environment without the machine's keys, clouds or CA settings; the test CA trusted
    through ``SSL_CERT_FILE``; keyrings.alt's file backend, with its file under ``tmp_path``."""
    dropped = ("ANTHROPIC_", "CLAUDE_CORE_", "SSL_CERT_", "AWS_", "GOOGLE_", "CLOUD_ML_", "XDG_", "PYTHON_KEYRING")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    aws_config = tmp_path / "aws-config"
    aws_config.write_text("")
    return {
        **environment,
        "SSL_CERT_FILE": str(CA),
        "AWS_CONFIG_FILE": str(aws_config),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws_config),
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _store_key(environment: Dict[str, str]) -> None:
    """The first-party key in the keyring file the child reads, written by the ``claude-keyring`` command."""
    script = Path(sys.executable).parent / "claude-keyring"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "claude_keyring"]
    stored = subprocess.run(
        [*command, "set"], input=STORED_KEY, capture_output=True, text=True, env=environment, timeout=60
    )
    assert stored.returncode == 0, stored.stderr


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_first_party_create_loads_no_plugins_dependencies_and_each_provider_loads_its_own(
    emulator: Emulator,
    https_url: str,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
    mode: str,
) -> None:
    environment = _environment(tmp_path)
    _store_key(environment)
    args: Dict[str, Any] = {
        "mode": mode,
        "https": https_url,
        "http": emulator.base_url,
        "heavy": HEAVY,
        "plugins": PLUGINS,
        "bedrock_model": BEDROCK_MODEL,
        "aws": {
            "aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID,
            "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY,
            "aws_region": "us-east-1",
        },
        "vertex_model": VERTEX_MODEL,
        "gcp": {"region": "us-east5", "project_id": "emulator-project", "access_token": emulator.vertex_access_token()},
    }
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(args)], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)

    # every plugin was loaded at the first request, and none of them loaded what it needs for its provider
    assert out["plugins"] == list(PLUGINS)
    assert out["https"] == {"reply": "over TLS", "heavy": []}
    assert out["http"]["heavy"] == [] and out["http"]["reply"]
    assert out["environment"]["heavy"] == [] and out["environment"]["reply"]  # no keyring: the variable comes first

    # then each provider's call loads its own: SigV4 with botocore, the provider modules of Vertex AI
    assert "botocore" in out["bedrock"]["heavy"] and "provider_bedrock.provider" in out["bedrock"]["heavy"]
    assert "provider_vertex.provider" in out["vertex"]["heavy"]
    assert "keyring" not in out["vertex"]["heavy"]
    assert "keyring" in out["keyring"]["heavy"]
    assert all(out[name]["reply"] for name in ("bedrock", "vertex", "keyring"))

    requests = emulator.requests
    assert [request.headers.get("x-api-key") for request in requests[:2]] == ["sk-ant-http", "sk-ant-environment"]
    bedrock, vertex, keyring = requests[2:]
    assert bedrock.path == f"/model/{BEDROCK_MODEL}/invoke"
    assert bedrock.headers["authorization"].startswith(f"AWS4-HMAC-SHA256 Credential={EMULATOR_AWS_ACCESS_KEY_ID}/")
    assert vertex.path.endswith(f"/publishers/anthropic/models/{VERTEX_MODEL}:rawPredict")
    assert vertex.headers["authorization"] == f"Bearer {args['gcp']['access_token']}"
    assert keyring.path == "/v1/messages" and keyring.headers["x-api-key"] == STORED_KEY


_HTTPX_MAIN = """
import sys
if sys.argv[1] == "without":
    sys.modules["click"] = None  # as if httpx's command-line extra were not installed
import claude_core, httpx
loaded = [name for name in ("click", "rich", "pygments") if sys.modules.get(name) is not None]
print(loaded, flush=True)
sys.argv[1:] = ["--help"]
httpx.main()
"""


@pytest.mark.parametrize("extra", ["with", "without"])
def test_httpx_command_line_loads_when_run_not_when_claude_core_imports_httpx(extra: str) -> None:
    pytest.importorskip("rich")  # installed with claude-cli, as in the tox environments
    result = subprocess.run(
        [sys.executable, "-c", _HTTPX_MAIN, extra], capture_output=True, text=True, timeout=60, env=dict(os.environ)
    )
    assert result.stdout.splitlines()[0] == "[]"
    if extra == "with":  # httpx.main() is httpx's click command: --help prints its usage and exits 0
        assert result.returncode == 0, result.stderr
        assert "Usage: httpx" in result.stdout
    else:
        assert result.returncode == 0 and "pip install 'httpx[cli]'" in result.stderr
