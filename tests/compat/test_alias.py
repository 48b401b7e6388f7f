"""Code written for the official SDK runs unchanged on claude-core through ``claude_core.alias``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from claude_emulator import Emulator

import claude_core
import claude_core.alias

USER_CODE = Path(__file__).parent / "official" / "user_code.py"
SEED = Path(__file__).parent / "official" / "readme_tool_helpers.py"
RUN = (
    "import claude_core.alias, runpy, sys; claude_core.alias.install(); "
    "runpy.run_path(sys.argv[1], run_name='__main__')"
)


def run_unchanged(path: Path, emulator: Emulator) -> str:
    """Run the official-SDK program ``path`` through the alias against ``emulator``; its output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    env.update(ANTHROPIC_BASE_URL=emulator.base_url, ANTHROPIC_API_KEY=emulator.api_key, COLUMNS="200")
    done = subprocess.run([sys.executable, "-c", RUN, str(path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_official_sdk_code_runs_unchanged_through_the_alias(emulator: Emulator) -> None:
    assert "official-sdk code ran: 4 traced calls True" in run_unchanged(USER_CODE, emulator)


def test_the_readme_tool_runner_example_runs_unchanged(emulator: Emulator) -> None:
    """The official README's tool helpers example: two turns, printed by rich."""
    out = run_unchanged(SEED, emulator)
    assert out.count("Message(") == 2, out
    assert "stop_reason='tool_use'" in out and "stop_reason='end_turn'" in out
    first, second = (request.json() for request in emulator.requests)
    assert first["model"] == "claude-sonnet-4-5-20250929" and first["tools"][0]["name"] == "get_weather"
    location = first["tools"][0]["input_schema"]["properties"]["location"]
    assert location["description"] == "The city and state, e.g. San Francisco, CA"
    result = second["messages"][2]["content"][0]
    assert result["type"] == "tool_result" and '"temperature": "68\\u00b0F"' in result["content"]


def test_alias_modules_are_claude_cores_own() -> None:
    claude_core.alias.install()
    try:
        import anthropic  # type: ignore[import-not-found]
        import anthropic.resources.messages  # type: ignore[import-not-found]

        assert anthropic is claude_core
        assert anthropic.resources.messages.Messages is claude_core.resources.messages.Messages
        assert claude_core.__spec__ is not None and claude_core.__spec__.name == "claude_core"
    finally:
        claude_core.alias.uninstall()
    assert not claude_core.alias.installed() and "anthropic" not in sys.modules
