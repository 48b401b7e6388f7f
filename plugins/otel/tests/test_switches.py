"""When the plugin traces: installed, it traces clients of a process with a tracer provider and no
others; the environment and each client can turn it off. Each case runs in a fresh interpreter,
where the entry point is loaded as an installed plugin is and the global providers are untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any, Dict

import pytest
from claude_emulator import Emulator
from otel_support import MODEL, isolated_env_fixture, server_fixture, servers_fixture  # noqa: F401

#: Runs calls with the entry point's plugin (the global providers), prints what happened.
SCRIPT = """
import json, sys
import claude_core

def call(**kwargs):
    client = claude_core.Anthropic(api_key=KEY, base_url=URL, **kwargs)
    client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "Hi"}])
    with client.messages.stream(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "Hi"}]) as s:
        s.until_done()

import claude_otel.tracing
asked = []
ask = claude_otel.tracing.Tracing._instruments
def counting(self, info):
    asked.append(info.endpoint)
    return ask(self, info)
claude_otel.tracing.Tracing._instruments = counting

report = {}
call()
report["loaded_before"] = "opentelemetry" in sys.modules
report["asked_untraced"] = len(asked)  # a create and a stream
asked.clear()
from claude_core.plugins import get_plugin_manager
report["plugin"] = repr(get_plugin_manager().get_plugin("otel"))
if CONFIGURE:
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    call()
    report["traced"] = [span.name for span in exporter.get_finished_spans()]
    report["asked_traced"] = len(asked)
    exporter.clear()
    call(disable_plugins=["otel"])
    call(provider_options={"otel": False})
    report["off_per_client"] = [span.name for span in exporter.get_finished_spans()]
print(json.dumps(report))
"""


def run(server: Emulator, configure: bool, **env: str) -> Dict[str, Any]:
    code = (
        f"KEY = {server.api_key!r}\nURL = {server.base_url!r}\nMODEL = {MODEL!r}\nCONFIGURE = {configure!r}\n" + SCRIPT
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_", "OTEL_"))}
    environment.update(env)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    report: Dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_installed_it_traces_once_a_tracer_provider_is_set(server: Emulator) -> None:
    report = run(server, configure=True)
    assert report["plugin"] == "claude_otel.Tracing()"
    assert report["loaded_before"] is False  # no tracer provider, no import of opentelemetry
    assert report["asked_untraced"] == 1  # an untraced client asks once: its stream does not ask again
    assert report["asked_traced"] == 2
    assert report["traced"] == [f"chat {MODEL}", f"chat {MODEL}"]  # create and stream of a new client
    assert report["off_per_client"] == []


@pytest.mark.parametrize("env", [{"OTEL_SDK_DISABLED": "true"}, {"CLAUDE_OTEL": "0"}], ids=["sdk-disabled", "off"])
def test_the_environment_turns_it_off(server: Emulator, env: Dict[str, str]) -> None:
    report = run(server, configure=True, **env)
    assert report["plugin"].startswith("claude_otel: off")
    assert report["traced"] == []
