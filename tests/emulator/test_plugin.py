"""The claude_core side: provider class, hook implementations, entry points, a light import."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from claude_emulator import EMULATOR_API_KEY, EmulatorApp, EmulatorTransport
from claude_emulator import plugin as emulator_plugin
from claude_emulator.provider import EmulatorProvider

from claude_core._options import ClientOptions
from claude_core.credentials import APIKeyCredentials
from claude_core.providers.anthropic import AnthropicProvider

PLUGIN_ROOT = Path(__file__).resolve().parents[2] / "plugins" / "emulator"


def test_provider() -> None:
    provider = EmulatorProvider(ClientOptions(provider="emulator"))
    assert provider.name == "emulator"
    assert provider.base_url() == "http://emulator.invalid"
    assert dict(provider.default_headers()) == {"anthropic-version": "2023-06-01"}


def test_transport_hook() -> None:
    for is_async in (False, True):
        transport = emulator_plugin.claude_transport(options=ClientOptions(provider="emulator"), is_async=is_async)
        assert isinstance(transport, EmulatorTransport)
    assert emulator_plugin.claude_transport(options=ClientOptions(), is_async=False) is None
    app = EmulatorApp()
    chosen = emulator_plugin.claude_transport(
        options=ClientOptions(provider="emulator", extra={"emulator_app": app}), is_async=False
    )
    assert chosen is not None and chosen.app is app


def test_credentials_hook() -> None:
    options = ClientOptions(provider="emulator")
    creds = emulator_plugin.claude_credentials(provider=EmulatorProvider(options), options=options)
    assert creds == APIKeyCredentials(api_key=EMULATOR_API_KEY)
    options = ClientOptions(provider="emulator", api_key="mine")
    creds = emulator_plugin.claude_credentials(provider=EmulatorProvider(options), options=options)
    assert creds == APIKeyCredentials(api_key="mine")
    other = ClientOptions()
    assert emulator_plugin.claude_credentials(provider=AnthropicProvider(other), options=other) is None


def test_in_process_request_end_to_end() -> None:
    options = ClientOptions(provider="emulator")
    provider = EmulatorProvider(options)
    transport = emulator_plugin.claude_transport(options=options, is_async=False)
    creds = emulator_plugin.claude_credentials(provider=provider, options=options)
    assert transport is not None and creds is not None and creds.api_key is not None
    headers = {**provider.default_headers(), "x-api-key": creds.api_key.get_secret_value()}
    with httpx.Client(base_url=provider.base_url(), headers=headers, transport=transport) as http:
        assert http.get("/v1/models").status_code == 200


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib")
def test_entry_points_declared() -> None:
    tomllib = importlib.import_module("tomllib")
    project = tomllib.loads((PLUGIN_ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.9"
    assert project["entry-points"]["claude_core.providers"] == {"emulator": "claude_emulator.provider:EmulatorProvider"}
    assert project["entry-points"]["claude_core.plugins"] == {"emulator": "claude_emulator.plugin"}
    assert project["scripts"] == {"claude-emulator": "claude_emulator.cli:main"}


def test_import_is_light() -> None:
    code = "import sys, claude_emulator; print([m for m in sys.modules if m.startswith(('claude_core', 'asyncio'))])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(PLUGIN_ROOT)}
    )
    assert out.stdout.strip() == "[]"


def _entry_point_installed() -> bool:
    from importlib.metadata import entry_points

    return any(ep.name == "emulator" for ep in entry_points().select(group="claude_core.providers"))


@pytest.mark.skipif(sys.version_info < (3, 10) or not _entry_point_installed(), reason="claude-emulator not installed")
@pytest.mark.filterwarnings("ignore:claude_core skipped plugins")  # the core's deliberately broken test plugin
def test_anthropic_provider_emulator() -> None:
    import claude_core

    client = claude_core.Anthropic(provider="emulator")
    message = client.messages.create(
        model="claude-sonnet-4-5", max_tokens=50, messages=[{"role": "user", "content": "offline"}]
    )
    assert message.content[0].text == "Echo: offline"  # type: ignore[union-attr]
