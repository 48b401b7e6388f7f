"""The installed distribution: its entry point, its hooks as claude_core sees them, its command."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

from keyring_support import SCRIPT, keyring_file_fixture  # noqa: F401

from claude_core.plugins import describe


def test_the_entry_point_and_the_hooks_it_brings() -> None:
    distribution = metadata.distribution("claude-keyring")
    points = {(point.group, point.name): point.value for point in distribution.entry_points}
    assert points[("claude_core.plugins", "keyring")] == "claude_keyring.plugin"
    assert points[("console_scripts", "claude-keyring")] == "claude_keyring.cli:main"
    assert sorted(distribution.requires or []) == ["claude-core", "keyring>=24"]  # the claude-core command: not needed
    (row,) = [row for row in describe() if row["kind"] == "plugin" and row["name"] == "keyring"]
    assert row["hooks"] == ["claude_credential_places", "claude_credentials"]


def test_the_command_runs_as_a_script_and_as_a_module() -> None:
    for command in ([str(SCRIPT)], [sys.executable, "-m", "claude_keyring"]):
        done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60, check=True)
        assert done.stdout.startswith("usage: claude-keyring ")
