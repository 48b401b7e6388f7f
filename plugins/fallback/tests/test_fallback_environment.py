"""``CLAUDE_FALLBACK`` names the chain for every client of a process, through the ``fallback`` entry
point; installed but not set, the plugin has no hooks and loads nothing more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from typing import Any, Dict, List

import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from claude_fallback import Bedrock, ClientDeployment, Fallback, Vertex, from_environment
from claude_fallback.environment import parse_entry
from fallback_support import (  # noqa: F401
    BEDROCK_MODEL,
    first_fixture,
    isolated_env_fixture,
    second_fixture,
    servers_fixture,
)

_CHILD = """
import asyncio, json, sys

import claude_core
from claude_core.plugins import describe

out = {"hooks": [row.get("hooks") for row in describe() if row["name"] == "fallback"]}
hi = [{"role": "user", "content": "Hi"}]
client = claude_core.Anthropic(max_retries=0)
message = client.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=hi)
out["sync"] = message._provider.name


async def main():
    async with claude_core.AsyncAnthropic(max_retries=0) as aclient:
        message = await aclient.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=hi)
        return message._provider.name


out["async"] = asyncio.run(main())
out["modules"] = sorted(name for name in sys.modules if name.startswith(("claude_fallback", "botocore", "google")))
print(json.dumps(out))
"""


def run_child(env: Dict[str, str]) -> Any:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_", "AWS_"))}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], env={**base, **env}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_environment_chain_fails_over_in_every_client(first: Emulator, second: Emulator) -> None:
    env = {
        "CLAUDE_FALLBACK": "anthropic, bedrock:us-east-1",
        "ANTHROPIC_API_KEY": first.api_key,
        "ANTHROPIC_BASE_URL": first.base_url,
        "ANTHROPIC_BEDROCK_BASE_URL": second.base_url,
        "AWS_ACCESS_KEY_ID": EMULATOR_AWS_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": EMULATOR_AWS_SECRET_ACCESS_KEY,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    first.enqueue(status=529)
    first.enqueue(status=529)
    out = run_child(env)
    assert out["sync"] == "bedrock" and out["async"] == "bedrock"
    assert out["hooks"] == [["claude_call_observer", "claude_retry_policy", "claude_route_call"]]
    assert [r.path for r in second.requests] == [f"/model/{BEDROCK_MODEL}/invoke"] * 2
    assert second.requests[0].headers["authorization"].startswith("AWS4-HMAC-SHA256")


def test_installed_but_not_configured_it_has_no_hooks_and_loads_nothing(first: Emulator) -> None:
    out = run_child({"ANTHROPIC_API_KEY": first.api_key, "ANTHROPIC_BASE_URL": first.base_url})
    assert out["hooks"] == [[]] and out["sync"] == out["async"] == "anthropic"
    assert out["modules"] == ["claude_fallback", "claude_fallback.plugin"]


def test_a_malformed_variable_is_reported_naming_it(first: Emulator) -> None:
    env = {"CLAUDE_FALLBACK": "anthropic,bedrock:us-east-1:us:extra", "ANTHROPIC_API_KEY": first.api_key}
    env["ANTHROPIC_BASE_URL"] = first.base_url
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_", "AWS_"))}
    code = "import claude_core; claude_core.Anthropic().models.list()"
    done = subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "'fallback' (claude_fallback.plugin:PLUGIN): ValueError: CLAUDE_FALLBACK:" in done.stderr
    assert "'bedrock:us-east-1:us:extra' is not of the form" in done.stderr


def test_the_entries_and_settings_it_reads() -> None:
    fallback = from_environment(
        {
            "CLAUDE_FALLBACK": "anthropic,bedrock:us-east-1:us,bedrock:eu-west-1,vertex:us-east5:my-project,bedrock",
            "CLAUDE_FALLBACK_ON_STATUS": "429, 403",
            "CLAUDE_FALLBACK_BREAKER": "failures=3,window=20,cooldown=7.5",
        }
    )
    assert isinstance(fallback, Fallback)
    kinds: List[Any] = [(type(d).__name__, d.name) for d in fallback.chain]
    assert kinds == [
        ("ClientDeployment", "anthropic"),
        ("Bedrock", "bedrock:us-east-1:us"),
        ("Bedrock", "bedrock:eu-west-1"),
        ("Vertex", "vertex:us-east5"),
        ("ClientDeployment", "bedrock"),
    ]
    bedrock, vertex = fallback.chain[1], fallback.chain[3]
    assert isinstance(bedrock, Bedrock) and bedrock.inference_profile == "us"
    assert isinstance(vertex, Vertex) and vertex.options.extra == {"region": "us-east5", "project_id": "my-project"}
    assert fallback.on_status == {429, 403}
    assert (fallback.breakers.failures, fallback.breakers.window, fallback.breakers.cooldown) == (3, 20.0, 7.5)
    assert from_environment({}) is None and from_environment({"CLAUDE_FALLBACK": " "}) is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CLAUDE_FALLBACK": "anthropic,,bedrock:"}, r"CLAUDE_FALLBACK: fallback deployment 'bedrock:' is not of the"),
        ({"CLAUDE_FALLBACK": "vertex:a:b:c"}, r"'vertex:a:b:c' is not of the form a provider's name"),
        ({"CLAUDE_FALLBACK": "anthropic", "CLAUDE_FALLBACK_ON_STATUS": "429;403"}, r"CLAUDE_FALLBACK_ON_STATUS="),
        ({"CLAUDE_FALLBACK": "anthropic", "CLAUDE_FALLBACK_BREAKER": "failures=2,cool=1"}, r"'failures=5,window="),
        ({"CLAUDE_FALLBACK": "anthropic,anthropic"}, r"the chain names 'anthropic' twice"),
    ],
)
def test_malformed_settings_name_the_variable(env: Dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_environment(env)


def test_parse_entry_forms() -> None:
    assert isinstance(parse_entry("anthropic"), ClientDeployment)
    assert parse_entry(" bedrock:ap-northeast-1:apac ").name == "bedrock:ap-northeast-1:apac"
    with pytest.raises(ValueError, match="inference_profile= is a prefix"):
        parse_entry("bedrock:us-east-1:US!")


def test_the_distribution_and_its_entry_point() -> None:
    distribution = metadata.distribution("claude-fallback")
    points = {(point.group, point.name): point.value for point in distribution.entry_points}
    assert points[("claude_core.plugins", "fallback")] == "claude_fallback.plugin:PLUGIN"
    assert [r for r in distribution.requires or [] if "extra ==" not in r] == ["claude-core"]
