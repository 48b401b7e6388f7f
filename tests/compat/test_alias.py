"""Code written for the official SDK runs unchanged on claude-core through ``claude_core.alias``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

from claude_emulator import Emulator

import claude_core
import claude_core.alias

USER_CODE = Path(__file__).parent / "official" / "user_code.py"
OFFICIAL = Path(__file__).parent / "official"
SEED = OFFICIAL / "readme_tool_helpers.py"
RUN = (
    "import claude_core.alias, runpy, sys; claude_core.alias.install(); "
    "runpy.run_path(sys.argv[1], run_name='__main__')"
)


#: Runs files that ``await`` at top level (as README snippets do), one after the other in one namespace.
RUN_AWAITING = """
import ast, asyncio, sys, claude_core.alias
claude_core.alias.install()
async def main():
    namespace = {"__name__": "__main__"}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as source:
            code = compile(source.read(), path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        pending = eval(code, namespace)
        if pending is not None:
            await pending
asyncio.run(main())
"""


def run_unchanged(path: Path, emulator: Emulator, *, after: Optional[Path] = None) -> str:
    """Run the official-SDK program ``path`` through the alias against ``emulator``; its output.

    With ``after`` (a prelude defining what a snippet uses), both run awaiting at top level.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    env.update(ANTHROPIC_BASE_URL=emulator.base_url, ANTHROPIC_API_KEY=emulator.api_key, COLUMNS="200")
    args = [RUN, str(path)] if after is None else [RUN_AWAITING, str(after), str(path)]
    done = subprocess.run([sys.executable, "-c", *args], env=env, capture_output=True, text=True, timeout=120)
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


def test_the_readme_batch_examples_run_unchanged(emulator: Emulator) -> None:
    """Create and results (awaiting at top level, after a prelude giving ``client`` and ``batch_id``),
    then the pages examples, sync and async."""
    out = run_unchanged(OFFICIAL / "readme_batches_await.py", emulator, after=OFFICIAL / "readme_batches_prelude.py")
    assert "[TextBlock(citations=None, text='Echo: Hello, seeds', type='text')]" in out, out
    created = [r.json() for r in emulator.requests if r.method == "POST" and r.path == "/v1/messages/batches"]
    assert [[q["custom_id"] for q in body["requests"]] for body in created] == [
        ["seed"], ["my-first-request", "my-second-request"]
    ]  # fmt: skip
    assert any(line.startswith("next page cursor: msgbatch_") for line in out.splitlines()), out
    for example in ("readme_batches_list.py", "readme_batches_list_async.py"):
        listed = run_unchanged(OFFICIAL / example, emulator)
        assert listed.count("MessageBatch(id='msgbatch_") == 2, listed
