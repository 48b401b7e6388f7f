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
RUN = (
    "import claude_core.alias, runpy, sys; claude_core.alias.install(); "
    "runpy.run_path(sys.argv[1], run_name='__main__')"
)


def test_official_sdk_code_runs_unchanged_through_the_alias(emulator: Emulator) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    env.update(ANTHROPIC_BASE_URL=emulator.base_url, ANTHROPIC_API_KEY=emulator.api_key)
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(USER_CODE)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "official-sdk code ran: 4 traced calls True" in done.stdout


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
