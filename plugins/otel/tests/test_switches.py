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


#: The application imports and uses the OpenTelemetry API (a tracer, a span) but sets no tracer
#: provider: the API's default proxy one. Counts what the plugin does for a client then, and after
#: an SDK tracer provider is set.
API_WITHOUT_PROVIDER = """
import json
import claude_core
from opentelemetry import trace

tracer = trace.get_tracer("the application")

def call(client):
    client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "Hi"}])
    with client.messages.stream(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "Hi"}]) as s:
        s.until_done()

import claude_otel._spans, claude_otel.tracing
seen = {"asked": 0, "instruments": [], "call_spans": 0}
ask = claude_otel.tracing.Tracing._instruments
def counting(self, info):
    seen["asked"] += 1
    return ask(self, info)
claude_otel.tracing.Tracing._instruments = counting
make = claude_otel._spans.instruments_for
def recording(*args):
    made = make(*args)
    seen["instruments"].append(made is not None)
    return made
claude_otel._spans.instruments_for = recording
span_init = claude_otel._spans.CallSpan.__init__
def spanning(self, *args):
    seen["call_spans"] += 1
    span_init(self, *args)
claude_otel._spans.CallSpan.__init__ = spanning

def taken():
    report = dict(seen, instruments=list(seen["instruments"]))
    seen.update(asked=0, instruments=[], call_spans=0)
    return report

report = {}
first = claude_core.Anthropic(api_key=KEY, base_url=URL)
with tracer.start_as_current_span("application work") as work:
    report["application_span_recording"] = work.is_recording()
    call(first)
    call(first)
report["provider"] = type(trace.get_tracer_provider()).__name__
report["untraced"] = taken()

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)
call(first)
report["first_client_after"] = dict(taken(), spans=[span.name for span in exporter.get_finished_spans()])
exporter.clear()
call(claude_core.Anthropic(api_key=KEY, base_url=URL))
report["new_client_after"] = dict(taken(), spans=[span.name for span in exporter.get_finished_spans()])
print(json.dumps(report))
"""


def run(server: Emulator, configure: bool, script: str = SCRIPT, **env: str) -> Dict[str, Any]:
    code = (
        f"KEY = {server.api_key!r}\nURL = {server.base_url!r}\nMODEL = {MODEL!r}\nCONFIGURE = {configure!r}\n" + script
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


def test_an_imported_api_without_a_tracer_provider_traces_nothing(server: Emulator) -> None:
    """opentelemetry imported and used, no tracer provider set: the client is untraced from its first
    call (no instruments, no span made, asked once); a client made after a provider is set is traced."""
    report = run(server, configure=False, script=API_WITHOUT_PROVIDER)
    assert report["provider"] == "ProxyTracerProvider"  # the API's default: nothing configured
    assert report["application_span_recording"] is False
    # decided on the first call (no instruments), never asked again: the next three calls cost nothing
    assert report["untraced"] == {"asked": 1, "instruments": [False], "call_spans": 0}
    # decided once per client: setting a provider later does not trace a client already untraced
    assert report["first_client_after"] == {"asked": 0, "instruments": [], "call_spans": 0, "spans": []}
    new = report["new_client_after"]
    assert new["instruments"] == [True]
    assert new["call_spans"] == 2
    assert new["spans"] == [f"chat {MODEL}", f"chat {MODEL}"]  # its create and its stream
